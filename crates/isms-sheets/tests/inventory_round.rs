//! The yearly inventory on real files: department workbooks written, edited as a department would (openpyxl, through
//! tests/fixtures/assets/workbook_tool.py) and imported back with a field-level diff; a register read tolerantly;
//! a fourth level imported into; workbooks Excel users can work with (date cells, filters, frozen headers, colours).
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;
use indexmap::IndexMap;
use isms_core::asset::store::{ChangeSelection, NewLevel};
use isms_core::asset::{AssetFilter, AssetPatch, Lifecycle};
use isms_core::Store;
use isms_sheets::export::export_department_workbook;
use isms_sheets::{export_assets, import_assets, ImportOptions, ImportReport};
use serde_json::{json, Value};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/assets")
        .join(name)
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn tool(args: &[&str]) -> String {
    let out = Command::new("python3")
        .arg(fixture("workbook_tool.py"))
        .args(args)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "workbook_tool {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn inspect(file: &Path) -> Value {
    serde_json::from_str(&tool(&["inspect", file.to_str().unwrap()])).unwrap()
}

fn edit(file: &Path, edits: Value) {
    let script = file.with_extension("edits.json");
    std::fs::write(&script, edits.to_string()).unwrap();
    tool(&["edit", file.to_str().unwrap(), script.to_str().unwrap()]);
}

fn import(s: &mut Store, file: &Path, options: ImportOptions) -> ImportReport {
    import_assets(s, file, &options, &mut |_| {}).unwrap()
}

const TODAY: &str = "2026-05-20";

fn options(dry_run: bool) -> ImportOptions {
    ImportOptions {
        dry_run,
        today: Some(day(TODAY)),
        ..Default::default()
    }
}

fn add(s: &mut Store, id: &str, name: &str, department: &str, level: &str, owner: &str) {
    s.save_asset(
        id,
        AssetPatch {
            name: Some(name.into()),
            department: Some(department.into()),
            classification: Some(Some(level.into())),
            owner: Some(owner.into()),
            confidentiality: Some(Some(2)),
            last_reviewed: Some(Some(day("2025-04-01"))),
            next_review: Some(Some(day("2026-04-01"))),
            ..Default::default()
        },
        true,
    )
    .unwrap();
}

/// Four assets of 営業部, two of 総務部, one round, 営業部's workbook written.
fn round(dir: &Path) -> (Store, PathBuf) {
    let mut s = Store::open(&dir.join("isms.sqlite3")).unwrap();
    add(
        &mut s,
        "IA-0001",
        "顧客名簿",
        "営業部",
        "社外秘",
        "営業部長",
    );
    add(&mut s, "IA-0002", "見積書", "営業部", "社外秘", "営業部長");
    add(
        &mut s,
        "IA-0003",
        "商談記録",
        "営業部",
        "社外秘",
        "営業部長",
    );
    add(
        &mut s,
        "IA-0004",
        "旧営業端末",
        "営業部",
        "公開",
        "営業部長",
    );
    add(&mut s, "IA-0005", "就業規則", "総務部", "公開", "総務部長");
    add(
        &mut s,
        "IA-0006",
        "入退室記録",
        "総務部",
        "社外秘",
        "総務部長",
    );
    s.start_inventory_round(2026, day("2026-06-30")).unwrap();
    let sent = s.export_department("営業部").unwrap();
    let file = dir.join("営業部.xlsx");
    let summary = export_department_workbook(&sent, &s.asset_scheme().unwrap(), &file).unwrap();
    assert_eq!(summary.assets, 4);
    (s, file)
}

