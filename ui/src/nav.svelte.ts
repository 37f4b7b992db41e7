// Which screen is shown, and the unsaved-changes guard every screen with a form sets.
export type Screen = "dashboard" | "controls" | "soa" | "assets" | "import" | "settings";

export const nav = $state<{ screen: Screen; dirty: boolean }>({ screen: "dashboard", dirty: false });

/** Moves to another screen unless the user keeps unsaved changes. */
export function go(screen: Screen, confirmText: string) {
  if (nav.dirty && !window.confirm(confirmText)) return;
  nav.dirty = false;
  nav.screen = screen;
}
