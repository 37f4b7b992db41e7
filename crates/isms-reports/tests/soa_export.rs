//! The SoA exported from a real database and read back: PDF text with `pdftotext`, fonts with `pdffonts`, pages with `pdfinfo`, the workbook with calamine.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{open_workbook, Reader, Xlsx};
use isms_core::catalogue::Framework;
use isms_core::organisation::OrganisationPatch;
use isms_core::register::{
    CloudRole, ImplementationStatus, InclusionReason, RegisterFilter, RegisterPatch,
    RelatedDocument,
};
use isms_core::soa::IssueSoa;
use isms_core::Store;
use isms_reports::{export_soa, Lang};

fn poppler(tool: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(tool)
        .args(args)
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("{tool} must be installed (poppler-utils): {e}"));
    assert!(
        out.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn pdffonts(pdf: &Path) -> String {
    let out = Command::new("pdffonts")
        .arg(pdf)
        .output()
        .expect("pdffonts runs");
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn page_count(pdf: &Path) -> usize {
    let out = Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("pdfinfo runs");
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    text.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("page count")
}

fn no_space(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A register with every kind of content: long Japanese texts with punctuation at awkward places, exclusions, cloud roles.
fn filled_store(dir: &Path) -> Store {
    let mut store = Store::open(&dir.join("isms.sqlite3")).unwrap();
    store
        .update_organisation(OrganisationPatch {
            name: Some("株式会社サンプル".into()),
            isms_scope: Some(
                "本社及びデータセンターにおけるクラウドサービス（SaaS）の開発、運用及び保守".into(),
            ),
            soa_document_number: Some("ISMS-SOA-001".into()),
            ..Default::default()
        })
        .unwrap();
    let ids: Vec<String> = store
        .list_controls(&RegisterFilter {
            framework: Some(Framework::Iso27001_2022),
            ..Default::default()
        })
        .unwrap()
        .into_iter()
        .map(|e| e.control.id)
        .collect();
    for (i, id) in ids.iter().enumerate() {
        let patch = if id == "8.28" || id == "7.5" {
            RegisterPatch {
                applicable: Some(Some(false)),
                exclusion_justification: Some("当社はソフトウェアの開発を行わず、物理的な施設を保有しないため、本管理策は適用しない。".into()),
                ..Default::default()
            }
        } else {
            RegisterPatch {
                applicable: Some(Some(true)),
                inclusion_reasons: Some(vec![InclusionReason::RiskAssessment, InclusionReason::Contractual]),
                status: Some(if i % 3 == 0 { ImplementationStatus::PartiallyImplemented } else { ImplementationStatus::Implemented }),
                implementation: Some(format!(
                    "情報セキュリティ管理規程（{id}）に基づき、管理責任者が年1回以上見直す。記録は「ISMS記録簿」に保管し、変更時には承認を得る。クラウドサービス（Microsoft Azure）の設定は、四半期ごとにレビューする。"
                )),
                related_documents: Some(vec![RelatedDocument { title: "情報セキュリティ管理規程".into(), section: Some(id.clone()) }]),
                ..Default::default()
            }
        };
        store.update_control(id, patch).unwrap();
    }
    store
        .update_control(
            "CLD.6.3.1",
            RegisterPatch {
                applicable: Some(Some(true)),
                cloud_role: Some(Some(CloudRole::Both)),
                inherited_from: Some("Microsoft Azure".into()),
                implementation: Some("責任分界表を利用規約に定め、顧客に開示する。".into()),
                ..Default::default()
            },
        )
        .unwrap();
    // The other CLD controls are decided too; the 114 ISO/IEC 27002:2013 rows are not touched: they follow 2022.
    for id in [
        "CLD.8.1.5",
        "CLD.9.5.1",
        "CLD.9.5.2",
        "CLD.12.1.5",
        "CLD.12.4.5",
        "CLD.13.1.4",
    ] {
        store
            .update_control(
                id,
                RegisterPatch {
                    applicable: Some(Some(true)),
                    cloud_role: Some(Some(CloudRole::Provider)),
                    status: Some(ImplementationStatus::Implemented),
                    ..Default::default()
                },
            )
            .unwrap();
    }
    store
}

fn export(store: &Store, version: Option<&str>, lang: Lang, out: &Path) -> PathBuf {
    let doc = store.soa_document(version).unwrap();
    let mut steps = Vec::new();
    let report = export_soa(&doc, lang, out, &mut |p| steps.push(p.step)).unwrap();
    assert_eq!(steps, [1, 2, 3], "progress reported for every step");
    assert!(
        report.missing_glyphs.is_empty(),
        "tofu: {:?}",
        report.missing_glyphs
    );
    out.to_path_buf()
}

#[test]
fn the_japanese_draft_has_every_control_fonts_subset_and_a_draft_mark_on_every_page() {
    let dir = tempfile::tempdir().unwrap();
    let store = filled_store(dir.path());
    let pdf = export(&store, None, Lang::Ja, &dir.path().join("soa.pdf"));

    let raw = poppler("pdftotext", &["-raw", "-enc", "UTF-8"], &pdf);
    let flat = no_space(&raw);
    let tokens: Vec<&str> = raw.split_whitespace().collect();
    let all = store.list_controls(&RegisterFilter::default()).unwrap();
    assert_eq!(all.len(), 214);
    for e in &all {
        assert!(
            tokens
                .iter()
                .any(|t| *t == e.control.id || t.strip_suffix('◆') == Some(e.control.id.as_str())),
            "control id {} missing",
            e.control.id
        );
        assert!(
            flat.contains(&no_space(&e.control.title_ja)),
            "title of {} missing: {}",
            e.control.id,
            e.control.title_ja
        );
    }
    for expected in [
        "情報セキュリティ適用宣言書",
        "株式会社サンプル",
        "ISMS-SOA-001",
        "改訂履歴",
        "発行済みの版はありません。",
    ] {
        assert!(flat.contains(expected), "{expected} missing");
    }
    // Kinsoku: no drawn line starts with a closing mark.
    for line in raw.lines() {
        let first = line.trim_start().chars().next();
        assert!(
            !matches!(first, Some('。' | '、' | '）' | '」')),
            "line starts with {first:?}: {line}"
        );
    }

    let fonts = pdffonts(&pdf);
    let font_lines: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!font_lines.is_empty(), "{fonts}");
    for l in &font_lines {
        let cols: Vec<&str> = l.split_whitespace().collect();
        assert!(cols[0].contains('+'), "subset prefix missing: {l}");
        assert!(cols[0].contains("BIZUDPGothic"), "{l}");
        // emb sub uni columns
        let n = cols.len();
        assert_eq!(
            &cols[n - 5..n - 2],
            ["yes", "yes", "yes"],
            "embedded, subset, ToUnicode: {l}"
        );
    }

    let pages = page_count(&pdf);
    assert!(pages >= 5, "{pages} pages");
    for p in 1..=pages {
        let text = poppler(
            "pdftotext",
            &["-f", &p.to_string(), "-l", &p.to_string(), "-enc", "UTF-8"],
            &pdf,
        );
        assert!(text.contains("DRAFT"), "page {p} lacks the draft mark");
        assert!(
            text.contains(&format!("{p} / {pages}")),
            "page {p} lacks its number"
        );
    }
    let size = std::fs::metadata(&pdf).unwrap().len();
    assert!(size < 400 * 1024, "{size} bytes: the font is not subset");
}

#[test]
fn an_issued_version_is_frozen_and_reproduced_after_the_register_changes() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = filled_store(dir.path());
    store
        .issue_soa(IssueSoa {
            version: "1.0".into(),
            approved_by: "代表取締役 山田 太郎".into(),
            prepared_by: Some("ISMS事務局 鈴木花子".into()),
            summary: "初版発行".into(),
            issued_on: chrono::NaiveDate::from_ymd_opt(2026, 4, 1),
            accept_undecided: false,
        })
        .unwrap();
    let first = export(&store, Some("1.0"), Lang::Ja, &dir.path().join("v1-a.pdf"));
    let text_first = poppler("pdftotext", &["-raw", "-enc", "UTF-8"], &first);
    assert!(
        !text_first.contains("DRAFT"),
        "an issued version is not a draft"
    );
    let flat = no_space(&text_first);
    for expected in [
        "初版発行",
        "代表取締役山田太郎",
        "ISMS事務局鈴木花子",
        "2026年4月1日",
    ] {
        assert!(flat.contains(expected), "{expected} missing");
    }
    // Names are not broken inside the approval boxes: each stays on one line.
    // (pdftotext -raw puts the two boxes' lines side by side: 「代表取締役 ISMS事務局」「山田 太郎 鈴木花子」.)
    for (name, first) in [("山田 太郎", "山田"), ("鈴木花子", "鈴木")] {
        let lines: Vec<&str> = text_first.lines().filter(|l| l.contains(first)).collect();
        assert!(!lines.is_empty());
        for line in lines {
            assert!(line.contains(name), "{name} is broken: {line:?}");
        }
    }
    // Only the 2022 controls were decided: the 27017 part shows every 2013 row decided, marked as derived, and the
    // summary counts all 121 rows of the part.
    assert!(
        flat.contains("ISO/IEC27017の管理策121項目"),
        "the 27017 summary counts every row"
    );
    let summary: String = flat.chars().take(700).collect();
    assert!(flat.contains("適用120、除外1、未決定0"), "{summary}");
    assert!(flat.contains("このうち114項目は、対応する2022年版の管理策の決定を引き継いでいます"));
    assert!(
        flat.contains("A.6.1.3◆←5.5"),
        "A.6.1.3 is marked as taken from 5.5"
    );
    assert!(
        flat.contains("A.5.1.1◆←5.1（一部）"),
        "a partial counterpart is cited as such"
    );
    let cloud_part = &flat[flat.find("2.ISO/IEC27017:2015").unwrap()..];
    assert!(
        !cloud_part[..cloud_part.find("3.改訂履歴").unwrap()].contains("未決定"),
        "no 2013 row is left undecided"
    );

    // Change the register and the profile after issuing.
    store
        .update_control(
            "5.1",
            RegisterPatch {
                implementation: Some("全面的に改訂した方針".into()),
                ..Default::default()
            },
        )
        .unwrap();
    store
        .update_organisation(OrganisationPatch {
            name: Some("新社名株式会社".into()),
            ..Default::default()
        })
        .unwrap();

    let again = export(&store, Some("1.0"), Lang::Ja, &dir.path().join("v1-b.pdf"));
    let text_again = poppler("pdftotext", &["-raw", "-enc", "UTF-8"], &again);
    assert_eq!(
        text_first, text_again,
        "version 1.0 must read the same after the register changed"
    );

    let draft = export(&store, None, Lang::Ja, &dir.path().join("draft.pdf"));
    let draft_text = no_space(&poppler("pdftotext", &["-raw", "-enc", "UTF-8"], &draft));
    assert!(draft_text.contains("全面的に改訂した方針"));
    assert!(draft_text.contains("新社名株式会社"));
    assert!(
        draft_text.contains("初版発行"),
        "the draft shows the revision history"
    );

    // Versions only go up, and cannot be re-issued.
    let err = store
        .issue_soa(IssueSoa {
            version: "1.0".into(),
            approved_by: "x".into(),
            summary: "x".into(),
            ..Default::default()
        })
        .unwrap_err();
    assert_eq!(err.code(), isms_core::ErrorCode::SoaVersionNotNewer);
    let err = store
        .issue_soa(IssueSoa {
            version: "0.9".into(),
            approved_by: "x".into(),
            summary: "x".into(),
            ..Default::default()
        })
        .unwrap_err();
    assert_eq!(err.code(), isms_core::ErrorCode::SoaVersionNotNewer);
    let err = store.soa_document(Some("3.0")).unwrap_err();
    assert_eq!(err.code(), isms_core::ErrorCode::UnknownSoaVersion);
}

#[test]
fn the_english_export_uses_english_titles_and_labels() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = filled_store(dir.path());
    store
        .update_organisation(OrganisationPatch {
            name_en: Some("Sample Corporation".into()),
            ..Default::default()
        })
        .unwrap();
    store
        .update_control(
            "5.1",
            RegisterPatch {
                implementation_en: Some("The ISMS manager reviews the policies every year.".into()),
                ..Default::default()
            },
        )
        .unwrap();
    let pdf = export(&store, None, Lang::En, &dir.path().join("soa-en.pdf"));
    let raw = poppler("pdftotext", &["-raw", "-enc", "UTF-8"], &pdf);
    let flat = no_space(&raw);
    for expected in [
        "StatementofApplicability",
        "Revisionhistory",
        "Policiesforinformationsecurity",
        "Securecoding",
        "DRAFT",
        "SampleCorporation",
        "TheISMSmanagerreviewsthepolicieseveryyear.",
        // 5.2 has only a Japanese implementation: printed, and marked as such, with the legend in the summary.
        "[JA]情報セキュリティ管理規程（5.2）",
        "Textsmarked[JA]arekeptinJapaneseonly.",
        // The scope has no English text either.
        "[JA]本社及びデータセンター",
    ] {
        assert!(flat.contains(expected), "{expected} missing");
    }
    assert!(
        !flat.contains("株式会社サンプル"),
        "the English name replaces the Japanese one"
    );
}

