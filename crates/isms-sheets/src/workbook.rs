//! Writing registers as spreadsheets people work with in Excel: one table per sheet with a bold, frozen header row,
//! an autofilter, column widths that fit, dates as real date cells, an optional colour per cell (a level's colour),
//! dropdown lists for columns with a fixed set of values, title rows above the table, and every text that a
//! spreadsheet would run as a formula neutralised. CSV in UTF-8 with BOM so Excel opens it in Japanese. Every .xlsx
//! the product writes goes through here.

use chrono::NaiveDate;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, ExcelDateTime, Format, FormatAlign,
    FormatBorder, Workbook,
};

use crate::error::{Result, SheetError};

/// One cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
    /// A text with a background colour (`#RRGGBB`), e.g. a classification level.
    Coloured(String, String),
    /// A bold text (a label in the title rows).
    Strong(String),
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        let s = s.into();
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s)
        }
    }

    pub fn date(d: Option<NaiveDate>) -> Cell {
        d.map_or(Cell::Empty, Cell::Date)
    }

    /// As a CSV field: dates as YYYY-MM-DD, formula-like text with an apostrophe first.
    fn csv(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Number(n) => format!("{n}"),
            Cell::Date(d) => d.to_string(),
            Cell::Text(s) | Cell::Coloured(s, _) | Cell::Strong(s) if is_formula_like(s) => {
                format!("'{s}")
            }
            Cell::Text(s) | Cell::Coloured(s, _) | Cell::Strong(s) => s.clone(),
        }
    }
}

/// Would a spreadsheet program read this text as a formula (or a DDE command)?
pub fn is_formula_like(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// A sheet: its name, header row, column widths (in characters) and rows.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub sheet: String,
    pub header: Vec<String>,
    pub widths: Vec<f64>,
    pub rows: Vec<Vec<Cell>>,
    /// Rows above the header (a title, the organisation, a version …); the header row follows them.
    pub preamble: Vec<Vec<Cell>>,
    /// Columns whose cells offer a list to choose from.
    pub choices: Vec<Choice>,
    /// Long texts wrap in their column, cells aligned to the top, with thin borders (a document table such as the
    /// SoA); otherwise only texts with line breaks wrap.
    pub wrap: bool,
    /// No frozen header and no autofilter (a sheet of notes or instructions).
    pub plain: bool,
}

/// A dropdown list on one column of a table, for its rows and as many more below (rows people add).
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub column: usize,
    pub values: Vec<String>,
    /// Anything else is refused (otherwise Excel warns and lets it stand).
    pub strict: bool,
    /// The help Excel shows on the cell.
    pub prompt: Option<String>,
}

/// Rows below a table's last row that still offer its dropdown lists (for rows people add).
pub const EXTRA_CHOICE_ROWS: u32 = 500;

impl Table {
    /// Widths from the header and the longest value of each column (full-width characters count double), kept
    /// between 6 and 60.
    pub fn fit_widths(&mut self) {
        let width = |s: &str| -> f64 {
            s.lines()
                .map(|l| {
                    l.chars()
                        .map(|c| if c.is_ascii() { 1.0 } else { 2.0 })
                        .sum::<f64>()
                })
                .fold(0.0, f64::max)
        };
        self.widths = (0..self.header.len())
            .map(|c| {
                let longest = self
                    .rows
                    .iter()
                    .filter_map(|r| r.get(c))
                    .map(|cell| match cell {
                        Cell::Date(_) => 11.0,
                        other => width(&other.csv()),
                    })
                    .fold(width(&self.header[c]), f64::max);
                // A column with a dropdown needs room for its arrow.
                let arrow = if self.choices.iter().any(|ch| ch.column == c) {
                    3.0
                } else {
                    0.0
                };
                (longest + 2.0 + arrow).clamp(6.0, 60.0)
            })
            .collect();
    }
}

fn colour(hex: &str) -> Option<Color> {
    let h = hex.strip_prefix('#').filter(|h| h.len() == 6)?;
    u32::from_str_radix(h, 16).ok().map(Color::RGB)
}

