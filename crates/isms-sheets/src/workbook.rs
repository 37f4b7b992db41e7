//! Writing registers as spreadsheets people work with in Excel: one table per sheet with a bold, frozen header row,
//! an autofilter, column widths that fit, dates as real date cells, an optional colour per cell (a level's colour),
//! and every text that a spreadsheet would run as a formula neutralised. CSV in UTF-8 with BOM so Excel opens it in
//! Japanese. Shared by every register export.

use chrono::NaiveDate;
use rust_xlsxwriter::{Color, ExcelDateTime, Format, Workbook};

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
            Cell::Text(s) | Cell::Coloured(s, _) if is_formula_like(s) => format!("'{s}"),
            Cell::Text(s) | Cell::Coloured(s, _) => s.clone(),
        }
    }
}

/// Would a spreadsheet program read this text as a formula (or a DDE command)?
pub fn is_formula_like(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// A sheet: its name, header row, column widths (in characters) and rows.
#[derive(Debug, Clone)]
pub struct Table {
    pub sheet: String,
    pub header: Vec<String>,
    pub widths: Vec<f64>,
    pub rows: Vec<Vec<Cell>>,
}

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
                (longest + 2.0).clamp(6.0, 60.0)
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
    let header_format = Format::new()
        .set_bold()
        .set_background_color("DCE3F0")
        .set_text_wrap();
    let quoted = Format::new().set_quote_prefix();
    let wrapped = Format::new().set_text_wrap();
    let date_format = Format::new().set_num_format("yyyy-mm-dd");
    for t in tables {
        let ws = wb.add_worksheet();
        ws.set_name(&t.sheet).map_err(err)?;
        for (c, h) in t.header.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, h, &header_format)
                .map_err(err)?;
        }
        for (c, w) in t.widths.iter().enumerate() {
            ws.set_column_width(c as u16, *w).map_err(err)?;
        }
        for (r, row) in t.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Empty => {}
                    Cell::Number(n) => {
                        ws.write_number(r, c, *n).map_err(err)?;
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
                        ws.write_string(r, c, s).map_err(err)?;
                    }
                    Cell::Coloured(s, hex) => {
                        let mut f = Format::new();
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
        if !t.header.is_empty() {
            ws.set_freeze_panes(1, 0).map_err(err)?;
            ws.autofilter(0, 0, t.rows.len() as u32, t.header.len() as u16 - 1)
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
