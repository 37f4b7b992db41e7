//! Which column of a register is which asset field: the header names of `templates/import/asset-columns.toml`, an optional user mapping file, and header-row detection.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

use crate::error::{Result, SheetError};

/// The asset fields a column can feed, in export order.
pub const FIELDS: [&str; 21] = [
    "asset_id",
    "name",
    "asset_type",
    "category",
    "classification",
    "confidentiality",
    "integrity",
    "availability",
    "owner",
    "custodian",
    "location",
    "media",
    "retention",
    "disposal_method",
    "labels",
    "notes",
    "last_reviewed",
    "next_review",
    "cloud_purpose",
    "cloud_information",
    "controls",
];

#[derive(Debug, Clone, Deserialize)]
struct ColumnsFile {
    fields: HashMap<String, Vec<String>>,
    scale_words: ScaleWords,
    footer_words: FooterWords,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ScaleWords {
    pub high: Vec<String>,
    pub medium: Vec<String>,
    pub low: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
struct FooterWords {
    words: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MappingFile {
    fields: HashMap<String, Vec<String>>,
}

/// The vocabulary the importer understands.
#[derive(Debug, Clone)]
pub struct Vocabulary {
    /// field → normalised header names, most specific first; user mapping names come before the built-in ones.
    synonyms: Vec<(&'static str, Vec<String>)>,
    /// field → the header written on export (the first built-in name).
    export_headers: HashMap<&'static str, String>,
    pub scale_words: ScaleWords,
    footer_words: Vec<String>,
}

/// Compares header texts the way people write them: NFKC, lower case, without spaces, line breaks, brackets or required-marks.
pub fn normalise_header(text: &str) -> String {
    text.nfkc()
        .flat_map(char::to_lowercase)
        .filter(|c| !c.is_whitespace() && !"()[]{}<>【】「」『』*※:：・.。".contains(*c))
        .collect()
}

/// The text without bracketed notes: `保管場所（所在）` → `保管場所`.
fn without_brackets(text: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '(' | '（' | '[' | '［' | '【' => depth += 1,
            ')' | '）' | ']' | '］' | '】' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

impl Vocabulary {
    /// The built-in vocabulary, overridden by a user mapping file when given.
    pub fn load(mapping: Option<&Path>) -> Result<Vocabulary> {
        const FILE: &str = "templates/import/asset-columns.toml";
        let text = include_str!("../../../templates/import/asset-columns.toml");
        let file: ColumnsFile = toml::from_str(text).map_err(|e| SheetError::Mapping {
            path: FILE.to_owned(),
            message: e.message().to_owned(),
        })?;
        let user: HashMap<String, Vec<String>> = match mapping {
            None => HashMap::new(),
            Some(path) => {
                let bad = |message: String| SheetError::Mapping {
                    path: path.display().to_string(),
                    message,
                };
                let text = std::fs::read_to_string(path).map_err(|e| bad(e.to_string()))?;
                let parsed: MappingFile =
                    toml::from_str(&text).map_err(|e| bad(e.message().to_owned()))?;
                for field in parsed.fields.keys() {
                    if !FIELDS.contains(&field.as_str()) {
                        return Err(bad(format!(
                            "unknown field `{field}` (fields: {})",
                            FIELDS.join(", ")
                        )));
                    }
                }
                parsed.fields
            }
        };
        let mut synonyms = Vec::new();
        let mut export_headers = HashMap::new();
        for field in FIELDS {
            let builtin = file.fields.get(field).cloned().unwrap_or_default();
            export_headers.insert(
                field,
                builtin.first().cloned().unwrap_or_else(|| field.to_owned()),
            );
            let names: Vec<String> = user
                .get(field)
                .into_iter()
                .flatten()
                .chain(builtin.iter())
                .map(|n| normalise_header(n))
                .collect();
            synonyms.push((field, names));
        }
        Ok(Vocabulary {
            synonyms,
            export_headers,
            scale_words: file.scale_words,
            footer_words: file
                .footer_words
                .words
                .iter()
                .map(|w| normalise_header(w))
                .collect(),
        })
    }

    /// The field a header names, with the rank of the name matched (lower = more specific).
    /// `保管場所（所在）` is tried as written and without its bracketed note.
    pub fn field_of(&self, header: &str) -> Option<(&'static str, usize)> {
        [
            normalise_header(&without_brackets(header)),
            normalise_header(header),
        ]
        .into_iter()
        .filter(|h| !h.is_empty())
        .find_map(|h| {
            self.synonyms.iter().find_map(|(field, names)| {
                names
                    .iter()
                    .position(|n| *n == h)
                    .map(|rank| (*field, rank))
            })
        })
    }

    pub fn export_header<'a>(&'a self, field: &'a str) -> &'a str {
        self.export_headers.get(field).map_or(field, String::as_str)
    }

    pub fn is_footer(&self, text: &str) -> bool {
        let t = normalise_header(text);
        self.footer_words.contains(&t)
    }

    /// Maps the cells of a header row: column → field. When two columns name the same field, the more specific
    /// name wins and the other column is kept as a custom field.
    pub fn map_header(&self, headers: &[String]) -> Vec<Option<&'static str>> {
        let mut best: HashMap<&'static str, (usize, usize)> = HashMap::new();
        for (col, h) in headers.iter().enumerate() {
            if let Some((field, rank)) = self.field_of(h) {
                let keep = best.get(field).is_none_or(|(_, r)| rank < *r);
                if keep {
                    best.insert(field, (col, rank));
                }
            }
        }
        let mut out = vec![None; headers.len()];
        for (field, (col, _)) in best {
            out[col] = Some(field);
        }
        out
    }

    /// How much a row looks like a register header: the number of distinct fields it names, if it names an id or a name.
    pub fn header_score(&self, cells: &[String]) -> usize {
        let mapped = self.map_header(cells);
        let fields: Vec<&str> = mapped.iter().flatten().copied().collect();
        if fields.len() >= 2 && (fields.contains(&"asset_id") || fields.contains(&"name")) {
            fields.len()
        } else {
            0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japanese_and_english_headers_and_their_variants_are_recognised() {
        let v = Vocabulary::load(None).unwrap();
        for (header, field) in [
            ("資産ID", "asset_id"),
            ("資産番号", "asset_id"),
            ("管理番号", "asset_id"),
            ("情報資産名", "name"),
            ("名 称", "name"),
            ("機密性", "confidentiality"),
            ("C", "confidentiality"),
            ("Ｃ", "confidentiality"),
            ("管理責任者", "owner"),
            ("リスク所有者", "owner"),
            ("Owner", "owner"),
            ("機密区分", "classification"),
            ("Classification", "classification"),
            ("次回見直し日※", "next_review"),
            ("保管場所\n(所在)", "location"),
        ] {
            assert_eq!(v.field_of(header).map(|f| f.0), Some(field), "{header}");
        }
        assert_eq!(v.field_of("部署コード"), None);
    }

    #[test]
    fn the_more_specific_header_wins_a_field() {
        let v = Vocabulary::load(None).unwrap();
        let headers: Vec<String> = ["No", "資産番号", "名称"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let mapped = v.map_header(&headers);
        assert_eq!(mapped, [None, Some("asset_id"), Some("name")]);
    }

    #[test]
    fn footers_are_recognised() {
        let v = Vocabulary::load(None).unwrap();
        assert!(v.is_footer("合計"));
        assert!(v.is_footer(" 計 "));
        assert!(!v.is_footer("計画書"));
    }
}
