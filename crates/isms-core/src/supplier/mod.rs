//! Suppliers and cloud services (ISO/IEC 27001:2022 A.5.19–5.23; ISO/IEC 27017, the customer's side): the register
//! record and its validation, the evaluations (評価記録) and what is due. `lists` holds the editable lists and
//! checklists, `evaluation` the evaluation records, `due` what the dashboard and `isms suppliers due` show, `store`
//! the [`crate::Store`] methods.

pub mod due;
pub mod evaluation;
pub mod lists;
pub mod store;

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use lists::SupplierLists;

/// A contract on file: 基本契約書, 秘密保持契約書, SLA …
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Contract {
    /// A contract kind id of the lists.
    pub kind: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub signed_on: Option<NaiveDate>,
    /// When it ends or must be renewed (warned about before).
    #[serde(default)]
    pub expires_on: Option<NaiveDate>,
    #[serde(default)]
    pub auto_renewal: bool,
    /// The signed copy, stored in the file.
    #[serde(default)]
    pub attachment: Option<i64>,
    #[serde(default)]
    pub note: String,
}

/// A certification the supplier holds (ISMS, ISO/IEC 27017, プライバシーマーク, ISMAP …).
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct SupplierCertification {
    pub kind: String,
    #[serde(default)]
    pub number: String,
    #[serde(default)]
    pub scope: String,
    #[serde(default)]
    pub expires_on: Option<NaiveDate>,
    #[serde(default)]
    pub attachment: Option<i64>,
}

/// One supplier as stored.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Supplier {
    pub supplier_id: String,
    pub name: String,
    /// A kind id of the lists (委託先, クラウドサービス …).
    pub kind: String,
    /// The services used.
    pub services: String,
    pub purpose: String,
    /// The categories of our information entrusted (業務 / 個人 / 機密 ids).
    pub info_categories: Vec<String>,
    /// The highest classification level of that information (a level's Japanese name), or empty.
    pub highest_level: String,
    pub criticality: String,
    pub status: String,
    pub subcontracting_allowed: bool,
    /// Other suppliers this one subcontracts to (their supplier ids).
    pub subcontractors: Vec<String>,
    /// Assets of the inventory this supplier holds or processes.
    pub assets: Vec<String>,
    /// Register controls it relates to (5.19–5.23, CLD.6.3.1 …).
    pub controls: Vec<String>,
    pub contracts: Vec<Contract>,
    pub certifications: Vec<SupplierCertification>,
    /// Where our data is kept (country / region).
    pub data_location: String,
    pub governing_law: String,
    /// The supplier's public security page.
    pub security_url: String,
    pub contact: String,
    /// Listed as a subprocessor in our whitepaper.
    pub disclose_as_subprocessor: bool,
    pub notes: String,
}

/// A change to a supplier: `None` leaves a field as it is.
#[derive(ts_rs::TS, Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
#[ts(optional_fields)]
pub struct SupplierPatch {
    pub name: Option<String>,
    pub kind: Option<String>,
    pub services: Option<String>,
    pub purpose: Option<String>,
    pub info_categories: Option<Vec<String>>,
    pub highest_level: Option<String>,
    pub criticality: Option<String>,
    pub status: Option<String>,
    pub subcontracting_allowed: Option<bool>,
    pub subcontractors: Option<Vec<String>>,
    pub assets: Option<Vec<String>>,
    pub controls: Option<Vec<String>>,
    pub contracts: Option<Vec<Contract>>,
    pub certifications: Option<Vec<SupplierCertification>>,
    pub data_location: Option<String>,
    pub governing_law: Option<String>,
    pub security_url: Option<String>,
    pub contact: Option<String>,
    pub disclose_as_subprocessor: Option<bool>,
    pub notes: Option<String>,
}

/// What a supplier's references are checked against.
pub struct Known<'a> {
    pub lists: &'a SupplierLists,
    pub levels: &'a [String],
    pub suppliers: &'a HashSet<String>,
    pub assets: &'a HashSet<String>,
    pub controls: &'a crate::store::ControlIds,
}

