//! What is due about a supplier: never evaluated, an evaluation overdue or due soon, a contract or certificate
//! expiring or expired. The dashboard and `isms suppliers due` show these.

use chrono::NaiveDate;
use serde::Serialize;

use crate::supplier::lists::SupplierLists;
use crate::supplier::Supplier;

#[derive(
    ts_rs::TS,
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Serialize,
    strum::AsRefStr,
    strum::Display,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum DueReason {
    NeverEvaluated,
    EvaluationOverdue,
    EvaluationDue,
    ContractExpired,
    ContractExpiring,
    CertificationExpired,
    CertificationExpiring,
}

/// One thing due about a supplier.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DueItem {
    pub reason: DueReason,
    /// The date it falls due (none for a supplier never evaluated).
    pub date: Option<NaiveDate>,
    /// What it is about: the contract or certification kind, empty for evaluations.
    pub what: String,
    /// Past its date (or never evaluated).
    pub overdue: bool,
}

/// Everything due about `s` by `today + within` days (evaluations), or within the lists' expiry warning (contracts,
/// certifications); nothing for a supplier whose relationship has ended.
pub fn due_items(
    s: &Supplier,
    next_due: Option<NaiveDate>,
    evaluated: bool,
    lists: &SupplierLists,
    today: NaiveDate,
    within: u32,
) -> Vec<DueItem> {
    if lists.status(&s.status).is_some_and(|st| st.closed) {
        return Vec::new();
    }
    let horizon = today + chrono::Days::new(u64::from(within));
    let warn = today + chrono::Days::new(u64::from(lists.expiry_warning_days.max(within)));
    let mut out = Vec::new();
    if !evaluated {
        out.push(DueItem {
            reason: DueReason::NeverEvaluated,
            date: None,
            what: String::new(),
            overdue: true,
        });
    } else if let Some(d) = next_due {
        if d < today {
            out.push(DueItem {
                reason: DueReason::EvaluationOverdue,
                date: Some(d),
                what: String::new(),
                overdue: true,
            });
        } else if d <= horizon {
            out.push(DueItem {
                reason: DueReason::EvaluationDue,
                date: Some(d),
                what: String::new(),
                overdue: false,
            });
        }
    }
    for c in &s.contracts {
        if c.auto_renewal {
            continue;
        }
        if let Some(d) = c.expires_on {
            if d < today {
                out.push(DueItem {
                    reason: DueReason::ContractExpired,
                    date: Some(d),
                    what: c.kind.clone(),
                    overdue: true,
                });
            } else if d <= warn {
                out.push(DueItem {
                    reason: DueReason::ContractExpiring,
                    date: Some(d),
                    what: c.kind.clone(),
                    overdue: false,
                });
            }
        }
    }
    for c in &s.certifications {
        if let Some(d) = c.expires_on {
            if d < today {
                out.push(DueItem {
                    reason: DueReason::CertificationExpired,
                    date: Some(d),
                    what: c.kind.clone(),
                    overdue: true,
                });
            } else if d <= warn {
                out.push(DueItem {
                    reason: DueReason::CertificationExpiring,
                    date: Some(d),
                    what: c.kind.clone(),
                    overdue: false,
                });
            }
        }
    }
    out
}
