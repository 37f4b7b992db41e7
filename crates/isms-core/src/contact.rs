//! The contacts register: authorities, specialist bodies, suppliers, customers, the building and the certification
//! body (004 §5.5, §5.6) — whom to call, how, and when. Seeded from `templates/incidents/contacts.toml`, then the
//! user's own; incidents pick the ones they contacted from here.

use rusqlite::TransactionBehavior;
use serde::{Deserialize, Serialize};

use crate::audit::{field_changes, AuditAction};
use crate::db::{self, audit_log::Stamp};
use crate::error::{Error, Result};
use crate::store::{now, Store, ORGANISATION_ID};

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Contact {
    pub contact_id: String,
    pub name_ja: String,
    pub name_en: String,
    /// authority, specialist, supplier, customer, building, certification_body, other
    pub kind: String,
    pub phone: String,
    pub url: String,
    pub email: String,
    pub when_ja: String,
    pub when_en: String,
    pub note: String,
    /// A template entry the user must complete (e.g. the certification body's name).
    pub needs_user_input: bool,
}

/// A change to a contact: `None` leaves a field as it is.
#[derive(ts_rs::TS, Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
#[ts(optional_fields)]
pub struct ContactPatch {
    pub name_ja: Option<String>,
    pub name_en: Option<String>,
    pub kind: Option<String>,
    pub phone: Option<String>,
    pub url: Option<String>,
    pub email: Option<String>,
    pub when_ja: Option<String>,
    pub when_en: Option<String>,
    pub note: Option<String>,
}

pub const CONTACT_KINDS: [&str; 7] = [
    "authority",
    "specialist",
    "supplier",
    "customer",
    "building",
    "certification_body",
    "other",
];

#[derive(Deserialize)]
struct ContactsFile {
    contacts: Vec<TemplateContact>,
}

#[derive(Deserialize)]
struct TemplateContact {
    id: String,
    name_ja: String,
    #[serde(default)]
    name_en: String,
    kind: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    url: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    when_ja: String,
    #[serde(default)]
    when_en: String,
    #[serde(default)]
    note_ja: String,
    #[serde(default)]
    needs_user_input: bool,
}

/// The contacts a new database starts with.
pub fn default_contacts() -> Result<Vec<Contact>> {
    let file: ContactsFile = toml::from_str(include_str!(
        "../../../templates/incidents/contacts.toml"
    ))
    .map_err(|e| Error::Catalogue {
        file: "templates/incidents/contacts.toml".to_owned(),
        message: e.to_string(),
    })?;
    Ok(file
        .contacts
        .into_iter()
        .map(|c| Contact {
            contact_id: c.id,
            name_ja: c.name_ja,
            name_en: c.name_en,
            kind: c.kind,
            phone: c.phone,
            url: c.url,
            email: c.email,
            when_ja: c.when_ja,
            when_en: c.when_en,
            note: c.note_ja,
            needs_user_input: c.needs_user_input,
        })
        .collect())
}

impl Contact {
    pub fn patched(&self, p: ContactPatch) -> Result<Contact> {
        let mut c = self.clone();
        let t = |v: String| v.trim().to_owned();
        macro_rules! set {
            ($f:ident) => {
                if let Some(v) = p.$f {
                    c.$f = t(v);
                }
            };
        }
        set!(name_ja);
        set!(name_en);
        set!(kind);
        set!(phone);
        set!(url);
        set!(email);
        set!(when_ja);
        set!(when_en);
        set!(note);
        if c.name_ja.is_empty() {
            return Err(Error::MissingValue {
                field: "the contact's name (--name)",
            });
        }
        if !CONTACT_KINDS.contains(&c.kind.as_str()) {
            return Err(Error::InvalidValue {
                field: "contact kind",
                value: c.kind.clone(),
                expected: format!("one of {}", CONTACT_KINDS.join(", ")),
            });
        }
        if !(c.url.is_empty() || c.url.starts_with("https://") || c.url.starts_with("http://")) {
            return Err(Error::InvalidValue {
                field: "contact URL",
                value: c.url.clone(),
                expected: "a web address starting with https://".to_owned(),
            });
        }
        if !c.name_ja.is_empty() && c.name_ja != self.name_ja {
            c.needs_user_input = false;
        }
        Ok(c)
    }

