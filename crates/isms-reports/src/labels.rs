//! The wording of the exports per language, read from `templates/soa/labels.toml`.

use std::collections::HashMap;

use serde::Deserialize;

use crate::error::{ReportError, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Ja,
    En,
}

impl std::str::FromStr for Lang {
    type Err = ReportError;
    fn from_str(s: &str) -> Result<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "ja" | "jp" | "japanese" | "日本語" => Ok(Lang::Ja),
            "en" | "english" => Ok(Lang::En),
            other => Err(ReportError::UnknownLanguage(other.to_owned())),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct SoaLabels {
    pub document_title: String,
    pub short_title: String,
    pub draft_mark: String,
    pub draft_version: String,
    pub version_format: String,
    pub organisation: String,
    pub scope: String,
    pub document_number: String,
    pub version: String,
    pub issue_date: String,
    pub prepared: String,
    pub approved: String,
    pub summary_heading: String,
    pub summary_annex_a: String,
    pub summary_cloud: String,
    pub summary_accepted_undecided: String,
    pub annex_a_heading: String,
    pub cloud_heading: String,
    pub cloud_note: String,
    pub derived_from: String,
    pub derived_part: String,
    pub continued: String,
    pub ja_only_mark: String,
    pub ja_only_note: String,
    pub version_superseded: String,
    pub version_withdrawn: String,
    pub withdrawn_mark: String,
    pub superseded_note: String,
    pub cld_group: String,
    pub history_heading: String,
    pub col_id: String,
    pub col_control: String,
    pub col_applicable: String,
    pub col_reason: String,
    pub col_implementation: String,
    pub col_status: String,
    pub col_documents: String,
    pub col_role: String,
    pub col_inherited: String,
    pub col_version: String,
    pub col_date: String,
    pub col_changes: String,
    pub col_prepared: String,
    pub col_approved: String,
    pub col_group: String,
    pub col_derived: String,
    pub sheet_annex_a: String,
    pub sheet_cloud: String,
    pub sheet_history: String,
    pub applicable_yes: String,
    pub applicable_no: String,
    pub undecided: String,
    pub no_history: String,
    pub list_separator: String,
    pub date_format: String,
    pub annex_a_widths: Vec<f32>,
    pub cloud_widths: Vec<f32>,
    pub status: HashMap<String, String>,
    pub reason: HashMap<String, String>,
    pub role: HashMap<String, String>,
}

#[derive(Debug, Deserialize)]
struct LabelsFile {
    ja: SoaLabels,
    en: SoaLabels,
}

const LABELS: &str = include_str!("../../../templates/soa/labels.toml");

impl SoaLabels {
    pub fn load(lang: Lang) -> Result<SoaLabels> {
        let file: LabelsFile =
            toml::from_str(LABELS).map_err(|e| ReportError::Labels(e.message().to_owned()))?;
        Ok(match lang {
            Lang::Ja => file.ja,
            Lang::En => file.en,
        })
    }

    /// The label of an enum value (`status`, `reason`, `role` tables), falling back to the value itself.
    pub fn term<'a>(map: &'a HashMap<String, String>, key: &'a str) -> &'a str {
        map.get(key).map_or(key, String::as_str)
    }

    pub fn date(&self, date: chrono::NaiveDate) -> String {
        date.format(&self.date_format).to_string()
    }

    /// Fills `{name}` placeholders.
    pub fn fill(template: &str, values: &[(&str, usize)]) -> String {
        let mut out = template.to_owned();
        for (name, value) in values {
            out = out.replace(&format!("{{{name}}}"), &value.to_string());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_load_with_every_enum_label() {
        for lang in [Lang::Ja, Lang::En] {
            let l = SoaLabels::load(lang).unwrap();
            for s in [
                "not_started",
                "planned",
                "partially_implemented",
                "implemented",
            ] {
                assert!(l.status.contains_key(s), "{lang:?} status {s}");
            }
            for r in [
                "risk_assessment",
                "legal_regulatory",
                "contractual",
                "business_requirement",
                "best_practice",
            ] {
                assert!(l.reason.contains_key(r), "{lang:?} reason {r}");
            }
            for r in ["provider", "customer", "both"] {
                assert!(l.role.contains_key(r), "{lang:?} role {r}");
            }
            for widths in [&l.annex_a_widths, &l.cloud_widths] {
                assert_eq!(widths.len(), 7, "{lang:?}: seven columns");
                let total: f32 = widths.iter().sum();
                assert!(
                    total <= 269.0 + 0.01,
                    "{lang:?}: {total} mm is wider than the page"
                );
            }
        }
        let ja = SoaLabels::load(Lang::Ja).unwrap();
        assert_eq!(
            ja.date(chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()),
            "2026年11月22日"
        );
    }
}
