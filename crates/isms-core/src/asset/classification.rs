//! The classification scheme (極秘 / 社外秘 / 公開 by default): levels with label text and colour, the handling rules of each level, the C/I/A scales and how importance is derived. Defaults come from `templates/classification/default.toml`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The aspects of handling a level prescribes (the rows of the handling matrix).
pub const HANDLING_ASPECTS: [&str; 8] = [
    "storage_paper",
    "storage_data",
    "transfer",
    "sending",
    "usage",
    "outsourcing",
    "disposal",
    "erasure",
];

/// How an asset's importance is derived from its C/I/A values.
#[derive(
    ts_rs::TS,
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    Serialize,
    Deserialize,
    strum::EnumString,
    strum::AsRefStr,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ImportanceRule {
    #[default]
    Max,
    Sum,
}

impl ImportanceRule {
    pub fn apply(self, c: Option<u8>, i: Option<u8>, a: Option<u8>) -> Option<u32> {
        let values: Vec<u32> = [c, i, a].into_iter().flatten().map(u32::from).collect();
        if values.is_empty() {
            return None;
        }
        Some(match self {
            ImportanceRule::Max => values.into_iter().max().unwrap_or(0),
            ImportanceRule::Sum => values.into_iter().sum(),
        })
    }
}

/// One level of the scheme.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassificationLevel {
    pub name_ja: String,
    pub name_en: String,
    /// The text printed on labels, e.g. `社外秘 INTERNAL`.
    pub label: String,
    /// `#RRGGBB`.
    pub colour: String,
    /// aspect → rule (see [`HANDLING_ASPECTS`]).
    pub handling: BTreeMap<String, String>,
}

impl ClassificationLevel {
    /// Does `name` (Japanese or English, any case and width) name this level?
    pub fn is_named(&self, name: &str) -> bool {
        let n = name.trim();
        n == self.name_ja || n.eq_ignore_ascii_case(&self.name_en) || n == self.label
    }
}

/// The maximum of each C/I/A scale (values run from 1).
#[derive(ts_rs::TS, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CiaScales {
    pub confidentiality: u8,
    pub integrity: u8,
    pub availability: u8,
}

/// Everything about how assets are valued and handled, per organisation.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssetScheme {
    pub importance_rule: ImportanceRule,
    pub scales: CiaScales,
    pub asset_types: Vec<String>,
    pub categories: Vec<String>,
    /// Most protected first.
    pub levels: Vec<ClassificationLevel>,
    /// Months from one review of an asset to the next (an asset marked reviewed today is next reviewed then).
    pub review_interval_months: u8,
}

impl AssetScheme {
    pub fn level(&self, name: &str) -> Option<&ClassificationLevel> {
        self.levels.iter().find(|l| l.is_named(name))
    }

    /// The scheme a new database starts with.
    pub fn default_scheme() -> Result<AssetScheme> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct File {
            importance_rule: ImportanceRule,
            asset_types: Vec<String>,
            categories: Vec<String>,
            scales: Scales,
            levels: Vec<ClassificationLevel>,
            #[serde(default = "twelve")]
            review_interval_months: u8,
        }
        fn twelve() -> u8 {
            12
        }
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Scales {
            confidentiality: u8,
            integrity: u8,
            availability: u8,
        }
        const FILE: &str = "templates/classification/default.toml";
        let text = include_str!("../../../../templates/classification/default.toml");
        let f: File = toml::from_str(text).map_err(|e| Error::Catalogue {
            file: FILE.to_owned(),
            message: e.message().to_owned(),
        })?;
        let scheme = AssetScheme {
            importance_rule: f.importance_rule,
            scales: CiaScales {
                confidentiality: f.scales.confidentiality,
                integrity: f.scales.integrity,
                availability: f.scales.availability,
            },
            asset_types: f.asset_types,
            categories: f.categories,
            levels: f.levels,
            review_interval_months: f.review_interval_months,
        };
        scheme.validate().map_err(|e| Error::Catalogue {
            file: FILE.to_owned(),
            message: e.to_string(),
        })?;
        Ok(scheme)
    }

    pub fn validate(&self) -> Result<()> {
        for (field, max) in [
            ("confidentiality scale", self.scales.confidentiality),
            ("integrity scale", self.scales.integrity),
            ("availability scale", self.scales.availability),
        ] {
            if !(2..=9).contains(&max) {
                return Err(Error::InvalidValue {
                    field,
                    value: max.to_string(),
                    expected: "a maximum from 2 to 9".to_owned(),
                });
            }
        }
        if !(1..=60).contains(&self.review_interval_months) {
            return Err(Error::InvalidValue {
                field: "review interval",
                value: self.review_interval_months.to_string(),
                expected: "from 1 to 60 months".to_owned(),
            });
        }
        let mut names = std::collections::HashSet::new();
        for l in &self.levels {
            if l.name_ja.trim().is_empty() || !names.insert(l.name_ja.clone()) {
                return Err(Error::InvalidValue {
                    field: "classification level",
                    value: l.name_ja.clone(),
                    expected: "a non-empty name used once".to_owned(),
                });
            }
            validate_colour(&l.colour)?;
            for aspect in l.handling.keys() {
                if !HANDLING_ASPECTS.contains(&aspect.as_str()) {
                    return Err(Error::InvalidValue {
                        field: "handling aspect",
                        value: aspect.clone(),
                        expected: HANDLING_ASPECTS.join(", "),
                    });
                }
            }
        }
        Ok(())
    }
}

pub fn validate_colour(colour: &str) -> Result<()> {
    let ok = colour.len() == 7
        && colour.starts_with('#')
        && colour[1..].bytes().all(|b| b.is_ascii_hexdigit());
    if ok {
        Ok(())
    } else {
        Err(Error::InvalidValue {
            field: "colour",
            value: colour.to_owned(),
            expected: "#RRGGBB, e.g. #C0392B".to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_scheme_has_three_levels_with_full_handling_rules() {
        let s = AssetScheme::default_scheme().unwrap();
        let names: Vec<&str> = s.levels.iter().map(|l| l.name_ja.as_str()).collect();
        assert_eq!(names, ["極秘", "社外秘", "公開"]);
        for l in &s.levels {
            assert_eq!(l.handling.len(), HANDLING_ASPECTS.len(), "{}", l.name_ja);
        }
        assert_eq!(s.level("internal").unwrap().name_ja, "社外秘");
        assert_eq!(s.scales.confidentiality, 3);
    }

    #[test]
    fn importance_is_max_or_sum() {
        assert_eq!(
            ImportanceRule::Max.apply(Some(3), Some(1), Some(2)),
            Some(3)
        );
        assert_eq!(
            ImportanceRule::Sum.apply(Some(3), Some(1), Some(2)),
            Some(6)
        );
        assert_eq!(ImportanceRule::Sum.apply(None, None, None), None);
    }
}
