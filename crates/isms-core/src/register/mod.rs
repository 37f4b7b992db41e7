//! The control register: one entry per control per organisation — applicability and why, implementation, ownership, documents, reviews, and the ISO/IEC 27017 role.

pub mod derive;
pub mod store;

pub use derive::DerivedSource;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::catalogue::Framework;
use crate::error::{Error, Result};

/// Why an applicable control was included (the SoA's "reasons for inclusion").
#[derive(
    ts_rs::TS,
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    strum::EnumString,
    strum::AsRefStr,
    strum::Display,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum InclusionReason {
    RiskAssessment,
    LegalRegulatory,
    Contractual,
    BusinessRequirement,
    BestPractice,
}

#[derive(
    ts_rs::TS,
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    Serialize,
    Deserialize,
    strum::EnumString,
    strum::AsRefStr,
    strum::Display,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ImplementationStatus {
    #[default]
    NotStarted,
    Planned,
    PartiallyImplemented,
    Implemented,
}

/// Who carries an ISO/IEC 27017 control: the cloud service provider, the customer, or both.
#[derive(
    ts_rs::TS,
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    strum::EnumString,
    strum::AsRefStr,
    strum::Display,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum CloudRole {
    Provider,
    Customer,
    Both,
}

/// A document that implements or describes a control, e.g. 情報セキュリティ管理規程, section 5.10.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelatedDocument {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
}

impl RelatedDocument {
    /// Parses `情報セキュリティ管理規程（5.10）` or `ISMS manual (4.2)`: a trailing parenthesised part is the section.
    pub fn parse(text: &str) -> Result<RelatedDocument> {
        let text = text.trim();
        let invalid = || {
            Error::InvalidValue {
            field: "document",
            value: text.to_owned(),
            expected: "a document title, optionally followed by its section in parentheses, e.g. 情報セキュリティ管理規程（5.10）".to_owned(),
        }
        };
        for (open, close) in [('（', '）'), ('(', ')')] {
            if let Some(body) = text.strip_suffix(close) {
                if let Some(pos) = body.rfind(open) {
                    let title = body[..pos].trim();
                    let section = body[pos + open.len_utf8()..].trim();
                    if title.is_empty() {
                        return Err(invalid());
                    }
                    return Ok(RelatedDocument {
                        title: title.to_owned(),
                        section: (!section.is_empty()).then(|| section.to_owned()),
                    });
                }
            }
        }
        if text.is_empty() {
            return Err(invalid());
        }
        Ok(RelatedDocument {
            title: text.to_owned(),
            section: None,
        })
    }
}

impl std::fmt::Display for RelatedDocument {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.section {
            Some(section) => write!(f, "{}（{}）", self.title, section),
            None => f.write_str(&self.title),
        }
    }
}

/// A control of a catalogue as stored in the database.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Control {
    pub id: String,
    pub framework: Framework,
    pub theme: String,
    pub title_en: String,
    pub title_ja: String,
    pub extended_by_27017: bool,
}

/// What the organisation has recorded for one control. Every field has a meaningful empty state: a control nobody has touched yet is "undecided, not started".
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct RegisterFields {
    /// `None` until someone decides.
    pub applicable: Option<bool>,
    pub inclusion_reasons: Vec<InclusionReason>,
    pub exclusion_justification: String,
    pub status: ImplementationStatus,
    pub implementation: String,
    /// The implementation in English, for the English SoA; empty when only the Japanese text exists.
    #[serde(default)]
    pub implementation_en: String,
    pub customer_statement: String,
    #[serde(default)]
    pub customer_statement_en: String,
    pub responsible_role: String,
    pub related_documents: Vec<RelatedDocument>,
    pub evidence: Vec<String>,
    pub last_reviewed: Option<NaiveDate>,
    pub next_review: Option<NaiveDate>,
    pub cloud_role: Option<CloudRole>,
    pub inherited_from: String,
    /// Only for ISO/IEC 27002:2013 controls: the row holds its own decision instead of following its 2022
    /// counterparts (see [`derive`]).
    #[serde(default)]
    pub own_decision: bool,
}

