//! Queries on `asset_settings`: importance rule, C/I/A scales, the editable lists of asset types and categories.

use rusqlite::{params, Connection, OptionalExtension};

use crate::asset::classification::{CiaScales, ImportanceRule};
use crate::error::{Error, Result};

/// The settings row without the levels (those live in `classification_levels`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsRow {
    pub importance_rule: ImportanceRule,
    pub scales: CiaScales,
    pub asset_types: Vec<String>,
    pub categories: Vec<String>,
    /// Months from a review to the next one.
    pub review_interval_months: u8,
}

pub fn get(conn: &Connection, organisation_id: i64) -> Result<Option<SettingsRow>> {
    let row = conn
        .query_row(
            "SELECT importance_rule, confidentiality_max, integrity_max, availability_max, asset_types, categories,
                    review_interval_months
             FROM asset_settings WHERE organisation_id = ?1",
            [organisation_id],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, u8>(1)?,
                    r.get::<_, u8>(2)?,
                    r.get::<_, u8>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, u8>(6)?,
                ))
            },
        )
        .optional()?;
    let Some((rule, c, i, a, types, categories, interval)) = row else {
        return Ok(None);
    };
    Ok(Some(SettingsRow {
        importance_rule: rule.parse().map_err(|_| Error::InvalidValue {
            field: "importance rule",
            value: rule.clone(),
            expected: "max or sum".to_owned(),
        })?,
        scales: CiaScales {
            confidentiality: c,
            integrity: i,
            availability: a,
        },
        asset_types: serde_json::from_str(&types)?,
        categories: serde_json::from_str(&categories)?,
        review_interval_months: interval,
    }))
}

pub fn upsert(conn: &Connection, organisation_id: i64, s: &SettingsRow) -> Result<()> {
    conn.execute(
        "INSERT INTO asset_settings (organisation_id, importance_rule, confidentiality_max, integrity_max,
                                     availability_max, asset_types, categories, review_interval_months)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (organisation_id) DO UPDATE SET importance_rule = excluded.importance_rule,
             confidentiality_max = excluded.confidentiality_max, integrity_max = excluded.integrity_max,
             availability_max = excluded.availability_max, asset_types = excluded.asset_types,
             categories = excluded.categories, review_interval_months = excluded.review_interval_months",
        params![
            organisation_id,
            s.importance_rule.as_ref(),
            s.scales.confidentiality,
            s.scales.integrity,
            s.scales.availability,
            serde_json::to_string(&s.asset_types)?,
            serde_json::to_string(&s.categories)?,
            s.review_interval_months
        ],
    )?;
    Ok(())
}
