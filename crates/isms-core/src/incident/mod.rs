//! Incidents and nonconformities carried through corrective action — the 不適合（インシデント）是正処置報告書: the
//! report, the decision, the response (correction, authorities, evidence), the impact, the corrective action of
//! ISO/IEC 27001:2022 clause 10.2 with its effectiveness review, and closure. The states and the transitions between
//! them are enforced here; `rules` holds the notification rules and clocks, `lists` the editable lists, `store` the
//! [`crate::Store`] methods.

pub mod lists;
pub mod rules;
pub mod store;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use rules::NotificationRule;

/// Where a record stands: 報告 → 判定待ち → 対応中 → 是正処置中 → 有効性確認待ち → 完了, or 非インシデント.
#[derive(
    ts_rs::TS,
    Debug,
    Clone,
    Copy,
    Default,
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
pub enum IncidentState {
    #[default]
    Reported,
    AwaitingDecision,
    Responding,
    CorrectiveAction,
    EffectivenessReview,
    Closed,
    NotIncident,
}

impl IncidentState {
    pub fn is_open(self) -> bool {
        !matches!(self, IncidentState::Closed | IncidentState::NotIncident)
    }
}

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
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum EffectivenessResult {
    #[strum(to_string = "effective", serialize = "有効")]
    Effective,
    #[strum(
        to_string = "not_effective",
        serialize = "not-effective",
        serialize = "有効でない"
    )]
    NotEffective,
}

/// An authority or specialist body contacted (picked from the contacts register).
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct AuthorityContact {
    pub contact_id: String,
    /// RFC 3339 with offset, or empty.
    #[serde(default)]
    pub contacted_at: String,
    #[serde(default)]
    pub note: String,
}

/// One step of the evidence checklist (§5.28's five steps by default), with custody notes.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct EvidenceStep {
    pub step: String,
    #[serde(default)]
    pub done: bool,
    #[serde(default)]
    pub custody: String,
}

/// A change to the ISMS the incident calls for (risk re-assessment, training, a control's register entry …).
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct IsmsChange {
    pub kind: String,
    #[serde(default)]
    pub note: String,
    /// A control of the register the change concerns, if any.
    #[serde(default)]
    pub control: String,
}

/// The effectiveness review's outcome.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Effectiveness {
    pub result: EffectivenessResult,
    pub by: String,
    pub at: String,
    #[serde(default)]
    pub note: String,
}

/// A notification rule as applied to this incident (a snapshot: later edits to the rule do not move its deadline).
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppliedRule {
    pub rule: NotificationRule,
    pub applied_at: String,
}

/// The impact, quantified.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Impact {
    /// An impact scale id (重大 / 中 / 軽微 by default).
    #[serde(default)]
    pub scale: String,
    #[serde(default)]
    pub records_affected: Option<u64>,
    #[serde(default)]
    pub persons_affected: Option<u64>,
    #[serde(default)]
    pub customers_affected: Option<u64>,
    #[serde(default)]
    pub downtime_minutes: Option<u64>,
    #[serde(default)]
    pub cost_yen: Option<u64>,
}

/// One record (不適合（インシデント）是正処置報告書). Times are RFC 3339 with their offset.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Incident {
    pub incident_no: String,
    pub title: String,
    /// インシデント / 事象のみ / 内部監査 / 外部審査 / その他 (a list id).
    pub source: String,
    pub category: String,
    pub state: IncidentState,
    // The report.
    pub discovered_at: String,
    pub detected_at: String,
    pub aware_at: String,
    pub occurred_at: String,
    pub discovered_by: String,
    pub reported_at: String,
    pub reported_to: String,
    /// 発見 / 問い合わせ …
    pub route: String,
    /// Confirmed (true) or suspected (false).
    pub confirmed: bool,
    pub description: String,
    pub assets: Vec<String>,
    pub supplier: String,
    pub controls: Vec<String>,
    /// Facts that decide which rules apply (customer impact, personal data, PPC reportable …).
    pub flags: Vec<String>,
    // The decision.
    pub is_incident: Option<bool>,
    pub decided_by: String,
    pub decided_at: String,
    pub decision_reason: String,
    pub emergency_action: String,
    pub emergency_decided_by: String,
    // The response.
    pub correction: String,
    pub correction_by: String,
    pub correction_at: String,
    pub authorities: Vec<AuthorityContact>,
    pub evidence: Vec<EvidenceStep>,
    pub impact: Impact,
    // Corrective action (clause 10.2).
    pub root_cause: String,
    /// "Could it occur elsewhere?" and the answer.
    pub recurrence_elsewhere: String,
    pub effectiveness_planned_on: Option<NaiveDate>,
    pub effectiveness_reviewer: String,
    pub effectiveness: Option<Effectiveness>,
    pub isms_changes: Vec<IsmsChange>,
    pub supplier_reevaluation: bool,
    pub rules: Vec<AppliedRule>,
    // Closure.
    pub closed_by: String,
    pub closed_at: String,
}

