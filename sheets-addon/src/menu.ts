import type { Messages } from "./i18n/messages.js";

/** Menu items call these globals of src/index.ts by name (Apps Script menus take function names). */
export const MENU_ACTIONS = {
  newMonthlyPlan: "menuNewMonthlyPlan",
  submitPlan: "menuSubmitPlan",
  updateProgress: "menuUpdateProgress",
  issuePlan: "menuIssuePlan",
  approvals: "menuApprovals",
  completionRates: "menuCompletionRates",
} as const;

export type MenuEntry =
  | { kind: "item"; caption: string; functionName: string }
  | { kind: "submenu"; caption: string; items: MenuEntry[] }
  | { kind: "separator" };

/** Extensions › 计划运营: the add-on menu in the user's language. */
export function addonMenu(t: Messages): MenuEntry[] {
  const item = (caption: string, functionName: string): MenuEntry => ({ kind: "item", caption, functionName });
  return [
    { kind: "submenu", caption: t.menu.newTemplate, items: [item(t.menu.monthlyPlan, MENU_ACTIONS.newMonthlyPlan)] },
    { kind: "separator" },
    item(t.menu.submitPlan, MENU_ACTIONS.submitPlan),
    item(t.menu.updateProgress, MENU_ACTIONS.updateProgress),
    item(t.menu.issuePlan, MENU_ACTIONS.issuePlan),
    { kind: "separator" },
    item(t.menu.approvals, MENU_ACTIONS.approvals),
    item(t.menu.completionRates, MENU_ACTIONS.completionRates),
  ];
}
