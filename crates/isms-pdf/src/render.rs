//! Turns laid-out pages into a PDF with printpdf's low-level operations: fonts embedded and subset, text extractable,
//! images, bookmarks for the anchored headings, and the document information (title, author, subject, keywords).

use printpdf::{
    Color, CurTransMat, Line, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, Rect, TextItem, TextMatrix, XObjectTransform,
};

use crate::error::{PdfError, Result};
use crate::fonts::FontSet;
use crate::layout::{layout, Document, Item, LaidOut, Rgb, MM};
use crate::outline::add_outline;
use crate::toc::layout_with_toc;

/// Drawn for a character the font has no glyph for, instead of an empty box (〓, the geta mark).
const MISSING_GLYPH: char = '〓';
/// Drawn for white space the font has no glyph for (a tab): the ideographic space, whose width layout gives it.
const BLANK: char = '\u{3000}';

/// A rendered PDF and what the layout decided.
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub pages: usize,
    pub laid_out: LaidOut,
    /// Characters the font could not draw (replaced by 〓).
    pub missing_glyphs: Vec<char>,
}

fn color(c: Rgb) -> Color {
    Color::Rgb(printpdf::Rgb {
        r: c.0,
        g: c.1,
        b: c.2,
        icc_profile: None,
    })
}

/// Lays out and renders `doc`. `created_unix` is written as the PDF's creation date, so the same input gives the same document.
pub fn render(doc: &Document, fonts: &FontSet, created_unix: i64) -> Result<Rendered> {
    let laid_out = layout(doc, fonts)?;
    render_laid_out(doc, laid_out, fonts, created_unix)
}

/// Lays out `doc` with its table of contents filled from where its anchored headings land
/// ([`layout_with_toc`]), and renders it.
pub fn render_with_toc(doc: &Document, fonts: &FontSet, created_unix: i64) -> Result<Rendered> {
    let mut doc = doc.clone();
    let laid_out = layout_with_toc(&mut doc, fonts)?;
    render_laid_out(&doc, laid_out, fonts, created_unix)
}

/// Renders `doc` as already laid out (e.g. by the second pass of a table of contents), with its metadata.
pub fn render_laid_out(
    doc: &Document,
    laid_out: LaidOut,
    fonts: &FontSet,
    created_unix: i64,
) -> Result<Rendered> {
    let info = Info {
        title: &doc.title,
        author: &doc.author,
        subject: &doc.subject,
        keywords: &doc.keywords,
    };
    write_pdf(&info, doc.setup.size(), laid_out, fonts, created_unix)
}

/// Renders pages whose items the caller positioned itself (e.g. a sheet of labels); `page_size` is in points.
pub fn render_pages(
    title: &str,
    author: &str,
    page_size: (f32, f32),
    laid_out: LaidOut,
    fonts: &FontSet,
    created_unix: i64,
) -> Result<Rendered> {
    let info = Info {
        title,
        author,
        subject: "",
        keywords: &[],
    };
    write_pdf(&info, page_size, laid_out, fonts, created_unix)
}

/// The document information written into the PDF.
struct Info<'a> {
    title: &'a str,
    author: &'a str,
    subject: &'a str,
    keywords: &'a [String],
}

