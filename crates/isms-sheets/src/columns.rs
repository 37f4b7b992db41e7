//! Which column of a register is which field, for every kind of record a register holds (assets, suppliers, the
//! control register): each kind's header names live in `templates/import/<kind>-columns.toml`, an optional user
//! mapping file comes first, and a header is recognised as written, without its bracketed note, or by a part of it
//! (「資産名称」 and 「情報資産の名称」 name the asset, 「委託先名称（会社名）」 the supplier). Also header-row detection.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

use crate::error::{Result, SheetError};

/// The asset fields a column can feed, in export order.
pub const FIELDS: [&str; 26] = [
    "asset_id",
    "name",
    "asset_type",
    "category",
    "classification",
    "confidentiality",
    "integrity",
    "availability",
    "department",
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
    "retired_on",
    "retirement_method",
    "retirement_approver",
    "retirement_note",
];

/// A kind of record a register holds: what to call it, its fields in export order, the fields one of which a
/// header row must name (its id or its name), and its vocabulary file.
#[derive(Debug)]
pub struct ColumnsSpec {
    pub kind: &'static str,
    pub file: &'static str,
    pub text: &'static str,
    pub fields: &'static [&'static str],
    pub key_fields: &'static [&'static str],
}

pub static ASSET_COLUMNS: ColumnsSpec = ColumnsSpec {
    kind: "an asset register",
    file: "templates/import/asset-columns.toml",
    text: include_str!("../../../templates/import/asset-columns.toml"),
    fields: &FIELDS,
    key_fields: &["asset_id", "name"],
};

pub static SUPPLIER_COLUMNS: ColumnsSpec = ColumnsSpec {
    kind: "a supplier list",
    file: "templates/import/supplier-columns.toml",
    text: include_str!("../../../templates/import/supplier-columns.toml"),
    fields: &crate::supplier_export::SUPPLIER_FIELDS,
    key_fields: &["supplier_id", "name"],
};

pub static CONTROL_COLUMNS: ColumnsSpec = ColumnsSpec {
    kind: "a Statement of Applicability (適用宣言書)",
    file: "templates/import/control-columns.toml",
    text: include_str!("../../../templates/import/control-columns.toml"),
    fields: &crate::control_import::CONTROL_FIELDS,
    key_fields: &["control_id", "title"],
};

/// The registers the importer reads.
#[derive(ts_rs::TS, Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegisterKind {
    /// 情報資産台帳
    #[default]
    Assets,
    /// 委託先一覧 / クラウド一覧表
    Suppliers,
    /// 適用宣言書 (an existing SoA spreadsheet, into the control register)
    Controls,
}

