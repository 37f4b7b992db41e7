// Generated from the Rust types by src-tauri/tests/ipc_types.rs — do not edit.
// Regenerate: UPDATE_IPC_TYPES=1 cargo test -p isms-desk --test ipc_types

export type ErrorCode = "unknown_control" | "exclusion_justification_required" | "not_a_cloud_control" | "invalid_value" | "missing_value" | "unknown_soa_version" | "soa_version_not_newer" | "unknown_asset" | "unknown_supplier" | "unknown_incident" | "unknown_certification" | "invalid_file" | "no_database" | "import_changed_since" | "in_use" | "unknown_whitepaper" | "whitepaper_version" | "whitepaper_incomplete" | "incident_state" | "conflict" | "undecided_controls" | "soa_date_before_previous" | "soa_version_state" | "newer_database" | "not_a_database" | "catalogue" | "no_data_directory" | "io" | "database" | "import" | "export";

export type IpcError = { code: ErrorCode, message: string, 
/**
 * With `code: "conflict"`: each field someone else changed, with both values, so the form can let the user
 * choose.
 */
conflicts?: Array<FieldConflict>, 
/**
 * With `code: "undecided_controls"`: the controls still undecided.
 */
ids?: Array<string>, };

export type DatabaseInfo = { path: string, organisation: string, schema_version: number, 
/**
 * Set when the file is on a network filesystem (where SQLite's WAL mode does not work).
 */
network_filesystem: string | null, 
/**
 * False when the audit trail's chain does not verify (changed outside ISMS Desk).
 */
audit_chain_ok: boolean, };

export type ImportRequest = { 
/**
 * Which register the file is: assets, a supplier list, or an SoA spreadsheet.
 */
kind: RegisterKind, path: string, sheet: string | null, dry_run: boolean, mode: ImportMode, 
/**
 * A saved mapping file (`[fields] …`), if the user chose one.
 */
mapping: string | null, 
/**
 * Column header → field / `custom` / `ignore`, as edited in the wizard.
 */
columns: { [key in string]: string }, 
/**
 * Assets: a level the register uses → the scheme's level to import it as.
 */
level_map: { [key in string]: string }, 
/**
 * Assets: the changes to write, as chosen in the wizard; absent, every change except where the register's
 * value is newer (and those too with `overwrite_newer`).
 */
accept: Array<ChangeRef> | null, overwrite_newer: boolean, };

export type Framework = "iso27001-2022" | "iso27017-2015" | "iso27002-2013";

export type Relation = "equal" | "subset" | "superset" | "intersect";

export type InclusionReason = "risk_assessment" | "legal_regulatory" | "contractual" | "business_requirement" | "best_practice";

export type ImplementationStatus = "not_started" | "planned" | "partially_implemented" | "implemented";

export type CloudRole = "provider" | "customer" | "both";

export type Applicability = "applicable" | "not_applicable" | "undecided";

export type RelatedDocument = { title: string, section?: string | null, };

export type Control = { id: string, framework: Framework, theme: string, title_en: string, title_ja: string, extended_by_27017: boolean, };

export type RegisterFields = { 
/**
 * `None` until someone decides.
 */
applicable: boolean | null, inclusion_reasons: Array<InclusionReason>, exclusion_justification: string, status: ImplementationStatus, implementation: string, 
/**
 * The implementation in English, for the English SoA; empty when only the Japanese text exists.
 */
implementation_en: string, customer_statement: string, customer_statement_en: string, responsible_role: string, related_documents: Array<RelatedDocument>, evidence: Array<string>, last_reviewed: string | null, next_review: string | null, cloud_role: CloudRole | null, inherited_from: string, 
/**
 * Only for ISO/IEC 27002:2013 controls: the row holds its own decision instead of following its 2022
 * counterparts (see [`derive`]).
 */
own_decision: boolean, };

export type RegisterEntry = { 
/**
 * When the entry was last changed; `None` if never.
 */
updated_at: string | null, 
/**
 * For an ISO/IEC 27002:2013 control that follows its 2022 counterparts: where its decision fields come from
 * (empty when the row holds its own decision, and for every other control).
 */
derived_from: Array<DerivedSource>, id: string, framework: Framework, theme: string, title_en: string, title_ja: string, extended_by_27017: boolean, 
/**
 * `None` until someone decides.
 */
applicable: boolean | null, inclusion_reasons: Array<InclusionReason>, exclusion_justification: string, status: ImplementationStatus, implementation: string, 
/**
 * The implementation in English, for the English SoA; empty when only the Japanese text exists.
 */
implementation_en: string, customer_statement: string, customer_statement_en: string, responsible_role: string, related_documents: Array<RelatedDocument>, evidence: Array<string>, last_reviewed: string | null, next_review: string | null, cloud_role: CloudRole | null, inherited_from: string, 
/**
 * Only for ISO/IEC 27002:2013 controls: the row holds its own decision instead of following its 2022
 * counterparts (see [`derive`]).
 */
own_decision: boolean, };

export type RegisterPatch = { applicable?: boolean | null, inclusion_reasons?: Array<InclusionReason>, exclusion_justification?: string, status?: ImplementationStatus, implementation?: string, implementation_en?: string, customer_statement?: string, customer_statement_en?: string, responsible_role?: string, related_documents?: Array<RelatedDocument>, evidence?: Array<string>, last_reviewed?: string | null, next_review?: string | null, cloud_role?: CloudRole | null, inherited_from?: string, 
/**
 * ISO/IEC 27002:2013 controls only: `true` decides on this row, `false` follows the 2022 counterparts again
 * (the row's decision fields are emptied).
 */
own_decision?: boolean, };

export type RegisterFilter = { framework?: Framework, applicability?: Applicability, status?: ImplementationStatus, 
/**
 * Part of the responsible role, case-insensitive.
 */
owner?: string, 
/**
 * Part of the id, either title, the implementation text or the customer statement, case-insensitive.
 */
search?: string, };

export type RegisterSummary = { framework: Framework | null, controls: number, applicable: number, not_applicable: number, undecided: number, implemented: number, partially_implemented: number, planned: number, not_started: number, 
/**
 * 2013 rows whose decision follows their 2022 counterparts.
 */
derived: number, };

export type SoaSummary = { annex_a: RegisterSummary, cloud: RegisterSummary, };

export type DerivedSource = { id: string, relation: Relation, };

export type FieldConflict = { field: string, 
/**
 * The value the form loaded.
 */
base: string | null, 
/**
 * The value stored now (the other writer's).
 */
theirs: string | null, 
/**
 * The value this save would write.
 */
yours: string | null, 
/**
 * Who stored `theirs`, and when (from the audit trail), if known.
 */
changed_by: string | null, changed_at: string | null, };

export type MappedControl = { relation: Relation, id: string, framework: Framework, theme: string, title_en: string, title_ja: string, extended_by_27017: boolean, };

export type ThemeRow = { framework: Framework, id: string, clause: string, title_en: string, title_ja: string, };

export type ControlDetail = { counterparts: Array<MappedControl>, 
/**
 * When the entry was last changed; `None` if never.
 */
updated_at: string | null, 
/**
 * For an ISO/IEC 27002:2013 control that follows its 2022 counterparts: where its decision fields come from
 * (empty when the row holds its own decision, and for every other control).
 */
derived_from: Array<DerivedSource>, id: string, framework: Framework, theme: string, title_en: string, title_ja: string, extended_by_27017: boolean, 
/**
 * `None` until someone decides.
 */
applicable: boolean | null, inclusion_reasons: Array<InclusionReason>, exclusion_justification: string, status: ImplementationStatus, implementation: string, 
/**
 * The implementation in English, for the English SoA; empty when only the Japanese text exists.
 */
implementation_en: string, customer_statement: string, customer_statement_en: string, responsible_role: string, related_documents: Array<RelatedDocument>, evidence: Array<string>, last_reviewed: string | null, next_review: string | null, cloud_role: CloudRole | null, inherited_from: string, 
/**
 * Only for ISO/IEC 27002:2013 controls: the row holds its own decision instead of following its 2022
 * counterparts (see [`derive`]).
 */
own_decision: boolean, };

