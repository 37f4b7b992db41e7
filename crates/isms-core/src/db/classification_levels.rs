//! Queries on `classification_levels`: the levels of an organisation's scheme, in order (most protected first).

use rusqlite::{params, Connection};

use crate::asset::classification::ClassificationLevel;
use crate::error::Result;

/// Levels with their row ids, in order; handling rules are filled in by the caller.
pub fn list(conn: &Connection, organisation_id: i64) -> Result<Vec<(i64, ClassificationLevel)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name_ja, name_en, label, colour FROM classification_levels
         WHERE organisation_id = ?1 ORDER BY position, id",
    )?;
    let rows = stmt.query_map([organisation_id], |r| {
        Ok((
            r.get(0)?,
            ClassificationLevel {
                name_ja: r.get(1)?,
                name_en: r.get(2)?,
                label: r.get(3)?,
                colour: r.get(4)?,
                handling: Default::default(),
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

pub fn insert(
    conn: &Connection,
    organisation_id: i64,
    position: i64,
    l: &ClassificationLevel,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO classification_levels (organisation_id, position, name_ja, name_en, label, colour)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![organisation_id, position, l.name_ja, l.name_en, l.label, l.colour],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn update(conn: &Connection, id: i64, position: i64, l: &ClassificationLevel) -> Result<()> {
    conn.execute(
        "UPDATE classification_levels SET position = ?2, name_ja = ?3, name_en = ?4, label = ?5, colour = ?6
         WHERE id = ?1",
        params![id, position, l.name_ja, l.name_en, l.label, l.colour],
    )?;
    Ok(())
}

/// Removes a level (its assets and handling rules were moved or removed first).
pub fn delete(conn: &Connection, id: i64) -> Result<()> {
    conn.execute("DELETE FROM classification_levels WHERE id = ?1", [id])?;
    Ok(())
}
