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
    let is_ole = bytes.starts_with(&OLE_MAGIC);
    // A file named as a zipped workbook that is not one (a text file renamed .xlsx) is refused, not read as CSV: its
    // rows would be nonsense. (An .xls that is text stays readable: systems export tab- or comma-separated text as .xls.)
    let zipped_name = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .is_some_and(|e| matches!(e.as_str(), "xlsx" | "xlsm" | "xlsb" | "ods"));
    if zipped_name && !is_zip(&bytes) && !is_ole && decode_text(&bytes).is_some() {
        return Err(unreadable(
            path,
            "it is named as an Excel / OpenDocument workbook but is not one (it looks like text): open it in Excel and \
             save it as .xlsx, or give it the .csv name it should have",
        ));
    }
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

/// The first bytes of an OLE compound file (an `.xls`).
const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Refuses an OLE compound file (`.xls`) whose sector allocation table would send calamine round a loop or through
/// more allocation-table sectors than the file holds: calamine follows the directory's chain without a length bound
/// and appends every sector it visits, so a chain that loops grows until memory runs out (found by the `spreadsheet`
/// fuzz target). The table is read the way calamine reads it; anything calamine refuses by itself is left to it.
fn check_compound_file(path: &Path, bytes: &[u8]) -> Result<()> {
    const DIFSECT: u32 = 0xFFFF_FFFC;
    const RESERVED_SECTORS: u32 = 0xFFFF_FFFA;
    let damaged = |why: &str| Err(unreadable(path, format!("the .xls file is damaged: {why}")));
    let u32_at = |b: &[u8], i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
    if bytes.len() < 512 || !bytes.starts_with(&OLE_MAGIC) {
        return Ok(());
    }
    let size: usize = match u16::from_le_bytes([bytes[30], bytes[31]]) {
        0x09 => 512,
        0x0C => 4096,
        _ => return Ok(()),
    };
    // Sectors are numbered from the end of the header (one sector long); calamine allows ids up to `maxid`.
    let body = bytes.get(size..).unwrap_or_default();
    let maxid = bytes.len() / size;
    let sector = |id: u32| -> Option<Vec<u32>> {
        let id = id as usize;
        (id <= maxid).then(|| {
            let mut s = vec![0u8; size];
            let start = (id * size).min(body.len());
            let end = (id * size + size).min(body.len());
            s[..end - start].copy_from_slice(&body[start..end]);
            s.chunks_exact(4).map(|c| u32_at(c, 0)).collect()
        })
    };
    // The DIFAT: 109 entries in the header, then a chain of sectors whose last entry links the next.
    let mut difat: Vec<u32> = bytes[76..512]
        .chunks_exact(4)
        .map(|c| u32_at(c, 0))
        .collect();
    let mut id = u32_at(bytes, 68);
    let mut steps = 0usize;
    while id < RESERVED_SECTORS {
        steps += 1;
        if steps > maxid + 1 {
            return Ok(()); // calamine refuses this chain itself
        }
        let Some(entries) = sector(id) else {
            return Ok(());
        };
        difat.extend(entries);
        let Some(next) = difat.pop() else {
            return Ok(());
        };
        id = next;
    }
    let fat_sectors: Vec<u32> = difat.into_iter().filter(|id| *id < DIFSECT).collect();
    if fat_sectors.len() > maxid + 1 {
        return damaged("its allocation table lists more sectors than the file has");
    }
    let mut fat = Vec::with_capacity(fat_sectors.len() * size / 4);
    for id in fat_sectors {
        let Some(entries) = sector(id) else {
            return Ok(());
        };
        fat.extend(entries);
    }
    // Every chain calamine follows goes from sector to sector through `fat` until an id it cannot read: a chain
    // that comes back to a sector it passed loops for ever. (A valid file has no such loop anywhere.)
    #[derive(Clone, Copy, PartialEq)]
    enum Seen {
        No,
        OnPath,
        Ends,
    }
    let n = fat.len().min(maxid + 1);
    let mut seen = vec![Seen::No; n];
    let mut path_ids = Vec::new();
    for start in 0..n {
        let mut id = start;
        while id < n && seen[id] == Seen::No {
            seen[id] = Seen::OnPath;
            path_ids.push(id);
            id = fat[id] as usize;
        }
        if id < n && seen[id] == Seen::OnPath {
            return damaged("a chain of its sectors loops");
        }
        for i in path_ids.drain(..) {
            seen[i] = Seen::Ends;
        }
    }
    Ok(())
}

