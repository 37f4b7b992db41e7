//! Reading a register's layout and rows: which sheet, which header row, which column feeds which field; then each
//! row turned into an asset change, a skipped row, or the errors that reject it (sheet, Excel row, column, value,
//! why). The same planner serves the whole-sheet path and the streaming path of an import.

use std::collections::HashMap;
use std::path::Path;

use calamine::Data;
use indexmap::IndexMap;
use isms_core::asset::AssetPatch;
use isms_core::classification::AssetScheme;
use isms_core::inventory::AssetChange;
use isms_core::store::ControlIds;

use crate::columns::{Vocabulary, FIELDS};
use crate::error::{Result, SheetError};
use crate::import::{RowError, SkippedRow};
use crate::source::SheetData;
use crate::values::{
    cell_str, cell_text, clean_code, clean_text, parse_date, parse_scale, split_list,
};

/// The columns of the chosen sheet.
pub(crate) struct Layout {
    pub sheet_index: usize,
    pub header_row: u32,
    pub first_col: u32,
    /// (absolute column, header text, field or None for a custom column)
    pub columns: Vec<(u32, String, Option<&'static str>)>,
    /// Columns the user chose to leave out: (absolute column, header text).
    pub ignored: Vec<(u32, String)>,
}

pub(crate) fn find_layout(
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

/// What rows are read against: the header vocabulary, the classification scheme and the control ids.
pub(crate) struct PlanContext<'a> {
    pub vocab: &'a Vocabulary,
    pub scheme: &'a AssetScheme,
    pub controls: &'a ControlIds,
}

/// What became of one row of the register.
#[allow(clippy::large_enum_variant)] // nearly every row is a change: boxing it would add an allocation per row
pub(crate) enum RowOutcome {
    Change(AssetChange),
    Rejected(Vec<RowError>),
    Skipped(SkippedRow),
}

/// Turns the rows of one sheet, in order, into outcomes; remembers the ids seen to catch duplicates in the file.
pub(crate) struct RowPlanner<'a> {
    context: &'a PlanContext<'a>,
    layout: &'a Layout,
    sheet: String,
    id_header: String,
    seen: HashMap<String, u32>,
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
        RowPlanner {
            context,
            layout,
            sheet: sheet.to_owned(),
            id_header,
            seen: HashMap::new(),
        }
    }

    /// A row that has no cell at all (the streaming path never sees it).
    pub fn blank(&self, row: u32) -> RowOutcome {
        self.skip(row, "blank row")
    }

    fn skip(&self, row: u32, reason: &str) -> RowOutcome {
        RowOutcome::Skipped(SkippedRow {
            sheet: self.sheet.clone(),
            row: row + 1,
            reason: reason.to_owned(),
        })
    }

    /// The outcome of the row at 0-based `row`, whose cells `cell_at` gives by absolute column.
    pub fn plan<'c>(&mut self, row: u32, cell_at: impl Fn(u32) -> &'c Data) -> RowOutcome {
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
            Some(_) => {}
        }
        match self.row_change(row, &cell_at) {
            Err(errors) => RowOutcome::Rejected(errors),
            Ok((asset_id, patch)) => {
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
