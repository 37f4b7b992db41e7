//! The supplier register's editable lists and the evaluation checklists: seeded from `templates/suppliers/` into a new
//! database, then edited by the user (kept in the `settings` table). An evaluation keeps the wording it was answered
//! with, so later edits never change past evaluations.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// An entry of an editable list: a stable id, and its label in Japanese and English.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Labelled {
    pub id: String,
    pub ja: String,
    pub en: String,
    #[serde(default)]
    pub description_ja: String,
    #[serde(default)]
    pub description_en: String,
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupplierKindDef {
    #[serde(flatten)]
    pub label: Labelled,
    /// The cloud-service kind: listed in the クラウド一覧表 and evaluated with the cloud checks too.
    #[serde(default)]
    pub cloud: bool,
    /// Contract kinds expected on file for this kind (a missing one is flagged, not blocked).
    #[serde(default)]
    pub required_contracts: Vec<String>,
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusDef {
    #[serde(flatten)]
    pub label: Labelled,
    /// Information may be given to / the service used.
    #[serde(default)]
    pub usable: bool,
    /// No more evaluations are scheduled (the relationship has ended).
    #[serde(default)]
    pub closed: bool,
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriticalityDef {
    #[serde(flatten)]
    pub label: Labelled,
    /// Months until the next evaluation, per evaluation kind that schedules one (`periodic`).
    #[serde(default)]
    pub review_interval_months: BTreeMap<String, u32>,
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractKindDef {
    #[serde(flatten)]
    pub label: Labelled,
    #[serde(default)]
    pub has_expiry: bool,
}

/// The lists of the supplier register (`templates/suppliers/register.toml`).
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupplierLists {
    /// Days before a contract or certification expires that it shows as expiring.
    pub expiry_warning_days: u32,
    pub kinds: Vec<SupplierKindDef>,
    pub statuses: Vec<StatusDef>,
    /// Most critical first.
    pub criticality: Vec<CriticalityDef>,
    pub info_categories: Vec<Labelled>,
    pub contract_kinds: Vec<ContractKindDef>,
    #[serde(default)]
    pub certification_kinds: Vec<Labelled>,
    #[serde(default)]
    pub evidence_kinds: Vec<Labelled>,
}

/// One question of a checklist.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistItem {
    pub id: String,
    pub ja: String,
    pub en: String,
    #[serde(default)]
    pub hint_ja: String,
    #[serde(default)]
    pub hint_en: String,
    /// `all`, or `cloud` (only for suppliers of a cloud kind).
    #[serde(default = "all")]
    pub applies_to: String,
    #[serde(default)]
    pub controls: Vec<String>,
}

fn all() -> String {
    "all".to_owned()
}

/// The checklist of one evaluation kind.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistKind {
    pub id: String,
    pub title_ja: String,
    pub title_en: String,
    #[serde(default)]
    pub description_ja: String,
    #[serde(default)]
    pub description_en: String,
    pub items: Vec<ChecklistItem>,
}

/// Every evaluation kind's checklist (`templates/suppliers/checklists.toml`).
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checklists {
    pub kinds: Vec<ChecklistKind>,
}

const REGISTER: &str = include_str!("../../../../templates/suppliers/register.toml");
const CHECKLISTS: &str = include_str!("../../../../templates/suppliers/checklists.toml");

fn parse<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<T> {
    toml::from_str(text).map_err(|e| Error::Catalogue {
        file: file.to_owned(),
        message: e.to_string(),
    })
}

impl SupplierLists {
    /// The lists a new database starts with.
    pub fn defaults() -> Result<SupplierLists> {
        let lists: SupplierLists = parse("templates/suppliers/register.toml", REGISTER)?;
        lists.validate()?;
        Ok(lists)
    }

    /// Ids unique per list, every list non-empty, contract kinds referenced by kinds known.
    pub fn validate(&self) -> Result<()> {
        let bad = |message: String| Error::InvalidValue {
            field: "supplier lists",
            value: String::new(),
            expected: message,
        };
        let lists: [(&str, Vec<&str>); 6] = [
            (
                "kinds",
                self.kinds.iter().map(|k| k.label.id.as_str()).collect(),
            ),
            (
                "statuses",
                self.statuses.iter().map(|k| k.label.id.as_str()).collect(),
            ),
            (
                "criticality",
                self.criticality
                    .iter()
                    .map(|k| k.label.id.as_str())
                    .collect(),
            ),
            (
                "info_categories",
                self.info_categories.iter().map(|k| k.id.as_str()).collect(),
            ),
            (
                "contract_kinds",
                self.contract_kinds
                    .iter()
                    .map(|k| k.label.id.as_str())
                    .collect(),
            ),
            (
                "certification_kinds",
                self.certification_kinds
                    .iter()
                    .map(|k| k.id.as_str())
                    .collect(),
            ),
        ];
        for (name, ids) in &lists {
            if ids.is_empty() && *name != "certification_kinds" {
                return Err(bad(format!("the list `{name}` needs at least one entry")));
            }
            let mut seen = std::collections::HashSet::new();
            for id in ids {
                if id.trim().is_empty() || !seen.insert(*id) {
                    return Err(bad(format!("`{name}` has an empty or repeated id `{id}`")));
                }
            }
        }
        for k in &self.kinds {
            for c in &k.required_contracts {
                if !self.contract_kinds.iter().any(|x| &x.label.id == c) {
                    return Err(bad(format!(
                        "kind `{}` requires the unknown contract kind `{c}`",
                        k.label.id
                    )));
                }
            }
        }
        if !self.statuses.iter().any(|s| s.label.id == "evaluating") {
            return Err(bad(
                "the statuses must include `evaluating` (the status of a new supplier)".to_owned(),
            ));
        }
        Ok(())
    }

    pub fn kind(&self, id: &str) -> Option<&SupplierKindDef> {
        self.kinds.iter().find(|k| k.label.id == id)
    }

    pub fn status(&self, id: &str) -> Option<&StatusDef> {
        self.statuses.iter().find(|k| k.label.id == id)
    }

    /// The months until the next evaluation for a supplier of `criticality` (24 when it has none set).
    pub fn interval_months(&self, criticality: &str) -> u32 {
        self.criticality
            .iter()
            .find(|c| c.label.id == criticality)
            .and_then(|c| c.review_interval_months.get("periodic").copied())
            .unwrap_or(24)
    }

    /// Resolves what a user typed (an id, or the Japanese or English label) in `list` to its id.
    pub fn resolve<'a>(entries: impl Iterator<Item = &'a Labelled>, typed: &str) -> Option<String> {
        let typed = typed.trim();
        let entries: Vec<&Labelled> = entries.collect();
        entries
            .iter()
            .find(|e| e.id == typed)
            .or_else(|| {
                entries
                    .iter()
                    .find(|e| e.ja == typed || e.en.eq_ignore_ascii_case(typed))
            })
            .map(|e| e.id.clone())
    }
}

