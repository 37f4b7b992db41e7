//! Queries on `settings`: the lists users edit (supplier kinds, checklists, …), one JSON document per key.

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::Result;

pub fn get(conn: &Connection, organisation_id: i64, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT value FROM settings WHERE organisation_id = ?1 AND key = ?2",
            params![organisation_id, key],
            |r| r.get(0),
        )
        .optional()?)
}

pub fn set(
    conn: &Connection,
    organisation_id: i64,
    key: &str,
    value: &str,
    now: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO settings (organisation_id, key, value, updated_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (organisation_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        params![organisation_id, key, value, now],
    )?;
    Ok(())
}
