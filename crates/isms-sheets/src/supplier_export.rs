//! The supplier register and the クラウド一覧表 as workbooks (and the register as CSV), through [`crate::workbook`]:
//! labels in Japanese as the lists name them, dates as date cells, levels in their colour.

use std::collections::HashMap;
use std::path::Path;

use isms_core::asset::classification::AssetScheme;
use isms_core::asset::AssetView;
use isms_core::supplier::lists::SupplierLists;
use isms_core::supplier::SupplierView;
use serde::{Deserialize, Serialize};

use crate::error::{Result, SheetError};
use crate::workbook::{self, Cell, Table};

/// The supplier fields a column can hold, in export order (`templates/import/supplier-columns.toml`).
pub const SUPPLIER_FIELDS: [&str; 19] = [
    "supplier_id",
    "name",
    "kind",
    "services",
    "purpose",
    "info_categories",
    "highest_level",
    "criticality",
    "status",
    "subcontracting_allowed",
    "subcontractors",
    "assets",
    "controls",
    "data_location",
    "governing_law",
    "security_url",
    "contact",
    "disclose_as_subprocessor",
    "notes",
];

const EXPORT_ONLY: [&str; 5] = [
    "contracts",
    "certifications",
    "last_evaluation",
    "last_result",
    "next_due",
];

#[derive(Debug, Deserialize)]
pub(crate) struct SupplierColumnsFile {
    pub fields: HashMap<String, Vec<String>>,
    pub export: HashMap<String, Vec<String>>,
}

pub(crate) fn columns_file() -> Result<SupplierColumnsFile> {
    toml::from_str(include_str!(
        "../../../templates/import/supplier-columns.toml"
    ))
    .map_err(|e| SheetError::Mapping {
        path: "templates/import/supplier-columns.toml".to_owned(),
        message: e.message().to_owned(),
    })
}

/// What was written.
#[derive(ts_rs::TS, Debug, Clone, Serialize)]
pub struct RegisterExport {
    pub path: String,
    pub rows: usize,
    pub columns: usize,
}

fn label<'a>(
    entries: impl Iterator<Item = &'a isms_core::supplier::lists::Labelled>,
    id: &str,
) -> String {
    let entries: Vec<_> = entries.collect();
    entries
        .iter()
        .find(|e| e.id == id)
        .map_or_else(|| id.to_owned(), |e| e.ja.clone())
}

fn yes(v: bool) -> Cell {
    Cell::text(if v { "○" } else { "" })
}

fn level_cell(level: &str, scheme: &AssetScheme) -> Cell {
    match scheme.levels.iter().find(|l| l.name_ja == level) {
        Some(l) if !level.is_empty() => Cell::Coloured(level.to_owned(), l.colour.clone()),
        _ => Cell::text(level),
    }
}