    pub fn audit_values(&self) -> Vec<(&'static str, Option<String>)> {
        let t = |v: &str| (!v.is_empty()).then(|| v.to_owned());
        vec![
            ("name_ja", t(&self.name_ja)),
            ("name_en", t(&self.name_en)),
            ("kind", t(&self.kind)),
            ("phone", t(&self.phone)),
            ("url", t(&self.url)),
            ("email", t(&self.email)),
            ("when_ja", t(&self.when_ja)),
            ("when_en", t(&self.when_en)),
            ("note", t(&self.note)),
        ]
    }
}

impl Store {
    /// Seeds the default contacts into a file that has none.
    pub(crate) fn ensure_contacts(&mut self) -> Result<()> {
        if !db::contacts::list(self.conn(), ORGANISATION_ID)?.is_empty()
            || db::settings::get(self.conn(), ORGANISATION_ID, "contacts_seeded")?.is_some()
        {
            return Ok(());
        }
        let now = now();
        let defaults = default_contacts()?;
        let tx = self
            .conn_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        for c in &defaults {
            db::contacts::upsert(&tx, ORGANISATION_ID, c, &now)?;
        }
        db::settings::set(&tx, ORGANISATION_ID, "contacts_seeded", "true", &now)?;
        tx.commit()?;
        Ok(())
    }

    pub fn contacts(&self) -> Result<Vec<Contact>> {
        db::contacts::list(self.conn(), ORGANISATION_ID)
    }

    /// Adds (`create`, the id given or the next CON-nnn) or changes a contact; audited.
    pub fn save_contact(
        &mut self,
        contact_id: &str,
        patch: ContactPatch,
        create: bool,
    ) -> Result<Contact> {
        let now = now();
        let actor = self.actor().to_owned();
        let existing = db::contacts::list(self.conn(), ORGANISATION_ID)?;
        let id = match contact_id.trim() {
            "" if create => format!(
                "CON-{:03}",
                existing
                    .iter()
                    .filter_map(|c| c
                        .contact_id
                        .strip_prefix("CON-")
                        .and_then(|n| n.parse::<u32>().ok()))
                    .max()
                    .unwrap_or(0)
                    + 1
            ),
            id => id.to_owned(),
        };
        let old = existing.into_iter().find(|c| c.contact_id == id);
        let base = match (old, create) {
            (Some(_), true) => {
                return Err(Error::InvalidValue {
                    field: "contact id",
                    value: id,
                    expected: "an id not used yet".to_owned(),
                })
            }
            (Some(c), false) => c,
            (None, false) => {
                return Err(Error::InvalidValue {
                    field: "contact",
                    value: id,
                    expected: "the id of a contact (see `isms contacts list`)".to_owned(),
                })
            }
            (None, true) => Contact {
                contact_id: id.clone(),
                kind: "other".to_owned(),
                ..Default::default()
            },
        };
        let new = base.patched(patch)?;
        let tx = self
            .conn_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        db::contacts::upsert(&tx, ORGANISATION_ID, &new, &now)?;
        let stamp = Stamp {
            at: &now,
            actor: &actor,
            entity: "contact",
            record_id: &id,
        };
        let action = if create {
            AuditAction::Create
        } else {
            AuditAction::Update
        };
        for (field, a, b) in field_changes(&base.audit_values(), &new.audit_values()) {
            db::audit_log::append(&tx, &stamp, action, Some(field), a.as_deref(), b.as_deref())?;
        }
        tx.commit()?;
        Ok(new)
    }
}
