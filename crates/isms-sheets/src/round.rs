//! The department workbook of an inventory round: its wording (`templates/inventory/workbook.toml`), and finding,
//! in a file being imported, the workbook id it carries (`INV-2026#3`) — the label cell on any sheet, the id to its
//! right — so the answer is compared with what was sent.

use std::sync::OnceLock;

use serde::Deserialize;

use crate::columns::normalise_header;
use crate::error::{Result, SheetError};
use crate::source::SheetData;
use crate::values::cell_text;

const FILE: &str = "templates/inventory/workbook.toml";

/// What the department workbook says.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Wording {
    pub register_sheet: String,
    pub instructions_sheet: String,
    pub workbook_id_labels: Vec<String>,
    pub title: String,
    pub fields: WordingFields,
    pub instructions: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WordingFields {
    pub round: String,
    pub department: String,
    pub due: String,
    pub sent: String,
    pub assets: String,
    pub levels: String,
    pub methods: String,
}

/// The wording, read once.
pub fn wording() -> Result<&'static Wording> {
    static WORDING: OnceLock<std::result::Result<Wording, String>> = OnceLock::new();
    WORDING
        .get_or_init(|| {
            let w: Wording =
                toml::from_str(include_str!("../../../templates/inventory/workbook.toml"))
                    .map_err(|e| e.message().to_owned())?;
            if w.workbook_id_labels.is_empty() {
                return Err("workbook_id_labels is empty".to_owned());
            }
            Ok(w)
        })
        .as_ref()
        .map_err(|message| SheetError::Mapping {
            path: FILE.to_owned(),
            message: message.clone(),
        })
}

/// The label the workbook id is written under: the first accepted label, with the English one beside it.
pub fn workbook_id_label(w: &Wording) -> String {
    match w.workbook_id_labels.as_slice() {
        [ja, en, ..] => format!("{ja}（{en}）"),
        [one] => one.clone(),
        [] => String::new(),
    }
}

/// The workbook id a file carries, if any of its sheets has the label cell with a value to its right.
pub(crate) fn find_workbook_id(sheets: &[SheetData]) -> Result<Option<String>> {
    let w = wording()?;
    let labels: Vec<String> = w
        .workbook_id_labels
        .iter()
        .map(|l| normalise_header(l))
        .collect();
    let is_label = |text: &str| {
        let t = normalise_header(&strip_brackets(text));
        !t.is_empty() && labels.contains(&t)
    };
    for sheet in sheets {
        let Some(((r0, c0), (r1, c1))) = sheet.bounds() else {
            continue;
        };
        for r in r0..=r1.min(r0 + 40) {
            for c in c0..=c1.min(c0 + 10) {
                if !is_label(&cell_text(sheet.cell(r, c))) {
                    continue;
                }
                let value = (c + 1..=c1)
                    .map(|x| cell_text(sheet.cell(r, x)))
                    .find(|v| !v.trim().is_empty());
                if let Some(v) = value {
                    return Ok(Some(v.trim().to_owned()));
                }
            }
        }
    }
    Ok(None)
}

/// `送付ID（Workbook ID）` → `送付ID`.
fn strip_brackets(text: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Range};

    #[test]
    fn the_workbook_id_is_found_beside_its_label_on_any_sheet() {
        let mut range = Range::new((0, 0), (3, 2));
        range.set_value((0, 0), Data::String("情報資産の棚卸し".into()));
        range.set_value((2, 0), Data::String("送付ID（Workbook ID）".into()));
        range.set_value((2, 1), Data::String("INV-2026#3".into()));
        let sheets = vec![
            SheetData::new("台帳".into(), Range::empty(), &[]),
            SheetData::new("記入要領".into(), range, &[]),
        ];
        assert_eq!(
            find_workbook_id(&sheets).unwrap().as_deref(),
            Some("INV-2026#3")
        );
        assert_eq!(
            find_workbook_id(&sheets[..1]).unwrap(),
            None,
            "a register without the label is not a returned workbook"
        );
        let w = wording().unwrap();
        assert_eq!(workbook_id_label(w), "送付ID（Workbook ID）");
    }
}
