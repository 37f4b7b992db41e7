//! Backups and restore, the database check, the audit chain and imports taken back: `#[tauri::command]`s of a few
//! lines each over `isms_core`.

use std::path::PathBuf;

use isms_core::backup::{BackupInfo, BackupReason, BackupSettings};
use isms_core::health::HealthReport;
use isms_core::imports::{ImportBatch, UndoReport};
use tauri::State;

use crate::commands::{database_info, with, DatabaseInfo, Reply};
use crate::OpenStore;

#[tauri::command]
pub fn backups(store: State<'_, OpenStore>) -> Reply<Vec<BackupInfo>> {
    with(&store, |s| Ok(s.backups()?))
}

#[tauri::command]
pub fn create_backup(store: State<'_, OpenStore>) -> Reply<BackupInfo> {
    with(&store, |s| Ok(s.create_backup(BackupReason::Manual)?))
}

#[tauri::command]
pub fn backup_policy(store: State<'_, OpenStore>) -> Reply<BackupSettings> {
    with(&store, |s| Ok(s.backup_policy()?))
}

#[tauri::command]
pub fn set_backup_policy(
    store: State<'_, OpenStore>,
    policy: BackupSettings,
) -> Reply<BackupSettings> {
    with(&store, |s| Ok(s.set_backup_policy(&policy)?))
}

/// Replaces the open database with a backup (checked first; the current file backed up) and reopens it.
#[tauri::command]
pub fn restore_backup(store: State<'_, OpenStore>, path: String) -> Reply<DatabaseInfo> {
    with(&store, |s| {
        s.restore_from(&PathBuf::from(&path))?;
        Ok(())
    })?;
    database_info(store)
}

#[tauri::command]
pub fn database_health(store: State<'_, OpenStore>) -> Reply<HealthReport> {
    with(&store, |s| Ok(s.health()?))
}

#[tauri::command]
pub fn import_batches(store: State<'_, OpenStore>) -> Reply<Vec<ImportBatch>> {
    with(&store, |s| Ok(s.import_batches()?))
}

#[tauri::command]
pub fn undo_import(store: State<'_, OpenStore>, id: i64, force: bool) -> Reply<UndoReport> {
    with(&store, |s| Ok(s.undo_import(id, force)?))
}
