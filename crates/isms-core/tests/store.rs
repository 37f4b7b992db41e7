//! The store on real files: creation, pragmas, upgrade from every released schema, refusal of foreign and newer files, and the audit trail.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use std::path::Path;

use isms_core::audit::AuditQuery;
use isms_core::catalogue::Framework;
use isms_core::db::{schema_version, APPLICATION_ID};
use isms_core::register::{ImplementationStatus, RegisterFilter, RegisterPatch};
use isms_core::{Error, ErrorCode, Store};
use rusqlite::Connection;

fn pragma_i64(path: &Path, pragma: &str) -> i64 {
    let conn = Connection::open(path).expect("reopen the file");
    conn.query_row(&format!("PRAGMA {pragma}"), [], |r| r.get(0))
        .expect("read the pragma")
}

#[test]
fn a_new_file_is_created_in_wal_mode_with_the_catalogues() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/folder/isms.sqlite3");
    let store = Store::open(&path).unwrap();
    assert!(path.exists());
    let all = store.list_controls(&RegisterFilter::default()).unwrap();
    assert_eq!(all.len(), 93 + 7 + 114);
    drop(store);
    assert_eq!(pragma_i64(&path, "user_version"), schema_version());
    assert_eq!(pragma_i64(&path, "application_id"), APPLICATION_ID);
    let conn = Connection::open(&path).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn every_released_schema_upgrades_without_losing_a_row() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/schema");
    let mut found = 0;
    for version in 1..=schema_version() {
        let sql_path = fixtures.join(format!("v{version}.sql"));
        let sql = std::fs::read_to_string(&sql_path)
            .unwrap_or_else(|e| panic!("fixture {} is missing: {e}", sql_path.display()));
        found += 1;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.sqlite3");
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(&sql).unwrap();
            let v: i64 = conn
                .query_row("PRAGMA user_version", [], |r| r.get(0))
                .unwrap();
            assert_eq!(v, version, "fixture v{version} has user_version {v}");
            if version < 4 {
                // A 2013 row someone decided on before 2013 rows followed their 2022 counterparts keeps its decision.
                conn.execute_batch(
                    "INSERT INTO control_register (organisation_id, control_id, applicable, exclusion_justification,
                         updated_at) VALUES (1, 'A.12.6.2', 0, '利用者によるソフトウェアのインストールを禁止', 'x');",
                )
                .unwrap();
            }
        }
        let audit_rows_before: i64 = Connection::open(&path)
            .unwrap()
            .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
            .unwrap();

        let store = Store::open(&path).unwrap();
        // What the v1 fixture holds (see tests/fixtures/schema/v1.sql).
        let org = store.organisation().unwrap();
        assert_eq!(org.name, "株式会社テスト");
        assert_eq!(org.soa_document_number, "ISMS-SOA-001");
        let c51 = store.control("5.1").unwrap().entry;
        assert_eq!(c51.fields.applicable, Some(true));
        assert_eq!(c51.fields.status, ImplementationStatus::Implemented);
        assert_eq!(c51.fields.responsible_role, "ISMS責任者");
        assert_eq!(
            c51.fields.related_documents[0].section.as_deref(),
            Some("5.1")
        );
        let c828 = store.control("8.28").unwrap().entry;
        assert_eq!(c828.fields.applicable, Some(false));
        assert_eq!(
            c828.fields.exclusion_justification,
            "ソフトウェア開発を行わないため"
        );
        let cld = store.control("CLD.6.3.1").unwrap().entry;
        assert_eq!(cld.fields.inherited_from, "Microsoft Azure");
        let audit = store.audit_log(&AuditQuery::default()).unwrap();
        // Nothing lost; a file from before the inventory gains one entry: the default scheme it was given.
        let added = if version < 3 { 1 } else { 0 };
        assert_eq!(audit.len() as i64, audit_rows_before + added);
        if version < 4 {
            let own = store.control("A.12.6.2").unwrap().entry;
            assert!(
                own.fields.own_decision,
                "v{version}: a decided 2013 row keeps its decision"
            );
            assert!(own.derived_from.is_empty());
            assert_eq!(own.fields.applicable, Some(false));
        } else {
            assert_eq!(org.name_en, "Test Corporation");
            assert_eq!(
                c51.fields.implementation_en,
                "Reviewed yearly by the ISMS manager."
            );
            let a613 = store.control("A.6.1.3").unwrap().entry;
            assert!(a613.fields.own_decision);
            assert_eq!(a613.fields.status, ImplementationStatus::Planned);
        }
        if version >= 5 {
            let s = store
                .supplier(
                    "SUP-0001",
                    chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
                )
                .unwrap();
            assert_eq!(s.view.supplier.name, "株式会社クラウド");
            assert_eq!(s.evaluations.len(), 1);
            assert!(s.evaluations[0].approved_at.is_some());
            assert_eq!(s.monitoring.len(), 1);
            let (a, data) = store.attachment_content(s.attachments[0].id).unwrap();
            assert_eq!(
                (a.name.as_str(), data.as_slice()),
                ("面談記録.txt", b"evidence\n".as_slice())
            );
        }
        if version >= 6 {
            let i = store.incident("INC-2026-001").unwrap();
            assert_eq!(i.incident.title, "委託先からの情報漏洩の疑い");
            assert_eq!(
                i.incident.state,
                isms_core::incident::IncidentState::CorrectiveAction
            );
            assert_eq!(i.actions.len(), 1);
            assert_eq!(
                i.clocks[0].first_sent_at.as_deref(),
                Some("2026-11-21T10:00:00+09:00")
            );
            assert!(store
                .contacts()
                .unwrap()
                .iter()
                .any(|c| c.contact_id == "CON-001" && c.phone == "03-0000-0000"));
        }
        // Every file's audit trail is a verified chain after the upgrade (entries before version 8 chained by it).
        let chain = store.verify_audit_chain().unwrap();
        assert!(
            chain.ok && chain.verified == chain.entries,
            "v{version}: {chain:?}"
        );
        if version >= 8 {
            let batches = store.import_batches().unwrap();
            assert_eq!(batches[0].file_name, "register-unmerged.xlsx");
            assert_eq!(batches[0].counts["inserted"], 6);
            let soa = store.soa_versions().unwrap();
            assert!(soa
                .iter()
                .any(|v| v.version == "3.0" && v.chain_head.is_some()));
            assert!(soa.iter().all(|v| v.content_sha256.len() == 64));
        }
        if version >= 7 {
            let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
            let certs = store.certifications(today).unwrap();
            assert_eq!(
                (
                    certs[0].certification.certificate_number.as_str(),
                    certs[0].status
                ),
                (
                    "IS 000001",
                    isms_core::certification::CertificationStatus::Valid
                )
            );
            assert_eq!(
                store.whitepaper_facts().unwrap().services[0].name_en,
                "Attendance Cloud"
            );
            assert_eq!(store.whitepaper("saas-ja").unwrap().lang, "ja");
        }
        // Every file has the supplier lists and checklists, the incident lists and notification rules.
        assert!(store.supplier_checklists().unwrap().kind("new").is_some());
        assert!(store
            .notification_rules()
            .unwrap()
            .iter()
            .any(|r| r.id == "customer_notice_aware_72h"));
        // A 2013 row nobody decided on follows its 2022 counterpart: A.5.1.1 ⊂ 5.1 (implemented).
        let a511 = store.control("A.5.1.1").unwrap().entry;
        assert_eq!(a511.derived_from[0].id, "5.1");
        assert_eq!(a511.fields.status, ImplementationStatus::Implemented);
        if version >= 2 {
            let versions = store.soa_versions().unwrap();
            assert_eq!(
                versions.len(),
                if version >= 8 {
                    3
                } else if version >= 4 {
                    2
                } else {
                    1
                }
            );
            assert_eq!(versions[0].version, "1.0");
            assert_eq!(versions[0].approved_by, "代表取締役 山田太郎");
            let doc = store.soa_document(Some("1.0")).unwrap();
            assert_eq!(doc.snapshot.entries.len(), 93 + 7 + 114);
            if version >= 4 {
                assert_eq!(
                    versions[0].status,
                    isms_core::soa::VersionStatus::Superseded
                );
                assert_eq!(versions[1].accepted_undecided.len(), 196);
            }
        } else {
            assert!(store.soa_versions().unwrap().is_empty());
        }
        // Every file gets the default classification scheme (v9's has a fourth level); v3 files keep their assets.
        let scheme = store.asset_scheme().unwrap();
        assert_eq!(scheme.levels.len(), if version >= 9 { 4 } else { 3 });
        assert_eq!(scheme.review_interval_months, 12, "v{version}");
        if version < 9 {
            // Older files gain the inventory's columns empty: no department, nothing retired, no round.
            let all = store
                .list_assets(&isms_core::asset::round::all_assets())
                .unwrap();
            assert!(all
                .iter()
                .all(|a| a.asset.department.is_empty() && a.asset.retirement.is_none()));
            assert!(store.inventory_rounds().unwrap().is_empty());
        } else {
            let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
            assert_eq!(scheme.levels[2].name_ja, "関係者外秘");
            let a = store.asset("IA-0101").unwrap().view.asset;
            assert_eq!(a.department, "営業部");
            assert_eq!(a.last_reviewed, Some(today));
            assert_eq!(
                store
                    .asset("IA-0104")
                    .unwrap()
                    .view
                    .asset
                    .classification
                    .as_deref(),
                Some("関係者外秘")
            );
            let retired = store
                .asset("IA-0901")
                .unwrap()
                .view
                .asset
                .retirement
                .unwrap();
            assert_eq!(
                (retired.method.as_str(), retired.approver.as_str()),
                ("dispose", "総務部長")
            );
            let status = store.inventory_status(None, today).unwrap().unwrap();
            assert_eq!(status.round.round_id, "INV-2026");
            let sales = status
                .departments
                .iter()
                .find(|d| d.department == "営業部")
                .unwrap();
            assert_eq!((sales.assets, sales.reviewed, sales.workbooks), (3, 1, 1));
            assert_eq!(
                store
                    .round_baseline("INV-2026#1")
                    .unwrap()
                    .unwrap()
                    .sent
                    .len(),
                3
            );
        }
        let assets = store.list_assets(&Default::default()).unwrap();
        if version >= 3 {
            assert_eq!(assets.len(), if version >= 8 { 10 } else { 4 });
            let first = assets
                .iter()
                .find(|a| a.asset.asset_id == "IA-0101")
                .unwrap();
            assert_eq!(first.asset.classification.as_deref(), Some("社外秘"));
        } else {
            assert!(assets.is_empty());
        }
        drop(store);
        assert_eq!(pragma_i64(&path, "user_version"), schema_version());
    }
    assert!(found >= 1);
}

