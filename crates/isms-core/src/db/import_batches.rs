//! Queries on `import_batches`: one row per import that wrote something (what file, who, when, counts, undone or not).

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::error::Result;
use crate::imports::ImportBatch;

const COLUMNS: &str =
    "id, kind, file_name, file_sha256, sheet, counts, actor, at, audit_high, undone_at, undone_by, undo_note";

fn batch(r: &Row<'_>) -> rusqlite::Result<(ImportBatch, String)> {
    Ok((
        ImportBatch {
            id: r.get(0)?,
            kind: r.get(1)?,
            file_name: r.get(2)?,
            file_sha256: r.get(3)?,
            sheet: r.get(4)?,
            counts: Default::default(),
            actor: r.get(6)?,
            at: r.get(7)?,
            audit_high: r.get(8)?,
            undone_at: r.get(9)?,
            undone_by: r.get(10)?,
            undo_note: r.get(11)?,
        },
        r.get(5)?,
    ))
}

fn with_counts((mut b, counts): (ImportBatch, String)) -> Result<ImportBatch> {
    b.counts = serde_json::from_str(&counts)?;
    Ok(b)
}

#[allow(clippy::too_many_arguments)]
pub fn insert(
    conn: &Connection,
    organisation_id: i64,
    kind: &str,
    file_name: &str,
    file_sha256: &str,
    sheet: &str,
    actor: &str,
    at: &str,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO import_batches (organisation_id, kind, file_name, file_sha256, sheet, actor, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![organisation_id, kind, file_name, file_sha256, sheet, actor, at],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Records what the import did once it is about to commit: its counts and the last audit entry it wrote.
pub fn finish(conn: &Connection, id: i64, counts: &str) -> Result<()> {
    conn.execute(
        "UPDATE import_batches SET counts = ?2, audit_high = (SELECT coalesce(max(id), 0) FROM audit_log) WHERE id = ?1",
        params![id, counts],
    )?;
    Ok(())
}

pub fn mark_undone(conn: &Connection, id: i64, at: &str, by: &str, note: &str) -> Result<()> {
    conn.execute(
        "UPDATE import_batches SET undone_at = ?2, undone_by = ?3, undo_note = ?4 WHERE id = ?1",
        params![id, at, by, note],
    )?;
    Ok(())
}

pub fn list(conn: &Connection, organisation_id: i64) -> Result<Vec<ImportBatch>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM import_batches WHERE organisation_id = ?1 ORDER BY id DESC"
    ))?;
    let rows = stmt.query_map([organisation_id], batch)?;
    rows.map(|r| with_counts(r?)).collect()
}

pub fn get(conn: &Connection, organisation_id: i64, id: i64) -> Result<Option<ImportBatch>> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM import_batches WHERE organisation_id = ?1 AND id = ?2"),
        params![organisation_id, id],
        batch,
    )
    .optional()?
    .map(with_counts)
    .transpose()
}
