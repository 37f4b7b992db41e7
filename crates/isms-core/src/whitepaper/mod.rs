//! Customer-facing security whitepapers as the store keeps them: the facts they draw from (`facts.rs`), each
//! whitepaper's definition (kept as JSON; its structure belongs to `isms_reports::whitepaper`), and issued versions
//! frozen with what they cited, so that a version citing a certificate now expired, or a control statement changed
//! since, is reported as out of date (`store.rs`).

pub mod facts;
pub mod store;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A whitepaper as listed.
#[derive(ts_rs::TS, Debug, Clone, Serialize)]
pub struct WhitepaperSummary {
    pub doc_id: String,
    pub title: String,
    pub lang: String,
    pub updated_at: String,
    pub versions: usize,
    pub latest_version: Option<String>,
    pub latest_issued_on: Option<NaiveDate>,
    /// Why the latest issued version no longer matches the data (empty when it does, or nothing is issued).
    pub out_of_date: Vec<StaleReason>,
}

/// A whitepaper with its definition.
#[derive(ts_rs::TS, Debug, Clone, Serialize)]
pub struct StoredWhitepaper {
    pub doc_id: String,
    pub title: String,
    pub lang: String,
    /// The definition as JSON (see `isms_reports::whitepaper::Definition`).
    pub definition: String,
    pub updated_at: String,
}

/// What an issued version cited, frozen with it.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Cited {
    pub certifications: Vec<CitedCertification>,
    pub statements: Vec<CitedStatement>,
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct CitedCertification {
    pub cert_id: String,
    pub expires_on: Option<NaiveDate>,
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct CitedStatement {
    pub control_id: String,
    /// The text printed (in the whitepaper's language).
    pub text: String,
}

/// One issued version, without its document.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WhitepaperVersion {
    pub version: String,
    pub issued_on: NaiveDate,
    pub prepared_by: String,
    pub approved_by: String,
    pub summary: String,
    pub issued_at: String,
    /// The audit chain's head when it was issued.
    #[serde(default)]
    pub chain_head: Option<String>,
    /// SHA-256 of the frozen document, as an exported PDF carries it (`isms verify-document`).
    #[serde(default)]
    pub content_sha256: String,
}

/// What issuing records besides the document.
#[derive(ts_rs::TS, Debug, Clone, Deserialize)]
pub struct IssueWhitepaper {
    pub version: String,
    pub issued_on: NaiveDate,
    pub prepared_by: String,
    pub approved_by: String,
    pub summary: String,
}

/// Why an issued version is out of date.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum StaleReason {
    /// A certificate it prints as valid has expired (or is no longer in the register).
    CertificateExpired {
        cert_id: String,
        expires_on: Option<NaiveDate>,
    },
    /// A control statement it prints has changed since it was issued.
    StatementChanged { control_id: String },
}
