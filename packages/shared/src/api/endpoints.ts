import * as z from "zod";
import type { ENDPOINT_METHODS, EndpointName } from "../endpoint-methods.js";
import { PlanAdjustmentsRequestSchema, PlanAdjustmentsResponseSchema, ReviewAdjustmentsRequestSchema, ReviewAdjustmentsResponseSchema } from "./adjustments.js";
import { AuditTrailRequestSchema, AuditTrailResponseSchema } from "./audit.js";
import { DecideRequestSchema, DecideResponseSchema, PendingApprovalsResponseSchema } from "./approvals.js";
import {
  DelegateRequestSchema,
  DelegateResponseSchema,
  DelegationsResponseSchema,
  RevokeDelegationRequestSchema,
  RevokeDelegationResponseSchema,
} from "./delegations.js";
import {
  GetPlanRequestSchema,
  IssuePlanResponseSchema,
  PlanIdRequestSchema,
  PlanDetailsSchema,
  PlanProgressResponseSchema,
  ReferenceOptionsRequestSchema,
  ReferenceOptionsResponseSchema,
  SubmitRequestSchema,
  SubmitResponseSchema,
  UpdateProgressRequestSchema,
  UpdateProgressResponseSchema,
} from "./plans.js";
import { ROSTER_ENDPOINT } from "./roster.js";
import { RosterRecordsResponseSchema } from "./roster-records.js";
import { DashboardRequestSchema, DashboardSchema, RollupViewRequestSchema, RollupViewSchema, RunRollupResponseSchema } from "./dashboards.js";
import { OperationsDataRequestSchema, OperationsDataResponseSchema, ReportRequestSchema, ReportSchema } from "./operations.js";
import { ListOptionsRequestSchema, ListOptionsResponseSchema } from "./options.js";
import { CompletionRatesRequestSchema, CompletionRatesResponseSchema } from "./rollups.js";

/**
 * Every HTTP function, its method and its zod schemas: the single list behind the
 * router, the OpenAPI document and the add-on's client.
 * GET endpoints take their input from the query string; POST ones from a JSON body.
 */
