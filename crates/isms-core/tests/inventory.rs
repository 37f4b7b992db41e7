//! The yearly inventory in the store: departments, retiring and deleting assets, levels added and removed, rounds
//! with their department workbooks as sent, and "reviewed" in one step.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use chrono::NaiveDate;
use isms_core::asset::lifecycle::Retirement;
use isms_core::asset::store::{AssetChange, BulkEdit, ChangeSelection, NewLevel};
use isms_core::asset::{AssetFilter, AssetPatch, ImportMode, Lifecycle};
use isms_core::audit::{AuditAction, AuditQuery};
use isms_core::{ErrorCode, Store};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn asset(s: &mut Store, id: &str, name: &str, department: &str, level: &str) {
    s.save_asset(
        id,
        AssetPatch {
            name: Some(name.to_owned()),
            department: Some(department.to_owned()),
            classification: Some(Some(level.to_owned())),
            owner: Some(format!("{department}長")),
            last_reviewed: Some(Some(day("2025-04-01"))),
            ..Default::default()
        },
        true,
    )
    .unwrap();
}

fn store(dir: &std::path::Path) -> Store {
    let mut s = Store::open(&dir.join("inv.sqlite3")).unwrap();
    asset(&mut s, "IA-0001", "顧客名簿", "営業部", "極秘");
    asset(&mut s, "IA-0002", "見積書", "営業部", "社外秘");
    asset(&mut s, "IA-0003", "就業規則", "総務部", "公開");
    asset(&mut s, "IA-0004", "入退室記録", "総務部", "社外秘");
    s
}

fn ids(s: &Store, filter: AssetFilter) -> Vec<String> {
    s.asset_ids(&filter).unwrap()
}

#[test]
fn departments_are_a_field_filtered_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let s = store(dir.path());
    let by = |d: &str| {
        ids(
            &s,
            AssetFilter {
                department: Some(d.to_owned()),
                ..Default::default()
            },
        )
    };
    assert_eq!(by("営業部"), ["IA-0001", "IA-0002"]);
    assert_eq!(by("総務部"), ["IA-0003", "IA-0004"]);
    let d = s.departments().unwrap();
    let names: Vec<(&str, usize)> = d
        .iter()
        .map(|d| (d.department.as_str(), d.assets))
        .collect();
    assert_eq!(names, [("営業部", 2), ("総務部", 2)]);
    // The department is in the audit trail like every field.
    let history = s
        .audit_log(&AuditQuery {
            record_id: Some("IA-0001".into()),
            ..Default::default()
        })
        .unwrap();
    assert!(history[0]
        .new_value
        .as_deref()
        .unwrap()
        .contains("\"department\":\"営業部\""));
}

