//! Queries on `inventory_reviews`: which assets were reviewed in which round, when, by whom, from a returned workbook
//! or marked reviewed.

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::Result;

/// How a review came to be recorded.
pub struct ReviewSource<'a> {
    /// `workbook` (a returned workbook) or `marked` (reviewed in one step).
    pub kind: &'a str,
    pub export_id: Option<i64>,
    /// The import that recorded it.
    pub import_batch: Option<i64>,
}

/// Records (or re-dates) the review of one asset in a round.
pub fn record(
    conn: &Connection,
    round_row: i64,
    asset_row: i64,
    on: &str,
    by: &str,
    source: &ReviewSource<'_>,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO inventory_reviews (round_id, asset_id, reviewed_on, reviewed_by, source, export_id, import_batch)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (round_id, asset_id) DO UPDATE SET reviewed_on = excluded.reviewed_on,
             reviewed_by = excluded.reviewed_by, source = excluded.source, export_id = excluded.export_id,
             import_batch = excluded.import_batch",
    )?
    .execute(params![
        round_row,
        asset_row,
        on,
        by,
        source.kind,
        source.export_id,
        source.import_batch
    ])?;
    Ok(())
}

/// Forgets the reviews an import recorded (the import is undone).
pub fn remove_for_batch(conn: &Connection, import_batch: i64) -> Result<usize> {
    Ok(conn.execute(
        "DELETE FROM inventory_reviews WHERE import_batch = ?1",
        [import_batch],
    )?)
}

/// Forgets every review of an asset (row id) about to be removed.
pub fn remove_for_asset(conn: &Connection, asset_row: i64) -> Result<usize> {
    Ok(conn.execute(
        "DELETE FROM inventory_reviews WHERE asset_id = ?1",
        [asset_row],
    )?)
}

/// Per department: (department, assets in use, of which reviewed in the round).
pub fn progress(
    conn: &Connection,
    organisation_id: i64,
    round_row: i64,
) -> Result<Vec<(String, i64, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.department, count(*), count(r.asset_id)
         FROM assets a LEFT JOIN inventory_reviews r ON r.asset_id = a.id AND r.round_id = ?2
         WHERE a.organisation_id = ?1 AND a.retired_on IS NULL
         GROUP BY a.department ORDER BY a.department",
    )?;
    let rows = stmt.query_map(params![organisation_id, round_row], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Has the asset (row id) been reviewed in any round?
pub fn asset_in_any_round(conn: &Connection, asset_row: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM inventory_reviews WHERE asset_id = ?1 LIMIT 1")?
        .query_row([asset_row], |_| Ok(()))
        .optional()?
        .is_some())
}

/// When the asset (row id) was reviewed in the round, if it was.
pub fn reviewed_on(conn: &Connection, round_row: i64, asset_row: i64) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT reviewed_on FROM inventory_reviews WHERE round_id = ?1 AND asset_id = ?2",
        )?
        .query_row([round_row, asset_row], |r| r.get(0))
        .optional()?)
}
