//! The `isms` binary driven as a user would: real database files in a temporary folder, stdout parsed as JSON, stderr and exit codes checked.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

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

fn json(db: &Path, args: &[&str]) -> Value {
    let run = isms(db, args);
    assert_eq!(run.code, 0, "isms {args:?} failed: {}", run.stderr);
    serde_json::from_str(&run.stdout).expect("stdout is JSON")
}

/// A new database made with `isms init` (only `init` creates one).
fn fresh_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("isms.sqlite3");
    let run = isms(&db, &["init"]);
    assert_eq!(run.code, 0, "init: {}", run.stderr);
    (dir, db)
}

#[test]
fn a_mistyped_database_path_is_an_error_and_creates_nothing() {
    let (dir, db) = fresh_db();
    let typo = dir.path().join("ims.sqlite3");
    let run = isms(&typo, &["controls", "list", "--json"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_one_error_line(
        &run,
        &format!("there is no ISMS Desk database at {}", typo.display()),
    );
    assert!(
        run.stderr.contains("init"),
        "says how to create one: {}",
        run.stderr
    );
    assert!(!typo.exists(), "nothing was created");
    assert!(!dir.path().join("ims.sqlite3-wal").exists());
    assert_eq!(isms(&db, &["controls", "list", "--json"]).code, 0);
}

/// The one line an error prints: no panic message, no backtrace.
fn assert_one_error_line(run: &Run, needle: &str) {
    assert_ne!(run.code, 0, "expected failure, got success: {}", run.stdout);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "stderr: {}", run.stderr);
    assert!(
        lines[0].starts_with("isms: error: "),
        "stderr: {}",
        run.stderr
    );
    assert!(lines[0].contains(needle), "stderr: {}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "stderr: {}", run.stderr);
}

#[test]
fn init_then_list_gives_93_annex_a_controls_with_both_titles() {
    let (_dir, db) = fresh_db();
    let init = json(&db, &["init", "--org", "株式会社サンプル", "--json"]);
    assert_eq!(init["organisation"]["name"], "株式会社サンプル");
    assert!(db.exists());

    let list = json(
        &db,
        &["controls", "list", "--framework", "iso27001-2022", "--json"],
    );
    let items = list.as_array().expect("a JSON array");
    assert_eq!(items.len(), 93);
    for item in items {
        for key in ["id", "title_en", "title_ja", "framework"] {
            let v = item[key].as_str().unwrap_or_default();
            assert!(!v.is_empty(), "{key} missing in {item}");
        }
        assert_eq!(item["framework"], "iso27001-2022");
        assert!(item.get("applicable").is_some(), "register fields present");
        assert!(item.get("status").is_some(), "register fields present");
        assert!(!item["title_ja"].as_str().unwrap().is_ascii());
    }
    let ids: Vec<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(ids.first(), Some(&"5.1"));
    assert_eq!(ids.last(), Some(&"8.34"));
    let themes = |t: &str| items.iter().filter(|i| i["theme"] == t).count();
    assert_eq!(
        (
            themes("organizational"),
            themes("people"),
            themes("physical"),
            themes("technological")
        ),
        (37, 8, 14, 34)
    );
}

#[test]
fn the_27017_list_gives_the_seven_cld_controls_and_2013_gives_114() {
    let (_dir, db) = fresh_db();
    let cld = json(
        &db,
        &["controls", "list", "--framework", "iso27017-2015", "--json"],
    );
    let ids: Vec<&str> = cld
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "CLD.6.3.1",
            "CLD.8.1.5",
            "CLD.9.5.1",
            "CLD.9.5.2",
            "CLD.12.1.5",
            "CLD.12.4.5",
            "CLD.13.1.4"
        ]
    );
    let old = json(
        &db,
        &["controls", "list", "--framework", "iso27002-2013", "--json"],
    );
    assert_eq!(old.as_array().unwrap().len(), 114);
}

