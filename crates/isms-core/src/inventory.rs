//! The inventory part of the [`Store`] API: the asset scheme (levels, handling rules, scales) and the assets themselves, written in batches with the audit trail.

use std::collections::{BTreeMap, HashMap, HashSet};

use rusqlite::{Connection, TransactionBehavior};
use serde::{Deserialize, Serialize};

use crate::asset::{Asset, AssetFilter, AssetPage, AssetPatch, AssetQuery, AssetView, ImportMode};
use crate::audit::{field_changes, AuditAction};
use crate::classification::{
    validate_colour, AssetScheme, CiaScales, ImportanceRule, HANDLING_ASPECTS,
};
use crate::db::{self, asset_settings::SettingsRow, audit_log::Stamp};
use crate::error::{Error, Result};
use crate::store::{now, Store, ORGANISATION_ID};

/// One asset of a batch: which asset, what to set, and where it came from (e.g. the Excel row) for error reports.
#[derive(Debug, Clone)]
pub struct AssetChange {
    pub asset_id: String,
    pub patch: AssetPatch,
    pub source_row: usize,
}

/// A row of a batch that was not written, and why.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RejectedChange {
    pub source_row: usize,
    /// The id of the record the row was for (an asset, a supplier, a control).
    pub record_id: String,
    pub message: String,
}

/// What a batch did (or, in a dry run, would do).
#[derive(ts_rs::TS, Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct BatchOutcome {
    pub inserted: usize,
    pub updated: usize,
    /// Present and identical, or (insert-only mode) already present.
    pub unchanged: usize,
    pub skipped_existing: usize,
    pub rejected: Vec<RejectedChange>,
    /// The import batch this wrote (see `isms imports`), once committed; none for a dry run or a form's save.
    #[serde(default)]
    pub batch: Option<i64>,
}

/// A change to one classification level.
#[derive(ts_rs::TS, Debug, Clone, Default, Deserialize)]
#[serde(default)]
#[ts(optional_fields)]
pub struct LevelPatch {
    pub name_ja: Option<String>,
    pub name_en: Option<String>,
    pub label: Option<String>,
    pub colour: Option<String>,
    /// New place in the order, 0 = most protected.
    pub position: Option<usize>,
}

/// A change to the scheme's settings.
#[derive(ts_rs::TS, Debug, Clone, Default, Deserialize)]
#[serde(default)]
#[ts(optional_fields)]
pub struct SchemeSettingsPatch {
    pub importance_rule: Option<ImportanceRule>,
    pub confidentiality_max: Option<u8>,
    pub integrity_max: Option<u8>,
    pub availability_max: Option<u8>,
    pub asset_types: Option<Vec<String>>,
    pub categories: Option<Vec<String>>,
}

/// An asset with the handling rules of its level.
#[derive(ts_rs::TS, Debug, Clone, Serialize)]
pub struct AssetDetail {
    #[serde(flatten)]
    pub view: AssetView,
    pub handling: BTreeMap<String, String>,
}

fn read_scheme(conn: &Connection) -> Result<AssetScheme> {
    let settings = db::asset_settings::get(conn, ORGANISATION_ID)?.unwrap_or(SettingsRow {
        importance_rule: ImportanceRule::Max,
        scales: CiaScales {
            confidentiality: 3,
            integrity: 3,
            availability: 3,
        },
        asset_types: Vec::new(),
        categories: Vec::new(),
    });
    let mut levels = Vec::new();
    for (id, mut level) in db::classification_levels::list(conn, ORGANISATION_ID)? {
        level.handling = db::handling_rules::for_level(conn, id)?;
        levels.push(level);
    }
    Ok(AssetScheme {
        importance_rule: settings.importance_rule,
        scales: settings.scales,
        asset_types: settings.asset_types,
        categories: settings.categories,
        levels,
    })
}

pub(crate) fn level_ids(conn: &Connection) -> Result<HashMap<String, i64>> {
    Ok(db::classification_levels::list(conn, ORGANISATION_ID)?
        .into_iter()
        .map(|(id, l)| (l.name_ja, id))
        .collect())
}

