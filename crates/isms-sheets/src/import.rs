//! Importing an asset register: find the sheet and header row, map the columns, turn every row into a change or into
//! errors that name sheet, Excel row, column and value; then apply the changes in one transaction (or roll them back
//! for a dry run). A large .xlsx without merged cells is written while it is still being read (`stream`).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use indexmap::IndexMap;
use isms_core::asset::ImportMode;
use isms_core::inventory::{AssetBatch, BatchOutcome, BatchSource};
use isms_core::Store;
use serde::Serialize;

use crate::columns::{Vocabulary, FIELDS};
use crate::error::{Result, SheetError};
use crate::plan::{find_layout, Layout, PlanContext, RowOutcome, RowPlanner};
use crate::source;
use crate::stream;
use crate::values::cell_text;

#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub sheet: Option<String>,
    pub mapping: Option<PathBuf>,
    /// Column header → field name, `custom` (keep as a custom field) or `ignore`: overrides what was detected.
    pub columns: IndexMap<String, String>,
    pub mode: ImportMode,
    pub dry_run: bool,
    /// Read the whole sheet before planning any row, even where the file could be streamed; the two paths must
    /// give the same result, and the tests compare them.
    #[doc(hidden)]
    pub whole_sheet: bool,
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

/// The report of one import, filled as row outcomes arrive and finished with what the batch wrote.
pub(crate) struct ReportBuilder {
    report: ImportReport,
}

impl ReportBuilder {
    pub fn new(options: &ImportOptions, sheet: &str, layout: &Layout) -> ReportBuilder {
        ReportBuilder {
            report: ImportReport {
                dry_run: options.dry_run,
                sheet: sheet.to_owned(),
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
            },
        }
    }

    /// Records a row's outcome; a change goes into the batch.
    pub fn take(&mut self, outcome: RowOutcome, batch: &mut AssetBatch<'_>) -> Result<()> {
        match outcome {
            RowOutcome::Change(change) => batch.apply(change)?,
            RowOutcome::Rejected(errors) => {
                self.report.rejected += 1;
                self.report.errors.extend(errors);
            }
            RowOutcome::Skipped(row) => self.report.skipped_rows.push(row),
        }
        Ok(())
    }

    pub fn finish(mut self, outcome: BatchOutcome) -> ImportReport {
        let report = &mut self.report;
        report.inserted = outcome.inserted;
        report.updated = outcome.updated;
        report.unchanged = outcome.unchanged;
        report.rejected += outcome.rejected.len();
        for r in outcome.rejected {
            report.errors.push(RowError {
                sheet: report.sheet.clone(),
                row: r.source_row as u32,
                column: String::new(),
                value: r.asset_id,
                message: r.message,
            });
        }
        report.errors.sort_by_key(|e| e.row);
        if outcome.skipped_existing > 0 {
            report.skipped_rows.push(SkippedRow {
                sheet: report.sheet.clone(),
                row: 0,
                reason: format!(
                    "{} assets already exist (insert-only mode)",
                    outcome.skipped_existing
                ),
            });
        }
        report.skipped =
            report.skipped_rows.iter().filter(|s| s.row != 0).count() + outcome.skipped_existing;
        self.report
    }
}

/// Where the assets of an import came from, for the creation entries of the audit trail.
pub(crate) fn batch_source(path: &Path, sheet: &str) -> BatchSource {
    BatchSource {
        file: path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        ),
        sheet: sheet.to_owned(),
    }
}

/// Commits the batch, or rolls it back for a dry run.
pub(crate) fn end_batch(batch: AssetBatch<'_>, dry_run: bool) -> Result<BatchOutcome> {
    Ok(if dry_run {
        batch.rollback()?
    } else {
        batch.commit()?
    })
}

/// Reads `path` and imports its assets into `store`, reporting progress every few hundred rows.
pub fn import_assets(
    store: &mut Store,
    path: &Path,
    options: &ImportOptions,
    progress: &mut dyn FnMut(ImportProgress),
) -> Result<ImportReport> {
    let bytes: Arc<[u8]> = source::read_bytes(path)?.into();
    let vocab = Vocabulary::load(options.mapping.as_deref())?;
    let scheme = store.asset_scheme()?;
    let controls = store.control_ids()?;
    let context = PlanContext {
        vocab: &vocab,
        scheme: &scheme,
        controls: &controls,
    };
    if source::is_zip(&bytes) && !options.whole_sheet {
        if let Some(report) = stream::import_xlsx(store, path, &bytes, &context, options, progress)?
        {
            return Ok(report);
        }
    }

    let sheets = source::sheets_from_bytes(path, bytes)?;
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
    let mut planner = RowPlanner::new(&context, &layout, &sheet.name);
    let mut builder = ReportBuilder::new(options, &sheet.name, &layout);
    let mut batch = store.begin_asset_batch(options.mode, Some(batch_source(path, &sheet.name)))?;
    for (done, row) in (layout.header_row + 1..=last_row).enumerate() {
        if done % 500 == 0 {
            progress(ImportProgress {
                rows_done: done,
                rows_total,
            });
        }
        let outcome = planner.plan(row, |c| sheet.cell(row, c));
        builder.take(outcome, &mut batch)?;
    }
    let outcome = end_batch(batch, options.dry_run)?;
    progress(ImportProgress {
        rows_done: rows_total,
        rows_total,
    });
    Ok(builder.finish(outcome))
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