impl Checklists {
    pub fn defaults() -> Result<Checklists> {
        let lists: Checklists = parse("templates/suppliers/checklists.toml", CHECKLISTS)?;
        lists.validate()?;
        Ok(lists)
    }

    /// The four evaluation kinds are present; item ids unique within a kind; every question written in both languages.
    pub fn validate(&self) -> Result<()> {
        let bad = |message: String| Error::InvalidValue {
            field: "evaluation checklists",
            value: String::new(),
            expected: message,
        };
        for kind in ["new", "periodic", "re_evaluation", "change"] {
            if !self.kinds.iter().any(|k| k.id == kind) {
                return Err(bad(format!("a checklist for the evaluation kind `{kind}`")));
            }
        }
        for k in &self.kinds {
            let mut seen = std::collections::HashSet::new();
            for item in &k.items {
                if item.id.trim().is_empty() || !seen.insert(item.id.as_str()) {
                    return Err(bad(format!(
                        "`{}` has an empty or repeated item id `{}`",
                        k.id, item.id
                    )));
                }
                if item.ja.trim().is_empty() || item.en.trim().is_empty() {
                    return Err(bad(format!(
                        "item `{}` of `{}` needs its question in Japanese and English",
                        item.id, k.id
                    )));
                }
                if item.applies_to != "all" && item.applies_to != "cloud" {
                    return Err(bad(format!(
                        "item `{}` of `{}`: applies_to is `all` or `cloud`",
                        item.id, k.id
                    )));
                }
            }
        }
        Ok(())
    }

    pub fn kind(&self, id: &str) -> Option<&ChecklistKind> {
        self.kinds.iter().find(|k| k.id == id)
    }

    /// The questions a supplier is asked in an evaluation of `kind`: all items, and the cloud items for a cloud
    /// supplier.
    pub fn items_for(&self, kind: &str, cloud: bool) -> Vec<&ChecklistItem> {
        self.kind(kind)
            .map(|k| {
                k.items
                    .iter()
                    .filter(|i| i.applies_to == "all" || cloud)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Reads a checklists file written in the template's format (for `isms suppliers checklists set`).
    pub fn from_toml(path: &str, text: &str) -> Result<Checklists> {
        let lists: Checklists = parse(path, text)?;
        lists.validate()?;
        Ok(lists)
    }
}

impl SupplierLists {
    pub fn from_toml(path: &str, text: &str) -> Result<SupplierLists> {
        let lists: SupplierLists = parse(path, text)?;
        lists.validate()?;
        Ok(lists)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_templates_load_and_validate() {
        let lists = SupplierLists::defaults().unwrap();
        assert!(lists.kind("cloud_service").is_some_and(|k| k.cloud));
        assert_eq!(lists.interval_months("high"), 12);
        assert_eq!(lists.interval_months("low"), 24);
        let checklists = Checklists::defaults().unwrap();
        let plain = checklists.items_for("new", false).len();
        let cloud = checklists.items_for("new", true).len();
        assert!(cloud > plain && plain >= 5, "{plain} / {cloud}");
        assert_eq!(
            SupplierLists::resolve(lists.kinds.iter().map(|k| &k.label), "クラウドサービス")
                .as_deref(),
            Some("cloud_service")
        );
    }
}