fn contracts_text(v: &SupplierView, lists: &SupplierLists) -> String {
    v.supplier
        .contracts
        .iter()
        .map(|c| {
            let name = label(lists.contract_kinds.iter().map(|k| &k.label), &c.kind);
            let dates = match (c.signed_on, c.expires_on) {
                (Some(a), Some(b)) => format!(" {a}〜{b}"),
                (Some(a), None) => format!(" {a}〜"),
                (None, Some(b)) => format!(" 〜{b}"),
                (None, None) => String::new(),
            };
            format!("{name}{dates}")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn certifications_text(v: &SupplierView, lists: &SupplierLists) -> String {
    v.supplier
        .certifications
        .iter()
        .map(|c| {
            let name = label(lists.certification_kinds.iter(), &c.kind);
            let expires = c
                .expires_on
                .map(|d| format!("（{d}まで）"))
                .unwrap_or_default();
            format!("{name} {}{expires}", c.number).trim().to_owned()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The register: every field, then the contracts, certifications and the latest evaluation.
pub fn supplier_table(
    suppliers: &[SupplierView],
    lists: &SupplierLists,
    scheme: &AssetScheme,
) -> Result<Table> {
    let file = columns_file()?;
    let head = |f: &str, map: &HashMap<String, Vec<String>>| {
        map.get(f)
            .and_then(|v| v.first())
            .cloned()
            .unwrap_or_else(|| f.to_owned())
    };
    let mut header: Vec<String> = SUPPLIER_FIELDS
        .iter()
        .map(|f| head(f, &file.fields))
        .collect();
    header.extend(EXPORT_ONLY.iter().map(|f| head(f, &file.export)));
    let rows = suppliers
        .iter()
        .map(|v| {
            let s = &v.supplier;
            let mut row = vec![
                Cell::text(&s.supplier_id),
                Cell::text(&s.name),
                Cell::text(label(lists.kinds.iter().map(|k| &k.label), &s.kind)),
                Cell::text(&s.services),
                Cell::text(&s.purpose),
                Cell::text(
                    s.info_categories
                        .iter()
                        .map(|c| label(lists.info_categories.iter(), c))
                        .collect::<Vec<_>>()
                        .join("、"),
                ),
                level_cell(&s.highest_level, scheme),
                Cell::text(label(
                    lists.criticality.iter().map(|k| &k.label),
                    &s.criticality,
                )),
                Cell::text(label(lists.statuses.iter().map(|k| &k.label), &s.status)),
                yes(s.subcontracting_allowed),
                Cell::text(s.subcontractors.join("、")),
                Cell::text(s.assets.join("、")),
                Cell::text(s.controls.join(", ")),
                Cell::text(&s.data_location),
                Cell::text(&s.governing_law),
                Cell::text(&s.security_url),
                Cell::text(&s.contact),
                yes(s.disclose_as_subprocessor),
                Cell::text(&s.notes),
            ];
            row.push(Cell::text(contracts_text(v, lists)));
            row.push(Cell::text(certifications_text(v, lists)));
            row.push(Cell::date(
                v.last_evaluation.as_ref().map(|e| e.evaluated_on),
            ));
            row.push(Cell::text(
                v.last_evaluation
                    .as_ref()
                    .and_then(|e| e.result)
                    .map(|r| match r {
                        isms_core::supplier::evaluation::EvaluationResult::Pass => "適",
                        isms_core::supplier::evaluation::EvaluationResult::Conditional => {
                            "条件付き適"
                        }
                        isms_core::supplier::evaluation::EvaluationResult::Fail => "不適",
                    })
                    .unwrap_or(""),
            ));
            row.push(Cell::date(v.next_due));
            row
        })
        .collect();
    let mut table = Table {
        sheet: "委託先一覧".to_owned(),
        header,
        widths: Vec::new(),
        rows,
        ..Default::default()
    };
    table.fit_widths();
    Ok(table)
}

/// The supplier register as .xlsx or .csv.
pub fn export_suppliers(
    suppliers: &[SupplierView],
    lists: &SupplierLists,
    scheme: &AssetScheme,
    path: &Path,
) -> Result<RegisterExport> {
    let table = supplier_table(suppliers, lists, scheme)?;
    workbook::write(std::slice::from_ref(&table), path)?;
    Ok(RegisterExport {
        path: path.display().to_string(),
        rows: table.rows.len(),
        columns: table.header.len(),
    })
}

/// One line of the クラウド一覧表: a cloud service with what it is used for and what it holds (from the linked
/// assets' cloud fields, which stay the source on the asset side).
#[derive(Debug, Clone, Serialize)]
pub struct CloudLine {
    pub supplier_id: String,
    pub name: String,
    pub services: String,
    pub purpose: String,
    pub information: String,
    pub highest_level: String,
    pub data_location: String,
    pub governing_law: String,
    pub criticality: String,
    pub status: String,
    pub certifications: String,
    pub last_evaluation: Option<chrono::NaiveDate>,
    pub next_due: Option<chrono::NaiveDate>,
}

/// The cloud-service suppliers (kinds marked `cloud`) with their linked assets' purpose and information.
pub fn cloud_lines(
    suppliers: &[SupplierView],
    assets: &[AssetView],
    lists: &SupplierLists,
) -> Vec<CloudLine> {
    let by_id: HashMap<&str, &AssetView> = assets
        .iter()
        .map(|a| (a.asset.asset_id.as_str(), a))
        .collect();
    suppliers
        .iter()
        .filter(|v| lists.kind(&v.supplier.kind).is_some_and(|k| k.cloud))
        .map(|v| {
            let s = &v.supplier;
            let linked: Vec<&AssetView> = s
                .assets
                .iter()
                .filter_map(|a| by_id.get(a.as_str()).copied())
                .collect();
            let mut purpose: Vec<String> = Vec::new();
            if !s.purpose.is_empty() {
                purpose.push(s.purpose.clone());
            }
            for a in &linked {
                if !a.asset.cloud_purpose.is_empty() && !purpose.contains(&a.asset.cloud_purpose) {
                    purpose.push(a.asset.cloud_purpose.clone());
                }
            }
            let information: Vec<String> = linked
                .iter()
                .map(|a| {
                    if a.asset.cloud_information.is_empty() {
                        format!("{} {}", a.asset.asset_id, a.asset.name)
                    } else {
                        format!(
                            "{} {}（{}）",
                            a.asset.asset_id, a.asset.name, a.asset.cloud_information
                        )
                    }
                })
                .collect();
            CloudLine {
                supplier_id: s.supplier_id.clone(),
                name: s.name.clone(),
                services: s.services.clone(),
                purpose: purpose.join("\n"),
                information: information.join("\n"),
                highest_level: s.highest_level.clone(),
                data_location: s.data_location.clone(),
                governing_law: s.governing_law.clone(),
                criticality: label(lists.criticality.iter().map(|k| &k.label), &s.criticality),
                status: label(lists.statuses.iter().map(|k| &k.label), &s.status),
                certifications: certifications_text(v, lists),
                last_evaluation: v.last_evaluation.as_ref().map(|e| e.evaluated_on),
                next_due: v.next_due,
            }
        })
        .collect()
}

/// The クラウド一覧表 as .xlsx.
pub fn export_cloud_services(
    lines: &[CloudLine],
    scheme: &AssetScheme,
    path: &Path,
) -> Result<RegisterExport> {
    let header = [
        "ID",
        "クラウドサービス名",
        "提供サービス",
        "利用目的",
        "保存する情報（関連資産）",
        "最高機密区分",
        "データ保管場所",
        "準拠法",
        "重要度",
        "状態",
        "認証",
        "最終評価日",
        "次回評価期限",
    ];
    let rows = lines
        .iter()
        .map(|l| {
            vec![
                Cell::text(&l.supplier_id),
                Cell::text(&l.name),
                Cell::text(&l.services),
                Cell::text(&l.purpose),
                Cell::text(&l.information),
                level_cell(&l.highest_level, scheme),
                Cell::text(&l.data_location),
                Cell::text(&l.governing_law),
                Cell::text(&l.criticality),
                Cell::text(&l.status),
                Cell::text(&l.certifications),
                Cell::date(l.last_evaluation),
                Cell::date(l.next_due),
            ]
        })
        .collect();
    let mut table = Table {
        sheet: "クラウド一覧表".to_owned(),
        header: header.iter().map(|h| (*h).to_owned()).collect(),
        widths: Vec::new(),
        rows,
        ..Default::default()
    };
    table.fit_widths();
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if ext.as_deref() != Some("xlsx") {
        return Err(SheetError::UnsupportedExport {
            path: path.display().to_string(),
        });
    }
    workbook::write(std::slice::from_ref(&table), path)?;
    Ok(RegisterExport {
        path: path.display().to_string(),
        rows: table.rows.len(),
        columns: table.header.len(),
    })
}
