//! Queries on `assets`: the inventory rows. Lists, text fields and custom columns are JSON; the level is a row id.

use std::collections::HashMap;

use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};

use crate::asset::lifecycle::Retirement;
use crate::asset::{Asset, AssetFilter, AssetSort, Lifecycle};
use crate::error::Result;

const COLUMNS: &str = "a.asset_id, a.name, a.asset_type, a.category, l.name_ja, a.confidentiality, a.integrity, \
     a.availability, a.owner, a.custodian, a.location, a.media, a.retention, a.disposal_method, a.labels, a.notes, \
     a.last_reviewed, a.next_review, a.cloud_purpose, a.cloud_information, a.controls, a.custom, a.updated_at, a.id, \
     a.department, a.retired_on, a.retirement_method, a.retirement_approver, a.retirement_note";

/// The raw row: JSON and dates still as text.
struct Stored {
    asset: Asset,
    labels: String,
    controls: String,
    custom: String,
    last_reviewed: Option<String>,
    next_review: Option<String>,
    updated_at: String,
    id: i64,
    retired_on: Option<String>,
    retirement_method: String,
    retirement_approver: String,
    retirement_note: String,
}

fn read(r: &Row<'_>) -> rusqlite::Result<Stored> {
    Ok(Stored {
        asset: Asset {
            asset_id: r.get(0)?,
            name: r.get(1)?,
            asset_type: r.get(2)?,
            category: r.get(3)?,
            classification: r.get(4)?,
            confidentiality: r.get(5)?,
            integrity: r.get(6)?,
            availability: r.get(7)?,
            owner: r.get(8)?,
            custodian: r.get(9)?,
            location: r.get(10)?,
            media: r.get(11)?,
            retention: r.get(12)?,
            disposal_method: r.get(13)?,
            notes: r.get(15)?,
            cloud_purpose: r.get(18)?,
            cloud_information: r.get(19)?,
            department: r.get(24)?,
            ..Default::default()
        },
        labels: r.get(14)?,
        last_reviewed: r.get(16)?,
        next_review: r.get(17)?,
        controls: r.get(20)?,
        custom: r.get(21)?,
        updated_at: r.get(22)?,
        id: r.get(23)?,
        retired_on: r.get(25)?,
        retirement_method: r.get(26)?,
        retirement_approver: r.get(27)?,
        retirement_note: r.get(28)?,
    })
}

fn finish(s: Stored) -> Result<(i64, Asset, String)> {
    let mut a = s.asset;
    a.labels = serde_json::from_str(&s.labels)?;
    a.controls = serde_json::from_str(&s.controls)?;
    a.custom = serde_json::from_str(&s.custom)?;
    a.last_reviewed = s
        .last_reviewed
        .map(|d| crate::register::parse_date("last reviewed", &d))
        .transpose()?;
    a.next_review = s
        .next_review
        .map(|d| crate::register::parse_date("next review", &d))
        .transpose()?;
    a.retirement = s
        .retired_on
        .map(|d| -> Result<Retirement> {
            Ok(Retirement {
                on: crate::register::parse_date("retirement date", &d)?,
                method: s.retirement_method,
                approver: s.retirement_approver,
                note: s.retirement_note,
            })
        })
        .transpose()?;
    Ok((s.id, a, s.updated_at))
}

/// Every asset (in use or retired) in id order, with its row id and last change.
pub fn list(conn: &Connection, organisation_id: i64) -> Result<Vec<(i64, Asset, String)>> {
    let filter = AssetFilter {
        lifecycle: Some(Lifecycle::All),
        ..Default::default()
    };
    query(
        conn,
        organisation_id,
        &filter,
        AssetSort::AssetId,
        false,
        0,
        None,
    )
}

