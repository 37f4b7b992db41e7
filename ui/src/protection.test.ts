import { describe, expect, it } from "vitest";
import { baseName, batchFor, brokenReason, changedSince, formatBytes, leftByUndo, undoEffectKey } from "./protection";
import { ja, en } from "./messages";
import type { ImportBatch } from "./ipc/types";

const batch = (b: Partial<ImportBatch>): ImportBatch => ({
  id: 1, kind: "assets", file_name: "台帳.xlsx", file_sha256: "ab", sheet: "情報資産台帳",
  counts: { inserted: 3, updated: 0, unchanged: 0 }, actor: "sato", at: "2026-11-23T10:00:00+09:00", audit_high: 10,
  undone_at: null, undone_by: null, undo_note: "", ...b,
});

describe("backups in words", () => {
  it("writes sizes as people read them", () => {
    expect(formatBytes(812)).toBe("812 B");
    expect(formatBytes(4300)).toBe("4.2 KB");
    expect(formatBytes(38 * 1024 + 100)).toBe("38 KB");
    expect(formatBytes(1.5 * 1024 * 1024)).toBe("1.5 MB");
    expect(formatBytes(0)).toBe("0 B");
  });
});

describe("imports taken back", () => {
  it("finds the newest import of the file, by its name", () => {
    const list = [batch({ id: 3, file_name: "other.csv" }), batch({ id: 2 }), batch({ id: 1 })];
    expect(batchFor(list, "/home/sato/台帳.xlsx")?.id).toBe(2);
    expect(batchFor(list, "C:\\Users\\sato\\台帳.xlsx")?.id).toBe(2);
    expect(baseName("台帳.xlsx")).toBe("台帳.xlsx");
  });
  it("offers nothing for an import already undone, one that wrote nothing, or another register", () => {
    expect(batchFor([batch({ id: 2, undone_at: "2026-11-23T11:00:00+09:00" }), batch({ id: 1 })], "台帳.xlsx")).toBeNull();
    expect(batchFor([batch({ counts: { inserted: 0, updated: 0, unchanged: 6 } })], "台帳.xlsx")).toBeNull();
    expect(batchFor([batch({ counts: { inserted: 0, updated: 2 } })], "台帳.xlsx")?.id).toBe(1);
    expect(batchFor([batch({ kind: "suppliers" })], "台帳.xlsx")).toBeNull();
    expect(batchFor([], "台帳.xlsx")).toBeNull();
  });
  it("reads the assets an undo was refused for", () => {
    const ids = ["A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "A9", "A10", "A11", "A12"];
    expect(changedSince({ code: "import_changed_since", message: "…", ids: ["IA-0001", "IA-0302"] })).toEqual({ count: 2, ids: ["IA-0001", "IA-0302"] });
    expect(changedSince({ code: "import_changed_since", message: "…", ids })).toEqual({ count: 12, ids: ids.slice(0, 10) });
    expect(changedSince({ code: "invalid_value", message: "invalid import `9`" })).toBeNull();
  });
  it("reads what a forced undo left", () => {
    expect(leftByUndo("left as changed since: IA-0302, IA-0303")).toEqual(["IA-0302", "IA-0303"]);
    expect(leftByUndo("")).toEqual([]);
  });
});

describe("words for the store's English", () => {
  it("says what an undo does, only what applies", () => {
    expect(undoEffectKey({ inserted: 3, updated: 0 })).toBe("undo_effect_inserted");
    expect(undoEffectKey({ inserted: 0, updated: 2 })).toBe("undo_effect_updated");
    expect(undoEffectKey({ inserted: 1, updated: 2 })).toBe("undo_effect_both");
  });
  it("reads why an audit entry does not match (as crates/isms-core/src/audit_chain.rs says it)", () => {
    expect(brokenReason("changed", "its content or an entry before it was changed outside ISMS Desk")?.key).toBe("chain_reason_changed");
    expect(brokenReason("entries_missing", "entries before it are missing (the previous one is 41)")).toEqual({ key: "chain_reason_missing", previous: "41" });
    expect(brokenReason("no_hash", "it has no hash (written around the program)")?.key).toBe("chain_reason_no_hash");
    expect(brokenReason("something_new", "something new")).toBeNull();
    for (const k of ["chain_reason_changed", "chain_reason_missing", "chain_reason_no_hash"] as const) expect(ja[k] && en[k]).toBeTruthy();
  });
});
