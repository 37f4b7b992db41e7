//! Whitepapers shaped like the reference documents 000, 001 and 002 rebuilt from entered data (the facts example,
//! customer statements, a platform supplier, certifications, a notification rule), issued and exported, then read back
//! with `pdftotext`: headings in order with their numbering style, the tables with their columns, the revision
//! history, the table of contents with the pages the headings are really on; and the English starter.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;
use isms_core::certification::CertificationPatch;
use isms_core::organisation::OrganisationPatch;
use isms_core::register::RegisterPatch;
use isms_core::supplier::SupplierPatch;
use isms_core::whitepaper::facts::Facts;
use isms_core::whitepaper::IssueWhitepaper;
use isms_core::Store;
use isms_reports::whitepaper;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A store holding what the shapes draw from.
fn store(dir: &Path) -> Store {
    let mut s = Store::open(&dir.join("wp.sqlite3")).unwrap();
    s.update_organisation(OrganisationPatch {
        name: Some("株式会社サンプルクラウド".into()),
        name_en: Some("Sample Cloud Inc.".into()),
        ..Default::default()
    })
    .unwrap();
    let facts_file = root().join("templates/whitepapers/facts-example.toml");
    let facts = Facts::from_toml(
        &std::fs::read_to_string(&facts_file).unwrap(),
        "facts-example.toml",
    )
    .unwrap();
    s.save_whitepaper_facts(&facts).unwrap();
    let statements: toml::Table = toml::from_str(
        &std::fs::read_to_string(root().join("tests/fixtures/whitepapers/statements.toml"))
            .unwrap(),
    )
    .unwrap();
    for st in statements["statements"].as_array().unwrap() {
        let id = st["id"].as_str().unwrap();
        s.update_control(
            id,
            RegisterPatch {
                applicable: Some(Some(true)),
                customer_statement: Some(st["ja"].as_str().unwrap().to_owned()),
                customer_statement_en: Some(st["en"].as_str().unwrap().to_owned()),
                own_decision: id.starts_with("A.").then_some(true),
                ..Default::default()
            },
        )
        .unwrap();
    }
    s.save_supplier(
        "",
        SupplierPatch {
            name: Some("ネビュラクラウド株式会社".into()),
            kind: Some("cloud_service".into()),
            services: Some("IaaS / PaaS".into()),
            purpose: Some("サービス基盤の提供".into()),
            data_location: Some("日本".into()),
            disclose_as_subprocessor: Some(true),
            ..Default::default()
        },
        true,
        None,
    )
    .unwrap();
    let mut rule = s
        .notification_rules()
        .unwrap()
        .into_iter()
        .find(|r| r.id == "customer_notice_aware_72h")
        .unwrap();
    rule.show_in_whitepaper = true;
    s.save_notification_rule(rule).unwrap();
    for (scheme, expires) in [
        ("pmark", "2027-08-13"),
        ("isms", "2028-03-31"),
        ("iso27017", "2028-03-31"),
        ("cloud_service_certification", "2028-09-30"),
        ("aspsaas_disclosure", "2029-01-31"),
    ] {
        s.save_certification(
            "",
            CertificationPatch {
                scheme: Some(scheme.into()),
                certificate_number: Some(format!("N-{scheme}")),
                certification_body: Some("一般財団法人サンプル審査機構".into()),
                certification_body_en: Some("Sample Certification Body".into()),
                first_granted_on: Some(Some(date("2019-04-01"))),
                expires_on: Some(Some(date(expires))),
                ..Default::default()
            },
            true,
        )
        .unwrap();
    }
    s
}

fn issue(s: &mut Store, id: &str, version: &str, on: &str, summary: &str) {
    whitepaper::issue(
        s,
        id,
        &IssueWhitepaper {
            version: version.into(),
            issued_on: date(on),
            prepared_by: "ISMS事務局".into(),
            approved_by: "代表取締役".into(),
            summary: summary.into(),
        },
        date("2026-12-01"),
    )
    .unwrap();
}

/// The PDF's text per page, whitespace removed (pdftotext puts spaces between Japanese and Latin text).
fn pages(s: &Store, id: &str, version: &str, out: &Path) -> Vec<String> {
    raw_pages(s, id, version, out)
        .iter()
        .map(|p| p.split_whitespace().collect())
        .collect()
}

