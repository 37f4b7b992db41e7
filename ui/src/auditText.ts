// The audit trail in words: which record, which field, what value, as the dashboard shows the last changes.
import type { AuditEntry } from "./ipc/types";
import type { Messages } from "./messages";

type T = (key: keyof Messages) => string;

const ENTITIES: Record<string, keyof Messages> = {
  control_register: "audit_entity_control",
  asset: "audit_entity_asset",
  asset_scheme: "audit_entity_asset_scheme",
  classification_level: "audit_entity_level",
  handling_rule: "audit_entity_handling_rule",
  organisation: "audit_entity_organisation",
  soa_version: "audit_entity_soa_version",
  supplier: "nav_suppliers",
  supplier_evaluation: "sup_tab_evaluations",
  setting: "nav_settings",
  incident: "audit_entity_incident",
  contact: "audit_entity_contact",
  notification_rule: "audit_entity_notification_rule",
  certification: "audit_entity_certification",
  whitepaper: "audit_entity_whitepaper",
  whitepaper_facts: "audit_entity_whitepaper_facts",
  inventory_round: "audit_entity_inventory_round",
};

// "entity.field" first, then the field alone.
const FIELDS: Record<string, keyof Messages> = {
  applicable: "field_applicable",
  inclusion_reasons: "field_reasons",
  exclusion_justification: "field_exclusion",
  status: "field_status",
  implementation: "field_implementation",
  customer_statement: "field_customer_statement",
  implementation_en: "field_implementation_en",
  customer_statement_en: "field_customer_statement_en",
  own_decision: "control_own_decision",
  accepted_undecided: "soa_accepted_undecided",
  status_reason: "soa_status_reason",
  name_en: "settings_org_name_en",
  "classification_level.name_en": "settings_level_name_en",
  isms_scope_en: "settings_scope_en",
  responsible_role: "field_role",
  related_documents: "audit_field_documents",
  evidence: "audit_field_evidence",
  last_reviewed: "field_last_reviewed",
  next_review: "field_next_review",
  cloud_role: "field_cloud_role",
  inherited_from: "field_inherited",
  "organisation.name": "settings_org_name",
  isms_scope: "settings_scope",
  soa_document_number: "settings_soa_number",
  approved_by: "soa_approver",
  summary: "soa_summary",
  issued_on: "soa_date",
  prepared_by: "audit_field_prepared_by",
  name_ja: "settings_level_name_ja",
  label: "settings_level_label",
  colour: "settings_level_colour",
  position: "audit_field_position",
  rule: "audit_field_rule",
  importance_rule: "settings_importance",
  confidentiality_max: "audit_field_confidentiality_max",
  integrity_max: "audit_field_integrity_max",
  availability_max: "audit_field_availability_max",
  asset_types: "audit_field_asset_types",
  categories: "audit_field_categories",
  "asset.name": "import_field_name",
  asset_type: "import_field_asset_type",
  category: "import_field_category",
  classification: "import_field_classification",
  confidentiality: "import_field_confidentiality",
  integrity: "import_field_integrity",
  availability: "import_field_availability",
  owner: "import_field_owner",
  custodian: "import_field_custodian",
  location: "import_field_location",
  media: "import_field_media",
  retention: "import_field_retention",
  disposal_method: "import_field_disposal_method",
  labels: "import_field_labels",
  notes: "import_field_notes",
  cloud_purpose: "import_field_cloud_purpose",
  cloud_information: "import_field_cloud_information",
  controls: "import_field_controls",
  custom: "asset_custom",
  department: "audit_field_department",
  retired_on: "audit_field_retired_on",
  retirement_method: "audit_field_retirement_method",
  retirement_approver: "audit_field_retirement_approver",
  retirement_note: "audit_field_retirement_note",
  review_interval_months: "audit_field_review_interval",
  "asset.reason": "audit_field_delete_reason",
  "inventory_round.sent": "audit_field_sent",
  "inventory_round.returned": "audit_field_returned",
  "inventory_round.closed_on": "audit_field_closed_on",
  "supplier.name": "sup_name",
  "supplier.kind": "sup_kind",
  "supplier.status": "sup_status",
  services: "sup_services",
  purpose: "sup_purpose",
  info_categories: "sup_info",
  highest_level: "sup_level",
  criticality: "sup_criticality",
  subcontracting_allowed: "sup_subcontracting",
  subcontractors: "sup_subcontractors",
  "supplier.assets": "sup_assets",
  "supplier.controls": "sup_controls",
  contracts: "sup_contracts",
  certifications: "sup_certs",
  data_location: "sup_location",
  governing_law: "sup_law",
  security_url: "sup_url",
  contact: "sup_contact",
  disclose_as_subprocessor: "sup_subprocessor",
  "supplier.notes": "sup_notes",
  monitoring: "sup_tab_monitoring",
  attachment: "sup_attachment",
  approver: "sup_eval_approver",
  next_due: "sup_next_due",
  "incident.title": "inc_title",
  "incident.source": "inc_source",
  "incident.category": "inc_category",
  "incident.state": "inc_state",
  "incident.discovered_at": "inc_discovered_at",
  "incident.detected_at": "inc_detected_at",
  "incident.aware_at": "inc_aware_at",
  "incident.occurred_at": "inc_occurred_at",
  "incident.discovered_by": "inc_discovered_by",
  "incident.reported_to": "inc_reported_to",
  "incident.route": "inc_route",
  "incident.confirmed": "inc_confirmed",
  "incident.description": "inc_description",
  "incident.assets": "inc_assets",
  "incident.supplier": "inc_supplier",
  "incident.controls": "inc_controls",
  "incident.flags": "inc_flags",
  "incident.decided_by": "inc_decided_by",
  "incident.decision_reason": "inc_reason",
  "incident.emergency_action": "inc_emergency",
  "incident.emergency_decided_by": "inc_emergency_by",
  "incident.correction": "inc_correction",
  "incident.correction_by": "inc_correction_by",
  "incident.correction_at": "inc_correction_at",
  "incident.authorities": "inc_authorities",
  "incident.evidence": "inc_evidence",
  "incident.impact": "inc_impact_scale",
  "incident.root_cause": "inc_root_cause",
  "incident.recurrence_elsewhere": "inc_recurrence",
  "incident.effectiveness_planned_on": "inc_eff_planned",
  "incident.effectiveness_reviewer": "inc_reviewer",
  "incident.isms_changes": "inc_isms_changes",
  "incident.supplier_reevaluation": "inc_supplier_reevaluation",
  "incident.rules": "inc_rules",
  "incident.closed_by": "inc_approver",
  "incident.action": "inc_action_what",
  "incident.notice": "clock_record_notice",
  "contact.name_ja": "contact_name",
  "contact.kind": "contact_kind",
  "contact.phone": "contact_phone",
  "contact.when_ja": "contact_when",
  "certification.scheme": "cert_scheme",
  "certification.name": "cert_name",
  "certification.standard": "cert_standard",
  "certification.certification_body": "cert_body",
  "certification.accreditation_body": "cert_accreditation",
  "certification.certificate_number": "cert_number",
  "certification.scope": "cert_scope",
  "certification.first_granted_on": "cert_first_granted",
  "certification.issued_on": "cert_issued",
  "certification.expires_on": "cert_expires",
  "certification.surveillance_audits": "cert_surveillance",
  "certification.holder": "cert_holder",
  "certification.show_in_whitepapers": "cert_show_in_whitepapers",
  "certification.explanation": "cert_explanation",
  "certification.attachment": "cert_file",
  "whitepaper.title": "wp_title",
  "whitepaper.definition": "wp_definition",
  "whitepaper_definition.title": "wp_title",
  "whitepaper_definition.subtitle": "wp_subtitle",
  "whitepaper_definition.document_number": "wp_document_number",
  "whitepaper_definition.lang": "wp_lang",
  "whitepaper_definition.services": "wp_services",
  "whitepaper_definition.date_format": "wp_date_format",
  "whitepaper_definition.opening": "wp_opening",
  "whitepaper_definition.numbering": "wp_numbering",
  "whitepaper_definition.toc": "wp_toc",
  "whitepaper_definition.version": "wp_version_format",
  "whitepaper_definition.cover": "wp_cover",
  "whitepaper_definition.closing": "wp_closing",
  "whitepaper_definition.page": "wp_page_setup",
  "whitepaper_definition.phrases": "wp_phrases",
  "whitepaper_definition.sections": "wp_sections",
  "whitepaper.version": "wp_version_issued",
  "whitepaper_facts.organisation": "fg_organisation",
  "whitepaper_facts.services": "fg_services",
  "whitepaper_facts.contact_points": "fg_contacts",
  "whitepaper_facts.parties": "fg_parties",
  "whitepaper_facts.responsibility": "fg_responsibility_items",
  "whitepaper_facts.backup": "fg_backup",
  "whitepaper_facts.logs": "fg_logs",
  "whitepaper_facts.time_source": "fg_time_source",
  "whitepaper_facts.data_locations": "fg_data_locations",
  "whitepaper_facts.deletion": "fg_deletion",
  "whitepaper_facts.features": "fg_features",
  "whitepaper_facts.operations": "fg_operations",
  "whitepaper_facts.advance_notices": "fg_advance_notices",
  "whitepaper_facts.legal": "fg_legal",
};

