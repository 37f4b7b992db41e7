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

/// The PDF keywords that tie an exported issued version to this database: the document kind and version, the frozen
/// content's SHA-256 and the audit chain head at issue (read back by [`verify_document`]).
pub fn proof_keywords(
    kind: &str,
    version: &str,
    content_sha256: &str,
    chain_head: Option<&str>,
) -> Vec<String> {
    let mut k = vec![
        format!("isms-document={kind}"),
        format!("isms-version={version}"),
        format!("isms-content-sha256={content_sha256}"),
    ];
    if let Some(h) = chain_head {
        k.push(format!("isms-audit-head={h}"));
    }
    k
}

/// What `isms verify-document` found.
#[derive(ts_rs::TS, Debug, Clone, Serialize)]
pub struct DocumentVerification {
    pub file: String,
    /// soa or whitepaper, as the file says.
    pub kind: Option<String>,
    pub version: Option<String>,
    pub content_sha256: Option<String>,
    /// The issued version in this database whose content matches ("soa 1.0", "whitepaper saas-ja 1.0").
    pub matches: Option<String>,
    /// Whether the chain head the file names is an entry of this database's audit trail.
    pub chain_head_found: bool,
    pub ok: bool,
    pub explanation: String,
}

/// Reads an exported PDF's proof keywords and looks for the issued version they name in `store`.
pub fn verify_document(store: &isms_core::Store, path: &Path) -> Result<DocumentVerification> {
    let bytes = std::fs::read(path).map_err(|source| ReportError::Write {
        path: path.display().to_string(),
        source,
    })?;
    let keywords = isms_pdf::read_keywords(&bytes)?;
    let get = |k: &str| {
        keywords
            .iter()
            .find_map(|x| x.strip_prefix(&format!("{k}=")).map(str::to_owned))
    };
    let (kind, version, content, head) = (
        get("isms-document"),
        get("isms-version"),
        get("isms-content-sha256"),
        get("isms-audit-head"),
    );
    let mut matches = None;
    if let Some(c) = &content {
        if let Some(v) = store
            .soa_versions()?
            .into_iter()
            .find(|v| &v.content_sha256 == c)
        {
            matches = Some(format!("soa {}", v.version));
        }
        for w in store.whitepapers(chrono::Local::now().date_naive())? {
            if let Some(v) = store
                .whitepaper_versions(&w.doc_id)?
                .into_iter()
                .find(|v| &v.content_sha256 == c)
            {
                matches = Some(format!("whitepaper {} {}", w.doc_id, v.version));
            }
        }
    }
    let chain_head_found = match &head {
        Some(h) => store.audit_hash_exists(h)?,
        None => false,
    };
    let ok = matches.is_some() && (head.is_none() || chain_head_found);
    let explanation = match (&content, &matches) {
        (None, _) => "the file carries no ISMS Desk proof: it is a draft, or not an export of an issued version".to_owned(),
        (Some(_), None) => "no issued version in this database has this content: the file was changed, or comes from another database".to_owned(),
        (Some(_), Some(m)) if head.is_some() && !chain_head_found => {
            format!("the content matches {m}, but the audit chain head it names is not in this database's audit trail")
        }
        (Some(_), Some(m)) => format!("the file is {m} exactly as issued"),
    };
    Ok(DocumentVerification {
        file: path.display().to_string(),
        kind,
        version,
        content_sha256: content,
        matches,
        chain_head_found,
        ok,
        explanation,
    })
}
