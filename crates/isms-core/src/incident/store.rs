//! The incident register's [`Store`] methods: report, save (with its base), the transitions (decide, actions,
//! effectiveness, close) enforced here, notices and clocks, what is due, statistics.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, FixedOffset, NaiveDate};
use rusqlite::{Connection, TransactionBehavior};
use serde::{Deserialize, Serialize};

use crate::audit::{field_changes, AuditAction};
use crate::db::{self, audit_log::Stamp};
use crate::error::{Error, Result};
use crate::incident::lists::IncidentLists;
use crate::incident::rules::{self, Clock, ClockStatus, Notice, NotificationRule};
use crate::incident::{
    CorrectiveAction, Effectiveness, EffectivenessResult, Incident, IncidentPatch, IncidentState,
};
use crate::store::{now, Store, ORGANISATION_ID};

pub const LISTS_KEY: &str = "incident_lists";
pub const RULES_KEY: &str = "notification_rules";

/// An affected asset as the record shows it: with its classification.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AffectedAsset {
    pub asset_id: String,
    pub name: String,
    pub classification: Option<String>,
}

/// One record with everything its form and report show.
#[derive(ts_rs::TS, Debug, Clone, Serialize)]
pub struct IncidentDetail {
    #[serde(flatten)]
    pub incident: Incident,
    pub updated_at: String,
    pub actions: Vec<CorrectiveAction>,
    pub clocks: Vec<Clock>,
    pub affected_assets: Vec<AffectedAsset>,
    /// What to do next, as a word the UI translates.
    pub next_step: String,
}

/// A line of the register.
#[derive(ts_rs::TS, Debug, Clone, Serialize)]
pub struct IncidentSummary {
    pub incident_no: String,
    pub title: String,
    pub state: IncidentState,
    pub category: String,
    pub source: String,
    pub discovered_at: String,
    /// The clocks not yet satisfied, the most urgent first.
    pub open_clocks: Vec<Clock>,
    pub overdue: bool,
    pub actions_open: usize,
}

/// Which records to list.
#[derive(ts_rs::TS, Debug, Clone, Default, Deserialize)]
#[serde(default)]
#[ts(optional_fields)]
pub struct IncidentFilter {
    pub state: Option<IncidentState>,
    pub category: Option<String>,
    pub source: Option<String>,
    /// Only open records.
    pub open_only: bool,
}

/// What the dashboard shows about incidents.
#[derive(ts_rs::TS, Debug, Clone, Default, Serialize)]
pub struct IncidentsDue {
    /// Clocks running (not sent), the soonest first; overdue ones first.
    pub clocks: Vec<DueClock>,
    /// Corrective actions not done and due within 14 days or overdue.
    pub actions: Vec<DueAction>,
    /// Effectiveness reviews whose planned date has come.
    pub reviews: Vec<DueReview>,
}

#[derive(ts_rs::TS, Debug, Clone, Serialize)]
pub struct DueClock {
    pub incident_no: String,
    pub title: String,
    pub rule_id: String,
    pub rule_name_ja: String,
    pub rule_name_en: String,
    pub deadline: Option<String>,
    pub seconds_left: Option<i64>,
    pub status: ClockStatus,
}

#[derive(ts_rs::TS, Debug, Clone, Serialize)]
pub struct DueAction {
    pub incident_no: String,
    pub action: CorrectiveAction,
    pub overdue: bool,
}

#[derive(ts_rs::TS, Debug, Clone, Serialize)]
pub struct DueReview {
    pub incident_no: String,
    pub title: String,
    pub planned_on: NaiveDate,
    pub reviewer: String,
}

/// Counts by category, month and source, and the mean times to decision and to closure.
#[derive(ts_rs::TS, Debug, Clone, Default, Serialize)]
pub struct IncidentStatistics {
    pub total: usize,
    pub open: usize,
    pub by_category: BTreeMap<String, usize>,
    /// `YYYY-MM` → records discovered that month.
    pub by_month: BTreeMap<String, usize>,
    pub by_source: BTreeMap<String, usize>,
    pub by_state: BTreeMap<String, usize>,
    /// Hours from discovery to the decision, averaged over decided records.
    pub mean_hours_to_decision: Option<f64>,
    /// Days from discovery to closure, averaged over closed records.
    pub mean_days_to_closure: Option<f64>,
}

