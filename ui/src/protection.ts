// Backups and imports taken back, in words: sizes, which backup a restore would use, which import a result page can
// undo, and what an undo refused or left. Pure functions, unit-tested.
import type { BackupInfo, BackupReason, ImportBatch, IpcError } from "./ipc/types";
import type { Messages } from "./messages";

/** A file size as people read it: 812 B, 4.2 KB, 38 KB, 1.5 MB. */
export function formatBytes(bytes: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let n = bytes;
  let u = 0;
  while (n >= 1024 && u < units.length - 1) {
    n /= 1024;
    u++;
  }
  if (u === 0) return `${bytes} B`;
  const shown = n < 10 ? (Math.round(n * 10) / 10).toFixed(1) : String(Math.round(n));
  return `${shown} ${units[u]}`;
}

/** Why a backup was made, as a label key: daily, manual, before an import … */
export const reasonKey = (r: BackupReason): keyof Messages => `backup_reason_${r}` as keyof Messages;

/** A backup's local time `YYYY-MM-DD HH:MM:SS` in the form the other timestamps use (RFC 3339 without the zone). */
export const backupTime = (b: BackupInfo): string => b.made_at.replace(" ", "T");

/** The last part of a path (either separator): what an import records as its file name. */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] ?? path;
}

/** Whether an import wrote anything an undo could take back. */
export const wroteSomething = (b: ImportBatch): boolean => (b.counts.inserted ?? 0) + (b.counts.updated ?? 0) > 0;

/** The import a result page offers to undo: the newest asset import of that file, not yet undone, that wrote
 * something (imports are listed newest first). */
export function batchFor(batches: ImportBatch[], path: string): ImportBatch | null {
  const name = baseName(path.trim());
  const newest = batches.find((b) => b.kind === "assets" && b.file_name === name);
  return newest && newest.undone_at === null && wroteSomething(newest) ? newest : null;
}

/** The assets an undo was refused for (the refusal's `ids`, code `import_changed_since`): the first ten and how many
 * there are in all; null when the error is not that refusal. */
export function changedSince(err: IpcError): { count: number; ids: string[] } | null {
  if (err.code !== "import_changed_since" || !err.ids) return null;
  return { count: err.ids.length, ids: err.ids.slice(0, 10) };
}

/** The assets a forced undo left because they had changed since the import (from the batch's undo note). */
export function leftByUndo(note: string): string[] {
  const prefix = "left as changed since: ";
  return note.startsWith(prefix) ? note.slice(prefix.length).split(", ").filter((x) => x !== "") : [];
}

/** What an undo will do, as a message key: remove what the import added, put back what it updated, or both. */
export function undoEffectKey(counts: { inserted: number; updated: number }): keyof Messages {
  if (counts.inserted > 0 && counts.updated > 0) return "undo_effect_both";
  return counts.updated > 0 ? "undo_effect_updated" : "undo_effect_inserted";
}

/** Why an audit entry does not match, in the user's words: a key (from the entry's reason code) and the id of the
 * entry before a gap; null for a code not known here (the English reason is shown as it is). */
export function brokenReason(code: string, reason: string): { key: keyof Messages; previous: string } | null {
  const gap = /\(the previous one is (\d+)\)/.exec(reason);
  switch (code) {
    case "no_hash":
      return { key: "chain_reason_no_hash", previous: "" };
    case "entries_missing":
      return { key: "chain_reason_missing", previous: gap ? gap[1] : "" };
    case "changed":
      return { key: "chain_reason_changed", previous: "" };
    default:
      return null;
  }
}