#[test]
fn a_newer_file_is_refused_with_both_versions_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.sqlite3");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(&format!(
            "PRAGMA application_id = {APPLICATION_ID}; CREATE TABLE t (x); PRAGMA user_version = {};",
            schema_version() + 1
        ))
        .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).err().expect("refused");
    assert_eq!(err.code(), ErrorCode::NewerDatabase);
    match &err {
        Error::NewerDatabase {
            found, supported, ..
        } => {
            assert_eq!(*found, schema_version() + 1);
            assert_eq!(*supported, schema_version());
        }
        other => panic!("unexpected {other}"),
    }
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn an_empty_file_becomes_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.sqlite3");
    std::fs::write(&path, b"").unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(
        store
            .list_controls(&RegisterFilter {
                framework: Some(Framework::Iso27001_2022),
                ..Default::default()
            })
            .unwrap()
            .len(),
        93
    );
}

#[test]
fn an_invalid_update_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("isms.sqlite3");
    let mut store = Store::open(&path).unwrap();
    store
        .update_control(
            "5.10",
            RegisterPatch {
                applicable: Some(Some(true)),
                implementation: Some("取扱いマトリクスに従う".into()),
                ..Default::default()
            },
        )
        .unwrap();
    let audit_before = store.audit_log(&AuditQuery::default()).unwrap();
    let entry_before = store.control("5.10").unwrap().entry;

    let err = store
        .update_control(
            "5.10",
            RegisterPatch {
                applicable: Some(Some(false)),
                implementation: Some("変更されてはならない".into()),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::ExclusionJustificationRequired);
    assert_eq!(store.control("5.10").unwrap().entry, entry_before);
    assert_eq!(
        store.audit_log(&AuditQuery::default()).unwrap(),
        audit_before
    );
}

