//! Queries on `whitepaper_versions`: issued versions (append-only; triggers refuse changes).

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::Result;
use crate::whitepaper::{Cited, WhitepaperVersion};

/// The versions of one whitepaper, oldest first.
pub fn list(conn: &Connection, whitepaper_row: i64) -> Result<Vec<(WhitepaperVersion, Cited)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT version, issued_on, prepared_by, approved_by, summary, issued_at, cited, chain_head, document
         FROM whitepaper_versions WHERE whitepaper_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([whitepaper_row], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, Option<String>>(7)?,
            {
                use sha2::Digest;
                format!(
                    "{:x}",
                    sha2::Sha256::digest(r.get::<_, String>(8)?.as_bytes())
                )
            },
        ))
    })?;
    let mut out = Vec::new();
    for r in rows {
        let (
            version,
            issued_on,
            prepared_by,
            approved_by,
            summary,
            issued_at,
            cited,
            chain_head,
            content_sha256,
        ) = r?;
        out.push((
            WhitepaperVersion {
                version,
                issued_on: issued_on
                    .parse()
                    .map_err(|_| crate::error::Error::InvalidValue {
                        field: "stored issue date",
                        value: issued_on.clone(),
                        expected: "YYYY-MM-DD".to_owned(),
                    })?,
                prepared_by,
                approved_by,
                summary,
                issued_at,
                chain_head,
                content_sha256,
            },
            serde_json::from_str(&cited)?,
        ));
    }
    Ok(out)
}

/// The frozen document of one version.
pub fn document(conn: &Connection, whitepaper_row: i64, version: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT document FROM whitepaper_versions WHERE whitepaper_id = ?1 AND version = ?2",
            params![whitepaper_row, version],
            |r| r.get(0),
        )
        .optional()?)
}

pub fn insert(
    conn: &Connection,
    whitepaper_row: i64,
    v: &WhitepaperVersion,
    document: &str,
    cited: &Cited,
) -> Result<()> {
    conn.execute(
        "INSERT INTO whitepaper_versions (whitepaper_id, version, issued_on, prepared_by, approved_by, summary, document,
             cited, issued_at, chain_head)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            whitepaper_row,
            v.version,
            v.issued_on.to_string(),
            v.prepared_by,
            v.approved_by,
            v.summary,
            document,
            serde_json::to_string(cited)?,
            v.issued_at,
            v.chain_head
        ],
    )?;
    Ok(())
}
