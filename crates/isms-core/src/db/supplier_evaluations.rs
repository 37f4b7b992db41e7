//! Queries on `supplier_evaluations`: drafts are updated; approved rows are frozen by triggers.

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::error::{Error, Result};
use crate::supplier::evaluation::Evaluation;

const COLUMNS: &str =
    "e.id, s.supplier_id, e.kind, e.evaluated_on, e.answers, e.result, e.conditions, e.evaluator,
    e.approver, e.approved_at, e.next_due, e.related_incident, e.notes";

type Raw = (
    i64,
    String,
    String,
    String,
    String,
    Option<String>,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    String,
    String,
);

fn raw(r: &Row<'_>) -> rusqlite::Result<Raw> {
    Ok((
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
        r.get(10)?,
        r.get(11)?,
        r.get(12)?,
    ))
}

fn parse(r: Raw) -> Result<Evaluation> {
    let enum_value = |field: &'static str, v: &str| Error::InvalidValue {
        field,
        value: v.to_owned(),
        expected: "a value written by ISMS Desk".to_owned(),
    };
    let date = |field: &'static str, v: &str| crate::register::parse_date(field, v);
    Ok(Evaluation {
        id: r.0,
        supplier_id: r.1,
        kind: r
            .2
            .parse()
            .map_err(|_| enum_value("evaluation kind", &r.2))?,
        evaluated_on: date("evaluation date", &r.3)?,
        answers: serde_json::from_str(&r.4)?,
        result: r
            .5
            .as_deref()
            .map(|v| v.parse().map_err(|_| enum_value("evaluation result", v)))
            .transpose()?,
        conditions: r.6,
        evaluator: r.7,
        approver: r.8,
        approved_at: r.9,
        next_due: r
            .10
            .as_deref()
            .map(|d| date("next due date", d))
            .transpose()?,
        related_incident: r.11,
        notes: r.12,
    })
}

pub fn insert(conn: &Connection, supplier_row: i64, e: &Evaluation, now: &str) -> Result<i64> {
    conn.execute(
        "INSERT INTO supplier_evaluations (supplier_row, kind, evaluated_on, answers, result, conditions, evaluator,
             approver, approved_at, next_due, related_incident, notes, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
        params![
            supplier_row,
            e.kind.as_ref(),
            e.evaluated_on.to_string(),
            serde_json::to_string(&e.answers)?,
            e.result.map(|r| r.as_ref().to_owned()),
            e.conditions,
            e.evaluator,
            e.approver,
            e.approved_at,
            e.next_due.map(|d| d.to_string()),
            e.related_incident,
            e.notes,
            now
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Rewrites a draft (the trigger refuses an approved one).
pub fn update(conn: &Connection, e: &Evaluation, now: &str) -> Result<()> {
    conn.execute(
        "UPDATE supplier_evaluations SET kind = ?2, evaluated_on = ?3, answers = ?4, result = ?5, conditions = ?6,
             evaluator = ?7, approver = ?8, approved_at = ?9, next_due = ?10, related_incident = ?11, notes = ?12,
             updated_at = ?13
         WHERE id = ?1",
        params![
            e.id,
            e.kind.as_ref(),
            e.evaluated_on.to_string(),
            serde_json::to_string(&e.answers)?,
            e.result.map(|r| r.as_ref().to_owned()),
            e.conditions,
            e.evaluator,
            e.approver,
            e.approved_at,
            e.next_due.map(|d| d.to_string()),
            e.related_incident,
            e.notes,
            now
        ],
    )?;
    Ok(())
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<Evaluation>> {
    let row = conn
        .query_row(
            &format!(
                "SELECT {COLUMNS} FROM supplier_evaluations e JOIN suppliers s ON s.id = e.supplier_row WHERE e.id = ?1"
            ),
            [id],
            raw,
        )
        .optional()?;
    row.map(parse).transpose()
}

/// A supplier's evaluations, newest first.
pub fn of_supplier(conn: &Connection, supplier_row: i64) -> Result<Vec<Evaluation>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM supplier_evaluations e JOIN suppliers s ON s.id = e.supplier_row
         WHERE e.supplier_row = ?1 ORDER BY e.evaluated_on DESC, e.id DESC"
    ))?;
    let rows = stmt.query_map([supplier_row], raw)?;
    rows.map(|r| parse(r?)).collect()
}

/// The latest approved evaluation of every supplier: (supplier row, evaluation).
pub fn latest_approved(conn: &Connection, organisation_id: i64) -> Result<Vec<(i64, Evaluation)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS}, e.supplier_row FROM supplier_evaluations e JOIN suppliers s ON s.id = e.supplier_row
         WHERE s.organisation_id = ?1 AND e.approved_at IS NOT NULL
           AND e.id = (SELECT x.id FROM supplier_evaluations x WHERE x.supplier_row = e.supplier_row
                       AND x.approved_at IS NOT NULL ORDER BY x.evaluated_on DESC, x.id DESC LIMIT 1)"
    ))?;
    let rows = stmt.query_map([organisation_id], |r| Ok((raw(r)?, r.get::<_, i64>(13)?)))?;
    rows.map(|r| {
        let (raw, row) = r?;
        Ok((row, parse(raw)?))
    })
    .collect()
}
