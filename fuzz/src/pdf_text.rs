//! Fuzz target `pdf_text`: arbitrary Unicode through the PDF engine's layout and rendering — paragraphs, headings,
//! numbered sections, aligned text, lists, tables (with words kept whole or not), tables of contents, indents —
//! including characters the font lacks.
//!
//! The first byte chooses the block and its options; the rest is the text (UTF-8, invalid sequences replaced). Besides
//! never panicking:
//! - layout never fails and never drops text: every character of the input that is not white space appears in the
//!   laid-out text items at least as often as in the input;
//! - a character the font lacks is reported in `missing_glyphs` (and drawn as 〓; white space it lacks, a tab, is
//!   drawn blank): nothing is drawn with a glyph the font does not have (an empty box);
//! - line breaking keeps every character, starts no line but a paragraph's first with a character kinsoku forbids
//!   there (。、）」, small kana …) and ends none but its last with an opening bracket;
//! - `Rgb::from_hex` answers `None` for anything but `#RRGGBB`.
//!
//! Shared by `fuzz/fuzz_targets/pdf_text.rs` and the replay in `crates/isms-pdf/tests/fuzz_corpus.rs`.

use std::collections::HashMap;
use std::sync::OnceLock;

use isms_pdf::layout::{
    layout, Align, Block, Cell, Document, Item, Paragraph, Section, Table, TocLine,
};
use isms_pdf::wrap::{wrap, wrap_words, NO_LINE_END, NO_LINE_START};
use isms_pdf::{render_laid_out, FontSet, Rgb};

fn fonts() -> &'static FontSet {
    static FONTS: OnceLock<FontSet> = OnceLock::new();
    FONTS.get_or_init(|| FontSet::builtin().expect("the built-in fonts"))
}

/// Items of a list or cells of a table are separated by `|` in the text, rows by line breaks.
fn pieces(text: &str) -> Vec<String> {
    text.split('|').map(str::to_owned).collect()
}

fn block(selector: u8, text: &str) -> Block {
    let level = (selector >> 3) % 5;
    match selector & 7 {
        0 => Block::Paragraph {
            text: text.to_owned(),
            bold: selector & 8 != 0,
            size: None,
        },
        1 => Block::Heading {
            text: text.to_owned(),
            level: level % 3,
        },
        2 => {
            let mut s = Section::new(level, text).anchor("s");
            if selector & 0x20 != 0 {
                s = s.number(format!("{}.{}", level + 1, selector >> 5));
            }
            Block::Section(s)
        }
        3 => Block::Text(
            Paragraph::new(text)
                .align(match level % 3 {
                    0 => Align::Left,
                    1 => Align::Center,
                    _ => Align::Right,
                })
                .size(6.0 + f32::from(level) * 4.0),
        ),
        4 => Block::Bullets(pieces(text)),
        5 => Block::Numbered(pieces(text)),
        6 => {
            let keep = selector & 0x08 != 0;
            let widths_mm = match (selector >> 4) % 4 {
                0 => vec![12.0, 40.0, 60.0],
                1 => vec![8.0, 8.0, 8.0],
                2 => vec![30.0, 200.0, 90.0],
                _ => vec![3.0, 50.0, 20.0],
            };
            let rows = text
                .split('\n')
                .map(|line| {
                    let mut cells: Vec<String> = line.splitn(3, '|').map(str::to_owned).collect();
                    cells.resize(3, String::new());
                    cells
                        .into_iter()
                        .map(|c| {
                            if keep {
                                Cell::new(c).keep_words()
                            } else {
                                Cell::new(c)
                            }
                        })
                        .collect()
                })
                .collect();
            Block::Table(Table {
                widths_mm,
                header: vec![
                    Cell::new("管理策").bold(),
                    Cell::new("内容").bold(),
                    Cell::new("担当").bold(),
                ],
                rows,
                font_size: 7.0 + f32::from(level),
                x_offset_mm: 0.0,
                continued: (selector & 0x80 != 0).then(|| "（続き）".to_owned()),
            })
        }
        _ => Block::Toc(
            text.split('\n')
                .enumerate()
                .map(|(i, line)| {
                    let (number, rest) = line.split_once('|').unwrap_or(("", line));
                    let mut t = TocLine::new(1 + (i % 4) as u8, number, rest);
                    if selector & 0x08 != 0 {
                        t = t.page(format!("{}", i + 1));
                    }
                    t
                })
                .collect(),
        ),
    }
}

