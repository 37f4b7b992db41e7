//! Queries on `contacts`: the contacts register.

use rusqlite::{params, Connection};

use crate::contact::Contact;
use crate::error::Result;

pub fn list(conn: &Connection, organisation_id: i64) -> Result<Vec<Contact>> {
    let mut stmt = conn.prepare_cached(
        "SELECT contact_id, name_ja, name_en, kind, phone, url, email, when_ja, when_en, note, needs_user_input
         FROM contacts WHERE organisation_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([organisation_id], |r| {
        Ok(Contact {
            contact_id: r.get(0)?,
            name_ja: r.get(1)?,
            name_en: r.get(2)?,
            kind: r.get(3)?,
            phone: r.get(4)?,
            url: r.get(5)?,
            email: r.get(6)?,
            when_ja: r.get(7)?,
            when_en: r.get(8)?,
            note: r.get(9)?,
            needs_user_input: r.get(10)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

pub fn upsert(conn: &Connection, organisation_id: i64, c: &Contact, now: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO contacts (organisation_id, contact_id, name_ja, name_en, kind, phone, url, email, when_ja, when_en,
             note, needs_user_input, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)
         ON CONFLICT (organisation_id, contact_id) DO UPDATE SET name_ja = excluded.name_ja, name_en = excluded.name_en,
             kind = excluded.kind, phone = excluded.phone, url = excluded.url, email = excluded.email,
             when_ja = excluded.when_ja, when_en = excluded.when_en, note = excluded.note,
             needs_user_input = excluded.needs_user_input, updated_at = excluded.updated_at",
        params![
            organisation_id,
            c.contact_id,
            c.name_ja,
            c.name_en,
            c.kind,
            c.phone,
            c.url,
            c.email,
            c.when_ja,
            c.when_en,
            c.note,
            c.needs_user_input,
            now
        ],
    )?;
    Ok(())
}
