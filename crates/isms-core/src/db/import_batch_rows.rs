//! Queries on `import_batch_rows`: what one import did to each record (inserted it, or updated it from a recorded
//! previous value).

use rusqlite::{params, Connection};

use crate::error::Result;

/// Records many inserted records in one statement: (record id, hash of the record as inserted).
pub fn insert_created(
    conn: &Connection,
    batch_id: i64,
    records: &[(String, String)],
) -> Result<()> {
    conn.execute(
        "INSERT INTO import_batch_rows (batch_id, record_id, action, after)
         SELECT ?1, value ->> 0, 'insert', value ->> 1 FROM json_each(?2)",
        params![batch_id, serde_json::to_string(records)?],
    )?;
    Ok(())
}

pub fn insert_updated(
    conn: &Connection,
    batch_id: i64,
    record_id: &str,
    before: &str,
    after: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO import_batch_rows (batch_id, record_id, action, before, after)
         VALUES (?1, ?2, 'update', ?3, ?4)",
        params![batch_id, record_id, before, after],
    )?;
    Ok(())
}

/// One record of a batch: (record id, action, before, hash after).
pub type BatchRow = (String, String, Option<String>, String);

/// The records of a batch, in record order.
pub fn list(conn: &Connection, batch_id: i64) -> Result<Vec<BatchRow>> {
    let mut stmt = conn.prepare(
        "SELECT record_id, action, before, after FROM import_batch_rows WHERE batch_id = ?1 ORDER BY record_id",
    )?;
    let rows = stmt.query_map([batch_id], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}
