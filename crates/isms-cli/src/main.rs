//! `isms`: the ISMS Desk command line. Every command calls the same `isms_core::Store` API as the app; `--json` prints machine-readable output on stdout, errors are one line on stderr.

mod args;
mod print;

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use isms_core::audit::AuditQuery;
use isms_core::organisation::OrganisationPatch;
use isms_core::register::RegisterFilter;
use isms_core::soa::IssueSoa;
use isms_core::{Error, Store};
use isms_reports::{ExportProgress, Lang, ReportError};

use args::{AuditCommand, Cli, Command, ControlsCommand, ExportCommand, OrgCommand, SoaCommand};

/// Everything a command can fail with.
#[derive(Debug, thiserror::Error)]
enum CliError {
    #[error(transparent)]
    Core(#[from] Error),
    #[error(transparent)]
    Report(#[from] ReportError),
}

impl CliError {
    fn is_user_error(&self) -> bool {
        match self {
            CliError::Core(e) | CliError::Report(ReportError::Core(e)) => e.is_user_error(),
            CliError::Report(
                ReportError::UnsupportedFormat { .. } | ReportError::UnknownLanguage(_),
            ) => true,
            CliError::Report(_) => false,
        }
    }
}

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

fn run(cli: Cli) -> Result<(), CliError> {
    let mut store = open(cli.db)?;
    match cli.command {
        Command::Init { org, json } => {
            if let Some(name) = org {
                store.update_organisation(OrganisationPatch {
                    name: Some(name),
                    ..Default::default()
                })?;
            }
            Ok(print::init(&store, json)?)
        }
        Command::Org { command } => match command {
            OrgCommand::Show { json } => Ok(print::organisation(&store.organisation()?, json)?),
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
                Ok(print::organisation(&org, json)?)
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
                Ok(print::control_list(&store.list_controls(&filter)?, json)?)
            }
            ControlsCommand::Show { id, json } => {
                Ok(print::control_detail(&store.control(&id)?, json)?)
            }
            ControlsCommand::Set(set) => {
                let json = set.json;
                let id = set.id.clone();
                let patch = set.into_patch()?;
                if patch.is_empty() {
                    return Err(CliError::Core(Error::InvalidValue {
                        field: "options",
                        value: String::new(),
                        expected: "at least one field to set (see `isms controls set --help`)"
                            .to_owned(),
                    }));
                }
                Ok(print::control_update(
                    &store.update_control(&id, patch)?,
                    json,
                )?)
            }
            ControlsCommand::Map { id, json } => {
                let detail = store.control(&id)?;
                Ok(print::mapping(&detail, json)?)
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
                Ok(print::audit(&entries, json)?)
            }
        },
        Command::Soa { command } => match command {
            SoaCommand::Issue {
                version,
                approver,
                summary,
                preparer,
                date,
                json,
            } => {
                let undecided = store
                    .summary()?
                    .iter()
                    .filter(|s| s.framework == Some(isms_core::catalogue::Framework::Iso27001_2022))
                    .map(|s| s.undecided)
                    .sum::<usize>();
                let rev = store.issue_soa(IssueSoa {
                    version,
                    approved_by: approver,
                    prepared_by: preparer,
                    summary,
                    issued_on: args::issue_date(date)?,
                })?;
                if undecided > 0 && !json {
                    eprintln!(
                        "isms: note: {undecided} Annex A controls have no applicability decision; the SoA shows them as 未決定 (undecided)"
                    );
                }
                Ok(print::soa_revision(&rev, json)?)
            }
            SoaCommand::List { json } => Ok(print::soa_versions(&store.soa_versions()?, json)?),
        },
        Command::Export { command } => match command {
            ExportCommand::Soa {
                out,
                lang,
                version,
                json,
            } => {
                let lang: Lang = lang.parse()?;
                let doc = store.soa_document(version.as_deref())?;
                let show = std::io::stderr().is_terminal();
                let mut progress = |p: ExportProgress| {
                    if show {
                        eprintln!("[{}/{}] {}", p.step, p.steps, p.what);
                    }
                };
                let report = isms_reports::export_soa(&doc, lang, &out, &mut progress)?;
                Ok(print::export(&report, json)?)
            }
        },
    }
}
