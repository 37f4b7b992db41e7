//! The supplier documents as PDF through the engine: one evaluation record (委託先評価表: supplier, kind, the checklist
//! with answers and notes, result, 評価者 / 承認者 boxes; a draft is marked on every page) and the クラウド一覧表.
//! Wording from `templates/reports/suppliers.toml`.

use std::path::Path;

use isms_core::supplier::evaluation::{AnswerValue, Evaluation, EvaluationKind, EvaluationResult};
use isms_core::supplier::lists::SupplierLists;
use isms_core::supplier::Supplier;
use isms_pdf::{Align, Block, Cell, Document, FontSet, Orientation, PageSetup, Rgb, Table};
use isms_sheets::supplier_export::CloudLine;
use serde::Deserialize;

use crate::labels::Lang;
use crate::{write_whole, ExportFormat, ExportReport, ReportError, Result};

#[derive(Debug, Clone, Deserialize)]
pub struct SupplierLabels {
    pub evaluation_title: String,
    pub title_format: String,
    pub cloud_title: String,
    pub draft_mark: String,
    pub organisation: String,
    pub evaluation_no: String,
    pub supplier: String,
    pub supplier_kind: String,
    pub services: String,
    pub criticality: String,
    pub information: String,
    pub evaluation_kind: String,
    pub evaluated_on: String,
    pub related_incident: String,
    pub checklist_heading: String,
    pub col_no: String,
    pub col_item: String,
    pub col_answer: String,
    pub col_note: String,
    pub result_heading: String,
    pub result: String,
    pub conditions: String,
    pub next_due: String,
    pub evaluator: String,
    pub approver: String,
    pub approved_at: String,
    pub not_approved: String,
    pub answer_conform: String,
    pub answer_nonconform: String,
    pub answer_na: String,
    pub answer_none: String,
    pub result_pass: String,
    pub result_conditional: String,
    pub result_fail: String,
    pub kind_new: String,
    pub kind_periodic: String,
    pub kind_re_evaluation: String,
    pub kind_change: String,
    pub cloud_item: String,
    pub count_summary: String,
    pub col_id: String,
    pub col_service: String,
    pub col_purpose: String,
    pub col_information: String,
    pub col_level: String,
    pub col_location: String,
    pub col_status: String,
    pub col_certs: String,
    pub col_evaluation: String,
    pub as_of: String,
    pub date_format: String,
}

#[derive(Deserialize)]
struct LabelsFile {
    ja: SupplierLabels,
    en: SupplierLabels,
}

impl SupplierLabels {
    pub fn load(lang: Lang) -> Result<SupplierLabels> {
        let file: LabelsFile =
            toml::from_str(include_str!("../../../templates/reports/suppliers.toml"))
                .map_err(|e| ReportError::Labels(e.message().to_owned()))?;
        Ok(match lang {
            Lang::Ja => file.ja,
            Lang::En => file.en,
        })
    }

    fn date(&self, d: chrono::NaiveDate) -> String {
        d.format(&self.date_format).to_string()
    }

    fn kind(&self, k: EvaluationKind) -> &str {
        match k {
            EvaluationKind::New => &self.kind_new,
            EvaluationKind::Periodic => &self.kind_periodic,
            EvaluationKind::ReEvaluation => &self.kind_re_evaluation,
            EvaluationKind::Change => &self.kind_change,
        }
    }

    fn result(&self, r: Option<EvaluationResult>) -> &str {
        match r {
            Some(EvaluationResult::Pass) => &self.result_pass,
            Some(EvaluationResult::Conditional) => &self.result_conditional,
            Some(EvaluationResult::Fail) => &self.result_fail,
            None => &self.answer_none,
        }
    }

    fn answer(&self, a: Option<AnswerValue>) -> &str {
        match a {
            Some(AnswerValue::Conform) => &self.answer_conform,
            Some(AnswerValue::Nonconform) => &self.answer_nonconform,
            Some(AnswerValue::Na) => &self.answer_na,
            None => &self.answer_none,
        }
    }
}

fn header_cells(cells: &[&str]) -> Vec<Cell> {
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

fn key_value(rows: &[(&str, String)], key_w: f32, total_w: f32) -> Table {
    Table {
        widths_mm: vec![key_w, total_w - key_w],
        header: Vec::new(),
        rows: rows
            .iter()
            .map(|(k, v)| {
                vec![
                    Cell::new(*k).bold().fill(Rgb::SECTION_FILL),
                    Cell::new(v.clone()),
                ]
            })
            .collect(),
        font_size: 9.0,
        x_offset_mm: 0.0,
        continued: None,
    }
}

fn label_of<'a>(
    list: impl Iterator<Item = &'a isms_core::supplier::lists::Labelled>,
    id: &str,
    lang: Lang,
) -> String {
    let list: Vec<_> = list.collect();
    list.iter().find(|l| l.id == id).map_or_else(
        || id.to_owned(),
        |l| {
            if lang == Lang::Ja {
                l.ja.clone()
            } else {
                l.en.clone()
            }
        },
    )
}

