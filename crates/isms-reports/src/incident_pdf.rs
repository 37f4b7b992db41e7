//! The 不適合（インシデント）是正処置報告書 of one record as PDF, through the engine: every section of the record,
//! 起票 / 確認 / 承認 boxes, page n / N, and — until the record is closed — its state and an OPEN mark on every page.
//! Wording from `templates/reports/incidents.toml`.

use std::collections::HashMap;

use isms_core::contact::Contact;
use isms_core::incident::lists::IncidentLists;
use isms_core::incident::rules::ClockStatus;
use isms_core::incident::store::IncidentDetail;
use isms_core::incident::{EffectivenessResult, IncidentState};
use isms_core::supplier::lists::Labelled;
use isms_pdf::{Align, Block, Cell, Document, Orientation, PageSetup, Rgb, Table};
use serde::Deserialize;

use crate::labels::Lang;
use crate::{ReportError, Result};

#[derive(Debug, Clone, Deserialize)]
pub struct IncidentLabels {
    #[serde(flatten)]
    pub text: HashMap<String, toml::Value>,
    pub states: HashMap<String, String>,
    pub clock_statuses: HashMap<String, String>,
    pub clock_froms: HashMap<String, String>,
}

#[derive(Deserialize)]
struct LabelsFile {
    ja: IncidentLabels,
    en: IncidentLabels,
}

impl IncidentLabels {
    pub fn load(lang: Lang) -> Result<IncidentLabels> {
        let file: LabelsFile =
            toml::from_str(include_str!("../../../templates/reports/incidents.toml"))
                .map_err(|e| ReportError::Labels(e.message().to_owned()))?;
        Ok(match lang {
            Lang::Ja => file.ja,
            Lang::En => file.en,
        })
    }

    /// A label by key (the key itself when missing, so a gap shows rather than vanishes).
    pub fn get(&self, key: &str) -> String {
        self.text
            .get(key)
            .and_then(|v| v.as_str())
            .map_or_else(|| key.to_owned(), str::to_owned)
    }

    fn time(&self, rfc3339: &str) -> String {
        chrono::DateTime::parse_from_rfc3339(rfc3339)
            .map(|t| {
                format!(
                    "{} ({})",
                    t.format(&self.get("time_format")),
                    t.format("%:z")
                )
            })
            .unwrap_or_else(|_| rfc3339.to_owned())
    }

    fn date(&self, d: chrono::NaiveDate) -> String {
        d.format(&self.get("date_format")).to_string()
    }
}

