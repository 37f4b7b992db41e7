// Every call from the UI to the Rust side goes through this module: one typed function per command.
import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type {
  Asset, RegisterFields, RegisterKind, SoaSummary, VersionStatusChange,
  Contact, ContactPatch, CorrectiveAction, EffectivenessResult, Incident, IncidentDetail, IncidentFilter, IncidentLists,
  IncidentPatch, IncidentStatistics, IncidentSummary, IncidentsDue, NotificationRule,
  Attachment, Checklists, Evaluation, EvaluationInput, MonitoringEntry, RegisterExport, Supplier, SupplierDetail,
  SupplierDue, SupplierFilter, SupplierLists, SupplierPatch, SupplierView,
  AssetDetail, AssetFilter, AssetPage, AssetPatch, AssetQuery, AssetScheme, BatchOutcome, BulkEdit, AuditEntry, ControlDetail, ControlUpdate,
  DatabaseInfo, ExportProgress, ExportReport, ExportSummary, ImportProgress, ImportReport, ImportRequest, IpcError,
  IssueSoa, LevelCount, LevelFields, LevelPatch, Organisation, OrganisationPatch, RegisterEntry, RegisterFilter, RegisterPatch,
  RegisterPreview, RegisterSummary, ReviewDue, SchemeSettingsPatch, SoaRevision,
  Certification, CertificationPatch, CertificationView, Definition, Facts, IssueWhitepaper, PreviewPage, WhitepaperDraft,
  WhitepaperSummary, WhitepaperVersion,
  DepartmentCount, DepartmentWorkbook, InventoryRound, NewLevel, RetireRequest, RetirementMethod, RoundStatus,
  BackupInfo, BackupSettings, HealthReport, ImportBatch, UndoReport,
} from "./types";

export type { IpcError };

/** Normalises whatever a command rejected with into `{code, message}`. */
export function asIpcError(e: unknown): IpcError {
  if (e && typeof e === "object" && "code" in e && "message" in e) return e as IpcError;
  return { code: "io", message: String(e) };
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw asIpcError(e);
  }
}