/// What a report enters.
#[derive(ts_rs::TS, Debug, Clone, Default, Deserialize)]
#[serde(default)]
#[ts(optional_fields)]
pub struct NewIncident {
    #[serde(flatten)]
    pub patch: IncidentPatch,
}

fn load_json<T: serde::de::DeserializeOwned>(conn: &Connection, key: &str) -> Result<Option<T>> {
    db::settings::get(conn, ORGANISATION_ID, key)?
        .map(|text| serde_json::from_str(&text).map_err(Error::from))
        .transpose()
}

fn now_time() -> DateTime<FixedOffset> {
    chrono::Local::now().fixed_offset()
}

fn next_step(i: &Incident, actions: &[CorrectiveAction]) -> &'static str {
    match i.state() {
        IncidentState::Reported => "report_to_manager",
        IncidentState::AwaitingDecision => "decide",
        IncidentState::Responding => "correct_and_plan_actions",
        IncidentState::CorrectiveAction if actions.iter().any(|a| a.done_on.is_none()) => {
            "complete_actions"
        }
        IncidentState::CorrectiveAction => "review_effectiveness",
        IncidentState::EffectivenessReview if i.effectiveness.is_some() => "approve_closure",
        IncidentState::EffectivenessReview => "review_effectiveness",
        IncidentState::Closed | IncidentState::NotIncident => "none",
    }
}

impl Store {
    /// Seeds the incident lists, the notification rules and the contacts into a file that has none.
    pub(crate) fn ensure_incident_data(&mut self) -> Result<()> {
        let conn = self.conn();
        let missing_lists = db::settings::get(conn, ORGANISATION_ID, LISTS_KEY)?.is_none();
        let missing_rules = db::settings::get(conn, ORGANISATION_ID, RULES_KEY)?.is_none();
        if missing_lists || missing_rules {
            let now = now();
            let tx = self
                .conn_mut()
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            if missing_lists {
                db::settings::set(
                    &tx,
                    ORGANISATION_ID,
                    LISTS_KEY,
                    &serde_json::to_string(&IncidentLists::defaults()?)?,
                    &now,
                )?;
            }
            if missing_rules {
                db::settings::set(
                    &tx,
                    ORGANISATION_ID,
                    RULES_KEY,
                    &serde_json::to_string(&NotificationRule::defaults()?)?,
                    &now,
                )?;
            }
            tx.commit()?;
        }
        self.ensure_contacts()
    }

    pub fn incident_lists(&self) -> Result<IncidentLists> {
        match load_json(self.conn(), LISTS_KEY)? {
            Some(l) => Ok(l),
            None => IncidentLists::defaults(),
        }
    }

    /// The notification rules (the whitepaper prints these too).
    pub fn notification_rules(&self) -> Result<Vec<NotificationRule>> {
        match load_json(self.conn(), RULES_KEY)? {
            Some(l) => Ok(l),
            None => NotificationRule::defaults(),
        }
    }

    /// Adds a rule or replaces the rule with its id; validated and audited. Records keep the snapshot they applied.
    pub fn save_notification_rule(&mut self, rule: NotificationRule) -> Result<NotificationRule> {
        let mut all = self.notification_rules()?;
        let old = all.iter().position(|r| r.id == rule.id);
        match old {
            Some(i) => all[i] = rule.clone(),
            None => all.push(rule.clone()),
        }
        rules::validate(&all)?;
        let now = now();
        let actor = self.actor().to_owned();
        let before = old.map(|_| ()).and_then(|()| {
            load_json::<Vec<NotificationRule>>(self.conn(), RULES_KEY)
                .ok()
                .flatten()
                .and_then(|l| l.into_iter().find(|r| r.id == rule.id))
        });
        let tx = self
            .conn_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        db::settings::set(
            &tx,
            ORGANISATION_ID,
            RULES_KEY,
            &serde_json::to_string(&all)?,
            &now,
        )?;
        let stamp = Stamp {
            at: &now,
            actor: &actor,
            entity: "notification_rule",
            record_id: &rule.id,
        };
        db::audit_log::append(
            &tx,
            &stamp,
            if before.is_some() {
                AuditAction::Update
            } else {
                AuditAction::Create
            },
            Some("rule"),
            before
                .map(|b| serde_json::to_string(&b))
                .transpose()?
                .as_deref(),
            Some(&serde_json::to_string(&rule)?),
        )?;
        tx.commit()?;
        Ok(rule)
    }

