//! The supplier register's `#[tauri::command]`s (委託先管理): each takes the open store and delegates in a few lines.

use std::path::PathBuf;

use isms_core::attachment::{Attachment, DEFAULT_LIMIT_BYTES};
use isms_core::supplier::evaluation::{Evaluation, EvaluationInput};
use isms_core::supplier::lists::{Checklists, SupplierLists};
use isms_core::supplier::store::{MonitoringEntry, SupplierDetail, SupplierDue, SupplierFilter};
use isms_core::supplier::{Supplier, SupplierPatch, SupplierView};
use isms_reports::{ExportReport, Lang};
use isms_sheets::supplier_export::RegisterExport;
use tauri::{AppHandle, State};

use crate::commands::{remember, with, Reply};
use crate::{ExportedFiles, OpenStore};

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

#[tauri::command]
pub fn suppliers(store: State<'_, OpenStore>, filter: SupplierFilter) -> Reply<Vec<SupplierView>> {
    with(&store, |s| Ok(s.suppliers(&filter, today())?))
}

#[tauri::command]
pub fn supplier(store: State<'_, OpenStore>, id: String) -> Reply<SupplierDetail> {
    with(&store, |s| Ok(s.supplier(&id, today())?))
}

/// `create` with an empty id gives the next SUP-nnnn; `base` is the supplier as the form loaded it.
#[tauri::command]
pub fn save_supplier(
    store: State<'_, OpenStore>,
    id: String,
    patch: SupplierPatch,
    create: bool,
    base: Option<Supplier>,
) -> Reply<SupplierDetail> {
    with(&store, |s| {
        let saved = s.save_supplier(&id, patch, create, base)?;
        Ok(s.supplier(&saved.supplier_id, today())?)
    })
}

#[tauri::command]
pub fn supplier_lists(store: State<'_, OpenStore>) -> Reply<SupplierLists> {
    with(&store, |s| Ok(s.supplier_lists()?))
}

#[tauri::command]
pub fn set_supplier_lists(
    store: State<'_, OpenStore>,
    lists: SupplierLists,
) -> Reply<SupplierLists> {
    with(&store, |s| Ok(s.set_supplier_lists(lists)?))
}

#[tauri::command]
pub fn supplier_checklists(store: State<'_, OpenStore>) -> Reply<Checklists> {
    with(&store, |s| Ok(s.supplier_checklists()?))
}

#[tauri::command]
pub fn set_supplier_checklists(
    store: State<'_, OpenStore>,
    checklists: Checklists,
) -> Reply<Checklists> {
    with(&store, |s| Ok(s.set_supplier_checklists(checklists)?))
}

#[tauri::command]
pub fn record_evaluation(
    store: State<'_, OpenStore>,
    supplier_id: String,
    input: EvaluationInput,
) -> Reply<Evaluation> {
    with(&store, |s| Ok(s.record_evaluation(&supplier_id, input)?))
}

#[tauri::command]
pub fn update_evaluation(
    store: State<'_, OpenStore>,
    id: i64,
    input: EvaluationInput,
) -> Reply<Evaluation> {
    with(&store, |s| Ok(s.update_evaluation(id, input)?))
}

#[tauri::command]
pub fn approve_evaluation(
    store: State<'_, OpenStore>,
    id: i64,
    approver: String,
    next_due: Option<chrono::NaiveDate>,
) -> Reply<Evaluation> {
    with(&store, |s| {
        Ok(s.approve_evaluation(id, &approver, next_due)?)
    })
}

#[tauri::command]
pub fn add_monitoring(
    store: State<'_, OpenStore>,
    supplier_id: String,
    entry: MonitoringEntry,
) -> Reply<MonitoringEntry> {
    with(&store, |s| Ok(s.add_monitoring(&supplier_id, entry)?))
}

#[tauri::command]
pub fn suppliers_due(store: State<'_, OpenStore>, within: u32) -> Reply<Vec<SupplierDue>> {
    with(&store, |s| Ok(s.suppliers_due(today(), within)?))
}

/// Attaches a file the user chose in the native open dialog.
#[tauri::command]
pub async fn attach_file(
    store: State<'_, OpenStore>,
    owner_entity: String,
    owner_id: String,
    path: String,
) -> Reply<Attachment> {
    with(&store, |s| {
        Ok(s.attach_file(
            &owner_entity,
            &owner_id,
            &PathBuf::from(path),
            "",
            DEFAULT_LIMIT_BYTES,
        )?)
    })
}

