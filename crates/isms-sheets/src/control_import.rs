//! Importing an existing Statement of Applicability spreadsheet (適用宣言書) into the control register through the
//! shared driver: control id or title, 適用/除外, reasons, exclusion justification, implementation, status, owner,
//! documents. A sheet written against ISO/IEC 27001:2013 (A.5.1.1 …) is placed on the 2022 controls through the mapping
//! catalogue; the report lists every row it could not place and every 2022 control that received text from several
//! 2013 rows (their texts are kept side by side, each with its 2013 id).

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use isms_core::batch::BatchOutcome;
use isms_core::catalogue::{Framework, Link};
use isms_core::register::store::RegisterRow;
use isms_core::register::{
    ImplementationStatus, InclusionReason, RegisterEntry, RegisterFilter, RegisterPatch,
    RelatedDocument,
};
use isms_core::store::ControlIds;
use isms_core::Store;

use crate::columns::{normalise_header, ColumnsSpec, CONTROL_COLUMNS};
use crate::error::Result;
use crate::layout::Layout;
use crate::record_import::{import_records, RecordKind, Row};
use crate::report::{ImportOptions, ImportProgress, ImportReport, RowError};
use crate::values::split_list;

/// The register fields an SoA column can hold.
pub const CONTROL_FIELDS: [&str; 9] = [
    "control_id",
    "title",
    "applicable",
    "inclusion_reasons",
    "exclusion_justification",
    "implementation",
    "status",
    "responsible_role",
    "related_documents",
];

/// The rows placed on one control: (the id the row named, what it sets, its row).
type Sources = Vec<(String, RegisterPatch, usize)>;

/// One row read: the control it names (as in the catalogues) and what it sets.
struct SoaRow {
    control: String,
    patch: RegisterPatch,
    row: usize,
}

#[derive(Default)]
struct Soa {
    ids: Option<ControlIds>,
    /// normalised title (ja or en) → control id
    titles: HashMap<String, String>,
    entries: HashMap<String, RegisterEntry>,
    links: Vec<Link>,
    notes: Vec<String>,
}

fn applicable(text: &str) -> std::result::Result<Option<bool>, ()> {
    let t = normalise_header(text);
    match t.as_str() {
        "" => Ok(None),
        "○" | "〇" | "◯" | "✓" | "適用" | "有" | "あり" | "yes" | "y" | "applicable"
        | "included" | "1" | "採用" => Ok(Some(true)),
        "×" | "✕" | "除外" | "適用除外" | "非適用" | "適用外" | "無" | "なし" | "no" | "n"
        | "excluded" | "notapplicable" | "0" | "不採用" => Ok(Some(false)),
        _ => Err(()),
    }
}

fn status(text: &str) -> std::result::Result<Option<ImplementationStatus>, ()> {
    let t = normalise_header(text);
    Ok(Some(match t.as_str() {
        "" => return Ok(None),
        "実施済み" | "実施済" | "済" | "済み" | "実施" | "導入済み" | "implemented" | "done" => {
            ImplementationStatus::Implemented
        }
        "一部実施"
        | "一部"
        | "一部実施済み"
        | "partiallyimplemented"
        | "partial"
        | "inprogress"
        | "実施中" => ImplementationStatus::PartiallyImplemented,
        "計画済み" | "計画中" | "予定" | "planned" => ImplementationStatus::Planned,
        "未着手" | "未実施" | "未" | "notstarted" => ImplementationStatus::NotStarted,
        _ => return Err(()),
    }))
}

fn reason(text: &str) -> Option<InclusionReason> {
    let t = normalise_header(text);
    let has = |w: &[&str]| w.iter().any(|x| t.contains(x));
    Some(if has(&["リスク", "risk"]) {
        InclusionReason::RiskAssessment
    } else if has(&["法", "規制", "legal", "regulat"]) {
        InclusionReason::LegalRegulatory
    } else if has(&["契約", "contract"]) {
        InclusionReason::Contractual
    } else if has(&["事業", "業務", "business"]) {
        InclusionReason::BusinessRequirement
    } else if has(&["ベストプラクティス", "best"]) {
        InclusionReason::BestPractice
    } else {
        return None;
    })
}

impl RecordKind for Soa {
    type Change = SoaRow;