impl Store {
    /// Writes the default scheme from `templates/classification/default.toml` into a file that has none.
    pub(crate) fn ensure_asset_scheme(&mut self) -> Result<()> {
        if db::asset_settings::get(self.conn(), ORGANISATION_ID)?.is_some() {
            return Ok(());
        }
        let scheme = AssetScheme::default_scheme()?;
        let now = now();
        let actor = self.actor().to_owned();
        let tx = self
            .conn_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        if db::asset_settings::get(&tx, ORGANISATION_ID)?.is_none() {
            db::asset_settings::upsert(
                &tx,
                ORGANISATION_ID,
                &SettingsRow {
                    importance_rule: scheme.importance_rule,
                    scales: scheme.scales,
                    asset_types: scheme.asset_types.clone(),
                    categories: scheme.categories.clone(),
                },
            )?;
            for (pos, level) in scheme.levels.iter().enumerate() {
                let id =
                    db::classification_levels::insert(&tx, ORGANISATION_ID, pos as i64, level)?;
                for (aspect, rule) in &level.handling {
                    db::handling_rules::set(&tx, id, aspect, rule)?;
                }
            }
            let stamp = Stamp {
                at: &now,
                actor: &actor,
                entity: "asset_scheme",
                record_id: "1",
            };
            let value = serde_json::to_string(&scheme)?;
            db::audit_log::append(&tx, &stamp, AuditAction::Create, None, None, Some(&value))?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Levels (with handling rules), scales, importance rule, asset types and categories.
    pub fn asset_scheme(&self) -> Result<AssetScheme> {
        read_scheme(self.conn())
    }

    pub fn update_scheme_settings(&mut self, patch: SchemeSettingsPatch) -> Result<AssetScheme> {
        let now = now();
        let actor = self.actor().to_owned();
        let tx = self
            .conn_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let old = read_scheme(&tx)?;
        let mut new = old.clone();
        if let Some(v) = patch.importance_rule {
            new.importance_rule = v;
        }
        if let Some(v) = patch.confidentiality_max {
            new.scales.confidentiality = v;
        }
        if let Some(v) = patch.integrity_max {
            new.scales.integrity = v;
        }
        if let Some(v) = patch.availability_max {
            new.scales.availability = v;
        }
        if let Some(v) = patch.asset_types {
            new.asset_types = v
                .into_iter()
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .collect();
        }
        if let Some(v) = patch.categories {
            new.categories = v
                .into_iter()
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .collect();
        }
        new.validate()?;
        // A smaller scale must not leave stored values out of range.
        for (_, a, _) in db::assets::list(&tx, ORGANISATION_ID)? {
            for (field, v, max) in [
                (
                    "confidentiality",
                    a.confidentiality,
                    new.scales.confidentiality,
                ),
                ("integrity", a.integrity, new.scales.integrity),
                ("availability", a.availability, new.scales.availability),
            ] {
                if v.is_some_and(|v| v > max) {
                    return Err(Error::InvalidValue {
                        field,
                        value: max.to_string(),
                        expected: format!(
                            "a maximum of at least {} (asset {} uses it)",
                            v.unwrap_or(0),
                            a.asset_id
                        ),
                    });
                }
            }
        }
        db::asset_settings::upsert(
            &tx,
            ORGANISATION_ID,
            &SettingsRow {
                importance_rule: new.importance_rule,
                scales: new.scales,
                asset_types: new.asset_types.clone(),
                categories: new.categories.clone(),
            },
        )?;
        let values = |s: &AssetScheme| {
            vec![
                (
                    "importance_rule",
                    Some(s.importance_rule.as_ref().to_owned()),
                ),
                (
                    "confidentiality_max",
                    Some(s.scales.confidentiality.to_string()),
                ),
                ("integrity_max", Some(s.scales.integrity.to_string())),
                ("availability_max", Some(s.scales.availability.to_string())),
                (
                    "asset_types",
                    Some(serde_json::json!(s.asset_types).to_string()),
                ),
                (
                    "categories",
                    Some(serde_json::json!(s.categories).to_string()),
                ),
            ]
        };
        let stamp = Stamp {
            at: &now,
            actor: &actor,
            entity: "asset_scheme",
            record_id: "1",
        };
        for (field, o, n) in field_changes(&values(&old), &values(&new)) {
            db::audit_log::append(
                &tx,
                &stamp,
                AuditAction::Update,
                Some(field),
                o.as_deref(),
                n.as_deref(),
            )?;
        }
        tx.commit()?;
        Ok(new)
    }

    /// Renames, relabels, recolours or moves a level (named in either language).
    pub fn update_classification_level(
        &mut self,
        name: &str,
        patch: LevelPatch,
    ) -> Result<AssetScheme> {
        let now = now();
        let actor = self.actor().to_owned();
        let tx = self
            .conn_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut levels = db::classification_levels::list(&tx, ORGANISATION_ID)?;
        let index = levels
            .iter()
            .position(|(_, l)| l.is_named(name))
            .ok_or_else(|| Error::InvalidValue {
                field: "classification level",
                value: name.to_owned(),
                expected: format!(
                    "one of {}",
                    levels
                        .iter()
                        .map(|(_, l)| l.name_ja.clone())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            })?;
        let (id, old) = levels[index].clone();
        let mut new = old.clone();
        let text = |v: String| v.trim().to_owned();
        if let Some(v) = patch.name_ja.map(text) {
            if v.is_empty()
                || levels
                    .iter()
                    .any(|(other, l)| *other != id && l.name_ja == v)
            {
                return Err(Error::InvalidValue {
                    field: "level name",
                    value: v,
                    expected: "a non-empty name no other level has".to_owned(),
                });
            }
            new.name_ja = v;
        }
        if let Some(v) = patch.name_en.map(text) {
            new.name_en = v;
        }
        if let Some(v) = patch.label.map(text) {
            new.label = v;
        }
        if let Some(v) = patch.colour.map(text) {
            validate_colour(&v)?;
            new.colour = v;
        }
        levels[index].1 = new.clone();
        if let Some(pos) = patch.position {
            let moved = levels.remove(index);
            levels.insert(pos.min(levels.len()), moved);
        }
        for (pos, (level_id, level)) in levels.iter().enumerate() {
            db::classification_levels::update(&tx, *level_id, pos as i64, level)?;
        }
        let stamp = Stamp {
            at: &now,
            actor: &actor,
            entity: "classification_level",
            record_id: &old.name_ja,
        };
        let values = |l: &crate::classification::ClassificationLevel| {
            vec![
                ("name_ja", Some(l.name_ja.clone())),
                ("name_en", Some(l.name_en.clone())),
                ("label", Some(l.label.clone())),
                ("colour", Some(l.colour.clone())),
            ]
        };
        for (field, o, n) in field_changes(&values(&old), &values(&new)) {
            db::audit_log::append(
                &tx,
                &stamp,
                AuditAction::Update,
                Some(field),
                o.as_deref(),
                n.as_deref(),
            )?;
        }
        if patch.position.is_some() {
            let at = levels
                .iter()
                .position(|(l, _)| *l == id)
                .unwrap_or(0)
                .to_string();
            db::audit_log::append(
                &tx,
                &stamp,
                AuditAction::Update,
                Some("position"),
                Some(&index.to_string()),
                Some(&at),
            )?;
        }
        tx.commit()?;
        self.asset_scheme()
    }

    /// Sets one cell of the handling matrix.
    pub fn set_handling_rule(
        &mut self,
        level: &str,
        aspect: &str,
        rule: &str,
    ) -> Result<AssetScheme> {
        if !HANDLING_ASPECTS.contains(&aspect) {
            return Err(Error::InvalidValue {
                field: "handling aspect",
                value: aspect.to_owned(),
                expected: HANDLING_ASPECTS.join(", "),
            });
        }
        let now = now();
        let actor = self.actor().to_owned();
        let tx = self
            .conn_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (id, l) = db::classification_levels::list(&tx, ORGANISATION_ID)?
            .into_iter()
            .find(|(_, l)| l.is_named(level))
            .ok_or_else(|| Error::InvalidValue {
                field: "classification level",
                value: level.to_owned(),
                expected: "a level of the scheme".to_owned(),
            })?;
        let old = db::handling_rules::for_level(&tx, id)?.get(aspect).cloned();
        let rule = rule.trim();
        if old.as_deref() != Some(rule) {
            db::handling_rules::set(&tx, id, aspect, rule)?;
            let record = format!("{}/{aspect}", l.name_ja);
            let stamp = Stamp {
                at: &now,
                actor: &actor,
                entity: "handling_rule",
                record_id: &record,
            };
            db::audit_log::append(
                &tx,
                &stamp,
                AuditAction::Update,
                Some("rule"),
                old.as_deref(),
                Some(rule),
            )?;
        }
        tx.commit()?;
        self.asset_scheme()
    }

    /// The inventory, ordered by asset id, filtered.
    /// How many assets each level of the scheme has, in the scheme's order, then those without a level.
    pub fn asset_level_counts(&self) -> Result<Vec<LevelCount>> {
        let counts: HashMap<Option<String>, i64> =
            db::assets::count_by_level(self.conn(), ORGANISATION_ID)?
                .into_iter()
                .collect();
        let scheme = self.asset_scheme()?;
        Ok(scheme
            .levels
            .iter()
            .map(|l| Some(l.name_ja.clone()))
            .chain([None])
            .map(|level| LevelCount {
                assets: counts.get(&level).copied().unwrap_or(0) as usize,
                level,
            })
            .collect())
    }

    /// How many assets the inventory holds.
    pub fn asset_count(&self) -> Result<usize> {
        Ok(db::assets::count(self.conn(), ORGANISATION_ID)? as usize)
    }

    /// Every asset a filter selects, in asset-id order.
    pub fn list_assets(&self, filter: &AssetFilter) -> Result<Vec<AssetView>> {
        Ok(self
            .query_assets(&AssetQuery {
                filter: filter.clone(),
                ..Default::default()
            })?
            .rows)
    }

    /// The ids of every asset a filter selects (the table's "select all"), in id order.
    pub fn asset_ids(&self, filter: &AssetFilter) -> Result<Vec<String>> {
        db::assets::ids_matching(self.conn(), ORGANISATION_ID, filter)
    }

    /// One window of the filtered, sorted inventory, with the number of assets that match in all.
    pub fn query_assets(&self, query: &AssetQuery) -> Result<AssetPage> {
        let scheme = self.asset_scheme()?;
        let total = query
            .count
            .then(|| db::assets::count_matching(self.conn(), ORGANISATION_ID, &query.filter))
            .transpose()?;
        let rows = db::assets::query(
            self.conn(),
            ORGANISATION_ID,
            &query.filter,
            query.sort,
            query.descending,
            query.offset,
            query.limit,
        )?;
        Ok(AssetPage {
            total,
            offset: query.offset,
            rows: rows
                .into_iter()
                .map(|(_, asset, updated_at)| AssetView {
                    importance: scheme.importance_rule.apply(
                        asset.confidentiality,
                        asset.integrity,
                        asset.availability,
                    ),
                    asset,
                    updated_at,
                })
                .collect(),
        })
    }

    /// One asset with the handling rules of its level.
    pub fn asset(&self, asset_id: &str) -> Result<AssetDetail> {
        let scheme = self.asset_scheme()?;
        let (_, asset, updated_at) =
            db::assets::get(self.conn(), ORGANISATION_ID, asset_id.trim())?
                .ok_or_else(|| Error::UnknownAsset(asset_id.trim().to_owned()))?;
        let handling = asset
            .classification
            .as_deref()
            .and_then(|c| scheme.level(c))
            .map(|l| l.handling.clone())
            .unwrap_or_default();
        Ok(AssetDetail {
            view: AssetView {
                importance: scheme.importance_rule.apply(
                    asset.confidentiality,
                    asset.integrity,
                    asset.availability,
                ),
                asset,
                updated_at,
            },
            handling,
        })
    }

    /// Changes one asset; creates it when `create` is set and it does not exist. Invalid input is an error and
    /// nothing is written.
    pub fn save_asset(
        &mut self,
        asset_id: &str,
        patch: AssetPatch,
        create: bool,
    ) -> Result<AssetDetail> {
        self.save_asset_from(asset_id, patch, create, None)
    }

    /// [`Store::save_asset`] from a form: with `base` (the asset as the form loaded it), a field this patch changes
    /// that someone else changed since is a [`Error::Conflict`], and nothing is written.
    pub fn save_asset_from(
        &mut self,
        asset_id: &str,
        patch: AssetPatch,
        create: bool,
        base: Option<Asset>,
    ) -> Result<AssetDetail> {
        let asset_id = asset_id.trim().to_owned();
        let existing = db::assets::get(self.conn(), ORGANISATION_ID, &asset_id)?;
        if existing.is_none() && !create {
            return Err(Error::UnknownAsset(asset_id));
        }
        let start = existing.map(|(_, a, _)| a).unwrap_or_else(|| Asset {
            asset_id: asset_id.clone(),
            ..Default::default()
        });
        // Validate first, to report the real error rather than a batch rejection.
        let scheme = self.asset_scheme()?;
        start.patched(patch.clone(), &scheme)?;
        let yours = base
            .as_ref()
            .map(|b| b.patched(patch.clone(), &scheme))
            .transpose()?;
        let change = AssetChange {
            asset_id: asset_id.clone(),
            patch,
            source_row: 0,
        };
        let mut batch = self.begin_asset_batch(ImportMode::Upsert, None)?;
        if let (Some(base), Some(yours)) = (&base, &yours) {
            batch.refuse_conflicts(&asset_id, base, yours)?;
        }
        batch.apply(change)?;
        let outcome = batch.commit()?;
        if let Some(r) = outcome.rejected.first() {
            return Err(Error::InvalidValue {
                field: "asset",
                value: r.record_id.clone(),
                expected: r.message.clone(),
            });
        }
        self.asset(&asset_id)
    }

    /// Applies a batch in one transaction: valid rows are written with their audit rows, invalid rows are reported
    /// and skipped. With `dry_run` the transaction is rolled back, so the outcome is exact and nothing is written.
    pub fn apply_assets(
        &mut self,
        changes: impl IntoIterator<Item = AssetChange>,
        mode: ImportMode,
        dry_run: bool,
    ) -> Result<BatchOutcome> {
        let mut batch = self.begin_asset_batch(mode, None)?;
        for change in changes {
            batch.apply(change)?;
        }
        if dry_run {
            batch.rollback()
        } else {
            batch.commit()
        }
    }

    /// One edit applied to many assets in one transaction (the app's bulk edit): a level, and/or a label added to
    /// each. An unknown asset id, or an edit the scheme refuses, writes nothing.
    pub fn edit_assets(&mut self, asset_ids: &[String], edit: &BulkEdit) -> Result<BatchOutcome> {
        let level = edit
            .classification
            .as_ref()
            .map(|l| l.trim().to_owned())
            .filter(|l| !l.is_empty());
        let label = edit
            .add_label
            .as_ref()
            .map(|l| l.trim().to_owned())
            .filter(|l| !l.is_empty());
        let mut batch = self.begin_asset_batch(ImportMode::Upsert, None)?;
        for id in asset_ids {
            let current = batch
                .current(id)?
                .ok_or_else(|| Error::UnknownAsset(id.trim().to_owned()))?;
            let labels = label.as_ref().and_then(|l| {
                (!current.labels.contains(l)).then(|| {
                    let mut all = current.labels.clone();
                    all.push(l.clone());
                    all
                })
            });
            let patch = AssetPatch {
                classification: level.clone().map(Some),
                labels,
                ..Default::default()
            };
            batch.apply(AssetChange {
                asset_id: current.asset_id,
                patch,
                source_row: 0,
            })?;
        }
        if let Some(r) = batch.outcome().rejected.first() {
            return Err(Error::InvalidValue {
                field: "asset",
                value: r.record_id.clone(),
                expected: r.message.clone(),
            });
        }
        batch.commit()
    }

    /// Starts a batch of asset changes in one IMMEDIATE transaction; the caller feeds it change by change (an import
    /// does so while the file is still being read) and then commits or rolls back. Dropping it rolls back.
    pub fn begin_asset_batch(
        &mut self,
        mode: ImportMode,
        source: Option<BatchSource>,
    ) -> Result<AssetBatch<'_>> {
        let now = now();
        let actor = self.actor().to_owned();
        let known_controls: HashSet<String> = db::controls::ids(self.conn())?.into_iter().collect();
        let tx = self
            .conn_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let scheme = read_scheme(&tx)?;
        let levels = level_ids(&tx)?;
        // A first import into an empty inventory need not look up each asset.
        let table_empty = db::assets::count(&tx, ORGANISATION_ID)? == 0;
        let batch_id = match &source {
            Some(s) => Some(db::import_batches::insert(
                &tx,
                ORGANISATION_ID,
                "assets",
                &s.file,
                &s.sha256,
                &s.sheet,
                &actor,
                &now,
            )?),
            None => None,
        };
        let provenance = source
            .map(|s| -> Result<String> {
                Ok(format!(
                    "{{\"imported_from\":{},\"sheet\":{},\"row\":",
                    serde_json::to_string(&s.file)?,
                    serde_json::to_string(&s.sheet)?
                ))
            })
            .transpose()?;
        Ok(AssetBatch {
            tx,
            now,
            actor,
            known_controls,
            scheme,
            levels,
            table_empty,
            provenance,
            mode,
            written: HashSet::new(),
            imported: Vec::new(),
            batch_id,
            batch_inserted: Vec::new(),
            outcome: BatchOutcome::default(),
        })
    }
}

/// Where a batch came from, recorded as the creation entry of each asset it creates.
#[derive(Debug, Clone)]
pub struct BatchSource {
    /// The file name (without its folder).
    pub file: String,
    pub sheet: String,
    /// SHA-256 of the file's bytes, recorded with the import (so an undo names exactly what it takes back).
    pub sha256: String,
}

/// An open batch of asset changes: see [`Store::begin_asset_batch`].
pub struct AssetBatch<'s> {
    tx: rusqlite::Transaction<'s>,
    now: String,
    actor: String,
    known_controls: HashSet<String>,
    scheme: AssetScheme,
    levels: HashMap<String, i64>,
    table_empty: bool,
    /// `{"imported_from":…,"sheet":…,"row":` — the start of the creation entry of an imported asset.
    provenance: Option<String>,
    mode: ImportMode,
    written: HashSet<String>,
    /// Imported assets whose creation entries are still to be written: (asset id, source row).
    imported: Vec<(String, usize)>,
    /// The import's batch (for undo), and the inserted assets not yet recorded in it.
    batch_id: Option<i64>,
    batch_inserted: Vec<(String, String)>,
    outcome: BatchOutcome,
}

/// Creation entries of imported assets written per statement.
const CREATION_ENTRIES_PER_WRITE: usize = 4096;

/// The assets of one classification level (`None`: assets without one).
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LevelCount {
    pub level: Option<String>,
    pub assets: usize,
}

/// A bulk edit: see [`Store::edit_assets`].
#[derive(ts_rs::TS, Debug, Clone, Default, Deserialize)]
#[serde(default)]
#[ts(optional_fields)]
pub struct BulkEdit {
    /// The level to give every asset (its Japanese or English name).
    pub classification: Option<String>,
    /// A label to add to every asset that lacks it.
    pub add_label: Option<String>,
}

impl AssetBatch<'_> {
    /// The asset as it stands in this batch's transaction.
    pub fn current(&self, asset_id: &str) -> Result<Option<Asset>> {
        Ok(db::assets::get(&self.tx, ORGANISATION_ID, asset_id.trim())?.map(|(_, a, _)| a))
    }

