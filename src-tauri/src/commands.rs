//! The `#[tauri::command]`s: each takes the open store and delegates to the GUI-free crates in a few lines.

use std::path::PathBuf;

use indexmap::IndexMap;
use isms_core::asset::classification::AssetScheme;
use isms_core::asset::store::{
    AssetDetail, BulkEdit, LevelCount, LevelFields, LevelPatch, SchemeSettingsPatch,
};
use isms_core::asset::{
    Asset, AssetFilter, AssetPage, AssetPatch, AssetQuery, AssetView, ImportMode,
};
use isms_core::audit::{AuditEntry, AuditQuery};
use isms_core::batch::BatchOutcome;
use isms_core::organisation::{Organisation, OrganisationPatch};
use isms_core::register::{
    RegisterEntry, RegisterFields, RegisterFilter, RegisterPatch, RegisterSummary, SoaSummary,
};
use isms_core::soa::{IssueSoa, SoaRevision, VersionStatusChange};
use isms_core::store::{ControlDetail, ControlUpdate, ReviewDue};
use isms_core::Store;
use isms_reports::{ExportProgress, ExportReport, Lang};
use isms_sheets::{ExportSummary, ImportOptions, ImportProgress, ImportReport, RegisterPreview};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Emitter, State};

use crate::ipc_error::IpcError;
use crate::{ExportedFiles, OpenStore};

pub(crate) type Reply<T> = Result<T, IpcError>;

pub(crate) fn with<T>(
    store: &State<'_, OpenStore>,
    f: impl FnOnce(&mut Store) -> Reply<T>,
) -> Reply<T> {
    let mut guard = store.0.lock().map_err(|_| IpcError::poisoned())?;
    f(&mut guard)
}

#[derive(ts_rs::TS, Debug, Serialize)]
pub struct DatabaseInfo {
    pub path: String,
    pub organisation: String,
    pub schema_version: i64,
    /// Set when the file is on a network filesystem (where SQLite's WAL mode does not work).
    pub network_filesystem: Option<String>,
    /// False when the audit trail's chain does not verify (changed outside ISMS Desk).
    pub audit_chain_ok: bool,
}

#[tauri::command]
pub fn database_info(store: State<'_, OpenStore>) -> Reply<DatabaseInfo> {
    with(&store, |s| {
        Ok(DatabaseInfo {
            path: s.path().display().to_string(),
            organisation: s.organisation()?.name,
            schema_version: isms_core::db::schema_version(),
            network_filesystem: isms_core::health::network_filesystem(s.path()),
            audit_chain_ok: s.verify_audit_chain()?.ok,
        })
    })
}

#[tauri::command]
pub fn open_database(store: State<'_, OpenStore>, path: String) -> Reply<DatabaseInfo> {
    // Only an existing database: a wrong file never leaves a new empty one behind.
    let opened = Store::open_existing(&PathBuf::from(&path))?;
    with(&store, |s| {
        *s = opened;
        Ok(())
    })?;
    database_info(store)
}

#[tauri::command]
pub fn backup_database(store: State<'_, OpenStore>, path: String) -> Reply<()> {
    with(&store, |s| Ok(s.backup_to(&PathBuf::from(path))?))
}

#[tauri::command]
pub fn register_summary(store: State<'_, OpenStore>) -> Reply<Vec<RegisterSummary>> {
    with(&store, |s| Ok(s.summary()?))
}

#[tauri::command]
pub fn reviews_due(store: State<'_, OpenStore>, days: u32) -> Reply<Vec<ReviewDue>> {
    with(&store, |s| {
        Ok(s.reviews_due(chrono::Local::now().date_naive(), days)?)
    })
}

#[tauri::command]
pub fn list_controls(
    store: State<'_, OpenStore>,
    filter: RegisterFilter,
) -> Reply<Vec<RegisterEntry>> {
    with(&store, |s| Ok(s.list_controls(&filter)?))
}

#[tauri::command]
pub fn control(store: State<'_, OpenStore>, id: String) -> Reply<ControlDetail> {
    with(&store, |s| Ok(s.control(&id)?))
}