export const ENDPOINTS = {
  submit: {
    method: "POST",
    summary: "Submit any template's sheet: a plan for approval, the roster, implementation steps / 提交表格",
    request: SubmitRequestSchema,
    response: SubmitResponseSchema,
  },
  pendingApprovals: {
    method: "GET",
    summary: "What awaits the caller's decision / 待我审批",
    request: z.object({}),
    response: PendingApprovalsResponseSchema,
  },
  getPlan: {
    method: "GET",
    summary: "One plan with its items, the latest or a stored revision / 查看计划",
    request: GetPlanRequestSchema,
    response: PlanDetailsSchema,
  },
  decide: {
    method: "POST",
    summary: "Approve or return a plan / 批准或退回",
    request: DecideRequestSchema,
    response: DecideResponseSchema,
  },
  delegate: {
    method: "POST",
    summary: "A manager delegates approvals to a deputy for a date range / 委托审批",
    request: DelegateRequestSchema,
    response: DelegateResponseSchema,
  },
  revokeDelegation: {
    method: "POST",
    summary: "The manager ends a delegation early / 撤销委托",
    request: RevokeDelegationRequestSchema,
    response: RevokeDelegationResponseSchema,
  },
  delegations: {
    method: "GET",
    summary: "The caller's current and upcoming delegations, as manager or deputy / 我的委托",
    request: z.object({}),
    response: DelegationsResponseSchema,
  },
  issuePlan: {
    method: "POST",
    summary: "Issue an approved monthly plan to every owner / 下发计划",
    request: PlanIdRequestSchema,
    response: IssuePlanResponseSchema,
  },
  updateProgress: {
    method: "POST",
    summary: "Owners update status, % complete, actual finish and feedback / 更新进度",
    request: UpdateProgressRequestSchema,
    response: UpdateProgressResponseSchema,
  },
  planProgress: {
    method: "GET",
    summary: "Rolled-up progress of each item of a quarterly or annual plan / 计划进度",
    request: PlanIdRequestSchema,
    response: PlanProgressResponseSchema,
  },
  referenceOptions: {
    method: "GET",
    summary: "Items of the approved parent plan, for a template's reference dropdowns / 上级计划条目",
    request: ReferenceOptionsRequestSchema,
    response: ReferenceOptionsResponseSchema,
  },
  listOptions: {
    method: "GET",
    summary: "The current entries of a configured list (the active operations indicators), for a template's dropdowns / 配置选项",
    request: ListOptionsRequestSchema,
    response: ListOptionsResponseSchema,
  },
  completionRates: {
    method: "GET",
    summary: "Completion rates of a month, quarter or year per person, group, department and plan item / 计划完成率",
    request: CompletionRatesRequestSchema,
    response: CompletionRatesResponseSchema,
  },
  roster: ROSTER_ENDPOINT,
  reviewAdjustments: {
    method: "POST",
    summary: "The planning group's review opinions on adjustment requests / 提交审核意见",
    request: ReviewAdjustmentsRequestSchema,
    response: ReviewAdjustmentsResponseSchema,
  },
  planAdjustments: {
    method: "GET",
    summary: "Every adjustment request on a plan: from → to, review, decision, version made / 计划调整记录",
    request: PlanAdjustmentsRequestSchema,
    response: PlanAdjustmentsResponseSchema,
  },
  rosterRecords: {
    method: "GET",
    summary: "The roster as rows of the roster sheet, for HR and managers / 人员名册表",
    request: z.object({}),
    response: RosterRecordsResponseSchema,
  },
  auditTrail: {
    method: "GET",
    summary: "Every recorded change of a plan, item, approval or roster record, newest first; read-only / 变更记录",
    request: AuditTrailRequestSchema,
    response: AuditTrailResponseSchema,
  },
  runRollup: {
    method: "POST",
    summary: "Run the roll-up now (management, HR, managers, deputies, the planning group) / 立即汇总",
    request: z.object({}),
    response: RunRollupResponseSchema,
  },
  rollupView: {
    method: "GET",
    summary: "The last roll-up's figures for a period: rates, overdue work by age, cascade progress, trends / 汇总结果",
    request: RollupViewRequestSchema,
    response: RollupViewSchema,
  },
  dashboard: {
    method: "GET",
    summary: "The caller's dashboard spreadsheet / 仪表板",
    request: DashboardRequestSchema,
    response: DashboardSchema,
  },
  refreshDashboard: {
    method: "POST",
    summary: "Write the dashboard spreadsheet from the last roll-up now / 刷新仪表板",
    request: DashboardRequestSchema,
    response: DashboardSchema,
  },
  operationsData: {
    method: "GET",
    summary: "Operations figures, indicators and anomalies for a range of months / 运营数据",
    request: OperationsDataRequestSchema,
    response: OperationsDataResponseSchema,
  },
  generateReport: {
    method: "POST",
    summary: "Generate (or regenerate) the data-analysis report spreadsheet of a period, keeping the analyst's text / 生成数据分析报告",
    request: ReportRequestSchema,
    response: ReportSchema,
  },
  publishReport: {
    method: "POST",
    summary: "Publish a report: company management is notified / 发布数据分析报告",
    request: ReportRequestSchema,
    response: ReportSchema,
  },
} as const satisfies { [N in EndpointName]: { method: (typeof ENDPOINT_METHODS)[N]; summary: string; request: z.core.$ZodType; response: z.core.$ZodType } };

export type { EndpointName };
export type RequestOf<N extends EndpointName> = z.input<(typeof ENDPOINTS)[N]["request"]>;
export type ResponseOf<N extends EndpointName> = z.infer<(typeof ENDPOINTS)[N]["response"]>;
