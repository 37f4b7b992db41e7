//! The Tauri shell of ISMS Desk: opens the database, holds it as state, and exposes `isms-core` to the webview as thin commands.

pub mod commands;
pub mod incident_commands;
pub mod inventory_commands;
pub mod ipc_error;
pub mod reliability_commands;
pub mod supplier_commands;
pub mod whitepaper_commands;

use std::sync::Mutex;

use isms_core::Store;

/// The open database: one connection, one writer, shared by every command.
pub struct OpenStore(pub Mutex<Store>);

/// Files this session exported: the only ones "open file" and "show in folder" will touch.
#[derive(Default)]
pub struct ExportedFiles(pub Mutex<std::collections::HashSet<std::path::PathBuf>>);

/// The database the app opens: `ISMS_DB` if set, else the default file in the OS data folder.
fn database_path() -> isms_core::Result<std::path::PathBuf> {
    match std::env::var_os("ISMS_DB") {
        Some(p) if !p.is_empty() => Ok(p.into()),
        _ => Store::default_path(),
    }
}

pub fn run() {
    let store = match database_path().and_then(|p| Store::open(&p)) {
        Ok(store) => store,
        Err(e) => {
            eprintln!("ISMS Desk cannot start: {e}");
            std::process::exit(1);
        }
    };
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(OpenStore(Mutex::new(store)))
        .manage(ExportedFiles::default())
        .invoke_handler(tauri::generate_handler![
            commands::database_info,
            commands::os_language,
            commands::open_database,
            commands::backup_database,
            commands::register_summary,
            commands::reviews_due,
            commands::list_controls,
            commands::control,
            commands::update_control,
            commands::organisation,
            commands::update_organisation,
            commands::audit_log,
            commands::soa_versions,
            commands::issue_soa,
            commands::undecided_controls,
            commands::set_soa_version_status,
            commands::soa_summary,
            commands::record_history,
            commands::export_soa,
            commands::asset_scheme,
            commands::update_classification_level,
            commands::set_handling_rule,
            commands::update_scheme_settings,
            commands::query_assets,
            commands::edit_assets,
            commands::asset_ids,
            commands::asset_level_counts,
            commands::asset,
            commands::save_asset,
            commands::import_assets,
            commands::preview_register,
            commands::save_mapping,
            commands::export_assets,
            commands::asset_labels,
            commands::open_exported,
            commands::reveal_exported,
            inventory_commands::retirement_methods,
            inventory_commands::retire_assets,
            inventory_commands::reinstate_asset,
            inventory_commands::delete_asset,
            inventory_commands::departments,
            inventory_commands::add_classification_level,
            inventory_commands::remove_classification_level,
            inventory_commands::inventory_rounds,
            inventory_commands::start_inventory_round,
            inventory_commands::inventory_status,
            inventory_commands::close_inventory_round,
            inventory_commands::export_department,
            supplier_commands::suppliers,
            supplier_commands::supplier,
            supplier_commands::save_supplier,
            supplier_commands::supplier_lists,
            supplier_commands::set_supplier_lists,
            supplier_commands::supplier_checklists,
            supplier_commands::set_supplier_checklists,
            supplier_commands::record_evaluation,
            supplier_commands::update_evaluation,
            supplier_commands::approve_evaluation,
            supplier_commands::add_monitoring,
            supplier_commands::suppliers_due,
            supplier_commands::attach_file,
            supplier_commands::attachments,
            supplier_commands::remove_attachment,
            supplier_commands::open_attachment,
            supplier_commands::export_suppliers,
            supplier_commands::export_cloud_services,
            supplier_commands::export_evaluation,
            reliability_commands::backups,
            reliability_commands::create_backup,
            reliability_commands::backup_policy,
            reliability_commands::set_backup_policy,
            reliability_commands::restore_backup,
            reliability_commands::database_health,
            reliability_commands::import_batches,
            reliability_commands::undo_import,
            whitepaper_commands::certifications,
            whitepaper_commands::certifications_due,
            whitepaper_commands::save_certification,
            whitepaper_commands::whitepaper_facts,
            whitepaper_commands::save_whitepaper_facts,
            whitepaper_commands::whitepapers,
            whitepaper_commands::whitepaper_templates,
            whitepaper_commands::create_whitepaper,
            whitepaper_commands::import_whitepaper,
            whitepaper_commands::export_whitepaper_definition,
            whitepaper_commands::whitepaper_definition,
            whitepaper_commands::save_whitepaper_definition,
            whitepaper_commands::whitepaper_draft,
            whitepaper_commands::preview_whitepaper,
            whitepaper_commands::issue_whitepaper,
            whitepaper_commands::export_whitepaper,
            incident_commands::incidents,
            incident_commands::incident,
            incident_commands::report_incident,
            incident_commands::save_incident,
            incident_commands::decide_incident,
            incident_commands::add_incident_action,
            incident_commands::complete_incident_action,
            incident_commands::record_effectiveness,
            incident_commands::close_incident,
            incident_commands::record_notice,
            incident_commands::incidents_due,
            incident_commands::incident_statistics,
            incident_commands::incident_lists,
            incident_commands::notification_rules,
            incident_commands::save_notification_rule,
            incident_commands::contacts,
            incident_commands::save_contact,
            incident_commands::export_car,
            incident_commands::export_incidents,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("ISMS Desk stopped with an error: {e}");
        std::process::exit(1);
    }
}
