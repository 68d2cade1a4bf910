/**
 * Apps Script globals only. build.mjs bundles this file as the IIFE `PlanOps`
 * and adds a top-level `function name(...args) { return PlanOps.name(...args); }`
 * for every export, so every export here is callable by Apps Script: as a
 * trigger, a menu item or a google.script.run RPC.
 */
import {
  ANNUAL_PLAN_KIND,
  MONTHLY_PLAN_KIND,
  OPERATIONS_DATA_KIND,
  OPERATIONS_INDICATORS_KIND,
  PLAN_ADJUSTMENT_KIND,
  QUARTERLY_PLAN_KIND,
  ROSTER_KIND,
  TASK_STEPS_KIND,
} from "@planops/shared";
import { reviewAdjustments } from "./adjustments/review.js";
import { syncPlanSheet } from "./adjustments/sync-plan.js";
import type { DecisionInput, DecisionOutcome, DelegationInput, DelegationOutcome, SidebarInfo, SidebarServer } from "./approvals/contract.js";
import { sidebarService } from "./approvals/sidebar-service.js";
import type { DashboardServer } from "./dashboards/contract.js";
import { openDashboard, refreshDashboard } from "./dashboards/open-dashboard.js";
import { runRollup } from "./dashboards/run-rollup.js";
import { dashboardSidebarService } from "./dashboards/sidebar-service.js";
import { dashboardSidebarContext, runMenuAction, sidebarContext } from "./gas/context.js";
import { installAddonMenu } from "./gas/menu.js";
import { userLang } from "./gas/session.js";
import { showSidebar } from "./gas/sidebar.js";
import { messagesFor } from "./i18n/messages.js";
import { addonMenu } from "./menu.js";
import { issuePlan } from "./plans/issue-plan.js";
import { newTemplate } from "./plans/new-template.js";
import { refreshProgress } from "./plans/refresh-progress.js";
import { submit } from "./plans/submit.js";
import { updateProgress } from "./plans/update-progress.js";
import { generateReport } from "./reports/generate-report.js";
import { publishReport } from "./reports/publish-report.js";
import { completionRates } from "./rollups/completion-rates.js";

/** Simple trigger; may run in AuthMode.NONE, so it only builds the menu. */
export function onOpen(): void {
  const lang = userLang();
  installAddonMenu(addonMenu(messagesFor(lang), lang));
}

export function onInstall(): void {
  onOpen();
}

// 新建模板 › <kind>: one global per kind of DOCUMENT_KINDS, named by newTemplateFunctionName (src/menu.ts).

export function menuNewAnnualPlan(): void {
  runMenuAction((ctx) => newTemplate(ctx, ANNUAL_PLAN_KIND.id));
}

export function menuNewQuarterlyPlan(): void {
  runMenuAction((ctx) => newTemplate(ctx, QUARTERLY_PLAN_KIND.id));
}

export function menuNewMonthlyPlan(): void {
  runMenuAction((ctx) => newTemplate(ctx, MONTHLY_PLAN_KIND.id));
}

export function menuNewTaskSteps(): void {
  runMenuAction((ctx) => newTemplate(ctx, TASK_STEPS_KIND.id));
}

export function menuNewPlanAdjustment(): void {
  runMenuAction((ctx) => newTemplate(ctx, PLAN_ADJUSTMENT_KIND.id));
}

export function menuNewOperationsData(): void {
  runMenuAction((ctx) => newTemplate(ctx, OPERATIONS_DATA_KIND.id));
}

export function menuNewOperationsIndicators(): void {
  runMenuAction((ctx) => newTemplate(ctx, OPERATIONS_INDICATORS_KIND.id));
}

export function menuNewRoster(): void {
  runMenuAction((ctx) => newTemplate(ctx, ROSTER_KIND.id));
}

/** 提交: any template's sheet (the global keeps its old name so existing menus keep working). */
export function menuSubmitPlan(): void {
  runMenuAction(submit);
}

export function menuUpdateProgress(): void {
  runMenuAction(updateProgress);
}

export function menuIssuePlan(): void {
  runMenuAction(issuePlan);
}

export function menuRefreshProgress(): void {
  runMenuAction(refreshProgress);
}

export function menuApprovals(): void {
  runMenuAction((ctx) => showSidebar(ctx.t.menu.approvals));
}

export function menuReviewAdjustments(): void {
  runMenuAction(reviewAdjustments);
}

export function menuSyncPlan(): void {
  runMenuAction(syncPlanSheet);
}

export function menuCompletionRates(): void {
  runMenuAction(completionRates);
}

/** 仪表板 › 汇总 / 仪表板: the sidebar's figures view. */
export function menuDashboardView(): void {
  runMenuAction((ctx) => showSidebar(ctx.t.menu.dashboardView, "dashboard"));
}

export function menuOpenDashboard(): void {
  runMenuAction(openDashboard);
}

export function menuRefreshDashboard(): void {
  runMenuAction(refreshDashboard);
}

export function menuRunRollup(): void {
  runMenuAction(runRollup);
}

export function menuGenerateReport(): void {
  runMenuAction(generateReport);
}

export function menuPublishReport(): void {
  runMenuAction(publishReport);
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

export function sidebarGetAdjustment(planId: string, adjustmentId: string): ReturnType<SidebarServer["sidebarGetAdjustment"]> {
  return sidebarService(sidebarContext()).sidebarGetAdjustment(planId, adjustmentId);
}

export function sidebarDecide(request: DecisionInput): DecisionOutcome {
  return sidebarService(sidebarContext()).sidebarDecide(request);
}

export function sidebarDelegations(): ReturnType<SidebarServer["sidebarDelegations"]> {
  return sidebarService(sidebarContext()).sidebarDelegations();
}

export function sidebarDelegate(request: DelegationInput): DelegationOutcome {
  return sidebarService(sidebarContext()).sidebarDelegate(request);
}

export function sidebarRevokeDelegation(delegationId: string): DelegationOutcome {
  return sidebarService(sidebarContext()).sidebarRevokeDelegation(delegationId);
}

export function sidebarAuditTrail(itemId: string): ReturnType<SidebarServer["sidebarAuditTrail"]> {
  return sidebarService(sidebarContext()).sidebarAuditTrail(itemId);
}

export function sidebarRollupSummary(): ReturnType<DashboardServer["sidebarRollupSummary"]> {
  return dashboardSidebarService(dashboardSidebarContext()).sidebarRollupSummary();
}

export function sidebarDashboard(): ReturnType<DashboardServer["sidebarDashboard"]> {
  return dashboardSidebarService(dashboardSidebarContext()).sidebarDashboard();
}

export function sidebarRefreshDashboard(): ReturnType<DashboardServer["sidebarRefreshDashboard"]> {
  return dashboardSidebarService(dashboardSidebarContext()).sidebarRefreshDashboard();
}

export function sidebarRunRollup(): ReturnType<DashboardServer["sidebarRunRollup"]> {
  return dashboardSidebarService(dashboardSidebarContext()).sidebarRunRollup();
}