    /// Writes one change (with its audit rows), or records why it was not written. Only a database failure is an
    /// error; the batch is then rolled back as a whole when dropped.
    /// Refuses (with [`Error::Conflict`]) a save whose changed fields someone else changed since `base` was loaded.
    pub fn refuse_conflicts(&self, asset_id: &str, base: &Asset, yours: &Asset) -> Result<()> {
        let Some((_, current, _)) = db::assets::get(&self.tx, ORGANISATION_ID, asset_id)? else {
            return Ok(());
        };
        let mut found = crate::conflict::conflicts(
            &base.audit_values(),
            &current.audit_values(),
            &yours.audit_values(),
        );
        if found.is_empty() {
            return Ok(());
        }
        db::audit_log::attribute(&self.tx, "asset", asset_id, &mut found)?;
        Err(Error::Conflict {
            record: format!("asset {asset_id}"),
            conflicts: found,
        })
    }

    pub fn apply(&mut self, change: AssetChange) -> Result<()> {
        let asset_id = change.asset_id.trim().to_owned();
        let reject = |message: String| RejectedChange {
            source_row: change.source_row,
            record_id: asset_id.clone(),
            message,
        };
        if let Some(unknown) = change
            .patch
            .controls
            .iter()
            .flatten()
            .find(|c| !self.known_controls.contains(c.trim()))
        {
            let rejected = reject(format!("unknown control id `{unknown}`"));
            self.outcome.rejected.push(rejected);
            return Ok(());
        }
        if !self.written.insert(asset_id.clone()) {
            let rejected = reject("the same asset id appears twice in one batch".to_owned());
            self.outcome.rejected.push(rejected);
            return Ok(());
        }
        let existing = if self.table_empty {
            None
        } else {
            db::assets::get(&self.tx, ORGANISATION_ID, &asset_id)?.map(|(_, a, _)| a)
        };
        if existing.is_some() && self.mode == ImportMode::Insert {
            self.outcome.skipped_existing += 1;
            return Ok(());
        }
        let patched = match &existing {
            Some(a) => a.patched(change.patch, &self.scheme),
            None => Asset {
                asset_id: asset_id.clone(),
                ..Default::default()
            }
            .into_patched(change.patch, &self.scheme),
        };
        let new = match patched {
            Ok(a) => a,
            Err(e) => {
                let rejected = reject(e.to_string());
                self.outcome.rejected.push(rejected);
                return Ok(());
            }
        };
        let stamp = Stamp {
            at: &self.now,
            actor: &self.actor,
            entity: "asset",
            record_id: &asset_id,
        };
        match existing {
            None => {
                db::assets::insert(&self.tx, ORGANISATION_ID, &new, &self.levels, &self.now)?;
                // An imported asset's creation records where it came from; its content then is that row, and every
                // later change has its own entry with the old and new value. Anything else records the whole asset.
                if self.batch_id.is_some() {
                    self.batch_inserted
                        .push((asset_id.clone(), new.state_hash()));
                }
                if self.provenance.is_some() {
                    self.imported.push((asset_id, change.source_row));
                    if self.imported.len() >= CREATION_ENTRIES_PER_WRITE {
                        self.write_creation_entries()?;
                    }
                } else {
                    let value = serde_json::to_string(&new)?;
                    db::audit_log::append(
                        &self.tx,
                        &stamp,
                        AuditAction::Create,
                        None,
                        None,
                        Some(&value),
                    )?;
                }
                self.outcome.inserted += 1;
            }
            Some(old) => {
                let changes = field_changes(&old.audit_values(), &new.audit_values());
                if changes.is_empty() {
                    self.outcome.unchanged += 1;
                    return Ok(());
                }
                db::assets::upsert(&self.tx, ORGANISATION_ID, &new, &self.levels, &self.now)?;
                if let Some(b) = self.batch_id {
                    db::import_batch_rows::insert_updated(
                        &self.tx,
                        b,
                        &asset_id,
                        &serde_json::to_string(&old)?,
                        &new.state_hash(),
                    )?;
                }
                for (field, o, n) in &changes {
                    db::audit_log::append(
                        &self.tx,
                        &stamp,
                        AuditAction::Update,
                        Some(field),
                        o.as_deref(),
                        n.as_deref(),
                    )?;
                }
                self.outcome.updated += 1;
            }
        }
        Ok(())
    }

