//! The API of ISMS Desk: everything the CLI and the app do goes through [`Store`], which owns the one SQLite connection (the one writer).

use std::path::{Path, PathBuf};

use chrono::SecondsFormat;
use rusqlite::{Connection, TransactionBehavior};
use serde::Serialize;

use crate::audit::{field_changes, AuditAction, AuditEntry, AuditQuery};
use crate::catalogue::Catalogue;
use crate::db::{self, audit_log::Stamp, control_themes::ThemeRow};
use crate::error::{Error, Result};
use crate::organisation::{Organisation, OrganisationPatch};

/// The reverse-DNS identifier of the application: the Tauri identifier and the name of its data folder.
pub const APP_ID: &str = "jp.ismsdesk.desk";
/// The file name of the default database inside the data folder.
pub const DEFAULT_FILE_NAME: &str = "isms.sqlite3";

/// The one organisation a file holds today; the schema keys the register by organisation so a file can hold more later.
pub(crate) const ORGANISATION_ID: i64 = 1;

/// An open ISMS Desk database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    actor: String,
    /// Why the day's automatic backup could not be made at open (a full disk, a read-only backup folder).
    daily_backup_problem: Option<String>,
}

pub use crate::register::store::{ControlDetail, ControlIds, ControlUpdate};

impl Store {
    /// `~/.local/share/jp.ismsdesk.desk/isms.sqlite3` on Linux, the matching data folder elsewhere.
    pub fn default_path() -> Result<PathBuf> {
        dirs::data_dir()
            .map(|d| d.join(APP_ID).join(DEFAULT_FILE_NAME))
            .ok_or(Error::NoDataDirectory)
    }

    /// Opens the database at `path`, which must exist: a mistyped path is an error, never a new empty ISMS.
    pub fn open_existing(path: &Path) -> Result<Store> {
        if !std::fs::metadata(path)
            .map(|m| m.is_file())
            .unwrap_or(false)
        {
            return Err(Error::NoDatabase {
                path: path.display().to_string(),
            });
        }
        Store::open(path)
    }

    /// Opens the database at `path`, creating it with the catalogues if it does not exist (`isms init`, the app's
    /// default database on first start).
    pub fn open(path: &Path) -> Result<Store> {
        let catalogue = Catalogue::builtin()?;
        crate::asset::lifecycle::retirement_methods()?;
        let conn = db::open(path, &catalogue)?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            actor: whoami::username(),
            daily_backup_problem: None,
        };
        store.ensure_organisation()?;
        store.ensure_asset_scheme()?;
        store.ensure_supplier_lists()?;
        store.ensure_incident_data()?;
        // A backup that cannot be written must not lock the user out of the data: the file opens (reading,
        // exporting elsewhere, `isms check`, moving the backup folder all still work), the problem is kept for the
        // front end to show, and the next open tries again.
        if let Err(e) = store.daily_backup() {
            store.daily_backup_problem = Some(e.to_string());
        }
        crate::backup::remove_interrupted_restore(path);
        Ok(store)
    }

    /// Why the day's automatic backup could not be made when this store was opened, if it could not.
    pub fn daily_backup_problem(&self) -> Option<&str> {
        self.daily_backup_problem.as_deref()
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    pub(crate) fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The name recorded in the audit trail for changes made through this store.
    pub fn actor(&self) -> &str {
        &self.actor
    }

    fn ensure_organisation(&mut self) -> Result<()> {
        if db::organisations::get(&self.conn, ORGANISATION_ID)?.is_some() {
            return Ok(());
        }
        let now = now();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        if db::organisations::get(&tx, ORGANISATION_ID)?.is_none() {
            db::organisations::insert(&tx, ORGANISATION_ID, &Organisation::default(), &now)?;
            let stamp = Stamp {
                at: &now,
                actor: &self.actor,
                entity: "organisation",
                record_id: "1",
            };
            db::audit_log::append(&tx, &stamp, AuditAction::Create, None, None, None)?;
        }
        tx.commit()?;
        Ok(())
    }

    pub fn organisation(&self) -> Result<Organisation> {
        Ok(db::organisations::get(&self.conn, ORGANISATION_ID)?.unwrap_or_default())
    }

    pub fn update_organisation(&mut self, patch: OrganisationPatch) -> Result<Organisation> {
        self.save_organisation(patch, None)
    }

    /// Changes the profile; with `base` (the profile as the form loaded it), a field someone else changed since and
    /// this patch changes too is a [`Error::Conflict`] and nothing is written.
    pub fn save_organisation(
        &mut self,
        patch: OrganisationPatch,
        base: Option<Organisation>,
    ) -> Result<Organisation> {
        let now = now();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let old = db::organisations::get(&tx, ORGANISATION_ID)?.unwrap_or_default();
        if let Some(base) = base {
            let yours = base.patched(patch.clone());
            let mut found = crate::conflict::conflicts(
                &base.audit_values(),
                &old.audit_values(),
                &yours.audit_values(),
            );
            if !found.is_empty() {
                db::audit_log::attribute(&tx, "organisation", "1", &mut found)?;
                return Err(Error::Conflict {
                    record: "the organisation profile".to_owned(),
                    conflicts: found,
                });
            }
        }
        let new = old.patched(patch);
        let changes = field_changes(&old.audit_values(), &new.audit_values());
        if !changes.is_empty() {
            db::organisations::update(&tx, ORGANISATION_ID, &new, &now)?;
            let stamp = Stamp {
                at: &now,
                actor: &self.actor,
                entity: "organisation",
                record_id: "1",
            };
            for (field, old_value, new_value) in &changes {
                db::audit_log::append(
                    &tx,
                    &stamp,
                    AuditAction::Update,
                    Some(field),
                    old_value.as_deref(),
                    new_value.as_deref(),
                )?;
            }
        }
        tx.commit()?;
        Ok(new)
    }

    /// The themes / clauses of every framework, in document order.
    pub fn themes(&self) -> Result<Vec<ThemeRow>> {
        db::control_themes::list(&self.conn)
    }

    pub fn audit_log(&self, query: &AuditQuery) -> Result<Vec<AuditEntry>> {
        db::audit_log::list(&self.conn, query)
    }
}

