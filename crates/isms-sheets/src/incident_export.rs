//! The incident register as a workbook (the register and its statistics on a second sheet) or CSV, through
//! [`crate::workbook`]: labels in Japanese as the lists name them, times as written, formula-like text neutralised.

use std::path::Path;

use isms_core::incident::lists::IncidentLists;
use isms_core::incident::store::{IncidentDetail, IncidentStatistics};
use isms_core::supplier::lists::Labelled;

use crate::error::Result;
use crate::supplier_export::RegisterExport;
use crate::workbook::{self, Cell, Table};

fn label(list: &[Labelled], id: &str) -> String {
    list.iter()
        .find(|l| l.id == id)
        .map_or_else(|| id.to_owned(), |l| l.ja.clone())
}

const STATES: [(&str, &str); 7] = [
    ("reported", "報告"),
    ("awaiting_decision", "判定待ち"),
    ("responding", "対応中"),
    ("corrective_action", "是正処置中"),
    ("effectiveness_review", "有効性確認待ち"),
    ("closed", "完了"),
    ("not_incident", "非インシデント"),
];

fn state(s: &str) -> String {
    STATES
        .iter()
        .find(|(k, _)| *k == s)
        .map_or_else(|| s.to_owned(), |(_, v)| (*v).to_owned())
}

/// Writes the register (and, in a workbook, the statistics) to `path` (.xlsx or .csv).
pub fn export_incidents(
    records: &[IncidentDetail],
    stats: &IncidentStatistics,
    lists: &IncidentLists,
    path: &Path,
) -> Result<RegisterExport> {
    let header = [
        "番号",
        "件名",
        "状態",
        "区分",
        "分類",
        "発見日時",
        "検知日時",
        "認知日時",
        "発見者",
        "報告先",
        "確度",
        "内容",
        "影響を受けた資産",
        "関連する委託先",
        "インシデント該当",
        "判定者",
        "判定日時",
        "初期対応",
        "根本原因",
        "是正処置",
        "有効性",
        "完了承認者",
        "完了日時",
        "通知",
        "影響件数",
        "停止時間（分）",
    ];
    let rows: Vec<Vec<Cell>> = records
        .iter()
        .map(|d| {
            let i = &d.incident;
            vec![
                Cell::text(&i.incident_no),
                Cell::text(&i.title),
                Cell::text(state(d.incident.state.as_ref())),
                Cell::text(label(&lists.sources, &i.source)),
                Cell::text(label(&lists.categories, &i.category)),
                Cell::text(&i.discovered_at),
                Cell::text(&i.detected_at),
                Cell::text(&i.aware_at),
                Cell::text(&i.discovered_by),
                Cell::text(&i.reported_to),
                Cell::text(if i.confirmed { "確定" } else { "疑い" }),
                Cell::text(&i.description),
                Cell::text(i.assets.join("、")),
                Cell::text(&i.supplier),
                Cell::text(match i.is_incident {
                    Some(true) => "はい",
                    Some(false) => "いいえ",
                    None => "",
                }),
                Cell::text(&i.decided_by),
                Cell::text(&i.decided_at),
                Cell::text(&i.correction),
                Cell::text(&i.root_cause),
                Cell::text(
                    d.actions
                        .iter()
                        .map(|a| {
                            format!(
                                "{}（{}、{}まで{}）",
                                a.what,
                                a.owner,
                                a.due_on,
                                a.done_on.map(|x| format!("、{x}完了")).unwrap_or_default()
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("\n"),
                ),
                Cell::text(i.effectiveness.as_ref().map_or(String::new(), |e| {
                    format!(
                        "{}（{}）",
                        if e.result == isms_core::incident::EffectivenessResult::Effective {
                            "有効"
                        } else {
                            "有効でない"
                        },
                        e.by
                    )
                })),
                Cell::text(&i.closed_by),
                Cell::text(&i.closed_at),
                Cell::text(
                    d.clocks
                        .iter()
                        .map(|c| {
                            format!(
                                "{}: {} {}",
                                c.rule.name_ja,
                                c.deadline.as_deref().unwrap_or(""),
                                c.status
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("\n"),
                ),
                i.impact
                    .records_affected
                    .map_or(Cell::Empty, |n| Cell::Number(n as f64)),
                i.impact
                    .downtime_minutes
                    .map_or(Cell::Empty, |n| Cell::Number(n as f64)),
            ]
        })
        .collect();
    let mut register = Table {
        sheet: "インシデント台帳".to_owned(),
        header: header.iter().map(|h| (*h).to_owned()).collect(),
        widths: Vec::new(),
        rows,
        ..Default::default()
    };
    register.fit_widths();
    let mut stat_rows = vec![
        vec![
            Cell::text("件数"),
            Cell::text("合計"),
            Cell::Number(stats.total as f64),
        ],
        vec![
            Cell::text("件数"),
            Cell::text("未完了"),
            Cell::Number(stats.open as f64),
        ],
    ];
    for (k, v) in &stats.by_category {
        stat_rows.push(vec![
            Cell::text("分類"),
            Cell::text(label(&lists.categories, k)),
            Cell::Number(*v as f64),
        ]);
    }
    for (k, v) in &stats.by_source {
        stat_rows.push(vec![
            Cell::text("区分"),
            Cell::text(label(&lists.sources, k)),
            Cell::Number(*v as f64),
        ]);
    }
    for (k, v) in &stats.by_month {
        stat_rows.push(vec![
            Cell::text("発見月"),
            Cell::text(k),
            Cell::Number(*v as f64),
        ]);
    }
    if let Some(h) = stats.mean_hours_to_decision {
        stat_rows.push(vec![
            Cell::text("平均"),
            Cell::text("判定までの時間（時間）"),
            Cell::Number(h),
        ]);
    }
    if let Some(d) = stats.mean_days_to_closure {
        stat_rows.push(vec![
            Cell::text("平均"),
            Cell::text("完了までの日数（日）"),
            Cell::Number(d),
        ]);
    }
    let mut statistics = Table {
        sheet: "統計".to_owned(),
        header: vec!["集計".to_owned(), "項目".to_owned(), "値".to_owned()],
        widths: Vec::new(),
        rows: stat_rows,
        ..Default::default()
    };
    statistics.fit_widths();
    workbook::write(&[register.clone(), statistics], path)?;
    Ok(RegisterExport {
        path: path.display().to_string(),
        rows: register.rows.len(),
        columns: register.header.len(),
    })
}
