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

    #[error("{field} is required")]
    MissingValue { field: &'static str },

    #[error("unknown asset id `{0}`")]
    UnknownAsset(String),

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
            Error::InvalidValue { .. } => ErrorCode::InvalidValue,
            Error::MissingValue { .. } => ErrorCode::MissingValue,
            Error::UnknownSoaVersion(_) => ErrorCode::UnknownSoaVersion,
            Error::UnknownAsset(_) => ErrorCode::UnknownAsset,
            Error::SoaVersionNotNewer { .. } => ErrorCode::SoaVersionNotNewer,
            Error::NewerDatabase { .. } => ErrorCode::NewerDatabase,
            Error::NotADatabase { .. } => ErrorCode::NotADatabase,
            Error::Catalogue { .. } => ErrorCode::Catalogue,
            Error::NoDataDirectory => ErrorCode::NoDataDirectory,
            Error::Io { .. } => ErrorCode::Io,
            Error::Sqlite(_) | Error::Json(_) => ErrorCode::Database,
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
        )
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
