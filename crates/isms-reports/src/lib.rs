//! ISMS Desk's documents, free of any GUI: the Statement of Applicability exported as PDF (through `isms-pdf`) or XLSX, in Japanese or English.

pub mod asset_labels;
pub mod error;
pub mod incident_pdf;
pub mod labels;
pub mod soa_pdf;
pub mod soa_rows;
pub mod soa_xlsx;
pub mod supplier_pdf;
pub mod whitepaper;

use std::path::Path;

use isms_core::soa::SoaDocument;
use serde::Serialize;

pub use error::{ReportError, Result};
pub use labels::Lang;

#[derive(ts_rs::TS, Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Pdf,
    Xlsx,
}

impl ExportFormat {
    /// From the file name: `.pdf` or `.xlsx` (any case).
    pub fn from_path(path: &Path) -> Result<ExportFormat> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("pdf") => Ok(ExportFormat::Pdf),
            Some("xlsx") => Ok(ExportFormat::Xlsx),
            _ => Err(ReportError::UnsupportedFormat {
                path: path.display().to_string(),
            }),
        }
    }
}

/// One step of an export, for a progress bar or dialog.
#[derive(ts_rs::TS, Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ExportProgress {
    pub step: usize,
    pub steps: usize,
    pub what: &'static str,
}

/// What an export wrote.
#[derive(ts_rs::TS, Debug, Clone, Serialize)]
pub struct ExportReport {
    pub path: String,
    pub format: ExportFormat,
    pub version: Option<String>,
    pub draft: bool,
    pub bytes: usize,
    /// PDF only.
    pub pages: Option<usize>,
    /// Characters the font could not draw (printed as 〓); empty when every character was drawn.
    pub missing_glyphs: Vec<char>,
}

/// The PDF creation date: the moment an issued version was frozen (so re-exports match), now for a draft.
fn created_unix(doc: &SoaDocument) -> i64 {
    doc.version
        .as_ref()
        .and_then(|v| doc.history.iter().find(|h| &h.version == v))
        .and_then(|h| chrono::DateTime::parse_from_rfc3339(&h.issued_at).ok())
        .map_or_else(|| chrono::Utc::now().timestamp(), |t| t.timestamp())
}

/// Renders the SoA in memory.
pub fn render_soa(
    doc: &SoaDocument,
    lang: Lang,
    format: ExportFormat,
    progress: &mut dyn FnMut(ExportProgress),
) -> Result<(Vec<u8>, Option<usize>, Vec<char>)> {
    let steps = 3;
    progress(ExportProgress {
        step: 1,
        steps,
        what: "collecting the register",
    });
    let content = soa_rows::SoaContent::new(doc, lang)?;
    match format {
        ExportFormat::Pdf => {
            progress(ExportProgress {
                step: 2,
                steps,
                what: "laying out and rendering the PDF",
            });
            let fonts = isms_pdf::FontSet::builtin()?;
            let rendered = soa_pdf::render(&content, &fonts, created_unix(doc))?;
            Ok((
                rendered.bytes,
                Some(rendered.pages),
                rendered.missing_glyphs,
            ))
        }
        ExportFormat::Xlsx => {
            progress(ExportProgress {
                step: 2,
                steps,
                what: "writing the workbook",
            });
            Ok((soa_xlsx::render(&content)?, None, Vec::new()))
        }
    }
}

/// Exports the SoA to `out` (format from its extension). The file is written whole or not at all.
pub fn export_soa(
    doc: &SoaDocument,
    lang: Lang,
    out: &Path,
    progress: &mut dyn FnMut(ExportProgress),
) -> Result<ExportReport> {
    let format = ExportFormat::from_path(out)?;
    let (bytes, pages, missing_glyphs) = render_soa(doc, lang, format, progress)?;
    progress(ExportProgress {
        step: 3,
        steps: 3,
        what: "saving the file",
    });
    write_whole(out, &bytes)?;
    Ok(ExportReport {
        path: out.display().to_string(),
        format,
        version: doc.version.clone(),
        draft: doc.is_draft(),
        bytes: bytes.len(),
        pages,
        missing_glyphs,
    })
}

/// Writes the whole file or nothing (see `isms_core::export_file`).
pub(crate) fn write_whole(path: &Path, bytes: &[u8]) -> Result<()> {
    isms_core::export_file::write_whole(path, bytes).map_err(|source| ReportError::Write {
        path: path.display().to_string(),
        source,
    })
}
