//! The organisation profile: who the ISMS belongs to, its scope, and the SoA's document number.

use serde::{Deserialize, Serialize};

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Organisation {
    pub name: String,
    pub isms_scope: String,
    pub soa_document_number: String,
}

/// A change to the profile: `None` leaves a field as it is.
#[derive(ts_rs::TS, Debug, Clone, Default, Deserialize)]
#[serde(default)]
#[ts(optional_fields)]
pub struct OrganisationPatch {
    pub name: Option<String>,
    pub isms_scope: Option<String>,
    pub soa_document_number: Option<String>,
}

impl Organisation {
    pub fn patched(&self, patch: OrganisationPatch) -> Organisation {
        let mut next = self.clone();
        if let Some(v) = patch.name {
            next.name = v.trim().to_owned();
        }
        if let Some(v) = patch.isms_scope {
            next.isms_scope = v.trim().to_owned();
        }
        if let Some(v) = patch.soa_document_number {
            next.soa_document_number = v.trim().to_owned();
        }
        next
    }

    pub fn audit_values(&self) -> Vec<(&'static str, Option<String>)> {
        let non_empty = |s: &str| (!s.is_empty()).then(|| s.to_owned());
        vec![
            ("name", non_empty(&self.name)),
            ("isms_scope", non_empty(&self.isms_scope)),
            ("soa_document_number", non_empty(&self.soa_document_number)),
        ]
    }
}