export type ControlUpdate = { entry: RegisterEntry, changed_fields: Array<string>, };

export type ReviewDue = { 
/**
 * `control` or `asset`.
 */
kind: string, id: string, title: string, next_review: string, overdue: boolean, };

export type Organisation = { name: string, isms_scope: string, soa_document_number: string, 
/**
 * The name in English documents; empty when only the Japanese name exists.
 */
name_en: string, isms_scope_en: string, };

export type OrganisationPatch = { name?: string, isms_scope?: string, soa_document_number?: string, name_en?: string, isms_scope_en?: string, };

export type AuditAction = "create" | "update" | "delete";

export type AuditEntry = { id: number, 
/**
 * Local time with offset, RFC 3339, e.g. `2026-11-23T17:05:09+09:00`.
 */
at: string, 
/**
 * The operating-system user who made the change.
 */
actor: string, action: AuditAction, 
/**
 * The kind of record: `organisation`, `control_register`, …
 */
entity: string, record_id: string, field: string | null, old_value: string | null, new_value: string | null, };

export type SoaRevision = { version: string, 
/**
 * The issue date printed on the document, `YYYY-MM-DD`.
 */
issued_on: string, 
/**
 * When it was frozen, RFC 3339.
 */
issued_at: string, prepared_by: string, approved_by: string, 
/**
 * What changed in this version (改訂内容).
 */
summary: string, 
/**
 * Controls still undecided at issue, accepted explicitly by whoever issued it.
 */
accepted_undecided: Array<string>, 
/**
 * What became of the version later: in force, superseded or withdrawn (never deleted).
 */
status: VersionStatus, 
/**
 * Why it was superseded or withdrawn, and on which date; empty while in force.
 */
status_reason: string, status_on: string | null, 
/**
 * The audit chain's head when it was issued (none for versions issued before the chain existed).
 */
chain_head: string | null, 
/**
 * SHA-256 of the frozen content, as an exported PDF carries it (`isms verify-document`).
 */
content_sha256: string, };

export type IssueSoa = { version: string, approved_by: string, 
/**
 * Defaults to the OS user issuing it.
 */
prepared_by?: string, summary: string, issued_on?: string, 
/**
 * Issue even though controls are still undecided (they are recorded with the version).
 */
accept_undecided: boolean, };

export type VersionStatus = "current" | "superseded" | "withdrawn";

export type VersionStatusChange = { version: string, status: VersionStatus, reason: string, 
/**
 * Defaults to today.
 */
on?: string, };

export type Asset = { asset_id: string, name: string, asset_type: string, category: string, classification: string | null, confidentiality: number | null, integrity: number | null, availability: number | null, 
/**
 * The department (部署) the asset belongs to; each department reviews its own assets in an inventory round.
 */
department: string, owner: string, custodian: string, location: string, media: string, retention: string, disposal_method: string, labels: Array<string>, notes: string, last_reviewed: string | null, next_review: string | null, cloud_purpose: string, cloud_information: string, 
/**
 * Control ids of the register this asset is linked to.
 */
controls: Array<string>, 
/**
 * Columns of the user's own register that ISMS Desk does not know, in their original order.
 */
custom: { [key in string]: string }, 
/**
 * Set once the asset has left the inventory (returned, disposed of, erased, transferred).
 */
retirement: Retirement | null, };

export type AssetView = { 
/**
 * From C/I/A by the scheme's importance rule.
 */
importance: number | null, updated_at: string, asset_id: string, name: string, asset_type: string, category: string, classification: string | null, confidentiality: number | null, integrity: number | null, availability: number | null, 
/**
 * The department (部署) the asset belongs to; each department reviews its own assets in an inventory round.
 */
department: string, owner: string, custodian: string, location: string, media: string, retention: string, disposal_method: string, labels: Array<string>, notes: string, last_reviewed: string | null, next_review: string | null, cloud_purpose: string, cloud_information: string, 
/**
 * Control ids of the register this asset is linked to.
 */
controls: Array<string>, 
/**
 * Columns of the user's own register that ISMS Desk does not know, in their original order.
 */
custom: { [key in string]: string }, 
/**
 * Set once the asset has left the inventory (returned, disposed of, erased, transferred).
 */
retirement: Retirement | null, };

export type AssetPatch = { name?: string, asset_type?: string, category?: string, classification?: string | null, confidentiality?: number | null, integrity?: number | null, availability?: number | null, department?: string, owner?: string, custodian?: string, location?: string, media?: string, retention?: string, disposal_method?: string, labels?: Array<string>, notes?: string, last_reviewed?: string | null, next_review?: string | null, cloud_purpose?: string, cloud_information?: string, controls?: Array<string>, 
/**
 * Custom fields to set (an empty value removes the field).
 */
custom: { [key in string]: string }, 
/**
 * Retire the asset (`Some(Some(…))`) or put it back in use (`Some(None)`).
 */
retirement?: Retirement | null, };

export type AssetFilter = { classification?: string, category?: string, 
/**
 * The department, exactly (an empty text: assets without a department).
 */
department?: string, 
/**
 * In use (when absent), retired, or all.
 */
lifecycle?: Lifecycle, 
/**
 * Part of the owner's name; Latin letters in either case.
 */
owner?: string, 
/**
 * One of the asset's labels, exactly.
 */
label?: string, 
/**
 * Part of any text field, a label or a custom field; Latin letters in either case.
 */
search?: string, };

export type Lifecycle = "active" | "retired" | "all";

export type AssetSort = "asset_id" | "name" | "classification" | "owner" | "department";

export type AssetQuery = { filter: AssetFilter, sort: AssetSort, descending: boolean, offset: number, 
/**
 * At most this many rows; all when absent.
 */
limit?: number, 
/**
 * Count every match too (the table asks once per filter, not for every window).
 */
count: boolean, };

export type AssetPage = { total: number | null, offset: number, rows: Array<AssetView>, };

export type ImportMode = "upsert" | "insert";

export type ImportanceRule = "max" | "sum";

export type ClassificationLevel = { name_ja: string, name_en: string, 
/**
 * The text printed on labels, e.g. `社外秘 INTERNAL`.
 */
label: string, 
/**
 * `#RRGGBB`.
 */
colour: string, 
/**
 * aspect → rule (see [`HANDLING_ASPECTS`]).
 */
handling: { [key in string]: string }, };

export type CiaScales = { confidentiality: number, integrity: number, availability: number, };

export type AssetScheme = { importance_rule: ImportanceRule, scales: CiaScales, asset_types: Array<string>, categories: Array<string>, 
/**
 * Most protected first.
 */
levels: Array<ClassificationLevel>, 
/**
 * Months from one review of an asset to the next (an asset marked reviewed today is next reviewed then).
 */
review_interval_months: number, };

export type LevelPatch = { name_ja?: string, name_en?: string, label?: string, colour?: string, 
/**
 * New place in the order, 0 = most protected.
 */
position?: number, };

export type LevelFields = { name_ja: string, name_en: string, label: string, colour: string, };

export type SchemeSettingsPatch = { importance_rule?: ImportanceRule, confidentiality_max?: number, integrity_max?: number, availability_max?: number, asset_types?: Array<string>, categories?: Array<string>, 
/**
 * Months from one review to the next.
 */
review_interval_months?: number, };

