import { DOCUMENT_KINDS, type DocumentKind, type Lang } from "@planops/shared";
import type { Messages } from "./i18n/messages.js";

/**
 * The global of src/index.ts behind 新建模板 › <kind>: "menuNew" and the kind's id
 * in PascalCase ("monthly-plan" → "menuNewMonthlyPlan"). Derived, so the names
 * stay stable as long as the kinds' ids do; src/index.ts exports one per kind
 * (Apps Script menus take function names), and a unit test checks they match.
 */
export function newTemplateFunctionName(kindId: string): string {
  const pascal = kindId
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]?.toUpperCase() + part.slice(1))
    .join("");
  return `menuNew${pascal}`;
}

/** The other menu items call these globals of src/index.ts by name. */
export const MENU_ACTIONS = {
  submit: "menuSubmitPlan",
  updateProgress: "menuUpdateProgress",
  issuePlan: "menuIssuePlan",
  refreshProgress: "menuRefreshProgress",
  approvals: "menuApprovals",
  completionRates: "menuCompletionRates",
  reviewAdjustments: "menuReviewAdjustments",
  syncPlan: "menuSyncPlan",
  dashboardView: "menuDashboardView",
  openDashboard: "menuOpenDashboard",
  refreshDashboard: "menuRefreshDashboard",
  runRollup: "menuRunRollup",
  generateReport: "menuGenerateReport",
  publishReport: "menuPublishReport",
} as const;

/** Every menu global: the fixed ones and one 新建模板 entry per kind. */
export function menuFunctionNames(kinds: readonly DocumentKind[] = DOCUMENT_KINDS): string[] {
  return [...kinds.map((k) => newTemplateFunctionName(k.id)), ...Object.values(MENU_ACTIONS)];
}

export type MenuEntry =
  | { kind: "item"; caption: string; functionName: string }
  | { kind: "submenu"; caption: string; items: MenuEntry[] }
  | { kind: "separator" };

/**
 * Extensions › 计划运营: the add-on menu in the user's language. 新建模板 lists
 * every kind of the registry, in its order, by the template's own title.
 */
export function addonMenu(t: Messages, lang: Lang, kinds: readonly DocumentKind[] = DOCUMENT_KINDS): MenuEntry[] {
  const item = (caption: string, functionName: string): MenuEntry => ({ kind: "item", caption, functionName });
  return [
    {
      kind: "submenu",
      caption: t.menu.newTemplate,
      items: kinds.map((k) => item(k.template.title[lang], newTemplateFunctionName(k.id))),
    },
    { kind: "separator" },
    item(t.menu.submit, MENU_ACTIONS.submit),
    item(t.menu.updateProgress, MENU_ACTIONS.updateProgress),
    item(t.menu.issuePlan, MENU_ACTIONS.issuePlan),
    item(t.menu.refreshProgress, MENU_ACTIONS.refreshProgress),
    item(t.menu.reviewAdjustments, MENU_ACTIONS.reviewAdjustments),
    item(t.menu.syncPlan, MENU_ACTIONS.syncPlan),
    { kind: "separator" },
    item(t.menu.approvals, MENU_ACTIONS.approvals),
    item(t.menu.completionRates, MENU_ACTIONS.completionRates),
    {
      kind: "submenu",
      caption: t.menu.dashboard,
      items: [
        item(t.menu.dashboardView, MENU_ACTIONS.dashboardView),
        item(t.menu.openDashboard, MENU_ACTIONS.openDashboard),
        item(t.menu.refreshDashboard, MENU_ACTIONS.refreshDashboard),
        item(t.menu.runRollup, MENU_ACTIONS.runRollup),
      ],
    },
    {
      kind: "submenu",
      caption: t.menu.reports,
      items: [item(t.menu.generateReport, MENU_ACTIONS.generateReport), item(t.menu.publishReport, MENU_ACTIONS.publishReport)],
    },
  ];
}
