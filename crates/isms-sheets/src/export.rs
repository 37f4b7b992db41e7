//! Exporting the inventory as `.xlsx` or `.csv` (UTF-8 with BOM, so Excel opens it in Japanese), in a shape the importer reads back unchanged; cells that would start a formula are neutralised.

use std::path::Path;

use indexmap::IndexSet;
use isms_core::asset::{Asset, AssetView};
use rust_xlsxwriter::{Format, Workbook};
use serde::Serialize;

use crate::columns::{Vocabulary, FIELDS};
use crate::error::{Result, SheetError};

/// A cell value as exported.
enum Value {
    Text(String),
    Number(f64),
}

fn field_value(a: &Asset, field: &str) -> Value {
    let t = |s: &str| Value::Text(s.to_owned());
    let n = |v: Option<u8>| v.map_or(Value::Text(String::new()), |x| Value::Number(f64::from(x)));
    let d =
        |v: Option<chrono::NaiveDate>| Value::Text(v.map(|x| x.to_string()).unwrap_or_default());
    match field {
        "asset_id" => t(&a.asset_id),
        "name" => t(&a.name),
        "asset_type" => t(&a.asset_type),
        "category" => t(&a.category),
        "classification" => t(a.classification.as_deref().unwrap_or("")),
        "confidentiality" => n(a.confidentiality),
        "integrity" => n(a.integrity),
        "availability" => n(a.availability),
        "owner" => t(&a.owner),
        "custodian" => t(&a.custodian),
        "location" => t(&a.location),
        "media" => t(&a.media),
        "retention" => t(&a.retention),
        "disposal_method" => t(&a.disposal_method),
        "labels" => Value::Text(a.labels.join("、")),
        "notes" => t(&a.notes),
        "last_reviewed" => d(a.last_reviewed),
        "next_review" => d(a.next_review),
        "cloud_purpose" => t(&a.cloud_purpose),
        "cloud_information" => t(&a.cloud_information),
        "controls" => Value::Text(a.controls.join(", ")),
        _ => Value::Text(String::new()),
    }
}

/// Would a spreadsheet program read this text as a formula (or a DDE command)?
pub fn is_formula_like(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// What was written.
#[derive(ts_rs::TS, Debug, Clone, Serialize)]
pub struct ExportSummary {
    pub path: String,
    pub assets: usize,
    pub columns: usize,
}

/// The header row and the rows, as exported.
fn table(assets: &[AssetView], vocab: &Vocabulary) -> (Vec<String>, Vec<Vec<Value>>) {
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
            let mut row: Vec<Value> = FIELDS.iter().map(|f| field_value(&v.asset, f)).collect();
            row.extend(
                custom
                    .iter()
                    .map(|c| Value::Text(v.asset.custom.get(*c).cloned().unwrap_or_default())),
            );
            row
        })
        .collect();
    (header, rows)
}

pub fn export_assets(assets: &[AssetView], path: &Path) -> Result<ExportSummary> {
    let vocab = Vocabulary::load(None)?;
    let (header, rows) = table(assets, &vocab);
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let write_err = |message: String| SheetError::Write {
        path: path.display().to_string(),
        message,
    };
    let bytes = match ext.as_deref() {
        Some("xlsx") => {
            let mut wb = Workbook::new();
            let ws = wb.add_worksheet();
            ws.set_name("情報資産台帳")
                .map_err(|e| write_err(e.to_string()))?;
            let bold = Format::new().set_bold().set_background_color("DCE3F0");
            let quoted = Format::new().set_quote_prefix();
            for (c, h) in header.iter().enumerate() {
                ws.write_string_with_format(0, c as u16, h, &bold)
                    .map_err(|e| write_err(e.to_string()))?;
            }
            for (r, row) in rows.iter().enumerate() {
                for (c, v) in row.iter().enumerate() {
                    let (r, c) = (r as u32 + 1, c as u16);
                    let res = match v {
                        Value::Number(n) => ws.write_number(r, c, *n).map(|_| ()),
                        Value::Text(s) if s.is_empty() => Ok(()),
                        Value::Text(s) if is_formula_like(s) => {
                            ws.write_string_with_format(r, c, s, &quoted).map(|_| ())
                        }
                        Value::Text(s) => ws.write_string(r, c, s).map(|_| ()),
                    };
                    res.map_err(|e| write_err(e.to_string()))?;
                }
            }
            ws.set_freeze_panes(1, 2)
                .map_err(|e| write_err(e.to_string()))?;
            wb.save_to_buffer().map_err(|e| write_err(e.to_string()))?
        }
        Some("csv") => {
            let mut out = b"\xEF\xBB\xBF".to_vec();
            {
                let mut w = csv::WriterBuilder::new()
                    .terminator(csv::Terminator::CRLF)
                    .from_writer(&mut out);
                w.write_record(&header)
                    .map_err(|e| write_err(e.to_string()))?;
                for row in &rows {
                    let cells: Vec<String> = row
                        .iter()
                        .map(|v| match v {
                            Value::Number(n) => format!("{n}"),
                            Value::Text(s) if is_formula_like(s) => format!("'{s}"),
                            Value::Text(s) => s.clone(),
                        })
                        .collect();
                    w.write_record(&cells)
                        .map_err(|e| write_err(e.to_string()))?;
                }
                w.flush().map_err(|e| write_err(e.to_string()))?;
            }
            out
        }
        _ => {
            return Err(SheetError::UnsupportedExport {
                path: path.display().to_string(),
            })
        }
    };
    isms_core::export_file::write_whole(path, &bytes).map_err(|e| write_err(e.to_string()))?;
    Ok(ExportSummary {
        path: path.display().to_string(),
        assets: assets.len(),
        columns: header.len(),
    })
}