/// Saves the fields the user changed; `base` is the entry as the form loaded it (a conflicting change is refused).
#[tauri::command]
pub fn update_control(
    store: State<'_, OpenStore>,
    id: String,
    patch: RegisterPatch,
    base: Option<RegisterFields>,
) -> Reply<ControlUpdate> {
    with(&store, |s| Ok(s.save_control(&id, patch, base)?))
}

#[tauri::command]
pub fn soa_summary(store: State<'_, OpenStore>) -> Reply<SoaSummary> {
    with(&store, |s| Ok(s.soa_summary()?))
}

/// One record's own audit entries, newest first: its history as the app shows it.
#[tauri::command]
pub fn record_history(
    store: State<'_, OpenStore>,
    entity: String,
    record_id: String,
) -> Reply<Vec<AuditEntry>> {
    with(&store, |s| {
        Ok(s.audit_log(&AuditQuery {
            entity: Some(entity),
            record_id: Some(record_id),
            limit: Some(500),
        })?)
    })
}

#[tauri::command]
pub fn organisation(store: State<'_, OpenStore>) -> Reply<Organisation> {
    with(&store, |s| Ok(s.organisation()?))
}

#[tauri::command]
pub fn update_organisation(
    store: State<'_, OpenStore>,
    patch: OrganisationPatch,
    base: Option<Organisation>,
) -> Reply<Organisation> {
    with(&store, |s| Ok(s.save_organisation(patch, base)?))
}

#[tauri::command]
pub fn audit_log(store: State<'_, OpenStore>, limit: u32) -> Reply<Vec<AuditEntry>> {
    with(&store, |s| {
        Ok(s.audit_log(&AuditQuery {
            limit: Some(limit),
            ..Default::default()
        })?)
    })
}

#[tauri::command]
pub fn soa_versions(store: State<'_, OpenStore>) -> Reply<Vec<SoaRevision>> {
    with(&store, |s| Ok(s.soa_versions()?))
}

/// Refused with `undecided_controls` (and their ids) unless `request.accept_undecided`.
#[tauri::command]
pub fn issue_soa(store: State<'_, OpenStore>, request: IssueSoa) -> Reply<SoaRevision> {
    with(&store, |s| Ok(s.issue_soa(request)?))
}

#[tauri::command]
pub fn undecided_controls(store: State<'_, OpenStore>) -> Reply<Vec<String>> {
    with(&store, |s| Ok(s.undecided_controls()?))
}

#[tauri::command]
pub fn set_soa_version_status(
    store: State<'_, OpenStore>,
    change: VersionStatusChange,
) -> Reply<SoaRevision> {
    with(&store, |s| Ok(s.set_soa_version_status(change)?))
}

/// `version: null` exports the draft; the format follows the file name (.pdf / .xlsx).
#[tauri::command]
pub async fn export_soa(
    app: AppHandle,
    store: State<'_, OpenStore>,
    exported: State<'_, ExportedFiles>,
    version: Option<String>,
    lang: String,
    path: String,
) -> Reply<ExportReport> {
    let lang: Lang = lang.parse()?;
    let doc = with(&store, |s| Ok(s.soa_document(version.as_deref())?))?;
    let mut progress = |p: ExportProgress| {
        let _ = app.emit("export-progress", p);
    };
    let report = isms_reports::export_soa(&doc, lang, &PathBuf::from(&path), &mut progress)?;
    remember(&exported, &path);
    Ok(report)
}

#[tauri::command]
pub fn asset_scheme(store: State<'_, OpenStore>) -> Reply<AssetScheme> {
    with(&store, |s| Ok(s.asset_scheme()?))
}

#[tauri::command]
pub fn update_classification_level(
    store: State<'_, OpenStore>,
    level: String,
    patch: LevelPatch,
    base: Option<LevelFields>,
) -> Reply<AssetScheme> {
    with(&store, |s| {
        Ok(s.update_classification_level_from(&level, patch, base)?)
    })
}

