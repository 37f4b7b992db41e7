//! Queries on `inventory_exports`: each department workbook sent in a round, with the values as sent (the snapshot a
//! returned workbook is compared with) and when it came back.

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::Result;

/// One workbook as sent (without its snapshot).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportRow {
    pub id: i64,
    pub round_row: i64,
    pub department: String,
    pub exported_at: String,
    pub exported_by: String,
    pub returned_at: Option<String>,
    pub returned_by: Option<String>,
}

pub fn insert(
    conn: &Connection,
    round_row: i64,
    department: &str,
    at: &str,
    by: &str,
    snapshot: &str,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO inventory_exports (round_id, department, exported_at, exported_by, snapshot)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![round_row, department, at, by, snapshot],
    )?;
    Ok(conn.last_insert_rowid())
}

/// The workbook with row id `id` and its snapshot.
pub fn get(conn: &Connection, id: i64) -> Result<Option<(ExportRow, String)>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, round_id, department, exported_at, exported_by, returned_at, returned_by, snapshot
             FROM inventory_exports WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok((
                ExportRow {
                    id: r.get(0)?,
                    round_row: r.get(1)?,
                    department: r.get(2)?,
                    exported_at: r.get(3)?,
                    exported_by: r.get(4)?,
                    returned_at: r.get(5)?,
                    returned_by: r.get(6)?,
                },
                r.get(7)?,
            ))
        })
        .optional()?)
}

/// The workbooks of a round, oldest first (without snapshots).
pub fn for_round(conn: &Connection, round_row: i64) -> Result<Vec<ExportRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, round_id, department, exported_at, exported_by, returned_at, returned_by
         FROM inventory_exports WHERE round_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([round_row], |r| {
        Ok(ExportRow {
            id: r.get(0)?,
            round_row: r.get(1)?,
            department: r.get(2)?,
            exported_at: r.get(3)?,
            exported_by: r.get(4)?,
            returned_at: r.get(5)?,
            returned_by: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Marks a workbook returned (the first return is kept).
pub fn set_returned(conn: &Connection, id: i64, at: &str, by: &str) -> Result<()> {
    conn.execute(
        "UPDATE inventory_exports SET returned_at = coalesce(returned_at, ?2), returned_by = coalesce(returned_by, ?3)
         WHERE id = ?1",
        params![id, at, by],
    )?;
    Ok(())
}

/// Was the asset sent in any workbook?
pub fn mentions_asset(conn: &Connection, asset_id: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT 1 FROM inventory_exports e, json_each(e.snapshot) j WHERE j.key = ?1 LIMIT 1",
        )?
        .query_row([asset_id], |_| Ok(()))
        .optional()?
        .is_some())
}