/// A change to a record's own fields: `None` leaves a field as it is. The decision, the effectiveness review and
/// closure are transitions of their own.
#[derive(ts_rs::TS, Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
#[ts(optional_fields)]
pub struct IncidentPatch {
    pub title: Option<String>,
    pub source: Option<String>,
    pub category: Option<String>,
    pub discovered_at: Option<String>,
    pub detected_at: Option<String>,
    pub aware_at: Option<String>,
    pub occurred_at: Option<String>,
    pub discovered_by: Option<String>,
    pub reported_at: Option<String>,
    pub reported_to: Option<String>,
    pub route: Option<String>,
    pub confirmed: Option<bool>,
    pub description: Option<String>,
    pub assets: Option<Vec<String>>,
    pub supplier: Option<String>,
    pub controls: Option<Vec<String>>,
    pub flags: Option<Vec<String>>,
    pub emergency_action: Option<String>,
    pub emergency_decided_by: Option<String>,
    pub correction: Option<String>,
    pub correction_by: Option<String>,
    pub correction_at: Option<String>,
    pub authorities: Option<Vec<AuthorityContact>>,
    pub evidence: Option<Vec<EvidenceStep>>,
    pub impact: Option<Impact>,
    pub root_cause: Option<String>,
    pub recurrence_elsewhere: Option<String>,
    #[serde(default, deserialize_with = "crate::register::double_option")]
    pub effectiveness_planned_on: Option<Option<NaiveDate>>,
    pub effectiveness_reviewer: Option<String>,
    pub isms_changes: Option<Vec<IsmsChange>>,
    pub supplier_reevaluation: Option<bool>,
    /// Notification rule ids that apply to this record (replaces the list; a rule kept keeps its snapshot).
    pub rules: Option<Vec<String>>,
}

/// The times of a record a field names, checked.
fn time(field: &'static str, v: String) -> Result<String> {
    let v = v.trim().to_owned();
    if v.is_empty() {
        return Ok(v);
    }
    Ok(rules::parse_time(field, &v)?.to_rfc3339())
}

impl Incident {
    pub fn state(&self) -> IncidentState {
        self.state
    }

