//! Benchmark: import a generated 100,000-row asset register (.xlsx) and compare with the floor — calamine reading the
//! same file alone. Each phase runs in its own process so its peak memory is its own. Targets: within 1.3× of the
//! floor's time, under 300 MB. Prints a comparison with `benches/asset_import.baseline.json`.
//! Run with `cargo bench -p isms-sheets` (ASSET_ROWS=… for another size).

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use calamine::{open_workbook_auto, Reader};
use isms_sheets::{import_assets, ImportOptions};

fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.split_whitespace().next())
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

fn generate(path: &Path, rows: usize) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let header = [
        "資産番号",
        "情報資産名",
        "種別",
        "分類",
        "機密区分",
        "機密性",
        "完全性",
        "可用性",
        "管理責任者",
        "保管場所",
        "媒体",
        "保存期間",
        "最終見直し日",
        "ラベル",
        "備考",
        "部署コード",
    ];
    ws.write_string(0, 0, "情報資産台帳（ベンチマーク）")
        .expect("title");
    for (c, h) in header.iter().enumerate() {
        ws.write_string(2, c as u16, *h).expect("header");
    }
    let levels = ["極秘", "社外秘", "公開"];
    let words = ["高", "中", "低"];
    for i in 0..rows {
        let r = i as u32 + 3;
        let cells: [String; 16] = [
            format!("IA-{i:06}"),
            format!("業務記録 第{i}号"),
            "電子データ".to_owned(),
            "業務情報".to_owned(),
            levels[i % 3].to_owned(),
            words[i % 3].to_owned(),
            ((i % 3) + 1).to_string(),
            ((i % 2) + 1).to_string(),
            format!("部長{}", i % 50),
            "ファイルサーバ".to_owned(),
            "電子".to_owned(),
            "5年".to_owned(),
            format!("2024/{}/{}", i % 12 + 1, i % 28 + 1),
            "重要、個人情報".to_owned(),
            "定期的に見直す".to_owned(),
            format!("S{:02}", i % 30),
        ];
        for (c, v) in cells.iter().enumerate() {
            ws.write_string(r, c as u16, v).expect("cell");
        }
    }
    wb.save(path).expect("save");
}

fn phase(which: &str, file: &Path) {
    // The import is timed from the call to its end, on a database already open (as in the app and the CLI); the
    // floor from opening the file to having every cell.
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = isms_core::Store::open(&dir.path().join("bench.sqlite3")).expect("store");
    let start = Instant::now();
    match which {
        "floor" => {
            let mut book = open_workbook_auto(file).expect("open");
            let name = book.sheet_names()[0].clone();
            let range = book.worksheet_range(&name).expect("range");
            let cells = range.used_cells().count();
            assert!(cells > 0);
        }
        _ => {
            let report = import_assets(&mut store, file, &ImportOptions::default(), &mut |_| {})
                .expect("import");
            assert_eq!(report.rejected, 0, "{:?}", report.errors.first());
        }
    }
    println!("{} {}", start.elapsed().as_secs_f64(), peak_rss_kib());
}

fn run_phase(which: &str, file: &Path) -> (f64, u64) {
    let out = Command::new(std::env::current_exe().expect("exe"))
        .args(["--phase", which])
        .arg(file)
        .output()
        .expect("run phase");
    assert!(
        out.status.success(),
        "{which}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let mut parts = text.split_whitespace();
    let secs = parts.next().and_then(|s| s.parse().ok()).expect("seconds");
    let kib = parts.next().and_then(|s| s.parse().ok()).expect("kib");
    (secs, kib)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--phase") {
        phase(&args[i + 1], Path::new(&args[i + 2]));
        return;
    }
    let rows: usize = std::env::var("ASSET_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    if let Some(i) = args.iter().position(|a| a == "--generate") {
        // For profiling: write the register and stop (`perf record … --phase import FILE` then reads it).
        generate(Path::new(&args[i + 1]), rows);
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("register.xlsx");
    generate(&file, rows);
    let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
    let runs = 3;
    let best = |which: &str| {
        (0..runs)
            .map(|_| run_phase(which, &file))
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .expect("runs")
    };
    let (floor_s, floor_kib) = best("floor");
    let (import_s, import_kib) = best("import");
    println!(
        "asset_import: {rows} rows, {:.1} MiB xlsx (best of {runs})",
        size as f64 / 1048576.0
    );
    println!(
        "  calamine alone (floor)  {floor_s:.2} s   peak {:.0} MiB",
        floor_kib as f64 / 1024.0
    );
    println!(
        "  import into SQLite      {import_s:.2} s   peak {:.0} MiB   ({:.2}× the floor; target ≤ 1.3×, ≤ 300 MB)",
        import_kib as f64 / 1024.0,
        import_s / floor_s
    );
    let baseline_path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/benches/asset_import.baseline.json"
    );
    if let Ok(text) = std::fs::read_to_string(baseline_path) {
        let base: serde_json::Value = serde_json::from_str(&text).expect("baseline is JSON");
        if let (Some(t), Some(m)) = (
            base["import_seconds"].as_f64(),
            base["import_peak_kib"].as_f64(),
        ) {
            println!(
                "  vs baseline             time {:+.0}%, memory {:+.0}%",
                (import_s / t - 1.0) * 100.0,
                (import_kib as f64 / m - 1.0) * 100.0
            );
        }
    }
    println!(
        "  new baseline: {{\"rows\": {rows}, \"floor_seconds\": {floor_s:.3}, \"floor_peak_kib\": {floor_kib}, \"import_seconds\": {import_s:.3}, \"import_peak_kib\": {import_kib}}}"
    );
}
