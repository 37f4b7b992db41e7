import { describe, expect, it } from "vitest";
import { compareValues, sortRows, toggleSort } from "./sorting";

describe("sorting", () => {
  const rows = [
    { id: "SUP-10", name: "ベータ", due: "2026-05-01" },
    { id: "SUP-2", name: "アルファ", due: null },
    { id: "SUP-1", name: "ガンマ", due: "2025-12-31" },
  ];
  const value = (r: (typeof rows)[number], k: "id" | "name" | "due") => r[k];

  it("orders ids by the numbers inside them, and turns round on a second click", () => {
    let s = toggleSort({ key: "name" as "id" | "name" | "due", descending: false }, "id");
    expect(sortRows(rows, s, value).map((r) => r.id)).toEqual(["SUP-1", "SUP-2", "SUP-10"]);
    s = toggleSort(s, "id");
    expect(s.descending).toBe(true);
    expect(sortRows(rows, s, value).map((r) => r.id)).toEqual(["SUP-10", "SUP-2", "SUP-1"]);
  });

  it("keeps empty values last in either direction", () => {
    expect(sortRows(rows, { key: "due", descending: false }, value).map((r) => r.id)).toEqual(["SUP-1", "SUP-10", "SUP-2"]);
    expect(sortRows(rows, { key: "due", descending: true }, value).map((r) => r.id)).toEqual(["SUP-10", "SUP-1", "SUP-2"]);
  });

  it("compares numbers as numbers and kana as text", () => {
    expect(compareValues(9, 10)).toBeLessThan(0);
    expect(compareValues("アルファ", "ベータ")).toBeLessThan(0);
    expect(compareValues("", "a")).toBeGreaterThan(0);
    expect(sortRows(rows, { key: "name", descending: false }, value).map((r) => r.name)).toEqual(["アルファ", "ガンマ", "ベータ"]);
  });
});
