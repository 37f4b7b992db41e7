//! `isms certs …`, `isms facts …` and `isms whitepaper …`: the certifications register, the facts whitepapers disclose
//! (one TOML file), and the whitepapers themselves (from a starter or a definition file, checked, issued, exported).

use std::fmt::Write as _;
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Subcommand};
use isms_core::certification::{CertificationPatch, CertificationView};
use isms_core::register::parse_date;
use isms_core::whitepaper::facts::Facts;
use isms_core::whitepaper::IssueWhitepaper;
use isms_core::{Error, Store};
use isms_reports::whitepaper;

use crate::print::{emit, emit_json};
use crate::CliError;

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

#[derive(Debug, Subcommand)]
pub enum CertsCommand {
    /// Record a certification; prints its id (CERT-001 …).
    Add(Box<CertArgs>),
    /// Change a certification (only the options given).
    Set(Box<CertArgs>),
    /// Every certification with its status (有効 / 期限間近 / 期限切れ) and days left.
    List {
        #[arg(long)]
        json: bool,
    },
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Keep the certificate file with the certification (it becomes its certificate file).
    Attach {
        id: String,
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct CertArgs {
    /// The certification's id (set), or the id to give (add; default: the next CERT-nnn).
    #[arg(required = false)]
    pub id: Option<String>,
    /// The standard: a kind of the certification list (isms, iso27017, pmark, ismap …) or "ISO/IEC 27001:2022".
    #[arg(long)]
    pub standard: Option<String>,
    /// Standard and version as printed, e.g. "ISO/IEC 27001:2022" [default: what --standard says].
    #[arg(long)]
    pub edition: Option<String>,
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long)]
    pub name_en: Option<String>,
    /// The certification body.
    #[arg(long)]
    pub body: Option<String>,
    #[arg(long)]
    pub body_en: Option<String>,
    /// The accreditation body (ISMS-AC, UKAS …).
    #[arg(long)]
    pub accreditation: Option<String>,
    /// The registration number as written: "IS 699260", "11820104(12)".
    #[arg(long)]
    pub number: Option<String>,
    #[arg(long)]
    pub scope: Option<String>,
    #[arg(long)]
    pub scope_en: Option<String>,
    /// Initial certification date.
    #[arg(long)]
    pub first_granted: Option<String>,
    /// Issue date of the current certificate.
    #[arg(long)]
    pub issued: Option<String>,
    /// Expiry date ("none" clears it).
    #[arg(long)]
    pub expires: Option<String>,
    /// A surveillance-audit date; repeat for several (replaces the list).
    #[arg(long = "surveillance")]
    pub surveillance: Vec<String>,
    /// "org" (ours, the default) or a supplier id.
    #[arg(long)]
    pub holder: Option<String>,
    /// Printed in whitepapers: yes or no.
    #[arg(long)]
    pub show_in_whitepapers: Option<String>,
    /// What the scheme is, in sentences, printed under it in whitepapers.
    #[arg(long)]
    pub explanation: Option<String>,
    #[arg(long)]
    pub explanation_en: Option<String>,
    #[arg(long)]
    pub json: bool,
}