    fn spec(&self) -> &'static ColumnsSpec {
        &CONTROL_COLUMNS
    }

    fn required(&self) -> &'static [(&'static str, &'static str)] {
        &[]
    }

    fn prepare(&mut self, store: &Store, layout: &Layout) -> Result<()> {
        if layout.header_of("control_id").is_none() && layout.header_of("title").is_none() {
            layout.require(
                Path::new(""),
                "",
                &[("control_id", "control number (管理策番号)")],
            )?;
        }
        self.ids = Some(store.control_ids()?);
        for e in store.list_controls(&RegisterFilter::default())? {
            for t in [&e.control.title_ja, &e.control.title_en] {
                self.titles
                    .entry(normalise_header(t))
                    .or_insert_with(|| e.control.id.clone());
            }
            self.entries.insert(e.control.id.clone(), e);
        }
        self.links = store.mapping_links()?;
        Ok(())
    }

    fn plan(&mut self, row: &Row<'_>) -> std::result::Result<SoaRow, Vec<RowError>> {
        let mut errors = Vec::new();
        let ids = self.ids.as_ref();
        let typed = row.text("control_id").unwrap_or_default();
        let control = if !typed.is_empty() {
            let id = typed.trim_start_matches("附属書").trim();
            match ids.and_then(|i| i.resolve(id)) {
                Some(c) => Some(c.to_owned()),
                None => {
                    errors.push(row.error("control_id", "no control with this number in ISO/IEC 27001:2022, ISO/IEC 27017 or ISO/IEC 27002:2013"));
                    None
                }
            }
        } else {
            match row.text("title").filter(|t| !t.is_empty()) {
                Some(t) => match self.titles.get(&normalise_header(&t)) {
                    Some(id) => Some(id.clone()),
                    None => {
                        errors.push(row.error(
                            "title",
                            "no control with this title (give the control number)",
                        ));
                        None
                    }
                },
                None => {
                    errors.push(row.error("control_id", "the control number or title is required"));
                    None
                }
            }
        };
        let mut patch = RegisterPatch::default();
        if let Some(t) = row.text("applicable") {
            match applicable(&t) {
                Ok(v) => {
                    if v.is_some() {
                        patch.applicable = Some(v);
                    }
                }
                Err(()) => {
                    errors.push(row.error("applicable", "is not 適用 / 除外 (○ / ×, yes / no)"))
                }
            }
        }
        if let Some(t) = row.text("inclusion_reasons").filter(|t| !t.is_empty()) {
            let mut reasons = Vec::new();
            for r in split_list(&t) {
                match reason(&r) {
                    Some(x) => reasons.push(x),
                    None => errors.push(row.error(
                        "inclusion_reasons",
                        format!("`{r}` is not a reason for inclusion (リスクアセスメント, 法令・規制, 契約, 事業上の要求, ベストプラクティス)"),
                    )),
                }
            }
            patch.inclusion_reasons = Some(reasons);
        }
        if let Some(t) = row
            .text("exclusion_justification")
            .filter(|t| !t.is_empty())
        {
            patch.exclusion_justification = Some(t);
        }
        if let Some(t) = row.text("implementation").filter(|t| !t.is_empty()) {
            patch.implementation = Some(t);
        }
        if let Some(t) = row.text("status") {
            match status(&t) {
                Ok(v) => patch.status = v,
                Err(()) => errors
                    .push(row.error("status", "is not 実施済み / 一部実施 / 計画済み / 未着手")),
            }
        }
        if let Some(t) = row.text("responsible_role").filter(|t| !t.is_empty()) {
            patch.responsible_role = Some(t);
        }
        if let Some(t) = row.text("related_documents").filter(|t| !t.is_empty()) {
            let docs: std::result::Result<Vec<RelatedDocument>, _> = t
                .split(['\n', '、', ';', '；'])
                .filter(|d| !d.trim().is_empty())
                .map(RelatedDocument::parse)
                .collect();
            match docs {
                Ok(d) => patch.related_documents = Some(d),
                Err(e) => errors.push(row.error("related_documents", e.to_string())),
            }
        }
        // Applicable with no reason given: the register still records the decision.
        match (control, errors.is_empty()) {
            (Some(control), true) => Ok(SoaRow {
                control,
                patch,
                row: row.row as usize + 1,
            }),
            _ => Err(errors),
        }
    }

    fn write(
        &mut self,
        store: &mut Store,
        changes: Vec<SoaRow>,
        options: &ImportOptions,
        _source: (&str, &str),
    ) -> Result<BatchOutcome> {
        // 2013 rows go to their 2022 counterparts; several rows for one control are merged.
        let mut targets: BTreeMap<usize, (String, Sources)> = BTreeMap::new();
        let mut order: HashMap<String, usize> = HashMap::new();
        let mut unplaced = Vec::new();
        for c in changes {
            let framework = self.entries.get(&c.control).map(|e| e.control.framework);
            let goals: Vec<String> = if framework == Some(Framework::Iso27002_2013) {
                self.links
                    .iter()
                    .filter(|l| l.from == c.control)
                    .map(|l| l.to.clone())
                    .collect()
            } else {
                vec![c.control.clone()]
            };
            if goals.is_empty() {
                unplaced.push(format!("{} (row {})", c.control, c.row));
            }
            for goal in goals {
                let next = order.len();
                let slot = *order.entry(goal.clone()).or_insert(next);
                targets
                    .entry(slot)
                    .or_insert_with(|| (goal.clone(), Vec::new()))
                    .1
                    .push((c.control.clone(), c.patch.clone(), c.row));
            }
        }
        if !unplaced.is_empty() {
            self.notes.push(format!(
                "{} rows could not be placed on a 2022 control: {}",
                unplaced.len(),
                unplaced.join(", ")
            ));
        }
        let mut merged_notes = Vec::new();
        let rows: Vec<RegisterRow> = targets
            .into_values()
            .map(|(goal, sources)| {
                if sources.len() > 1 {
                    merged_notes.push(format!(
                        "{goal} ← {}",
                        sources
                            .iter()
                            .map(|(s, _, _)| s.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                }
                RegisterRow {
                    control_id: goal,
                    source_row: sources[0].2,
                    patch: merge(&sources),
                }
            })
            .collect();
        if !merged_notes.is_empty() {
            self.notes.push(format!(
                "{} controls received text from several rows (kept side by side): {}",
                merged_notes.len(),
                merged_notes.join("; ")
            ));
        }
        Ok(store.import_register(rows, options.dry_run)?)
    }

    fn notes(&self) -> Vec<String> {
        self.notes.clone()
    }
}

/// One patch from several rows for the same control: applicable if any row is, excluded only if all are; texts
/// side by side with the row's control id in front; lists united; the least advanced status.
fn merge(sources: &[(String, RegisterPatch, usize)]) -> RegisterPatch {
    if let [(_, only, _)] = sources {
        return only.clone();
    }
    let decided: Vec<bool> = sources
        .iter()
        .filter_map(|(_, p, _)| p.applicable.flatten())
        .collect();
    let mut p = RegisterPatch {
        applicable: if decided.contains(&true) {
            Some(Some(true))
        } else if !decided.is_empty() && decided.len() == sources.len() {
            Some(Some(false))
        } else {
            None
        },
        ..Default::default()
    };
    let joined = |get: &dyn Fn(&RegisterPatch) -> Option<&String>| -> Option<String> {
        let parts: Vec<String> = sources
            .iter()
            .filter_map(|(id, s, _)| {
                get(s)
                    .filter(|t| !t.is_empty())
                    .map(|t| format!("{id}: {t}"))
            })
            .collect();
        (!parts.is_empty()).then(|| parts.join("\n"))
    };
    p.implementation = joined(&|s| s.implementation.as_ref());
    p.exclusion_justification = joined(&|s| s.exclusion_justification.as_ref());
    let mut roles: Vec<String> = Vec::new();
    let mut reasons = Vec::new();
    let mut docs = Vec::new();
    let rank = |s: ImplementationStatus| match s {
        ImplementationStatus::NotStarted => 0,
        ImplementationStatus::Planned => 1,
        ImplementationStatus::PartiallyImplemented => 2,
        ImplementationStatus::Implemented => 3,
    };
    for (_, s, _) in sources {
        if let Some(r) = s.responsible_role.as_ref().filter(|r| !roles.contains(r)) {
            roles.push(r.clone());
        }
        for r in s.inclusion_reasons.iter().flatten() {
            if !reasons.contains(r) {
                reasons.push(*r);
            }
        }
        for d in s.related_documents.iter().flatten() {
            if !docs.contains(d) {
                docs.push(d.clone());
            }
        }
        if let Some(st) = s.status {
            if p.status.is_none_or(|cur| rank(st) < rank(cur)) {
                p.status = Some(st);
            }
        }
    }
    p.responsible_role = (!roles.is_empty()).then(|| roles.join("、"));
    p.inclusion_reasons = (!reasons.is_empty()).then_some(reasons);
    p.related_documents = (!docs.is_empty()).then_some(docs);
    p
}

/// Imports an SoA spreadsheet into the control register.
pub fn import_controls(
    store: &mut Store,
    path: &Path,
    options: &ImportOptions,
    progress: &mut dyn FnMut(ImportProgress),
) -> Result<ImportReport> {
    import_records(&mut Soa::default(), store, path, options, progress)
}