impl RegisterKind {
    pub fn spec(self) -> &'static ColumnsSpec {
        match self {
            RegisterKind::Assets => &ASSET_COLUMNS,
            RegisterKind::Suppliers => &SUPPLIER_COLUMNS,
            RegisterKind::Controls => &CONTROL_COLUMNS,
        }
    }

    /// The fields every row needs a column for, with how an error names them.
    pub fn required(self) -> &'static [(&'static str, &'static str)] {
        match self {
            RegisterKind::Assets => &[("name", "asset name (情報資産名)")],
            RegisterKind::Suppliers => &[("name", "supplier's name (委託先名)")],
            RegisterKind::Controls => &[],
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
struct ColumnsFile {
    fields: HashMap<String, Vec<String>>,
    #[serde(default = "ScaleWords::none")]
    scale_words: ScaleWords,
    #[serde(default)]
    footer_words: Option<FooterWords>,
    #[serde(default, rename = "match")]
    matching: Matching,
}

/// How names are matched: names that only ever match a whole header (「部署」 names the department, but
/// 「部署コード」 is a code, not a department).
#[derive(Debug, Clone, Default, Deserialize)]
struct Matching {
    #[serde(default)]
    exact_only: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ScaleWords {
    pub high: Vec<String>,
    pub medium: Vec<String>,
    pub low: Vec<String>,
}

impl ScaleWords {
    fn none() -> ScaleWords {
        ScaleWords {
            high: Vec::new(),
            medium: Vec::new(),
            low: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
struct FooterWords {
    words: Vec<String>,
}

const DEFAULT_FOOTERS: [&str; 6] = ["合計", "計", "小計", "総計", "Total", "Subtotal"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MappingFile {
    fields: HashMap<String, Vec<String>>,
}

/// The vocabulary the importer understands for one kind of record.
#[derive(Debug, Clone)]
pub struct Vocabulary {
    spec: &'static ColumnsSpec,
    /// field → normalised header names, most specific first; user mapping names come before the built-in ones, and
    /// how many of them are the user's.
    synonyms: Vec<(&'static str, Vec<String>, usize)>,
    /// field → the header written on export (the first built-in name).
    export_headers: HashMap<&'static str, String>,
    pub scale_words: ScaleWords,
    footer_words: Vec<String>,
    /// Normalised names never matched inside a longer header.
    exact_only: Vec<String>,
}

/// Compares header texts the way people write them: NFKC, lower case, without spaces, line breaks, brackets or required-marks.
pub fn normalise_header(text: &str) -> String {
    text.nfkc()
        .flat_map(char::to_lowercase)
        .filter(|c| !c.is_whitespace() && !"()[]{}<>【】「」『』*※:：・.。_-".contains(*c))
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

/// A name long enough to be found inside a longer header: two or more Japanese characters, or four or more Latin
/// ones (so `No`, `ID`, `C` only ever match a header that is exactly them).
fn is_part_name(name: &str) -> bool {
    let n = name.chars().count();
    if name.is_ascii() {
        n >= 4
    } else {
        n >= 2
    }
}

/// The rank a part match gets: after every exact match, better the more of the header the name covers.
const PART_RANK: usize = 1000;

impl Vocabulary {
    /// The asset vocabulary, overridden by a user mapping file when given.
    pub fn load(mapping: Option<&Path>) -> Result<Vocabulary> {
        Vocabulary::load_for(&ASSET_COLUMNS, mapping)
    }

    /// The vocabulary of `spec`'s kind of record, overridden by a user mapping file when given.
    pub fn load_for(spec: &'static ColumnsSpec, mapping: Option<&Path>) -> Result<Vocabulary> {
        let file: ColumnsFile = toml::from_str(spec.text).map_err(|e| SheetError::Mapping {
            path: spec.file.to_owned(),
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
                    if !spec.fields.contains(&field.as_str()) {
                        return Err(bad(format!(
                            "unknown field `{field}` (fields: {})",
                            spec.fields.join(", ")
                        )));
                    }
                }
                parsed.fields
            }
        };
        let mut synonyms = Vec::new();
        let mut export_headers = HashMap::new();
        for field in spec.fields {
            let builtin = file.fields.get(*field).cloned().unwrap_or_default();
            export_headers.insert(
                *field,
                builtin
                    .first()
                    .cloned()
                    .unwrap_or_else(|| (*field).to_owned()),
            );
            let users = user.get(*field).map_or(0, Vec::len);
            let names: Vec<String> = user
                .get(*field)
                .into_iter()
                .flatten()
                .chain(builtin.iter())
                .map(|n| normalise_header(n))
                .collect();
            synonyms.push((*field, names, users));
        }
        let footers: Vec<String> = match file.footer_words {
            Some(f) => f.words,
            None => DEFAULT_FOOTERS.iter().map(|w| (*w).to_owned()).collect(),
        };
        Ok(Vocabulary {
            spec,
            synonyms,
            export_headers,
            scale_words: file.scale_words,
            footer_words: footers.iter().map(|w| normalise_header(w)).collect(),
            exact_only: file
                .matching
                .exact_only
                .iter()
                .map(|w| normalise_header(w))
                .collect(),
        })
    }

    /// The fields a column can feed.
    pub fn fields(&self) -> &'static [&'static str] {
        self.spec.fields
    }

    /// What the register is ("an asset register").
    pub fn kind(&self) -> &'static str {
        self.spec.kind
    }

    /// Two headers that make a row a header row, e.g. 「資産番号」 and 「情報資産名」.
    pub fn example_headers(&self) -> String {
        self.spec
            .key_fields
            .iter()
            .map(|f| self.export_header(f).to_owned())
            .collect::<Vec<_>>()
            .join(" / ")
    }

    /// The field a header names, with the rank of the name matched (lower = more specific). A header is tried as
    /// written and without its bracketed note (`保管場所（所在）`) against the user's mapping first, then against the
    /// built-in names, then by the longest known name it contains (`資産名称` → 資産名).
    pub fn field_of(&self, header: &str) -> Option<(&'static str, usize)> {
        let forms: Vec<String> = [
            normalise_header(&without_brackets(header)),
            normalise_header(header),
        ]
        .into_iter()
        .filter(|h| !h.is_empty())
        .collect();
        // The user's mapping comes first: a header it gives to one field is that field even where the built-in
        // vocabulary names it for another (the import wizard saves a column moved from 管理責任者 → owner to custodian).
        let exact = |users_only: bool| {
            forms.iter().find_map(|h| {
                self.synonyms.iter().find_map(|(field, names, users)| {
                    let range = if users_only {
                        0..*users
                    } else {
                        *users..names.len()
                    };
                    let from = range.start;
                    names[range]
                        .iter()
                        .position(|n| n == h)
                        .map(|rank| (*field, from + rank))
                })
            })
        };
        if let Some(found) = exact(true).or_else(|| exact(false)) {
            return Some(found);
        }
        let mut best: Option<(&'static str, usize)> = None;
        for h in &forms {
            let len = h.chars().count();
            for (field, names, _) in &self.synonyms {
                for n in names.iter().filter(|n| {
                    is_part_name(n) && !self.exact_only.contains(n) && h.contains(n.as_str())
                }) {
                    let rank = PART_RANK + (len - n.chars().count()) * 10;
                    if best.is_none_or(|(_, r)| rank < r) {
                        best = Some((*field, rank));
                    }
                }
            }
        }
        best
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

    /// How much a row looks like a header of this kind of register: the number of distinct fields it names, if it
    /// names one of the key fields (an id or a name).
    pub fn header_score(&self, cells: &[String]) -> usize {
        let mapped = self.map_header(cells);
        let fields: Vec<&str> = mapped.iter().flatten().copied().collect();
        if fields.len() >= 2 && self.spec.key_fields.iter().any(|k| fields.contains(k)) {
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
        for (header, field) in [
            ("部署", "department"),
            ("部署名", "department"),
            ("所管部署", "department"),
            ("管理部門", "department"),
            ("担当部署名", "department"),
            ("廃棄日", "retired_on"),
            ("廃止区分", "retirement_method"),
            ("廃棄方法", "disposal_method"),
        ] {
            assert_eq!(v.field_of(header).map(|f| f.0), Some(field), "{header}");
        }
        assert_eq!(v.field_of("部門コード"), None);
    }

    #[test]
    fn headers_are_recognised_by_their_parts() {
        let v = Vocabulary::load(None).unwrap();
        for (header, field) in [
            ("資産名称", "name"),
            ("情報資産の名称", "name"),
            ("名称（資産名）", "name"),
            ("資産名(必須)", "name"),
            ("ref_id", "asset_id"),
            ("description", "notes"),
            ("保管場所・保管方法", "location"),
        ] {
            assert_eq!(v.field_of(header).map(|f| f.0), Some(field), "{header}");
        }
        // Short names never match inside another word: `No` is not found in `Notes` (notes), `C` not in `CPU`.
        assert_eq!(v.field_of("Notes").map(|f| f.0), Some("notes"));
        assert_eq!(v.field_of("CPU"), None);
        let s = Vocabulary::load_for(&SUPPLIER_COLUMNS, None).unwrap();
        assert_eq!(
            s.field_of("委託先名称（会社名）").map(|f| f.0),
            Some("name")
        );
        assert_eq!(
            s.field_of("再委託の可否").map(|f| f.0),
            Some("subcontracting_allowed")
        );
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

    /// Found by the `mapping` fuzz target: a header the user's mapping file gave to one field was read as another when
    /// the built-in vocabulary of an earlier field also knew it, so a column the import wizard had moved (管理責任者
    /// from owner to custodian, saved as a mapping) went back to owner on the next import.
    #[test]
    fn the_users_mapping_comes_first() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mapping.toml");
        std::fs::write(
            &path,
            "[fields]\ncustodian = [\"管理責任者\"]\nnotes = [\"名称（備考）\"]\nowner = [\"部長\"]\n",
        )
        .unwrap();
        let v = Vocabulary::load(Some(&path)).unwrap();
        assert_eq!(v.field_of("管理責任者").map(|f| f.0), Some("custodian"));
        assert_eq!(v.field_of("名称（備考）").map(|f| f.0), Some("notes"));
        assert_eq!(v.field_of("名称").map(|f| f.0), Some("name"));
        assert_eq!(v.field_of("部長").map(|f| f.0), Some("owner"));
        let headers: Vec<String> = ["資産番号", "名称", "管理責任者", "部長"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            v.map_header(&headers),
            [
                Some("asset_id"),
                Some("name"),
                Some("custodian"),
                Some("owner")
            ]
        );
    }

    #[test]
    fn footers_are_recognised() {
        let v = Vocabulary::load(None).unwrap();
        assert!(v.is_footer("合計"));
        assert!(v.is_footer(" 計 "));
        assert!(!v.is_footer("計画書"));
    }
}
