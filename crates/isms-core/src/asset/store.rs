//! The inventory part of the [`Store`] API: the asset scheme (levels, handling rules, scales) and the assets themselves, written in batches with the audit trail.

use std::collections::{BTreeMap, HashMap, HashSet};

use rusqlite::{Connection, TransactionBehavior};
use serde::{Deserialize, Serialize};

use crate::asset::classification::{
    validate_colour, AssetScheme, CiaScales, ImportanceRule, HANDLING_ASPECTS,
};
use crate::asset::{Asset, AssetFilter, AssetPage, AssetPatch, AssetQuery, AssetView, ImportMode};
use crate::audit::{field_changes, AuditAction};
use crate::batch::{BatchOutcome, ImportChange, RejectedChange};
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

/// A level's own fields as a form loaded them: the base a save of the level is compared with.
#[derive(ts_rs::TS, Debug, Clone, Default, Deserialize)]
pub struct LevelFields {
    pub name_ja: String,
    pub name_en: String,
    pub label: String,
    pub colour: String,
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
    /// Months from one review to the next.
    pub review_interval_months: Option<u8>,
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
        review_interval_months: 12,
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
        review_interval_months: settings.review_interval_months,
    })
}

pub(crate) fn level_ids(conn: &Connection) -> Result<HashMap<String, i64>> {
    Ok(db::classification_levels::list(conn, ORGANISATION_ID)?
        .into_iter()
        .map(|(id, l)| (l.name_ja, id))
        .collect())
}

