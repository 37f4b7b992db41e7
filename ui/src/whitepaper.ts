// The whitepaper definition as the editor handles it: the section kinds and the renders each offers (mirroring
// `SectionKind::renders` in crates/isms-reports/src/whitepaper/definition.rs), sections read with their defaults filled
// in, the tree operations of the section editor (by path), and where a section's heading landed in the draft.
// Pure functions, unit-tested.
import type { Definition, OutlineEntry, Section, SectionKind, StaleReason } from "./ipc/types";

/** Every kind, in the order the "add a section" list offers them. */
export const SECTION_KINDS: SectionKind[] = [
  "free_text", "control_statements", "controls_by_theme", "certifications", "responsibility", "notification_rule",
  "backup", "logs", "time_source", "data_location", "data_deletion", "subprocessors", "customer_features", "operations",
  "mapping_27017", "services", "contacts", "legal", "revision_history", "image",
];

/** The renders a kind offers; the first is the default (as `SectionKind::renders`). */
export function renders(kind: SectionKind): string[] {
  switch (kind) {
    case "free_text": case "time_source": case "mapping_27017": case "revision_history": case "image": case "legal":
      return ["prose"];
    case "control_statements": return ["paragraphs", "subsections", "table"];
    case "controls_by_theme": return ["subsections"];
    case "certifications": return ["table", "subsections", "prose"];
    case "responsibility": return ["table", "matrix", "lists", "prose"];
    case "notification_rule": return ["prose", "table"];
    case "backup": return ["prose", "list", "table", "subsections"];
    case "logs": return ["prose", "list", "table"];
    case "data_location": return ["prose", "table"];
    case "data_deletion": return ["prose", "list"];
    case "subprocessors": return ["table", "list"];
    case "customer_features": return ["list", "subsections", "table", "prose"];
    case "operations": return ["prose", "list", "table", "subsections"];
    case "services": return ["list", "table", "prose"];
    case "contacts": return ["block", "table"];
  }
}

/** The options a kind reads, besides the keys every section has (what the section form shows for it). */
export const KIND_OPTIONS: Partial<Record<SectionKind, string[]>> = {
  controls_by_theme: ["framework"],
  certifications: ["fields", "schemes"],
  responsibility: ["parties", "header_row"],
  notification_rule: ["rules", "notices", "rows"],
  logs: ["include_time_source"],
  data_location: ["include_address"],
  subprocessors: ["columns"],
  customer_features: ["categories", "availability"],
  operations: ["kinds"],
  mapping_27017: ["mapping_rows", "target", "show_unaddressed"],
  contacts: ["purposes"],
  legal: ["parts"],
  revision_history: ["columns", "column_headers", "date_format"],
  image: ["caption", "width_mm"],
};

/** The values a list option may hold (as the kinds read them in crates/isms-reports/src/whitepaper/kinds.rs). */
export const OPTION_VALUES = {
  certification_fields: ["first_granted_on", "certificate_number", "valid_until", "certification_body", "scope", "standard"],
  subprocessor_columns: ["name", "service", "purpose", "data", "country", "certifications"],
  revision_columns: ["version", "date", "changes", "prepared_by", "approved_by"],
  notification_rows: ["scope", "disclosure_level", "target", "channel", "recipient", "progress", "exceptions", "contact", "applicable_response"],
  legal_parts: ["governing_law", "jurisdiction", "platform", "crypto_regulation", "data_use", "address", "terms", "security_policy"],
  notices: ["maintenance", "service_change", "location_change", "subprocessor_change"],
  parties: ["customer", "provider", "platform", "carrier", "other"],
  frameworks: ["iso27001-2022", "iso27002-2013", "iso27017-2015"],
  mapping_targets: ["number_heading", "heading", "number"],
  page_numbers: ["n / N", "n", "none"],
  cover_lines: ["document_number", "title", "subtitle", "organisation", "date", "version", "date_version"],
  date_lines: ["none", "issued", "updated"],
} as const;

