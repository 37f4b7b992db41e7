//! Benchmark: export the full SoA (93 + 7 + 114 controls with realistic Japanese texts of 100–300 characters) to PDF.
//! Reports median time, peak memory and file size, and compares them with the committed baseline
//! (`benches/soa_export.baseline.json`). Targets: under 0.3 s and under 400 KB. Run with `cargo bench -p isms-reports`.

use std::time::Instant;

use isms_core::organisation::OrganisationPatch;
use isms_core::register::{
    CloudRole, ImplementationStatus, InclusionReason, RegisterFilter, RegisterPatch,
    RelatedDocument,
};
use isms_core::Store;
use isms_reports::{render_soa, ExportFormat, Lang};

const RUNS: usize = 7;

/// Sentences an ISMS secretariat would write; combined to 100–300 characters per control.
const SENTENCES: [&str; 8] = [
    "情報セキュリティ管理規程に基づき、管理責任者が年1回以上の頻度で見直しを行う。",
    "アクセス権は業務上必要な最小限とし、人事異動の際には速やかに変更又は削除する。",
    "クラウドサービス（Microsoft Azure）の設定変更は、変更管理手順に従い承認を得てから実施する。",
    "ログは3か月間保存し、不正なアクセスの兆候を週次で確認する。",
    "委託先の選定時には評価基準に基づき審査し、契約後も年1回の継続評価を行う。",
    "重要な情報を含む媒体の廃棄は、物理的破壊又は専用ソフトウェアによる消去とし、記録を残す。",
    "インシデントを検知した場合は、ISMS事務局に直ちに報告し、72時間以内に顧客へ通知する。",
    "教育は全従業者を対象に年2回実施し、理解度テストの結果を記録する。",
];

fn text(i: usize) -> String {
    let mut out = String::new();
    let mut k = i;
    while out.chars().count() < 100 + (i * 37) % 200 {
        out.push_str(SENTENCES[k % SENTENCES.len()]);
        k += 3;
    }
    out.chars().take(300).collect()
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
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("bench.sqlite3")).expect("store");
    store
        .update_organisation(OrganisationPatch {
            name: Some("株式会社ベンチマーク".into()),
            isms_scope: Some("本社及びクラウドサービスの開発・運用".into()),
            soa_document_number: Some("ISMS-SOA-BENCH".into()),
            ..Default::default()
        })
        .expect("org");
    let ids: Vec<(String, bool)> = store
        .list_controls(&RegisterFilter::default())
        .expect("list")
        .into_iter()
        .map(|e| (e.control.id, e.control.framework.is_cloud_scope()))
        .collect();
    for (i, (id, cloud)) in ids.iter().enumerate() {
        let excluded = i % 17 == 5;
        store
            .update_control(
                id,
                RegisterPatch {
                    applicable: Some(Some(!excluded)),
                    exclusion_justification: excluded.then(|| text(i + 1)),
                    inclusion_reasons: (!excluded).then(|| {
                        vec![
                            InclusionReason::RiskAssessment,
                            InclusionReason::Contractual,
                        ]
                    }),
                    status: Some(ImplementationStatus::Implemented),
                    implementation: Some(text(i)),
                    related_documents: Some(vec![RelatedDocument {
                        title: "情報セキュリティ管理規程".into(),
                        section: Some(id.clone()),
                    }]),
                    cloud_role: cloud.then_some(Some(CloudRole::Both)),
                    ..Default::default()
                },
            )
            .expect("update");
    }
    let doc = store.soa_document(None).expect("document");

    let mut times = Vec::with_capacity(RUNS);
    let mut size = 0;
    let mut pages = 0;
    for _ in 0..RUNS {
        let start = Instant::now();
        let (bytes, p, _) =
            render_soa(&doc, Lang::Ja, ExportFormat::Pdf, &mut |_| {}).expect("render");
        times.push(start.elapsed().as_secs_f64());
        size = bytes.len();
        pages = p.unwrap_or(0);
    }
    times.sort_by(f64::total_cmp);
    let median = times[RUNS / 2];
    let peak = peak_rss_kib().unwrap_or(0);

    println!("soa_export: {} controls, {pages} pages", ids.len());
    println!(
        "  median time  {:.3} s   (target < 0.300 s; runs: {})",
        median,
        times
            .iter()
            .map(|t| format!("{t:.3}"))
            .collect::<Vec<_>>()
            .join(" ")
    );
    println!("  peak memory  {:.1} MiB", peak as f64 / 1024.0);
    println!(
        "  file size    {:.1} KiB (target < 400 KiB)",
        size as f64 / 1024.0
    );

    let baseline_path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/benches/soa_export.baseline.json"
    );
    match std::fs::read_to_string(baseline_path) {
        Ok(text) => {
            let base: serde_json::Value = serde_json::from_str(&text).expect("baseline is JSON");
            let field = |name: &str| base[name].as_f64();
            if let (Some(t), Some(s), Some(m)) = (
                field("median_seconds"),
                field("file_bytes"),
                field("peak_rss_kib"),
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
