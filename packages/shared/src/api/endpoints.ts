import { z } from "zod";
import { DecideRequestSchema, DecideResponseSchema, PendingApprovalsResponseSchema } from "./approvals.js";
import {
  GetPlanRequestSchema,
  IssuePlanRequestSchema,
  IssuePlanResponseSchema,
  PlanViewSchema,
  SubmitPlanRequestSchema,
  SubmitPlanResponseSchema,
  UpdateProgressRequestSchema,
  UpdateProgressResponseSchema,
} from "./plans.js";
import { RosterResponseSchema } from "./roster.js";
import { CompletionRatesRequestSchema, CompletionRatesResponseSchema } from "./rollups.js";

/**
 * Every HTTP function, its method and its zod schemas: the single list behind the
 * router, the OpenAPI document and the add-on's client.
 * GET endpoints take their input from the query string; POST ones from a JSON body.
 */
export const ENDPOINTS = {
  submitPlan: {
    method: "POST",
    summary: "Submit (or resubmit) a monthly plan sheet for approval / 提交月度计划",
    request: SubmitPlanRequestSchema,
    response: SubmitPlanResponseSchema,
  },
  pendingApprovals: {
    method: "GET",
    summary: "What awaits the caller's decision / 待我审批",
    request: z.object({}),
    response: PendingApprovalsResponseSchema,
  },
  getPlan: {
    method: "GET",
    summary: "One plan with its tasks / 查看计划",
    request: GetPlanRequestSchema,
    response: PlanViewSchema,
  },
  decide: {
    method: "POST",
    summary: "Approve or return a plan / 批准或退回",
    request: DecideRequestSchema,
    response: DecideResponseSchema,
  },
  issuePlan: {
    method: "POST",
    summary: "Issue an approved plan to every owner / 下发计划",
    request: IssuePlanRequestSchema,
    response: IssuePlanResponseSchema,
  },
  updateProgress: {
    method: "POST",
    summary: "Owners update status, % complete, actual finish and feedback / 更新进度",
    request: UpdateProgressRequestSchema,
    response: UpdateProgressResponseSchema,
  },
  completionRates: {
    method: "GET",
    summary: "Completion rates per person, group and department / 计划完成率",
    request: CompletionRatesRequestSchema,
    response: CompletionRatesResponseSchema,
  },
  roster: {
    method: "GET",
    summary: "Departments and people for the sheet's dropdowns / 人员名册",
    request: z.object({}),
    response: RosterResponseSchema,
  },
} as const;

export type EndpointName = keyof typeof ENDPOINTS;
export type RequestOf<N extends EndpointName> = z.input<(typeof ENDPOINTS)[N]["request"]>;
export type ResponseOf<N extends EndpointName> = z.infer<(typeof ENDPOINTS)[N]["response"]>;
