import type { AddonContext } from "../addon-context.js";
import type { ApiResult } from "../api/client.js";
import type { SidebarServer } from "./contract.js";

/**
 * The server side of the approvals sidebar. Backend refusals are thrown as
 * Errors whose message is already in the user's language, because that message
 * is all google.script.run's failure handler receives.
 */
export function sidebarService(ctx: Pick<AddonContext, "api" | "lang" | "t">): SidebarServer {
  const unwrap = <T>(result: ApiResult<T>): T => {
    if (result.ok) return result.value;
    throw new Error(ctx.t.failure(result.failure.message[ctx.lang], result.failure.code));
  };
  return {
    sidebarInfo: () => ({ lang: ctx.lang, strings: ctx.t.sidebar }),
    sidebarListPending: () => unwrap(ctx.api.call("pendingApprovals", {})).items,
    sidebarGetPlan: (planId) => unwrap(ctx.api.call("getPlan", { planId })),
    sidebarDecide: ({ planId, revision, decision, comment }) => {
      // Forwarded field by field: the page is not trusted to send only these; the backend validates them.
      const value = unwrap(ctx.api.call("decide", { planId, revision, decision, comment }));
      return { planId: value.planId, status: value.status, message: value.message[ctx.lang] };
    },
  };
}
