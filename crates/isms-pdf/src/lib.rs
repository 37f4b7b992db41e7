//! ISMS Desk's PDF engine: a small document model (headings and numbered sections, paragraphs, lists, tables, images,
//! a table of contents) laid out with Japanese line breaking and kinsoku, paginated with repeated table headers, page
//! headers/footers with "n / N" and an optional draft mark, and rendered with printpdf's low-level operations into a
//! PDF with the Japanese fonts embedded and subset, bookmarks for the anchored headings, and document metadata.

pub mod error;
pub mod fonts;
pub mod images;
pub mod info;
pub mod layout;
mod outline;
pub mod render;
pub mod toc;
pub mod wrap;

pub use error::{PdfError, Result};
pub use fonts::FontSet;
pub use images::{Image, ImageFormat};
pub use info::read_keywords;
pub use layout::{
    Align, Block, Cell, Document, Orientation, PageNumbers, PageSetup, Paragraph, Rgb, Section,
    Table, TocLine,
};
pub use layout::{Item, LaidOut, OutlineEntry, Page, MM};
pub use render::{render, render_laid_out, render_pages, render_with_toc, Rendered};
pub use toc::{fill_toc_pages, layout_with_toc};