/// One line of the register: the control and what was recorded for it.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterEntry {
    #[serde(flatten)]
    pub control: Control,
    #[serde(flatten)]
    pub fields: RegisterFields,
    /// When the entry was last changed; `None` if never.
    pub updated_at: Option<String>,
    /// For an ISO/IEC 27002:2013 control that follows its 2022 counterparts: where its decision fields come from
    /// (empty when the row holds its own decision, and for every other control).
    #[serde(default)]
    pub derived_from: Vec<DerivedSource>,
}

/// A change to a register entry: `None` leaves a field as it is. For clearable optional fields, `Some(None)` clears.
#[derive(ts_rs::TS, Debug, Clone, Default, Deserialize)]
#[serde(default)]
#[ts(optional_fields)]
pub struct RegisterPatch {
    #[serde(default, deserialize_with = "crate::register::double_option")]
    pub applicable: Option<Option<bool>>,
    pub inclusion_reasons: Option<Vec<InclusionReason>>,
    pub exclusion_justification: Option<String>,
    pub status: Option<ImplementationStatus>,
    pub implementation: Option<String>,
    pub implementation_en: Option<String>,
    pub customer_statement: Option<String>,
    pub customer_statement_en: Option<String>,
    pub responsible_role: Option<String>,
    pub related_documents: Option<Vec<RelatedDocument>>,
    pub evidence: Option<Vec<String>>,
    #[serde(default, deserialize_with = "crate::register::double_option")]
    pub last_reviewed: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "crate::register::double_option")]
    pub next_review: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "crate::register::double_option")]
    pub cloud_role: Option<Option<CloudRole>>,
    pub inherited_from: Option<String>,
    /// ISO/IEC 27002:2013 controls only: `true` decides on this row, `false` follows the 2022 counterparts again
    /// (the row's decision fields are emptied).
    pub own_decision: Option<bool>,
}

impl RegisterPatch {
    /// Whether the patch touches a field a 2013 row can take from its 2022 counterparts.
    pub fn touches_decision(&self) -> bool {
        self.applicable.is_some()
            || self.inclusion_reasons.is_some()
            || self.exclusion_justification.is_some()
            || self.status.is_some()
            || self.implementation.is_some()
            || self.implementation_en.is_some()
            || self.customer_statement.is_some()
            || self.customer_statement_en.is_some()
            || self.responsible_role.is_some()
            || self.related_documents.is_some()
            || self.evidence.is_some()
    }

    pub fn is_empty(&self) -> bool {
        self.applicable.is_none()
            && self.inclusion_reasons.is_none()
            && self.exclusion_justification.is_none()
            && self.status.is_none()
            && self.implementation.is_none()
            && self.customer_statement.is_none()
            && self.responsible_role.is_none()
            && self.related_documents.is_none()
            && self.evidence.is_none()
            && self.last_reviewed.is_none()
            && self.next_review.is_none()
            && self.cloud_role.is_none()
            && self.inherited_from.is_none()
            && self.own_decision.is_none()
            && self.implementation_en.is_none()
            && self.customer_statement_en.is_none()
    }
}