pub(crate) fn now() -> String {
    chrono::Local::now().to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// Something whose next review falls within the window asked for, or is overdue.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReviewDue {
    /// `control` or `asset`.
    pub kind: String,
    pub id: String,
    pub title: String,
    pub next_review: chrono::NaiveDate,
    pub overdue: bool,
}

impl Store {
    /// Controls and assets whose next review is before `today + days`, overdue first, then by date.
    pub fn reviews_due(&self, today: chrono::NaiveDate, days: u32) -> Result<Vec<ReviewDue>> {
        let horizon = today + chrono::Days::new(u64::from(days));
        let mut out = Vec::new();
        for e in db::control_register::list(&self.conn, ORGANISATION_ID, None)? {
            if let Some(d) = e.fields.next_review.filter(|d| *d <= horizon) {
                out.push(ReviewDue {
                    kind: "control".to_owned(),
                    id: e.control.id,
                    title: e.control.title_ja,
                    next_review: d,
                    overdue: d < today,
                });
            }
        }
        for (id, title, date) in
            db::assets::reviews_due(&self.conn, ORGANISATION_ID, &horizon.to_string())?
        {
            let d = crate::register::parse_date("next review", &date)?;
            out.push(ReviewDue {
                kind: "asset".to_owned(),
                id,
                title,
                next_review: d,
                overdue: d < today,
            });
        }
        out.sort_by_key(|r| (!r.overdue, r.next_review));
        Ok(out)
    }

    /// Copies the open database to `target` with SQLite's online backup (the app keeps running on the original).
    pub fn backup_to(&self, target: &Path) -> Result<()> {
        if target.exists() {
            return Err(Error::InvalidValue {
                field: "backup file",
                value: target.display().to_string(),
                expected: "a file name that does not exist yet".to_owned(),
            });
        }
        let mut dest = Connection::open(target)?;
        let backup = rusqlite::backup::Backup::new(&self.conn, &mut dest)?;
        backup.run_to_completion(256, std::time::Duration::from_millis(0), None)?;
        Ok(())
    }
}