#[tauri::command]
pub fn set_handling_rule(
    store: State<'_, OpenStore>,
    level: String,
    aspect: String,
    rule: String,
) -> Reply<AssetScheme> {
    with(&store, |s| Ok(s.set_handling_rule(&level, &aspect, &rule)?))
}

#[tauri::command]
pub fn update_scheme_settings(
    store: State<'_, OpenStore>,
    patch: SchemeSettingsPatch,
) -> Reply<AssetScheme> {
    with(&store, |s| Ok(s.update_scheme_settings(patch)?))
}

#[tauri::command]
pub async fn query_assets(store: State<'_, OpenStore>, query: AssetQuery) -> Reply<AssetPage> {
    with(&store, |s| Ok(s.query_assets(&query)?))
}

#[tauri::command]
pub async fn asset_ids(store: State<'_, OpenStore>, filter: AssetFilter) -> Reply<Vec<String>> {
    with(&store, |s| Ok(s.asset_ids(&filter)?))
}

#[tauri::command]
pub fn asset_level_counts(store: State<'_, OpenStore>) -> Reply<Vec<LevelCount>> {
    with(&store, |s| Ok(s.asset_level_counts()?))
}

#[tauri::command]
pub fn edit_assets(
    store: State<'_, OpenStore>,
    ids: Vec<String>,
    edit: BulkEdit,
) -> Reply<BatchOutcome> {
    with(&store, |s| Ok(s.edit_assets(&ids, &edit)?))
}

#[tauri::command]
pub fn asset(store: State<'_, OpenStore>, id: String) -> Reply<AssetDetail> {
    with(&store, |s| Ok(s.asset(&id)?))
}

/// `base`: the asset as the form loaded it (a conflicting change is refused); `None` when creating.
#[tauri::command]
pub fn save_asset(
    store: State<'_, OpenStore>,
    id: String,
    patch: AssetPatch,
    create: bool,
    base: Option<Asset>,
) -> Reply<AssetDetail> {
    with(&store, |s| Ok(s.save_asset_from(&id, patch, create, base)?))
}

/// What the import wizard sends.
#[derive(ts_rs::TS, Debug, Deserialize)]
pub struct ImportRequest {
    /// Which register the file is: assets, a supplier list, or an SoA spreadsheet.
    #[serde(default)]
    pub kind: isms_sheets::RegisterKind,
    pub path: String,
    pub sheet: Option<String>,
    pub dry_run: bool,
    pub mode: ImportMode,
    /// A saved mapping file (`[fields] …`), if the user chose one.
    pub mapping: Option<String>,
    /// Column header → field / `custom` / `ignore`, as edited in the wizard.
    pub columns: IndexMap<String, String>,
    /// Assets: a level the register uses → the scheme's level to import it as.
    #[serde(default)]
    pub level_map: IndexMap<String, String>,
    /// Assets: the changes to write, as chosen in the wizard; absent, every change except where the register's
    /// value is newer (and those too with `overwrite_newer`).
    #[serde(default)]
    pub accept: Option<Vec<isms_core::asset::store::ChangeRef>>,
    #[serde(default)]
    pub overwrite_newer: bool,
}

impl ImportRequest {
    fn options(&self) -> ImportOptions {
        ImportOptions {
            sheet: self.sheet.clone().filter(|s| !s.is_empty()),
            mapping: self
                .mapping
                .clone()
                .filter(|m| !m.is_empty())
                .map(PathBuf::from),
            columns: self.columns.clone(),
            mode: self.mode,
            dry_run: self.dry_run,
            level_map: self.level_map.clone(),
            selection: isms_core::asset::store::ChangeSelection::chosen(
                self.accept.clone(),
                self.overwrite_newer,
            ),
            ..Default::default()
        }
    }
}

#[tauri::command]
pub async fn preview_register(request: ImportRequest) -> Reply<RegisterPreview> {
    Ok(isms_sheets::preview_register(
        request.kind,
        &PathBuf::from(&request.path),
        &request.options(),
        8,
    )?)
}

