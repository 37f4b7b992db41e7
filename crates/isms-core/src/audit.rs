//! The audit trail: who changed which field of which record, when, from what to what.

use serde::Serialize;

#[derive(
    ts_rs::TS,
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    strum::EnumString,
    strum::AsRefStr,
    strum::Display,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum AuditAction {
    Create,
    Update,
    Delete,
}

/// One changed field of one record (a `create` with no field records that the record came into being).
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    pub id: i64,
    /// Local time with offset, RFC 3339, e.g. `2026-11-23T17:05:09+09:00`.
    pub at: String,
    /// The operating-system user who made the change.
    pub actor: String,
    pub action: AuditAction,
    /// The kind of record: `organisation`, `control_register`, …
    pub entity: String,
    pub record_id: String,
    pub field: Option<String>,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
}

/// Which entries to list, newest first.
#[derive(Debug, Clone, Default)]
pub struct AuditQuery {
    pub record_id: Option<String>,
    pub entity: Option<String>,
    pub limit: Option<u32>,
}

/// One changed field: `(field, old, new)`.
pub type FieldChange = (&'static str, Option<String>, Option<String>);

/// A field-level difference between two states of a record, as `(field, old, new)`.
pub fn field_changes(
    old: &[(&'static str, Option<String>)],
    new: &[(&'static str, Option<String>)],
) -> Vec<(&'static str, Option<String>, Option<String>)> {
    old.iter()
        .zip(new)
        .filter(|((_, a), (_, b))| a != b)
        .map(|((field, a), (_, b))| (*field, a.clone(), b.clone()))
        .collect()
}
