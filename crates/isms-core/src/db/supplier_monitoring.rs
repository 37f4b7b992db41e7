//! Queries on `supplier_monitoring`: the dated monitoring log of each supplier.

use rusqlite::{params, Connection};

use crate::error::{Error, Result};
use crate::supplier::store::MonitoringEntry;

pub fn insert(conn: &Connection, supplier_row: i64, e: &MonitoringEntry, now: &str) -> Result<i64> {
    conn.execute(
        "INSERT INTO supplier_monitoring (supplier_row, on_date, kind, note, recorded_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![supplier_row, e.on_date.to_string(), e.kind.as_ref(), e.note, e.recorded_by, now],
    )?;
    Ok(conn.last_insert_rowid())
}

/// A supplier's log, newest first.
pub fn of_supplier(conn: &Connection, supplier_row: i64) -> Result<Vec<MonitoringEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, on_date, kind, note, recorded_by FROM supplier_monitoring WHERE supplier_row = ?1
         ORDER BY on_date DESC, id DESC",
    )?;
    let rows = stmt.query_map([supplier_row], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, on, kind, note, by) = row?;
        out.push(MonitoringEntry {
            id,
            on_date: crate::register::parse_date("log date", &on)?,
            kind: kind.parse().map_err(|_| Error::InvalidValue {
                field: "log kind",
                value: kind.clone(),
                expected: "a value written by ISMS Desk".to_owned(),
            })?,
            note,
            recorded_by: by,
        });
    }
    Ok(out)
}
