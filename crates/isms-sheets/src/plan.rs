//! Reading a register's layout and rows: which sheet, which header row, which column feeds which field; then each
//! row turned into an asset change, a skipped row, or the errors that reject it (sheet, Excel row, column, value,
//! why). The same planner serves the whole-sheet path and the streaming path of an import.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use calamine::Data;
use isms_core::asset::AssetPatch;
use isms_core::classification::AssetScheme;
use isms_core::inventory::{AssetBatch, AssetChange, BatchOutcome, BatchSource};
use isms_core::store::ControlIds;

use crate::columns::Vocabulary;
use crate::error::Result;
use crate::layout::Layout;
use crate::report::{RowError, RowOutcome, SkippedRow};
use crate::values::{
    cell_str, cell_text, clean_code, clean_text, parse_date, parse_scale, split_list,
};

/// What rows are read against: the header vocabulary, the classification scheme and the control ids; for a
/// register without an id column, the ids already in use and the prefix of those to give.
pub(crate) struct PlanContext<'a> {
    pub vocab: &'a Vocabulary,
    pub scheme: &'a AssetScheme,
    pub controls: &'a ControlIds,
    pub existing_ids: &'a HashSet<String>,
    pub id_prefix: &'a str,
}

/// Ids for the rows of a register that has none: the prefix and the next number not in use (IA-0001, IA-0002 …).
pub(crate) struct IdGenerator {
    prefix: String,
    next: u32,
    pub given: Vec<String>,
}

impl IdGenerator {
    fn take(&mut self, used: &HashSet<String>) -> String {
        loop {
            self.next += 1;
            let id = format!("{}{:04}", self.prefix, self.next);
            if !used.contains(&id) {
                self.given.push(id.clone());
                return id;
            }
        }
    }

    /// The note the report carries about the ids given.
    pub fn note(&self) -> Option<String> {
        let (first, last) = (self.given.first()?, self.given.last()?);
        Some(format!(
            "the register has no id column: {} rows were given ids {first} … {last}; importing the same file again adds them again (add an id column to update them instead)",
            self.given.len()
        ))
    }
}

/// Turns the rows of one sheet, in order, into outcomes; remembers the ids seen to catch duplicates in the file.
pub(crate) struct RowPlanner<'a> {
    context: &'a PlanContext<'a>,
    layout: &'a Layout,
    sheet: String,
    id_header: String,
    seen: HashMap<String, u32>,
    /// Set when the register has no id column.
    pub ids: Option<IdGenerator>,
}

fn is_blank(cell: &Data) -> bool {
    match cell {
        Data::Empty => true,
        Data::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

impl<'a> RowPlanner<'a> {
    pub fn new(context: &'a PlanContext<'a>, layout: &'a Layout, sheet: &str) -> RowPlanner<'a> {
        let id_header = layout
            .columns
            .iter()
            .find(|(_, _, f)| *f == Some("asset_id"))
            .map(|(_, h, _)| h.clone())
            .unwrap_or_default();
        let ids = id_header.is_empty().then(|| IdGenerator {
            prefix: context.id_prefix.to_owned(),
            next: 0,
            given: Vec::new(),
        });
        RowPlanner {
            context,
            layout,
            sheet: sheet.to_owned(),
            id_header,
            seen: HashMap::new(),
            ids,
        }
    }

    /// A row that has no cell at all (the streaming path never sees it).
    pub fn blank(&self, row: u32) -> RowOutcome<AssetChange> {
        self.skip(row, "blank row")
    }

    fn skip(&self, row: u32, reason: &str) -> RowOutcome<AssetChange> {
        RowOutcome::Skipped(SkippedRow {
            sheet: self.sheet.clone(),
            row: row + 1,
            reason: reason.to_owned(),
        })
    }

    /// The outcome of the row at 0-based `row`, whose cells `cell_at` gives by absolute column.
    pub fn plan<'c>(
        &mut self,
        row: u32,
        cell_at: impl Fn(u32) -> &'c Data,
    ) -> RowOutcome<AssetChange> {
        let first = self
            .layout
            .columns
            .iter()
            .map(|(c, _, _)| cell_at(*c))
            .find(|d| !is_blank(d))
            .map(cell_text);
        match first {
            None => return self.skip(row, "blank row"),
            Some(t) if self.context.vocab.is_footer(&t) => {
                return self.skip(row, "total / footer row")
            }
            Some(t) if t.starts_with(['※', '＊', '注', '(', '（', '備', 'N', 'n']) => {
                let texts: Vec<String> = self
                    .layout
                    .columns
                    .iter()
                    .map(|(c, _, _)| cell_text(cell_at(*c)))
                    .collect();
                if crate::values::is_note_row(&texts) {
                    return self.skip(row, "note row (※ / 注)");
                }
            }
            Some(_) => {}
        }
        match self.row_change(row, &cell_at) {
            Err(errors) => RowOutcome::Rejected(errors),
            Ok((mut asset_id, patch)) => {
                if let Some(ids) = self.ids.as_mut() {
                    asset_id = ids.take(self.context.existing_ids);
                }
                if let Some(first_row) = self.seen.get(&asset_id) {
                    return RowOutcome::Rejected(vec![RowError {
                        sheet: self.sheet.clone(),
                        row: row + 1,
                        column: self.id_header.clone(),
                        value: asset_id,
                        message: format!("duplicate asset id: already on row {first_row}"),
                    }]);
                }
                self.seen.insert(asset_id.clone(), row + 1);
                RowOutcome::Change(AssetChange {
                    asset_id,
                    patch,
                    source_row: row as usize + 1,
                })
            }
        }
    }

    /// Builds the change for one row, or the errors that reject it.
    fn row_change<'c>(
        &self,
        row: u32,
        cell_at: &impl Fn(u32) -> &'c Data,
    ) -> std::result::Result<(String, AssetPatch), Vec<RowError>> {
        let (layout, vocab, scheme) = (self.layout, self.context.vocab, self.context.scheme);
        let mut patch = AssetPatch::default();
        let mut asset_id = String::new();
        let mut errors = Vec::new();
        for (col, header, field) in &layout.columns {
            let cell = cell_at(*col);
            let mut fail = |message: String| {
                errors.push(RowError {
                    sheet: self.sheet.clone(),
                    row: row + 1,
                    column: header.clone(),
                    value: cell_text(cell),
                    message,
                })
            };
            let text = || clean_text(&cell_str(cell));
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
                    asset_id = clean_code(&cell_str(cell));
                    if asset_id.is_empty() {
                        fail(format!(
                            "the asset id is required: this row has no {}",
                            header.trim()
                        ));
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
                    let v = clean_code(&cell_str(cell));
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
                        match self.context.controls.resolve(&typed) {
                            Some(id) => ids.push(id.to_owned()),
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
}

/// Where the assets of an import came from, for the creation entries of the audit trail.
pub(crate) fn batch_source(path: &Path, sha256: &str, sheet: &str) -> BatchSource {
    BatchSource {
        sha256: sha256.to_owned(),
        file: path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        ),
        sheet: sheet.to_owned(),
    }
}

/// SHA-256 of a file's bytes, as an import records it.
pub(crate) fn file_sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    format!("{:x}", sha2::Sha256::digest(bytes))
}

/// Commits the batch, or rolls it back for a dry run.
pub(crate) fn end_batch(batch: AssetBatch<'_>, dry_run: bool) -> Result<BatchOutcome> {
    Ok(if dry_run {
        batch.rollback()?
    } else {
        batch.commit()?
    })
}
