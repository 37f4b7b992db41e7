//! The yearly inventory from the command line, as the secretariat runs it: a register with unreadable cells imported
//! with warnings, a fourth level added and imported into, a round for two departments — each department's workbook
//! written, edited as the department would (openpyxl, tests/fixtures/assets/workbook_tool.py) and imported back with
//! its field-level diff — the status, "reviewed" in one step, retiring and deleting.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{json, Value};

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn isms(db: &Path, args: &[&str]) -> Run {
    let out: Output = Command::new(env!("CARGO_BIN_EXE_isms"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("ISMS_DB")
        .output()
        .expect("the isms binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

fn json_of(db: &Path, args: &[&str]) -> Value {
    let run = isms(db, args);
    assert_eq!(run.code, 0, "isms {args:?} failed: {}", run.stderr);
    serde_json::from_str(&run.stdout).expect("stdout is JSON")
}

/// The one line an error prints, exit 2.
fn refused(db: &Path, args: &[&str], needle: &str) {
    let run = isms(db, args);
    assert_eq!(run.code, 2, "{args:?}: {} {}", run.stdout, run.stderr);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{}", run.stderr);
    assert!(
        lines[0].starts_with("isms: error: ") && lines[0].contains(needle),
        "{}",
        run.stderr
    );
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/assets")
        .join(name)
}

/// A department edits its workbook in Excel (here openpyxl).
fn edit(file: &Path, edits: Value) {
    let script = file.with_extension("edits.json");
    std::fs::write(&script, edits.to_string()).unwrap();
    let out = Command::new("python3")
        .arg(fixture("workbook_tool.py"))
        .arg("edit")
        .arg(file)
        .arg(&script)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn ids(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|a| a["asset_id"].as_str().unwrap().to_owned())
        .collect()
}

fn changes(r: &Value) -> Vec<(String, String, Value, Value, bool, bool)> {
    r["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["asset"].as_str().unwrap().to_owned(),
                c["field"].as_str().unwrap().to_owned(),
                c["old"].clone(),
                c["new"].clone(),
                c["register_newer"].as_bool().unwrap(),
                c["applied"].as_bool().unwrap(),
            )
        })
        .collect()
}

#[test]
fn a_round_for_two_departments_runs_end_to_end() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("isms.sqlite3");
    let today = chrono::Local::now().date_naive();
    let year = today.format("%Y").to_string();
    let due = (today + chrono::Days::new(30)).to_string();
    let register = fixture("register-tolerant.xlsx");
    let register = register.to_str().unwrap();
    json_of(&db, &["init", "--json"]);

    // 1. A register as departments keep it: 随時 and 2025年4月 in date columns, 高(3), a level the scheme lacks, a
    // row without its id, footnotes. The dry run separates warnings from errors and writes nothing.
    let dry = json_of(&db, &["assets", "import", register, "--dry-run", "--json"]);
    assert_eq!(
        (dry["inserted"].as_u64(), dry["rejected"].as_u64()),
        (Some(3), Some(1))
    );
    assert_eq!(dry["errors"].as_array().unwrap().len(), 1);
    let warned: Vec<(u64, &str, &str)> = dry["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            (
                w["row"].as_u64().unwrap(),
                w["column"].as_str().unwrap(),
                w["value"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        warned,
        [
            (4, "機密区分", "関係者外秘"),
            (4, "次回見直し日", "随時"),
            (5, "最終見直し日", "2025年4月")
        ]
    );
    assert_eq!(
        dry["unknown_levels"],
        json!([{"value": "関係者外秘", "rows": 1}])
    );
    let skipped = dry["skipped_rows"].as_array().unwrap();
    assert_eq!(
        skipped
            .iter()
            .filter(|k| k["reason"] == "note row (※ / 注)")
            .count(),
        3,
        "footnotes are skipped, not errors"
    );
    assert_eq!(json_of(&db, &["assets", "list", "--json"]), json!([]));
    // The text form says it too.
    let run = isms(&db, &["assets", "import", register, "--dry-run"]);
    assert!(
        run.stdout
            .contains("warning 情報資産台帳 row 4 column 次回見直し日 value `随時`"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("--map-level 関係者外秘=LEVEL"),
        "{}",
        run.stdout
    );

    // 2. A fourth level, and the register imports into it.
    refused(
        &db,
        &["classification", "set", "関係者外秘", "--colour", "#8E44AD"],
        "関係者外秘",
    );
    let scheme = json_of(
        &db,
        &[
            "classification",
            "add",
            "関係者外秘",
            "--name-en",
            "Restricted",
            "--position",
            "3",
            "--colour",
            "#8E44AD",
            "--like",
            "社外秘",
            "--json",
        ],
    );
    let names: Vec<&str> = scheme["levels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["name_ja"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["極秘", "社外秘", "関係者外秘", "公開"]);
    assert_eq!(
        scheme["levels"][2]["handling"],
        scheme["levels"][1]["handling"]
    );
    let r = json_of(&db, &["assets", "import", register, "--json"]);
    assert_eq!(r["warnings"].as_array().unwrap().len(), 2);
    let t1 = json_of(&db, &["assets", "show", "T-001", "--json"]);
    assert_eq!(
        (
            &t1["classification"],
            &t1["confidentiality"],
            &t1["next_review"],
            &t1["department"]
        ),
        (
            &json!("関係者外秘"),
            &json!(3),
            &Value::Null,
            &json!("営業部")
        )
    );
    // More assets, by hand.
    for (id, name, dept) in [
        ("S-001", "商談記録", "営業部"),
        ("G-001", "入退室記録", "総務部"),
    ] {
        json_of(
            &db,
            &[
                "assets",
                "set",
                id,
                "--create",
                "--name",
                name,
                "--department",
                dept,
                "--classification",
                "社外秘",
                "--owner",
                &format!("{dept}長"),
                "--next-review",
                "2026-03-31",
                "--json",
            ],
        );
    }
    let sales = json_of(&db, &["assets", "list", "--department", "営業部", "--json"]);
    assert_eq!(ids(&sales), ["S-001", "T-001", "T-002"]);

    // 3. The round: no workbook before it starts; then one per department.
    refused(
        &db,
        &[
            "inventory",
            "export",
            "--department",
            "営業部",
            "--out",
            "x.xlsx",
        ],
        "inventory start",
    );
    let round = json_of(
        &db,
        &[
            "inventory",
            "start",
            "--year",
            &year,
            "--due",
            &due,
            "--json",
        ],
    );
    let round_id = format!("INV-{year}");
    assert_eq!(round["round_id"], json!(round_id));
    let sales_book = dir.path().join("営業部.xlsx");
    let general_book = dir.path().join("総務部.xlsx");
    for (dept, file) in [("営業部", &sales_book), ("総務部", &general_book)] {
        let sent = json_of(
            &db,
            &[
                "inventory",
                "export",
                "--department",
                dept,
                "--out",
                file.to_str().unwrap(),
                "--json",
            ],
        );
        assert_eq!(sent["department"], dept);
        assert!(sent["workbook_id"]
            .as_str()
            .unwrap()
            .starts_with(&format!("{round_id}#")));
    }
    refused(
        &db,
        &[
            "inventory",
            "export",
            "--department",
            "経理部",
            "--out",
            "x.xlsx",
        ],
        "経理部",
    );
    let status = json_of(&db, &["inventory", "status", "--json"]);
    assert_eq!(status["not_answered"], json!(["営業部", "総務部"]));

    // After sending, the register moves S-001's next review on.
    json_of(
        &db,
        &[
            "assets",
            "set",
            "S-001",
            "--next-review",
            "2026-12-31",
            "--json",
        ],
    );

    // 4. 営業部 answers: T-001 has a new owner; S-001's next review goes back to an older date; a new asset.
    edit(
        &sales_book,
        json!({
            "set": [["T-001", "管理責任者", "営業第一課長"], ["S-001", "次回見直し日", "2026-06-30"]],
            "add": [{"情報資産名": "商談メモ（Teams）", "部署": "営業部", "機密区分": "関係者外秘", "管理責任者": "営業部長"}],
            "date_columns": ["次回見直し日"]
        }),
    );
    let audit = json_of(&db, &["audit", "list", "--json"])
        .as_array()
        .unwrap()
        .len();
    let dry = json_of(
        &db,
        &[
            "assets",
            "import",
            sales_book.to_str().unwrap(),
            "--dry-run",
            "--json",
        ],
    );
    assert_eq!(dry["round"]["department"], "営業部");
    assert_eq!(
        changes(&dry),
        [
            (
                "S-001".into(),
                "next_review".into(),
                json!("2026-12-31"),
                json!("2026-06-30"),
                true,
                false
            ),
            (
                "T-001".into(),
                "owner".into(),
                json!("営業部長"),
                json!("営業第一課長"),
                false,
                true
            ),
            (
                "IA-0001".into(),
                "asset".into(),
                Value::Null,
                json!("商談メモ（Teams）"),
                false,
                true
            ),
        ]
    );
    assert_eq!(
        dry["reviewed"], 3,
        "T-001, T-002 and the new asset; S-001 waits for a decision"
    );
    assert_eq!(
        json_of(&db, &["audit", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        audit,
        "a dry run writes nothing"
    );
    let run = isms(
        &db,
        &[
            "assets",
            "import",
            sales_book.to_str().unwrap(),
            "--dry-run",
        ],
    );
    assert!(
        run.stdout.contains("change S-001 next_review: 2026-12-31 → 2026-06-30  [not written: the register's value is newer"),
        "{}",
        run.stdout
    );
    let done = json_of(
        &db,
        &["assets", "import", sales_book.to_str().unwrap(), "--json"],
    );
    assert_eq!(done["changes"], dry["changes"]);
    let s1 = json_of(&db, &["assets", "show", "S-001", "--json"]);
    assert_eq!(
        s1["next_review"], "2026-12-31",
        "the older date did not replace the newer one"
    );
    let t1 = json_of(&db, &["assets", "show", "T-001", "--json"]);
    assert_eq!(
        (&t1["owner"], &t1["last_reviewed"]),
        (&json!("営業第一課長"), &json!(today.to_string()))
    );
    let status = json_of(&db, &["inventory", "status", "--json"]);
    let sales = &status["departments"][0];
    assert_eq!(
        (&sales["department"], &sales["assets"], &sales["reviewed"]),
        (&json!("営業部"), &json!(4), &json!(3))
    );
    assert!(sales["returned_at"].is_string());
    assert_eq!(status["not_answered"], json!(["総務部"]));

    // 5. 総務部 answers: G-001 has been disposed of, T-003 (就業規則) is reclassified.
    let retired_on = (today - chrono::Days::new(5)).to_string();
    edit(
        &general_book,
        json!({
            "set": [
                ["G-001", "廃止日", retired_on], ["G-001", "廃止区分", "廃棄"], ["G-001", "廃止承認者", "総務部長"],
                ["T-003", "機密区分", "社外秘"]
            ],
            "date_columns": ["廃止日"]
        }),
    );
    let done = json_of(
        &db,
        &["assets", "import", general_book.to_str().unwrap(), "--json"],
    );
    assert_eq!(done["rejected"], 0, "{done}");
    assert_eq!(done["reviewed"], 2);
    let status = json_of(&db, &["inventory", "status", "--json"]);
    assert_eq!(status["not_answered"], json!([]));
    // G-001 left the working list and the counts; 総務部 has one asset in use, reviewed.
    let general = &status["departments"][1];
    assert_eq!(
        (&general["assets"], &general["reviewed"]),
        (&json!(1), &json!(1))
    );
    let in_use = json_of(&db, &["assets", "list", "--json"]);
    assert!(!ids(&in_use).contains(&"G-001".to_owned()));
    let retired = json_of(&db, &["assets", "list", "--retired", "--json"]);
    assert_eq!(ids(&retired), ["G-001"]);
    assert_eq!(retired[0]["retirement"]["method"], "dispose");
    assert_eq!(retired[0]["retirement"]["approver"], "総務部長");
    // Its history is whole: created, then retired field by field.
    let history = json_of(&db, &["audit", "list", "--record", "G-001", "--json"]);
    let fields: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["field"].as_str())
        .collect();
    assert!(
        fields.contains(&"retired_on") && fields.contains(&"retirement_method"),
        "{fields:?}"
    );

    // 6. The decision on S-001: the department's date after all; reviewed in one step with the rest of 営業部.
    let again = json_of(
        &db,
        &[
            "assets",
            "import",
            sales_book.to_str().unwrap(),
            "--overwrite-newer",
            "--json",
        ],
    );
    assert_eq!(
        changes(&again),
        [(
            "S-001".into(),
            "next_review".into(),
            json!("2026-12-31"),
            json!("2026-06-30"),
            true,
            true
        )]
    );
    let o = json_of(
        &db,
        &[
            "assets",
            "edit",
            "--all",
            "--department",
            "営業部",
            "--reviewed",
            "--json",
        ],
    );
    assert_eq!(o["reviewed"], 4);
    let s1 = json_of(&db, &["assets", "show", "S-001", "--json"]);
    let next_year = (today.checked_add_months(chrono::Months::new(12)).unwrap()).to_string();
    assert_eq!(
        (&s1["last_reviewed"], &s1["next_review"]),
        (&json!(today.to_string()), &json!(next_year))
    );
    let status = json_of(&db, &["inventory", "status", "--json"]);
    assert_eq!(
        (&status["assets"], &status["reviewed"]),
        (&json!(5), &json!(5))
    );
    let run = isms(&db, &["inventory", "status"]);
    assert!(
        run.stdout.contains("営業部: 4/4 reviewed — answered"),
        "{}",
        run.stdout
    );
    json_of(&db, &["inventory", "close", &round_id, "--json"]);
}

#[test]
fn retiring_deleting_and_removing_levels_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("isms.sqlite3");
    let today = chrono::Local::now().date_naive();
    json_of(&db, &["init", "--json"]);
    for (id, level) in [
        ("IA-0001", "極秘"),
        ("IA-0002", "極秘"),
        ("IA-0003", "公開"),
    ] {
        json_of(
            &db,
            &[
                "assets",
                "set",
                id,
                "--create",
                "--name",
                &format!("資産{id}"),
                "--classification",
                level,
                "--json",
            ],
        );
    }
    let o = json_of(
        &db,
        &[
            "assets",
            "retire",
            "IA-0001",
            "--date",
            &today.to_string(),
            "--method",
            "erase",
            "--approver",
            "情報システム部長",
            "--note",
            "データ消去証明書あり",
            "--json",
        ],
    );
    assert_eq!(o["updated"], 1);
    // Out of the list and the labels; in the list with --include-retired and in the export with --include-retired.
    assert_eq!(
        ids(&json_of(&db, &["assets", "list", "--json"])),
        ["IA-0002", "IA-0003"]
    );
    assert_eq!(
        ids(&json_of(
            &db,
            &["assets", "list", "--include-retired", "--json"]
        )),
        ["IA-0001", "IA-0002", "IA-0003"]
    );
    let out = dir.path().join("all.xlsx");
    let e = json_of(
        &db,
        &[
            "assets",
            "export",
            "--out",
            out.to_str().unwrap(),
            "--include-retired",
            "--json",
        ],
    );
    assert_eq!(e["assets"], 3);
    let pdf = dir.path().join("labels.pdf");
    let labels = json_of(
        &db,
        &[
            "assets",
            "labels",
            "--out",
            pdf.to_str().unwrap(),
            "--level",
            "極秘",
            "--json",
        ],
    );
    assert_eq!(labels["pages"], 1);
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned());
    if let Ok(text) = text {
        if !text.is_empty() {
            assert!(
                text.contains("IA-0002") && !text.contains("IA-0001"),
                "{text}"
            );
        }
    }
    // Refusals: a future date, an unknown method, a retired asset retired again or deleted.
    let tomorrow = (today + chrono::Days::new(1)).to_string();
    refused(
        &db,
        &[
            "assets", "retire", "IA-0002", "--date", &tomorrow, "--method", "dispose",
        ],
        "not after today",
    );
    refused(
        &db,
        &[
            "assets",
            "retire",
            "IA-0002",
            "--date",
            &today.to_string(),
            "--method",
            "burn",
        ],
        "return (返却 / Return)",
    );
    refused(
        &db,
        &[
            "assets",
            "retire",
            "IA-0001",
            "--date",
            &today.to_string(),
            "--method",
            "dispose",
        ],
        "retired",
    );
    refused(
        &db,
        &["assets", "delete", "IA-0001", "--reason", "誤登録"],
        "retired",
    );
    // Deleting an asset created by mistake: audited with the whole record.
    let gone = json_of(
        &db,
        &[
            "assets",
            "delete",
            "IA-0003",
            "--reason",
            "二重登録",
            "--json",
        ],
    );
    assert_eq!(gone["asset_id"], "IA-0003");
    let entry = &json_of(&db, &["audit", "list", "--record", "IA-0003", "--json"])[0];
    assert_eq!(
        (&entry["action"], &entry["new_value"]),
        (&json!("delete"), &json!("二重登録"))
    );
    // Levels: a level in use goes only with its assets moved; the retired asset moves too.
    refused(&db, &["classification", "remove", "極秘"], "--move-to");
    let scheme = json_of(
        &db,
        &[
            "classification",
            "remove",
            "極秘",
            "--move-to",
            "社外秘",
            "--json",
        ],
    );
    assert_eq!(scheme["levels"].as_array().unwrap().len(), 2);
    let all = json_of(&db, &["assets", "list", "--include-retired", "--json"]);
    assert!(
        all.as_array()
            .unwrap()
            .iter()
            .all(|a| a["classification"] == "社外秘"),
        "{all}"
    );
    // Put back in use.
    json_of(&db, &["assets", "reinstate", "IA-0001", "--json"]);
    assert_eq!(
        ids(&json_of(&db, &["assets", "list", "--json"])),
        ["IA-0001", "IA-0002"]
    );
}