fn label(list: &[Labelled], id: &str, lang: Lang) -> String {
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

fn header(cells: &[String]) -> Vec<Cell> {
    cells
        .iter()
        .map(|t| {
            Cell::new(t.clone())
                .bold()
                .fill(Rgb::HEADER_FILL)
                .align(Align::Center)
        })
        .collect()
}

const WIDTH: f32 = 182.0;

fn key_values(rows: Vec<(String, String)>) -> Block {
    Block::Table(Table {
        widths_mm: vec![44.0, WIDTH - 44.0],
        header: Vec::new(),
        rows: rows
            .into_iter()
            .map(|(k, v)| vec![Cell::new(k).bold().fill(Rgb::SECTION_FILL), Cell::new(v)])
            .collect(),
        font_size: 9.0,
        x_offset_mm: 0.0,
        continued: None,
    })
}

fn table(widths: Vec<f32>, head: Vec<String>, rows: Vec<Vec<String>>) -> Block {
    Block::Table(Table {
        widths_mm: widths,
        header: header(&head),
        rows: rows
            .into_iter()
            .map(|r| r.into_iter().map(Cell::new).collect())
            .collect(),
        font_size: 8.5,
        x_offset_mm: 0.0,
        continued: None,
    })
}

fn heading(text: String) -> Block {
    Block::Heading { text, level: 2 }
}

/// The report of one record as a document.
pub fn car_document(
    d: &IncidentDetail,
    lists: &IncidentLists,
    contacts: &[Contact],
    organisation: &str,
    lang: Lang,
) -> Result<Document> {
    let l = IncidentLabels::load(lang)?;
    let i = &d.incident;
    let dash = || "—".to_owned();
    let or_dash = |s: &str| if s.is_empty() { dash() } else { s.to_owned() };
    let t = |s: &str| if s.is_empty() { dash() } else { l.time(s) };
    let state = l
        .states
        .get(d.incident.state.as_ref())
        .cloned()
        .unwrap_or_else(|| d.incident.state.to_string());
    let open = d.incident.state.is_open();

    let mut setup = PageSetup::a4(Orientation::Portrait);
    setup.header_left = format!("{}　{}", l.get("title"), organisation)
        .trim()
        .to_owned();
    setup.header_right = format!("{} {}", l.get("no"), i.incident_no);
    setup.footer_left = format!("{}: {}", l.get("state"), state);
    setup.draft_mark = open.then(|| l.get("open_mark"));

    let sign_w = 30.0;
    let sign = Table {
        widths_mm: vec![sign_w; 3],
        header: header(&[l.get("approved"), l.get("checked"), l.get("prepared")]),
        rows: vec![vec![
            Cell::new(format!("\n{}\n", i.closed_by))
                .align(Align::Center)
                .keep_words(),
            Cell::new(format!("\n{}\n", i.decided_by))
                .align(Align::Center)
                .keep_words(),
            Cell::new(format!("\n{}\n", i.discovered_by))
                .align(Align::Center)
                .keep_words(),
        ]],
        font_size: 9.0,
        x_offset_mm: WIDTH - 3.0 * sign_w,
        continued: None,
    };

    let mut blocks = vec![
        Block::Heading {
            text: l.get("title"),
            level: 0,
        },
        Block::Table(sign),
        key_values(vec![
            (l.get("no"), i.incident_no.clone()),
            (l.get("incident_title"), i.title.clone()),
            (l.get("state"), state.clone()),
        ]),
        heading(l.get("s_report")),
        key_values(vec![
            (l.get("source"), label(&lists.sources, &i.source, lang)),
            (
                l.get("category"),
                label(&lists.categories, &i.category, lang),
            ),
            (l.get("discovered_at"), t(&i.discovered_at)),
            (l.get("detected_at"), t(&i.detected_at)),
            (l.get("aware_at"), t(&i.aware_at)),
            (l.get("occurred_at"), t(&i.occurred_at)),
            (l.get("discovered_by"), or_dash(&i.discovered_by)),
            (l.get("reported_at"), t(&i.reported_at)),
            (l.get("reported_to"), or_dash(&i.reported_to)),
            (
                l.get("route"),
                if i.route.is_empty() {
                    dash()
                } else {
                    label(&lists.routes, &i.route, lang)
                },
            ),
            (
                l.get("certainty"),
                l.get(if i.confirmed {
                    "confirmed"
                } else {
                    "suspected"
                }),
            ),
            (l.get("description"), or_dash(&i.description)),
            (l.get("supplier"), or_dash(&i.supplier)),
            (
                l.get("controls"),
                if i.controls.is_empty() {
                    dash()
                } else {
                    i.controls.join(", ")
                },
            ),
        ]),
    ];
    if !d.affected_assets.is_empty() {
        blocks.push(Block::Paragraph {
            text: l.get("assets"),
            bold: true,
            size: Some(9.0),
        });
        blocks.push(table(
            vec![30.0, 112.0, 40.0],
            vec![
                l.get("asset_id"),
                l.get("asset_name"),
                l.get("classification"),
            ],
            d.affected_assets
                .iter()
                .map(|a| {
                    vec![
                        a.asset_id.clone(),
                        a.name.clone(),
                        a.classification.clone().unwrap_or_else(dash),
                    ]
                })
                .collect(),
        ));
    }
    blocks.push(heading(l.get("s_decision")));
    blocks.push(key_values(vec![
        (
            l.get("is_incident"),
            match i.is_incident {
                Some(true) => l.get("yes"),
                Some(false) => l.get("no_answer"),
                None => l.get("undecided"),
            },
        ),
        (l.get("decided_by"), or_dash(&i.decided_by)),
        (l.get("decided_at"), t(&i.decided_at)),
        (l.get("reason"), or_dash(&i.decision_reason)),
        (l.get("emergency"), or_dash(&i.emergency_action)),
        (l.get("emergency_by"), or_dash(&i.emergency_decided_by)),
    ]));
    blocks.push(heading(l.get("s_correction")));
    blocks.push(key_values(vec![
        (l.get("correction"), or_dash(&i.correction)),
        (l.get("correction_by"), or_dash(&i.correction_by)),
        (l.get("correction_at"), t(&i.correction_at)),
    ]));
    blocks.push(heading(l.get("s_authorities")));
    if i.authorities.is_empty() {
        blocks.push(Block::Paragraph {
            text: l.get("none"),
            bold: false,
            size: Some(9.0),
        });
    } else {
        blocks.push(table(
            vec![90.0, 42.0, 50.0],
            vec![l.get("contact"), l.get("contacted_at"), l.get("note")],
            i.authorities
                .iter()
                .map(|a| {
                    let name = contacts
                        .iter()
                        .find(|c| c.contact_id == a.contact_id)
                        .map_or_else(
                            || a.contact_id.clone(),
                            |c| {
                                if lang == Lang::Ja || c.name_en.is_empty() {
                                    c.name_ja.clone()
                                } else {
                                    c.name_en.clone()
                                }
                            },
                        );
                    vec![name, t(&a.contacted_at), a.note.clone()]
                })
                .collect(),
        ));
    }
    blocks.push(heading(l.get("s_evidence")));
    blocks.push(table(
        vec![100.0, 18.0, 64.0],
        vec![l.get("step"), l.get("done"), l.get("custody")],
        i.evidence
            .iter()
            .map(|e| {
                let step = lists
                    .evidence_steps
                    .iter()
                    .find(|s| s.label.id == e.step)
                    .map_or_else(
                        || e.step.clone(),
                        |s| {
                            if lang == Lang::Ja {
                                s.label.ja.clone()
                            } else {
                                s.label.en.clone()
                            }
                        },
                    );
                vec![
                    step,
                    if e.done { "✓".to_owned() } else { dash() },
                    e.custody.clone(),
                ]
            })
            .collect(),
    ));
    let n = |v: Option<u64>| v.map_or_else(dash, |x| x.to_string());
    blocks.push(heading(l.get("s_impact")));
    blocks.push(key_values(vec![
        (
            l.get("impact_scale"),
            if i.impact.scale.is_empty() {
                dash()
            } else {
                label(&lists.impact_scales, &i.impact.scale, lang)
            },
        ),
        (l.get("records"), n(i.impact.records_affected)),
        (l.get("persons"), n(i.impact.persons_affected)),
        (l.get("customers"), n(i.impact.customers_affected)),
        (l.get("downtime"), n(i.impact.downtime_minutes)),
        (l.get("cost"), n(i.impact.cost_yen)),
    ]));
    blocks.push(heading(l.get("s_notices")));
    if d.clocks.is_empty() {
        blocks.push(Block::Paragraph {
            text: l.get("none"),
            bold: false,
            size: Some(9.0),
        });
    } else {
        blocks.push(Block::Table(Table {
            widths_mm: vec![62.0, 20.0, 38.0, 38.0, 24.0],
            header: header(&[
                l.get("rule"),
                l.get("clock_from"),
                l.get("deadline"),
                l.get("sent"),
                l.get("clock_status"),
            ]),
            rows: d
                .clocks
                .iter()
                .map(|c| {
                    let status = Cell::new(
                        l.clock_statuses
                            .get(c.status.as_ref())
                            .cloned()
                            .unwrap_or_default(),
                    );
                    let status = match c.status {
                        ClockStatus::Overdue | ClockStatus::Late => status.bold().color(Rgb::DRAFT),
                        _ => status,
                    };
                    vec![
                        Cell::new(if lang == Lang::Ja {
                            c.rule.name_ja.clone()
                        } else {
                            c.rule.name_en.clone()
                        }),
                        Cell::new(
                            l.clock_froms
                                .get(c.rule.clock_from.as_ref())
                                .cloned()
                                .unwrap_or_default(),
                        ),
                        Cell::new(
                            c.deadline
                                .as_deref()
                                .map(|x| l.time(x))
                                .unwrap_or_else(dash),
                        ),
                        Cell::new(
                            c.first_sent_at
                                .as_deref()
                                .map(|x| l.time(x))
                                .unwrap_or_else(dash),
                        ),
                        status,
                    ]
                })
                .collect(),
            font_size: 8.5,
            x_offset_mm: 0.0,
            continued: None,
        }));
    }
    blocks.push(heading(l.get("s_corrective")));
    blocks.push(key_values(vec![
        (l.get("root_cause"), or_dash(&i.root_cause)),
        (l.get("recurrence"), or_dash(&i.recurrence_elsewhere)),
    ]));
    if !d.actions.is_empty() {
        blocks.push(Block::Paragraph {
            text: l.get("actions"),
            bold: true,
            size: Some(9.0),
        });
        blocks.push(table(
            vec![10.0, 82.0, 34.0, 28.0, 28.0],
            vec![
                "No.".to_owned(),
                l.get("action_what"),
                l.get("action_owner"),
                l.get("action_due"),
                l.get("action_done"),
            ],
            d.actions
                .iter()
                .enumerate()
                .map(|(k, a)| {
                    vec![
                        (k + 1).to_string(),
                        a.what.clone(),
                        a.owner.clone(),
                        l.date(a.due_on),
                        a.done_on.map(|x| l.date(x)).unwrap_or_else(dash),
                    ]
                })
                .collect(),
        ));
    }
    blocks.push(heading(l.get("s_effectiveness")));
    blocks.push(key_values(vec![
        (
            l.get("planned_on"),
            i.effectiveness_planned_on
                .map(|x| l.date(x))
                .unwrap_or_else(dash),
        ),
        (l.get("reviewer"), or_dash(&i.effectiveness_reviewer)),
        (
            l.get("result"),
            match &i.effectiveness {
                Some(e) => format!(
                    "{}（{} {}）",
                    l.get(if e.result == EffectivenessResult::Effective {
                        "effective"
                    } else {
                        "not_effective"
                    }),
                    e.by,
                    l.time(&e.at)
                ),
                None => l.get("not_reviewed"),
            },
        ),
        (
            l.get("note"),
            i.effectiveness
                .as_ref()
                .map_or_else(dash, |e| or_dash(&e.note)),
        ),
    ]));
    blocks.push(heading(l.get("s_isms")));
    blocks.push(key_values(vec![
        (
            l.get("isms_changes"),
            if i.isms_changes.is_empty() {
                l.get("none")
            } else {
                i.isms_changes
                    .iter()
                    .map(|c| {
                        let kind = label(&lists.isms_changes, &c.kind, lang);
                        if c.note.is_empty() {
                            kind
                        } else {
                            format!("{kind}: {}", c.note)
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            },
        ),
        (
            l.get("supplier_reevaluation"),
            l.get(if i.supplier_reevaluation {
                "needed"
            } else {
                "not_needed"
            }),
        ),
    ]));
    blocks.push(heading(l.get("s_closure")));
    blocks.push(key_values(vec![
        (l.get("state"), state),
        (l.get("closed_by"), or_dash(&i.closed_by)),
        (
            l.get("closed_at"),
            if d.incident.state == IncidentState::Closed
                || d.incident.state == IncidentState::NotIncident
            {
                t(&i.closed_at)
            } else {
                dash()
            },
        ),
    ]));
    Ok(Document {
        title: format!("{} {}", l.get("title"), i.incident_no),
        author: organisation.to_owned(),
        setup,
        blocks,
        ..Default::default()
    })
}