#[test]
fn a_department_workbook_is_a_register_with_dropdowns_instructions_and_its_id() {
    let dir = tempfile::tempdir().unwrap();
    let (s, file) = round(dir.path());
    let wb = inspect(&file);
    assert_eq!(wb["sheets"], json!(["情報資産台帳", "記入要領"]));
    let reg = &wb["content"]["情報資産台帳"];
    let header: Vec<&str> = reg["rows"][0]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["value"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(&header[..3], ["資産ID", "情報資産名", "種別"]);
    assert!(header.contains(&"部署") && header.contains(&"廃止日") && header.contains(&"廃止区分"));
    assert_eq!(reg["freeze"], "A2", "the header row is frozen");
    assert_eq!(reg["autofilter"].as_str().unwrap(), "A1:Z5");
    let col = |h: &str| header.iter().position(|x| *x == h).unwrap();
    // Dates are real date cells; the level cell carries the level's colour.
    let row1 = &reg["rows"][1];
    assert_eq!(row1[col("最終見直し日")]["is_date"], true);
    assert_eq!(row1[col("最終見直し日")]["value"], "2025-04-01");
    let internal = &s.asset_scheme().unwrap().levels[1];
    assert_eq!(row1[col("機密区分")]["value"], "社外秘");
    assert_eq!(
        row1[col("機密区分")]["fill"].as_str().unwrap(),
        internal.colour.trim_start_matches('#')
    );
    // Dropdowns: the levels, C/I/A 1–3, the retirement methods — on the rows and on rows added below.
    let lists: Vec<(String, String)> = reg["validations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["range"].as_str().unwrap().to_owned(),
                v["list"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert!(
        lists.contains(&("E2:E505".to_owned(), "極秘,社外秘,公開".to_owned())),
        "{lists:?}"
    );
    assert!(
        lists.contains(&("F2:F505".to_owned(), "1,2,3".to_owned())),
        "{lists:?}"
    );
    assert!(
        lists.iter().any(|(_, l)| l == "返却,廃棄,消去,移管"),
        "{lists:?}"
    );
    // The instructions sheet: the round, the department, the due date as a date, and the workbook id.
    let notes = &wb["content"]["記入要領"];
    let flat: Vec<String> = notes["rows"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r.as_array().unwrap().iter())
        .filter_map(|c| c["value"].as_str().map(str::to_owned))
        .collect();
    assert!(
        flat.iter()
            .any(|t| t.contains("情報資産の棚卸し（2026年度）")),
        "{flat:?}"
    );
    assert!(flat.contains(&"INV-2026".to_owned()) && flat.contains(&"営業部".to_owned()));
    assert!(flat.iter().any(|t| t.starts_with("INV-2026#")), "{flat:?}");
    assert!(
        flat.iter().any(|t| t.contains("営業部が管理する情報資産")),
        "{flat:?}"
    );
    let due = notes["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r[0]["value"] == "回答期限（Due）")
        .unwrap();
    assert_eq!(
        (due[1]["value"].as_str(), due[1]["is_date"].as_bool()),
        (Some("2026-06-30"), Some(true))
    );
}

#[test]
fn a_returned_workbook_shows_each_field_change_keeps_newer_register_values_and_marks_rows_reviewed()
{
    let dir = tempfile::tempdir().unwrap();
    let (mut s, file) = round(dir.path());
    // After the workbook was sent, the register moves IA-0003's next review on.
    s.save_asset(
        "IA-0003",
        AssetPatch {
            next_review: Some(Some(day("2026-09-30"))),
            ..Default::default()
        },
        false,
    )
    .unwrap();
    // The department: IA-0001 gets a new owner and level; IA-0002 is left as sent; IA-0003's next review is set to
    // an older date than the register's; IA-0004 is disposed of; a new asset without an id.
    edit(
        &file,
        json!({
            "set": [
                ["IA-0001", "管理責任者", "営業第一課長"],
                ["IA-0001", "機密区分", "極秘"],
                ["IA-0003", "次回見直し日", "2026-06-30"],
                ["IA-0004", "廃止日", "2026-05-15"],
                ["IA-0004", "廃止区分", "廃棄"],
                ["IA-0004", "廃止承認者", "情報システム部長"]
            ],
            "add": [{"情報資産名": "商談メモ（Teams）", "部署": "営業部", "機密区分": "社外秘", "管理責任者": "営業部長"}],
            "date_columns": ["次回見直し日", "廃止日"]
        }),
    );
    let audit_before = s.audit_log(&Default::default()).unwrap().len();
    let dry = import(&mut s, &file, options(true));
    let round = dry
        .round
        .as_ref()
        .expect("recognised as a returned workbook");
    assert_eq!(
        (round.round_id.as_str(), round.department.as_str()),
        ("INV-2026", "営業部")
    );
    type Change<'a> = (
        &'a str,
        &'a str,
        Option<&'a str>,
        Option<&'a str>,
        bool,
        bool,
    );
    let changes: Vec<Change> = dry
        .changes
        .iter()
        .map(|c| {
            (
                c.asset.as_str(),
                c.field.as_str(),
                c.old.as_deref(),
                c.new.as_deref(),
                c.register_newer,
                c.applied,
            )
        })
        .collect();
    assert_eq!(
        changes,
        [
            (
                "IA-0001",
                "classification",
                Some("社外秘"),
                Some("極秘"),
                false,
                true
            ),
            (
                "IA-0001",
                "owner",
                Some("営業部長"),
                Some("営業第一課長"),
                false,
                true
            ),
            (
                "IA-0003",
                "next_review",
                Some("2026-09-30"),
                Some("2026-06-30"),
                true,
                false
            ),
            (
                "IA-0004",
                "retired_on",
                None,
                Some("2026-05-15"),
                false,
                true
            ),
            (
                "IA-0004",
                "retirement_method",
                None,
                Some("dispose"),
                false,
                true
            ),
            (
                "IA-0004",
                "retirement_approver",
                None,
                Some("情報システム部長"),
                false,
                true
            ),
            (
                "IA-0007",
                "asset",
                None,
                Some("商談メモ（Teams）"),
                false,
                true
            ),
        ]
    );
    // IA-0002 unchanged; IA-0003 unchanged too, its one change declined.
    assert_eq!(
        (
            dry.inserted,
            dry.updated,
            dry.unchanged,
            dry.declined,
            dry.reviewed
        ),
        (1, 2, 2, 1, 4)
    );
    assert_eq!(dry.rejected, 0, "{:?}", dry.errors);
    assert!(dry.warnings.iter().any(|w| w.message.contains("IA-0007")));
    // A dry run writes nothing: not the changes, not the reviews, not the answer.
    assert_eq!(
        s.audit_log(&Default::default()).unwrap().len(),
        audit_before
    );
    let status = s.inventory_status(None, day(TODAY)).unwrap().unwrap();
    assert_eq!(status.reviewed, 0);
    assert_eq!(status.not_answered, ["営業部", "総務部"]);

    let done = import(&mut s, &file, options(false));
    assert_eq!(done.changes, dry.changes);
    let a1 = s.asset("IA-0001").unwrap().view.asset;
    assert_eq!(
        (a1.owner.as_str(), a1.classification.as_deref()),
        ("営業第一課長", Some("極秘"))
    );
    assert_eq!(
        (a1.last_reviewed, a1.next_review),
        (Some(day(TODAY)), Some(day("2027-05-20")))
    );
    // The older date did not replace the newer one; that row is not reviewed until someone decides.
    let a3 = s.asset("IA-0003").unwrap().view.asset;
    assert_eq!(
        (a3.next_review, a3.last_reviewed),
        (Some(day("2026-09-30")), Some(day("2025-04-01")))
    );
    // Disposed of: out of the working list, with how and who.
    let a4 = s.asset("IA-0004").unwrap().view.asset;
    let r = a4.retirement.unwrap();
    assert_eq!(
        (r.on, r.method.as_str(), r.approver.as_str()),
        (day("2026-05-15"), "dispose", "情報システム部長")
    );
    assert_eq!(s.asset("IA-0007").unwrap().view.asset.department, "営業部");
    let status = s.inventory_status(None, day(TODAY)).unwrap().unwrap();
    let sales = &status.departments[0];
    assert_eq!(
        (sales.department.as_str(), sales.assets, sales.reviewed),
        ("営業部", 4, 3)
    );
    assert!(sales.returned_at.is_some());
    assert_eq!(status.not_answered, ["総務部"]);

    // The same answer again, now taking the newer-register change too: only that one is left to write; the new
    // asset is recognised, not added twice.
    let again = import(
        &mut s,
        &file,
        ImportOptions {
            selection: ChangeSelection {
                overwrite_newer: true,
                ..Default::default()
            },
            ..options(false)
        },
    );
    let left: Vec<(&str, &str, bool)> = again
        .changes
        .iter()
        .map(|c| (c.asset.as_str(), c.field.as_str(), c.applied))
        .collect();
    assert_eq!(left, [("IA-0003", "next_review", true)]);
    assert_eq!(again.inserted, 0);
    let status = s.inventory_status(None, day(TODAY)).unwrap().unwrap();
    assert_eq!(status.departments[0].reviewed, 4);
    assert_eq!(s.asset_ids(&AssetFilter::default()).unwrap().len(), 6);
}

#[test]
fn changes_are_chosen_one_by_one_and_a_deleted_row_is_reported_missing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, file) = round(dir.path());
    edit(
        &file,
        json!({
            "set": [["IA-0001", "管理責任者", "営業第一課長"], ["IA-0002", "管理責任者", "営業第二課長"]],
            "delete": ["IA-0003"]
        }),
    );
    let only: HashSet<(String, String)> = [("IA-0002".to_owned(), "owner".to_owned())].into();
    let r = import(
        &mut s,
        &file,
        ImportOptions {
            selection: ChangeSelection {
                only: Some(only),
                ..Default::default()
            },
            ..options(false)
        },
    );
    assert_eq!(r.missing, ["IA-0003"]);
    assert_eq!(
        s.asset("IA-0001").unwrap().view.asset.owner,
        "営業部長",
        "declined"
    );
    assert_eq!(s.asset("IA-0002").unwrap().view.asset.owner, "営業第二課長");
    // IA-0001 (declined) and IA-0003 (not returned) are not reviewed; IA-0002 and IA-0004 are.
    let status = s.inventory_status(None, day(TODAY)).unwrap().unwrap();
    assert_eq!(status.departments[0].reviewed, 2);
}

#[test]
fn a_register_with_unreadable_values_imports_every_asset_and_says_what_it_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("isms.sqlite3")).unwrap();
    let r = import(&mut s, &fixture("register-tolerant.xlsx"), options(false));
    assert_eq!((r.inserted, r.rejected), (3, 1), "{:?}", r.errors);
    assert_eq!(r.errors[0].row, 7);
    assert!(r.errors[0].message.contains("asset id is required"));
    let warnings: Vec<(u32, &str, &str, &str)> = r
        .warnings
        .iter()
        .map(|w| (w.row, w.column.as_str(), w.value.as_str(), w.field.as_str()))
        .collect();
    assert_eq!(
        warnings,
        [
            (4, "機密区分", "関係者外秘", "classification"),
            (4, "次回見直し日", "随時", "next_review"),
            (5, "最終見直し日", "2025年4月", "last_reviewed"),
        ]
    );
    assert!(r
        .warnings
        .iter()
        .all(|w| w.sheet == "情報資産台帳" && !w.message.is_empty()));
    // The footnotes are skipped and listed, not errors.
    let skipped: Vec<(u32, &str)> = r
        .skipped_rows
        .iter()
        .map(|k| (k.row, k.reason.as_str()))
        .collect();
    assert_eq!(
        skipped,
        [
            (8, "blank row"),
            (9, "note row (※ / 注)"),
            (10, "note row (※ / 注)"),
            (11, "note row (※ / 注)")
        ]
    );
    let t1 = s.asset("T-001").unwrap().view.asset;
    assert_eq!(
        (
            t1.classification.as_deref(),
            t1.confidentiality,
            t1.integrity,
            t1.availability,
            t1.next_review
        ),
        (None, Some(3), Some(2), Some(1), None),
        "高(3) read as 3; 随時 left empty"
    );
    assert_eq!(
        (t1.department.as_str(), t1.last_reviewed),
        ("営業部", Some(day("2025-04-01")))
    );
    assert_eq!(s.asset("T-002").unwrap().view.asset.last_reviewed, None);

    // Mapped to a level of the scheme …
    let mut map = IndexMap::new();
    map.insert("関係者外秘".to_owned(), "社外秘".to_owned());
    let dir2 = tempfile::tempdir().unwrap();
    let mut mapped = Store::open(&dir2.path().join("isms.sqlite3")).unwrap();
    let r = import(
        &mut mapped,
        &fixture("register-tolerant.xlsx"),
        ImportOptions {
            level_map: map.clone(),
            ..options(false)
        },
    );
    assert_eq!(r.warnings.len(), 2);
    assert_eq!(
        mapped
            .asset("T-001")
            .unwrap()
            .view
            .asset
            .classification
            .as_deref(),
        Some("社外秘")
    );
    // … a mapping to a level the scheme lacks stops before writing …
    map.insert("部外秘".to_owned(), "社外極秘".to_owned());
    let err = import_assets(
        &mut mapped,
        &fixture("register-tolerant.xlsx"),
        &ImportOptions {
            level_map: map,
            ..options(false)
        },
        &mut |_| {},
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("部外秘=社外極秘"), "{err}");
    // … or the scheme gets a fourth level, and the register imports into it.
    s.add_classification_level(NewLevel {
        name_ja: "関係者外秘".into(),
        name_en: Some("Restricted".into()),
        position: Some(2),
        ..Default::default()
    })
    .unwrap();
    let r = import(&mut s, &fixture("register-tolerant.xlsx"), options(false));
    assert_eq!(r.warnings.len(), 2);
    assert!(r.changes.iter().any(|c| c.asset == "T-001"
        && c.field == "classification"
        && c.new.as_deref() == Some("関係者外秘")
        && c.applied));
    assert_eq!(
        s.asset("T-001")
            .unwrap()
            .view
            .asset
            .classification
            .as_deref(),
        Some("関係者外秘")
    );
}

