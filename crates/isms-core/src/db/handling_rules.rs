//! Queries on `handling_rules`: the handling matrix, one rule per level and aspect.

use std::collections::BTreeMap;

use rusqlite::{params, Connection};

use crate::error::Result;

pub fn for_level(conn: &Connection, level_id: i64) -> Result<BTreeMap<String, String>> {
    let mut stmt =
        conn.prepare_cached("SELECT aspect, rule FROM handling_rules WHERE level_id = ?1")?;
    let rows = stmt.query_map([level_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<BTreeMap<String, String>>>()?)
}

pub fn set(conn: &Connection, level_id: i64, aspect: &str, rule: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO handling_rules (level_id, aspect, rule) VALUES (?1, ?2, ?3)
         ON CONFLICT (level_id, aspect) DO UPDATE SET rule = excluded.rule",
        params![level_id, aspect, rule],
    )?;
    Ok(())
}

/// Removes every rule of a level (before the level itself goes).
pub fn delete_for_level(conn: &Connection, level_id: i64) -> Result<()> {
    conn.execute("DELETE FROM handling_rules WHERE level_id = ?1", [level_id])?;
    Ok(())
}