/// The PDF's text per page as pdftotext lays it out.
fn raw_pages(s: &Store, id: &str, version: &str, out: &Path) -> Vec<String> {
    let (r, report) = whitepaper::rendered(s, id, Some(version), date("2026-12-01")).unwrap();
    assert!(report.problems.is_empty());
    let written = whitepaper::pdf::export_pdf(&r, out, 0, &mut |_| {}).unwrap();
    let n = written.pages.unwrap();
    (1..=n)
        .map(|p| {
            let o = Command::new("pdftotext")
                .args(["-layout", "-f", &p.to_string(), "-l", &p.to_string()])
                .arg(out)
                .arg("-")
                .output()
                .expect("pdftotext (poppler-utils) is installed");
            String::from_utf8(o.stdout).unwrap()
        })
        .collect()
}

/// Each needle found after the one before it.
fn in_order(text: &str, needles: &[&str]) {
    let mut from = 0;
    for n in needles {
        match text[from..].find(n) {
            Some(i) => from += i + n.len(),
            None => panic!(
                "`{n}` not found (in order) after byte {from}:\n{}",
                &text[from.min(text.len())..]
            ),
        }
    }
}

fn import(s: &mut Store, shape: &str) -> String {
    let path = root().join(format!("tests/fixtures/whitepapers/{shape}.toml"));
    whitepaper::import_definition(s, &path, None, false)
        .unwrap()
        .doc_id
}

#[test]
fn a_letter_form_like_000_numbers_kana_digits_letters_and_closes_with_date_and_departments() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    let id = import(&mut s, "shape-000");
    issue(&mut s, &id, "1.0", "2025-04-14", "制定");
    let text = pages(&s, &id, "1.0", &dir.path().join("000.pdf")).concat();
    // 「記」 between the opening and (ア); the themes numbered 1.–4. under (ウ), controls A)–N) under each.
    in_order(
        &text,
        &[
            "「サンプル勤怠クラウド」",
            "記",
            "(ア)第三者認証",
            "1.プライバシーマーク",
            "初回登録日",
            "登録番号",
            "有効期限",
            "2.ISMS認証",
            "3.ISMSクラウドセキュリティ認証",
            "(イ)責任の分担",
            "(ウ)情報セキュリティ対策",
            "1.組織的管理策",
            "A)情報セキュリティのための方針群",
            "H)資産の返却",
            "I)アクセス制御",
            "2.人的管理策",
            "A)雇用条件",
            "C)懲戒手続",
            "3.物理的管理策",
            "F)クラウド基盤の記憶媒体の処分",
            "4.技術的管理策",
            "F)情報のバックアップ",
            "G)データの保管場所",
            "L)クロックの同期",
            "M)ログ取得",
            "N)暗号の利用",
            "(エ)",
            "1.セキュリティインシデントのお知らせ",
            "72時間",
            "2.計画メンテナンスのお知らせ",
            "3.お客様からのご連絡",
            "2025年4月14日更新",
            "株式会社サンプルクラウド",
        ],
    );
    let ki = text.find("記").unwrap();
    assert!(
        ki < text.find("(ア)").unwrap() && text[..ki].contains("次のとおり"),
        "「記」 stands between the opening and (ア)"
    );
    // No table in the letter form: no table header row of the certification table.
    assert!(
        !text.contains("認証・制度"),
        "000 prints certifications as labelled lines"
    );
}

#[test]
fn a_short_whitepaper_like_001_has_its_cover_responsibility_rows_and_unnumbered_history() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    let id = import(&mut s, "shape-001");
    issue(&mut s, &id, "1.0", "2022-11-01", "制定");
    let pages = pages(&s, &id, "1.0", &dir.path().join("001.pdf"));
    in_order(
        &pages[0],
        &[
            "文書番号:ISMS-04-01",
            "セキュリティホワイトペーパー",
            "株式会社サンプルクラウド",
            "2022年11月1日Ver.1.0",
        ],
    );
    let text = pages.concat();
    // The responsibility table: one row per party, in the order customer, provider, platform, carrier, no header row.
    in_order(
        &text,
        &[
            "1.2責任分界",
            "お客様が管理",
            "当社が管理",
            "ネビュラクラウド",
            "が管理",
            "通信事業者",
        ],
    );
    assert!(!text.contains("責任を負う者"), "no header row");
    in_order(
        &text,
        &[
            "2サービスのセキュリティ",
            "2.1プライバシーマークの取得",
            "2.6データの保管場所",
            "2.8データの削除",
            "2.11バックアップ",
            "2.12時刻の同期",
            "2.17インシデント発生時の対応",
            "2.18準拠法",
            "【改訂履歴】",
            "Ver.発行日改訂内容改訂者承認者",
            "1.02022/11/1制定ISMS事務局代表取締役",
        ],
    );
    assert!(
        !text.contains("3【改訂履歴】"),
        "the history is not numbered"
    );
}

