// The whitepaper facts as the one generic editor shows them (components/RecordFields, RecordList, FactsEditor): each
// group is a few parts — a single record or a list of records at a path of `Facts` — and each part a list of fields
// (name, label, kind). The enumerations' values mirror crates/isms-core/src/whitepaper/facts.rs; their words are the
// `wpe_<enum>_<value>` messages (a unit test checks every one exists in both languages).
import type {
  AdvanceNotice, BackupTarget, ContactPoint, CustomerFeature, DataLocation, DeletionStep, Duration, Facts, Frequency,
  LogTarget, OperationalFact, Party, ResponsibilityItem, Service,
} from "./ipc/types";
import type { Messages } from "./messages";

export const ENUMS = {
  unit: ["minutes", "hours", "days", "weeks", "months", "years"],
  period: ["continuous", "day", "week", "month", "quarter", "year", "on_event"],
  party: ["customer", "provider", "platform", "carrier", "other"],
  backup_method: ["full", "differential", "incremental", "snapshot", "replication"],
  request_policy: ["offered", "paid", "not_offered", "unspecified"],
  log_kind: ["access", "system", "operation", "audit", "admin", "delivery", "network"],
  customer_access: ["self_service", "on_request", "not_offered"],
  time_source_kind: ["platform_ntp", "public_ntp", "own_ntp", "gnss"],
  data_category: ["customer_data", "backup", "logs", "all"],
  location_change_policy: ["never", "prior_notice", "consent"],
  deletion_trigger: ["contract_end", "service_end_date", "cancellation", "account_deletion"],
  deletion_method: ["environment_deletion", "complete_erasure", "crypto_erase", "logical_delete", "overwrite", "physical_destruction"],
  certificate_policy: ["issued", "on_request", "not_issued", "unspecified"],
  availability: ["standard", "option", "some_services", "on_request", "not_offered"],
  feature_category: [
    "user_management", "access_rights", "authentication", "sso", "mfa", "password_policy", "session", "account_lock",
    "ip_restriction", "labelling", "audit_log", "encryption", "anti_phishing", "utility", "other",
  ],
  performer: ["internal", "third_party", "platform"],
  operation_kind: [
    "monitoring", "manned_monitoring", "resource_monitoring", "patching", "vulnerability_scan", "penetration_test",
    "malware_protection", "waf", "ids_ips", "internal_audit", "account_review", "log_review", "training", "incident_drill",
    "capacity_review", "csirt", "admin_workstation", "other",
  ],
  contact_purpose: ["general_inquiry", "support", "incident_report", "vulnerability_report", "privacy", "contract"],
  advance_notice_kind: ["maintenance", "service_change", "location_change", "subprocessor_change"],
  crypto_regulation: ["unspecified", "not_offered_in_regulated", "complies", "statement"],
} as const;

export type EnumName = keyof typeof ENUMS;

/** The message naming one value of an enumeration. */
export const enumKey = (e: EnumName, value: string) => `wpe_${e}_${value}` as keyof Messages;

/** Options computed from other records: the suppliers (a platform, a data location's supplier) and the services. */
export type Dynamic = "suppliers" | "services";

export type FieldKind = "text" | "textarea" | "select" | "number" | "bool" | "list" | "multi" | "duration" | "frequency";

export type Field = {
  key: string;
  label: keyof Messages;
  kind: FieldKind;
  /** A `key_en` twin, edited side by side (日本語 | English). */
  en?: boolean;
  /** The values of a select or multi: an enumeration or records entered elsewhere. */
  enumeration?: EnumName;
  dynamic?: Dynamic;
  /** number, duration, frequency: may be left empty (null). */
  optional?: boolean;
  placeholder?: string;
};

export type Part =
  | { kind: "record"; path: string; label?: keyof Messages; fields: Field[] }
  | { kind: "list"; path: string; label: keyof Messages; fields: Field[]; create: () => object; title: string[] };

export type Group = { id: string; label: keyof Messages; hint?: keyof Messages; parts: Part[] };

