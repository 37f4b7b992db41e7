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

const ERAS: Record<string, number> = { 令和: 2018, R: 2018, r: 2018, 平成: 1988, H: 1988, h: 1988 };

/**
 * A date as people type it — 2026-04-01, 2026/4/1, 2026.4.1, 2026年4月1日, 令和8年4月1日, R8.4.1, full-width digits —
 * as YYYY-MM-DD; "" for an empty field; null when it is not a real date.
 */
export function parseDateInput(text: string): string | null {
  const s = text.normalize("NFKC").trim();
  if (s === "") return "";
  let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s);
  let year: number;
  if (m) {
    year = Number(m[1]);
  } else {
    m = /^(令和|平成|[RrHh])\s*(\d{1,2}|元)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s);
    if (!m) return null;
    year = ERAS[m[1]] + (m[2] === "元" ? 1 : Number(m[2]));
    m = [m[0], String(year), m[3], m[4]] as unknown as RegExpExecArray;
  }
  const month = Number(m[2]), day = Number(m[3]);
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}
