//! The error the webview receives: `{code, message}`, `code` being one of the `ErrorCode`s the UI knows.

use isms_core::ErrorCode;
use serde::Serialize;

#[derive(ts_rs::TS, Debug, Serialize)]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
}

impl From<isms_core::Error> for IpcError {
    fn from(e: isms_core::Error) -> Self {
        IpcError {
            code: e.code(),
            message: e.to_string(),
        }
    }
}

impl From<isms_reports::ReportError> for IpcError {
    fn from(e: isms_reports::ReportError) -> Self {
        match e {
            isms_reports::ReportError::Core(core) => core.into(),
            other => IpcError {
                code: ErrorCode::Export,
                message: other.to_string(),
            },
        }
    }
}

impl From<isms_sheets::SheetError> for IpcError {
    fn from(e: isms_sheets::SheetError) -> Self {
        match e {
            isms_sheets::SheetError::Core(core) => core.into(),
            other => IpcError {
                code: ErrorCode::Import,
                message: other.to_string(),
            },
        }
    }
}

impl IpcError {
    /// The store's lock was poisoned by a panic in another command: report it instead of panicking again.
    pub fn poisoned() -> Self {
        IpcError {
            code: ErrorCode::Database,
            message: "the database is unavailable after an internal error; restart ISMS Desk"
                .to_owned(),
        }
    }
}
