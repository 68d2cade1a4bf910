import type { Feedback } from "../addon-context.js";
import type { Messages } from "../i18n/messages.js";

const TOAST_SECONDS = 5;

export function spreadsheetFeedback(t: Messages): Feedback {
  return {
    toast: (message) => SpreadsheetApp.getActiveSpreadsheet().toast(message, t.title, TOAST_SECONDS),
    alert: (message) => {
      const ui = SpreadsheetApp.getUi();
      ui.alert(t.title, message, ui.ButtonSet.OK);
    },
  };
}
