//! Queries on `organisations`: the profile of the organisation whose ISMS this file holds.

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::Result;
use crate::organisation::Organisation;

pub fn get(conn: &Connection, id: i64) -> Result<Option<Organisation>> {
    Ok(conn
        .query_row(
            "SELECT name, isms_scope, soa_document_number, name_en, isms_scope_en
             FROM organisations WHERE id = ?1",
            [id],
            |r| {
                Ok(Organisation {
                    name: r.get(0)?,
                    isms_scope: r.get(1)?,
                    soa_document_number: r.get(2)?,
                    name_en: r.get(3)?,
                    isms_scope_en: r.get(4)?,
                })
            },
        )
        .optional()?)
}

pub fn insert(conn: &Connection, id: i64, org: &Organisation, now: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO organisations (id, name, isms_scope, soa_document_number, name_en, isms_scope_en,
             created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![
            id,
            org.name,
            org.isms_scope,
            org.soa_document_number,
            org.name_en,
            org.isms_scope_en,
            now
        ],
    )?;
    Ok(())
}

pub fn update(conn: &Connection, id: i64, org: &Organisation, now: &str) -> Result<()> {
    conn.execute(
        "UPDATE organisations SET name = ?2, isms_scope = ?3, soa_document_number = ?4, name_en = ?5,
             isms_scope_en = ?6, updated_at = ?7
         WHERE id = ?1",
        params![
            id,
            org.name,
            org.isms_scope,
            org.soa_document_number,
            org.name_en,
            org.isms_scope_en,
            now
        ],
    )?;
    Ok(())
}