export type AssetDetail = { handling: { [key in string]: string }, 
/**
 * From C/I/A by the scheme's importance rule.
 */
importance: number | null, updated_at: string, asset_id: string, name: string, asset_type: string, category: string, classification: string | null, confidentiality: number | null, integrity: number | null, availability: number | null, 
/**
 * The department (部署) the asset belongs to; each department reviews its own assets in an inventory round.
 */
department: string, owner: string, custodian: string, location: string, media: string, retention: string, disposal_method: string, labels: Array<string>, notes: string, last_reviewed: string | null, next_review: string | null, cloud_purpose: string, cloud_information: string, 
/**
 * Control ids of the register this asset is linked to.
 */
controls: Array<string>, 
/**
 * Columns of the user's own register that ISMS Desk does not know, in their original order.
 */
custom: { [key in string]: string }, 
/**
 * Set once the asset has left the inventory (returned, disposed of, erased, transferred).
 */
retirement: Retirement | null, };

export type BulkEdit = { 
/**
 * The level to give every asset (its Japanese or English name).
 */
classification?: string, 
/**
 * A label to add to every asset that lacks it.
 */
add_label?: string, 
/**
 * The department to give every asset.
 */
department?: string, 
/**
 * Mark every asset reviewed on this day.
 */
reviewed_on?: string, };

export type LevelCount = { level: string | null, assets: number, };

export type RejectedChange = { source_row: number, 
/**
 * The id of the record the row was for (an asset, a supplier, a control).
 */
record_id: string, message: string, };

export type BatchOutcome = { inserted: number, updated: number, 
/**
 * Present and identical, or (insert-only mode) already present.
 */
unchanged: number, skipped_existing: number, rejected: Array<RejectedChange>, 
/**
 * The import batch this wrote (see `isms imports`), once committed; none for a dry run or a form's save.
 */
batch: number | null, 
/**
 * An import's changed fields, each with the register's value and the file's (listed only by imports).
 */
changes: Array<ImportChange>, 
/**
 * Assets (rows) with a change not written (declined, or the register's value newer).
 */
declined: number, 
/**
 * Assets counted as reviewed in an inventory round.
 */
reviewed: number, 
/**
 * Assets a department workbook was sent with that did not come back in it.
 */
missing: Array<string>, };

export type ImportChange = { asset: string, 
/**
 * As the audit trail names it (`owner`, `last_reviewed`, `classification` …).
 */
field: string, 
/**
 * The register's value now.
 */
old: string | null, 
/**
 * The file's value.
 */
new: string | null, 
/**
 * The register changed this field after the workbook was sent (or holds a later date than the file): the
 * register's value is newer, and is kept unless the change is accepted.
 */
register_newer: boolean, 
/**
 * Written (or, in a dry run, would be).
 */
applied: boolean, 
/**
 * The row of the file.
 */
row: number, };

export type ChangeRef = { asset: string, field: string, };

export type NewLevel = { name_ja: string, name_en?: string, 
/**
 * The label text [default: the Japanese name and the English one in capitals].
 */
label?: string, 
/**
 * `#RRGGBB` [default: grey].
 */
colour?: string, 
/**
 * 0 = most protected [default: the end].
 */
position?: number, 
/**
 * A level whose handling rules the new one starts with.
 */
like?: string, 
/**
 * aspect → rule, over those copied.
 */
handling: { [key in string]: string }, };

export type Retirement = { on: string, 
/**
 * A method id (see [`retirement_methods`]).
 */
method: string, 
/**
 * Who approved it.
 */
approver: string, note: string, };

export type RetirementMethod = { 
/**
 * `return`, `dispose`, `erase`, `transfer` (what the CLI takes and the database keeps).
 */
id: string, ja: string, en: string, 
/**
 * Other words a register may use for it (返却済, 処分 …).
 */
aliases: Array<string>, 
/**
 * The Annex A controls it evidences (5.11 return, 7.10/7.14 media and disposal, 8.10 deletion …).
 */
controls: Array<string>, };

export type RetireRequest = { ids: Array<string>, retirement: Retirement, };

export type InventoryRound = { 
/**
 * `INV-2026`.
 */
round_id: string, year: number, due_on: string, 
/**
 * When it was started (RFC 3339) and by whom.
 */
started_on: string, started_by: string, closed_on: string | null, };

export type DepartmentProgress = { 
/**
 * The department ('' for assets without one).
 */
department: string, 
/**
 * Its assets in use now.
 */
assets: number, 
/**
 * Of those, reviewed in this round.
 */
reviewed: number, 
/**
 * Workbooks sent, and when the last one was.
 */
workbooks: number, exported_at: string | null, 
/**
 * When a returned workbook was first imported (`None`: no answer yet).
 */
returned_at: string | null, };

export type RoundStatus = { round: InventoryRound, departments: Array<DepartmentProgress>, assets: number, reviewed: number, 
/**
 * Departments with assets that have not returned a workbook (assets without a department are not sent one).
 */
not_answered: Array<string>, 
/**
 * The due date has passed and the round is still open.
 */
overdue: boolean, };

export type DepartmentCount = { department: string, assets: number, retired: number, };

export type DepartmentWorkbook = { path: string, department: string, workbook_id: string, assets: number, };

export type RegisterKind = "assets" | "suppliers" | "controls";

export type RowError = { sheet: string, 
/**
 * The Excel row number (1-based), or the CSV line.
 */
row: number, 
/**
 * The column's header as written in the file.
 */
column: string, value: string, message: string, };

export type SkippedRow = { sheet: string, row: number, reason: string, };

export type RowWarning = { sheet: string, row: number, column: string, value: string, message: string, 
/**
 * The field the value was for (`classification`, `last_reviewed` …).
 */
field: string, };

export type UnknownLevel = { value: string, rows: number, };

export type ReturnedWorkbook = { 
/**
 * `INV-2026#3`.
 */
workbook_id: string, round_id: string, department: string, 
/**
 * When it was sent (RFC 3339).
 */
sent_at: string, 
/**
 * The round is closed: its reviews are no longer counted.
 */
round_closed: boolean, };

export type ImportProgress = { rows_done: number, rows_total: number, };

export type ImportReport = { 
/**
 * The recorded import (its number for `isms imports undo`); none for a dry run or a register kind not recorded.
 */
batch: number | null, dry_run: boolean, sheet: string, header_row: number, inserted: number, updated: number, unchanged: number, 
/**
 * Blank rows, total/footer rows, and (insert-only) assets that already exist.
 */
skipped: number, 
/**
 * Rows not imported because of errors.
 */
rejected: number, 
/**
 * What rejected a row: only a missing or unusable id or name, a duplicate id, or a record the store refuses.
 */
errors: Array<RowError>, 
/**
 * Values left out of rows that were imported (an unreadable date, an unknown level …).
 */
warnings: Array<RowWarning>, 
/**
 * Levels the register uses that the scheme does not know (map them with `--map-level` or in the wizard).
 */
unknown_levels: Array<UnknownLevel>, 
/**
 * Assets: each changed field, the register's value and the file's, and whether it is written.
 */
changes: Array<ImportChange>, 
/**
 * Rows with a change that was not written (declined, or the register's value is newer).
 */
declined: number, 
/**
 * Assets counted as reviewed in the inventory round of a returned workbook.
 */
reviewed: number, 
/**
 * The returned workbook of a round this file is, if it is one.
 */
round: ReturnedWorkbook | null, 
/**
 * Assets the returned workbook was sent with that are not in it.
 */
missing: Array<string>, skipped_rows: Array<SkippedRow>, 
/**
 * Column header → the field it fed (`custom` for columns kept as custom fields).
 */
mapping: { [key in string]: string }, 
/**
 * What the reader should know about the import as a whole (e.g. ids were generated for a register without an
 * id column).
 */
notes: Array<string>, };

export type RegisterPreview = { kind: RegisterKind, 
/**
 * The fields a column can feed for this kind of register.
 */
fields: Array<string>, sheets: Array<string>, sheet: string, header_row: number, 
/**
 * In column order: (header, field name / `custom` / `ignore`).
 */
columns: Array<[string, string]>, 
/**
 * The first data rows, as text, in the same column order.
 */
rows: Array<Array<string>>, 
/**
 * Required fields no column feeds yet: the wizard asks for them before importing.
 */
missing: Array<string>, 
/**
 * The register has no id column: ids will be generated.
 */
generated_ids: boolean, };

