//! Importing an asset register: find the sheet and header row, map the columns, turn every row into a change or into
//! errors that name sheet, Excel row, column and value; then apply the changes in one transaction (or roll them back
//! for a dry run). A large .xlsx without merged cells is written while it is still being read (`stream`).

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use indexmap::IndexMap;
use isms_core::Store;
use serde::Serialize;

use crate::columns::{RegisterKind, Vocabulary};
use crate::error::{Result, SheetError};
use crate::layout::find_layout;
use crate::plan::{
    added_since_sent, begin_import, end_batch, returned_workbook, PlanContext, RowPlanner,
};
use crate::report::{ImportOptions, ImportProgress, ImportReport, ReportBuilder};
use crate::source;
use crate::stream;
use crate::values::cell_text;

/// Reads `path` and imports its assets into `store`, reporting progress every few hundred rows.
pub fn import_assets(
    store: &mut Store,
    path: &Path,
    options: &ImportOptions,
    progress: &mut dyn FnMut(ImportProgress),
) -> Result<ImportReport> {
    let bytes: Arc<[u8]> = source::read_bytes(path)?.into();
    let sha256 = crate::plan::file_sha256(&bytes);
    crate::report::backup_before_import(store, options)?;
    let vocab = Vocabulary::load(options.mapping.as_deref())?;
    let scheme = store.asset_scheme()?;
    let controls = store.control_ids()?;
    let existing_ids: HashSet<String> = store
        .asset_ids(&isms_core::asset::round::all_assets())?
        .into_iter()
        .collect();
    let level_map = level_map(options, &scheme)?;
    let nothing_added = HashMap::new();
    let context = PlanContext {
        vocab: &vocab,
        scheme: &scheme,
        controls: &controls,
        existing_ids: &existing_ids,
        id_prefix: options.id_prefix.as_deref().unwrap_or(DEFAULT_ID_PREFIX),
        level_map: &level_map,
        ids_for_new_rows: false,
        added_since_sent: &nothing_added,
        today: options
            .today
            .unwrap_or_else(|| chrono::Local::now().date_naive()),
    };
    if source::is_zip(&bytes) && !options.whole_sheet {
        if let Some(report) = stream::import_xlsx(store, path, &bytes, &context, options, progress)?
        {
            return Ok(report);
        }
    }

    let sheets = source::sheets_from_bytes(path, bytes)?;
    let layout = find_layout(
        path,
        &sheets,
        &vocab,
        options.sheet.as_deref(),
        &options.columns,
    )?;
    let sheet = &sheets[layout.sheet_index];
    layout.require(path, &sheet.name, REQUIRED)?;
    let last_row = sheet.bounds().map_or(layout.header_row, |(_, (r1, _))| r1);
    let rows_total = (last_row - layout.header_row) as usize;
    let returned = returned_workbook(store, &sheets)?;
    let added = added_since_sent(store, returned.0.as_ref())?;
    let context = PlanContext {
        ids_for_new_rows: returned.0.is_some(),
        added_since_sent: &added,
        ..context
    };
    let mut planner = RowPlanner::new(&context, &layout, &sheet.name);
    let mut builder = ReportBuilder::new(options, &sheet.name, &layout);
    let mut batch = begin_import(
        store,
        options,
        (path, &sha256, &sheet.name),
        returned,
        &mut builder,
    )?;
    for (done, row) in (layout.header_row + 1..=last_row).enumerate() {
        if done % 500 == 0 {
            progress(ImportProgress {
                rows_done: done,
                rows_total,
            });
        }
        let outcome = planner.plan(row, |c| sheet.cell(row, c));
        builder.take(outcome, |c| Ok(batch.apply(c)?))?;
    }
    let outcome = end_batch(batch, options.dry_run)?;
    progress(ImportProgress {
        rows_done: rows_total,
        rows_total,
    });
    if let Some(note) = planner.ids.as_ref().and_then(|ids| ids.note()) {
        builder.note(note);
    }
    Ok(builder.finish(outcome))
}

