//! What every import reports, whatever it imports: the options, each row's outcome, the errors that name sheet,
//! Excel row, column and value, the skipped rows, and the counts of what was (or, in a dry run, would be) written.

use std::path::PathBuf;

use indexmap::IndexMap;
use isms_core::asset::store::ChangeSelection;
use isms_core::asset::ImportMode;
use isms_core::batch::{BatchOutcome, ImportChange};
use serde::Serialize;

use crate::error::Result;
use crate::layout::Layout;

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
    /// The prefix of the ids given to rows of a register that has no id column (`IA-` → IA-0001 …).
    pub id_prefix: Option<String>,
    /// A level the register uses → the scheme's level to import it as (`関係者外秘` → `社外秘`).
    pub level_map: IndexMap<String, String>,
    /// Which of the changed fields an import of assets writes (by default all, except where the register's value
    /// is newer).
    pub selection: ChangeSelection,
    /// The day imported rows are reviewed on (a returned workbook of a round) [default: today].
    pub today: Option<chrono::NaiveDate>,
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

/// A value that could not be used: the row is imported without it (the field is left as it is; empty for a new
/// asset), and the report says so.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowWarning {
    pub sheet: String,
    pub row: u32,
    pub column: String,
    pub value: String,
    pub message: String,
    /// The field the value was for (`classification`, `last_reviewed` …).
    pub field: String,
}

/// A classification level the register uses that the scheme does not know, and on how many rows.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnknownLevel {
    pub value: String,
    pub rows: usize,
}

/// The department workbook of an inventory round a file was found to be.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReturnedWorkbook {
    /// `INV-2026#3`.
    pub workbook_id: String,
    pub round_id: String,
    pub department: String,
    /// When it was sent (RFC 3339).
    pub sent_at: String,
    /// The round is closed: its reviews are no longer counted.
    pub round_closed: bool,
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
    /// The recorded import (its number for `isms imports undo`); none for a dry run or a register kind not recorded.
    pub batch: Option<i64>,
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
    /// What rejected a row: only a missing or unusable id or name, a duplicate id, or a record the store refuses.
    pub errors: Vec<RowError>,
    /// Values left out of rows that were imported (an unreadable date, an unknown level …).
    pub warnings: Vec<RowWarning>,
    /// Levels the register uses that the scheme does not know (map them with `--map-level` or in the wizard).
    pub unknown_levels: Vec<UnknownLevel>,
    /// Assets: each changed field, the register's value and the file's, and whether it is written.
    pub changes: Vec<ImportChange>,
    /// Rows with a change that was not written (declined, or the register's value is newer).
    pub declined: usize,
    /// Assets counted as reviewed in the inventory round of a returned workbook.
    pub reviewed: usize,
    /// The returned workbook of a round this file is, if it is one.
    pub round: Option<ReturnedWorkbook>,
    /// Assets the returned workbook was sent with that are not in it.
    pub missing: Vec<String>,
    pub skipped_rows: Vec<SkippedRow>,
    /// Column header → the field it fed (`custom` for columns kept as custom fields).
    pub mapping: IndexMap<String, String>,
    /// What the reader should know about the import as a whole (e.g. ids were generated for a register without an
    /// id column).
    pub notes: Vec<String>,
}

/// What became of one row of a register.
#[allow(clippy::large_enum_variant)] // nearly every row is a change: boxing it would add an allocation per row
pub(crate) enum RowOutcome<C> {
    /// The change, and the values left out of it.
    Change(C, Vec<RowWarning>),
    Rejected(Vec<RowError>),
    Skipped(SkippedRow),
}

/// The report of one import, filled as row outcomes arrive and finished with what the batch wrote.
pub(crate) struct ReportBuilder {
    report: ImportReport,
}

impl ReportBuilder {
    pub fn new(options: &ImportOptions, sheet: &str, layout: &Layout) -> ReportBuilder {
        ReportBuilder {
            report: ImportReport {
                batch: None,
                dry_run: options.dry_run,
                sheet: sheet.to_owned(),
                header_row: layout.header_row + 1,
                inserted: 0,
                updated: 0,
                unchanged: 0,
                skipped: 0,
                rejected: 0,
                errors: Vec::new(),
                warnings: Vec::new(),
                unknown_levels: Vec::new(),
                changes: Vec::new(),
                declined: 0,
                reviewed: 0,
                round: None,
                missing: Vec::new(),
                skipped_rows: Vec::new(),
                notes: Vec::new(),
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

    /// A note about the import as a whole.
    pub fn note(&mut self, note: String) {
        self.report.notes.push(note);
    }

    /// The file is the returned workbook of a round.
    pub fn round(&mut self, round: ReturnedWorkbook) {
        self.report.round = Some(round);
    }

    /// Records a row's outcome; a change goes to `apply` (the batch being written).
    pub fn take<C>(
        &mut self,
        outcome: RowOutcome<C>,
        mut apply: impl FnMut(C) -> Result<()>,
    ) -> Result<()> {
        match outcome {
            RowOutcome::Change(change, warnings) => {
                self.report.warnings.extend(warnings);
                apply(change)?
            }
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
        report.batch = outcome.batch;
        report.inserted = outcome.inserted;
        report.updated = outcome.updated;
        report.unchanged = outcome.unchanged;
        report.changes = outcome.changes;
        report.declined = outcome.declined;
        report.reviewed = outcome.reviewed;
        report.missing = outcome.missing;
        let mut levels: IndexMap<String, usize> = IndexMap::new();
        for w in report
            .warnings
            .iter()
            .filter(|w| w.field == "classification")
        {
            *levels.entry(w.value.clone()).or_default() += 1;
        }
        report.unknown_levels = levels
            .into_iter()
            .map(|(value, rows)| UnknownLevel { value, rows })
            .collect();
        report.rejected += outcome.rejected.len();
        for r in outcome.rejected {
            report.errors.push(RowError {
                sheet: report.sheet.clone(),
                row: r.source_row as u32,
                column: String::new(),
                value: r.record_id,
                message: r.message,
            });
        }
        report.errors.sort_by_key(|e| e.row);
        report.warnings.sort_by_key(|w| w.row);
        if outcome.skipped_existing > 0 {
            report.skipped_rows.push(SkippedRow {
                sheet: report.sheet.clone(),
                row: 0,
                reason: format!(
                    "{} records already exist (insert-only mode)",
                    outcome.skipped_existing
                ),
            });
        }
        report.skipped =
            report.skipped_rows.iter().filter(|s| s.row != 0).count() + outcome.skipped_existing;
        self.report
    }
}

/// Before an import writes anything: a backup of the database as it was (none for a dry run).
pub(crate) fn backup_before_import(
    store: &isms_core::Store,
    options: &ImportOptions,
) -> crate::error::Result<()> {
    if !options.dry_run {
        store.create_backup(isms_core::backup::BackupReason::PreImport)?;
    }
    Ok(())
}
