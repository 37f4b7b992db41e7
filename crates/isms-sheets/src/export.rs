//! Exporting the inventory as `.xlsx` (through [`crate::workbook`]: frozen header, autofilter, fitted widths, date
//! cells, each level's colour on its cell) or `.csv` (UTF-8 with BOM, so Excel opens it in Japanese), in a shape the
//! importer reads back unchanged; and the department workbook of an inventory round: that department's assets in the
//! same shape, with dropdown lists for the level, C/I/A and the retirement method, and an instructions sheet carrying
//! the round, the due date and the workbook id the answer is matched with.

use std::path::Path;

use indexmap::IndexSet;
use isms_core::asset::classification::AssetScheme;
use isms_core::asset::lifecycle::RetirementMethod;
use isms_core::asset::round::RoundExport;
use isms_core::asset::{Asset, AssetView};
use serde::Serialize;

use crate::columns::{Vocabulary, FIELDS};
use crate::error::Result;
use crate::round::{wording, workbook_id_label};
use crate::workbook::{self, Cell, Choice, Table};

/// What was written.
#[derive(ts_rs::TS, Debug, Clone, Serialize)]
pub struct ExportSummary {
    pub path: String,
    pub assets: usize,
    pub columns: usize,
}

/// Would a spreadsheet program read this text as a formula (or a DDE command)?
pub fn is_formula_like(text: &str) -> bool {
    workbook::is_formula_like(text)
}

fn field_cell(a: &Asset, field: &str, scheme: &AssetScheme, methods: &[RetirementMethod]) -> Cell {
    let n = |v: Option<u8>| v.map_or(Cell::Empty, |x| Cell::Number(f64::from(x)));
    let r = a.retirement.as_ref();
    match field {
        "asset_id" => Cell::text(&a.asset_id),
        "name" => Cell::text(&a.name),
        "asset_type" => Cell::text(&a.asset_type),
        "category" => Cell::text(&a.category),
        "classification" => match a.classification.as_deref() {
            Some(name) => match scheme.levels.iter().find(|l| l.name_ja == name) {
                Some(l) => Cell::Coloured(name.to_owned(), l.colour.clone()),
                None => Cell::text(name),
            },
            None => Cell::Empty,
        },
        "confidentiality" => n(a.confidentiality),
        "integrity" => n(a.integrity),
        "availability" => n(a.availability),
        "department" => Cell::text(&a.department),
        "owner" => Cell::text(&a.owner),
        "custodian" => Cell::text(&a.custodian),
        "location" => Cell::text(&a.location),
        "media" => Cell::text(&a.media),
        "retention" => Cell::text(&a.retention),
        "disposal_method" => Cell::text(&a.disposal_method),
        "labels" => Cell::text(a.labels.join("、")),
        "notes" => Cell::text(&a.notes),
        "last_reviewed" => Cell::date(a.last_reviewed),
        "next_review" => Cell::date(a.next_review),
        "cloud_purpose" => Cell::text(&a.cloud_purpose),
        "cloud_information" => Cell::text(&a.cloud_information),
        "controls" => Cell::text(a.controls.join(", ")),
        "retired_on" => Cell::date(r.map(|r| r.on)),
        "retirement_method" => Cell::text(r.map_or(String::new(), |r| {
            methods
                .iter()
                .find(|m| m.id == r.method)
                .map_or_else(|| r.method.clone(), |m| m.ja.clone())
        })),
        "retirement_approver" => Cell::text(r.map_or("", |r| r.approver.as_str())),
        "retirement_note" => Cell::text(r.map_or("", |r| r.note.as_str())),
        _ => Cell::Empty,
    }
}

/// The register as one table: every field in export order, then the custom columns.
fn register_table(
    assets: &[AssetView],
    vocab: &Vocabulary,
    scheme: &AssetScheme,
    sheet: &str,
) -> Result<Table> {
    let methods = isms_core::asset::lifecycle::retirement_methods()?;
    let custom: IndexSet<&str> = assets
        .iter()
        .flat_map(|a| a.asset.custom.keys().map(String::as_str))
        .collect();
    let mut header: Vec<String> = FIELDS
        .iter()
        .map(|f| vocab.export_header(f).to_owned())
        .collect();
    header.extend(custom.iter().map(|c| (*c).to_owned()));
    let rows = assets
        .iter()
        .map(|v| {
            let mut row: Vec<Cell> = FIELDS
                .iter()
                .map(|f| field_cell(&v.asset, f, scheme, methods))
                .collect();
            row.extend(
                custom
                    .iter()
                    .map(|c| Cell::text(v.asset.custom.get(*c).cloned().unwrap_or_default())),
            );
            row
        })
        .collect();
    Ok(Table {
        sheet: sheet.to_owned(),
        header,
        rows,
        ..Default::default()
    })
}