fn write_pdf(
    info: &Info<'_>,
    page_size: (f32, f32),
    laid_out: LaidOut,
    fonts: &FontSet,
    created_unix: i64,
) -> Result<Rendered> {
    let (page_w, page_h) = page_size;
    let mut pdf = PdfDocument::new(info.title);
    pdf.metadata.info.author = info.author.to_owned();
    pdf.metadata.info.subject = info.subject.to_owned();
    pdf.metadata.info.keywords = info.keywords.to_vec();
    pdf.metadata.info.creator = "ISMS Desk".to_owned();
    pdf.metadata.info.producer = "ISMS Desk (printpdf)".to_owned();
    if let Ok(date) = printpdf::DateTime::from_unix_timestamp(created_unix) {
        pdf.metadata.info.creation_date = date;
        pdf.metadata.info.modification_date = date;
        pdf.metadata.info.metadata_date = date;
    }
    let regular = pdf.add_font(&fonts.regular.parsed);
    let bold = pdf.add_font(&fonts.bold.parsed);

    let mut missing = Vec::new();
    let mut pages = Vec::with_capacity(laid_out.pages.len());
    for page in &laid_out.pages {
        let mut ops = Vec::with_capacity(page.items.len() * 6);
        // The draft mark goes first so that everything else is drawn over it.
        for item in page
            .items
            .iter()
            .filter(|i| matches!(i, Item::Watermark { .. }))
        {
            if let Item::Watermark { text } = item {
                let size = 90.0;
                let width = fonts.bold.text_width(text, size);
                let angle = (page_h / page_w).atan();
                let (sin, cos) = angle.sin_cos();
                // Centre the text on the page centre along the diagonal.
                let (cx, cy) = (page_w / 2.0, page_h / 2.0);
                let x = cx - cos * width / 2.0 + sin * size * 0.35;
                let y = cy - sin * width / 2.0 - cos * size * 0.35;
                ops.push(Op::SaveGraphicsState);
                ops.push(Op::StartTextSection);
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(bold.clone()),
                    size: Pt(size),
                });
                ops.push(Op::SetFillColor {
                    col: color(Rgb(0.97, 0.86, 0.86)),
                });
                ops.push(Op::SetTextMatrix {
                    matrix: TextMatrix::Raw([cos, sin, -sin, cos, x, y]),
                });
                ops.push(Op::ShowText {
                    items: vec![TextItem::Text(text.clone())],
                });
                ops.push(Op::EndTextSection);
                ops.push(Op::RestoreGraphicsState);
            }
        }
        for item in &page.items {
            match item {
                Item::Rect { x, y, w, h, fill } => {
                    ops.push(Op::SetFillColor { col: color(*fill) });
                    ops.push(Op::DrawRectangle {
                        rectangle: Rect {
                            x: Pt(*x),
                            y: Pt(page_h - y - h),
                            width: Pt(*w),
                            height: Pt(*h),
                            mode: Some(PaintMode::Fill),
                            winding_order: None,
                        },
                    });
                }
                Item::Line {
                    x1,
                    y1,
                    x2,
                    y2,
                    width,
                    color: c,
                } => {
                    ops.push(Op::SetOutlineColor { col: color(*c) });
                    ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                    ops.push(Op::DrawLine {
                        line: Line {
                            points: vec![
                                LinePoint {
                                    p: Point {
                                        x: Pt(*x1),
                                        y: Pt(page_h - y1),
                                    },
                                    bezier: false,
                                },
                                LinePoint {
                                    p: Point {
                                        x: Pt(*x2),
                                        y: Pt(page_h - y2),
                                    },
                                    bezier: false,
                                },
                            ],
                            is_closed: false,
                        },
                    });
                }
                Item::Text {
                    x,
                    y,
                    text,
                    size,
                    bold: is_bold,
                    color: c,
                } => {
                    let face = fonts.face(*is_bold);
                    let text: String = text
                        .chars()
                        .map(|ch| {
                            if face.covers(ch) {
                                ch
                            } else if ch.is_whitespace() {
                                // A tab or another space the font has no glyph for: blank, as wide as layout measured
                                // it (the width of an ideographic space), never the font's empty box.
                                BLANK
                            } else {
                                // Control characters too (a bell, an escape pasted from elsewhere): the font would
                                // draw its empty box.
                                if !missing.contains(&ch) {
                                    missing.push(ch);
                                }
                                MISSING_GLYPH
                            }
                        })
                        .collect();
                    let font = if *is_bold {
                        bold.clone()
                    } else {
                        regular.clone()
                    };
                    ops.push(Op::StartTextSection);
                    ops.push(Op::SetFont {
                        font: PdfFontHandle::External(font),
                        size: Pt(*size),
                    });
                    ops.push(Op::SetFillColor { col: color(*c) });
                    ops.push(Op::SetTextCursor {
                        pos: Point {
                            x: Pt(*x),
                            y: Pt(page_h - y),
                        },
                    });
                    ops.push(Op::ShowText {
                        items: vec![TextItem::Text(text)],
                    });
                    ops.push(Op::EndTextSection);
                }
                Item::Image { x, y, w, h, image } => {
                    let id = pdf.add_xobject(&image.to_xobject()?);
                    ops.push(Op::SaveGraphicsState);
                    // An image fills the unit square; scale and move it into its box.
                    ops.push(Op::SetTransformationMatrix {
                        matrix: CurTransMat::Raw([*w, 0.0, 0.0, *h, *x, page_h - y - h]),
                    });
                    ops.push(Op::UseXobject {
                        id,
                        transform: XObjectTransform {
                            no_auto_scale: true,
                            ..Default::default()
                        },
                    });
                    ops.push(Op::RestoreGraphicsState);
                }
                Item::Watermark { .. } => {}
            }
        }
        pages.push(PdfPage::new(Mm(page_w / MM), Mm(page_h / MM), ops));
    }
    let page_count = pages.len();
    let opts = PdfSaveOptions {
        subset_fonts: true,
        ..PdfSaveOptions::default()
    };
    // What `PdfDocument::save` does, with the nested outline added before the document is written.
    let mut document = pdf
        .with_pages(pages)
        .to_lopdf_document(&opts, &mut Vec::new());
    add_outline(&mut document, &laid_out.outline, page_h);
    if opts.optimize {
        document.compress();
    }
    let mut bytes = Vec::new();
    document
        .save_to(&mut bytes)
        .map_err(|e| PdfError::Write(e.to_string()))?;
    Ok(Rendered {
        bytes,
        pages: page_count,
        laid_out,
        missing_glyphs: missing,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Block;

    /// Found by the `pdf_text` fuzz target: control characters went to the PDF as they were, so a tab in a cell
    /// (pasted from Excel) or a stray control character was drawn with the font's .notdef glyph — an empty box —
    /// and not reported.
    #[test]
    fn tabs_are_blank_and_control_characters_are_reported() {
        let fonts = FontSet::builtin().unwrap();
        assert!(!fonts.regular.covers('\t') && fonts.regular.covers(BLANK));
        let doc = Document {
            blocks: vec![Block::Paragraph {
                text: "管理策\t5.1\u{7}と\u{1b}".into(),
                bold: false,
                size: None,
            }],
            ..Default::default()
        };
        let r = render(&doc, &fonts, 0).unwrap();
        assert_eq!(r.missing_glyphs, ['\u{7}', '\u{1b}']);
    }
}
