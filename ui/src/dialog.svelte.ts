// The app's own questions: one modal dialog (components/Dialog.svelte, mounted once in App.svelte) that every guard,
// confirmation and conflict uses instead of window.confirm, which the webview does not show. Each question is a
// promise: the id of the button chosen, or null when the user cancels (Escape, or the cancel button).
import type { FieldConflict } from "./ipc/types";

export type DialogButton = { id: string; label: string; kind?: "primary" | "secondary" | "danger" };

/** What one question shows. `defaultId` is the button focused first (Enter chooses it): always the safe choice. */
export type Question = {
  title: string;
  message: string;
  /** A list under the message (e.g. the controls still undecided). */
  items?: string[];
  /** The items are sentences (one per line) rather than short ids laid out in columns. */
  wide?: boolean;
  buttons: DialogButton[];
  defaultId: string;
  /** A text the user must type before choosing a button other than the default (e.g. a reason). */
  input?: { label: string; value: string };
  /** A box the user must tick before choosing a button other than the default (e.g. accepting undecided controls). */
  acknowledge?: string;
  /** With conflicts: one row per field, each answered "mine" or "theirs"; `entity` names the fields. */
  conflicts?: FieldConflict[];
  entity?: string;
};

type Open = Question & { resolve: (answer: Answer | null) => void };

export type Answer = { button: string; input: string; choices: Record<string, "mine" | "theirs"> };

export const dialog = $state<{ current: Open | null }>({ current: null });

/** Shows a question; resolves with the answer, or null when cancelled. One question at a time: a second one waits. */
export async function ask(q: Question): Promise<Answer | null> {
  while (dialog.current) {
    await new Promise((r) => setTimeout(r, 50));
  }
  return new Promise((resolve) => {
    dialog.current = { ...q, resolve };
  });
}

/** Called by the dialog when the user answers. */
export function answer(a: Answer | null) {
  const open = dialog.current;
  dialog.current = null;
  open?.resolve(a);
}
