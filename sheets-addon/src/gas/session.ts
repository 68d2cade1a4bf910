import { langOf, type Lang } from "@planops/shared";

/** The user's language from their Google account locale ("en…" → English, anything else → 简体中文). */
export function userLang(): Lang {
  return langOf(Session.getActiveUserLocale());
}