#[tauri::command]
pub fn attachments(
    store: State<'_, OpenStore>,
    owner_entity: String,
    owner_id: String,
) -> Reply<Vec<Attachment>> {
    with(&store, |s| Ok(s.attachments(&owner_entity, &owner_id)?))
}

#[tauri::command]
pub fn remove_attachment(store: State<'_, OpenStore>, id: i64) -> Reply<()> {
    with(&store, |s| Ok(s.remove_attachment(id)?))
}

/// Writes the attachment into the app's own temporary folder (its name cannot leave it) and opens it with the
/// desktop's application.
#[tauri::command]
pub fn open_attachment(app: AppHandle, store: State<'_, OpenStore>, id: i64) -> Reply<()> {
    use tauri_plugin_opener::OpenerExt;
    let folder = std::env::temp_dir().join("isms-desk-attachments");
    let path = with(&store, |s| Ok(s.write_attachment(id, &folder)?))?;
    app.opener()
        .open_path(path.display().to_string(), None::<&str>)
        .map_err(|e| crate::ipc_error::IpcError::new(isms_core::ErrorCode::Io, e.to_string()))
}

#[tauri::command]
pub async fn export_suppliers(
    store: State<'_, OpenStore>,
    exported: State<'_, ExportedFiles>,
    path: String,
) -> Reply<RegisterExport> {
    let (list, lists, scheme) = with(&store, |s| {
        Ok((
            s.suppliers(&Default::default(), today())?,
            s.supplier_lists()?,
            s.asset_scheme()?,
        ))
    })?;
    let written = isms_sheets::supplier_export::export_suppliers(
        &list,
        &lists,
        &scheme,
        &PathBuf::from(&path),
    )?;
    remember(&exported, &path);
    Ok(written)
}

/// The クラウド一覧表: `.pdf` through the PDF engine, `.xlsx` as a workbook.
#[tauri::command]
pub async fn export_cloud_services(
    store: State<'_, OpenStore>,
    exported: State<'_, ExportedFiles>,
    path: String,
    lang: String,
) -> Reply<ExportReport> {
    let lang: Lang = lang.parse()?;
    let (list, lists, scheme, assets, org) = with(&store, |s| {
        Ok((
            s.suppliers(&Default::default(), today())?,
            s.supplier_lists()?,
            s.asset_scheme()?,
            s.list_assets(&Default::default())?,
            s.organisation()?,
        ))
    })?;
    let lines = isms_sheets::supplier_export::cloud_lines(&list, &assets, &lists);
    let out = PathBuf::from(&path);
    let report = if isms_reports::ExportFormat::from_path(&out).ok()
        == Some(isms_reports::ExportFormat::Pdf)
    {
        let doc = isms_reports::supplier_pdf::cloud_document(&lines, &org.name, lang, today())?;
        isms_reports::supplier_pdf::export_pdf(&doc, &out, chrono::Utc::now().timestamp(), false)?
    } else {
        let w = isms_sheets::supplier_export::export_cloud_services(&lines, &scheme, &out)?;
        ExportReport {
            path: w.path,
            format: isms_reports::ExportFormat::Xlsx,
            version: None,
            draft: false,
            bytes: std::fs::metadata(&out)
                .map(|m| m.len() as usize)
                .unwrap_or(0),
            pages: None,
            missing_glyphs: Vec::new(),
        }
    };
    remember(&exported, &path);
    Ok(report)
}

/// One evaluation as a 委託先評価表 PDF.
#[tauri::command]
pub async fn export_evaluation(
    store: State<'_, OpenStore>,
    exported: State<'_, ExportedFiles>,
    id: i64,
    path: String,
    lang: String,
) -> Reply<ExportReport> {
    let lang: Lang = lang.parse()?;
    let (e, supplier, lists, org) = with(&store, |s| {
        let e = s.evaluation(id)?;
        let supplier = s.supplier(&e.supplier_id, today())?.view.supplier;
        Ok((e, supplier, s.supplier_lists()?, s.organisation()?))
    })?;
    let name = if lang == Lang::En && !org.name_en.is_empty() {
        org.name_en
    } else {
        org.name
    };
    let doc = isms_reports::supplier_pdf::evaluation_document(&e, &supplier, &lists, &name, lang)?;
    let created = e
        .approved_at
        .as_deref()
        .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
        .map_or_else(|| chrono::Utc::now().timestamp(), |t| t.timestamp());
    let report = isms_reports::supplier_pdf::export_pdf(
        &doc,
        &PathBuf::from(&path),
        created,
        e.approved_at.is_none(),
    )?;
    remember(&exported, &path);
    Ok(report)
}
