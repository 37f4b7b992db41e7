//! The certifications register: ISO/IEC 27001, ISO/IEC 27017, プライバシーマーク, ISMAP … held by the organisation (or
//! recorded for a supplier), with body, number, scope, dates and surveillance audits. Status is computed from today:
//! valid, expiring (within the lists' warning days, default 90) or expired. Whitepapers print only valid ones.

use chrono::NaiveDate;
use rusqlite::TransactionBehavior;
use serde::{Deserialize, Serialize};

use crate::audit::{field_changes, AuditAction};
use crate::db::{self, audit_log::Stamp};
use crate::error::{Error, Result};
use crate::store::{now, Store, ORGANISATION_ID};
use crate::supplier::lists::SupplierLists;

/// One certification as kept.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Certification {
    pub cert_id: String,
    /// A certification kind of the supplier lists (isms, iso27017, pmark, ismap …; editable in Settings).
    pub scheme: String,
    /// The name printed; empty → the kind's name.
    pub name: String,
    pub name_en: String,
    /// Standard and version: "ISO/IEC 27001:2022".
    pub standard: String,
    pub certification_body: String,
    pub certification_body_en: String,
    pub accreditation_body: String,
    /// As written on the certificate: 「IS 699260」, 「11820104(12)」.
    pub certificate_number: String,
    pub scope: String,
    pub scope_en: String,
    pub first_granted_on: Option<NaiveDate>,
    pub issued_on: Option<NaiveDate>,
    pub expires_on: Option<NaiveDate>,
    pub surveillance_audits: Vec<NaiveDate>,
    /// Empty for the organisation's own; a supplier id for a supplier's.
    pub holder: String,
    pub show_in_whitepapers: bool,
    /// What the scheme is, in sentences, for readers who do not know it (printed under its heading).
    pub explanation: String,
    pub explanation_en: String,
    /// The certificate file, an attachment id.
    pub attachment: Option<i64>,
}

/// A change to a certification: `None` leaves a field as it is; for optional dates `Some(None)` clears.
#[derive(ts_rs::TS, Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
#[ts(optional_fields)]
pub struct CertificationPatch {
    pub scheme: Option<String>,
    pub name: Option<String>,
    pub name_en: Option<String>,
    pub standard: Option<String>,
    pub certification_body: Option<String>,
    pub certification_body_en: Option<String>,
    pub accreditation_body: Option<String>,
    pub certificate_number: Option<String>,
    pub scope: Option<String>,
    pub scope_en: Option<String>,
    #[serde(deserialize_with = "crate::register::double_option")]
    pub first_granted_on: Option<Option<NaiveDate>>,
    #[serde(deserialize_with = "crate::register::double_option")]
    pub issued_on: Option<Option<NaiveDate>>,
    #[serde(deserialize_with = "crate::register::double_option")]
    pub expires_on: Option<Option<NaiveDate>>,
    pub surveillance_audits: Option<Vec<NaiveDate>>,
    pub holder: Option<String>,
    pub show_in_whitepapers: Option<bool>,
    pub explanation: Option<String>,
    pub explanation_en: Option<String>,
    #[serde(deserialize_with = "crate::register::double_option")]
    pub attachment: Option<Option<i64>>,
}

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
    strum::Display,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum CertificationStatus {
    /// 有効
    Valid,
    /// 期限間近: expires within the warning days.
    Expiring,
    /// 期限切れ
    Expired,
    /// No expiry date recorded (a scheme without one, or not entered yet).
    NoExpiry,
}

/// A certification with what today makes of it.
#[derive(ts_rs::TS, Debug, Clone, Serialize)]
pub struct CertificationView {
    #[serde(flatten)]
    pub certification: Certification,
    pub status: CertificationStatus,
    /// Days until expiry (negative when expired).
    pub days_left: Option<i64>,
    /// The kind's name (the scheme in words), Japanese and English.
    pub scheme_ja: String,
    pub scheme_en: String,
    /// The holder in words: the organisation's name or the supplier's.
    pub holder_name: String,
    /// Whitepapers whose latest issued version prints it.
    pub cited_by: Vec<String>,
}

