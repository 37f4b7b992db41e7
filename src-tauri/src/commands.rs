//! The `#[tauri::command]`s: each takes the open store and delegates to `isms-core` in a few lines.

use isms_core::register::{RegisterEntry, RegisterFilter, RegisterSummary};
use serde::Serialize;
use tauri::State;

use crate::ipc_error::IpcError;
use crate::OpenStore;

#[derive(Debug, Serialize)]
pub struct DatabaseInfo {
    pub path: String,
    pub organisation: String,
}

#[tauri::command]
pub fn database_info(store: State<'_, OpenStore>) -> Result<DatabaseInfo, IpcError> {
    let store = store.0.lock().map_err(|_| IpcError::poisoned())?;
    Ok(DatabaseInfo {
        path: store.path().display().to_string(),
        organisation: store.organisation()?.name,
    })
}

#[tauri::command]
pub fn register_summary(store: State<'_, OpenStore>) -> Result<Vec<RegisterSummary>, IpcError> {
    let store = store.0.lock().map_err(|_| IpcError::poisoned())?;
    Ok(store.summary()?)
}

#[tauri::command]
pub fn list_controls(
    store: State<'_, OpenStore>,
    filter: RegisterFilter,
) -> Result<Vec<RegisterEntry>, IpcError> {
    let store = store.0.lock().map_err(|_| IpcError::poisoned())?;
    Ok(store.list_controls(&filter)?)
}