#[tauri::command]
pub fn save_mapping(
    kind: isms_sheets::RegisterKind,
    path: String,
    columns: IndexMap<String, String>,
) -> Reply<()> {
    Ok(isms_sheets::save_mapping(
        kind,
        &columns,
        &PathBuf::from(path),
    )?)
}

#[tauri::command]
pub async fn import_assets(
    app: AppHandle,
    store: State<'_, OpenStore>,
    request: ImportRequest,
) -> Reply<ImportReport> {
    let options = request.options();
    let mut progress = |p: ImportProgress| {
        let _ = app.emit("import-progress", p);
    };
    with(&store, |s| {
        Ok(isms_sheets::import_register(
            request.kind,
            s,
            &PathBuf::from(&request.path),
            &options,
            &mut progress,
        )?)
    })
}

#[tauri::command]
pub async fn export_assets(
    store: State<'_, OpenStore>,
    exported: State<'_, ExportedFiles>,
    path: String,
    include_retired: bool,
) -> Reply<ExportSummary> {
    let filter = if include_retired {
        isms_core::asset::round::all_assets()
    } else {
        AssetFilter::default()
    };
    let (all, scheme) = with(&store, |s| Ok((s.list_assets(&filter)?, s.asset_scheme()?)))?;
    let summary = isms_sheets::export_assets(&all, &scheme, &PathBuf::from(&path))?;
    remember(&exported, &path);
    Ok(summary)
}

#[tauri::command]
pub async fn asset_labels(
    store: State<'_, OpenStore>,
    exported: State<'_, ExportedFiles>,
    path: String,
    ids: Vec<String>,
) -> Reply<ExportReport> {
    let (scheme, all) = with(&store, |s| {
        Ok((s.asset_scheme()?, s.list_assets(&AssetFilter::default())?))
    })?;
    let chosen: Vec<AssetView> = all
        .into_iter()
        .filter(|a| ids.is_empty() || ids.contains(&a.asset.asset_id))
        .collect();
    let report = isms_reports::asset_labels::export(&chosen, &scheme, &PathBuf::from(&path))?;
    remember(&exported, &path);
    Ok(report)
}

/// The language the UI starts in when the user has not chosen one: from the OS locale (`LC_ALL`, `LC_MESSAGES`,
/// `LANG`), Japanese unless the locale is English.
#[tauri::command]
pub fn os_language() -> String {
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.is_empty())
        .unwrap_or_default();
    if locale.to_ascii_lowercase().starts_with("en") {
        "en"
    } else {
        "ja"
    }
    .to_owned()
}

pub(crate) fn remember(exported: &State<'_, ExportedFiles>, path: &str) {
    if let Ok(mut files) = exported.0.lock() {
        files.insert(PathBuf::from(path));
    }
}

fn exported_file(exported: &State<'_, ExportedFiles>, path: &str) -> Reply<PathBuf> {
    let path = PathBuf::from(path);
    let known = exported
        .0
        .lock()
        .map_err(|_| IpcError::poisoned())?
        .contains(&path);
    if known {
        Ok(path)
    } else {
        Err(IpcError::new(
            isms_core::ErrorCode::InvalidValue,
            format!("{} was not exported in this session", path.display()),
        ))
    }
}

/// Opens a file this session exported with the desktop's default application.
#[tauri::command]
pub fn open_exported(
    app: AppHandle,
    exported: State<'_, ExportedFiles>,
    path: String,
) -> Reply<()> {
    use tauri_plugin_opener::OpenerExt;
    let path = exported_file(&exported, &path)?;
    app.opener()
        .open_path(path.display().to_string(), None::<&str>)
        .map_err(|e| IpcError::new(isms_core::ErrorCode::Io, e.to_string()))
}

/// Shows a file this session exported in the file manager.
#[tauri::command]
pub fn reveal_exported(
    app: AppHandle,
    exported: State<'_, ExportedFiles>,
    path: String,
) -> Reply<()> {
    use tauri_plugin_opener::OpenerExt;
    let path = exported_file(&exported, &path)?;
    app.opener()
        .reveal_item_in_dir(path)
        .map_err(|e| IpcError::new(isms_core::ErrorCode::Io, e.to_string()))
}
