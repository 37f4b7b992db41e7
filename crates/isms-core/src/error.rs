//! The errors of the domain and the store, each with a stable [`ErrorCode`] the UI and scripts can branch on.

use serde::Serialize;

/// Everything that can go wrong in `isms-core`. Messages are one line, name the thing at fault, and are safe to show to a user.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("unknown control id `{0}` (try `isms controls list`)")]
    UnknownControl(String),

    #[error(
        "control {control}: a justification for exclusion is required when the control is not applicable (use --exclusion TEXT)"
    )]
    ExclusionJustificationRequired { control: String },

    #[error("control {control}: {field} applies only to ISO/IEC 27017 controls (CLD.* and the ISO/IEC 27002:2013 controls it extends)")]
    NotACloudControl {
        control: String,
        field: &'static str,
    },

    #[error("invalid {field} `{value}`: {expected}")]
    InvalidValue {
        field: &'static str,
        value: String,
        expected: String,
    },

    #[error("invalid {field} `{value}`: it {problem}")]
    InvalidDate {
        field: &'static str,
        value: String,
        problem: crate::dates::DateProblem,
    },

    #[error("{field} is required")]
    MissingValue { field: &'static str },

    #[error("{record} was changed by someone else since it was opened ({}); reload it, or choose which values to keep", .conflicts.iter().map(|c| c.field.as_str()).collect::<Vec<_>>().join(", "))]
    Conflict {
        record: String,
        conflicts: Vec<crate::conflict::FieldConflict>,
    },

    #[error("{count} controls are still undecided: decide them first, or accept issuing with them undecided (--accept-undecided): {}", .ids.join(", "))]
    UndecidedControls { count: usize, ids: Vec<String> },

    #[error("SoA version {version} cannot be dated {date}: the previous version {previous} was issued on {previous_date}")]
    SoaDateBeforePrevious {
        version: String,
        date: String,
        previous: String,
        previous_date: String,
    },

    #[error("SoA version {version} is {status}; {reason}")]
    SoaVersionState {
        version: String,
        status: String,
        reason: String,
    },

    #[error("unknown asset id `{0}`")]
    UnknownAsset(String),

    #[error("unknown incident `{0}` (see `isms incidents list`)")]
    UnknownIncident(String),

    #[error("incident {incident} is {state}: {why}")]
    IncidentState {
        incident: String,
        state: String,
        why: String,
    },

    #[error("unknown supplier `{0}` (see `isms suppliers list`)")]
    UnknownSupplier(String),

    #[error("unknown certification `{0}` (see `isms certs list`)")]
    UnknownCertification(String),

    #[error("unknown whitepaper `{0}` (see `isms whitepaper list`)")]
    UnknownWhitepaper(String),

    #[error(
        "whitepaper {doc} has no issued version `{version}` (see `isms whitepaper show {doc}`)"
    )]
    UnknownWhitepaperVersion { doc: String, version: String },

    #[error("whitepaper {doc} version {version} cannot be issued: {why}")]
    WhitepaperVersion {
        doc: String,
        version: String,
        why: String,
    },

    #[error("no issued SoA version `{0}` (see `isms soa list`)")]
    UnknownSoaVersion(String),

    #[error("SoA version {version} cannot be issued: it must be newer than the latest issued version {latest}")]
    SoaVersionNotNewer { version: String, latest: String },

    #[error(
        "database {path} has schema version {found}, newer than this program supports ({supported}); it was not opened or changed — use a newer ISMS Desk"
    )]
    NewerDatabase {
        path: String,
        found: i64,
        supported: i64,
    },

    #[error("{path} is not an ISMS Desk database: {reason}")]
    NotADatabase { path: String, reason: String },

    #[error("import {batch} cannot be undone: {} of its assets were changed since ({}{}) — undo the rest with --force, leaving those", assets.len(), assets.iter().take(10).cloned().collect::<Vec<_>>().join(", "), if assets.len() > 10 { ", …" } else { "" })]
    ImportChangedSince { batch: i64, assets: Vec<String> },

    #[error("there is no ISMS Desk database at {path} (create one with `isms --db {path} init`, or check the path)")]
    NoDatabase { path: String },

    #[error("{path} is open in another program{holders}: close it, then restore again")]
    InUse {
        path: String,
        /// The programs seen holding it, when the system says (` (isms, pid 4242)`), else ` (ISMS Desk or `isms`)`.
        holders: String,
    },

    #[error("{file}: {message}")]
    InvalidFile { file: String, message: String },

    #[error("catalogue {file} is invalid: {message}")]
    Catalogue { file: String, message: String },

    #[error(
        "cannot determine a data directory for the default database; pass --db PATH or set ISMS_DB"
    )]
    NoDataDirectory,

    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },

    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),

    #[error("stored value is malformed: {0}")]
    Json(#[from] serde_json::Error),
}

