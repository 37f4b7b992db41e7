//! Queries on `incidents`, `incident_actions` and `incident_notices`: a record (kept as JSON beside the columns the
//! register filters on), its corrective actions, and the notices sent under its rules.

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::{Error, Result};
use crate::incident::rules::Notice;
use crate::incident::{CorrectiveAction, Incident, IncidentState};

/// (row id, record, updated_at)
pub fn get(
    conn: &Connection,
    organisation_id: i64,
    no: &str,
) -> Result<Option<(i64, Incident, String)>> {
    let row = conn
        .query_row(
            "SELECT id, record, updated_at FROM incidents WHERE organisation_id = ?1 AND incident_no = ?2",
            params![organisation_id, no],
            |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)),
        )
        .optional()?;
    row.map(|(id, json, at)| Ok((id, serde_json::from_str(&json)?, at)))
        .transpose()
}

/// Every record, newest discovery first.
pub fn list(conn: &Connection, organisation_id: i64) -> Result<Vec<(i64, Incident, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, record, updated_at FROM incidents WHERE organisation_id = ?1 ORDER BY discovered_at DESC, id DESC",
    )?;
    let rows = stmt.query_map([organisation_id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, json, at) = row?;
        out.push((id, serde_json::from_str(&json)?, at));
    }
    Ok(out)
}

/// The numbers already used in a year (INC-2026-001 …).
pub fn numbers(conn: &Connection, organisation_id: i64) -> Result<Vec<String>> {
    let mut stmt =
        conn.prepare_cached("SELECT incident_no FROM incidents WHERE organisation_id = ?1")?;
    let rows = stmt.query_map([organisation_id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

pub fn upsert(conn: &Connection, organisation_id: i64, i: &Incident, now: &str) -> Result<i64> {
    let state = i.state().to_string();
    conn.execute(
        "INSERT INTO incidents (organisation_id, incident_no, state, category, source, discovered_at, closed_at, record,
             created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)
         ON CONFLICT (organisation_id, incident_no) DO UPDATE SET state = excluded.state, category = excluded.category,
             source = excluded.source, discovered_at = excluded.discovered_at, closed_at = excluded.closed_at,
             record = excluded.record, updated_at = excluded.updated_at",
        params![
            organisation_id,
            i.incident_no,
            state,
            i.category,
            i.source,
            i.discovered_at,
            (!i.closed_at.is_empty()).then_some(i.closed_at.as_str()),
            serde_json::to_string(i)?,
            now
        ],
    )?;
    Ok(conn.query_row(
        "SELECT id FROM incidents WHERE organisation_id = ?1 AND incident_no = ?2",
        params![organisation_id, i.incident_no],
        |r| r.get(0),
    )?)
}

pub fn actions(conn: &Connection, incident_row: i64) -> Result<Vec<CorrectiveAction>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, what, owner, due_on, done_on FROM incident_actions WHERE incident_row = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([incident_row], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, Option<String>>(4)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, what, owner, due, done) = row?;
        out.push(CorrectiveAction {
            id,
            what,
            owner,
            due_on: crate::register::parse_date("due date", &due)?,
            done_on: done
                .map(|d| crate::register::parse_date("done date", &d))
                .transpose()?,
        });
    }
    Ok(out)
}

pub fn add_action(
    conn: &Connection,
    incident_row: i64,
    a: &CorrectiveAction,
    now: &str,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO incident_actions (incident_row, what, owner, due_on, done_on, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![incident_row, a.what, a.owner, a.due_on.to_string(), a.done_on.map(|d| d.to_string()), now],
    )?;
    Ok(conn.last_insert_rowid())
}

/// (incident row, action)
pub fn action(conn: &Connection, id: i64) -> Result<Option<(i64, CorrectiveAction)>> {
    let row: Option<i64> = conn
        .query_row(
            "SELECT incident_row FROM incident_actions WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()?;
    let Some(incident_row) = row else {
        return Ok(None);
    };
    Ok(actions(conn, incident_row)?
        .into_iter()
        .find(|a| a.id == id)
        .map(|a| (incident_row, a)))
}

pub fn set_action_done(conn: &Connection, id: i64, done: &str) -> Result<()> {
    conn.execute(
        "UPDATE incident_actions SET done_on = ?2 WHERE id = ?1",
        params![id, done],
    )?;
    Ok(())
}

pub fn notices(conn: &Connection, incident_row: i64) -> Result<Vec<Notice>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, rule_id, sent_at, note, recorded_by FROM incident_notices WHERE incident_row = ?1 ORDER BY sent_at, id",
    )?;
    let rows = stmt.query_map([incident_row], |r| {
        Ok(Notice {
            id: r.get(0)?,
            rule_id: r.get(1)?,
            sent_at: r.get(2)?,
            note: r.get(3)?,
            recorded_by: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

pub fn add_notice(conn: &Connection, incident_row: i64, n: &Notice, now: &str) -> Result<i64> {
    conn.execute(
        "INSERT INTO incident_notices (incident_row, rule_id, sent_at, note, recorded_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![incident_row, n.rule_id, n.sent_at, n.note, n.recorded_by, now],
    )?;
    Ok(conn.last_insert_rowid())
}

/// The state column as the register filters on it.
pub fn parse_state(s: &str) -> Result<IncidentState> {
    s.parse().map_err(|_| Error::InvalidValue {
        field: "incident state",
        value: s.to_owned(),
        expected: "reported, awaiting_decision, responding, corrective_action, effectiveness_review, closed or not_incident".to_owned(),
    })
}

/// The first incident (by number) whose affected assets include `asset_id`.
pub fn naming_asset(
    conn: &Connection,
    organisation_id: i64,
    asset_id: &str,
) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT i.incident_no FROM incidents i, json_each(i.record, '$.assets') j
             WHERE i.organisation_id = ?1 AND j.value = ?2 ORDER BY i.incident_no LIMIT 1",
            params![organisation_id, asset_id],
            |r| r.get(0),
        )
        .optional()?)
}
