//! Importing the messy registers under `tests/fixtures/assets/` into real databases, and exporting them back.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use std::path::{Path, PathBuf};

use isms_core::asset::{AssetFilter, AssetView, ImportMode};
use isms_core::audit::AuditQuery;
use isms_core::Store;
use isms_sheets::{export_assets, import_assets, ImportOptions, ImportReport, SheetError};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/assets")
        .join(name)
}

fn store(dir: &Path) -> Store {
    Store::open(&dir.join("isms.sqlite3")).unwrap()
}

fn import(store: &mut Store, file: &Path, options: ImportOptions) -> ImportReport {
    let mut calls = 0;
    let report = import_assets(store, file, &options, &mut |_| calls += 1).unwrap();
    assert!(calls >= 1, "progress was reported");
    report
}

fn assets(store: &Store) -> Vec<AssetView> {
    store.list_assets(&AssetFilter::default()).unwrap()
}

fn get<'a>(list: &'a [AssetView], id: &str) -> &'a isms_core::asset::Asset {
    &list
        .iter()
        .find(|a| a.asset.asset_id == id)
        .unwrap_or_else(|| panic!("{id} missing"))
        .asset
}

fn date(s: &str) -> Option<chrono::NaiveDate> {
    Some(chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap())
}

#[test]
fn the_messy_xlsx_register_imports_every_valid_row_with_every_field_right() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    let r = import(&mut s, &fixture("register.xlsx"), ImportOptions::default());
    assert_eq!(
        r.sheet, "情報資産台帳",
        "the register sheet, not the notes sheet before it"
    );
    assert_eq!(r.header_row, 4);
    // Only a missing name and a duplicate id reject a row; an unknown level, a C out of range and a date that does
    // not exist leave their field empty, keep the asset, and are warnings.
    assert_eq!((r.inserted, r.updated, r.skipped, r.rejected), (8, 0, 2, 2));
    assert_eq!(r.mapping["管理責任者"], "owner");
    assert_eq!(r.mapping["部署コード"], "custom");

    let errors: Vec<(u32, &str, &str)> = r
        .errors
        .iter()
        .map(|e| (e.row, e.column.as_str(), e.value.as_str()))
        .collect();
    assert_eq!(
        errors,
        [(12, "情報資産名", ""), (13, "資産番号", "IA-0001")]
    );
    assert!(r
        .errors
        .iter()
        .all(|e| e.sheet == "情報資産台帳" && !e.message.is_empty()));
    assert!(r.errors[1].message.contains("row 5"));
    let warnings: Vec<(u32, &str, &str, &str)> = r
        .warnings
        .iter()
        .map(|w| (w.row, w.column.as_str(), w.value.as_str(), w.field.as_str()))
        .collect();
    assert_eq!(
        warnings,
        [
            (11, "機密区分", "部外秘", "classification"),
            (11, "機密性", "5", "confidentiality"),
            (14, "最終見直し日", "2024/13/45", "last_reviewed"),
        ]
    );
    // The unknown level's warning lists the scheme's levels and how to map it.
    assert!(
        r.warnings[0].message.contains("極秘 / Confidential")
            && r.warnings[0].message.contains("--map-level 部外秘="),
        "{}",
        r.warnings[0].message
    );
    assert!(
        r.warnings[2].message.contains("13"),
        "{}",
        r.warnings[2].message
    );
    assert_eq!(r.unknown_levels.len(), 1);
    assert_eq!(
        (r.unknown_levels[0].value.as_str(), r.unknown_levels[0].rows),
        ("部外秘", 1)
    );
    let skipped: Vec<(u32, &str)> = r
        .skipped_rows
        .iter()
        .map(|k| (k.row, k.reason.as_str()))
        .collect();
    assert_eq!(skipped, [(8, "blank row"), (16, "total / footer row")]);

    let list = assets(&s);
    assert_eq!(list.len(), 8);
    let a6 = get(&list, "IA-0006");
    assert_eq!(
        (
            a6.name.as_str(),
            a6.classification.as_deref(),
            a6.confidentiality,
            a6.integrity
        ),
        ("退職者リスト", None, None, Some(2)),
        "kept, without the values that could not be read"
    );
    assert_eq!(get(&list, "IA-0008").last_reviewed, None);
    let a1 = get(&list, "IA-0001");
    assert_eq!(a1.name, "顧客名簿");
    assert_eq!(a1.classification.as_deref(), Some("社外秘"));
    assert_eq!(
        (a1.confidentiality, a1.integrity, a1.availability),
        (Some(3), Some(2), Some(2))
    );
    assert_eq!(a1.owner, "営業部長");
    assert_eq!(a1.last_reviewed, date("2024-04-01"));
    assert_eq!(a1.next_review, date("2025-04-01"));
    assert_eq!(a1.labels, ["個人情報", "重要"]);
    assert_eq!(a1.custom.get("部署コード").map(String::as_str), Some("S01"));
    assert_eq!(
        a1.custom.get("取得経緯").map(String::as_str),
        Some("自社作成")
    );

    // 高/中/低, a real Excel date, 2024年4月1日, and the merged owner cell.
    let a2 = get(&list, "IA-0002");
    assert_eq!(
        (a2.confidentiality, a2.integrity, a2.availability),
        (Some(3), Some(2), Some(1))
    );
    assert_eq!(
        a2.owner, "営業部長",
        "vertically merged cell applies to every row"
    );
    assert_eq!(a2.last_reviewed, date("2024-04-01"));
    assert_eq!(a2.next_review, date("2024-04-01"));

    // Full-width id and digits, 令和 and R-era dates.
    let a3 = get(&list, "IA-0003");
    assert_eq!(a3.owner, "営業部長");
    assert_eq!(
        (a3.confidentiality, a3.integrity, a3.availability),
        (Some(3), Some(3), Some(2))
    );
    assert_eq!(a3.classification.as_deref(), Some("極秘"));
    assert_eq!(a3.last_reviewed, date("2024-04-01"));
    assert_eq!(a3.next_review, date("2025-04-01"));

    // English level name, an Excel serial number, YYYYMMDD.
    let a4 = get(&list, "IA-0004");
    assert_eq!(a4.classification.as_deref(), Some("公開"));
    assert_eq!(a4.last_reviewed, date("2024-04-01"));
    assert_eq!(a4.next_review, date("2025-04-01"));

    let a5 = get(&list, "IA-0005");
    assert_eq!(a5.last_reviewed, date("2019-04-30"), "平成31年4月30日");
    assert_eq!(a5.notes, "前後に空白あり", "trimmed");
    assert_eq!(
        a5.location, "Microsoft Azure（東日本リージョン）",
        "Japanese punctuation kept as typed"
    );

    // A hostile cell is stored as text, never evaluated.
    let a9 = get(&list, "IA-0009");
    assert_eq!(a9.name, "+人事データ連携");
    assert_eq!(a9.notes, "=HYPERLINK(\"http://example.invalid\",\"x\")");

    // Every insert is in the audit trail.
    let audit = s
        .audit_log(&AuditQuery {
            entity: Some("asset".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(audit.len(), 8);
    // An imported asset's creation says where it came from.
    let created = audit
        .iter()
        .find(|e| e.record_id == "IA-0001")
        .and_then(|e| e.new_value.clone())
        .unwrap();
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&created).unwrap(),
        serde_json::json!({"imported_from": "register.xlsx", "sheet": "情報資産台帳", "row": 5})
    );
}

