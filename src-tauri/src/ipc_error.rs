//! The error the webview receives: `{code, message}`, `code` being one of the `ErrorCode`s the UI knows.

use isms_core::conflict::FieldConflict;
use isms_core::ErrorCode;
use serde::Serialize;

#[derive(ts_rs::TS, Debug, Serialize)]
#[ts(optional_fields)]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
    /// With `code: "conflict"`: each field someone else changed, with both values, so the form can let the user
    /// choose.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conflicts: Option<Vec<FieldConflict>>,
    /// With `code: "undecided_controls"`: the controls still undecided.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ids: Option<Vec<String>>,
}

impl IpcError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> IpcError {
        IpcError {
            code,
            message: message.into(),
            conflicts: None,
            ids: None,
        }
    }
}

impl From<isms_core::Error> for IpcError {
    fn from(e: isms_core::Error) -> Self {
        let ids = match &e {
            isms_core::Error::UndecidedControls { ids, .. } => Some(ids.clone()),
            isms_core::Error::ImportChangedSince { assets, .. } => Some(assets.clone()),
            _ => None,
        };
        IpcError {
            code: e.code(),
            message: e.to_string(),
            conflicts: e.conflicts().map(<[FieldConflict]>::to_vec),
            ids,
        }
    }
}

impl From<isms_reports::ReportError> for IpcError {
    fn from(e: isms_reports::ReportError) -> Self {
        match e {
            isms_reports::ReportError::Core(core) => core.into(),
            isms_reports::ReportError::Incomplete { ref problems, .. } => {
                let mut err = IpcError::new(ErrorCode::WhitepaperIncomplete, e.to_string());
                err.ids = Some(problems.clone());
                err
            }
            isms_reports::ReportError::Definition { .. } => {
                IpcError::new(ErrorCode::InvalidFile, e.to_string())
            }
            other => IpcError::new(ErrorCode::Export, other.to_string()),
        }
    }
}

impl From<isms_sheets::SheetError> for IpcError {
    fn from(e: isms_sheets::SheetError) -> Self {
        match e {
            isms_sheets::SheetError::Core(core) => core.into(),
            other => IpcError::new(ErrorCode::Import, other.to_string()),
        }
    }
}

impl IpcError {
    /// The store's lock was poisoned by a panic in another command: report it instead of panicking again.
    pub fn poisoned() -> Self {
        IpcError::new(
            ErrorCode::Database,
            "the database is unavailable after an internal error; restart ISMS Desk",
        )
    }
}
