//! A rendered whitepaper as PDF through `isms-pdf`: cover (or the letter form's title line, opening and 「記」), the
//! table of contents with the pages its headings landed on (a second layout pass), numbered headings as bookmarks,
//! tables, images, the closing block, the running header with document number and version, page n / N, the draft
//! mark, and the document's metadata. Written to a temporary file and renamed, so a failed export leaves no half file.

use std::path::Path;

use base64::Engine;
use isms_pdf::{
    Align, Block as PdfBlock, Cell, Document, FontSet, Orientation, PageSetup, Paragraph, Rgb,
    Section, Table, TocLine,
};

use crate::error::{ReportError as Error, Result};
use crate::whitepaper::model::{Block, Rendered};
use crate::{ExportFormat, ExportProgress, ExportReport};

/// Text width of an A4 portrait page with the margins below, in millimetres.
const TEXT_WIDTH_MM: f32 = 210.0 - 20.0 - 20.0;

fn table(
    header: &Option<Vec<String>>,
    rows: &[Vec<String>],
    widths: &[f32],
    continued: &str,
) -> PdfBlock {
    let cols = header
        .as_ref()
        .map(Vec::len)
        .unwrap_or_else(|| rows.iter().map(Vec::len).max().unwrap_or(1))
        .max(1);
    let mut w: Vec<f32> = widths.iter().copied().take(cols).collect();
    w.resize(cols, 1.0);
    let total: f32 = w.iter().sum::<f32>().max(0.01);
    let widths_mm = w.iter().map(|x| x / total * TEXT_WIDTH_MM).collect();
    PdfBlock::Table(Table {
        widths_mm,
        header: header
            .as_ref()
            .map(|h| {
                h.iter()
                    .map(|t| Cell::new(t.clone()).bold().fill(Rgb::HEADER_FILL))
                    .collect()
            })
            .unwrap_or_default(),
        rows: rows
            .iter()
            .map(|r| {
                let mut cells: Vec<Cell> = r.iter().map(|t| Cell::new(t.clone())).collect();
                cells.resize_with(cols, || Cell::new(""));
                cells
            })
            .collect(),
        font_size: 8.5,
        x_offset_mm: 0.0,
        continued: Some(continued.to_owned()),
    })
}

