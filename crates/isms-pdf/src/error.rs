//! Errors of the PDF engine.

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("font error: {0}")]
    Font(String),
    #[error("table has {cells} cells in a row but {columns} columns")]
    RowShape { cells: usize, columns: usize },
    #[error("the page leaves no room for content (margins too large)")]
    NoRoom,
    /// An image that is not a PNG or JPEG file, or a damaged one; the message says what is wrong with it.
    #[error("image: {0}")]
    Image(String),
    /// The PDF could not be written (an error of the PDF writer).
    #[error("PDF could not be written: {0}")]
    Write(String),
}

pub type Result<T, E = PdfError> = std::result::Result<T, E>;
