import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import i18next from "i18next";
import { initReactI18next } from "react-i18next";

import { en } from "./en";
import { zhHans } from "./zh-hans";

export type Language = "zh-hans" | "en";

export const LANGUAGES: { code: Language; label: string }[] = [
  { code: "zh-hans", label: "简体中文" },
  { code: "en", label: "English" },
];

const STORAGE_KEY = "talentbridge.language";

/** BCP 47 tags for Intl and the <html lang> attribute. */
export const LOCALE_TAGS: Record<Language, string> = { "zh-hans": "zh-Hans-CN", en: "en" };

function isLanguage(value: unknown): value is Language {
  return value === "zh-hans" || value === "en";
}

/** The first visit follows the browser; later ones the last choice (kept in the profile too). */
export function initialLanguage(): Language {
  const stored = window.localStorage.getItem(STORAGE_KEY);
  if (isLanguage(stored)) {
    return stored;
  }
  const preferred = navigator.languages?.[0] ?? navigator.language ?? "";
  return preferred.toLowerCase().startsWith("zh") ? "zh-hans" : "en";
}

export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : "zh-hans";
}

function applyToDocument(language: Language): void {
  document.documentElement.lang = LOCALE_TAGS[language];
  dayjs.locale(language === "zh-hans" ? "zh-cn" : "en");
}

export async function adoptLanguage(language: string): Promise<void> {
  if (!isLanguage(language) || language === currentLanguage()) {
    return;
  }
  window.localStorage.setItem(STORAGE_KEY, language);
  applyToDocument(language);
  await i18next.changeLanguage(language);
}

export function setupI18n(language: Language = initialLanguage()): typeof i18next {
  applyToDocument(language);
  void i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, "zh-hans": { translation: zhHans } },
    lng: language,
    fallbackLng: false,
    lowerCaseLng: true,
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  return i18next;
}
