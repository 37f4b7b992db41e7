//! The organisation profile: who the ISMS belongs to, its scope (in Japanese, and in English for English documents),
//! and the SoA's document number.

use serde::{Deserialize, Serialize};

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Organisation {
    pub name: String,
    pub isms_scope: String,
    pub soa_document_number: String,
    /// The name in English documents; empty when only the Japanese name exists.
    #[serde(default)]
    pub name_en: String,
    #[serde(default)]
    pub isms_scope_en: String,
}

/// A change to the profile: `None` leaves a field as it is.
#[derive(ts_rs::TS, Debug, Clone, Default, Deserialize)]
#[serde(default)]
#[ts(optional_fields)]
pub struct OrganisationPatch {
    pub name: Option<String>,
    pub isms_scope: Option<String>,
    pub soa_document_number: Option<String>,
    pub name_en: Option<String>,
    pub isms_scope_en: Option<String>,
}

impl Organisation {
    pub fn patched(&self, patch: OrganisationPatch) -> Organisation {
        let mut next = self.clone();
        let set = |field: &mut String, v: Option<String>| {
            if let Some(v) = v {
                *field = v.trim().to_owned();
            }
        };
        set(&mut next.name, patch.name);
        set(&mut next.isms_scope, patch.isms_scope);
        set(&mut next.soa_document_number, patch.soa_document_number);
        set(&mut next.name_en, patch.name_en);
        set(&mut next.isms_scope_en, patch.isms_scope_en);
        next
    }

    pub fn audit_values(&self) -> Vec<(&'static str, Option<String>)> {
        let non_empty = |s: &str| (!s.is_empty()).then(|| s.to_owned());
        vec![
            ("name", non_empty(&self.name)),
            ("isms_scope", non_empty(&self.isms_scope)),
            ("soa_document_number", non_empty(&self.soa_document_number)),
            ("name_en", non_empty(&self.name_en)),
            ("isms_scope_en", non_empty(&self.isms_scope_en)),
        ]
    }
}
