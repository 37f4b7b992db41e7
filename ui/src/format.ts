// Formatting shared by every screen; pure functions, unit-tested.
export function formatDate(iso: string | null | undefined, lang: "ja" | "en"): string {
  if (!iso) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (lang === "ja") return `${y}年${mo}月${d}日`;
  return `${y}-${m[2]}-${m[3]}`;
}

export function formatDateTime(rfc3339: string, lang: "ja" | "en"): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(rfc3339);
  if (!m) return rfc3339;
  return `${formatDate(m[1], lang)} ${m[2]}:${m[3]}`;
}

/** "5.1" < "5.2" < "5.10" < "A.5.1.1": compares control ids part by part, numbers numerically. */
export function compareIds(a: string, b: string): number {
  const pa = a.split("."), pb = b.split(".");
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? "", y = pb[i] ?? "";
    const nx = Number(x), ny = Number(y);
    const c = !isNaN(nx) && !isNaN(ny) && x !== "" && y !== "" ? nx - ny : x.localeCompare(y);
    if (c !== 0) return c;
  }
  return 0;
}

/** Splits "a、b, c" into trimmed non-empty items. */
export function splitList(text: string): string[] {
  return text.split(/[,、，;；\n]/).map((s) => s.trim()).filter((s) => s.length > 0);
}

/** Which rows of a virtualised list to render for a scroll position. */
export function visibleRange(scrollTop: number, viewport: number, rowHeight: number, total: number, overscan = 8) {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(total, Math.ceil((scrollTop + viewport) / rowHeight) + overscan);
  return { first, last };
}

const ERAS: [string, string, number][] = [
  ["令和", "r", 2019],
  ["平成", "h", 1989],
  ["昭和", "s", 1926],
  ["大正", "t", 1912],
  ["明治", "m", 1868],
];
export const EARLIEST_YEAR = 1900;
export const LATEST_YEAR = 2199;

/** Why a text is not a date: the same kinds as the Rust reader (`isms_core::dates`). */
export type DateProblem =
  | { kind: "format" }
  | { kind: "month"; month: number }
  | { kind: "day"; year: number; month: number; day: number; last: number }
  | { kind: "year"; year: number };

/**
 * The app's side of the one date reader (`crates/isms-core/src/dates.rs`): the same forms — 2026-04-01, 2026/4/1,
 * 2026.4.1, 2026年4月1日, 20260401, 令和8年4月1日, 令和元年5月1日, R8.4.1, full-width digits — and the same refusals,
 * both tested against tests/fixtures/dates.json. Gives `{ date: "YYYY-MM-DD" }` or `{ problem }`.
 */
export function readDate(text: string): { date: string } | { problem: DateProblem } {
  const no = { problem: { kind: "format" } as DateProblem };
  let t = text.normalize("NFKC").trim().toLowerCase();
  if (t === "") return no;
  if (t.length > 10 && t[4] === "-" && t[10] === "t") t = t.slice(0, 10);
  if (/^\d{8}$/.test(t)) return checked(Number(t.slice(0, 4)), Number(t.slice(4, 6)), Number(t.slice(6, 8)));
  let base: number | null = null;
  for (const [kanji, letter, first] of ERAS) {
    if (t.startsWith(kanji)) {
      base = first;
      t = t.slice(kanji.length);
      break;
    }
    if (t.startsWith(letter) && /^\d/.test(t.slice(1))) {
      base = first;
      t = t.slice(1);
      break;
    }
  }
  t = t.trimStart();
  if (base !== null && t.startsWith("元")) t = `1${t.slice(1)}`;
  let spaced = t.replace(/[年月/\-.]/g, " ").trimEnd();
  if (spaced.endsWith("日")) spaced = spaced.slice(0, -1);
  const parts = spaced.split(/\s+/).filter((p) => p !== "");
  if (parts.length !== 3 || !parts.every((p) => /^\d{1,4}$/.test(p))) return no;
  const [y, m, d] = parts.map(Number);
  let year: number;
  if (base !== null) {
    if (y === 0 || parts[0].length > 2) return no;
    year = base + y - 1;
  } else if (parts[0].length === 4) {
    year = y;
  } else {
    return no;
  }
  return checked(year, m, d);
}

function checked(year: number, month: number, day: number): { date: string } | { problem: DateProblem } {
  if (month < 1 || month > 12) return { problem: { kind: "month", month } };
  if (year < EARLIEST_YEAR || year > LATEST_YEAR) return { problem: { kind: "year", year } };
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > last) return { problem: { kind: "day", year, month, day, last } };
  return { date: `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}` };
}

/** A date as people type it, as YYYY-MM-DD; "" for an empty field; null when it is not a real date (see `readDate`). */
export function parseDateInput(text: string): string | null {
  if (text.trim() === "") return "";
  const r = readDate(text);
  return "date" in r ? r.date : null;
}
