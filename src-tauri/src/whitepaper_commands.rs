//! The certifications register's, the whitepaper facts' and the whitepapers' `#[tauri::command]`s: each takes the open
//! store and delegates to `isms_core` / `isms_reports::whitepaper` in a few lines.

use std::path::PathBuf;

use isms_core::certification::{Certification, CertificationPatch, CertificationView};
use isms_core::whitepaper::facts::Facts;
use isms_core::whitepaper::{IssueWhitepaper, WhitepaperSummary, WhitepaperVersion};
use isms_reports::whitepaper::definition::{Definition, TEMPLATES};
use isms_reports::whitepaper::pdf::PreviewPage;
use isms_reports::whitepaper::{self, DraftReport};
use isms_reports::{ExportProgress, ExportReport};
use serde::Serialize;
use tauri::{AppHandle, Emitter, State};

use crate::commands::{remember, with, Reply};
use crate::{ExportedFiles, OpenStore};

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

#[tauri::command]
pub fn certifications(store: State<'_, OpenStore>) -> Reply<Vec<CertificationView>> {
    with(&store, |s| Ok(s.certifications(today())?))
}

#[tauri::command]
pub fn certifications_due(store: State<'_, OpenStore>) -> Reply<Vec<CertificationView>> {
    with(&store, |s| Ok(s.certifications_due(today())?))
}

/// `create`: a new certification (`id` empty for the next CERT-nnn). `base`: the certification as the form loaded it
/// (a field someone else changed since is a conflict).
#[tauri::command]
pub fn save_certification(
    store: State<'_, OpenStore>,
    id: String,
    patch: CertificationPatch,
    create: bool,
    base: Option<Certification>,
) -> Reply<CertificationView> {
    with(&store, |s| {
        let saved = s.save_certification_from(&id, patch, create, base)?;
        Ok(s.certification(&saved.cert_id, today())?)
    })
}

#[tauri::command]
pub fn whitepaper_facts(store: State<'_, OpenStore>) -> Reply<Facts> {
    with(&store, |s| Ok(s.whitepaper_facts()?))
}

#[tauri::command]
pub fn save_whitepaper_facts(
    store: State<'_, OpenStore>,
    facts: Facts,
    base: Option<Facts>,
) -> Reply<Facts> {
    with(&store, |s| {
        s.save_whitepaper_facts_from(&facts, base.as_ref())?;
        Ok(s.whitepaper_facts()?)
    })
}

#[tauri::command]
pub fn whitepapers(store: State<'_, OpenStore>) -> Reply<Vec<WhitepaperSummary>> {
    with(&store, |s| Ok(s.whitepapers(today())?))
}

/// The starters a new whitepaper can be made from.
#[tauri::command]
pub fn whitepaper_templates() -> Vec<String> {
    TEMPLATES.iter().map(|(n, _)| (*n).to_owned()).collect()
}

#[tauri::command]
pub fn create_whitepaper(
    store: State<'_, OpenStore>,
    template: String,
    id: String,
) -> Reply<Vec<WhitepaperSummary>> {
    with(&store, |s| {
        whitepaper::create_from_template(s, &template, Some(&id))?;
        Ok(s.whitepapers(today())?)
    })
}

#[tauri::command]
pub fn import_whitepaper(
    store: State<'_, OpenStore>,
    path: String,
    id: String,
    replace: bool,
) -> Reply<Vec<WhitepaperSummary>> {
    with(&store, |s| {
        whitepaper::import_definition(s, &PathBuf::from(&path), Some(&id), replace)?;
        Ok(s.whitepapers(today())?)
    })
}

#[tauri::command]
pub fn export_whitepaper_definition(
    store: State<'_, OpenStore>,
    id: String,
    path: String,
) -> Reply<String> {
    with(&store, |s| {
        Ok(
            whitepaper::export_definition(s, &id, &PathBuf::from(&path))?
                .display()
                .to_string(),
        )
    })
}

#[tauri::command]
pub fn whitepaper_definition(store: State<'_, OpenStore>, id: String) -> Reply<Definition> {
    with(&store, |s| Ok(whitepaper::definition(s, &id)?))
}

#[tauri::command]
pub fn save_whitepaper_definition(
    store: State<'_, OpenStore>,
    id: String,
    definition: Definition,
    base: Option<Definition>,
) -> Reply<Definition> {
    with(&store, |s| {
        whitepaper::save_definition(s, &id, &definition, base.as_ref())?;
        Ok(whitepaper::definition(s, &id)?)
    })
}

/// One heading of the draft, for the section tree and the preview.
#[derive(ts_rs::TS, Debug, Clone, Serialize)]
pub struct OutlineEntry {
    pub level: u8,
    pub number: String,
    pub text: String,
    pub anchor: String,
}

/// The draft as the editor shows it: its outline, what blocks issuing, and what was left out.
#[derive(ts_rs::TS, Debug, Clone, Serialize)]
pub struct WhitepaperDraft {
    pub outline: Vec<OutlineEntry>,
    pub report: DraftReport,
    pub versions: Vec<WhitepaperVersion>,
}

#[tauri::command]
pub fn whitepaper_draft(store: State<'_, OpenStore>, id: String) -> Reply<WhitepaperDraft> {
    with(&store, |s| {
        let (r, report) = whitepaper::rendered(s, &id, None, today())?;
        let outline = r
            .blocks
            .iter()
            .filter_map(|b| match b {
                whitepaper::model::Block::Heading {
                    level,
                    number,
                    text,
                    anchor,
                    ..
                } => Some(OutlineEntry {
                    level: *level,
                    number: number.clone(),
                    text: text.clone(),
                    anchor: anchor.clone(),
                }),
                _ => None,
            })
            .collect();
        Ok(WhitepaperDraft {
            outline,
            report,
            versions: s.whitepaper_versions(&id)?,
        })
    })
}

/// A page of the draft (or of an issued version) as an image.
#[tauri::command]
pub async fn preview_whitepaper(
    store: State<'_, OpenStore>,
    id: String,
    version: Option<String>,
    page: usize,
) -> Reply<PreviewPage> {
    let (r, _) = with(&store, |s| {
        Ok(whitepaper::rendered(s, &id, version.as_deref(), today())?)
    })?;
    Ok(whitepaper::pdf::preview_page(&r, page, 80)?)
}

#[tauri::command]
pub fn issue_whitepaper(
    store: State<'_, OpenStore>,
    id: String,
    request: IssueWhitepaper,
) -> Reply<WhitepaperVersion> {
    with(&store, |s| {
        Ok(whitepaper::issue(s, &id, &request, today())?)
    })
}

/// Exports the draft or an issued version (dated when it was issued, so a re-export is the same) as PDF.
#[tauri::command]
pub async fn export_whitepaper(
    app: AppHandle,
    store: State<'_, OpenStore>,
    exported: State<'_, ExportedFiles>,
    id: String,
    version: Option<String>,
    path: String,
) -> Reply<ExportReport> {
    let (r, created) = with(&store, |s| {
        let (r, _) = whitepaper::rendered(s, &id, version.as_deref(), today())?;
        let created = whitepaper::created_unix(s, &id, version.as_deref())?;
        Ok((r, created))
    })?;
    let mut progress = |p: ExportProgress| {
        let _ = app.emit("export-progress", p);
    };
    let report = whitepaper::pdf::export_pdf(&r, &PathBuf::from(&path), created, &mut progress)?;
    remember(&exported, &path);
    Ok(report)
}