#[test]
fn a_retired_asset_leaves_the_list_labels_and_counts_but_keeps_its_history() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    let today = day("2026-05-20");
    let before = s.asset_level_counts().unwrap();
    let secret = |c: &[isms_core::asset::store::LevelCount]| {
        c.iter()
            .find(|c| c.level.as_deref() == Some("極秘"))
            .unwrap()
            .assets
    };
    assert_eq!(secret(&before), 1);
    let retirement = Retirement {
        on: day("2026-05-10"),
        method: "廃棄".into(),
        approver: "情報セキュリティ管理責任者".into(),
        note: "保存期間満了、溶解処理".into(),
    };
    let o = s
        .retire_assets(&["IA-0001".to_owned()], retirement.clone(), today)
        .unwrap();
    assert_eq!(o.updated, 1);
    // Out of the working list and the counts …
    assert!(!ids(&s, AssetFilter::default()).contains(&"IA-0001".to_owned()));
    assert_eq!(secret(&s.asset_level_counts().unwrap()), 0);
    // … still there with everything it had, searchable among the retired.
    let retired = s
        .list_assets(&AssetFilter {
            lifecycle: Some(Lifecycle::Retired),
            search: Some("顧客".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(retired.len(), 1);
    let r = retired[0].asset.retirement.as_ref().unwrap();
    assert_eq!(
        (r.on, r.method.as_str(), r.approver.as_str()),
        (day("2026-05-10"), "dispose", "情報セキュリティ管理責任者")
    );
    assert_eq!(retired[0].asset.classification.as_deref(), Some("極秘"));
    let history = s
        .audit_log(&AuditQuery {
            record_id: Some("IA-0001".into()),
            entity: Some("asset".into()),
            ..Default::default()
        })
        .unwrap();
    let fields: Vec<&str> = history.iter().filter_map(|e| e.field.as_deref()).collect();
    for f in [
        "retired_on",
        "retirement_method",
        "retirement_approver",
        "retirement_note",
    ] {
        assert!(fields.contains(&f), "{f} in {fields:?}");
    }
    assert!(history.iter().any(|e| e.action == AuditAction::Create));
    // Retiring twice, in the future, or with an unknown method is refused; nothing is written.
    let audit = s.audit_log(&AuditQuery::default()).unwrap().len();
    let twice = s.retire_assets(&["IA-0001".to_owned()], retirement.clone(), today);
    assert_eq!(twice.unwrap_err().code(), ErrorCode::InvalidValue);
    let future = Retirement {
        on: day("2026-06-01"),
        ..retirement.clone()
    };
    assert!(s
        .retire_assets(&["IA-0002".to_owned()], future, today)
        .is_err());
    let unknown = Retirement {
        method: "焼却".into(),
        ..retirement.clone()
    };
    let err = s
        .retire_assets(&["IA-0002".to_owned()], unknown, today)
        .unwrap_err()
        .to_string();
    assert!(err.contains("dispose (廃棄 / Disposal)"), "{err}");
    assert_eq!(s.audit_log(&AuditQuery::default()).unwrap().len(), audit);
    // A retired asset cannot be edited in bulk or deleted; it can be reinstated (audited).
    assert!(s
        .edit_assets(
            &["IA-0001".to_owned()],
            &BulkEdit {
                add_label: Some("x".into()),
                ..Default::default()
            }
        )
        .is_err());
    let del = s.delete_asset("IA-0001", "誤登録").unwrap_err().to_string();
    assert!(del.contains("retired"), "{del}");
    s.reinstate_asset("IA-0001").unwrap();
    assert!(ids(&s, AssetFilter::default()).contains(&"IA-0001".to_owned()));
}

#[test]
fn only_an_asset_created_by_mistake_can_be_deleted_and_the_deletion_is_audited() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    let err = s.delete_asset("IA-0004", " ").unwrap_err();
    assert_eq!(err.code(), ErrorCode::MissingValue);
    let gone = s.delete_asset("IA-0004", "二重登録のため").unwrap();
    assert_eq!(gone.name, "入退室記録");
    assert_eq!(
        s.asset("IA-0004").unwrap_err().code(),
        ErrorCode::UnknownAsset
    );
    let entry = &s
        .audit_log(&AuditQuery {
            record_id: Some("IA-0004".into()),
            ..Default::default()
        })
        .unwrap()[0];
    assert_eq!(entry.action, AuditAction::Delete);
    assert_eq!(entry.new_value.as_deref(), Some("二重登録のため"));
    assert!(entry.old_value.as_deref().unwrap().contains("入退室記録"));
    // An asset sent to its department in a round keeps its record.
    s.start_inventory_round(2026, day("2026-06-30")).unwrap();
    s.export_department("総務部").unwrap();
    let err = s.delete_asset("IA-0003", "誤登録").unwrap_err().to_string();
    assert!(err.contains("inventory round"), "{err}");
}

#[test]
fn levels_are_added_anywhere_and_removed_only_when_unused_or_with_their_assets_moved() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    let scheme = s
        .add_classification_level(NewLevel {
            name_ja: "関係者外秘".into(),
            name_en: Some("Restricted".into()),
            colour: Some("#8E44AD".into()),
            position: Some(2),
            like: Some("社外秘".into()),
            ..Default::default()
        })
        .unwrap();
    let names: Vec<&str> = scheme.levels.iter().map(|l| l.name_ja.as_str()).collect();
    assert_eq!(names, ["極秘", "社外秘", "関係者外秘", "公開"]);
    let added = scheme.level("restricted").unwrap();
    assert_eq!(added.label, "関係者外秘 RESTRICTED");
    assert_eq!(
        added.handling.get("sending"),
        scheme.level("社外秘").unwrap().handling.get("sending")
    );
    // A fifth, and a duplicate refused.
    s.add_classification_level(NewLevel {
        name_ja: "秘".into(),
        name_en: Some("Secret".into()),
        position: Some(1),
        ..Default::default()
    })
    .unwrap();
    assert!(s
        .add_classification_level(NewLevel {
            name_ja: "公開".into(),
            ..Default::default()
        })
        .is_err());
    assert_eq!(s.asset_scheme().unwrap().levels.len(), 5);
    // Assets take the new level; the counts follow the scheme.
    s.save_asset(
        "IA-0004",
        AssetPatch {
            classification: Some(Some("関係者外秘".into())),
            ..Default::default()
        },
        false,
    )
    .unwrap();
    let counts: Vec<(Option<String>, usize)> = s
        .asset_level_counts()
        .unwrap()
        .into_iter()
        .map(|c| (c.level, c.assets))
        .collect();
    assert_eq!(counts[3], (Some("関係者外秘".into()), 1));
    assert_eq!(counts.len(), 6, "five levels and 'none'");
    // A level in use is not removed without a level to move its assets to …
    let err = s
        .remove_classification_level("関係者外秘", None)
        .unwrap_err()
        .to_string();
    assert!(err.contains("1 assets"), "{err}");
    // … and is, moving them in the same step (the asset's change audited).
    let scheme = s
        .remove_classification_level("関係者外秘", Some("社外秘"))
        .unwrap();
    assert!(scheme.level("関係者外秘").is_none());
    assert_eq!(
        s.asset("IA-0004")
            .unwrap()
            .view
            .asset
            .classification
            .as_deref(),
        Some("社外秘")
    );
    let last = &s
        .audit_log(&AuditQuery {
            record_id: Some("IA-0004".into()),
            ..Default::default()
        })
        .unwrap()[0];
    assert_eq!(
        (
            last.field.as_deref(),
            last.old_value.as_deref(),
            last.new_value.as_deref()
        ),
        (Some("classification"), Some("関係者外秘"), Some("社外秘"))
    );
    // An unused level goes without more ado; the positions close up.
    let scheme = s.remove_classification_level("Secret", None).unwrap();
    let names: Vec<&str> = scheme.levels.iter().map(|l| l.name_ja.as_str()).collect();
    assert_eq!(names, ["極秘", "社外秘", "公開"]);
}

