//! A whitepaper definition: the document's settings (cover, numbering, table of contents, version and date formats,
//! closing block, phrase overrides) and its ordered tree of sections, each of a kind that says what it draws. Read
//! from and written to a TOML file (the format is documented in the starter templates and the README); an unknown
//! key, kind or render is refused with the file, line and column.

use std::collections::BTreeMap;

use isms_core::whitepaper::facts::{Availability, ContactPurpose, FeatureCategory, PartyKey};
use serde::{Deserialize, Serialize};

use crate::error::{ReportError as Error, Result};

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct Numbering {
    /// One pattern per level: "{1}.", "{1}-{2}", "({1:kana})", "{2:A})" …; empty = nothing numbered.
    pub levels: Vec<String>,
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Toc {
    pub enabled: bool,
    /// Levels listed (1 = chapters only).
    pub depth: u8,
    /// Empty → the phrase `document.toc_heading`.
    pub heading: String,
    pub page_numbers: bool,
    pub dot_leaders: bool,
}

impl Default for Toc {
    fn default() -> Self {
        Toc {
            enabled: false,
            depth: 2,
            heading: String::new(),
            page_numbers: true,
            dot_leaders: true,
        }
    }
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct VersionFormat {
    /// On the cover: "第{v}版", "Ver.{v}"; empty → the phrase `document.version_default`.
    pub label: String,
    /// In the revision history: "{v}", "第{v}版".
    pub history_label: String,
    /// The first version's label in both places, e.g. "初版"; empty = none.
    pub first_label: String,
    /// Printed for a draft instead of a version: "案".
    pub draft_label: String,
}

#[derive(ts_rs::TS, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CoverLine {
    DocumentNumber,
    Title,
    Subtitle,
    Organisation,
    Date,
    Version,
    DateVersion,
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Cover {
    /// A cover page; without one the title heads the first page (000's letter form).
    pub enabled: bool,
    pub lines: Vec<CoverLine>,
}

impl Default for Cover {
    fn default() -> Self {
        Cover {
            enabled: true,
            lines: vec![
                CoverLine::Title,
                CoverLine::Subtitle,
                CoverLine::Organisation,
                CoverLine::DateVersion,
            ],
        }
    }
}

#[derive(ts_rs::TS, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum DateLine {
    #[default]
    None,
    Issued,
    Updated,
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct Closing {
    /// 「記」 after the opening (business-letter form).
    pub ki: bool,
    /// 「以上」 at the end.
    pub ijo: bool,
    pub date_line: DateLine,
    /// Lines after the date: "{organisation}", department names …
    pub signature_lines: Vec<String>,
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PageFormat {
    pub size: String,
    pub orientation: String,
    /// "n", "n / N" or "none".
    pub page_numbers: String,
}

impl Default for PageFormat {
    fn default() -> Self {
        PageFormat {
            size: "A4".to_owned(),
            orientation: "portrait".to_owned(),
            page_numbers: "n / N".to_owned(),
        }
    }
}

#[derive(
    ts_rs::TS,
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    strum::AsRefStr,
    strum::VariantNames,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum SectionKind {
    FreeText,
    ControlStatements,
    ControlsByTheme,
    Certifications,
    Responsibility,
    NotificationRule,
    Backup,
    Logs,
    TimeSource,
    DataLocation,
    DataDeletion,
    Subprocessors,
    CustomerFeatures,
    Operations,
    #[serde(rename = "mapping_27017")]
    #[strum(serialize = "mapping_27017")]
    Mapping27017,
    Services,
    Contacts,
    Legal,
    RevisionHistory,
    Image,
}

impl SectionKind {
    /// The renders a kind offers; the first is the default.
    pub fn renders(self) -> &'static [&'static str] {
        use SectionKind::*;
        match self {
            FreeText | TimeSource | Mapping27017 | RevisionHistory | Image | Legal => &["prose"],
            ControlStatements => &["paragraphs", "subsections", "table"],
            ControlsByTheme => &["subsections"],
            Certifications => &["table", "subsections", "prose"],
            Responsibility => &["table", "grouped", "matrix", "lists", "prose"],
            NotificationRule => &["prose", "table"],
            Backup => &["prose", "list", "table", "subsections"],
            Logs => &["prose", "list", "table"],
            DataLocation => &["prose", "table"],
            DataDeletion => &["prose", "list"],
            Subprocessors => &["table", "list"],
            CustomerFeatures => &["list", "subsections", "table", "prose"],
            Operations => &["prose", "list", "table", "subsections"],
            Services => &["list", "table", "prose"],
            Contacts => &["block", "table"],
        }
    }
}

/// `rows` of a mapping table ("cloud", "linked", or control ids) or of a notification table (row names).
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Rows {
    Preset(String),
    List(Vec<String>),
}

impl Default for Rows {
    fn default() -> Self {
        Rows::List(Vec::new())
    }
}

fn yes() -> bool {
    true
}

/// One section: the keys every kind has, then the options some kinds read (ignored by the others).
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields)]
pub struct Section {
    pub kind: SectionKind,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub heading: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub lead: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub trailing: String,
    /// free_text's body; on any other kind it replaces the generated body (an override).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub numbered: bool,
    /// Printed instead of a number ("資料").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub in_toc: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub page_break_before: bool,
    /// Controls this section addresses (listed in the ISO/IEC 27017 mapping); control_statements prints theirs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub controls: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub render: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub titles: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub framework: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub themes: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub schemes: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ids: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<PartyKey>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header_row: Option<bool>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notices: Vec<String>,
    #[serde(default, skip_serializing_if = "is_empty_rows")]
    pub rows: Rows,
    #[serde(default, skip_serializing_if = "is_false")]
    pub include_time_source: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub include_address: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub column_headers: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<FeatureCategory>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub availability: Vec<Availability>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kinds: Vec<String>,
    /// mapping_27017: "number_heading", "heading" or "number".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub target: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub show_unaddressed: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub purposes: Vec<ContactPurpose>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub date_format: String,
    /// image: the file (relative to the definition file) when importing; kept inside the database as an attachment.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachment: Option<i64>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub caption: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width_mm: Option<f32>,
    /// controls_by_theme children: the theme they go under, and the control they follow (`after`) or replace (`at`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub theme: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub after: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub at: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Section>,
}

