//! Queries on `frameworks`: the catalogues known to the file.

use rusqlite::{params, Connection};

use crate::catalogue::FrameworkCatalogue;
use crate::error::Result;

pub fn upsert(conn: &Connection, fw: &FrameworkCatalogue, position: i64) -> Result<()> {
    conn.execute(
        "INSERT INTO frameworks (id, title_en, title_ja, position) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (id) DO UPDATE SET title_en = excluded.title_en, title_ja = excluded.title_ja,
                                        position = excluded.position",
        params![fw.framework.as_ref(), fw.title_en, fw.title_ja, position],
    )?;
    Ok(())
}
