//! Backups with SQLite's online backup API: automatic ones (the first open of each day; before every import, migration
//! and restore) and those made on request, in a folder beside the database (`backups/`, configurable), each checked
//! with `PRAGMA quick_check` after writing; old generations pruned (default 14 daily and 10 before-an-operation).
//! A restore checks the backup (integrity, ours, schema not newer), backs up the current file first, then swaps
//! the file atomically.

use std::path::{Path, PathBuf};

use chrono::Local;
use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::store::Store;

const POLICY_KEY: &str = "backup_policy";

/// Why a backup was made (part of its file name).
#[derive(
    ts_rs::TS,
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    strum::AsRefStr,
    strum::EnumString,
    strum::Display,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "kebab-case")]
pub enum BackupReason {
    Daily,
    Manual,
    PreImport,
    PreMigration,
    PreRestore,
    PreUndo,
}

/// Where backups go and how many are kept.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BackupSettings {
    /// Empty: `backups/` beside the database.
    pub folder: String,
    pub keep_daily: u32,
    /// Backups made before an operation (import, migration, restore, undo) and on request.
    pub keep_operations: u32,
}

impl Default for BackupSettings {
    fn default() -> Self {
        BackupSettings {
            folder: String::new(),
            keep_daily: 14,
            keep_operations: 10,
        }
    }
}

/// One backup file.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupInfo {
    pub path: String,
    pub file_name: String,
    /// `YYYY-MM-DD HH:MM:SS` local time, from the file name.
    pub made_at: String,
    pub reason: BackupReason,
    pub bytes: u64,
}

/// What a backup file holds, checked before a restore.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupCheck {
    pub path: String,
    pub schema_version: i64,
    pub integrity: String,
    pub organisation: String,
    pub audit_entries: i64,
}

/// The default backup folder of a database.
pub fn default_folder(db_path: &Path) -> PathBuf {
    db_path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
        .join("backups")
}

fn stem(db_path: &Path) -> String {
    db_path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "isms".to_owned())
}

/// Copies the open database `conn` into `folder` with the online backup API and checks the copy.
pub(crate) fn write_backup(
    conn: &Connection,
    db_path: &Path,
    folder: &Path,
    reason: BackupReason,
) -> Result<BackupInfo> {
    std::fs::create_dir_all(folder).map_err(|source| Error::Io {
        context: format!("cannot create the backup folder {}", folder.display()),
        source,
    })?;
    let now = Local::now();
    let mut name = format!(
        "{}-{}-{}.sqlite3",
        stem(db_path),
        now.format("%Y%m%d-%H%M%S"),
        reason
    );
    let mut n = 1;
    while folder.join(&name).exists() {
        n += 1;
        name = format!(
            "{}-{}-{}-{n}.sqlite3",
            stem(db_path),
            now.format("%Y%m%d-%H%M%S"),
            reason
        );
    }
    let target = folder.join(&name);
    let part = target.with_extension("sqlite3.part");
    let written = (|| -> Result<()> {
        let mut dest = Connection::open(&part)?;
        {
            let backup = rusqlite::backup::Backup::new(conn, &mut dest)?;
            backup.run_to_completion(1024, std::time::Duration::from_millis(0), None)?;
        }
        let check: String = dest.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
        if check != "ok" {
            return Err(Error::NotADatabase {
                path: target.display().to_string(),
                reason: format!("the backup just written failed its check: {check}"),
            });
        }
        drop(dest);
        std::fs::rename(&part, &target).map_err(|source| Error::Io {
            context: format!("cannot write the backup {}", target.display()),
            source,
        })
    })();
    if let Err(e) = written {
        // A backup that failed half-way (a full disk) leaves nothing behind to fill the disk further, and says which
        // file it could not write.
        for leftover in [
            part.clone(),
            PathBuf::from(format!("{}-journal", part.display())),
        ] {
            let _ = std::fs::remove_file(leftover);
        }
        return Err(match e {
            Error::Sqlite(e) => Error::Io {
                context: format!("cannot write the backup {}", target.display()),
                source: std::io::Error::other(e),
            },
            e => e,
        });
    }
    let bytes = std::fs::metadata(&target).map(|m| m.len()).unwrap_or(0);
    Ok(BackupInfo {
        path: target.display().to_string(),
        file_name: name,
        made_at: now.format("%Y-%m-%d %H:%M:%S").to_string(),
        reason,
        bytes,
    })
}