impl Certification {
    /// The status on `today` with `warning_days` of notice.
    pub fn status(
        &self,
        today: NaiveDate,
        warning_days: u32,
    ) -> (CertificationStatus, Option<i64>) {
        match self.expires_on {
            None => (CertificationStatus::NoExpiry, None),
            Some(d) => {
                let left = (d - today).num_days();
                let status = if left < 0 {
                    CertificationStatus::Expired
                } else if left <= i64::from(warning_days) {
                    CertificationStatus::Expiring
                } else {
                    CertificationStatus::Valid
                };
                (status, Some(left))
            }
        }
    }

    /// The name printed: its own, else the kind's.
    pub fn display_name(&self, lists: &SupplierLists, english: bool) -> String {
        let own = if english { &self.name_en } else { &self.name };
        if !own.is_empty() {
            return own.clone();
        }
        match lists
            .certification_kinds
            .iter()
            .find(|k| k.id == self.scheme)
        {
            Some(k) if english && !k.en.is_empty() => k.en.clone(),
            Some(k) => k.ja.clone(),
            None => self.scheme.clone(),
        }
    }

    pub fn patched(&self, p: CertificationPatch, lists: &SupplierLists) -> Result<Certification> {
        let mut c = self.clone();
        macro_rules! set {
            ($f:ident) => {
                if let Some(v) = p.$f {
                    c.$f = v.trim().to_owned();
                }
            };
        }
        set!(name);
        set!(name_en);
        set!(standard);
        set!(certification_body);
        set!(certification_body_en);
        set!(accreditation_body);
        set!(certificate_number);
        set!(scope);
        set!(scope_en);
        set!(holder);
        set!(explanation);
        set!(explanation_en);
        if let Some(v) = p.scheme {
            let typed = v.trim().to_owned();
            c.scheme = resolve_scheme(lists, &typed).ok_or_else(|| Error::InvalidValue {
                field: "certification standard (--standard)",
                value: typed.clone(),
                expected: format!(
                    "one of {} (Settings → supplier lists keeps this list)",
                    lists
                        .certification_kinds
                        .iter()
                        .map(|k| format!("{} ({})", k.id, k.ja))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            })?;
            // A standard typed by name ("ISO/IEC 27001:2022") is also what the certificate says; a list id is not.
            let listed = SupplierLists::resolve(lists.certification_kinds.iter(), &typed).is_some();
            if c.standard.is_empty() && !listed && typed.chars().any(|ch| ch.is_ascii_digit()) {
                c.standard = typed;
            }
        }
        if let Some(v) = p.first_granted_on {
            c.first_granted_on = v;
        }
        if let Some(v) = p.issued_on {
            c.issued_on = v;
        }
        if let Some(v) = p.expires_on {
            c.expires_on = v;
        }
        if let Some(mut v) = p.surveillance_audits {
            v.sort();
            v.dedup();
            c.surveillance_audits = v;
        }
        if let Some(v) = p.show_in_whitepapers {
            c.show_in_whitepapers = v;
        }
        if let Some(v) = p.attachment {
            c.attachment = v;
        }
        if c.scheme.is_empty() {
            return Err(Error::MissingValue {
                field: "the certification's standard (--standard)",
            });
        }
        if c.certificate_number.is_empty() {
            return Err(Error::MissingValue {
                field: "the registration number (--number)",
            });
        }
        if let (Some(from), Some(to)) = (c.issued_on, c.expires_on) {
            if to < from {
                return Err(Error::InvalidValue {
                    field: "expiry date (--expires)",
                    value: to.to_string(),
                    expected: format!("a date after the issue date ({from})"),
                });
            }
        }
        if let (Some(first), Some(issued)) = (c.first_granted_on, c.issued_on) {
            if issued < first {
                return Err(Error::InvalidValue {
                    field: "issue date (--issued)",
                    value: issued.to_string(),
                    expected: format!("a date on or after the initial certification ({first})"),
                });
            }
        }
        Ok(c)
    }

    pub fn audit_values(&self) -> Vec<(&'static str, Option<String>)> {
        let t = |v: &str| (!v.is_empty()).then(|| v.to_owned());
        let d = |v: Option<NaiveDate>| v.map(|d| d.to_string());
        vec![
            ("scheme", t(&self.scheme)),
            ("name", t(&self.name)),
            ("name_en", t(&self.name_en)),
            ("standard", t(&self.standard)),
            ("certification_body", t(&self.certification_body)),
            ("certification_body_en", t(&self.certification_body_en)),
            ("accreditation_body", t(&self.accreditation_body)),
            ("certificate_number", t(&self.certificate_number)),
            ("scope", t(&self.scope)),
            ("scope_en", t(&self.scope_en)),
            ("first_granted_on", d(self.first_granted_on)),
            ("issued_on", d(self.issued_on)),
            ("expires_on", d(self.expires_on)),
            (
                "surveillance_audits",
                (!self.surveillance_audits.is_empty())
                    .then(|| serde_json::to_string(&self.surveillance_audits).unwrap_or_default()),
            ),
            ("holder", t(&self.holder)),
            (
                "show_in_whitepapers",
                Some(self.show_in_whitepapers.to_string()),
            ),
            ("explanation", t(&self.explanation)),
            ("explanation_en", t(&self.explanation_en)),
            ("attachment", self.attachment.map(|a| a.to_string())),
        ]
    }
}

/// The certification kind a person means: an id or name of the list, or a standard's name ("ISO/IEC 27001:2022")
/// matched by the standard number the kind's name carries (27001 → isms).
fn resolve_scheme(lists: &SupplierLists, typed: &str) -> Option<String> {
    if let Some(id) = SupplierLists::resolve(lists.certification_kinds.iter(), typed) {
        return Some(id);
    }
    let numbers = |t: &str| -> Vec<String> {
        t.split(|c: char| !c.is_ascii_digit())
            .filter(|n| n.len() >= 4)
            .map(str::to_owned)
            .collect()
    };
    let wanted = numbers(typed);
    let hits: Vec<&String> = lists
        .certification_kinds
        .iter()
        .filter(|k| {
            numbers(&k.ja)
                .iter()
                .chain(numbers(&k.en).iter())
                .any(|n| wanted.first() == Some(n))
        })
        .map(|k| &k.id)
        .collect();
    match hits.as_slice() {
        [one] => Some((*one).clone()),
        _ => None,
    }
}

impl Store {
    /// Every certification with its status on `today`, the soonest expiry first.
    pub fn certifications(&self, today: NaiveDate) -> Result<Vec<CertificationView>> {
        let lists = self.supplier_lists()?;
        let org = self.organisation()?;
        let cited = self.cited_certifications()?;
        let mut out = Vec::new();
        for c in db::certifications::list(self.conn(), ORGANISATION_ID)? {
            out.push(self.certification_view(c, today, &lists, &org.name, &cited)?);
        }
        out.sort_by_key(|v| {
            (
                v.certification.expires_on.is_none(),
                v.certification.expires_on,
            )
        });
        Ok(out)
    }

