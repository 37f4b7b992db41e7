//! The yearly inventory (情報資産の棚卸し, ISO/IEC 27001 A.5.9): a round is started with its year and due date;
//! each department is sent a workbook of its assets (the values as sent are kept, so the returned workbook is compared
//! three ways: what was sent, what came back, what the register holds now); accepted rows of a returned workbook, and
//! assets marked reviewed while the round is open, count as reviewed in the round; the status shows each department's
//! progress and who has not answered.

use std::collections::{BTreeMap, HashMap};

use chrono::{Months, NaiveDate};
use rusqlite::TransactionBehavior;
use serde::{Deserialize, Serialize};

use crate::asset::store::AssetChange;
use crate::asset::{AssetFilter, AssetPatch, AssetView, ImportMode, Lifecycle};
use crate::audit::AuditAction;
use crate::batch::BatchOutcome;
use crate::db::{self, audit_log::Stamp};
use crate::error::{Error, Result};
use crate::store::{now, Store, ORGANISATION_ID};

/// One inventory round.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InventoryRound {
    /// `INV-2026`.
    pub round_id: String,
    pub year: i32,
    pub due_on: NaiveDate,
    /// When it was started (RFC 3339) and by whom.
    pub started_on: String,
    pub started_by: String,
    pub closed_on: Option<String>,
}

/// One department's part of a round.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DepartmentProgress {
    /// The department ('' for assets without one).
    pub department: String,
    /// Its assets in use now.
    pub assets: usize,
    /// Of those, reviewed in this round.
    pub reviewed: usize,
    /// Workbooks sent, and when the last one was.
    pub workbooks: usize,
    pub exported_at: Option<String>,
    /// When a returned workbook was first imported (`None`: no answer yet).
    pub returned_at: Option<String>,
}

impl DepartmentProgress {
    pub fn answered(&self) -> bool {
        self.returned_at.is_some()
    }
}

/// Where a round stands.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoundStatus {
    pub round: InventoryRound,
    pub departments: Vec<DepartmentProgress>,
    pub assets: usize,
    pub reviewed: usize,
    /// Departments with assets that have not returned a workbook (assets without a department are not sent one).
    pub not_answered: Vec<String>,
    /// The due date has passed and the round is still open.
    pub overdue: bool,
}

/// The values of one asset as a workbook sent them: field (as the audit trail names it) → value.
pub type SentValues = BTreeMap<String, Option<String>>;

/// A department workbook being written: which round, which department, its id and its assets.
#[derive(Debug, Clone)]
pub struct RoundExport {
    pub export_id: i64,
    /// `INV-2026#3`: what the workbook carries so its answer is matched with what was sent.
    pub workbook_id: String,
    pub round: InventoryRound,
    pub department: String,
    pub exported_at: String,
    pub assets: Vec<AssetView>,
}

/// What a returned workbook is compared with: the values as sent, and the round to record reviews in.
#[derive(Debug, Clone)]
pub struct RoundBaseline {
    pub export_id: i64,
    pub round_row: i64,
    pub round: InventoryRound,
    pub department: String,
    pub exported_at: String,
    pub sent: HashMap<String, SentValues>,
}

/// The id a department workbook carries for the export `export_id` of round `round_id`.
pub fn workbook_id(round_id: &str, export_id: i64) -> String {
    format!("{round_id}#{export_id}")
}

/// The months between reviews, as a date `months` after `from` (the end of a shorter month when needed).
pub fn next_review_after(from: NaiveDate, months: u8) -> NaiveDate {
    from.checked_add_months(Months::new(u32::from(months)))
        .unwrap_or(from)
}

fn unknown_round(text: &str) -> Error {
    Error::InvalidValue {
        field: "inventory round",
        value: text.to_owned(),
        expected: "a round of this database (see `isms inventory status`), or start one with `isms inventory start`"
            .to_owned(),
    }
}

impl Store {
    /// Starts the round of `year` (INV-`year`), due on `due`; refused while another round is open or when the year
    /// already has one.
    pub fn start_inventory_round(&mut self, year: i32, due: NaiveDate) -> Result<InventoryRound> {
        if !(1900..=2199).contains(&year) {
            return Err(Error::InvalidValue {
                field: "year",
                value: year.to_string(),
                expected: "a year such as 2026".to_owned(),
            });
        }
        let at = now();
        let actor = self.actor().to_owned();
        let tx = self
            .conn_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        if let Some((_, open)) = db::inventory_rounds::open(&tx, ORGANISATION_ID)? {
            return Err(Error::InvalidValue {
                field: "inventory round",
                value: year.to_string(),
                expected: format!(
                    "no other open round: {} is still open (close it with `isms inventory close {}`)",
                    open.round_id, open.round_id
                ),
            });
        }
        if db::inventory_rounds::get(&tx, ORGANISATION_ID, &year.to_string())?.is_some() {
            return Err(Error::InvalidValue {
                field: "year",
                value: year.to_string(),
                expected: "a year without a round yet".to_owned(),
            });
        }
        let round = InventoryRound {
            round_id: format!("INV-{year}"),
            year,
            due_on: due,
            started_on: at.clone(),
            started_by: actor.clone(),
            closed_on: None,
        };
        db::inventory_rounds::insert(&tx, ORGANISATION_ID, &round)?;
        let stamp = Stamp {
            at: &at,
            actor: &actor,
            entity: "inventory_round",
            record_id: &round.round_id,
        };
        db::audit_log::append(
            &tx,
            &stamp,
            AuditAction::Create,
            None,
            None,
            Some(&serde_json::to_string(&round)?),
        )?;
        tx.commit()?;
        Ok(round)
    }