fn is_true(b: &bool) -> bool {
    *b
}
fn is_false(b: &bool) -> bool {
    !*b
}
fn is_empty_rows(r: &Rows) -> bool {
    matches!(r, Rows::List(l) if l.is_empty())
}

impl Section {
    pub fn new(kind: SectionKind) -> Section {
        Section {
            kind,
            id: String::new(),
            heading: String::new(),
            lead: String::new(),
            trailing: String::new(),
            text: String::new(),
            numbered: true,
            label: String::new(),
            in_toc: true,
            page_break_before: false,
            controls: Vec::new(),
            render: String::new(),
            titles: BTreeMap::new(),
            framework: String::new(),
            themes: Vec::new(),
            fields: Vec::new(),
            schemes: Vec::new(),
            ids: Vec::new(),
            parties: Vec::new(),
            header_row: None,
            rules: Vec::new(),
            notices: Vec::new(),
            rows: Rows::default(),
            include_time_source: false,
            include_address: false,
            columns: Vec::new(),
            column_headers: Vec::new(),
            categories: Vec::new(),
            availability: Vec::new(),
            kinds: Vec::new(),
            target: String::new(),
            show_unaddressed: false,
            purposes: Vec::new(),
            parts: Vec::new(),
            date_format: String::new(),
            path: String::new(),
            attachment: None,
            caption: String::new(),
            width_mm: None,
            theme: String::new(),
            after: String::new(),
            at: String::new(),
            children: Vec::new(),
        }
    }

    /// The render chosen, or the kind's default.
    pub fn render(&self) -> &str {
        if self.render.is_empty() {
            self.kind.renders()[0]
        } else {
            &self.render
        }
    }
}

#[derive(ts_rs::TS, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    #[default]
    Ja,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }
}

/// A whitepaper definition.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct Definition {
    pub title: String,
    pub subtitle: String,
    pub document_number: String,
    pub lang: Lang,
    /// Service ids (facts); the first is {service}.
    pub services: Vec<String>,
    /// chrono format: "%Y年%-m月%-d日", "%-d %B %Y".
    pub date_format: String,
    /// A paragraph before the first section.
    pub opening: String,
    pub numbering: Numbering,
    pub toc: Toc,
    pub version: VersionFormat,
    pub cover: Cover,
    pub closing: Closing,
    pub page: PageFormat,
    /// Phrase overrides for this document: "backup.lead" = "…".
    pub phrases: BTreeMap<String, String>,
    pub sections: Vec<Section>,
}

/// The starter definitions shipped with the program.
pub const TEMPLATES: [(&str, &str); 2] = [
    (
        "saas-ja",
        include_str!("../../../../templates/whitepapers/saas-ja.toml"),
    ),
    (
        "saas-en",
        include_str!("../../../../templates/whitepapers/saas-en.toml"),
    ),
];

/// The line and column of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count() + 1)
        .unwrap_or(1);
    (line, column)
}

