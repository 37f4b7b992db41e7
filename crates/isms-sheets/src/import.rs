//! Importing an asset register: find the sheet and header row, map the columns, turn every row into a change or into errors that name sheet, Excel row, column and value; then apply the changes in one transaction (or roll them back for a dry run).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use calamine::Data;
use indexmap::IndexMap;
use isms_core::asset::{AssetPatch, ImportMode};
use isms_core::classification::AssetScheme;
use isms_core::inventory::AssetChange;
use isms_core::Store;
use serde::Serialize;

use crate::columns::{Vocabulary, FIELDS};
use crate::error::{Result, SheetError};
use crate::source::{self, SheetData};
use crate::values::{cell_text, clean_code, clean_text, parse_date, parse_scale, split_list};

#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub sheet: Option<String>,
    pub mapping: Option<PathBuf>,
    /// Column header → field name, `custom` (keep as a custom field) or `ignore`: overrides what was detected.
    pub columns: IndexMap<String, String>,
    pub mode: ImportMode,
    pub dry_run: bool,
}

/// A problem with one cell (or one row), as a person finds it in Excel.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowError {
    pub sheet: String,
    /// The Excel row number (1-based), or the CSV line.
    pub row: u32,
    /// The column's header as written in the file.
    pub column: String,
    pub value: String,
    pub message: String,
}

/// A row that was left out on purpose.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SkippedRow {
    pub sheet: String,
    pub row: u32,
    pub reason: String,
}

/// How far an import has got.
#[derive(ts_rs::TS, Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ImportProgress {
    pub rows_done: usize,
    pub rows_total: usize,
}

/// What an import did (or, with `dry_run`, would do).
#[derive(ts_rs::TS, Debug, Clone, Serialize)]
pub struct ImportReport {
    pub dry_run: bool,
    pub sheet: String,
    pub header_row: u32,
    pub inserted: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Blank rows, total/footer rows, and (insert-only) assets that already exist.
    pub skipped: usize,
    /// Rows not imported because of errors.
    pub rejected: usize,
    pub errors: Vec<RowError>,
    pub skipped_rows: Vec<SkippedRow>,
    /// Column header → the field it fed (`custom` for columns kept as custom fields).
    pub mapping: IndexMap<String, String>,
}