#[test]
fn not_applicable_without_justification_fails_and_changes_nothing() {
    let (_dir, db) = fresh_db();
    json(&db, &["init", "--json"]);
    let audit_before = json(&db, &["audit", "list", "--json"]);

    let run = isms(&db, &["controls", "set", "8.28", "--applicable", "no"]);
    assert_one_error_line(&run, "justification");
    assert_eq!(run.code, 2);

    let shown = json(&db, &["controls", "show", "8.28", "--json"]);
    assert_eq!(shown["applicable"], Value::Null);
    assert_eq!(shown["updated_at"], Value::Null);
    assert_eq!(json(&db, &["audit", "list", "--json"]), audit_before);

    // With a justification it is stored.
    let run = isms(
        &db,
        &[
            "controls",
            "set",
            "8.28",
            "--applicable",
            "no",
            "--exclusion",
            "ソフトウェア開発を行わないため",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let shown = json(&db, &["controls", "show", "8.28", "--json"]);
    assert_eq!(shown["applicable"], false);
    assert_eq!(
        shown["exclusion_justification"],
        "ソフトウェア開発を行わないため"
    );

    // Emptying the justification of an excluded control is refused too.
    let run = isms(&db, &["controls", "set", "8.28", "--exclusion", ""]);
    assert_one_error_line(&run, "justification");
    let shown = json(&db, &["controls", "show", "8.28", "--json"]);
    assert_eq!(
        shown["exclusion_justification"],
        "ソフトウェア開発を行わないため"
    );
}

#[test]
fn a_newer_database_is_refused_untouched() {
    let (dir, db) = fresh_db();
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(
            "PRAGMA application_id = 1230196051;
             CREATE TABLE future (x INTEGER);
             PRAGMA user_version = 99;",
        )
        .unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    let entries_before: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();

    let run = isms(&db, &["controls", "list", "--json"]);
    assert_one_error_line(&run, "99");
    let supported = format!("supports ({})", isms_core::db::schema_version());
    assert!(run.stderr.contains(&supported), "{}", run.stderr);
    assert!(run.stdout.is_empty());

    assert_eq!(std::fs::read(&db).unwrap(), before, "file bytes changed");
    let entries_after: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(
        entries_after.len(),
        entries_before.len(),
        "no -wal or -journal file left behind"
    );
}

#[test]
fn files_that_are_not_ours_are_refused_untouched() {
    let (dir, _) = fresh_db();
    let junk = dir.path().join("register.xlsx");
    let bytes: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
    std::fs::write(&junk, &bytes).unwrap();
    let run = isms(&junk, &["controls", "list"]);
    assert_one_error_line(&run, "not an ISMS Desk database");
    assert_eq!(std::fs::read(&junk).unwrap(), bytes);

    let other = dir.path().join("other.sqlite");
    {
        let conn = rusqlite::Connection::open(&other).unwrap();
        conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
    }
    let before = std::fs::read(&other).unwrap();
    let run = isms(&other, &["controls", "list"]);
    assert_one_error_line(&run, "another program");
    assert_eq!(std::fs::read(&other).unwrap(), before);
}

#[test]
fn every_change_shows_in_the_audit_list_with_old_and_new_values() {
    let (_dir, db) = fresh_db();
    json(&db, &["init", "--org", "旧社名", "--json"]);
    json(
        &db,
        &[
            "controls",
            "set",
            "A.5.15",
            "--applicable",
            "yes",
            "--reason",
            "risk-assessment",
            "--reason",
            "contractual",
            "--status",
            "partially-implemented",
            "--implementation",
            "アクセス制御方針を定め、年1回見直す。",
            "--owner",
            "情報システム部長",
            "--document",
            "情報セキュリティ管理規程（5.15）",
            "--evidence",
            "アクセス権一覧 2026年度",
            "--last-reviewed",
            "2026-04-01",
            "--next-review",
            "2027-04-01",
            "--json",
        ],
    );
    json(
        &db,
        &[
            "controls",
            "set",
            "5.15",
            "--status",
            "implemented",
            "--json",
        ],
    );
    json(
        &db,
        &[
            "controls",
            "set",
            "CLD.6.3.1",
            "--applicable",
            "yes",
            "--cloud-role",
            "both",
            "--inherited-from",
            "Microsoft Azure",
            "--json",
        ],
    );
    json(
        &db,
        &[
            "org",
            "set",
            "--name",
            "新社名",
            "--scope",
            "本社",
            "--json",
        ],
    );

    let audit = json(&db, &["audit", "list", "--json"]);
    let entries = audit.as_array().unwrap();
    let find = |record: &str, field: &str| -> Vec<&Value> {
        entries
            .iter()
            .filter(|e| e["record_id"] == record && e["field"] == field)
            .collect()
    };
    for field in [
        "applicable",
        "inclusion_reasons",
        "implementation",
        "responsible_role",
        "related_documents",
        "evidence",
        "last_reviewed",
        "next_review",
    ] {
        let rows = find("5.15", field);
        assert_eq!(rows.len(), 1, "one entry for 5.15 {field}: {audit}");
        assert_eq!(rows[0]["action"], "create");
        assert_eq!(rows[0]["old_value"], Value::Null);
        assert!(!rows[0]["actor"].as_str().unwrap().is_empty());
        assert!(rows[0]["at"].as_str().unwrap().len() >= 20);
    }
    let status = find("5.15", "status");
    assert_eq!(status.len(), 2);
    // newest first
    assert_eq!(status[0]["action"], "update");
    assert_eq!(status[0]["old_value"], "partially_implemented");
    assert_eq!(status[0]["new_value"], "implemented");
    assert_eq!(find("CLD.6.3.1", "cloud_role")[0]["new_value"], "both");
    assert_eq!(
        find("CLD.6.3.1", "inherited_from")[0]["new_value"],
        "Microsoft Azure"
    );
    let name = find("1", "name");
    assert_eq!(name[0]["old_value"], "旧社名");
    assert_eq!(name[0]["new_value"], "新社名");

    // A set that changes nothing records nothing.
    let before = entries.len();
    let run = json(
        &db,
        &[
            "controls",
            "set",
            "5.15",
            "--status",
            "implemented",
            "--json",
        ],
    );
    assert_eq!(run["changed_fields"], serde_json::json!([]));
    let after = json(&db, &["audit", "list", "--json"]);
    assert_eq!(after.as_array().unwrap().len(), before);

    // Filtered by record, typed as the user would.
    let only = json(&db, &["audit", "list", "--record", "a.5.15", "--json"]);
    assert!(only
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["record_id"] == "5.15"));
}

#[test]
fn map_shows_counterparts_in_both_directions() {
    let (_dir, db) = fresh_db();
    let m = json(&db, &["controls", "map", "5.17", "--json"]);
    let ids: Vec<&str> = m["counterparts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["A.9.2.4", "A.9.3.1", "A.9.4.3"]);
    let back = json(&db, &["controls", "map", "A.9.4.3", "--json"]);
    assert_eq!(back["counterparts"][0]["id"], "5.17");
    assert_eq!(back["counterparts"][0]["relation"], "subset");
    let new = json(&db, &["controls", "map", "5.7", "--json"]);
    assert_eq!(new["counterparts"], serde_json::json!([]));
}

#[test]
fn bad_input_gets_one_clear_line() {
    let (_dir, db) = fresh_db();
    assert_one_error_line(
        &isms(&db, &["controls", "show", "9.99"]),
        "unknown control id `9.99`",
    );
    assert_one_error_line(
        &isms(
            &db,
            &["controls", "set", "5.1", "--next-review", "2027-02-30"],
        ),
        "invalid next review `2027-02-30`",
    );
    assert_one_error_line(
        &isms(&db, &["controls", "set", "5.1", "--cloud-role", "both"]),
        "ISO/IEC 27017",
    );
    assert_one_error_line(
        &isms(&db, &["controls", "set", "5.1"]),
        "at least one field",
    );
    let run = isms(&db, &["controls", "set", "5.1", "--status", "done"]);
    assert_ne!(run.code, 0);
    assert!(
        run.stderr
            .contains("not-started, planned, partially-implemented, implemented"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"));
}

#[test]
fn soa_issue_list_and_export_from_the_command_line() {
    let (dir, db) = fresh_db();
    json(&db, &["init", "--org", "株式会社サンプル", "--json"]);
    json(
        &db,
        &[
            "controls",
            "set",
            "5.1",
            "--applicable",
            "yes",
            "--status",
            "implemented",
            "--json",
        ],
    );
    assert_one_error_line(
        &isms(
            &db,
            &[
                "soa",
                "issue",
                "--version",
                "1.0",
                "--approver",
                " ",
                "--summary",
                "初版",
            ],
        ),
        "approver",
    );
    // Undecided controls refuse the issue (exit 2, naming how many and which) until accepted explicitly.
    let refused = isms(
        &db,
        &[
            "soa",
            "issue",
            "--version",
            "1.0",
            "--approver",
            "山田",
            "--summary",
            "初版発行",
        ],
    );
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert_one_error_line(&refused, "211 controls are still undecided");
    assert!(refused.stderr.contains("5.2, 5.3"), "{}", refused.stderr);
    assert!(
        !refused.stderr.contains("A.5.1.1"),
        "A.5.1.1 follows 5.1, which is decided: {}",
        refused.stderr
    );
    assert_eq!(
        json(&db, &["soa", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        0
    );
    let rev = json(
        &db,
        &[
            "soa",
            "issue",
            "--version",
            "1.0",
            "--approver",
            "山田",
            "--summary",
            "初版発行",
            "--date",
            "2026-04-01",
            "--accept-undecided",
            "--json",
        ],
    );
    assert_eq!(rev["accepted_undecided"].as_array().unwrap().len(), 211);
    assert_eq!(rev["version"], "1.0");
    assert_eq!(rev["issued_on"], "2026-04-01");
    assert_one_error_line(
        &isms(
            &db,
            &[
                "soa",
                "issue",
                "--version",
                "1.0",
                "--approver",
                "山田",
                "--summary",
                "再発行",
            ],
        ),
        "newer than the latest issued version 1.0",
    );
    let list = json(&db, &["soa", "list", "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 1);

    let pdf = dir.path().join("適用宣言書.pdf");
    let report = json(
        &db,
        &[
            "export",
            "soa",
            "--out",
            pdf.to_str().unwrap(),
            "--version",
            "1.0",
            "--json",
        ],
    );
    assert_eq!(report["format"], "pdf");
    assert_eq!(report["draft"], false);
    assert!(report["pages"].as_u64().unwrap() >= 3);
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    // The exported issued version carries its content hash and the audit chain head: it verifies here, and not in
    // another database.
    let v = json(&db, &["verify-document", pdf.to_str().unwrap(), "--json"]);
    assert_eq!(
        (
            v["ok"].as_bool(),
            v["matches"].as_str(),
            v["chain_head_found"].as_bool()
        ),
        (Some(true), Some("soa 1.0"), Some(true)),
        "{v}"
    );
    let (_other_dir, other) = fresh_db();
    let run = isms(&other, &["verify-document", pdf.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .contains("no issued version in this database has this content"),
        "{}",
        run.stdout
    );

    let xlsx = dir.path().join("soa.xlsx");
    let report = json(
        &db,
        &[
            "export",
            "soa",
            "--out",
            xlsx.to_str().unwrap(),
            "--lang",
            "en",
            "--json",
        ],
    );
    assert_eq!(report["format"], "xlsx");
    assert_eq!(report["draft"], true);
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));

    let out = dir.path().join("x.pdf");
    assert_one_error_line(
        &isms(
            &db,
            &[
                "export",
                "soa",
                "--out",
                out.to_str().unwrap(),
                "--version",
                "9.9",
            ],
        ),
        "no issued SoA version `9.9`",
    );
    assert!(!out.exists());
    assert_one_error_line(
        &isms(
            &db,
            &[
                "export",
                "soa",
                "--out",
                dir.path().join("x.docx").to_str().unwrap(),
            ],
        ),
        "unsupported export format",
    );
    assert_one_error_line(
        &isms(
            &db,
            &[
                "export",
                "soa",
                "--out",
                out.to_str().unwrap(),
                "--lang",
                "fr",
            ],
        ),
        "unknown language `fr`",
    );
}

fn fixture(name: &str) -> String {
    format!(
        "{}/../../tests/fixtures/assets/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn assets_import_list_export_labels_and_classification_from_the_command_line() {
    let (dir, db) = fresh_db();
    let r = json(
        &db,
        &[
            "assets",
            "import",
            &fixture("register.xlsx"),
            "--dry-run",
            "--json",
        ],
    );
    assert_eq!(r["inserted"], 8);
    assert_eq!(
        json(&db, &["assets", "list", "--json"]),
        serde_json::json!([])
    );

    let r = json(
        &db,
        &["assets", "import", &fixture("register.xlsx"), "--json"],
    );
    for key in [
        "inserted", "updated", "skipped", "rejected", "errors", "warnings", "changes", "mapping",
    ] {
        assert!(r.get(key).is_some(), "{key} in {r}");
    }
    // Rejected: the row without a name and the duplicate id; the unknown level 部外秘, C=5 and 2024/13/45 are
    // warnings on rows that are imported without those values.
    assert_eq!(
        (r["inserted"].as_u64(), r["rejected"].as_u64()),
        (Some(8), Some(2))
    );
    let e = &r["errors"][0];
    assert_eq!(
        (e["sheet"].as_str(), e["row"].as_u64(), e["column"].as_str()),
        (Some("情報資産台帳"), Some(12), Some("情報資産名"))
    );
    let w = &r["warnings"][0];
    assert_eq!(
        (w["sheet"].as_str(), w["row"].as_u64(), w["column"].as_str()),
        (Some("情報資産台帳"), Some(11), Some("機密区分"))
    );
    assert_eq!(w["value"], "部外秘");
    assert_eq!(r["warnings"].as_array().unwrap().len(), 3);

    let list = json(
        &db,
        &["assets", "list", "--classification", "社外秘", "--json"],
    );
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["asset_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["IA-0001", "IA-0002", "IA-0005", "IA-0008", "IA-0009"]);
    assert_eq!(list[0]["custom"]["部署コード"], "S01");
    let shown = json(&db, &["assets", "show", "IA-0003", "--json"]);
    assert_eq!(shown["handling"]["transfer"], "持出し・移送は禁止する");

    // Bulk edit: named assets, or every asset the filters select.
    let o = json(
        &db,
        &[
            "assets",
            "edit",
            "IA-0003",
            "IA-0004",
            "--add-label",
            "棚卸済",
            "--json",
        ],
    );
    assert_eq!(o["updated"], 2);
    let o = json(
        &db,
        &[
            "assets",
            "edit",
            "--all",
            "--classification",
            "社外秘",
            "--add-label",
            "棚卸済",
            "--json",
        ],
    );
    assert_eq!(o["updated"], 5);
    let tagged: Vec<String> = json(&db, &["assets", "list", "--label", "棚卸済", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["asset_id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        tagged,
        ["IA-0001", "IA-0002", "IA-0003", "IA-0004", "IA-0005", "IA-0008", "IA-0009"]
    );
    // Filters without --all, nothing to change, an unknown asset: exit 2, nothing written.
    for args in [
        &[
            "assets",
            "edit",
            "--classification",
            "社外秘",
            "--add-label",
            "x",
        ][..],
        &["assets", "edit", "IA-0001"][..],
        &[
            "assets",
            "edit",
            "IA-0001",
            "IA-9999",
            "--set-level",
            "公開",
        ][..],
    ] {
        let run = isms(&db, args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
    }
    assert_eq!(
        json(&db, &["assets", "show", "IA-0001", "--json"])["classification"],
        "社外秘"
    );

    // An unreadable file: non-zero exit, one line, nothing changed.
    let run = isms(&db, &["assets", "import", &fixture("random.xlsx")]);
    assert_one_error_line(&run, "random.xlsx");
    assert_eq!(
        json(&db, &["assets", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        8
    );

    let out = dir.path().join("台帳.xlsx");
    let summary = json(
        &db,
        &["assets", "export", "--out", out.to_str().unwrap(), "--json"],
    );
    assert_eq!(summary["assets"], 8);
    let pdf = dir.path().join("labels.pdf");
    let labels = json(
        &db,
        &[
            "assets",
            "labels",
            "--out",
            pdf.to_str().unwrap(),
            "--level",
            "Internal",
            "--json",
        ],
    );
    assert_eq!(labels["pages"], 1);
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    // In words: a label sheet is not a "draft" (only an SoA is), and one page is one page.
    let run = isms(&db, &["assets", "labels", "--out", pdf.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("(1 page, ") && !run.stdout.contains("draft"),
        "{}",
        run.stdout
    );

    // The scheme: rename a level, change a handling rule, widen a scale.
    let scheme = json(
        &db,
        &[
            "classification",
            "set",
            "社外秘",
            "--name-ja",
            "部外秘",
            "--colour",
            "#336699",
            "--json",
        ],
    );
    assert_eq!(scheme["levels"][1]["name_ja"], "部外秘");
    assert_eq!(
        json(&db, &["assets", "show", "IA-0001", "--json"])["classification"],
        "部外秘"
    );
    let scheme = json(
        &db,
        &[
            "classification",
            "rule",
            "極秘",
            "sending",
            "暗号化した上で責任者の承認を得て送る",
            "--json",
        ],
    );
    assert_eq!(
        scheme["levels"][0]["handling"]["sending"],
        "暗号化した上で責任者の承認を得て送る"
    );
    let scheme = json(
        &db,
        &[
            "classification",
            "scales",
            "--confidentiality-max",
            "4",
            "--json",
        ],
    );
    assert_eq!(scheme["scales"]["confidentiality"], 4);
    assert_one_error_line(
        &isms(&db, &["classification", "set", "社外秘", "--colour", "red"]),
        "社外秘",
    );
    assert_one_error_line(
        &isms(&db, &["classification", "set", "部外秘", "--colour", "red"]),
        "#RRGGBB",
    );
    assert_one_error_line(
        &isms(
            &db,
            &["classification", "scales", "--confidentiality-max", "2"],
        ),
        "IA-0001",
    );
}

#[test]
fn assets_set_creates_and_edits_one_asset() {
    let (_dir, db) = fresh_db();
    assert_one_error_line(
        &isms(&db, &["assets", "set", "IA-1", "--name", "x"]),
        "unknown asset id `IA-1`",
    );
    assert_one_error_line(
        &isms(&db, &["assets", "set", "IA-1", "--create"]),
        "asset name",
    );
    let a = json(
        &db,
        &[
            "assets",
            "set",
            "IA-1",
            "--create",
            "--name",
            "顧客名簿",
            "--classification",
            "Confidential",
            "--confidentiality",
            "3",
            "--label",
            "個人情報",
            "--control",
            "A.5.12",
            "--field",
            "部署コード=S01",
            "--next-review",
            "2027/4/1",
            "--json",
        ],
    );
    assert_eq!(a["classification"], "極秘");
    assert_eq!(a["controls"], serde_json::json!(["5.12"]));
    assert_eq!(a["custom"]["部署コード"], "S01");
    assert_eq!(a["next_review"], "2027-04-01");
    assert_eq!(a["importance"], 3);
    assert_eq!(a["handling"]["usage"], "役職者に限る");
    assert_one_error_line(
        &isms(&db, &["assets", "set", "IA-1", "--integrity", "9"]),
        "from 1 to 3",
    );
    assert_one_error_line(
        &isms(&db, &["assets", "set", "IA-1", "--control", "9.99"]),
        "unknown control id `9.99`",
    );
    let a = json(
        &db,
        &[
            "assets",
            "set",
            "IA-1",
            "--classification",
            "none",
            "--field",
            "部署コード=",
            "--json",
        ],
    );
    assert_eq!(a["classification"], serde_json::Value::Null);
    assert_eq!(a["custom"], serde_json::json!({}));
}

#[test]
fn issued_versions_keep_their_dates_in_order_and_are_superseded_or_withdrawn_never_deleted() {
    let (_dir, db) = fresh_db();
    json(&db, &["init", "--json"]);
    let issue = |version: &str, date: &str| {
        isms(
            &db,
            &[
                "soa",
                "issue",
                "--version",
                version,
                "--approver",
                "山田",
                "--summary",
                "改訂",
                "--date",
                date,
                "--accept-undecided",
            ],
        )
    };
    assert_eq!(issue("1.0", "令和8年4月1日").code, 0);
    let early = issue("2.0", "2026/3/31");
    assert_eq!(early.code, 2);
    assert_one_error_line(&early, "the previous version 1.0 was issued on 2026-04-01");
    assert_eq!(issue("2.0", "2026-05-01").code, 0);

    // 2.0 is the latest: nothing supersedes it yet.
    let run = isms(&db, &["soa", "supersede", "2.0", "--reason", "x"]);
    assert_one_error_line(&run, "no later version in force supersedes it");
    let run = isms(&db, &["soa", "supersede", "1.0", "--reason", " "]);
    assert_one_error_line(&run, "the reason (--reason) is required");
    let v1 = json(
        &db,
        &[
            "soa",
            "supersede",
            "1.0",
            "--reason",
            "第2.0版の発行による",
            "--date",
            "2026-05-01",
            "--json",
        ],
    );
    assert_eq!(v1["status"], "superseded");
    assert_eq!(v1["status_reason"], "第2.0版の発行による");
    let v2 = json(
        &db,
        &["soa", "withdraw", "2.0", "--reason", "誤記のため", "--json"],
    );
    assert_eq!(v2["status"], "withdrawn");
    let run = isms(&db, &["soa", "withdraw", "2.0", "--reason", "again"]);
    assert_one_error_line(&run, "a withdrawn version stays withdrawn");
    let list = json(&db, &["soa", "list", "--json"]);
    let statuses: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["superseded", "withdrawn"], "both kept");
    let trail = json(&db, &["audit", "list", "--json"]);
    assert!(trail
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["record_id"] == "2.0"
            && e["field"] == "status"
            && e["new_value"] == "withdrawn"));
}

#[test]
fn every_date_option_reads_the_importers_forms_and_says_why_a_date_is_refused() {
    let (_dir, db) = fresh_db();
    json(&db, &["init", "--json"]);
    let set = json(
        &db,
        &[
            "controls",
            "set",
            "5.1",
            "--next-review",
            "令和8年4月1日",
            "--json",
        ],
    );
    assert_eq!(set["entry"]["next_review"], "2026-04-01");
    for (typed, stored) in [
        ("R9.3.31", "2027-03-31"),
        ("２０２７年４月１日", "2027-04-01"),
    ] {
        let set = json(
            &db,
            &["controls", "set", "5.1", "--next-review", typed, "--json"],
        );
        assert_eq!(set["entry"]["next_review"], stored, "{typed}");
    }
    let run = isms(
        &db,
        &["controls", "set", "5.1", "--next-review", "2026/13/01"],
    );
    assert_eq!(run.code, 2);
    assert_one_error_line(&run, "no month 13");
    let run = isms(
        &db,
        &["controls", "set", "5.1", "--next-review", "3026/1/1"],
    );
    assert_one_error_line(&run, "year 3026, outside 1900–2199");
    let run = isms(
        &db,
        &["controls", "set", "5.1", "--last-reviewed", "2026/2/30"],
    );
    assert_one_error_line(&run, "no day 30 in 2026-02");
}

#[test]
fn a_2013_control_shows_where_its_values_come_from_and_can_decide_on_its_own() {
    let (_dir, db) = fresh_db();
    json(&db, &["init", "--json"]);
    json(
        &db,
        &[
            "controls",
            "set",
            "5.5",
            "--applicable",
            "yes",
            "--status",
            "implemented",
            "--implementation",
            "関係当局の連絡先一覧を維持する",
            "--json",
        ],
    );
    let a613 = json(&db, &["controls", "show", "A.6.1.3", "--json"]);
    assert_eq!(a613["applicable"], true);
    assert_eq!(a613["status"], "implemented");
    assert_eq!(a613["implementation"], "関係当局の連絡先一覧を維持する");
    assert_eq!(a613["derived_from"][0]["id"], "5.5");
    assert_eq!(a613["derived_from"][0]["relation"], "equal");
    let text = isms(&db, &["controls", "show", "A.6.1.3"]);
    assert!(
        text.stdout
            .contains("taken from the 2022 control 5.5 (equal)"),
        "{}",
        text.stdout
    );

    // Editing a decision field on the 2013 row makes the decision its own, starting from what it showed.
    json(
        &db,
        &[
            "controls",
            "set",
            "A.6.1.3",
            "--status",
            "partially-implemented",
            "--json",
        ],
    );
    let own = json(&db, &["controls", "show", "A.6.1.3", "--json"]);
    assert_eq!(own["derived_from"].as_array().unwrap().len(), 0);
    assert_eq!(own["own_decision"], true);
    assert_eq!(own["applicable"], true, "kept from 5.5");
    assert_eq!(own["status"], "partially_implemented");
    // Back to following 2022.
    json(
        &db,
        &["controls", "set", "A.6.1.3", "--follow-2022", "--json"],
    );
    let again = json(&db, &["controls", "show", "A.6.1.3", "--json"]);
    assert_eq!(again["status"], "implemented");
    assert_eq!(again["derived_from"][0]["id"], "5.5");
    let run = isms(&db, &["controls", "set", "5.5", "--follow-2022"]);
    assert_one_error_line(&run, "an ISO/IEC 27002:2013 control");
}

#[test]
fn english_texts_are_kept_beside_the_japanese_ones() {
    let (_dir, db) = fresh_db();
    json(&db, &["init", "--json"]);
    let org = json(
        &db,
        &[
            "org",
            "set",
            "--name-en",
            "Sample Corporation",
            "--scope-en",
            "Development and operation of SaaS",
            "--json",
        ],
    );
    assert_eq!(org["name_en"], "Sample Corporation");
    assert_eq!(org["isms_scope_en"], "Development and operation of SaaS");
    let c = json(
        &db,
        &[
            "controls",
            "set",
            "5.1",
            "--implementation-en",
            "Policies are reviewed yearly.",
            "--statement-en",
            "We keep an information security policy.",
            "--json",
        ],
    );
    assert_eq!(
        c["entry"]["implementation_en"],
        "Policies are reviewed yearly."
    );
    assert_eq!(
        c["entry"]["customer_statement_en"],
        "We keep an information security policy."
    );
}

/// Two writers on one file — the app (a `Store` held open here, as the app holds it) and the CLI in another process:
/// different fields of one control both keep their change; the same field is a conflict, never a silent revert.
#[test]
fn two_processes_editing_one_control_merge_different_fields_and_conflict_on_the_same_one() {
    use isms_core::register::RegisterPatch;
    let (_dir, db) = fresh_db();
    json(&db, &["init", "--json"]);
    json(
        &db,
        &["controls", "set", "5.12", "--owner", "総務部", "--json"],
    );
    let mut app = isms_core::Store::open(&db).unwrap();
    let loaded = app.control("5.12").unwrap().entry.fields;

    // Meanwhile, someone else changes the owner and the status from the command line.
    json(
        &db,
        &[
            "controls",
            "set",
            "5.12",
            "--owner",
            "情報システム部",
            "--status",
            "implemented",
            "--json",
        ],
    );

    // The app saves only what its user changed: the implementation text.
    let saved = app
        .save_control(
            "5.12",
            RegisterPatch {
                implementation: Some("分類基準に従いラベルを付す".into()),
                ..Default::default()
            },
            Some(loaded.clone()),
        )
        .unwrap();
    assert_eq!(saved.changed_fields, ["implementation"]);
    let now = json(&db, &["controls", "show", "5.12", "--json"]);
    assert_eq!(
        now["responsible_role"], "情報システム部",
        "their owner kept"
    );
    assert_eq!(now["status"], "implemented", "their status kept");
    assert_eq!(now["implementation"], "分類基準に従いラベルを付す");

    // The app's user also changed the owner, from the stale value it loaded: a conflict naming both values.
    let err = app
        .save_control(
            "5.12",
            RegisterPatch {
                responsible_role: Some("経営企画部".into()),
                ..Default::default()
            },
            Some(loaded),
        )
        .unwrap_err();
    assert_eq!(err.code(), isms_core::ErrorCode::Conflict);
    let conflicts = err.conflicts().unwrap();
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].field, "responsible_role");
    assert_eq!(conflicts[0].theirs.as_deref(), Some("情報システム部"));
    assert_eq!(conflicts[0].yours.as_deref(), Some("経営企画部"));
    assert!(conflicts[0].changed_by.is_some());
    let after = json(&db, &["controls", "show", "5.12", "--json"]);
    assert_eq!(
        after["responsible_role"], "情報システム部",
        "nothing written"
    );

    // Choosing "mine" after seeing theirs: the form saves again from what is stored now.
    let current = app.control("5.12").unwrap().entry.fields;
    app.save_control(
        "5.12",
        RegisterPatch {
            responsible_role: Some("経営企画部".into()),
            ..Default::default()
        },
        Some(current),
    )
    .unwrap();
    let after = json(&db, &["controls", "show", "5.12", "--json"]);
    assert_eq!(after["responsible_role"], "経営企画部");
}

/// The same guarantee for assets and the organisation profile.
#[test]
fn asset_and_organisation_saves_refuse_a_conflicting_change_from_another_process() {
    use isms_core::asset::AssetPatch;
    use isms_core::organisation::OrganisationPatch;
    let (_dir, db) = fresh_db();
    json(&db, &["init", "--org", "株式会社サンプル", "--json"]);
    json(
        &db,
        &[
            "assets",
            "set",
            "IA-0001",
            "--create",
            "--name",
            "顧客名簿",
            "--owner",
            "営業部",
            "--json",
        ],
    );
    let mut app = isms_core::Store::open(&db).unwrap();
    let asset = app.asset("IA-0001").unwrap().view.asset;
    let org = app.organisation().unwrap();
    json(
        &db,
        &[
            "assets",
            "set",
            "IA-0001",
            "--owner",
            "営業推進部",
            "--json",
        ],
    );
    json(
        &db,
        &["org", "set", "--name", "株式会社サンプル本社", "--json"],
    );

    let err = app
        .save_asset_from(
            "IA-0001",
            AssetPatch {
                owner: Some("総務部".into()),
                ..Default::default()
            },
            false,
            Some(asset.clone()),
        )
        .unwrap_err();
    assert_eq!(err.code(), isms_core::ErrorCode::Conflict);
    assert_eq!(
        err.conflicts().unwrap()[0].theirs.as_deref(),
        Some("営業推進部")
    );
    app.save_asset_from(
        "IA-0001",
        AssetPatch {
            notes: Some("年1回棚卸し".into()),
            ..Default::default()
        },
        false,
        Some(asset),
    )
    .unwrap();
    let shown = json(&db, &["assets", "show", "IA-0001", "--json"]);
    assert_eq!(shown["owner"], "営業推進部");
    assert_eq!(shown["notes"], "年1回棚卸し");

    let err = app
        .save_organisation(
            OrganisationPatch {
                name: Some("サンプル株式会社".into()),
                ..Default::default()
            },
            Some(org.clone()),
        )
        .unwrap_err();
    assert_eq!(err.code(), isms_core::ErrorCode::Conflict);
    app.save_organisation(
        OrganisationPatch {
            isms_scope: Some("本社".into()),
            ..Default::default()
        },
        Some(org),
    )
    .unwrap();
    let shown = json(&db, &["org", "show", "--json"]);
    assert_eq!(shown["name"], "株式会社サンプル本社");
    assert_eq!(shown["isms_scope"], "本社");
}

/// The supplier register from the command line: a cloud service evaluated against the 27017 checklist, approved,
/// its next due date from its criticality; what is due; bad input refused with one line and nothing written.
#[test]
fn suppliers_are_registered_evaluated_and_due_from_the_command_line() {
    let (dir, db) = fresh_db();
    json(&db, &["init", "--org", "株式会社サンプル", "--json"]);
    let cloud = isms(
        &db,
        &[
            "suppliers",
            "add",
            "--name",
            "株式会社クラウド",
            "--kind",
            "クラウドサービス",
            "--service",
            "勤怠管理SaaS",
            "--criticality",
            "high",
            "--control",
            "5.23",
            "--cert",
            "isms:IS 123456:2026-01-31",
            "--info",
            "個人情報",
            "--level",
            "社外秘",
        ],
    );
    assert_eq!(cloud.code, 0, "{}", cloud.stderr);
    assert_eq!(cloud.stdout.trim(), "SUP-0001");
    let dc = json(
        &db,
        &[
            "suppliers",
            "add",
            "--name",
            "データセンター株式会社",
            "--kind",
            "contractor",
            "--json",
        ],
    );
    assert_eq!(dc["supplier_id"], "SUP-0002");
    json(
        &db,
        &[
            "suppliers",
            "set",
            "SUP-0001",
            "--subcontractor",
            "SUP-0002",
            "--subprocessor",
            "yes",
            "--json",
        ],
    );

    // Bad input: one line, exit 2, nothing written.
    let before = json(&db, &["suppliers", "list", "--json"]);
    for (args, needle) in [
        (
            vec!["suppliers", "set", "SUP-9999", "--name", "x"],
            "unknown supplier `SUP-9999`",
        ),
        (
            vec!["suppliers", "add", "--name", "x", "--kind", "宇宙船"],
            "invalid supplier kind `宇宙船`",
        ),
        (
            vec![
                "suppliers",
                "set",
                "SUP-0001",
                "--subcontractor",
                "SUP-0001",
            ],
            "invalid subcontractor",
        ),
        (
            vec![
                "suppliers",
                "set",
                "SUP-0001",
                "--url",
                "javascript:alert(1)",
            ],
            "https://",
        ),
        (
            vec![
                "suppliers",
                "evaluate",
                "SUP-0001",
                "--kind",
                "new",
                "--answer",
                "no_such_item=conform",
            ],
            "invalid checklist item `no_such_item`",
        ),
        (
            vec![
                "suppliers",
                "evaluate",
                "SUP-0001",
                "--kind",
                "new",
                "--answer-rest",
                "conform",
                "--result",
                "pass",
                "--approver",
                "山田",
            ],
            "the evaluator",
        ),
        (
            vec![
                "suppliers",
                "evaluate",
                "SUP-0001",
                "--kind",
                "new",
                "--answer-rest",
                "conform",
                "--result",
                "pass",
                "--evaluator",
                "佐藤",
                "--approver",
                "山田",
                "--date",
                "2026-04-01",
                "--next-due",
                "2026-03-01",
            ],
            "a date after the evaluation (2026-04-01)",
        ),
    ] {
        let run = isms(&db, &args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert_one_error_line(&run, needle);
    }
    assert_eq!(
        json(&db, &["suppliers", "list", "--json"]),
        before,
        "nothing written"
    );
    assert!(
        json(&db, &["suppliers", "evaluations", "SUP-0001", "--json"])
            .as_array()
            .unwrap()
            .is_empty()
    );

    // Before any evaluation both are due; the certificate has expired.
    let due = json(&db, &["suppliers", "due", "--json"]);
    let reasons: Vec<(String, String)> = due
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["supplier_id"].as_str().unwrap().to_owned(),
                d["reason"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert!(reasons.contains(&("SUP-0001".into(), "never_evaluated".into())));
    assert!(reasons.contains(&("SUP-0001".into(), "certification_expired".into())));
    assert!(reasons.contains(&("SUP-0002".into(), "never_evaluated".into())));

    // A cloud service evaluated against the cloud checklist, approved at once: its next due date follows its
    // criticality (high: 12 months), its status follows the result.
    let e = json(
        &db,
        &[
            "suppliers",
            "evaluate",
            "SUP-0001",
            "--kind",
            "new",
            "--answer-rest",
            "conform",
            "--answer",
            "data_location_and_law=nonconform",
            "--note",
            "data_location_and_law=海外リージョンにバックアップあり",
            "--result",
            "conditional",
            "--conditions",
            "国内リージョンへの移行",
            "--evaluator",
            "佐藤",
            "--approver",
            "山田",
            "--date",
            "2025-11-01",
            "--json",
        ],
    );
    assert_eq!(e["next_due"], "2026-11-01");
    let answers = e["answers"].as_array().unwrap();
    assert!(
        answers.iter().any(|a| a["applies_to"] == "cloud"),
        "the cloud checks are asked"
    );
    assert!(answers.iter().all(|a| !a["answer"].is_null()));
    let shown = json(&db, &["suppliers", "show", "SUP-0001", "--json"]);
    assert_eq!(shown["status"], "conditional");
    let reasons: Vec<String> = shown["due"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["reason"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        reasons.contains(&"evaluation_overdue".to_owned()),
        "{reasons:?}"
    );
    // Approved evaluations are frozen, even with SQL.
    let id = e["id"].as_i64().unwrap();
    let conn = rusqlite::Connection::open(&db).unwrap();
    assert!(conn
        .execute(
            "UPDATE supplier_evaluations SET result = 'pass' WHERE id = ?1",
            [id]
        )
        .is_err());
    assert!(conn
        .execute("DELETE FROM supplier_evaluations WHERE id = ?1", [id])
        .is_err());
    drop(conn);

    // A draft, answered later and approved.
    let draft = json(
        &db,
        &[
            "suppliers",
            "evaluate",
            "SUP-0002",
            "--kind",
            "new",
            "--answer-rest",
            "na",
            "--json",
        ],
    );
    assert!(draft["approved_at"].is_null());
    let approve = isms(
        &db,
        &[
            "suppliers",
            "approve",
            &draft["id"].to_string(),
            "--approver",
            "山田",
        ],
    );
    assert_one_error_line(&approve, "the evaluator");
    let trail = json(&db, &["audit", "list", "--json"]);
    assert!(trail
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["entity"] == "supplier"
            && t["field"] == "status"
            && t["new_value"] == "conditional"));

    // The monitoring log, and an attachment stored inside the database (the same content once).
    json(
        &db,
        &[
            "suppliers",
            "log",
            "SUP-0001",
            "--kind",
            "sla-breach",
            "--note",
            "稼働率99.5%を下回った",
            "--date",
            "2026-10-02",
            "--json",
        ],
    );
    let file = dir.path().join("契約書.pdf");
    std::fs::write(&file, b"%PDF-1.4 signed contract").unwrap();
    let a1 = json(
        &db,
        &[
            "suppliers",
            "attach",
            "SUP-0001",
            file.to_str().unwrap(),
            "--json",
        ],
    );
    let a2 = json(
        &db,
        &[
            "suppliers",
            "attach",
            "SUP-0001",
            file.to_str().unwrap(),
            "--json",
        ],
    );
    assert_eq!(a1["sha256"], a2["sha256"]);
    let conn = rusqlite::Connection::open(&db).unwrap();
    let blobs: i64 = conn
        .query_row("SELECT count(*) FROM attachment_blobs", [], |r| r.get(0))
        .unwrap();
    assert_eq!(blobs, 1, "content stored once");
    drop(conn);
    let big = dir.path().join("big.bin");
    std::fs::write(&big, vec![0u8; 2 * 1024 * 1024]).unwrap();
    let run = isms(
        &db,
        &[
            "suppliers",
            "attach",
            "SUP-0001",
            big.to_str().unwrap(),
            "--limit-mb",
            "1",
        ],
    );
    assert_one_error_line(&run, "a file of at most 1.0 MB (this one is 2.0 MB)");

    // The auditor's documents: the evaluation record and the cloud list as PDF, the register as a workbook.
    let pdf = dir.path().join("評価表.pdf");
    json(
        &db,
        &[
            "export",
            "evaluation",
            &id.to_string(),
            "--out",
            pdf.to_str().unwrap(),
            "--json",
        ],
    );
    let out = std::process::Command::new("pdftotext")
        .args(["-raw"])
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text: String = String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .collect();
    for expected in [
        "委託先評価表（新規評価）",
        "SUP-0001株式会社クラウド",
        "不適合",
        "海外リージョンにバックアップあり",
        "条件付き適",
        "国内リージョンへの移行",
        "2026年11月1日",
        "山田",
        "佐藤",
    ] {
        assert!(
            text.contains(expected),
            "{expected} missing from the evaluation PDF"
        );
    }
    assert!(
        !text.contains("DRAFT"),
        "an approved evaluation is not a draft"
    );
    let cloud_pdf = dir.path().join("クラウド一覧表.pdf");
    json(
        &db,
        &[
            "export",
            "cloud-services",
            "--out",
            cloud_pdf.to_str().unwrap(),
            "--json",
        ],
    );
    let xlsx = dir.path().join("委託先一覧.xlsx");
    let written = json(
        &db,
        &[
            "export",
            "suppliers",
            "--out",
            xlsx.to_str().unwrap(),
            "--json",
        ],
    );
    assert_eq!(written["rows"], 2);
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let mut wb: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let range = wb.worksheet_range("委託先一覧").unwrap();
    let header: Vec<String> = range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(&header[..3], ["委託先ID", "委託先名", "種別"]);
    let last = header.iter().position(|h| h == "最終評価日").unwrap();
    let row = range.rows().nth(1).unwrap();
    assert!(
        matches!(row[last], Data::DateTime(_)),
        "a real date cell: {:?}",
        row[last]
    );
    assert_eq!(row[2].to_string(), "クラウドサービス");
}

fn any_fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(rel)
}

/// The importer, generalised over record kinds: a supplier list with the headers people write, a Shift_JIS クラウド一覧表
/// without ids, a 2013 SoA placed on the 2022 controls, and the header vocabulary holding against real registers.
#[test]
fn supplier_lists_and_soa_spreadsheets_import_like_asset_registers() {
    let (_dir, db) = fresh_db();
    json(&db, &["init", "--json"]);
    let list = any_fixture("suppliers/委託先一覧.xlsx");
    let dry = json(
        &db,
        &[
            "suppliers",
            "import",
            list.to_str().unwrap(),
            "--dry-run",
            "--json",
        ],
    );
    assert_eq!(
        (dry["inserted"].as_u64(), dry["rejected"].as_u64()),
        (Some(3), Some(2)),
        "{dry}"
    );
    assert!(
        json(&db, &["suppliers", "list", "--json"])
            .as_array()
            .unwrap()
            .is_empty(),
        "a dry run writes nothing"
    );
    let errors: Vec<(u64, String)> = dry["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["row"].as_u64().unwrap(),
                e["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert!(
        errors
            .iter()
            .any(|(r, m)| *r == 6 && m.contains("invalid supplier kind `宇宙船`")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|(r, m)| *r == 7 && m.contains("is not yes or no")),
        "{errors:?}"
    );
    let skipped: Vec<String> = dry["skipped_rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["reason"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        skipped.iter().any(|s| s.starts_with("note row")),
        "※ rows are skipped, not errors: {skipped:?}"
    );
    json(
        &db,
        &["suppliers", "import", list.to_str().unwrap(), "--json"],
    );
    let cw = json(&db, &["suppliers", "show", "SUP-0101", "--json"]);
    assert_eq!(cw["kind"], "cloud_service");
    assert_eq!(cw["status"], "approved");
    assert_eq!(cw["criticality"], "high");
    assert_eq!(cw["subcontracting_allowed"], true);
    assert_eq!(cw["subcontractors"][0], "SUP-0102");
    assert_eq!(
        cw["info_categories"],
        serde_json::json!(["personal", "business"])
    );
    assert_eq!(
        json(&db, &["suppliers", "show", "SUP-0105", "--json"])["kind"],
        "cloud_service",
        "English labels"
    );
    let again = json(
        &db,
        &["suppliers", "import", list.to_str().unwrap(), "--json"],
    );
    assert_eq!(
        (again["inserted"].as_u64(), again["unchanged"].as_u64()),
        (Some(0), Some(3)),
        "re-import changes nothing"
    );
    // A list without ids: matched by name; the new one gets the next id.
    let sjis = json(
        &db,
        &[
            "suppliers",
            "import",
            any_fixture("suppliers/cloud-list-sjis.csv")
                .to_str()
                .unwrap(),
            "--json",
        ],
    );
    assert_eq!(
        (sjis["inserted"].as_u64(), sjis["updated"].as_u64()),
        (Some(1), Some(1)),
        "{sjis}"
    );
    assert!(sjis["notes"][0]
        .as_str()
        .unwrap()
        .contains("matched to suppliers by name"));
    assert_eq!(
        json(&db, &["suppliers", "show", "SUP-0106", "--json"])["name"],
        "新規ストレージ株式会社"
    );

    // An SoA written against ISO/IEC 27001:2013: placed on the 2022 controls, merged rows and unplaced rows reported.
    let soa = any_fixture("soa/soa-2013.xlsx");
    let r = json(
        &db,
        &["controls", "import", soa.to_str().unwrap(), "--json"],
    );
    assert_eq!(r["rejected"], 2, "{r}");
    assert!(r["notes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n.as_str().unwrap().contains("5.1 ← A.5.1.1, A.5.1.2")));
    assert!(r["errors"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["value"] == "A.19.9.9"));
    let c51 = json(&db, &["controls", "show", "5.1", "--json"]);
    assert_eq!(c51["applicable"], true);
    assert_eq!(
        c51["status"], "partially_implemented",
        "the least advanced of the two rows"
    );
    assert!(c51["implementation"]
        .as_str()
        .unwrap()
        .contains("A.5.1.1: 基本方針を定め"));
    assert!(c51["implementation"]
        .as_str()
        .unwrap()
        .contains("A.5.1.2: 年1回"));
    let c828 = json(&db, &["controls", "show", "8.30", "--json"]);
    assert_eq!(c828["applicable"], false);
    assert_eq!(
        c828["exclusion_justification"],
        "ソフトウェア開発を外部に委託しないため"
    );
    let c55 = json(&db, &["controls", "show", "5.5", "--json"]);
    assert_eq!(c55["implementation"], "連絡先一覧を維持する。");
    let r22 = json(
        &db,
        &[
            "controls",
            "import",
            any_fixture("soa/soa-2022.xlsx").to_str().unwrap(),
            "--dry-run",
            "--json",
        ],
    );
    assert!(r22["errors"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["message"]
            .as_str()
            .unwrap()
            .contains("justification for exclusion")));
    assert_eq!(
        json(&db, &["controls", "show", "5.3", "--json"])["responsible_role"],
        "",
        "dry run"
    );

    // Asset registers as people (and other tools) write them.
    let no_id = json(
        &db,
        &[
            "assets",
            "import",
            any_fixture("assets/register-no-id.xlsx").to_str().unwrap(),
            "--json",
        ],
    );
    assert_eq!(no_id["inserted"], 3);
    assert!(no_id["notes"][0]
        .as_str()
        .unwrap()
        .contains("IA-0001 … IA-0003"));
    assert_eq!(
        json(&db, &["assets", "show", "IA-0002", "--json"])["name"],
        "就業規則"
    );
    let ciso = json(
        &db,
        &[
            "assets",
            "import",
            any_fixture("assets/ciso-assistant.csv").to_str().unwrap(),
            "--json",
        ],
    );
    assert_eq!(ciso["inserted"], 2);
    let message = ciso["errors"][0]["message"].as_str().unwrap();
    assert!(
        message.contains("the asset id is required") && !message.contains("duplicate"),
        "{message}"
    );
    assert_eq!(
        json(&db, &["assets", "show", "A-001", "--json"])["notes"],
        "Holds customer contact data"
    );
    // A register with no column for the name stops before writing, naming the field and the headers found.
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "資産番号,機密区分\nIA-9,社外秘\n").unwrap();
    let run = isms(&db, &["assets", "import", bad.to_str().unwrap()]);
    assert_one_error_line(&run, "no column holds the asset name (情報資産名)");
    assert!(
        run.stderr.contains("headers found: 資産番号, 機密区分"),
        "{}",
        run.stderr
    );
}

/// An incident through corrective action from the command line: the clock of a 72 h rule from detection, the
/// transitions enforced, the CAR PDF and the register export.
#[test]
fn an_incident_goes_from_report_to_closure_with_its_clock_and_report() {
    let (dir, db) = fresh_db();
    json(&db, &["init", "--org", "株式会社サンプル", "--json"]);
    json(
        &db,
        &[
            "assets",
            "set",
            "IA-0001",
            "--create",
            "--name",
            "顧客名簿",
            "--classification",
            "社外秘",
            "--json",
        ],
    );
    json(
        &db,
        &[
            "notification-rules",
            "add",
            "notice_72h_detection",
            "--name",
            "顧客への通知（検知から72時間）",
            "--kind",
            "customer-notice",
            "--clock-from",
            "detected",
            "--target",
            "72",
            "--unit",
            "hours",
            "--json",
        ],
    );
    let rules = json(&db, &["notification-rules", "list", "--json"]);
    let rule = rules
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "notice_72h_detection")
        .unwrap();
    assert_eq!(
        (
            rule["clock_from"].as_str(),
            rule["target"].as_u64(),
            rule["unit"].as_str()
        ),
        (Some("detected"), Some(72), Some("hours"))
    );

    // Bad input: one line, exit 2, nothing written.
    for (args, needle) in [
        (
            vec![
                "incidents",
                "report",
                "--title",
                "x",
                "--discovered-at",
                "2026-11-27 17:00",
            ],
            "this one has none",
        ),
        (
            vec![
                "incidents",
                "report",
                "--title",
                "x",
                "--discovered-at",
                "2026-11-27T17:00+09:00",
                "--category",
                "宇宙",
            ],
            "invalid category `宇宙`",
        ),
        (
            vec![
                "incidents",
                "report",
                "--title",
                "x",
                "--discovered-at",
                "2026-11-27T17:00+09:00",
                "--asset",
                "IA-9",
            ],
            "unknown asset id `IA-9`",
        ),
        (
            vec![
                "incidents",
                "report",
                "--title",
                "x",
                "--discovered-at",
                "2026-11-27T17:00+09:00",
                "--rule",
                "nope",
            ],
            "invalid notification rule `nope`",
        ),
        (
            vec!["incidents", "show", "INC-1999-001"],
            "unknown incident `INC-1999-001`",
        ),
    ] {
        let run = isms(&db, &args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert_one_error_line(&run, needle);
    }
    assert!(json(&db, &["incidents", "list", "--json"])
        .as_array()
        .unwrap()
        .is_empty());

    // Reported on Friday 17:00 JST, detected then: the 72 h clock ends Monday 17:00 and is overdue after it.
    let no = isms(
        &db,
        &[
            "incidents",
            "report",
            "--title",
            "顧客名簿の誤送信",
            "--discovered-at",
            "2026-11-27T17:00+09:00",
            "--detected-at",
            "2026-11-27T17:00+09:00",
            "--category",
            "情報漏洩",
            "--source",
            "インシデント",
            "--asset",
            "IA-0001",
            "--rule",
            "notice_72h_detection",
            "--discovered-by",
            "営業部 佐藤",
            "--reported-to",
            "管理責任者",
        ],
    );
    assert_eq!(no.code, 0, "{}", no.stderr);
    let no = no.stdout.trim().to_owned();
    assert_eq!(no, "INC-2026-001");
    let shown = json(&db, &["incidents", "show", &no, "--json"]);
    assert_eq!(shown["clocks"][0]["deadline"], "2026-11-30T17:00:00+09:00");
    assert_eq!(
        shown["clocks"][0]["status"], "overdue",
        "today is past Monday 17:00"
    );
    assert_eq!(shown["state"], "awaiting_decision");
    assert_eq!(shown["affected_assets"][0]["classification"], "社外秘");

    // Wrong transitions are refused with the reason.
    let run = isms(&db, &["incidents", "close", &no, "--approver", "社長"]);
    assert_one_error_line(&run, "decide first");
    let run = isms(
        &db,
        &[
            "incidents",
            "action",
            "add",
            &no,
            "--what",
            "x",
            "--owner",
            "y",
            "--due",
            "2026-12-01",
        ],
    );
    assert_one_error_line(&run, "decide first");
    json(
        &db,
        &[
            "incidents",
            "decide",
            &no,
            "--incident",
            "yes",
            "--by",
            "管理責任者",
            "--reason",
            "個人情報を含む",
            "--at",
            "2026-11-27T18:30+09:00",
            "--json",
        ],
    );
    let run = isms(
        &db,
        &[
            "incidents",
            "action",
            "add",
            &no,
            "--what",
            "x",
            "--owner",
            "y",
            "--due",
            "2026-11-01",
        ],
    );
    assert_one_error_line(&run, "a date on or after the discovery (2026-11-27)");
    let a = json(
        &db,
        &[
            "incidents",
            "action",
            "add",
            &no,
            "--what",
            "送信前に宛先を二人で確認する",
            "--owner",
            "情報システム部",
            "--due",
            "2026-12-10",
            "--json",
        ],
    );
    let run = isms(&db, &["incidents", "close", &no, "--approver", "社長"]);
    assert_one_error_line(&run, "is not done yet");
    let run = isms(
        &db,
        &[
            "incidents",
            "effectiveness",
            &no,
            "--result",
            "effective",
            "--by",
            "監査",
        ],
    );
    assert_one_error_line(&run, "is not done yet");
    // Done is a fact: not dated after today.
    let run = isms(
        &db,
        &[
            "incidents",
            "action",
            "done",
            &a["id"].to_string(),
            "--at",
            "2199-01-01",
        ],
    );
    assert_one_error_line(&run, "a date not after today");
    json(
        &db,
        &[
            "incidents",
            "action",
            "done",
            &a["id"].to_string(),
            "--at",
            "2026-11-30",
            "--json",
        ],
    );
    let run = isms(&db, &["incidents", "close", &no, "--approver", "社長"]);
    assert_one_error_line(&run, "has not been reviewed");
    // A notice sent after the deadline is recorded as late.
    let late = json(
        &db,
        &[
            "incidents",
            "notify",
            &no,
            "--rule",
            "notice_72h_detection",
            "--sent-at",
            "2026-11-30T18:00+09:00",
            "--json",
        ],
    );
    assert_eq!(late["clocks"][0]["status"], "late");
    json(
        &db,
        &[
            "incidents",
            "effectiveness",
            &no,
            "--result",
            "effective",
            "--by",
            "内部監査員",
            "--note",
            "再発なし",
            "--json",
        ],
    );
    let closed = json(
        &db,
        &[
            "incidents",
            "close",
            &no,
            "--approver",
            "代表取締役 山田太郎",
            "--json",
        ],
    );
    assert_eq!(closed["state"], "closed");
    let run = isms(&db, &["incidents", "set", &no, "--title", "変更"]);
    assert_one_error_line(&run, "a closed record is not changed");

    let stats = json(&db, &["incidents", "stats", "--json"]);
    assert_eq!(stats["total"], 1);
    assert_eq!(stats["mean_hours_to_decision"], 1.5);

    // The corrective action report and the register.
    let pdf = dir.path().join("是正処置報告書.pdf");
    json(
        &db,
        &[
            "export",
            "car",
            &no,
            "--out",
            pdf.to_str().unwrap(),
            "--json",
        ],
    );
    let out = std::process::Command::new("pdftotext")
        .arg("-raw")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text: String = String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .collect();
    for expected in [
        "不適合（インシデント）是正処置報告書",
        "INC-2026-001",
        "顧客名簿の誤送信",
        "情報漏洩",
        "2026年11月27日17:00(+09:00)",
        "IA-0001顧客名簿社外秘",
        "送信前に宛先を二人で確認する",
        "2026年11月30日17:00(+09:00)",
        "遅延送信",
        "有効",
        "代表取締役山田太郎",
        "完了",
    ] {
        assert!(text.contains(expected), "{expected} missing from the CAR");
    }
    assert!(!text.contains("OPEN"), "a closed record is not marked open");
    let xlsx = dir.path().join("incidents.xlsx");
    json(
        &db,
        &[
            "export",
            "incidents",
            "--out",
            xlsx.to_str().unwrap(),
            "--json",
        ],
    );
    use calamine::{open_workbook, Reader, Xlsx};
    let mut wb: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let range = wb.worksheet_range("インシデント台帳").unwrap();
    let row: Vec<String> = range
        .rows()
        .nth(1)
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(&row[..3], ["INC-2026-001", "顧客名簿の誤送信", "完了"]);
    assert!(wb.worksheet_range("統計").is_ok());
}

#[test]
fn contacts_are_kept_in_a_register_seeded_with_the_authorities() {
    let (_dir, db) = fresh_db();
    json(&db, &["init", "--json"]);
    let list = json(&db, &["contacts", "list", "--json"]);
    assert!(list
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["contact_id"] == "jpcert_cc"));
    let c = json(
        &db,
        &[
            "contacts",
            "add",
            "--name",
            "渋谷警察署",
            "--kind",
            "authority",
            "--phone",
            "03-0000-0000",
            "--json",
        ],
    );
    assert_eq!(c["contact_id"], "CON-001");
    let run = isms(&db, &["contacts", "add", "--name", "x", "--kind", "宇宙"]);
    assert_one_error_line(&run, "invalid contact kind");
}

#[test]
fn certifications_and_a_whitepaper_from_a_definition_file_are_checked_issued_frozen_and_reported_out_of_date(
) {
    let (dir, db) = fresh_db();
    json(&db, &["init", "--org", "株式会社サンプル", "--json"]);
    // Certifications: a standard named as people write it, an expiry before the issue date refused.
    let run = isms(
        &db,
        &["certs", "add", "--standard", "ISO 99999", "--number", "X"],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_one_error_line(&run, "invalid certification standard");
    let run = isms(
        &db,
        &[
            "certs",
            "add",
            "--standard",
            "isms",
            "--number",
            "IS 1",
            "--issued",
            "2025-04-01",
            "--expires",
            "2024-04-01",
        ],
    );
    assert_one_error_line(&run, "a date after the issue date (2025-04-01)");
    let isms_cert = json(
        &db,
        &[
            "certs",
            "add",
            "--standard",
            "ISO/IEC 27001:2022",
            "--number",
            "IS 699260",
            "--body",
            "BSIグループジャパン株式会社",
            "--first-granted",
            "2018-05-01",
            "--issued",
            "2024-05-01",
            "--expires",
            "2099-04-30",
            "--json",
        ],
    );
    assert_eq!(
        (isms_cert["scheme"].as_str(), isms_cert["standard"].as_str()),
        (Some("isms"), Some("ISO/IEC 27001:2022"))
    );
    assert_eq!(isms_cert["status"], "valid");
    let pmark = json(
        &db,
        &[
            "certs",
            "add",
            "--standard",
            "pmark",
            "--number",
            "11820104(12)",
            "--expires",
            "2025-08-13",
            "--json",
        ],
    );
    assert_eq!(
        (pmark["cert_id"].as_str(), pmark["status"].as_str()),
        (Some("CERT-002"), Some("expired"))
    );

    // A definition file: a broken one names its line and column; an unknown control is refused; nothing is stored.
    let broken = dir.path().join("broken.toml");
    std::fs::write(&broken, "title = \"WP\"\n\n[[sections]]\nkind = \"poem\"\n").unwrap();
    let run = isms(&db, &["whitepaper", "import", broken.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert_one_error_line(
        &run,
        "broken.toml: line 4, column 8: unknown variant `poem`",
    );
    let unknown = dir.path().join("unknown.toml");
    std::fs::write(
        &unknown,
        "title = \"WP\"\n[[sections]]\nkind = \"control_statements\"\ncontrols = [\"Z.9.9\"]\n",
    )
    .unwrap();
    let run = isms(&db, &["whitepaper", "import", unknown.to_str().unwrap()]);
    assert_one_error_line(&run, "control `Z.9.9` is not in the catalogues");
    assert!(json(&db, &["whitepaper", "list", "--json"])
        .as_array()
        .unwrap()
        .is_empty());

    let def = dir.path().join("wp.toml");
    std::fs::write(
        &def,
        r#"title = "セキュリティホワイトペーパー"
subtitle = "{service}"
document_number = "WP-1"
services = ["main"]
[numbering]
levels = ["{1}", "{1}-{2}"]
[version]
label = "第{v}版"
history_label = "第{v}版"
first_label = "初版"
[cover]
lines = ["document_number", "title", "subtitle", "organisation", "date_version"]

[[sections]]
kind = "certifications"
render = "table"

[[sections]]
kind = "free_text"
heading = "情報セキュリティへの取組み"
  [[sections.children]]
  kind = "control_statements"
  heading = "方針"
  controls = ["5.1"]
  [[sections.children]]
  kind = "responsibility"
  render = "table"
  header_row = false
  controls = ["CLD.6.3.1"]

[[sections]]
kind = "mapping_27017"
rows = "linked"

[[sections]]
kind = "revision_history"
columns = ["version", "date", "changes", "approved_by"]
date_format = "%Y/%m/%d"
"#,
    )
    .unwrap();
    let facts = dir.path().join("facts.toml");
    std::fs::write(
        &facts,
        "[[services]]\nid = \"main\"\nname = \"勤怠クラウド\"\n\n[[responsibility]]\nid = \"app\"\nitem = \"アプリケーション\"\nparty = \"provider\"\n\n[[responsibility]]\nid = \"accounts\"\nitem = \"IDとパスワードの管理\"\nparty = \"customer\"\n",
    )
    .unwrap();
    json(&db, &["facts", "import", facts.to_str().unwrap(), "--json"]);
    json(
        &db,
        &[
            "whitepaper",
            "import",
            def.to_str().unwrap(),
            "--id",
            "wp",
            "--json",
        ],
    );
    // Not yet issuable: no statement for 5.1, and the expired PrivacyMark would print as valid.
    let run = isms(
        &db,
        &[
            "whitepaper",
            "issue",
            "wp",
            "--version",
            "1.0",
            "--approver",
            "代表取締役",
            "--summary",
            "制定",
            "--date",
            "2026-11-30",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_one_error_line(&run, "control 5.1");
    assert!(
        run.stderr.contains("certificate CERT-002") && run.stderr.contains("expired on 2025-08-13"),
        "{}",
        run.stderr
    );
    json(
        &db,
        &[
            "controls",
            "set",
            "5.1",
            "--applicable",
            "yes",
            "--statement",
            "情報セキュリティ方針を定め、全従業員に周知しています。",
            "--json",
        ],
    );
    json(
        &db,
        &[
            "certs",
            "set",
            "CERT-002",
            "--show-in-whitepapers",
            "no",
            "--json",
        ],
    );
    json(
        &db,
        &[
            "whitepaper",
            "issue",
            "wp",
            "--version",
            "1.0",
            "--approver",
            "代表取締役",
            "--summary",
            "制定",
            "--date",
            "2026-11-30",
            "--json",
        ],
    );
    let run = isms(
        &db,
        &[
            "whitepaper",
            "issue",
            "wp",
            "--version",
            "1.0",
            "--approver",
            "代表取締役",
            "--summary",
            "再発行",
        ],
    );
    assert_one_error_line(&run, "it must be newer than the issued version 1.0");

    // The issued version exported, then the data changed: a re-export is the same file; the list says out of date.
    let pdf = dir.path().join("wp-1.0.pdf");
    json(
        &db,
        &[
            "export",
            "whitepaper",
            "wp",
            "--version",
            "1.0",
            "--out",
            pdf.to_str().unwrap(),
            "--json",
        ],
    );
    let first = std::fs::read(&pdf).unwrap();
    json(
        &db,
        &[
            "controls",
            "set",
            "5.1",
            "--statement",
            "方針を改定しました。",
            "--json",
        ],
    );
    json(
        &db,
        &[
            "export",
            "whitepaper",
            "wp",
            "--version",
            "1.0",
            "--out",
            pdf.to_str().unwrap(),
            "--json",
        ],
    );
    assert_eq!(
        std::fs::read(&pdf).unwrap(),
        first,
        "an issued version re-exports byte for byte"
    );
    let text = std::process::Command::new("pdftotext")
        .args(["-layout"])
        .arg(&pdf)
        .arg("-")
        .output();
    if let Ok(out) = text {
        let text = String::from_utf8_lossy(&out.stdout)
            .split_whitespace()
            .collect::<String>();
        for needle in [
            "文書番号",
            "WP-1",
            "勤怠クラウド",
            "初版",
            "2-1方針",
            "全従業員に周知しています",
            "2026/11/30",
            "アプリケーション",
            "当社",
            "ISMS認証",
            "IS699260",
            "CLD.6.3.1",
        ] {
            assert!(text.contains(needle), "{needle} missing in {text}");
        }
        assert!(
            !text.contains("プライバシーマーク") && !text.contains("方針を改定しました"),
            "{text}"
        );
        assert!(
            !text.contains("5.1情報セキュリティのための方針群2-1"),
            "the 27017 table lists 27017 controls only: {text}"
        );
    }
    // The file carries the version's content hash and chain head: it verifies against this database; a copy with one
    // byte of its text changed does not.
    let v = json(&db, &["verify-document", pdf.to_str().unwrap(), "--json"]);
    assert_eq!(
        (v["ok"].as_bool(), v["matches"].as_str()),
        (Some(true), Some("whitepaper wp 1.0")),
        "{v}"
    );
    assert_eq!(v["chain_head_found"], true);
    let soa_pdf = dir.path().join("draft.pdf");
    json(
        &db,
        &[
            "export",
            "whitepaper",
            "wp",
            "--out",
            soa_pdf.to_str().unwrap(),
            "--json",
        ],
    );
    let run = isms(&db, &["verify-document", soa_pdf.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains("carries no ISMS Desk proof"),
        "{}",
        run.stdout
    );
    let list = json(&db, &["whitepaper", "list", "--json"]);
    let stale = &list[0]["out_of_date"];
    assert_eq!(stale[0]["kind"], "statement_changed", "{list}");
    assert_eq!(stale[0]["control_id"], "5.1");
    // The definition written out imports again as the same document.
    let out = dir.path().join("again.toml");
    isms(
        &db,
        &[
            "whitepaper",
            "export-definition",
            "wp",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    json(
        &db,
        &[
            "whitepaper",
            "import",
            out.to_str().unwrap(),
            "--id",
            "wp2",
            "--json",
        ],
    );
    let a = json(&db, &["whitepaper", "show", "wp", "--json"]);
    let b = json(&db, &["whitepaper", "show", "wp2", "--json"]);
    assert_eq!(a["outline"], b["outline"]);
}

/// The audit trail as `isms audit list --json` gives it: (id, record, field, new value).
fn fields_of(db: &Path, asset: &str) -> Value {
    json(db, &["assets", "show", asset, "--json"])
}

#[test]
fn the_audit_chain_shows_an_entry_changed_with_another_sql_tool() {
    let (_dir, db) = fresh_db();
    json(&db, &["org", "set", "--name", "株式会社サンプル", "--json"]);
    json(
        &db,
        &[
            "controls",
            "set",
            "5.1",
            "--applicable",
            "yes",
            "--owner",
            "総務部",
            "--json",
        ],
    );
    let ok = json(&db, &["audit", "verify", "--json"]);
    assert_eq!(ok["ok"], true);
    assert!(ok["verified"].as_u64().unwrap() >= 3);
    // The program refuses to change the trail …
    let conn = rusqlite::Connection::open(&db).unwrap();
    assert!(conn
        .execute(
            "UPDATE audit_log SET new_value = '経理部' WHERE field = 'responsible_role'",
            []
        )
        .is_err());
    assert!(conn.execute("DELETE FROM audit_log", []).is_err());
    // … someone with the sqlite3 tool drops the guard and edits an entry: verify names it.
    conn.execute_batch(
        "DROP TRIGGER audit_log_no_change; UPDATE audit_log SET new_value = '経理部' WHERE field = 'responsible_role';",
    )
    .unwrap();
    let changed: i64 = conn
        .query_row(
            "SELECT id FROM audit_log WHERE field = 'responsible_role'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    drop(conn);
    let run = isms(&db, &["audit", "verify", "--json"]);
    assert_eq!(run.code, 1, "a broken chain fails the command");
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["ok"], false);
    assert_eq!(report["broken"]["id"], changed);
    assert_eq!(report["broken"]["record_id"], "5.1");
    let check = isms(&db, &["check"]);
    assert_eq!(check.code, 1);
    assert!(
        check.stdout.contains(&format!("BROKEN at entry {changed}")),
        "{}",
        check.stdout
    );
}

#[test]
fn backups_are_made_before_an_import_and_a_restore_brings_the_database_back() {
    let (dir, db) = fresh_db();
    json(&db, &["org", "set", "--name", "株式会社サンプル", "--json"]);
    let manual = json(&db, &["backup", "create", "--json"]);
    assert_eq!(manual["reason"], "manual");
    let csv = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/assets/register-utf8bom.csv");
    let imported = json(&db, &["assets", "import", csv.to_str().unwrap(), "--json"]);
    let inserted = imported["inserted"].as_u64().unwrap() as usize;
    assert!(inserted >= 2);
    let list = json(&db, &["backup", "list", "--json"]);
    let reasons: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["reason"].as_str().unwrap())
        .collect();
    assert!(
        reasons.contains(&"pre_import") && reasons.contains(&"manual"),
        "{reasons:?}"
    );
    assert!(dir.path().join("backups").is_dir());
    // A broken file is refused as a backup, and nothing changes.
    let junk = dir.path().join("junk.sqlite3");
    std::fs::write(&junk, b"not a database").unwrap();
    let run = isms(&db, &["backup", "restore", junk.to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        json(&db, &["assets", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        inserted
    );
    // Restoring the manual backup: the assets imported after it are gone, the file before the restore is kept.
    let restored = json(
        &db,
        &[
            "backup",
            "restore",
            manual["path"].as_str().unwrap(),
            "--json",
        ],
    );
    assert_eq!(restored["organisation"], "株式会社サンプル");
    assert!(Path::new(restored["previous_saved_as"].as_str().unwrap()).exists());
    assert!(json(&db, &["assets", "list", "--json"])
        .as_array()
        .unwrap()
        .is_empty());
    assert_eq!(json(&db, &["audit", "verify", "--json"])["ok"], true);
    let health = json(&db, &["check", "--json"]);
    assert_eq!(
        (health["integrity"].as_str(), health["ok"].as_bool()),
        (Some("ok"), Some(true))
    );
}

#[test]
fn undoing_an_import_returns_the_inventory_to_exactly_its_previous_state() {
    let (dir, db) = fresh_db();
    let first = dir.path().join("台帳.csv");
    std::fs::write(
        &first,
        "資産ID,情報資産名,機密区分,機密性,完全性,可用性,管理責任者,最終見直し日\nIA-1,顧客名簿,社外秘,2,2,2,営業部長,2025-04-01\nIA-2,就業規則,公開,1,2,1,総務部長,2025-04-01\n",
    )
    .unwrap();
    json(
        &db,
        &["assets", "import", first.to_str().unwrap(), "--json"],
    );
    json(
        &db,
        &[
            "assets",
            "set",
            "IA-3",
            "--create",
            "--name",
            "手で登録した資産",
            "--json",
        ],
    );
    let before: Vec<Value> = ["IA-1", "IA-2", "IA-3"]
        .iter()
        .map(|a| fields_of(&db, a))
        .collect();
    // A second file changes IA-1 and adds IA-4.
    let second = dir.path().join("台帳2.csv");
    std::fs::write(
        &second,
        "資産ID,情報資産名,機密区分,機密性,完全性,可用性,管理責任者,最終見直し日\nIA-1,顧客名簿（全社）,極秘,3,3,2,営業本部長,2024-03-31\nIA-4,新しい資産,社外秘,1,1,1,情報システム部長,\n",
    )
    .unwrap();
    json(
        &db,
        &["assets", "import", second.to_str().unwrap(), "--json"],
    );
    let imports = json(&db, &["imports", "list", "--json"]);
    let latest = &imports[0];
    assert_eq!(latest["file_name"], "台帳2.csv");
    assert_eq!(latest["file_sha256"].as_str().unwrap().len(), 64);
    assert_eq!(
        (
            latest["counts"]["inserted"].as_i64(),
            latest["counts"]["updated"].as_i64()
        ),
        (Some(1), Some(1))
    );
    let id = latest["id"].as_i64().unwrap().to_string();
    let undone = json(&db, &["imports", "undo", &id, "--json"]);
    assert_eq!(
        (undone["removed"].as_i64(), undone["restored"].as_i64()),
        (Some(1), Some(1))
    );
    // Field by field as before the second import; IA-4 gone.
    let after: Vec<Value> = ["IA-1", "IA-2", "IA-3"]
        .iter()
        .map(|a| fields_of(&db, a))
        .collect();
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(b["asset"], a["asset"], "restored exactly");
    }
    assert_eq!(isms(&db, &["assets", "show", "IA-4", "--json"]).code, 2);
    let run = isms(&db, &["imports", "undo", &id]);
    assert_one_error_line(&run, "an import not undone yet");
    // The first import: IA-2 was changed by hand since, so the undo refuses and names it; --force leaves it.
    json(
        &db,
        &["assets", "set", "IA-2", "--owner", "人事部長", "--json"],
    );
    let first_id = imports[1]["id"].as_i64().unwrap().to_string();
    let run = isms(&db, &["imports", "undo", &first_id]);
    assert_eq!(run.code, 2);
    assert_one_error_line(&run, "1 of its assets were changed since (IA-2)");
    let forced = json(&db, &["imports", "undo", &first_id, "--force", "--json"]);
    assert_eq!(forced["left"], serde_json::json!(["IA-2"]));
    let left: Vec<String> = json(&db, &["assets", "list", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["asset_id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(left, ["IA-2", "IA-3"]);
    assert_eq!(json(&db, &["audit", "verify", "--json"])["ok"], true);
}

#[test]
fn two_writers_at_once_wait_for_each_other_and_every_write_lands() {
    let (_dir, db) = fresh_db();
    let ids: Vec<String> = json(
        &db,
        &["controls", "list", "--framework", "iso27001-2022", "--json"],
    )
    .as_array()
    .unwrap()
    .iter()
    .take(40)
    .map(|c| c["id"].as_str().unwrap().to_owned())
    .collect();
    let before = json(&db, &["audit", "verify", "--json"])["entries"]
        .as_u64()
        .unwrap();
    // Four processes write at the same time: two set owners, two create assets.
    let handles: Vec<_> = (0..4)
        .map(|w| {
            let db = db.clone();
            let ids = ids.clone();
            std::thread::spawn(move || {
                for (i, id) in ids.iter().enumerate().filter(|(i, _)| i % 2 == w % 2) {
                    let run = if w < 2 {
                        isms(
                            &db,
                            &["controls", "set", id, "--owner", &format!("担当{w}")],
                        )
                    } else {
                        isms(
                            &db,
                            &[
                                "assets",
                                "set",
                                &format!("IA-{w}-{i}"),
                                "--create",
                                "--name",
                                "資産",
                            ],
                        )
                    };
                    assert_eq!(run.code, 0, "writer {w}: {}", run.stderr);
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    assert_eq!(
        json(&db, &["assets", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        40
    );
    let chain = json(&db, &["audit", "verify", "--json"]);
    assert_eq!(chain["ok"], true);
    assert!(chain["entries"].as_u64().unwrap() >= before + 80, "{chain}");
}