impl Definition {
    /// Reads a definition file; a fault names `file`, the line and the column.
    pub fn from_toml(text: &str, file: &str) -> Result<Definition> {
        let d: Definition = toml::from_str(text).map_err(|e| {
            let msg = e.message().trim().replace('\n', " ");
            Error::Definition {
                message: match e.span() {
                    Some(s) => {
                        let (l, c) = line_column(text, s.start);
                        format!("{file}: line {l}, column {c}: {msg}")
                    }
                    None => format!("{file}: {msg}"),
                },
            }
        })?;
        d.check_shape().map_err(|m| Error::Definition {
            message: format!("{file}: {m}"),
        })?;
        Ok(d)
    }

    pub fn to_toml(&self) -> Result<String> {
        toml::to_string(self).map_err(|e| Error::Definition {
            message: format!("the definition cannot be written as TOML: {e}"),
        })
    }

    /// A starter by name.
    pub fn template(name: &str) -> Result<Definition> {
        let (file, text) =
            TEMPLATES
                .iter()
                .find(|(n, _)| *n == name)
                .ok_or_else(|| Error::Definition {
                    message: format!(
                        "unknown template `{name}` (one of {})",
                        TEMPLATES
                            .iter()
                            .map(|(n, _)| *n)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                })?;
        Definition::from_toml(text, &format!("templates/whitepapers/{file}.toml"))
    }

    /// What can be checked without the database: renders, numbering patterns, ids used once, kind options.
    pub fn check_shape(&self) -> std::result::Result<(), String> {
        for (i, p) in self.numbering.levels.iter().enumerate() {
            crate::whitepaper::numbering::check_pattern(p)
                .map_err(|m| format!("[numbering] levels[{i}] `{p}`: {m}"))?;
        }
        if !matches!(self.page.page_numbers.as_str(), "n" | "n / N" | "none") {
            return Err(format!(
                "[page] page_numbers `{}`: use \"n\", \"n / N\" or \"none\"",
                self.page.page_numbers
            ));
        }
        let mut ids = std::collections::HashSet::new();
        fn walk(
            sections: &[Section],
            path: &str,
            ids: &mut std::collections::HashSet<String>,
            depth: usize,
        ) -> std::result::Result<(), String> {
            for (i, s) in sections.iter().enumerate() {
                let here = if s.id.is_empty() {
                    format!("{path}[{}]", i + 1)
                } else {
                    format!("section `{}`", s.id)
                };
                if !s.id.is_empty() && !ids.insert(s.id.clone()) {
                    return Err(format!("{here}: the id is used twice"));
                }
                if !s.render.is_empty() && !s.kind.renders().contains(&s.render.as_str()) {
                    return Err(format!(
                        "{here}: render `{}` is not offered by kind {} (one of {})",
                        s.render,
                        s.kind.as_ref(),
                        s.kind.renders().join(", ")
                    ));
                }
                if s.kind == SectionKind::Image && s.path.is_empty() && s.attachment.is_none() {
                    return Err(format!("{here}: an image section needs `path`"));
                }
                if !s.target.is_empty()
                    && !matches!(s.target.as_str(), "number_heading" | "heading" | "number")
                {
                    return Err(format!(
                        "{here}: target `{}`: use number_heading, heading or number",
                        s.target
                    ));
                }
                if depth >= 6 {
                    return Err(format!("{here}: sections nest at most 6 levels deep"));
                }
                walk(&s.children, &format!("{here} >"), ids, depth + 1)?;
            }
            Ok(())
        }
        walk(&self.sections, "section", &mut ids, 0)
    }

    /// Every section, depth first.
    pub fn all_sections(&self) -> Vec<&Section> {
        fn walk<'a>(s: &'a [Section], out: &mut Vec<&'a Section>) {
            for x in s {
                out.push(x);
                walk(&x.children, out);
            }
        }
        let mut out = Vec::new();
        walk(&self.sections, &mut out);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_starters_read_and_write_back_the_same() {
        for (name, _) in TEMPLATES {
            let d = Definition::template(name).unwrap();
            assert!(d.sections.len() > 5, "{name}");
            let again = Definition::from_toml(&d.to_toml().unwrap(), "again.toml").unwrap();
            assert_eq!(again, d, "{name} round trip");
        }
    }

    #[test]
    fn a_broken_definition_names_the_line_and_column() {
        let e = Definition::from_toml("title = \"x\"\n[[sections]]\nkind = \"poem\"\n", "my.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("my.toml: line 3") && e.contains("poem"), "{e}");
        let e = Definition::from_toml(
            "title = \"x\"\n[[sections]]\nkind = \"backup\"\nrender = \"matrix\"\n",
            "my.toml",
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("render `matrix`") && e.contains("prose, list, table, subsections"),
            "{e}"
        );
        let e = Definition::from_toml("titel = \"x\"\n", "my.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 1") && e.contains("titel"), "{e}");
    }
}
