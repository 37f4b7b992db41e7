//! Finding a register in a workbook: which sheet, which header row, which column feeds which field (from the
//! record kind's vocabulary and the user's choices), and whether every required field has a column.

use std::path::Path;

use indexmap::IndexMap;

use crate::columns::Vocabulary;
use crate::error::{Result, SheetError};
use crate::source::SheetData;
use crate::values::cell_text;

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
    let known = vocab.fields();
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
        what: vocab.kind().to_owned(),
        example: vocab.example_headers(),
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
                    known
                        .iter()
                        .find(|f| **f == name)
                        .ok_or_else(|| SheetError::Mapping {
                            path: "column mapping".to_owned(),
                            message: format!(
                                "`{header}` → unknown field `{name}` (fields: {}, custom, ignore)",
                                known.join(", ")
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

impl Layout {
    /// The header of the column that feeds `field`, if one does.
    pub fn header_of(&self, field: &str) -> Option<&str> {
        self.columns
            .iter()
            .find(|(_, _, f)| *f == Some(field))
            .map(|(_, h, _)| h.as_str())
    }

    /// Stops an import whose register has no column for a required field, naming the field and the headers found.
    pub fn require(&self, path: &Path, sheet: &str, fields: &[(&str, &str)]) -> Result<()> {
        for (field, label) in fields {
            if self.header_of(field).is_none() {
                return Err(SheetError::MissingColumn {
                    path: path.display().to_string(),
                    sheet: sheet.to_owned(),
                    field: (*label).to_owned(),
                    headers: self
                        .columns
                        .iter()
                        .map(|(_, h, _)| h.trim())
                        .filter(|h| !h.is_empty())
                        .collect::<Vec<_>>()
                        .join(", "),
                });
            }
        }
        Ok(())
    }
}
