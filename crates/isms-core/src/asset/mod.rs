//! The information-asset inventory (情報資産台帳): an asset's fields, changes to them, validation against the scheme, and the fields the audit trail records.
//!
//! The asset domain's folder: this module is the model; [`classification`] the scheme of levels, handling rules and
//! scales; [`lifecycle`] retiring and deleting; [`round`] the yearly inventory round; [`store`] the [`Store`](crate::Store)
//! methods that read and write assets, the scheme and batches.

pub mod classification;
pub mod lifecycle;
pub mod round;
pub mod store;

use chrono::NaiveDate;
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use crate::asset::classification::AssetScheme;
use crate::asset::lifecycle::Retirement;
use crate::error::{Error, Result};

/// One asset as stored. `classification` is the level's Japanese name.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Asset {
    pub asset_id: String,
    pub name: String,
    pub asset_type: String,
    pub category: String,
    pub classification: Option<String>,
    pub confidentiality: Option<u8>,
    pub integrity: Option<u8>,
    pub availability: Option<u8>,
    /// The department (部署) the asset belongs to; each department reviews its own assets in an inventory round.
    pub department: String,
    pub owner: String,
    pub custodian: String,
    pub location: String,
    pub media: String,
    pub retention: String,
    pub disposal_method: String,
    pub labels: Vec<String>,
    pub notes: String,
    pub last_reviewed: Option<NaiveDate>,
    pub next_review: Option<NaiveDate>,
    pub cloud_purpose: String,
    pub cloud_information: String,
    /// Control ids of the register this asset is linked to.
    pub controls: Vec<String>,
    /// Columns of the user's own register that ISMS Desk does not know, in their original order.
    pub custom: IndexMap<String, String>,
    /// Set once the asset has left the inventory (returned, disposed of, erased, transferred).
    pub retirement: Option<Retirement>,
}

/// An asset with what is derived from it, as listed.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AssetView {
    #[serde(flatten)]
    pub asset: Asset,
    /// From C/I/A by the scheme's importance rule.
    pub importance: Option<u32>,
    pub updated_at: String,
}

/// A change to an asset: `None` leaves a field as it is; for optional fields `Some(None)` clears.
#[derive(ts_rs::TS, Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
#[ts(optional_fields)]
pub struct AssetPatch {
    pub name: Option<String>,
    pub asset_type: Option<String>,
    pub category: Option<String>,
    #[serde(default, deserialize_with = "crate::register::double_option")]
    pub classification: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::register::double_option")]
    pub confidentiality: Option<Option<u8>>,
    #[serde(default, deserialize_with = "crate::register::double_option")]
    pub integrity: Option<Option<u8>>,
    #[serde(default, deserialize_with = "crate::register::double_option")]
    pub availability: Option<Option<u8>>,
    pub department: Option<String>,
    pub owner: Option<String>,
    pub custodian: Option<String>,
    pub location: Option<String>,
    pub media: Option<String>,
    pub retention: Option<String>,
    pub disposal_method: Option<String>,
    pub labels: Option<Vec<String>>,
    pub notes: Option<String>,
    #[serde(default, deserialize_with = "crate::register::double_option")]
    pub last_reviewed: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "crate::register::double_option")]
    pub next_review: Option<Option<NaiveDate>>,
    pub cloud_purpose: Option<String>,
    pub cloud_information: Option<String>,
    pub controls: Option<Vec<String>>,
    /// Custom fields to set (an empty value removes the field).
    pub custom: IndexMap<String, String>,
    /// Retire the asset (`Some(Some(…))`) or put it back in use (`Some(None)`).
    #[serde(default, deserialize_with = "crate::register::double_option")]
    pub retirement: Option<Option<Retirement>>,
}

/// Assets in use, retired ones, or both.
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
pub enum Lifecycle {
    /// In use: the working list, the labels and the counts.
    #[default]
    Active,
    Retired,
    All,
}

/// Which assets to list.
#[derive(ts_rs::TS, Debug, Clone, Default, Deserialize)]
#[serde(default)]
#[ts(optional_fields)]
pub struct AssetFilter {
    pub classification: Option<String>,
    pub category: Option<String>,
    /// The department, exactly (an empty text: assets without a department).
    pub department: Option<String>,
    /// In use (when absent), retired, or all.
    pub lifecycle: Option<Lifecycle>,
    /// Part of the owner's name; Latin letters in either case.
    pub owner: Option<String>,
    /// One of the asset's labels, exactly.
    pub label: Option<String>,
    /// Part of any text field, a label or a custom field; Latin letters in either case.
    pub search: Option<String>,
}