    /// What the batch has done so far.
    pub fn outcome(&self) -> &BatchOutcome {
        &self.outcome
    }

    /// The creation entries of the imported assets not yet written, in one statement.
    fn write_creation_entries(&mut self) -> Result<()> {
        if let (Some(prefix), false) = (&self.provenance, self.imported.is_empty()) {
            let stamp = Stamp {
                at: &self.now,
                actor: &self.actor,
                entity: "asset",
                record_id: "",
            };
            db::audit_log::append_creations(&self.tx, &stamp, prefix, "}", &self.imported)?;
            self.imported.clear();
        }
        if let (Some(b), false) = (self.batch_id, self.batch_inserted.is_empty()) {
            db::import_batch_rows::insert_created(&self.tx, b, &self.batch_inserted)?;
            self.batch_inserted.clear();
        }
        Ok(())
    }

    pub fn commit(mut self) -> Result<BatchOutcome> {
        self.write_creation_entries()?;
        if let Some(b) = self.batch_id {
            let o = &self.outcome;
            let counts = serde_json::json!({
                "inserted": o.inserted, "updated": o.updated, "unchanged": o.unchanged,
                "skipped_existing": o.skipped_existing,
            });
            db::import_batches::finish(&self.tx, b, &counts.to_string())?;
            self.outcome.batch = Some(b);
        }
        self.tx.commit()?;
        Ok(self.outcome)
    }

    /// Undoes everything; the outcome is what would have been written.
    pub fn rollback(self) -> Result<BatchOutcome> {
        self.tx.rollback()?;
        Ok(self.outcome)
    }
}