export type ExportSummary = { path: string, assets: number, columns: number, };

export type Attachment = { id: number, sha256: string, name: string, media_type: string, size: number, owner_entity: string, owner_id: string, note: string, added_at: string, added_by: string, };

export type Labelled = { id: string, ja: string, en: string, description_ja: string, description_en: string, };

export type SupplierKindDef = { 
/**
 * The cloud-service kind: listed in the クラウド一覧表 and evaluated with the cloud checks too.
 */
cloud: boolean, 
/**
 * Contract kinds expected on file for this kind (a missing one is flagged, not blocked).
 */
required_contracts: Array<string>, id: string, ja: string, en: string, description_ja: string, description_en: string, };

export type StatusDef = { 
/**
 * Information may be given to / the service used.
 */
usable: boolean, 
/**
 * No more evaluations are scheduled (the relationship has ended).
 */
closed: boolean, id: string, ja: string, en: string, description_ja: string, description_en: string, };

export type CriticalityDef = { 
/**
 * Months until the next evaluation, per evaluation kind that schedules one (`periodic`).
 */
review_interval_months: { [key in string]: number }, id: string, ja: string, en: string, description_ja: string, description_en: string, };

export type ContractKindDef = { has_expiry: boolean, id: string, ja: string, en: string, description_ja: string, description_en: string, };

export type SupplierLists = { 
/**
 * Days before a contract or certification expires that it shows as expiring.
 */
expiry_warning_days: number, kinds: Array<SupplierKindDef>, statuses: Array<StatusDef>, 
/**
 * Most critical first.
 */
criticality: Array<CriticalityDef>, info_categories: Array<Labelled>, contract_kinds: Array<ContractKindDef>, certification_kinds: Array<Labelled>, evidence_kinds: Array<Labelled>, };

export type ChecklistItem = { id: string, ja: string, en: string, hint_ja: string, hint_en: string, 
/**
 * `all`, or `cloud` (only for suppliers of a cloud kind).
 */
applies_to: string, controls: Array<string>, };

export type ChecklistKind = { id: string, title_ja: string, title_en: string, description_ja: string, description_en: string, items: Array<ChecklistItem>, };

export type Checklists = { kinds: Array<ChecklistKind>, };

export type Contract = { 
/**
 * A contract kind id of the lists.
 */
kind: string, title: string, signed_on: string | null, 
/**
 * When it ends or must be renewed (warned about before).
 */
expires_on: string | null, auto_renewal: boolean, 
/**
 * The signed copy, stored in the file.
 */
attachment: number | null, note: string, };

export type SupplierCertification = { kind: string, number: string, scope: string, expires_on: string | null, attachment: number | null, };

export type Supplier = { supplier_id: string, name: string, 
/**
 * A kind id of the lists (委託先, クラウドサービス …).
 */
kind: string, 
/**
 * The services used.
 */
services: string, purpose: string, 
/**
 * The categories of our information entrusted (業務 / 個人 / 機密 ids).
 */
info_categories: Array<string>, 
/**
 * The highest classification level of that information (a level's Japanese name), or empty.
 */
highest_level: string, criticality: string, status: string, subcontracting_allowed: boolean, 
/**
 * Other suppliers this one subcontracts to (their supplier ids).
 */
subcontractors: Array<string>, 
/**
 * Assets of the inventory this supplier holds or processes.
 */
assets: Array<string>, 
/**
 * Register controls it relates to (5.19–5.23, CLD.6.3.1 …).
 */
controls: Array<string>, contracts: Array<Contract>, certifications: Array<SupplierCertification>, 
/**
 * Where our data is kept (country / region).
 */
data_location: string, governing_law: string, 
/**
 * The supplier's public security page.
 */
security_url: string, contact: string, 
/**
 * Listed as a subprocessor in our whitepaper.
 */
disclose_as_subprocessor: boolean, notes: string, };

export type SupplierPatch = { name?: string, kind?: string, services?: string, purpose?: string, info_categories?: Array<string>, highest_level?: string, criticality?: string, status?: string, subcontracting_allowed?: boolean, subcontractors?: Array<string>, assets?: Array<string>, controls?: Array<string>, contracts?: Array<Contract>, certifications?: Array<SupplierCertification>, data_location?: string, governing_law?: string, security_url?: string, contact?: string, disclose_as_subprocessor?: boolean, notes?: string, };

export type SupplierView = { updated_at: string, last_evaluation: EvaluationSummary | null, 
/**
 * When the next evaluation is due (from the latest approved one), if any.
 */
next_due: string | null, due: Array<DueItem>, 
/**
 * Contract kinds the supplier's kind expects and none on file has.
 */
missing_contracts: Array<string>, supplier_id: string, name: string, 
/**
 * A kind id of the lists (委託先, クラウドサービス …).
 */
kind: string, 
/**
 * The services used.
 */
services: string, purpose: string, 
/**
 * The categories of our information entrusted (業務 / 個人 / 機密 ids).
 */
info_categories: Array<string>, 
/**
 * The highest classification level of that information (a level's Japanese name), or empty.
 */
highest_level: string, criticality: string, status: string, subcontracting_allowed: boolean, 
/**
 * Other suppliers this one subcontracts to (their supplier ids).
 */
subcontractors: Array<string>, 
/**
 * Assets of the inventory this supplier holds or processes.
 */
assets: Array<string>, 
/**
 * Register controls it relates to (5.19–5.23, CLD.6.3.1 …).
 */
controls: Array<string>, contracts: Array<Contract>, certifications: Array<SupplierCertification>, 
/**
 * Where our data is kept (country / region).
 */
data_location: string, governing_law: string, 
/**
 * The supplier's public security page.
 */
security_url: string, contact: string, 
/**
 * Listed as a subprocessor in our whitepaper.
 */
disclose_as_subprocessor: boolean, notes: string, };

export type DueReason = "never_evaluated" | "evaluation_overdue" | "evaluation_due" | "contract_expired" | "contract_expiring" | "certification_expired" | "certification_expiring";

export type DueItem = { reason: DueReason, 
/**
 * The date it falls due (none for a supplier never evaluated).
 */
date: string | null, 
/**
 * What it is about: the contract or certification kind, empty for evaluations.
 */
what: string, 
/**
 * Past its date (or never evaluated).
 */
overdue: boolean, };

export type EvaluationKind = "new" | "periodic" | "re_evaluation" | "change";

export type AnswerValue = "conform" | "nonconform" | "na";

export type EvaluationResult = "pass" | "conditional" | "fail";

export type EvaluationAnswer = { item: string, question_ja: string, question_en: string, applies_to: string, answer: AnswerValue | null, note: string, 
/**
 * Where the evidence is (a document reference), besides any attached file.
 */
evidence: string, attachment: number | null, };

export type Evaluation = { id: number, supplier_id: string, kind: EvaluationKind, evaluated_on: string, answers: Array<EvaluationAnswer>, result: EvaluationResult | null, conditions: string, evaluator: string, approver: string, 
/**
 * When it was approved (and frozen); `None` while a draft.
 */
approved_at: string | null, next_due: string | null, 
/**
 * The incident or nonconformity a re-evaluation follows.
 */
related_incident: string, notes: string, };

export type EvaluationSummary = { id: number, kind: EvaluationKind, evaluated_on: string, result: EvaluationResult | null, next_due: string | null, };

export type GivenAnswer = { item: string, answer?: AnswerValue, note?: string, evidence?: string, attachment?: number, };

export type EvaluationInput = { kind: EvaluationKind, 
/**
 * Defaults to today.
 */
evaluated_on?: string, answers: Array<GivenAnswer>, result?: EvaluationResult, conditions: string, evaluator: string, 
/**
 * Given: the evaluation is approved (and frozen) now.
 */
approver?: string, 
/**
 * Overrides the next due date computed from the criticality.
 */
next_due?: string, related_incident: string, notes: string, };