/// The order of an asset list; ties are broken by asset id.
#[derive(ts_rs::TS, Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssetSort {
    #[default]
    AssetId,
    Name,
    /// By the level's place in the scheme, most protected first; assets without a level last.
    Classification,
    Owner,
    Department,
}

/// One window of the filtered, sorted inventory (the app's table asks for the rows it shows).
#[derive(ts_rs::TS, Debug, Clone, Default, Deserialize)]
#[serde(default)]
#[ts(optional_fields)]
pub struct AssetQuery {
    pub filter: AssetFilter,
    pub sort: AssetSort,
    pub descending: bool,
    pub offset: usize,
    /// At most this many rows; all when absent.
    pub limit: Option<usize>,
    /// Count every match too (the table asks once per filter, not for every window).
    pub count: bool,
}

/// The rows of one window and, when asked, how many assets match in all.
#[derive(ts_rs::TS, Debug, Clone, Serialize)]
pub struct AssetPage {
    pub total: Option<usize>,
    pub offset: usize,
    pub rows: Vec<AssetView>,
}

/// Insert new assets and update existing ones (default), or only insert.
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
pub enum ImportMode {
    #[default]
    Upsert,
    Insert,
}

fn clean_list(items: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in items
        .into_iter()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
    {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

/// `v` without surrounding whitespace, reusing its buffer when there is none (the common case).
fn trimmed(v: String) -> String {
    if v.trim().len() == v.len() {
        v
    } else {
        v.trim().to_owned()
    }
}

impl Asset {
    /// The asset after `patch`, validated against `scheme` (level names, C/I/A ranges, dates).
    pub fn patched(&self, patch: AssetPatch, scheme: &AssetScheme) -> Result<Asset> {
        self.clone().into_patched(patch, scheme)
    }

    /// [`Asset::patched`] without a copy of the asset.
    pub fn into_patched(self, patch: AssetPatch, scheme: &AssetScheme) -> Result<Asset> {
        let mut next = self;
        let text = |v: String| trimmed(v);
        macro_rules! set_text {
            ($($f:ident),*) => { $( if let Some(v) = patch.$f { next.$f = text(v); } )* };
        }
        set_text!(
            name,
            asset_type,
            category,
            department,
            owner,
            custodian,
            location,
            media,
            retention,
            disposal_method,
            notes,
            cloud_purpose,
            cloud_information
        );
        if let Some(v) = patch.classification {
            next.classification = match v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()) {
                None => None,
                Some(name) => Some(scheme.level(&name).map(|l| l.name_ja.clone()).ok_or_else(
                    || Error::InvalidValue {
                        field: "classification",
                        value: name.clone(),
                        expected: format!(
                                "one of {}",
                                scheme
                                    .levels
                                    .iter()
                                    .map(|l| format!("{} ({})", l.name_ja, l.name_en))
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                    },
                )?),
            };
        }
        for (field, value, max, slot) in [
            (
                "confidentiality",
                patch.confidentiality,
                scheme.scales.confidentiality,
                &mut next.confidentiality,
            ),
            (
                "integrity",
                patch.integrity,
                scheme.scales.integrity,
                &mut next.integrity,
            ),
            (
                "availability",
                patch.availability,
                scheme.scales.availability,
                &mut next.availability,
            ),
        ] {
            if let Some(v) = value {
                if let Some(n) = v {
                    if n < 1 || n > max {
                        return Err(Error::InvalidValue {
                            field,
                            value: n.to_string(),
                            expected: format!("a value from 1 to {max}"),
                        });
                    }
                }
                *slot = v;
            }
        }
        if let Some(v) = patch.labels {
            next.labels = clean_list(v);
        }
        if let Some(v) = patch.controls {
            next.controls = clean_list(v);
        }
        if let Some(v) = patch.last_reviewed {
            next.last_reviewed = v;
        }
        if let Some(v) = patch.retirement {
            next.retirement = v.map(Retirement::checked).transpose()?;
        }
        if let Some(v) = patch.next_review {
            next.next_review = v;
        }
        for (k, v) in patch.custom {
            let (k, v) = (trimmed(k), trimmed(v));
            if k.is_empty() {
                continue;
            }
            if v.is_empty() {
                next.custom.shift_remove(&k);
            } else {
                next.custom.insert(k, v);
            }
        }
        if next.asset_id.trim().is_empty() {
            return Err(Error::MissingValue {
                field: "the asset id",
            });
        }
        if next.name.is_empty() {
            return Err(Error::MissingValue {
                field: "the asset name",
            });
        }
        Ok(next)
    }

    /// Each field as `(name, text)` for the audit trail.
    /// SHA-256 over every field's value: what an import records to know later whether the asset changed since.
    pub fn state_hash(&self) -> String {
        use sha2::Digest;
        let mut h = sha2::Sha256::new();
        for (field, value) in self.audit_values() {
            crate::audit_chain::feed(&mut h, Some(field.as_bytes()));
            crate::audit_chain::feed(&mut h, value.as_deref().map(str::as_bytes));
        }
        format!("{:x}", h.finalize())
    }

    pub fn audit_values(&self) -> Vec<(&'static str, Option<String>)> {
        let s = |v: &str| (!v.is_empty()).then(|| v.to_owned());
        let n = |v: Option<u8>| v.map(|x| x.to_string());
        let d = |v: Option<NaiveDate>| v.map(|x| x.to_string());
        let list = |v: &[String]| (!v.is_empty()).then(|| serde_json::json!(v).to_string());
        vec![
            ("name", s(&self.name)),
            ("asset_type", s(&self.asset_type)),
            ("category", s(&self.category)),
            ("classification", self.classification.clone()),
            ("confidentiality", n(self.confidentiality)),
            ("integrity", n(self.integrity)),
            ("availability", n(self.availability)),
            ("department", s(&self.department)),
            ("owner", s(&self.owner)),
            ("custodian", s(&self.custodian)),
            ("location", s(&self.location)),
            ("media", s(&self.media)),
            ("retention", s(&self.retention)),
            ("disposal_method", s(&self.disposal_method)),
            ("labels", list(&self.labels)),
            ("notes", s(&self.notes)),
            ("last_reviewed", d(self.last_reviewed)),
            ("next_review", d(self.next_review)),
            ("cloud_purpose", s(&self.cloud_purpose)),
            ("cloud_information", s(&self.cloud_information)),
            ("controls", list(&self.controls)),
            (
                "custom",
                (!self.custom.is_empty()).then(|| serde_json::json!(self.custom).to_string()),
            ),
            ("retired_on", d(self.retirement.as_ref().map(|r| r.on))),
            (
                "retirement_method",
                self.retirement.as_ref().map(|r| r.method.clone()),
            ),
            (
                "retirement_approver",
                self.retirement.as_ref().and_then(|r| s(&r.approver)),
            ),
            (
                "retirement_note",
                self.retirement.as_ref().and_then(|r| s(&r.note)),
            ),
        ]
    }

    /// Takes one field (named as in [`Asset::audit_values`]) from `from`: a change declined in an import keeps the
    /// register's value. The retirement fields go together.
    pub fn take_field(&mut self, from: &Asset, field: &str) {
        macro_rules! take {
            ($($f:ident),*) => {
                match field {
                    $( stringify!($f) => self.$f = from.$f.clone(), )*
                    "retired_on" | "retirement_method" | "retirement_approver" | "retirement_note" => {
                        self.retirement = from.retirement.clone()
                    }
                    _ => {}
                }
            };
        }
        take!(
            name,
            asset_type,
            category,
            classification,
            confidentiality,
            integrity,
            availability,
            department,
            owner,
            custodian,
            location,
            media,
            retention,
            disposal_method,
            labels,
            notes,
            last_reviewed,
            next_review,
            cloud_purpose,
            cloud_information,
            controls,
            custom
        );
    }

    /// Is `field` (as named in [`Asset::audit_values`]) a date?
    pub fn is_date_field(field: &str) -> bool {
        matches!(field, "last_reviewed" | "next_review" | "retired_on")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patching_validates_against_the_scheme() {
        let scheme = AssetScheme::default_scheme().unwrap();
        let base = Asset {
            asset_id: "IA-0001".into(),
            ..Default::default()
        };
        let ok = base
            .patched(
                AssetPatch {
                    name: Some(" 顧客名簿 ".into()),
                    classification: Some(Some("Internal".into())),
                    confidentiality: Some(Some(3)),
                    labels: Some(vec!["個人情報".into(), " ".into(), "個人情報".into()]),
                    ..Default::default()
                },
                &scheme,
            )
            .unwrap();
        assert_eq!(ok.name, "顧客名簿");
        assert_eq!(ok.classification.as_deref(), Some("社外秘"));
        assert_eq!(ok.labels, ["個人情報"]);

        let too_high = AssetPatch {
            confidentiality: Some(Some(4)),
            ..Default::default()
        };
        assert!(ok.patched(too_high, &scheme).is_err());
        let unknown = AssetPatch {
            classification: Some(Some("極秘中の極秘".into())),
            ..Default::default()
        };
        assert!(ok.patched(unknown, &scheme).is_err());
        let no_name = AssetPatch {
            name: Some(String::new()),
            ..Default::default()
        };
        assert!(ok.patched(no_name, &scheme).is_err());
    }
}
