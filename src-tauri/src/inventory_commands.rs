//! The yearly inventory's `#[tauri::command]`s (情報資産の棚卸し): rounds, department workbooks, progress; retiring
//! and deleting assets; adding and removing classification levels. Each delegates to the store in a few lines.

use std::path::PathBuf;

use isms_core::asset::classification::AssetScheme;
use isms_core::asset::lifecycle::{RetireRequest, RetirementMethod};
use isms_core::asset::round::{DepartmentCount, InventoryRound, RoundStatus};
use isms_core::asset::store::NewLevel;
use isms_core::asset::Asset;
use isms_core::batch::BatchOutcome;
use serde::Serialize;
use tauri::State;

use crate::commands::{remember, with, Reply};
use crate::{ExportedFiles, OpenStore};

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

#[tauri::command]
pub fn retirement_methods(store: State<'_, OpenStore>) -> Reply<Vec<RetirementMethod>> {
    with(&store, |s| Ok(s.retirement_methods()?))
}

#[tauri::command]
pub fn retire_assets(store: State<'_, OpenStore>, request: RetireRequest) -> Reply<BatchOutcome> {
    with(&store, |s| {
        Ok(s.retire_assets(&request.ids, request.retirement, today())?)
    })
}

#[tauri::command]
pub fn reinstate_asset(store: State<'_, OpenStore>, id: String) -> Reply<BatchOutcome> {
    with(&store, |s| Ok(s.reinstate_asset(&id)?))
}

#[tauri::command]
pub fn delete_asset(store: State<'_, OpenStore>, id: String, reason: String) -> Reply<Asset> {
    with(&store, |s| Ok(s.delete_asset(&id, &reason)?))
}

#[tauri::command]
pub fn departments(store: State<'_, OpenStore>) -> Reply<Vec<DepartmentCount>> {
    with(&store, |s| Ok(s.departments()?))
}

#[tauri::command]
pub fn add_classification_level(
    store: State<'_, OpenStore>,
    level: NewLevel,
) -> Reply<AssetScheme> {
    with(&store, |s| Ok(s.add_classification_level(level)?))
}

#[tauri::command]
pub fn remove_classification_level(
    store: State<'_, OpenStore>,
    level: String,
    move_to: Option<String>,
) -> Reply<AssetScheme> {
    with(&store, |s| {
        Ok(s.remove_classification_level(&level, move_to.as_deref())?)
    })
}

#[tauri::command]
pub fn inventory_rounds(store: State<'_, OpenStore>) -> Reply<Vec<InventoryRound>> {
    with(&store, |s| Ok(s.inventory_rounds()?))
}

#[tauri::command]
pub fn start_inventory_round(
    store: State<'_, OpenStore>,
    year: i32,
    due: chrono::NaiveDate,
) -> Reply<InventoryRound> {
    with(&store, |s| Ok(s.start_inventory_round(year, due)?))
}

/// The open round's status (else the newest round's), or `None` before the first round.
#[tauri::command]
pub fn inventory_status(
    store: State<'_, OpenStore>,
    round: Option<String>,
) -> Reply<Option<RoundStatus>> {
    with(&store, |s| {
        Ok(s.inventory_status(round.as_deref(), today())?)
    })
}

#[tauri::command]
pub fn close_inventory_round(store: State<'_, OpenStore>, round: String) -> Reply<InventoryRound> {
    with(&store, |s| Ok(s.close_inventory_round(&round)?))
}

/// A department workbook written.
#[derive(ts_rs::TS, Debug, Serialize)]
pub struct DepartmentWorkbook {
    pub path: String,
    pub department: String,
    pub workbook_id: String,
    pub assets: usize,
}

#[tauri::command]
pub async fn export_department(
    store: State<'_, OpenStore>,
    exported: State<'_, ExportedFiles>,
    department: String,
    path: String,
) -> Reply<DepartmentWorkbook> {
    let (sent, scheme) = with(&store, |s| {
        Ok((s.export_department(&department)?, s.asset_scheme()?))
    })?;
    let summary =
        isms_sheets::export::export_department_workbook(&sent, &scheme, &PathBuf::from(&path))?;
    remember(&exported, &path);
    Ok(DepartmentWorkbook {
        path: summary.path,
        department: sent.department,
        workbook_id: sent.workbook_id,
        assets: summary.assets,
    })
}
