//! A sheet of printable classification labels: for each asset its level's label text on the level's colour, the asset id and name; 2 × 6 labels per A4 page.

use std::path::Path;

use isms_core::asset::classification::AssetScheme;
use isms_core::asset::AssetView;
use isms_pdf::{FontSet, Item, LaidOut, Page, Rgb, MM};

use crate::{write_whole, ExportFormat, ExportReport, Result};

const COLUMNS: usize = 2;
const ROWS: usize = 6;
const LABEL_W: f32 = 90.0;
const LABEL_H: f32 = 42.0;
const GAP_X: f32 = 6.0;
const PITCH_Y: f32 = 45.0;
const LEFT: f32 = (210.0 - COLUMNS as f32 * LABEL_W - GAP_X) / 2.0;
const TOP: f32 = (297.0 - ROWS as f32 * PITCH_Y) / 2.0;

fn label_items(
    view: &AssetView,
    scheme: &AssetScheme,
    fonts: &FontSet,
    x: f32,
    y: f32,
) -> Vec<Item> {
    let a = &view.asset;
    let level = a.classification.as_deref().and_then(|c| scheme.level(c));
    let colour = level
        .and_then(|l| Rgb::from_hex(&l.colour))
        .unwrap_or(Rgb::GREY);
    let label = level.map_or_else(|| "未分類 UNCLASSIFIED".to_owned(), |l| l.label.clone());
    let (w, h) = (LABEL_W * MM, LABEL_H * MM);
    let bar = 11.0 * MM;
    let mut items = vec![Item::Rect {
        x,
        y,
        w,
        h: bar,
        fill: colour,
    }];
    let white = Rgb(1.0, 1.0, 1.0);
    items.push(Item::Text {
        x: x + 3.0 * MM,
        y: y + bar * 0.68,
        text: label,
        size: 15.0,
        bold: true,
        color: white,
    });
    items.push(Item::Text {
        x: x + 3.0 * MM,
        y: y + bar + 8.0 * MM,
        text: a.asset_id.clone(),
        size: 16.0,
        bold: true,
        color: Rgb::BLACK,
    });
    let face = fonts.face(false);
    let lines = isms_pdf::wrap::wrap(&a.name, w - 6.0 * MM, &|s: &str| face.text_width(s, 10.5));
    for (i, line) in lines.iter().take(2).enumerate() {
        items.push(Item::Text {
            x: x + 3.0 * MM,
            y: y + bar + 15.0 * MM + i as f32 * 5.0 * MM,
            text: line.clone(),
            size: 10.5,
            bold: false,
            color: Rgb::BLACK,
        });
    }
    let owner = if a.owner.is_empty() {
        String::new()
    } else {
        format!("管理責任者 {}", a.owner)
    };
    items.push(Item::Text {
        x: x + 3.0 * MM,
        y: y + h - 3.0 * MM,
        text: owner,
        size: 8.0,
        bold: false,
        color: Rgb::GREY,
    });
    let (x2, y2) = (x + w, y + h);
    for (x1, y1, xa, ya) in [
        (x, y, x2, y),
        (x2, y, x2, y2),
        (x2, y2, x, y2),
        (x, y2, x, y),
    ] {
        items.push(Item::Line {
            x1,
            y1,
            x2: xa,
            y2: ya,
            width: 0.6,
            color: Rgb::RULE,
        });
    }
    items
}

/// Lays the labels out, `COLUMNS × ROWS` per page, in the order given.
pub fn pages(assets: &[AssetView], scheme: &AssetScheme, fonts: &FontSet) -> LaidOut {
    let mut out = LaidOut::default();
    for chunk in assets.chunks(COLUMNS * ROWS) {
        let mut page = Page::default();
        for (i, view) in chunk.iter().enumerate() {
            let (col, row) = (i % COLUMNS, i / COLUMNS);
            let x = (LEFT + col as f32 * (LABEL_W + GAP_X)) * MM;
            let y = (TOP + row as f32 * PITCH_Y) * MM;
            page.items.extend(label_items(view, scheme, fonts, x, y));
        }
        out.pages.push(page);
    }
    out
}

/// Writes the label sheet for `assets` to `out` (a `.pdf`).
pub fn export(assets: &[AssetView], scheme: &AssetScheme, out: &Path) -> Result<ExportReport> {
    if ExportFormat::from_path(out)? != ExportFormat::Pdf {
        return Err(crate::ReportError::UnsupportedFormat {
            path: out.display().to_string(),
        });
    }
    if assets.is_empty() {
        return Err(crate::ReportError::Nothing(
            "no assets match; no labels to print".to_owned(),
        ));
    }
    let fonts = FontSet::builtin()?;
    let laid_out = pages(assets, scheme, &fonts);
    let rendered = isms_pdf::render_pages(
        "情報資産ラベル",
        "",
        (210.0 * MM, 297.0 * MM),
        laid_out,
        &fonts,
        chrono::Utc::now().timestamp(),
    )?;
    write_whole(out, &rendered.bytes)?;
    Ok(ExportReport {
        path: out.display().to_string(),
        format: ExportFormat::Pdf,
        version: None,
        draft: false,
        bytes: rendered.bytes.len(),
        pages: Some(rendered.pages),
        missing_glyphs: rendered.missing_glyphs,
    })
}
