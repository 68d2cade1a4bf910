/**
 * Apps Script globals only. build.mjs bundles this file as the IIFE `PlanOps`
 * and adds a top-level `function name(...args) { return PlanOps.name(...args); }`
 * for every export, so every export here is callable by Apps Script: as a
 * trigger, a menu item or a google.script.run RPC.
 */
import type { DecisionInput, DecisionOutcome, SidebarInfo, SidebarServer } from "./approvals/contract.js";
import { sidebarService } from "./approvals/sidebar-service.js";
import { runMenuAction, sidebarContext } from "./gas/context.js";
import { installAddonMenu } from "./gas/menu.js";
import { userLang } from "./gas/session.js";
import { showSidebar } from "./gas/sidebar.js";
import { messagesFor } from "./i18n/messages.js";
import { addonMenu } from "./menu.js";
import { issuePlan } from "./plans/issue-plan.js";
import { newMonthlyPlan } from "./plans/new-monthly-plan.js";
import { submitPlan } from "./plans/submit-plan.js";
import { updateProgress } from "./plans/update-progress.js";
import { completionRates } from "./rollups/completion-rates.js";

/** Simple trigger; may run in AuthMode.NONE, so it only builds the menu. */
export function onOpen(): void {
  installAddonMenu(addonMenu(messagesFor(userLang())));
}

export function onInstall(): void {
  onOpen();
}

export function menuNewMonthlyPlan(): void {
  runMenuAction(newMonthlyPlan);
}

export function menuSubmitPlan(): void {
  runMenuAction(submitPlan);
}

export function menuUpdateProgress(): void {
  runMenuAction(updateProgress);
}

export function menuIssuePlan(): void {
  runMenuAction(issuePlan);
}

export function menuApprovals(): void {
  runMenuAction((ctx) => showSidebar(ctx.t.menu.approvals));
}

export function menuCompletionRates(): void {
  runMenuAction(completionRates);
}

export function sidebarInfo(): SidebarInfo {
  return sidebarService(sidebarContext()).sidebarInfo();
}

export function sidebarListPending(): ReturnType<SidebarServer["sidebarListPending"]> {
  return sidebarService(sidebarContext()).sidebarListPending();
}

export function sidebarGetPlan(planId: string): ReturnType<SidebarServer["sidebarGetPlan"]> {
  return sidebarService(sidebarContext()).sidebarGetPlan(planId);
}

export function sidebarDecide(request: DecisionInput): DecisionOutcome {
  return sidebarService(sidebarContext()).sidebarDecide(request);
}