/// Imports `file` into a new database: the report (as JSON) and every asset.
fn import_fresh(
    file: &str,
    options: ImportOptions,
) -> (serde_json::Value, Vec<isms_core::asset::Asset>) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    let report = import(&mut s, &fixture(file), options);
    let list = assets(&s).into_iter().map(|v| v.asset).collect();
    (serde_json::to_value(report).unwrap(), list)
}

#[test]
fn the_streaming_path_imports_exactly_as_the_whole_sheet_path() {
    // register-unmerged.xlsx has no merged cell, so it is streamed; `whole_sheet` forces the other path.
    let streamed = import_fresh("register-unmerged.xlsx", ImportOptions::default());
    let whole = import_fresh(
        "register-unmerged.xlsx",
        ImportOptions {
            whole_sheet: true,
            ..Default::default()
        },
    );
    assert_eq!(streamed, whole);
    assert_eq!(streamed.1.len(), 8);
    // And it is the messy register itself, with the merged owner typed out: same report, same assets.
    let merged = import_fresh("register.xlsx", ImportOptions::default());
    assert_eq!(streamed.1, merged.1);
    assert_eq!(streamed.0["errors"], merged.0["errors"]);
    assert_eq!(streamed.0["warnings"], merged.0["warnings"]);
    assert_eq!(streamed.0["skipped_rows"], merged.0["skipped_rows"]);
    assert_eq!(streamed.0["mapping"], merged.0["mapping"]);
    // Streamed again into the same database: every asset is found and unchanged, nothing is written twice.
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    import(
        &mut s,
        &fixture("register-unmerged.xlsx"),
        ImportOptions::default(),
    );
    let audit = s.audit_log(&AuditQuery::default()).unwrap().len();
    let again = import(
        &mut s,
        &fixture("register-unmerged.xlsx"),
        ImportOptions::default(),
    );
    assert_eq!((again.inserted, again.updated, again.unchanged), (0, 0, 8));
    assert_eq!(s.audit_log(&AuditQuery::default()).unwrap().len(), audit);
    // A dry run and an insert-only run agree too.
    for options in [
        ImportOptions {
            dry_run: true,
            ..Default::default()
        },
        ImportOptions {
            mode: ImportMode::Insert,
            ..Default::default()
        },
    ] {
        let whole_options = ImportOptions {
            whole_sheet: true,
            ..options.clone()
        };
        assert_eq!(
            import_fresh("register-unmerged.xlsx", options).0,
            import_fresh("register-unmerged.xlsx", whole_options).0
        );
    }
}

