//! The API of ISMS Desk: everything the CLI and the app do goes through [`Store`], which owns the one SQLite connection (the one writer).

use std::path::{Path, PathBuf};

use chrono::SecondsFormat;
use rusqlite::{Connection, TransactionBehavior};
use serde::Serialize;

use crate::audit::{field_changes, AuditAction, AuditEntry, AuditQuery};
use crate::catalogue::{Catalogue, Framework};
use crate::db::{
    self, audit_log::Stamp, control_mappings::MappedControl, control_themes::ThemeRow,
};
use crate::error::{Error, Result};
use crate::organisation::{Organisation, OrganisationPatch};
use crate::register::{RegisterEntry, RegisterFilter, RegisterPatch, RegisterSummary};
use crate::soa::{
    compare_versions, parse_version, IssueSoa, SoaDocument, SoaRevision, SoaSnapshot,
};

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
}

/// A control with its register entry and its counterparts in the other edition.
#[derive(ts_rs::TS, Debug, Clone, Serialize)]
pub struct ControlDetail {
    #[serde(flatten)]
    pub entry: RegisterEntry,
    pub counterparts: Vec<MappedControl>,
}

/// The result of an update: the entry as stored now, and which fields changed (empty when nothing did).
#[derive(ts_rs::TS, Debug, Clone, Serialize)]
pub struct ControlUpdate {
    pub entry: RegisterEntry,
    pub changed_fields: Vec<String>,
}

impl Store {
    /// `~/.local/share/jp.ismsdesk.desk/isms.sqlite3` on Linux, the matching data folder elsewhere.
    pub fn default_path() -> Result<PathBuf> {
        dirs::data_dir()
            .map(|d| d.join(APP_ID).join(DEFAULT_FILE_NAME))
            .ok_or(Error::NoDataDirectory)
    }

    /// Opens the database at `path`, creating it with the catalogues if it does not exist.
    pub fn open(path: &Path) -> Result<Store> {
        let catalogue = Catalogue::builtin()?;
        let conn = db::open(path, &catalogue)?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            actor: whoami::username(),
        };
        store.ensure_organisation()?;
        store.ensure_asset_scheme()?;
        Ok(store)
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
        let now = now();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let old = db::organisations::get(&tx, ORGANISATION_ID)?.unwrap_or_default();
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

    /// The register, in document order, filtered.
    pub fn list_controls(&self, filter: &RegisterFilter) -> Result<Vec<RegisterEntry>> {
        let all = db::control_register::list(&self.conn, ORGANISATION_ID, filter.framework)?;
        Ok(all.into_iter().filter(|e| filter.matches(e)).collect())
    }

    /// Counts per framework.
    pub fn summary(&self) -> Result<Vec<RegisterSummary>> {
        let all = db::control_register::list(&self.conn, ORGANISATION_ID, None)?;
        Ok(<Framework as strum::VariantArray>::VARIANTS
            .iter()
            .map(|fw| RegisterSummary::of(*fw, &all))
            .collect())
    }

    /// Resolves what a user typed (`5.1`, `A.5.1`, `a.5.1.1`, `cld.6.3.1`) to a catalogue id.
    pub fn resolve_control_id(&self, typed: &str) -> Result<String> {
        self.control_ids()?
            .resolve(typed)
            .map(str::to_owned)
            .ok_or_else(|| Error::UnknownControl(typed.trim().to_owned()))
    }

    /// Every control id of the catalogues, to resolve many typed ids without a query each.
    pub fn control_ids(&self) -> Result<ControlIds> {
        Ok(ControlIds(db::controls::ids(&self.conn)?))
    }

    pub fn control(&self, typed_id: &str) -> Result<ControlDetail> {
        let id = self.resolve_control_id(typed_id)?;
        let control =
            db::controls::get(&self.conn, &id)?.ok_or_else(|| Error::UnknownControl(id.clone()))?;
        let (fields, updated_at) =
            db::control_register::get(&self.conn, ORGANISATION_ID, &id)?.unwrap_or_default();
        Ok(ControlDetail {
            entry: RegisterEntry {
                control,
                fields,
                updated_at,
            },
            counterparts: db::control_mappings::counterparts(&self.conn, &id)?,
        })
    }

    /// The 2013↔2022 counterparts of a control.
    pub fn counterparts(&self, typed_id: &str) -> Result<Vec<MappedControl>> {
        let id = self.resolve_control_id(typed_id)?;
        db::control_mappings::counterparts(&self.conn, &id)
    }

    /// Applies `patch` to a control's register entry: validated, written with one audit row per changed field, all in one transaction. Nothing is written when nothing changes or anything is invalid.
    pub fn update_control(
        &mut self,
        typed_id: &str,
        patch: RegisterPatch,
    ) -> Result<ControlUpdate> {
        let id = self.resolve_control_id(typed_id)?;
        let now = now();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let control =
            db::controls::get(&tx, &id)?.ok_or_else(|| Error::UnknownControl(id.clone()))?;
        let stored = db::control_register::get(&tx, ORGANISATION_ID, &id)?;
        let existed = stored.is_some();
        let (old, old_updated_at) = stored.unwrap_or_default();
        let new = old.patched(&control, patch)?;
        let changes = field_changes(&old.audit_values(), &new.audit_values());
        let mut updated_at = old_updated_at;
        if !changes.is_empty() {
            db::control_register::upsert(&tx, ORGANISATION_ID, &id, &new, &now)?;
            let stamp = Stamp {
                at: &now,
                actor: &self.actor,
                entity: "control_register",
                record_id: &id,
            };
            let action = if existed {
                AuditAction::Update
            } else {
                AuditAction::Create
            };
            for (field, old_value, new_value) in &changes {
                db::audit_log::append(
                    &tx,
                    &stamp,
                    action,
                    Some(field),
                    old_value.as_deref(),
                    new_value.as_deref(),
                )?;
            }
            updated_at = Some(now);
        }
        tx.commit()?;
        Ok(ControlUpdate {
            entry: RegisterEntry {
                control,
                fields: new,
                updated_at,
            },
            changed_fields: changes.iter().map(|(f, _, _)| (*f).to_owned()).collect(),
        })
    }