#[test]
fn a_plain_register_does_not_put_an_older_date_over_a_newer_one_unless_told() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("isms.sqlite3")).unwrap();
    add(
        &mut s,
        "IA-0001",
        "顧客名簿",
        "営業部",
        "社外秘",
        "営業部長",
    );
    let out = dir.path().join("台帳.xlsx");
    export_assets(
        &s.list_assets(&AssetFilter::default()).unwrap(),
        &s.asset_scheme().unwrap(),
        &out,
    )
    .unwrap();
    // The register moves on after the file was written; the file still has 2025-04-01 and a changed owner.
    s.save_asset(
        "IA-0001",
        AssetPatch {
            last_reviewed: Some(Some(day("2026-04-01"))),
            ..Default::default()
        },
        false,
    )
    .unwrap();
    edit(
        &out,
        json!({"set": [["IA-0001", "管理責任者", "営業課長"]]}),
    );
    let r = import(&mut s, &out, options(false));
    let c: Vec<(&str, bool, bool)> = r
        .changes
        .iter()
        .map(|c| (c.field.as_str(), c.register_newer, c.applied))
        .collect();
    assert_eq!(c, [("owner", false, true), ("last_reviewed", true, false)]);
    let a = s.asset("IA-0001").unwrap().view.asset;
    assert_eq!(
        (a.owner.as_str(), a.last_reviewed),
        ("営業課長", Some(day("2026-04-01")))
    );
    assert_eq!(r.round, None);
    // Told to: written.
    let r = import(
        &mut s,
        &out,
        ImportOptions {
            selection: ChangeSelection {
                overwrite_newer: true,
                ..Default::default()
            },
            ..options(false)
        },
    );
    assert_eq!(r.updated, 1);
    assert_eq!(
        s.asset("IA-0001").unwrap().view.asset.last_reviewed,
        Some(day("2025-04-01"))
    );
}