/// How many assets in use each level has (by its Japanese name; `None` for assets without a level).
pub fn count_by_level(
    conn: &Connection,
    organisation_id: i64,
) -> Result<Vec<(Option<String>, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT l.name_ja, count(*) FROM assets a LEFT JOIN classification_levels l ON l.id = a.level_id
         WHERE a.organisation_id = ?1 AND a.retired_on IS NULL GROUP BY a.level_id",
    )?;
    let rows = stmt.query_map([organisation_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Assets in use due for review by `horizon` (a date as stored): (asset id, name, next review), soonest first.
pub fn reviews_due(
    conn: &Connection,
    organisation_id: i64,
    horizon: &str,
) -> Result<Vec<(String, String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT asset_id, name, next_review FROM assets
         WHERE organisation_id = ?1 AND retired_on IS NULL AND next_review IS NOT NULL AND next_review <= ?2
         ORDER BY next_review, asset_id",
    )?;
    let rows = stmt.query_map(params![organisation_id, horizon], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

const FROM: &str = "FROM assets a LEFT JOIN classification_levels l ON l.id = a.level_id";

/// `text` as a LIKE pattern matching it anywhere (`\` escapes `%` and `_`).
fn contains_pattern(text: &str) -> String {
    let mut p = String::with_capacity(text.len() + 2);
    p.push('%');
    for c in text.trim().chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

/// The WHERE clause of a filter and its parameters (`?1` is the organisation).
fn filter_sql(organisation_id: i64, filter: &AssetFilter) -> (String, Vec<Value>) {
    let mut sql = String::from("a.organisation_id = ?1");
    match filter.lifecycle.unwrap_or_default() {
        Lifecycle::Active => sql.push_str(" AND a.retired_on IS NULL"),
        Lifecycle::Retired => sql.push_str(" AND a.retired_on IS NOT NULL"),
        Lifecycle::All => {}
    }
    let mut params = vec![Value::Integer(organisation_id)];
    let mut add = |clause: &str, value: String| {
        params.push(Value::Text(value));
        sql.push_str(&clause.replace("?N", &format!("?{}", params.len())));
    };
    let given = |v: &Option<String>| {
        v.as_ref()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
    };
    if let Some(level) = given(&filter.classification) {
        add(" AND l.name_ja = ?N", level);
    }
    if let Some(category) = given(&filter.category) {
        add(" AND a.category = ?N", category);
    }
    if let Some(department) = &filter.department {
        add(" AND a.department = ?N", department.trim().to_owned());
    }

    if let Some(owner) = given(&filter.owner) {
        add(" AND a.owner LIKE ?N ESCAPE '\\'", contains_pattern(&owner));
    }
    if let Some(label) = given(&filter.label) {
        add(
            " AND EXISTS (SELECT 1 FROM json_each(a.labels) WHERE value = ?N)",
            label,
        );
    }
    if let Some(search) = given(&filter.search) {
        let fields = [
            "a.asset_id",
            "a.name",
            "a.asset_type",
            "a.category",
            "a.department",
            "a.owner",
            "a.custodian",
            "a.location",
            "a.notes",
            "a.cloud_purpose",
            "a.cloud_information",
        ];
        let mut clause = String::from(" AND (");
        for f in fields {
            clause.push_str(&format!("{f} LIKE ?N ESCAPE '\\' OR "));
        }
        clause.push_str(
            "EXISTS (SELECT 1 FROM json_each(a.labels) WHERE value LIKE ?N ESCAPE '\\') \
             OR EXISTS (SELECT 1 FROM json_each(a.custom) WHERE value LIKE ?N ESCAPE '\\'))",
        );
        add(&clause, contains_pattern(&search));
    }
    (sql, params)
}

/// The assets a filter selects, in `sort` order (ties by asset id), from `offset`, at most `limit`.
pub fn query(
    conn: &Connection,
    organisation_id: i64,
    filter: &AssetFilter,
    sort: AssetSort,
    descending: bool,
    offset: usize,
    limit: Option<usize>,
) -> Result<Vec<(i64, Asset, String)>> {
    let (wher, mut params) = filter_sql(organisation_id, filter);
    let dir = if descending { "DESC" } else { "ASC" };
    let order = match sort {
        AssetSort::AssetId => format!("a.asset_id {dir}"),
        AssetSort::Name => format!("a.name {dir}, a.asset_id"),
        AssetSort::Owner => format!("a.owner {dir}, a.asset_id"),
        AssetSort::Department => format!("a.department {dir}, a.asset_id"),
        AssetSort::Classification => format!("l.position IS NULL, l.position {dir}, a.asset_id"),
    };
    params.push(Value::Integer(limit.map_or(-1, |l| l as i64)));
    params.push(Value::Integer(offset as i64));
    let n = params.len();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} {FROM} WHERE {wher} ORDER BY {order} LIMIT ?{} OFFSET ?{n}",
        n - 1
    ))?;
    let rows = stmt.query_map(params_from_iter(params.iter()), read)?;
    let mut out = Vec::new();
    for row in rows {
        out.push(finish(row?)?);
    }
    Ok(out)
}

/// The asset ids a filter selects, in id order.
pub fn ids_matching(
    conn: &Connection,
    organisation_id: i64,
    filter: &AssetFilter,
) -> Result<Vec<String>> {
    let (wher, params) = filter_sql(organisation_id, filter);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT a.asset_id {FROM} WHERE {wher} ORDER BY a.asset_id"
    ))?;
    let rows = stmt.query_map(params_from_iter(params.iter()), |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many assets a filter selects.
pub fn count_matching(
    conn: &Connection,
    organisation_id: i64,
    filter: &AssetFilter,
) -> Result<usize> {
    let (wher, params) = filter_sql(organisation_id, filter);
    let n: i64 = conn
        .prepare_cached(&format!("SELECT count(*) {FROM} WHERE {wher}"))?
        .query_row(params_from_iter(params.iter()), |r| r.get(0))?;
    Ok(n as usize)
}

pub fn get(
    conn: &Connection,
    organisation_id: i64,
    asset_id: &str,
) -> Result<Option<(i64, Asset, String)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM assets a LEFT JOIN classification_levels l ON l.id = a.level_id
         WHERE a.organisation_id = ?1 AND a.asset_id = ?2"
    ))?;
    let stored = stmt
        .query_row(params![organisation_id, asset_id], read)
        .optional()?;
    stored.map(finish).transpose()
}

