//! The TypeScript types of the IPC boundary are generated from the Rust types; this test fails when the committed
//! `ui/src/ipc/types.ts` no longer matches them. Regenerate with `UPDATE_IPC_TYPES=1 cargo test -p isms-desk --test ipc_types`.

use ts_rs::{Config, TS};

macro_rules! declarations {
    ($cfg:expr; $($t:ty),* $(,)?) => {
        vec![$(format!("export {}", <$t as TS>::decl($cfg))),*]
    };
}

fn generated() -> String {
    let cfg = Config::new().with_large_int("number");
    let decls = declarations![&cfg;
        isms_core::ErrorCode,
        isms_desk_lib::ipc_error::IpcError,
        isms_desk_lib::commands::DatabaseInfo,
        isms_desk_lib::commands::ImportRequest,
        isms_core::catalogue::Framework,
        isms_core::catalogue::Relation,
        isms_core::register::InclusionReason,
        isms_core::register::ImplementationStatus,
        isms_core::register::CloudRole,
        isms_core::register::Applicability,
        isms_core::register::RelatedDocument,
        isms_core::register::Control,
        isms_core::register::RegisterFields,
        isms_core::register::RegisterEntry,
        isms_core::register::RegisterPatch,
        isms_core::register::RegisterFilter,
        isms_core::register::RegisterSummary,
        isms_core::register::SoaSummary,
        isms_core::register::DerivedSource,
        isms_core::conflict::FieldConflict,
        isms_core::db::control_mappings::MappedControl,
        isms_core::db::control_themes::ThemeRow,
        isms_core::store::ControlDetail,
        isms_core::store::ControlUpdate,
        isms_core::store::ReviewDue,
        isms_core::organisation::Organisation,
        isms_core::organisation::OrganisationPatch,
        isms_core::audit::AuditAction,
        isms_core::audit::AuditEntry,
        isms_core::soa::SoaRevision,
        isms_core::soa::IssueSoa,
        isms_core::soa::VersionStatus,
        isms_core::soa::VersionStatusChange,
        isms_core::asset::Asset,
        isms_core::asset::AssetView,
        isms_core::asset::AssetPatch,
        isms_core::asset::AssetFilter,
        isms_core::asset::AssetSort,
        isms_core::asset::AssetQuery,
        isms_core::asset::AssetPage,
        isms_core::asset::ImportMode,
        isms_core::classification::ImportanceRule,
        isms_core::classification::ClassificationLevel,
        isms_core::classification::CiaScales,
        isms_core::classification::AssetScheme,
        isms_core::inventory::LevelPatch,
        isms_core::inventory::SchemeSettingsPatch,
        isms_core::inventory::AssetDetail,
        isms_core::inventory::BulkEdit,
        isms_core::inventory::LevelCount,
        isms_core::inventory::RejectedChange,
        isms_core::inventory::BatchOutcome,
        isms_sheets::RegisterKind,
        isms_sheets::report::RowError,
        isms_sheets::report::SkippedRow,
        isms_sheets::report::ImportProgress,
        isms_sheets::report::ImportReport,
        isms_sheets::import::RegisterPreview,
        isms_sheets::export::ExportSummary,
        isms_core::attachment::Attachment,
        isms_core::supplier::lists::Labelled,
        isms_core::supplier::lists::SupplierKindDef,
        isms_core::supplier::lists::StatusDef,
        isms_core::supplier::lists::CriticalityDef,
        isms_core::supplier::lists::ContractKindDef,
        isms_core::supplier::lists::SupplierLists,
        isms_core::supplier::lists::ChecklistItem,
        isms_core::supplier::lists::ChecklistKind,
        isms_core::supplier::lists::Checklists,
        isms_core::supplier::Contract,
        isms_core::supplier::SupplierCertification,
        isms_core::supplier::Supplier,
        isms_core::supplier::SupplierPatch,
        isms_core::supplier::SupplierView,
        isms_core::supplier::due::DueReason,
        isms_core::supplier::due::DueItem,
        isms_core::supplier::evaluation::EvaluationKind,
        isms_core::supplier::evaluation::AnswerValue,
        isms_core::supplier::evaluation::EvaluationResult,
        isms_core::supplier::evaluation::EvaluationAnswer,
        isms_core::supplier::evaluation::Evaluation,
        isms_core::supplier::evaluation::EvaluationSummary,
        isms_core::supplier::evaluation::GivenAnswer,
        isms_core::supplier::evaluation::EvaluationInput,
        isms_core::supplier::store::MonitoringEntry,
        isms_core::supplier::store::MonitoringKind,
        isms_core::supplier::store::SupplierFilter,
        isms_core::supplier::store::SupplierDetail,
        isms_core::supplier::store::SupplierDue,
        isms_sheets::supplier_export::RegisterExport,
        isms_core::contact::Contact,
        isms_core::contact::ContactPatch,
        isms_core::incident::IncidentState,
        isms_core::incident::EffectivenessResult,
        isms_core::incident::AuthorityContact,
        isms_core::incident::EvidenceStep,
        isms_core::incident::IsmsChange,
        isms_core::incident::Effectiveness,
        isms_core::incident::AppliedRule,
        isms_core::incident::Impact,
        isms_core::incident::Incident,
        isms_core::incident::IncidentPatch,
        isms_core::incident::CorrectiveAction,
        isms_core::incident::rules::Bilingual,
        isms_core::incident::rules::ClockFrom,
        isms_core::incident::rules::TimeUnit,
        isms_core::incident::rules::Strength,
        isms_core::incident::rules::RuleKind,
        isms_core::incident::rules::NotificationRule,
        isms_core::incident::rules::ClockStatus,
        isms_core::incident::rules::Notice,
        isms_core::incident::rules::Clock,
        isms_core::incident::lists::IncidentLists,
        isms_core::incident::lists::EvidenceStepDef,
        isms_core::incident::store::AffectedAsset,
        isms_core::incident::store::IncidentDetail,
        isms_core::incident::store::IncidentSummary,
        isms_core::incident::store::IncidentFilter,
        isms_core::incident::store::IncidentsDue,
        isms_core::incident::store::DueClock,
        isms_core::incident::store::DueAction,
        isms_core::incident::store::DueReview,
        isms_core::incident::store::IncidentStatistics,
        isms_reports::ExportFormat,
        isms_reports::ExportProgress,
        isms_reports::ExportReport,
    ];
    let mut out = String::from(
        "// Generated from the Rust types by src-tauri/tests/ipc_types.rs — do not edit.\n\
         // Regenerate: UPDATE_IPC_TYPES=1 cargo test -p isms-desk --test ipc_types\n\n",
    );
    out.push_str(&decls.join("\n\n"));
    out.push('\n');
    out
}

#[test]
fn the_committed_typescript_types_match_the_rust_types() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/ipc/types.ts");
    let fresh = generated();
    if std::env::var_os("UPDATE_IPC_TYPES").is_some() {
        std::fs::write(&path, &fresh).expect("write types.ts");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "ui/src/ipc/types.ts is out of date with the Rust types; regenerate with \
         UPDATE_IPC_TYPES=1 cargo test -p isms-desk --test ipc_types"
    );
}
