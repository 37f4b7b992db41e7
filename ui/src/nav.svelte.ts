// Which screen is shown, the unsaved-input flag every screen with a form sets, and the one guard that asks before
// that input would be lost (leaving a screen, opening another record, closing the window, opening another database,
// restoring a backup).
import { ask } from "./dialog.svelte";
import { t } from "./i18n.svelte";

export type Screen = "dashboard" | "controls" | "soa" | "assets" | "suppliers" | "incidents" | "certifications" | "whitepapers" | "import" | "settings";

/** `focus`: the id of a part of the next screen to scroll to once it has loaded (e.g. the database check). */
export const nav = $state<{ screen: Screen; dirty: boolean; focus: string | null }>({ screen: "dashboard", dirty: false, focus: null });

export type Loss = "leave" | "switch" | "close" | "open_db" | "restore";

/** True when nothing unsaved would be lost, or the user chose to discard it; false keeps the input (the default). */
export async function mayDiscard(loss: Loss): Promise<boolean> {
  if (!nav.dirty) return true;
  const answer = await ask({
    title: t("unsaved_title"),
    message: t(`unsaved_${loss}`),
    buttons: [
      { id: "keep", label: t("unsaved_keep"), kind: "primary" },
      { id: "discard", label: t(`unsaved_discard_${loss}`), kind: "danger" },
    ],
    defaultId: "keep",
  });
  if (answer?.button !== "discard") return false;
  nav.dirty = false;
  return true;
}

/** Moves to another screen unless the user keeps unsaved input; `focus` names the part of it to show. */
export async function go(screen: Screen, focus: string | null = null) {
  if (screen === nav.screen) return;
  if (await mayDiscard("leave")) {
    nav.focus = focus;
    nav.screen = screen;
  }
}