#[test]
fn the_register_export_is_excel_friendly_and_can_include_retired_assets() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _) = round(dir.path());
    s.retire_assets(
        &["IA-0004".to_owned()],
        isms_core::asset::lifecycle::Retirement {
            on: day("2026-05-01"),
            method: "return".into(),
            approver: "総務部長".into(),
            note: "リース返却".into(),
        },
        day(TODAY),
    )
    .unwrap();
    let all = s
        .list_assets(&AssetFilter {
            lifecycle: Some(Lifecycle::All),
            ..Default::default()
        })
        .unwrap();
    let out = dir.path().join("台帳.xlsx");
    export_assets(&all, &s.asset_scheme().unwrap(), &out).unwrap();
    let wb = inspect(&out);
    let reg = &wb["content"]["情報資産台帳"];
    assert_eq!(
        (reg["freeze"].as_str(), reg["autofilter"].as_str()),
        (Some("A2"), Some("A1:Z7"))
    );
    let header: Vec<&str> = reg["rows"][0]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["value"].as_str().unwrap_or(""))
        .collect();
    let col = |h: &str| header.iter().position(|x| *x == h).unwrap();
    let row4 = &reg["rows"][4];
    assert_eq!(
        (
            row4[col("廃止日")]["value"].as_str(),
            row4[col("廃止日")]["is_date"].as_bool()
        ),
        (Some("2026-05-01"), Some(true))
    );
    assert_eq!(row4[col("廃止区分")]["value"], "返却");
    let widths = reg["widths"].as_object().unwrap();
    assert!(
        widths["B"].as_f64().unwrap() > widths["A"].as_f64().unwrap(),
        "fitted widths: the names are wider than the ids ({widths:?})"
    );
    assert!(reg["rows"][0][0]["bold"].as_bool().unwrap());
    // It imports back unchanged, the retired asset included.
    let r = import(&mut s, &out, options(false));
    assert_eq!(
        (r.inserted, r.updated, r.unchanged, r.rejected),
        (0, 0, 6, 0),
        "{:?}",
        r.changes
    );
}

