//! The fast path of an .xlsx import: one thread parses the sheet row by row (calamine's cell reader) and plans each
//! row, while the caller's thread writes the changes already planned; a short third thread meanwhile checks the
//! package for merged cells, which a cell stream cannot resolve. With merges, a package calamine cannot open, or a
//! cell outside the columns found at the top of the sheet, it gives way — before anything is committed — to the
//! whole-sheet path, which reads the same file the same way, only slower.

use std::io::Cursor;
use std::path::Path;
use std::sync::mpsc::{sync_channel, SyncSender};
use std::sync::Arc;

use calamine::{Data, DataType, Range, Reader, Xlsx};
use isms_core::asset::store::AssetChange;
use isms_core::Store;

use crate::error::{Result, SheetError};
use crate::layout::{find_layout, Layout};
use crate::plan::{
    added_since_sent, begin_import, end_batch, returned_workbook, PlanContext, RowPlanner,
};
use crate::report::{ImportOptions, ImportProgress, ImportReport, ReportBuilder, RowOutcome};
use crate::source::{self, guarded, reader_failed, unreadable, SheetData};

type Book = Xlsx<Cursor<Arc<[u8]>>>;

/// Rows planned per message to the writing thread.
const BATCH_ROWS: usize = 512;
/// The header is looked for in the first 31 used rows of a sheet (as on the whole-sheet path).
const HEAD_ROWS: u32 = 31;

/// The top of one sheet, enough to find its header row, and the last row its `<dimension>` declares.
struct Head {
    sheet: SheetData,
    declared_last_row: u32,
}

/// What the reading thread tells the writing one.
enum Message {
    Rows {
        outcomes: Vec<RowOutcome<AssetChange>>,
        rows_done: usize,
    },
    /// This file needs the whole-sheet path (see the module comment).
    GiveWay,
    Failed(SheetError),
    /// Every row was sent: only now may the batch be committed (a reading thread that dies sends nothing more).
    Done,
}

/// Why the reading thread stopped early.
enum Stop {
    /// The writing thread has gone (it gave way or failed); nothing more to do.
    Closed,
    GiveWay,
    Failed(SheetError),
}

/// The first used rows of every sheet; `None` when calamine cannot read one (the whole-sheet path then reports it).
fn heads(book: &mut Book) -> Option<Vec<Head>> {
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let mut reader = book.worksheet_cells_reader(&name).ok()?;
        let declared_last_row = reader.dimensions().end.0;
        let mut cells = Vec::new();
        let mut first_row = None;
        while let Some(cell) = reader.next_cell().ok()? {
            if cell.get_value().is_empty() {
                continue;
            }
            let (r, c) = cell.get_position();
            if r >= *first_row.get_or_insert(r) + HEAD_ROWS {
                break;
            }
            cells.push(((r, c), Data::from(cell.get_value().clone())));
        }
        let range = match (cells.first(), cells.last()) {
            (Some(((r0, _), _)), Some(((r1, _), _))) => {
                let c0 = cells.iter().map(|((_, c), _)| *c).min().unwrap_or(0);
                let c1 = cells.iter().map(|((_, c), _)| *c).max().unwrap_or(0);
                let mut range = Range::new((*r0, c0), (*r1, c1));
                for (pos, value) in cells {
                    range.set_value(pos, value);
                }
                range
            }
            _ => Range::empty(),
        };
        out.push(Head {
            sheet: SheetData::new(name, range, &[]),
            declared_last_row,
        });
    }
    Some(out)
}

/// Parses the rows below the header and sends their outcomes, `BATCH_ROWS` at a time.
fn send_rows(
    book: &mut Book,
    path: &Path,
    layout: &Layout,
    sheet: &str,
    columns: (u32, u32),
    context: &PlanContext<'_>,
    tx: &SyncSender<Message>,
) -> std::result::Result<(), Stop> {
    let (c0, c1) = columns;
    let failed =
        |e: calamine::XlsxError| Stop::Failed(unreadable(path, format!("sheet `{sheet}`: {e}")));
    let mut reader = book.worksheet_cells_reader(sheet).map_err(failed)?;
    let mut planner = RowPlanner::new(context, layout, sheet);
    let mut cells = vec![Data::Empty; (c1 - c0 + 1) as usize];
    let mut outcomes = Vec::with_capacity(BATCH_ROWS);
    let mut current: Option<u32> = None;
    let mut next_row = layout.header_row + 1;
    let empty = Data::Empty;
    let send = |outcomes: &mut Vec<RowOutcome<AssetChange>>, last_row: u32| {
        let message = Message::Rows {
            outcomes: std::mem::replace(outcomes, Vec::with_capacity(BATCH_ROWS)),
            rows_done: (last_row - layout.header_row) as usize,
        };
        tx.send(message).map_err(|_| Stop::Closed)
    };
    loop {
        let next = reader.next_cell().map_err(failed)?;
        let position = next.as_ref().map(|cell| cell.get_position());
        if let Some(cell) = &next {
            let (r, _) = cell.get_position();
            if r <= layout.header_row || cell.get_value().is_empty() {
                continue;
            }
        }
        // A new row (or the end): plan the one just read, and every row without a cell before the new one.
        if position.map(|(r, _)| r) != current {
            if let Some(row) = current {
                let planned = planner.plan(row, |c| {
                    cells.get(c.wrapping_sub(c0) as usize).unwrap_or(&empty)
                });
                outcomes.push(planned);
                cells.fill(Data::Empty);
                next_row = row + 1;
            }
            let Some((r, _)) = position else {
                break;
            };
            if r < next_row {
                return Err(Stop::GiveWay);
            }
            for blank in next_row..r {
                outcomes.push(planner.blank(blank));
            }
            if outcomes.len() >= BATCH_ROWS {
                send(&mut outcomes, r - 1)?;
            }
            current = Some(r);
        }
        let (Some(cell), Some((_, c))) = (next, position) else {
            break;
        };
        if c < c0 || c > c1 {
            return Err(Stop::GiveWay);
        }
        cells[(c - c0) as usize] = Data::from(cell.get_value().clone());
    }
    send(
        &mut outcomes,
        next_row.saturating_sub(1).max(layout.header_row),
    )
}