    /// Every round, newest first.
    pub fn inventory_rounds(&self) -> Result<Vec<InventoryRound>> {
        Ok(db::inventory_rounds::list(self.conn(), ORGANISATION_ID)?
            .into_iter()
            .map(|(_, r)| r)
            .collect())
    }

    /// The round `round` names (INV-2026 or 2026), or the open round (else the newest) when `None`.
    fn round_row(&self, round: Option<&str>) -> Result<Option<(i64, InventoryRound)>> {
        match round {
            Some(r) => db::inventory_rounds::get(self.conn(), ORGANISATION_ID, r)?
                .map(Some)
                .ok_or_else(|| unknown_round(r)),
            None => Ok(
                match db::inventory_rounds::open(self.conn(), ORGANISATION_ID)? {
                    Some(open) => Some(open),
                    None => db::inventory_rounds::list(self.conn(), ORGANISATION_ID)?
                        .into_iter()
                        .next(),
                },
            ),
        }
    }

    /// Where a round stands (the open one, else the newest, when `round` is `None`); `None` before the first round.
    pub fn inventory_status(
        &self,
        round: Option<&str>,
        today: NaiveDate,
    ) -> Result<Option<RoundStatus>> {
        let Some((row, round)) = self.round_row(round)? else {
            return Ok(None);
        };
        let exports = db::inventory_exports::for_round(self.conn(), row)?;
        let mut by_department: BTreeMap<String, DepartmentProgress> = BTreeMap::new();
        // A closed round shows the figures it closed with: assets retired or moved since do not change its record.
        let counts: Vec<(String, i64, i64)> =
            match db::inventory_rounds::closed_progress(self.conn(), row)? {
                Some(json) if round.closed_on.is_some() => serde_json::from_str(&json)?,
                _ => db::inventory_reviews::progress(self.conn(), ORGANISATION_ID, row)?,
            };
        for (department, assets, reviewed) in counts {
            by_department.insert(
                department.clone(),
                DepartmentProgress {
                    department,
                    assets: assets as usize,
                    reviewed: reviewed as usize,
                    workbooks: 0,
                    exported_at: None,
                    returned_at: None,
                },
            );
        }
        for e in exports {
            let d = by_department
                .entry(e.department.clone())
                .or_insert_with(|| DepartmentProgress {
                    department: e.department.clone(),
                    assets: 0,
                    reviewed: 0,
                    workbooks: 0,
                    exported_at: None,
                    returned_at: None,
                });
            d.workbooks += 1;
            d.exported_at = Some(e.exported_at.clone());
            if d.returned_at.is_none() {
                d.returned_at = e.returned_at.clone();
            }
        }
        let departments: Vec<DepartmentProgress> = by_department.into_values().collect();
        Ok(Some(RoundStatus {
            assets: departments.iter().map(|d| d.assets).sum(),
            reviewed: departments.iter().map(|d| d.reviewed).sum(),
            not_answered: departments
                .iter()
                .filter(|d| d.assets > 0 && !d.answered() && !d.department.is_empty())
                .map(|d| d.department.clone())
                .collect(),
            overdue: round.closed_on.is_none() && today > round.due_on,
            round,
            departments,
        }))
    }

    /// Closes a round: no more reviews are recorded in it.
    pub fn close_inventory_round(&mut self, round: &str) -> Result<InventoryRound> {
        let at = now();
        let actor = self.actor().to_owned();
        let tx = self
            .conn_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (row, mut r) = db::inventory_rounds::get(&tx, ORGANISATION_ID, round)?
            .ok_or_else(|| unknown_round(round))?;
        if r.closed_on.is_some() {
            return Err(Error::InvalidValue {
                field: "inventory round",
                value: r.round_id,
                expected: "an open round (this one is closed)".to_owned(),
            });
        }
        let progress = db::inventory_reviews::progress(&tx, ORGANISATION_ID, row)?;
        db::inventory_rounds::close(&tx, row, &at, &serde_json::to_string(&progress)?)?;
        let stamp = Stamp {
            at: &at,
            actor: &actor,
            entity: "inventory_round",
            record_id: &r.round_id,
        };
        db::audit_log::append(
            &tx,
            &stamp,
            AuditAction::Update,
            Some("closed_on"),
            None,
            Some(&at),
        )?;
        tx.commit()?;
        r.closed_on = Some(at);
        Ok(r)
    }

