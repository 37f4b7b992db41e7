//! Reading back a PDF's document information: the keywords an export wrote (`isms verify-document` matches an issued
//! version by them).

use lopdf::{Document, Object};

use crate::error::{PdfError, Result};

/// The keywords of a PDF's document information, as written (comma-separated), trimmed; empty when there are none.
pub fn read_keywords(bytes: &[u8]) -> Result<Vec<String>> {
    let doc = Document::load_mem(bytes)
        .map_err(|e| PdfError::Write(format!("not a PDF ISMS Desk can read: {e}")))?;
    let info = match doc.trailer.get(b"Info") {
        Ok(Object::Reference(id)) => doc.get_object(*id).and_then(Object::as_dict).ok().cloned(),
        Ok(Object::Dictionary(d)) => Some(d.clone()),
        _ => None,
    };
    let Some(info) = info else {
        return Ok(Vec::new());
    };
    let text = match info.get(b"Keywords") {
        Ok(Object::String(bytes, _)) => decode(bytes),
        _ => return Ok(Vec::new()),
    };
    Ok(text
        .split(',')
        .map(|k| k.trim().to_owned())
        .filter(|k| !k.is_empty())
        .collect())
}

/// A PDF text string: UTF-16BE with its byte-order mark, or PDFDocEncoding (ASCII here).
fn decode(bytes: &[u8]) -> String {
    if bytes.starts_with(&[0xFE, 0xFF]) {
        let units: Vec<u16> = bytes[2..]
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        bytes.iter().map(|&b| b as char).collect()
    }
}
