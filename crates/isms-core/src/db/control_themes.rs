//! Queries on `control_themes`: the themes (2022) or clauses (2013, 27017) that group controls.

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use crate::catalogue::{Framework, Theme};
use crate::error::Result;

/// A theme as shown to users, e.g. `organizational` / 組織的管理策.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeRow {
    pub framework: Framework,
    pub id: String,
    pub clause: String,
    pub title_en: String,
    pub title_ja: String,
}

pub fn upsert(conn: &Connection, framework: Framework, theme: &Theme, position: i64) -> Result<()> {
    conn.execute(
        "INSERT INTO control_themes (framework, id, clause, title_en, title_ja, position)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (framework, id) DO UPDATE SET clause = excluded.clause, title_en = excluded.title_en,
                                                   title_ja = excluded.title_ja, position = excluded.position",
        params![framework.as_ref(), theme.id, theme.clause, theme.title_en, theme.title_ja, position],
    )?;
    Ok(())
}

pub fn list(conn: &Connection) -> Result<Vec<ThemeRow>> {
    let mut stmt = conn.prepare(
        "SELECT t.framework, t.id, t.clause, t.title_en, t.title_ja
         FROM control_themes t JOIN frameworks f ON f.id = t.framework
         ORDER BY f.position, t.position",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            ThemeRow {
                framework: Framework::Iso27001_2022,
                id: r.get(1)?,
                clause: r.get(2)?,
                title_en: r.get(3)?,
                title_ja: r.get(4)?,
            },
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (framework, mut theme) = row?;
        theme.framework = super::controls::parse_framework(&framework)?;
        out.push(theme);
    }
    Ok(out)
}
