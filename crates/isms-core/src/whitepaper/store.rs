//! The `Store` methods for whitepapers: the facts record, definitions (created, replaced, audited), issued versions
//! (frozen; newer than the last, not dated before it) and which issued versions are out of date.

use chrono::NaiveDate;
use rusqlite::TransactionBehavior;

use crate::audit::AuditAction;
use crate::certification::CertificationStatus;
use crate::db::{self, audit_log::Stamp};
use crate::error::{Error, Result};
use crate::soa::{compare_versions, parse_version_of};
use crate::store::{now, Store, ORGANISATION_ID};
use crate::whitepaper::facts::Facts;
use crate::whitepaper::{
    Cited, IssueWhitepaper, StaleReason, StoredWhitepaper, WhitepaperSummary, WhitepaperVersion,
};

const FACTS_KEY: &str = "whitepaper_facts";

/// A whitepaper id: letters, digits, `_` and `-`.
fn check_doc_id(id: &str) -> Result<()> {
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        return Err(Error::InvalidValue {
            field: "whitepaper id",
            value: id.to_owned(),
            expected: "letters, digits, _ or - (e.g. saas-ja)".to_owned(),
        });
    }
    Ok(())
}

impl Store {
    /// The facts whitepapers draw from (empty until entered).
    pub fn whitepaper_facts(&self) -> Result<Facts> {
        match db::settings::get(self.conn(), ORGANISATION_ID, FACTS_KEY)? {
            Some(json) => Ok(serde_json::from_str(&json)?),
            None => Ok(Facts::default()),
        }
    }

    /// Replaces the facts after checking them; each top-level part that changed is one audit entry.
    pub fn save_whitepaper_facts(&mut self, facts: &Facts) -> Result<()> {
        self.save_whitepaper_facts_from(facts, None)
    }