/// The PDF document model of a rendered whitepaper.
pub fn document(r: &Rendered) -> Result<Document> {
    let mut setup = PageSetup::a4(Orientation::Portrait);
    setup.margins_mm = [20.0, 20.0, 18.0, 20.0];
    setup.body_size = 9.5;
    setup.header_left = r.header_left.clone();
    setup.header_right = r.header_right.clone();
    setup.footer_left = r.organisation.clone();
    if r.draft {
        setup.draft_mark = Some(r.draft_mark.clone());
    }
    setup.plain_first_page = !r.cover.is_empty();
    setup.page_numbers = match r.page_numbers.as_str() {
        "n" => isms_pdf::PageNumbers::Plain,
        "none" => isms_pdf::PageNumbers::None,
        _ => isms_pdf::PageNumbers::OfTotal,
    };
    let mut blocks = Vec::new();
    if !r.cover.is_empty() {
        blocks.push(PdfBlock::Space(60.0));
        for line in &r.cover {
            let p = match line.style.as_str() {
                "title" => Paragraph::new(line.text.clone())
                    .bold()
                    .size(24.0)
                    .align(Align::Center),
                "subtitle" => Paragraph::new(line.text.clone())
                    .size(15.0)
                    .align(Align::Center),
                _ => Paragraph::new(line.text.clone())
                    .size(11.0)
                    .align(Align::Center),
            };
            blocks.push(PdfBlock::Text(p));
            blocks.push(PdfBlock::Space(if line.style == "title" {
                10.0
            } else {
                5.0
            }));
        }
        blocks.push(PdfBlock::PageBreak);
    } else if !r.title_line.is_empty() {
        blocks.push(PdfBlock::Text(
            Paragraph::new(r.title_line.clone())
                .bold()
                .size(15.0)
                .align(Align::Center),
        ));
        blocks.push(PdfBlock::Space(6.0));
    }
    if !r.opening.is_empty() {
        blocks.push(PdfBlock::Paragraph {
            text: r.opening.clone(),
            bold: false,
            size: None,
        });
    }
    if !r.ki.is_empty() {
        blocks.push(PdfBlock::Text(
            Paragraph::new(r.ki.clone()).align(Align::Center),
        ));
        blocks.push(PdfBlock::Space(3.0));
    }
    if let Some(toc) = &r.toc {
        blocks.push(PdfBlock::Section(Section::new(1, toc.heading.clone())));
        let lines = r
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading {
                    level,
                    number,
                    text,
                    anchor,
                    in_toc,
                    ..
                } if *in_toc && *level <= toc.depth => {
                    let mut l = TocLine::new(*level, number.clone(), text.clone());
                    if toc.page_numbers {
                        l = l.anchor(anchor.clone()).page("0");
                    }
                    Some(l)
                }
                _ => None,
            })
            .collect();
        blocks.push(PdfBlock::Toc(lines));
        blocks.push(PdfBlock::PageBreak);
    }
    for b in &r.blocks {
        match b {
            Block::Heading {
                level,
                number,
                text,
                anchor,
                page_break_before,
                ..
            } => {
                let mut s = Section::new((*level).clamp(1, 4), text.clone()).anchor(anchor.clone());
                if !number.is_empty() {
                    s = s.number(number.clone());
                }
                if *page_break_before {
                    s = s.page_break_before();
                }
                blocks.push(PdfBlock::Section(s));
            }
            Block::Paragraph { text } => {
                if !text.is_empty() {
                    blocks.push(PdfBlock::Paragraph {
                        text: text.clone(),
                        bold: false,
                        size: None,
                    });
                }
            }
            Block::Lines { lines } => {
                for l in lines {
                    blocks.push(PdfBlock::Paragraph {
                        text: l.clone(),
                        bold: false,
                        size: None,
                    });
                }
            }
            Block::Bullets { items } => blocks.push(PdfBlock::Bullets(items.clone())),
            Block::Numbered { items } => blocks.push(PdfBlock::Numbered(items.clone())),
            Block::Table {
                header,
                rows,
                widths,
            } => {
                blocks.push(table(header, rows, widths, &r.continued));
                blocks.push(PdfBlock::Space(2.0));
            }
            Block::Image {
                data,
                width_mm,
                caption,
            } => {
                let bytes = base64::engine::general_purpose::STANDARD
                    .decode(data)
                    .map_err(|e| Error::Definition {
                        message: format!("an image of the whitepaper cannot be read: {e}"),
                    })?;
                blocks.push(PdfBlock::Image {
                    bytes,
                    width_mm: width_mm.min(TEXT_WIDTH_MM),
                    caption: (!caption.is_empty()).then(|| caption.clone()),
                });
            }
            Block::Missing { text } => blocks.push(PdfBlock::Text(
                Paragraph::new(text.clone()).color(Rgb::DRAFT),
            )),
        }
    }
    if !r.closing.is_empty() {
        blocks.push(PdfBlock::Space(8.0));
        for l in &r.closing {
            blocks.push(PdfBlock::Text(
                Paragraph::new(l.clone()).align(Align::Right),
            ));
        }
    }
    if !r.ijo.is_empty() {
        blocks.push(PdfBlock::Space(4.0));
        blocks.push(PdfBlock::Text(
            Paragraph::new(r.ijo.clone()).align(Align::Right),
        ));
    }
    Ok(Document {
        title: if r.subtitle.is_empty() || r.subtitle == r.title {
            r.title.clone()
        } else {
            format!("{} {}", r.title, r.subtitle)
        },
        author: r.organisation.clone(),
        subject: r.subject.clone(),
        keywords: r
            .keywords
            .split(',')
            .map(|k| k.trim().to_owned())
            .filter(|k| !k.is_empty())
            .collect(),
        setup,
        blocks,
    })
}

/// The PDF bytes and page count of a rendered whitepaper.
pub fn render(r: &Rendered, created_unix: i64) -> Result<isms_pdf::Rendered> {
    let fonts = FontSet::builtin()?;
    let doc = document(r)?;
    Ok(isms_pdf::render_with_toc(&doc, &fonts, created_unix)?)
}