/** What was changed: "情報資産 IA-0001", "取扱いルール 極秘/sending". */
export function auditRecord(e: AuditEntry, t: T): string {
  const entity = ENTITIES[e.entity];
  // The organisation and its classification settings are one record each: their row id says nothing.
  let record = e.entity === "organisation" || e.entity === "asset_scheme" ? "" : e.record_id;
  if (e.entity === "handling_rule") {
    // "極秘/sending": the level and the aspect of the handling matrix, the aspect in words.
    const [level, aspect] = record.split("/");
    const key = `handling_${aspect}` as keyof Messages;
    record = `${level} / ${aspect && key in HANDLING ? t(key) : aspect}`;
  }
  return `${entity ? t(entity) : e.entity} ${record}`.trim();
}

const HANDLING: Record<string, true> = Object.fromEntries(
  ["storage_paper", "storage_data", "transfer", "sending", "usage", "outsourcing", "disposal", "erasure"].map((a) => [`handling_${a}`, true]),
);

/** A field of a kind of record in words: "実施内容", "管理責任者"; an English twin (`scope_en`) as its field in English. */
export function fieldLabel(entity: string, field: string, t: T): string {
  const key = FIELDS[`${entity}.${field}`] ?? FIELDS[field];
  if (key) return t(key);
  const base = field.endsWith("_en") ? (FIELDS[`${entity}.${field.slice(0, -3)}`] ?? FIELDS[field.slice(0, -3)]) : undefined;
  return base ? `${t(base)}${t("audit_in_english")}` : field;
}