fn unique(list: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for v in list.into_iter().map(|v| v.trim().to_owned()) {
        if !v.is_empty() && !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

impl Supplier {
    /// The supplier after `patch`, validated: every reference known (kind, status, criticality, categories, level,
    /// subcontractors, assets, controls, contract and certification kinds), dates in order, a web address that is one.
    pub fn patched(&self, patch: SupplierPatch, known: &Known<'_>) -> Result<Supplier> {
        let mut s = self.clone();
        let text = |v: String| v.trim().to_owned();
        if let Some(v) = patch.name {
            s.name = text(v);
        }
        let lists = known.lists;
        let resolve = |field: &'static str,
                       typed: String,
                       entries: Vec<&lists::Labelled>|
         -> Result<String> {
            if typed.trim().is_empty() {
                return Ok(String::new());
            }
            let ids: Vec<String> = entries.iter().map(|e| e.id.clone()).collect();
            SupplierLists::resolve(entries.into_iter(), &typed).ok_or_else(|| Error::InvalidValue {
                field,
                value: typed.trim().to_owned(),
                expected: format!("one of {}", ids.join(", ")),
            })
        };
        if let Some(v) = patch.kind {
            s.kind = resolve(
                "supplier kind",
                v,
                lists.kinds.iter().map(|k| &k.label).collect(),
            )?;
        }
        if let Some(v) = patch.status {
            s.status = resolve(
                "supplier status",
                v,
                lists.statuses.iter().map(|k| &k.label).collect(),
            )?;
        }
        if let Some(v) = patch.criticality {
            s.criticality = resolve(
                "criticality",
                v,
                lists.criticality.iter().map(|k| &k.label).collect(),
            )?;
        }
        if let Some(v) = patch.info_categories {
            s.info_categories = unique(v)
                .into_iter()
                .map(|c| {
                    resolve(
                        "information category",
                        c,
                        lists.info_categories.iter().collect(),
                    )
                })
                .collect::<Result<Vec<_>>>()?;
        }
        if let Some(v) = patch.highest_level {
            let v = text(v);
            if !v.is_empty() && !known.levels.contains(&v) {
                return Err(Error::InvalidValue {
                    field: "highest classification level",
                    value: v,
                    expected: format!("one of {}", known.levels.join(", ")),
                });
            }
            s.highest_level = v;
        }
        if let Some(v) = patch.services {
            s.services = text(v);
        }
        if let Some(v) = patch.purpose {
            s.purpose = text(v);
        }
        if let Some(v) = patch.subcontracting_allowed {
            s.subcontracting_allowed = v;
        }
        if let Some(v) = patch.subcontractors {
            let v = unique(v);
            if let Some(bad) = v
                .iter()
                .find(|x| **x == s.supplier_id || !known.suppliers.contains(*x))
            {
                return Err(Error::InvalidValue {
                    field: "subcontractor",
                    value: bad.clone(),
                    expected: "the id of another supplier in the register (add it first)"
                        .to_owned(),
                });
            }
            s.subcontractors = v;
        }
        if let Some(v) = patch.assets {
            let v = unique(v);
            if let Some(bad) = v.iter().find(|x| !known.assets.contains(*x)) {
                return Err(Error::UnknownAsset(bad.clone()));
            }
            s.assets = v;
        }
        if let Some(v) = patch.controls {
            s.controls = unique(v)
                .into_iter()
                .map(|c| {
                    known
                        .controls
                        .resolve(&c)
                        .map(str::to_owned)
                        .ok_or(Error::UnknownControl(c))
                })
                .collect::<Result<Vec<_>>>()?;
        }
        if let Some(v) = patch.contracts {
            for c in &v {
                if !lists.contract_kinds.iter().any(|k| k.label.id == c.kind) {
                    return Err(Error::InvalidValue {
                        field: "contract kind",
                        value: c.kind.clone(),
                        expected: format!(
                            "one of {}",
                            lists
                                .contract_kinds
                                .iter()
                                .map(|k| k.label.id.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    });
                }
                if let (Some(a), Some(b)) = (c.signed_on, c.expires_on) {
                    if b < a {
                        return Err(Error::InvalidValue {
                            field: "contract end date",
                            value: b.to_string(),
                            expected: format!("a date on or after its signing date {a}"),
                        });
                    }
                }
            }
            s.contracts = v
                .into_iter()
                .map(|c| Contract {
                    title: text(c.title),
                    note: text(c.note),
                    ..c
                })
                .collect();
        }
        if let Some(v) = patch.certifications {
            for c in &v {
                if !lists.certification_kinds.is_empty()
                    && !lists.certification_kinds.iter().any(|k| k.id == c.kind)
                {
                    return Err(Error::InvalidValue {
                        field: "certification kind",
                        value: c.kind.clone(),
                        expected: format!(
                            "one of {}",
                            lists
                                .certification_kinds
                                .iter()
                                .map(|k| k.id.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    });
                }
            }
            s.certifications = v
                .into_iter()
                .map(|c| SupplierCertification {
                    number: text(c.number),
                    scope: text(c.scope),
                    ..c
                })
                .collect();
        }
        if let Some(v) = patch.data_location {
            s.data_location = text(v);
        }
        if let Some(v) = patch.governing_law {
            s.governing_law = text(v);
        }
        if let Some(v) = patch.security_url {
            let v = text(v);
            if !(v.is_empty() || v.starts_with("https://") || v.starts_with("http://")) {
                return Err(Error::InvalidValue {
                    field: "security page",
                    value: v,
                    expected: "a web address starting with https://".to_owned(),
                });
            }
            s.security_url = v;
        }
        if let Some(v) = patch.contact {
            s.contact = text(v);
        }
        if let Some(v) = patch.disclose_as_subprocessor {
            s.disclose_as_subprocessor = v;
        }
        if let Some(v) = patch.notes {
            s.notes = text(v);
        }
        if s.name.is_empty() {
            return Err(Error::MissingValue {
                field: "the supplier's name (--name)",
            });
        }
        if s.status.is_empty() {
            s.status = "evaluating".to_owned();
        }
        Ok(s)
    }

    /// Each field as `(name, text)` for the audit trail and conflict checks: lists as JSON, empty as `None`.
    pub fn audit_values(&self) -> Vec<(&'static str, Option<String>)> {
        let t = |v: &str| (!v.is_empty()).then(|| v.to_owned());
        let b = |v: bool| v.then(|| "yes".to_owned());
        fn l<T: Serialize>(v: &[T]) -> Option<String> {
            (!v.is_empty()).then(|| serde_json::to_string(v).unwrap_or_default())
        }
        vec![
            ("name", t(&self.name)),
            ("kind", t(&self.kind)),
            ("services", t(&self.services)),
            ("purpose", t(&self.purpose)),
            ("info_categories", l(&self.info_categories)),
            ("highest_level", t(&self.highest_level)),
            ("criticality", t(&self.criticality)),
            ("status", t(&self.status)),
            ("subcontracting_allowed", b(self.subcontracting_allowed)),
            ("subcontractors", l(&self.subcontractors)),
            ("assets", l(&self.assets)),
            ("controls", l(&self.controls)),
            ("contracts", l(&self.contracts)),
            ("certifications", l(&self.certifications)),
            ("data_location", t(&self.data_location)),
            ("governing_law", t(&self.governing_law)),
            ("security_url", t(&self.security_url)),
            ("contact", t(&self.contact)),
            ("disclose_as_subprocessor", b(self.disclose_as_subprocessor)),
            ("notes", t(&self.notes)),
        ]
    }
}

/// A supplier as listed: the record, its latest approved evaluation, and what is due about it.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SupplierView {
    #[serde(flatten)]
    pub supplier: Supplier,
    pub updated_at: String,
    pub last_evaluation: Option<evaluation::EvaluationSummary>,
    /// When the next evaluation is due (from the latest approved one), if any.
    pub next_due: Option<NaiveDate>,
    pub due: Vec<due::DueItem>,
    /// Contract kinds the supplier's kind expects and none on file has.
    pub missing_contracts: Vec<String>,
}
