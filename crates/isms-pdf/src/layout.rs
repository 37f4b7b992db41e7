//! The document model (headings, paragraphs, bullet lists, tables) and its pagination into positioned text, rectangles and lines.
//!
//! Coordinates here are points from the top-left corner of the page; `render` flips them for PDF.

use crate::error::{PdfError, Result};
use crate::fonts::FontSet;
use crate::wrap::{wrap, wrap_words};

pub const MM: f32 = 72.0 / 25.4;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgb(pub f32, pub f32, pub f32);

impl Rgb {
    /// From `#RRGGBB`; `None` for anything else.
    pub fn from_hex(hex: &str) -> Option<Rgb> {
        let h = hex.strip_prefix('#').filter(|h| h.len() == 6)?;
        let channel = |i: usize| {
            u8::from_str_radix(&h[i..i + 2], 16)
                .ok()
                .map(|v| f32::from(v) / 255.0)
        };
        Some(Rgb(channel(0)?, channel(2)?, channel(4)?))
    }

    pub const BLACK: Rgb = Rgb(0.0, 0.0, 0.0);
    pub const GREY: Rgb = Rgb(0.35, 0.35, 0.35);
    pub const RULE: Rgb = Rgb(0.45, 0.45, 0.45);
    pub const HEADER_FILL: Rgb = Rgb(0.86, 0.89, 0.94);
    pub const SECTION_FILL: Rgb = Rgb(0.94, 0.95, 0.97);
    pub const DRAFT: Rgb = Rgb(0.78, 0.1, 0.1);
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Orientation {
    Portrait,
    Landscape,
}

/// Page size, margins, running header and footer, and an optional draft mark on every page.
#[derive(Debug, Clone)]
pub struct PageSetup {
    pub orientation: Orientation,
    /// Top, right, bottom, left, in millimetres.
    pub margins_mm: [f32; 4],
    pub header_left: String,
    pub header_right: String,
    pub footer_left: String,
    /// e.g. "案 / DRAFT": drawn in the header and across every page.
    pub draft_mark: Option<String>,
    pub body_size: f32,
}

impl PageSetup {
    pub fn a4(orientation: Orientation) -> PageSetup {
        PageSetup {
            orientation,
            margins_mm: [18.0, 14.0, 16.0, 14.0],
            header_left: String::new(),
            header_right: String::new(),
            footer_left: String::new(),
            draft_mark: None,
            body_size: 9.0,
        }
    }

    /// Page width and height in points.
    pub fn size(&self) -> (f32, f32) {
        let (w, h) = (210.0 * MM, 297.0 * MM);
        match self.orientation {
            Orientation::Portrait => (w, h),
            Orientation::Landscape => (h, w),
        }
    }

    fn content_box(&self) -> (f32, f32, f32, f32) {
        let (w, h) = self.size();
        let [t, r, b, l] = self.margins_mm.map(|m| m * MM);
        (l, t, w - l - r, h - t - b)
    }
}

#[derive(Debug, Clone, Default)]
pub struct Cell {
    pub text: String,
    pub bold: bool,
    pub align: Align,
    pub fill: Option<Rgb>,
    pub color: Option<Rgb>,
    /// How many columns the cell covers (at least 1).
    pub span: usize,
    /// Short phrases such as names: break only between words (at spaces), never inside one, unless a word alone is
    /// wider than the cell.
    pub keep_words: bool,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            span: 1,
            ..Default::default()
        }
    }
    pub fn bold(mut self) -> Cell {
        self.bold = true;
        self
    }
    pub fn align(mut self, align: Align) -> Cell {
        self.align = align;
        self
    }
    pub fn fill(mut self, fill: Rgb) -> Cell {
        self.fill = Some(fill);
        self
    }
    pub fn color(mut self, color: Rgb) -> Cell {
        self.color = Some(color);
        self
    }
    pub fn span(mut self, span: usize) -> Cell {
        self.span = span.max(1);
        self
    }
    pub fn keep_words(mut self) -> Cell {
        self.keep_words = true;
        self
    }
}

