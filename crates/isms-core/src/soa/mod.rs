//! The Statement of Applicability (適用宣言書): issued versions frozen from the register, and the document an export renders — an issued version or the current draft.

pub mod store;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::db::control_themes::ThemeRow;
use crate::error::{Error, Result};
use crate::organisation::Organisation;
use crate::register::RegisterEntry;

/// One line of the revision history: an issued version.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SoaRevision {
    pub version: String,
    /// The issue date printed on the document, `YYYY-MM-DD`.
    pub issued_on: String,
    /// When it was frozen, RFC 3339.
    pub issued_at: String,
    pub prepared_by: String,
    pub approved_by: String,
    /// What changed in this version (改訂内容).
    pub summary: String,
    /// Controls still undecided at issue, accepted explicitly by whoever issued it.
    #[serde(default)]
    pub accepted_undecided: Vec<String>,
    /// What became of the version later: in force, superseded or withdrawn (never deleted).
    #[serde(default)]
    pub status: VersionStatus,
    /// Why it was superseded or withdrawn, and on which date; empty while in force.
    #[serde(default)]
    pub status_reason: String,
    #[serde(default)]
    pub status_on: Option<NaiveDate>,
    /// The audit chain's head when it was issued (none for versions issued before the chain existed).
    #[serde(default)]
    pub chain_head: Option<String>,
    /// SHA-256 of the frozen content, as an exported PDF carries it (`isms verify-document`).
    #[serde(default)]
    pub content_sha256: String,
}

/// The state of an issued version.
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
    strum::Display,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum VersionStatus {
    #[default]
    Current,
    Superseded,
    Withdrawn,
}

/// The register as it stood when a version was issued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SoaSnapshot {
    pub organisation: Organisation,
    pub themes: Vec<ThemeRow>,
    pub entries: Vec<RegisterEntry>,
}

/// What to freeze: version number, names, summary; the issue date defaults to today.
#[derive(ts_rs::TS, Debug, Clone, Default, Deserialize)]
#[ts(optional_fields)]
pub struct IssueSoa {
    pub version: String,
    pub approved_by: String,
    /// Defaults to the OS user issuing it.
    pub prepared_by: Option<String>,
    pub summary: String,
    pub issued_on: Option<NaiveDate>,
    /// Issue even though controls are still undecided (they are recorded with the version).
    #[serde(default)]
    pub accept_undecided: bool,
}

/// Marking an issued version superseded or withdrawn.
#[derive(ts_rs::TS, Debug, Clone, Deserialize)]
#[ts(optional_fields)]
pub struct VersionStatusChange {
    pub version: String,
    pub status: VersionStatus,
    pub reason: String,
    /// Defaults to today.
    pub on: Option<NaiveDate>,
}

/// Everything an SoA export shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SoaDocument {
    /// `None` for the unissued draft.
    pub version: Option<String>,
    pub issued_on: NaiveDate,
    pub prepared_by: String,
    pub approved_by: String,
    pub snapshot: SoaSnapshot,
    /// Issued versions up to and including this one (all of them for the draft), oldest first, each with its
    /// present status.
    pub history: Vec<SoaRevision>,
    /// The present status of this version (`Current` for the draft).
    pub status: VersionStatus,
}

impl SoaDocument {
    pub fn is_draft(&self) -> bool {
        self.version.is_none()
    }
}

/// A version number: `1`, `1.0`, `2.1.3` — numbers separated by dots.
pub fn parse_version(text: &str) -> Result<Vec<u32>> {
    parse_version_of("SoA version", text)
}

/// A version number (`1.0`, `2.1`) read for `field`.
pub fn parse_version_of(field: &'static str, text: &str) -> Result<Vec<u32>> {
    let text = text.trim();
    let invalid = || Error::InvalidValue {
        field,
        value: text.to_owned(),
        expected: "numbers separated by dots, e.g. 1.0 or 2.1".to_owned(),
    };
    if text.is_empty() {
        return Err(invalid());
    }
    text.split('.')
        .map(|p| {
            if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
                Err(invalid())
            } else {
                p.parse::<u32>().map_err(|_| invalid())
            }
        })
        .collect()
}

/// Compares versions numerically, `1.10` after `1.9`, `1.0` equal to `1`.
pub fn compare_versions(a: &[u32], b: &[u32]) -> std::cmp::Ordering {
    let n = a.len().max(b.len());
    for i in 0..n {
        let (x, y) = (
            a.get(i).copied().unwrap_or(0),
            b.get(i).copied().unwrap_or(0),
        );
        match x.cmp(&y) {
            std::cmp::Ordering::Equal => {}
            other => return other,
        }
    }
    std::cmp::Ordering::Equal
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cmp::Ordering;

    #[test]
    fn versions_compare_numerically() {
        let v = |s: &str| parse_version(s).unwrap();
        assert_eq!(compare_versions(&v("1.10"), &v("1.9")), Ordering::Greater);
        assert_eq!(compare_versions(&v("1.0"), &v("1")), Ordering::Equal);
        assert_eq!(compare_versions(&v("2.0"), &v("10.0")), Ordering::Less);
        for bad in ["", "v1", "1..2", "1.a", " . "] {
            assert!(parse_version(bad).is_err(), "{bad}");
        }
    }
}
