//! Queries on `controls`: the catalogue controls of every framework, in document order.

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::catalogue::{CatalogueControl, Framework};
use crate::error::{Error, Result};
use crate::register::Control;

pub fn upsert(
    conn: &Connection,
    framework: Framework,
    control: &CatalogueControl,
    position: i64,
) -> Result<()> {
    conn.execute(
        "INSERT INTO controls (id, framework, theme, position, title_en, title_ja, extended_by_27017)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (id) DO UPDATE SET framework = excluded.framework, theme = excluded.theme,
             position = excluded.position, title_en = excluded.title_en, title_ja = excluded.title_ja,
             extended_by_27017 = excluded.extended_by_27017",
        params![
            control.id,
            framework.as_ref(),
            control.theme,
            position,
            control.title_en,
            control.title_ja,
            control.extended_by_27017
        ],
    )?;
    Ok(())
}

/// The columns [`from_row`] reads, prefixed with the alias `c`.
pub const COLUMNS: &str = "c.id, c.framework, c.theme, c.title_en, c.title_ja, c.extended_by_27017";

/// Reads [`COLUMNS`] starting at column `at`; the framework is checked afterwards by [`parse_framework`].
pub fn from_row(row: &Row<'_>, at: usize) -> rusqlite::Result<(Control, String)> {
    let framework: String = row.get(at + 1)?;
    Ok((
        Control {
            id: row.get(at)?,
            framework: Framework::Iso27001_2022,
            theme: row.get(at + 2)?,
            title_en: row.get(at + 3)?,
            title_ja: row.get(at + 4)?,
            extended_by_27017: row.get(at + 5)?,
        },
        framework,
    ))
}

pub fn parse_framework(text: &str) -> Result<Framework> {
    text.parse().map_err(|_| Error::InvalidValue {
        field: "framework",
        value: text.to_owned(),
        expected: "a known framework".to_owned(),
    })
}

pub fn get(conn: &Connection, id: &str) -> Result<Option<Control>> {
    let found = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM controls c WHERE c.id = ?1"),
            [id],
            |r| from_row(r, 0),
        )
        .optional()?;
    found
        .map(|(mut c, fw)| {
            c.framework = parse_framework(&fw)?;
            Ok(c)
        })
        .transpose()
}

/// All control ids, for resolving what a user typed.
pub fn ids(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT id FROM controls")?;
    let ids = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(ids)
}
