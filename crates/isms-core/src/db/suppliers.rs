//! Queries on `suppliers`: the supplier register.

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::error::Result;
use crate::supplier::Supplier;

const COLUMNS: &str = "id, supplier_id, name, kind, services, purpose, info_categories, highest_level, criticality,
    status, subcontracting_allowed, subcontractors, assets, controls, contracts, certifications, data_location,
    governing_law, security_url, contact, disclose_as_subprocessor, notes, updated_at";

fn json<T: serde::de::DeserializeOwned>(r: &Row<'_>, i: usize) -> rusqlite::Result<T> {
    let text: String = r.get(i)?;
    serde_json::from_str(&text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// (row id, supplier, updated_at)
fn from_row(r: &Row<'_>) -> rusqlite::Result<(i64, Supplier, String)> {
    Ok((
        r.get(0)?,
        Supplier {
            supplier_id: r.get(1)?,
            name: r.get(2)?,
            kind: r.get(3)?,
            services: r.get(4)?,
            purpose: r.get(5)?,
            info_categories: json(r, 6)?,
            highest_level: r.get(7)?,
            criticality: r.get(8)?,
            status: r.get(9)?,
            subcontracting_allowed: r.get(10)?,
            subcontractors: json(r, 11)?,
            assets: json(r, 12)?,
            controls: json(r, 13)?,
            contracts: json(r, 14)?,
            certifications: json(r, 15)?,
            data_location: r.get(16)?,
            governing_law: r.get(17)?,
            security_url: r.get(18)?,
            contact: r.get(19)?,
            disclose_as_subprocessor: r.get(20)?,
            notes: r.get(21)?,
        },
        r.get(22)?,
    ))
}

pub fn get(
    conn: &Connection,
    organisation_id: i64,
    supplier_id: &str,
) -> Result<Option<(i64, Supplier, String)>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {COLUMNS} FROM suppliers WHERE organisation_id = ?1 AND supplier_id = ?2"
            ),
            params![organisation_id, supplier_id],
            from_row,
        )
        .optional()?)
}

/// Every supplier, by id.
pub fn list(conn: &Connection, organisation_id: i64) -> Result<Vec<(i64, Supplier, String)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM suppliers WHERE organisation_id = ?1 ORDER BY supplier_id"
    ))?;
    let rows = stmt.query_map([organisation_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

pub fn ids(conn: &Connection, organisation_id: i64) -> Result<Vec<String>> {
    let mut stmt =
        conn.prepare_cached("SELECT supplier_id FROM suppliers WHERE organisation_id = ?1")?;
    let rows = stmt.query_map([organisation_id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Writes a supplier: a new row, or the row with this supplier id.
pub fn upsert(conn: &Connection, organisation_id: i64, s: &Supplier, now: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO suppliers (organisation_id, supplier_id, name, kind, services, purpose, info_categories,
             highest_level, criticality, status, subcontracting_allowed, subcontractors, assets, controls, contracts,
             certifications, data_location, governing_law, security_url, contact, disclose_as_subprocessor, notes,
             created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22,
             ?23, ?23)
         ON CONFLICT (organisation_id, supplier_id) DO UPDATE SET
             name = excluded.name, kind = excluded.kind, services = excluded.services, purpose = excluded.purpose,
             info_categories = excluded.info_categories, highest_level = excluded.highest_level,
             criticality = excluded.criticality, status = excluded.status,
             subcontracting_allowed = excluded.subcontracting_allowed, subcontractors = excluded.subcontractors,
             assets = excluded.assets, controls = excluded.controls, contracts = excluded.contracts,
             certifications = excluded.certifications, data_location = excluded.data_location,
             governing_law = excluded.governing_law, security_url = excluded.security_url,
             contact = excluded.contact, disclose_as_subprocessor = excluded.disclose_as_subprocessor,
             notes = excluded.notes, updated_at = excluded.updated_at",
        params![
            organisation_id,
            s.supplier_id,
            s.name,
            s.kind,
            s.services,
            s.purpose,
            serde_json::to_string(&s.info_categories)?,
            s.highest_level,
            s.criticality,
            s.status,
            s.subcontracting_allowed,
            serde_json::to_string(&s.subcontractors)?,
            serde_json::to_string(&s.assets)?,
            serde_json::to_string(&s.controls)?,
            serde_json::to_string(&s.contracts)?,
            serde_json::to_string(&s.certifications)?,
            s.data_location,
            s.governing_law,
            s.security_url,
            s.contact,
            s.disclose_as_subprocessor,
            s.notes,
            now
        ],
    )?;
    Ok(())
}

/// The first supplier (by id) whose linked assets include `asset_id`.
pub fn naming_asset(
    conn: &Connection,
    organisation_id: i64,
    asset_id: &str,
) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT s.supplier_id FROM suppliers s, json_each(s.assets) j
             WHERE s.organisation_id = ?1 AND j.value = ?2 ORDER BY s.supplier_id LIMIT 1",
            params![organisation_id, asset_id],
            |r| r.get(0),
        )
        .optional()?)
}

/// The suppliers whose highest classification level is `level` (its Japanese name).
pub fn with_highest_level(
    conn: &Connection,
    organisation_id: i64,
    level: &str,
) -> Result<Vec<(i64, Supplier, String)>> {
    Ok(list(conn, organisation_id)?
        .into_iter()
        .filter(|(_, s, _)| s.highest_level == level)
        .collect())
}
