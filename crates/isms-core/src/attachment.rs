//! Attachments: evidence files (contracts, certificates, evaluation evidence, incident evidence) kept inside the one
//! SQLite file, so the file holds the whole ISMS and a backup is complete. Content is stored once per SHA-256; each
//! attachment records its record, name, type, size, who added it and when. Built once, used by every record type.

use std::path::{Path, PathBuf};

use rusqlite::TransactionBehavior;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::audit::AuditAction;
use crate::db::{self, audit_log::Stamp};
use crate::error::{Error, Result};
use crate::store::{now, Store, ORGANISATION_ID};

/// The largest file accepted, unless the caller sets another limit.
pub const DEFAULT_LIMIT_BYTES: u64 = 50 * 1024 * 1024;

/// The records that can hold attachments.
pub const OWNERS: [&str; 5] = [
    "supplier",
    "supplier_evaluation",
    "incident",
    "certification",
    "whitepaper",
];

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attachment {
    pub id: i64,
    pub sha256: String,
    pub name: String,
    pub media_type: String,
    pub size: i64,
    pub owner_entity: String,
    pub owner_id: String,
    pub note: String,
    pub added_at: String,
    pub added_by: String,
}

/// A file name that cannot leave the folder it is written to: the last path component only, without control
/// characters, separators, leading dots or names Windows reserves; never empty.
pub fn safe_file_name(name: &str) -> String {
    let last = name
        .rsplit(['/', '\\'])
        .find(|p| !p.trim().is_empty())
        .unwrap_or("");
    let cleaned: String = last
        .chars()
        .map(|c| {
            if c.is_control() || "<>:\"|?*/\\".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim().to_owned();
    let stem = cleaned.split('.').next().unwrap_or("").to_ascii_uppercase();
    let reserved = ["CON", "PRN", "AUX", "NUL"].contains(&stem.as_str())
        || (stem.len() == 4 && (stem.starts_with("COM") || stem.starts_with("LPT")));
    if cleaned.is_empty() || reserved {
        format!("attachment-{cleaned}")
            .trim_end_matches('-')
            .to_owned()
    } else {
        cleaned
    }
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1024.0 / 1024.0)
}

impl Store {
    /// Attaches the file at `path` to a record, refusing a file over `limit` bytes before reading it.
    pub fn attach_file(
        &mut self,
        owner_entity: &str,
        owner_id: &str,
        path: &Path,
        note: &str,
        limit: u64,
    ) -> Result<Attachment> {
        let io = |source| Error::Io {
            context: format!("cannot read {}", path.display()),
            source,
        };
        let size = std::fs::metadata(path).map_err(io)?.len();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if size > limit {
            return Err(too_large(&name, size, limit));
        }
        let data = std::fs::read(path).map_err(io)?;
        self.attach(owner_entity, owner_id, &name, &data, note, limit)
    }

    /// Attaches `data` under `name` to a record (`supplier` SUP-0001, `supplier_evaluation` 3 …), in one transaction
    /// with its audit entry.
    pub fn attach(
        &mut self,
        owner_entity: &str,
        owner_id: &str,
        name: &str,
        data: &[u8],
        note: &str,
        limit: u64,
    ) -> Result<Attachment> {
        let name = name.trim();
        if name.is_empty() {
            return Err(Error::MissingValue {
                field: "the attachment's file name",
            });
        }
        if data.len() as u64 > limit {
            return Err(too_large(name, data.len() as u64, limit));
        }
        self.check_owner(owner_entity, owner_id)?;
        let sha256 = format!("{:x}", Sha256::digest(data));
        let media_type = mime_guess::from_path(name)
            .first_or_octet_stream()
            .essence_str()
            .to_owned();
        let now = now();
        let actor = self.actor().to_owned();
        let mut a = Attachment {
            id: 0,
            sha256,
            name: name.to_owned(),
            media_type,
            size: data.len() as i64,
            owner_entity: owner_entity.to_owned(),
            owner_id: owner_id.to_owned(),
            note: note.trim().to_owned(),
            added_at: now.clone(),
            added_by: actor.clone(),
        };
        let tx = self
            .conn_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        db::attachments::put_blob(&tx, &a.sha256, data)?;
        a.id = db::attachments::insert(&tx, ORGANISATION_ID, &a)?;
        let stamp = Stamp {
            at: &now,
            actor: &actor,
            entity: owner_entity,
            record_id: owner_id,
        };
        db::audit_log::append(
            &tx,
            &stamp,
            AuditAction::Create,
            Some("attachment"),
            None,
            Some(&format!(
                "{} ({} bytes, sha256 {})",
                a.name, a.size, a.sha256
            )),
        )?;
        tx.commit()?;
        Ok(a)
    }

    fn check_owner(&self, owner_entity: &str, owner_id: &str) -> Result<()> {
        let found = match owner_entity {
            "supplier" => db::suppliers::get(self.conn(), ORGANISATION_ID, owner_id)?.is_some(),
            "supplier_evaluation" => owner_id
                .parse::<i64>()
                .ok()
                .map(|id| db::supplier_evaluations::get(self.conn(), id))
                .transpose()?
                .flatten()
                .is_some(),
            "incident" => db::incidents::get(self.conn(), ORGANISATION_ID, owner_id)?.is_some(),
            "certification" => {
                db::certifications::get(self.conn(), ORGANISATION_ID, owner_id)?.is_some()
            }
            "whitepaper" => db::whitepapers::get(self.conn(), ORGANISATION_ID, owner_id)?.is_some(),
            other => {
                return Err(Error::InvalidValue {
                    field: "attachment owner",
                    value: other.to_owned(),
                    expected: format!("one of {}", OWNERS.join(", ")),
                })
            }
        };
        if found {
            Ok(())
        } else {
            Err(Error::InvalidValue {
                field: "attachment owner",
                value: format!("{owner_entity} {owner_id}"),
                expected: "an existing record".to_owned(),
            })
        }
    }

    /// The attachments of one record, oldest first.
    pub fn attachments(&self, owner_entity: &str, owner_id: &str) -> Result<Vec<Attachment>> {
        db::attachments::of_owner(self.conn(), ORGANISATION_ID, owner_entity, owner_id)
    }

    pub fn attachment(&self, id: i64) -> Result<Attachment> {
        db::attachments::get(self.conn(), ORGANISATION_ID, id)?.ok_or_else(|| Error::InvalidValue {
            field: "attachment",
            value: id.to_string(),
            expected: "the id of an attachment (see the record's attachments)".to_owned(),
        })
    }

    /// An attachment's content, checked against its SHA-256.
    pub fn attachment_content(&self, id: i64) -> Result<(Attachment, Vec<u8>)> {
        let a = self.attachment(id)?;
        let data = db::attachments::blob(self.conn(), &a.sha256)?.unwrap_or_default();
        let actual = format!("{:x}", Sha256::digest(&data));
        if actual != a.sha256 {
            return Err(Error::NotADatabase {
                path: self.path().display().to_string(),
                reason: format!(
                    "attachment {} ({}) does not match its recorded SHA-256",
                    a.id, a.name
                ),
            });
        }
        Ok((a, data))
    }

    /// Writes an attachment to `folder/<id>/<safe name>` (for opening it with the desktop's application) and gives
    /// the path; the name cannot lead outside `folder`.
    pub fn write_attachment(&self, id: i64, folder: &Path) -> Result<PathBuf> {
        let (a, data) = self.attachment_content(id)?;
        let dir = folder.join(a.id.to_string());
        let io = |source| Error::Io {
            context: format!("cannot write into {}", dir.display()),
            source,
        };
        std::fs::create_dir_all(&dir).map_err(io)?;
        let path = dir.join(safe_file_name(&a.name));
        std::fs::write(&path, data).map_err(io)?;
        Ok(path)
    }

    /// Takes an attachment off its record (its content stays in the file; the audit trail names it).
    pub fn remove_attachment(&mut self, id: i64) -> Result<()> {
        let a = self.attachment(id)?;
        let now = now();
        let actor = self.actor().to_owned();
        let tx = self
            .conn_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        db::attachments::mark_removed(&tx, ORGANISATION_ID, id, &now)?;
        let stamp = Stamp {
            at: &now,
            actor: &actor,
            entity: &a.owner_entity,
            record_id: &a.owner_id,
        };
        db::audit_log::append(
            &tx,
            &stamp,
            AuditAction::Delete,
            Some("attachment"),
            Some(&a.name),
            None,
        )?;
        tx.commit()?;
        Ok(())
    }
}

fn too_large(name: &str, size: u64, limit: u64) -> Error {
    Error::InvalidValue {
        field: "attachment",
        value: name.to_owned(),
        expected: format!(
            "a file of at most {} (this one is {})",
            megabytes(limit),
            megabytes(size)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attachment_names_cannot_leave_their_folder() {
        assert_eq!(safe_file_name("契約書.pdf"), "契約書.pdf");
        assert_eq!(safe_file_name("../../etc/passwd"), "passwd");
        assert_eq!(safe_file_name("..\\..\\win.ini"), "win.ini");
        assert_eq!(safe_file_name("/abs/path/x.pdf"), "x.pdf");
        assert_eq!(safe_file_name(".."), "attachment");
        assert_eq!(safe_file_name(""), "attachment");
        assert_eq!(safe_file_name("CON.txt"), "attachment-CON.txt");
        assert_eq!(safe_file_name("a\u{0}b:c.pdf"), "a_b_c.pdf");
        assert_eq!(safe_file_name(".hidden"), "hidden");
    }
}
