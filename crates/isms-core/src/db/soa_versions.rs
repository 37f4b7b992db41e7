//! Queries on `soa_versions`: insert and read only; triggers refuse any update or delete. A version's present status
//! comes from `soa_version_status` (see [`super::soa_version_status`]).

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::error::Result;
use crate::soa::{SoaRevision, SoaSnapshot, VersionStatus};

const COLUMNS: &str =
    "version, issued_on, issued_at, prepared_by, approved_by, summary, accepted_undecided, chain_head, snapshot";

fn revision(r: &Row<'_>) -> rusqlite::Result<(SoaRevision, String)> {
    Ok((
        SoaRevision {
            version: r.get(0)?,
            issued_on: r.get(1)?,
            issued_at: r.get(2)?,
            prepared_by: r.get(3)?,
            approved_by: r.get(4)?,
            summary: r.get(5)?,
            accepted_undecided: Vec::new(),
            status: VersionStatus::Current,
            status_reason: String::new(),
            status_on: None,
            chain_head: r.get(7)?,
            content_sha256: {
                use sha2::Digest;
                format!(
                    "{:x}",
                    sha2::Sha256::digest(r.get::<_, String>(8)?.as_bytes())
                )
            },
        },
        r.get(6)?,
    ))
}

fn with_status(
    conn: &Connection,
    organisation_id: i64,
    (mut rev, accepted): (SoaRevision, String),
) -> Result<SoaRevision> {
    rev.accepted_undecided = serde_json::from_str(&accepted)?;
    if let Some((status, reason, on)) =
        super::soa_version_status::latest(conn, organisation_id, &rev.version)?
    {
        rev.status = status;
        rev.status_reason = reason;
        rev.status_on = Some(crate::register::parse_date("status date", &on)?);
    }
    Ok(rev)
}

pub fn insert(
    conn: &Connection,
    organisation_id: i64,
    rev: &SoaRevision,
    snapshot: &SoaSnapshot,
) -> Result<()> {
    conn.execute(
        "INSERT INTO soa_versions (organisation_id, version, issued_on, issued_at, prepared_by, approved_by, summary,
             snapshot, accepted_undecided, chain_head)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            organisation_id,
            rev.version,
            rev.issued_on,
            rev.issued_at,
            rev.prepared_by,
            rev.approved_by,
            rev.summary,
            serde_json::to_string(snapshot)?,
            serde_json::to_string(&rev.accepted_undecided)?,
            rev.chain_head
        ],
    )?;
    Ok(())
}

/// Every issued version, oldest first, with its present status.
pub fn list(conn: &Connection, organisation_id: i64) -> Result<Vec<SoaRevision>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM soa_versions WHERE organisation_id = ?1 ORDER BY id"
    ))?;
    let rows = stmt.query_map([organisation_id], revision)?;
    let mut out = Vec::new();
    for row in rows {
        out.push(with_status(conn, organisation_id, row?)?);
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
                "SELECT {COLUMNS} FROM soa_versions WHERE organisation_id = ?1 AND version = ?2"
            ),
            params![organisation_id, version],
            |r| Ok((revision(r)?, r.get::<_, String>(8)?)),
        )
        .optional()?;
    match found {
        Some((rev, json)) => Ok(Some((
            with_status(conn, organisation_id, rev)?,
            serde_json::from_str(&json)?,
        ))),
        None => Ok(None),
    }
}