    pub fn audit_log(&self, query: &AuditQuery) -> Result<Vec<AuditEntry>> {
        db::audit_log::list(&self.conn, query)
    }
}

/// The control ids of the catalogues (see [`Store::control_ids`]).
#[derive(Debug, Clone)]
pub struct ControlIds(Vec<String>);

impl ControlIds {
    /// The control a person means by `typed`: exact, then ignoring case, then "A.5.1" for the 2022 control 5.1.
    pub fn resolve(&self, typed: &str) -> Option<&str> {
        let typed = typed.trim();
        let ids = &self.0;
        if let Some(id) = ids.iter().find(|id| id.as_str() == typed) {
            return Some(id);
        }
        if let Some(id) = ids.iter().find(|id| id.eq_ignore_ascii_case(typed)) {
            return Some(id);
        }
        // "A.5.1" is how many people write the 2022 Annex A control 5.1.
        let bare = typed
            .strip_prefix("A.")
            .or_else(|| typed.strip_prefix("a."))
            .unwrap_or(typed);
        ids.iter()
            .find(|id| id.as_str() == bare)
            .map(String::as_str)
    }
}

pub(crate) fn now() -> String {
    chrono::Local::now().to_rfc3339_opts(SecondsFormat::Secs, false)
}

impl Store {
    /// Issued SoA versions, oldest first.
    pub fn soa_versions(&self) -> Result<Vec<SoaRevision>> {
        db::soa_versions::list(&self.conn, ORGANISATION_ID)
    }

    /// Freezes the current register as an immutable SoA version.
    pub fn issue_soa(&mut self, req: IssueSoa) -> Result<SoaRevision> {
        let version_parts = parse_version(&req.version)?;
        let approved_by = req.approved_by.trim().to_owned();
        if approved_by.is_empty() {
            return Err(Error::MissingValue {
                field: "the approver (--approver)",
            });
        }
        let summary = req.summary.trim().to_owned();
        if summary.is_empty() {
            return Err(Error::MissingValue {
                field: "the summary of changes (--summary)",
            });
        }
        let prepared_by = req
            .prepared_by
            .map(|p| p.trim().to_owned())
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| self.actor.clone());
        let now = now();
        let issued_on = req
            .issued_on
            .unwrap_or_else(|| chrono::Local::now().date_naive());
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        for earlier in db::soa_versions::list(&tx, ORGANISATION_ID)? {
            let earlier_parts = parse_version(&earlier.version)?;
            if compare_versions(&version_parts, &earlier_parts) != std::cmp::Ordering::Greater {
                return Err(Error::SoaVersionNotNewer {
                    version: req.version.trim().to_owned(),
                    latest: earlier.version,
                });
            }
        }
        let snapshot = SoaSnapshot {
            organisation: db::organisations::get(&tx, ORGANISATION_ID)?.unwrap_or_default(),
            themes: db::control_themes::list(&tx)?,
            entries: db::control_register::list(&tx, ORGANISATION_ID, None)?,
        };
        let rev = SoaRevision {
            version: req.version.trim().to_owned(),
            issued_on: issued_on.to_string(),
            issued_at: now.clone(),
            prepared_by,
            approved_by,
            summary,
        };
        db::soa_versions::insert(&tx, ORGANISATION_ID, &rev, &snapshot)?;
        let stamp = Stamp {
            at: &now,
            actor: &self.actor,
            entity: "soa_version",
            record_id: &rev.version,
        };
        for (field, value) in [
            ("issued_on", &rev.issued_on),
            ("prepared_by", &rev.prepared_by),
            ("approved_by", &rev.approved_by),
            ("summary", &rev.summary),
        ] {
            db::audit_log::append(
                &tx,
                &stamp,
                AuditAction::Create,
                Some(field),
                None,
                Some(value),
            )?;
        }
        tx.commit()?;
        Ok(rev)
    }

    /// The SoA to export: an issued version exactly as frozen, or (`None`) the current register as a draft.
    pub fn soa_document(&self, version: Option<&str>) -> Result<SoaDocument> {
        let history = db::soa_versions::list(&self.conn, ORGANISATION_ID)?;
        match version {
            Some(v) => {
                let (rev, snapshot) = db::soa_versions::get(&self.conn, ORGANISATION_ID, v.trim())?
                    .ok_or_else(|| Error::UnknownSoaVersion(v.trim().to_owned()))?;
                let upto = history
                    .iter()
                    .position(|h| h.version == rev.version)
                    .map_or(history.len(), |i| i + 1);
                let issued_on = crate::register::parse_date("issue date", &rev.issued_on)?;
                Ok(SoaDocument {
                    version: Some(rev.version.clone()),
                    issued_on,
                    prepared_by: rev.prepared_by.clone(),
                    approved_by: rev.approved_by.clone(),
                    snapshot,
                    history: history[..upto].to_vec(),
                })
            }
            None => Ok(SoaDocument {
                version: None,
                issued_on: chrono::Local::now().date_naive(),
                prepared_by: String::new(),
                approved_by: String::new(),
                snapshot: SoaSnapshot {
                    organisation: self.organisation()?,
                    themes: self.themes()?,
                    entries: db::control_register::list(&self.conn, ORGANISATION_ID, None)?,
                },
                history,
            }),
        }
    }
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