    /// As [`Store::save_whitepaper_facts`], from an editor that loaded `base`: the groups it changed (services,
    /// backup, legal …) are saved, groups someone else changed meanwhile are kept, and a group both changed is refused
    /// with [`Error::Conflict`].
    pub fn save_whitepaper_facts_from(
        &mut self,
        facts: &Facts,
        base: Option<&Facts>,
    ) -> Result<()> {
        let old = self.whitepaper_facts()?;
        let merged;
        let facts = match base {
            None => facts,
            Some(base) => {
                let value = crate::conflict::merge_document(
                    &serde_json::to_value(base)?,
                    &serde_json::to_value(&old)?,
                    &serde_json::to_value(facts)?,
                );
                match value {
                    Ok(v) => {
                        merged = serde_json::from_value::<Facts>(v)?;
                        &merged
                    }
                    Err(mut found) => {
                        db::audit_log::attribute(
                            self.conn(),
                            "whitepaper_facts",
                            "facts",
                            &mut found,
                        )?;
                        return Err(Error::Conflict {
                            record: "whitepaper facts".to_owned(),
                            conflicts: found,
                        });
                    }
                }
            }
        };
        facts.check()?;
        let parts = |f: &Facts| -> Result<Vec<(String, String)>> {
            let v = serde_json::to_value(f)?;
            Ok(v.as_object()
                .map(|o| o.iter().map(|(k, v)| (k.clone(), v.to_string())).collect())
                .unwrap_or_default())
        };
        let (before, after) = (parts(&old)?, parts(facts)?);
        let now = now();
        let actor = self.actor().to_owned();
        let tx = self
            .conn_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        db::settings::set(
            &tx,
            ORGANISATION_ID,
            FACTS_KEY,
            &serde_json::to_string(facts)?,
            &now,
        )?;
        let stamp = Stamp {
            at: &now,
            actor: &actor,
            entity: "whitepaper_facts",
            record_id: "facts",
        };
        for (key, new) in &after {
            let old = before
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str());
            if old != Some(new.as_str()) {
                db::audit_log::append(&tx, &stamp, AuditAction::Update, Some(key), old, Some(new))?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    pub fn whitepapers(&self, today: NaiveDate) -> Result<Vec<WhitepaperSummary>> {
        let mut out = Vec::new();
        for (row, w) in db::whitepapers::list(self.conn(), ORGANISATION_ID)? {
            let versions = db::whitepaper_versions::list(self.conn(), row)?;
            let out_of_date = match versions.last() {
                Some((_, cited)) => self.stale_reasons(cited, today)?,
                None => Vec::new(),
            };
            out.push(WhitepaperSummary {
                doc_id: w.doc_id,
                title: w.title,
                lang: w.lang,
                updated_at: w.updated_at,
                versions: versions.len(),
                latest_version: versions.last().map(|(v, _)| v.version.clone()),
                latest_issued_on: versions.last().map(|(v, _)| v.issued_on),
                out_of_date,
            });
        }
        Ok(out)
    }

    pub fn whitepaper(&self, doc_id: &str) -> Result<StoredWhitepaper> {
        db::whitepapers::get(self.conn(), ORGANISATION_ID, doc_id.trim())?
            .map(|(_, w)| w)
            .ok_or_else(|| Error::UnknownWhitepaper(doc_id.trim().to_owned()))
    }

    /// Creates (`create`) or replaces a whitepaper's definition; the caller has checked it. Audited.
    pub fn save_whitepaper(&mut self, w: &StoredWhitepaper, create: bool) -> Result<()> {
        check_doc_id(&w.doc_id)?;
        if w.lang != "ja" && w.lang != "en" {
            return Err(Error::InvalidValue {
                field: "whitepaper language",
                value: w.lang.clone(),
                expected: "ja or en".to_owned(),
            });
        }
        let old = db::whitepapers::get(self.conn(), ORGANISATION_ID, &w.doc_id)?;
        match (&old, create) {
            (Some(_), true) => {
                return Err(Error::InvalidValue {
                    field: "whitepaper id",
                    value: w.doc_id.clone(),
                    expected: "an id not used yet (see `isms whitepaper list`)".to_owned(),
                })
            }
            (None, false) => return Err(Error::UnknownWhitepaper(w.doc_id.clone())),
            _ => {}
        }
        let now = now();
        let actor = self.actor().to_owned();
        let tx = self
            .conn_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        db::whitepapers::upsert(&tx, ORGANISATION_ID, w, &now)?;
        let stamp = Stamp {
            at: &now,
            actor: &actor,
            entity: "whitepaper",
            record_id: &w.doc_id,
        };
        match old {
            None => {
                db::audit_log::append(&tx, &stamp, AuditAction::Create, None, None, Some(&w.title))?
            }
            Some((_, old)) => {
                if old.title != w.title {
                    db::audit_log::append(
                        &tx,
                        &stamp,
                        AuditAction::Update,
                        Some("title"),
                        Some(&old.title),
                        Some(&w.title),
                    )?;
                }
                if old.definition != w.definition {
                    db::audit_log::append(
                        &tx,
                        &stamp,
                        AuditAction::Update,
                        Some("definition"),
                        Some(&old.definition),
                        Some(&w.definition),
                    )?;
                }
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// An edited definition (JSON) merged with the stored one, from an editor that loaded `base`: the parts it changed
    /// (the title, the cover, the sections …: the top-level keys) over the definition as stored now, so parts someone
    /// else changed meanwhile are kept; a part both changed is refused with [`Error::Conflict`], each attributed to
    /// the definition's last change (the audit trail records it whole).
    pub fn merge_whitepaper_definition(
        &self,
        doc_id: &str,
        base: &serde_json::Value,
        yours: &serde_json::Value,
    ) -> Result<serde_json::Value> {
        let stored = self.whitepaper(doc_id)?;
        let current: serde_json::Value = serde_json::from_str(&stored.definition)?;
        crate::conflict::merge_document(base, &current, yours).or_else(|mut found| {
            if let Some((actor, at)) =
                db::audit_log::last_change(self.conn(), "whitepaper", doc_id, "definition")?
            {
                for c in &mut found {
                    c.changed_by = Some(actor.clone());
                    c.changed_at = Some(at.clone());
                }
            }
            Err(Error::Conflict {
                record: format!("whitepaper {doc_id}"),
                conflicts: found,
            })
        })
    }

    /// The issued versions of a whitepaper, oldest first.
    pub fn whitepaper_versions(&self, doc_id: &str) -> Result<Vec<WhitepaperVersion>> {
        let (row, _) = self.whitepaper_row(doc_id)?;
        Ok(db::whitepaper_versions::list(self.conn(), row)?
            .into_iter()
            .map(|(v, _)| v)
            .collect())
    }

    /// The frozen document of an issued version (JSON, as it was rendered at issue).
    pub fn whitepaper_version_document(&self, doc_id: &str, version: &str) -> Result<String> {
        let (row, _) = self.whitepaper_row(doc_id)?;
        db::whitepaper_versions::document(self.conn(), row, version.trim())?.ok_or_else(|| {
            Error::UnknownWhitepaperVersion {
                doc: doc_id.trim().to_owned(),
                version: version.trim().to_owned(),
            }
        })
    }

    fn whitepaper_row(&self, doc_id: &str) -> Result<(i64, StoredWhitepaper)> {
        db::whitepapers::get(self.conn(), ORGANISATION_ID, doc_id.trim())?
            .ok_or_else(|| Error::UnknownWhitepaper(doc_id.trim().to_owned()))
    }

    /// Checks that `version` may be issued now: a number newer than every issued one, an approver, a date not before
    /// the last. Called before rendering (so the document can print its own row in the revision history) and again
    /// inside the issue's transaction.
    pub fn check_whitepaper_issue(&self, doc_id: &str, req: &IssueWhitepaper) -> Result<()> {
        let (row, _) = self.whitepaper_row(doc_id)?;
        check_issue(
            &db::whitepaper_versions::list(self.conn(), row)?,
            doc_id,
            req,
        )
    }

    /// Freezes a rendered version. `document` is the rendered whitepaper (JSON), `cited` what it printed.
    pub fn issue_whitepaper(
        &mut self,
        doc_id: &str,
        req: &IssueWhitepaper,
        document: &str,
        cited: &Cited,
    ) -> Result<WhitepaperVersion> {
        let (row, w) = self.whitepaper_row(doc_id)?;
        let now = now();
        let actor = self.actor().to_owned();
        let mut version = WhitepaperVersion {
            version: req.version.trim().to_owned(),
            issued_on: req.issued_on,
            prepared_by: if req.prepared_by.trim().is_empty() {
                actor.clone()
            } else {
                req.prepared_by.trim().to_owned()
            },
            approved_by: req.approved_by.trim().to_owned(),
            summary: req.summary.trim().to_owned(),
            issued_at: now.clone(),
            chain_head: None,
            content_sha256: {
                use sha2::Digest;
                format!("{:x}", sha2::Sha256::digest(document.as_bytes()))
            },
        };
        let tx = self
            .conn_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        check_issue(&db::whitepaper_versions::list(&tx, row)?, &w.doc_id, req)?;
        let stamp = Stamp {
            at: &now,
            actor: &actor,
            entity: "whitepaper",
            record_id: &w.doc_id,
        };
        db::audit_log::append(
            &tx,
            &stamp,
            AuditAction::Create,
            Some("version"),
            None,
            Some(&format!(
                "{} ({}, {})",
                version.version, version.issued_on, version.approved_by
            )),
        )?;
        // Frozen after its own audit entry, so the version names the chain head that includes it.
        version.chain_head = crate::audit_chain::head(&tx)?;
        db::whitepaper_versions::insert(&tx, row, &version, document, cited)?;
        tx.commit()?;
        Ok(version)
    }

    /// For each whitepaper, the certificates its latest issued version prints.
    pub fn cited_certifications(&self) -> Result<Vec<(String, Vec<String>)>> {
        let mut out = Vec::new();
        for (row, w) in db::whitepapers::list(self.conn(), ORGANISATION_ID)? {
            if let Some((_, cited)) = db::whitepaper_versions::list(self.conn(), row)?.pop() {
                out.push((
                    w.doc_id,
                    cited
                        .certifications
                        .into_iter()
                        .map(|c| c.cert_id)
                        .collect(),
                ));
            }
        }
        Ok(out)
    }

    fn stale_reasons(&self, cited: &Cited, today: NaiveDate) -> Result<Vec<StaleReason>> {
        let mut out = Vec::new();
        let lists = self.supplier_lists()?;
        for c in &cited.certifications {
            let now = db::certifications::get(self.conn(), ORGANISATION_ID, &c.cert_id)?;
            let expired = match &now {
                None => true,
                Some(cert) => {
                    cert.status(today, lists.expiry_warning_days).0 == CertificationStatus::Expired
                }
            };
            if expired {
                out.push(StaleReason::CertificateExpired {
                    cert_id: c.cert_id.clone(),
                    expires_on: now.and_then(|c| c.expires_on).or(c.expires_on),
                });
            }
        }
        for s in &cited.statements {
            let current = self.control(&s.control_id).ok().map(|d| d.entry.fields);
            let same = current.is_some_and(|f| {
                f.customer_statement == s.text || f.customer_statement_en == s.text
            });
            if !same {
                out.push(StaleReason::StatementChanged {
                    control_id: s.control_id.clone(),
                });
            }
        }
        Ok(out)
    }
}

fn check_issue(
    issued: &[(WhitepaperVersion, Cited)],
    doc_id: &str,
    req: &IssueWhitepaper,
) -> Result<()> {
    let refuse = |why: String| Error::WhitepaperVersion {
        doc: doc_id.to_owned(),
        version: req.version.trim().to_owned(),
        why,
    };
    let parts = parse_version_of("whitepaper version", &req.version)?;
    if req.approved_by.trim().is_empty() {
        return Err(Error::MissingValue {
            field: "the approver (--approver)",
        });
    }
    if req.summary.trim().is_empty() {
        return Err(Error::MissingValue {
            field: "the summary of changes (--summary)",
        });
    }
    for (earlier, _) in issued {
        if compare_versions(
            &parts,
            &parse_version_of("whitepaper version", &earlier.version)?,
        ) != std::cmp::Ordering::Greater
        {
            return Err(refuse(format!(
                "it must be newer than the issued version {}",
                earlier.version
            )));
        }
        if req.issued_on < earlier.issued_on {
            return Err(refuse(format!(
                "its date {} is before version {}'s ({})",
                req.issued_on, earlier.version, earlier.issued_on
            )));
        }
    }
    Ok(())
}