    fn incident_row(&self, no: &str) -> Result<(i64, Incident, String)> {
        db::incidents::get(self.conn(), ORGANISATION_ID, no.trim())?
            .ok_or_else(|| Error::UnknownIncident(no.trim().to_owned()))
    }

    /// References a record names: categories, sources and routes from the lists, assets in the inventory, a supplier
    /// in the register, controls in the catalogues (resolved to their ids).
    fn check_references(&self, i: &mut Incident) -> Result<()> {
        let lists = self.incident_lists()?;
        i.source = IncidentLists::resolve("source", &lists.sources, &i.source)?;
        i.category = IncidentLists::resolve("category", &lists.categories, &i.category)?;
        i.route = IncidentLists::resolve("route", &lists.routes, &i.route)?;
        if !i.impact.scale.is_empty() {
            i.impact.scale =
                IncidentLists::resolve("impact scale", &lists.impact_scales, &i.impact.scale)?;
        }
        let assets: HashSet<String> = self
            .asset_ids(&crate::asset::round::all_assets())?
            .into_iter()
            .collect();
        if let Some(bad) = i.assets.iter().find(|a| !assets.contains(*a)) {
            return Err(Error::UnknownAsset(bad.clone()));
        }
        if !i.supplier.is_empty()
            && db::suppliers::get(self.conn(), ORGANISATION_ID, &i.supplier)?.is_none()
        {
            return Err(Error::UnknownSupplier(i.supplier.clone()));
        }
        let ids = self.control_ids()?;
        i.controls = i
            .controls
            .iter()
            .map(|c| {
                ids.resolve(c)
                    .map(str::to_owned)
                    .ok_or_else(|| Error::UnknownControl(c.clone()))
            })
            .collect::<Result<Vec<_>>>()?;
        let contacts: HashSet<String> =
            self.contacts()?.into_iter().map(|c| c.contact_id).collect();
        if let Some(bad) = i
            .authorities
            .iter()
            .find(|a| !contacts.contains(&a.contact_id))
        {
            return Err(Error::InvalidValue {
                field: "contact",
                value: bad.contact_id.clone(),
                expected: "the id of a contact in the register (see `isms contacts list`)"
                    .to_owned(),
            });
        }
        Ok(())
    }

