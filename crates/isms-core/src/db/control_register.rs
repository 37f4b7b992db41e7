//! Queries on `control_register`: what the organisation recorded for each control, joined with the catalogue.

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::catalogue::Framework;
use crate::error::{Error, Result};
use crate::register::{RegisterEntry, RegisterFields};

const REGISTER_COLUMNS: &str =
    "r.applicable, r.inclusion_reasons, r.exclusion_justification, r.status, \
     r.implementation, r.customer_statement, r.responsible_role, r.related_documents, r.evidence, \
     r.last_reviewed, r.next_review, r.cloud_role, r.inherited_from, r.updated_at, \
     r.implementation_en, r.customer_statement_en, r.own_decision";

/// The register columns as stored, before parsing (all NULL when the control has no row yet).
struct StoredFields {
    applicable: Option<bool>,
    inclusion_reasons: Option<String>,
    exclusion_justification: Option<String>,
    status: Option<String>,
    implementation: Option<String>,
    customer_statement: Option<String>,
    responsible_role: Option<String>,
    related_documents: Option<String>,
    evidence: Option<String>,
    last_reviewed: Option<String>,
    next_review: Option<String>,
    cloud_role: Option<String>,
    inherited_from: Option<String>,
    updated_at: Option<String>,
    implementation_en: Option<String>,
    customer_statement_en: Option<String>,
    own_decision: Option<bool>,
}

impl StoredFields {
    fn read(row: &Row<'_>, at: usize) -> rusqlite::Result<StoredFields> {
        Ok(StoredFields {
            applicable: row.get(at)?,
            inclusion_reasons: row.get(at + 1)?,
            exclusion_justification: row.get(at + 2)?,
            status: row.get(at + 3)?,
            implementation: row.get(at + 4)?,
            customer_statement: row.get(at + 5)?,
            responsible_role: row.get(at + 6)?,
            related_documents: row.get(at + 7)?,
            evidence: row.get(at + 8)?,
            last_reviewed: row.get(at + 9)?,
            next_review: row.get(at + 10)?,
            cloud_role: row.get(at + 11)?,
            inherited_from: row.get(at + 12)?,
            updated_at: row.get(at + 13)?,
            implementation_en: row.get(at + 14)?,
            customer_statement_en: row.get(at + 15)?,
            own_decision: row.get(at + 16)?,
        })
    }

    fn parse(self) -> Result<(RegisterFields, Option<String>)> {
        fn enum_value<T: std::str::FromStr>(
            field: &'static str,
            v: Option<String>,
        ) -> Result<Option<T>> {
            v.map(|s| {
                s.parse().map_err(|_| Error::InvalidValue {
                    field,
                    value: s.clone(),
                    expected: "a value written by ISMS Desk".to_owned(),
                })
            })
            .transpose()
        }
        fn json_list<T: serde::de::DeserializeOwned>(v: Option<String>) -> Result<Vec<T>> {
            match v {
                Some(s) => Ok(serde_json::from_str(&s)?),
                None => Ok(Vec::new()),
            }
        }
        fn date(field: &'static str, v: Option<String>) -> Result<Option<chrono::NaiveDate>> {
            v.map(|s| crate::register::parse_date(field, &s))
                .transpose()
        }
        let fields = RegisterFields {
            applicable: self.applicable,
            inclusion_reasons: json_list(self.inclusion_reasons)?,
            exclusion_justification: self.exclusion_justification.unwrap_or_default(),
            status: enum_value("status", self.status)?.unwrap_or_default(),
            implementation: self.implementation.unwrap_or_default(),
            customer_statement: self.customer_statement.unwrap_or_default(),
            responsible_role: self.responsible_role.unwrap_or_default(),
            related_documents: json_list(self.related_documents)?,
            evidence: json_list(self.evidence)?,
            last_reviewed: date("last reviewed", self.last_reviewed)?,
            next_review: date("next review", self.next_review)?,
            cloud_role: enum_value("cloud role", self.cloud_role)?,
            inherited_from: self.inherited_from.unwrap_or_default(),
            implementation_en: self.implementation_en.unwrap_or_default(),
            customer_statement_en: self.customer_statement_en.unwrap_or_default(),
            own_decision: self.own_decision.unwrap_or(false),
        };
        Ok((fields, self.updated_at))
    }
}