    /// The record after `patch`: times read with their offset, references checked by `check`, rules snapshotted
    /// from `all_rules` (`now` as their application time). A closed record refuses changes.
    pub fn patched(
        &self,
        patch: IncidentPatch,
        all_rules: &[NotificationRule],
        now: &str,
    ) -> Result<Incident> {
        if !self.state().is_open() && patch != IncidentPatch::default() {
            return Err(Error::IncidentState {
                incident: self.incident_no.clone(),
                state: self.state().to_string(),
                why: "a closed record is not changed (open a new one)".to_owned(),
            });
        }
        let mut n = self.clone();
        let text = |v: String| v.trim().to_owned();
        macro_rules! set {
            ($f:ident) => {
                if let Some(v) = patch.$f {
                    n.$f = text(v);
                }
            };
        }
        macro_rules! set_time {
            ($f:ident) => {
                if let Some(v) = patch.$f {
                    n.$f = time(stringify!($f), v)?;
                }
            };
        }
        set!(title);
        set!(source);
        set!(category);
        set_time!(discovered_at);
        set_time!(detected_at);
        set_time!(aware_at);
        set_time!(occurred_at);
        set!(discovered_by);
        set_time!(reported_at);
        set!(reported_to);
        set!(route);
        if let Some(v) = patch.confirmed {
            n.confirmed = v;
        }
        set!(description);
        let list = |v: Vec<String>| {
            let mut out: Vec<String> = Vec::new();
            for x in v.into_iter().map(|x| x.trim().to_owned()) {
                if !x.is_empty() && !out.contains(&x) {
                    out.push(x);
                }
            }
            out
        };
        if let Some(v) = patch.assets {
            n.assets = list(v);
        }
        set!(supplier);
        if let Some(v) = patch.controls {
            n.controls = list(v);
        }
        if let Some(v) = patch.flags {
            n.flags = list(v);
        }
        set!(emergency_action);
        set!(emergency_decided_by);
        set!(correction);
        set!(correction_by);
        set_time!(correction_at);
        if let Some(v) = patch.authorities {
            n.authorities = v
                .into_iter()
                .map(|a| {
                    Ok(AuthorityContact {
                        contacted_at: time("contacted_at", a.contacted_at)?,
                        ..a
                    })
                })
                .collect::<Result<Vec<_>>>()?;
        }
        if let Some(v) = patch.evidence {
            n.evidence = v;
        }
        if let Some(v) = patch.impact {
            n.impact = v;
        }
        set!(root_cause);
        set!(recurrence_elsewhere);
        if let Some(v) = patch.effectiveness_planned_on {
            n.effectiveness_planned_on = v;
        }
        set!(effectiveness_reviewer);
        if let Some(v) = patch.isms_changes {
            n.isms_changes = v;
        }
        if let Some(v) = patch.supplier_reevaluation {
            n.supplier_reevaluation = v;
        }
        if let Some(ids) = patch.rules {
            let mut applied = Vec::new();
            for id in list(ids) {
                match n.rules.iter().find(|a| a.rule.id == id) {
                    Some(kept) => applied.push(kept.clone()),
                    None => {
                        let rule = all_rules.iter().find(|r| r.id == id).ok_or_else(|| {
                            Error::InvalidValue {
                                field: "notification rule",
                                value: id.clone(),
                                expected: format!(
                                    "one of {} (see `isms notification-rules list`)",
                                    all_rules
                                        .iter()
                                        .map(|r| r.id.as_str())
                                        .collect::<Vec<_>>()
                                        .join(", ")
                                ),
                            }
                        })?;
                        applied.push(AppliedRule {
                            rule: rule.clone(),
                            applied_at: now.to_owned(),
                        });
                    }
                }
            }
            n.rules = applied;
        }
        if n.title.is_empty() {
            return Err(Error::MissingValue {
                field: "the title (--title)",
            });
        }
        if n.discovered_at.is_empty() {
            return Err(Error::MissingValue {
                field: "when it was discovered (--discovered-at)",
            });
        }
        // Handed to the manager: the record waits for the decision.
        if n.state() == IncidentState::Reported && !n.reported_to.is_empty() {
            n.state = IncidentState::AwaitingDecision;
        }
        Ok(n)
    }

    /// When the record was discovered, as a date (actions cannot be due before it).
    pub fn discovered_on(&self) -> Option<NaiveDate> {
        chrono::DateTime::parse_from_rfc3339(&self.discovered_at)
            .ok()
            .map(|t| t.date_naive())
    }

    /// The time a clock of `from` starts at: the matching time of the record, else when it was discovered.
    pub fn clock_start(
        &self,
        from: rules::ClockFrom,
    ) -> Option<chrono::DateTime<chrono::FixedOffset>> {
        let t = match from {
            rules::ClockFrom::Occurred => &self.occurred_at,
            rules::ClockFrom::Aware => &self.aware_at,
            rules::ClockFrom::Detected => &self.detected_at,
            rules::ClockFrom::PreviousNotice => &self.discovered_at,
        };
        let t = if t.is_empty() { &self.discovered_at } else { t };
        chrono::DateTime::parse_from_rfc3339(t).ok()
    }

