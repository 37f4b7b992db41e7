//! The document model (headings, numbered sections, paragraphs, lists, tables, images, a table of contents) and its
//! pagination into positioned text, rectangles, lines and images, with the page each anchored heading landed on.
//!
//! Coordinates here are points from the top-left corner of the page; `render` flips them for PDF.

use crate::error::{PdfError, Result};
use crate::fonts::FontSet;
use crate::images::Image;
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
    /// How the footer numbers pages.
    pub page_numbers: PageNumbers,
    /// A cover page: the first page has no running header, footer or page number (the draft mark stays).
    pub plain_first_page: bool,
}

/// The footer's page number: "3 / 12", "3", or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PageNumbers {
    #[default]
    OfTotal,
    Plain,
    None,
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
            page_numbers: PageNumbers::OfTotal,
            plain_first_page: false,
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

/// A heading of a long document: levels 1 (chapter) to 4 in decreasing sizes (0 is a title), an optional number
/// printed before the text, an optional anchor, and an optional page break before it. It is kept on the same page as
/// the first two lines of what follows it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Section {
    pub level: u8,
    /// e.g. "3.2": printed before the text, and before it in the bookmark.
    pub number: Option<String>,
    pub text: String,
    /// A key under which [`LaidOut::anchors`] records the page the heading landed on; an anchored heading is also a
    /// PDF bookmark, nested by level.
    pub anchor: Option<String>,
    pub page_break_before: bool,
}

impl Section {
    pub fn new(level: u8, text: impl Into<String>) -> Section {
        Section {
            level,
            text: text.into(),
            ..Default::default()
        }
    }
    pub fn number(mut self, number: impl Into<String>) -> Section {
        self.number = Some(number.into());
        self
    }
    pub fn anchor(mut self, key: impl Into<String>) -> Section {
        self.anchor = Some(key.into());
        self
    }
    pub fn page_break_before(mut self) -> Section {
        self.page_break_before = true;
        self
    }
    /// The number and the text, as the bookmark shows them: "3.2 リスク評価".
    pub fn title(&self) -> String {
        match self.number.as_deref().filter(|n| !n.is_empty()) {
            Some(n) => format!("{n} {}", self.text),
            None => self.text.clone(),
        }
    }
}

/// A paragraph with options: alignment, size, bold, colour (e.g. the lines of a cover page).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Paragraph {
    pub text: String,
    pub bold: bool,
    /// In points; `None` for the body size.
    pub size: Option<f32>,
    pub align: Align,
    pub color: Option<Rgb>,
}

impl Paragraph {
    pub fn new(text: impl Into<String>) -> Paragraph {
        Paragraph {
            text: text.into(),
            ..Default::default()
        }
    }
    pub fn bold(mut self) -> Paragraph {
        self.bold = true;
        self
    }
    pub fn size(mut self, size: f32) -> Paragraph {
        self.size = Some(size);
        self
    }
    pub fn align(mut self, align: Align) -> Paragraph {
        self.align = align;
        self
    }
    pub fn color(mut self, color: Rgb) -> Paragraph {
        self.color = Some(color);
        self
    }
}

/// One entry of a table of contents: indented by level, the number then the text, dot leaders, and the page number
/// right-aligned on the entry's last line.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TocLine {
    pub level: u8,
    pub number: String,
    pub text: String,
    /// The page number as printed; `None` prints no leaders and no number. [`layout_with_toc`](crate::toc::layout_with_toc) fills it from
    /// `anchor`.
    pub page: Option<String>,
    /// The anchor of the heading this entry points to, for [`layout_with_toc`](crate::toc::layout_with_toc) and [`fill_toc_pages`](crate::toc::fill_toc_pages).
    pub anchor: Option<String>,
}

impl TocLine {
    pub fn new(level: u8, number: impl Into<String>, text: impl Into<String>) -> TocLine {
        TocLine {
            level,
            number: number.into(),
            text: text.into(),
            ..Default::default()
        }
    }
    pub fn anchor(mut self, key: impl Into<String>) -> TocLine {
        self.anchor = Some(key.into());
        self
    }
    pub fn page(mut self, page: impl Into<String>) -> TocLine {
        self.page = Some(page.into());
        self
    }
}