export type MonitoringEntry = { id: number, on_date: string, kind: MonitoringKind, note: string, recorded_by: string, };

export type MonitoringKind = "review" | "sla_breach" | "incident" | "service_change" | "other";

export type SupplierFilter = { kind?: string, status?: string, 
/**
 * Only those with something due (or overdue) within the warning window.
 */
due_only: boolean, 
/**
 * Part of the id, name, services or purpose.
 */
search?: string, };

export type SupplierDetail = { evaluations: Array<Evaluation>, monitoring: Array<MonitoringEntry>, attachments: Array<Attachment>, 
/**
 * Suppliers that name this one as their subcontractor.
 */
subcontractor_of: Array<string>, updated_at: string, last_evaluation: EvaluationSummary | null, 
/**
 * When the next evaluation is due (from the latest approved one), if any.
 */
next_due: string | null, due: Array<DueItem>, 
/**
 * Contract kinds the supplier's kind expects and none on file has.
 */
missing_contracts: Array<string>, supplier_id: string, name: string, 
/**
 * A kind id of the lists (委託先, クラウドサービス …).
 */
kind: string, 
/**
 * The services used.
 */
services: string, purpose: string, 
/**
 * The categories of our information entrusted (業務 / 個人 / 機密 ids).
 */
info_categories: Array<string>, 
/**
 * The highest classification level of that information (a level's Japanese name), or empty.
 */
highest_level: string, criticality: string, status: string, subcontracting_allowed: boolean, 
/**
 * Other suppliers this one subcontracts to (their supplier ids).
 */
subcontractors: Array<string>, 
/**
 * Assets of the inventory this supplier holds or processes.
 */
assets: Array<string>, 
/**
 * Register controls it relates to (5.19–5.23, CLD.6.3.1 …).
 */
controls: Array<string>, contracts: Array<Contract>, certifications: Array<SupplierCertification>, 
/**
 * Where our data is kept (country / region).
 */
data_location: string, governing_law: string, 
/**
 * The supplier's public security page.
 */
security_url: string, contact: string, 
/**
 * Listed as a subprocessor in our whitepaper.
 */
disclose_as_subprocessor: boolean, notes: string, };

export type SupplierDue = { supplier_id: string, name: string, kind: string, reason: DueReason, 
/**
 * The date it falls due (none for a supplier never evaluated).
 */
date: string | null, 
/**
 * What it is about: the contract or certification kind, empty for evaluations.
 */
what: string, 
/**
 * Past its date (or never evaluated).
 */
overdue: boolean, };

export type RegisterExport = { path: string, rows: number, columns: number, };

export type Contact = { contact_id: string, name_ja: string, name_en: string, 
/**
 * authority, specialist, supplier, customer, building, certification_body, other
 */
kind: string, phone: string, url: string, email: string, when_ja: string, when_en: string, note: string, 
/**
 * A template entry the user must complete (e.g. the certification body's name).
 */
needs_user_input: boolean, };

export type ContactPatch = { name_ja?: string, name_en?: string, kind?: string, phone?: string, url?: string, email?: string, when_ja?: string, when_en?: string, note?: string, };

export type IncidentState = "reported" | "awaiting_decision" | "responding" | "corrective_action" | "effectiveness_review" | "closed" | "not_incident";

export type EffectivenessResult = "effective" | "not_effective";

export type AuthorityContact = { contact_id: string, 
/**
 * RFC 3339 with offset, or empty.
 */
contacted_at: string, note: string, };

export type EvidenceStep = { step: string, done: boolean, custody: string, };

export type IsmsChange = { kind: string, note: string, 
/**
 * A control of the register the change concerns, if any.
 */
control: string, };

export type Effectiveness = { result: EffectivenessResult, by: string, at: string, note: string, };

export type AppliedRule = { rule: NotificationRule, applied_at: string, };

export type Impact = { 
/**
 * An impact scale id (重大 / 中 / 軽微 by default).
 */
scale: string, records_affected: number | null, persons_affected: number | null, customers_affected: number | null, downtime_minutes: number | null, cost_yen: number | null, };

export type Incident = { incident_no: string, title: string, 
/**
 * インシデント / 事象のみ / 内部監査 / 外部審査 / その他 (a list id).
 */
source: string, category: string, state: IncidentState, discovered_at: string, detected_at: string, aware_at: string, occurred_at: string, discovered_by: string, reported_at: string, reported_to: string, 
/**
 * 発見 / 問い合わせ …
 */
route: string, 
/**
 * Confirmed (true) or suspected (false).
 */
confirmed: boolean, description: string, assets: Array<string>, supplier: string, controls: Array<string>, 
/**
 * Facts that decide which rules apply (customer impact, personal data, PPC reportable …).
 */
flags: Array<string>, is_incident: boolean | null, decided_by: string, decided_at: string, decision_reason: string, emergency_action: string, emergency_decided_by: string, correction: string, correction_by: string, correction_at: string, authorities: Array<AuthorityContact>, evidence: Array<EvidenceStep>, impact: Impact, root_cause: string, 
/**
 * "Could it occur elsewhere?" and the answer.
 */
recurrence_elsewhere: string, effectiveness_planned_on: string | null, effectiveness_reviewer: string, effectiveness: Effectiveness | null, isms_changes: Array<IsmsChange>, supplier_reevaluation: boolean, rules: Array<AppliedRule>, closed_by: string, closed_at: string, };

export type IncidentPatch = { title?: string, source?: string, category?: string, discovered_at?: string, detected_at?: string, aware_at?: string, occurred_at?: string, discovered_by?: string, reported_at?: string, reported_to?: string, route?: string, confirmed?: boolean, description?: string, assets?: Array<string>, supplier?: string, controls?: Array<string>, flags?: Array<string>, emergency_action?: string, emergency_decided_by?: string, correction?: string, correction_by?: string, correction_at?: string, authorities?: Array<AuthorityContact>, evidence?: Array<EvidenceStep>, impact?: Impact, root_cause?: string, recurrence_elsewhere?: string, effectiveness_planned_on?: string | null, effectiveness_reviewer?: string, isms_changes?: Array<IsmsChange>, supplier_reevaluation?: boolean, 
/**
 * Notification rule ids that apply to this record (replaces the list; a rule kept keeps its snapshot).
 */
rules?: Array<string>, };

export type CorrectiveAction = { id: number, what: string, owner: string, due_on: string, done_on: string | null, };

export type Bilingual = { ja: string, en: string, };

export type ClockFrom = "occurred" | "aware" | "detected" | "previous_notice";

export type TimeUnit = "hours" | "days" | "business_days";

export type Strength = "must" | "target" | "best_effort";

export type RuleKind = "customer_notice" | "regulator_report" | "internal_escalation";

export type NotificationRule = { id: string, name_ja: string, name_en: string, kind: RuleKind, scope_ja: string, scope_en: string, clock_from: ClockFrom, target: number, unit: TimeUnit, strength: Strength, 
/**
 * Progress updates after the first notice, every `progress_every` `progress_unit`.
 */
progress_every: number | null, progress_unit: TimeUnit | null, channel_ja: string, channel_en: string, recipient_ja: string, recipient_en: string, exceptions: Array<Bilingual>, 
/**
 * Flags an incident must carry for the rule to be suggested (e.g. `ppc_reportable`).
 */
requires_flags: Array<string>, excludes_flags: Array<string>, enabled_by_default: boolean, 
/**
 * Printed by whitepapers that list "customer_notice" rules: the promise made to customers.
 */
show_in_whitepaper: boolean, 
/**
 * Whitepaper table rows (003): how much is disclosed, and what the provider does.
 */
disclosure_level_ja: string, disclosure_level_en: string, applicable_response_ja: string, applicable_response_en: string, };