macro_rules! insert_sql {
    () => {
        "INSERT INTO assets (organisation_id, asset_id, name, asset_type, category, level_id, confidentiality,
             integrity, availability, owner, custodian, location, media, retention, disposal_method, labels, notes,
             last_reviewed, next_review, cloud_purpose, cloud_information, controls, custom, created_at, updated_at,
             department, retired_on, retirement_method, retirement_approver, retirement_note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21,
                 ?22, ?23, ?24, ?24, ?25, ?26, ?27, ?28, ?29)"
    };
}

const INSERT: &str = insert_sql!();

const UPSERT: &str = concat!(
    insert_sql!(),
    " ON CONFLICT (organisation_id, asset_id) DO UPDATE SET name = excluded.name,
             asset_type = excluded.asset_type, category = excluded.category, level_id = excluded.level_id,
             confidentiality = excluded.confidentiality, integrity = excluded.integrity,
             availability = excluded.availability, owner = excluded.owner, custodian = excluded.custodian,
             location = excluded.location, media = excluded.media, retention = excluded.retention,
             disposal_method = excluded.disposal_method, labels = excluded.labels, notes = excluded.notes,
             last_reviewed = excluded.last_reviewed, next_review = excluded.next_review,
             cloud_purpose = excluded.cloud_purpose, cloud_information = excluded.cloud_information,
             controls = excluded.controls, custom = excluded.custom, updated_at = excluded.updated_at,
             department = excluded.department, retired_on = excluded.retired_on,
             retirement_method = excluded.retirement_method, retirement_approver = excluded.retirement_approver,
             retirement_note = excluded.retirement_note"
);

/// How many assets the organisation has.
pub fn count(conn: &Connection, organisation_id: i64) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM assets WHERE organisation_id = ?1",
        [organisation_id],
        |r| r.get(0),
    )?)
}

/// A JSON list or object as stored; the empty ones (most rows) without a serialiser.
fn json_list(list: &[String]) -> Result<String> {
    if list.is_empty() {
        Ok("[]".to_owned())
    } else {
        Ok(serde_json::to_string(list)?)
    }
}

