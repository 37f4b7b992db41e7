//! One report on a database a user can hand to support (`isms check`, Settings): SQLite's integrity check, the
//! foreign-key check, the audit chain, and whether the file sits on a network filesystem (where SQLite's WAL mode does
//! not work and the file can be corrupted).

use std::path::Path;

use serde::Serialize;

use crate::audit_chain::{self, ChainReport};
use crate::error::Result;
use crate::store::Store;

#[derive(ts_rs::TS, Debug, Clone, Serialize)]
pub struct HealthReport {
    pub path: String,
    pub schema_version: i64,
    pub file_bytes: u64,
    /// "ok", or what `PRAGMA integrity_check` found.
    pub integrity: String,
    /// Rows that point to a missing row ("table row → parent").
    pub foreign_key_faults: Vec<String>,
    pub audit_chain: ChainReport,
    /// The filesystem type when it is a network one (nfs, cifs …).
    pub network_filesystem: Option<String>,
    pub backups: usize,
    pub latest_backup: Option<String>,
    /// Where backups go.
    pub backup_folder: String,
    pub ok: bool,
}

/// The filesystem type of the mount holding `path` when it is a network filesystem (Linux: from /proc/mounts).
pub fn network_filesystem(path: &Path) -> Option<String> {
    let full = std::fs::canonicalize(path)
        .or_else(|_| {
            path.parent()
                .map(std::fs::canonicalize)
                .unwrap_or_else(|| std::fs::canonicalize("."))
        })
        .ok()?;
    let mounts = std::fs::read_to_string("/proc/mounts").ok()?;
    let (mut best, mut best_len) = (None, 0);
    for line in mounts.lines() {
        let mut parts = line.split_whitespace();
        let (_dev, Some(point), Some(fstype)) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        let point = point.replace("\\040", " ");
        if full.starts_with(&point) && point.len() >= best_len {
            best_len = point.len();
            best = Some(fstype.to_owned());
        }
    }
    let fstype = best?;
    const NETWORK: [&str; 10] = [
        "nfs",
        "nfs4",
        "cifs",
        "smb3",
        "smbfs",
        "fuse.sshfs",
        "9p",
        "afs",
        "ncpfs",
        "davfs",
    ];
    NETWORK.contains(&fstype.as_str()).then_some(fstype)
}

impl Store {
    /// Whether an entry of the audit trail has this hash (an issued document names the chain head at its issue).
    pub fn audit_hash_exists(&self, hash: &str) -> Result<bool> {
        Ok(self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM audit_log WHERE hash = ?1)",
            [hash],
            |r| r.get(0),
        )?)
    }

    /// The audit chain walked from its first entry.
    pub fn verify_audit_chain(&self) -> Result<ChainReport> {
        audit_chain::verify(self.conn())
    }

    /// Integrity, foreign keys, audit chain, filesystem, backups.
    pub fn health(&self) -> Result<HealthReport> {
        let conn = self.conn();
        let mut integrity = Vec::new();
        {
            let mut stmt = conn.prepare("PRAGMA integrity_check")?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                integrity.push(r.get::<_, String>(0)?);
            }
        }
        let mut foreign_key_faults = Vec::new();
        {
            let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let table: String = r.get(0)?;
                let rowid: Option<i64> = r.get(1)?;
                let parent: String = r.get(2)?;
                foreign_key_faults.push(format!(
                    "{table} row {} → {parent}",
                    rowid.unwrap_or_default()
                ));
            }
        }
        let audit_chain = audit_chain::verify(conn)?;
        let backups = self.backups()?;
        let integrity = integrity.join("; ");
        let network_filesystem = network_filesystem(self.path());
        Ok(HealthReport {
            path: self.path().display().to_string(),
            schema_version: conn.query_row("PRAGMA user_version", [], |r| r.get(0))?,
            // The file and its write-ahead log (where recent changes wait to be checkpointed).
            file_bytes: std::fs::metadata(self.path()).map(|m| m.len()).unwrap_or(0)
                + std::fs::metadata(format!("{}-wal", self.path().display()))
                    .map(|m| m.len())
                    .unwrap_or(0),
            ok: integrity == "ok"
                && foreign_key_faults.is_empty()
                && audit_chain.ok
                && network_filesystem.is_none(),
            integrity,
            foreign_key_faults,
            audit_chain,
            network_filesystem,
            backups: backups.len(),
            latest_backup: backups
                .first()
                .map(|b| format!("{} ({})", b.made_at, b.reason)),
            backup_folder: self.backup_folder()?.display().to_string(),
        })
    }
}