/// Refuses an `.ods` whose `content.xml` ends with an element left open, or closes one it did not open: calamine's
/// ODS reader loops for ever when the file ends inside a table or a cell's annotation (found by the `spreadsheet`
/// fuzz target: a 2 KB file hung the import). A valid file is balanced, so nothing valid is refused.
fn check_ods_content(path: &Path, bytes: &[u8]) -> Result<()> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let Ok(mut entry) = zip.by_name("content.xml") else {
        return Ok(());
    };
    let mut xml = Vec::new();
    if std::io::Read::read_to_end(&mut entry, &mut xml).is_err() {
        return Ok(()); // calamine reports the broken entry itself
    }
    if xml_balanced(&xml) {
        Ok(())
    } else {
        Err(unreadable(
            path,
            "the .ods file is damaged: its content.xml ends with an element left open (or closes one never opened)",
        ))
    }
}

/// Whether every element of `xml` is closed, in order, by its end. Comments, CDATA sections, processing instructions,
/// declarations and quoted attribute values are skipped as an XML reader does; anything left unterminated is not
/// balanced.
fn xml_balanced(xml: &[u8]) -> bool {
    let find = |from: usize, pattern: &[u8]| {
        xml.get(from..)
            .and_then(|rest| memchr::memmem::find(rest, pattern))
            .map(|i| from + i + pattern.len())
    };
    // The end of a tag or declaration opened at `from`: the first `>` outside quotes (and, in a DOCTYPE, brackets).
    let tag_end = |from: usize| {
        let (mut quote, mut depth) = (None, 0usize);
        for (i, &b) in xml.iter().enumerate().skip(from) {
            match (quote, b) {
                (Some(q), _) if b == q => quote = None,
                (Some(_), _) => {}
                (None, b'"' | b'\'') => quote = Some(b),
                (None, b'[') => depth += 1,
                (None, b']') => depth = depth.saturating_sub(1),
                (None, b'>') if depth == 0 => return Some(i + 1),
                _ => {}
            }
        }
        None
    };
    let name_of = |from: usize| {
        let rest = &xml[from.min(xml.len())..];
        let len = rest
            .iter()
            .position(|b| b.is_ascii_whitespace() || *b == b'/' || *b == b'>')
            .unwrap_or(rest.len());
        &rest[..len]
    };
    let mut open: Vec<&[u8]> = Vec::new();
    let mut at = 0;
    while let Some(lt) = memchr::memchr(b'<', &xml[at..]).map(|i| at + i) {
        let rest = &xml[lt..];
        let end = if rest.starts_with(b"<!--") {
            find(lt + 4, b"-->")
        } else if rest.starts_with(b"<![CDATA[") {
            find(lt + 9, b"]]>")
        } else if rest.starts_with(b"<?") {
            find(lt + 2, b"?>")
        } else if rest.starts_with(b"<!") {
            tag_end(lt + 2)
        } else if rest.starts_with(b"</") {
            if open.pop() != Some(name_of(lt + 2)) {
                return false;
            }
            tag_end(lt + 2)
        } else {
            let end = tag_end(lt + 1);
            if let Some(e) = end {
                if xml[e - 2] != b'/' {
                    open.push(name_of(lt + 1));
                }
            }
            end
        };
        match end {
            Some(e) => at = e,
            None => return false,
        }
    }
    open.is_empty()
}

