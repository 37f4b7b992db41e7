//! `isms`: the ISMS Desk command line. Every command calls the same `isms_core::Store` API as the app; `--json` prints machine-readable output on stdout, errors are one line on stderr.

mod args;
mod print;

use std::process::ExitCode;

use clap::Parser;
use isms_core::audit::AuditQuery;
use isms_core::organisation::OrganisationPatch;
use isms_core::register::RegisterFilter;
use isms_core::{Error, Store};

use args::{AuditCommand, Cli, Command, ControlsCommand, OrgCommand};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("isms: error: {e}");
            if e.is_user_error() {
                ExitCode::from(2)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}

fn open(cli_db: Option<std::path::PathBuf>) -> Result<Store, Error> {
    let path = match cli_db {
        Some(p) => p,
        None => Store::default_path()?,
    };
    Store::open(&path)
}

fn run(cli: Cli) -> Result<(), Error> {
    let mut store = open(cli.db)?;
    match cli.command {
        Command::Init { org, json } => {
            if let Some(name) = org {
                store.update_organisation(OrganisationPatch {
                    name: Some(name),
                    ..Default::default()
                })?;
            }
            print::init(&store, json)
        }
        Command::Org { command } => match command {
            OrgCommand::Show { json } => print::organisation(&store.organisation()?, json),
            OrgCommand::Set {
                name,
                scope,
                soa_number,
                json,
            } => {
                let org = store.update_organisation(OrganisationPatch {
                    name,
                    isms_scope: scope,
                    soa_document_number: soa_number,
                })?;
                print::organisation(&org, json)
            }
        },
        Command::Controls { command } => match command {
            ControlsCommand::List {
                framework,
                applicable,
                status,
                owner,
                search,
                json,
            } => {
                let filter = RegisterFilter {
                    framework,
                    applicability: applicable,
                    status,
                    owner,
                    search,
                };
                print::control_list(&store.list_controls(&filter)?, json)
            }
            ControlsCommand::Show { id, json } => print::control_detail(&store.control(&id)?, json),
            ControlsCommand::Set(set) => {
                let json = set.json;
                let id = set.id.clone();
                let patch = set.into_patch()?;
                if patch.is_empty() {
                    return Err(Error::InvalidValue {
                        field: "options",
                        value: String::new(),
                        expected: "at least one field to set (see `isms controls set --help`)"
                            .to_owned(),
                    });
                }
                print::control_update(&store.update_control(&id, patch)?, json)
            }
            ControlsCommand::Map { id, json } => {
                let detail = store.control(&id)?;
                print::mapping(&detail, json)
            }
        },
        Command::Audit { command } => match command {
            AuditCommand::List {
                record,
                entity,
                limit,
                json,
            } => {
                let record_id = record.map(|r| store.resolve_control_id(&r).unwrap_or(r));
                let entries = store.audit_log(&AuditQuery {
                    record_id,
                    entity,
                    limit,
                })?;
                print::audit(&entries, json)
            }
        },
    }
}