/// "one of 極秘 (Confidential), …": the levels of a scheme, for an error.
fn level_names(scheme: &AssetScheme) -> String {
    format!(
        "one of {}",
        scheme
            .levels
            .iter()
            .map(|l| format!("{} ({})", l.name_ja, l.name_en))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// Suppliers whose highest level is `from` get `to` (a level renamed or removed), each change audited.
fn move_supplier_levels(
    tx: &Connection,
    from: &str,
    to: &str,
    now: &str,
    actor: &str,
) -> Result<()> {
    for (_, mut supplier, _) in db::suppliers::with_highest_level(tx, ORGANISATION_ID, from)? {
        supplier.highest_level = to.to_owned();
        db::suppliers::upsert(tx, ORGANISATION_ID, &supplier, now)?;
        let stamp = Stamp {
            at: now,
            actor,
            entity: "supplier",
            record_id: &supplier.supplier_id,
        };
        db::audit_log::append(
            tx,
            &stamp,
            AuditAction::Update,
            Some("highest_level"),
            Some(from),
            Some(to),
        )?;
    }
    Ok(())
}

/// A level to add: see [`Store::add_classification_level`].
#[derive(ts_rs::TS, Debug, Clone, Default, Deserialize)]
#[serde(default)]
#[ts(optional_fields)]
pub struct NewLevel {
    pub name_ja: String,
    pub name_en: Option<String>,
    /// The label text [default: the Japanese name and the English one in capitals].
    pub label: Option<String>,
    /// `#RRGGBB` [default: grey].
    pub colour: Option<String>,
    /// 0 = most protected [default: the end].
    pub position: Option<usize>,
    /// A level whose handling rules the new one starts with.
    pub like: Option<String>,
    /// aspect → rule, over those copied.
    pub handling: BTreeMap<String, String>,
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
                    review_interval_months: scheme.review_interval_months,
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
        if let Some(v) = patch.review_interval_months {
            new.review_interval_months = v;
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
                review_interval_months: new.review_interval_months,
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
                (
                    "review_interval_months",
                    Some(s.review_interval_months.to_string()),
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
        self.update_classification_level_from(name, patch, None)
    }

    /// As [`Store::update_classification_level`], refusing (with [`Error::Conflict`]) a change to a field someone
    /// else changed since `base`, the level as the form loaded it.
    pub fn update_classification_level_from(
        &mut self,
        name: &str,
        patch: LevelPatch,
        base: Option<LevelFields>,
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
        let values = |l: &crate::asset::classification::ClassificationLevel| {
            vec![
                ("name_ja", Some(l.name_ja.clone())),
                ("name_en", Some(l.name_en.clone())),
                ("label", Some(l.label.clone())),
                ("colour", Some(l.colour.clone())),
            ]
        };
        if let Some(base) = base {
            let loaded = crate::asset::classification::ClassificationLevel {
                name_ja: base.name_ja,
                name_en: base.name_en,
                label: base.label,
                colour: base.colour,
                handling: Default::default(),
            };
            let mut found =
                crate::conflict::conflicts(&values(&loaded), &values(&old), &values(&new));
            if !found.is_empty() {
                db::audit_log::attribute(&tx, "classification_level", &old.name_ja, &mut found)?;
                return Err(Error::Conflict {
                    record: format!("classification level {}", old.name_ja),
                    conflicts: found,
                });
            }
        }
        levels[index].1 = new.clone();
        if new.name_ja != old.name_ja {
            move_supplier_levels(&tx, &old.name_ja, &new.name_ja, &now, &actor)?;
        }
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

    /// Adds a level at `position` (0 = most protected; the end when absent), with its handling rules (those of the
    /// level named by `like`, when given, then `rules`).
    pub fn add_classification_level(&mut self, new: NewLevel) -> Result<AssetScheme> {
        let now = now();
        let actor = self.actor().to_owned();
        let tx = self
            .conn_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let scheme = read_scheme(&tx)?;
        let name_ja = new.name_ja.trim().to_owned();
        if name_ja.is_empty() || scheme.level(&name_ja).is_some() {
            return Err(Error::InvalidValue {
                field: "level name",
                value: name_ja,
                expected: "a non-empty name no other level has".to_owned(),
            });
        }
        let name_en = new.name_en.map(|n| n.trim().to_owned()).unwrap_or_default();
        if !name_en.is_empty() && scheme.level(&name_en).is_some() {
            return Err(Error::InvalidValue {
                field: "level name in English",
                value: name_en,
                expected: "a name no other level has".to_owned(),
            });
        }
        let colour = new
            .colour
            .map(|c| c.trim().to_owned())
            .unwrap_or_else(|| "#7F8C8D".to_owned());
        validate_colour(&colour)?;
        let mut handling = match new.like.as_deref().map(str::trim).filter(|l| !l.is_empty()) {
            Some(like) => scheme
                .level(like)
                .ok_or_else(|| Error::InvalidValue {
                    field: "level to copy the handling rules from",
                    value: like.to_owned(),
                    expected: level_names(&scheme),
                })?
                .handling
                .clone(),
            None => BTreeMap::new(),
        };
        for (aspect, rule) in new.handling {
            if !HANDLING_ASPECTS.contains(&aspect.as_str()) {
                return Err(Error::InvalidValue {
                    field: "handling aspect",
                    value: aspect,
                    expected: HANDLING_ASPECTS.join(", "),
                });
            }
            handling.insert(aspect, rule.trim().to_owned());
        }
        let level = crate::asset::classification::ClassificationLevel {
            label: new
                .label
                .map(|l| l.trim().to_owned())
                .filter(|l| !l.is_empty())
                .unwrap_or_else(|| {
                    if name_en.is_empty() {
                        name_ja.clone()
                    } else {
                        format!("{name_ja} {}", name_en.to_uppercase())
                    }
                }),
            name_ja,
            name_en,
            colour,
            handling,
        };
        let mut levels = db::classification_levels::list(&tx, ORGANISATION_ID)?;
        let at = new.position.unwrap_or(levels.len()).min(levels.len());
        let id = db::classification_levels::insert(&tx, ORGANISATION_ID, at as i64, &level)?;
        for (aspect, rule) in &level.handling {
            db::handling_rules::set(&tx, id, aspect, rule)?;
        }
        levels.insert(at, (id, level.clone()));
        for (pos, (level_id, l)) in levels.iter().enumerate() {
            db::classification_levels::update(&tx, *level_id, pos as i64, l)?;
        }
        let stamp = Stamp {
            at: &now,
            actor: &actor,
            entity: "classification_level",
            record_id: &level.name_ja,
        };
        let value = serde_json::json!({ "level": level, "position": at }).to_string();
        db::audit_log::append(&tx, &stamp, AuditAction::Create, None, None, Some(&value))?;
        tx.commit()?;
        self.asset_scheme()
    }

    /// Removes a level. A level that assets (in use or retired) or suppliers still have is removed only with
    /// `move_to`, another level they are all moved to in the same step (each asset's change audited).
    pub fn remove_classification_level(
        &mut self,
        name: &str,
        move_to: Option<&str>,
    ) -> Result<AssetScheme> {
        let now = now();
        let actor = self.actor().to_owned();
        let tx = self
            .conn_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let scheme = read_scheme(&tx)?;
        let levels = db::classification_levels::list(&tx, ORGANISATION_ID)?;
        let (id, level) = levels
            .iter()
            .find(|(_, l)| l.is_named(name))
            .cloned()
            .ok_or_else(|| Error::InvalidValue {
                field: "classification level",
                value: name.trim().to_owned(),
                expected: level_names(&scheme),
            })?;
        if levels.len() == 1 {
            return Err(Error::InvalidValue {
                field: "classification level",
                value: level.name_ja,
                expected: "a level of a scheme that keeps at least one other".to_owned(),
            });
        }
        let assets = db::assets::with_level(&tx, id)?;
        let suppliers = db::suppliers::with_highest_level(&tx, ORGANISATION_ID, &level.name_ja)?;
        let target = match move_to.map(str::trim).filter(|m| !m.is_empty()) {
            Some(m) => {
                let t = levels
                    .iter()
                    .find(|(other, l)| *other != id && l.is_named(m))
                    .cloned()
                    .ok_or_else(|| Error::InvalidValue {
                        field: "level to move the assets to",
                        value: m.to_owned(),
                        expected: format!(
                            "another level of the scheme: {}",
                            levels
                                .iter()
                                .filter(|(other, _)| *other != id)
                                .map(|(_, l)| l.name_ja.clone())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    })?;
                Some(t)
            }
            None => None,
        };
        if (!assets.is_empty() || !suppliers.is_empty()) && target.is_none() {
            return Err(Error::InvalidValue {
                field: "classification level",
                value: level.name_ja.clone(),
                expected: format!(
                    "a level no asset or supplier has ({} assets, {} suppliers have it); move them to another level in the same step (--move-to LEVEL)",
                    assets.len(),
                    suppliers.len()
                ),
            });
        }
        if let Some((target_id, target)) = &target {
            db::assets::move_level(&tx, id, *target_id, &now)?;
            for asset_id in &assets {
                let stamp = Stamp {
                    at: &now,
                    actor: &actor,
                    entity: "asset",
                    record_id: asset_id,
                };
                db::audit_log::append(
                    &tx,
                    &stamp,
                    AuditAction::Update,
                    Some("classification"),
                    Some(&level.name_ja),
                    Some(&target.name_ja),
                )?;
            }
            move_supplier_levels(&tx, &level.name_ja, &target.name_ja, &now, &actor)?;
        }
        db::handling_rules::delete_for_level(&tx, id)?;
        db::classification_levels::delete(&tx, id)?;
        for (pos, (level_id, l)) in levels.iter().filter(|(x, _)| *x != id).enumerate() {
            db::classification_levels::update(&tx, *level_id, pos as i64, l)?;
        }
        let stamp = Stamp {
            at: &now,
            actor: &actor,
            entity: "classification_level",
            record_id: &level.name_ja,
        };
        let value = serde_json::to_string(&level)?;
        let moved = target.as_ref().map(|(_, t)| {
            format!(
                "{} assets and {} suppliers moved to {}",
                assets.len(),
                suppliers.len(),
                t.name_ja
            )
        });
        db::audit_log::append(
            &tx,
            &stamp,
            AuditAction::Delete,
            None,
            Some(&value),
            moved.as_deref(),
        )?;
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

    /// One edit applied to many assets in one transaction (the app's bulk edit): a level, a department, a label added
    /// to each, and/or "reviewed" (last review = that day, next review = the scheme's interval later, counted in the
    /// open inventory round). An unknown asset id, or an edit the scheme refuses, writes nothing.
    pub fn edit_assets(&mut self, asset_ids: &[String], edit: &BulkEdit) -> Result<BatchOutcome> {
        let given = |v: &Option<String>| {
            v.as_ref()
                .map(|l| l.trim().to_owned())
                .filter(|l| !l.is_empty())
        };
        let level = given(&edit.classification);
        let label = given(&edit.add_label);
        let department = edit.department.as_ref().map(|d| d.trim().to_owned());
        let months = self.asset_scheme()?.review_interval_months;
        let mut batch = self.begin_asset_batch(ImportMode::Upsert, None)?;
        if let Some(on) = edit.reviewed_on {
            batch.record_reviews_on(on);
        }
        for id in asset_ids {
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
            let labels = label.as_ref().and_then(|l| {
                (!current.labels.contains(l)).then(|| {
                    let mut all = current.labels.clone();
                    all.push(l.clone());
                    all
                })
            });
            let patch = AssetPatch {
                classification: level.clone().map(Some),
                department: department.clone(),
                labels,
                last_reviewed: edit.reviewed_on.map(Some),
                next_review: edit
                    .reviewed_on
                    .map(|on| Some(crate::asset::round::next_review_after(on, months))),
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
        let open_round = db::inventory_rounds::open(&tx, ORGANISATION_ID)?.map(|(row, _)| row);
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
            compare: None,
            open_round,
            marked_on: None,
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

/// Which of the changes an import finds are written. By default every change is, except one whose field the register
/// changed since the workbook was sent (or, without a workbook of a round, a date older than the register's): those
/// are reported and the register's value is kept.
#[derive(Debug, Clone, Default)]
pub struct ChangeSelection {
    /// Write the changes whose register value is newer too.
    pub overwrite_newer: bool,
    /// When given, exactly these changes (asset id, field) are written: the user's choice in the import wizard. A new
    /// asset of a returned workbook is the change (asset id, `asset`).
    pub only: Option<HashSet<(String, String)>>,
    /// Changes (asset id, field) not to write.
    pub reject: HashSet<(String, String)>,
}

/// One change of an import, named: the asset and the field (`asset` for a new asset of a returned workbook).
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ChangeRef {
    pub asset: String,
    pub field: String,
}

impl ChangeSelection {
    /// Exactly the changes named (the import wizard's choice); `None` writes the default selection.
    pub fn chosen(accept: Option<Vec<ChangeRef>>, overwrite_newer: bool) -> ChangeSelection {
        ChangeSelection {
            overwrite_newer,
            only: accept.map(|list| list.into_iter().map(|c| (c.asset, c.field)).collect()),
            reject: HashSet::new(),
        }
    }

    fn accepts(&self, asset: &str, field: &str, register_newer: bool) -> bool {
        let key = (asset.to_owned(), field.to_owned());
        if self.reject.contains(&key) {
            return false;
        }
        match &self.only {
            Some(only) => only.contains(&key),
            None => !register_newer || self.overwrite_newer,
        }
    }
}

/// How an import compares: with a returned workbook's values as sent (and the round its reviews count in), or with
/// the register alone.
struct Compare {
    selection: ChangeSelection,
    baseline: Option<crate::asset::round::RoundBaseline>,
    today: chrono::NaiveDate,
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
    /// Set for an import: field-level changes are listed and chosen.
    compare: Option<Compare>,
    /// The open inventory round (row id), where reviews are counted.
    open_round: Option<i64>,
    /// Assets of this batch are marked reviewed on this day (in the open round).
    marked_on: Option<chrono::NaiveDate>,
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
    /// The department to give every asset.
    pub department: Option<String>,
    /// Mark every asset reviewed on this day.
    pub reviewed_on: Option<chrono::NaiveDate>,
}

impl AssetBatch<'_> {
    /// The asset as it stands in this batch's transaction.
    pub fn current(&self, asset_id: &str) -> Result<Option<Asset>> {
        Ok(db::assets::get(&self.tx, ORGANISATION_ID, asset_id.trim())?.map(|(_, a, _)| a))
    }

    /// Makes this batch an import's: each changed field is listed with the register's value and the file's, and
    /// written only when `selection` accepts it; a changed asset that is retired is rejected. With `baseline` (the
    /// workbook of a round as sent), a field the file leaves as sent keeps the register's value, a field the register
    /// changed since is marked newer, and rows taken whole count as reviewed in the round on `today`.
    pub fn compare(
        &mut self,
        selection: ChangeSelection,
        baseline: Option<crate::asset::round::RoundBaseline>,
        today: chrono::NaiveDate,
    ) {
        self.compare = Some(Compare {
            selection,
            baseline,
            today,
        });
    }

    /// Every asset this batch changes counts as reviewed on `on` in the open round (the "reviewed" bulk action).
    pub fn record_reviews_on(&mut self, on: chrono::NaiveDate) {
        self.marked_on = Some(on);
    }

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

    /// Writes one change (with its audit rows), or records why it was not written. Only a database failure is an
    /// error; the batch is then rolled back as a whole when dropped.
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
            db::assets::get(&self.tx, ORGANISATION_ID, &asset_id)?
        };
        if existing.is_some() && self.mode == ImportMode::Insert {
            self.outcome.skipped_existing += 1;
            return Ok(());
        }
        let patched = match &existing {
            Some((_, a, _)) => a.patched(change.patch, &self.scheme),
            None => Asset {
                asset_id: asset_id.clone(),
                ..Default::default()
            }
            .into_patched(change.patch, &self.scheme),
        };
        let mut new = match patched {
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
                let mut reviewed = None;
                if let Some(cmp) = &self.compare {
                    if cmp.baseline.is_some() {
                        let applied = cmp.selection.accepts(&asset_id, "asset", false);
                        self.outcome.changes.push(ImportChange {
                            asset: asset_id.clone(),
                            field: "asset".to_owned(),
                            old: None,
                            new: Some(new.name.clone()),
                            register_newer: false,
                            applied,
                            row: change.source_row,
                        });
                        if !applied {
                            self.outcome.declined += 1;
                            return Ok(());
                        }
                        reviewed = self.review_date(None, &mut new);
                    }
                }
                if reviewed.is_none() {
                    reviewed = self.marked_on;
                }
                db::assets::insert(&self.tx, ORGANISATION_ID, &new, &self.levels, &self.now)?;
                // An imported asset's creation records where it came from; its content then is that row, and every
                // later change has its own entry with the old and new value. Anything else records the whole asset.
                if self.batch_id.is_some() {
                    self.batch_inserted
                        .push((asset_id.clone(), new.state_hash()));
                }
                if self.provenance.is_some() {
                    self.imported.push((asset_id.clone(), change.source_row));
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
                if let Some(on) = reviewed {
                    let row = self.tx.last_insert_rowid();
                    self.record_review(row, on)?;
                }
                self.outcome.inserted += 1;
            }
            Some((row_id, old, _)) => {
                let mut changed = field_changes(&old.audit_values(), &new.audit_values());
                let mut reviewed = self.marked_on;
                let mut counted = !changed.is_empty();
                if let Some(cmp) = &self.compare {
                    let sent = cmp.baseline.as_ref().and_then(|b| b.sent.get(&asset_id));
                    let mut declined = false;
                    let mut retirement_declined = false;
                    let first = self.outcome.changes.len();
                    let mut listed = Vec::new();
                    for (field, o, n) in &changed {
                        let register_newer = match sent {
                            Some(sent) => {
                                let as_sent = sent.get(*field).cloned().flatten();
                                if as_sent == *n {
                                    // The department left it as sent: the register's value stays.
                                    new.take_field(&old, field);
                                    continue;
                                }
                                // The register changed it since the workbook was sent, or the department wrote a date
                                // older than the register's: the register's value is newer either way.
                                *o != as_sent
                                    || (Asset::is_date_field(field)
                                        && matches!((o, n), (Some(o), Some(n)) if n < o))
                            }
                            // Without what was sent: an empty date cell leaves the register's date, and a date
                            // older than the register's is marked (the register's is newer).
                            None if Asset::is_date_field(field) && n.is_none() => {
                                new.take_field(&old, field);
                                continue;
                            }
                            None => {
                                Asset::is_date_field(field)
                                    && matches!((o, n), (Some(o), Some(n)) if n < o)
                            }
                        };
                        listed.push((*field, o.clone(), n.clone(), register_newer));
                    }
                    if !listed.is_empty() && old.retirement.is_some() {
                        let r = old.retirement.as_ref();
                        let rejected = reject(format!(
                            "the asset was retired on {} ({}); an import does not change it (reinstate it first)",
                            r.map(|r| r.on.to_string()).unwrap_or_default(),
                            r.map(|r| r.method.clone()).unwrap_or_default()
                        ));
                        self.outcome.rejected.push(rejected);
                        return Ok(());
                    }
                    for (field, o, n, register_newer) in listed {
                        let applied = cmp.selection.accepts(&asset_id, field, register_newer);
                        if !applied {
                            declined = true;
                            retirement_declined |= field.starts_with("retire");
                            new.take_field(&old, field);
                        }
                        self.outcome.changes.push(ImportChange {
                            asset: asset_id.clone(),
                            field: field.to_owned(),
                            old: o,
                            new: n,
                            register_newer,
                            applied,
                            row: change.source_row,
                        });
                    }
                    if retirement_declined {
                        for c in &mut self.outcome.changes[first..] {
                            if c.field.starts_with("retire") {
                                c.applied = false;
                            }
                        }
                    }
                    counted = !field_changes(&old.audit_values(), &new.audit_values()).is_empty();
                    if declined {
                        self.outcome.declined += 1;
                    } else if cmp.baseline.is_some() && old.retirement.is_none() {
                        reviewed = self.review_date(Some(&old), &mut new);
                    }
                    changed = field_changes(&old.audit_values(), &new.audit_values());
                }
                if !changed.is_empty() {
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
                    for (field, o, n) in &changed {
                        db::audit_log::append(
                            &self.tx,
                            &stamp,
                            AuditAction::Update,
                            Some(field),
                            o.as_deref(),
                            n.as_deref(),
                        )?;
                    }
                }
                if let Some(on) = reviewed {
                    self.record_review(row_id, on)?;
                }
                if counted {
                    self.outcome.updated += 1;
                } else {
                    self.outcome.unchanged += 1;
                }
            }
        }
        Ok(())
    }

    /// A row taken whole from a returned workbook is reviewed: on the last-review date the department gave, if they
    /// changed it and it is not after today, else today. Last review and next review (the scheme's interval later)
    /// never move back. `None` when the round is closed.
    fn review_date(&self, old: Option<&Asset>, new: &mut Asset) -> Option<chrono::NaiveDate> {
        let cmp = self.compare.as_ref()?;
        let baseline = cmp.baseline.as_ref()?;
        baseline.round.closed_on.is_none().then_some(())?;
        let given = new
            .last_reviewed
            .filter(|d| old.is_none_or(|o| o.last_reviewed != Some(*d)) && *d <= cmp.today);
        let on = given.unwrap_or(cmp.today);
        if new.last_reviewed.is_none_or(|d| d < on) {
            new.last_reviewed = Some(on);
        }
        let next = crate::asset::round::next_review_after(on, self.scheme.review_interval_months);
        if new.next_review.is_none_or(|d| d < next) {
            new.next_review = Some(next);
        }
        Some(on)
    }

    /// Counts the asset (row id) as reviewed on `on` in the round: the returned workbook's, or the open one.
    fn record_review(&mut self, asset_row: i64, on: chrono::NaiveDate) -> Result<()> {
        let from_workbook = self
            .compare
            .as_ref()
            .and_then(|c| c.baseline.as_ref())
            .map(|b| (b.round_row, b.export_id));
        let (round, source, export) = match from_workbook {
            Some((round, export)) => (round, "workbook", Some(export)),
            None => match self.open_round {
                Some(round) => (round, "marked", None),
                None => return Ok(()),
            },
        };
        db::inventory_reviews::record(
            &self.tx,
            round,
            asset_row,
            &on.to_string(),
            &self.actor,
            &db::inventory_reviews::ReviewSource {
                kind: source,
                export_id: export,
                import_batch: self.batch_id,
            },
        )?;
        self.outcome.reviewed += 1;
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

    /// The returned workbook's round is told it was answered, and the assets sent but not returned are listed.
    fn finish_round(&mut self) -> Result<()> {
        let Some(baseline) = self.compare.as_ref().and_then(|c| c.baseline.as_ref()) else {
            return Ok(());
        };
        let mut missing: Vec<String> = baseline
            .sent
            .keys()
            .filter(|id| !self.written.contains(*id))
            .cloned()
            .collect();
        missing.sort();
        self.outcome.missing = missing;
        db::inventory_exports::set_returned(&self.tx, baseline.export_id, &self.now, &self.actor)?;
        let stamp = Stamp {
            at: &self.now,
            actor: &self.actor,
            entity: "inventory_round",
            record_id: &baseline.round.round_id,
        };
        let summary = format!(
            "{}: {} ({} reviewed, {} changed, {} new)",
            baseline.department,
            crate::asset::round::workbook_id(&baseline.round.round_id, baseline.export_id),
            self.outcome.reviewed,
            self.outcome.updated,
            self.outcome.inserted
        );
        db::audit_log::append(
            &self.tx,
            &stamp,
            AuditAction::Update,
            Some("returned"),
            None,
            Some(&summary),
        )?;
        Ok(())
    }

    pub fn commit(mut self) -> Result<BatchOutcome> {
        self.write_creation_entries()?;
        self.finish_round()?;
        if let Some(b) = self.batch_id {
            let o = &self.outcome;
            let counts = serde_json::json!({
                "inserted": o.inserted, "updated": o.updated, "unchanged": o.unchanged,
                "skipped_existing": o.skipped_existing, "reviewed": o.reviewed, "declined": o.declined,
            });
            db::import_batches::finish(&self.tx, b, &counts.to_string())?;
            self.outcome.batch = Some(b);
        }
        self.tx.commit()?;
        Ok(self.outcome)
    }

    /// Undoes everything; the outcome is what would have been written.
    pub fn rollback(mut self) -> Result<BatchOutcome> {
        self.finish_round()?;
        self.tx.rollback()?;
        Ok(self.outcome)
    }
}