#[test]
fn a_catalogue_resync_keeps_the_register() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("isms.sqlite3");
    {
        let mut store = Store::open(&path).unwrap();
        store
            .update_control(
                "7.4",
                RegisterPatch {
                    status: Some(ImplementationStatus::Planned),
                    ..Default::default()
                },
            )
            .unwrap();
    }
    // Pretend the file was synced with another catalogue: the next open re-syncs.
    Connection::open(&path)
        .unwrap()
        .execute(
            "UPDATE meta SET value = 'old' WHERE key = 'catalogue_fingerprint'",
            [],
        )
        .unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(
        store.control("7.4").unwrap().entry.fields.status,
        ImplementationStatus::Planned
    );
}

#[test]
fn typed_ids_resolve_like_a_person_writes_them() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("isms.sqlite3")).unwrap();
    assert_eq!(store.resolve_control_id("A.5.1").unwrap(), "5.1");
    assert_eq!(store.resolve_control_id(" 8.34 ").unwrap(), "8.34");
    assert_eq!(store.resolve_control_id("a.9.2.1").unwrap(), "A.9.2.1");
    assert_eq!(store.resolve_control_id("cld.6.3.1").unwrap(), "CLD.6.3.1");
    assert!(matches!(
        store.resolve_control_id("5.38"),
        Err(Error::UnknownControl(_))
    ));
}

