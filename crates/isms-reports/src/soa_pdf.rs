//! The SoA as a landscape A4 PDF: title block with 作成/承認 boxes, summary, the Annex A table by theme, the ISO/IEC 27017 table, the revision history.

use isms_pdf::{Align, Block, Cell, Document, FontSet, Orientation, PageSetup, Rgb, Table};

use isms_core::soa::VersionStatus;

use crate::soa_rows::{ControlLine, Group, SoaContent};

const BODY: f32 = 8.0;
const CONTENT_WIDTH_MM: f32 = 269.0;

fn header(cells: &[&str]) -> Vec<Cell> {
    cells
        .iter()
        .map(|t| {
            Cell::new(*t)
                .bold()
                .fill(Rgb::HEADER_FILL)
                .align(Align::Center)
        })
        .collect()
}

fn group_row(title: &str, columns: usize) -> Vec<Cell> {
    vec![Cell::new(title)
        .bold()
        .fill(Rgb::SECTION_FILL)
        .span(columns)]
}

fn applicable_cell(line: &ControlLine) -> Cell {
    let cell = Cell::new(line.applicable_text.clone()).align(Align::Center);
    match line.applicable {
        None => cell.color(Rgb::GREY),
        _ => cell,
    }
}

fn annex_a_table(c: &SoaContent) -> Table {
    let l = &c.labels;
    let mut rows = Vec::new();
    for Group { title, lines } in &c.annex_a {
        rows.push(group_row(title, 7));
        for line in lines {
            rows.push(vec![
                Cell::new(line.id.clone()),
                Cell::new(line.title.clone()),
                applicable_cell(line),
                Cell::new(line.reason.clone()),
                Cell::new(line.implementation.clone()),
                Cell::new(line.status.clone()).align(Align::Center),
                Cell::new(line.documents.clone()),
            ]);
        }
    }
    Table {
        widths_mm: l.annex_a_widths.clone(),
        header: header(&[
            &l.col_id,
            &l.col_control,
            &l.col_applicable,
            &l.col_reason,
            &l.col_implementation,
            &l.col_status,
            &l.col_documents,
        ]),
        rows,
        font_size: BODY,
        x_offset_mm: 0.0,
        continued: Some(l.continued.clone()),
    }
}

fn cloud_table(c: &SoaContent) -> Table {
    let l = &c.labels;
    let mut rows = Vec::new();
    for Group { title, lines } in &c.cloud {
        rows.push(group_row(title, 7));
        for line in lines {
            let mut id = if line.extended_by_27017 {
                format!("{} ◆", line.id)
            } else {
                line.id.clone()
            };
            if !line.derived.is_empty() {
                id = format!("{id}\n{}", line.derived);
            }
            let text = if line.applicable == Some(false) {
                line.reason.clone()
            } else {
                line.implementation.clone()
            };
            rows.push(vec![
                Cell::new(id),
                Cell::new(line.title.clone()),
                applicable_cell(line),
                Cell::new(line.role.clone()).align(Align::Center),
                Cell::new(line.inherited_from.clone()),
                Cell::new(text),
                Cell::new(line.status.clone()).align(Align::Center),
            ]);
        }
    }
    Table {
        widths_mm: l.cloud_widths.clone(),
        header: header(&[
            &l.col_id,
            &l.col_control,
            &l.col_applicable,
            &l.col_role,
            &l.col_inherited,
            &format!("{} / {}", l.col_implementation, l.col_reason),
            &l.col_status,
        ]),
        rows,
        font_size: BODY,
        x_offset_mm: 0.0,
        continued: Some(l.continued.clone()),
    }
}

fn history_block(c: &SoaContent) -> Block {
    let l = &c.labels;
    if c.history.is_empty() {
        return Block::Paragraph {
            text: l.no_history.clone(),
            bold: false,
            size: None,
        };
    }
    Block::Table(Table {
        widths_mm: vec![16.0, 32.0, 161.0, 30.0, 30.0],
        header: header(&[
            &l.col_version,
            &l.col_date,
            &l.col_changes,
            &l.col_prepared,
            &l.col_approved,
        ]),
        rows: c
            .history
            .iter()
            .map(|[v, d, s, p, a]| {
                vec![
                    Cell::new(v.clone()).align(Align::Center),
                    Cell::new(d.clone()),
                    Cell::new(s.clone()),
                    Cell::new(p.clone()).keep_words(),
                    Cell::new(a.clone()).keep_words(),
                ]
            })
            .collect(),
        font_size: BODY,
        x_offset_mm: 0.0,
        continued: None,
    })
}

