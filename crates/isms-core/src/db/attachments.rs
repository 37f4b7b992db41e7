//! Queries on `attachments` and `attachment_blobs`: files kept inside the database, content stored once per SHA-256.

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::attachment::Attachment;
use crate::error::Result;

const COLUMNS: &str =
    "id, sha256, name, media_type, size, owner_entity, owner_id, note, added_at, added_by";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Attachment> {
    Ok(Attachment {
        id: r.get(0)?,
        sha256: r.get(1)?,
        name: r.get(2)?,
        media_type: r.get(3)?,
        size: r.get(4)?,
        owner_entity: r.get(5)?,
        owner_id: r.get(6)?,
        note: r.get(7)?,
        added_at: r.get(8)?,
        added_by: r.get(9)?,
    })
}

/// Stores the content unless the same content is already there.
pub fn put_blob(conn: &Connection, sha256: &str, data: &[u8]) -> Result<()> {
    conn.execute(
        "INSERT INTO attachment_blobs (sha256, size, data) VALUES (?1, ?2, ?3) ON CONFLICT (sha256) DO NOTHING",
        params![sha256, data.len() as i64, data],
    )?;
    Ok(())
}

pub fn insert(conn: &Connection, organisation_id: i64, a: &Attachment) -> Result<i64> {
    conn.execute(
        "INSERT INTO attachments (organisation_id, sha256, name, media_type, size, owner_entity, owner_id, note,
             added_at, added_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            organisation_id,
            a.sha256,
            a.name,
            a.media_type,
            a.size,
            a.owner_entity,
            a.owner_id,
            a.note,
            a.added_at,
            a.added_by
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn get(conn: &Connection, organisation_id: i64, id: i64) -> Result<Option<Attachment>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {COLUMNS} FROM attachments WHERE organisation_id = ?1 AND id = ?2 AND removed_at IS NULL"
            ),
            params![organisation_id, id],
            from_row,
        )
        .optional()?)
}

pub fn blob(conn: &Connection, sha256: &str) -> Result<Option<Vec<u8>>> {
    Ok(conn
        .query_row(
            "SELECT data FROM attachment_blobs WHERE sha256 = ?1",
            [sha256],
            |r| r.get(0),
        )
        .optional()?)
}

/// The attachments of one record, oldest first.
pub fn of_owner(
    conn: &Connection,
    organisation_id: i64,
    owner_entity: &str,
    owner_id: &str,
) -> Result<Vec<Attachment>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM attachments
         WHERE organisation_id = ?1 AND owner_entity = ?2 AND owner_id = ?3 AND removed_at IS NULL ORDER BY id"
    ))?;
    let rows = stmt.query_map(params![organisation_id, owner_entity, owner_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

pub fn mark_removed(conn: &Connection, organisation_id: i64, id: i64, now: &str) -> Result<()> {
    conn.execute(
        "UPDATE attachments SET removed_at = ?3 WHERE organisation_id = ?1 AND id = ?2",
        params![organisation_id, id, now],
    )?;
    Ok(())
}
