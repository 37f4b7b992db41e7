//! `isms incidents …`, `isms notification-rules …` and `isms contacts …`: the incident and nonconformity register
//! through corrective action, the notification rules and the contacts register — the same `Store` calls as the app.

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::{Args, Subcommand};
use isms_core::contact::ContactPatch;
use isms_core::incident::rules::{parse_time, NotificationRule};
use isms_core::incident::store::{IncidentFilter, NewIncident};
use isms_core::incident::{
    AuthorityContact, EffectivenessResult, EvidenceStep, IncidentPatch, IsmsChange,
};
use isms_core::{Error, Store};

use crate::print::{emit, emit_json};
use crate::CliError;

#[derive(Debug, Subcommand)]
pub enum IncidentsCommand {
    /// Record a report (an incident, a suspected event, an audit finding …); prints its number.
    Report(Box<IncidentArgs>),
    /// Change a record's fields (only the options given).
    Set(Box<IncidentArgs>),
    /// The decision: an incident or not (非インシデント closes the record).
    Decide {
        id: String,
        /// yes or no
        #[arg(long)]
        incident: String,
        #[arg(long)]
        by: String,
        #[arg(long, default_value = "")]
        reason: String,
        /// When it was decided [default: now], with its time zone.
        #[arg(long)]
        at: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// One record with its state, clocks and actions.
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// The register: overdue clocks first.
    List {
        /// reported, awaiting-decision, responding, corrective-action, effectiveness-review, closed, not-incident
        #[arg(long)]
        state: Option<String>,
        /// Only open records.
        #[arg(long)]
        open: bool,
        #[arg(long)]
        json: bool,
    },
    /// Record a notice sent under one of the record's rules (late notices are kept as late).
    Notify {
        id: String,
        #[arg(long)]
        rule: String,
        #[arg(long)]
        sent_at: String,
        #[arg(long, default_value = "")]
        note: String,
        #[arg(long)]
        json: bool,
    },
    /// Corrective actions: add one, or mark one done.
    Action {
        #[command(subcommand)]
        command: ActionCommand,
    },
    /// The effectiveness review of the corrective action.
    Effectiveness {
        id: String,
        /// effective or not-effective
        #[arg(long)]
        result: String,
        #[arg(long)]
        by: String,
        #[arg(long, default_value = "")]
        note: String,
        #[arg(long)]
        json: bool,
    },
    /// Close a record (every action done, effectiveness reviewed as effective), with its approver.
    Close {
        id: String,
        #[arg(long)]
        approver: String,
        #[arg(long)]
        json: bool,
    },
    /// Counts by category, month, source and state; mean time to decision and to closure.
    Stats {
        #[arg(long)]
        json: bool,
    },
    /// Attach a file (evidence, a report) to a record.
    Attach {
        id: String,
        file: PathBuf,
        #[arg(long, default_value = "")]
        note: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ActionCommand {
    Add {
        id: String,
        #[arg(long)]
        what: String,
        #[arg(long)]
        owner: String,
        #[arg(long)]
        due: String,
        #[arg(long)]
        json: bool,
    },
    Done {
        action: i64,
        /// [default: today]
        #[arg(long)]
        at: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct IncidentArgs {
    /// The record (set only).
    #[arg(required = false)]
    pub id: Option<String>,
    #[arg(long)]
    pub title: Option<String>,
    /// When it was discovered, with its time zone (2026-11-27T17:00+09:00).
    #[arg(long)]
    pub discovered_at: Option<String>,
    #[arg(long)]
    pub detected_at: Option<String>,
    #[arg(long)]
    pub aware_at: Option<String>,
    #[arg(long)]
    pub occurred_at: Option<String>,
    #[arg(long)]
    pub category: Option<String>,
    /// incident, event, internal_audit, external_audit, other (or the Japanese label).
    #[arg(long)]
    pub source: Option<String>,
    #[arg(long)]
    pub description: Option<String>,
    #[arg(long)]
    pub discovered_by: Option<String>,
    #[arg(long)]
    pub reported_at: Option<String>,
    #[arg(long)]
    pub reported_to: Option<String>,
    #[arg(long)]
    pub route: Option<String>,
    /// Confirmed (not only suspected).
    #[arg(long)]
    pub confirmed: bool,
    /// An affected asset; repeat (replaces the list).
    #[arg(long = "asset")]
    pub assets: Vec<String>,
    #[arg(long)]
    pub supplier: Option<String>,
    #[arg(long = "control")]
    pub controls: Vec<String>,
    /// A flag that decides which rules apply (customer_impact, personal_data, ppc_reportable …); repeat.
    #[arg(long = "flag")]
    pub flags: Vec<String>,
    /// A notification rule that applies (its clock starts from the record's matching time); repeat (replaces the
    /// list).
    #[arg(long = "rule")]
    pub rules: Vec<String>,
    #[arg(long)]
    pub emergency_action: Option<String>,
    #[arg(long)]
    pub emergency_by: Option<String>,
    /// The correction (初期対応).
    #[arg(long)]
    pub correction: Option<String>,
    #[arg(long)]
    pub correction_by: Option<String>,
    #[arg(long)]
    pub correction_at: Option<String>,
    /// An authority or specialist body contacted: CONTACT_ID[=TIME]; repeat (replaces the list).
    #[arg(long = "authority")]
    pub authorities: Vec<String>,
    /// An evidence step done: STEP[=custody note]; repeat (replaces the list).
    #[arg(long = "evidence")]
    pub evidence: Vec<String>,
    #[arg(long)]
    pub impact_scale: Option<String>,
    #[arg(long)]
    pub records_affected: Option<u64>,
    #[arg(long)]
    pub persons_affected: Option<u64>,
    #[arg(long)]
    pub customers_affected: Option<u64>,
    #[arg(long)]
    pub downtime_minutes: Option<u64>,
    #[arg(long)]
    pub cost_yen: Option<u64>,
    #[arg(long)]
    pub root_cause: Option<String>,
    /// Could it occur elsewhere? The answer.
    #[arg(long)]
    pub recurrence: Option<String>,
    #[arg(long)]
    pub effectiveness_planned: Option<String>,
    #[arg(long)]
    pub reviewer: Option<String>,
    /// An ISMS change needed: KIND[=NOTE]; repeat (replaces the list).
    #[arg(long = "isms-change")]
    pub isms_changes: Vec<String>,
    /// The supplier is to be re-evaluated (yes / no).
    #[arg(long)]
    pub supplier_reevaluation: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    List {
        #[arg(long)]
        json: bool,
    },
    /// Add a rule.
    Add(Box<RuleArgs>),
    /// Change a rule (only the options given).
    Set(Box<RuleArgs>),
}

#[derive(Debug, Args)]
pub struct RuleArgs {
    pub id: String,
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long)]
    pub name_en: Option<String>,
    /// customer-notice, regulator-report or internal-escalation
    #[arg(long)]
    pub kind: Option<String>,
    /// occurred, aware, detected or previous-notice
    #[arg(long)]
    pub clock_from: Option<String>,
    #[arg(long)]
    pub target: Option<u32>,
    /// hours, days or business-days
    #[arg(long)]
    pub unit: Option<String>,
    /// must, target or best-effort
    #[arg(long)]
    pub strength: Option<String>,
    #[arg(long)]
    pub progress_every: Option<u32>,
    #[arg(long)]
    pub progress_unit: Option<String>,
    #[arg(long)]
    pub scope: Option<String>,
    #[arg(long)]
    pub channel: Option<String>,
    #[arg(long)]
    pub recipient: Option<String>,
    #[arg(long)]
    pub scope_en: Option<String>,
    #[arg(long)]
    pub channel_en: Option<String>,
    #[arg(long)]
    pub recipient_en: Option<String>,
    /// Printed by whitepapers that list the customer-notice rules: yes or no.
    #[arg(long)]
    pub whitepaper: Option<String>,
    /// How much is disclosed (a whitepaper table row).
    #[arg(long)]
    pub disclosure_level: Option<String>,
    #[arg(long)]
    pub disclosure_level_en: Option<String>,
    /// What the provider does (a whitepaper table row).
    #[arg(long)]
    pub response: Option<String>,
    #[arg(long)]
    pub response_en: Option<String>,
    /// An exception (when notice may be withheld), "日本語|English"; repeat for several; replaces the list.
    #[arg(long = "exception")]
    pub exceptions: Vec<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum ContactsCommand {
    List {
        #[arg(long)]
        json: bool,
    },
    Add(Box<ContactArgs>),
    Set(Box<ContactArgs>),
}

#[derive(Debug, Args)]
pub struct ContactArgs {
    /// The contact's id (set), or the id to give (add; default: the next CON-nnn).
    #[arg(required = false)]
    pub id: Option<String>,
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long)]
    pub name_en: Option<String>,
    /// authority, specialist, supplier, customer, building, certification_body, other
    #[arg(long)]
    pub kind: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    #[arg(long)]
    pub url: Option<String>,
    #[arg(long)]
    pub email: Option<String>,
    /// When to call them.
    #[arg(long)]
    pub when: Option<String>,
    #[arg(long)]
    pub note: Option<String>,
    #[arg(long)]
    pub json: bool,
}

fn time(field: &'static str, v: &Option<String>) -> Result<Option<String>, Error> {
    v.as_deref()
        .map(|t| parse_time(field, t).map(|t| t.to_rfc3339()))
        .transpose()
}

fn yes_no(field: &'static str, v: &str) -> Result<bool, Error> {
    match v.trim().to_lowercase().as_str() {
        "yes" | "y" | "true" | "はい" => Ok(true),
        "no" | "n" | "false" | "いいえ" => Ok(false),
        other => Err(Error::InvalidValue {
            field,
            value: other.to_owned(),
            expected: "yes or no".to_owned(),
        }),
    }
}

fn patch(
    a: &IncidentArgs,
    store: &Store,
    current: Option<&isms_core::incident::Incident>,
) -> Result<IncidentPatch, Error> {
    let list = |v: &Vec<String>| (!v.is_empty()).then(|| v.clone());
    let mut impact = current.map(|c| c.impact.clone()).unwrap_or_default();
    let impact_given = a.impact_scale.is_some()
        || a.records_affected.is_some()
        || a.persons_affected.is_some()
        || a.customers_affected.is_some()
        || a.downtime_minutes.is_some()
        || a.cost_yen.is_some();
    if let Some(v) = &a.impact_scale {
        impact.scale = v.clone();
    }
    impact.records_affected = a.records_affected.or(impact.records_affected);
    impact.persons_affected = a.persons_affected.or(impact.persons_affected);
    impact.customers_affected = a.customers_affected.or(impact.customers_affected);
    impact.downtime_minutes = a.downtime_minutes.or(impact.downtime_minutes);
    impact.cost_yen = a.cost_yen.or(impact.cost_yen);
    let authorities = a
        .authorities
        .iter()
        .map(|x| {
            let (id, at) = x.split_once('=').unwrap_or((x, ""));
            AuthorityContact {
                contact_id: id.trim().to_owned(),
                contacted_at: at.trim().to_owned(),
                note: String::new(),
            }
        })
        .collect::<Vec<_>>();
    let evidence = if a.evidence.is_empty() {
        None
    } else {
        let steps = store.incident_lists()?.evidence_steps;
        Some(
            steps
                .iter()
                .map(|s| {
                    let given = a.evidence.iter().find_map(|e| {
                        let (id, note) = e.split_once('=').unwrap_or((e, ""));
                        (id.trim() == s.label.id).then(|| note.trim().to_owned())
                    });
                    EvidenceStep {
                        step: s.label.id.clone(),
                        done: given.is_some(),
                        custody: given.unwrap_or_default(),
                    }
                })
                .collect(),
        )
    };
    if let Some(bad) = a.evidence.iter().find(|e| {
        let id = e.split_once('=').map_or(e.as_str(), |(i, _)| i).trim();
        store
            .incident_lists()
            .map(|l| !l.evidence_steps.iter().any(|s| s.label.id == id))
            .unwrap_or(true)
    }) {
        return Err(Error::InvalidValue {
            field: "evidence step",
            value: bad.clone(),
            expected: format!(
                "one of {}",
                store
                    .incident_lists()?
                    .evidence_steps
                    .iter()
                    .map(|s| s.label.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        });
    }
    Ok(IncidentPatch {
        title: a.title.clone(),
        source: a.source.clone(),
        category: a.category.clone(),
        discovered_at: time("discovered_at", &a.discovered_at)?,
        detected_at: time("detected_at", &a.detected_at)?,
        aware_at: time("aware_at", &a.aware_at)?,
        occurred_at: time("occurred_at", &a.occurred_at)?,
        discovered_by: a.discovered_by.clone(),
        reported_at: time("reported_at", &a.reported_at)?,
        reported_to: a.reported_to.clone(),
        route: a.route.clone(),
        confirmed: a.confirmed.then_some(true),
        description: a.description.clone(),
        assets: list(&a.assets),
        supplier: a.supplier.clone(),
        controls: list(&a.controls),
        flags: list(&a.flags),
        emergency_action: a.emergency_action.clone(),
        emergency_decided_by: a.emergency_by.clone(),
        correction: a.correction.clone(),
        correction_by: a.correction_by.clone(),
        correction_at: time("correction_at", &a.correction_at)?,
        authorities: (!authorities.is_empty()).then_some(authorities),
        evidence,
        impact: impact_given.then_some(impact),
        root_cause: a.root_cause.clone(),
        recurrence_elsewhere: a.recurrence.clone(),
        effectiveness_planned_on: a
            .effectiveness_planned
            .as_deref()
            .map(|d| isms_core::register::parse_date("effectiveness review date", d).map(Some))
            .transpose()?,
        effectiveness_reviewer: a.reviewer.clone(),
        isms_changes: (!a.isms_changes.is_empty()).then(|| {
            a.isms_changes
                .iter()
                .map(|c| {
                    let (kind, note) = c.split_once('=').unwrap_or((c, ""));
                    IsmsChange {
                        kind: kind.trim().to_owned(),
                        note: note.trim().to_owned(),
                        control: String::new(),
                    }
                })
                .collect()
        }),
        supplier_reevaluation: a
            .supplier_reevaluation
            .as_deref()
            .map(|v| yes_no("supplier re-evaluation", v))
            .transpose()?,
        rules: list(&a.rules),
    })
}

fn detail_text(d: &isms_core::incident::store::IncidentDetail) -> String {
    let i = &d.incident;
    let mut s = String::new();
    let _ = writeln!(s, "{}  {}", i.incident_no, i.title);
    for (k, v) in [
        ("state", d.incident.state.to_string()),
        ("next step", d.next_step.clone()),
        ("source", i.source.clone()),
        ("category", i.category.clone()),
        ("discovered", i.discovered_at.clone()),
        (
            "decision",
            i.is_incident
                .map(|b| format!("incident: {}", if b { "yes" } else { "no" }))
                .unwrap_or("-".into()),
        ),
    ] {
        let _ = writeln!(s, "{k:<16}{v}");
    }
    for c in &d.clocks {
        let _ = writeln!(
            s,
            "{:<16}{} deadline {} ({})",
            "clock:",
            c.rule.id,
            c.deadline.as_deref().unwrap_or("-"),
            c.status
        );
    }
    for a in &d.actions {
        let _ = writeln!(
            s,
            "{:<16}{} {} / {} due {} {}",
            "action:",
            a.id,
            a.what,
            a.owner,
            a.due_on,
            a.done_on.map(|d| format!("done {d}")).unwrap_or_default()
        );
    }
    s
}

fn print_detail(d: &isms_core::incident::store::IncidentDetail, json: bool) -> Result<(), Error> {
    if json {
        emit_json(d)
    } else {
        emit(&detail_text(d))
    }
}

pub fn run(store: &mut Store, command: IncidentsCommand) -> Result<(), CliError> {
    match command {
        IncidentsCommand::Report(a) => {
            if a.title.as_deref().is_none_or(|t| t.trim().is_empty()) {
                return Err(Error::MissingValue {
                    field: "the title (--title)",
                }
                .into());
            }
            let p = patch(&a, store, None)?;
            let d = store.report_incident(NewIncident { patch: p })?;
            if a.json {
                Ok(emit_json(&d)?)
            } else {
                Ok(emit(&format!("{}\n", d.incident.incident_no))?)
            }
        }
        IncidentsCommand::Set(a) => {
            let Some(id) = a.id.clone() else {
                return Err(Error::MissingValue {
                    field: "the record number",
                }
                .into());
            };
            let current = store.incident(&id)?;
            let p = patch(&a, store, Some(&current.incident))?;
            if p == IncidentPatch::default() {
                return Err(CliError::Usage(
                    "nothing to change: give at least one field (see `isms incidents set --help`)"
                        .to_owned(),
                ));
            }
            Ok(print_detail(&store.save_incident(&id, p, None)?, a.json)?)
        }
        IncidentsCommand::Decide {
            id,
            incident,
            by,
            reason,
            at,
            json,
        } => {
            let at = at
                .as_deref()
                .map(|t| parse_time("decision time", t))
                .transpose()?;
            let d =
                store.decide_incident(&id, yes_no("--incident", &incident)?, &by, &reason, at)?;
            Ok(print_detail(&d, json)?)
        }
        IncidentsCommand::Show { id, json } => Ok(print_detail(&store.incident(&id)?, json)?),
        IncidentsCommand::List { state, open, json } => {
            let state = state
                .as_deref()
                .map(|s| isms_core::db::incidents::parse_state(&s.replace('-', "_")))
                .transpose()?;
            let list = store.incidents(&IncidentFilter {
                state,
                open_only: open,
                ..Default::default()
            })?;
            if json {
                return Ok(emit_json(&list)?);
            }
            let mut s = String::new();
            for i in &list {
                let _ = writeln!(
                    s,
                    "{:<14} {:<22} {:<12} {} {}",
                    i.incident_no,
                    i.state,
                    i.category,
                    i.title,
                    if i.overdue { "OVERDUE" } else { "" }
                );
            }
            if list.is_empty() {
                s.push_str("no records\n");
            }
            Ok(emit(&s)?)
        }
        IncidentsCommand::Notify {
            id,
            rule,
            sent_at,
            note,
            json,
        } => {
            let at = parse_time("sent time", &sent_at)?;
            Ok(print_detail(
                &store.record_notice(&id, &rule, at, &note)?,
                json,
            )?)
        }
        IncidentsCommand::Action { command } => match command {
            ActionCommand::Add {
                id,
                what,
                owner,
                due,
                json,
            } => {
                let due = isms_core::register::parse_date("due date", &due)?;
                let a = store.add_action(&id, &what, &owner, due)?;
                if json {
                    Ok(emit_json(&a)?)
                } else {
                    Ok(emit(&format!("action {}\n", a.id))?)
                }
            }
            ActionCommand::Done { action, at, json } => {
                let on = match at {
                    Some(d) => isms_core::register::parse_date("done date", &d)?,
                    None => chrono::Local::now().date_naive(),
                };
                let a = store.complete_action(action, on)?;
                if json {
                    Ok(emit_json(&a)?)
                } else {
                    Ok(emit(&format!("action {} done {on}\n", a.id))?)
                }
            }
        },
        IncidentsCommand::Effectiveness {
            id,
            result,
            by,
            note,
            json,
        } => {
            let result: EffectivenessResult =
                result.trim().parse().map_err(|_| Error::InvalidValue {
                    field: "effectiveness result",
                    value: result.clone(),
                    expected: "effective or not-effective".to_owned(),
                })?;
            Ok(print_detail(
                &store.record_effectiveness(&id, result, &by, &note)?,
                json,
            )?)
        }
        IncidentsCommand::Close { id, approver, json } => {
            Ok(print_detail(&store.close_incident(&id, &approver)?, json)?)
        }
        IncidentsCommand::Stats { json } => {
            let s = store.incident_statistics()?;
            if json {
                return Ok(emit_json(&s)?);
            }
            let mut out = format!("records {} (open {})\n", s.total, s.open);
            for (k, v) in &s.by_category {
                let _ = writeln!(out, "  category {k}: {v}");
            }
            for (k, v) in &s.by_month {
                let _ = writeln!(out, "  month {k}: {v}");
            }
            let _ = writeln!(
                out,
                "mean hours to decision: {}",
                s.mean_hours_to_decision
                    .map_or("-".into(), |v| v.to_string())
            );
            let _ = writeln!(
                out,
                "mean days to closure: {}",
                s.mean_days_to_closure.map_or("-".into(), |v| v.to_string())
            );
            Ok(emit(&out)?)
        }
        IncidentsCommand::Attach {
            id,
            file,
            note,
            json,
        } => {
            store.incident(&id)?;
            let a = store.attach_file(
                "incident",
                &id,
                &file,
                &note,
                isms_core::attachment::DEFAULT_LIMIT_BYTES,
            )?;
            if json {
                Ok(emit_json(&a)?)
            } else {
                Ok(emit(&format!("attached {} as {}\n", a.name, a.id))?)
            }
        }
    }
}

fn parsed<T: std::str::FromStr>(field: &'static str, v: &str, expected: &str) -> Result<T, Error> {
    v.trim()
        .replace('-', "_")
        .parse()
        .map_err(|_| Error::InvalidValue {
            field,
            value: v.trim().to_owned(),
            expected: expected.to_owned(),
        })
}

pub fn rules(store: &mut Store, command: RulesCommand) -> Result<(), CliError> {
    let (args, create) = match command {
        RulesCommand::List { json } => {
            let rules = store.notification_rules()?;
            if json {
                return Ok(emit_json(&rules)?);
            }
            let mut s = String::new();
            for r in &rules {
                let _ = writeln!(
                    s,
                    "{:<34} from {:<15} {:>3} {:<13} {:<11} {}",
                    r.id, r.clock_from, r.target, r.unit, r.strength, r.name_ja
                );
            }
            return Ok(emit(&s)?);
        }
        RulesCommand::Add(a) => (a, true),
        RulesCommand::Set(a) => (a, false),
    };
    let existing = store
        .notification_rules()?
        .into_iter()
        .find(|r| r.id == args.id);
    let mut rule = match (existing, create) {
        (Some(_), true) => {
            return Err(Error::InvalidValue {
                field: "notification rule",
                value: args.id.clone(),
                expected: "an id not used yet (change the rule with `isms notification-rules set`)"
                    .to_owned(),
            }
            .into())
        }
        (None, false) => {
            return Err(Error::InvalidValue {
                field: "notification rule",
                value: args.id.clone(),
                expected: "the id of a rule (see `isms notification-rules list`)".to_owned(),
            }
            .into())
        }
        (Some(r), false) => r,
        (None, true) => {
            let need = |v: &Option<String>, f: &'static str| {
                v.clone().ok_or(Error::MissingValue { field: f })
            };
            NotificationRule {
                id: args.id.trim().to_owned(),
                name_ja: need(&args.name, "the rule's name (--name)")?,
                name_en: args.name_en.clone().unwrap_or_default(),
                kind: parsed(
                    "rule kind",
                    &need(&args.kind, "the kind (--kind)")?,
                    "customer-notice, regulator-report or internal-escalation",
                )?,
                scope_ja: String::new(),
                scope_en: String::new(),
                clock_from: parsed(
                    "clock start",
                    &need(
                        &args.clock_from,
                        "what the clock starts from (--clock-from)",
                    )?,
                    "occurred, aware, detected or previous-notice",
                )?,
                target: args.target.ok_or(Error::MissingValue {
                    field: "the target (--target)",
                })?,
                unit: parsed(
                    "unit",
                    &need(&args.unit, "the unit (--unit)")?,
                    "hours, days or business-days",
                )?,
                strength: parsed(
                    "strength",
                    &args.strength.clone().unwrap_or("target".into()),
                    "must, target or best-effort",
                )?,
                progress_every: None,
                progress_unit: None,
                channel_ja: String::new(),
                channel_en: String::new(),
                recipient_ja: String::new(),
                recipient_en: String::new(),
                exceptions: Vec::new(),
                requires_flags: Vec::new(),
                excludes_flags: Vec::new(),
                enabled_by_default: false,
                show_in_whitepaper: false,
                disclosure_level_ja: String::new(),
                disclosure_level_en: String::new(),
                applicable_response_ja: String::new(),
                applicable_response_en: String::new(),
            }
        }
    };
    if let Some(v) = &args.name {
        rule.name_ja = v.clone();
    }
    if let Some(v) = &args.name_en {
        rule.name_en = v.clone();
    }
    if let Some(v) = &args.kind {
        rule.kind = parsed(
            "rule kind",
            v,
            "customer-notice, regulator-report or internal-escalation",
        )?;
    }
    if let Some(v) = &args.clock_from {
        rule.clock_from = parsed(
            "clock start",
            v,
            "occurred, aware, detected or previous-notice",
        )?;
    }
    if let Some(v) = args.target {
        rule.target = v;
    }
    if let Some(v) = &args.unit {
        rule.unit = parsed("unit", v, "hours, days or business-days")?;
    }
    if let Some(v) = &args.strength {
        rule.strength = parsed("strength", v, "must, target or best-effort")?;
    }
    if let Some(v) = args.progress_every {
        rule.progress_every = Some(v);
    }
    if let Some(v) = &args.progress_unit {
        rule.progress_unit = Some(parsed("progress unit", v, "hours, days or business-days")?);
    }
    if let Some(v) = &args.scope {
        rule.scope_ja = v.clone();
    }
    if let Some(v) = &args.channel {
        rule.channel_ja = v.clone();
    }
    if let Some(v) = &args.recipient {
        rule.recipient_ja = v.clone();
    }
    macro_rules! set_text {
        ($arg:ident, $field:ident) => {
            if let Some(v) = &args.$arg {
                rule.$field = v.trim().to_owned();
            }
        };
    }
    set_text!(scope_en, scope_en);
    set_text!(channel_en, channel_en);
    set_text!(recipient_en, recipient_en);
    set_text!(disclosure_level, disclosure_level_ja);
    set_text!(disclosure_level_en, disclosure_level_en);
    set_text!(response, applicable_response_ja);
    set_text!(response_en, applicable_response_en);
    if let Some(v) = &args.whitepaper {
        rule.show_in_whitepaper = yes_no("whitepaper (--whitepaper)", v)?;
    }
    if !args.exceptions.is_empty() {
        rule.exceptions = args
            .exceptions
            .iter()
            .map(|e| {
                let (ja, en) = e.split_once('|').unwrap_or((e.as_str(), ""));
                isms_core::incident::rules::Bilingual {
                    ja: ja.trim().to_owned(),
                    en: en.trim().to_owned(),
                }
            })
            .collect();
    }
    let saved = store.save_notification_rule(rule)?;
    if args.json {
        Ok(emit_json(&saved)?)
    } else {
        Ok(emit(&format!("{}: saved\n", saved.id))?)
    }
}

pub fn contacts(store: &mut Store, command: ContactsCommand) -> Result<(), CliError> {
    let (a, create) = match command {
        ContactsCommand::List { json } => {
            let list = store.contacts()?;
            if json {
                return Ok(emit_json(&list)?);
            }
            let mut s = String::new();
            for c in &list {
                let _ = writeln!(
                    s,
                    "{:<28} {:<18} {:<14} {}",
                    c.contact_id, c.kind, c.phone, c.name_ja
                );
            }
            return Ok(emit(&s)?);
        }
        ContactsCommand::Add(a) => (a, true),
        ContactsCommand::Set(a) => (a, false),
    };
    let p = ContactPatch {
        name_ja: a.name.clone(),
        name_en: a.name_en.clone(),
        kind: a.kind.clone(),
        phone: a.phone.clone(),
        url: a.url.clone(),
        email: a.email.clone(),
        when_ja: a.when.clone(),
        when_en: None,
        note: a.note.clone(),
    };
    let c = store.save_contact(a.id.as_deref().unwrap_or(""), p, create)?;
    if a.json {
        Ok(emit_json(&c)?)
    } else {
        Ok(emit(&format!("{}\n", c.contact_id))?)
    }
}
