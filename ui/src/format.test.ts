import { describe, expect, it } from "vitest";
import { compareIds, formatDate, formatDateTime, parseDateInput, readDate, splitList, visibleRange } from "./format";
import cases from "../../tests/fixtures/dates.json";

describe("formatDate", () => {
  it("writes Japanese dates as 2026年11月22日", () => {
    expect(formatDate("2026-11-22", "ja")).toBe("2026年11月22日");
    expect(formatDate("2026-04-01", "ja")).toBe("2026年4月1日");
  });
  it("keeps ISO dates in English and empties for null", () => {
    expect(formatDate("2026-04-01", "en")).toBe("2026-04-01");
    expect(formatDate(null, "ja")).toBe("");
  });
  it("formats audit timestamps", () => {
    expect(formatDateTime("2026-11-23T17:05:09+09:00", "ja")).toBe("2026年11月23日 17:05");
  });
});

describe("compareIds", () => {
  it("orders control ids numerically", () => {
    const ids = ["5.10", "5.2", "8.1", "5.1", "6.8"];
    expect([...ids].sort(compareIds)).toEqual(["5.1", "5.2", "5.10", "6.8", "8.1"]);
  });
});

describe("splitList", () => {
  it("splits on Japanese and Latin separators", () => {
    expect(splitList("個人情報、重要, 機密;  ")).toEqual(["個人情報", "重要", "機密"]);
  });
});

describe("visibleRange", () => {
  it("renders only the rows in view plus overscan", () => {
    expect(visibleRange(0, 300, 30, 100000)).toEqual({ first: 0, last: 18 });
    expect(visibleRange(30000, 300, 30, 100000)).toEqual({ first: 992, last: 1018 });
    expect(visibleRange(2_999_900, 300, 30, 100000).last).toBe(100000);
  });
});


describe("dates as people type them", () => {
  it("reads the common forms", () => {
    expect(parseDateInput("")).toBe("");
    expect(parseDateInput("  ")).toBe("");
    expect(parseDateInput("2026-04-01")).toBe("2026-04-01");
    expect(parseDateInput("2026/4/1")).toBe("2026-04-01");
    expect(parseDateInput("2026.4.1")).toBe("2026-04-01");
    expect(parseDateInput("2026年4月1日")).toBe("2026-04-01");
    expect(parseDateInput("２０２６／４／１")).toBe("2026-04-01");
    expect(parseDateInput("令和8年4月1日")).toBe("2026-04-01");
    expect(parseDateInput("R8.4.1")).toBe("2026-04-01");
    expect(parseDateInput("平成31年4月30日")).toBe("2019-04-30");
    expect(parseDateInput("令和元年5月1日")).toBe("2019-05-01");
  });
  it("refuses what is not a real date", () => {
    expect(parseDateInput("2026-02-30")).toBeNull();
    expect(parseDateInput("2026-13-01")).toBeNull();
    expect(parseDateInput("04/01/2026")).toBeNull();
    expect(parseDateInput("来月")).toBeNull();
  });
});

describe("the one date reader", () => {
  it("reads the shared cases exactly as the Rust reader does (tests/fixtures/dates.json)", () => {
    expect(cases.length).toBeGreaterThan(20);
    for (const c of cases as { text: string; date?: string; error?: string }[]) {
      const r = readDate(c.text);
      if (c.date) expect(r, c.text).toEqual({ date: c.date });
      else expect("problem" in r ? r.problem.kind : r, c.text).toBe(c.error);
    }
  });
  it("says why a date is refused", () => {
    expect(readDate("2026/2/30")).toEqual({ problem: { kind: "day", year: 2026, month: 2, day: 30, last: 28 } });
    expect(readDate("2026/13/1")).toEqual({ problem: { kind: "month", month: 13 } });
    expect(readDate("3026/1/1")).toEqual({ problem: { kind: "year", year: 3026 } });
  });
});