#[derive(Debug, Clone, Default)]
pub struct Table {
    /// Column widths in millimetres.
    pub widths_mm: Vec<f32>,
    /// Repeated at the top of every page the table runs over; empty for none.
    pub header: Vec<Cell>,
    pub rows: Vec<Vec<Cell>>,
    pub font_size: f32,
    /// Distance from the left margin in millimetres (0 for a table at the margin).
    pub x_offset_mm: f32,
    /// When a row is split over pages, each continuation repeats the first line of the row's first cell (its id)
    /// followed by this mark, e.g. 「（続き）」; `None` leaves continuations without it.
    pub continued: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Block {
    /// Level 0 is the document title, 1 a section, 2 a subsection.
    Heading {
        text: String,
        level: u8,
    },
    Paragraph {
        text: String,
        bold: bool,
        size: Option<f32>,
    },
    Bullets(Vec<String>),
    Table(Table),
    /// Vertical space in millimetres.
    Space(f32),
    PageBreak,
}

#[derive(Debug, Clone)]
pub struct Document {
    pub title: String,
    pub author: String,
    pub setup: PageSetup,
    pub blocks: Vec<Block>,
}

/// Something to draw, positioned from the page's top-left corner, in points.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// `y` is the baseline.
    Text {
        x: f32,
        y: f32,
        text: String,
        size: f32,
        bold: bool,
        color: Rgb,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Rgb,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        color: Rgb,
    },
    /// A large mark across the page (the draft mark).
    Watermark { text: String },
}

#[derive(Debug, Clone, Default)]
pub struct Page {
    pub items: Vec<Item>,
}

/// Where a table row landed: for tests and for the caller's own checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowPlacement {
    pub table: usize,
    pub row: usize,
    pub page: usize,
    /// 0 for a whole row or its first part; 1, 2, … for continuation parts of a row split over pages.
    pub part: usize,
}

#[derive(Debug, Clone, Default)]
pub struct LaidOut {
    pub pages: Vec<Page>,
    pub rows: Vec<RowPlacement>,
}

const LINE_GAP: f32 = 1.45;
const CELL_PAD_X: f32 = 2.2;
const CELL_PAD_Y: f32 = 1.8;

/// A table row ready to draw: its cells, their boxes (x, width) and their wrapped lines.
struct WrappedRow<'a> {
    cells: &'a [Cell],
    boxes: &'a [(f32, f32)],
    lines: &'a [Vec<String>],
}

struct Cursor<'a> {
    fonts: &'a FontSet,
    setup: &'a PageSetup,
    out: LaidOut,
    x0: f32,
    top: f32,
    width: f32,
    bottom: f32,
    y: f32,
}

impl<'a> Cursor<'a> {
    fn new_page(&mut self) {
        self.out.pages.push(Page::default());
        self.y = self.top;
    }

    fn page(&mut self) -> &mut Page {
        if self.out.pages.is_empty() {
            self.out.pages.push(Page::default());
        }
        let last = self.out.pages.len() - 1;
        &mut self.out.pages[last]
    }

    fn remaining(&self) -> f32 {
        self.bottom - self.y
    }

    fn line_height(size: f32) -> f32 {
        size * LINE_GAP
    }

    fn text(&mut self, x: f32, top: f32, text: &str, size: f32, bold: bool, color: Rgb) {
        let baseline =
            top + (Self::line_height(size) - size) / 2.0 + self.fonts.face(bold).ascent(size);
        let text = text.to_owned();
        self.page().items.push(Item::Text {
            x,
            y: baseline,
            text,
            size,
            bold,
            color,
        });
    }

    fn lines(&self, text: &str, width: f32, size: f32, bold: bool) -> Vec<String> {
        let face = self.fonts.face(bold);
        wrap(text, width, &|s: &str| face.text_width(s, size))
    }

    fn cell_lines(&self, cell: &Cell, width: f32, size: f32) -> Vec<String> {
        if cell.keep_words {
            let face = self.fonts.face(cell.bold);
            wrap_words(&cell.text, width, &|s: &str| face.text_width(s, size))
        } else {
            self.lines(&cell.text, width, size, cell.bold)
        }
    }

