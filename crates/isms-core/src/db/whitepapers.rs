//! Queries on `whitepapers`: each whitepaper's definition.

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::Result;
use crate::whitepaper::StoredWhitepaper;

fn row(r: &rusqlite::Row) -> rusqlite::Result<(i64, StoredWhitepaper)> {
    Ok((
        r.get(0)?,
        StoredWhitepaper {
            doc_id: r.get(1)?,
            title: r.get(2)?,
            lang: r.get(3)?,
            definition: r.get(4)?,
            updated_at: r.get(5)?,
        },
    ))
}

pub fn list(conn: &Connection, organisation_id: i64) -> Result<Vec<(i64, StoredWhitepaper)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, doc_id, title, lang, definition, updated_at FROM whitepapers WHERE organisation_id = ?1 ORDER BY doc_id",
    )?;
    let rows = stmt.query_map([organisation_id], row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

pub fn get(
    conn: &Connection,
    organisation_id: i64,
    doc_id: &str,
) -> Result<Option<(i64, StoredWhitepaper)>> {
    Ok(conn
        .query_row(
            "SELECT id, doc_id, title, lang, definition, updated_at FROM whitepapers
             WHERE organisation_id = ?1 AND doc_id = ?2",
            params![organisation_id, doc_id],
            row,
        )
        .optional()?)
}

pub fn upsert(
    conn: &Connection,
    organisation_id: i64,
    w: &StoredWhitepaper,
    now: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO whitepapers (organisation_id, doc_id, title, lang, definition, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)
         ON CONFLICT (organisation_id, doc_id) DO UPDATE SET title = excluded.title, lang = excluded.lang,
             definition = excluded.definition, updated_at = excluded.updated_at",
        params![organisation_id, w.doc_id, w.title, w.lang, w.definition, now],
    )?;
    Ok(())
}