impl RegisterFields {
    /// The fields after `patch`, validated for `control`. Text is trimmed; lists keep their order without duplicates.
    pub fn patched(&self, control: &Control, patch: RegisterPatch) -> Result<RegisterFields> {
        let mut next = self.clone();
        let trim = |s: String| s.trim().to_owned();
        if let Some(v) = patch.applicable {
            next.applicable = v;
        }
        if let Some(mut v) = patch.inclusion_reasons {
            let mut seen = std::collections::HashSet::new();
            v.retain(|r| seen.insert(*r));
            next.inclusion_reasons = v;
        }
        if let Some(v) = patch.exclusion_justification {
            next.exclusion_justification = trim(v);
        }
        if let Some(v) = patch.status {
            next.status = v;
        }
        if let Some(v) = patch.implementation {
            next.implementation = trim(v);
        }
        if let Some(v) = patch.implementation_en {
            next.implementation_en = trim(v);
        }
        if let Some(v) = patch.customer_statement {
            next.customer_statement = trim(v);
        }
        if let Some(v) = patch.customer_statement_en {
            next.customer_statement_en = trim(v);
        }
        if let Some(v) = patch.responsible_role {
            next.responsible_role = trim(v);
        }
        if let Some(v) = patch.related_documents {
            let mut out: Vec<RelatedDocument> = Vec::new();
            for d in v {
                if !out.contains(&d) {
                    out.push(d);
                }
            }
            next.related_documents = out;
        }
        if let Some(v) = patch.evidence {
            let mut out: Vec<String> = Vec::new();
            for e in v.into_iter().map(trim).filter(|e| !e.is_empty()) {
                if !out.contains(&e) {
                    out.push(e);
                }
            }
            next.evidence = out;
        }
        if let Some(v) = patch.last_reviewed {
            next.last_reviewed = v;
        }
        if let Some(v) = patch.next_review {
            next.next_review = v;
        }
        if let Some(v) = patch.cloud_role {
            if v.is_some() && !control.framework.is_cloud_scope() {
                return Err(Error::NotACloudControl {
                    control: control.id.clone(),
                    field: "the cloud service role",
                });
            }
            next.cloud_role = v;
        }
        if let Some(v) = patch.inherited_from {
            next.inherited_from = trim(v);
        }
        if let Some(v) = patch.own_decision {
            if control.framework != Framework::Iso27002_2013 {
                return Err(Error::InvalidValue {
                    field: "own decision",
                    value: control.id.clone(),
                    expected:
                        "an ISO/IEC 27002:2013 control (only those follow their 2022 counterparts)"
                            .to_owned(),
                });
            }
            next.own_decision = v;
        }
        if next.applicable == Some(false) && next.exclusion_justification.is_empty() {
            return Err(Error::ExclusionJustificationRequired {
                control: control.id.clone(),
            });
        }
        if let (Some(last), Some(next_review)) = (next.last_reviewed, next.next_review) {
            if next_review < last {
                return Err(Error::InvalidValue {
                    field: "next review date",
                    value: next_review.to_string(),
                    expected: format!("a date on or after the last review ({last})"),
                });
            }
        }
        Ok(next)
    }

    /// Each field as `(name, text)` for the audit trail: lists as JSON, absent values as `None`.
    pub fn audit_values(&self) -> Vec<(&'static str, Option<String>)> {
        let non_empty = |s: &str| (!s.is_empty()).then(|| s.to_owned());
        let json_list = |v: serde_json::Value| match &v {
            serde_json::Value::Array(a) if a.is_empty() => None,
            _ => Some(v.to_string()),
        };
        vec![
            (
                "applicable",
                self.applicable
                    .map(|a| if a { "yes" } else { "no" }.to_owned()),
            ),
            (
                "inclusion_reasons",
                json_list(serde_json::json!(self.inclusion_reasons)),
            ),
            (
                "exclusion_justification",
                non_empty(&self.exclusion_justification),
            ),
            ("status", Some(self.status.as_ref().to_owned())),
            ("implementation", non_empty(&self.implementation)),
            ("implementation_en", non_empty(&self.implementation_en)),
            ("customer_statement", non_empty(&self.customer_statement)),
            (
                "customer_statement_en",
                non_empty(&self.customer_statement_en),
            ),
            ("responsible_role", non_empty(&self.responsible_role)),
            (
                "related_documents",
                json_list(serde_json::json!(self.related_documents)),
            ),
            ("evidence", json_list(serde_json::json!(self.evidence))),
            ("last_reviewed", self.last_reviewed.map(|d| d.to_string())),
            ("next_review", self.next_review.map(|d| d.to_string())),
            ("cloud_role", self.cloud_role.map(|r| r.as_ref().to_owned())),
            ("inherited_from", non_empty(&self.inherited_from)),
            ("own_decision", self.own_decision.then(|| "yes".to_owned())),
        ]
    }
}

/// For `Option<Option<T>>` patch fields: an absent field leaves the value alone, `null` clears it.
pub(crate) fn double_option<'de, D, T>(d: D) -> std::result::Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