    fn heading(&mut self, text: &str, level: u8, next_needs: f32) {
        let size = match level {
            0 => 18.0,
            1 => 13.0,
            _ => 11.0,
        };
        let before = if level == 0 { 0.0 } else { size * 0.8 };
        let lines = self.lines(text, self.width, size, true);
        let h = lines.len() as f32 * Self::line_height(size) + size * 0.4;
        // Keep a heading with what follows it.
        if self.y > self.top && self.remaining() < before + h + next_needs {
            self.new_page();
        }
        if self.y > self.top {
            self.y += before;
        }
        for line in &lines {
            let (x0, y) = (self.x0, self.y);
            self.text(x0, y, line, size, true, Rgb::BLACK);
            self.y += Self::line_height(size);
        }
        if level <= 1 {
            let (x1, x2, y) = (self.x0, self.x0 + self.width, self.y + 1.0);
            self.page().items.push(Item::Line {
                x1,
                y1: y,
                x2,
                y2: y,
                width: if level == 0 { 1.2 } else { 0.6 },
                color: Rgb::RULE,
            });
        }
        self.y += size * 0.4;
    }

    fn paragraph(&mut self, text: &str, bold: bool, size: f32, indent: f32, bullet: bool) {
        let lh = Self::line_height(size);
        let lines = self.lines(text, self.width - indent, size, bold);
        for (i, line) in lines.iter().enumerate() {
            if self.remaining() < lh {
                self.new_page();
            }
            if bullet && i == 0 {
                let (x, y) = (self.x0 + indent - size, self.y);
                self.text(x, y, "・", size, false, Rgb::BLACK);
            }
            let (x, y) = (self.x0 + indent, self.y);
            self.text(x, y, line, size, bold, Rgb::BLACK);
            self.y += lh;
        }
        self.y += size * 0.5;
    }

    /// Column x positions and the width each cell of a row covers (spans summed).
    fn cell_boxes(widths: &[f32], x0: f32, row: &[Cell]) -> Result<Vec<(f32, f32)>> {
        let mut boxes = Vec::with_capacity(row.len());
        let mut col = 0;
        let mut x = x0;
        for cell in row {
            let span = cell.span.max(1);
            if col + span > widths.len() {
                return Err(PdfError::RowShape {
                    cells: col + span,
                    columns: widths.len(),
                });
            }
            let w: f32 = widths[col..col + span].iter().sum();
            boxes.push((x, w));
            x += w;
            col += span;
        }
        if col != widths.len() {
            return Err(PdfError::RowShape {
                cells: col,
                columns: widths.len(),
            });
        }
        Ok(boxes)
    }

    fn wrapped_cells(&self, row: &[Cell], boxes: &[(f32, f32)], size: f32) -> Vec<Vec<String>> {
        row.iter()
            .zip(boxes)
            .map(|(cell, (_, w))| self.cell_lines(cell, w - 2.0 * CELL_PAD_X, size))
            .collect()
    }

    /// Draws lines `from..to` of each cell of a row as one band of height `h` at the cursor.
    fn draw_band(&mut self, row: &WrappedRow<'_>, from: usize, to: usize, size: f32, h: f32) {
        let (row, boxes, lines) = (row.cells, row.boxes, row.lines);
        let lh = Self::line_height(size);
        let top = self.y;
        for ((cell, (x, w)), cell_lines) in row.iter().zip(boxes).zip(lines) {
            if let Some(fill) = cell.fill {
                self.page().items.push(Item::Rect {
                    x: *x,
                    y: top,
                    w: *w,
                    h,
                    fill,
                });
            }
            let color = cell.color.unwrap_or(Rgb::BLACK);
            let face = self.fonts.face(cell.bold);
            let end = to.min(cell_lines.len());
            let start = from.min(end);
            for (i, line) in cell_lines[start..end].iter().enumerate() {
                let tw = face.text_width(line, size);
                let tx = match cell.align {
                    Align::Left => x + CELL_PAD_X,
                    Align::Center => x + (w - tw) / 2.0,
                    Align::Right => x + w - CELL_PAD_X - tw,
                };
                self.text(
                    tx,
                    top + CELL_PAD_Y + i as f32 * lh,
                    line,
                    size,
                    cell.bold,
                    color,
                );
            }
        }
        // Borders: a box around every cell.
        let bottom = top + h;
        let mut segments = Vec::new();
        for (x, w) in boxes {
            segments.push((*x, top, *x, bottom));
            segments.push((*x + *w, top, *x + *w, bottom));
        }
        let (x_start, x_end) = (
            boxes.first().map_or(0.0, |b| b.0),
            boxes.last().map_or(0.0, |b| b.0 + b.1),
        );
        segments.push((x_start, top, x_end, top));
        segments.push((x_start, bottom, x_end, bottom));
        for (x1, y1, x2, y2) in segments {
            self.page().items.push(Item::Line {
                x1,
                y1,
                x2,
                y2,
                width: 0.5,
                color: Rgb::RULE,
            });
        }
        self.y += h;
    }