export type ClockStatus = "pending" | "sent" | "overdue" | "late";

export type Notice = { id: number, rule_id: string, sent_at: string, note: string, recorded_by: string, };

export type Clock = { rule: NotificationRule, 
/**
 * RFC 3339 with offset; `None` when the incident has no time to count from.
 */
started_at: string | null, deadline: string | null, status: ClockStatus, 
/**
 * Seconds until the deadline (negative: past it); `None` once sent or without a start.
 */
seconds_left: number | null, first_sent_at: string | null, notices: Array<Notice>, 
/**
 * The next progress update, when the rule asks for them and the incident is open.
 */
next_progress_due: string | null, progress_overdue: boolean, };

export type IncidentLists = { sources: Array<Labelled>, categories: Array<Labelled>, routes: Array<Labelled>, impact_scales: Array<Labelled>, 
/**
 * §5.28's steps for crime-like incidents, each with a hint about custody.
 */
evidence_steps: Array<EvidenceStepDef>, isms_changes: Array<Labelled>, flags: Array<Labelled>, };

export type EvidenceStepDef = { hint_ja: string, hint_en: string, id: string, ja: string, en: string, description_ja: string, description_en: string, };

export type AffectedAsset = { asset_id: string, name: string, classification: string | null, };

export type IncidentDetail = { updated_at: string, actions: Array<CorrectiveAction>, clocks: Array<Clock>, affected_assets: Array<AffectedAsset>, 
/**
 * What to do next, as a word the UI translates.
 */
next_step: string, incident_no: string, title: string, 
/**
 * インシデント / 事象のみ / 内部監査 / 外部審査 / その他 (a list id).
 */
source: string, category: string, state: IncidentState, discovered_at: string, detected_at: string, aware_at: string, occurred_at: string, discovered_by: string, reported_at: string, reported_to: string, 
/**
 * 発見 / 問い合わせ …
 */
route: string, 
/**
 * Confirmed (true) or suspected (false).
 */
confirmed: boolean, description: string, assets: Array<string>, supplier: string, controls: Array<string>, 
/**
 * Facts that decide which rules apply (customer impact, personal data, PPC reportable …).
 */
flags: Array<string>, is_incident: boolean | null, decided_by: string, decided_at: string, decision_reason: string, emergency_action: string, emergency_decided_by: string, correction: string, correction_by: string, correction_at: string, authorities: Array<AuthorityContact>, evidence: Array<EvidenceStep>, impact: Impact, root_cause: string, 
/**
 * "Could it occur elsewhere?" and the answer.
 */
recurrence_elsewhere: string, effectiveness_planned_on: string | null, effectiveness_reviewer: string, effectiveness: Effectiveness | null, isms_changes: Array<IsmsChange>, supplier_reevaluation: boolean, rules: Array<AppliedRule>, closed_by: string, closed_at: string, };

export type IncidentSummary = { incident_no: string, title: string, state: IncidentState, category: string, source: string, discovered_at: string, 
/**
 * The clocks not yet satisfied, the most urgent first.
 */
open_clocks: Array<Clock>, overdue: boolean, actions_open: number, };

export type IncidentFilter = { state?: IncidentState, category?: string, source?: string, 
/**
 * Only open records.
 */
open_only: boolean, };

export type IncidentsDue = { 
/**
 * Clocks running (not sent), the soonest first; overdue ones first.
 */
clocks: Array<DueClock>, 
/**
 * Corrective actions not done and due within 14 days or overdue.
 */
actions: Array<DueAction>, 
/**
 * Effectiveness reviews whose planned date has come.
 */
reviews: Array<DueReview>, };

export type DueClock = { incident_no: string, title: string, rule_id: string, rule_name_ja: string, rule_name_en: string, deadline: string | null, seconds_left: number | null, status: ClockStatus, };

export type DueAction = { incident_no: string, action: CorrectiveAction, overdue: boolean, };

export type DueReview = { incident_no: string, title: string, planned_on: string, reviewer: string, };

export type IncidentStatistics = { total: number, open: number, by_category: { [key in string]: number }, 
/**
 * `YYYY-MM` → records discovered that month.
 */
by_month: { [key in string]: number }, by_source: { [key in string]: number }, by_state: { [key in string]: number }, 
/**
 * Hours from discovery to the decision, averaged over decided records.
 */
mean_hours_to_decision: number | null, 
/**
 * Days from discovery to closure, averaged over closed records.
 */
mean_days_to_closure: number | null, };

export type BackupReason = "daily" | "manual" | "pre_import" | "pre_migration" | "pre_restore" | "pre_undo";

export type BackupSettings = { 
/**
 * Empty: `backups/` beside the database.
 */
folder: string, keep_daily: number, 
/**
 * Backups made before an operation (import, migration, restore, undo) and on request.
 */
keep_operations: number, };

export type BackupInfo = { path: string, file_name: string, 
/**
 * `YYYY-MM-DD HH:MM:SS` local time, from the file name.
 */
made_at: string, reason: BackupReason, bytes: number, };

export type BrokenEntry = { id: number, at: string, entity: string, record_id: string, field: string | null, 
/**
 * What is wrong, in words: its content changed, or an entry before it was changed or removed.
 */
reason: string, 
/**
 * The same as a code the UI words: `no_hash`, `entries_missing`, `changed`.
 */
reason_code: string, };

export type ChainReport = { entries: number, verified: number, ok: boolean, broken: BrokenEntry | null, 
/**
 * The hash of the last entry (what issued documents record).
 */
head: string | null, };

export type HealthReport = { path: string, schema_version: number, file_bytes: number, 
/**
 * "ok", or what `PRAGMA integrity_check` found.
 */
integrity: string, 
/**
 * Rows that point to a missing row ("table row → parent").
 */
foreign_key_faults: Array<string>, audit_chain: ChainReport, 
/**
 * The filesystem type when it is a network one (nfs, cifs …).
 */
network_filesystem: string | null, backups: number, latest_backup: string | null, 
/**
 * Where backups go.
 */
backup_folder: string, ok: boolean, };

export type ImportBatch = { id: number, 
/**
 * assets (only asset imports are recorded for undo today).
 */
kind: string, file_name: string, file_sha256: string, sheet: string, 
/**
 * inserted, updated, unchanged, rejected …
 */
counts: { [key in string]: number }, actor: string, at: string, 
/**
 * The last audit entry the import wrote: anything after it touching its assets is a later change.
 */
audit_high: number, undone_at: string | null, undone_by: string | null, undo_note: string, };

export type UndoReport = { batch: number, 
/**
 * Assets the import had inserted, now removed.
 */
removed: number, 
/**
 * Assets the import had updated, now back to their values before it.
 */
restored: number, 
/**
 * Assets changed after the import and therefore left as they are (only with `force`).
 */
left: Array<string>, backup: string, };

export type Certification = { cert_id: string, 
/**
 * A certification kind of the supplier lists (isms, iso27017, pmark, ismap …; editable in Settings).
 */
scheme: string, 
/**
 * The name printed; empty → the kind's name.
 */
name: string, name_en: string, 
/**
 * Standard and version: "ISO/IEC 27001:2022".
 */
standard: string, certification_body: string, certification_body_en: string, accreditation_body: string, 
/**
 * As written on the certificate: 「IS 699260」, 「11820104(12)」.
 */
certificate_number: string, scope: string, scope_en: string, first_granted_on: string | null, issued_on: string | null, expires_on: string | null, surveillance_audits: Array<string>, 
/**
 * Empty for the organisation's own; a supplier id for a supplier's.
 */
holder: string, show_in_whitepapers: boolean, 
/**
 * What the scheme is, in sentences, for readers who do not know it (printed under its heading).
 */
explanation: string, explanation_en: string, 
/**
 * The certificate file, an attachment id.
 */
attachment: number | null, };