fn read_workbook(path: &Path, bytes: Arc<[u8]>) -> Result<Vec<SheetData>> {
    check_compound_file(path, &bytes)?;
    if is_zip(&bytes) {
        check_ods_content(path, &bytes)?;
    }
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

    /// Found by a user trying the release build: a text file renamed .xlsx was read as CSV, so its lines came out as
    /// rows with "the asset name is required" and no word that the file was not a workbook. A text .xls stays
    /// readable (systems export tab-separated text under that name).
    #[test]
    fn a_text_file_named_xlsx_is_refused_and_a_text_xls_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let text: Arc<[u8]> = Arc::from("資産番号,情報資産名\nIA-1,顧客名簿\n".as_bytes());
        for name in ["台帳.xlsx", "台帳.ODS"] {
            match sheets_from_bytes(&dir.path().join(name), text.clone()) {
                Err(SheetError::Unreadable { message, .. }) => {
                    assert!(message.contains("is not one"), "{message}")
                }
                Err(e) => panic!("{name}: expected unreadable, got {e}"),
                Ok(_) => panic!("{name}: read as text"),
            }
        }
        let sheets = sheets_from_bytes(&dir.path().join("台帳.xls"), text).unwrap();
        assert_eq!(sheets.len(), 1);
    }

    /// An .ods package around its content.xml.
    fn ods(content: &str) -> Vec<u8> {
        use std::io::Write as _;
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, text) in [
            ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
            (
                "META-INF/manifest.xml",
                r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#,
            ),
            ("content.xml", content),
        ] {
            w.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            w.write_all(text.as_bytes()).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    /// Found by the `spreadsheet` fuzz target: an .ods whose content.xml ends inside a table (or a cell's
    /// annotation) made calamine read past the end for ever — the import hung. It is refused, naming the file.
    #[test]
    fn an_ods_that_ends_inside_a_table_is_damaged() {
        let head = r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="台帳"><table:table-row><table:table-cell office:value-type="string"><text:p>資産番号</text:p></table:table-cell></table:table-row>"#;
        let tail = "</table:table></office:spreadsheet></office:body></office:document-content>";
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("register.ods");
        let annotation = r#"<table:table-row><table:table-cell office:value-type="string"><office:annotation><text:p>x"#;
        for broken in [
            head.to_owned(),
            format!("{head}<!-- {tail} -->"),
            format!("{head}<table:table-row a='{tail}'/>"),
            format!("{head}{annotation}"),
        ] {
            match sheets_from_bytes(&path, ods(&broken).into()) {
                Err(SheetError::Unreadable { path: p, message }) => {
                    assert!(p.ends_with("register.ods"), "{p}");
                    assert!(message.contains("content.xml"), "{message}");
                }
                Err(e) => panic!("{e}"),
                Ok(_) => panic!("read {broken}"),
            }
        }
        let sheets =
            sheets_from_bytes(&path, ods(&format!("{head}<![CDATA[</x>]]>{tail}")).into()).unwrap();
        assert_eq!(sheets[0].name, "台帳");
        assert!(xml_balanced(
            b"<?xml version='1.0'?><!DOCTYPE a [<!ENTITY b 'c>'>]><a x='>'><b/></a>"
        ));
        assert!(!xml_balanced(b"<a><b></a></b>"));
    }

    /// A compound file of a header and two 512-byte sectors: the allocation table (sector 0) and a directory
    /// (sector 1) whose chain the table links on as `next` (sectors 1, 2, …).
    fn compound_file(next: &[u32]) -> Vec<u8> {
        let mut f = vec![0u8; 512 * 3];
        f[..8].copy_from_slice(&OLE_MAGIC);
        f[24..26].copy_from_slice(&0x3Eu16.to_le_bytes());
        f[26..28].copy_from_slice(&3u16.to_le_bytes());
        f[28..30].copy_from_slice(&0xFFFEu16.to_le_bytes());
        f[30..32].copy_from_slice(&9u16.to_le_bytes());
        f[32..34].copy_from_slice(&6u16.to_le_bytes());
        f[44..48].copy_from_slice(&1u32.to_le_bytes()); // one FAT sector
        f[48..52].copy_from_slice(&1u32.to_le_bytes()); // the directory starts at sector 1
        f[60..64].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes()); // no mini FAT
        f[68..72].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes()); // no DIFAT sectors
        f[76..512].fill(0xFF);
        f[76..80].copy_from_slice(&0u32.to_le_bytes()); // the FAT is sector 0
        let fat = &mut f[512..1024];
        fat.fill(0xFF);
        fat[..4].copy_from_slice(&0xFFFF_FFFDu32.to_le_bytes());
        for (i, id) in next.iter().enumerate() {
            fat[4 + 4 * i..8 + 4 * i].copy_from_slice(&id.to_le_bytes());
        }
        f
    }

    /// Found by the `spreadsheet` fuzz target: an .xls whose directory chain loops made calamine append the same
    /// sector for ever, until memory ran out (a 5 KB file took the program down). It is refused before calamine
    /// reads it, with the file named; a chain that ends is left to calamine.
    #[test]
    fn an_xls_whose_sector_chain_loops_is_damaged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("register.xls");
        for looping in [&[1][..], &[2, 1]] {
            let bytes = compound_file(looping);
            match sheets_from_bytes(&path, bytes.into()) {
                Err(SheetError::Unreadable { path: p, message }) => {
                    assert!(p.ends_with("register.xls"), "{p}");
                    assert!(
                        message.contains("a chain of its sectors loops"),
                        "{message}"
                    );
                }
                Err(e) => panic!("{e}"),
                Ok(_) => panic!("read"),
            }
        }
        // The chain ends: calamine reads the (empty) directory and says what it found.
        match sheets_from_bytes(&path, compound_file(&[0xFFFF_FFFE]).into()) {
            Err(SheetError::Unreadable { message, .. }) => {
                assert!(!message.contains("loops"), "{message}")
            }
            Err(e) => panic!("{e}"),
            Ok(_) => panic!("read"),
        }
        let fixture =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/assets/register.xls");
        let bytes = std::fs::read(&fixture).unwrap();
        assert!(check_compound_file(&fixture, &bytes).is_ok());
        assert!(!sheets_from_bytes(&fixture, bytes.into())
            .unwrap()
            .is_empty());
    }
}
