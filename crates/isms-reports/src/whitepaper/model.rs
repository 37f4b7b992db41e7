//! A rendered whitepaper: every text already in its final words (numbers, dates, phrases filled), laid out as blocks.
//! This is what an issued version freezes (as JSON), so a re-export years later prints the same text; the PDF is made
//! from it alone.

use serde::{Deserialize, Serialize};

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    Heading {
        level: u8,
        /// The printed number or label ("2-1", "(ア)", "資料"), empty for an unnumbered heading.
        number: String,
        text: String,
        /// A stable key for the TOC and bookmarks.
        anchor: String,
        in_toc: bool,
        page_break_before: bool,
    },
    Paragraph {
        text: String,
    },
    /// Lines printed as they are (labelled lines, an address block).
    Lines {
        lines: Vec<String>,
    },
    Bullets {
        items: Vec<String>,
    },
    Numbered {
        items: Vec<String>,
    },
    Table {
        header: Option<Vec<String>>,
        rows: Vec<Vec<String>>,
        /// Relative column widths.
        widths: Vec<f32>,
    },
    Image {
        /// The image file (PNG or JPEG), base64.
        data: String,
        width_mm: f32,
        caption: String,
    },
    /// A visible gap in a draft: data the document needs is missing.
    Missing {
        text: String,
    },
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TocSpec {
    pub heading: String,
    pub depth: u8,
    pub page_numbers: bool,
    pub dot_leaders: bool,
}

/// One line of the cover, with how it is set.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CoverText {
    pub text: String,
    /// "title", "subtitle" or "plain".
    pub style: String,
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rendered {
    pub doc_id: String,
    pub lang: String,
    pub title: String,
    pub subtitle: String,
    pub organisation: String,
    pub document_number: String,
    /// "第1.0版", or the draft label.
    pub version_label: String,
    pub date_text: String,
    pub draft: bool,
    /// Empty without a cover page.
    pub cover: Vec<CoverText>,
    /// Without a cover: the title line on the first page.
    pub title_line: String,
    pub opening: String,
    pub ki: String,
    pub toc: Option<TocSpec>,
    pub blocks: Vec<Block>,
    /// After the last section: the date line, signature lines, 以上.
    pub closing: Vec<String>,
    pub ijo: String,
    pub draft_mark: String,
    /// The running header (document title and number) and the page number format ("n", "n / N", "none").
    pub header_left: String,
    pub header_right: String,
    pub page_numbers: String,
    pub continued: String,
    /// PDF metadata.
    pub subject: String,
    pub keywords: String,
}