#[test]
fn a_round_sends_each_department_its_assets_and_counts_reviews() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    let today = day("2026-05-20");
    assert!(s.inventory_status(None, today).unwrap().is_none());
    assert!(s.export_department("営業部").is_err(), "no round yet");
    let round = s.start_inventory_round(2026, day("2026-06-30")).unwrap();
    assert_eq!(round.round_id, "INV-2026");
    assert!(
        s.start_inventory_round(2027, day("2027-06-30")).is_err(),
        "one open round"
    );
    let sent = s.export_department("営業部").unwrap();
    assert_eq!(sent.workbook_id, format!("INV-2026#{}", sent.export_id));
    let ids: Vec<&str> = sent
        .assets
        .iter()
        .map(|a| a.asset.asset_id.as_str())
        .collect();
    assert_eq!(ids, ["IA-0001", "IA-0002"]);
    assert!(s.export_department("経理部").is_err(), "no such department");
    let baseline = s.round_baseline(&sent.workbook_id).unwrap().unwrap();
    assert_eq!(
        baseline.sent["IA-0001"]["owner"].as_deref(),
        Some("営業部長")
    );
    assert!(s.round_baseline("INV-2025#1").unwrap().is_none());

    // After the workbook was sent, the register moves IA-0001's last review on and IA-0002's owner.
    s.save_asset(
        "IA-0001",
        AssetPatch {
            last_reviewed: Some(Some(day("2026-04-01"))),
            ..Default::default()
        },
        false,
    )
    .unwrap();
    // The department answers: IA-0001 as sent (its old review date), IA-0002 with a new owner.
    let mut batch = s.begin_asset_batch(ImportMode::Upsert, None).unwrap();
    batch.compare(ChangeSelection::default(), Some(baseline), today);
    batch
        .apply(AssetChange {
            asset_id: "IA-0001".into(),
            patch: AssetPatch {
                last_reviewed: Some(Some(day("2025-04-01"))),
                owner: Some("営業部長".into()),
                ..Default::default()
            },
            source_row: 2,
        })
        .unwrap();
    batch
        .apply(AssetChange {
            asset_id: "IA-0002".into(),
            patch: AssetPatch {
                owner: Some("営業課長".into()),
                ..Default::default()
            },
            source_row: 3,
        })
        .unwrap();
    let o = batch.commit().unwrap();
    let changes: Vec<(&str, &str, Option<&str>, Option<&str>)> = o
        .changes
        .iter()
        .map(|c| {
            (
                c.asset.as_str(),
                c.field.as_str(),
                c.old.as_deref(),
                c.new.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        changes,
        [("IA-0002", "owner", Some("営業部長"), Some("営業課長"))]
    );
    assert_eq!((o.updated, o.unchanged, o.reviewed), (1, 1, 2));
    // The older date the workbook still held did not replace the register's newer one; reviewed today.
    let a1 = s.asset("IA-0001").unwrap().view.asset;
    assert_eq!(a1.last_reviewed, Some(today));
    assert_eq!(a1.next_review, Some(day("2027-05-20")));
    let status = s.inventory_status(None, today).unwrap().unwrap();
    let progress: Vec<(&str, usize, usize, bool)> = status
        .departments
        .iter()
        .map(|d| (d.department.as_str(), d.assets, d.reviewed, d.answered()))
        .collect();
    assert_eq!(progress, [("営業部", 2, 2, true), ("総務部", 2, 0, false)]);
    assert_eq!(status.not_answered, ["総務部"]);
    assert!(!status.overdue);
    assert!(
        s.inventory_status(None, day("2026-07-01"))
            .unwrap()
            .unwrap()
            .overdue
    );

    // "Reviewed" in one step counts in the open round too.
    let o = s
        .edit_assets(
            &["IA-0003".to_owned()],
            &BulkEdit {
                reviewed_on: Some(today),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(o.reviewed, 1);
    let a3 = s.asset("IA-0003").unwrap().view.asset;
    assert_eq!(
        (a3.last_reviewed, a3.next_review),
        (Some(today), Some(day("2027-05-20")))
    );
    let status = s.inventory_status(Some("2026"), today).unwrap().unwrap();
    assert_eq!((status.assets, status.reviewed), (4, 3));
    s.close_inventory_round("INV-2026").unwrap();
    assert!(s.export_department("営業部").is_err(), "closed");
}

/// Two people editing one level (Settings and the CLI): different fields both stay; the same field is a conflict
/// naming the three values and who changed it; nothing is written.
#[test]
fn a_level_changed_by_someone_else_meanwhile_is_a_conflict_not_overwritten() {
    use isms_core::asset::store::{LevelFields, LevelPatch};
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("levels.sqlite3")).unwrap();
    let level = s.asset_scheme().unwrap().levels[1].clone();
    let loaded = LevelFields {
        name_ja: level.name_ja.clone(),
        name_en: level.name_en.clone(),
        label: level.label.clone(),
        colour: level.colour.clone(),
    };
    // Someone else changes the English name.
    s.update_classification_level(
        &level.name_ja,
        LevelPatch {
            name_en: Some("Internal use only".into()),
            ..Default::default()
        },
    )
    .unwrap();
    // This form changed the colour: saved, and their English name stays.
    let scheme = s
        .update_classification_level_from(
            &level.name_ja,
            LevelPatch {
                colour: Some("#123456".into()),
                ..Default::default()
            },
            Some(loaded.clone()),
        )
        .unwrap();
    let now = &scheme.levels[1];
    assert_eq!(
        (now.name_en.as_str(), now.colour.as_str()),
        ("Internal use only", "#123456")
    );
    // This form changed the English name too, from the old base: refused, with the three values.
    let err = s
        .update_classification_level_from(
            &level.name_ja,
            LevelPatch {
                name_en: Some("Confidential".into()),
                ..Default::default()
            },
            Some(loaded),
        )
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Conflict);
    match err {
        isms_core::Error::Conflict { conflicts, .. } => {
            assert_eq!(conflicts.len(), 1);
            let c = &conflicts[0];
            assert_eq!(c.field, "name_en");
            assert_eq!(
                (c.base.as_deref(), c.theirs.as_deref(), c.yours.as_deref()),
                (
                    Some(level.name_en.as_str()),
                    Some("Internal use only"),
                    Some("Confidential")
                )
            );
            assert!(c.changed_at.is_some());
        }
        other => panic!("expected a conflict, got {other}"),
    }
    assert_eq!(
        s.asset_scheme().unwrap().levels[1].name_en,
        "Internal use only"
    );
}

/// Found by a user trying the release build: a closed round's figures (25 of 25 reviewed) moved to 23 of 23 when two
/// assets were retired afterwards. A closed round is a record: it keeps the figures it closed with.
#[test]
fn a_closed_round_keeps_the_figures_it_closed_with() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("closed.sqlite3")).unwrap();
    for (id, dept) in [
        ("IA-0001", "営業部"),
        ("IA-0002", "営業部"),
        ("IA-0003", "総務部"),
    ] {
        asset(&mut s, id, "資産", dept, "社外秘");
    }
    let today = day("2026-06-01");
    s.start_inventory_round(2026, day("2026-06-30")).unwrap();
    let ids: Vec<String> = ["IA-0001", "IA-0002", "IA-0003"].map(String::from).to_vec();
    s.mark_assets_reviewed(&ids, today).unwrap();
    let figures = |s: &Store| {
        let st = s.inventory_status(None, today).unwrap().unwrap();
        let by: Vec<(String, usize, usize)> = st
            .departments
            .iter()
            .map(|d| (d.department.clone(), d.assets, d.reviewed))
            .collect();
        (st.assets, st.reviewed, by)
    };
    let open = figures(&s);
    assert_eq!((open.0, open.1), (3, 3));
    s.close_inventory_round("INV-2026").unwrap();
    let retirement = Retirement {
        on: today,
        method: "廃棄".into(),
        approver: "総務部長".into(),
        note: String::new(),
    };
    s.retire_assets(&["IA-0001".to_owned()], retirement, today)
        .unwrap();
    assert_eq!(figures(&s), open, "the closed round's figures moved");
}
