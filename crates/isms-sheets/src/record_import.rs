//! The importer's one driver for registers other than the asset inventory (supplier lists, SoA spreadsheets): the
//! same reading of xlsx/xls/ods/CSV, header detection, vocabulary, value parsing, row errors by sheet/row/column,
//! blank and footer rows skipped, one transaction and exact dry runs as the asset import. A kind of record says only
//! how a row becomes a change and how the changes are written.

use std::path::Path;

use calamine::Data;
use isms_core::batch::BatchOutcome;
use isms_core::Store;

use crate::columns::{ColumnsSpec, Vocabulary};
use crate::error::Result;
use crate::layout::{find_layout, Layout};
use crate::report::{
    ImportOptions, ImportProgress, ImportReport, ReportBuilder, RowError, RowOutcome, SkippedRow,
};
use crate::source;
use crate::values::cell_text;

/// What a kind of record adds to the shared machinery.
pub(crate) trait RecordKind {
    type Change;

    fn spec(&self) -> &'static ColumnsSpec;

    /// Fields every row needs a column for, with how the error names them.
    fn required(&self) -> &'static [(&'static str, &'static str)];

    /// Reads what the rows are checked against (lists, catalogues …) before any row is planned.
    fn prepare(&mut self, _store: &Store, _layout: &Layout) -> Result<()> {
        Ok(())
    }

    /// The change one row makes, or the errors that reject it (the row is neither blank nor a footer).
    fn plan(&mut self, row: &Row<'_>) -> std::result::Result<Self::Change, Vec<RowError>>;

    /// Writes the changes in one transaction, rolled back for a dry run.
    fn write(
        &mut self,
        store: &mut Store,
        changes: Vec<Self::Change>,
        options: &ImportOptions,
        source: (&str, &str),
    ) -> Result<BatchOutcome>;

    /// What the report should say about the import as a whole.
    fn notes(&self) -> Vec<String> {
        Vec::new()
    }
}

/// One row being read: its cells by field, and errors named as a person finds them in Excel.
pub(crate) struct Row<'a> {
    pub sheet: &'a str,
    /// 0-based; reported 1-based.
    pub row: u32,
    pub layout: &'a Layout,
    cells: &'a dyn Fn(u32) -> &'a Data,
}

impl<'a> Row<'a> {
    /// The cell of the column that feeds `field`, with its header.
    pub fn field(&self, field: &str) -> Option<(&'a Data, &'a str)> {
        self.layout
            .columns
            .iter()
            .find(|(_, _, f)| *f == Some(field))
            .map(|(c, h, _)| ((self.cells)(*c), h.as_str()))
    }

    /// The cleaned text of `field`'s cell, `None` when the register has no such column.
    pub fn text(&self, field: &str) -> Option<String> {
        self.field(field)
            .map(|(cell, _)| crate::values::clean_text(&cell_text(cell)))
    }

    pub fn error(&self, field: &str, message: impl Into<String>) -> RowError {
        let (value, column) = self
            .field(field)
            .map_or((String::new(), String::new()), |(c, h)| {
                (cell_text(c), h.trim().to_owned())
            });
        RowError {
            sheet: self.sheet.to_owned(),
            row: self.row + 1,
            column,
            value,
            message: message.into(),
        }
    }
}

fn is_blank(cell: &Data) -> bool {
    match cell {
        Data::Empty => true,
        Data::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// Imports the register at `path` as records of `kind`.
pub(crate) fn import_records<K: RecordKind>(
    kind: &mut K,
    store: &mut Store,
    path: &Path,
    options: &ImportOptions,
    progress: &mut dyn FnMut(ImportProgress),
) -> Result<ImportReport> {
    let sheets = source::read(path)?;
    crate::report::backup_before_import(store, options)?;
    let vocab = Vocabulary::load_for(kind.spec(), options.mapping.as_deref())?;
    let layout = find_layout(
        path,
        &sheets,
        &vocab,
        options.sheet.as_deref(),
        &options.columns,
    )?;
    let sheet = &sheets[layout.sheet_index];
    layout.require(path, &sheet.name, kind.required())?;
    kind.prepare(store, &layout)?;
    let last_row = sheet.bounds().map_or(layout.header_row, |(_, (r1, _))| r1);
    let rows_total = (last_row - layout.header_row) as usize;
    let mut builder = ReportBuilder::new(options, &sheet.name, &layout);
    let mut changes = Vec::new();
    for (done, r) in (layout.header_row + 1..=last_row).enumerate() {
        if done % 200 == 0 {
            progress(ImportProgress {
                rows_done: done,
                rows_total,
            });
        }
        let cells = |c: u32| sheet.cell(r, c);
        let first = layout
            .columns
            .iter()
            .map(|(c, _, _)| sheet.cell(r, *c))
            .find(|d| !is_blank(d))
            .map(cell_text);
        let skip = |reason: &str| {
            RowOutcome::Skipped(SkippedRow {
                sheet: sheet.name.clone(),
                row: r + 1,
                reason: reason.to_owned(),
            })
        };
        let texts: Vec<String> = layout
            .columns
            .iter()
            .map(|(c, _, _)| cell_text(sheet.cell(r, *c)))
            .collect();
        let outcome = match first {
            None => skip("blank row"),
            Some(t) if vocab.is_footer(&t) => skip("total / footer row"),
            Some(_) if crate::values::is_note_row(&texts) => skip("note row (※ / 注)"),
            Some(_) => {
                let row = Row {
                    sheet: &sheet.name,
                    row: r,
                    layout: &layout,
                    cells: &cells,
                };
                match kind.plan(&row) {
                    Ok(change) => RowOutcome::Change(change, Vec::new()),
                    Err(errors) => RowOutcome::Rejected(errors),
                }
            }
        };
        builder.take(outcome, |c| {
            changes.push(c);
            Ok(())
        })?;
    }
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let outcome = kind.write(store, changes, options, (&file, &sheet.name))?;
    for note in kind.notes() {
        builder.note(note);
    }
    progress(ImportProgress {
        rows_done: rows_total,
        rows_total,
    });
    Ok(builder.finish(outcome))
}
