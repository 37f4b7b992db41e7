// The save path every form stands on: send only the fields the user changed, with the record as the form loaded it;
// when someone else changed one of those fields meanwhile, show both values, let the user choose per field, and save
// again from what is stored now. Used by the control, asset and organisation forms (and every later record type).
import { asIpcError } from "./ipc/api";
import type { IpcError } from "./ipc/types";
import { ask } from "./dialog.svelte";
import { t } from "./i18n.svelte";

/** The keys whose values differ between the form now and the form as loaded (compared by value). */
export function changedKeys<F extends object>(now: F, loaded: F): (keyof F & string)[] {
  return (Object.keys(now) as (keyof F & string)[]).filter((k) => JSON.stringify(now[k]) !== JSON.stringify(loaded[k]));
}

/** Asks which value to keep for each conflicting field; null when the user goes back to editing. */
export async function chooseConflicts(err: IpcError, entity: string): Promise<Record<string, "mine" | "theirs"> | null> {
  const answer = await ask({
    title: t("conflict_title"),
    message: t("conflict_message"),
    conflicts: err.conflicts ?? [],
    entity,
    buttons: [
      { id: "cancel", label: t("conflict_cancel"), kind: "secondary" },
      { id: "apply", label: t("conflict_apply"), kind: "primary" },
    ],
    defaultId: "cancel",
  });
  return answer?.button === "apply" ? answer.choices : null;
}

export type SavePlan<F extends object, R> = {
  /** What the record is called in the audit trail (`control_register`, `asset`, `organisation`). */
  entity: string;
  form: F;
  loaded: F;
  /** The stored field a form key edits (conflicts name stored fields). */
  field?: (key: keyof F & string) => string;
  /** Sends the changed keys against the base the caller holds. */
  send: (form: F, changed: (keyof F & string)[]) => Promise<R>;
  /** Reads the record as stored now, makes it the caller's base, and returns it as a form. */
  reload: () => Promise<F>;
};

/** The outcome: what the save returned (null when, after the choices, nothing was left to save), and the form and
 * its loaded state as they are now (after a conflict, the merged form over the record as stored). */
export type Saved<F, R> = { result: R | null; form: F; loaded: F };

/** Saves the changed fields; on a conflict asks the user and saves again. Throws the error (the form untouched) when
 * the save fails otherwise or the user goes back to editing. */
export async function saveChanges<F extends object, R>(plan: SavePlan<F, R>): Promise<Saved<F, R>> {
  let { form, loaded } = plan;
  const field = plan.field ?? ((k: string) => k);
  for (;;) {
    const changed = changedKeys(form, loaded);
    if (changed.length === 0) return { result: null, form, loaded };
    try {
      return { result: await plan.send(form, changed), form, loaded };
    } catch (e) {
      const err = asIpcError(e);
      if (err.code !== "conflict" || !err.conflicts?.length) throw err;
      const choices = await chooseConflicts(err, plan.entity);
      if (!choices) throw err;
      const fresh: F = await plan.reload();
      const merged: F = { ...fresh };
      for (const k of changed) if (choices[field(k)] !== "theirs") merged[k] = form[k];
      form = merged;
      loaded = fresh;
    }
  }
}