    /// Each field as `(name, text)` for the audit trail and conflict checks.
    pub fn audit_values(&self) -> Vec<(&'static str, Option<String>)> {
        let t = |v: &str| (!v.is_empty()).then(|| v.to_owned());
        fn j<T: Serialize>(v: &T) -> Option<String> {
            let s = serde_json::to_string(v).unwrap_or_default();
            (s != "[]" && s != "null" && s != "\"\"").then_some(s)
        }
        vec![
            ("title", t(&self.title)),
            ("source", t(&self.source)),
            ("category", t(&self.category)),
            ("state", Some(self.state.to_string())),
            ("discovered_at", t(&self.discovered_at)),
            ("detected_at", t(&self.detected_at)),
            ("aware_at", t(&self.aware_at)),
            ("occurred_at", t(&self.occurred_at)),
            ("discovered_by", t(&self.discovered_by)),
            ("reported_at", t(&self.reported_at)),
            ("reported_to", t(&self.reported_to)),
            ("route", t(&self.route)),
            ("confirmed", self.confirmed.then(|| "yes".to_owned())),
            ("description", t(&self.description)),
            ("assets", j(&self.assets)),
            ("supplier", t(&self.supplier)),
            ("controls", j(&self.controls)),
            ("flags", j(&self.flags)),
            (
                "is_incident",
                self.is_incident
                    .map(|b| if b { "yes" } else { "no" }.to_owned()),
            ),
            ("decided_by", t(&self.decided_by)),
            ("decided_at", t(&self.decided_at)),
            ("decision_reason", t(&self.decision_reason)),
            ("emergency_action", t(&self.emergency_action)),
            ("emergency_decided_by", t(&self.emergency_decided_by)),
            ("correction", t(&self.correction)),
            ("correction_by", t(&self.correction_by)),
            ("correction_at", t(&self.correction_at)),
            ("authorities", j(&self.authorities)),
            ("evidence", j(&self.evidence)),
            (
                "impact",
                (self.impact != Impact::default())
                    .then(|| j(&self.impact))
                    .flatten(),
            ),
            ("root_cause", t(&self.root_cause)),
            ("recurrence_elsewhere", t(&self.recurrence_elsewhere)),
            (
                "effectiveness_planned_on",
                self.effectiveness_planned_on.map(|d| d.to_string()),
            ),
            ("effectiveness_reviewer", t(&self.effectiveness_reviewer)),
            ("effectiveness", self.effectiveness.as_ref().and_then(j)),
            ("isms_changes", j(&self.isms_changes)),
            (
                "supplier_reevaluation",
                self.supplier_reevaluation.then(|| "yes".to_owned()),
            ),
            (
                "rules",
                j(&self
                    .rules
                    .iter()
                    .map(|r| r.rule.id.as_str())
                    .collect::<Vec<_>>()),
            ),
            ("closed_by", t(&self.closed_by)),
            ("closed_at", t(&self.closed_at)),
        ]
    }
}

/// A corrective action.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorrectiveAction {
    pub id: i64,
    pub what: String,
    pub owner: String,
    pub due_on: NaiveDate,
    pub done_on: Option<NaiveDate>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_needs_a_title_and_a_time_with_its_zone() {
        let base = Incident::default();
        let patch = |d: &str| IncidentPatch {
            title: Some("USBメモリの紛失".into()),
            discovered_at: Some(d.into()),
            ..Default::default()
        };
        assert!(base.patched(patch("2026-11-27T17:00"), &[], "now").is_err());
        let ok = base
            .patched(patch("2026-11-27T17:00+09:00"), &[], "now")
            .unwrap();
        assert_eq!(ok.discovered_at, "2026-11-27T17:00:00+09:00");
        assert_eq!(ok.state(), IncidentState::Reported);
        let handed = ok
            .patched(
                IncidentPatch {
                    reported_to: Some("管理責任者".into()),
                    ..Default::default()
                },
                &[],
                "now",
            )
            .unwrap();
        assert_eq!(handed.state(), IncidentState::AwaitingDecision);
    }
}
