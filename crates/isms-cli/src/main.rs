//! `isms`: the ISMS Desk command line. Every command calls the same `isms_core::Store` API as the app; `--json` prints machine-readable output on stdout, errors are one line on stderr.

mod args;
mod incidents;
mod inventory;
mod print;
mod reliability;
mod suppliers;
mod whitepapers;

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use isms_core::audit::AuditQuery;
use isms_core::organisation::OrganisationPatch;
use isms_core::register::RegisterFilter;
use isms_core::soa::{IssueSoa, VersionStatus, VersionStatusChange};
use isms_core::{Error, Store};
use isms_reports::{ExportProgress, Lang, ReportError};

use args::{
    AssetsCommand, AuditCommand, ClassificationCommand, Cli, Command, ControlsCommand,
    ExportCommand, OrgCommand, SoaCommand,
};
use isms_sheets::SheetError;

/// Everything a command can fail with.
#[derive(Debug, thiserror::Error)]
enum CliError {
    #[error(transparent)]
    Core(#[from] Error),
    #[error(transparent)]
    Report(#[from] ReportError),
    #[error(transparent)]
    Sheets(#[from] SheetError),
    /// Arguments that parse but do not make sense together.
    #[error("{0}")]
    Usage(String),
    /// A check that ran and found a fault (exit 1): the report is on stdout.
    #[error("{0}")]
    Failed(String),
}

impl CliError {
    fn is_user_error(&self) -> bool {
        match self {
            CliError::Core(e) | CliError::Report(ReportError::Core(e)) => e.is_user_error(),
            CliError::Report(
                ReportError::UnsupportedFormat { .. }
                | ReportError::UnknownLanguage(_)
                | ReportError::Definition { .. }
                | ReportError::Incomplete { .. },
            ) => true,
            CliError::Report(_) => false,
            CliError::Sheets(SheetError::Core(e)) => e.is_user_error(),
            CliError::Sheets(
                SheetError::NoSuchSheet { .. }
                | SheetError::UnsupportedExport { .. }
                | SheetError::Mapping { .. },
            ) => true,
            CliError::Sheets(_) => false,
            CliError::Usage(_) => true,
            CliError::Failed(_) => false,
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

/// The database a command works on: only `init` creates one; any other command on a missing file is an error naming
/// the path (a mistyped --db must not look like an empty ISMS).
fn open(path: &std::path::Path, create: bool) -> Result<Store, Error> {
    let store = if create {
        Store::open(path)?
    } else {
        Store::open_existing(path)?
    };
    if let Some(problem) = store.daily_backup_problem() {
        eprintln!("isms: warning: the daily backup could not be made: {problem}");
    }
    if let Some(fs) = isms_core::health::network_filesystem(path) {
        eprintln!(
            "isms: warning: {} is on a network filesystem ({fs}); SQLite's WAL mode does not work there and the file can be damaged — keep it on a local disk",
            path.display()
        );
    }
    Ok(store)
}

fn run(cli: Cli) -> Result<(), CliError> {
    let path = match cli.db {
        Some(p) => p,
        None => Store::default_path()?,
    };
    if let Command::Backup {
        command: reliability::BackupCommand::Restore { file, json },
    } = &cli.command
    {
        return reliability::restore(&path, file, *json);
    }
    let mut store = open(&path, matches!(cli.command, Command::Init { .. }))?;
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
                name_en,
                scope_en,
                json,
            } => {
                let org = store.update_organisation(OrganisationPatch {
                    name,
                    isms_scope: scope,
                    soa_document_number: soa_number,
                    name_en,
                    isms_scope_en: scope_en,
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
            ControlsCommand::Import {
                file,
                sheet,
                mapping,
                dry_run,
                json,
            } => {
                let options = isms_sheets::ImportOptions {
                    sheet,
                    mapping,
                    dry_run,
                    ..Default::default()
                };
                let report = isms_sheets::control_import::import_controls(
                    &mut store,
                    &file,
                    &options,
                    &mut |_| {},
                )?;
                Ok(print::import(&report, json)?)
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
            AuditCommand::Verify { json } => reliability::verify(&store, json),
        },
        Command::Backup { command } => reliability::backup(&mut store, command),
        Command::Check { json } => reliability::check(&store, json),
        Command::VerifyDocument { file, json } => {
            let v = isms_reports::verify_document(&store, &file)?;
            if json {
                print::emit_json(&v)?;
            } else {
                print::emit(&format!("{}: {}\n", v.file, v.explanation))?;
            }
            if v.ok {
                Ok(())
            } else {
                Err(CliError::Failed(
                    "the document does not match an issued version".into(),
                ))
            }
        }
        Command::Imports { command } => reliability::imports(&mut store, command),
        Command::Assets { command } => assets(&mut store, command),
        Command::Inventory { command } => inventory::run(&mut store, command),
        Command::Suppliers { command } => suppliers::run(&mut store, command),
        Command::Incidents { command } => incidents::run(&mut store, command),
        Command::NotificationRules { command } => incidents::rules(&mut store, command),
        Command::Contacts { command } => incidents::contacts(&mut store, command),
        Command::Certs { command } => whitepapers::certs(&mut store, command),
        Command::Facts { command } => whitepapers::facts(&mut store, command),
        Command::Whitepaper { command } => whitepapers::whitepapers(&mut store, command),
        Command::Classification { command } => classification(&mut store, command),
        Command::Soa { command } => match command {
            SoaCommand::Issue {
                version,
                approver,
                summary,
                preparer,
                date,
                accept_undecided,
                json,
            } => {
                let rev = store.issue_soa(IssueSoa {
                    version,
                    approved_by: approver,
                    prepared_by: preparer,
                    summary,
                    issued_on: args::issue_date(date)?,
                    accept_undecided,
                })?;
                if !rev.accepted_undecided.is_empty() && !json {
                    eprintln!(
                        "isms: note: issued with {} controls undecided, as accepted; the SoA shows them as 未決定 (undecided) and says so in its summary",
                        rev.accepted_undecided.len()
                    );
                }
                Ok(print::soa_revision(&rev, json)?)
            }
            SoaCommand::List { json } => Ok(print::soa_versions(&store.soa_versions()?, json)?),
            SoaCommand::Supersede {
                version,
                reason,
                date,
                json,
            } => Ok(print::soa_revision(
                &store.set_soa_version_status(VersionStatusChange {
                    version,
                    status: VersionStatus::Superseded,
                    reason,
                    on: args::issue_date(date)?,
                })?,
                json,
            )?),
            SoaCommand::Withdraw {
                version,
                reason,
                date,
                json,
            } => Ok(print::soa_revision(
                &store.set_soa_version_status(VersionStatusChange {
                    version,
                    status: VersionStatus::Withdrawn,
                    reason,
                    on: args::issue_date(date)?,
                })?,
                json,
            )?),
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
            ExportCommand::Suppliers { out, json } => {
                let today = chrono::Local::now().date_naive();
                let list = store.suppliers(&Default::default(), today)?;
                let written = isms_sheets::supplier_export::export_suppliers(
                    &list,
                    &store.supplier_lists()?,
                    &store.asset_scheme()?,
                    &out,
                )?;
                Ok(print::register_export(&written, json)?)
            }
            ExportCommand::CloudServices { out, lang, json } => {
                let today = chrono::Local::now().date_naive();
                let lists = store.supplier_lists()?;
                let list = store.suppliers(&Default::default(), today)?;
                let assets = store.list_assets(&Default::default())?;
                let lines = isms_sheets::supplier_export::cloud_lines(&list, &assets, &lists);
                if isms_reports::ExportFormat::from_path(&out).ok()
                    == Some(isms_reports::ExportFormat::Pdf)
                {
                    let lang: Lang = lang.parse()?;
                    let org = store.organisation()?;
                    let doc =
                        isms_reports::supplier_pdf::cloud_document(&lines, &org.name, lang, today)?;
                    let report = isms_reports::supplier_pdf::export_pdf(
                        &doc,
                        &out,
                        chrono::Utc::now().timestamp(),
                        false,
                    )?;
                    Ok(print::export(&report, json)?)
                } else {
                    let written = isms_sheets::supplier_export::export_cloud_services(
                        &lines,
                        &store.asset_scheme()?,
                        &out,
                    )?;
                    Ok(print::register_export(&written, json)?)
                }
            }
            ExportCommand::Car {
                id,
                out,
                lang,
                json,
            } => {
                let lang: Lang = lang.parse()?;
                let d = store.incident(&id)?;
                let org = store.organisation()?;
                let name = if lang == Lang::En && !org.name_en.is_empty() {
                    org.name_en
                } else {
                    org.name
                };
                let doc = isms_reports::incident_pdf::car_document(
                    &d,
                    &store.incident_lists()?,
                    &store.contacts()?,
                    &name,
                    lang,
                )?;
                let report = isms_reports::supplier_pdf::export_pdf(
                    &doc,
                    &out,
                    chrono::Utc::now().timestamp(),
                    d.incident.state.is_open(),
                )?;
                Ok(print::export(&report, json)?)
            }
            ExportCommand::Whitepaper {
                id,
                out,
                version,
                json,
            } => {
                let report = whitepapers::export(&store, &id, version.as_deref(), &out)?;
                if json {
                    Ok(print::emit_json(&report)?)
                } else {
                    Ok(print::emit(&format!(
                        "wrote {} ({}{} pages, {} bytes)\n",
                        report.path,
                        if report.draft { "draft, " } else { "" },
                        report.pages.unwrap_or(0),
                        report.bytes
                    ))?)
                }
            }
            ExportCommand::Incidents { out, json } => {
                let list = store.incidents(&Default::default())?;
                let details = list
                    .iter()
                    .map(|i| store.incident(&i.incident_no))
                    .collect::<Result<Vec<_>, _>>()?;
                let written = isms_sheets::incident_export::export_incidents(
                    &details,
                    &store.incident_statistics()?,
                    &store.incident_lists()?,
                    &out,
                )?;
                Ok(print::register_export(&written, json)?)
            }
            ExportCommand::Evaluation {
                evaluation,
                out,
                lang,
                json,
            } => {
                let lang: Lang = lang.parse()?;
                let e = store.evaluation(evaluation)?;
                let today = chrono::Local::now().date_naive();
                let supplier = store.supplier(&e.supplier_id, today)?.view.supplier;
                let org = store.organisation()?;
                let name = if lang == Lang::En && !org.name_en.is_empty() {
                    org.name_en
                } else {
                    org.name
                };
                let doc = isms_reports::supplier_pdf::evaluation_document(
                    &e,
                    &supplier,
                    &store.supplier_lists()?,
                    &name,
                    lang,
                )?;
                let created = e
                    .approved_at
                    .as_deref()
                    .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
                    .map_or_else(|| chrono::Utc::now().timestamp(), |t| t.timestamp());
                let report = isms_reports::supplier_pdf::export_pdf(
                    &doc,
                    &out,
                    created,
                    e.approved_at.is_none(),
                )?;
                Ok(print::export(&report, json)?)
            }
        },
    }
}

fn assets(store: &mut Store, command: AssetsCommand) -> Result<(), CliError> {
    match command {
        AssetsCommand::Import {
            file,
            sheet,
            mapping,
            dry_run,
            mode,
            map_level,
            overwrite_newer,
            reject,
            json,
        } => {
            let options = isms_sheets::ImportOptions {
                sheet,
                mapping,
                mode,
                dry_run,
                level_map: inventory::level_map(&map_level)?,
                selection: inventory::selection(overwrite_newer, &reject)?,
                ..Default::default()
            };
            let show = std::io::stderr().is_terminal();
            let mut progress = |p: isms_sheets::ImportProgress| {
                if show {
                    eprint!("\rreading rows {}/{}", p.rows_done, p.rows_total);
                    if p.rows_done == p.rows_total {
                        eprintln!();
                    }
                }
            };
            let report = isms_sheets::import_assets(store, &file, &options, &mut progress)?;
            Ok(print::import(&report, json)?)
        }
        AssetsCommand::List { filter, json } => Ok(print::assets(
            &store.list_assets(&filter.into_filter())?,
            json,
        )?),
        AssetsCommand::Edit {
            ids,
            all,
            filter,
            set_level,
            add_label,
            set_department,
            reviewed,
            json,
        } => {
            filter.only_with_all(all).map_err(CliError::Usage)?;
            if set_level.is_none()
                && add_label.is_none()
                && set_department.is_none()
                && reviewed.is_none()
            {
                return Err(CliError::Usage(
                    "nothing to change: give --set-level, --add-label, --set-department and/or --reviewed"
                        .to_owned(),
                ));
            }
            let reviewed_on = match reviewed.as_deref().map(str::trim) {
                None => None,
                Some("today") | Some("") => Some(chrono::Local::now().date_naive()),
                Some(text) => Some(isms_core::register::parse_date("review date", text)?),
            };
            let ids = if all {
                store.asset_ids(&filter.into_filter())?
            } else if ids.is_empty() {
                return Err(CliError::Usage(
                    "which assets? give their ids, or --all (with filters)".to_owned(),
                ));
            } else {
                ids
            };
            let edit = isms_core::asset::store::BulkEdit {
                classification: set_level,
                add_label,
                department: set_department,
                reviewed_on,
            };
            Ok(print::bulk_edit(&store.edit_assets(&ids, &edit)?, json)?)
        }
        AssetsCommand::Show { id, json } => Ok(print::asset(&store.asset(&id)?, json)?),
        AssetsCommand::Set(set) => {
            let json = set.json;
            let id = set.id.trim().to_owned();
            let create = set.create;
            let patch = set.into_patch(&|typed| store.resolve_control_id(typed))?;
            Ok(print::asset(&store.save_asset(&id, patch, create)?, json)?)
        }
        AssetsCommand::Retire {
            ids,
            date,
            method,
            approver,
            note,
            json,
        } => {
            let retirement = isms_core::asset::lifecycle::Retirement {
                on: isms_core::register::parse_date("retirement date", &date)?,
                method,
                approver,
                note,
            };
            let today = chrono::Local::now().date_naive();
            Ok(print::bulk_edit(
                &store.retire_assets(&ids, retirement, today)?,
                json,
            )?)
        }
        AssetsCommand::Reinstate { id, json } => {
            Ok(print::bulk_edit(&store.reinstate_asset(&id)?, json)?)
        }
        AssetsCommand::Delete { id, reason, json } => {
            let gone = store.delete_asset(&id, &reason)?;
            if json {
                return Ok(print::emit_json(&gone)?);
            }
            Ok(print::emit(&format!(
                "deleted {} ({}); the audit trail keeps the record\n",
                gone.asset_id, gone.name
            ))?)
        }
        AssetsCommand::Export {
            out,
            include_retired,
            json,
        } => {
            let filter = if include_retired {
                isms_core::asset::round::all_assets()
            } else {
                Default::default()
            };
            let all = store.list_assets(&filter)?;
            let summary = isms_sheets::export_assets(&all, &store.asset_scheme()?, &out)?;
            Ok(print::asset_export(&summary, json)?)
        }
        AssetsCommand::Labels { out, level, json } => {
            let scheme = store.asset_scheme()?;
            let level = match level {
                Some(l) => Some(scheme.level(&l).map(|x| x.name_ja.clone()).ok_or_else(|| {
                    Error::InvalidValue {
                        field: "classification level",
                        value: l.clone(),
                        expected: "a level of the scheme (isms classification show)".to_owned(),
                    }
                })?),
                None => None,
            };
            let filter = isms_core::asset::AssetFilter {
                classification: level,
                ..Default::default()
            };
            let assets = store.list_assets(&filter)?;
            let report = isms_reports::asset_labels::export(&assets, &scheme, &out)?;
            Ok(print::export(&report, json)?)
        }
    }
}

fn classification(store: &mut Store, command: ClassificationCommand) -> Result<(), CliError> {
    use isms_core::asset::store::{LevelPatch, SchemeSettingsPatch};
    let (scheme, json) = match command {
        ClassificationCommand::Show { json } => (store.asset_scheme()?, json),
        ClassificationCommand::Set {
            level,
            name_ja,
            name_en,
            label,
            colour,
            position,
            json,
        } => {
            let patch = LevelPatch {
                name_ja,
                name_en,
                label,
                colour,
                position: position.map(|p| p.saturating_sub(1)),
            };
            (store.update_classification_level(&level, patch)?, json)
        }
        ClassificationCommand::Add {
            name,
            name_en,
            label,
            colour,
            position,
            like,
            json,
        } => (
            store.add_classification_level(isms_core::asset::store::NewLevel {
                name_ja: name,
                name_en,
                label,
                colour,
                position: position.map(|p| p.saturating_sub(1)),
                like,
                handling: Default::default(),
            })?,
            json,
        ),
        ClassificationCommand::Remove {
            level,
            move_to,
            json,
        } => (
            store.remove_classification_level(&level, move_to.as_deref())?,
            json,
        ),
        ClassificationCommand::Rule {
            level,
            aspect,
            rule,
            json,
        } => (
            store.set_handling_rule(&level, &aspect.replace('-', "_"), &rule)?,
            json,
        ),
        ClassificationCommand::Lists {
            asset_types,
            categories,
            json,
        } => {
            let patch = SchemeSettingsPatch {
                asset_types: (!asset_types.is_empty()).then_some(asset_types),
                categories: (!categories.is_empty()).then_some(categories),
                ..Default::default()
            };
            (store.update_scheme_settings(patch)?, json)
        }
        ClassificationCommand::Scales {
            confidentiality_max,
            integrity_max,
            availability_max,
            importance,
            review_months,
            json,
        } => {
            let patch = SchemeSettingsPatch {
                importance_rule: importance,
                confidentiality_max,
                integrity_max,
                availability_max,
                review_interval_months: review_months,
                ..Default::default()
            };
            (store.update_scheme_settings(patch)?, json)
        }
    };
    Ok(print::scheme(&scheme, json)?)
}