/// Imports an .xlsx while reading it. `Ok(None)`: this file needs the whole-sheet path, and nothing was written.
pub(crate) fn import_xlsx(
    store: &mut Store,
    path: &Path,
    bytes: &Arc<[u8]>,
    context: &PlanContext<'_>,
    options: &ImportOptions,
    progress: &mut dyn FnMut(ImportProgress),
) -> Result<Option<ImportReport>> {
    let Ok(Some((mut book, heads))) = guarded(path, || {
        let Ok(mut book) = Xlsx::new(Cursor::new(bytes.clone())) else {
            return Ok(None);
        };
        Ok(heads(&mut book).map(|heads| (book, heads)))
    }) else {
        // Unreadable, or calamine failed on it: the whole-sheet path reads it again and reports why.
        return Ok(None);
    };
    let (head_sheets, declared_last_rows): (Vec<SheetData>, Vec<u32>) = heads
        .into_iter()
        .map(|h| (h.sheet, h.declared_last_row))
        .unzip();
    let Ok(layout) = find_layout(
        path,
        &head_sheets,
        context.vocab,
        options.sheet.as_deref(),
        &options.columns,
    ) else {
        return Ok(None);
    };
    // A register without an id column (ids are generated) or without a name column (an error to report) takes
    // the whole-sheet path.
    if layout.header_of("asset_id").is_none() || layout.header_of("name").is_none() {
        return Ok(None);
    }
    let head = &head_sheets[layout.sheet_index];
    let Some(((_, c0), (_, c1))) = head.bounds() else {
        return Ok(None);
    };
    // A returned department workbook carries its id on its instructions sheet, within the rows read here.
    let returned = returned_workbook(store, &head_sheets)?;
    let added = added_since_sent(store, returned.0.as_ref())?;
    let context = &PlanContext {
        ids_for_new_rows: returned.0.is_some(),
        added_since_sent: &added,
        ..*context
    };
    let sheet = head.name.clone();
    let declared_rows =
        declared_last_rows[layout.sheet_index].saturating_sub(layout.header_row) as usize;

    std::thread::scope(|scope| {
        let merges = scope.spawn(|| source::xlsx_has_merges(bytes));
        let (tx, rx) = sync_channel(8);
        let (layout, sheet_name) = (&layout, sheet.as_str());
        scope.spawn(move || {
            let sent = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                send_rows(&mut book, path, layout, sheet_name, (c0, c1), context, &tx)
            }));
            let last = match sent {
                Ok(Ok(())) => Message::Done,
                Ok(Err(Stop::Closed)) => return,
                Ok(Err(Stop::GiveWay)) => Message::GiveWay,
                Ok(Err(Stop::Failed(e))) => Message::Failed(e),
                Err(panic) => Message::Failed(unreadable(path, reader_failed(panic.as_ref()))),
            };
            let _ = tx.send(last);
        });
        // A merged cell means values the cell stream does not repeat: the whole-sheet path resolves them.
        if merges.join().unwrap_or(true) {
            return Ok(None);
        }
        let mut builder = ReportBuilder::new(options, &sheet, layout);
        let sha256 = crate::plan::file_sha256(bytes);
        let mut batch = begin_import(
            store,
            options,
            (path, &sha256, &sheet),
            returned,
            &mut builder,
        )?;
        let mut rows_total = declared_rows;
        progress(ImportProgress {
            rows_done: 0,
            rows_total,
        });
        let mut done = false;
        for message in rx.iter() {
            match message {
                Message::Rows {
                    outcomes,
                    rows_done,
                } => {
                    for outcome in outcomes {
                        builder.take(outcome, |c| Ok(batch.apply(c)?))?;
                    }
                    rows_total = rows_total.max(rows_done);
                    progress(ImportProgress {
                        rows_done,
                        rows_total,
                    });
                }
                // The batch is dropped unwritten, so it rolls back.
                Message::GiveWay => return Ok(None),
                Message::Failed(e) => return Err(e),
                Message::Done => {
                    done = true;
                    break;
                }
            }
        }
        if !done {
            // The reading thread ended without saying it had sent every row: write nothing.
            return Err(unreadable(path, "the spreadsheet reader stopped early"));
        }
        let outcome = end_batch(batch, options.dry_run)?;
        Ok(Some(builder.finish(outcome)))
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::columns::Vocabulary;

    fn fixture(name: &str) -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/assets")
            .join(name)
    }

    /// Streams `file` into a new database: `None` when the path gave way.
    fn stream(file: &str) -> Option<ImportReport> {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("s.sqlite3")).unwrap();
        let vocab = Vocabulary::load(None).unwrap();
        let scheme = store.asset_scheme().unwrap();
        let controls = store.control_ids().unwrap();
        let none = std::collections::HashSet::new();
        let no_map = std::collections::HashMap::new();
        let context = PlanContext {
            vocab: &vocab,
            scheme: &scheme,
            controls: &controls,
            existing_ids: &none,
            id_prefix: "IA-",
            level_map: &no_map,
            ids_for_new_rows: false,
            added_since_sent: &no_map,
            today: chrono::NaiveDate::from_ymd_opt(2026, 5, 20).unwrap(),
        };
        let path = fixture(file);
        let bytes: Arc<[u8]> = std::fs::read(&path).unwrap().into();
        let options = ImportOptions::default();
        let report =
            import_xlsx(&mut store, &path, &bytes, &context, &options, &mut |_| {}).unwrap();
        if report.is_none() {
            assert_eq!(store.asset_count().unwrap(), 0, "giving way wrote nothing");
        }
        report
    }

    /// An .xlsx package around one worksheet's XML.
    fn xlsx(sheet: &str) -> Vec<u8> {
        use std::io::Write as _;
        let parts = [
            (
                "[Content_Types].xml",
                r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
            ),
            (
                "_rels/.rels",
                r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
            ),
            (
                "xl/workbook.xml",
                r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="台帳" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
            ),
            (
                "xl/_rels/workbook.xml.rels",
                r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
            ),
            ("xl/worksheets/sheet1.xml", sheet),
        ];
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, text) in parts {
            w.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            w.write_all(text.as_bytes()).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    /// Found by the `spreadsheet` fuzz target: a cell reference too long for calamine (`AAAAAAAAA5`) overflowed in its
    /// parser. The panic in the reading thread closed the channel, the writing thread took that for the end of the
    /// sheet and committed the rows it had — half an import — and then the program panicked; on the whole-sheet path
    /// it took the program down. Now the file is unreadable, and nothing is written.
    #[test]
    fn a_reader_that_fails_half_way_writes_nothing() {
        let mut rows = String::from(
            r#"<row r="1"><c r="A1" t="inlineStr"><is><t>資産番号</t></is></c><c r="B1" t="inlineStr"><is><t>情報資産名</t></is></c></row>"#,
        );
        for r in 2..=1500 {
            rows.push_str(&format!(
                r#"<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>IA-{r}</t></is></c><c r="B{r}" t="inlineStr"><is><t>資産{r}</t></is></c></row>"#
            ));
        }
        rows.push_str(
            r#"<row r="1501"><c r="AAAAAAAAAAAA1501" t="inlineStr"><is><t>x</t></is></c></row>"#,
        );
        let sheet = format!(
            r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>"#
        );
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("register.xlsx");
        std::fs::write(&path, xlsx(&sheet)).unwrap();
        for whole_sheet in [false, true] {
            let mut store =
                Store::open(&dir.path().join(format!("{whole_sheet}.sqlite3"))).unwrap();
            let options = ImportOptions {
                whole_sheet,
                ..Default::default()
            };
            let result = crate::import::import_assets(&mut store, &path, &options, &mut |_| {});
            let count = store.asset_count().unwrap();
            match result {
                // Built with overflow checks (tests, the debug app): the reader panics.
                Err(SheetError::Unreadable { message, .. }) => {
                    assert!(message.contains("reader failed"), "{message}");
                    assert_eq!(count, 0, "whole sheet: {whole_sheet}");
                }
                Err(e) => panic!("{e}"),
                // Without them the reference wraps around: then the import is whole.
                Ok(report) => assert_eq!(count, report.inserted, "whole sheet: {whole_sheet}"),
            }
        }
    }

    #[test]
    fn a_register_without_merges_is_streamed_and_one_with_merges_gives_way() {
        let report = stream("register-unmerged.xlsx").unwrap();
        assert_eq!((report.inserted, report.rejected), (8, 2));
        assert!(stream("register.xlsx").is_none());
    }
}
