//! ISMS Desk's PDF engine: a small document model (headings, paragraphs, bullets, tables) laid out with Japanese line
//! breaking and kinsoku, paginated with repeated table headers, page headers/footers with "n / N" and an optional draft
//! mark, and rendered with printpdf's low-level operations into a PDF with the Japanese fonts embedded and subset.

pub mod error;
pub mod fonts;
pub mod layout;
pub mod render;
pub mod wrap;

pub use error::{PdfError, Result};
pub use fonts::FontSet;
pub use layout::{Align, Block, Cell, Document, Orientation, PageSetup, Rgb, Table};
pub use layout::{Item, LaidOut, Page, MM};
pub use render::{render, render_pages, Rendered};