#[derive(Debug, Clone)]
pub enum Block {
    /// Level 0 is the document title, 1 a section, 2 a subsection.
    Heading {
        text: String,
        level: u8,
    },
    /// A numbered, anchored heading of a long document (levels 1–4).
    Section(Section),
    Paragraph {
        text: String,
        bold: bool,
        size: Option<f32>,
    },
    /// A paragraph with alignment, size and colour.
    Text(Paragraph),
    Bullets(Vec<String>),
    /// A numbered list: 1. 2. 3.
    Numbered(Vec<String>),
    /// Blocks indented from the left margin by a number of millimetres.
    Indent(f32, Vec<Block>),
    Table(Table),
    /// A table of contents; see [`layout_with_toc`](crate::toc::layout_with_toc).
    Toc(Vec<TocLine>),
    /// A PNG or JPEG image `width_mm` wide (at most the text width; 0 for the text width), centred, kept whole on one
    /// page, with an optional caption centred under it.
    Image {
        bytes: Vec<u8>,
        width_mm: f32,
        caption: Option<String>,
    },
    /// Vertical space in millimetres.
    Space(f32),
    PageBreak,
}

#[derive(Debug, Clone)]
pub struct Document {
    pub title: String,
    pub author: String,
    /// The PDF's subject (document information); empty for none.
    pub subject: String,
    /// The PDF's keywords (document information).
    pub keywords: Vec<String>,
    pub setup: PageSetup,
    pub blocks: Vec<Block>,
}

impl Default for Document {
    /// An empty A4 portrait document.
    fn default() -> Document {
        Document {
            title: String::new(),
            author: String::new(),
            subject: String::new(),
            keywords: Vec::new(),
            setup: PageSetup::a4(Orientation::Portrait),
            blocks: Vec::new(),
        }
    }
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
    /// An image scaled into the box whose top-left corner is (`x`, `y`).
    Image {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        image: Image,
    },
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

/// An anchored heading as a PDF bookmark: its title, level, page (0-based) and top (points from the page top).
#[derive(Debug, Clone, PartialEq)]
pub struct OutlineEntry {
    pub title: String,
    pub level: u8,
    pub page: usize,
    pub top: f32,
}

#[derive(Debug, Clone, Default)]
pub struct LaidOut {
    pub pages: Vec<Page>,
    pub rows: Vec<RowPlacement>,
    /// Each anchored heading's key and the page (0-based) it was placed on, in document order.
    pub anchors: Vec<(String, usize)>,
    /// The anchored headings as bookmarks, in document order.
    pub outline: Vec<OutlineEntry>,
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
        let marker = bullet.then_some(("・", size));
        self.list_item(text, bold, size, indent, marker);
    }

    /// A paragraph indented by `indent`, with an optional marker (a bullet or a number) whose right edge is `gap`
    /// left of the text on its first line.
    fn list_item(
        &mut self,
        text: &str,
        bold: bool,
        size: f32,
        indent: f32,
        marker: Option<(&str, f32)>,
    ) {
        let lh = Self::line_height(size);
        let lines = self.lines(text, self.width - indent, size, bold);
        for (i, line) in lines.iter().enumerate() {
            if self.remaining() < lh {
                self.new_page();
            }
            if let Some((marker, gap)) = marker.filter(|_| i == 0) {
                let mw = self.fonts.face(false).text_width(marker, size);
                let (x, y) = (self.x0 + indent - gap.max(mw), self.y);
                self.text(x, y, marker, size, false, Rgb::BLACK);
            }
            let (x, y) = (self.x0 + indent, self.y);
            self.text(x, y, line, size, bold, Rgb::BLACK);
            self.y += lh;
        }
        self.y += size * 0.5;
    }

    /// A paragraph aligned left, centred or right, in its own size and colour.
    fn aligned_paragraph(&mut self, p: &Paragraph) {
        let size = p.size.unwrap_or(self.setup.body_size);
        let lh = Self::line_height(size);
        let color = p.color.unwrap_or(Rgb::BLACK);
        let face = self.fonts.face(p.bold);
        for line in self.lines(&p.text, self.width, size, p.bold) {
            if self.remaining() < lh {
                self.new_page();
            }
            let slack = (self.width - face.text_width(&line, size)).max(0.0);
            let x = self.x0
                + match p.align {
                    Align::Left => 0.0,
                    Align::Center => slack / 2.0,
                    Align::Right => slack,
                };
            let y = self.y;
            self.text(x, y, &line, size, p.bold, color);
            self.y += lh;
        }
        self.y += size * 0.5;
    }

    fn numbered(&mut self, items: &[String]) {
        let size = self.setup.body_size;
        let face = self.fonts.face(false);
        let widest = face.text_width(&format!("{}.", items.len().max(9)), size);
        let indent = (widest + size * 0.6).max(size * 1.4);
        for (i, item) in items.iter().enumerate() {
            let label = format!("{}.", i + 1);
            // Right-aligned numbers: the marker's right edge sits `gap` before the text.
            let gap = face.text_width(&label, size) + size * 0.4;
            self.list_item(item, false, size, indent, Some((&label, gap)));
        }
    }