/// The evaluation record as a document.
pub fn evaluation_document(
    e: &Evaluation,
    supplier: &Supplier,
    lists: &SupplierLists,
    organisation: &str,
    lang: Lang,
) -> Result<Document> {
    let l = SupplierLabels::load(lang)?;
    let width = 182.0;
    let mut setup = PageSetup::a4(Orientation::Portrait);
    setup.header_left = format!("{}　{}", l.evaluation_title, organisation)
        .trim()
        .to_owned();
    setup.header_right = format!("{} {}", l.evaluation_no, e.id);
    setup.footer_left = format!("{} {}　{}", l.supplier, supplier.supplier_id, supplier.name);
    let draft = e.approved_at.is_none();
    setup.draft_mark = draft.then(|| l.draft_mark.clone());

    let sign_w = 34.0;
    let sign_off = Table {
        widths_mm: vec![sign_w, sign_w],
        header: header_cells(&[&l.approver, &l.evaluator]),
        rows: vec![vec![
            Cell::new(format!(
                "\n{}\n",
                if draft {
                    l.not_approved.clone()
                } else {
                    e.approver.clone()
                }
            ))
            .align(Align::Center)
            .keep_words(),
            Cell::new(format!("\n{}\n", e.evaluator))
                .align(Align::Center)
                .keep_words(),
        ]],
        font_size: 9.0,
        x_offset_mm: width - 2.0 * sign_w,
        continued: None,
    };
    let kind_label = label_of(lists.kinds.iter().map(|k| &k.label), &supplier.kind, lang);
    let mut info = vec![
        (l.organisation.as_str(), organisation.to_owned()),
        (
            l.supplier.as_str(),
            format!("{}　{}", supplier.supplier_id, supplier.name),
        ),
        (l.supplier_kind.as_str(), kind_label),
        (l.services.as_str(), supplier.services.clone()),
        (
            l.criticality.as_str(),
            label_of(
                lists.criticality.iter().map(|k| &k.label),
                &supplier.criticality,
                lang,
            ),
        ),
        (
            l.information.as_str(),
            supplier
                .info_categories
                .iter()
                .map(|c| label_of(lists.info_categories.iter(), c, lang))
                .chain((!supplier.highest_level.is_empty()).then(|| supplier.highest_level.clone()))
                .collect::<Vec<_>>()
                .join(" / "),
        ),
        (l.evaluation_kind.as_str(), l.kind(e.kind).to_owned()),
        (l.evaluated_on.as_str(), l.date(e.evaluated_on)),
    ];
    if !e.related_incident.is_empty() {
        info.push((l.related_incident.as_str(), e.related_incident.clone()));
    }
    let mut counts = [0usize; 3];
    let rows: Vec<Vec<Cell>> = e
        .answers
        .iter()
        .enumerate()
        .map(|(i, a)| {
            match a.answer {
                Some(AnswerValue::Conform) => counts[0] += 1,
                Some(AnswerValue::Nonconform) => counts[1] += 1,
                Some(AnswerValue::Na) => counts[2] += 1,
                None => {}
            }
            let question = if lang == Lang::Ja {
                &a.question_ja
            } else {
                &a.question_en
            };
            let cloud = if a.applies_to == "cloud" {
                l.cloud_item.as_str()
            } else {
                ""
            };
            let note = [a.note.as_str(), a.evidence.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .cloned()
                .collect::<Vec<_>>()
                .join("\n");
            let answer = Cell::new(l.answer(a.answer)).align(Align::Center);
            let answer = match a.answer {
                Some(AnswerValue::Nonconform) => answer.bold().color(Rgb::DRAFT),
                None => answer.color(Rgb::GREY),
                _ => answer,
            };
            vec![
                Cell::new(format!("{}", i + 1)).align(Align::Center),
                Cell::new(format!("{question}{cloud}")),
                answer,
                Cell::new(note),
            ]
        })
        .collect();
    let checklist = Table {
        widths_mm: vec![10.0, 102.0, 22.0, 48.0],
        header: header_cells(&[&l.col_no, &l.col_item, &l.col_answer, &l.col_note]),
        rows,
        font_size: 8.5,
        x_offset_mm: 0.0,
        continued: None,
    };
    let summary = l
        .count_summary
        .replace("{total}", &e.answers.len().to_string())
        .replace("{conform}", &counts[0].to_string())
        .replace("{nonconform}", &counts[1].to_string())
        .replace("{na}", &counts[2].to_string());
    let mut result_rows = vec![(l.result.as_str(), l.result(e.result).to_owned())];
    if !e.conditions.is_empty() {
        result_rows.push((l.conditions.as_str(), e.conditions.clone()));
    }
    if let Some(d) = e.next_due {
        result_rows.push((l.next_due.as_str(), l.date(d)));
    }
    if let Some(at) = &e.approved_at {
        result_rows.push((l.approved_at.as_str(), at.replace('T', " ")));
    }
    let title = l
        .title_format
        .replace("{title}", &l.evaluation_title)
        .replace("{kind}", l.kind(e.kind));
    Ok(Document {
        title: title.clone(),
        author: organisation.to_owned(),
        subject: String::new(),
        keywords: Vec::new(),
        setup,
        blocks: vec![
            Block::Heading {
                text: title,
                level: 0,
            },
            Block::Table(sign_off),
            Block::Table(key_value(&info, 44.0, width)),
            Block::Heading {
                text: l.checklist_heading.clone(),
                level: 2,
            },
            Block::Paragraph {
                text: summary,
                bold: false,
                size: Some(8.5),
            },
            Block::Table(checklist),
            Block::Heading {
                text: l.result_heading.clone(),
                level: 2,
            },
            Block::Table(key_value(&result_rows, 44.0, width)),
        ],
    })
}

/// The クラウド一覧表 as a landscape document.
pub fn cloud_document(
    lines: &[CloudLine],
    organisation: &str,
    lang: Lang,
    today: chrono::NaiveDate,
) -> Result<Document> {
    let l = SupplierLabels::load(lang)?;
    let mut setup = PageSetup::a4(Orientation::Landscape);
    setup.header_left = format!("{}　{}", l.cloud_title, organisation)
        .trim()
        .to_owned();
    setup.footer_left = format!("{} {}", l.as_of, l.date(today));
    let rows = lines
        .iter()
        .map(|c| {
            vec![
                Cell::new(c.supplier_id.clone()),
                Cell::new(format!("{}\n{}", c.name, c.services).trim().to_owned()),
                Cell::new(c.purpose.clone()),
                Cell::new(c.information.clone()),
                Cell::new(c.highest_level.clone()).align(Align::Center),
                Cell::new(
                    format!("{}\n{}", c.data_location, c.governing_law)
                        .trim()
                        .to_owned(),
                ),
                Cell::new(format!("{}\n{}", c.criticality, c.status).trim().to_owned()),
                Cell::new(c.certifications.clone()),
                Cell::new(format!(
                    "{}\n{}",
                    c.last_evaluation
                        .map(|d| l.date(d))
                        .unwrap_or("—".to_owned()),
                    c.next_due.map(|d| l.date(d)).unwrap_or("—".to_owned())
                )),
            ]
        })
        .collect();
    let table = Table {
        widths_mm: vec![18.0, 38.0, 36.0, 48.0, 18.0, 30.0, 22.0, 33.0, 26.0],
        header: header_cells(&[
            &l.col_id,
            &l.col_service,
            &l.col_purpose,
            &l.col_information,
            &l.col_level,
            &l.col_location,
            &l.col_status,
            &l.col_certs,
            &l.col_evaluation,
        ]),
        rows,
        font_size: 8.0,
        x_offset_mm: 0.0,
        continued: Some(String::new()),
    };
    Ok(Document {
        title: l.cloud_title.clone(),
        author: organisation.to_owned(),
        subject: String::new(),
        keywords: Vec::new(),
        setup,
        blocks: vec![
            Block::Heading {
                text: l.cloud_title.clone(),
                level: 0,
            },
            Block::Table(table),
        ],
    })
}

/// Renders `doc` to `out` (which must be a .pdf), whole or not at all.
pub fn export_pdf(
    doc: &Document,
    out: &Path,
    created_unix: i64,
    draft: bool,
) -> Result<ExportReport> {
    if ExportFormat::from_path(out)? != ExportFormat::Pdf {
        return Err(ReportError::UnsupportedFormat {
            path: out.display().to_string(),
        });
    }
    let fonts = FontSet::builtin()?;
    let rendered = isms_pdf::render(doc, &fonts, created_unix)?;
    write_whole(out, &rendered.bytes)?;
    Ok(ExportReport {
        path: out.display().to_string(),
        format: ExportFormat::Pdf,
        version: None,
        draft,
        bytes: rendered.bytes.len(),
        pages: Some(rendered.pages),
        missing_glyphs: rendered.missing_glyphs,
    })
}