#[test]
fn a_row_continued_on_the_next_page_repeats_its_control_number() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = filled_store(dir.path());
    let long: String = (1..=120)
        .map(|i| format!("手順{i}：担当者が記録を確認し、責任者が承認する。"))
        .collect();
    store
        .update_control(
            "5.9",
            RegisterPatch {
                implementation: Some(long),
                ..Default::default()
            },
        )
        .unwrap();
    let pdf = export(&store, None, Lang::Ja, &dir.path().join("long.pdf"));
    let flat = no_space(&poppler("pdftotext", &["-raw", "-enc", "UTF-8"], &pdf));
    assert!(flat.contains("5.9（続き）"), "the continuation repeats 5.9");
    assert!(flat.contains("手順120："), "nothing dropped");
}

#[test]
fn a_withdrawn_version_is_marked_on_every_page_and_the_history_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = filled_store(dir.path());
    for (v, d) in [("1.0", 1), ("2.0", 2)] {
        store
            .issue_soa(IssueSoa {
                version: v.into(),
                approved_by: "代表取締役 山田太郎".into(),
                summary: format!("第{v}版"),
                issued_on: chrono::NaiveDate::from_ymd_opt(2026, 4, d),
                ..Default::default()
            })
            .unwrap();
    }
    store
        .set_soa_version_status(isms_core::soa::VersionStatusChange {
            version: "1.0".into(),
            status: isms_core::soa::VersionStatus::Withdrawn,
            reason: "適用範囲の誤記".into(),
            on: chrono::NaiveDate::from_ymd_opt(2026, 4, 2),
        })
        .unwrap();
    let pdf = export(&store, Some("1.0"), Lang::Ja, &dir.path().join("v1.pdf"));
    for p in 1..=page_count(&pdf) {
        let n = p.to_string();
        let text = poppler(
            "pdftotext",
            &["-f", &n, "-l", &n, "-raw", "-enc", "UTF-8"],
            &pdf,
        );
        assert!(
            text.contains("廃止 / WITHDRAWN"),
            "page {p} lacks the withdrawn mark"
        );
    }
    let v2 = no_space(&poppler(
        "pdftotext",
        &["-raw", "-enc", "UTF-8"],
        &export(&store, Some("2.0"), Lang::Ja, &dir.path().join("v2.pdf")),
    ));
    assert!(
        v2.contains("2026年4月2日廃止：適用範囲の誤記"),
        "the history shows it"
    );
    assert!(!v2.contains("WITHDRAWN"), "2.0 itself is in force");
}