#[test]
fn a_long_whitepaper_like_002_lists_its_headings_to_depth_three_with_the_pages_they_are_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    let id = import(&mut s, "shape-002");
    issue(&mut s, &id, "1.0", "2020-09-24", "初版発行");
    issue(&mut s, &id, "1.1", "2021-03-01", "2-5-4 の記載を見直し");
    let raw = raw_pages(&s, &id, "1.1", &dir.path().join("002.pdf"));
    let pages: Vec<String> = raw.iter().map(|p| p.split_whitespace().collect()).collect();
    assert!(pages.len() >= 8, "{} pages", pages.len());
    in_order(
        &pages[0],
        &[
            "サンプル勤怠クラウド",
            "セキュリティホワイトペーパー",
            "株式会社サンプルクラウド",
        ],
    );
    // The TOC: entries of levels 1–3, each line ending with its page; level-4 headings (2-1-1-1) are not listed.
    let toc_lines: Vec<String> = raw
        .iter()
        .skip(1)
        .take_while(|p| p.contains('…'))
        .flat_map(|p| p.lines().map(str::to_owned))
        .collect();
    let toc = toc_lines.concat();
    assert!(toc.contains("目次"), "{toc}");
    assert!(!toc.contains("2-1-1-1"), "level 4 is not in the TOC");
    let entries = [
        "1はじめに",
        "2セキュリティ対策",
        "2-1不正アクセスへの対策",
        "2-1-1ネットワーク",
        "2-4お客様の管理機能",
        "2-5-4IPアドレスによる接続制限",
        "3運用体制",
        "3-6-2ログの監査",
        "4-3データのバックアップ",
        "5-1-3情報開示認定",
        "5-3-2お知らせ",
        "6改訂履歴",
        "資料システム構成図",
    ];
    let body_start =
        toc_lines.len().min(1) + raw.iter().skip(1).take_while(|p| p.contains('…')).count();
    for e in entries {
        let line = toc_lines
            .iter()
            .find(|l| l.split_whitespace().collect::<String>().starts_with(e))
            .unwrap_or_else(|| panic!("{e} not in the TOC: {toc}"));
        let printed: usize = line
            .split_whitespace()
            .last()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no page on `{line}`"));
        let actual = pages
            .iter()
            .enumerate()
            .skip(body_start)
            .find(|(_, p)| p.contains(e))
            .map(|(i, _)| i + 1);
        assert_eq!(Some(printed), actual, "{e}: the TOC says page {printed}");
    }
    let text = pages.concat();
    in_order(
        &text,
        &[
            "2-1-1-1ファイアウォール",
            "2-1-1-3WAF",
            "2-5-5二要素認証",
            "5-1-1ISMS",
            "6改訂履歴",
            "版数日付改訂内容",
        ],
    );
    in_order(
        &text,
        &[
            "初版2020/09/24初版発行",
            "第1.1版2021/03/012-5-4の記載を見直し",
            "資料システム構成図",
            "図1",
        ],
    );
}

#[test]
fn the_english_starter_issues_in_english_and_the_japanese_one_in_japanese() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    for (template, needles) in [
        (
            "saas-en",
            [
                "Security Whitepaper",
                "Sample Cloud Inc.",
                "Contents",
                "Division of responsibilities",
                "Revision history",
            ],
        ),
        (
            "saas-ja",
            [
                "セキュリティホワイトペーパー",
                "株式会社サンプルクラウド",
                "目次",
                "責任分界",
                "改訂履歴",
            ],
        ),
    ] {
        let id = whitepaper::create_from_template(&mut s, template, None)
            .unwrap()
            .doc_id;
        let draft = whitepaper::draft(&s, &id, date("2026-12-01")).unwrap();
        assert!(
            draft.problems.is_empty(),
            "{template}: {:?}",
            draft.problems
        );
        issue(&mut s, &id, "1.0", "2026-12-01", "First edition");
        let text = pages(&s, &id, "1.0", &dir.path().join(format!("{template}.pdf"))).concat();
        for n in needles {
            assert!(
                text.contains(&n.split_whitespace().collect::<String>()),
                "{template}: {n} missing"
            );
        }
        if template == "saas-en" {
            assert!(
                !text.contains("ご契約"),
                "no Japanese phrase in the English document"
            );
            assert!(
                !text.contains("of The") && !text.contains("from The"),
                "enumeration words are not capitalised mid-sentence"
            );
        }
    }
}