/// Every control of `framework` (or of all frameworks) with what `organisation_id` recorded, in document order.
pub fn list(
    conn: &Connection,
    organisation_id: i64,
    framework: Option<Framework>,
) -> Result<Vec<RegisterEntry>> {
    let sql = format!(
        "SELECT {controls}, {register}
         FROM controls c
         JOIN frameworks f ON f.id = c.framework
         LEFT JOIN control_register r ON r.control_id = c.id AND r.organisation_id = ?1
         WHERE ?2 IS NULL OR c.framework = ?2
         ORDER BY f.position, c.position",
        controls = super::controls::COLUMNS,
        register = REGISTER_COLUMNS
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(
        params![organisation_id, framework.map(|f| f.as_ref().to_owned())],
        |r| {
            let (control, fw) = super::controls::from_row(r, 0)?;
            Ok((control, fw, StoredFields::read(r, 6)?))
        },
    )?;
    let mut out = Vec::new();
    for row in rows {
        let (mut control, fw, stored) = row?;
        control.framework = super::controls::parse_framework(&fw)?;
        let (fields, updated_at) = stored.parse()?;
        out.push(RegisterEntry {
            control,
            fields,
            updated_at,
            derived_from: Vec::new(),
        });
    }
    Ok(out)
}

/// What was recorded for one control, or `None` if nothing was yet.
pub fn get(
    conn: &Connection,
    organisation_id: i64,
    control_id: &str,
) -> Result<Option<(RegisterFields, Option<String>)>> {
    let sql = format!(
        "SELECT {REGISTER_COLUMNS} FROM control_register r
         WHERE r.organisation_id = ?1 AND r.control_id = ?2"
    );
    let stored = conn
        .query_row(&sql, params![organisation_id, control_id], |r| {
            StoredFields::read(r, 0)
        })
        .optional()?;
    stored.map(StoredFields::parse).transpose()
}

pub fn upsert(
    conn: &Connection,
    organisation_id: i64,
    control_id: &str,
    f: &RegisterFields,
    now: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO control_register (organisation_id, control_id, applicable, inclusion_reasons,
             exclusion_justification, status, implementation, customer_statement, responsible_role,
             related_documents, evidence, last_reviewed, next_review, cloud_role, inherited_from, updated_at,
             implementation_en, customer_statement_en, own_decision)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)
         ON CONFLICT (organisation_id, control_id) DO UPDATE SET
             applicable = excluded.applicable, inclusion_reasons = excluded.inclusion_reasons,
             exclusion_justification = excluded.exclusion_justification, status = excluded.status,
             implementation = excluded.implementation, customer_statement = excluded.customer_statement,
             responsible_role = excluded.responsible_role, related_documents = excluded.related_documents,
             evidence = excluded.evidence, last_reviewed = excluded.last_reviewed,
             next_review = excluded.next_review, cloud_role = excluded.cloud_role,
             inherited_from = excluded.inherited_from, updated_at = excluded.updated_at,
             implementation_en = excluded.implementation_en,
             customer_statement_en = excluded.customer_statement_en, own_decision = excluded.own_decision",
        params![
            organisation_id,
            control_id,
            f.applicable,
            serde_json::to_string(&f.inclusion_reasons)?,
            f.exclusion_justification,
            f.status.as_ref(),
            f.implementation,
            f.customer_statement,
            f.responsible_role,
            serde_json::to_string(&f.related_documents)?,
            serde_json::to_string(&f.evidence)?,
            f.last_reviewed.map(|d| d.to_string()),
            f.next_review.map(|d| d.to_string()),
            f.cloud_role.map(|r| r.as_ref().to_owned()),
            f.inherited_from,
            now,
            f.implementation_en,
            f.customer_statement_en,
            f.own_decision
        ],
    )?;
    Ok(())
}