    /// Size of a [`Section`] heading: level 0 a title, then decreasing from level 1 to 4 (13, 11, 10, 9.5 points on a
    /// 9-point body).
    fn section_size(&self, level: u8) -> f32 {
        let body = self.setup.body_size;
        match level {
            0 => 18.0_f32.max(body + 8.0),
            1 => body + 4.0,
            2 => body + 2.0,
            3 => body + 1.0,
            _ => body + 0.5,
        }
    }

    /// The lines of a section heading (hanging under the text when numbered), the x of the text, and the height of
    /// the whole heading with the space before it.
    fn section_shape(&self, s: &Section) -> (Vec<String>, f32, f32, f32) {
        let size = self.section_size(s.level);
        let face = self.fonts.face(true);
        let number_w = match s.number.as_deref().filter(|n| !n.is_empty()) {
            Some(n) => face.text_width(n, size) + size * 0.6,
            None => 0.0,
        };
        let text_w = (self.width - number_w).max(size * 4.0);
        let lines = self.lines(&s.text, text_w, size, true);
        let before = if s.level == 0 { 0.0 } else { size * 0.8 };
        let h = lines.len().max(1) as f32 * Self::line_height(size) + size * 0.4;
        (lines, number_w, before, h)
    }

    fn section(&mut self, s: &Section, next_needs: f32) {
        if s.page_break_before && self.y > self.top {
            self.new_page();
        }
        let size = self.section_size(s.level);
        let (lines, number_w, before, h) = self.section_shape(s);
        // Keep the heading with what follows it.
        if self.y > self.top && self.remaining() < before + h + next_needs {
            self.new_page();
        }
        if self.y > self.top {
            self.y += before;
        }
        let page = self.out.pages.len().saturating_sub(1);
        if let Some(key) = &s.anchor {
            self.out.anchors.push((key.clone(), page));
            self.out.outline.push(OutlineEntry {
                title: s.title(),
                level: s.level,
                page,
                top: self.y,
            });
        }
        if let Some(number) = s.number.as_deref().filter(|n| !n.is_empty()) {
            let (x, y) = (self.x0, self.y);
            self.text(x, y, number, size, true, Rgb::BLACK);
        }
        for line in &lines {
            let (x, y) = (self.x0 + number_w, self.y);
            self.text(x, y, line, size, true, Rgb::BLACK);
            self.y += Self::line_height(size);
        }
        if s.level <= 1 {
            let (x1, x2, y) = (self.x0, self.x0 + self.width, self.y + 1.0);
            self.page().items.push(Item::Line {
                x1,
                y1: y,
                x2,
                y2: y,
                width: if s.level == 0 { 1.2 } else { 0.6 },
                color: Rgb::RULE,
            });
        }
        self.y += size * 0.4;
    }

    /// Where the pieces of one table-of-contents entry go: its indent, the x of its text, its wrapped lines.
    fn toc_shape(&self, line: &TocLine) -> (f32, f32, Vec<String>) {
        let size = self.setup.body_size;
        let bold = line.level <= 1;
        let face = self.fonts.face(bold);
        let indent = f32::from(line.level.saturating_sub(1)) * size * 1.6;
        let number_w = if line.number.is_empty() {
            0.0
        } else {
            face.text_width(&line.number, size) + size * 0.6
        };
        // A column for the page number, the same whatever the number, so the entry wraps the same in both passes.
        let page_column = self.fonts.face(false).text_width("0000", size) + size;
        let text_w = (self.width - indent - number_w - page_column).max(size * 4.0);
        let lines = self.lines(&line.text, text_w, size, bold);
        (indent, indent + number_w, lines)
    }

    fn toc(&mut self, entries: &[TocLine]) {
        let size = self.setup.body_size;
        let lh = Self::line_height(size);
        let regular = self.fonts.face(false);
        let dot = "…";
        let dot_w = regular.text_width(dot, size).max(0.1);
        for (i, entry) in entries.iter().enumerate() {
            let bold = entry.level <= 1;
            let (indent, text_x, lines) = self.toc_shape(entry);
            let before = if bold && i > 0 { size * 0.5 } else { 0.0 };
            let h = lines.len().max(1) as f32 * lh;
            // An entry is never split over pages.
            if self.y > self.top && self.remaining() < before + h {
                self.new_page();
            } else if self.y > self.top {
                self.y += before;
            }
            if !entry.number.is_empty() {
                let (x, y) = (self.x0 + indent, self.y);
                self.text(x, y, &entry.number, size, bold, Rgb::BLACK);
            }
            let last = lines.len().saturating_sub(1);
            for (n, line) in lines.iter().enumerate() {
                let (x, y) = (self.x0 + text_x, self.y);
                self.text(x, y, line, size, bold, Rgb::BLACK);
                if n == last {
                    if let Some(page) = &entry.page {
                        let face = self.fonts.face(bold);
                        let page_x = self.x0 + self.width - regular.text_width(page, size);
                        let text_end = x + face.text_width(line, size);
                        let leader_end = page_x - size * 0.4;
                        let count = ((leader_end - text_end - size * 0.4) / dot_w).floor();
                        if count >= 2.0 {
                            let leader = dot.repeat(count as usize);
                            let leader_x = leader_end - count * dot_w;
                            self.text(leader_x, y, &leader, size, false, Rgb::GREY);
                        }
                        self.text(page_x, y, page, size, false, Rgb::BLACK);
                    }
                }
                self.y += lh;
            }
            if lines.is_empty() {
                self.y += lh;
            }
        }
        self.y += size * 0.8;
    }