/// Reads a calendar date typed by a user or stored by us, in any form [`crate::dates::read_date`] knows; a refusal
/// names the field and why (`2026/13/01`: there is no month 13).
pub fn parse_date(field: &'static str, text: &str) -> Result<NaiveDate> {
    crate::dates::read_date(text).map_err(|problem| Error::InvalidDate {
        field,
        value: text.trim().to_owned(),
        problem,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn control(framework: Framework) -> Control {
        Control {
            id: "5.1".into(),
            framework,
            theme: "organizational".into(),
            title_en: "Policies".into(),
            title_ja: "方針".into(),
            extended_by_27017: false,
        }
    }

    #[test]
    fn not_applicable_needs_a_justification() {
        let c = control(Framework::Iso27001_2022);
        let patch = RegisterPatch {
            applicable: Some(Some(false)),
            exclusion_justification: Some("   ".into()),
            ..Default::default()
        };
        let err = RegisterFields::default().patched(&c, patch).unwrap_err();
        assert!(matches!(err, Error::ExclusionJustificationRequired { .. }));

        let patch = RegisterPatch {
            applicable: Some(Some(false)),
            exclusion_justification: Some("開発業務を行わないため".into()),
            ..Default::default()
        };
        let ok = RegisterFields::default().patched(&c, patch).unwrap();
        assert_eq!(ok.applicable, Some(false));
    }

    #[test]
    fn clearing_the_justification_of_an_excluded_control_is_refused() {
        let c = control(Framework::Iso27001_2022);
        let excluded = RegisterFields {
            applicable: Some(false),
            exclusion_justification: "対象外".into(),
            ..Default::default()
        };
        let patch = RegisterPatch {
            exclusion_justification: Some(String::new()),
            ..Default::default()
        };
        assert!(excluded.patched(&c, patch).is_err());
    }

    #[test]
    fn cloud_role_only_on_cloud_controls() {
        let patch = || RegisterPatch {
            cloud_role: Some(Some(CloudRole::Both)),
            ..Default::default()
        };
        assert!(RegisterFields::default()
            .patched(&control(Framework::Iso27001_2022), patch())
            .is_err());
        assert!(RegisterFields::default()
            .patched(&control(Framework::Iso27017_2015), patch())
            .is_ok());
    }

    #[test]
    fn documents_parse_with_full_and_half_width_parentheses() {
        let d = RelatedDocument::parse("情報セキュリティ管理規程（5.10）").unwrap();
        assert_eq!(d.title, "情報セキュリティ管理規程");
        assert_eq!(d.section.as_deref(), Some("5.10"));
        let d = RelatedDocument::parse("ISMS manual (4.2)").unwrap();
        assert_eq!(d.title, "ISMS manual");
        assert_eq!(d.section.as_deref(), Some("4.2"));
        let d = RelatedDocument::parse("入退室管理手順").unwrap();
        assert_eq!(d.section, None);
        assert_eq!(d.to_string(), "入退室管理手順");
        assert!(RelatedDocument::parse("（5.1）").is_err());
        assert!(RelatedDocument::parse("  ").is_err());
    }

    #[test]
    fn review_dates_must_be_in_order() {
        let c = control(Framework::Iso27001_2022);
        let patch = RegisterPatch {
            last_reviewed: Some(Some(parse_date("x", "2026-04-01").unwrap())),
            next_review: Some(Some(parse_date("x", "2025/4/1").unwrap())),
            ..Default::default()
        };
        assert!(RegisterFields::default().patched(&c, patch).is_err());
        assert!(parse_date("next review", "2026-13-01").is_err());
        assert!(parse_date("next review", "tomorrow").is_err());
    }
}

/// Which entries of the register to list.
#[derive(ts_rs::TS, Debug, Clone, Default, Deserialize)]
#[serde(default)]
#[ts(optional_fields)]
pub struct RegisterFilter {
    pub framework: Option<Framework>,
    pub applicability: Option<Applicability>,
    pub status: Option<ImplementationStatus>,
    /// Part of the responsible role, case-insensitive.
    pub owner: Option<String>,
    /// Part of the id, either title, the implementation text or the customer statement, case-insensitive.
    pub search: Option<String>,
}

/// The three states of the applicability decision, for filtering.
#[derive(
    ts_rs::TS,
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    strum::EnumString,
    strum::AsRefStr,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Applicability {
    Applicable,
    NotApplicable,
    Undecided,
}

impl RegisterFilter {
    pub fn matches(&self, entry: &RegisterEntry) -> bool {
        let f = &entry.fields;
        if let Some(a) = self.applicability {
            let state = match f.applicable {
                Some(true) => Applicability::Applicable,
                Some(false) => Applicability::NotApplicable,
                None => Applicability::Undecided,
            };
            if state != a {
                return false;
            }
        }
        if self.status.is_some_and(|s| s != f.status) {
            return false;
        }
        if let Some(owner) = self.owner.as_deref().map(str::to_lowercase) {
            if !f.responsible_role.to_lowercase().contains(&owner) {
                return false;
            }
        }
        if let Some(needle) = self.search.as_deref().map(str::to_lowercase) {
            let c = &entry.control;
            let hay = [
                c.id.as_str(),
                c.title_en.as_str(),
                c.title_ja.as_str(),
                f.implementation.as_str(),
                f.implementation_en.as_str(),
                f.customer_statement.as_str(),
                f.customer_statement_en.as_str(),
            ];
            if !hay.iter().any(|h| h.to_lowercase().contains(&needle)) {
                return false;
            }
        }
        true
    }
}

/// Counts over part of the register, as the SoA prints them and the dashboard shows them: the statuses are counted
/// among the applicable controls only.
#[derive(ts_rs::TS, Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RegisterSummary {
    pub framework: Option<Framework>,
    pub controls: usize,
    pub applicable: usize,
    pub not_applicable: usize,
    pub undecided: usize,
    pub implemented: usize,
    pub partially_implemented: usize,
    pub planned: usize,
    pub not_started: usize,
    /// 2013 rows whose decision follows their 2022 counterparts.
    pub derived: usize,
}

impl RegisterSummary {
    pub fn of<'a>(
        framework: Option<Framework>,
        entries: impl Iterator<Item = &'a RegisterEntry>,
    ) -> RegisterSummary {
        let mut s = RegisterSummary {
            framework,
            ..Default::default()
        };
        for e in entries {
            s.controls += 1;
            if !e.derived_from.is_empty() {
                s.derived += 1;
            }
            match e.fields.applicable {
                Some(true) => {
                    s.applicable += 1;
                    match e.fields.status {
                        ImplementationStatus::Implemented => s.implemented += 1,
                        ImplementationStatus::PartiallyImplemented => s.partially_implemented += 1,
                        ImplementationStatus::Planned => s.planned += 1,
                        ImplementationStatus::NotStarted => s.not_started += 1,
                    }
                }
                Some(false) => s.not_applicable += 1,
                None => s.undecided += 1,
            }
        }
        s
    }
}