    fn certification_view(
        &self,
        c: Certification,
        today: NaiveDate,
        lists: &SupplierLists,
        organisation: &str,
        cited: &[(String, Vec<String>)],
    ) -> Result<CertificationView> {
        let (status, days_left) = c.status(today, lists.expiry_warning_days);
        let kind = lists.certification_kinds.iter().find(|k| k.id == c.scheme);
        let holder_name = if c.holder.is_empty() {
            organisation.to_owned()
        } else {
            db::suppliers::get(self.conn(), ORGANISATION_ID, &c.holder)?
                .map(|(_, s, _)| s.name)
                .unwrap_or_else(|| c.holder.clone())
        };
        Ok(CertificationView {
            status,
            days_left,
            scheme_ja: kind
                .map(|k| k.ja.clone())
                .unwrap_or_else(|| c.scheme.clone()),
            scheme_en: kind
                .map(|k| k.en.clone())
                .unwrap_or_else(|| c.scheme.clone()),
            holder_name,
            cited_by: cited
                .iter()
                .filter(|(_, ids)| ids.contains(&c.cert_id))
                .map(|(doc, _)| doc.clone())
                .collect(),
            certification: c,
        })
    }

    pub fn certification(&self, cert_id: &str, today: NaiveDate) -> Result<CertificationView> {
        let c = db::certifications::get(self.conn(), ORGANISATION_ID, cert_id.trim())?
            .ok_or_else(|| Error::UnknownCertification(cert_id.trim().to_owned()))?;
        let lists = self.supplier_lists()?;
        let org = self.organisation()?;
        let cited = self.cited_certifications()?;
        self.certification_view(c, today, &lists, &org.name, &cited)
    }

