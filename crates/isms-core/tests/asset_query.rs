//! The inventory as the app's table reads it: filters, sorts and windows computed in SQL, and bulk edits.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use isms_core::asset::store::BulkEdit;
use isms_core::asset::{AssetFilter, AssetPatch, AssetQuery, AssetSort};
use isms_core::audit::AuditQuery;
use isms_core::{ErrorCode, Store};

fn patch(name: &str, level: Option<&str>, owner: &str, labels: &[&str]) -> AssetPatch {
    AssetPatch {
        name: Some(name.to_owned()),
        classification: Some(level.map(str::to_owned)),
        owner: Some(owner.to_owned()),
        labels: Some(labels.iter().map(|l| (*l).to_owned()).collect()),
        ..Default::default()
    }
}

fn store_with_assets(dir: &std::path::Path) -> Store {
    let mut s = Store::open(&dir.join("q.sqlite3")).unwrap();
    let rows = [
        (
            "IA-0003",
            "顧客名簿",
            Some("極秘"),
            "営業部長",
            &["個人情報"][..],
        ),
        ("IA-0001", "就業規則", Some("公開"), "総務部長", &[][..]),
        (
            "IA-0002",
            "ネットワーク構成図",
            Some("社外秘"),
            "情報システム部長",
            &["重要"][..],
        ),
        (
            "IA-0004",
            "100%_backup.zip",
            None,
            "Ops Lead",
            &["重要", "バックアップ"][..],
        ),
        ("IA-0005", "給与データ", Some("極秘"), "人事部長", &[][..]),
    ];
    for (id, name, level, owner, labels) in rows {
        s.save_asset(id, patch(name, level, owner, labels), true)
            .unwrap();
    }
    let mut custom = AssetPatch::default();
    custom.custom.insert("部署コード".into(), "S07-特別".into());
    s.save_asset("IA-0001", custom, false).unwrap();
    s
}

fn ids(s: &Store, query: AssetQuery) -> (usize, Vec<String>) {
    let page = s
        .query_assets(&AssetQuery {
            count: true,
            ..query
        })
        .unwrap();
    (
        page.total.unwrap(),
        page.rows.into_iter().map(|v| v.asset.asset_id).collect(),
    )
}

fn filtered(filter: AssetFilter) -> AssetQuery {
    AssetQuery {
        filter,
        ..Default::default()
    }
}

