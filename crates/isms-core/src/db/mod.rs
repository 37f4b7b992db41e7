//! The SQLite file: opening it safely (refusing foreign or newer files untouched), numbered migrations, catalogue sync; one query module per table.

pub mod asset_settings;
pub mod assets;
pub mod attachments;
pub mod audit_log;
pub mod certifications;
pub mod classification_levels;
pub mod contacts;
pub mod control_mappings;
pub mod control_register;
pub mod control_themes;
pub mod controls;
pub mod frameworks;
pub mod handling_rules;
pub mod import_batch_rows;
pub mod import_batches;
pub mod incidents;
pub mod inventory_exports;
pub mod inventory_reviews;
pub mod inventory_rounds;
pub mod meta;
pub mod organisations;
pub mod settings;
pub mod soa_version_status;
pub mod soa_versions;
pub mod supplier_evaluations;
pub mod supplier_monitoring;
pub mod suppliers;
pub mod whitepaper_versions;
pub mod whitepapers;

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, ErrorCode as SqliteCode, OpenFlags, TransactionBehavior};

use crate::catalogue::Catalogue;
use crate::error::{Error, Result};

/// `PRAGMA application_id` of every ISMS Desk database: the bytes `ISMS`.
pub const APPLICATION_ID: i64 = 0x4953_4D53;

/// The schema migrations, in order; migration `n` (1-based) brings the file to `user_version = n`. Never edit a released one: add a new file.
pub const MIGRATIONS: &[(&str, &str)] = &[
    (
        "0001_initial.sql",
        include_str!("../../migrations/0001_initial.sql"),
    ),
    (
        "0002_soa_versions.sql",
        include_str!("../../migrations/0002_soa_versions.sql"),
    ),
    (
        "0003_assets.sql",
        include_str!("../../migrations/0003_assets.sql"),
    ),
    (
        "0004_bilingual_derivation_soa_status.sql",
        include_str!("../../migrations/0004_bilingual_derivation_soa_status.sql"),
    ),
    (
        "0005_suppliers_attachments.sql",
        include_str!("../../migrations/0005_suppliers_attachments.sql"),
    ),
    (
        "0006_incidents.sql",
        include_str!("../../migrations/0006_incidents.sql"),
    ),
    (
        "0007_certifications_whitepapers.sql",
        include_str!("../../migrations/0007_certifications_whitepapers.sql"),
    ),
    (
        "0008_audit_chain_import_batches.sql",
        include_str!("../../migrations/0008_audit_chain_import_batches.sql"),
    ),
    (
        "0009_inventory.sql",
        include_str!("../../migrations/0009_inventory.sql"),
    ),
];

/// The migration after which the audit entries written before it are chained (in the same transaction).
const AUDIT_CHAIN_MIGRATION: usize = 8;

/// The schema version this program writes.
pub fn schema_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// Opens (creating if missing) the database at `path`, migrates it to [`schema_version`] and syncs the catalogue.
/// A file that is not ours, or is from a newer program, is refused before anything is written to it.
pub fn open(path: &Path, catalogue: &Catalogue) -> Result<Connection> {
    let display = path.display().to_string();
    let existing = std::fs::metadata(path)
        .map(|m| m.len() > 0)
        .unwrap_or(false);
    if !existing {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|source| Error::Io {
                context: format!("cannot create the folder {}", parent.display()),
                source,
            })?;
        }
    }
    let flags = if existing {
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX
    } else {
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
    };
    if existing {
        // SQLite cannot even read a WAL database on a read-only filesystem (it needs its -shm file beside it): say so
        // rather than "unable to open database file".
        if let Err(e) = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(path)
        {
            if e.kind() == std::io::ErrorKind::ReadOnlyFilesystem {
                return Err(Error::Io {
                    context: format!(
                        "cannot open {display}: it is on a read-only filesystem, and ISMS Desk writes to the file and beside it (copy it to a writable folder)"
                    ),
                    source: e,
                });
            }
        }
    }
    let mut conn = Connection::open_with_flags(path, flags).map_err(|e| Error::Io {
        context: format!("cannot open {display}"),
        source: std::io::Error::other(e),
    })?;
    // Another writer (the app, the CLI) holds the lock for one transaction at most: wait for it rather than fail.
    conn.busy_timeout(Duration::from_secs(30))?;
    crate::audit_chain::register(&conn)?;
    if existing {
        check_ours(&conn, &display)?;
    }
    conn.pragma_update(None, "foreign_keys", true)?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(Error::NotADatabase {
            path: display,
            reason: format!("cannot switch it to WAL journal mode (got {mode})"),
        });
    }
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    // 32 MiB of page cache: imports of large registers touch many index pages in one transaction.
    conn.pragma_update(None, "cache_size", -32768)?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if existing && version > 0 && version < schema_version() {
        // A copy of the file as the older program left it, before anything is changed.
        crate::backup::write_backup(
            &conn,
            path,
            &crate::backup::default_folder(path),
            crate::backup::BackupReason::PreMigration,
        )?;
    }
    migrate(&mut conn, &display)?;
    sync_catalogue(&mut conn, catalogue)?;
    Ok(conn)
}