    /// Records a department workbook of the open round as sent: the department's assets in use, with their values
    /// kept so the answer can be compared with them. The caller writes the workbook.
    pub fn export_department(&mut self, department: &str) -> Result<RoundExport> {
        let department = department.trim().to_owned();
        if department.is_empty() {
            return Err(Error::MissingValue {
                field: "the department",
            });
        }
        let assets = self.list_assets(&AssetFilter {
            department: Some(department.clone()),
            ..Default::default()
        })?;
        let at = now();
        let actor = self.actor().to_owned();
        let tx = self
            .conn_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (row, round) = db::inventory_rounds::open(&tx, ORGANISATION_ID)?.ok_or_else(|| {
            Error::InvalidValue {
                field: "inventory round",
                value: String::new(),
                expected: "an open round: start one with `isms inventory start --year Y --due D`"
                    .to_owned(),
            }
        })?;
        if assets.is_empty() {
            let known: Vec<String> = db::assets::departments(&tx, ORGANISATION_ID)?
                .into_iter()
                .filter(|(d, active, _)| !d.is_empty() && *active > 0)
                .map(|(d, _, _)| d)
                .collect();
            return Err(Error::InvalidValue {
                field: "department",
                value: department,
                expected: format!("a department with assets in use ({})", known.join(", ")),
            });
        }
        let sent: BTreeMap<&str, SentValues> = assets
            .iter()
            .map(|v| {
                (
                    v.asset.asset_id.as_str(),
                    v.asset
                        .audit_values()
                        .into_iter()
                        .map(|(f, v)| (f.to_owned(), v))
                        .collect(),
                )
            })
            .collect();
        let export_id = db::inventory_exports::insert(
            &tx,
            row,
            &department,
            &at,
            &actor,
            &serde_json::to_string(&sent)?,
        )?;
        let workbook_id = workbook_id(&round.round_id, export_id);
        let stamp = Stamp {
            at: &at,
            actor: &actor,
            entity: "inventory_round",
            record_id: &round.round_id,
        };
        db::audit_log::append(
            &tx,
            &stamp,
            AuditAction::Update,
            Some("sent"),
            None,
            Some(&format!(
                "{department}: {workbook_id} ({} assets)",
                assets.len()
            )),
        )?;
        tx.commit()?;
        Ok(RoundExport {
            export_id,
            workbook_id,
            round,
            department,
            exported_at: at,
            assets,
        })
    }

    /// What a returned workbook with id `workbook_id` (INV-2026#3) is compared with; `None` when this database did
    /// not send it.
    pub fn round_baseline(&self, workbook_id: &str) -> Result<Option<RoundBaseline>> {
        let Some((round_id, number)) = workbook_id.trim().rsplit_once('#') else {
            return Ok(None);
        };
        let Ok(export_id) = number.trim().parse::<i64>() else {
            return Ok(None);
        };
        let Some((export, snapshot)) = db::inventory_exports::get(self.conn(), export_id)? else {
            return Ok(None);
        };
        let Some((round_row, round)) = db::inventory_rounds::by_row(self.conn(), export.round_row)?
        else {
            return Ok(None);
        };
        if round.round_id != round_id.trim() {
            return Ok(None);
        }
        Ok(Some(RoundBaseline {
            export_id,
            round_row,
            round,
            department: export.department,
            exported_at: export.exported_at,
            sent: serde_json::from_str(&snapshot)?,
        }))
    }

    /// The departments assets name, with how many are in use and retired.
    pub fn departments(&self) -> Result<Vec<DepartmentCount>> {
        Ok(db::assets::departments(self.conn(), ORGANISATION_ID)?
            .into_iter()
            .map(|(department, active, retired)| DepartmentCount {
                department,
                assets: active as usize,
                retired: retired as usize,
            })
            .collect())
    }

    /// Marks assets reviewed on `on`: last reviewed = `on`, next review = `on` + the scheme's interval; while a
    /// round is open, they count as reviewed in it. One transaction; an unknown or retired asset writes nothing.
    pub fn mark_assets_reviewed(&mut self, ids: &[String], on: NaiveDate) -> Result<BatchOutcome> {
        let months = self.asset_scheme()?.review_interval_months;
        let mut batch = self.begin_asset_batch(ImportMode::Upsert, None)?;
        batch.record_reviews_on(on);
        for id in ids {
            let current = batch
                .current(id)?
                .ok_or_else(|| Error::UnknownAsset(id.trim().to_owned()))?;
            if current.retirement.is_some() {
                return Err(Error::InvalidValue {
                    field: "asset",
                    value: current.asset_id,
                    expected: "an asset in use (it is retired)".to_owned(),
                });
            }
            batch.apply(AssetChange {
                asset_id: current.asset_id,
                patch: AssetPatch {
                    last_reviewed: Some(Some(on)),
                    next_review: Some(Some(next_review_after(on, months))),
                    ..Default::default()
                },
                source_row: 0,
            })?;
        }
        batch.commit()
    }
}

/// A department and its assets.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DepartmentCount {
    pub department: String,
    pub assets: usize,
    pub retired: usize,
}

/// Every asset of the inventory, retired ones included.
pub fn all_assets() -> AssetFilter {
    AssetFilter {
        lifecycle: Some(Lifecycle::All),
        ..Default::default()
    }
}
