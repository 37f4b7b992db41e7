import { describe, expect, it } from "vitest";
import type { OutlineEntry, Section } from "./ipc/types";
import { flatten, indent, insertAfter, locate, move, newSection, normaliseSection, outdent, removeAt, renders, sectionAt, SECTION_KINDS, staleKey, toggle } from "./whitepaper";
import { ja, en } from "./messages";

const s = (heading: string, children: Section[] = []): Section => ({ ...newSection("free_text"), heading, children });
const headings = (list: Section[]): unknown => list.map((x) => (x.children.length ? [x.heading, headings(x.children)] : x.heading));

describe("the section tree", () => {
  it("adds after the selected section, or at the end", () => {
    const tree = [s("A"), s("B", [s("B1")])];
    expect(insertAfter(tree, [0], s("new"))).toEqual([1]);
    expect(insertAfter(tree, [2, 0], s("B2"))).toEqual([2, 1]);
    expect(insertAfter(tree, null, s("Z"))).toEqual([3]);
    expect(headings(tree)).toEqual(["A", "new", ["B", ["B1", "B2"]], "Z"]);
  });
  it("moves among siblings and stops at either end", () => {
    const tree = [s("A"), s("B"), s("C")];
    expect(move(tree, [2], -1)).toEqual([1]);
    expect(headings(tree)).toEqual(["A", "C", "B"]);
    expect(move(tree, [0], -1)).toEqual([0]);
    expect(move(tree, [2], 1)).toEqual([2]);
  });
  it("nests under the previous sibling and lifts out after the parent", () => {
    const tree = [s("A", [s("A1")]), s("B"), s("C")];
    expect(indent(tree, [1])).toEqual([0, 1]);
    expect(headings(tree)).toEqual([["A", ["A1", "B"]], "C"]);
    expect(indent(tree, [0])).toEqual([0]);
    expect(outdent(tree, [0, 0])).toEqual([1]);
    expect(headings(tree)).toEqual([["A", ["B"]], "A1", "C"]);
    expect(outdent(tree, [1])).toEqual([1]);
  });
  it("removes and selects a neighbour, or the parent", () => {
    const tree = [s("A", [s("A1")]), s("B")];
    expect(removeAt(tree, [0, 0])).toEqual([0]);
    expect(removeAt(tree, [1])).toEqual([0]);
    expect(removeAt(tree, [0])).toBeNull();
    expect(tree).toEqual([]);
  });
  it("lists the sections depth first with their depth", () => {
    const rows = flatten([s("A", [s("A1", [s("A1a")])]), s("B")]);
    expect(rows.map((r) => [r.section.heading, r.depth, r.path.join(".")])).toEqual([["A", 0, "0"], ["A1", 1, "0.0"], ["A1a", 2, "0.0.0"], ["B", 0, "1"]]);
    expect(sectionAt([s("A", [s("A1")])], [0, 0])?.heading).toBe("A1");
    expect(sectionAt([s("A")], [3])).toBeNull();
  });
});

describe("a section as the store sends it", () => {
  it("gets its defaults: numbered and in the contents unless said otherwise", () => {
    const n = normaliseSection({ kind: "backup", render: "table", children: [{ kind: "logs", numbered: false } as Section] });
    expect([n.numbered, n.in_toc, n.heading, n.controls, n.rows]).toEqual([true, true, "", [], []]);
    expect(n.children[0].numbered).toBe(false);
    expect("header_row" in n).toBe(false);
    expect(normaliseSection({ kind: "mapping_27017", rows: "cloud" }).rows).toBe("cloud");
  });
  it("offers the renders of its kind, the default first", () => {
    expect(renders("backup")).toEqual(["prose", "list", "table", "subsections"]);
    expect(renders("contacts")[0]).toBe("block");
    for (const k of SECTION_KINDS) {
      expect(renders(k).length).toBeGreaterThan(0);
      expect(ja[`wpk_${k}` as keyof typeof ja]).toBeTruthy();
      expect(en[`wph_${k}` as keyof typeof en]).toBeTruthy();
      for (const r of renders(k)) expect(ja[`wpr_${r}` as keyof typeof ja], r).toBeTruthy();
    }
  });
});

describe("where a section printed", () => {
  const outline: OutlineEntry[] = [
    { level: 1, number: "1.", text: "はじめに", anchor: "h1" },
    { level: 2, number: "1.1", text: "本書の目的", anchor: "h2" },
    { level: 2, number: "1.2", text: "対象サービス", anchor: "h3" },
    { level: 1, number: "2.", text: "サンプル勤怠クラウドの概要", anchor: "h4" },
    { level: 2, number: "2.1", text: "A.5.1.1 方針", anchor: "h5" },
    { level: 2, number: "2.2", text: "バックアップ", anchor: "h6" },
  ];
  const tree = [
    s("はじめに", [s("本書の目的"), { ...newSection("services") }]),
    s("{service}の概要", [{ ...newSection("control_statements"), render: "subsections" }, { ...newSection("backup"), heading: "バックアップ" }]),
  ];
  it("by its heading, {service} standing for the name", () => {
    expect(locate(tree, outline, [1])).toBe("h4");
    expect(locate(tree, outline, [1, 1])).toBe("h6");
  });
  it("by the next heading at its level when it has none of its own", () => {
    expect(locate(tree, outline, [0, 1])).toBe("h3");
    expect(locate(tree, outline, [1, 0])).toBe("h5");
  });
});

it("keeps the order of chosen values; stale reasons name what changed", () => {
  expect(toggle(["a", "b"], "c")).toEqual(["a", "b", "c"]);
  expect(toggle(["a", "b", "c"], "a")).toEqual(["b", "c"]);
  expect(staleKey({ kind: "certificate_expired", cert_id: "CERT-001", expires_on: "2025-03-31" })).toEqual({ key: "wp_stale_cert", id: "CERT-001", date: "2025-03-31" });
  expect(staleKey({ kind: "statement_changed", control_id: "A.5.1.1" }).key).toBe("wp_stale_statement");
});
