//! Imports as batches that can be taken back: every import that writes records what file it read (name, SHA-256),
//! the sheet, its counts, who and when, and per asset whether it inserted it or updated it from a recorded previous
//! value. Undoing removes the inserted assets and puts the updated ones back, in one transaction, audited; an asset
//! changed after the import is not overwritten (the undo refuses and names it, or with `force` leaves it and says so).

use std::collections::BTreeMap;

use rusqlite::TransactionBehavior;
use serde::Serialize;

use crate::asset::Asset;
use crate::audit::{field_changes, AuditAction};
use crate::backup::BackupReason;
use crate::db::{self, audit_log::Stamp};
use crate::error::{Error, Result};
use crate::store::{now, Store, ORGANISATION_ID};

/// One import as recorded.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportBatch {
    pub id: i64,
    /// assets (only asset imports are recorded for undo today).
    pub kind: String,
    pub file_name: String,
    pub file_sha256: String,
    pub sheet: String,
    /// inserted, updated, unchanged, rejected …
    pub counts: BTreeMap<String, i64>,
    pub actor: String,
    pub at: String,
    /// The last audit entry the import wrote: anything after it touching its assets is a later change.
    pub audit_high: i64,
    pub undone_at: Option<String>,
    pub undone_by: Option<String>,
    pub undo_note: String,
}

/// What an undo did.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UndoReport {
    pub batch: i64,
    /// Assets the import had inserted, now removed.
    pub removed: usize,
    /// Assets the import had updated, now back to their values before it.
    pub restored: usize,
    /// Assets changed after the import and therefore left as they are (only with `force`).
    pub left: Vec<String>,
    pub backup: String,
}

impl Store {
    pub fn import_batches(&self) -> Result<Vec<ImportBatch>> {
        db::import_batches::list(self.conn(), ORGANISATION_ID)
    }

    /// Takes an import back. Refused when an asset it wrote was changed since (named), unless `force`, which leaves
    /// those and undoes the rest.
    pub fn undo_import(&mut self, batch_id: i64, force: bool) -> Result<UndoReport> {
        let batch =
            db::import_batches::get(self.conn(), ORGANISATION_ID, batch_id)?.ok_or_else(|| {
                Error::InvalidValue {
                    field: "import",
                    value: batch_id.to_string(),
                    expected: "the number of an import (see `isms imports list`)".to_owned(),
                }
            })?;
        if let Some(at) = &batch.undone_at {
            return Err(Error::InvalidValue {
                field: "import",
                value: batch_id.to_string(),
                expected: format!("an import not undone yet (this one was undone at {at})"),
            });
        }
        let rows = db::import_batch_rows::list(self.conn(), batch_id)?;
        // Changed since: an asset whose state is no longer what the import left (or that is gone).
        let mut touched = Vec::new();
        for (asset_id, _, _, after) in &rows {
            let now = db::assets::get(self.conn(), ORGANISATION_ID, asset_id)?
                .map(|(_, a, _)| a.state_hash());
            if now.as_deref() != Some(after.as_str()) {
                touched.push(asset_id.clone());
            }
        }
        if !touched.is_empty() && !force {
            return Err(Error::ImportChangedSince {
                batch: batch_id,
                assets: touched,
            });
        }
        let backup = self.create_backup(BackupReason::PreUndo)?;
        let now = now();
        let actor = self.actor().to_owned();
        let scheme_levels = crate::asset::store::level_ids(self.conn())?;
        let tx = self
            .conn_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (mut removed, mut restored) = (0, 0);
        let note = format!("undo of import {batch_id} ({})", batch.file_name);
        // The reviews an inventory workbook's import recorded go with it.
        db::inventory_reviews::remove_for_batch(&tx, batch_id)?;
        for (asset_id, action, before, _) in rows {
            if touched.contains(&asset_id) {
                continue;
            }
            let Some((row_id, current, _)) = db::assets::get(&tx, ORGANISATION_ID, &asset_id)?
            else {
                continue;
            };
            let stamp = Stamp {
                at: &now,
                actor: &actor,
                entity: "asset",
                record_id: &asset_id,
            };
            match (action.as_str(), before) {
                ("insert", _) => {
                    db::inventory_reviews::remove_for_asset(&tx, row_id)?;
                    db::assets::delete(&tx, ORGANISATION_ID, &asset_id)?;
                    db::audit_log::append(
                        &tx,
                        &stamp,
                        AuditAction::Delete,
                        None,
                        Some(&serde_json::to_string(&current)?),
                        Some(&note),
                    )?;
                    removed += 1;
                }
                ("update", Some(before)) => {
                    let old: Asset = serde_json::from_str(&before)?;
                    db::assets::upsert(&tx, ORGANISATION_ID, &old, &scheme_levels, &now)?;
                    for (field, a, b) in field_changes(&current.audit_values(), &old.audit_values())
                    {
                        db::audit_log::append(
                            &tx,
                            &stamp,
                            AuditAction::Update,
                            Some(field),
                            a.as_deref(),
                            b.as_deref(),
                        )?;
                    }
                    restored += 1;
                }
                _ => {}
            }
        }
        let left_note = if touched.is_empty() {
            String::new()
        } else {
            format!("left as changed since: {}", touched.join(", "))
        };
        db::import_batches::mark_undone(&tx, batch_id, &now, &actor, &left_note)?;
        tx.commit()?;
        Ok(UndoReport {
            batch: batch_id,
            removed,
            restored,
            left: touched,
            backup: backup.path,
        })
    }
}
