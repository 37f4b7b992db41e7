//! How an asset leaves the inventory: retired (returned, disposed of, erased, transferred — the methods and their
//! labels come from `templates/inventory/lifecycle.toml`) with a date, a method, who approved and a note. A retired
//! asset leaves the working list, the label sheets and the counts, stays searchable and exportable, and keeps its
//! history. Deleting an asset outright is only for one created by mistake (never retired, never sent for review,
//! linked from nothing), and is audited with the whole record.

use std::sync::OnceLock;

use chrono::NaiveDate;
use rusqlite::TransactionBehavior;
use serde::{Deserialize, Serialize};

use crate::asset::store::AssetChange;
use crate::asset::ImportMode;
use crate::asset::{Asset, AssetPatch};
use crate::audit::AuditAction;
use crate::batch::BatchOutcome;
use crate::db::{self, audit_log::Stamp};
use crate::error::{Error, Result};
use crate::store::{now, Store, ORGANISATION_ID};

/// One way an asset can leave the inventory.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetirementMethod {
    /// `return`, `dispose`, `erase`, `transfer` (what the CLI takes and the database keeps).
    pub id: String,
    pub ja: String,
    pub en: String,
    /// Other words a register may use for it (返却済, 処分 …).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The Annex A controls it evidences (5.11 return, 7.10/7.14 media and disposal, 8.10 deletion …).
    #[serde(default)]
    pub controls: Vec<String>,
}

impl RetirementMethod {
    /// Does `text` name this method (its id, either label or an alias; Latin letters in any case)?
    pub fn is_named(&self, text: &str) -> bool {
        let t = text.trim();
        t.eq_ignore_ascii_case(&self.id)
            || t == self.ja
            || t.eq_ignore_ascii_case(&self.en)
            || self.aliases.iter().any(|a| t.eq_ignore_ascii_case(a))
    }
}

const FILE: &str = "templates/inventory/lifecycle.toml";

/// The retirement methods, in the order the app offers them.
pub fn retirement_methods() -> Result<&'static [RetirementMethod]> {
    static METHODS: OnceLock<std::result::Result<Vec<RetirementMethod>, String>> = OnceLock::new();
    let loaded = METHODS.get_or_init(|| {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct File {
            methods: Vec<RetirementMethod>,
        }
        let text = include_str!("../../../../templates/inventory/lifecycle.toml");
        let f: File = toml::from_str(text).map_err(|e| e.message().to_owned())?;
        let mut ids = std::collections::HashSet::new();
        for m in &f.methods {
            if m.id.trim().is_empty() || m.ja.trim().is_empty() || !ids.insert(m.id.clone()) {
                return Err(format!(
                    "method `{}`: an id used once and a Japanese label are required",
                    m.id
                ));
            }
        }
        if f.methods.is_empty() {
            return Err("no methods".to_owned());
        }
        Ok(f.methods)
    });
    loaded.as_deref().map_err(|message| Error::Catalogue {
        file: FILE.to_owned(),
        message: message.clone(),
    })
}

/// The method `text` names (id, label or alias), or an error listing them.
pub fn retirement_method(text: &str) -> Result<&'static RetirementMethod> {
    let methods = retirement_methods()?;
    methods
        .iter()
        .find(|m| m.is_named(text))
        .ok_or_else(|| Error::InvalidValue {
            field: "retirement method",
            value: text.trim().to_owned(),
            expected: format!(
                "one of {}",
                methods
                    .iter()
                    .map(|m| format!("{} ({} / {})", m.id, m.ja, m.en))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        })
}

/// How and when an asset left the inventory.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Retirement {
    pub on: NaiveDate,
    /// A method id (see [`retirement_methods`]).
    pub method: String,
    /// Who approved it.
    #[serde(default)]
    pub approver: String,
    #[serde(default)]
    pub note: String,
}

impl Retirement {
    /// The retirement with its method resolved to an id and its texts trimmed.
    pub fn checked(self) -> Result<Retirement> {
        Ok(Retirement {
            on: self.on,
            method: retirement_method(&self.method)?.id.clone(),
            approver: self.approver.trim().to_owned(),
            note: self.note.trim().to_owned(),
        })
    }
}

/// What `isms assets retire` and the app's retire action send.
#[derive(ts_rs::TS, Debug, Clone, Deserialize)]
pub struct RetireRequest {
    pub ids: Vec<String>,
    pub retirement: Retirement,
}

impl Store {
    /// The ways an asset can leave the inventory, with their labels.
    pub fn retirement_methods(&self) -> Result<Vec<RetirementMethod>> {
        Ok(retirement_methods()?.to_vec())
    }

