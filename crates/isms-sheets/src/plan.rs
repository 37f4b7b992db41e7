//! Reading a register's layout and rows: which sheet, which header row, which column feeds which field; then each
//! row turned into an asset change, a skipped row, or the errors that reject it (sheet, Excel row, column, value,
//! why). The same planner serves the whole-sheet path and the streaming path of an import.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use calamine::Data;
use isms_core::asset::classification::AssetScheme;
use isms_core::asset::round::RoundBaseline;
use isms_core::asset::store::{AssetBatch, AssetChange, BatchSource};
use isms_core::asset::AssetPatch;
use isms_core::batch::BatchOutcome;
use isms_core::store::ControlIds;
use isms_core::Store;

use crate::columns::Vocabulary;
use crate::error::Result;
use crate::layout::Layout;
use crate::report::{
    ImportOptions, ReportBuilder, ReturnedWorkbook, RowError, RowOutcome, RowWarning, SkippedRow,
};
use crate::source::SheetData;
use crate::values::{
    cell_str, cell_text, clean_code, clean_text, parse_date, parse_scale, split_list,
};

/// What rows are read against: the header vocabulary, the classification scheme and the control ids; for a
/// register without an id column, the ids already in use and the prefix of those to give.
#[derive(Clone, Copy)]
pub(crate) struct PlanContext<'a> {
    pub vocab: &'a Vocabulary,
    pub scheme: &'a AssetScheme,
    pub controls: &'a ControlIds,
    pub existing_ids: &'a HashSet<String>,
    pub id_prefix: &'a str,
    /// Levels the register uses → the scheme's level (Japanese name) to import them as.
    pub level_map: &'a HashMap<String, String>,
    /// A row without an id is a new asset and is given one (the returned workbook of a round), instead of being
    /// rejected.
    pub ids_for_new_rows: bool,
    /// Assets of the returned workbook's department made since it was sent (by an earlier import of it): name → id.
    /// A new row with one of these names is that asset, so importing the same answer twice adds nothing twice.
    pub added_since_sent: &'a HashMap<String, String>,
    /// Retirement dates after this day are not read.
    pub today: chrono::NaiveDate,
}

/// Ids for the rows of a register that has none: the prefix and the next number not in use (IA-0001, IA-0002 …).
pub(crate) struct IdGenerator {
    prefix: String,
    next: u32,
    pub given: Vec<String>,
}

impl IdGenerator {
    fn take(&mut self, used: &HashSet<String>) -> String {
        loop {
            self.next += 1;
            let id = format!("{}{:04}", self.prefix, self.next);
            if !used.contains(&id) {
                self.given.push(id.clone());
                return id;
            }
        }
    }

    /// The note the report carries about the ids given.
    pub fn note(&self) -> Option<String> {
        let (first, last) = (self.given.first()?, self.given.last()?);
        Some(format!(
            "the register has no id column: {} rows were given ids {first} … {last}; importing the same file again adds them again (add an id column to update them instead)",
            self.given.len()
        ))
    }
}

/// Turns the rows of one sheet, in order, into outcomes; remembers the ids seen to catch duplicates in the file.
pub(crate) struct RowPlanner<'a> {
    context: &'a PlanContext<'a>,
    layout: &'a Layout,
    sheet: String,
    id_header: String,
    seen: HashMap<String, u32>,
    /// Set when the register has no id column.
    pub ids: Option<IdGenerator>,
    /// Set when rows without an id are new assets (a returned workbook).
    pub new_ids: Option<IdGenerator>,
}