#[test]
fn an_issued_soa_version_cannot_be_changed_even_with_sql() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("isms.sqlite3");
    let mut store = Store::open(&path).unwrap();
    store
        .issue_soa(isms_core::soa::IssueSoa {
            version: "1.0".into(),
            approved_by: "承認者".into(),
            summary: "初版".into(),
            accept_undecided: true,
            ..Default::default()
        })
        .unwrap();
    drop(store);
    let conn = Connection::open(&path).unwrap();
    assert!(conn
        .execute("UPDATE soa_versions SET summary = '改ざん'", [])
        .is_err());
    assert!(conn.execute("DELETE FROM soa_versions", []).is_err());
    let store = Store::open(&path).unwrap();
    assert_eq!(store.soa_versions().unwrap()[0].summary, "初版");
    let audit = store
        .audit_log(&AuditQuery {
            entity: Some("soa_version".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        audit.len(),
        5,
        "issued_on, prepared_by, approved_by, summary, accepted_undecided"
    );
    // Its status history is append-only too.
    assert!(conn
        .execute(
            "INSERT INTO soa_version_status (organisation_id, version, status, reason, on_date, at, actor)
             VALUES (1, '1.0', 'withdrawn', '', '2026-01-01', 'x', 'x')",
            []
        )
        .is_err(), "a status without a reason");
    conn.execute(
        "INSERT INTO soa_version_status (organisation_id, version, status, reason, on_date, at, actor)
         VALUES (1, '1.0', 'withdrawn', 'r', '2026-01-01', 'x', 'x')",
        [],
    )
    .unwrap();
    assert!(conn.execute("DELETE FROM soa_version_status", []).is_err());
    assert!(conn
        .execute("UPDATE soa_version_status SET status = 'superseded'", [])
        .is_err());
}

#[test]
fn reviews_due_lists_overdue_first_and_backups_are_complete_copies() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("isms.sqlite3")).unwrap();
    let date = |s: &str| Some(Some(isms_core::register::parse_date("d", s).unwrap()));
    store
        .update_control(
            "5.1",
            RegisterPatch {
                next_review: date("2026-12-10"),
                ..Default::default()
            },
        )
        .unwrap();
    store
        .update_control(
            "5.2",
            RegisterPatch {
                next_review: date("2026-11-01"),
                ..Default::default()
            },
        )
        .unwrap();
    store
        .update_control(
            "5.3",
            RegisterPatch {
                next_review: date("2027-06-01"),
                ..Default::default()
            },
        )
        .unwrap();
    let today = isms_core::register::parse_date("d", "2026-11-23").unwrap();
    let due = store.reviews_due(today, 30).unwrap();
    let ids: Vec<(&str, bool)> = due.iter().map(|r| (r.id.as_str(), r.overdue)).collect();
    assert_eq!(ids, [("5.2", true), ("5.1", false)]);

    let copy = dir.path().join("backup.sqlite3");
    store.backup_to(&copy).unwrap();
    assert!(
        store.backup_to(&copy).is_err(),
        "never overwrites an existing file"
    );
    let restored = Store::open(&copy).unwrap();
    assert_eq!(
        restored.control("5.3").unwrap().entry.fields.next_review,
        today.checked_add_days(chrono::Days::new(190))
    );
}

#[test]
fn a_certification_saved_from_a_stale_form_does_not_revert_another_change() {
    use isms_core::certification::CertificationPatch;
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("c.sqlite3")).unwrap();
    let created = store
        .save_certification(
            "",
            CertificationPatch {
                scheme: Some("isms".into()),
                certificate_number: Some("IS 1".into()),
                ..Default::default()
            },
            true,
        )
        .unwrap();
    let loaded = created.clone();
    // Someone else changes the number; this form, loaded before, changes the number too: a conflict with both values.
    store
        .save_certification(
            "CERT-001",
            CertificationPatch {
                certificate_number: Some("IS 2".into()),
                ..Default::default()
            },
            false,
        )
        .unwrap();
    let err = store
        .save_certification_from(
            "CERT-001",
            CertificationPatch {
                certificate_number: Some("IS 3".into()),
                ..Default::default()
            },
            false,
            Some(loaded.clone()),
        )
        .unwrap_err();
    assert_eq!(err.code(), isms_core::ErrorCode::Conflict);
    // A field nobody else touched saves, and keeps the other writer's number.
    let saved = store
        .save_certification_from(
            "CERT-001",
            CertificationPatch {
                scope: Some("本社".into()),
                ..Default::default()
            },
            false,
            Some(loaded),
        )
        .unwrap();
    assert_eq!(
        (saved.certificate_number.as_str(), saved.scope.as_str()),
        ("IS 2", "本社")
    );
}