export const api = {
  databaseInfo: () => call<DatabaseInfo>("database_info"),
  osLanguage: () => call<string>("os_language"),
  openDatabase: (path: string) => call<DatabaseInfo>("open_database", { path }),
  backupDatabase: (path: string) => call<void>("backup_database", { path }),
  registerSummary: () => call<RegisterSummary[]>("register_summary"),
  reviewsDue: (days: number) => call<ReviewDue[]>("reviews_due", { days }),
  listControls: (filter: RegisterFilter) => call<RegisterEntry[]>("list_controls", { filter }),
  control: (id: string) => call<ControlDetail>("control", { id }),
  /** Saves the changed fields; `base` is the entry as the form loaded it (a conflicting change is refused). */
  updateControl: (id: string, patch: RegisterPatch, base: RegisterFields | null) =>
    call<ControlUpdate>("update_control", { id, patch, base }),
  organisation: () => call<Organisation>("organisation"),
  updateOrganisation: (patch: OrganisationPatch, base: Organisation | null) =>
    call<Organisation>("update_organisation", { patch, base }),
  soaSummary: () => call<SoaSummary>("soa_summary"),
  recordHistory: (entity: string, recordId: string) => call<AuditEntry[]>("record_history", { entity, recordId }),
  undecidedControls: () => call<string[]>("undecided_controls"),
  setSoaVersionStatus: (change: VersionStatusChange) => call<SoaRevision>("set_soa_version_status", { change }),
  auditLog: (limit: number) => call<AuditEntry[]>("audit_log", { limit }),
  soaVersions: () => call<SoaRevision[]>("soa_versions"),
  issueSoa: (request: IssueSoa) => call<SoaRevision>("issue_soa", { request }),
  exportSoa: (version: string | null, lang: string, path: string) =>
    call<ExportReport>("export_soa", { version, lang, path }),
  assetScheme: () => call<AssetScheme>("asset_scheme"),
  /** `base`: the level as the form loaded it; a field someone else changed since is a conflict. */
  updateClassificationLevel: (level: string, patch: LevelPatch, base: LevelFields | null = null) =>
    call<AssetScheme>("update_classification_level", { level, patch, base }),
  setHandlingRule: (level: string, aspect: string, rule: string) =>
    call<AssetScheme>("set_handling_rule", { level, aspect, rule }),
  updateSchemeSettings: (patch: SchemeSettingsPatch) => call<AssetScheme>("update_scheme_settings", { patch }),
  queryAssets: (query: AssetQuery) => call<AssetPage>("query_assets", { query }),
  assetIds: (filter: AssetFilter) => call<string[]>("asset_ids", { filter }),
  assetLevelCounts: () => call<LevelCount[]>("asset_level_counts"),
  editAssets: (ids: string[], edit: BulkEdit) => call<BatchOutcome>("edit_assets", { ids, edit }),
  asset: (id: string) => call<AssetDetail>("asset", { id }),
  /** `base`: the asset as the form loaded it (null when creating). */
  saveAsset: (id: string, patch: AssetPatch, create: boolean, base: Asset | null) =>
    call<AssetDetail>("save_asset", { id, patch, create, base }),
  /** Imports the register the request names (assets, a supplier list, or an SoA spreadsheet). */
  importRegister: (request: ImportRequest) => call<ImportReport>("import_assets", { request }),
  previewRegister: (request: ImportRequest) => call<RegisterPreview>("preview_register", { request }),
  saveMapping: (kind: RegisterKind, path: string, columns: Record<string, string>) => call<void>("save_mapping", { kind, path, columns }),
  /** The register as .xlsx or .csv; retired assets too with `includeRetired`. */
  exportAssets: (path: string, includeRetired: boolean) => call<ExportSummary>("export_assets", { path, includeRetired }),
  assetLabels: (path: string, ids: string[]) => call<ExportReport>("asset_labels", { path, ids }),
  openExported: (path: string) => call<void>("open_exported", { path }),
  retirementMethods: () => call<RetirementMethod[]>("retirement_methods"),
  retireAssets: (request: RetireRequest) => call<BatchOutcome>("retire_assets", { request }),
  reinstateAsset: (id: string) => call<BatchOutcome>("reinstate_asset", { id }),
  /** Only an asset created by mistake; the audit trail keeps the record and the reason. */
  deleteAsset: (id: string, reason: string) => call<Asset>("delete_asset", { id, reason }),
  departments: () => call<DepartmentCount[]>("departments"),
  addClassificationLevel: (level: NewLevel) => call<AssetScheme>("add_classification_level", { level }),
  removeClassificationLevel: (level: string, moveTo: string | null) =>
    call<AssetScheme>("remove_classification_level", { level, moveTo }),
  inventoryRounds: () => call<InventoryRound[]>("inventory_rounds"),
  startInventoryRound: (year: number, due: string) => call<InventoryRound>("start_inventory_round", { year, due }),
  /** The open round (else the newest); null before the first. */
  inventoryStatus: (round: string | null) => call<RoundStatus | null>("inventory_status", { round }),
  closeInventoryRound: (round: string) => call<InventoryRound>("close_inventory_round", { round }),
  exportDepartment: (department: string, path: string) =>
    call<DepartmentWorkbook>("export_department", { department, path }),
  revealExported: (path: string) => call<void>("reveal_exported", { path }),
  suppliers: (filter: SupplierFilter) => call<SupplierView[]>("suppliers", { filter }),
  supplier: (id: string) => call<SupplierDetail>("supplier", { id }),
  /** `create` with an empty id gives the next SUP-nnnn; `base`: the supplier as the form loaded it. */
  saveSupplier: (id: string, patch: SupplierPatch, create: boolean, base: Supplier | null) =>
    call<SupplierDetail>("save_supplier", { id, patch, create, base }),
  supplierLists: () => call<SupplierLists>("supplier_lists"),
  setSupplierLists: (lists: SupplierLists) => call<SupplierLists>("set_supplier_lists", { lists }),
  supplierChecklists: () => call<Checklists>("supplier_checklists"),
  setSupplierChecklists: (checklists: Checklists) => call<Checklists>("set_supplier_checklists", { checklists }),
  recordEvaluation: (supplierId: string, input: EvaluationInput) => call<Evaluation>("record_evaluation", { supplierId, input }),
  updateEvaluation: (id: number, input: EvaluationInput) => call<Evaluation>("update_evaluation", { id, input }),
  approveEvaluation: (id: number, approver: string, nextDue: string | null) =>
    call<Evaluation>("approve_evaluation", { id, approver, nextDue }),
  addMonitoring: (supplierId: string, entry: MonitoringEntry) => call<MonitoringEntry>("add_monitoring", { supplierId, entry }),
  suppliersDue: (within: number) => call<SupplierDue[]>("suppliers_due", { within }),
  attachFile: (ownerEntity: string, ownerId: string, path: string) => call<Attachment>("attach_file", { ownerEntity, ownerId, path }),
  attachments: (ownerEntity: string, ownerId: string) => call<Attachment[]>("attachments", { ownerEntity, ownerId }),
  removeAttachment: (id: number) => call<void>("remove_attachment", { id }),
  openAttachment: (id: number) => call<void>("open_attachment", { id }),
  exportSuppliers: (path: string) => call<RegisterExport>("export_suppliers", { path }),
  exportCloudServices: (path: string, lang: string) => call<ExportReport>("export_cloud_services", { path, lang }),
  exportEvaluation: (id: number, path: string, lang: string) => call<ExportReport>("export_evaluation", { id, path, lang }),
  incidents: (filter: IncidentFilter) => call<IncidentSummary[]>("incidents", { filter }),
  incident: (id: string) => call<IncidentDetail>("incident", { id }),
  reportIncident: (patch: IncidentPatch) => call<IncidentDetail>("report_incident", { patch }),
  /** `base`: the record as the form loaded it. */
  saveIncident: (id: string, patch: IncidentPatch, base: Incident | null) => call<IncidentDetail>("save_incident", { id, patch, base }),
  decideIncident: (id: string, isIncident: boolean, by: string, reason: string) =>
    call<IncidentDetail>("decide_incident", { id, isIncident, by, reason }),
  addIncidentAction: (id: string, what: string, owner: string, dueOn: string) =>
    call<CorrectiveAction>("add_incident_action", { id, what, owner, dueOn }),
  completeIncidentAction: (action: number, doneOn: string) => call<CorrectiveAction>("complete_incident_action", { action, doneOn }),
  recordEffectiveness: (id: string, result: EffectivenessResult, by: string, note: string) =>
    call<IncidentDetail>("record_effectiveness", { id, result, by, note }),
  closeIncident: (id: string, approver: string) => call<IncidentDetail>("close_incident", { id, approver }),
  recordNotice: (id: string, ruleId: string, sentAt: string, note: string) =>
    call<IncidentDetail>("record_notice", { id, ruleId, sentAt, note }),
  incidentsDue: () => call<IncidentsDue>("incidents_due"),
  incidentStatistics: () => call<IncidentStatistics>("incident_statistics"),
  incidentLists: () => call<IncidentLists>("incident_lists"),
  notificationRules: () => call<NotificationRule[]>("notification_rules"),
  saveNotificationRule: (rule: NotificationRule) => call<NotificationRule>("save_notification_rule", { rule }),
  contacts: () => call<Contact[]>("contacts"),
  saveContact: (id: string, patch: ContactPatch, create: boolean) => call<Contact>("save_contact", { id, patch, create }),
  exportCar: (id: string, path: string, lang: string) => call<ExportReport>("export_car", { id, path, lang }),
  exportIncidents: (path: string) => call<RegisterExport>("export_incidents", { path }),
  certifications: () => call<CertificationView[]>("certifications"),
  certificationsDue: () => call<CertificationView[]>("certifications_due"),
  /** `base`: the certification as the form loaded it; a field someone else changed since is a conflict. */
  saveCertification: (id: string, patch: CertificationPatch, create: boolean, base?: Certification | null) =>
    call<CertificationView>("save_certification", { id, patch, create, base: base ?? null }),
  whitepaperFacts: () => call<Facts>("whitepaper_facts"),
  /** `base`: the facts as the editor loaded them; groups changed elsewhere since are kept, one changed on both sides
   * is a conflict. */
  saveWhitepaperFacts: (facts: Facts, base: Facts | null) => call<Facts>("save_whitepaper_facts", { facts, base }),
  whitepapers: () => call<WhitepaperSummary[]>("whitepapers"),
  whitepaperTemplates: () => call<string[]>("whitepaper_templates"),
  createWhitepaper: (template: string, id: string) => call<WhitepaperSummary[]>("create_whitepaper", { template, id }),
  importWhitepaper: (path: string, id: string, replace: boolean) =>
    call<WhitepaperSummary[]>("import_whitepaper", { path, id, replace }),
  exportWhitepaperDefinition: (id: string, path: string) => call<string>("export_whitepaper_definition", { id, path }),
  whitepaperDefinition: (id: string) => call<Definition>("whitepaper_definition", { id }),
  /** `base`: the definition as the editor loaded it; parts changed elsewhere since are kept, one changed on both
   * sides is a conflict. */
  saveWhitepaperDefinition: (id: string, definition: Definition, base: Definition | null) =>
    call<Definition>("save_whitepaper_definition", { id, definition, base }),
  whitepaperDraft: (id: string) => call<WhitepaperDraft>("whitepaper_draft", { id }),
  previewWhitepaper: (id: string, version: string | null, page: number) =>
    call<PreviewPage>("preview_whitepaper", { id, version, page }),
  issueWhitepaper: (id: string, request: IssueWhitepaper) => call<WhitepaperVersion>("issue_whitepaper", { id, request }),
  exportWhitepaper: (id: string, version: string | null, path: string) =>
    call<ExportReport>("export_whitepaper", { id, version, path }),
  /** The backups of the open database, newest first. */
  backups: () => call<BackupInfo[]>("backups"),
  /** A backup now, into the backup folder (checked after writing; older generations pruned). */
  createBackup: () => call<BackupInfo>("create_backup"),
  backupPolicy: () => call<BackupSettings>("backup_policy"),
  setBackupPolicy: (policy: BackupSettings) => call<BackupSettings>("set_backup_policy", { policy }),
  /** Replaces the open database with a backup (checked; the current file backed up first) and reopens it. */
  restoreBackup: (path: string) => call<DatabaseInfo>("restore_backup", { path }),
  databaseHealth: () => call<HealthReport>("database_health"),
  /** Every recorded import, newest first. */
  importBatches: () => call<ImportBatch[]>("import_batches"),
  /** Takes an import back; refused (`invalid_value`) when an asset it wrote was changed since, unless `force`. */
  undoImport: (id: number, force: boolean) => call<UndoReport>("undo_import", { id, force }),
  onImportProgress: (f: (p: ImportProgress) => void): Promise<UnlistenFn> =>
    listen<ImportProgress>("import-progress", (e) => f(e.payload)),
  onExportProgress: (f: (p: ExportProgress) => void): Promise<UnlistenFn> =>
    listen<ExportProgress>("export-progress", (e) => f(e.payload)),
};

/** Asks `mayClose` (which may show the app's own dialog) before the window closes; it stays open unless it answers true. */
export async function guardClose(mayClose: () => Promise<boolean>): Promise<UnlistenFn> {
  const { getCurrentWindow } = await import("@tauri-apps/api/window");
  return getCurrentWindow().onCloseRequested(async (event) => {
    if (!(await mayClose())) event.preventDefault();
  });
}

/** Native open/save dialogs; `null` when the user cancels. */
export async function chooseFile(kind: "open" | "save", extensions: string[], defaultPath?: string): Promise<string | null> {
  const dialog = await import("@tauri-apps/plugin-dialog");
  const filters = [{ name: extensions.join(", "), extensions }];
  const picked = kind === "open" ? await dialog.open({ multiple: false, filters }) : await dialog.save({ filters, defaultPath });
  return typeof picked === "string" ? picked : null;
}

/** The native folder dialog; `null` when the user cancels. */
export async function chooseFolder(): Promise<string | null> {
  const dialog = await import("@tauri-apps/plugin-dialog");
  const picked = await dialog.open({ directory: true, multiple: false });
  return typeof picked === "string" ? picked : null;
}