    fn table(&mut self, index: usize, table: &Table) -> Result<()> {
        let size = table.font_size;
        let lh = Self::line_height(size);
        let widths: Vec<f32> = {
            let total: f32 = table.widths_mm.iter().sum::<f32>() * MM;
            let scale = if total > self.width {
                self.width / total
            } else {
                1.0
            };
            table.widths_mm.iter().map(|w| w * MM * scale).collect()
        };
        let x0 = self.x0 + table.x_offset_mm * MM;
        let header_boxes = if table.header.is_empty() {
            Vec::new()
        } else {
            Self::cell_boxes(&widths, x0, &table.header)?
        };
        let header_lines = self.wrapped_cells(&table.header, &header_boxes, size);
        let header_h =
            header_lines.iter().map(Vec::len).max().unwrap_or(0) as f32 * lh + 2.0 * CELL_PAD_Y;
        let has_header = !table.header.is_empty();
        let page_room = self.bottom - self.top - if has_header { header_h } else { 0.0 };
        if page_room < lh + 2.0 * CELL_PAD_Y {
            return Err(PdfError::NoRoom);
        }

        let draw_header = |c: &mut Cursor<'_>| {
            if has_header {
                let n = header_lines.iter().map(Vec::len).max().unwrap_or(0);
                let header = WrappedRow {
                    cells: &table.header,
                    boxes: &header_boxes,
                    lines: &header_lines,
                };
                c.draw_band(&header, 0, n, size, header_h);
            }
        };

        // The header and at least the first row start on the same page.
        let mut header_on_page = false;
        for (row_index, row) in table.rows.iter().enumerate() {
            let boxes = Self::cell_boxes(&widths, x0, row)?;
            let lines = self.wrapped_cells(row, &boxes, size);
            let n = lines.iter().map(Vec::len).max().unwrap_or(0).max(1);
            let full_h = n as f32 * lh + 2.0 * CELL_PAD_Y;
            let needed_with_header = full_h + if header_on_page { 0.0 } else { header_h };
            if self.remaining() < needed_with_header && full_h <= page_room && self.y > self.top {
                // Move the whole row to the next page.
                self.new_page();
                header_on_page = false;
            }
            if !header_on_page {
                draw_header(self);
                header_on_page = true;
            }
            // Place the row, splitting it only when it is taller than a page.
            let mut from = 0;
            let mut part = 0;
            while from < n {
                let fit = ((self.remaining() - 2.0 * CELL_PAD_Y) / lh)
                    .floor()
                    .max(0.0) as usize;
                if fit == 0 {
                    self.new_page();
                    draw_header(self);
                    continue;
                }
                let to = (from + fit).min(n);
                let h = (to - from) as f32 * lh + 2.0 * CELL_PAD_Y;
                // A continuation repeats the row's id (the first line of its first cell) with the mark.
                let continued: Option<Vec<Vec<String>>> = match (&table.continued, part) {
                    (Some(mark), p) if p > 0 && !lines.is_empty() => {
                        let mut repeated = lines.clone();
                        let mut first = vec![String::new(); from];
                        first.push(lines[0].first().cloned().unwrap_or_default());
                        first.push(mark.clone());
                        repeated[0] = first;
                        Some(repeated)
                    }
                    _ => None,
                };
                let wrapped = WrappedRow {
                    cells: row,
                    boxes: &boxes,
                    lines: continued.as_deref().unwrap_or(&lines),
                };
                self.draw_band(&wrapped, from, to, size, h);
                let page = self.out.pages.len() - 1;
                self.out.rows.push(RowPlacement {
                    table: index,
                    row: row_index,
                    page,
                    part,
                });
                from = to;
                part += 1;
                if from < n {
                    self.new_page();
                    draw_header(self);
                }
            }
        }
        self.y += size * 0.8;
        Ok(())
    }

    /// A rough height of the first piece of a block, to keep headings with it.
    fn first_piece_height(&self, block: Option<&Block>) -> f32 {
        let size = self.setup.body_size;
        match block {
            Some(Block::Table(t)) => {
                (t.font_size * LINE_GAP + 2.0 * CELL_PAD_Y)
                    * if t.header.is_empty() { 1.0 } else { 3.0 }
            }
            Some(Block::Paragraph { .. }) | Some(Block::Bullets(_)) => {
                Self::line_height(size) * 2.0
            }
            _ => 0.0,
        }
    }
}