#[test]
fn the_xlsx_has_the_same_rows() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = filled_store(dir.path());
    store
        .issue_soa(IssueSoa {
            version: "1.0".into(),
            approved_by: "山田".into(),
            summary: "初版".into(),
            ..Default::default()
        })
        .unwrap();
    let path = export(&store, Some("1.0"), Lang::Ja, &dir.path().join("soa.xlsx"));
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    let names = wb.sheet_names();
    assert_eq!(names, ["附属書A", "ISO27017", "改訂履歴"]);

    let annex = wb.worksheet_range("附属書A").unwrap();
    let rows: Vec<Vec<String>> = annex
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    let header_at = rows
        .iter()
        .position(|r| r.first().map(String::as_str) == Some("番号"))
        .unwrap();
    let controls = &rows[header_at + 1..];
    assert_eq!(controls.len(), 93);
    assert_eq!(controls[0][0], "5.1");
    assert_eq!(controls[0][1], "情報セキュリティのための方針群");
    assert_eq!(controls[92][0], "8.34");
    let excluded = controls.iter().find(|r| r[0] == "8.28").unwrap();
    assert_eq!(excluded[3], "×");
    assert!(excluded[4].starts_with("当社はソフトウェアの開発を行わず"));

    let cloud = wb.worksheet_range("ISO27017").unwrap();
    assert_eq!(cloud.rows().count(), 1 + 7 + 114);
    let history = wb.worksheet_range("改訂履歴").unwrap();
    let h: Vec<Vec<String>> = history
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(h[1][0], "1.0");
    assert_eq!(h[1][2], "初版");
    // Dates are date cells (the issue date above the table, each version's in the history), not text.
    assert!(
        matches!(history.get((1, 1)), Some(calamine::Data::DateTime(_))),
        "{:?}",
        history.get((1, 1))
    );
    let issue = annex
        .rows()
        .find(|r| r.first().map(|c| c.to_string()) == Some("発行日".to_owned()))
        .map(|r| r[1].clone());
    assert!(
        matches!(issue, Some(calamine::Data::DateTime(_))),
        "{issue:?}"
    );
}

#[test]
fn an_unsupported_file_name_is_refused_before_writing() {
    let dir = tempfile::tempdir().unwrap();
    let store = filled_store(dir.path());
    let doc = store.soa_document(None).unwrap();
    let out = dir.path().join("soa.docx");
    let err = export_soa(&doc, Lang::Ja, &out, &mut |_| {}).unwrap_err();
    assert!(err.to_string().contains("soa.docx"), "{err}");
    assert!(!out.exists());
}
