//! Queries on `audit_log`: append-only; nothing in the program updates or deletes its rows.

use rusqlite::{params, Connection};

use crate::audit::{AuditAction, AuditEntry, AuditQuery};
use crate::error::{Error, Result};

/// Who changed which record when: shared by every row one change writes.
#[derive(Debug, Clone)]
pub struct Stamp<'a> {
    pub at: &'a str,
    pub actor: &'a str,
    pub entity: &'a str,
    pub record_id: &'a str,
}

/// The last entry's id and hash (0 and none for an empty trail).
fn last(conn: &Connection) -> Result<(i64, Option<String>)> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .query_row(
            "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .unwrap_or((0, None)))
}

/// Appends one entry with its place in the hash chain (the program writes entries inside its IMMEDIATE transactions,
/// so the last entry cannot move under it; the table's trigger chains any entry written without a hash).
pub fn append(
    conn: &Connection,
    stamp: &Stamp<'_>,
    action: AuditAction,
    field: Option<&str>,
    old_value: Option<&str>,
    new_value: Option<&str>,
) -> Result<()> {
    let (last_id, prev) = last(conn)?;
    let id = last_id + 1;
    let hash = crate::audit_chain::entry_hash(
        prev.as_deref(),
        id,
        stamp.at,
        stamp.actor,
        action.as_ref(),
        stamp.entity,
        stamp.record_id,
        field,
        old_value,
        new_value,
    );
    let mut stmt = conn.prepare_cached(
        "INSERT INTO audit_log (id, at, actor, action, entity, record_id, field, old_value, new_value, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    stmt.execute(params![
        id,
        stamp.at,
        stamp.actor,
        action.as_ref(),
        stamp.entity,
        stamp.record_id,
        field,
        old_value,
        new_value,
        hash
    ])?;
    Ok(())
}

/// One creation entry per record in a single statement (a large import writes thousands): each entry's value is
/// `prefix`, the record's number, `suffix`. `stamp.record_id` is not used; the records are (record id, number).
pub fn append_creations(
    conn: &Connection,
    stamp: &Stamp<'_>,
    prefix: &str,
    suffix: &str,
    records: &[(String, usize)],
) -> Result<()> {
    // Each entry chained here, then all written in one statement.
    let (mut id, mut prev) = last(conn)?;
    let mut rows = Vec::with_capacity(records.len());
    for (record_id, number) in records {
        id += 1;
        let value = format!("{prefix}{number}{suffix}");
        let hash = crate::audit_chain::entry_hash(
            prev.as_deref(),
            id,
            stamp.at,
            stamp.actor,
            "create",
            stamp.entity,
            record_id,
            None,
            None,
            Some(&value),
        );
        rows.push((id, record_id.as_str(), value, hash.clone()));
        prev = Some(hash);
    }
    let mut stmt = conn.prepare_cached(
        "INSERT INTO audit_log (id, at, actor, action, entity, record_id, field, old_value, new_value, hash)
         SELECT r.value ->> 0, ?1, ?2, 'create', ?3, r.value ->> 1, NULL, NULL, r.value ->> 2, r.value ->> 3
         FROM json_each(?4) AS r",
    )?;
    stmt.execute(params![
        stamp.at,
        stamp.actor,
        stamp.entity,
        serde_json::to_string(&rows)?
    ])?;
    Ok(())
}

pub fn list(conn: &Connection, query: &AuditQuery) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare(
        "SELECT id, at, actor, action, entity, record_id, field, old_value, new_value
         FROM audit_log
         WHERE (?1 IS NULL OR record_id = ?1) AND (?2 IS NULL OR entity = ?2)
         ORDER BY id DESC
         LIMIT ?3",
    )?;
    let limit = query.limit.map(i64::from).unwrap_or(-1);
    let rows = stmt.query_map(params![query.record_id, query.entity, limit], |r| {
        Ok((
            r.get::<_, String>(3)?,
            AuditEntry {
                id: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                action: AuditAction::Create,
                entity: r.get(4)?,
                record_id: r.get(5)?,
                field: r.get(6)?,
                old_value: r.get(7)?,
                new_value: r.get(8)?,
            },
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (action, mut entry) = row?;
        entry.action = action.parse().map_err(|_| Error::InvalidValue {
            field: "audit action",
            value: action.clone(),
            expected: "create, update or delete".to_owned(),
        })?;
        out.push(entry);
    }
    Ok(out)
}

/// Who last changed `field` of a record, and when: `(actor, at)`.
pub fn last_change(
    conn: &Connection,
    entity: &str,
    record_id: &str,
    field: &str,
) -> Result<Option<(String, String)>> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .query_row(
            "SELECT actor, at FROM audit_log WHERE entity = ?1 AND record_id = ?2 AND field = ?3
             ORDER BY id DESC LIMIT 1",
            params![entity, record_id, field],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// Fills in who made each conflicting change and when, from the trail.
pub fn attribute(
    conn: &Connection,
    entity: &str,
    record_id: &str,
    conflicts: &mut [crate::conflict::FieldConflict],
) -> Result<()> {
    for c in conflicts {
        if let Some((actor, at)) = last_change(conn, entity, record_id, &c.field)? {
            c.changed_by = Some(actor);
            c.changed_at = Some(at);
        }
    }
    Ok(())
}