/// The backups of `db_path` in `folder`, newest first.
pub fn list(db_path: &Path, folder: &Path) -> Vec<BackupInfo> {
    let prefix = format!("{}-", stem(db_path));
    let mut out: Vec<BackupInfo> = std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let rest = name.strip_prefix(&prefix)?.strip_suffix(".sqlite3")?;
            // 20261201-093000-daily[-2]
            let (date, rest) = rest.split_once('-')?;
            let (time, reason) = rest.split_once('-')?;
            let reason_text = reason
                .trim_end_matches(|c: char| c.is_ascii_digit())
                .trim_end_matches('-');
            let reason: BackupReason = reason_text.parse().ok()?;
            let at =
                chrono::NaiveDateTime::parse_from_str(&format!("{date}{time}"), "%Y%m%d%H%M%S")
                    .ok()?;
            Some(BackupInfo {
                path: e.path().display().to_string(),
                file_name: name.clone(),
                made_at: at.format("%Y-%m-%d %H:%M:%S").to_string(),
                reason,
                bytes: e.metadata().map(|m| m.len()).unwrap_or(0),
            })
        })
        .collect();
    out.sort_by(|a, b| b.file_name.cmp(&a.file_name));
    out
}

/// How old a half-written backup (`….sqlite3.part`) must be before it is taken for the leftover of a program that was
/// killed while writing it, rather than one being written now by another program on the same database.
const STALE_PART: std::time::Duration = std::time::Duration::from_secs(3600);

/// Removes the oldest backups beyond the policy's numbers, and backups left half-written by a program that was killed
/// while writing them.
fn prune(db_path: &Path, folder: &Path, policy: &BackupSettings) {
    let prefix = format!("{}-", stem(db_path));
    for e in std::fs::read_dir(folder).into_iter().flatten().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let stale = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STALE_PART);
        if stale
            && name.starts_with(&prefix)
            && (name.ends_with(".sqlite3.part") || name.ends_with(".sqlite3.part-journal"))
        {
            let _ = std::fs::remove_file(e.path());
        }
    }
    let all = list(db_path, folder);
    let (daily, ops): (Vec<_>, Vec<_>) = all
        .into_iter()
        .partition(|b| b.reason == BackupReason::Daily);
    for old in daily
        .iter()
        .skip(policy.keep_daily as usize)
        .chain(ops.iter().skip(policy.keep_operations as usize))
    {
        let _ = std::fs::remove_file(&old.path);
    }
}

