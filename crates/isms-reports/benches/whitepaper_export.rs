//! Benchmark: a Japanese security whitepaper of about 30 pages — the Japanese starter (`saas-ja`) followed by every
//! ISO/IEC 27001:2022 control's customer statement grouped by theme — composed from the store and rendered to PDF
//! (cover, table of contents with page numbers in a second layout pass, bookmarks). Reports median time, peak memory
//! and file size against the committed baseline (`benches/whitepaper_export.baseline.json`). Targets: under 0.5 s
//! and under 1 MB. Run with `cargo bench -p isms-reports --bench whitepaper_export`.

use std::path::Path;
use std::time::Instant;

use chrono::NaiveDate;
use isms_core::organisation::OrganisationPatch;
use isms_core::register::{RegisterFilter, RegisterPatch};
use isms_core::whitepaper::facts::Facts;
use isms_core::Store;
use isms_reports::whitepaper::definition::{Definition, Section, SectionKind};
use isms_reports::whitepaper::{self, sources::Sources};

const RUNS: usize = 7;

/// Statements a provider would write, combined to 150–350 characters per control.
const SENTENCES: [&str; 6] = [
    "当社は、この管理策について社内規程を定め、情報セキュリティ委員会が年1回以上見直しています。",
    "担当者には必要な権限だけを付与し、異動や退職の際には当日中に権限を取り消しています。",
    "お客様のデータを扱う作業は承認を得た担当者が行い、操作の記録を1年間保存しています。",
    "クラウド基盤事業者の提供する機能を組み合わせ、設定の変更は変更管理の手順に従って実施しています。",
    "実施状況は内部監査で確認し、見つかった課題は期限を定めて是正しています。",
    "手順書は社内のポータルで公開し、全従業員が参照できるようにしています。",
];

fn text(i: usize) -> String {
    let mut out = String::new();
    let mut k = i;
    while out.chars().count() < 150 + (i * 53) % 200 {
        out.push_str(SENTENCES[k % SENTENCES.len()]);
        k += 1;
    }
    out
}

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("bench.sqlite3")).expect("store");
    store
        .update_organisation(OrganisationPatch {
            name: Some("株式会社ベンチマーク".into()),
            ..Default::default()
        })
        .expect("org");
    let facts = std::fs::read_to_string(root.join("templates/whitepapers/facts-example.toml"))
        .expect("facts file");
    store
        .save_whitepaper_facts(&Facts::from_toml(&facts, "facts-example.toml").expect("facts"))
        .expect("save facts");
    let ids: Vec<String> = store
        .list_controls(&RegisterFilter::default())
        .expect("list")
        .into_iter()
        .map(|e| e.control.id)
        .collect();
    for (i, id) in ids.iter().enumerate() {
        store
            .update_control(
                id,
                RegisterPatch {
                    applicable: Some(Some(true)),
                    customer_statement: Some(text(i)),
                    own_decision: id.starts_with("A.").then_some(true),
                    ..Default::default()
                },
            )
            .expect("statement");
    }
    let mut def = Definition::template("saas-ja").expect("starter");
    let mut by_theme = Section::new(SectionKind::ControlsByTheme);
    by_theme.heading = "管理策ごとの取組み".into();
    by_theme.page_break_before = true;
    def.sections.insert(def.sections.len() - 1, by_theme);
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
    let src = Sources::read(&store, "", today).expect("sources");

    let mut times = Vec::with_capacity(RUNS);
    let (mut size, mut pages) = (0, 0);
    for _ in 0..RUNS {
        let start = Instant::now();
        let composed = whitepaper::compose::compose(&def, &src, "bench", None).expect("compose");
        let pdf = whitepaper::pdf::render(&composed.rendered, 0).expect("render");
        times.push(start.elapsed().as_secs_f64());
        size = pdf.bytes.len();
        pages = pdf.pages;
    }
    times.sort_by(f64::total_cmp);
    let median = times[RUNS / 2];
    let peak = peak_rss_kib().unwrap_or(0);
    println!(
        "whitepaper_export: saas-ja + {} control statements, {pages} pages",
        ids.len()
    );
    println!(
        "  median time  {median:.3} s   (target < 0.500 s; runs: {})",
        times
            .iter()
            .map(|t| format!("{t:.3}"))
            .collect::<Vec<_>>()
            .join(" ")
    );
    println!("  peak memory  {:.1} MiB", peak as f64 / 1024.0);
    println!(
        "  file size    {:.1} KiB (target < 1024 KiB)",
        size as f64 / 1024.0
    );
    let baseline_path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/benches/whitepaper_export.baseline.json"
    );
    match std::fs::read_to_string(baseline_path) {
        Ok(text) => {
            let base: serde_json::Value = serde_json::from_str(&text).expect("baseline is JSON");
            if let (Some(t), Some(s), Some(m)) = (
                base["median_seconds"].as_f64(),
                base["file_bytes"].as_f64(),
                base["peak_rss_kib"].as_f64(),
            ) {
                println!(
                    "  vs baseline  time {:+.0}%, size {:+.0}%, memory {:+.0}%",
                    (median / t - 1.0) * 100.0,
                    (size as f64 / s - 1.0) * 100.0,
                    (peak as f64 / m - 1.0) * 100.0
                );
            }
        }
        Err(_) => println!("  no baseline at {baseline_path}"),
    }
    println!(
        "  new baseline: {{\"median_seconds\": {median:.4}, \"file_bytes\": {size}, \"peak_rss_kib\": {peak}, \"pages\": {pages}}}"
    );
}
