//! The audit trail as a hash chain: each entry's `hash` is SHA-256 over the previous entry's hash and the entry's own
//! content, so an entry changed or removed with another SQL tool breaks the chain from there on. The hash is filled
//! by a trigger through the `isms_audit_hash` SQL function registered on every connection the program opens; entries
//! written before schema version 8 are chained by the migration. `verify` walks the chain.

use rusqlite::functions::FunctionFlags;
use rusqlite::{Connection, Transaction};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::Result;

/// Feeds a field into a hash: a tag (absent or present), the length, the bytes — so no two different entries hash the
/// same content.
pub(crate) fn feed(h: &mut Sha256, v: Option<&[u8]>) {
    match v {
        None => h.update([0u8]),
        Some(b) => {
            h.update([1u8]);
            h.update((b.len() as u64).to_le_bytes());
            h.update(b);
        }
    }
}

/// The hash of an entry: over the previous entry's hash and the entry's content, in a fixed order, with NULL kept
/// apart from the empty text.
#[allow(clippy::too_many_arguments)]
pub fn entry_hash(
    prev: Option<&str>,
    id: i64,
    at: &str,
    actor: &str,
    action: &str,
    entity: &str,
    record_id: &str,
    field: Option<&str>,
    old_value: Option<&str>,
    new_value: Option<&str>,
) -> String {
    let mut h = Sha256::new();
    feed(&mut h, prev.map(str::as_bytes));
    h.update(id.to_le_bytes());
    for v in [
        Some(at),
        Some(actor),
        Some(action),
        Some(entity),
        Some(record_id),
        field,
        old_value,
        new_value,
    ] {
        feed(&mut h, v.map(str::as_bytes));
    }
    format!("{:x}", h.finalize())
}

/// Registers `isms_audit_hash(prev, id, at, actor, action, entity, record_id, field, old, new)`.
pub fn register(conn: &Connection) -> Result<()> {
    conn.create_scalar_function(
        "isms_audit_hash",
        10,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let text =
                |i: usize| -> rusqlite::Result<Option<String>> { ctx.get::<Option<String>>(i) };
            Ok(entry_hash(
                text(0)?.as_deref(),
                ctx.get::<i64>(1)?,
                &text(2)?.unwrap_or_default(),
                &text(3)?.unwrap_or_default(),
                &text(4)?.unwrap_or_default(),
                &text(5)?.unwrap_or_default(),
                &text(6)?.unwrap_or_default(),
                text(7)?.as_deref(),
                text(8)?.as_deref(),
                text(9)?.as_deref(),
            ))
        },
    )?;
    Ok(())
}

type Row = (
    i64,
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn rows(conn: &Connection, f: &mut dyn FnMut(Row) -> Result<bool>) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT id, at, actor, action, entity, record_id, field, old_value, new_value, hash FROM audit_log ORDER BY id",
    )?;
    let mut q = stmt.query([])?;
    while let Some(r) = q.next()? {
        let row: Row = (
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
            r.get(6)?,
            r.get(7)?,
            r.get(8)?,
            r.get(9)?,
        );
        if !f(row)? {
            break;
        }
    }
    Ok(())
}

/// Chains the entries that have no hash yet (those written before the chain existed), in order.
pub fn chain_existing(tx: &Transaction) -> Result<usize> {
    let mut todo = Vec::new();
    let mut prev: Option<String> = None;
    rows(tx, &mut |(
        id,
        at,
        actor,
        action,
        entity,
        record_id,
        field,
        old,
        new,
        hash,
    )| {
        let h = match hash {
            Some(h) => h,
            None => {
                let h = entry_hash(
                    prev.as_deref(),
                    id,
                    &at,
                    &actor,
                    &action,
                    &entity,
                    &record_id,
                    field.as_deref(),
                    old.as_deref(),
                    new.as_deref(),
                );
                todo.push((id, h.clone()));
                h
            }
        };
        prev = Some(h);
        Ok(true)
    })?;
    let mut stmt = tx.prepare("UPDATE audit_log SET hash = ?2 WHERE id = ?1")?;
    for (id, h) in &todo {
        stmt.execute(rusqlite::params![id, h])?;
    }
    Ok(todo.len())
}

/// The first entry whose hash does not match its content and its predecessor.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BrokenEntry {
    pub id: i64,
    pub at: String,
    pub entity: String,
    pub record_id: String,
    pub field: Option<String>,
    /// What is wrong, in words: its content changed, or an entry before it was changed or removed.
    pub reason: String,
    /// The same as a code the UI words: `no_hash`, `entries_missing`, `changed`.
    pub reason_code: String,
}

/// The chain checked end to end.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChainReport {
    pub entries: usize,
    pub verified: usize,
    pub ok: bool,
    pub broken: Option<BrokenEntry>,
    /// The hash of the last entry (what issued documents record).
    pub head: Option<String>,
}

/// Walks the chain from the first entry; stops at the first that does not match.
pub fn verify(conn: &Connection) -> Result<ChainReport> {
    let entries: usize =
        conn.query_row("SELECT count(*) FROM audit_log", [], |r| r.get::<_, i64>(0))? as usize;
    let mut prev: Option<String> = None;
    let mut verified = 0;
    let mut broken = None;
    let mut last_id: Option<i64> = None;
    rows(conn, &mut |(
        id,
        at,
        actor,
        action,
        entity,
        record_id,
        field,
        old,
        new,
        hash,
    )| {
        let expected = entry_hash(
            prev.as_deref(),
            id,
            &at,
            &actor,
            &action,
            &entity,
            &record_id,
            field.as_deref(),
            old.as_deref(),
            new.as_deref(),
        );
        let gap = last_id.is_some_and(|l| id != l + 1);
        if hash.as_deref() != Some(expected.as_str()) {
            // Does the entry match its own content with the stored predecessor? Then something before it went.
            let (reason_code, reason) = match &hash {
                None => (
                    "no_hash",
                    "it has no hash (written around the program)".to_owned(),
                ),
                Some(_) if gap => (
                    "entries_missing",
                    format!(
                        "entries before it are missing (the previous one is {})",
                        last_id.unwrap_or(0)
                    ),
                ),
                Some(_) => (
                    "changed",
                    "its content or an entry before it was changed outside ISMS Desk".to_owned(),
                ),
            };
            broken = Some(BrokenEntry {
                id,
                at,
                entity,
                record_id,
                field,
                reason,
                reason_code: reason_code.to_owned(),
            });
            return Ok(false);
        }
        verified += 1;
        last_id = Some(id);
        prev = hash;
        Ok(true)
    })?;
    Ok(ChainReport {
        entries,
        verified,
        ok: broken.is_none(),
        broken,
        head: prev,
    })
}

/// The current chain head (the last entry's hash).
pub fn head(conn: &Connection) -> Result<Option<String>> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .query_row(
            "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get::<_, Option<String>>(0),
        )
        .optional()?
        .flatten())
}
