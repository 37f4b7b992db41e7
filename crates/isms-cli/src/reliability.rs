//! `isms backup …`, `isms check`, `isms audit verify` and `isms imports …`: backups and restore, the health report,
//! the audit chain, and imports taken back.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use clap::Subcommand;
use isms_core::backup::{BackupReason, BackupSettings};
use isms_core::Store;

use crate::print::{emit, emit_json};
use crate::CliError;

#[derive(Debug, Subcommand)]
pub enum BackupCommand {
    /// Back the database up now (checked after writing).
    Create {
        #[arg(long)]
        json: bool,
    },
    /// The backups of this database, newest first.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Replace the database with a backup: checked first, the current file backed up, then swapped.
    Restore {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Where backups go and how many are kept (only the options given change).
    Policy {
        /// The folder [default: backups/ beside the database]; "" for the default.
        #[arg(long)]
        folder: Option<String>,
        #[arg(long)]
        keep_daily: Option<u32>,
        #[arg(long)]
        keep_operations: Option<u32>,
        #[arg(long)]
        json: bool,
    },
}

/// `backup restore` works on the file, not on an open store.
pub fn restore(db: &Path, file: &Path, json: bool) -> Result<(), CliError> {
    let (store, pre) = Store::restore(db, file)?;
    let org = store.organisation()?;
    if json {
        return Ok(emit_json(&serde_json::json!({
            "restored_from": file.display().to_string(),
            "database": db.display().to_string(),
            "organisation": org.name,
            "previous_saved_as": pre.path,
        }))?);
    }
    Ok(emit(&format!(
        "restored {} from {} (the file as it was is kept as {})\n",
        db.display(),
        file.display(),
        pre.path
    ))?)
}

pub fn backup(store: &mut Store, command: BackupCommand) -> Result<(), CliError> {
    match command {
        BackupCommand::Create { json } => {
            let b = store.create_backup(BackupReason::Manual)?;
            if json {
                Ok(emit_json(&b)?)
            } else {
                Ok(emit(&format!("{} ({} bytes, checked)\n", b.path, b.bytes))?)
            }
        }
        BackupCommand::List { json } => {
            let list = store.backups()?;
            if json {
                return Ok(emit_json(&list)?);
            }
            let mut s = format!("backups in {}\n", store.backup_folder()?.display());
            for b in &list {
                let _ = writeln!(
                    s,
                    "{}  {:<13} {:>10} bytes  {}",
                    b.made_at,
                    b.reason.to_string(),
                    b.bytes,
                    b.file_name
                );
            }
            Ok(emit(&s)?)
        }
        BackupCommand::Restore { .. } => Err(CliError::Usage(
            "restore is run before the database is opened".into(),
        )),
        BackupCommand::Policy {
            folder,
            keep_daily,
            keep_operations,
            json,
        } => {
            let mut p: BackupSettings = store.backup_policy()?;
            if let Some(f) = folder {
                p.folder = f;
            }
            if let Some(n) = keep_daily {
                p.keep_daily = n;
            }
            if let Some(n) = keep_operations {
                p.keep_operations = n;
            }
            let p = store.set_backup_policy(&p)?;
            if json {
                Ok(emit_json(&p)?)
            } else {
                Ok(emit(&format!(
                    "backups in {} — keeping {} daily and {} before operations\n",
                    store.backup_folder()?.display(),
                    p.keep_daily,
                    p.keep_operations
                ))?)
            }
        }
    }
}

/// `isms check`: integrity, foreign keys, audit chain, filesystem, backups. Fails (exit 1) when something is wrong.
pub fn check(store: &Store, json: bool) -> Result<(), CliError> {
    let h = store.health()?;
    if json {
        emit_json(&h)?;
    } else {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "database        {} (schema {}, {} bytes)",
            h.path, h.schema_version, h.file_bytes
        );
        let _ = writeln!(s, "integrity       {}", h.integrity);
        let _ = writeln!(
            s,
            "foreign keys    {}",
            if h.foreign_key_faults.is_empty() {
                "ok".to_owned()
            } else {
                h.foreign_key_faults.join("; ")
            }
        );
        let _ = writeln!(s, "audit chain     {}", chain_line(&h.audit_chain));
        let _ = writeln!(
            s,
            "filesystem      {}",
            h.network_filesystem
                .as_deref()
                .map(|f| format!("{f} — a network filesystem: SQLite's WAL mode does not work there, move the file to a local disk"))
                .unwrap_or_else(|| "local".to_owned())
        );
        let _ = writeln!(
            s,
            "backups         {} (latest {})",
            h.backups,
            h.latest_backup.as_deref().unwrap_or("none")
        );
        let _ = writeln!(s, "{}", if h.ok { "ok" } else { "PROBLEMS FOUND" });
        emit(&s)?;
    }
    if h.ok {
        Ok(())
    } else {
        Err(CliError::Failed(
            "the database check found problems (above)".into(),
        ))
    }
}