/** Which field, or "作成" for a creation. */
export function auditField(e: AuditEntry, t: T): string {
  if (!e.field) return e.action === "create" ? t("audit_created") : e.action;
  return fieldLabel(e.entity, e.field, t);
}

// Stored codes shown in words (an unknown code is shown as it is).
const CODES: Record<string, Record<string, keyof Messages>> = {
  status: {
    not_started: "status_not_started", planned: "status_planned",
    partially_implemented: "status_partially_implemented", implemented: "status_implemented",
    superseded: "soa_status_superseded", withdrawn: "soa_status_withdrawn", current: "soa_status_current",
  },
  applicable: { yes: "yes", no: "no" },
  retirement_method: { return: "retire_method_return", dispose: "retire_method_dispose", erase: "retire_method_erase", transfer: "retire_method_transfer" },
  show_in_whitepapers: { true: "yes", false: "no" },
  own_decision: { yes: "control_own_decision" },
  cloud_role: { provider: "role_provider", customer: "role_customer", both: "role_both" },
  inclusion_reasons: {
    risk_assessment: "reason_risk_assessment", legal_regulatory: "reason_legal_regulatory", contractual: "reason_contractual",
    business_requirement: "reason_business_requirement", best_practice: "reason_best_practice",
  },
};

/** A record in a list (a service, a contact point …) by its name, else its id. */
function recordName(x: unknown): string {
  const o = (x ?? {}) as Record<string, unknown>;
  for (const k of ["name", "label", "heading", "item", "id", "kind", "key"]) if (typeof o[k] === "string" && o[k]) return o[k] as string;
  return JSON.stringify(x);
}

/** A stored value (as the audit trail and conflicts carry it) in words: lists joined, codes translated, "—" for none. */
export function valueText(field: string, value: string | null | undefined, t: T, max = 200): string {
  if (value === null || value === undefined || value === "") return "—";
  const codes = CODES[field];
  const word = (v: string) => (codes && codes[v] ? t(codes[v]) : v);
  let text = value;
  if (value.startsWith("[")) {
    // A list (labels, evidence, controls …) as the form shows it.
    try {
      const list = JSON.parse(value);
      if (Array.isArray(list)) text = list.map((x) => (typeof x === "string" ? word(x) : (x?.section ? `${x.title}（${x.section}）` : (x?.title ?? recordName(x))))).join("、");
    } catch {
      // not JSON after all
    }
  } else if (value.startsWith("{")) {
    // A whole record (a whitepaper's definition, a part of the facts): its title, else that it changed.
    try {
      const o = JSON.parse(value);
      text = typeof o?.title === "string" && o.title ? o.title : t("audit_record_changed");
    } catch {
      text = value;
    }
  } else {
    text = word(value);
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The new value in a line: where an imported record came from; a whole record created by hand is not repeated. */
export function auditValue(e: AuditEntry, t: T, max = 80): string {
  const v = e.new_value ?? "";
  if (e.action === "create" && v.startsWith("{")) {
    try {
      const o = JSON.parse(v);
      if (typeof o.imported_from === "string") {
        return t("audit_imported").replace("{file}", o.imported_from).replace("{sheet}", String(o.sheet ?? "")).replace("{row}", String(o.row ?? ""));
      }
    } catch {
      // not JSON after all: shown as it is
    }
    return "";
  }
  if (v === "") return "";
  return valueText(e.field ?? "", v, t, max);
}
