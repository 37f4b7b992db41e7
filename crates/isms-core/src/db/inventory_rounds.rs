//! Queries on `inventory_rounds`: one inventory (棚卸し) a year, open until closed.

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::asset::round::InventoryRound;
use crate::error::Result;

const COLUMNS: &str = "id, round_id, year, due_on, started_on, started_by, closed_on";

fn read(r: &Row<'_>) -> rusqlite::Result<(i64, InventoryRound, String)> {
    Ok((
        r.get(0)?,
        InventoryRound {
            round_id: r.get(1)?,
            year: r.get(2)?,
            due_on: Default::default(),
            started_on: r.get(4)?,
            started_by: r.get(5)?,
            closed_on: r.get(6)?,
        },
        r.get(3)?,
    ))
}

fn finish(row: (i64, InventoryRound, String)) -> Result<(i64, InventoryRound)> {
    let (id, mut round, due) = row;
    round.due_on = crate::register::parse_date("due date", &due)?;
    Ok((id, round))
}

/// Every round, newest year first, with its row id.
pub fn list(conn: &Connection, organisation_id: i64) -> Result<Vec<(i64, InventoryRound)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM inventory_rounds WHERE organisation_id = ?1 ORDER BY year DESC"
    ))?;
    let rows = stmt.query_map([organisation_id], read)?;
    let mut out = Vec::new();
    for row in rows {
        out.push(finish(row?)?);
    }
    Ok(out)
}

/// The round with id `round_id` (INV-2026), or the round of year `year`.
pub fn get(
    conn: &Connection,
    organisation_id: i64,
    round_id: &str,
) -> Result<Option<(i64, InventoryRound)>> {
    let row = conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM inventory_rounds WHERE organisation_id = ?1 AND (round_id = ?2 OR year = ?2)"
        ))?
        .query_row(params![organisation_id, round_id.trim()], read)
        .optional()?;
    row.map(finish).transpose()
}

/// The round with row id `id`.
pub fn by_row(conn: &Connection, id: i64) -> Result<Option<(i64, InventoryRound)>> {
    let row = conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM inventory_rounds WHERE id = ?1"
        ))?
        .query_row([id], read)
        .optional()?;
    row.map(finish).transpose()
}

/// The newest round not yet closed.
pub fn open(conn: &Connection, organisation_id: i64) -> Result<Option<(i64, InventoryRound)>> {
    Ok(list(conn, organisation_id)?
        .into_iter()
        .find(|(_, r)| r.closed_on.is_none()))
}

pub fn insert(conn: &Connection, organisation_id: i64, r: &InventoryRound) -> Result<i64> {
    conn.execute(
        "INSERT INTO inventory_rounds (organisation_id, round_id, year, due_on, started_on, started_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            organisation_id,
            r.round_id,
            r.year,
            r.due_on.to_string(),
            r.started_on,
            r.started_by
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Closes a round, keeping each department's progress as it was (JSON), so the closed round's figures never move.
pub fn close(conn: &Connection, id: i64, on: &str, progress: &str) -> Result<()> {
    conn.execute(
        "UPDATE inventory_rounds SET closed_on = ?2, closed_progress = ?3 WHERE id = ?1",
        params![id, on, progress],
    )?;
    Ok(())
}

/// The progress a closed round kept (JSON), if any.
pub fn closed_progress(conn: &Connection, id: i64) -> Result<Option<String>> {
    Ok(conn.query_row(
        "SELECT closed_progress FROM inventory_rounds WHERE id = ?1",
        params![id],
        |r| r.get(0),
    )?)
}
