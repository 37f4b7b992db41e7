import { describe, expect, it } from "vitest";
import type { Facts } from "./ipc/types";
import { ENUMS, GROUPS, enumKey, getPath, groupCount, recordTitle, setPath, type EnumName } from "./factsSchema";
import { ja, en } from "./messages";

const empty = (): Facts => ({
  organisation: { address: "", address_en: "", website_url: "", security_policy_url: "", privacy_policy_url: "", terms_url: "" },
  services: [], contact_points: [], parties: [], responsibility: [],
  backup: {
    scope: "", scope_en: "", targets: [], offsite: false, offsite_location: "", offsite_location_en: "", encrypted: false, restore_on_request: "unspecified",
    restore_test: null, dr_site_location: "", dr_site_location_en: "", dr_site_description: "", dr_site_description_en: "",
  },
  logs: { targets: [], protection: "", protection_en: "", encrypted: false, review: null, realtime_alerts: false, customer_access: "not_offered", customer_access_note: "", customer_access_note_en: "", no_use_without_consent: false },
  time_source: { source_kind: "public_ntp", source_name: "", source_name_en: "", servers: [], poll_interval: null, timezone_label: "", timezone_label_en: "", utc_offset: "", log_timezone_same: false },
  data_locations: [],
  deletion: {
    trigger: "contract_end", start_after_days: null, within_days: 0, steps: [], exclusions: "", exclusions_en: "", unrecoverable: false, export_before_deletion: "",
    export_before_deletion_en: "", certificate: "unspecified", media_disposal: "", media_disposal_en: "",
  },
  features: [], operations: [], advance_notices: [],
  legal: { governing_law: "", governing_law_en: "", jurisdiction: "", jurisdiction_en: "", platform_governing_law: "", platform_governing_law_en: "", platform_jurisdiction: "", platform_jurisdiction_en: "", crypto_regulation: "unspecified", crypto_regulation_note: "", crypto_regulation_note_en: "" },
});

describe("the facts editor's schema", () => {
  it("names every value of every enumeration in both languages", () => {
    for (const [e, values] of Object.entries(ENUMS)) {
      for (const v of values) {
        const k = enumKey(e as EnumName, v);
        expect(ja[k], k).toBeTruthy();
        expect(en[k], k).toBeTruthy();
      }
    }
  });
  it("edits every key of the facts, and only keys the store knows", () => {
    const facts = empty();
    const seen = new Set<string>();
    for (const g of GROUPS) {
      expect(ja[g.label]).toBeTruthy();
      for (const p of g.parts) {
        const target = p.kind === "record" ? getPath(facts, p.path) : p.create();
        expect(target, p.path).toBeTruthy();
        for (const f of p.fields) {
          const keys = f.en ? [f.key, `${f.key}_en`] : [f.key];
          for (const k of keys) {
            expect(Object.keys(target as object), `${p.path}.${k}`).toContain(k);
            seen.add(`${p.path}.${k}`);
          }
          expect(en[f.label], f.label).toBeTruthy();
        }
        if (p.kind === "list") {
          // Every key a new record has is edited (nothing the user cannot see is sent).
          for (const k of Object.keys(p.create())) expect(seen.has(`${p.path}.${k}`), `${p.path}.${k}`).toBe(true);
        }
      }
    }
    // The single records: every key but their lists is edited.
    for (const path of ["organisation", "backup", "logs", "time_source", "deletion", "legal"]) {
      for (const k of Object.keys(getPath(facts, path) as object)) {
        if (["targets", "steps"].includes(k)) continue;
        expect(seen.has(`${path}.${k}`), `${path}.${k}`).toBe(true);
      }
    }
  });
  it("reads and writes nested parts; counts records; titles records in words", () => {
    const facts = empty();
    setPath(facts, "backup.targets", [{ id: "db" }]);
    expect(getPath(facts, "backup.targets")).toEqual([{ id: "db" }]);
    expect(groupCount(facts, GROUPS.find((g) => g.id === "backup")!)).toBe(1);
    expect(groupCount(facts, GROUPS.find((g) => g.id === "legal")!)).toBeNull();
    expect(recordTitle({ id: "db", name: "" }, ["id", "name"], (_, v) => v)).toBe("db");
    expect(recordTitle({ id: "x", kind: "waf" }, ["id", "kind"], (k, v) => (k === "kind" ? `<${v}>` : v))).toBe("x — <waf>");
  });
});
