//! Errors of the PDF engine.

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("font error: {0}")]
    Font(String),
    #[error("table has {cells} cells in a row but {columns} columns")]
    RowShape { cells: usize, columns: usize },
    #[error("the page leaves no room for content (margins too large)")]
    NoRoom,
}

pub type Result<T, E = PdfError> = std::result::Result<T, E>;