    /// The size an image is drawn at (at most the text width, at most a page with its caption), the caption's lines
    /// and size, and the height of the whole block.
    fn image_shape(
        &self,
        width_px: u32,
        height_px: u32,
        width_mm: f32,
        caption: Option<&str>,
    ) -> (f32, f32, Vec<String>, f32, f32) {
        let caption_size = self.setup.body_size * 0.9;
        let caption_lines = caption
            .filter(|c| !c.trim().is_empty())
            .map(|c| self.lines(c, self.width, caption_size, false))
            .unwrap_or_default();
        let caption_h = if caption_lines.is_empty() {
            0.0
        } else {
            caption_size * 0.6 + caption_lines.len() as f32 * Self::line_height(caption_size)
        };
        let mut w = if width_mm > 0.0 {
            (width_mm * MM).min(self.width)
        } else {
            self.width
        };
        let mut h = w * height_px as f32 / width_px.max(1) as f32;
        let room = (self.bottom - self.top - caption_h).max(10.0);
        if h > room {
            w *= room / h;
            h = room;
        }
        let total = h + caption_h + self.setup.body_size * 0.8;
        (w, h, caption_lines, caption_size, total)
    }

    fn image(&mut self, bytes: &[u8], width_mm: f32, caption: Option<&str>) -> Result<()> {
        let image = Image::read(bytes)?;
        let (w, h, caption_lines, caption_size, total) =
            self.image_shape(image.width_px, image.height_px, width_mm, caption);
        // Kept whole: moved to the next page when it does not fit.
        if self.y > self.top && self.remaining() < total - self.setup.body_size * 0.8 {
            self.new_page();
        }
        let (x, y) = (self.x0 + (self.width - w) / 2.0, self.y);
        self.page().items.push(Item::Image { x, y, w, h, image });
        self.y += h;
        if !caption_lines.is_empty() {
            self.y += caption_size * 0.6;
            let face = self.fonts.face(false);
            for line in &caption_lines {
                let x = self.x0 + (self.width - face.text_width(line, caption_size)).max(0.0) / 2.0;
                let y = self.y;
                self.text(x, y, line, caption_size, false, Rgb::BLACK);
                self.y += Self::line_height(caption_size);
            }
        }
        self.y += self.setup.body_size * 0.8;
        Ok(())
    }

    /// How much room the start of `blocks[i]` needs on the page of a heading before it: the first two lines of a
    /// paragraph or list, a table's header and first row, a whole image, or a heading with what follows it.
    fn keep_height(&self, blocks: &[Block], i: usize, depth: usize) -> f32 {
        let body_lines = Self::line_height(self.setup.body_size) * 2.0;
        match blocks.get(i) {
            None => body_lines,
            Some(Block::Text(p)) => Self::line_height(p.size.unwrap_or(self.setup.body_size)) * 2.0,
            Some(Block::Paragraph { size, .. }) => {
                Self::line_height(size.unwrap_or(self.setup.body_size)) * 2.0
            }
            Some(Block::Bullets(_) | Block::Numbered(_) | Block::Toc(_)) => body_lines,
            Some(Block::Table(_)) => self.first_piece_height(blocks.get(i)),
            Some(Block::Indent(_, inner)) if depth < 4 => self.keep_height(inner, 0, depth + 1),
            Some(Block::Section(s)) if depth < 4 && !s.page_break_before => {
                let (_, _, before, h) = self.section_shape(s);
                before + h + self.keep_height(blocks, i + 1, depth + 1)
            }
            Some(Block::Image {
                bytes,
                width_mm,
                caption,
            }) => match Image::read_size(bytes) {
                Ok((w, h)) => {
                    let (_, _, _, _, total) = self.image_shape(w, h, *width_mm, caption.as_deref());
                    total - self.setup.body_size * 0.8
                }
                Err(_) => 0.0,
            },
            Some(Block::Space(mm)) => mm * MM,
            _ => 0.0,
        }
    }