#[test]
fn undoing_the_import_of_a_returned_workbook_takes_its_reviews_back() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, file) = round(dir.path());
    edit(
        &file,
        json!({
            "set": [["IA-0001", "管理責任者", "営業第一課長"]],
            "add": [{"情報資産名": "商談メモ（Teams）", "部署": "営業部"}]
        }),
    );
    let r = import(&mut s, &file, options(false));
    assert_eq!((r.inserted, r.reviewed), (1, 5));
    let batch = s.import_batches().unwrap()[0].id;
    s.undo_import(batch, false).unwrap();
    let status = s.inventory_status(None, day(TODAY)).unwrap().unwrap();
    assert_eq!(
        (status.departments[0].assets, status.departments[0].reviewed),
        (4, 0)
    );
    assert_eq!(s.asset("IA-0001").unwrap().view.asset.owner, "営業部長");
    assert!(
        s.asset("IA-0007").is_err(),
        "the new asset is gone with its review"
    );
}

/// Found by a user trying the release build: a department that wrote a review date older than the register's (the
/// register not changed since the workbook was sent) had it ticked and written, so the register went back a year.
/// An older date is the register's newer value whether or not the register changed since sending.
#[test]
fn a_returned_workbook_never_puts_an_older_date_over_the_registers_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, file) = round(dir.path());
    edit(
        &file,
        json!({
            "set": [["IA-0002", "最終見直し日", "2024-04-01"], ["IA-0003", "最終見直し日", "2025-10-01"]],
            "date_columns": ["最終見直し日"]
        }),
    );
    let report = import(&mut s, &file, options(false));
    let changes: Vec<(&str, bool, bool)> = report
        .changes
        .iter()
        .filter(|c| c.field == "last_reviewed")
        .map(|c| (c.asset.as_str(), c.register_newer, c.applied))
        .collect();
    // IA-0002 went back a year: marked and left out; IA-0003 moved forward: written.
    assert_eq!(
        changes,
        [("IA-0002", true, false), ("IA-0003", false, true)]
    );
    let reviewed = |id: &str| s.asset(id).unwrap().view.asset.last_reviewed;
    assert_eq!(reviewed("IA-0002"), Some(day("2025-04-01")));
    assert_eq!(reviewed("IA-0003"), Some(day("2025-10-01")));
}

/// Found by a user trying the release build: a department's disposal without an approver went in with no word. It
/// still retires the asset (the department's answer is the record), with a warning naming what is missing.
#[test]
fn a_retirement_without_an_approver_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, file) = round(dir.path());
    edit(
        &file,
        json!({
            "set": [["IA-0004", "廃止日", "2026-05-15"], ["IA-0004", "廃止区分", "廃棄"]],
            "date_columns": ["廃止日"]
        }),
    );
    let report = import(&mut s, &file, options(false));
    let warned: Vec<&str> = report
        .warnings
        .iter()
        .filter(|w| w.field == "retirement_approver")
        .map(|w| w.message.as_str())
        .collect();
    assert_eq!(warned.len(), 1, "{:?}", report.warnings);
    assert!(warned[0].contains("without an approver"));
    let retired = s.asset("IA-0004").unwrap().view.asset.retirement.unwrap();
    assert_eq!(
        (retired.method.as_str(), retired.approver.as_str()),
        ("dispose", "")
    );
}
