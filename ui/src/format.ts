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
