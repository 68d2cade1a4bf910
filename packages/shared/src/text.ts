/** Bilingual text: Simplified Chinese by default, English for users whose locale is English. */
export type Lang = "zh" | "en";

export interface Text {
  zh: string;
  en: string;
}

/** The user's language from an Apps Script / BCP-47 locale such as "zh_CN", "en-US" or "en". */
export function langOf(locale: string | undefined | null): Lang {
  return locale && /^en\b|^en[_-]/i.test(locale) ? "en" : "zh";
}
