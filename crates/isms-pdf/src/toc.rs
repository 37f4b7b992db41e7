//! Tables of contents that print the pages their headings landed on: fill each entry's page from the anchors of a
//! first layout, then lay out again (the entries wrap the same whatever their page numbers, so nothing moves).

use std::collections::HashMap;

use crate::error::Result;
use crate::fonts::FontSet;
use crate::layout::{layout, Block, Document, LaidOut};

/// Sets the page of every table-of-contents entry whose anchor is in `anchors` (as `LaidOut::anchors` gives them,
/// 0-based) to the page number as the footer prints it (1-based), in `blocks` and in the blocks of indents. Entries
/// whose anchor is not there keep their page. Returns whether any page changed.
pub fn fill_toc_pages(blocks: &mut [Block], anchors: &[(String, usize)]) -> bool {
    let pages: HashMap<&str, usize> = anchors.iter().map(|(k, p)| (k.as_str(), *p)).collect();
    fill(blocks, &pages)
}

fn fill(blocks: &mut [Block], pages: &HashMap<&str, usize>) -> bool {
    let mut changed = false;
    for block in blocks {
        match block {
            Block::Toc(entries) => {
                for entry in entries {
                    let Some(page) = entry.anchor.as_deref().and_then(|a| pages.get(a)) else {
                        continue;
                    };
                    let printed = (page + 1).to_string();
                    if entry.page.as_deref() != Some(printed.as_str()) {
                        entry.page = Some(printed);
                        changed = true;
                    }
                }
            }
            Block::Indent(_, inner) => changed |= fill(inner, pages),
            _ => {}
        }
    }
    changed
}

/// Lays out a document whose table of contents lists its own headings: entries with an `anchor` get the page where
/// the [`Section`](crate::Section) with that anchor landed. The document is laid out once, the pages are filled in
/// (`doc` is updated), and it is laid out again; a further pass is made only if a page changed (at most three in all).
///
/// ```
/// use isms_pdf::{layout_with_toc, render_laid_out, Block, Document, FontSet, Section, TocLine};
///
/// let fonts = FontSet::builtin()?;
/// let mut doc = Document {
///     title: "ホワイトペーパー".into(),
///     blocks: vec![
///         Block::Toc(vec![TocLine::new(1, "1", "はじめに").anchor("intro")]),
///         Block::Section(Section::new(1, "はじめに").number("1").anchor("intro").page_break_before()),
///         Block::Paragraph { text: "本書は…".into(), bold: false, size: None },
///     ],
///     ..Document::default()
/// };
/// let laid_out = layout_with_toc(&mut doc, &fonts)?;
/// assert_eq!(laid_out.anchors, [("intro".to_owned(), 1)]);
/// let Block::Toc(toc) = &doc.blocks[0] else { unreachable!() };
/// assert_eq!(toc[0].page.as_deref(), Some("2")); // printed "1 はじめに ……… 2"
/// let pdf = render_laid_out(&doc, laid_out, &fonts, 0)?;
/// assert_eq!(pdf.pages, 2);
/// # Ok::<(), isms_pdf::PdfError>(())
/// ```
pub fn layout_with_toc(doc: &mut Document, fonts: &FontSet) -> Result<LaidOut> {
    let mut out = layout(doc, fonts)?;
    for _ in 0..2 {
        if !fill_toc_pages(&mut doc.blocks, &out.anchors) {
            break;
        }
        out = layout(doc, fonts)?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::TocLine;

    #[test]
    fn pages_are_filled_from_anchors_in_indents_too() {
        let mut blocks = vec![
            Block::Toc(vec![
                TocLine::new(1, "1", "a").anchor("a"),
                TocLine::new(1, "2", "kept").page("ix"),
                TocLine::new(1, "3", "unknown").anchor("nowhere"),
            ]),
            Block::Indent(
                5.0,
                vec![Block::Toc(vec![TocLine::new(2, "1.1", "b").anchor("b")])],
            ),
        ];
        let anchors = [("a".to_owned(), 2), ("b".to_owned(), 9)];
        assert!(fill_toc_pages(&mut blocks, &anchors));
        let Block::Toc(top) = &blocks[0] else {
            panic!()
        };
        let pages: Vec<Option<&str>> = top.iter().map(|e| e.page.as_deref()).collect();
        assert_eq!(pages, [Some("3"), Some("ix"), None]);
        let Block::Indent(_, inner) = &blocks[1] else {
            panic!()
        };
        let Block::Toc(nested) = &inner[0] else {
            panic!()
        };
        assert_eq!(nested[0].page.as_deref(), Some("10"));
        assert!(
            !fill_toc_pages(&mut blocks, &anchors),
            "nothing changes the second time"
        );
    }
}