export type CertificationPatch = { scheme?: string, name?: string, name_en?: string, standard?: string, certification_body?: string, certification_body_en?: string, accreditation_body?: string, certificate_number?: string, scope?: string, scope_en?: string, first_granted_on?: string | null, issued_on?: string | null, expires_on?: string | null, surveillance_audits?: Array<string>, holder?: string, show_in_whitepapers?: boolean, explanation?: string, explanation_en?: string, attachment?: number | null, };

export type CertificationStatus = "valid" | "expiring" | "expired" | "no_expiry";

export type CertificationView = { status: CertificationStatus, 
/**
 * Days until expiry (negative when expired).
 */
days_left: number | null, 
/**
 * The kind's name (the scheme in words), Japanese and English.
 */
scheme_ja: string, scheme_en: string, 
/**
 * The holder in words: the organisation's name or the supplier's.
 */
holder_name: string, 
/**
 * Whitepapers whose latest issued version prints it.
 */
cited_by: Array<string>, cert_id: string, 
/**
 * A certification kind of the supplier lists (isms, iso27017, pmark, ismap …; editable in Settings).
 */
scheme: string, 
/**
 * The name printed; empty → the kind's name.
 */
name: string, name_en: string, 
/**
 * Standard and version: "ISO/IEC 27001:2022".
 */
standard: string, certification_body: string, certification_body_en: string, accreditation_body: string, 
/**
 * As written on the certificate: 「IS 699260」, 「11820104(12)」.
 */
certificate_number: string, scope: string, scope_en: string, first_granted_on: string | null, issued_on: string | null, expires_on: string | null, surveillance_audits: Array<string>, 
/**
 * Empty for the organisation's own; a supplier id for a supplier's.
 */
holder: string, show_in_whitepapers: boolean, 
/**
 * What the scheme is, in sentences, for readers who do not know it (printed under its heading).
 */
explanation: string, explanation_en: string, 
/**
 * The certificate file, an attachment id.
 */
attachment: number | null, };

export type DurationUnit = "minutes" | "hours" | "days" | "weeks" | "months" | "years";

export type Period = "continuous" | "day" | "week" | "month" | "quarter" | "year" | "on_event";

export type PartyKey = "customer" | "provider" | "platform" | "carrier" | "other";

export type BackupMethod = "full" | "differential" | "incremental" | "snapshot" | "replication";

export type RequestPolicy = "offered" | "paid" | "not_offered" | "unspecified";

export type LogKind = "access" | "system" | "operation" | "audit" | "admin" | "delivery" | "network";

export type CustomerAccess = "self_service" | "on_request" | "not_offered";

export type TimeSourceKind = "platform_ntp" | "public_ntp" | "own_ntp" | "gnss";

export type DataCategory = "customer_data" | "backup" | "logs" | "all";

export type LocationChangePolicy = "never" | "prior_notice" | "consent";

export type DeletionTrigger = "contract_end" | "service_end_date" | "cancellation" | "account_deletion";

export type DeletionMethod = "environment_deletion" | "complete_erasure" | "crypto_erase" | "logical_delete" | "overwrite" | "physical_destruction";

export type CertificatePolicy = "issued" | "on_request" | "not_issued" | "unspecified";

export type Availability = "standard" | "option" | "some_services" | "on_request" | "not_offered";

export type FeatureCategory = "user_management" | "access_rights" | "authentication" | "sso" | "mfa" | "password_policy" | "session" | "account_lock" | "ip_restriction" | "labelling" | "audit_log" | "encryption" | "anti_phishing" | "utility" | "other";

export type Performer = "internal" | "third_party" | "platform";

export type OperationKind = "monitoring" | "manned_monitoring" | "resource_monitoring" | "patching" | "vulnerability_scan" | "penetration_test" | "malware_protection" | "waf" | "ids_ips" | "internal_audit" | "account_review" | "log_review" | "training" | "incident_drill" | "capacity_review" | "csirt" | "admin_workstation" | "other";

export type ContactPurpose = "general_inquiry" | "support" | "incident_report" | "vulnerability_report" | "privacy" | "contract";

export type AdvanceNoticeKind = "maintenance" | "service_change" | "location_change" | "subprocessor_change";

export type CryptoRegulation = "unspecified" | "not_offered_in_regulated" | "complies" | "statement";

export type Duration = { value: number, unit: DurationUnit, };

export type Frequency = { count: number, per: Period, at_least: boolean, 
/**
 * "03:00", or empty.
 */
at: string, };

export type OrganisationFacts = { address: string, address_en: string, website_url: string, security_policy_url: string, privacy_policy_url: string, terms_url: string, };

export type Service = { id: string, name: string, name_en: string, description: string, description_en: string, url: string, 
/**
 * The cloud platform it runs on: a supplier id (its name is {platform}).
 */
platform_supplier: string, };

export type ContactPoint = { id: string, purposes: Array<ContactPurpose>, name: string, name_en: string, unit: string, unit_en: string, email: string, phone: string, url: string, chat: string, chat_en: string, hours: string, hours_en: string, 
/**
 * 24 時間受付 for incidents and failures.
 */
around_the_clock: boolean, preregistration_required: boolean, };

export type Party = { key: PartyKey, label: string, label_en: string, };

export type ResponsibilityItem = { id: string, item: string, item_en: string, detail: string, detail_en: string, party: PartyKey, shared_with: Array<PartyKey>, };

export type BackupTarget = { id: string, name: string, name_en: string, method: BackupMethod, frequency: Frequency, generations: number | null, retention: Duration | null, location: string, location_en: string, };

export type BackupPolicy = { scope: string, scope_en: string, targets: Array<BackupTarget>, offsite: boolean, offsite_location: string, offsite_location_en: string, encrypted: boolean, restore_on_request: RequestPolicy, restore_test: Frequency | null, dr_site_location: string, dr_site_location_en: string, dr_site_description: string, dr_site_description_en: string, };

export type LogTarget = { id: string, kind: LogKind, name: string, name_en: string, retention: Duration, rotation: Frequency | null, customer_visible: boolean, };

export type LogPolicy = { targets: Array<LogTarget>, 
/**
 * Full sentence(s): how access to logs is restricted.
 */
protection: string, protection_en: string, encrypted: boolean, review: Frequency | null, realtime_alerts: boolean, customer_access: CustomerAccess, customer_access_note: string, customer_access_note_en: string, no_use_without_consent: boolean, };

export type TimeSource = { source_kind: TimeSourceKind, 
/**
 * "NICT の公開 NTP サービス"; empty → the kind in words.
 */
source_name: string, source_name_en: string, servers: Array<string>, poll_interval: Duration | null, 
/**
 * 日本標準時 / Japan Standard Time
 */
timezone_label: string, timezone_label_en: string, 
/**
 * "UTC+9"
 */
utc_offset: string, log_timezone_same: boolean, };

export type DataLocation = { id: string, data: DataCategory, country: string, country_en: string, region: string, region_en: string, facility: string, facility_en: string, redundancy: string, redundancy_en: string, supplier: string, change_policy: LocationChangePolicy, };

export type DeletionStep = { environment: string, environment_en: string, data: string, data_en: string, after_days: number | null, method: DeletionMethod, };

export type DeletionPolicy = { trigger: DeletionTrigger, 
/**
 * Days after the trigger the deletion starts (1 = the next day); none when it is not said.
 */
start_after_days: number | null, 
/**
 * Every copy gone within this many days of the trigger; 0 = not stated.
 */
within_days: number, steps: Array<DeletionStep>, exclusions: string, exclusions_en: string, unrecoverable: boolean, 
/**
 * A noun phrase: the feature to export data before the end.
 */
export_before_deletion: string, export_before_deletion_en: string, certificate: CertificatePolicy, 
/**
 * Full sentence(s): how the platform disposes of storage media.
 */
media_disposal: string, media_disposal_en: string, };