    /// Adds (`create`: the id given or the next CERT-nnn) or changes a certification; audited.
    pub fn save_certification(
        &mut self,
        cert_id: &str,
        patch: CertificationPatch,
        create: bool,
    ) -> Result<Certification> {
        self.save_certification_from(cert_id, patch, create, None)
    }

    /// As [`Store::save_certification`], refusing (with [`Error::Conflict`]) a change to a field someone else changed
    /// since `base` (the certification as the form loaded it).
    pub fn save_certification_from(
        &mut self,
        cert_id: &str,
        patch: CertificationPatch,
        create: bool,
        base_loaded: Option<Certification>,
    ) -> Result<Certification> {
        let lists = self.supplier_lists()?;
        let existing = db::certifications::list(self.conn(), ORGANISATION_ID)?;
        let id = match cert_id.trim() {
            "" if create => format!(
                "CERT-{:03}",
                existing
                    .iter()
                    .filter_map(|c| c
                        .cert_id
                        .strip_prefix("CERT-")
                        .and_then(|n| n.parse::<u32>().ok()))
                    .max()
                    .unwrap_or(0)
                    + 1
            ),
            id => id.to_owned(),
        };
        let old = existing.into_iter().find(|c| c.cert_id == id);
        let base = match (old, create) {
            (Some(_), true) => {
                return Err(Error::InvalidValue {
                    field: "certification id",
                    value: id,
                    expected: "an id not used yet".to_owned(),
                })
            }
            (Some(c), false) => c,
            (None, false) => return Err(Error::UnknownCertification(id)),
            (None, true) => Certification {
                cert_id: id.clone(),
                show_in_whitepapers: true,
                ..Default::default()
            },
        };
        let new = base.patched(patch, &lists)?;
        if let Some(loaded) = &base_loaded {
            let mut found = crate::conflict::conflicts(
                &loaded.audit_values(),
                &base.audit_values(),
                &new.audit_values(),
            );
            if !found.is_empty() {
                db::audit_log::attribute(self.conn(), "certification", &id, &mut found)?;
                return Err(Error::Conflict {
                    record: format!("certification {id}"),
                    conflicts: found,
                });
            }
        }
        if !new.holder.is_empty()
            && db::suppliers::get(self.conn(), ORGANISATION_ID, &new.holder)?.is_none()
        {
            return Err(Error::UnknownSupplier(new.holder.clone()));
        }
        if let Some(a) = new.attachment.filter(|a| Some(*a) != base.attachment) {
            let owned = self
                .attachments("certification", &id)?
                .iter()
                .any(|x| x.id == a);
            if !owned {
                return Err(Error::InvalidValue {
                    field: "certificate file",
                    value: a.to_string(),
                    expected: "a file attached to this certification".to_owned(),
                });
            }
        }
        let now = now();
        let actor = self.actor().to_owned();
        let tx = self
            .conn_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        db::certifications::upsert(&tx, ORGANISATION_ID, &new, &now)?;
        let stamp = Stamp {
            at: &now,
            actor: &actor,
            entity: "certification",
            record_id: &id,
        };
        if create {
            db::audit_log::append(
                &tx,
                &stamp,
                AuditAction::Create,
                None,
                None,
                Some(&serde_json::to_string(&new)?),
            )?;
        } else {
            for (field, a, b) in field_changes(&base.audit_values(), &new.audit_values()) {
                db::audit_log::append(
                    &tx,
                    &stamp,
                    AuditAction::Update,
                    Some(field),
                    a.as_deref(),
                    b.as_deref(),
                )?;
            }
        }
        tx.commit()?;
        Ok(new)
    }

    /// Certifications expiring within the warning days or expired, the soonest first (the dashboard's list).
    pub fn certifications_due(&self, today: NaiveDate) -> Result<Vec<CertificationView>> {
        Ok(self
            .certifications(today)?
            .into_iter()
            .filter(|c| {
                matches!(
                    c.status,
                    CertificationStatus::Expiring | CertificationStatus::Expired
                )
            })
            .collect())
    }
}