/// Writes the PDF to `path` (via a temporary file renamed into place), reporting progress.
pub fn export_pdf(
    r: &Rendered,
    path: &Path,
    created_unix: i64,
    progress: &mut dyn FnMut(ExportProgress),
) -> Result<ExportReport> {
    if ExportFormat::from_path(path)? != ExportFormat::Pdf {
        return Err(Error::UnsupportedFormat {
            path: path.display().to_string(),
        });
    }
    progress(ExportProgress {
        step: 1,
        steps: 3,
        what: "layout",
    });
    let pdf = render(r, created_unix)?;
    progress(ExportProgress {
        step: 2,
        steps: 3,
        what: "write",
    });
    let tmp = path.with_extension("pdf.part");
    std::fs::write(&tmp, &pdf.bytes).map_err(|source| Error::Write {
        path: tmp.display().to_string(),
        source,
    })?;
    std::fs::rename(&tmp, path).map_err(|source| {
        let _ = std::fs::remove_file(&tmp);
        Error::Write {
            path: path.display().to_string(),
            source,
        }
    })?;
    progress(ExportProgress {
        step: 3,
        steps: 3,
        what: "done",
    });
    Ok(ExportReport {
        path: path.display().to_string(),
        format: ExportFormat::Pdf,
        version: (!r.draft).then(|| r.version_label.clone()),
        draft: r.draft,
        bytes: pdf.bytes.len(),
        pages: Some(pdf.pages),
        missing_glyphs: pdf.missing_glyphs.clone(),
    })
}

/// One page of a rendered whitepaper as a PNG image, for the app's live preview (drawn by `pdftoppm` from the same
/// PDF the export writes).
#[derive(ts_rs::TS, Debug, Clone, serde::Serialize)]
pub struct PreviewPage {
    /// PNG, base64.
    pub png: String,
    /// 1-based.
    pub page: usize,
    pub pages: usize,
    /// The page each heading landed on (anchor → 1-based page), so the editor can show the section being edited.
    pub anchors: Vec<(String, usize)>,
}

/// Renders `r` and draws page `page` (1-based, clamped) at `dpi`.
pub fn preview_page(r: &Rendered, page: usize, dpi: u32) -> Result<PreviewPage> {
    let fonts = FontSet::builtin()?;
    let mut doc = document(r)?;
    let laid_out = isms_pdf::layout_with_toc(&mut doc, &fonts)?;
    let anchors: Vec<(String, usize)> = laid_out
        .anchors
        .iter()
        .map(|(a, p)| (a.clone(), p + 1))
        .collect();
    let pdf = isms_pdf::render_laid_out(&doc, laid_out, &fonts, 0)?;
    let page = page.clamp(1, pdf.pages.max(1));
    let dir = std::env::temp_dir().join(format!("isms-preview-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|source| Error::Write {
        path: dir.display().to_string(),
        source,
    })?;
    let input = dir.join("preview.pdf");
    std::fs::write(&input, &pdf.bytes).map_err(|source| Error::Write {
        path: input.display().to_string(),
        source,
    })?;
    let prefix = dir.join("page");
    let status = std::process::Command::new("pdftoppm")
        .args([
            "-png",
            "-singlefile",
            "-r",
            &dpi.clamp(30, 200).to_string(),
            "-f",
            &page.to_string(),
            "-l",
            &page.to_string(),
        ])
        .arg(&input)
        .arg(&prefix)
        .status()
        .map_err(|e| {
            Error::Nothing(format!(
                "the page preview needs pdftoppm (Debian/Ubuntu package poppler-utils): {e}"
            ))
        })?;
    if !status.success() {
        return Err(Error::Nothing(format!(
            "pdftoppm could not draw page {page} of the preview"
        )));
    }
    let png_path = prefix.with_extension("png");
    let png = std::fs::read(&png_path).map_err(|source| Error::Write {
        path: png_path.display().to_string(),
        source,
    })?;
    let _ = std::fs::remove_dir_all(&dir);
    Ok(PreviewPage {
        png: base64::engine::general_purpose::STANDARD.encode(png),
        page,
        pages: pdf.pages,
        anchors,
    })
}