#[test]
fn a_dry_run_reports_the_same_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    let audit_before = s.audit_log(&AuditQuery::default()).unwrap().len();
    let r = import(
        &mut s,
        &fixture("register.xlsx"),
        ImportOptions {
            dry_run: true,
            ..Default::default()
        },
    );
    assert!(r.dry_run);
    assert_eq!((r.inserted, r.rejected, r.warnings.len()), (8, 2, 3));
    assert!(assets(&s).is_empty());
    assert_eq!(
        s.audit_log(&AuditQuery::default()).unwrap().len(),
        audit_before
    );
}

#[test]
fn csv_in_shift_jis_and_utf8_bom_xls_and_ods_import() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    for (file, n) in [
        ("register-sjis.csv", 4),
        ("register-utf8bom.csv", 2),
        ("register.xls", 3),
        ("register.ods", 2),
    ] {
        let r = import(&mut s, &fixture(file), ImportOptions::default());
        assert_eq!((r.inserted, r.rejected), (n, 0), "{file}: {:?}", r.errors);
    }
    let list = assets(&s);
    let sj = get(&list, "IA-0101");
    assert_eq!(sj.name, "取引先一覧");
    assert_eq!(sj.classification.as_deref(), Some("社外秘"));
    assert_eq!(
        (sj.confidentiality, sj.integrity, sj.availability),
        (Some(3), Some(2), Some(2))
    );
    assert_eq!(sj.labels, ["取引先"]);
    let sj3 = get(&list, "IA-0103");
    assert_eq!(sj3.location, "人事システム, 本社");
    assert_eq!(sj3.labels, ["個人情報", "給与"]);
    assert_eq!(sj3.last_reviewed, date("2024-04-01"));
    assert_eq!(
        get(&list, "IA-0104").last_reviewed,
        date("2024-04-01"),
        "R6.4.1"
    );
    assert_eq!(get(&list, "IA-0201").notes, "複数行の\n備考");
    assert_eq!(
        get(&list, "XL-002").owner,
        "法務部長",
        "merged cell in .xls"
    );
    assert_eq!(get(&list, "OD-1").next_review, date("2026-10-01"));
}

#[test]
fn broken_files_get_one_clear_error_and_leave_the_database_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    import(&mut s, &fixture("register.xlsx"), ImportOptions::default());
    let before = assets(&s);
    let audit_before = s.audit_log(&AuditQuery::default()).unwrap().len();
    for (file, needle) in [
        ("empty.xlsx", "empty"),
        ("truncated.xlsx", "not a spreadsheet"),
        ("random.xlsx", "not a spreadsheet"),
        ("random.csv", "not a spreadsheet"),
        ("no-header.xlsx", "no sheet looks like an asset register"),
        ("does-not-exist.xlsx", "cannot read the file"),
    ] {
        let err = import_assets(
            &mut s,
            &fixture(file),
            &ImportOptions::default(),
            &mut |_| {},
        )
        .unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains(file), "{file}: names the file: {msg}");
        assert!(msg.contains(needle), "{file}: {msg}");
        assert!(!msg.contains('\n'), "one line: {msg}");
    }
    let err = import_assets(
        &mut s,
        &fixture("register.xlsx"),
        &ImportOptions {
            sheet: Some("台帳".into()),
            ..Default::default()
        },
        &mut |_| {},
    )
    .unwrap_err();
    assert!(matches!(err, SheetError::NoSuchSheet { .. }), "{err}");
    assert!(
        err.to_string().contains("情報資産台帳"),
        "lists the sheets: {err}"
    );
    assert_eq!(assets(&s), before);
    assert_eq!(
        s.audit_log(&AuditQuery::default()).unwrap().len(),
        audit_before
    );
}

