//! The SoA's [`Store`] methods: issue a version (with its safeguards), mark one superseded or withdrawn, and give the
//! document an export renders.

use rusqlite::TransactionBehavior;

use crate::audit::AuditAction;
use crate::db::{self, audit_log::Stamp};
use crate::error::{Error, Result};
use crate::register::SoaSummary;
use crate::soa::{
    compare_versions, parse_version, IssueSoa, SoaDocument, SoaRevision, SoaSnapshot,
    VersionStatus, VersionStatusChange,
};
use crate::store::{now, Store, ORGANISATION_ID};

impl Store {
    /// Issued SoA versions, oldest first, each with its present status.
    pub fn soa_versions(&self) -> Result<Vec<SoaRevision>> {
        db::soa_versions::list(self.conn(), ORGANISATION_ID)
    }

    /// The controls that issuing now would leave undecided (Annex A, then the ISO/IEC 27017 part, 2013 rows as
    /// derived from their 2022 counterparts).
    pub fn undecided_controls(&self) -> Result<Vec<String>> {
        Ok(SoaSummary::undecided_ids(&crate::register::store::entries(
            self.conn(),
        )?))
    }

    /// Freezes the current register as an immutable SoA version. Refused when controls are still undecided and
    /// that was not accepted (`accept_undecided`), when the version is not newer than the latest, and when the issue
    /// date is earlier than the latest version's.
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
            .unwrap_or_else(|| self.actor().to_owned());
        let now = now();
        let actor = self.actor().to_owned();
        let issued_on = req
            .issued_on
            .unwrap_or_else(|| chrono::Local::now().date_naive());
        let version = req.version.trim().to_owned();
        let tx = self
            .conn_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        for earlier in db::soa_versions::list(&tx, ORGANISATION_ID)? {
            let earlier_parts = parse_version(&earlier.version)?;
            if compare_versions(&version_parts, &earlier_parts) != std::cmp::Ordering::Greater {
                return Err(Error::SoaVersionNotNewer {
                    version,
                    latest: earlier.version,
                });
            }
            if issued_on.to_string() < earlier.issued_on {
                return Err(Error::SoaDateBeforePrevious {
                    version,
                    date: issued_on.to_string(),
                    previous: earlier.version,
                    previous_date: earlier.issued_on,
                });
            }
        }
        let entries = crate::register::store::entries(&tx)?;
        let undecided = SoaSummary::undecided_ids(&entries);
        if !undecided.is_empty() && !req.accept_undecided {
            return Err(Error::UndecidedControls {
                count: undecided.len(),
                ids: undecided,
            });
        }
        let snapshot = SoaSnapshot {
            organisation: db::organisations::get(&tx, ORGANISATION_ID)?.unwrap_or_default(),
            themes: db::control_themes::list(&tx)?,
            entries,
        };
        let rev = SoaRevision {
            version,
            issued_on: issued_on.to_string(),
            issued_at: now.clone(),
            prepared_by,
            approved_by,
            summary,
            accepted_undecided: undecided,
            status: VersionStatus::Current,
            status_reason: String::new(),
            status_on: None,
            chain_head: None,
            content_sha256: String::new(),
        };
        let mut rev = rev;
        let stamp = Stamp {
            at: &now,
            actor: &actor,
            entity: "soa_version",
            record_id: &rev.version,
        };
        let accepted = (!rev.accepted_undecided.is_empty())
            .then(|| serde_json::to_string(&rev.accepted_undecided))
            .transpose()?;
        for (field, value) in [
            ("issued_on", Some(&rev.issued_on)),
            ("prepared_by", Some(&rev.prepared_by)),
            ("approved_by", Some(&rev.approved_by)),
            ("summary", Some(&rev.summary)),
            ("accepted_undecided", accepted.as_ref()),
        ] {
            if let Some(value) = value {
                db::audit_log::append(
                    &tx,
                    &stamp,
                    AuditAction::Create,
                    Some(field),
                    None,
                    Some(value),
                )?;
            }
        }
        // Frozen after its own audit entries, so the version names the chain head that includes them.
        rev.chain_head = crate::audit_chain::head(&tx)?;
        db::soa_versions::insert(&tx, ORGANISATION_ID, &rev, &snapshot)?;
        rev.content_sha256 = {
            use sha2::Digest;
            format!(
                "{:x}",
                sha2::Sha256::digest(serde_json::to_string(&snapshot)?.as_bytes())
            )
        };
        tx.commit()?;
        Ok(rev)
    }

    /// Marks an issued version superseded (a later version in force replaces it) or withdrawn, with a reason. The
    /// version itself is kept unchanged; the revision history shows its status.
    pub fn set_soa_version_status(&mut self, change: VersionStatusChange) -> Result<SoaRevision> {
        let version = change.version.trim().to_owned();
        let reason = change.reason.trim().to_owned();
        if reason.is_empty() {
            return Err(Error::MissingValue {
                field: "the reason (--reason)",
            });
        }
        let on = change
            .on
            .unwrap_or_else(|| chrono::Local::now().date_naive());
        let now = now();
        let actor = self.actor().to_owned();
        let tx = self
            .conn_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let history = db::soa_versions::list(&tx, ORGANISATION_ID)?;
        let pos = history
            .iter()
            .position(|h| h.version == version)
            .ok_or_else(|| Error::UnknownSoaVersion(version.clone()))?;
        let rev = &history[pos];
        let refuse = |why: String| Error::SoaVersionState {
            version: version.clone(),
            status: rev.status.to_string(),
            reason: why,
        };
        match (rev.status, change.status) {
            (_, VersionStatus::Current) => {
                return Err(refuse(
                    "an issued version can be superseded or withdrawn, not put back in force"
                        .to_owned(),
                ))
            }
            (VersionStatus::Withdrawn, _) => {
                return Err(refuse("a withdrawn version stays withdrawn".to_owned()))
            }
            (VersionStatus::Superseded, VersionStatus::Superseded) => {
                return Err(refuse("it is already superseded".to_owned()))
            }
            (_, VersionStatus::Superseded) => {
                let later = history[pos + 1..]
                    .iter()
                    .any(|h| h.status != VersionStatus::Withdrawn);
                if !later {
                    return Err(refuse(
                        "no later version in force supersedes it (issue the new version first)"
                            .to_owned(),
                    ));
                }
            }
            _ => {}
        }
        if on.to_string() < rev.issued_on {
            return Err(Error::InvalidValue {
                field: "status date",
                value: on.to_string(),
                expected: format!(
                    "a date on or after the version's issue date {}",
                    rev.issued_on
                ),
            });
        }
        db::soa_version_status::insert(
            &tx,
            ORGANISATION_ID,
            &version,
            change.status,
            &reason,
            &on.to_string(),
            &now,
            &actor,
        )?;
        let stamp = Stamp {
            at: &now,
            actor: &actor,
            entity: "soa_version",
            record_id: &version,
        };
        db::audit_log::append(
            &tx,
            &stamp,
            AuditAction::Update,
            Some("status"),
            Some(rev.status.as_ref()),
            Some(change.status.as_ref()),
        )?;
        db::audit_log::append(
            &tx,
            &stamp,
            AuditAction::Update,
            Some("status_reason"),
            (!rev.status_reason.is_empty()).then_some(rev.status_reason.as_str()),
            Some(&reason),
        )?;
        tx.commit()?;
        db::soa_versions::list(self.conn(), ORGANISATION_ID)?
            .into_iter()
            .find(|h| h.version == version)
            .ok_or(Error::UnknownSoaVersion(version))
    }

    /// The SoA to export: an issued version exactly as frozen, or (`None`) the current register as a draft.
    pub fn soa_document(&self, version: Option<&str>) -> Result<SoaDocument> {
        let conn = self.conn();
        let history = db::soa_versions::list(conn, ORGANISATION_ID)?;
        match version {
            Some(v) => {
                let (rev, snapshot) = db::soa_versions::get(conn, ORGANISATION_ID, v.trim())?
                    .ok_or_else(|| Error::UnknownSoaVersion(v.trim().to_owned()))?;
                let upto = history
                    .iter()
                    .position(|h| h.version == rev.version)
                    .map_or(history.len(), |i| i + 1);
                let issued_on = crate::register::parse_date("issue date", &rev.issued_on)?;
                let status = history
                    .iter()
                    .find(|h| h.version == rev.version)
                    .map_or(VersionStatus::Current, |h| h.status);
                Ok(SoaDocument {
                    version: Some(rev.version.clone()),
                    issued_on,
                    prepared_by: rev.prepared_by.clone(),
                    approved_by: rev.approved_by.clone(),
                    snapshot,
                    history: history[..upto].to_vec(),
                    status,
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
                    entries: crate::register::store::entries(conn)?,
                },
                history,
                status: VersionStatus::Current,
            }),
        }
    }
}
