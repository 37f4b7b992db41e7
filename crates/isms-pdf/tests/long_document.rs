//! A long document as the whitepaper exporter builds one — cover, table of contents, numbered chapters and sections,
//! lists, indents, images — rendered and read back with poppler (`pdftotext`, `pdfinfo`, `pdfimages`) and lopdf.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use std::path::{Path, PathBuf};
use std::process::Command;

use isms_pdf::{
    layout::layout, layout_with_toc, render_laid_out, render_with_toc, Align, Block, Document,
    FontSet, Orientation, PageSetup, Paragraph, Section, TocLine,
};

const PNG: &[u8] = include_bytes!("fixtures/rgb-4x3.png");
const PNG_ALPHA: &[u8] = include_bytes!("fixtures/rgba-interlaced-5x4.png");
const PNG_PALETTE: &[u8] = include_bytes!("fixtures/palette-6x2.png");
const JPEG: &[u8] = include_bytes!("fixtures/gradient-16x8.jpg");

fn fonts() -> FontSet {
    FontSet::builtin().expect("fonts load")
}

fn poppler(tool: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(tool)
        .args(args)
        .arg(pdf)
        .args(if tool == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| panic!("{tool} must be installed (poppler-utils): {e}"));
    assert!(
        out.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// Writes `bytes` into a fresh temporary folder (removed when the returned guard drops).
fn write_temp(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

/// Chapter `c`, section `s`: the anchor key.
fn key(c: usize, s: usize) -> String {
    format!("sec-{c}-{s}")
}

const BODY: &str = "当社のクラウドサービスでは、お客様のデータを保護するため、ISO/IEC 27001:2022 および ISO/IEC 27017 に基づく管理策を適用しています。アクセス制御、暗号化、ログの監視、バックアップ、インシデント対応の各手順を定め、定期的に見直しています。";

/// A whitepaper of about 30 pages: cover, TOC (entries filled by `layout_with_toc`), 8 chapters of 4 sections.
fn whitepaper(chapters: usize, sections: usize) -> Document {
    let mut toc = Vec::new();
    let mut body = Vec::new();
    for c in 1..=chapters {
        let chapter = format!("第{c}章の見出し（情報セキュリティの取り組み）");
        toc.push(TocLine::new(1, format!("{c}"), &chapter).anchor(key(c, 0)));
        body.push(Block::Section(
            Section::new(1, chapter)
                .number(format!("{c}"))
                .anchor(key(c, 0))
                .page_break_before(),
        ));
        body.push(Block::Paragraph {
            text: BODY.into(),
            bold: false,
            size: None,
        });
        for s in 1..=sections {
            let title = if s == 2 {
                "とても長い節の見出しは折り返されても目次の頁番号が最後の行に右寄せで置かれることを確かめるための見出し".to_owned()
            } else {
                format!("節 {c}.{s} の見出し")
            };
            toc.push(TocLine::new(2, format!("{c}.{s}"), &title).anchor(key(c, s)));
            body.push(Block::Section(
                Section::new(2, title)
                    .number(format!("{c}.{s}"))
                    .anchor(key(c, s)),
            ));
            for p in 0..(2 + (c + s) % 4) {
                body.push(Block::Paragraph {
                    text: BODY.repeat(1 + p % 3),
                    bold: false,
                    size: None,
                });
            }
            body.push(Block::Section(Section::new(
                3,
                format!("{c}.{s}.1 小見出し"),
            )));
            body.push(Block::Numbered(vec![
                "利用者の登録と削除".into(),
                "特権の管理".into(),
                BODY.into(),
            ]));
            body.push(Block::Indent(
                8.0,
                vec![
                    Block::Section(Section::new(4, "補足")),
                    Block::Bullets(vec!["年次の見直し".into(), BODY.into()]),
                ],
            ));
            if s == 3 {
                body.push(Block::Image {
                    bytes: if c % 2 == 0 {
                        PNG.to_vec()
                    } else {
                        JPEG.to_vec()
                    },
                    width_mm: 120.0,
                    caption: Some(format!("図 {c}. 構成図")),
                });
            }
        }
    }
    let mut blocks = vec![
        Block::Space(60.0),
        Block::Text(
            Paragraph::new("クラウドサービス\nセキュリティホワイトペーパー")
                .bold()
                .size(24.0)
                .align(Align::Center),
        ),
        Block::Text(
            Paragraph::new("株式会社サンプル")
                .size(14.0)
                .align(Align::Center),
        ),
        Block::Text(Paragraph::new("2026年4月1日 第1.0版").align(Align::Right)),
        Block::Section(Section::new(1, "目次").page_break_before()),
        Block::Toc(toc),
    ];
    blocks.extend(body);
    let mut setup = PageSetup::a4(Orientation::Portrait);
    setup.body_size = 10.0;
    setup.header_left = "セキュリティホワイトペーパー".into();
    Document {
        title: "クラウドサービス セキュリティホワイトペーパー".into(),
        author: "株式会社サンプル".into(),
        subject: "情報セキュリティへの取り組み".into(),
        keywords: vec!["ISMS".into(), "ISO/IEC 27017".into(), "クラウド".into()],
        setup,
        blocks,
    }
}

#[test]
fn the_toc_prints_the_pages_the_headings_land_on() {
    let f = fonts();
    let mut doc = whitepaper(8, 4);
    let out = layout_with_toc(&mut doc, &f).unwrap();
    assert!(out.pages.len() >= 25, "{} pages", out.pages.len());
    assert_eq!(out.anchors.len(), 8 * 5);
    let pdf = render_laid_out(&doc, out.clone(), &f, 0).unwrap();
    let (_dir, path) = write_temp("whitepaper.pdf", &pdf.bytes);
    let text = poppler("pdftotext", &["-layout", "-enc", "UTF-8"], &path);
    let pages: Vec<&str> = text.split('\u{c}').collect();
    // The TOC pages: those between the 目次 heading and the first chapter.
    let first_chapter = out.anchors[0].1;
    let toc_text: String = pages[1..first_chapter].join("\n");
    for (c, s, title) in [
        (1, 0, "第1章の見出し"),
        (3, 1, "節 3.1 の見出し"),
        (8, 4, "節 8.4 の見出し"),
    ] {
        let number = if s == 0 {
            format!("{c}")
        } else {
            format!("{c}.{s}")
        };
        let line = toc_text
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{number} ")) && l.contains(title))
            .unwrap_or_else(|| panic!("TOC line for {number} in:\n{toc_text}"));
        assert!(line.contains("……"), "dot leaders: {line}");
        let printed: usize = line
            .split_whitespace()
            .last()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("page number at the end of: {line}"));
        let landed = out.anchors.iter().find(|(k, _)| *k == key(c, s)).unwrap().1;
        assert_eq!(printed, landed + 1, "{line}");
        // And the heading really is on that page of the PDF.
        assert!(
            pages[landed].contains(title),
            "page {printed} holds {title}"
        );
    }
    // A long title wraps and its page number sits on its last line, after the leaders.
    let wrapped: Vec<&str> = toc_text
        .lines()
        .skip_while(|l| !l.contains("とても長い節の見出し"))
        .take(2)
        .collect();
    assert!(
        !wrapped[0].contains('…'),
        "no leaders on the first line: {wrapped:?}"
    );
    assert!(
        wrapped[1].contains('…') && wrapped[1].trim_end().ends_with(char::is_numeric),
        "{wrapped:?}"
    );
}

#[test]
fn every_toc_page_number_equals_the_anchor_page() {
    let f = fonts();
    let mut doc = whitepaper(8, 4);
    let out = layout_with_toc(&mut doc, &f).unwrap();
    let Block::Toc(entries) = &doc.blocks[5] else {
        panic!("the TOC block")
    };
    for entry in entries {
        let key = entry.anchor.as_deref().unwrap();
        let page = out.anchors.iter().find(|(k, _)| k == key).unwrap().1;
        assert_eq!(entry.page.as_deref(), Some((page + 1).to_string().as_str()));
    }
    // The second pass moved nothing: a fresh layout of the filled document lands every heading on the same page.
    assert_eq!(layout(&doc, &f).unwrap().anchors, out.anchors);
}

#[test]
fn headings_are_bookmarks_nested_by_level_and_metadata_is_written() {
    let f = fonts();
    let pdf = render_with_toc(&whitepaper(3, 2), &f, 0).unwrap();
    let doc = lopdf::Document::load_mem(&pdf.bytes).unwrap();
    let catalog = doc.catalog().unwrap();
    let outlines = doc
        .get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap())
        .unwrap();
    let title =
        |d: &lopdf::Dictionary| lopdf::decode_text_string(d.get(b"Title").unwrap()).unwrap();
    let children = |d: &lopdf::Dictionary| {
        let mut out = Vec::new();
        let mut next = d.get(b"First").ok().map(|f| f.as_reference().unwrap());
        while let Some(id) = next {
            let child = doc.get_dictionary(id).unwrap();
            out.push(child.clone());
            next = child.get(b"Next").ok().map(|n| n.as_reference().unwrap());
        }
        out
    };
    let chapters = children(outlines);
    let names: Vec<String> = chapters.iter().map(title).collect();
    assert_eq!(
        names,
        [
            "1 第1章の見出し（情報セキュリティの取り組み）",
            "2 第2章の見出し（情報セキュリティの取り組み）",
            "3 第3章の見出し（情報セキュリティの取り組み）"
        ]
    );
    let sections: Vec<String> = children(&chapters[1]).iter().map(title).collect();
    assert_eq!(sections[0], "2.1 節 2.1 の見出し");
    assert_eq!(sections.len(), 2);
    // Each bookmark opens the page its heading is on.
    let pages = doc.get_pages();
    let laid_out = &pdf.laid_out;
    for (chapter, entry) in chapters
        .iter()
        .zip(laid_out.outline.iter().filter(|e| e.level == 1))
    {
        let dest = chapter.get(b"Dest").unwrap().as_array().unwrap();
        let page_id = dest[0].as_reference().unwrap();
        assert_eq!(pages[&(entry.page as u32 + 1)], page_id);
    }

    let (_dir, path) = write_temp("outline.pdf", &pdf.bytes);
    let info = poppler("pdfinfo", &["-enc", "UTF-8"], &path);
    for expected in [
        "クラウドサービス セキュリティホワイトペーパー",
        "株式会社サンプル",
        "情報セキュリティへの取り組み",
        "ISMS,ISO/IEC 27017,クラウド",
    ] {
        assert!(info.contains(expected), "{expected} in:\n{info}");
    }
}

#[test]
fn png_and_jpeg_images_are_embedded() {
    let f = fonts();
    let image = |bytes: &[u8]| Block::Image {
        bytes: bytes.to_vec(),
        width_mm: 40.0,
        caption: Some("図".into()),
    };
    let doc = Document {
        blocks: vec![
            image(PNG),
            image(PNG_ALPHA),
            image(PNG_PALETTE),
            image(JPEG),
        ],
        ..Document::default()
    };
    let pdf = isms_pdf::render(&doc, &f, 0).unwrap();
    let (_dir, path) = write_temp("images.pdf", &pdf.bytes);
    let list = poppler("pdfimages", &["-list"], &path);
    let rows: Vec<Vec<&str>> = list
        .lines()
        .skip(2)
        .map(|l| l.split_whitespace().collect())
        .collect();
    // page num type width height color comp bpc enc …
    let summary: Vec<(&str, &str, &str, &str, &str)> = rows
        .iter()
        .map(|r| (r[2], r[3], r[4], r[5], r[8]))
        .collect();
    assert_eq!(
        summary,
        [
            ("image", "4", "3", "rgb", "image"),
            ("image", "5", "4", "rgb", "image"),
            ("smask", "5", "4", "gray", "image"),
            ("image", "6", "2", "index", "image"),
            ("image", "16", "8", "rgb", "jpeg"),
        ],
        "{list}"
    );
}

#[test]
fn a_broken_image_is_an_error_not_a_panic() {
    let f = fonts();
    let doc = Document {
        blocks: vec![Block::Image {
            bytes: JPEG[..30].to_vec(),
            width_mm: 40.0,
            caption: None,
        }],
        ..Document::default()
    };
    let err = isms_pdf::render(&doc, &f, 0).err().expect("an error");
    assert!(
        err.to_string().starts_with("image: JPEG file is truncated"),
        "{err}"
    );
}

#[test]
fn a_thirty_page_document_lays_out_and_renders_quickly() {
    let f = fonts();
    let doc = whitepaper(8, 4);
    // Warm the glyph-width caches as an app that exports more than once would.
    render_with_toc(&doc, &f, 0).unwrap();
    let start = std::time::Instant::now();
    let pdf = render_with_toc(&doc, &f, 0).unwrap();
    let took = start.elapsed();
    assert!(pdf.pages >= 25);
    eprintln!("{} pages in {took:?}", pdf.pages);
    // Release builds must stay under 0.5 s; debug builds are far slower, so only a loose bound here.
    let limit = if cfg!(debug_assertions) { 20.0 } else { 0.5 };
    assert!(took.as_secs_f64() < limit, "{took:?}");
}
