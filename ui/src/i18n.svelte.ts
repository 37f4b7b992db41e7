// Japanese and English: every label of the UI, the language switch, and date formatting (2026年11月22日 in Japanese).
import { ja, en, type Messages } from "./messages";

export type Lang = "ja" | "en";

function savedLang(): Lang | null {
  const saved = typeof localStorage !== "undefined" ? localStorage.getItem("isms-desk.lang") : null;
  return saved === "ja" || saved === "en" ? saved : null;
}

/** Japanese first; the OS locale is applied by `startLanguage` unless the user chose a language in Settings. */
export const locale = $state<{ lang: Lang }>({ lang: savedLang() ?? "ja" });

export async function startLanguage(osLanguage: () => Promise<string>) {
  if (savedLang()) return;
  try {
    const os = await osLanguage();
    locale.lang = os === "en" ? "en" : "ja";
  } catch {
    locale.lang = "ja";
  }
}

export function setLang(lang: Lang) {
  locale.lang = lang;
  if (typeof localStorage !== "undefined") localStorage.setItem("isms-desk.lang", lang);
  if (typeof document !== "undefined") document.documentElement.lang = lang;
}

export function t(key: keyof Messages): string {
  return (locale.lang === "ja" ? ja : en)[key];
}