/// A stable, machine-readable kind for each [`Error`]: what crosses the IPC boundary and what the CLI's exit code is derived from.
#[derive(ts_rs::TS, Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    UnknownControl,
    ExclusionJustificationRequired,
    NotACloudControl,
    InvalidValue,
    MissingValue,
    UnknownSoaVersion,
    SoaVersionNotNewer,
    UnknownAsset,
    UnknownSupplier,
    UnknownIncident,
    UnknownCertification,
    /// A file the user gave (a definition, a facts file) is not what it should be; the message names line and column.
    InvalidFile,
    /// The database file named does not exist (only `init` and the app's first start create one).
    NoDatabase,
    /// An import cannot be undone: some of its assets changed since (the error's `ids` lists them).
    ImportChangedSince,
    /// The database is open in another program.
    InUse,
    UnknownWhitepaper,
    /// An issued version that does not exist, or a version that cannot be issued (not newer, already issued …).
    WhitepaperVersion,
    /// Issuing a whitepaper refused: data it needs is missing (the error's `ids` lists each problem).
    WhitepaperIncomplete,
    /// A transition an incident's state does not allow (closing before the actions are done …).
    IncidentState,
    /// Someone else changed a field this save changes too; the error carries both values.
    Conflict,
    /// Issuing would leave controls undecided and that was not accepted.
    UndecidedControls,
    /// An issue date before the previous version's.
    SoaDateBeforePrevious,
    /// A version cannot be superseded or withdrawn in its present state.
    SoaVersionState,
    NewerDatabase,
    NotADatabase,
    Catalogue,
    NoDataDirectory,
    Io,
    Database,
    /// Raised outside the core (the import crate): an unreadable register file.
    Import,
    /// Raised outside the core (the reports crate): a document could not be written.
    Export,
}

impl Error {
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::UnknownControl(_) => ErrorCode::UnknownControl,
            Error::ExclusionJustificationRequired { .. } => {
                ErrorCode::ExclusionJustificationRequired
            }
            Error::NotACloudControl { .. } => ErrorCode::NotACloudControl,
            Error::InvalidValue { .. } | Error::InvalidDate { .. } => ErrorCode::InvalidValue,
            Error::MissingValue { .. } => ErrorCode::MissingValue,
            Error::UnknownSoaVersion(_) => ErrorCode::UnknownSoaVersion,
            Error::UnknownAsset(_) => ErrorCode::UnknownAsset,
            Error::UnknownSupplier(_) => ErrorCode::UnknownSupplier,
            Error::UnknownIncident(_) => ErrorCode::UnknownIncident,
            Error::UnknownCertification(_) => ErrorCode::UnknownCertification,
            Error::UnknownWhitepaper(_) => ErrorCode::UnknownWhitepaper,
            Error::UnknownWhitepaperVersion { .. } | Error::WhitepaperVersion { .. } => {
                ErrorCode::WhitepaperVersion
            }
            Error::IncidentState { .. } => ErrorCode::IncidentState,
            Error::SoaVersionNotNewer { .. } => ErrorCode::SoaVersionNotNewer,
            Error::Conflict { .. } => ErrorCode::Conflict,
            Error::UndecidedControls { .. } => ErrorCode::UndecidedControls,
            Error::SoaDateBeforePrevious { .. } => ErrorCode::SoaDateBeforePrevious,
            Error::SoaVersionState { .. } => ErrorCode::SoaVersionState,
            Error::NewerDatabase { .. } => ErrorCode::NewerDatabase,
            Error::NotADatabase { .. } => ErrorCode::NotADatabase,
            Error::Catalogue { .. } => ErrorCode::Catalogue,
            Error::InvalidFile { .. } => ErrorCode::InvalidFile,
            Error::NoDatabase { .. } => ErrorCode::NoDatabase,
            Error::ImportChangedSince { .. } => ErrorCode::ImportChangedSince,
            Error::InUse { .. } => ErrorCode::InUse,
            Error::NoDataDirectory => ErrorCode::NoDataDirectory,
            Error::Io { .. } => ErrorCode::Io,
            Error::Sqlite(_) | Error::Json(_) => ErrorCode::Database,
        }
    }

    /// The fields of a refused save, with both values, when the error is a [`Error::Conflict`].
    pub fn conflicts(&self) -> Option<&[crate::conflict::FieldConflict]> {
        match self {
            Error::Conflict { conflicts, .. } => Some(conflicts),
            _ => None,
        }
    }

    /// True when the user's input was at fault (as opposed to the file system or the database).
    pub fn is_user_error(&self) -> bool {
        matches!(
            self.code(),
            ErrorCode::UnknownControl
                | ErrorCode::ExclusionJustificationRequired
                | ErrorCode::NotACloudControl
                | ErrorCode::InvalidValue
                | ErrorCode::MissingValue
                | ErrorCode::UnknownSoaVersion
                | ErrorCode::SoaVersionNotNewer
                | ErrorCode::UnknownAsset
                | ErrorCode::UnknownSupplier
                | ErrorCode::UnknownIncident
                | ErrorCode::UnknownCertification
                | ErrorCode::InvalidFile
                | ErrorCode::NoDatabase
                | ErrorCode::ImportChangedSince
                | ErrorCode::NotADatabase
                | ErrorCode::InUse
                | ErrorCode::UnknownWhitepaper
                | ErrorCode::WhitepaperVersion
                | ErrorCode::IncidentState
                | ErrorCode::Conflict
                | ErrorCode::UndecidedControls
                | ErrorCode::SoaDateBeforePrevious
                | ErrorCode::SoaVersionState
        )
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