/// The two summaries of an SoA: Annex A, and the ISO/IEC 27017 part (the CLD controls and every ISO/IEC 27002:2013
/// row). The dashboard shows these same numbers.
#[derive(ts_rs::TS, Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SoaSummary {
    pub annex_a: RegisterSummary,
    pub cloud: RegisterSummary,
}

impl SoaSummary {
    /// From entries whose 2013 rows are already derived.
    pub fn of(entries: &[RegisterEntry]) -> SoaSummary {
        SoaSummary {
            annex_a: RegisterSummary::of(
                Some(Framework::Iso27001_2022),
                entries
                    .iter()
                    .filter(|e| e.control.framework == Framework::Iso27001_2022),
            ),
            cloud: RegisterSummary::of(
                None,
                entries
                    .iter()
                    .filter(|e| e.control.framework.is_cloud_scope()),
            ),
        }
    }

    /// The controls still undecided, Annex A first, then the 27017 part.
    pub fn undecided_ids(entries: &[RegisterEntry]) -> Vec<String> {
        entries
            .iter()
            .filter(|e| e.fields.applicable.is_none())
            .map(|e| e.control.id.clone())
            .collect()
    }
}

#[cfg(test)]
mod patch_json_tests {
    use super::*;

    #[test]
    fn absent_leaves_alone_and_null_clears() {
        let p: RegisterPatch = serde_json::from_str(r#"{"next_review": null}"#).unwrap();
        assert_eq!(p.next_review, Some(None));
        assert_eq!(p.last_reviewed, None);
        let p: RegisterPatch =
            serde_json::from_str(r#"{"applicable": false, "next_review": "2027-04-01"}"#).unwrap();
        assert_eq!(p.applicable, Some(Some(false)));
        assert!(p.next_review.flatten().is_some());
    }
}
