//! ISMS Desk's domain and store, free of any GUI: the control catalogues, the control register, the organisation profile and the audit trail, kept in one SQLite file. The `isms` CLI and the Tauri app both call [`Store`].

pub mod asset;
pub mod attachment;
pub mod audit;
pub mod audit_chain;
pub mod backup;
pub mod batch;
pub mod catalogue;
pub mod certification;
pub mod conflict;
pub mod contact;
pub mod dates;
pub mod db;
pub mod error;
pub mod export_file;
pub mod health;
pub mod imports;
pub mod incident;
pub mod organisation;
pub mod register;
pub mod soa;
pub mod store;
pub mod supplier;
pub mod whitepaper;

pub use error::{Error, ErrorCode, Result};
pub use store::Store;