fn write(
    conn: &Connection,
    sql: &str,
    organisation_id: i64,
    a: &Asset,
    levels: &HashMap<String, i64>,
    now: &str,
) -> Result<()> {
    let level_id = a
        .classification
        .as_ref()
        .and_then(|n| levels.get(n).copied());
    let custom = if a.custom.is_empty() {
        "{}".to_owned()
    } else {
        serde_json::to_string(&a.custom)?
    };
    let mut stmt = conn.prepare_cached(sql)?;
    stmt.execute(params![
        organisation_id,
        a.asset_id,
        a.name,
        a.asset_type,
        a.category,
        level_id,
        a.confidentiality,
        a.integrity,
        a.availability,
        a.owner,
        a.custodian,
        a.location,
        a.media,
        a.retention,
        a.disposal_method,
        json_list(&a.labels)?,
        a.notes,
        a.last_reviewed.map(|d| d.to_string()),
        a.next_review.map(|d| d.to_string()),
        a.cloud_purpose,
        a.cloud_information,
        json_list(&a.controls)?,
        custom,
        now,
        a.department,
        a.retirement.as_ref().map(|r| r.on.to_string()),
        a.retirement.as_ref().map_or("", |r| r.method.as_str()),
        a.retirement.as_ref().map_or("", |r| r.approver.as_str()),
        a.retirement.as_ref().map_or("", |r| r.note.as_str()),
    ])?;
    Ok(())
}

/// Inserts a new asset (the caller knows there is none with its `asset_id`); `levels` maps level names to row ids.
pub fn insert(
    conn: &Connection,
    organisation_id: i64,
    a: &Asset,
    levels: &HashMap<String, i64>,
    now: &str,
) -> Result<()> {
    write(conn, INSERT, organisation_id, a, levels, now)
}

/// Inserts or updates by `asset_id`; `levels` maps level names to row ids.
pub fn upsert(
    conn: &Connection,
    organisation_id: i64,
    a: &Asset,
    levels: &HashMap<String, i64>,
    now: &str,
) -> Result<()> {
    write(conn, UPSERT, organisation_id, a, levels, now)
}

/// Removes an asset (an import undone; an asset created by mistake). The caller writes the audit entry.
pub fn delete(conn: &Connection, organisation_id: i64, asset_id: &str) -> Result<bool> {
    Ok(conn.execute(
        "DELETE FROM assets WHERE organisation_id = ?1 AND asset_id = ?2",
        rusqlite::params![organisation_id, asset_id],
    )? > 0)
}

/// How many assets are in use.
pub fn count_active(conn: &Connection, organisation_id: i64) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM assets WHERE organisation_id = ?1 AND retired_on IS NULL",
        [organisation_id],
        |r| r.get(0),
    )?)
}

/// The departments assets name: (department, assets in use, retired assets), by name ('' = none given).
pub fn departments(conn: &Connection, organisation_id: i64) -> Result<Vec<(String, i64, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT department, sum(retired_on IS NULL), sum(retired_on IS NOT NULL) FROM assets
         WHERE organisation_id = ?1 GROUP BY department ORDER BY department",
    )?;
    let rows = stmt.query_map([organisation_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many assets (in use or not) have the level with row id `level_id`.
pub fn count_with_level(conn: &Connection, level_id: i64) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM assets WHERE level_id = ?1",
        [level_id],
        |r| r.get(0),
    )?)
}

/// The assets (in use or not) with the level `level_id`, by asset id.
pub fn with_level(conn: &Connection, level_id: i64) -> Result<Vec<String>> {
    let mut stmt =
        conn.prepare_cached("SELECT asset_id FROM assets WHERE level_id = ?1 ORDER BY asset_id")?;
    let rows = stmt.query_map([level_id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Moves every asset of level `from` to level `to` (row ids); the caller writes the audit rows.
pub fn move_level(conn: &Connection, from: i64, to: i64, now: &str) -> Result<usize> {
    Ok(conn.execute(
        "UPDATE assets SET level_id = ?2, updated_at = ?3 WHERE level_id = ?1",
        params![from, to, now],
    )?)
}

/// A record that names the asset (`supplier SUP-0001`, `incident INC-2026-001`), if any.
pub fn linked_from(
    conn: &Connection,
    organisation_id: i64,
    asset_id: &str,
) -> Result<Option<String>> {
    if let Some(s) = super::suppliers::naming_asset(conn, organisation_id, asset_id)? {
        return Ok(Some(format!("supplier {s}")));
    }
    if let Some(i) = super::incidents::naming_asset(conn, organisation_id, asset_id)? {
        return Ok(Some(format!("incident {i}")));
    }
    Ok(None)
}
