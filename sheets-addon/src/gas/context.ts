import type { AddonContext } from "../addon-context.js";
import { errorMessage } from "../error-message.js";
import { messagesFor } from "../i18n/messages.js";
import { apiClient } from "./api.js";
import { spreadsheetFeedback } from "./feedback.js";
import { documentLock } from "./lock.js";
import { planIdStore } from "./plan-ids.js";
import { userLang } from "./session.js";
import { activeWorkbook } from "./workbook.js";

export function addonContext(): AddonContext {
  const lang = userLang();
  const t = messagesFor(lang);
  return {
    lang,
    t,
    ui: spreadsheetFeedback(t),
    api: apiClient(),
    lock: documentLock(),
    planIds: planIdStore(),
    workbook: activeWorkbook(),
  };
}

/** What the sidebar RPCs need: no sheet, no lock. */
export function sidebarContext(): Pick<AddonContext, "lang" | "t" | "api"> {
  const lang = userLang();
  return { lang, t: messagesFor(lang), api: apiClient() };
}

/** What the 汇总 / 仪表板 RPCs need: the sidebar's, plus the spreadsheet's clock (this month, local times). */
export function dashboardSidebarContext(): Pick<AddonContext, "lang" | "t" | "api" | "workbook"> {
  return { ...sidebarContext(), workbook: activeWorkbook() };
}

/**
 * The single catch of a menu action: expected failures are already shown by
 * the workflow; anything else still reaches the user as an alert, not as
 * Apps Script's generic error bar.
 */
export function runMenuAction(action: (ctx: AddonContext) => void): void {
  const ctx = addonContext();
  try {
    action(ctx);
  } catch (error) {
    ctx.ui.alert(ctx.t.unexpected(errorMessage(error)));
  }
}
