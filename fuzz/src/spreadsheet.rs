//! Fuzz target `spreadsheet`: arbitrary bytes as a register file, through the importer (a dry run) into a store.
//!
//! The first byte chooses what the rest is:
//! - bits 0–1: the kind of register (assets, suppliers, an SoA spreadsheet);
//! - bits 2–4: the form — the bytes as they are (`.xlsx`, `.csv`, `.xls`, `.ods` file names: the importer sniffs the
//!   content, not the name), an `.xlsx` package built around the bytes as its worksheet XML (and, after
//!   [`SST_MARK`], its shared strings) so the fuzzer mutates XML rather than deflate streams, an `.ods` package built
//!   around the bytes as its `content.xml`, or an `.xls` (an OLE header put in front when missing);
//! - bit 5: read the whole sheet instead of streaming an `.xlsx` (an asset import of a package is always run both ways
//!   too: the two paths must give the same report);
//! - bit 6: also preview the register as the import wizard does.
//!
//! It must never panic; a dry run must leave the store as it was.
//!
//! Shared by `fuzz/fuzz_targets/spreadsheet.rs` (cargo fuzz, nightly) and the corpus replay in
//! `crates/isms-sheets/tests/fuzz_corpus.rs` (stable `cargo test`), which includes this file with `#[path]`: it uses
//! only crates both have.

use std::cell::RefCell;
use std::io::Write as _;
use std::path::PathBuf;

use isms_core::Store;
use isms_sheets::{import_register, preview_register, ImportOptions, ImportReport, RegisterKind};

/// Separates the worksheet XML from the shared-strings XML in the built `.xlsx` form.
pub const SST_MARK: &[u8] = b"<!--sst-->";

const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

struct Fixture {
    _dir: tempfile::TempDir,
    dir: PathBuf,
    store: Store,
}

thread_local! {
    // One store per process (or test thread): opening one runs the migrations and loads the catalogues.
    static FIXTURE: RefCell<Option<Fixture>> = const { RefCell::new(None) };
}

/// The form the bytes take, from bits 2–4 of the first byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Raw(&'static str),
    BuiltXlsx,
    BuiltOds,
    Xls,
}

pub fn form(selector: u8) -> Form {
    match (selector >> 2) & 7 {
        0 => Form::Raw("xlsx"),
        1 => Form::Raw("csv"),
        2 | 6 => Form::BuiltXlsx,
        3 => Form::BuiltOds,
        4 => Form::Xls,
        5 => Form::Raw("ods"),
        _ => Form::Raw("xls"),
    }
}

pub fn kind(selector: u8) -> RegisterKind {
    match selector & 3 {
        1 => RegisterKind::Suppliers,
        2 => RegisterKind::Controls,
        _ => RegisterKind::Assets,
    }
}

/// The file the importer reads for `data` (without its selector byte), and its extension.
pub fn file_bytes(form: Form, data: &[u8]) -> (Vec<u8>, &'static str) {
    match form {
        Form::Raw(ext) => (data.to_vec(), ext),
        Form::BuiltXlsx => (build_xlsx(data), "xlsx"),
        Form::BuiltOds => (build_ods(data), "ods"),
        Form::Xls => {
            if data.starts_with(&OLE_MAGIC) {
                (data.to_vec(), "xls")
            } else {
                let mut v = OLE_MAGIC.to_vec();
                v.extend_from_slice(data);
                (v, "xls")
            }
        }
    }
}

/// Called once by the cargo-fuzz target (`init:`). libfuzzer-sys makes every panic abort, even one the importer
/// catches: calamine failing on a malformed file is turned into `SheetError::Unreadable` (`source::guarded`, the
/// streaming reader thread), which is the importer doing its job. With this hook such a panic is printed and the run
/// goes on; a panic that escapes the importer still reaches the target and aborts the run (a finding).
pub fn survive_caught_panics() {
    std::panic::set_hook(Box::new(|info| {
        eprintln!("panic (a finding only if it escapes the importer): {info}");
    }));
}

