//! Importing a supplier list (委託先一覧, クラウド一覧表) into the supplier register through the shared driver: kinds,
//! statuses and criticality by their Japanese or English labels, ○/× and 可/否 for yes/no, lists split on 、 and ,.
//! A list without an id column updates the supplier of the same name, or adds it with the next SUP- id.

use std::path::Path;

use isms_core::batch::BatchOutcome;
use isms_core::supplier::store::SupplierRow;
use isms_core::supplier::SupplierPatch;
use isms_core::Store;

use crate::columns::{ColumnsSpec, SUPPLIER_COLUMNS};
use crate::error::Result;
use crate::layout::Layout;
use crate::record_import::{import_records, RecordKind, Row};
use crate::report::{ImportOptions, ImportProgress, ImportReport, RowError};
use crate::values::{clean_code, split_list};

/// Yes/no as registers write it; `None` for an empty cell.
pub(crate) fn yes_no(text: &str) -> std::result::Result<Option<bool>, ()> {
    let t = text.trim().to_lowercase();
    match t.as_str() {
        "" => Ok(None),
        "○" | "〇" | "◯" | "✓" | "✔" | "可" | "有" | "あり" | "はい" | "yes" | "y" | "true"
        | "1" | "許可" => Ok(Some(true)),
        "×" | "✕" | "-" | "－" | "不可" | "否" | "無" | "なし" | "いいえ" | "no" | "n"
        | "false" | "0" => Ok(Some(false)),
        _ => Err(()),
    }
}

struct Suppliers {
    has_id: bool,
    matched_by_name: usize,
}

impl RecordKind for Suppliers {
    type Change = SupplierRow;

    fn spec(&self) -> &'static ColumnsSpec {
        &SUPPLIER_COLUMNS
    }

    fn required(&self) -> &'static [(&'static str, &'static str)] {
        &[("name", "supplier's name (委託先名)")]
    }

    fn prepare(&mut self, _store: &Store, layout: &Layout) -> Result<()> {
        self.has_id = layout.header_of("supplier_id").is_some();
        Ok(())
    }

    fn plan(&mut self, row: &Row<'_>) -> std::result::Result<SupplierRow, Vec<RowError>> {
        let mut errors = Vec::new();
        let mut patch = SupplierPatch::default();
        let text = |f: &str| row.text(f).filter(|t| !t.is_empty());
        let list = |f: &str| row.text(f).map(|t| split_list(&t));
        let supplier_id = row
            .field("supplier_id")
            .map(|(c, _)| clean_code(&crate::values::cell_text(c)))
            .unwrap_or_default();
        if self.has_id && supplier_id.is_empty() {
            errors.push(row.error(
                "supplier_id",
                "the supplier id is required: this row has none",
            ));
        }
        match text("name") {
            Some(n) => patch.name = Some(n),
            None => errors.push(row.error("name", "the supplier's name is required")),
        }
        patch.kind = text("kind");
        patch.services = text("services");
        patch.purpose = text("purpose");
        patch.info_categories = list("info_categories").filter(|l| !l.is_empty());
        patch.highest_level = text("highest_level");
        patch.criticality = text("criticality");
        patch.status = text("status");
        patch.subcontractors = list("subcontractors").filter(|l| !l.is_empty());
        patch.assets = list("assets").filter(|l| !l.is_empty());
        patch.controls = list("controls").filter(|l| !l.is_empty());
        patch.data_location = text("data_location");
        patch.governing_law = text("governing_law");
        patch.security_url = text("security_url");
        patch.contact = text("contact");
        patch.notes = text("notes");
        for (field, slot) in [
            ("subcontracting_allowed", &mut patch.subcontracting_allowed),
            (
                "disclose_as_subprocessor",
                &mut patch.disclose_as_subprocessor,
            ),
        ] {
            if let Some(t) = row.text(field) {
                match yes_no(&t) {
                    Ok(v) => *slot = v,
                    Err(()) => {
                        errors.push(row.error(field, "is not yes or no (○ / ×, 可 / 否, yes / no)"))
                    }
                }
            }
        }
        if !self.has_id {
            self.matched_by_name += 1;
        }
        if errors.is_empty() {
            Ok(SupplierRow {
                supplier_id,
                patch,
                source_row: row.row as usize + 1,
            })
        } else {
            Err(errors)
        }
    }

    fn write(
        &mut self,
        store: &mut Store,
        changes: Vec<SupplierRow>,
        options: &ImportOptions,
        source: (&str, &str),
    ) -> Result<BatchOutcome> {
        Ok(store.import_suppliers(
            changes,
            options.mode == isms_core::asset::ImportMode::Insert,
            Some(source),
            options.dry_run,
        )?)
    }

    fn notes(&self) -> Vec<String> {
        if self.has_id || self.matched_by_name == 0 {
            return Vec::new();
        }
        vec![format!(
            "the list has no id column: its {} rows were matched to suppliers by name (new ones get the next SUP- id)",
            self.matched_by_name
        )]
    }
}

/// Imports a supplier list (xlsx/xlsm/xls/ods or CSV in UTF-8 / Shift_JIS) into the register.
pub fn import_suppliers(
    store: &mut Store,
    path: &Path,
    options: &ImportOptions,
    progress: &mut dyn FnMut(ImportProgress),
) -> Result<ImportReport> {
    import_records(
        &mut Suppliers {
            has_id: false,
            matched_by_name: 0,
        },
        store,
        path,
        options,
        progress,
    )
}