fn chain_line(c: &isms_core::audit_chain::ChainReport) -> String {
    match &c.broken {
        None => format!("{} entries verified", c.verified),
        Some(b) => format!(
            "BROKEN at entry {} ({}, {} {}{}): {} — {} entries before it verified",
            b.id,
            b.at,
            b.entity,
            b.record_id,
            b.field
                .as_deref()
                .map(|f| format!(" {f}"))
                .unwrap_or_default(),
            b.reason,
            c.verified
        ),
    }
}

/// `isms audit verify`.
pub fn verify(store: &Store, json: bool) -> Result<(), CliError> {
    let c = store.verify_audit_chain()?;
    if json {
        emit_json(&c)?;
    } else {
        emit(&format!("{}\n", chain_line(&c)))?;
    }
    if c.ok {
        Ok(())
    } else {
        Err(CliError::Failed(
            "the audit trail was changed outside ISMS Desk".into(),
        ))
    }
}

#[derive(Debug, Subcommand)]
pub enum ImportsCommand {
    /// Every import that wrote something, newest first.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Take an import back: inserted assets removed, updated ones back to their values before it.
    Undo {
        id: i64,
        /// Undo even when some of its assets changed since (those are left as they are, and listed).
        #[arg(long)]
        force: bool,
        #[arg(long)]
        json: bool,
    },
}

pub fn imports(store: &mut Store, command: ImportsCommand) -> Result<(), CliError> {
    match command {
        ImportsCommand::List { json } => {
            let list = store.import_batches()?;
            if json {
                return Ok(emit_json(&list)?);
            }
            let mut s = String::new();
            for b in &list {
                let _ = writeln!(
                    s,
                    "{:>4}  {}  {:<24} {}  {}{}",
                    b.id,
                    b.at,
                    b.file_name,
                    b.counts
                        .iter()
                        .map(|(k, v)| format!("{k} {v}"))
                        .collect::<Vec<_>>()
                        .join(", "),
                    b.actor,
                    b.undone_at
                        .as_deref()
                        .map(|u| format!("  (undone {u})"))
                        .unwrap_or_default()
                );
            }
            if list.is_empty() {
                s.push_str("no imports\n");
            }
            Ok(emit(&s)?)
        }
        ImportsCommand::Undo { id, force, json } => {
            let r = store.undo_import(id, force)?;
            if json {
                Ok(emit_json(&r)?)
            } else {
                Ok(emit(&format!(
                    "undid import {id}: {} assets removed, {} put back{} (backup before: {})\n",
                    r.removed,
                    r.restored,
                    if r.left.is_empty() {
                        String::new()
                    } else {
                        format!(
                            ", {} left as changed since: {}",
                            r.left.len(),
                            r.left.join(", ")
                        )
                    },
                    r.backup
                ))?)
            }
        }
    }
}
