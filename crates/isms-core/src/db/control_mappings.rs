//! Queries on `control_mappings`: the ISO/IEC 27002:2013 ↔ 2022 correspondence.

use rusqlite::{params, Connection};
use serde::Serialize;

use crate::catalogue::{Link, Relation};
use crate::error::{Error, Result};
use crate::register::Control;

/// A counterpart of a control in the other edition, and how the two relate (seen from the 2013 side).
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MappedControl {
    #[serde(flatten)]
    pub control: Control,
    pub relation: Relation,
}

pub fn replace_all(conn: &Connection, links: &[Link]) -> Result<()> {
    conn.execute("DELETE FROM control_mappings", [])?;
    let mut stmt = conn
        .prepare("INSERT INTO control_mappings (from_id, to_id, relation) VALUES (?1, ?2, ?3)")?;
    for link in links {
        stmt.execute(params![link.from, link.to, link.relation.as_ref()])?;
    }
    Ok(())
}

/// Every 2013 → 2022 link, in catalogue order.
pub fn all(conn: &Connection) -> Result<Vec<Link>> {
    let mut stmt = conn
        .prepare_cached("SELECT from_id, to_id, relation FROM control_mappings ORDER BY rowid")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (from, to, relation) = row?;
        let relation = relation.parse().map_err(|_| Error::InvalidValue {
            field: "mapping relation",
            value: relation.clone(),
            expected: "equal, subset, superset or intersect".to_owned(),
        })?;
        out.push(Link { from, to, relation });
    }
    Ok(out)
}

/// The controls linked to `id`, whichever edition `id` belongs to, in document order.
pub fn counterparts(conn: &Connection, id: &str) -> Result<Vec<MappedControl>> {
    let sql = format!(
        "SELECT {cols}, m.relation
         FROM control_mappings m
         JOIN controls c ON c.id = CASE WHEN m.from_id = ?1 THEN m.to_id ELSE m.from_id END
         JOIN frameworks f ON f.id = c.framework
         WHERE m.from_id = ?1 OR m.to_id = ?1
         ORDER BY f.position, c.position",
        cols = super::controls::COLUMNS
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([id], |r| {
        let (control, fw) = super::controls::from_row(r, 0)?;
        let relation: String = r.get(6)?;
        Ok((control, fw, relation))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (mut control, fw, relation) = row?;
        control.framework = super::controls::parse_framework(&fw)?;
        let relation = relation.parse().map_err(|_| Error::InvalidValue {
            field: "mapping relation",
            value: relation.clone(),
            expected: "equal, subset, superset or intersect".to_owned(),
        })?;
        out.push(MappedControl { control, relation });
    }
    Ok(out)
}
