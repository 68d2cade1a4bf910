import type { Feedback } from "../addon-context.js";
import type { Messages } from "../i18n/messages.js";

const TOAST_SECONDS = 5;
/** Room for a few facts, a link and a note, without scrolling. */
const DIALOG_SIZE = { width: 440, height: 300 };

export function spreadsheetFeedback(t: Messages): Feedback {
  return {
    toast: (message) => SpreadsheetApp.getActiveSpreadsheet().toast(message, t.title, TOAST_SECONDS),
    alert: (message) => {
      const ui = SpreadsheetApp.getUi();
      ui.alert(t.title, message, ui.ButtonSet.OK);
    },
    ask: (message) => {
      const ui = SpreadsheetApp.getUi();
      const response = ui.prompt(t.title, message, ui.ButtonSet.OK_CANCEL);
      return response.getSelectedButton() === ui.Button.OK ? response.getResponseText() : null;
    },
    confirm: (message) => {
      const ui = SpreadsheetApp.getUi();
      return ui.alert(t.title, message, ui.ButtonSet.YES_NO) === ui.Button.YES;
    },
    dialog: (title, html) => {
      const output = HtmlService.createHtmlOutput(html).setWidth(DIALOG_SIZE.width).setHeight(DIALOG_SIZE.height);
      SpreadsheetApp.getUi().showModalDialog(output, title);
    },
  };
}