/// Opens a backup read-only and checks that it can replace a database: an SQLite file of ours, intact, not from a
/// newer program.
pub fn check_backup(path: &Path) -> Result<BackupCheck> {
    let display = path.display().to_string();
    let not_usable = |reason: String| Error::NotADatabase {
        path: display.clone(),
        reason,
    };
    if !path.is_file() {
        return Err(Error::NoDatabase {
            path: display.clone(),
        });
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| not_usable(e.to_string()))?;
    let app_id: i64 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(|_| not_usable("it is not an SQLite file".to_owned()))?;
    if app_id != crate::db::APPLICATION_ID {
        return Err(not_usable("it is not an ISMS Desk database".to_owned()));
    }
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > crate::db::schema_version() {
        return Err(Error::NewerDatabase {
            path: display.clone(),
            found: version,
            supported: crate::db::schema_version(),
        });
    }
    let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if integrity != "ok" {
        return Err(not_usable(format!(
            "its integrity check failed: {integrity}"
        )));
    }
    let organisation: String = conn
        .query_row(
            "SELECT name FROM organisations ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap_or_default();
    let audit_entries: i64 = conn
        .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
        .unwrap_or(0);
    Ok(BackupCheck {
        path: display,
        schema_version: version,
        integrity,
        organisation,
        audit_entries,
    })
}

/// The programs that have the database open (this one included, should it still hold the file), as ` (isms, pid 4242; …)`: on Linux read from `/proc/*/fd` (the
/// file or its `-wal` / `-shm`), elsewhere, or when nothing is found, the likely ones are named.
fn holders(db_path: &Path) -> String {
    let names: Vec<PathBuf> = ["", "-wal", "-shm"]
        .iter()
        .map(|s| PathBuf::from(format!("{}{s}", db_path.display())))
        .filter_map(|p| p.canonicalize().ok())
        .collect();
    let me = std::process::id();
    let mut found: Vec<String> = Vec::new();
    if let Ok(procs) = std::fs::read_dir("/proc") {
        for p in procs.flatten() {
            let Some(pid) = p.file_name().to_str().and_then(|s| s.parse::<u32>().ok()) else {
                continue;
            };
            let holds = std::fs::read_dir(p.path().join("fd")).is_ok_and(|fds| {
                fds.flatten()
                    .any(|fd| std::fs::read_link(fd.path()).is_ok_and(|t| names.contains(&t)))
            });
            if holds {
                let comm = std::fs::read_to_string(p.path().join("comm")).unwrap_or_default();
                let this = if pid == me { ", this program" } else { "" };
                found.push(format!("{}, pid {pid}{this}", comm.trim()));
            }
        }
    }
    if found.is_empty() {
        " (ISMS Desk or `isms`)".to_owned()
    } else {
        format!(" ({})", found.join("; "))
    }
}

/// The copy a restore makes beside the database before renaming it over the file (see [`Store::restore_from`]).
fn restore_copy(db_path: &Path) -> PathBuf {
    db_path.with_extension("sqlite3.restoring")
}

/// Removes the copy of a restore that was stopped half-way (the program killed, the power cut): the database itself
/// was never touched, since the copy only replaces it once whole. A copy younger than a minute may be another
/// program's restore in progress, and is left alone.
pub(crate) fn remove_interrupted_restore(db_path: &Path) {
    let copy = restore_copy(db_path);
    let stale = std::fs::metadata(&copy)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age > std::time::Duration::from_secs(60));
    if stale {
        let _ = std::fs::remove_file(&copy);
    }
}

impl Store {
    pub fn backup_policy(&self) -> Result<BackupSettings> {
        match crate::db::settings::get(self.conn(), crate::store::ORGANISATION_ID, POLICY_KEY)? {
            Some(json) => Ok(serde_json::from_str(&json)?),
            None => Ok(BackupSettings::default()),
        }
    }

    pub fn set_backup_policy(&mut self, policy: &BackupSettings) -> Result<BackupSettings> {
        if policy.keep_daily == 0 && policy.keep_operations == 0 {
            return Err(Error::InvalidValue {
                field: "backups kept",
                value: "0".to_owned(),
                expected: "at least one generation kept".to_owned(),
            });
        }
        let now = crate::store::now();
        crate::db::settings::set(
            self.conn(),
            crate::store::ORGANISATION_ID,
            POLICY_KEY,
            &serde_json::to_string(policy)?,
            &now,
        )?;
        self.backup_policy()
    }

    /// The folder backups go to.
    pub fn backup_folder(&self) -> Result<PathBuf> {
        let p = self.backup_policy()?;
        Ok(if p.folder.trim().is_empty() {
            default_folder(self.path())
        } else {
            PathBuf::from(p.folder.trim())
        })
    }

    /// Makes a backup now (checked, older generations pruned).
    pub fn create_backup(&self, reason: BackupReason) -> Result<BackupInfo> {
        let folder = self.backup_folder()?;
        let info = write_backup(self.conn(), self.path(), &folder, reason)?;
        prune(self.path(), &folder, &self.backup_policy()?);
        Ok(info)
    }

    /// The backups of this database, newest first.
    pub fn backups(&self) -> Result<Vec<BackupInfo>> {
        Ok(list(self.path(), &self.backup_folder()?))
    }

