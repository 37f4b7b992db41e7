//! What a batch of imported or bulk-edited records did, for every record kind (assets, suppliers, the control
//! register): the counts, the rows not written and why, and each field an import changed.

use serde::Serialize;

/// A row of a batch that was not written, and why.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RejectedChange {
    pub source_row: usize,
    /// The id of the record the row was for (an asset, a supplier, a control).
    pub record_id: String,
    pub message: String,
}

/// What a batch did (or, in a dry run, would do).
#[derive(ts_rs::TS, Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct BatchOutcome {
    pub inserted: usize,
    pub updated: usize,
    /// Present and identical, or (insert-only mode) already present.
    pub unchanged: usize,
    pub skipped_existing: usize,
    pub rejected: Vec<RejectedChange>,
    /// The import batch this wrote (see `isms imports`), once committed; none for a dry run or a form's save.
    #[serde(default)]
    pub batch: Option<i64>,
    /// An import's changed fields, each with the register's value and the file's (listed only by imports).
    pub changes: Vec<ImportChange>,
    /// Assets (rows) with a change not written (declined, or the register's value newer).
    pub declined: usize,
    /// Assets counted as reviewed in an inventory round.
    pub reviewed: usize,
    /// Assets a department workbook was sent with that did not come back in it.
    pub missing: Vec<String>,
}

/// One changed field an import found (or, for a new asset of a returned workbook, the asset itself: field `asset`).
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportChange {
    pub asset: String,
    /// As the audit trail names it (`owner`, `last_reviewed`, `classification` …).
    pub field: String,
    /// The register's value now.
    pub old: Option<String>,
    /// The file's value.
    pub new: Option<String>,
    /// The register changed this field after the workbook was sent (or holds a later date than the file): the
    /// register's value is newer, and is kept unless the change is accepted.
    pub register_newer: bool,
    /// Written (or, in a dry run, would be).
    pub applied: bool,
    /// The row of the file.
    pub row: usize,
}
