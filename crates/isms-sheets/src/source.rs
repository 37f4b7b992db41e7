//! Reading a register file into sheets of cells, whatever it is: xlsx / xlsm / xlsb / xls / ods through calamine, CSV in UTF-8 (with or without BOM) or Shift_JIS; merged cells resolved to their top-left value.

use std::collections::HashMap;
use std::io::Cursor;
use std::path::Path;
use std::sync::Arc;

use calamine::{open_workbook_auto_from_rs, Data, Range, Reader, Sheets};

use crate::error::{Result, SheetError};

/// One sheet: its cells and, for every cell inside a merged region, the region's top-left cell.
pub struct SheetData {
    pub name: String,
    pub range: Range<Data>,
    merged: HashMap<(u32, u32), (u32, u32)>,
}

static EMPTY: Data = Data::Empty;

impl SheetData {
    pub(crate) fn new(
        name: String,
        range: Range<Data>,
        regions: &[calamine::Dimensions],
    ) -> SheetData {
        let mut merged = HashMap::new();
        for r in regions {
            for row in r.start.0..=r.end.0 {
                for col in r.start.1..=r.end.1 {
                    if (row, col) != r.start {
                        merged.insert((row, col), r.start);
                    }
                }
            }
        }
        SheetData {
            name,
            range,
            merged,
        }
    }

    /// First and last used row and column (absolute, 0-based), if the sheet has any cell.
    pub fn bounds(&self) -> Option<((u32, u32), (u32, u32))> {
        Some((self.range.start()?, self.range.end()?))
    }

    /// The cell at an absolute position; a cell covered by a merge reads as the merge's top-left value.
    pub fn cell(&self, row: u32, col: u32) -> &Data {
        let pos = self.merged.get(&(row, col)).copied().unwrap_or((row, col));
        self.range.get_value(pos).unwrap_or(&EMPTY)
    }
}

pub(crate) fn unreadable(path: &Path, message: impl Into<String>) -> SheetError {
    SheetError::Unreadable {
        path: path.display().to_string(),
        message: message.into(),
    }
}

/// Runs spreadsheet-reading code (calamine, zip, csv) on a user's file, turning a panic inside it — an arithmetic
/// overflow or an index out of range on a malformed file — into the file being unreadable: a corrupt or crafted
/// spreadsheet fails its import, never the program, and never leaves an import half done.
pub(crate) fn guarded<T>(path: &Path, read: impl FnOnce() -> Result<T>) -> Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read))
        .unwrap_or_else(|panic| Err(unreadable(path, reader_failed(panic.as_ref()))))
}

/// Why a reading thread stopped, from its panic payload.
pub(crate) fn reader_failed(panic: &(dyn std::any::Any + Send)) -> String {
    let why = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("unknown");
    format!("the spreadsheet reader failed on it ({why}); is the file damaged?")
}

/// The bytes of the file at `path`; an empty or unreadable file is refused here.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    let bytes =
        std::fs::read(path).map_err(|e| unreadable(path, format!("cannot read the file: {e}")))?;
    if bytes.is_empty() {
        return Err(unreadable(path, "the file is empty"));
    }
    Ok(bytes)
}

/// A zip package: xlsx, xlsm or ods.
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// Reads every sheet of the file at `path`. Fails as a whole (writing nothing) on a file that is not a register at all.
pub fn read(path: &Path) -> Result<Vec<SheetData>> {
    sheets_from_bytes(path, read_bytes(path)?.into())
}

/// Every sheet of a file already read into memory (`path` names it in errors).
pub fn sheets_from_bytes(path: &Path, bytes: Arc<[u8]>) -> Result<Vec<SheetData>> {
    let is_ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    guarded(path, || {
        if is_zip(&bytes) || is_ole {
            read_workbook(path, bytes)
        } else {
            read_csv(path, &bytes).map(|sheet| vec![sheet])
        }
    })
}

const MERGE_TAG: &[u8] = b"<mergeCell ";