/** A section with every key present: what the store sends leaves out empty keys (and `numbered`/`in_toc` when true). */
export function normaliseSection(s: Partial<Section> & { kind: SectionKind }): Section {
  return {
    kind: s.kind, id: s.id ?? "", heading: s.heading ?? "", lead: s.lead ?? "", trailing: s.trailing ?? "", text: s.text ?? "",
    numbered: s.numbered ?? true, label: s.label ?? "", in_toc: s.in_toc ?? true, page_break_before: s.page_break_before ?? false,
    controls: [...(s.controls ?? [])], render: s.render ?? "", titles: { ...(s.titles ?? {}) }, framework: s.framework ?? "",
    themes: [...(s.themes ?? [])], fields: [...(s.fields ?? [])], schemes: [...(s.schemes ?? [])], ids: [...(s.ids ?? [])],
    parties: [...(s.parties ?? [])], ...(s.header_row !== undefined && s.header_row !== null ? { header_row: s.header_row } : {}),
    rules: [...(s.rules ?? [])], notices: [...(s.notices ?? [])], rows: Array.isArray(s.rows) ? [...s.rows] : (s.rows ?? []),
    include_time_source: s.include_time_source ?? false, include_address: s.include_address ?? false,
    columns: [...(s.columns ?? [])], column_headers: [...(s.column_headers ?? [])], categories: [...(s.categories ?? [])],
    availability: [...(s.availability ?? [])], kinds: [...(s.kinds ?? [])], target: s.target ?? "",
    show_unaddressed: s.show_unaddressed ?? false, purposes: [...(s.purposes ?? [])], parts: [...(s.parts ?? [])],
    date_format: s.date_format ?? "", path: s.path ?? "",
    ...(s.attachment !== undefined && s.attachment !== null ? { attachment: s.attachment } : {}),
    caption: s.caption ?? "", ...(s.width_mm !== undefined && s.width_mm !== null ? { width_mm: s.width_mm } : {}),
    theme: s.theme ?? "", after: s.after ?? "", at: s.at ?? "",
    children: (s.children ?? []).map((c) => normaliseSection(c)),
  };
}

/** A definition as the editor holds it: every section normalised. */
export function normaliseDefinition(d: Definition): Definition {
  return {
    ...d,
    services: [...d.services],
    numbering: { levels: [...d.numbering.levels] },
    toc: { ...d.toc },
    version: { ...d.version },
    cover: { ...d.cover, lines: [...d.cover.lines] },
    closing: { ...d.closing, signature_lines: [...d.closing.signature_lines] },
    page: { ...d.page },
    phrases: { ...d.phrases },
    sections: d.sections.map((s) => normaliseSection(s)),
  };
}

/** A new section of a kind. */
export function newSection(kind: SectionKind): Section {
  return normaliseSection({ kind });
}

export type Path = number[];

/** The list a path's section sits in, and its index there. */
function place(sections: Section[], path: Path): { list: Section[]; index: number } | null {
  let list = sections;
  for (let i = 0; i < path.length - 1; i++) {
    const s = list[path[i]];
    if (!s) return null;
    list = s.children;
  }
  const index = path[path.length - 1];
  return index !== undefined && index >= 0 && index < list.length ? { list, index } : null;
}

export function sectionAt(sections: Section[], path: Path): Section | null {
  const p = place(sections, path);
  return p ? p.list[p.index] : null;
}

/** Inserts `s` after the section at `path` (at the end when `path` is null); returns the new section's path. */
export function insertAfter(sections: Section[], path: Path | null, s: Section): Path {
  const p = path ? place(sections, path) : null;
  if (!p || !path) {
    sections.push(s);
    return [sections.length - 1];
  }
  p.list.splice(p.index + 1, 0, s);
  return [...path.slice(0, -1), p.index + 1];
}

