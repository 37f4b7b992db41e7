//! Turns laid-out pages into a PDF with printpdf's low-level operations: fonts embedded and subset, text extractable.

use printpdf::{
    Color, Line, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions,
    Point, Pt, Rect, TextItem, TextMatrix,
};

use crate::error::Result;
use crate::fonts::FontSet;
use crate::layout::{layout, Document, Item, LaidOut, Rgb, MM};

/// Drawn for a character the font has no glyph for, instead of an empty box (〓, the geta mark).
const MISSING_GLYPH: char = '〓';

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
    render_pages(
        &doc.title,
        &doc.author,
        doc.setup.size(),
        laid_out,
        fonts,
        created_unix,
    )
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
    let (page_w, page_h) = page_size;
    let mut pdf = PdfDocument::new(title);
    pdf.metadata.info.author = author.to_owned();
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
                            if ch.is_control() || face.covers(ch) {
                                ch
                            } else {
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
    let bytes = pdf.with_pages(pages).save(&opts, &mut Vec::new());
    Ok(Rendered {
        bytes,
        pages: page_count,
        laid_out,
        missing_glyphs: missing,
    })
}