    /// Retires the assets named, in one transaction with their audit rows: each must exist and be in use; the date
    /// may not be after `today`. Nothing is written when one of them cannot be retired.
    pub fn retire_assets(
        &mut self,
        ids: &[String],
        retirement: Retirement,
        today: NaiveDate,
    ) -> Result<BatchOutcome> {
        let retirement = retirement.checked()?;
        if retirement.on > today {
            return Err(Error::InvalidValue {
                field: "retirement date",
                value: retirement.on.to_string(),
                expected: format!("a date not after today ({today})"),
            });
        }
        if ids.is_empty() {
            return Err(Error::MissingValue {
                field: "the assets to retire",
            });
        }
        let mut batch = self.begin_asset_batch(ImportMode::Upsert, None)?;
        for id in ids {
            let current = batch
                .current(id)?
                .ok_or_else(|| Error::UnknownAsset(id.trim().to_owned()))?;
            if let Some(r) = &current.retirement {
                return Err(Error::InvalidValue {
                    field: "asset",
                    value: current.asset_id,
                    expected: format!(
                        "an asset in use (it was retired on {} ({}))",
                        r.on, r.method
                    ),
                });
            }
            batch.apply(AssetChange {
                asset_id: current.asset_id,
                patch: AssetPatch {
                    retirement: Some(Some(retirement.clone())),
                    ..Default::default()
                },
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

    /// Puts a retired asset back in use (a retirement recorded by mistake); audited like any change.
    pub fn reinstate_asset(&mut self, id: &str) -> Result<BatchOutcome> {
        let mut batch = self.begin_asset_batch(ImportMode::Upsert, None)?;
        let current = batch
            .current(id)?
            .ok_or_else(|| Error::UnknownAsset(id.trim().to_owned()))?;
        if current.retirement.is_none() {
            return Err(Error::InvalidValue {
                field: "asset",
                value: current.asset_id,
                expected: "a retired asset (this one is in use)".to_owned(),
            });
        }
        batch.apply(AssetChange {
            asset_id: current.asset_id,
            patch: AssetPatch {
                retirement: Some(None),
                ..Default::default()
            },
            source_row: 0,
        })?;
        batch.commit()
    }

    /// Deletes an asset created by mistake. Refused for an asset that was retired, was sent to a department or
    /// reviewed in an inventory round, or that a supplier or an incident names: those keep their record. The audit
    /// trail keeps the whole record and the reason.
    pub fn delete_asset(&mut self, id: &str, reason: &str) -> Result<Asset> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(Error::MissingValue {
                field: "the reason for deleting the asset",
            });
        }
        let at = now();
        let actor = self.actor().to_owned();
        let tx = self
            .conn_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (row_id, asset, _) = db::assets::get(&tx, ORGANISATION_ID, id.trim())?
            .ok_or_else(|| Error::UnknownAsset(id.trim().to_owned()))?;
        let refuse = |why: String| Error::InvalidValue {
            field: "asset to delete",
            value: asset.asset_id.clone(),
            expected: format!("an asset created by mistake; {why} — retire it instead"),
        };
        if asset.retirement.is_some() {
            return Err(refuse("it is retired and keeps its record".to_owned()));
        }
        if db::inventory_reviews::asset_in_any_round(&tx, row_id)?
            || db::inventory_exports::mentions_asset(&tx, &asset.asset_id)?
        {
            return Err(refuse("it took part in an inventory round".to_owned()));
        }
        if let Some(by) = db::assets::linked_from(&tx, ORGANISATION_ID, &asset.asset_id)? {
            return Err(refuse(format!("{by} names it")));
        }
        db::assets::delete(&tx, ORGANISATION_ID, &asset.asset_id)?;
        let stamp = Stamp {
            at: &at,
            actor: &actor,
            entity: "asset",
            record_id: &asset.asset_id,
        };
        let old = serde_json::to_string(&asset)?;
        db::audit_log::append(
            &tx,
            &stamp,
            AuditAction::Delete,
            Some("reason"),
            Some(&old),
            Some(reason),
        )?;
        tx.commit()?;
        Ok(asset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_four_methods_are_read_with_their_labels_and_aliases() {
        let m = retirement_methods().unwrap();
        let ids: Vec<&str> = m.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["return", "dispose", "erase", "transfer"]);
        assert_eq!(retirement_method("廃棄").unwrap().id, "dispose");
        assert_eq!(retirement_method("Erased").unwrap().id, "erase");
        assert_eq!(retirement_method(" RETURN ").unwrap().id, "return");
        let err = retirement_method("焼却").unwrap_err().to_string();
        assert!(err.contains("返却") && err.contains("transfer"), "{err}");
    }
}
