//! The incident record's editable lists (sources, categories, routes, impact scales, evidence steps, ISMS changes,
//! flags), seeded from `templates/incidents/record.toml` into the `settings` table.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::supplier::lists::Labelled;

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncidentLists {
    pub sources: Vec<Labelled>,
    pub categories: Vec<Labelled>,
    pub routes: Vec<Labelled>,
    pub impact_scales: Vec<Labelled>,
    /// §5.28's steps for crime-like incidents, each with a hint about custody.
    pub evidence_steps: Vec<EvidenceStepDef>,
    pub isms_changes: Vec<Labelled>,
    #[serde(default)]
    pub flags: Vec<Labelled>,
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceStepDef {
    #[serde(flatten)]
    pub label: Labelled,
    #[serde(default)]
    pub hint_ja: String,
    #[serde(default)]
    pub hint_en: String,
}

const RECORD: &str = include_str!("../../../../templates/incidents/record.toml");

impl IncidentLists {
    pub fn defaults() -> Result<IncidentLists> {
        let lists: IncidentLists = toml::from_str(RECORD).map_err(|e| Error::Catalogue {
            file: "templates/incidents/record.toml".to_owned(),
            message: e.to_string(),
        })?;
        lists.validate()?;
        Ok(lists)
    }

    pub fn validate(&self) -> Result<()> {
        for (name, ids) in [
            (
                "sources",
                self.sources
                    .iter()
                    .map(|l| l.id.as_str())
                    .collect::<Vec<_>>(),
            ),
            (
                "categories",
                self.categories.iter().map(|l| l.id.as_str()).collect(),
            ),
            (
                "routes",
                self.routes.iter().map(|l| l.id.as_str()).collect(),
            ),
        ] {
            if ids.is_empty() {
                return Err(Error::InvalidValue {
                    field: "incident lists",
                    value: name.to_owned(),
                    expected: "at least one entry".to_owned(),
                });
            }
        }
        Ok(())
    }

    /// The id a user means by `typed` in `list` (id, or the Japanese or English label); an unknown value is refused,
    /// listing the ids.
    pub fn resolve(field: &'static str, list: &[Labelled], typed: &str) -> Result<String> {
        if typed.trim().is_empty() {
            return Ok(String::new());
        }
        crate::supplier::lists::SupplierLists::resolve(list.iter(), typed).ok_or_else(|| {
            Error::InvalidValue {
                field,
                value: typed.trim().to_owned(),
                expected: format!(
                    "one of {}",
                    list.iter()
                        .map(|l| format!("{} ({})", l.id, l.ja))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }
        })
    }
}