/// Lays out `doc` into pages. Running headers, footers and page numbers are added by [`decorate`].
pub fn layout(doc: &Document, fonts: &FontSet) -> Result<LaidOut> {
    let (x0, top, width, height) = doc.setup.content_box();
    if width <= 0.0 || height <= 0.0 {
        return Err(PdfError::NoRoom);
    }
    let mut c = Cursor {
        fonts,
        setup: &doc.setup,
        out: LaidOut::default(),
        x0,
        top,
        width,
        bottom: top + height,
        y: top,
    };
    c.new_page();
    let mut table_index = 0;
    for (i, block) in doc.blocks.iter().enumerate() {
        match block {
            Block::Heading { text, level } => {
                let next = c.first_piece_height(doc.blocks.get(i + 1));
                c.heading(text, *level, next);
            }
            Block::Paragraph { text, bold, size } => {
                let size = size.unwrap_or(doc.setup.body_size);
                c.paragraph(text, *bold, size, 0.0, false);
            }
            Block::Bullets(items) => {
                let size = doc.setup.body_size;
                for item in items {
                    c.paragraph(item, false, size, size * 1.4, true);
                }
            }
            Block::Table(t) => {
                c.table(table_index, t)?;
                table_index += 1;
            }
            Block::Space(mm) => {
                c.y += mm * MM;
                if c.y > c.bottom {
                    c.new_page();
                }
            }
            Block::PageBreak => {
                if c.y > c.top {
                    c.new_page();
                }
            }
        }
    }
    let mut out = c.out;
    decorate(&mut out, &doc.setup, fonts);
    Ok(out)
}