fn is_blank(cell: &Data) -> bool {
    match cell {
        Data::Empty => true,
        Data::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

impl<'a> RowPlanner<'a> {
    pub fn new(context: &'a PlanContext<'a>, layout: &'a Layout, sheet: &str) -> RowPlanner<'a> {
        let id_header = layout
            .columns
            .iter()
            .find(|(_, _, f)| *f == Some("asset_id"))
            .map(|(_, h, _)| h.clone())
            .unwrap_or_default();
        let generator = || IdGenerator {
            prefix: context.id_prefix.to_owned(),
            next: 0,
            given: Vec::new(),
        };
        let ids = id_header.is_empty().then(generator);
        let new_ids = (!id_header.is_empty() && context.ids_for_new_rows).then(generator);
        RowPlanner {
            context,
            layout,
            sheet: sheet.to_owned(),
            id_header,
            seen: HashMap::new(),
            ids,
            new_ids,
        }
    }

    /// A row that has no cell at all (the streaming path never sees it).
    pub fn blank(&self, row: u32) -> RowOutcome<AssetChange> {
        self.skip(row, "blank row")
    }

    fn skip(&self, row: u32, reason: &str) -> RowOutcome<AssetChange> {
        RowOutcome::Skipped(SkippedRow {
            sheet: self.sheet.clone(),
            row: row + 1,
            reason: reason.to_owned(),
        })
    }

    /// The outcome of the row at 0-based `row`, whose cells `cell_at` gives by absolute column.
    pub fn plan<'c>(
        &mut self,
        row: u32,
        cell_at: impl Fn(u32) -> &'c Data,
    ) -> RowOutcome<AssetChange> {
        let first = self
            .layout
            .columns
            .iter()
            .map(|(c, _, _)| cell_at(*c))
            .find(|d| !is_blank(d))
            .map(cell_text);
        match first {
            None => return self.skip(row, "blank row"),
            Some(t) if self.context.vocab.is_footer(&t) => {
                return self.skip(row, "total / footer row")
            }
            Some(t) if t.starts_with(['※', '＊', '*', '注', '(', '（', '備', 'N', 'n']) => {
                let texts: Vec<String> = self
                    .layout
                    .columns
                    .iter()
                    .map(|(c, _, _)| cell_text(cell_at(*c)))
                    .collect();
                if crate::values::is_note_row(&texts) {
                    return self.skip(row, "note row (※ / 注)");
                }
            }
            Some(_) => {}
        }
        match self.row_change(row, &cell_at) {
            Err(errors) => RowOutcome::Rejected(errors),
            Ok((mut asset_id, patch, mut warnings)) => {
                if let Some(ids) = self.ids.as_mut() {
                    asset_id = ids.take(self.context.existing_ids);
                } else if asset_id.is_empty() {
                    let name = patch.name.clone().unwrap_or_default();
                    if let Some(known) = self.context.added_since_sent.get(&name) {
                        asset_id = known.clone();
                    } else if let Some(ids) = self.new_ids.as_mut() {
                        asset_id = ids.take(self.context.existing_ids);
                        warnings.push(RowWarning {
                            sheet: self.sheet.clone(),
                            row: row + 1,
                            column: self.id_header.clone(),
                            value: String::new(),
                            message: format!("a new asset without an id: it is given {asset_id}"),
                            field: "asset_id".to_owned(),
                        });
                    }
                }
                if let Some(first_row) = self.seen.get(&asset_id) {
                    return RowOutcome::Rejected(vec![RowError {
                        sheet: self.sheet.clone(),
                        row: row + 1,
                        column: self.id_header.clone(),
                        value: asset_id,
                        message: format!("duplicate asset id: already on row {first_row}"),
                    }]);
                }
                self.seen.insert(asset_id.clone(), row + 1);
                RowOutcome::Change(
                    AssetChange {
                        asset_id,
                        patch,
                        source_row: row as usize + 1,
                    },
                    warnings,
                )
            }
        }
    }

    /// Builds the change for one row and the values left out of it, or the errors that reject it: only a missing id
    /// or name rejects a row; a value that cannot be read leaves its field as it is and is a warning.
    fn row_change<'c>(
        &self,
        row: u32,
        cell_at: &impl Fn(u32) -> &'c Data,
    ) -> std::result::Result<(String, AssetPatch, Vec<RowWarning>), Vec<RowError>> {
        let (layout, vocab, scheme) = (self.layout, self.context.vocab, self.context.scheme);
        let mut patch = AssetPatch::default();
        let mut asset_id = String::new();
        let mut errors = Vec::new();
        let mut warnings = Vec::new();
        let mut retirement = RetirementCells::default();
        for (col, header, field) in &layout.columns {
            let cell = cell_at(*col);
            let mut fail = |message: String| {
                errors.push(RowError {
                    sheet: self.sheet.clone(),
                    row: row + 1,
                    column: header.clone(),
                    value: cell_text(cell),
                    message,
                })
            };
            let mut warn = |field: &str, message: String| {
                warnings.push(RowWarning {
                    sheet: self.sheet.clone(),
                    row: row + 1,
                    column: header.clone(),
                    value: cell_text(cell),
                    message,
                    field: field.to_owned(),
                })
            };
            let text = || clean_text(&cell_str(cell));
            match field {
                None => {
                    let value = text();
                    let key = if header.trim().is_empty() {
                        format!("列{}", col - layout.first_col + 1)
                    } else {
                        header.trim().to_owned()
                    };
                    if !value.is_empty() {
                        patch.custom.insert(key, value);
                    }
                }
                Some("asset_id") => {
                    asset_id = clean_code(&cell_str(cell));
                    if asset_id.is_empty() && !self.context.ids_for_new_rows {
                        fail(format!(
                            "the asset id is required: this row has no {}",
                            header.trim()
                        ));
                    }
                }
                Some("name") => {
                    let v = text();
                    if v.is_empty() {
                        fail("the asset name is required".to_owned());
                    }
                    patch.name = Some(v);
                }
                Some(f @ ("confidentiality" | "integrity" | "availability")) => {
                    let max = match *f {
                        "confidentiality" => scheme.scales.confidentiality,
                        "integrity" => scheme.scales.integrity,
                        _ => scheme.scales.availability,
                    };
                    match parse_scale(cell, max, &vocab.scale_words) {
                        Ok(v) => match *f {
                            "confidentiality" => patch.confidentiality = Some(v),
                            "integrity" => patch.integrity = Some(v),
                            _ => patch.availability = Some(v),
                        },
                        Err(m) => warn(f, format!("{f} {m}: {LEFT_OUT}")),
                    }
                }
                Some("classification") => {
                    let v = clean_code(&cell_str(cell));
                    if v.is_empty() || v == "-" {
                        patch.classification = Some(None);
                    } else if let Some(level) = scheme.level(&v) {
                        patch.classification = Some(Some(level.name_ja.clone()));
                    } else if let Some(mapped) = self.context.level_map.get(&v) {
                        patch.classification = Some(Some(mapped.clone()));
                    } else {
                        let known: Vec<String> = scheme
                            .levels
                            .iter()
                            .map(|l| format!("{} / {}", l.name_ja, l.name_en))
                            .collect();
                        warn(
                            "classification",
                            format!(
                                "a level the scheme does not know (its levels: {}): {LEFT_OUT}; map it to one of them (--map-level {v}=LEVEL, or in the import wizard), or add it to the scheme",
                                known.join(", ")
                            ),
                        );
                    }
                }
                Some(f @ ("last_reviewed" | "next_review")) => match parse_date(cell) {
                    Ok(d) => {
                        if *f == "last_reviewed" {
                            patch.last_reviewed = Some(d);
                        } else {
                            patch.next_review = Some(d);
                        }
                    }
                    Err(m) => warn(f, format!("it {m}: {LEFT_OUT}")),
                },
                Some("labels") => patch.labels = Some(split_list(&cell_text(cell))),
                Some("controls") => {
                    let mut ids = Vec::new();
                    for typed in split_list(&cell_text(cell)) {
                        match self.context.controls.resolve(&typed) {
                            Some(id) => ids.push(id.to_owned()),
                            None => warn(
                                "controls",
                                format!(
                                    "unknown control id `{typed}`: left out of the linked controls"
                                ),
                            ),
                        }
                    }
                    patch.controls = Some(ids);
                }
                Some("retired_on") => match parse_date(cell) {
                    Ok(d) => retirement.on = Some((d, header.clone(), cell_text(cell))),
                    Err(m) => warn("retired_on", format!("it {m}: the asset is not retired")),
                },
                Some("retirement_method") => {
                    retirement.method = Some((text(), header.clone()));
                }
                Some("retirement_approver") => retirement.approver = text(),
                Some("retirement_note") => retirement.note = text(),
                Some(f) => {
                    let v = text();
                    match *f {
                        "asset_type" => patch.asset_type = Some(v),
                        "category" => patch.category = Some(v),
                        "department" => patch.department = Some(v),
                        "owner" => patch.owner = Some(v),
                        "custodian" => patch.custodian = Some(v),
                        "location" => patch.location = Some(v),
                        "media" => patch.media = Some(v),
                        "retention" => patch.retention = Some(v),
                        "disposal_method" => patch.disposal_method = Some(v),
                        "notes" => patch.notes = Some(v),
                        "cloud_purpose" => patch.cloud_purpose = Some(v),
                        "cloud_information" => patch.cloud_information = Some(v),
                        _ => {}
                    }
                }
            }
        }
        if let Some(r) = retirement.read(self, row, &mut warnings) {
            patch.retirement = Some(Some(r));
        }
        if errors.is_empty() {
            Ok((asset_id, patch, warnings))
        } else {
            Err(errors)
        }
    }
}

/// What a warning says happens to a value that could not be read.
const LEFT_OUT: &str = "the field is left as it was (empty for a new asset)";

/// The retirement columns of one row, read together: a date retires the asset, with a method it must name.
#[derive(Default)]
struct RetirementCells {
    /// (date or none, header, cell text)
    on: Option<(Option<chrono::NaiveDate>, String, String)>,
    /// (text, header)
    method: Option<(String, String)>,
    approver: String,
    note: String,
}

impl RetirementCells {
    /// The retirement the row records; `None` (with a warning naming why) when it records none that can be used. A
    /// row without a retirement date leaves the asset as it is: an import never puts a retired asset back in use.
    fn read(
        self,
        planner: &RowPlanner<'_>,
        row: u32,
        warnings: &mut Vec<RowWarning>,
    ) -> Option<isms_core::asset::lifecycle::Retirement> {
        let (Some(on), header, value) = self.on? else {
            return None;
        };
        let mut warn = |column: String, value: String, field: &str, message: String| {
            warnings.push(RowWarning {
                sheet: planner.sheet.clone(),
                row: row + 1,
                column,
                value,
                message,
                field: field.to_owned(),
            })
        };
        if on > planner.context.today {
            warn(
                header,
                value,
                "retired_on",
                format!(
                    "a retirement date after today ({}): the asset is not retired",
                    planner.context.today
                ),
            );
            return None;
        }
        let (method_text, method_header) = self.method.unwrap_or_default();
        match isms_core::asset::lifecycle::retirement_method(&method_text) {
            Ok(m) => {
                if self.approver.is_empty() {
                    // Retired all the same (the department's answer is the record), but an auditor asks who approved
                    // a disposal: the import says it is missing.
                    warn(
                        header,
                        value,
                        "retirement_approver",
                        "retired without an approver (廃止承認者 is empty): auditors ask who approved a disposal"
                            .to_owned(),
                    );
                }
                Some(isms_core::asset::lifecycle::Retirement {
                    on,
                    method: m.id.clone(),
                    approver: self.approver,
                    note: self.note,
                })
            }
            Err(e) => {
                let message = if method_text.is_empty() {
                    "a retirement date without a method: the asset is not retired".to_owned()
                } else {
                    format!("{e}: the asset is not retired")
                };
                warn(
                    if method_header.is_empty() {
                        header
                    } else {
                        method_header
                    },
                    method_text,
                    "retirement_method",
                    message,
                );
                None
            }
        }
    }
}

/// Where the assets of an import came from, for the creation entries of the audit trail.
pub(crate) fn batch_source(path: &Path, sha256: &str, sheet: &str) -> BatchSource {
    BatchSource {
        sha256: sha256.to_owned(),
        file: path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        ),
        sheet: sheet.to_owned(),
    }
}

