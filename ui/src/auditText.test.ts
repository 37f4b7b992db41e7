import { describe, expect, it } from "vitest";
import { auditField, auditRecord, auditValue, fieldLabel, valueText } from "./auditText";
import { ja, en } from "./messages";
import type { AuditEntry } from "./ipc/types";

const tj = (k: keyof typeof ja) => ja[k];
const te = (k: keyof typeof en) => en[k];
const entry = (e: Partial<AuditEntry>): AuditEntry => ({
  id: 1, at: "2026-11-23T10:00:00+09:00", actor: "sato", action: "update", entity: "asset", record_id: "IA-0001",
  field: null, old_value: null, new_value: null, ...e,
});

describe("audit entries in words", () => {
  it("names the record and the field in the user's language", () => {
    expect(auditRecord(entry({}), tj)).toBe("情報資産 IA-0001");
    expect(auditRecord(entry({ entity: "control_register", record_id: "5.1" }), te)).toBe("Control 5.1");
    expect(auditField(entry({ field: "owner" }), tj)).toBe("管理責任者");
    expect(auditRecord(entry({ entity: "organisation", record_id: "1" }), tj)).toBe("組織");
    expect(auditRecord(entry({ entity: "handling_rule", record_id: "極秘/sending" }), tj)).toBe("取扱いルール 極秘 / 送信");
    expect(auditField(entry({ field: "name" }), tj)).toBe("情報資産名");
    expect(auditField(entry({ entity: "organisation", field: "name" }), tj)).toBe("組織名");
    expect(auditField(entry({ entity: "control_register", field: "responsible_role" }), te)).toBe(en.field_role);
    expect(auditField(entry({ field: "something_new" }), tj)).toBe("something_new");
    expect(auditField(entry({ action: "create" }), tj)).toBe("作成");
    expect(auditField(entry({ field: "department" }), tj)).toBe("部署");
    expect(auditField(entry({ field: "retired_on" }), te)).toBe("Retired on");
    expect(auditRecord(entry({ entity: "inventory_round", record_id: "INV-2026" }), tj)).toBe("棚卸し INV-2026");
    expect(auditField(entry({ entity: "inventory_round", field: "returned" }), tj)).toBe("部署の台帳を取込み");
  });
  it("says where an imported asset came from, and does not repeat a whole record", () => {
    const imported = entry({ action: "create", new_value: '{"imported_from":"台帳.xlsx","sheet":"情報資産台帳","row":5}' });
    expect(auditValue(imported, tj)).toBe("台帳.xlsx（情報資産台帳・5行目）から取込み");
    expect(auditValue(imported, te)).toBe("Imported from 台帳.xlsx (情報資産台帳, row 5)");
    expect(auditValue(entry({ action: "create", new_value: '{"asset_id":"IA-0001","name":"x"}' }), tj)).toBe("");
    expect(auditValue(entry({ new_value: "a".repeat(100) }), tj, 10)).toBe("aaaaaaaaa…");
    expect(auditValue(entry({ new_value: null }), tj)).toBe("");
    expect(auditValue(entry({ field: "labels", new_value: '["個人情報","重要"]' }), tj)).toBe("個人情報、重要");
    expect(auditValue(entry({ field: "related_documents", new_value: '[{"title":"規程","section":"5.1"}]' }), tj)).toBe("規程（5.1）");
  });
  it("shows stored codes in words, as the history and the conflict dialog show them", () => {
    expect(valueText("status", "partially_implemented", tj)).toBe(ja.status_partially_implemented);
    expect(valueText("inclusion_reasons", '["risk_assessment","contractual"]', te)).toBe(`${en.reason_risk_assessment}、${en.reason_contractual}`);
    expect(valueText("applicable", "no", tj)).toBe(ja.no);
    expect(valueText("owner", null, tj)).toBe("—");
    expect(valueText("owner", "総務部", tj)).toBe("総務部");
    expect(fieldLabel("control_register", "implementation_en", te)).toBe(en.field_implementation_en);
  });
  it("names certifications, whitepapers and their facts; a whole record changed is not printed", () => {
    expect(auditRecord(entry({ entity: "certification", record_id: "CERT-001" }), tj)).toBe("認証 CERT-001");
    expect(auditField(entry({ entity: "certification", field: "expires_on" }), tj)).toBe(ja.cert_expires);
    expect(auditField(entry({ entity: "certification", field: "scope_en" }), te)).toBe(`${en.cert_scope} (English)`);
    expect(valueText("show_in_whitepapers", "false", tj)).toBe(ja.no);
    expect(auditRecord(entry({ entity: "whitepaper", record_id: "saas-ja" }), te)).toBe("Whitepaper saas-ja");
    expect(auditValue(entry({ entity: "whitepaper", field: "definition", new_value: '{"title":"セキュリティホワイトペーパー","sections":[]}' }), tj)).toBe("セキュリティホワイトペーパー");
    expect(auditField(entry({ entity: "whitepaper_facts", field: "services" }), tj)).toBe(ja.fg_services);
    expect(auditValue(entry({ entity: "whitepaper_facts", field: "services", new_value: '[{"id":"main","name":"勤怠クラウド"},{"id":"kiosk","name":""}]' }), tj)).toBe("勤怠クラウド、kiosk");
    expect(auditValue(entry({ entity: "whitepaper_facts", field: "backup", new_value: '{"encrypted":true}' }), te)).toBe(en.audit_record_changed);
  });
});

describe("retirement methods", () => {
  it("are shown in words, as templates/inventory/lifecycle.toml names them", () => {
    expect(valueText("retirement_method", "dispose", tj)).toBe("廃棄");
    expect(valueText("retirement_method", "return", tj)).toBe("返却");
  });
});