    /// Lays out a run of blocks at the cursor (the whole document, or the blocks of an indent).
    fn blocks(&mut self, blocks: &[Block], tables: &mut usize) -> Result<()> {
        for (i, block) in blocks.iter().enumerate() {
            match block {
                Block::Heading { text, level } => {
                    let next = self.first_piece_height(blocks.get(i + 1));
                    self.heading(text, *level, next);
                }
                Block::Section(s) => {
                    let next = self.keep_height(blocks, i + 1, 0);
                    self.section(s, next);
                }
                Block::Paragraph { text, bold, size } => {
                    let size = size.unwrap_or(self.setup.body_size);
                    self.paragraph(text, *bold, size, 0.0, false);
                }
                Block::Text(p) => self.aligned_paragraph(p),
                Block::Bullets(items) => {
                    let size = self.setup.body_size;
                    for item in items {
                        self.paragraph(item, false, size, size * 1.4, true);
                    }
                }
                Block::Numbered(items) => self.numbered(items),
                Block::Indent(mm, inner) => {
                    let by = (mm * MM).clamp(0.0, self.width / 2.0);
                    self.x0 += by;
                    self.width -= by;
                    let result = self.blocks(inner, tables);
                    self.x0 -= by;
                    self.width += by;
                    result?;
                }
                Block::Table(t) => {
                    self.table(*tables, t)?;
                    *tables += 1;
                }
                Block::Toc(entries) => self.toc(entries),
                Block::Image {
                    bytes,
                    width_mm,
                    caption,
                } => self.image(bytes, *width_mm, caption.as_deref())?,
                Block::Space(mm) => {
                    self.y += mm * MM;
                    if self.y > self.bottom {
                        self.new_page();
                    }
                }
                Block::PageBreak => {
                    if self.y > self.top {
                        self.new_page();
                    }
                }
            }
        }
        Ok(())
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
                // A continuation repeats the row's id (the first line of its first cell) with the mark — when the
                // first cell has nothing left to show there; a first cell that still has lines goes on with them.
                let continued: Option<Vec<Vec<String>>> = match (&table.continued, part) {
                    (Some(mark), p) if p > 0 && lines.first().is_some_and(|c| c.len() <= from) => {
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
            Some(Block::Paragraph { .. })
            | Some(Block::Bullets(_))
            | Some(Block::Text(_))
            | Some(Block::Numbered(_)) => Self::line_height(size) * 2.0,
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
    c.blocks(&doc.blocks, &mut 0)?;
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
        let plain = i == 0 && setup.plain_first_page;
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
        if plain {
            page.items.extend(items);
            continue;
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
        let number = match setup.page_numbers {
            PageNumbers::OfTotal => format!("{} / {}", i + 1, total),
            PageNumbers::Plain => (i + 1).to_string(),
            PageNumbers::None => String::new(),
        };
        if !number.is_empty() {
            let nw = face.text_width(&number, size);
            items.push(Item::Text {
                x: (w - nw) / 2.0,
                y: footer_y,
                text: number,
                size,
                bold: false,
                color: Rgb::GREY,
            });
        }
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
            ..Default::default()
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

    /// Found by the `pdf_text` fuzz target: when a row's first cell was itself taller than a page, the continuation
    /// replaced that cell's lines by the id and the mark, so the rest of the first cell was never drawn.
    #[test]
    fn a_first_cell_taller_than_a_page_goes_on_after_the_break() {
        let f = fonts();
        let mut t = table(1, |_| "短い".into());
        let long: String = (0..400).map(|i| format!("第{i}項。")).collect();
        t.rows[0][0] = Cell::new(long.clone());
        t.continued = Some("（続き）".into());
        let out = layout(&doc(vec![Block::Table(t)], Orientation::Portrait), &f).unwrap();
        assert!(out.pages.len() > 1, "the row was split");
        // The first column's lines, page after page, without the header, the repeated id and the mark.
        let x = text_items(&out.pages[0])[0].0;
        let first: String = out
            .pages
            .iter()
            .flat_map(text_items)
            .filter(|(tx, _, text, _)| *tx == x && !["番号", "（続き）"].contains(text))
            .map(|(_, _, text, _)| text)
            .collect();
        assert_eq!(first, long);
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

    fn text_items(page: &Page) -> Vec<(f32, f32, &str, f32)> {
        page.items
            .iter()
            .filter_map(|i| match i {
                Item::Text {
                    x, y, text, size, ..
                } => Some((*x, *y, text.as_str(), *size)),
                _ => None,
            })
            .collect()
    }

    fn page_of(out: &LaidOut, text: &str) -> usize {
        out.pages
            .iter()
            .position(|p| texts(p).contains(&text))
            .unwrap_or_else(|| panic!("{text} not laid out"))
    }

    fn para(text: &str) -> Block {
        Block::Paragraph {
            text: text.into(),
            bold: false,
            size: None,
        }
    }

    const LONG: &str = "情報セキュリティ方針に基づき、組織は資産を特定し、リスクを評価し、管理策を選択して運用する。";

    #[test]
    fn a_section_heading_is_never_left_alone_at_the_bottom_of_a_page() {
        let f = fonts();
        // Sections after paragraphs of every length: some heading falls near every page end.
        let mut blocks = Vec::new();
        for i in 0..120 {
            blocks.push(Block::Section(
                Section::new(2 + (i % 3) as u8, format!("見出し{i}")).anchor(format!("h{i}")),
            ));
            blocks.push(para(&format!(
                "段落{i}の一行目。{}",
                LONG.repeat(2 + i % 4)
            )));
        }
        let out = layout(&doc(blocks, Orientation::Portrait), &f).unwrap();
        assert!(out.pages.len() > 8);
        for i in 0..120 {
            let heading = format!("見出し{i}");
            let page = &out.pages[page_of(&out, &heading)];
            let t = texts(page);
            let at = t.iter().position(|s| *s == heading).unwrap();
            // The next two texts on the page are the paragraph's first two lines (not the running footer).
            let next: Vec<&str> = t[at + 1..].iter().take(2).copied().collect();
            assert!(
                next.len() == 2
                    && next[0].starts_with(&format!("段落{i}の"))
                    && LONG.contains(&next[1][..3]),
                "{heading} is followed on its page by {next:?}"
            );
            // The anchor records that page.
            let anchored = out
                .anchors
                .iter()
                .find(|(k, _)| *k == format!("h{i}"))
                .unwrap();
            assert_eq!(anchored.1, page_of(&out, &heading));
        }
    }

    #[test]
    fn a_heading_moved_to_the_next_page_records_that_page_and_takes_its_parent_along() {
        let f = fonts();
        let size = PageSetup::a4(Orientation::Portrait).body_size;
        let (_, _, _, height) = PageSetup::a4(Orientation::Portrait).content_box();
        // Leave room for two headings but not for the paragraph's two lines after them.
        let room = (13.0 * 0.8 + 13.0 * LINE_GAP + 13.0 * 0.4)
            + (11.0 * 0.8 + 11.0 * LINE_GAP + 11.0 * 0.4)
            + size;
        let blocks = vec![
            Block::Space((height - room) / MM),
            Block::Section(Section::new(1, "章").number("2").anchor("ch2")),
            Block::Section(Section::new(2, "節").number("2.1").anchor("s2.1")),
            para(LONG),
        ];
        let out = layout(&doc(blocks, Orientation::Portrait), &f).unwrap();
        assert_eq!(out.anchors, [("ch2".to_owned(), 1), ("s2.1".to_owned(), 1)]);
        assert_eq!(page_of(&out, "章"), 1);
        assert_eq!(out.outline[0].title, "2 章");
        assert_eq!(out.outline[1].title, "2.1 節");
        assert_eq!((out.outline[0].level, out.outline[1].level), (1, 2));
        assert!(out.outline[0].top < out.outline[1].top);
    }

    #[test]
    fn section_sizes_decrease_with_the_level_and_a_page_break_can_come_first() {
        let f = fonts();
        let blocks = vec![
            para("前書き"),
            Block::Section(Section::new(1, "L1").page_break_before()),
            Block::Section(Section::new(2, "L2").page_break_before()),
            Block::Section(Section::new(3, "L3")),
            Block::Section(Section::new(4, "L4").number("1.1.1.1")),
            para("本文"),
            // At the top of a page already: no empty page.
            Block::PageBreak,
            Block::Section(Section::new(1, "次").page_break_before()),
        ];
        let out = layout(&doc(blocks, Orientation::Portrait), &f).unwrap();
        assert_eq!(out.pages.len(), 4, "前書き | L1 | L2 L3 L4 本文 | 次");
        assert_eq!(page_of(&out, "L1"), 1);
        assert_eq!(page_of(&out, "L2"), 2);
        assert_eq!(page_of(&out, "次"), 3);
        let size = |t: &str| {
            out.pages
                .iter()
                .flat_map(text_items)
                .find(|i| i.2 == t)
                .unwrap()
                .3
        };
        let sizes = [size("L1"), size("L2"), size("L3"), size("L4"), size("本文")];
        assert!(sizes.windows(2).all(|w| w[0] > w[1]), "{sizes:?}");
        // The number is printed before the text, in the heading's size.
        let items = text_items(&out.pages[2]);
        let number = items.iter().find(|i| i.2 == "1.1.1.1").unwrap();
        let text = items.iter().find(|i| i.2 == "L4").unwrap();
        assert!(number.0 < text.0 && number.1 == text.1);
    }

    #[test]
    fn toc_entries_are_indented_with_leaders_to_a_right_aligned_page_number() {
        let f = fonts();
        let setup = PageSetup::a4(Orientation::Portrait);
        let (x0, _, width, _) = setup.content_box();
        let long = "長い見出し".repeat(20);
        let blocks = vec![Block::Toc(vec![
            TocLine::new(1, "1", "はじめに").page("3"),
            TocLine::new(2, "1.1", "目的").page("3"),
            TocLine::new(2, "1.2", &long).page("12"),
            TocLine::new(3, "1.2.1", "ページ番号なし"),
        ])];
        let out = layout(&doc(blocks, Orientation::Portrait), &f).unwrap();
        let items = text_items(&out.pages[0]);
        let find = |t: &str| *items.iter().find(|i| i.2 == t).unwrap();
        // Indented by level.
        assert!(find("1").0 < find("1.1").0 && find("1.1").0 < find("1.2.1").0);
        // Page numbers right-aligned at the right margin, on the same baseline as their text.
        let face = f.face(false);
        for page in ["3", "12"] {
            let p = items.iter().rfind(|i| i.2 == page).unwrap();
            assert!((p.0 + face.text_width(page, p.3) - (x0 + width)).abs() < 0.01);
        }
        let three: Vec<_> = items.iter().filter(|i| i.2 == "3").collect();
        assert_eq!(three[0].1, find("はじめに").1);
        assert_eq!(three[1].1, find("目的").1);
        // Leaders between text and number, drawn as text.
        let leaders: Vec<_> = items.iter().filter(|i| i.2.starts_with("……")).collect();
        assert_eq!(leaders.len(), 3, "one per entry with a page");
        assert!(leaders[0].0 > find("はじめに").0 && leaders[0].0 < three[0].0);
        // The long title wraps; the page number is on its last line.
        let long_lines: Vec<_> = items
            .iter()
            .filter(|i| {
                i.2.starts_with("長い") || i.2.starts_with("い見出し") || i.2.starts_with("見出し")
            })
            .collect();
        assert!(long_lines.len() >= 2, "{long_lines:?}");
        let twelve = find("12");
        assert_eq!(twelve.1, long_lines.last().unwrap().1);
        assert!(long_lines
            .iter()
            .all(|l| l.0 + face.text_width(l.2, l.3) < twelve.0));
        // No page: no leaders, no number.
        assert_eq!(leaders[2].1, twelve.1);
    }

    #[test]
    fn a_toc_entry_is_not_split_over_pages_and_its_layout_does_not_depend_on_the_page_numbers() {
        let f = fonts();
        let entries: Vec<TocLine> = (0..200)
            .map(|i| TocLine::new(1 + (i % 3) as u8, format!("{i}"), LONG.repeat(1 + i % 3)))
            .collect();
        let with = |page: Option<&str>| {
            let entries = entries
                .iter()
                .cloned()
                .map(|e| TocLine {
                    page: page.map(str::to_owned),
                    ..e
                })
                .collect();
            layout(
                &doc(
                    vec![
                        Block::Toc(entries),
                        Block::Section(Section::new(1, "end").anchor("end")),
                    ],
                    Orientation::Portrait,
                ),
                &f,
            )
            .unwrap()
        };
        let a = with(None);
        let b = with(Some("1234"));
        assert_eq!(a.anchors, b.anchors);
        assert_eq!(a.pages.len(), b.pages.len());
        assert!(a.pages.len() > 3);
    }

    #[test]
    fn numbered_lists_aligned_paragraphs_and_indents() {
        let f = fonts();
        let setup = PageSetup::a4(Orientation::Portrait);
        let (x0, _, width, _) = setup.content_box();
        let items: Vec<String> = (1..=12).map(|i| format!("項目{i}")).collect();
        let blocks = vec![
            Block::Numbered(items),
            Block::Text(
                Paragraph::new("中央")
                    .align(Align::Center)
                    .size(24.0)
                    .bold(),
            ),
            Block::Text(Paragraph::new("右").align(Align::Right)),
            Block::Indent(
                10.0,
                vec![
                    para("字下げ"),
                    Block::Indent(5.0, vec![Block::Bullets(vec!["深い".into()])]),
                ],
            ),
            para("戻る"),
        ];
        let out = layout(&doc(blocks, Orientation::Portrait), &f).unwrap();
        let items = text_items(&out.pages[0]);
        let find = |t: &str| *items.iter().find(|i| i.2 == t).unwrap();
        // Labels 1. … 12., right-aligned before the item text, which starts at one x for all.
        for i in 1..=12 {
            let label = find(&format!("{i}."));
            let item = find(&format!("項目{i}"));
            assert_eq!(label.1, item.1);
            assert!(label.0 < item.0);
            assert_eq!(item.0, find("項目1").0);
        }
        let end = |t: (f32, f32, &str, f32)| t.0 + f.face(false).text_width(t.2, t.3);
        assert!(
            (end(find("9.")) - end(find("12."))).abs() < 0.01,
            "right-aligned numbers"
        );
        let centre = find("中央");
        assert_eq!(centre.3, 24.0);
        let cw = f.face(true).text_width("中央", 24.0);
        assert!((centre.0 + cw / 2.0 - (x0 + width / 2.0)).abs() < 0.01);
        assert!((end(find("右")) - (x0 + width)).abs() < 0.01);
        assert!((find("字下げ").0 - (x0 + 10.0 * MM)).abs() < 0.01);
        assert!(find("深い").0 > x0 + 15.0 * MM);
        assert!((find("戻る").0 - x0).abs() < 0.01);
    }

    const PNG: &[u8] = include_bytes!("../tests/fixtures/rgb-4x3.png");

    fn image_box(out: &LaidOut) -> (usize, f32, f32, f32, f32) {
        out.pages
            .iter()
            .enumerate()
            .find_map(|(n, p)| {
                p.items.iter().find_map(|i| match i {
                    Item::Image { x, y, w, h, .. } => Some((n, *x, *y, *w, *h)),
                    _ => None,
                })
            })
            .expect("an image")
    }

    #[test]
    fn an_image_is_scaled_to_its_width_centred_and_captioned() {
        let f = fonts();
        let setup = PageSetup::a4(Orientation::Portrait);
        let (x0, _, width, _) = setup.content_box();
        let image = |width_mm: f32| Block::Image {
            bytes: PNG.to_vec(),
            width_mm,
            caption: Some("図1 構成".into()),
        };
        let out = layout(&doc(vec![image(80.0)], Orientation::Portrait), &f).unwrap();
        let (_, x, y, w, h) = image_box(&out);
        assert!((w - 80.0 * MM).abs() < 0.01 && (h - w * 3.0 / 4.0).abs() < 0.01);
        assert!((x + w / 2.0 - (x0 + width / 2.0)).abs() < 0.01, "centred");
        let caption = text_items(&out.pages[0])
            .into_iter()
            .find(|i| i.2 == "図1 構成")
            .unwrap();
        let cw = f.face(false).text_width("図1 構成", caption.3);
        assert!(
            (caption.0 + cw / 2.0 - (x0 + width / 2.0)).abs() < 0.01,
            "caption centred"
        );
        assert!(caption.1 > y + h, "caption under the image");
        // Wider than the text: the text width. Taller than a page: scaled down to fit one.
        let (_, _, _, w, _) =
            image_box(&layout(&doc(vec![image(500.0)], Orientation::Portrait), &f).unwrap());
        assert!((w - width).abs() < 0.01);
        let tall = doc(vec![image(0.0)], Orientation::Landscape);
        let out = layout(&tall, &f).unwrap();
        let (page, _, y, _, h) = image_box(&out);
        let (_, top, _, height) = tall.setup.content_box();
        assert_eq!((page, out.pages.len()), (0, 1));
        assert!(y >= top && y + h <= top + height);
    }

    #[test]
    fn an_image_that_does_not_fit_moves_whole_to_the_next_page_with_its_heading() {
        let f = fonts();
        let blocks = vec![
            Block::Space(200.0),
            Block::Section(Section::new(2, "構成図").anchor("fig")),
            Block::Image {
                bytes: PNG.to_vec(),
                width_mm: 100.0,
                caption: Some("図2".into()),
            },
        ];
        let out = layout(&doc(blocks, Orientation::Portrait), &f).unwrap();
        assert_eq!(image_box(&out).0, 1);
        assert_eq!(page_of(&out, "図2"), 1);
        assert_eq!(out.anchors, [("fig".to_owned(), 1)]);
    }

    #[test]
    fn a_broken_image_is_an_error() {
        let f = fonts();
        let blocks = vec![Block::Image {
            bytes: b"not an image".to_vec(),
            width_mm: 10.0,
            caption: None,
        }];
        match layout(&doc(blocks, Orientation::Portrait), &f) {
            Err(PdfError::Image(m)) => assert!(m.contains("not a PNG or JPEG"), "{m}"),
            other => panic!("{other:?}"),
        }
    }
}
