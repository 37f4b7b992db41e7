//! Errors of the report exports.

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("{0}")]
    Core(#[from] isms_core::Error),
    #[error("PDF layout failed: {0}")]
    Pdf(#[from] isms_pdf::PdfError),
    #[error("XLSX export failed: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("XLSX export failed: {0}")]
    Sheet(#[from] isms_sheets::SheetError),
    #[error("cannot write {path}: {source}")]
    Write {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: unsupported export format (use a file name ending in .pdf or .xlsx)")]
    UnsupportedFormat { path: String },
    #[error("templates/soa/labels.toml is invalid: {0}")]
    Labels(String),
    #[error("{0}")]
    Nothing(String),
    #[error("unknown language `{0}` (use ja or en)")]
    UnknownLanguage(String),
    #[error("{file} is invalid: {message}")]
    Template { file: String, message: String },
    /// A whitepaper definition that cannot be used: the message names the file, line and column, or the section.
    #[error("{message}")]
    Definition { message: String },
    /// Issuing refused: data the document needs is missing (each problem names its section).
    #[error("whitepaper {doc} version {version} cannot be issued: {}", problems.join("; "))]
    Incomplete {
        doc: String,
        version: String,
        problems: Vec<String>,
    },
}

pub type Result<T, E = ReportError> = std::result::Result<T, E>;