/// `--map-level` as the planner reads it: the register's level (as a code is cleaned) → the scheme's Japanese name.
fn level_map(
    options: &ImportOptions,
    scheme: &isms_core::asset::classification::AssetScheme,
) -> Result<HashMap<String, String>> {
    let mut map = HashMap::new();
    for (from, to) in &options.level_map {
        let level = scheme.level(to).ok_or_else(|| {
            SheetError::Core(isms_core::Error::InvalidValue {
                field: "level mapping",
                value: format!("{from}={to}"),
                expected: format!(
                    "a level of the scheme after `=`: {}",
                    scheme
                        .levels
                        .iter()
                        .map(|l| l.name_ja.clone())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            })
        })?;
        map.insert(crate::values::clean_code(from), level.name_ja.clone());
    }
    Ok(map)
}

/// The prefix of ids given to the rows of a register without an id column.
pub const DEFAULT_ID_PREFIX: &str = "IA-";

/// The fields every asset row needs a column for (the id can be generated).
const REQUIRED: &[(&str, &str)] = &[("name", "asset name (情報資産名)")];

/// Imports a register of `kind`: assets, a supplier list, or an SoA spreadsheet into the control register.
pub fn import_register(
    kind: RegisterKind,
    store: &mut Store,
    path: &Path,
    options: &ImportOptions,
    progress: &mut dyn FnMut(ImportProgress),
) -> Result<ImportReport> {
    match kind {
        RegisterKind::Assets => import_assets(store, path, options, progress),
        RegisterKind::Suppliers => {
            crate::supplier_import::import_suppliers(store, path, options, progress)
        }
        RegisterKind::Controls => {
            crate::control_import::import_controls(store, path, options, progress)
        }
    }
}

/// A look at a register before importing it: its sheets, the header row found, each column's use, the first rows.
#[derive(ts_rs::TS, Debug, Clone, Serialize)]
pub struct RegisterPreview {
    pub kind: RegisterKind,
    /// The fields a column can feed for this kind of register.
    pub fields: Vec<String>,
    pub sheets: Vec<String>,
    pub sheet: String,
    pub header_row: u32,
    /// In column order: (header, field name / `custom` / `ignore`).
    pub columns: Vec<(String, String)>,
    /// The first data rows, as text, in the same column order.
    pub rows: Vec<Vec<String>>,
    /// Required fields no column feeds yet: the wizard asks for them before importing.
    pub missing: Vec<String>,
    /// The register has no id column: ids will be generated.
    pub generated_ids: bool,
}

/// Reads `path` and shows how it would be imported as a register of `kind`, writing nothing.
pub fn preview_register(
    kind: RegisterKind,
    path: &Path,
    options: &ImportOptions,
    rows: usize,
) -> Result<RegisterPreview> {
    let sheets = source::read(path)?;
    let vocab = Vocabulary::load_for(kind.spec(), options.mapping.as_deref())?;
    let layout = find_layout(
        path,
        &sheets,
        &vocab,
        options.sheet.as_deref(),
        &options.columns,
    )?;
    let sheet = &sheets[layout.sheet_index];
    let mut all: Vec<(u32, String, String)> = layout
        .columns
        .iter()
        .map(|(c, h, f)| (*c, h.clone(), f.unwrap_or("custom").to_owned()))
        .chain(
            layout
                .ignored
                .iter()
                .map(|(c, h)| (*c, h.clone(), "ignore".to_owned())),
        )
        .collect();
    all.sort_by_key(|(c, _, _)| *c);
    let last_row = sheet.bounds().map_or(layout.header_row, |(_, (r1, _))| r1);
    let sample = (layout.header_row + 1..=last_row)
        .take(rows)
        .map(|r| {
            all.iter()
                .map(|(c, _, _)| cell_text(sheet.cell(r, *c)))
                .collect()
        })
        .collect();
    Ok(RegisterPreview {
        kind,
        fields: vocab.fields().iter().map(|f| (*f).to_owned()).collect(),
        sheets: sheets.iter().map(|s| s.name.clone()).collect(),
        sheet: sheet.name.clone(),
        header_row: layout.header_row + 1,
        columns: all.into_iter().map(|(_, h, f)| (h, f)).collect(),
        rows: sample,
        missing: kind
            .required()
            .iter()
            .filter(|(f, _)| layout.header_of(f).is_none())
            .map(|(f, _)| (*f).to_owned())
            .collect(),
        generated_ids: kind == RegisterKind::Assets && layout.header_of("asset_id").is_none(),
    })
}

/// Writes a column mapping as a `--mapping` file (`[fields] field = ["header", …]`), to be used next time.
pub fn save_mapping(
    kind: RegisterKind,
    columns: &IndexMap<String, String>,
    path: &Path,
) -> Result<()> {
    let mut fields: IndexMap<&str, Vec<&str>> = IndexMap::new();
    for (header, field) in columns {
        if kind.spec().fields.contains(&field.as_str()) {
            fields
                .entry(field.as_str())
                .or_default()
                .push(header.as_str());
        }
    }
    let mut text = String::from(
        "# Column mapping saved by ISMS Desk: field = [headers of your register]\n[fields]\n",
    );
    for (field, headers) in fields {
        let quoted: Vec<String> = headers
            .iter()
            .map(|h| toml::Value::String((*h).to_owned()).to_string())
            .collect();
        text.push_str(&format!("{field} = [{}]\n", quoted.join(", ")));
    }
    std::fs::write(path, text).map_err(|e| SheetError::Write {
        path: path.display().to_string(),
        message: e.to_string(),
    })
}