/** Removes the section at `path`; returns the path to select next (the previous sibling, the next, or the parent). */
export function removeAt(sections: Section[], path: Path): Path | null {
  const p = place(sections, path);
  if (!p) return null;
  p.list.splice(p.index, 1);
  if (p.list.length > 0) return [...path.slice(0, -1), Math.min(p.index, p.list.length - 1)];
  return path.length > 1 ? path.slice(0, -1) : null;
}

/** Moves a section among its siblings (−1 up, +1 down); returns its new path (unchanged at either end). */
export function move(sections: Section[], path: Path, by: -1 | 1): Path {
  const p = place(sections, path);
  if (!p) return path;
  const to = p.index + by;
  if (to < 0 || to >= p.list.length) return path;
  const [s] = p.list.splice(p.index, 1);
  p.list.splice(to, 0, s);
  return [...path.slice(0, -1), to];
}

/** Makes a section the last child of its previous sibling; returns its new path (unchanged for a first child). */
export function indent(sections: Section[], path: Path): Path {
  const p = place(sections, path);
  if (!p || p.index === 0) return path;
  const [s] = p.list.splice(p.index, 1);
  const parent = p.list[p.index - 1];
  parent.children.push(s);
  return [...path.slice(0, -1), p.index - 1, parent.children.length - 1];
}

/** Lifts a section out of its parent, placing it right after the parent; returns its new path. */
export function outdent(sections: Section[], path: Path): Path {
  if (path.length < 2) return path;
  const p = place(sections, path);
  const parentPath = path.slice(0, -1);
  const parent = place(sections, parentPath);
  if (!p || !parent) return path;
  const [s] = p.list.splice(p.index, 1);
  parent.list.splice(parent.index + 1, 0, s);
  return [...parentPath.slice(0, -1), parent.index + 1];
}

/** Every section depth first, with its path and depth (0 = a chapter): the rows of the tree. */
export function flatten(sections: Section[], base: Path = []): { section: Section; path: Path; depth: number }[] {
  const out: { section: Section; path: Path; depth: number }[] = [];
  sections.forEach((s, i) => {
    const path = [...base, i];
    out.push({ section: s, path, depth: base.length });
    out.push(...flatten(s.children, path));
  });
  return out;
}

export const samePath = (a: Path | null, b: Path | null) => !!a && !!b && a.length === b.length && a.every((x, i) => x === b[i]);

/** A heading as written, matched against the heading as printed ({service} and the like stand for anything). */
function headingMatches(written: string, printed: string): boolean {
  if (!written.includes("{")) return written.trim() === printed.trim();
  const pattern = written.trim().split(/\{[a-z_]+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*");
  return new RegExp(`^${pattern}$`).test(printed.trim());
}

/** Where the section at `path` landed in the draft's outline: its heading's anchor (null when it prints none).
 * Sections are matched in order: by their heading when written, else by the next heading at their level. */
export function locate(sections: Section[], outline: OutlineEntry[], path: Path): string | null {
  let cursor = 0;
  for (const row of flatten(sections)) {
    const level = row.depth + 1;
    const written = row.section.heading;
    let found = -1;
    for (let i = cursor; i < outline.length; i++) {
      if (outline[i].level === level && (written === "" || headingMatches(written, outline[i].text))) {
        found = i;
        break;
      }
    }
    if (found >= 0) cursor = found + 1;
    if (samePath(row.path, path)) return found >= 0 ? outline[found].anchor : null;
  }
  return null;
}

/** A reason an issued version is out of date, as data for a message. */
export function staleKey(r: StaleReason): { key: "wp_stale_cert" | "wp_stale_statement"; id: string; date: string | null } {
  return r.kind === "certificate_expired"
    ? { key: "wp_stale_cert", id: r.cert_id, date: r.expires_on }
    : { key: "wp_stale_statement", id: r.control_id, date: null };
}

/** Toggles `value` in a list, keeping the order of the rest (a new value goes last). */
export function toggle<T>(list: T[], value: T): T[] {
  return list.includes(value) ? list.filter((x) => x !== value) : [...list, value];
}