/// The document model of the SoA, ready for `isms_pdf::render`.
pub fn document(c: &SoaContent) -> Document {
    let l = &c.labels;
    let mut setup = PageSetup::a4(Orientation::Landscape);
    setup.margins_mm = [18.0, 14.0, 16.0, 14.0];
    setup.body_size = 9.0;
    setup.header_left = format!("{}　{}", l.short_title, c.organisation)
        .trim()
        .to_owned();
    let version_label = if c.draft {
        l.draft_version.clone()
    } else {
        l.version_format.replace("{v}", &c.version)
    };
    setup.header_right = format!("{}　{}", c.document_number, version_label)
        .trim()
        .to_owned();
    setup.footer_left = format!("{} {}", l.issue_date, c.issue_date);
    if c.status == VersionStatus::Superseded {
        setup.footer_left = format!("{}　{}", setup.footer_left, l.superseded_note);
    }
    setup.draft_mark = if c.draft {
        Some(l.draft_mark.clone())
    } else if c.status == VersionStatus::Withdrawn {
        Some(l.withdrawn_mark.clone())
    } else {
        None
    };

    let sign_w = 32.0;
    let sign_off = Table {
        widths_mm: vec![sign_w, sign_w],
        header: header(&[&l.approved, &l.prepared]),
        rows: vec![vec![
            Cell::new(format!("\n{}\n", c.approved_by))
                .align(Align::Center)
                .keep_words(),
            Cell::new(format!("\n{}\n", c.prepared_by))
                .align(Align::Center)
                .keep_words(),
        ]],
        font_size: 9.0,
        x_offset_mm: CONTENT_WIDTH_MM - 2.0 * sign_w,
        continued: None,
    };
    let info = Table {
        widths_mm: vec![38.0, CONTENT_WIDTH_MM - 38.0],
        header: Vec::new(),
        rows: [
            (&l.organisation, &c.organisation),
            (&l.scope, &c.scope),
            (&l.document_number, &c.document_number),
            (&l.version, &c.version),
            (&l.issue_date, &c.issue_date),
        ]
        .into_iter()
        .map(|(k, v)| {
            vec![
                Cell::new(k.clone()).bold().fill(Rgb::SECTION_FILL),
                Cell::new(v.clone()),
            ]
        })
        .collect(),
        font_size: 9.5,
        x_offset_mm: 0.0,
        continued: None,
    };
    Document {
        title: format!("{} {}", l.document_title, version_label),
        author: c.organisation.clone(),
        subject: String::new(),
        keywords: c
            .proof
            .as_ref()
            .map(|(content, head)| {
                crate::proof_keywords("soa", &c.version, content, head.as_deref())
            })
            .unwrap_or_default(),
        setup,
        blocks: vec![
            Block::Heading {
                text: l.document_title.clone(),
                level: 0,
            },
            Block::Table(sign_off),
            Block::Table(info),
            Block::Heading {
                text: l.summary_heading.clone(),
                level: 2,
            },
            Block::Bullets(c.summary_lines()),
            Block::Heading {
                text: l.annex_a_heading.clone(),
                level: 1,
            },
            Block::Table(annex_a_table(c)),
            Block::PageBreak,
            Block::Heading {
                text: l.cloud_heading.clone(),
                level: 1,
            },
            Block::Paragraph {
                text: l.cloud_note.clone(),
                bold: false,
                size: Some(8.0),
            },
            Block::Table(cloud_table(c)),
            Block::Heading {
                text: l.history_heading.clone(),
                level: 1,
            },
            history_block(c),
        ],
    }
}

/// Renders the SoA; `created_unix` is stored as the PDF's creation date.
pub fn render(
    c: &SoaContent,
    fonts: &FontSet,
    created_unix: i64,
) -> crate::Result<isms_pdf::Rendered> {
    Ok(isms_pdf::render(&document(c), fonts, created_unix)?)
}