/// The columns of the chosen sheet.
struct Layout {
    sheet_index: usize,
    header_row: u32,
    first_col: u32,
    /// (absolute column, header text, field or None for a custom column)
    columns: Vec<(u32, String, Option<&'static str>)>,
    /// Columns the user chose to leave out: (absolute column, header text).
    ignored: Vec<(u32, String)>,
}

fn find_layout(
    path: &Path,
    sheets: &[SheetData],
    vocab: &Vocabulary,
    wanted: Option<&str>,
    overrides: &IndexMap<String, String>,
) -> Result<Layout> {
    let candidates: Vec<usize> = match wanted {
        Some(name) => {
            let i = sheets.iter().position(|s| s.name == name).ok_or_else(|| {
                SheetError::NoSuchSheet {
                    path: path.display().to_string(),
                    sheet: name.to_owned(),
                    available: sheets
                        .iter()
                        .map(|s| s.name.clone())
                        .collect::<Vec<_>>()
                        .join(", "),
                }
            })?;
            vec![i]
        }
        None => (0..sheets.len()).collect(),
    };
    let mut best: Option<(usize, usize, u32)> = None;
    for i in candidates {
        let sheet = &sheets[i];
        let Some(((r0, c0), (r1, c1))) = sheet.bounds() else {
            continue;
        };
        for row in r0..=r1.min(r0 + 30) {
            let cells: Vec<String> = (c0..=c1).map(|c| cell_text(sheet.cell(row, c))).collect();
            let score = vocab.header_score(&cells);
            if score > 0 && best.is_none_or(|(_, s, _)| score > s) {
                best = Some((i, score, row));
            }
        }
    }
    let (sheet_index, _, header_row) = best.ok_or_else(|| SheetError::NoHeader {
        path: path.display().to_string(),
    })?;
    let sheet = &sheets[sheet_index];
    let ((_, c0), (_, c1)) = sheet.bounds().unwrap_or(((0, 0), (0, 0)));
    let headers: Vec<String> = (c0..=c1)
        .map(|c| cell_text(sheet.cell(header_row, c)))
        .collect();
    let mut fields = vocab.map_header(&headers);
    let mut ignore = vec![false; headers.len()];
    for (header, target) in overrides {
        let Some(i) = headers.iter().position(|h| h.trim() == header.trim()) else {
            continue;
        };
        match target.as_str() {
            "ignore" => ignore[i] = true,
            "custom" => fields[i] = None,
            name => {
                let field =
                    FIELDS
                        .iter()
                        .find(|f| **f == name)
                        .ok_or_else(|| SheetError::Mapping {
                            path: "column mapping".to_owned(),
                            message: format!(
                                "`{header}` → unknown field `{name}` (fields: {}, custom, ignore)",
                                FIELDS.join(", ")
                            ),
                        })?;
                // One column per field: the one the user chose.
                for f in fields.iter_mut().filter(|f| **f == Some(*field)) {
                    *f = None;
                }
                fields[i] = Some(field);
            }
        }
    }
    let mut columns = Vec::new();
    let mut ignored = Vec::new();
    for (i, (h, f)) in headers.into_iter().zip(fields).enumerate() {
        if ignore[i] {
            ignored.push((c0 + i as u32, h));
        } else {
            columns.push((c0 + i as u32, h, f));
        }
    }
    Ok(Layout {
        sheet_index,
        header_row,
        first_col: c0,
        columns,
        ignored,
    })
}

/// Builds the change for one row, or the errors that reject it.
fn row_change(
    sheet: &SheetData,
    row: u32,
    layout: &Layout,
    vocab: &Vocabulary,
    scheme: &AssetScheme,
    resolve_control: &dyn Fn(&str) -> Option<String>,
) -> std::result::Result<(String, AssetPatch), Vec<RowError>> {
    let mut patch = AssetPatch::default();
    let mut asset_id = String::new();
    let mut errors = Vec::new();
    for (col, header, field) in &layout.columns {
        let cell = sheet.cell(row, *col);
        let mut fail = |message: String| {
            errors.push(RowError {
                sheet: sheet.name.clone(),
                row: row + 1,
                column: header.clone(),
                value: cell_text(cell),
                message,
            })
        };
        let text = || clean_text(&cell_text(cell));
        match field {
            None => {
                let value = text();
                let key = if header.trim().is_empty() {
                    format!("列{}", col - layout.first_col + 1)
                } else {
                    header.trim().to_owned()
                };
                if !value.is_empty() {
                    patch.custom.insert(key, value);
                }
            }
            Some("asset_id") => {
                asset_id = clean_code(&cell_text(cell));
                if asset_id.is_empty() {
                    fail("the asset id is required".to_owned());
                }
            }
            Some("name") => {
                let v = text();
                if v.is_empty() {
                    fail("the asset name is required".to_owned());
                }
                patch.name = Some(v);
            }
            Some(f @ ("confidentiality" | "integrity" | "availability")) => {
                let max = match *f {
                    "confidentiality" => scheme.scales.confidentiality,
                    "integrity" => scheme.scales.integrity,
                    _ => scheme.scales.availability,
                };
                match parse_scale(cell, max, &vocab.scale_words) {
                    Ok(v) => match *f {
                        "confidentiality" => patch.confidentiality = Some(v),
                        "integrity" => patch.integrity = Some(v),
                        _ => patch.availability = Some(v),
                    },
                    Err(m) => fail(format!("{f} {m}")),
                }
            }
            Some("classification") => {
                let v = clean_code(&cell_text(cell));
                if v.is_empty() || v == "-" {
                    patch.classification = Some(None);
                } else if let Some(level) = scheme.level(&v) {
                    patch.classification = Some(Some(level.name_ja.clone()));
                } else {
                    let known: Vec<String> = scheme
                        .levels
                        .iter()
                        .map(|l| format!("{} / {}", l.name_ja, l.name_en))
                        .collect();
                    fail(format!(
                        "unknown classification level (known: {})",
                        known.join(", ")
                    ));
                }
            }
            Some(f @ ("last_reviewed" | "next_review")) => match parse_date(cell) {
                Ok(d) => {
                    if *f == "last_reviewed" {
                        patch.last_reviewed = Some(d);
                    } else {
                        patch.next_review = Some(d);
                    }
                }
                Err(m) => fail(m),
            },
            Some("labels") => patch.labels = Some(split_list(&cell_text(cell))),
            Some("controls") => {
                let mut ids = Vec::new();
                for typed in split_list(&cell_text(cell)) {
                    match resolve_control(&typed) {
                        Some(id) => ids.push(id),
                        None => fail(format!("unknown control id `{typed}`")),
                    }
                }
                patch.controls = Some(ids);
            }
            Some(f) => {
                let v = text();
                match *f {
                    "asset_type" => patch.asset_type = Some(v),
                    "category" => patch.category = Some(v),
                    "owner" => patch.owner = Some(v),
                    "custodian" => patch.custodian = Some(v),
                    "location" => patch.location = Some(v),
                    "media" => patch.media = Some(v),
                    "retention" => patch.retention = Some(v),
                    "disposal_method" => patch.disposal_method = Some(v),
                    "notes" => patch.notes = Some(v),
                    "cloud_purpose" => patch.cloud_purpose = Some(v),
                    "cloud_information" => patch.cloud_information = Some(v),
                    _ => {}
                }
            }
        }
    }
    if errors.is_empty() {
        Ok((asset_id, patch))
    } else {
        Err(errors)
    }
}

/// Reads `path` and imports its assets into `store`, reporting progress every few hundred rows.
pub fn import_assets(
    store: &mut Store,
    path: &Path,
    options: &ImportOptions,
    progress: &mut dyn FnMut(ImportProgress),
) -> Result<ImportReport> {
    let sheets = source::read(path)?;
    let vocab = Vocabulary::load(options.mapping.as_deref())?;
    let scheme = store.asset_scheme()?;
    let layout = find_layout(
        path,
        &sheets,
        &vocab,
        options.sheet.as_deref(),
        &options.columns,
    )?;
    let sheet = &sheets[layout.sheet_index];
    let last_row = sheet.bounds().map_or(layout.header_row, |(_, (r1, _))| r1);
    let rows_total = (last_row - layout.header_row) as usize;
    let resolve = |typed: &str| store.resolve_control_id(typed).ok();

    let mut report = ImportReport {
        dry_run: options.dry_run,
        sheet: sheet.name.clone(),
        header_row: layout.header_row + 1,
        inserted: 0,
        updated: 0,
        unchanged: 0,
        skipped: 0,
        rejected: 0,
        errors: Vec::new(),
        skipped_rows: Vec::new(),
        mapping: layout
            .columns
            .iter()
            .filter(|(_, h, _)| !h.trim().is_empty())
            .map(|(_, h, f)| (h.trim().to_owned(), f.unwrap_or("custom").to_owned()))
            .chain(
                layout
                    .ignored
                    .iter()
                    .map(|(_, h)| (h.trim().to_owned(), "ignore".to_owned())),
            )
            .collect(),
    };
    let mut changes = Vec::new();
    let mut seen: HashMap<String, u32> = HashMap::new();
    let id_header = layout
        .columns
        .iter()
        .find(|(_, _, f)| *f == Some("asset_id"))
        .map(|(_, h, _)| h.clone())
        .unwrap_or_default();
    for (done, row) in (layout.header_row + 1..=last_row).enumerate() {
        if done % 500 == 0 {
            progress(ImportProgress {
                rows_done: done,
                rows_total,
            });
        }
        let first = layout
            .columns
            .iter()
            .map(|(c, _, _)| sheet.cell(row, *c))
            .find(|d| match d {
                Data::Empty => false,
                Data::String(s) => !s.trim().is_empty(),
                _ => true,
            })
            .map(cell_text);
        let skip = |reason: &str| SkippedRow {
            sheet: sheet.name.clone(),
            row: row + 1,
            reason: reason.to_owned(),
        };
        match first {
            None => {
                report.skipped_rows.push(skip("blank row"));
                continue;
            }
            Some(t) if vocab.is_footer(&t) => {
                report.skipped_rows.push(skip("total / footer row"));
                continue;
            }
            Some(_) => {}
        }
        match row_change(sheet, row, &layout, &vocab, &scheme, &resolve) {
            Err(errors) => {
                report.rejected += 1;
                report.errors.extend(errors);
            }
            Ok((asset_id, patch)) => {
                if let Some(first_row) = seen.get(&asset_id) {
                    report.rejected += 1;
                    report.errors.push(RowError {
                        sheet: sheet.name.clone(),
                        row: row + 1,
                        column: id_header.clone(),
                        value: asset_id.clone(),
                        message: format!("duplicate asset id: already on row {first_row}"),
                    });
                    continue;
                }
                seen.insert(asset_id.clone(), row + 1);
                changes.push(AssetChange {
                    asset_id,
                    patch,
                    source_row: row as usize + 1,
                });
            }
        }
    }
    progress(ImportProgress {
        rows_done: rows_total,
        rows_total,
    });

    let sheet_name = sheet.name.clone();
    drop(sheets);
    let outcome = store.apply_assets(changes, options.mode, options.dry_run)?;
    report.inserted = outcome.inserted;
    report.updated = outcome.updated;
    report.unchanged = outcome.unchanged;
    report.rejected += outcome.rejected.len();
    for r in outcome.rejected {
        report.errors.push(RowError {
            sheet: sheet_name.clone(),
            row: r.source_row as u32,
            column: String::new(),
            value: r.asset_id,
            message: r.message,
        });
    }
    report.errors.sort_by_key(|e| e.row);
    if outcome.skipped_existing > 0 {
        report.skipped_rows.push(SkippedRow {
            sheet: sheet_name.clone(),
            row: 0,
            reason: format!(
                "{} assets already exist (insert-only mode)",
                outcome.skipped_existing
            ),
        });
    }
    report.skipped =
        report.skipped_rows.iter().filter(|s| s.row != 0).count() + outcome.skipped_existing;
    Ok(report)
}

/// A look at a register before importing it: its sheets, the header row found, each column's use, the first rows.
#[derive(ts_rs::TS, Debug, Clone, Serialize)]
pub struct RegisterPreview {
    pub sheets: Vec<String>,
    pub sheet: String,
    pub header_row: u32,
    /// In column order: (header, field name / `custom` / `ignore`).
    pub columns: Vec<(String, String)>,
    /// The first data rows, as text, in the same column order.
    pub rows: Vec<Vec<String>>,
}

/// Reads `path` and shows how it would be imported, writing nothing.
pub fn preview_register(
    path: &Path,
    options: &ImportOptions,
    rows: usize,
) -> Result<RegisterPreview> {
    let sheets = source::read(path)?;
    let vocab = Vocabulary::load(options.mapping.as_deref())?;
    let layout = find_layout(
        path,
        &sheets,
        &vocab,
        options.sheet.as_deref(),
        &options.columns,
    )?;
    let sheet = &sheets[layout.sheet_index];
    let mut all: Vec<(u32, String, String)> = layout
        .columns
        .iter()
        .map(|(c, h, f)| (*c, h.clone(), f.unwrap_or("custom").to_owned()))
        .chain(
            layout
                .ignored
                .iter()
                .map(|(c, h)| (*c, h.clone(), "ignore".to_owned())),
        )
        .collect();
    all.sort_by_key(|(c, _, _)| *c);
    let last_row = sheet.bounds().map_or(layout.header_row, |(_, (r1, _))| r1);
    let sample = (layout.header_row + 1..=last_row)
        .take(rows)
        .map(|r| {
            all.iter()
                .map(|(c, _, _)| cell_text(sheet.cell(r, *c)))
                .collect()
        })
        .collect();
    Ok(RegisterPreview {
        sheets: sheets.iter().map(|s| s.name.clone()).collect(),
        sheet: sheet.name.clone(),
        header_row: layout.header_row + 1,
        columns: all.into_iter().map(|(_, h, f)| (h, f)).collect(),
        rows: sample,
    })
}

/// Writes a column mapping as a `--mapping` file (`[fields] field = ["header", …]`), to be used next time.
pub fn save_mapping(columns: &IndexMap<String, String>, path: &Path) -> Result<()> {
    let mut fields: IndexMap<&str, Vec<&str>> = IndexMap::new();
    for (header, field) in columns {
        if FIELDS.contains(&field.as_str()) {
            fields
                .entry(field.as_str())
                .or_default()
                .push(header.as_str());
        }
    }
    let mut text = String::from(
        "# Column mapping saved by ISMS Desk: field = [headers of your register]\n[fields]\n",
    );
    for (field, headers) in fields {
        let quoted: Vec<String> = headers
            .iter()
            .map(|h| toml::Value::String((*h).to_owned()).to_string())
            .collect();
        text.push_str(&format!("{field} = [{}]\n", quoted.join(", ")));
    }
    std::fs::write(path, text).map_err(|e| SheetError::Write {
        path: path.display().to_string(),
        message: e.to_string(),
    })
}