pub fn run(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let form = form(selector);
    let kind = kind(selector);
    let (bytes, ext) = file_bytes(form, rest);
    FIXTURE.with(|cell| {
        let mut slot = cell.borrow_mut();
        let fx = slot.get_or_insert_with(|| {
            let dir = tempfile::tempdir().expect("a temporary folder");
            let path = dir.path().to_path_buf();
            let store = Store::open(&path.join("fuzz.sqlite3")).expect("a fresh store");
            Fixture {
                _dir: dir,
                dir: path,
                store,
            }
        });
        let file = fx.dir.join(format!("register.{ext}"));
        std::fs::write(&file, &bytes).expect("the register written");
        let options = ImportOptions {
            dry_run: true,
            whole_sheet: selector & 0x20 != 0,
            ..Default::default()
        };
        let first = import_register(kind, &mut fx.store, &file, &options, &mut |_| {});
        if let Ok(report) = &first {
            check_report(report);
        }
        // The streamed and the whole-sheet reading of a package must agree.
        if kind == RegisterKind::Assets && bytes.starts_with(b"PK\x03\x04") {
            let other = ImportOptions {
                whole_sheet: !options.whole_sheet,
                ..options.clone()
            };
            let second = import_register(kind, &mut fx.store, &file, &other, &mut |_| {});
            compare(&first, &second);
        }
        if selector & 0x40 != 0 {
            let _ = preview_register(kind, &file, &options, 5);
        }
        assert_unchanged(&fx.store);
        let _ = std::fs::remove_file(&file);
    });
}

fn check_report(report: &ImportReport) {
    assert!(report.dry_run, "a dry run reports itself as one");
    assert!(
        report.rejected == 0 || !report.errors.is_empty(),
        "{} rows rejected without a reason",
        report.rejected
    );
    for e in &report.errors {
        assert!(e.row >= 1, "an error names a row from 1: {e:?}");
        assert!(!e.message.is_empty(), "an error says why: {e:?}");
    }
}

fn compare(a: &isms_sheets::Result<ImportReport>, b: &isms_sheets::Result<ImportReport>) {
    match (a, b) {
        (Ok(a), Ok(b)) => {
            let a = serde_json::to_value(a).expect("report as JSON");
            let b = serde_json::to_value(b).expect("report as JSON");
            assert_eq!(a, b, "the streamed and the whole-sheet import disagree");
        }
        (Err(_), Err(_)) => {}
        (a, b) => panic!(
            "one way of reading the package failed, the other did not: {:?} / {:?}",
            a.as_ref().map(|r| r.inserted).map_err(ToString::to_string),
            b.as_ref().map(|r| r.inserted).map_err(ToString::to_string)
        ),
    }
}

fn assert_unchanged(store: &Store) {
    let assets = store.asset_ids(&Default::default()).expect("asset ids");
    assert!(assets.is_empty(), "a dry run left assets: {assets:?}");
    let batches = store.import_batches().expect("import batches");
    assert!(batches.is_empty(), "a dry run recorded an import batch");
}

// ------------------------------------------------------------------------------------------------ packages built

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;

const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="台帳" sheetId="1" r:id="rId1"/></sheets></workbook>"#;

const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;

/// Cell styles 0 general, 1 a date, 2 a date and time, 3 a custom date, 4 a duration, 5 text, 6 a percentage.
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy/m/d"/><numFmt numFmtId="165" formatCode="[h]:mm:ss"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="7"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>"#;

const EMPTY_SST: &[u8] = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"></sst>"#;

fn zip_package(parts: &[(&str, &[u8])]) -> Vec<u8> {
    use zip::write::SimpleFileOptions;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in parts {
        w.start_file(*name, stored).expect("zip entry");
        w.write_all(bytes).expect("zip write");
    }
    w.finish().expect("zip finished").into_inner()
}

/// An `.xlsx` package whose worksheet is `data` (up to [`SST_MARK`]) and whose shared strings are what follows it.
pub fn build_xlsx(data: &[u8]) -> Vec<u8> {
    let (sheet, sst) = match memchr_find(data, SST_MARK) {
        Some(i) => (&data[..i], &data[i + SST_MARK.len()..]),
        None => (data, EMPTY_SST),
    };
    zip_package(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", ROOT_RELS.as_bytes()),
        ("xl/workbook.xml", WORKBOOK.as_bytes()),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes()),
        ("xl/styles.xml", STYLES.as_bytes()),
        ("xl/sharedStrings.xml", sst),
        ("xl/worksheets/sheet1.xml", sheet),
    ])
}

const ODS_MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;

/// An `.ods` package whose `content.xml` is `data`.
pub fn build_ods(data: &[u8]) -> Vec<u8> {
    zip_package(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        ),
        ("META-INF/manifest.xml", ODS_MANIFEST.as_bytes()),
        ("content.xml", data),
    ])
}

fn memchr_find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