    /// The day's automatic backup, on the first open of the day (nothing for a database with nothing in it yet).
    pub(crate) fn daily_backup(&self) -> Result<Option<BackupInfo>> {
        let today = Local::now().format("%Y-%m-%d").to_string();
        let folder = self.backup_folder()?;
        if list(self.path(), &folder)
            .iter()
            .any(|b| b.reason == BackupReason::Daily && b.made_at.starts_with(&today))
        {
            return Ok(None);
        }
        let entries: i64 = self
            .conn()
            .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))?;
        if entries <= 1 {
            return Ok(None);
        }
        self.create_backup(BackupReason::Daily).map(Some)
    }

    /// Replaces the database at `db_path` with `backup` and opens it: the backup is checked first, the current file
    /// is backed up, then the file is swapped atomically (a copy beside it renamed over it).
    pub fn restore(db_path: &Path, backup: &Path) -> Result<(Store, BackupInfo)> {
        let mut store = Store::open_existing(db_path)?;
        let pre = store.restore_from(backup)?;
        Ok((store, pre))
    }

    /// Replaces this store's database with `backup` (see [`Store::restore`]) and reopens it in place; returns the
    /// backup of the file as it was.
    pub fn restore_from(&mut self, backup: &Path) -> Result<BackupInfo> {
        check_backup(backup)?;
        let db_path = self.path().to_path_buf();
        let pre = self.create_backup(BackupReason::PreRestore)?;
        // Closing the connection (which checkpoints the WAL) before the swap.
        let closed = std::mem::replace(self.conn_mut(), Connection::open_in_memory()?);
        drop(closed);
        // A write-ahead log still there means another program has the file open: swapping now would lose its work.
        let wal = PathBuf::from(format!("{}-wal", db_path.display()));
        if std::fs::metadata(&wal)
            .map(|m| m.len() > 0)
            .unwrap_or(false)
        {
            *self = Store::open_existing(&db_path)?;
            return Err(Error::InUse {
                path: db_path.display().to_string(),
                holders: holders(&db_path),
            });
        }
        let tmp = restore_copy(&db_path);
        let swapped = (|| -> Result<()> {
            std::fs::copy(backup, &tmp).map_err(|source| Error::Io {
                context: format!(
                    "cannot copy {} beside {}",
                    backup.display(),
                    db_path.display()
                ),
                source,
            })?;
            if let Ok(f) = std::fs::File::open(&tmp) {
                let _ = f.sync_all();
            }
            for suffix in ["-wal", "-shm"] {
                let side = PathBuf::from(format!("{}{suffix}", db_path.display()));
                if side.exists() {
                    std::fs::remove_file(&side).map_err(|source| Error::Io {
                        context: format!("cannot remove {}", side.display()),
                        source,
                    })?;
                }
            }
            std::fs::rename(&tmp, &db_path).map_err(|source| Error::Io {
                context: format!(
                    "cannot put the restored file in place of {}",
                    db_path.display()
                ),
                source,
            })
        })();
        if let Err(e) = swapped {
            let _ = std::fs::remove_file(&tmp);
            *self = Store::open_existing(&db_path)?;
            return Err(e);
        }
        *self = Store::open_existing(&db_path)?;
        Ok(pre)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A restore killed half-way leaves its copy beside the database; the next open removes it once it is older than
    /// a minute (a younger one may be another program's restore in progress).
    #[test]
    fn the_copy_of_an_interrupted_restore_is_removed_at_open() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("isms.sqlite3");
        drop(Store::open(&db).unwrap());
        let copy = restore_copy(&db);
        std::fs::write(&copy, b"half a database").unwrap();
        drop(Store::open(&db).unwrap());
        assert!(copy.exists(), "a fresh copy is left alone");
        let old = std::time::SystemTime::now() - std::time::Duration::from_secs(600);
        std::fs::File::options()
            .write(true)
            .open(&copy)
            .unwrap()
            .set_modified(old)
            .unwrap();
        drop(Store::open(&db).unwrap());
        assert!(!copy.exists(), "the stale copy is removed");
    }
}