fn comparable(list: Vec<AssetView>) -> Vec<isms_core::asset::Asset> {
    list.into_iter().map(|v| v.asset).collect()
}

#[test]
fn export_then_import_round_trips_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    import(&mut s, &fixture("register.xlsx"), ImportOptions::default());
    import(
        &mut s,
        &fixture("register-sjis.csv"),
        ImportOptions::default(),
    );
    let original = assets(&s);
    for ext in ["xlsx", "csv"] {
        let out = dir.path().join(format!("export.{ext}"));
        let summary = export_assets(&original, &s.asset_scheme().unwrap(), &out).unwrap();
        assert_eq!(summary.assets, original.len());

        // Into an empty database: the same assets.
        let dir2 = tempfile::tempdir().unwrap();
        let mut fresh = store(dir2.path());
        let r = import(&mut fresh, &out, ImportOptions::default());
        assert_eq!(
            (r.inserted, r.rejected),
            (original.len(), 0),
            "{ext}: {:?}",
            r.errors
        );
        assert_eq!(
            comparable(assets(&fresh)),
            comparable(original.clone()),
            "{ext}"
        );

        // Into the same database: nothing changes.
        let r = import(&mut s, &out, ImportOptions::default());
        assert_eq!(
            (r.inserted, r.updated, r.unchanged),
            (0, 0, original.len()),
            "{ext}"
        );
    }
    // The CSV is UTF-8 with a BOM and neutralises formula-like cells.
    let csv = std::fs::read(dir.path().join("export.csv")).unwrap();
    assert!(csv.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(csv).unwrap();
    assert!(text.contains("\"'=HYPERLINK("), "{text}");
    assert!(text.contains(",'+人事データ連携,"), "{text}");
    // The workbook holds no formula at all.
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook(dir.path().join("export.xlsx")).unwrap();
    let formulas = wb.worksheet_formula("情報資産台帳").unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));
}

#[test]
fn upsert_updates_with_an_audit_trail_and_insert_only_leaves_existing_assets_alone() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    import(
        &mut s,
        &fixture("register-sjis.csv"),
        ImportOptions::default(),
    );
    let csv = dir.path().join("changed.csv");
    std::fs::write(
        &csv,
        "資産ID,情報資産名,機密区分,管理責任者\nIA-0101,取引先一覧（改訂）,極秘,営業本部長\nIA-0999,新しい資産,公開,総務部長\n",
    )
    .unwrap();
    let r = import(
        &mut s,
        &csv,
        ImportOptions {
            mode: ImportMode::Insert,
            ..Default::default()
        },
    );
    assert_eq!((r.inserted, r.updated, r.skipped), (1, 0, 1));
    assert_eq!(get(&assets(&s), "IA-0101").name, "取引先一覧");

    let r = import(&mut s, &csv, ImportOptions::default());
    assert_eq!((r.inserted, r.updated, r.unchanged), (0, 1, 1));
    let list = assets(&s);
    let a = get(&list, "IA-0101");
    assert_eq!(
        (
            a.name.as_str(),
            a.classification.as_deref(),
            a.owner.as_str()
        ),
        ("取引先一覧（改訂）", Some("極秘"), "営業本部長")
    );
    assert_eq!(
        a.location, "ファイルサーバ",
        "columns absent from the file keep their values"
    );
    let audit = s
        .audit_log(&AuditQuery {
            record_id: Some("IA-0101".into()),
            ..Default::default()
        })
        .unwrap();
    let fields: Vec<&str> = audit.iter().filter_map(|e| e.field.as_deref()).collect();
    for f in ["name", "classification", "owner"] {
        assert!(fields.contains(&f), "{f} audited: {fields:?}");
    }
}