#[test]
fn windows_filters_and_sorts_are_computed_by_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let s = store_with_assets(dir.path());
    // A window: total counts every match, rows only the window.
    let (total, rows) = ids(
        &s,
        AssetQuery {
            offset: 1,
            limit: Some(2),
            ..Default::default()
        },
    );
    assert_eq!((total, rows), (5, vec!["IA-0002".into(), "IA-0003".into()]));
    let (total, rows) = ids(
        &s,
        AssetQuery {
            offset: 10,
            limit: Some(2),
            ..Default::default()
        },
    );
    assert_eq!((total, rows.len()), (5, 0));

    // Sorts: level by its place in the scheme (most protected first, none last), ties by id; descending too.
    let by_level = ids(
        &s,
        AssetQuery {
            sort: AssetSort::Classification,
            ..Default::default()
        },
    )
    .1;
    assert_eq!(
        by_level,
        ["IA-0003", "IA-0005", "IA-0002", "IA-0001", "IA-0004"]
    );
    let by_owner_desc = ids(
        &s,
        AssetQuery {
            sort: AssetSort::Owner,
            descending: true,
            ..Default::default()
        },
    )
    .1;
    assert_eq!(
        by_owner_desc,
        ["IA-0001", "IA-0002", "IA-0003", "IA-0005", "IA-0004"],
        "by code point, descending: 総 情 営 人, then Latin"
    );

    // Filters.
    let level = |l: &str| {
        ids(
            &s,
            filtered(AssetFilter {
                classification: Some(l.into()),
                ..Default::default()
            }),
        )
    };
    assert_eq!(level("極秘"), (2, vec!["IA-0003".into(), "IA-0005".into()]));
    let label = ids(
        &s,
        filtered(AssetFilter {
            label: Some("重要".into()),
            ..Default::default()
        }),
    );
    assert_eq!(label.1, ["IA-0002", "IA-0004"]);
    let owner = ids(
        &s,
        filtered(AssetFilter {
            owner: Some("ops".into()),
            ..Default::default()
        }),
    );
    assert_eq!(
        owner.1,
        ["IA-0004"],
        "owner: part of the name, Latin case ignored"
    );
    let search = |q: &str| {
        ids(
            &s,
            filtered(AssetFilter {
                search: Some(q.into()),
                ..Default::default()
            }),
        )
        .1
    };
    assert_eq!(search("名簿"), ["IA-0003"]);
    assert_eq!(search("バックアップ"), ["IA-0004"], "labels are searched");
    assert_eq!(
        search("s07-特別"),
        ["IA-0001"],
        "custom fields are searched"
    );
    assert_eq!(
        search("100%"),
        ["IA-0004"],
        "% is a character, not a wildcard"
    );
    assert_eq!(search("0%_b"), ["IA-0004"]);
    assert!(search("1_0").is_empty(), "_ is a character, not a wildcard");
    assert_eq!(search("ia-000").len(), 5);
    // The dashboard's counts, in the scheme's order, then assets without a level.
    let counts: Vec<(Option<String>, usize)> = s
        .asset_level_counts()
        .unwrap()
        .into_iter()
        .map(|c| (c.level, c.assets))
        .collect();
    assert_eq!(
        counts,
        [
            (Some("極秘".to_owned()), 2),
            (Some("社外秘".to_owned()), 1),
            (Some("公開".to_owned()), 1),
            (None, 1)
        ]
    );
    // "Select all": the ids of every match.
    let ids_of_level = s
        .asset_ids(&AssetFilter {
            classification: Some("極秘".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(ids_of_level, ["IA-0003", "IA-0005"]);
    // The count is only made when asked for.
    assert_eq!(s.query_assets(&AssetQuery::default()).unwrap().total, None);
    // list_assets is the same query without a window.
    assert_eq!(s.list_assets(&AssetFilter::default()).unwrap().len(), 5);
}

#[test]
fn a_bulk_edit_is_one_transaction_and_refuses_unknown_assets() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store_with_assets(dir.path());
    let audit_before = s.audit_log(&AuditQuery::default()).unwrap().len();
    let chosen = vec!["IA-0001".to_owned(), "IA-0004".to_owned()];
    let outcome = s
        .edit_assets(
            &chosen,
            &BulkEdit {
                classification: Some("Internal".into()),
                add_label: Some("重要".into()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(outcome.updated, 2);
    let a1 = s.asset("IA-0001").unwrap().view.asset;
    assert_eq!(a1.classification.as_deref(), Some("社外秘"));
    assert_eq!(a1.labels, ["重要"]);
    let a4 = s.asset("IA-0004").unwrap().view.asset;
    assert_eq!(
        a4.labels,
        ["重要", "バックアップ"],
        "a label is not added twice"
    );
    // Level of both, label of IA-0001: three field changes in the audit trail.
    assert_eq!(
        s.audit_log(&AuditQuery::default()).unwrap().len(),
        audit_before + 3
    );

    // One unknown id: nothing written.
    let err = s
        .edit_assets(
            &["IA-0002".to_owned(), "IA-9999".to_owned()],
            &BulkEdit {
                classification: Some("公開".into()),
                add_label: None,
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::UnknownAsset);
    assert_eq!(
        s.asset("IA-0002")
            .unwrap()
            .view
            .asset
            .classification
            .as_deref(),
        Some("社外秘")
    );
    // An unknown level: refused, nothing written.
    assert!(s
        .edit_assets(
            &["IA-0002".to_owned()],
            &BulkEdit {
                classification: Some("部外秘".into()),
                add_label: None,
                ..Default::default()
            },
        )
        .is_err());
    assert_eq!(
        s.audit_log(&AuditQuery::default()).unwrap().len(),
        audit_before + 3
    );
}