    fn write_incident(
        &mut self,
        old: Option<&Incident>,
        new: &Incident,
        extra: &[(&str, Option<&str>, Option<&str>)],
    ) -> Result<()> {
        let now = now();
        let actor = self.actor().to_owned();
        let tx = self
            .conn_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        db::incidents::upsert(&tx, ORGANISATION_ID, new, &now)?;
        let stamp = Stamp {
            at: &now,
            actor: &actor,
            entity: "incident",
            record_id: &new.incident_no,
        };
        match old {
            None => db::audit_log::append(
                &tx,
                &stamp,
                AuditAction::Create,
                None,
                None,
                Some(&serde_json::to_string(new)?),
            )?,
            Some(old) => {
                for (field, a, b) in field_changes(&old.audit_values(), &new.audit_values()) {
                    db::audit_log::append(
                        &tx,
                        &stamp,
                        AuditAction::Update,
                        Some(field),
                        a.as_deref(),
                        b.as_deref(),
                    )?;
                }
            }
        }
        for (field, a, b) in extra {
            db::audit_log::append(&tx, &stamp, AuditAction::Update, Some(field), *a, *b)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The next record number of the year the record was discovered in: INC-2026-001 …
    fn next_incident_no(&self, discovered_at: &str) -> Result<String> {
        let year = &discovered_at.get(..4).unwrap_or("0000");
        let prefix = format!("INC-{year}-");
        let n = db::incidents::numbers(self.conn(), ORGANISATION_ID)?
            .iter()
            .filter_map(|no| no.strip_prefix(&prefix).and_then(|n| n.parse::<u32>().ok()))
            .max()
            .unwrap_or(0);
        Ok(format!("{prefix}{:03}", n + 1))
    }

    /// Records a new report (or suspected event, audit finding …): title and discovery time with its zone required;
    /// the evidence checklist starts from the lists' steps; rules given are applied.
    pub fn report_incident(&mut self, new: NewIncident) -> Result<IncidentDetail> {
        let rules = self.notification_rules()?;
        let lists = self.incident_lists()?;
        let start = Incident {
            evidence: lists
                .evidence_steps
                .iter()
                .map(|s| crate::incident::EvidenceStep {
                    step: s.label.id.clone(),
                    done: false,
                    custody: String::new(),
                })
                .collect(),
            state: IncidentState::Reported,
            ..Default::default()
        };
        let mut incident = start.patched(new.patch, &rules, &now())?;
        if incident.source.trim().is_empty() {
            // A report that does not say what it is reports an incident (the first kind of the list).
            incident.source = lists
                .sources
                .first()
                .map(|s| s.id.clone())
                .unwrap_or_default();
        }
        self.check_references(&mut incident)?;
        incident.incident_no = self.next_incident_no(&incident.discovered_at)?;
        self.write_incident(None, &incident, &[])?;
        self.incident(&incident.incident_no)
    }

    /// Changes a record's fields; with `base` (the record as the form loaded it), a field someone else changed since
    /// is a conflict.
    pub fn save_incident(
        &mut self,
        no: &str,
        patch: IncidentPatch,
        base: Option<Incident>,
    ) -> Result<IncidentDetail> {
        let (_, old, _) = self.incident_row(no)?;
        let rules = self.notification_rules()?;
        let now = now();
        if let Some(base) = base {
            let yours = base.patched(patch.clone(), &rules, &now)?;
            let mut found = crate::conflict::conflicts(
                &base.audit_values(),
                &old.audit_values(),
                &yours.audit_values(),
            );
            if !found.is_empty() {
                db::audit_log::attribute(self.conn(), "incident", &old.incident_no, &mut found)?;
                return Err(Error::Conflict {
                    record: format!("incident {}", old.incident_no),
                    conflicts: found,
                });
            }
        }
        let mut new = old.patched(patch, &rules, &now)?;
        self.check_references(&mut new)?;
        self.write_incident(Some(&old), &new, &[])?;
        self.incident(no)
    }

    fn refuse(i: &Incident, why: &str) -> Error {
        Error::IncidentState {
            incident: i.incident_no.clone(),
            state: i.state().to_string(),
            why: why.to_owned(),
        }
    }

    /// The decision: an incident (on to the response) or not (closed as 非インシデント), by whom, when, why.
    pub fn decide_incident(
        &mut self,
        no: &str,
        is_incident: bool,
        by: &str,
        reason: &str,
        at: Option<DateTime<FixedOffset>>,
    ) -> Result<IncidentDetail> {
        let (_, old, _) = self.incident_row(no)?;
        if !matches!(
            old.state(),
            IncidentState::Reported | IncidentState::AwaitingDecision
        ) {
            return Err(Self::refuse(&old, "it has been decided already"));
        }
        if by.trim().is_empty() {
            return Err(Error::MissingValue {
                field: "who decided (--by)",
            });
        }
        let at = at.unwrap_or_else(now_time);
        if let Some(d) = chrono::DateTime::parse_from_rfc3339(&old.discovered_at)
            .ok()
            .filter(|d| at < *d)
        {
            return Err(Error::InvalidValue {
                field: "decision time",
                value: at.to_rfc3339(),
                expected: format!("a time on or after the discovery ({d})"),
            });
        }
        let mut new = old.clone();
        new.is_incident = Some(is_incident);
        new.decided_by = by.trim().to_owned();
        new.decided_at = at.to_rfc3339();
        new.decision_reason = reason.trim().to_owned();
        if is_incident {
            new.state = IncidentState::Responding;
        } else {
            new.state = IncidentState::NotIncident;
            new.closed_at = at.to_rfc3339();
            new.closed_by = new.decided_by.clone();
        }
        self.write_incident(Some(&old), &new, &[])?;
        self.incident(no)
    }

    /// Adds a corrective action (what, owner, due date on or after the discovery); the record moves to 是正処置中.
    pub fn add_action(
        &mut self,
        no: &str,
        what: &str,
        owner: &str,
        due_on: NaiveDate,
    ) -> Result<CorrectiveAction> {
        let (row, old, _) = self.incident_row(no)?;
        match old.state() {
            IncidentState::Responding
            | IncidentState::CorrectiveAction
            | IncidentState::EffectivenessReview => {}
            IncidentState::Reported | IncidentState::AwaitingDecision => {
                return Err(Self::refuse(
                    &old,
                    "decide first whether it is an incident (isms incidents decide)",
                ))
            }
            _ => return Err(Self::refuse(&old, "a closed record takes no more actions")),
        }
        if what.trim().is_empty() || owner.trim().is_empty() {
            return Err(Error::MissingValue {
                field: "what the action is and who owns it (--what, --owner)",
            });
        }
        if let Some(d) = old.discovered_on().filter(|d| due_on < *d) {
            return Err(Error::InvalidValue {
                field: "due date",
                value: due_on.to_string(),
                expected: format!("a date on or after the discovery ({d})"),
            });
        }
        let mut action = CorrectiveAction {
            id: 0,
            what: what.trim().to_owned(),
            owner: owner.trim().to_owned(),
            due_on,
            done_on: None,
        };
        let mut new = old.clone();
        new.state = IncidentState::CorrectiveAction;
        // A new action after a review found the action not effective reopens the corrective action.
        if old.state() == IncidentState::EffectivenessReview {
            new.effectiveness = None;
        }
        let now = now();
        let actor = self.actor().to_owned();
        let tx = self
            .conn_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        action.id = db::incidents::add_action(&tx, row, &action, &now)?;
        db::incidents::upsert(&tx, ORGANISATION_ID, &new, &now)?;
        let stamp = Stamp {
            at: &now,
            actor: &actor,
            entity: "incident",
            record_id: &old.incident_no,
        };
        db::audit_log::append(
            &tx,
            &stamp,
            AuditAction::Create,
            Some("action"),
            None,
            Some(&format!(
                "{} / {} / {}",
                action.what, action.owner, action.due_on
            )),
        )?;
        for (field, a, b) in field_changes(&old.audit_values(), &new.audit_values()) {
            db::audit_log::append(
                &tx,
                &stamp,
                AuditAction::Update,
                Some(field),
                a.as_deref(),
                b.as_deref(),
            )?;
        }
        tx.commit()?;
        Ok(action)
    }

    /// Marks an action done; when every action is done, the record waits for its effectiveness review.
    pub fn complete_action(
        &mut self,
        action_id: i64,
        done_on: NaiveDate,
    ) -> Result<CorrectiveAction> {
        let (row, action) =
            db::incidents::action(self.conn(), action_id)?.ok_or_else(|| Error::InvalidValue {
                field: "action",
                value: action_id.to_string(),
                expected: "the id of a corrective action (see `isms incidents show`)".to_owned(),
            })?;
        let (old, no) = {
            let all = db::incidents::list(self.conn(), ORGANISATION_ID)?;
            let (_, i, _) = all
                .into_iter()
                .find(|(r, _, _)| *r == row)
                .ok_or_else(|| Error::UnknownIncident(row.to_string()))?;
            let no = i.incident_no.clone();
            (i, no)
        };
        if !old.state().is_open() {
            return Err(Self::refuse(&old, "the record is closed"));
        }
        if action.done_on.is_some() {
            return Err(Error::InvalidValue {
                field: "action",
                value: action_id.to_string(),
                expected: "an action not done yet".to_owned(),
            });
        }
        if let Some(d) = old.discovered_on().filter(|d| done_on < *d) {
            return Err(Error::InvalidValue {
                field: "done date",
                value: done_on.to_string(),
                expected: format!("a date on or after the discovery ({d})"),
            });
        }
        let today = now_time().date_naive();
        if done_on > today {
            return Err(Error::InvalidValue {
                field: "done date",
                value: done_on.to_string(),
                expected: format!(
                    "a date not after today ({today}): an action is marked done once it is done"
                ),
            });
        }
        let now = now();
        let actor = self.actor().to_owned();
        let tx = self
            .conn_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        db::incidents::set_action_done(&tx, action_id, &done_on.to_string())?;
        let all_done = db::incidents::actions(&tx, row)?
            .iter()
            .all(|a| a.done_on.is_some());
        let mut new = old.clone();
        if all_done && old.state() == IncidentState::CorrectiveAction {
            new.state = IncidentState::EffectivenessReview;
        }
        db::incidents::upsert(&tx, ORGANISATION_ID, &new, &now)?;
        let stamp = Stamp {
            at: &now,
            actor: &actor,
            entity: "incident",
            record_id: &no,
        };
        db::audit_log::append(
            &tx,
            &stamp,
            AuditAction::Update,
            Some("action_done"),
            None,
            Some(&format!("{} ({})", action.what, done_on)),
        )?;
        for (field, a, b) in field_changes(&old.audit_values(), &new.audit_values()) {
            db::audit_log::append(
                &tx,
                &stamp,
                AuditAction::Update,
                Some(field),
                a.as_deref(),
                b.as_deref(),
            )?;
        }
        tx.commit()?;
        Ok(CorrectiveAction {
            done_on: Some(done_on),
            ..action
        })
    }

    /// The effectiveness review: effective (the record can be closed) or not (back to corrective action). Refused
    /// while an action is open.
    pub fn record_effectiveness(
        &mut self,
        no: &str,
        result: EffectivenessResult,
        by: &str,
        note: &str,
    ) -> Result<IncidentDetail> {
        let (row, old, _) = self.incident_row(no)?;
        let actions = db::incidents::actions(self.conn(), row)?;
        if !matches!(
            old.state(),
            IncidentState::Responding
                | IncidentState::CorrectiveAction
                | IncidentState::EffectivenessReview
        ) {
            return Err(Self::refuse(
                &old,
                "there is no corrective action to review",
            ));
        }
        if let Some(open) = actions.iter().find(|a| a.done_on.is_none()) {
            return Err(Self::refuse(
                &old,
                &format!("action {} ({}) is not done yet: review the effectiveness when every action is done", open.id, open.what),
            ));
        }
        if by.trim().is_empty() {
            return Err(Error::MissingValue {
                field: "the reviewer (--by)",
            });
        }
        let mut new = old.clone();
        new.effectiveness = Some(Effectiveness {
            result,
            by: by.trim().to_owned(),
            at: now_time().to_rfc3339(),
            note: note.trim().to_owned(),
        });
        new.state = match result {
            EffectivenessResult::Effective => IncidentState::EffectivenessReview,
            EffectivenessResult::NotEffective => IncidentState::CorrectiveAction,
        };
        self.write_incident(Some(&old), &new, &[])?;
        self.incident(no)
    }

    /// Closes a record: refused before every action is done and the review found them effective; closure has an
    /// approver.
    pub fn close_incident(&mut self, no: &str, approver: &str) -> Result<IncidentDetail> {
        let (row, old, _) = self.incident_row(no)?;
        let actions = db::incidents::actions(self.conn(), row)?;
        match old.state() {
            IncidentState::Closed | IncidentState::NotIncident => {
                return Err(Self::refuse(&old, "it is closed already"))
            }
            IncidentState::Reported | IncidentState::AwaitingDecision => {
                return Err(Self::refuse(
                    &old,
                    "decide first whether it is an incident (isms incidents decide)",
                ))
            }
            _ => {}
        }
        if let Some(open) = actions.iter().find(|a| a.done_on.is_none()) {
            return Err(Self::refuse(
                &old,
                &format!("action {} ({}) is not done yet", open.id, open.what),
            ));
        }
        match &old.effectiveness {
            Some(e) if e.result == EffectivenessResult::Effective => {}
            Some(_) => {
                return Err(Self::refuse(
                    &old,
                    "the effectiveness review found the action not effective",
                ))
            }
            None => {
                return Err(Self::refuse(
                    &old,
                    "the effectiveness of the corrective action has not been reviewed",
                ))
            }
        }
        if approver.trim().is_empty() {
            return Err(Error::MissingValue {
                field: "the approver (--approver)",
            });
        }
        let mut new = old.clone();
        new.state = IncidentState::Closed;
        new.closed_by = approver.trim().to_owned();
        new.closed_at = now_time().to_rfc3339();
        self.write_incident(Some(&old), &new, &[])?;
        self.incident(no)
    }

    /// Records a notice sent under one of the record's rules; a notice after the deadline is kept as late.
    pub fn record_notice(
        &mut self,
        no: &str,
        rule_id: &str,
        sent_at: DateTime<FixedOffset>,
        note: &str,
    ) -> Result<IncidentDetail> {
        let (row, i, _) = self.incident_row(no)?;
        if !i.rules.iter().any(|r| r.rule.id == rule_id) {
            return Err(Error::InvalidValue {
                field: "notification rule",
                value: rule_id.to_owned(),
                expected: format!(
                    "a rule applied to {no}: {} (apply one with `isms incidents set {no} --rule ID`)",
                    i.rules.iter().map(|r| r.rule.id.as_str()).collect::<Vec<_>>().join(", ")
                ),
            });
        }
        if let Some(d) = chrono::DateTime::parse_from_rfc3339(&i.discovered_at)
            .ok()
            .filter(|d| sent_at < *d)
        {
            return Err(Error::InvalidValue {
                field: "sent time",
                value: sent_at.to_rfc3339(),
                expected: format!("a time on or after the discovery ({d})"),
            });
        }
        let now = now();
        let actor = self.actor().to_owned();
        let notice = Notice {
            id: 0,
            rule_id: rule_id.to_owned(),
            sent_at: sent_at.to_rfc3339(),
            note: note.trim().to_owned(),
            recorded_by: actor.clone(),
        };
        let tx = self
            .conn_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        db::incidents::add_notice(&tx, row, &notice, &now)?;
        let stamp = Stamp {
            at: &now,
            actor: &actor,
            entity: "incident",
            record_id: no,
        };
        db::audit_log::append(
            &tx,
            &stamp,
            AuditAction::Create,
            Some("notice"),
            None,
            Some(&format!("{rule_id} {}", notice.sent_at)),
        )?;
        tx.commit()?;
        self.incident(no)
    }

    fn clocks_of(
        &self,
        i: &Incident,
        notices: &[Notice],
        now: DateTime<FixedOffset>,
    ) -> Vec<Clock> {
        i.rules
            .iter()
            .map(|a| {
                let mine: Vec<Notice> = notices
                    .iter()
                    .filter(|n| n.rule_id == a.rule.id)
                    .cloned()
                    .collect();
                rules::clock(
                    &a.rule,
                    i.clock_start(a.rule.clock_from),
                    mine,
                    now,
                    i.state().is_open(),
                )
            })
            .collect()
    }

    /// One record with its actions, clocks (as of now) and affected assets.
    pub fn incident(&self, no: &str) -> Result<IncidentDetail> {
        self.incident_at(no, now_time())
    }

    /// One record with its clocks as of `now` (tests and reports fix the moment).
    pub fn incident_at(&self, no: &str, now: DateTime<FixedOffset>) -> Result<IncidentDetail> {
        let (row, i, updated_at) = self.incident_row(no)?;
        let actions = db::incidents::actions(self.conn(), row)?;
        let notices = db::incidents::notices(self.conn(), row)?;
        let clocks = self.clocks_of(&i, &notices, now);
        let mut affected_assets = Vec::new();
        for a in &i.assets {
            if let Some((_, asset, _)) = db::assets::get(self.conn(), ORGANISATION_ID, a)? {
                affected_assets.push(AffectedAsset {
                    asset_id: asset.asset_id,
                    name: asset.name,
                    classification: asset.classification,
                });
            }
        }
        Ok(IncidentDetail {
            next_step: next_step(&i, &actions).to_owned(),
            incident: i,
            updated_at,
            actions,
            clocks,
            affected_assets,
        })
    }

    /// The register, filtered; each line with its open clocks (the most urgent first); overdue records first.
    pub fn incidents(&self, filter: &IncidentFilter) -> Result<Vec<IncidentSummary>> {
        self.incidents_at(filter, now_time())
    }

    pub fn incidents_at(
        &self,
        filter: &IncidentFilter,
        now: DateTime<FixedOffset>,
    ) -> Result<Vec<IncidentSummary>> {
        let mut out = Vec::new();
        for (row, i, _) in db::incidents::list(self.conn(), ORGANISATION_ID)? {
            let state = i.state();
            if filter.state.is_some_and(|s| s != state)
                || filter.open_only && !state.is_open()
                || filter
                    .category
                    .as_deref()
                    .is_some_and(|c| !c.is_empty() && c != i.category)
                || filter
                    .source
                    .as_deref()
                    .is_some_and(|c| !c.is_empty() && c != i.source)
            {
                continue;
            }
            let notices = db::incidents::notices(self.conn(), row)?;
            let mut open_clocks: Vec<Clock> = self
                .clocks_of(&i, &notices, now)
                .into_iter()
                .filter(|c| {
                    matches!(c.status, ClockStatus::Pending | ClockStatus::Overdue)
                        || c.progress_overdue
                })
                .collect();
            open_clocks.sort_by_key(|c| c.seconds_left.unwrap_or(i64::MAX));
            let actions = db::incidents::actions(self.conn(), row)?;
            out.push(IncidentSummary {
                // Something to do now: a closed record's missed clock stays in its detail, not in the worklist.
                overdue: state.is_open()
                    && open_clocks
                        .iter()
                        .any(|c| c.status == ClockStatus::Overdue || c.progress_overdue),
                incident_no: i.incident_no,
                title: i.title,
                state,
                category: i.category,
                source: i.source,
                discovered_at: i.discovered_at,
                open_clocks,
                actions_open: actions.iter().filter(|a| a.done_on.is_none()).count(),
            });
        }
        out.sort_by_key(|s| !s.overdue);
        Ok(out)
    }

    /// Clocks running and overdue, actions due within 14 days or overdue, effectiveness reviews due.
    pub fn incidents_due(&self, now: DateTime<FixedOffset>) -> Result<IncidentsDue> {
        let mut due = IncidentsDue::default();
        let today = now.date_naive();
        for (row, i, _) in db::incidents::list(self.conn(), ORGANISATION_ID)? {
            if !i.state().is_open() {
                continue;
            }
            let notices = db::incidents::notices(self.conn(), row)?;
            for c in self.clocks_of(&i, &notices, now) {
                if matches!(c.status, ClockStatus::Pending | ClockStatus::Overdue) {
                    due.clocks.push(DueClock {
                        incident_no: i.incident_no.clone(),
                        title: i.title.clone(),
                        rule_id: c.rule.id.clone(),
                        rule_name_ja: c.rule.name_ja.clone(),
                        rule_name_en: c.rule.name_en.clone(),
                        deadline: c.deadline.clone(),
                        seconds_left: c.seconds_left,
                        status: c.status,
                    });
                }
            }
            for a in db::incidents::actions(self.conn(), row)? {
                if a.done_on.is_none() && a.due_on <= today + chrono::Days::new(14) {
                    due.actions.push(DueAction {
                        incident_no: i.incident_no.clone(),
                        overdue: a.due_on < today,
                        action: a,
                    });
                }
            }
            if let Some(d) = i
                .effectiveness_planned_on
                .filter(|d| *d <= today && i.effectiveness.is_none())
            {
                due.reviews.push(DueReview {
                    incident_no: i.incident_no.clone(),
                    title: i.title.clone(),
                    planned_on: d,
                    reviewer: i.effectiveness_reviewer.clone(),
                });
            }
        }
        due.clocks
            .sort_by_key(|c| c.seconds_left.unwrap_or(i64::MAX));
        due.actions.sort_by_key(|a| a.action.due_on);
        Ok(due)
    }

    /// Counts by category, month, source and state; mean hours to decision and days to closure.
    pub fn incident_statistics(&self) -> Result<IncidentStatistics> {
        let mut s = IncidentStatistics::default();
        let (mut decision, mut closure) = (Vec::new(), Vec::new());
        for (_, i, _) in db::incidents::list(self.conn(), ORGANISATION_ID)? {
            s.total += 1;
            if i.state().is_open() {
                s.open += 1;
            }
            *s.by_category.entry(i.category.clone()).or_default() += 1;
            *s.by_source.entry(i.source.clone()).or_default() += 1;
            *s.by_state.entry(i.state().to_string()).or_default() += 1;
            *s.by_month
                .entry(i.discovered_at.get(..7).unwrap_or("").to_owned())
                .or_default() += 1;
            let t = |v: &str| chrono::DateTime::parse_from_rfc3339(v).ok();
            if let (Some(a), Some(b)) = (t(&i.discovered_at), t(&i.decided_at)) {
                decision.push((b - a).num_minutes() as f64 / 60.0);
            }
            if let (Some(a), Some(b)) = (t(&i.discovered_at), t(&i.closed_at)) {
                if i.state() == IncidentState::Closed {
                    closure.push((b - a).num_minutes() as f64 / 60.0 / 24.0);
                }
            }
        }
        let mean = |v: &[f64]| {
            (!v.is_empty()).then(|| (v.iter().sum::<f64>() / v.len() as f64 * 10.0).round() / 10.0)
        };
        s.mean_hours_to_decision = mean(&decision);
        s.mean_days_to_closure = mean(&closure);
        Ok(s)
    }
}
