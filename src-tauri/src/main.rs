//! Entry point of the ISMS Desk desktop app.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    isms_desk_lib::run();
}