/// Two editors of one whitepaper (the app and the CLI, or two windows): a part changed by both is a conflict naming
/// the three values; parts changed on one side only are merged; the facts behave the same group by group.
#[test]
fn a_definition_or_facts_changed_by_someone_else_meanwhile_is_a_conflict_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    let id = whitepaper::create_from_template(&mut s, "saas-ja", None)
        .unwrap()
        .doc_id;
    let loaded = whitepaper::definition(&s, &id).unwrap();
    // Someone else renames the document and drops the last section.
    let mut theirs = loaded.clone();
    theirs.title = "他の人の表題".into();
    theirs.sections.pop();
    whitepaper::save_definition(&mut s, &id, &theirs, Some(&loaded)).unwrap();
    // This editor changed the title too: refused whole, the title named with both values; nothing written.
    let mut mine = loaded.clone();
    mine.title = "私の表題".into();
    mine.opening = "はじめに".into();
    let err = whitepaper::save_definition(&mut s, &id, &mine, Some(&loaded)).unwrap_err();
    let conflicts = match &err {
        isms_reports::error::ReportError::Core(isms_core::Error::Conflict {
            conflicts, ..
        }) => conflicts.clone(),
        other => panic!("expected a conflict, got {other:?}"),
    };
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    assert_eq!(conflicts[0].field, "title");
    assert_eq!(conflicts[0].theirs.as_deref(), Some("他の人の表題"));
    assert_eq!(conflicts[0].yours.as_deref(), Some("私の表題"));
    assert!(conflicts[0].changed_at.is_some());
    let stored = whitepaper::definition(&s, &id).unwrap();
    assert_eq!(
        (stored.title.as_str(), stored.opening.as_str()),
        ("他の人の表題", theirs.opening.as_str())
    );
    // Only the opening changed here: saved, and their title and sections stay.
    let mut mine = loaded.clone();
    mine.opening = "はじめに".into();
    whitepaper::save_definition(&mut s, &id, &mine, Some(&loaded)).unwrap();
    let stored = whitepaper::definition(&s, &id).unwrap();
    assert_eq!(stored.opening, "はじめに");
    assert_eq!(stored.title, "他の人の表題");
    assert_eq!(stored.sections.len(), theirs.sections.len());
    assert!(s.whitepaper(&id).unwrap().title.contains("他の人の表題"));

    // The facts: services changed elsewhere; a save of the legal group from the old base keeps their services.
    let base = s.whitepaper_facts().unwrap();
    let mut other = base.clone();
    other.services[0].name = "他の人のサービス名".into();
    s.save_whitepaper_facts_from(&other, Some(&base)).unwrap();
    let mut mine = base.clone();
    mine.legal.governing_law = "日本法".into();
    mine.services[0].name = "私のサービス名".into();
    let err = s
        .save_whitepaper_facts_from(&mine, Some(&base))
        .unwrap_err();
    match &err {
        isms_core::Error::Conflict { conflicts, .. } => {
            assert_eq!(
                conflicts
                    .iter()
                    .map(|c| c.field.as_str())
                    .collect::<Vec<_>>(),
                ["services"]
            );
            assert!(conflicts[0]
                .theirs
                .as_deref()
                .unwrap()
                .contains("他の人のサービス名"));
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(
        s.whitepaper_facts().unwrap().services[0].name,
        "他の人のサービス名"
    );
    let mut mine = base.clone();
    mine.legal.governing_law = "日本法".into();
    s.save_whitepaper_facts_from(&mine, Some(&base)).unwrap();
    let stored = s.whitepaper_facts().unwrap();
    assert_eq!(
        (
            stored.services[0].name.as_str(),
            stored.legal.governing_law.as_str()
        ),
        ("他の人のサービス名", "日本法")
    );
}

/// Found by a user trying the release build: a draft made before the organisation and the services were entered
/// printed `{service}` and `{organisation}` on its cover, running header and first chapter. They show as missing.
#[test]
fn a_draft_without_a_service_or_an_organisation_name_says_so_instead_of_printing_placeholders() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("empty.sqlite3")).unwrap();
    let id = whitepaper::create_from_template(&mut s, "saas-ja", None)
        .unwrap()
        .doc_id;
    let (r, report) = whitepaper::rendered(&s, &id, None, date("2026-12-01")).unwrap();
    assert!(report.problems.iter().any(|p| p.contains("no service")));
    let out = dir.path().join("draft.pdf");
    whitepaper::pdf::export_pdf(&r, &out, 0, &mut |_| {}).unwrap();
    let text = String::from_utf8(
        Command::new("pdftotext")
            .args(["-raw", out.to_str().unwrap(), "-"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(!text.contains('{'), "a placeholder is printed: {text}");
    assert!(text.contains("サービスが未入力です") && text.contains("組織名が未入力です"));
}