#[test]
fn a_mapping_file_names_columns_the_vocabulary_does_not_know() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    let csv = dir.path().join("own.csv");
    std::fs::write(&csv, "コード,件名,担当役員\nZ-1,独自台帳の資産,CISO\n").unwrap();
    assert!(matches!(
        import_assets(&mut s, &csv, &ImportOptions::default(), &mut |_| {}),
        Err(SheetError::NoHeader { .. })
    ));
    let mapping = dir.path().join("mapping.toml");
    std::fs::write(
        &mapping,
        "[fields]\nasset_id = [\"コード\"]\nname = [\"件名\"]\nowner = [\"担当役員\"]\n",
    )
    .unwrap();
    let r = import(
        &mut s,
        &csv,
        ImportOptions {
            mapping: Some(mapping),
            ..Default::default()
        },
    );
    assert_eq!(r.inserted, 1);
    assert_eq!(r.mapping["担当役員"], "owner");
    assert_eq!(get(&assets(&s), "Z-1").owner, "CISO");
}

#[test]
fn preview_then_import_with_columns_the_user_remapped_and_save_the_mapping() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    let p = isms_sheets::preview_register(
        isms_sheets::RegisterKind::Assets,
        &fixture("register.xlsx"),
        &ImportOptions::default(),
        3,
    )
    .unwrap();
    assert_eq!(p.sheets, ["記入上の注意", "情報資産台帳", "集計"]);
    assert_eq!((p.sheet.as_str(), p.header_row), ("情報資産台帳", 4));
    assert!(p
        .columns
        .contains(&("部署コード".to_owned(), "custom".to_owned())));
    assert_eq!(p.rows.len(), 3);
    assert_eq!(p.rows[0][0], "IA-0001");
    assert_eq!(
        p.rows[1][8], "営業部長",
        "merged cells resolved in the preview too"
    );

    let mut columns = indexmap::IndexMap::new();
    columns.insert("部署コード".to_owned(), "ignore".to_owned());
    columns.insert("取得経緯".to_owned(), "notes".to_owned());
    columns.insert("備考".to_owned(), "custom".to_owned());
    let r = import(
        &mut s,
        &fixture("register.xlsx"),
        ImportOptions {
            columns: columns.clone(),
            ..Default::default()
        },
    );
    assert_eq!(r.mapping["部署コード"], "ignore");
    assert_eq!(r.mapping["取得経緯"], "notes");
    let list = assets(&s);
    let a1 = get(&list, "IA-0001");
    assert_eq!(a1.notes, "自社作成");
    assert!(!a1.custom.contains_key("部署コード"));
    assert_eq!(
        get(&list, "IA-0005").custom.get("備考").map(String::as_str),
        Some("前後に空白あり")
    );

    columns.insert("情報資産名".to_owned(), "no_such_field".to_owned());
    let err = import_assets(
        &mut s,
        &fixture("register.xlsx"),
        &ImportOptions {
            columns,
            ..Default::default()
        },
        &mut |_| {},
    )
    .unwrap_err();
    assert!(err.to_string().contains("no_such_field"), "{err}");

    // A mapping saved from the wizard reads back as a --mapping file.
    let mut mine = indexmap::IndexMap::new();
    mine.insert("コード".to_owned(), "asset_id".to_owned());
    mine.insert("件名".to_owned(), "name".to_owned());
    mine.insert("担当役員".to_owned(), "owner".to_owned());
    mine.insert("メモ欄\"引用\"".to_owned(), "notes".to_owned());
    let mapping = dir.path().join("saved.toml");
    isms_sheets::save_mapping(isms_sheets::RegisterKind::Assets, &mine, &mapping).unwrap();
    let csv = dir.path().join("own.csv");
    std::fs::write(
        &csv,
        "コード,件名,担当役員,\"メモ欄\"\"引用\"\"\"\nZ-9,独自台帳,CISO,メモ\n",
    )
    .unwrap();
    let r = import(
        &mut s,
        &csv,
        ImportOptions {
            mapping: Some(mapping),
            ..Default::default()
        },
    );
    assert_eq!(r.inserted, 1, "{:?}", r.errors);
    let z = get(&assets(&s), "Z-9").clone();
    assert_eq!((z.owner.as_str(), z.notes.as_str()), ("CISO", "メモ"));
}