/// Reads only the header and the schema list: is this an ISMS Desk file this program can open?
fn check_ours(conn: &Connection, path: &str) -> Result<()> {
    let not_ours = |reason: String| Error::NotADatabase {
        path: path.to_owned(),
        reason,
    };
    let version: i64 = match conn.query_row("PRAGMA user_version", [], |r| r.get(0)) {
        Ok(v) => v,
        Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == SqliteCode::NotADatabase => {
            return Err(not_ours("it is not an SQLite file".to_owned()))
        }
        Err(e) => return Err(e.into()),
    };
    if version > schema_version() {
        return Err(Error::NewerDatabase {
            path: path.to_owned(),
            found: version,
            supported: schema_version(),
        });
    }
    let app_id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
    if (version > 0 || tables > 0) && app_id != APPLICATION_ID {
        return Err(not_ours(
            "it is an SQLite database of another program".to_owned(),
        ));
    }
    Ok(())
}

/// Applies the pending migrations in one IMMEDIATE transaction.
pub fn migrate(conn: &mut Connection, path: &str) -> Result<()> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current == schema_version() {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let current: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current > schema_version() {
        return Err(Error::NewerDatabase {
            path: path.to_owned(),
            found: current,
            supported: schema_version(),
        });
    }
    let start = usize::try_from(current).unwrap_or(0);
    for (i, (_name, sql)) in MIGRATIONS.iter().enumerate().skip(start) {
        tx.execute_batch(sql)?;
        if i + 1 == AUDIT_CHAIN_MIGRATION {
            crate::audit_chain::chain_existing(&tx)?;
        }
    }
    tx.pragma_update(None, "user_version", schema_version())?;
    tx.commit()?;
    Ok(())
}

const CATALOGUE_KEY: &str = "catalogue_fingerprint";

/// Writes the catalogue into the control tables when it differs from what the file holds. Register entries are never touched.
pub fn sync_catalogue(conn: &mut Connection, catalogue: &Catalogue) -> Result<()> {
    if meta::get(conn, CATALOGUE_KEY)?.as_deref() == Some(catalogue.fingerprint.as_str()) {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    for (fw_pos, fw) in catalogue.frameworks.iter().enumerate() {
        frameworks::upsert(&tx, fw, fw_pos as i64)?;
        for (pos, theme) in fw.themes.iter().enumerate() {
            control_themes::upsert(&tx, fw.framework, theme, pos as i64)?;
        }
        for (pos, control) in fw.controls.iter().enumerate() {
            controls::upsert(&tx, fw.framework, control, pos as i64)?;
        }
    }
    control_mappings::replace_all(&tx, &catalogue.links)?;
    meta::set(&tx, CATALOGUE_KEY, &catalogue.fingerprint)?;
    tx.commit()?;
    Ok(())
}
