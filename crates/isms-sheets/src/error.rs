//! Errors that stop an import or export as a whole (row problems are reported, not raised).

#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    #[error("{path}: {message}")]
    Unreadable { path: String, message: String },
    #[error("{path}: no sheet looks like {what} (no row with at least two known column headers such as {example}); use --mapping to name the columns")]
    NoHeader {
        path: String,
        what: String,
        example: String,
    },
    #[error("{path}, sheet {sheet}: no column holds the {field}, which every row needs (headers found: {headers}); map one of them to it in the import wizard or with --mapping")]
    MissingColumn {
        path: String,
        sheet: String,
        field: String,
        headers: String,
    },
    #[error("{path}: there is no sheet named `{sheet}` (sheets: {available})")]
    NoSuchSheet {
        path: String,
        sheet: String,
        available: String,
    },
    #[error("mapping file {path}: {message}")]
    Mapping { path: String, message: String },
    #[error("{path}: unsupported file type (use .xlsx or .csv)")]
    UnsupportedExport { path: String },
    #[error("cannot write {path}: {message}")]
    Write { path: String, message: String },
    #[error(transparent)]
    Core(#[from] isms_core::Error),
}

pub type Result<T, E = SheetError> = std::result::Result<T, E>;