/// SHA-256 of a file's bytes, as an import records it.
pub(crate) fn file_sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    format!("{:x}", sha2::Sha256::digest(bytes))
}

/// Commits the batch, or rolls it back for a dry run.
pub(crate) fn end_batch(batch: AssetBatch<'_>, dry_run: bool) -> Result<BatchOutcome> {
    Ok(if dry_run {
        batch.rollback()?
    } else {
        batch.commit()?
    })
}

/// The round a returned workbook belongs to (with what was sent), and a note when the file carries an id this
/// database did not give.
pub(crate) fn returned_workbook(
    store: &Store,
    sheets: &[SheetData],
) -> Result<(Option<RoundBaseline>, Option<String>)> {
    let Some(id) = crate::round::find_workbook_id(sheets)? else {
        return Ok((None, None));
    };
    Ok(match store.round_baseline(&id)? {
        Some(b) => (Some(b), None),
        None => (
            None,
            Some(format!(
                "the file carries the workbook id {id}, which this database did not send: it is compared with the register only"
            )),
        ),
    })
}

/// The assets of a returned workbook's department that were not in it when it was sent: name → id.
pub(crate) fn added_since_sent(
    store: &Store,
    baseline: Option<&RoundBaseline>,
) -> Result<HashMap<String, String>> {
    let Some(b) = baseline else {
        return Ok(HashMap::new());
    };
    let filter = isms_core::asset::AssetFilter {
        department: Some(b.department.clone()),
        ..Default::default()
    };
    Ok(store
        .list_assets(&filter)?
        .into_iter()
        .filter(|v| !b.sent.contains_key(&v.asset.asset_id))
        .map(|v| (v.asset.name, v.asset.asset_id))
        .collect())
}

/// Starts the batch of an asset import: every changed field listed and chosen, compared with what a returned workbook
/// was sent with.
pub(crate) fn begin_import<'s>(
    store: &'s mut Store,
    options: &ImportOptions,
    (path, sha256, sheet): (&Path, &str, &str),
    returned: (Option<RoundBaseline>, Option<String>),
    builder: &mut ReportBuilder,
) -> Result<AssetBatch<'s>> {
    let (baseline, note) = returned;
    if let Some(note) = note {
        builder.note(note);
    }
    if let Some(b) = &baseline {
        builder.round(ReturnedWorkbook {
            workbook_id: isms_core::asset::round::workbook_id(&b.round.round_id, b.export_id),
            round_id: b.round.round_id.clone(),
            department: b.department.clone(),
            sent_at: b.exported_at.clone(),
            round_closed: b.round.closed_on.is_some(),
        });
    }
    let mut batch =
        store.begin_asset_batch(options.mode, Some(batch_source(path, sha256, sheet)))?;
    let today = options
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    batch.compare(options.selection.clone(), baseline, today);
    Ok(batch)
}
