import { useTranslation } from "react-i18next";

import { LOCALE_TAGS, type Language } from "@/lib/i18n";

interface Bilingual {
  name_zh: string;
  name_en: string;
}

/** The levels of a skill, from basic to expert (``format.level`` names them). */
export const SKILL_LEVELS = [1, 2, 3, 4, 5] as const;

/** Dates, numbers and bilingual names in the reader's language. */
export function useFormat() {
  const { t, i18n } = useTranslation();
  const language: Language = i18n.language === "en" ? "en" : "zh-hans";
  const locale = LOCALE_TAGS[language];
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium" });
  const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  const timeFormat = new Intl.DateTimeFormat(locale, { timeStyle: "short" });
  const dayFormat = new Intl.DateTimeFormat(locale, { weekday: "long", month: "long", day: "numeric" });
  const numberFormat = new Intl.NumberFormat(locale);
  const fitFormat = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const listFormat = new Intl.ListFormat(locale, { type: "conjunction", style: "narrow" });
  return {
    language,
    /** "2027-03-01" (a date of the API) as the reader writes dates. */
    date: (value: string) => dateFormat.format(new Date(`${value}T00:00:00`)),
    dateTime: (value: string) => dateTimeFormat.format(new Date(value)),
    /** "09:30": the time of day of a moment of the API. */
    time: (value: string) => timeFormat.format(new Date(value)),
    /** "Monday 3 March": a day of a programme. */
    day: (value: string) => dayFormat.format(new Date(value)),
    number: (value: number) => numberFormat.format(value),
    /** "66.80": a fit or a part of one, exact to the hundredth as the matcher computes it. */
    fit: (value: number) => fitFormat.format(value),
    /** "a, b, c" or "甲、乙、丙": a list of names in the reader's language. */
    list: (items: string[]) => listFormat.format(items),
    /** A department's or a skill's name in the reader's language. */
    name: (item: Bilingual) => (language === "en" ? item.name_en : item.name_zh),
    /** The name in the other language, shown beside it where both help. */
    otherName: (item: Bilingual) => (language === "en" ? item.name_zh : item.name_en),
    /** "3 · Proficient": a skill level of 1 to 5 with its meaning. */
    level: (value: number) => t(`enums.level.${value}` as "enums.level.1"),
    /** "Confidential": a clearance of 0 to 3 by name. */
    clearance: (value: number) => t(`enums.clearance.${value}` as "enums.clearance.0"),
  };
}
