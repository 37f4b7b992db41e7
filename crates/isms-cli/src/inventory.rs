//! `isms inventory …`: the yearly inventory (情報資産の棚卸し) — start a round, write each department its workbook,
//! see each department's progress and who has not answered, close the round; and the import options that choose
//! what a returned workbook writes. The same `Store` calls as the app.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::PathBuf;

use clap::Subcommand;
use indexmap::IndexMap;
use isms_core::asset::round::RoundStatus;
use isms_core::asset::store::ChangeSelection;
use isms_core::{Error, Store};

use crate::print::{emit, emit_json};
use crate::CliError;

#[derive(Debug, Subcommand)]
pub enum InventoryCommand {
    /// Start the round of a year (INV-YEAR), due on a date; one round is open at a time.
    Start {
        #[arg(long)]
        year: i32,
        /// The date the departments answer by.
        #[arg(long)]
        due: String,
        #[arg(long)]
        json: bool,
    },
    /// Write one department's workbook of the open round (.xlsx): its assets in use, dropdowns for the level, C/I/A
    /// and the retirement method, and an instructions sheet with the workbook id its answer is matched with.
    Export {
        #[arg(long)]
        department: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Each department's progress in a round (the open one by default) and who has not answered.
    Status {
        /// INV-2026 or 2026.
        #[arg(long)]
        round: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Close a round: reviews are no longer counted in it.
    Close {
        round: String,
        #[arg(long)]
        json: bool,
    },
    /// The departments the assets name, with how many assets each has.
    Departments {
        #[arg(long)]
        json: bool,
    },
}

pub fn run(store: &mut Store, command: InventoryCommand) -> Result<(), CliError> {
    let today = chrono::Local::now().date_naive();
    match command {
        InventoryCommand::Start { year, due, json } => {
            let due = isms_core::register::parse_date("due date", &due)?;
            let round = store.start_inventory_round(year, due)?;
            if json {
                return Ok(emit_json(&round)?);
            }
            Ok(emit(&format!(
                "started {} (due {}); send each department its workbook with `isms inventory export --department …`\n",
                round.round_id, round.due_on
            ))?)
        }
        InventoryCommand::Export {
            department,
            out,
            json,
        } => {
            let sent = store.export_department(&department)?;
            let summary = isms_sheets::export::export_department_workbook(
                &sent,
                &store.asset_scheme()?,
                &out,
            )?;
            if json {
                return Ok(emit_json(&serde_json::json!({
                    "path": summary.path,
                    "round": sent.round.round_id,
                    "department": sent.department,
                    "workbook_id": sent.workbook_id,
                    "assets": summary.assets,
                    "due": sent.round.due_on,
                }))?);
            }
            Ok(emit(&format!(
                "wrote {} for {} ({} assets, workbook {}, due {})\n",
                summary.path, sent.department, summary.assets, sent.workbook_id, sent.round.due_on
            ))?)
        }
        InventoryCommand::Status { round, json } => {
            let status = store.inventory_status(round.as_deref(), today)?;
            if json {
                return Ok(emit_json(&status)?);
            }
            match status {
                Some(s) => Ok(emit(&status_text(&s))?),
                None => Ok(emit(
                    "no inventory round yet (start one with `isms inventory start --year Y --due D`)\n",
                )?),
            }
        }
        InventoryCommand::Close { round, json } => {
            let r = store.close_inventory_round(&round)?;
            if json {
                return Ok(emit_json(&r)?);
            }
            Ok(emit(&format!("closed {}\n", r.round_id))?)
        }
        InventoryCommand::Departments { json } => {
            let list = store.departments()?;
            if json {
                return Ok(emit_json(&list)?);
            }
            let mut s = String::new();
            for d in &list {
                let name = if d.department.is_empty() {
                    "(no department)"
                } else {
                    d.department.as_str()
                };
                let _ = writeln!(s, "{name}: {} assets, {} retired", d.assets, d.retired);
            }
            Ok(emit(&s)?)
        }
    }
}

fn status_text(s: &RoundStatus) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} due {}{}{}: {} of {} assets reviewed",
        s.round.round_id,
        s.round.due_on,
        if s.overdue { " (overdue)" } else { "" },
        if s.round.closed_on.is_some() {
            " (closed)"
        } else {
            ""
        },
        s.reviewed,
        s.assets
    );
    for d in &s.departments {
        let name = if d.department.is_empty() {
            "(no department)"
        } else {
            d.department.as_str()
        };
        let answer = match (&d.returned_at, &d.exported_at) {
            (Some(at), _) => format!("answered {at}"),
            (None, Some(at)) => format!("sent {at}, no answer yet"),
            (None, None) => "not sent".to_owned(),
        };
        let _ = writeln!(
            out,
            "  {name}: {}/{} reviewed — {answer}",
            d.reviewed, d.assets
        );
    }
    if !s.not_answered.is_empty() {
        let _ = writeln!(out, "not answered: {}", s.not_answered.join(", "));
    }
    out
}

/// `--map-level FROM=TO` as the importer takes it.
pub fn level_map(given: &[String]) -> Result<IndexMap<String, String>, Error> {
    given
        .iter()
        .map(|pair| {
            pair.split_once('=')
                .map(|(a, b)| (a.trim().to_owned(), b.trim().to_owned()))
                .filter(|(a, b)| !a.is_empty() && !b.is_empty())
                .ok_or_else(|| Error::InvalidValue {
                    field: "level mapping",
                    value: pair.clone(),
                    expected: "FROM=TO, e.g. 関係者外秘=社外秘".to_owned(),
                })
        })
        .collect()
}

/// `--overwrite-newer` and `--reject ASSET:FIELD` as the importer takes them.
pub fn selection(overwrite_newer: bool, reject: &[String]) -> Result<ChangeSelection, Error> {
    let reject: HashSet<(String, String)> = reject
        .iter()
        .map(|r| {
            r.rsplit_once(':')
                .map(|(a, f)| (a.trim().to_owned(), f.trim().to_owned()))
                .filter(|(a, f)| !a.is_empty() && !f.is_empty())
                .ok_or_else(|| Error::InvalidValue {
                    field: "change to reject",
                    value: r.clone(),
                    expected: "ASSET:FIELD, e.g. IA-0001:owner".to_owned(),
                })
        })
        .collect::<Result<_, _>>()?;
    Ok(ChangeSelection {
        overwrite_newer,
        only: None,
        reject,
    })
}
