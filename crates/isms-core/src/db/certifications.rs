//! Queries on `certifications`: the certifications register (the record as JSON, with the columns lists filter on).

use rusqlite::{params, Connection, OptionalExtension};

use crate::certification::Certification;
use crate::error::Result;

pub fn list(conn: &Connection, organisation_id: i64) -> Result<Vec<Certification>> {
    let mut stmt = conn.prepare_cached(
        "SELECT record FROM certifications WHERE organisation_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([organisation_id], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for json in rows {
        out.push(serde_json::from_str(&json?)?);
    }
    Ok(out)
}

pub fn get(
    conn: &Connection,
    organisation_id: i64,
    cert_id: &str,
) -> Result<Option<Certification>> {
    let json: Option<String> = conn
        .query_row(
            "SELECT record FROM certifications WHERE organisation_id = ?1 AND cert_id = ?2",
            params![organisation_id, cert_id],
            |r| r.get(0),
        )
        .optional()?;
    Ok(json.map(|j| serde_json::from_str(&j)).transpose()?)
}

pub fn upsert(conn: &Connection, organisation_id: i64, c: &Certification, now: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO certifications (organisation_id, cert_id, scheme, holder, expires_on, record, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)
         ON CONFLICT (organisation_id, cert_id) DO UPDATE SET scheme = excluded.scheme, holder = excluded.holder,
             expires_on = excluded.expires_on, record = excluded.record, updated_at = excluded.updated_at",
        params![
            organisation_id,
            c.cert_id,
            c.scheme,
            c.holder,
            c.expires_on.map(|d| d.to_string()),
            serde_json::to_string(c)?,
            now
        ],
    )?;
    Ok(())
}