/// The workbook's bytes.
pub fn xlsx(tables: &[Table], path: &str) -> Result<Vec<u8>> {
    let err = |e: rust_xlsxwriter::XlsxError| SheetError::Write {
        path: path.to_owned(),
        message: e.to_string(),
    };
    let mut wb = Workbook::new();
    for t in tables {
        let ws = wb.add_worksheet();
        ws.set_name(&t.sheet).map_err(err)?;
        let framed = |f: Format| {
            if t.wrap {
                f.set_border(FormatBorder::Thin)
            } else {
                f
            }
        };
        let header_format = framed(
            Format::new()
                .set_bold()
                .set_background_color("DCE3F0")
                .set_text_wrap()
                .set_align(FormatAlign::Top),
        );
        let body = if t.wrap {
            Format::new()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_border(FormatBorder::Thin)
        } else {
            Format::new()
        };
        let quoted = body.clone().set_quote_prefix();
        let wrapped = body.clone().set_text_wrap();
        let date_format = body.clone().set_num_format("yyyy-mm-dd");
        let strong = Format::new().set_bold();
        let first = t.preamble.len() as u32;
        let placed = t
            .preamble
            .iter()
            .enumerate()
            .map(|(i, row)| (i as u32, row))
            .chain(
                t.rows
                    .iter()
                    .enumerate()
                    .map(|(i, row)| (first + 1 + i as u32, row)),
            );
        for (r, row) in placed {
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Empty => {}
                    Cell::Number(n) => {
                        ws.write_number_with_format(r, c, *n, &body).map_err(err)?;
                    }
                    Cell::Date(d) => {
                        let dt = ExcelDateTime::parse_from_str(&d.to_string()).map_err(err)?;
                        ws.write_datetime_with_format(r, c, &dt, &date_format)
                            .map_err(err)?;
                    }
                    Cell::Text(s) if is_formula_like(s) => {
                        ws.write_string_with_format(r, c, s, &quoted).map_err(err)?;
                    }
                    Cell::Text(s) if s.contains('\n') => {
                        ws.write_string_with_format(r, c, s, &wrapped)
                            .map_err(err)?;
                    }
                    Cell::Text(s) => {
                        ws.write_string_with_format(r, c, s, &body).map_err(err)?;
                    }
                    Cell::Strong(s) => {
                        let f = if is_formula_like(s) {
                            strong.clone().set_quote_prefix()
                        } else {
                            strong.clone()
                        };
                        ws.write_string_with_format(r, c, s, &f).map_err(err)?;
                    }
                    Cell::Coloured(s, hex) => {
                        let mut f = body.clone();
                        if let Some(col) = colour(hex) {
                            f = f
                                .set_background_color(col)
                                .set_font_color(Color::White)
                                .set_bold();
                        }
                        if is_formula_like(s) {
                            f = f.set_quote_prefix();
                        }
                        ws.write_string_with_format(r, c, s, &f).map_err(err)?;
                    }
                }
            }
        }
        for (c, h) in t.header.iter().enumerate() {
            ws.write_string_with_format(first, c as u16, h, &header_format)
                .map_err(err)?;
        }
        for (c, w) in t.widths.iter().enumerate() {
            ws.set_column_width(c as u16, *w).map_err(err)?;
        }
        let last = first + t.rows.len() as u32;
        for choice in &t.choices {
            let values: Vec<&str> = choice.values.iter().map(String::as_str).collect();
            let mut v = DataValidation::new()
                .allow_list_strings(&values)
                .map_err(err)?;
            if !choice.strict {
                v = v.set_error_style(DataValidationErrorStyle::Warning);
            }
            if let Some(p) = &choice.prompt {
                v = v.set_input_message(p).map_err(err)?;
            }
            let c = choice.column as u16;
            ws.add_data_validation(first + 1, c, last + EXTRA_CHOICE_ROWS, c, &v)
                .map_err(err)?;
        }
        if !t.header.is_empty() && !t.plain {
            ws.set_freeze_panes(first + 1, 0).map_err(err)?;
            ws.autofilter(first, 0, last, t.header.len() as u16 - 1)
                .map_err(err)?;
        }
    }
    wb.save_to_buffer().map_err(err)
}

/// The table as CSV bytes (UTF-8 with BOM, CRLF).
pub fn csv(table: &Table, path: &str) -> Result<Vec<u8>> {
    let err = |e: csv::Error| SheetError::Write {
        path: path.to_owned(),
        message: e.to_string(),
    };
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        for row in &table.preamble {
            w.write_record(row.iter().map(Cell::csv)).map_err(err)?;
        }
        w.write_record(&table.header).map_err(err)?;
        for row in &table.rows {
            w.write_record(row.iter().map(Cell::csv)).map_err(err)?;
        }
        w.flush().map_err(|e| SheetError::Write {
            path: path.to_owned(),
            message: e.to_string(),
        })?;
    }
    Ok(out)
}

/// Writes `tables` to `path` as .xlsx (every table a sheet) or .csv (the first table), whole or not at all.
pub fn write(tables: &[Table], path: &std::path::Path) -> Result<()> {
    let shown = path.display().to_string();
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let bytes = match (ext.as_deref(), tables.first()) {
        (Some("xlsx"), _) => xlsx(tables, &shown)?,
        (Some("csv"), Some(t)) => csv(t, &shown)?,
        _ => return Err(SheetError::UnsupportedExport { path: shown }),
    };
    isms_core::export_file::write_whole(path, &bytes).map_err(|e| SheetError::Write {
        path: shown,
        message: e.to_string(),
    })
}