/// Writes `assets` to `path` (.xlsx or .csv) as the register the importer reads back unchanged.
pub fn export_assets(
    assets: &[AssetView],
    scheme: &AssetScheme,
    path: &Path,
) -> Result<ExportSummary> {
    let vocab = Vocabulary::load(None)?;
    let mut table = register_table(assets, &vocab, scheme, "情報資産台帳")?;
    table.fit_widths();
    workbook::write(std::slice::from_ref(&table), path)?;
    Ok(ExportSummary {
        path: path.display().to_string(),
        assets: assets.len(),
        columns: table.header.len(),
    })
}

fn fill(text: &str, values: &[(&str, &str)]) -> String {
    values.iter().fold(text.to_owned(), |t, (k, v)| {
        t.replace(&format!("{{{k}}}"), v)
    })
}

/// Writes the department workbook of a round (.xlsx): its register sheet, with dropdowns, and its instructions sheet
/// with the workbook id.
pub fn export_department_workbook(
    export: &RoundExport,
    scheme: &AssetScheme,
    path: &Path,
) -> Result<ExportSummary> {
    let w = wording()?;
    let vocab = Vocabulary::load(None)?;
    let methods = isms_core::asset::lifecycle::retirement_methods()?;
    let mut register = register_table(&export.assets, &vocab, scheme, &w.register_sheet)?;
    let column = |field: &str| FIELDS.iter().position(|f| *f == field).unwrap_or(0);
    let scale = |max: u8| (1..=max).map(|n| n.to_string()).collect::<Vec<_>>();
    let level_names: Vec<String> = scheme.levels.iter().map(|l| l.name_ja.clone()).collect();
    let method_names: Vec<String> = methods.iter().map(|m| m.ja.clone()).collect();
    register.choices = vec![
        Choice {
            column: column("classification"),
            values: level_names.clone(),
            strict: true,
            prompt: Some(level_names.join(" / ")),
        },
        Choice {
            column: column("confidentiality"),
            values: scale(scheme.scales.confidentiality),
            strict: true,
            prompt: None,
        },
        Choice {
            column: column("integrity"),
            values: scale(scheme.scales.integrity),
            strict: true,
            prompt: None,
        },
        Choice {
            column: column("availability"),
            values: scale(scheme.scales.availability),
            strict: true,
            prompt: None,
        },
        Choice {
            column: column("retirement_method"),
            values: method_names.clone(),
            strict: true,
            prompt: Some(method_names.join(" / ")),
        },
    ];
    register.fit_widths();

    let due = export.round.due_on.to_string();
    let year = export.round.year.to_string();
    let levels = level_names.join("・");
    let method_list = method_names.join("・");
    let values = [
        ("year", year.as_str()),
        ("department", export.department.as_str()),
        ("due", due.as_str()),
        ("levels", levels.as_str()),
        ("methods", method_list.as_str()),
    ];
    let f = &w.fields;
    let pair = |label: &str, value: Cell| vec![Cell::Strong(label.to_owned()), value];
    let mut rows = vec![
        pair(&f.round, Cell::text(&export.round.round_id)),
        pair(&f.department, Cell::text(&export.department)),
        pair(&f.due, Cell::Date(export.round.due_on)),
        pair(&f.sent, Cell::text(&export.exported_at)),
        pair(&f.assets, Cell::Number(export.assets.len() as f64)),
        pair(&f.levels, Cell::text(&levels)),
        pair(&f.methods, Cell::text(&method_list)),
        pair(&workbook_id_label(w), Cell::text(&export.workbook_id)),
        vec![],
    ];
    rows.extend(
        w.instructions
            .iter()
            .map(|line| vec![Cell::Empty, Cell::text(fill(line, &values))]),
    );
    let instructions = Table {
        sheet: w.instructions_sheet.clone(),
        header: Vec::new(),
        widths: vec![26.0, 110.0],
        rows,
        preamble: vec![vec![Cell::Strong(fill(&w.title, &values))]],
        plain: true,
        ..Default::default()
    };
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if ext.as_deref() != Some("xlsx") {
        return Err(crate::SheetError::UnsupportedExport {
            path: path.display().to_string(),
        });
    }
    workbook::write(&[register.clone(), instructions], path)?;
    Ok(ExportSummary {
        path: path.display().to_string(),
        assets: export.assets.len(),
        columns: register.header.len(),
    })
}
