import { type AddonContext, failureText } from "../addon-context.js";
import type { ApiResult } from "../api/client.js";
import type { SidebarServer } from "./contract.js";

/**
 * The server side of the approvals sidebar. Backend refusals are thrown as
 * Errors whose message is already in the user's language, in plain words, ending
 * with the code ("…（ALREADY_DECIDED）"), because that message is all
 * google.script.run's failure handler receives; the page splits the code off
 * (src/sidebar/failure.ts).
 */
export function sidebarService(ctx: Pick<AddonContext, "api" | "lang" | "t">): SidebarServer {
  const unwrap = <T>(result: ApiResult<T>): T => {
    if (result.ok) return result.value;
    throw new Error(failureText(ctx, result.failure));
  };
  return {
    sidebarInfo: () => ({ lang: ctx.lang, strings: ctx.t.sidebar }),
    sidebarListPending: () => unwrap(ctx.api.call("pendingApprovals", {})).items,
    sidebarGetPlan: (planId) => unwrap(ctx.api.call("getPlan", { planId })),
    sidebarGetAdjustment: (planId, adjustmentId) => {
      const plan = unwrap(ctx.api.call("getPlan", { planId: String(planId) }));
      const adjustment = unwrap(ctx.api.call("planAdjustments", { planId: String(planId) })).adjustments.find((a) => a.adjustmentId === adjustmentId);
      if (!adjustment)
        throw new Error(ctx.t.failure(ctx.lang === "zh" ? `找不到调整申请 ${adjustmentId}` : `No adjustment request ${adjustmentId}`, "NOT_FOUND"));
      const { title, kind, period, department, revision, status, timeZone, approver } = plan;
      return { plan: { planId: plan.planId, title, kind, period, department, revision, status, timeZone, approver }, adjustment };
    },
    sidebarAuditTrail: (itemId) => unwrap(ctx.api.call("auditTrail", { type: "item", id: String(itemId) })),
    sidebarDecide: ({ planId, revision, decision, comment, adjustmentId }) => {
      // Forwarded field by field: the page is not trusted to send only these; the backend validates them.
      const value = unwrap(ctx.api.call("decide", { planId, revision, decision, comment, ...(typeof adjustmentId === "string" ? { adjustmentId } : {}) }));
      return { planId: value.planId, status: value.status, message: value.message[ctx.lang] };
    },
    sidebarDelegations: () => unwrap(ctx.api.call("delegations", {})),
    sidebarDelegate: ({ deputy, from, to }) => ({ message: unwrap(ctx.api.call("delegate", { deputy, from, to })).message[ctx.lang] }),
    sidebarRevokeDelegation: (delegationId) => ({ message: unwrap(ctx.api.call("revokeDelegation", { delegationId })).message[ctx.lang] }),
  };
}
