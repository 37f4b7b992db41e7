//! `isms suppliers …`: the supplier register, evaluations, the monitoring log, what is due, attachments and the
//! editable lists — the same `Store` calls as the app's 委託先管理 screen.

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::{Args, Subcommand};
use isms_core::supplier::evaluation::{
    AnswerValue, Evaluation, EvaluationInput, EvaluationKind, EvaluationResult, GivenAnswer,
};
use isms_core::supplier::lists::{Checklists, SupplierLists};
use isms_core::supplier::store::{MonitoringEntry, MonitoringKind, SupplierFilter};
use isms_core::supplier::{Contract, SupplierCertification, SupplierPatch};
use isms_core::{Error, Store};

use crate::print::{emit, emit_json};
use crate::CliError;

#[derive(Debug, Subcommand)]
pub enum SuppliersCommand {
    /// Add a supplier or cloud service (prints its id).
    Add(Box<SupplierArgs>),
    /// Change a supplier's fields (only the options given).
    Set(Box<SupplierArgs>),
    /// The register: id, name, kind, status, criticality, last evaluation, next due.
    List {
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        status: Option<String>,
        /// Only suppliers with something due or overdue.
        #[arg(long)]
        due: bool,
        #[arg(long)]
        json: bool,
    },
    /// One supplier with its contracts, certifications, evaluations, log and attachments.
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Record an evaluation; with --approver it is approved (frozen) at once and gets its next due date.
    Evaluate(Box<EvaluateArgs>),
    /// Approve a draft evaluation.
    Approve {
        evaluation: i64,
        #[arg(long)]
        approver: String,
        #[arg(long)]
        next_due: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// A supplier's evaluations, newest first.
    Evaluations {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Add an entry to a supplier's monitoring log (委託先の監督).
    Log {
        id: String,
        /// review, sla-breach, incident, service-change or other.
        #[arg(long)]
        kind: String,
        #[arg(long)]
        note: String,
        /// [default: today]
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Evaluations overdue or due, never-evaluated suppliers, contracts and certificates expiring or expired.
    Due {
        /// Evaluations due within this many days (contracts and certificates: the lists' warning window, 90 days
        /// by default, or this if longer).
        #[arg(long, default_value_t = 30)]
        within: u32,
        #[arg(long)]
        json: bool,
    },
    /// Attach a file (contract, certificate, evidence) to a supplier, or with --evaluation to an evaluation.
    Attach {
        id: String,
        file: PathBuf,
        /// Attach to this evaluation of the supplier instead.
        #[arg(long)]
        evaluation: Option<i64>,
        #[arg(long, default_value = "")]
        note: String,
        /// The size limit in megabytes.
        #[arg(long, default_value_t = 50)]
        limit_mb: u64,
        #[arg(long)]
        json: bool,
    },
    /// Import a supplier list (xlsx/xls/ods, CSV in UTF-8 or Shift_JIS): the importer of the asset register, with the
    /// supplier vocabulary (templates/import/supplier-columns.toml).
    Import {
        file: PathBuf,
        #[arg(long)]
        sheet: Option<String>,
        /// A mapping file: [fields] field = ["header", …].
        #[arg(long)]
        mapping: Option<PathBuf>,
        /// Only add suppliers; leave existing ones as they are.
        #[arg(long)]
        insert_only: bool,
        /// Report what would change; write nothing.
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
    /// The evaluation checklists: show them, or replace them from a file in the template's format.
    Checklists {
        /// A TOML file written like templates/suppliers/checklists.toml.
        #[arg(long, value_name = "FILE")]
        set: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// The register's lists (kinds, statuses, criticality, contract kinds …): show, or replace from a file.
    Lists {
        /// A TOML file written like templates/suppliers/register.toml.
        #[arg(long, value_name = "FILE")]
        set: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct SupplierArgs {
    /// The supplier id (set) or the id to give (add; default: the next SUP-0001 …).
    #[arg(required = false)]
    pub id: Option<String>,
    #[arg(long)]
    pub name: Option<String>,
    /// A kind id or label: contractor / 委託先, cloud_service / クラウドサービス, …
    #[arg(long)]
    pub kind: Option<String>,
    /// The services used.
    #[arg(long = "service")]
    pub services: Option<String>,
    #[arg(long)]
    pub purpose: Option<String>,
    /// A category of our information entrusted (business / 業務情報, personal, confidential); repeat.
    #[arg(long = "info")]
    pub info_categories: Vec<String>,
    /// The highest classification level of that information (極秘, 社外秘 …).
    #[arg(long)]
    pub level: Option<String>,
    #[arg(long)]
    pub criticality: Option<String>,
    #[arg(long)]
    pub status: Option<String>,
    /// Subcontracting is allowed (yes / no).
    #[arg(long)]
    pub subcontracting: Option<YesNo>,
    /// A subcontractor (another supplier's id); repeat (replaces the list).
    #[arg(long = "subcontractor")]
    pub subcontractors: Vec<String>,
    /// A linked asset id; repeat (replaces the list).
    #[arg(long = "asset")]
    pub assets: Vec<String>,
    /// A related control (5.19, CLD.6.3.1 …); repeat (replaces the list).
    #[arg(long = "control")]
    pub controls: Vec<String>,
    /// A contract: KIND[:SIGNED[:EXPIRES]] e.g. nda:2025-04-01:2027-03-31; repeat (replaces the list).
    #[arg(long = "contract")]
    pub contracts: Vec<String>,
    /// A certification: KIND:NUMBER[:EXPIRES] e.g. isms:IS 699260:2027-08-31; repeat (replaces the list).
    #[arg(long = "cert")]
    pub certifications: Vec<String>,
    /// Where our data is kept.
    #[arg(long)]
    pub location: Option<String>,
    #[arg(long)]
    pub law: Option<String>,
    /// The supplier's public security page (https://…).
    #[arg(long)]
    pub url: Option<String>,
    #[arg(long)]
    pub contact: Option<String>,
    /// List as a subprocessor in our whitepaper (yes / no).
    #[arg(long)]
    pub subprocessor: Option<YesNo>,
    #[arg(long)]
    pub notes: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum YesNo {
    Yes,
    No,
}

#[derive(Debug, Args)]
pub struct EvaluateArgs {
    pub id: String,
    /// new, periodic, re-evaluation or change.
    #[arg(long)]
    pub kind: String,
    /// ITEM=conform|nonconform|na; repeat.
    #[arg(long = "answer")]
    pub answers: Vec<String>,
    /// Answer every item not answered by --answer (e.g. conform).
    #[arg(long)]
    pub answer_rest: Option<String>,
    /// ITEM=TEXT; repeat.
    #[arg(long = "note")]
    pub notes: Vec<String>,
    /// ITEM=where the evidence is; repeat.
    #[arg(long = "evidence")]
    pub evidence: Vec<String>,
    /// pass, conditional or fail.
    #[arg(long)]
    pub result: Option<String>,
    /// The conditions of a conditional pass.
    #[arg(long, default_value = "")]
    pub conditions: String,
    #[arg(long, default_value = "")]
    pub evaluator: String,
    /// Approve now (the evaluation is then frozen).
    #[arg(long)]
    pub approver: Option<String>,
    /// [default: today]
    #[arg(long)]
    pub date: Option<String>,
    /// Overrides the next due date computed from the supplier's criticality.
    #[arg(long)]
    pub next_due: Option<String>,
    /// The incident or nonconformity a re-evaluation follows.
    #[arg(long, default_value = "")]
    pub incident: String,
    #[arg(long)]
    pub json: bool,
}

fn date(field: &'static str, text: Option<&str>) -> Result<Option<chrono::NaiveDate>, Error> {
    text.map(|t| isms_core::register::parse_date(field, t))
        .transpose()
}

fn parsed<T: std::str::FromStr>(
    field: &'static str,
    text: &str,
    expected: &str,
) -> Result<T, Error> {
    text.trim().parse().map_err(|_| Error::InvalidValue {
        field,
        value: text.trim().to_owned(),
        expected: expected.to_owned(),
    })
}

/// `ITEM=VALUE` pairs.
fn pairs(field: &'static str, list: &[String]) -> Result<Vec<(String, String)>, Error> {
    list.iter()
        .map(|p| {
            p.split_once('=')
                .map(|(a, b)| (a.trim().to_owned(), b.trim().to_owned()))
                .ok_or_else(|| Error::InvalidValue {
                    field,
                    value: p.clone(),
                    expected: "ITEM=VALUE".to_owned(),
                })
        })
        .collect()
}

fn patch(a: &SupplierArgs) -> Result<SupplierPatch, Error> {
    let yes = |v: Option<YesNo>| v.map(|v| v == YesNo::Yes);
    let list = |v: &Vec<String>| (!v.is_empty()).then(|| v.clone());
    let contracts = a
        .contracts
        .iter()
        .map(|c| {
            let mut parts = c.split(':');
            Ok(Contract {
                kind: parts.next().unwrap_or("").trim().to_owned(),
                signed_on: date(
                    "contract date",
                    parts.next().filter(|p| !p.trim().is_empty()),
                )?,
                expires_on: date(
                    "contract end date",
                    parts.next().filter(|p| !p.trim().is_empty()),
                )?,
                ..Default::default()
            })
        })
        .collect::<Result<Vec<_>, Error>>()?;
    let certifications = a
        .certifications
        .iter()
        .map(|c| {
            let mut parts = c.splitn(3, ':');
            Ok(SupplierCertification {
                kind: parts.next().unwrap_or("").trim().to_owned(),
                number: parts.next().unwrap_or("").trim().to_owned(),
                expires_on: date(
                    "certification expiry",
                    parts.next().filter(|p| !p.trim().is_empty()),
                )?,
                ..Default::default()
            })
        })
        .collect::<Result<Vec<_>, Error>>()?;
    Ok(SupplierPatch {
        name: a.name.clone(),
        kind: a.kind.clone(),
        services: a.services.clone(),
        purpose: a.purpose.clone(),
        info_categories: list(&a.info_categories),
        highest_level: a.level.clone(),
        criticality: a.criticality.clone(),
        status: a.status.clone(),
        subcontracting_allowed: yes(a.subcontracting),
        subcontractors: list(&a.subcontractors),
        assets: list(&a.assets),
        controls: list(&a.controls),
        contracts: (!contracts.is_empty()).then_some(contracts),
        certifications: (!certifications.is_empty()).then_some(certifications),
        data_location: a.location.clone(),
        governing_law: a.law.clone(),
        security_url: a.url.clone(),
        contact: a.contact.clone(),
        disclose_as_subprocessor: yes(a.subprocessor),
        notes: a.notes.clone(),
    })
}

fn evaluation_input(
    a: &EvaluateArgs,
    store: &Store,
) -> Result<(String, EvaluationInput), CliError> {
    let kind: EvaluationKind = parsed(
        "evaluation kind",
        &a.kind,
        "new, periodic, re-evaluation or change",
    )?;
    let answer = |v: &str| -> Result<AnswerValue, Error> {
        parsed(
            "answer",
            v,
            "conform, nonconform or na (適合 / 不適合 / 該当なし)",
        )
    };
    let mut given: Vec<GivenAnswer> = Vec::new();
    let mut entry = |item: &str| -> usize {
        match given.iter().position(|g| g.item == item) {
            Some(i) => i,
            None => {
                given.push(GivenAnswer {
                    item: item.to_owned(),
                    ..Default::default()
                });
                given.len() - 1
            }
        }
    };
    let mut answers = Vec::new();
    for (item, v) in pairs("--answer", &a.answers)? {
        answers.push((entry(&item), answer(&v)?));
    }
    let mut notes = Vec::new();
    for (item, v) in pairs("--note", &a.notes)? {
        notes.push((entry(&item), v));
    }
    let mut evidence = Vec::new();
    for (item, v) in pairs("--evidence", &a.evidence)? {
        evidence.push((entry(&item), v));
    }
    for (i, v) in answers {
        given[i].answer = Some(v);
    }
    for (i, v) in notes {
        given[i].note = Some(v);
    }
    for (i, v) in evidence {
        given[i].evidence = Some(v);
    }
    if let Some(rest) = &a.answer_rest {
        let v = answer(rest)?;
        let detail = store.supplier(&a.id, chrono::Local::now().date_naive())?;
        let lists = store.supplier_lists()?;
        let cloud = lists
            .kind(&detail.view.supplier.kind)
            .is_some_and(|k| k.cloud);
        for item in store.supplier_checklists()?.items_for(kind.as_ref(), cloud) {
            match given.iter_mut().find(|g| g.item == item.id) {
                Some(g) if g.answer.is_some() => {}
                Some(g) => g.answer = Some(v),
                None => given.push(GivenAnswer {
                    item: item.id.clone(),
                    answer: Some(v),
                    ..Default::default()
                }),
            }
        }
    }
    let result = a
        .result
        .as_deref()
        .map(|r| {
            parsed::<EvaluationResult>(
                "result",
                r,
                "pass, conditional or fail (適 / 条件付き適 / 不適)",
            )
        })
        .transpose()?;
    if a.approver.is_some() && a.evaluator.trim().is_empty() {
        return Err(Error::MissingValue {
            field: "the evaluator (--evaluator), before approving",
        }
        .into());
    }
    Ok((
        a.id.clone(),
        EvaluationInput {
            kind,
            evaluated_on: date("evaluation date", a.date.as_deref())?,
            answers: given,
            result,
            conditions: a.conditions.clone(),
            evaluator: a.evaluator.clone(),
            approver: a.approver.clone(),
            next_due: date("next due date", a.next_due.as_deref())?,
            related_incident: a.incident.clone(),
            notes: String::new(),
        },
    ))
}

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

pub fn run(store: &mut Store, command: SuppliersCommand) -> Result<(), CliError> {
    match command {
        SuppliersCommand::Add(a) => {
            if a.name.as_deref().is_none_or(|n| n.trim().is_empty()) {
                return Err(Error::MissingValue {
                    field: "the supplier's name (--name)",
                }
                .into());
            }
            let s = store.save_supplier(a.id.as_deref().unwrap_or(""), patch(&a)?, true, None)?;
            if a.json {
                Ok(emit_json(&s)?)
            } else {
                Ok(emit(&format!("{}\n", s.supplier_id))?)
            }
        }
        SuppliersCommand::Set(a) => {
            let Some(id) = a.id.clone() else {
                return Err(Error::MissingValue {
                    field: "the supplier id",
                }
                .into());
            };
            let p = patch(&a)?;
            if p == SupplierPatch::default() {
                return Err(CliError::Usage(
                    "nothing to change: give at least one field (see `isms suppliers set --help`)"
                        .to_owned(),
                ));
            }
            let s = store.save_supplier(&id, p, false, None)?;
            if a.json {
                Ok(emit_json(&s)?)
            } else {
                Ok(emit(&format!("{}: saved\n", s.supplier_id))?)
            }
        }
        SuppliersCommand::List {
            kind,
            status,
            due,
            json,
        } => {
            let list = store.suppliers(
                &SupplierFilter {
                    kind,
                    status,
                    due_only: due,
                    search: None,
                },
                today(),
            )?;
            if json {
                return Ok(emit_json(&list)?);
            }
            let mut s = String::new();
            for v in &list {
                let _ = writeln!(
                    s,
                    "{:<10} {:<24} {:<14} {:<12} {:<7} last: {:<11} next: {}",
                    v.supplier.supplier_id,
                    v.supplier.name,
                    v.supplier.kind,
                    v.supplier.status,
                    v.supplier.criticality,
                    v.last_evaluation
                        .as_ref()
                        .map_or("-".to_owned(), |e| e.evaluated_on.to_string()),
                    v.next_due.map_or("-".to_owned(), |d| d.to_string())
                );
            }
            if list.is_empty() {
                s.push_str("no suppliers (isms suppliers add --name NAME --kind KIND)\n");
            }
            Ok(emit(&s)?)
        }
        SuppliersCommand::Show { id, json } => {
            let d = store.supplier(&id, today())?;
            if json {
                return Ok(emit_json(&d)?);
            }
            let v = &d.view;
            let s = &v.supplier;
            let mut out = String::new();
            let _ = writeln!(out, "{}  {}", s.supplier_id, s.name);
            for (k, val) in [
                ("kind", s.kind.as_str()),
                ("status", s.status.as_str()),
                ("criticality", s.criticality.as_str()),
                ("services", s.services.as_str()),
                ("purpose", s.purpose.as_str()),
                ("data location", s.data_location.as_str()),
                ("governing law", s.governing_law.as_str()),
                ("security page", s.security_url.as_str()),
                ("contact", s.contact.as_str()),
            ] {
                let _ = writeln!(out, "{k:<22}{val}");
            }
            for c in &s.contracts {
                let _ = writeln!(
                    out,
                    "{:<22}{} {} – {}",
                    "contract:",
                    c.kind,
                    c.signed_on.map(|d| d.to_string()).unwrap_or_default(),
                    c.expires_on.map(|d| d.to_string()).unwrap_or_default()
                );
            }
            for c in &s.certifications {
                let _ = writeln!(
                    out,
                    "{:<22}{} {} (expires {})",
                    "certification:",
                    c.kind,
                    c.number,
                    c.expires_on
                        .map(|d| d.to_string())
                        .unwrap_or("-".to_owned())
                );
            }
            for e in &d.evaluations {
                let _ = writeln!(out, "{:<22}{}", "evaluation:", evaluation_line(e));
            }
            for item in &v.due {
                let _ = writeln!(
                    out,
                    "{:<22}{} {} {}",
                    "due:",
                    item.reason,
                    item.what,
                    item.date.map(|d| d.to_string()).unwrap_or_default()
                );
            }
            Ok(emit(&out)?)
        }
        SuppliersCommand::Evaluate(a) => {
            let json = a.json;
            let (id, input) = evaluation_input(&a, store)?;
            let e = store.record_evaluation(&id, input)?;
            if json {
                Ok(emit_json(&e)?)
            } else {
                Ok(emit(&format!("{}\n", evaluation_line(&e)))?)
            }
        }
        SuppliersCommand::Approve {
            evaluation,
            approver,
            next_due,
            json,
        } => {
            let e = store.approve_evaluation(
                evaluation,
                &approver,
                date("next due date", next_due.as_deref())?,
            )?;
            if json {
                Ok(emit_json(&e)?)
            } else {
                Ok(emit(&format!("{}\n", evaluation_line(&e)))?)
            }
        }
        SuppliersCommand::Evaluations { id, json } => {
            let list = store.evaluations(&id)?;
            if json {
                return Ok(emit_json(&list)?);
            }
            let mut s = String::new();
            for e in &list {
                let _ = writeln!(s, "{}", evaluation_line(e));
            }
            if list.is_empty() {
                let _ = writeln!(s, "{id} has not been evaluated yet");
            }
            Ok(emit(&s)?)
        }
        SuppliersCommand::Log {
            id,
            kind,
            note,
            date: on,
            json,
        } => {
            let kind: MonitoringKind = parsed(
                "log kind",
                &kind.replace('-', "_"),
                "review, sla-breach, incident, service-change or other",
            )?;
            let entry = store.add_monitoring(
                &id,
                MonitoringEntry {
                    id: 0,
                    on_date: date("log date", on.as_deref())?.unwrap_or_else(today),
                    kind,
                    note,
                    recorded_by: String::new(),
                },
            )?;
            if json {
                Ok(emit_json(&entry)?)
            } else {
                Ok(emit(&format!(
                    "logged {} {} for {id}\n",
                    entry.on_date, entry.kind
                ))?)
            }
        }
        SuppliersCommand::Due { within, json } => {
            let due = store.suppliers_due(today(), within)?;
            if json {
                return Ok(emit_json(&due)?);
            }
            let mut s = String::new();
            for d in &due {
                let _ = writeln!(
                    s,
                    "{:<10} {:<24} {:<24} {} {}",
                    d.supplier_id,
                    d.name,
                    d.item.reason,
                    d.item.what,
                    d.item.date.map(|x| x.to_string()).unwrap_or_default()
                );
            }
            if due.is_empty() {
                let _ = writeln!(s, "nothing due within {within} days");
            }
            Ok(emit(&s)?)
        }
        SuppliersCommand::Attach {
            id,
            file,
            evaluation,
            note,
            limit_mb,
            json,
        } => {
            store.supplier(&id, today())?;
            let (entity, owner) = match evaluation {
                Some(e) => {
                    let ev = store.evaluation(e)?;
                    if ev.supplier_id != id {
                        return Err(CliError::Usage(format!(
                            "evaluation {e} belongs to {}, not {id}",
                            ev.supplier_id
                        )));
                    }
                    ("supplier_evaluation", e.to_string())
                }
                None => ("supplier", id.clone()),
            };
            let a = store.attach_file(entity, &owner, &file, &note, limit_mb * 1024 * 1024)?;
            if json {
                Ok(emit_json(&a)?)
            } else {
                Ok(emit(&format!(
                    "attached {} as {} ({} bytes)\n",
                    a.name, a.id, a.size
                ))?)
            }
        }
        SuppliersCommand::Import {
            file,
            sheet,
            mapping,
            insert_only,
            dry_run,
            json,
        } => {
            let options = isms_sheets::ImportOptions {
                sheet,
                mapping,
                mode: if insert_only {
                    isms_core::asset::ImportMode::Insert
                } else {
                    isms_core::asset::ImportMode::Upsert
                },
                dry_run,
                ..Default::default()
            };
            let report = isms_sheets::supplier_import::import_suppliers(
                store,
                &file,
                &options,
                &mut |_| {},
            )?;
            Ok(crate::print::import(&report, json)?)
        }
        SuppliersCommand::Checklists { set, json } => {
            let lists = match set {
                Some(path) => {
                    let text = read(&path)?;
                    store.set_supplier_checklists(Checklists::from_toml(
                        &path.display().to_string(),
                        &text,
                    )?)?
                }
                None => store.supplier_checklists()?,
            };
            if json {
                return Ok(emit_json(&lists)?);
            }
            let mut s = String::new();
            for k in &lists.kinds {
                let _ = writeln!(s, "{} ({})", k.title_ja, k.id);
                for i in &k.items {
                    let _ = writeln!(s, "  {:<32} [{}] {}", i.id, i.applies_to, i.ja);
                }
            }
            Ok(emit(&s)?)
        }
        SuppliersCommand::Lists { set, json } => {
            let lists = match set {
                Some(path) => {
                    let text = read(&path)?;
                    store.set_supplier_lists(SupplierLists::from_toml(
                        &path.display().to_string(),
                        &text,
                    )?)?
                }
                None => store.supplier_lists()?,
            };
            if json {
                return Ok(emit_json(&lists)?);
            }
            let mut s = String::new();
            let _ = writeln!(
                s,
                "kinds:       {}",
                lists
                    .kinds
                    .iter()
                    .map(|k| format!("{} ({})", k.label.id, k.label.ja))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            let _ = writeln!(
                s,
                "statuses:    {}",
                lists
                    .statuses
                    .iter()
                    .map(|k| format!("{} ({})", k.label.id, k.label.ja))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            let _ = writeln!(
                s,
                "criticality: {}",
                lists
                    .criticality
                    .iter()
                    .map(|k| format!(
                        "{} ({}, every {} months)",
                        k.label.id,
                        k.label.ja,
                        lists.interval_months(&k.label.id)
                    ))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            let _ = writeln!(
                s,
                "contracts:   {}",
                lists
                    .contract_kinds
                    .iter()
                    .map(|k| k.label.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            let _ = writeln!(s, "expiry warning: {} days", lists.expiry_warning_days);
            Ok(emit(&s)?)
        }
    }
}

fn read(path: &std::path::Path) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(|source| Error::Io {
        context: format!("cannot read {}", path.display()),
        source,
    })
}

fn evaluation_line(e: &Evaluation) -> String {
    format!(
        "{:<4} {} {:<13} {:<11} {} {}",
        e.id,
        e.evaluated_on,
        e.kind,
        e.result.map(|r| r.to_string()).unwrap_or("-".to_owned()),
        if e.approved_at.is_some() {
            format!("approved by {}", e.approver)
        } else {
            "draft".to_owned()
        },
        e.next_due
            .map(|d| format!("next due {d}"))
            .unwrap_or_default()
    )
}