const text = (key: string, label: keyof Messages, en = true): Field => ({ key, label, kind: "text", en });
const area = (key: string, label: keyof Messages, en = true): Field => ({ key, label, kind: "textarea", en });
const select = (key: string, label: keyof Messages, enumeration: EnumName): Field => ({ key, label, kind: "select", enumeration });
const bool = (key: string, label: keyof Messages): Field => ({ key, label, kind: "bool" });
const plain = (key: string, label: keyof Messages, placeholder?: string): Field => ({ key, label, kind: "text", placeholder });
const id: Field = { key: "id", label: "fx_id", kind: "text", placeholder: "main" };

const frequency = (): Frequency => ({ count: 1, per: "day", at_least: false, at: "" });
const duration = (value: number, unit: Duration["unit"]): Duration => ({ value, unit });

/** Every group of facts, in the order the editor lists them. */
export const GROUPS: Group[] = [
  {
    id: "organisation", label: "fg_organisation", hint: "fg_organisation_hint",
    parts: [{
      kind: "record", path: "organisation",
      fields: [text("address", "fx_address"), plain("website_url", "fx_website_url", "https://"), plain("security_policy_url", "fx_security_policy_url", "https://"),
        plain("privacy_policy_url", "fx_privacy_policy_url", "https://"), plain("terms_url", "fx_terms_url", "https://")],
    }],
  },
  {
    id: "services", label: "fg_services",
    parts: [{
      kind: "list", path: "services", label: "fg_services", title: ["id", "name"],
      fields: [id, text("name", "fx_name"), area("description", "fx_description"), plain("url", "fx_url", "https://"),
        { key: "platform_supplier", label: "fx_platform_supplier", kind: "select", dynamic: "suppliers" }],
      create: (): Service => ({ id: "", name: "", name_en: "", description: "", description_en: "", url: "", platform_supplier: "" }),
    }],
  },
  {
    id: "contact_points", label: "fg_contacts",
    parts: [{
      kind: "list", path: "contact_points", label: "fg_contacts", title: ["id", "name"],
      fields: [id, { key: "purposes", label: "fx_purposes", kind: "multi", enumeration: "contact_purpose" }, text("name", "fx_name"),
        text("unit", "fx_unit"), plain("email", "fx_email"), plain("phone", "fx_phone"), plain("url", "fx_url", "https://"),
        text("chat", "fx_chat"), text("hours", "fx_hours"), bool("around_the_clock", "fx_around_the_clock"),
        bool("preregistration_required", "fx_preregistration_required")],
      create: (): ContactPoint => ({
        id: "", purposes: [], name: "", name_en: "", unit: "", unit_en: "", email: "", phone: "", url: "", chat: "", chat_en: "",
        hours: "", hours_en: "", around_the_clock: false, preregistration_required: false,
      }),
    }],
  },
  {
    id: "responsibility", label: "fg_responsibility",
    parts: [
      {
        kind: "list", path: "parties", label: "fg_parties", title: ["key", "label"],
        fields: [select("key", "fx_party_key", "party"), text("label", "fx_label")],
        create: (): Party => ({ key: "other", label: "", label_en: "" }),
      },
      {
        kind: "list", path: "responsibility", label: "fg_responsibility_items", title: ["id", "item"],
        fields: [id, text("item", "fx_item"), area("detail", "fx_detail"), select("party", "fx_party", "party"),
          { key: "shared_with", label: "fx_shared_with", kind: "multi", enumeration: "party" }],
        create: (): ResponsibilityItem => ({ id: "", item: "", item_en: "", detail: "", detail_en: "", party: "provider", shared_with: [] }),
      },
    ],
  },
  {
    id: "backup", label: "fg_backup",
    parts: [
      {
        kind: "record", path: "backup",
        fields: [text("scope", "fx_scope"), bool("encrypted", "fx_encrypted"), bool("offsite", "fx_offsite"), text("offsite_location", "fx_offsite_location"),
          select("restore_on_request", "fx_restore_on_request", "request_policy"),
          { key: "restore_test", label: "fx_restore_test", kind: "frequency", optional: true },
          text("dr_site_location", "fx_dr_site_location"), area("dr_site_description", "fx_dr_site_description")],
      },
      {
        kind: "list", path: "backup.targets", label: "fg_backup_targets", title: ["id", "name"],
        fields: [id, text("name", "fx_name"), select("method", "fx_method", "backup_method"), { key: "frequency", label: "fx_frequency", kind: "frequency" },
          { key: "generations", label: "fx_generations", kind: "number", optional: true },
          { key: "retention", label: "fx_retention", kind: "duration", optional: true }, text("location", "fx_location")],
        create: (): BackupTarget => ({
          id: "", name: "", name_en: "", method: "full", frequency: frequency(), generations: null, retention: null, location: "", location_en: "",
        }),
      },
    ],
  },
  {
    id: "logs", label: "fg_logs",
    parts: [
      {
        kind: "record", path: "logs",
        fields: [area("protection", "fx_protection"), bool("encrypted", "fx_encrypted"), { key: "review", label: "fx_review", kind: "frequency", optional: true },
          bool("realtime_alerts", "fx_realtime_alerts"), select("customer_access", "fx_customer_access", "customer_access"),
          text("customer_access_note", "fx_customer_access_note"), bool("no_use_without_consent", "fx_no_use_without_consent")],
      },
      {
        kind: "list", path: "logs.targets", label: "fg_log_targets", title: ["id", "name"],
        fields: [id, select("kind", "fx_log_kind", "log_kind"), text("name", "fx_name"), { key: "retention", label: "fx_retention", kind: "duration" },
          { key: "rotation", label: "fx_rotation", kind: "frequency", optional: true }, bool("customer_visible", "fx_customer_visible")],
        create: (): LogTarget => ({ id: "", kind: "system", name: "", name_en: "", retention: duration(1, "years"), rotation: null, customer_visible: false }),
      },
    ],
  },
  {
    id: "time_source", label: "fg_time_source",
    parts: [{
      kind: "record", path: "time_source",
      fields: [select("source_kind", "fx_source_kind", "time_source_kind"), text("source_name", "fx_source_name"),
        { key: "servers", label: "fx_servers", kind: "list", placeholder: "ntp.nict.jp" },
        { key: "poll_interval", label: "fx_poll_interval", kind: "duration", optional: true }, text("timezone_label", "fx_timezone_label"),
        plain("utc_offset", "fx_utc_offset", "UTC+9"), bool("log_timezone_same", "fx_log_timezone_same")],
    }],
  },
  {
    id: "data_locations", label: "fg_data_locations",
    parts: [{
      kind: "list", path: "data_locations", label: "fg_data_locations", title: ["id", "country"],
      fields: [id, select("data", "fx_data", "data_category"), text("country", "fx_country"), text("region", "fx_region"),
        text("facility", "fx_facility"), text("redundancy", "fx_redundancy"), { key: "supplier", label: "fx_supplier", kind: "select", dynamic: "suppliers" },
        select("change_policy", "fx_change_policy", "location_change_policy")],
      create: (): DataLocation => ({
        id: "", data: "all", country: "", country_en: "", region: "", region_en: "", facility: "", facility_en: "", redundancy: "",
        redundancy_en: "", supplier: "", change_policy: "prior_notice",
      }),
    }],
  },
  {
    id: "deletion", label: "fg_deletion",
    parts: [
      {
        kind: "record", path: "deletion",
        fields: [select("trigger", "fx_trigger", "deletion_trigger"), { key: "start_after_days", label: "fx_start_after_days", kind: "number", optional: true },
          { key: "within_days", label: "fx_within_days", kind: "number" }, text("exclusions", "fx_exclusions"), bool("unrecoverable", "fx_unrecoverable"),
          text("export_before_deletion", "fx_export_before_deletion"), select("certificate", "fx_certificate", "certificate_policy"),
          area("media_disposal", "fx_media_disposal")],
      },
      {
        kind: "list", path: "deletion.steps", label: "fg_deletion_steps", title: ["environment", "data"],
        fields: [text("environment", "fx_environment"), text("data", "fx_step_data"), { key: "after_days", label: "fx_after_days", kind: "number", optional: true },
          select("method", "fx_deletion_method", "deletion_method")],
        create: (): DeletionStep => ({ environment: "", environment_en: "", data: "", data_en: "", after_days: null, method: "complete_erasure" }),
      },
    ],
  },
  {
    id: "features", label: "fg_features",
    parts: [{
      kind: "list", path: "features", label: "fg_features", title: ["id", "name"],
      fields: [id, select("category", "fx_category", "feature_category"), text("name", "fx_name"), area("description", "fx_description"),
        select("availability", "fx_availability", "availability"), { key: "services", label: "fx_services", kind: "multi", dynamic: "services" },
        text("settings", "fx_settings"), text("limitation", "fx_limitation")],
      create: (): CustomerFeature => ({
        id: "", category: "other", name: "", name_en: "", description: "", description_en: "", availability: "standard", services: [],
        settings: "", settings_en: "", limitation: "", limitation_en: "",
      }),
    }],
  },
  {
    id: "operations", label: "fg_operations",
    parts: [{
      kind: "list", path: "operations", label: "fg_operations", title: ["id", "name", "kind"],
      fields: [id, select("kind", "fx_op_kind", "operation_kind"), text("name", "fx_name"), { key: "frequency", label: "fx_frequency", kind: "frequency", optional: true },
        text("coverage", "fx_coverage"), select("performer", "fx_performer", "performer"), area("description", "fx_description")],
      create: (): OperationalFact => ({
        id: "", kind: "other", name: "", name_en: "", frequency: null, coverage: "", coverage_en: "", performer: "internal", description: "", description_en: "",
      }),
    }],
  },
  {
    id: "advance_notices", label: "fg_advance_notices",
    parts: [{
      kind: "list", path: "advance_notices", label: "fg_advance_notices", title: ["id", "kind"],
      fields: [id, select("kind", "fx_notice_kind", "advance_notice_kind"), text("scope", "fx_notice_scope"),
        { key: "before", label: "fx_before", kind: "duration", optional: true }, text("channel", "fx_channel"), text("recipient", "fx_recipient"),
        bool("emergency_exception", "fx_emergency_exception")],
      create: (): AdvanceNotice => ({
        id: "", kind: "maintenance", scope: "", scope_en: "", before: null, channel: "", channel_en: "", recipient: "", recipient_en: "", emergency_exception: false,
      }),
    }],
  },
  {
    id: "legal", label: "fg_legal",
    parts: [{
      kind: "record", path: "legal",
      fields: [text("governing_law", "fx_governing_law"), text("jurisdiction", "fx_jurisdiction"), text("platform_governing_law", "fx_platform_governing_law"),
        text("platform_jurisdiction", "fx_platform_jurisdiction"), select("crypto_regulation", "fx_crypto_regulation", "crypto_regulation"),
        text("crypto_regulation_note", "fx_crypto_regulation_note")],
    }],
  },
];

/** The object at a dotted path of the facts ("backup.targets"). */
export function getPath(facts: Facts, path: string): unknown {
  return path.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], facts);
}

/** Replaces the object at a dotted path. */
export function setPath(facts: Facts, path: string, value: unknown) {
  const keys = path.split(".");
  const last = keys.pop() as string;
  const parent = keys.reduce<Record<string, unknown>>((o, k) => o[k] as Record<string, unknown>, facts as unknown as Record<string, unknown>);
  parent[last] = value;
}

/** A record's line in a list: its id and name (the fields `title` names), empty ones left out. */
export function recordTitle(record: Record<string, unknown>, keys: string[], word: (key: string, value: string) => string): string {
  return keys.map((k) => word(k, String(record[k] ?? ""))).filter((x) => x.trim() !== "").join(" — ");
}

/** How many records a group holds (shown beside its name). */
export function groupCount(facts: Facts, g: Group): number | null {
  const lists = g.parts.filter((p) => p.kind === "list");
  if (lists.length === 0) return null;
  return lists.reduce((n, p) => n + ((getPath(facts, p.path) as unknown[] | undefined)?.length ?? 0), 0);
}