export type CustomerFeature = { id: string, category: FeatureCategory, name: string, name_en: string, description: string, description_en: string, availability: Availability, 
/**
 * Service ids, when only some services offer it.
 */
services: Array<string>, settings: string, settings_en: string, limitation: string, limitation_en: string, };

export type OperationalFact = { id: string, kind: OperationKind, 
/**
 * Empty → the kind in words.
 */
name: string, name_en: string, frequency: Frequency | null, 
/**
 * "24時間365日"
 */
coverage: string, coverage_en: string, performer: Performer, description: string, description_en: string, };

export type AdvanceNotice = { id: string, kind: AdvanceNoticeKind, 
/**
 * A noun phrase: "サービスの利用に影響する計画メンテナンス".
 */
scope: string, scope_en: string, 
/**
 * How long before (none = "in advance").
 */
before: Duration | null, channel: string, channel_en: string, recipient: string, recipient_en: string, emergency_exception: boolean, };

export type LegalFacts = { governing_law: string, governing_law_en: string, jurisdiction: string, jurisdiction_en: string, platform_governing_law: string, platform_governing_law_en: string, platform_jurisdiction: string, platform_jurisdiction_en: string, crypto_regulation: CryptoRegulation, crypto_regulation_note: string, crypto_regulation_note_en: string, };

export type Facts = { organisation: OrganisationFacts, services: Array<Service>, contact_points: Array<ContactPoint>, 
/**
 * The parties of the responsibility split, with their labels (お客様 / 当社 / Microsoft Azure …).
 */
parties: Array<Party>, responsibility: Array<ResponsibilityItem>, backup: BackupPolicy, logs: LogPolicy, time_source: TimeSource, data_locations: Array<DataLocation>, deletion: DeletionPolicy, features: Array<CustomerFeature>, operations: Array<OperationalFact>, advance_notices: Array<AdvanceNotice>, legal: LegalFacts, };

export type WhitepaperSummary = { doc_id: string, title: string, lang: string, updated_at: string, versions: number, latest_version: string | null, latest_issued_on: string | null, 
/**
 * Why the latest issued version no longer matches the data (empty when it does, or nothing is issued).
 */
out_of_date: Array<StaleReason>, };

export type StaleReason = { "kind": "certificate_expired", cert_id: string, expires_on: string | null, } | { "kind": "statement_changed", control_id: string, };

export type WhitepaperVersion = { version: string, issued_on: string, prepared_by: string, approved_by: string, summary: string, issued_at: string, 
/**
 * The audit chain's head when it was issued.
 */
chain_head: string | null, 
/**
 * SHA-256 of the frozen document, as an exported PDF carries it (`isms verify-document`).
 */
content_sha256: string, };

export type IssueWhitepaper = { version: string, issued_on: string, prepared_by: string, approved_by: string, summary: string, };

export type Numbering = { 
/**
 * One pattern per level: "{1}.", "{1}-{2}", "({1:kana})", "{2:A})" …; empty = nothing numbered.
 */
levels: Array<string>, };

export type Toc = { enabled: boolean, 
/**
 * Levels listed (1 = chapters only).
 */
depth: number, 
/**
 * Empty → the phrase `document.toc_heading`.
 */
heading: string, page_numbers: boolean, dot_leaders: boolean, };

export type VersionFormat = { 
/**
 * On the cover: "第{v}版", "Ver.{v}"; empty → the phrase `document.version_default`.
 */
label: string, 
/**
 * In the revision history: "{v}", "第{v}版".
 */
history_label: string, 
/**
 * The first version's label in both places, e.g. "初版"; empty = none.
 */
first_label: string, 
/**
 * Printed for a draft instead of a version: "案".
 */
draft_label: string, };

export type CoverLine = "document_number" | "title" | "subtitle" | "organisation" | "date" | "version" | "date_version";

export type Cover = { 
/**
 * A cover page; without one the title heads the first page (000's letter form).
 */
enabled: boolean, lines: Array<CoverLine>, };

export type DateLine = "none" | "issued" | "updated";

export type Closing = { 
/**
 * 「記」 after the opening (business-letter form).
 */
ki: boolean, 
/**
 * 「以上」 at the end.
 */
ijo: boolean, date_line: DateLine, 
/**
 * Lines after the date: "{organisation}", department names …
 */
signature_lines: Array<string>, };

export type PageFormat = { size: string, orientation: string, 
/**
 * "n", "n / N" or "none".
 */
page_numbers: string, };

export type SectionKind = "free_text" | "control_statements" | "controls_by_theme" | "certifications" | "responsibility" | "notification_rule" | "backup" | "logs" | "time_source" | "data_location" | "data_deletion" | "subprocessors" | "customer_features" | "operations" | "mapping_27017" | "services" | "contacts" | "legal" | "revision_history" | "image";

export type Rows = string | Array<string>;

export type Section = { kind: SectionKind, id: string, heading: string, lead: string, trailing: string, 
/**
 * free_text's body; on any other kind it replaces the generated body (an override).
 */
text: string, numbered: boolean, 
/**
 * Printed instead of a number ("資料").
 */
label: string, in_toc: boolean, page_break_before: boolean, 
/**
 * Controls this section addresses (listed in the ISO/IEC 27017 mapping); control_statements prints theirs.
 */
controls: Array<string>, render: string, titles: { [key in string]: string }, framework: string, themes: Array<string>, fields: Array<string>, schemes: Array<string>, ids: Array<string>, parties: Array<PartyKey>, header_row?: boolean, rules: Array<string>, notices: Array<string>, rows: Rows, include_time_source: boolean, include_address: boolean, columns: Array<string>, column_headers: Array<string>, categories: Array<FeatureCategory>, availability: Array<Availability>, kinds: Array<string>, 
/**
 * mapping_27017: "number_heading", "heading" or "number".
 */
target: string, show_unaddressed: boolean, purposes: Array<ContactPurpose>, parts: Array<string>, date_format: string, 
/**
 * image: the file (relative to the definition file) when importing; kept inside the database as an attachment.
 */
path: string, attachment?: number, caption: string, width_mm?: number, 
/**
 * controls_by_theme children: the theme they go under, and the control they follow (`after`) or replace (`at`).
 */
theme: string, after: string, at: string, children: Array<Section>, };

export type Lang = "ja" | "en";

export type Definition = { title: string, subtitle: string, document_number: string, lang: Lang, 
/**
 * Service ids (facts); the first is {service}.
 */
services: Array<string>, 
/**
 * chrono format: "%Y年%-m月%-d日", "%-d %B %Y".
 */
date_format: string, 
/**
 * A paragraph before the first section.
 */
opening: string, numbering: Numbering, toc: Toc, version: VersionFormat, cover: Cover, closing: Closing, page: PageFormat, 
/**
 * Phrase overrides for this document: "backup.lead" = "…".
 */
phrases: { [key in string]: string }, sections: Array<Section>, };

export type DraftReport = { problems: Array<string>, dropped: Array<string>, headings: number, };

export type PreviewPage = { 
/**
 * PNG, base64.
 */
png: string, 
/**
 * 1-based.
 */
page: number, pages: number, 
/**
 * The page each heading landed on (anchor → 1-based page), so the editor can show the section being edited.
 */
anchors: Array<[string, number]>, };

export type OutlineEntry = { level: number, number: string, text: string, anchor: string, };

export type WhitepaperDraft = { outline: Array<OutlineEntry>, report: DraftReport, versions: Array<WhitepaperVersion>, };

export type ExportFormat = "pdf" | "xlsx";

export type ExportProgress = { step: number, steps: number, what: string, };

export type ExportReport = { path: string, format: ExportFormat, version: string | null, draft: boolean, bytes: number, 
/**
 * PDF only.
 */
pages: number | null, 
/**
 * Characters the font could not draw (printed as 〓); empty when every character was drawn.
 */
missing_glyphs: Array<string>, };
