//! The Tauri shell of ISMS Desk: opens the database, holds it as state, and exposes `isms-core` to the webview as thin commands.

mod commands;
mod ipc_error;

use std::sync::Mutex;

use isms_core::Store;

/// The open database: one connection, one writer, shared by every command.
pub struct OpenStore(pub Mutex<Store>);

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
        .manage(OpenStore(Mutex::new(store)))
        .invoke_handler(tauri::generate_handler![
            commands::database_info,
            commands::register_summary,
            commands::list_controls,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("ISMS Desk stopped with an error: {e}");
        std::process::exit(1);
    }
}
