//! Queries on `soa_version_status`: what became of an issued SoA version (superseded, withdrawn); append-only.

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::{Error, Result};
use crate::soa::VersionStatus;

#[allow(clippy::too_many_arguments)]
pub fn insert(
    conn: &Connection,
    organisation_id: i64,
    version: &str,
    status: VersionStatus,
    reason: &str,
    on_date: &str,
    at: &str,
    actor: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO soa_version_status (organisation_id, version, status, reason, on_date, at, actor)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![organisation_id, version, status.as_ref(), reason, on_date, at, actor],
    )?;
    Ok(())
}

/// The latest status of a version, with its reason and date; `None` while it is in force.
pub fn latest(
    conn: &Connection,
    organisation_id: i64,
    version: &str,
) -> Result<Option<(VersionStatus, String, String)>> {
    let row = conn
        .prepare_cached(
            "SELECT status, reason, on_date FROM soa_version_status
             WHERE organisation_id = ?1 AND version = ?2 ORDER BY id DESC LIMIT 1",
        )?
        .query_row(params![organisation_id, version], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })
        .optional()?;
    row.map(|(status, reason, on)| {
        let status = status.parse().map_err(|_| Error::InvalidValue {
            field: "SoA version status",
            value: status.clone(),
            expected: "superseded or withdrawn".to_owned(),
        })?;
        Ok((status, reason, on))
    })
    .transpose()
}
