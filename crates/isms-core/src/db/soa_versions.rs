//! Queries on `soa_versions`: insert and read only; triggers refuse any update or delete.

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::error::Result;
use crate::soa::{SoaRevision, SoaSnapshot};

const COLUMNS: &str = "version, issued_on, issued_at, prepared_by, approved_by, summary";

fn revision(r: &Row<'_>) -> rusqlite::Result<SoaRevision> {
    Ok(SoaRevision {
        version: r.get(0)?,
        issued_on: r.get(1)?,
        issued_at: r.get(2)?,
        prepared_by: r.get(3)?,
        approved_by: r.get(4)?,
        summary: r.get(5)?,
    })
}

pub fn insert(
    conn: &Connection,
    organisation_id: i64,
    rev: &SoaRevision,
    snapshot: &SoaSnapshot,
) -> Result<()> {
    conn.execute(
        "INSERT INTO soa_versions (organisation_id, version, issued_on, issued_at, prepared_by, approved_by, summary, snapshot)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            organisation_id,
            rev.version,
            rev.issued_on,
            rev.issued_at,
            rev.prepared_by,
            rev.approved_by,
            rev.summary,
            serde_json::to_string(snapshot)?
        ],
    )?;
    Ok(())
}

/// Every issued version, oldest first.
pub fn list(conn: &Connection, organisation_id: i64) -> Result<Vec<SoaRevision>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM soa_versions WHERE organisation_id = ?1 ORDER BY id"
    ))?;
    let rows = stmt.query_map([organisation_id], revision)?;
    let mut out = Vec::new();
    for row in rows {
        out.push(row?);
    }
    Ok(out)
}

/// One version with its frozen snapshot.
pub fn get(
    conn: &Connection,
    organisation_id: i64,
    version: &str,
) -> Result<Option<(SoaRevision, SoaSnapshot)>> {
    let found = conn
        .query_row(
            &format!(
                "SELECT {COLUMNS}, snapshot FROM soa_versions WHERE organisation_id = ?1 AND version = ?2"
            ),
            params![organisation_id, version],
            |r| {
                Ok((revision(r)?, r.get::<_, String>(6)?))
            },
        )
        .optional()?;
    match found {
        Some((rev, json)) => Ok(Some((rev, serde_json::from_str(&json)?))),
        None => Ok(None),
    }
}