fn visible(c: char) -> bool {
    !c.is_whitespace()
}

fn counts(text: &str, keep: impl Fn(char) -> bool) -> HashMap<char, usize> {
    let mut m = HashMap::new();
    for c in text.chars().filter(|c| keep(*c)) {
        *m.entry(c).or_default() += 1;
    }
    m
}

pub fn run(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest).into_owned();
    let fonts = fonts();

    hex(&text);
    line_breaking(&text, selector);

    let mut b = block(selector, &text);
    if selector & 0x40 != 0 {
        b = Block::Indent(25.0, vec![b]);
    }
    let doc = Document {
        title: "fuzz".to_owned(),
        blocks: vec![b],
        ..Default::default()
    };
    let laid = match layout(&doc, fonts) {
        Ok(l) => l,
        Err(e) => panic!("layout failed (the text would be lost): {e}"),
    };
    let mut drawn = String::new();
    for page in &laid.pages {
        for item in &page.items {
            match item {
                Item::Text { text, .. } | Item::Watermark { text } => drawn.push_str(text),
                _ => {}
            }
        }
    }
    // Lists, tables and tables of contents take `|` as their separator.
    let wanted = counts(&text, |c| visible(c) && (c != '|' || selector & 7 < 4));
    let got = counts(&drawn, visible);
    for (c, n) in &wanted {
        let m = got.get(c).copied().unwrap_or(0);
        assert!(
            m >= *n,
            "{c:?} (U+{:04X}) appears {n} times in the text but {m} times on the pages",
            *c as u32
        );
    }

    // Rendering (a quarter of the inputs, chosen by their length: it embeds and subsets the fonts, the slow part):
    // whatever the font cannot draw is reported (and drawn as 〓), never drawn as an empty box.
    if rest.len() % 4 != 0 {
        return;
    }
    let items: Vec<(String, bool)> = laid
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| match i {
            Item::Text { text, bold, .. } => Some((text.clone(), *bold)),
            _ => None,
        })
        .collect();
    let rendered = render_laid_out(&doc, laid, fonts, 0).expect("rendered");
    assert!(rendered.bytes.starts_with(b"%PDF-"));
    for (text, bold) in &items {
        let face = fonts.face(*bold);
        for c in text.chars() {
            assert!(
                face.covers(c) || c.is_whitespace() || rendered.missing_glyphs.contains(&c),
                "{c:?} (U+{:04X}) is drawn with a glyph the font lacks, and not reported",
                c as u32
            );
        }
    }
}

fn hex(text: &str) {
    let ok = text.len() == 7
        && text.starts_with('#')
        && text[1..].bytes().all(|b| b.is_ascii_hexdigit());
    assert_eq!(Rgb::from_hex(text).is_some(), ok, "{text:?}");
}

fn line_breaking(text: &str, selector: u8) {
    let face = fonts().face(false);
    let measure = |s: &str| face.text_width(s, 9.0);
    let width = 4.0 + f32::from(selector) * 1.5;
    for (lines, words) in [
        (wrap(text, width, &measure), false),
        (wrap_words(text, width, &measure), true),
    ] {
        let joined: String = lines.concat();
        assert_eq!(
            counts(&joined, visible),
            counts(text, visible),
            "line breaking (words: {words}) lost or added characters: {lines:?}"
        );
        if words {
            continue;
        }
        // Kinsoku, within each paragraph (explicit line breaks start new ones).
        let mut paragraphs = text.split('\n');
        let mut budget: Vec<usize> = Vec::new();
        for p in paragraphs.by_ref() {
            budget.push(wrap(p, width, &measure).len());
        }
        let mut i = 0;
        for n in budget {
            let para = &lines[i..i + n];
            for (k, line) in para.iter().enumerate() {
                if k > 0 {
                    if let Some(first) = line.chars().next() {
                        assert!(
                            !NO_LINE_START.contains(first),
                            "a line starts with {first:?}: {para:?}"
                        );
                    }
                }
                if k + 1 < n && line.chars().count() > 1 {
                    if let Some(last) = line.chars().last() {
                        assert!(
                            !NO_LINE_END.contains(last),
                            "a line ends with {last:?}: {para:?}"
                        );
                    }
                }
            }
            i += n;
        }
        assert_eq!(i, lines.len());
    }
}