/// Does any worksheet of an xlsx/xlsm package contain a merged region? One scan of the raw XML, far cheaper than
/// parsing every sheet again for merges when (as in most large registers) there are none.
pub(crate) fn xlsx_has_merges(bytes: &[u8]) -> bool {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return true;
    };
    let finder = memchr::memmem::Finder::new(MERGE_TAG);
    for i in 0..zip.len() {
        let Ok(mut entry) = zip.by_index(i) else {
            return true;
        };
        let is_sheet = entry
            .name()
            .is_ok_and(|n| n.starts_with("xl/worksheets/") && n.ends_with(".xml"));
        if !is_sheet {
            continue;
        }
        // Stream through the XML in chunks, keeping the pattern's length of overlap between them.
        let mut window = vec![0u8; 1 << 16];
        let mut kept = 0;
        loop {
            match std::io::Read::read(&mut entry, &mut window[kept..]) {
                Ok(0) => break,
                Ok(n) => {
                    let filled = kept + n;
                    if finder.find(&window[..filled]).is_some() {
                        return true;
                    }
                    kept = filled.min(MERGE_TAG.len() - 1);
                    window.copy_within(filled - kept..filled, 0);
                }
                Err(_) => return true,
            }
        }
    }
    false
}

fn read_workbook(path: &Path, bytes: Arc<[u8]>) -> Result<Vec<SheetData>> {
    let merges_possible = !is_zip(&bytes) || xlsx_has_merges(&bytes);
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        unreadable(
            path,
            format!("not a spreadsheet that can be read (xlsx, xlsm, xlsb, xls, ods): {e}"),
        )
    })?;
    let names = book.sheet_names();
    let mut sheets = Vec::with_capacity(names.len());
    for name in names {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| unreadable(path, format!("sheet `{name}` cannot be read: {e}")))?;
        let regions = match &mut book {
            _ if !merges_possible => Vec::new(),
            Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
            Sheets::Xls(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
            Sheets::Xlsb(_) | Sheets::Ods(_) => Vec::new(),
        };
        sheets.push(SheetData::new(name, range, &regions));
    }
    if sheets.is_empty() {
        return Err(unreadable(path, "the workbook has no sheets"));
    }
    Ok(sheets)
}

/// Decodes CSV bytes: UTF-8 (a BOM is dropped), else Shift_JIS (CP932); anything else is refused.
pub fn decode_text(bytes: &[u8]) -> Option<String> {
    if bytes.contains(&0) {
        return None;
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Some(text.to_owned());
    }
    let (text, _, had_errors) = encoding_rs::SHIFT_JIS.decode(bytes);
    (!had_errors).then(|| text.into_owned())
}

fn read_csv(path: &Path, bytes: &[u8]) -> Result<SheetData> {
    let text = decode_text(bytes).ok_or_else(|| {
        unreadable(
            path,
            "not a spreadsheet, and not CSV text in UTF-8 or Shift_JIS",
        )
    })?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows: Vec<Vec<String>> = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| unreadable(path, format!("CSV line {}: {e}", i + 1)))?;
        rows.push(record.iter().map(str::to_owned).collect());
    }
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    if rows.is_empty() || width == 0 {
        return Err(unreadable(path, "the file has no rows"));
    }
    let mut range = Range::new((0, 0), (rows.len() as u32 - 1, width as u32 - 1));
    for (r, row) in rows.into_iter().enumerate() {
        for (c, value) in row.into_iter().enumerate() {
            if !value.is_empty() {
                range.set_value((r as u32, c as u32), Data::String(value));
            }
        }
    }
    let name = path
        .file_stem()
        .map_or_else(|| "CSV".to_owned(), |s| s.to_string_lossy().into_owned());
    Ok(SheetData::new(name, range, &[]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_encodings() {
        assert_eq!(decode_text("資産".as_bytes()).as_deref(), Some("資産"));
        assert_eq!(decode_text(b"\xEF\xBB\xBFabc").as_deref(), Some("abc"));
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("情報資産台帳");
        assert_eq!(decode_text(&sjis).as_deref(), Some("情報資産台帳"));
        assert_eq!(decode_text(b"a\0b"), None);
        assert_eq!(decode_text(&[0xFF, 0xFE, 0xFD, 0x80, 0x81]), None);
    }
}