/// Adds the running header, the footer with "n / N", and the draft mark to every page.
fn decorate(out: &mut LaidOut, setup: &PageSetup, fonts: &FontSet) {
    let (w, h) = setup.size();
    let [t, r, b, l] = setup.margins_mm.map(|m| m * MM);
    let total = out.pages.len();
    let size = 7.5;
    let face = fonts.face(false);
    for (i, page) in out.pages.iter_mut().enumerate() {
        let header_y = t - 5.0 * MM;
        let mut items = Vec::new();
        let mut header_right_edge = w - r;
        if let Some(mark) = &setup.draft_mark {
            let bold = fonts.face(true);
            let mw = bold.text_width(mark, 10.0);
            items.push(Item::Text {
                x: w - r - mw,
                y: header_y,
                text: mark.clone(),
                size: 10.0,
                bold: true,
                color: Rgb::DRAFT,
            });
            header_right_edge -= mw + 4.0 * MM;
            items.push(Item::Watermark { text: mark.clone() });
        }
        if !setup.header_left.is_empty() {
            items.push(Item::Text {
                x: l,
                y: header_y,
                text: setup.header_left.clone(),
                size,
                bold: false,
                color: Rgb::GREY,
            });
        }
        if !setup.header_right.is_empty() {
            let tw = face.text_width(&setup.header_right, size);
            items.push(Item::Text {
                x: header_right_edge - tw,
                y: header_y,
                text: setup.header_right.clone(),
                size,
                bold: false,
                color: Rgb::GREY,
            });
        }
        items.push(Item::Line {
            x1: l,
            y1: header_y + 2.0 * MM,
            x2: w - r,
            y2: header_y + 2.0 * MM,
            width: 0.4,
            color: Rgb::RULE,
        });
        let footer_y = h - b + 8.0 * MM;
        if !setup.footer_left.is_empty() {
            items.push(Item::Text {
                x: l,
                y: footer_y,
                text: setup.footer_left.clone(),
                size,
                bold: false,
                color: Rgb::GREY,
            });
        }
        let number = format!("{} / {}", i + 1, total);
        let nw = face.text_width(&number, size);
        items.push(Item::Text {
            x: (w - nw) / 2.0,
            y: footer_y,
            text: number,
            size,
            bold: false,
            color: Rgb::GREY,
        });
        page.items.extend(items);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> FontSet {
        FontSet::builtin().expect("fonts load")
    }

    fn table(rows: usize, text: impl Fn(usize) -> String) -> Table {
        Table {
            widths_mm: vec![20.0, 80.0, 60.0],
            header: vec![
                Cell::new("番号").bold(),
                Cell::new("管理策").bold(),
                Cell::new("内容").bold(),
            ],
            rows: (0..rows)
                .map(|i| {
                    vec![
                        Cell::new(format!("{i}")),
                        Cell::new(format!("管理策 {i}")),
                        Cell::new(text(i)),
                    ]
                })
                .collect(),
            font_size: 9.0,
            x_offset_mm: 0.0,
            continued: None,
        }
    }

    fn doc(blocks: Vec<Block>, orientation: Orientation) -> Document {
        Document {
            title: "t".into(),
            author: "a".into(),
            setup: PageSetup::a4(orientation),
            blocks,
        }
    }

    fn texts(page: &Page) -> Vec<&str> {
        page.items
            .iter()
            .filter_map(|i| match i {
                Item::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn every_row_is_placed_once_across_page_breaks() {
        let f = fonts();
        let t = table(300, |i| {
            "情報セキュリティ方針に基づき管理する。".repeat(1 + i % 7)
        });
        let out = layout(&doc(vec![Block::Table(t)], Orientation::Portrait), &f).unwrap();
        assert!(out.pages.len() > 5, "{} pages", out.pages.len());
        let whole: Vec<usize> = out
            .rows
            .iter()
            .filter(|p| p.part == 0)
            .map(|p| p.row)
            .collect();
        assert_eq!(
            whole,
            (0..300).collect::<Vec<_>>(),
            "each row once, in order"
        );
        assert!(
            out.rows.iter().all(|p| p.part == 0),
            "no row needed splitting"
        );
        // Rows appear on non-decreasing pages.
        assert!(out.rows.windows(2).all(|w| w[0].page <= w[1].page));
    }

    #[test]
    fn the_header_row_repeats_on_every_page_of_a_table() {
        let f = fonts();
        let t = table(200, |_| "内容".into());
        let out = layout(&doc(vec![Block::Table(t)], Orientation::Landscape), &f).unwrap();
        assert!(out.pages.len() >= 3);
        for (i, page) in out.pages.iter().enumerate() {
            let t = texts(page);
            assert!(t.contains(&"管理策"), "page {i} lacks the header: {t:?}");
            assert!(t.contains(&format!("{} / {}", i + 1, out.pages.len()).as_str()));
        }
    }

    #[test]
    fn a_row_taller_than_the_remaining_space_moves_to_the_next_page() {
        let f = fonts();
        let mut blocks = vec![Block::Paragraph {
            text: "前置き".into(),
            bold: false,
            size: None,
        }];
        // Fill most of the first page, then a row of ~15 lines.
        blocks.push(Block::Space(215.0));
        let t = table(2, |i| {
            if i == 0 {
                "長い説明文です。".repeat(40)
            } else {
                "短い".into()
            }
        });
        blocks.push(Block::Table(t));
        let out = layout(&doc(blocks, Orientation::Portrait), &f).unwrap();
        let first = out.rows.iter().find(|p| p.row == 0).unwrap();
        assert_eq!(first.page, 1, "moved whole to page 2");
        assert_eq!(
            out.rows.iter().filter(|p| p.row == 0).count(),
            1,
            "not split"
        );
    }

    #[test]
    fn a_row_taller_than_a_page_is_split_without_losing_text() {
        let f = fonts();
        let long: String = (0..400).map(|i| format!("第{i}項。")).collect();
        let t = table(3, |i| {
            if i == 1 {
                long.clone()
            } else {
                "短い".into()
            }
        });
        let out = layout(&doc(vec![Block::Table(t)], Orientation::Landscape), &f).unwrap();
        let parts: Vec<&RowPlacement> = out.rows.iter().filter(|p| p.row == 1).collect();
        assert!(parts.len() >= 2, "split into parts: {parts:?}");
        assert!(parts.windows(2).all(|w| w[1].page == w[0].page + 1));
        let all_text: String = out
            .pages
            .iter()
            .flat_map(|p| texts(p))
            .collect::<Vec<_>>()
            .concat();
        for i in [0, 199, 399] {
            assert!(all_text.contains(&format!("第{i}項")), "第{i}項 lost");
        }
    }

    #[test]
    fn a_continued_row_repeats_its_id_with_the_mark() {
        let f = fonts();
        let long: String = (0..400).map(|i| format!("第{i}項。")).collect();
        let mut t = table(2, |i| {
            if i == 1 {
                long.clone()
            } else {
                "短い".into()
            }
        });
        t.continued = Some("（続き）".into());
        let out = layout(&doc(vec![Block::Table(t)], Orientation::Landscape), &f).unwrap();
        let pages: Vec<usize> = out
            .rows
            .iter()
            .filter(|p| p.row == 1 && p.part > 0)
            .map(|p| p.page)
            .collect();
        assert!(!pages.is_empty(), "the row was split");
        for page in pages {
            let t = texts(&out.pages[page]);
            let at = t.iter().position(|s| *s == "1");
            assert!(
                at.is_some_and(|i| t.get(i + 1) == Some(&"（続き）")),
                "page {page} repeats the id: {:?}",
                &t[..t.len().min(12)]
            );
        }
    }

    #[test]
    fn a_heading_is_kept_with_the_table_that_follows() {
        let f = fonts();
        let blocks = vec![
            Block::Space(240.0),
            Block::Heading {
                text: "附属書A 管理策".into(),
                level: 1,
            },
            Block::Table(table(3, |_| "内容".into())),
        ];
        let out = layout(&doc(blocks, Orientation::Portrait), &f).unwrap();
        let page_of_heading = out
            .pages
            .iter()
            .position(|p| texts(p).contains(&"附属書A 管理策"))
            .unwrap();
        assert_eq!(page_of_heading, out.rows[0].page);
    }

    #[test]
    fn the_draft_mark_is_on_every_page() {
        let f = fonts();
        let mut d = doc(
            vec![Block::Table(table(150, |_| "内容".into()))],
            Orientation::Portrait,
        );
        d.setup.draft_mark = Some("案 / DRAFT".into());
        let out = layout(&d, &f).unwrap();
        for page in &out.pages {
            assert!(texts(page).contains(&"案 / DRAFT"));
            assert!(page
                .items
                .iter()
                .any(|i| matches!(i, Item::Watermark { .. })));
        }
    }

    #[test]
    fn a_row_with_the_wrong_number_of_cells_is_an_error() {
        let f = fonts();
        let mut t = table(1, |_| "x".into());
        t.rows[0].pop();
        assert!(matches!(
            layout(&doc(vec![Block::Table(t)], Orientation::Portrait), &f),
            Err(PdfError::RowShape { .. })
        ));
    }
}