fn date_opt(field: &'static str, v: &Option<String>) -> Result<Option<Option<NaiveDate>>, Error> {
    match v.as_deref().map(str::trim) {
        None => Ok(None),
        Some("" | "none") => Ok(Some(None)),
        Some(t) => Ok(Some(Some(parse_date(field, t)?))),
    }
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

fn cert_patch(a: &CertArgs) -> Result<CertificationPatch, Error> {
    let mut p = CertificationPatch {
        scheme: a.standard.clone(),
        name: a.name.clone(),
        name_en: a.name_en.clone(),
        standard: a.edition.clone(),
        certification_body: a.body.clone(),
        certification_body_en: a.body_en.clone(),
        accreditation_body: a.accreditation.clone(),
        certificate_number: a.number.clone(),
        scope: a.scope.clone(),
        scope_en: a.scope_en.clone(),
        first_granted_on: date_opt(
            "initial certification date (--first-granted)",
            &a.first_granted,
        )?,
        issued_on: date_opt("issue date (--issued)", &a.issued)?,
        expires_on: date_opt("expiry date (--expires)", &a.expires)?,
        holder: a
            .holder
            .clone()
            .map(|h| if h.trim() == "org" { String::new() } else { h }),
        explanation: a.explanation.clone(),
        explanation_en: a.explanation_en.clone(),
        ..Default::default()
    };
    if !a.surveillance.is_empty() {
        p.surveillance_audits = Some(
            a.surveillance
                .iter()
                .map(|d| parse_date("surveillance audit date (--surveillance)", d))
                .collect::<Result<_, _>>()?,
        );
    }
    if let Some(v) = &a.show_in_whitepapers {
        p.show_in_whitepapers = Some(yes_no("--show-in-whitepapers", v)?);
    }
    Ok(p)
}

fn cert_line(v: &CertificationView) -> String {
    let c = &v.certification;
    format!(
        "{:<9} {:<10} {:<28} {:<16} expires {:<10} {:>6}  {}{}",
        c.cert_id,
        v.status.as_ref(),
        v.scheme_ja,
        c.certificate_number,
        c.expires_on
            .map(|d| d.to_string())
            .unwrap_or_else(|| "—".into()),
        v.days_left.map(|d| format!("{d}d")).unwrap_or_default(),
        v.holder_name,
        if c.show_in_whitepapers {
            ""
        } else {
            "  (not in whitepapers)"
        }
    )
}

pub fn certs(store: &mut Store, command: CertsCommand) -> Result<(), CliError> {
    match command {
        CertsCommand::Add(a) => {
            let saved =
                store.save_certification(a.id.as_deref().unwrap_or(""), cert_patch(&a)?, true)?;
            let v = store.certification(&saved.cert_id, today())?;
            if a.json {
                Ok(emit_json(&v)?)
            } else {
                Ok(emit(&format!("{}\n", saved.cert_id))?)
            }
        }
        CertsCommand::Set(a) => {
            let id = a.id.clone().ok_or(Error::MissingValue {
                field: "the certification's id",
            })?;
            store.save_certification(&id, cert_patch(&a)?, false)?;
            let v = store.certification(&id, today())?;
            if a.json {
                Ok(emit_json(&v)?)
            } else {
                Ok(emit(&format!("{}\n", cert_line(&v)))?)
            }
        }
        CertsCommand::List { json } => {
            let list = store.certifications(today())?;
            if json {
                return Ok(emit_json(&list)?);
            }
            let mut s = String::new();
            for v in &list {
                let _ = writeln!(s, "{}", cert_line(v));
            }
            if list.is_empty() {
                s.push_str(
                    "no certifications (isms certs add --standard isms --number … --expires …)\n",
                );
            }
            Ok(emit(&s)?)
        }
        CertsCommand::Show { id, json } => {
            let v = store.certification(&id, today())?;
            if json {
                return Ok(emit_json(&v)?);
            }
            let c = &v.certification;
            let d = |x: Option<NaiveDate>| x.map(|d| d.to_string()).unwrap_or_else(|| "—".into());
            let mut s = format!(
                "{}  {}\n",
                c.cert_id,
                c.display_name(&store.supplier_lists()?, false)
            );
            let _ = writeln!(
                s,
                "status          {} ({} days left)",
                v.status.as_ref(),
                v.days_left.unwrap_or_default()
            );
            let _ = writeln!(s, "standard        {}", c.standard);
            let _ = writeln!(s, "number          {}", c.certificate_number);
            let _ = writeln!(
                s,
                "body            {}  (accreditation {})",
                c.certification_body, c.accreditation_body
            );
            let _ = writeln!(s, "scope           {}", c.scope);
            let _ = writeln!(
                s,
                "initial / issued / expires  {} / {} / {}",
                d(c.first_granted_on),
                d(c.issued_on),
                d(c.expires_on)
            );
            let _ = writeln!(
                s,
                "surveillance    {}",
                c.surveillance_audits
                    .iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            let _ = writeln!(s, "holder          {}", v.holder_name);
            let _ = writeln!(
                s,
                "in whitepapers  {}{}",
                if c.show_in_whitepapers { "yes" } else { "no" },
                if v.cited_by.is_empty() {
                    String::new()
                } else {
                    format!(" (issued in {})", v.cited_by.join(", "))
                }
            );
            Ok(emit(&s)?)
        }
        CertsCommand::Attach { id, file, json } => {
            store.certification(&id, today())?;
            let a = store.attach_file(
                "certification",
                &id,
                &file,
                "",
                isms_core::attachment::DEFAULT_LIMIT_BYTES,
            )?;
            store.save_certification(
                &id,
                CertificationPatch {
                    attachment: Some(Some(a.id)),
                    ..Default::default()
                },
                false,
            )?;
            if json {
                Ok(emit_json(&a)?)
            } else {
                Ok(emit(&format!("attached {} to {id}\n", a.name))?)
            }
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum FactsCommand {
    /// The facts as TOML (or JSON).
    Show {
        #[arg(long)]
        json: bool,
    },
    /// Write the facts to a TOML file to edit.
    Export {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Replace the facts with a TOML file's (checked first; nothing changes when it has a fault).
    Import {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

pub fn facts(store: &mut Store, command: FactsCommand) -> Result<(), CliError> {
    match command {
        FactsCommand::Show { json } => {
            let f = store.whitepaper_facts()?;
            if json {
                Ok(emit_json(&f)?)
            } else {
                Ok(emit(&f.to_toml()?)?)
            }
        }
        FactsCommand::Export { out } => {
            let text = format!(
                "# ISMS Desk: the facts whitepapers disclose. Edit, then: isms facts import {}\n# The format is described in the README (\"Whitepapers\") and templates/whitepapers/facts-example.toml.\n\n{}",
                out.display(),
                store.whitepaper_facts()?.to_toml()?
            );
            std::fs::write(&out, text).map_err(|source| Error::Io {
                context: format!("cannot write {}", out.display()),
                source,
            })?;
            Ok(emit(&format!("wrote {}\n", out.display()))?)
        }
        FactsCommand::Import { file, json } => {
            let name = file.display().to_string();
            let text = std::fs::read_to_string(&file).map_err(|source| Error::Io {
                context: format!("cannot read {name}"),
                source,
            })?;
            let f = Facts::from_toml(&text, &name)?;
            store.save_whitepaper_facts(&f)?;
            if json {
                Ok(emit_json(&f)?)
            } else {
                Ok(emit(&format!(
                    "imported {name}: {} services, {} contact points, {} responsibility items, {} features, {} operations\n",
                    f.services.len(),
                    f.contact_points.len(),
                    f.responsibility.len(),
                    f.features.len(),
                    f.operations.len()
                ))?)
            }
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum WhitepaperCommand {
    /// A new whitepaper from a starter (saas-ja, saas-en); prints its id.
    New {
        /// saas-ja or saas-en [default: by --lang].
        #[arg(long)]
        template: Option<String>,
        #[arg(long, default_value = "ja")]
        lang: String,
        /// The id to give [default: the template's name].
        #[arg(long)]
        id: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Read a definition file (TOML; images it names are kept in the database).
    Import {
        file: PathBuf,
        /// The whitepaper's id [default: the file name without .toml].
        #[arg(long)]
        id: Option<String>,
        /// Replace an existing whitepaper's definition.
        #[arg(long)]
        replace: bool,
        #[arg(long)]
        json: bool,
    },
    /// Write a whitepaper's definition as a TOML file (to keep in version control, or to edit and import again).
    ExportDefinition {
        id: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Every whitepaper with its latest version, and whether it is out of date.
    List {
        #[arg(long)]
        json: bool,
    },
    /// A whitepaper: its versions, the draft's outline, and what would stop it from being issued.
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Issue a version: refused, with each reason, while data it needs is missing.
    Issue {
        id: String,
        #[arg(long)]
        version: String,
        #[arg(long)]
        approver: String,
        /// 改訂内容: what changed.
        #[arg(long)]
        summary: String,
        /// 改訂者 [default: the current user].
        #[arg(long, default_value = "")]
        author: String,
        /// The issue date [default: today].
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

pub fn whitepapers(store: &mut Store, command: WhitepaperCommand) -> Result<(), CliError> {
    match command {
        WhitepaperCommand::New {
            template,
            lang,
            id,
            json,
        } => {
            let template = template.unwrap_or_else(|| format!("saas-{}", lang.trim()));
            let w = whitepaper::create_from_template(store, &template, id.as_deref())?;
            if json {
                Ok(emit_json(&summary(store, &w.doc_id)?)?)
            } else {
                Ok(emit(&format!("{}\n", w.doc_id))?)
            }
        }
        WhitepaperCommand::Import {
            file,
            id,
            replace,
            json,
        } => {
            let w = whitepaper::import_definition(store, &file, id.as_deref(), replace)?;
            if json {
                Ok(emit_json(&summary(store, &w.doc_id)?)?)
            } else {
                Ok(emit(&format!("{}\n", w.doc_id))?)
            }
        }
        WhitepaperCommand::ExportDefinition { id, out } => {
            let written = whitepaper::export_definition(store, &id, &out)?;
            Ok(emit(&format!("wrote {}\n", written.display()))?)
        }
        WhitepaperCommand::List { json } => {
            let list = store.whitepapers(today())?;
            if json {
                return Ok(emit_json(&list)?);
            }
            let mut s = String::new();
            for w in &list {
                let _ = writeln!(
                    s,
                    "{:<16} {:<3} {:<8} {:<11} {}{}",
                    w.doc_id,
                    w.lang,
                    w.latest_version.clone().unwrap_or_else(|| "draft".into()),
                    w.latest_issued_on
                        .map(|d| d.to_string())
                        .unwrap_or_default(),
                    w.title,
                    if w.out_of_date.is_empty() {
                        String::new()
                    } else {
                        format!("  OUT OF DATE ({} reasons)", w.out_of_date.len())
                    }
                );
            }
            if list.is_empty() {
                s.push_str("no whitepapers (isms whitepaper new --template saas-ja)\n");
            }
            Ok(emit(&s)?)
        }
        WhitepaperCommand::Show { id, json } => {
            let sm = summary(store, &id)?;
            if json {
                return Ok(emit_json(&sm)?);
            }
            let mut s = format!("{}  {} ({})\n", sm.doc_id, sm.title, sm.lang);
            for v in &sm.versions {
                let _ = writeln!(
                    s,
                    "version {:<6} {}  approved by {}  {}",
                    v.version, v.issued_on, v.approved_by, v.summary
                );
            }
            for r in &sm.out_of_date {
                let _ = writeln!(
                    s,
                    "out of date: {}",
                    serde_json::to_string(r).unwrap_or_default()
                );
            }
            let _ = writeln!(s, "draft outline:");
            for h in &sm.outline {
                let _ = writeln!(
                    s,
                    "  {}{} {}",
                    "  ".repeat(h.level.saturating_sub(1) as usize),
                    h.number,
                    h.text
                );
            }
            if sm.problems.is_empty() {
                s.push_str("ready to issue\n");
            } else {
                let _ = writeln!(s, "cannot be issued yet ({}):", sm.problems.len());
                for p in &sm.problems {
                    let _ = writeln!(s, "  - {p}");
                }
            }
            Ok(emit(&s)?)
        }
        WhitepaperCommand::Issue {
            id,
            version,
            approver,
            summary: text,
            author,
            date,
            json,
        } => {
            let issued_on = match date {
                Some(d) => parse_date("issue date (--date)", &d)?,
                None => today(),
            };
            let req = IssueWhitepaper {
                version,
                issued_on,
                prepared_by: author,
                approved_by: approver,
                summary: text,
            };
            let v = whitepaper::issue(store, &id, &req, today())?;
            if json {
                Ok(emit_json(&v)?)
            } else {
                Ok(emit(&format!(
                    "issued {id} version {} ({})\n",
                    v.version, v.issued_on
                ))?)
            }
        }
    }
}

#[derive(Debug, serde::Serialize)]
pub struct OutlineLine {
    pub level: u8,
    pub number: String,
    pub text: String,
}

#[derive(Debug, serde::Serialize)]
pub struct WhitepaperShow {
    pub doc_id: String,
    pub title: String,
    pub lang: String,
    pub versions: Vec<isms_core::whitepaper::WhitepaperVersion>,
    pub out_of_date: Vec<isms_core::whitepaper::StaleReason>,
    pub outline: Vec<OutlineLine>,
    pub problems: Vec<String>,
    pub dropped: Vec<String>,
}

fn summary(store: &Store, id: &str) -> Result<WhitepaperShow, CliError> {
    let w = store.whitepaper(id)?;
    let composed = whitepaper::draft(store, id, today())?;
    let out_of_date = store
        .whitepapers(today())?
        .into_iter()
        .find(|x| x.doc_id == w.doc_id)
        .map(|x| x.out_of_date)
        .unwrap_or_default();
    Ok(WhitepaperShow {
        versions: store.whitepaper_versions(id)?,
        outline: composed
            .rendered
            .blocks
            .iter()
            .filter_map(|b| match b {
                whitepaper::model::Block::Heading {
                    level,
                    number,
                    text,
                    ..
                } => Some(OutlineLine {
                    level: *level,
                    number: number.clone(),
                    text: text.clone(),
                }),
                _ => None,
            })
            .collect(),
        problems: composed.problems,
        dropped: composed.dropped,
        doc_id: w.doc_id,
        title: w.title,
        lang: w.lang,
        out_of_date,
    })
}

/// `isms export whitepaper`: the frozen version (its PDF dated when it was issued, so a re-export is the same) or the
/// draft; the draft's gaps are listed on stderr.
pub fn export(
    store: &Store,
    id: &str,
    version: Option<&str>,
    out: &std::path::Path,
) -> Result<isms_reports::ExportReport, CliError> {
    let (rendered, report) = whitepaper::rendered(store, id, version, today())?;
    let created = whitepaper::created_unix(store, id, version)?;
    if !report.problems.is_empty() {
        eprintln!(
            "isms: the draft has {} gaps (see `isms whitepaper show {id}`)",
            report.problems.len()
        );
    }
    Ok(whitepaper::pdf::export_pdf(
        &rendered,
        out,
        created,
        &mut |_| {},
    )?)
}
