import type { Lang } from "@planops/shared";
import type { AdjustmentView, AuditTrail, DelegationsResponse, PendingItem, PlanDetails, PlanStatus } from "@planops/shared/api";
import type { SidebarStrings } from "../i18n/messages.js";

/**
 * The sidebar ↔ server boundary: the RPC globals of src/index.ts and what the
 * page receives: plans of every kind (annual, quarterly, monthly), with their
 * generic items. Shared by both sides so a change breaks compilation, not users.
 */
export interface SidebarServer {
  sidebarInfo(): SidebarInfo;
  sidebarListPending(): PendingItem[];
  sidebarGetPlan(planId: string): PlanDetails;
  /** One adjustment request awaiting a decision (a pending item with an adjustmentId), with the plan it is on. */
  sidebarGetAdjustment(planId: string, adjustmentId: string): AdjustmentDetails;
  sidebarDecide(request: DecisionInput): DecisionOutcome;
  /** An item's audit trail (who, when, from → to, comment), newest first. */
  sidebarAuditTrail(itemId: string): AuditTrail;
  /** 委托审批: the caller's delegations as manager and deputy, and whom a manager may choose. */
  sidebarDelegations(): DelegationsResponse;
  sidebarDelegate(request: DelegationInput): DelegationOutcome;
  sidebarRevokeDelegation(delegationId: string): DelegationOutcome;
}

/** An adjustment request (调整申请) as the sidebar shows it: the request, and the plan it is on. */
export interface AdjustmentDetails {
  plan: Pick<PlanDetails, "planId" | "title" | "kind" | "period" | "department" | "revision" | "status" | "timeZone" | "approver">;
  adjustment: AdjustmentView;
}

export interface DelegationInput {
  deputy: string;
  /** Days "YYYY-MM-DD", both inclusive. */
  from: string;
  to: string;
}

export interface DelegationOutcome {
  /** The backend's confirmation in the user's language. */
  message: string;
}

export interface SidebarInfo {
  lang: Lang;
  strings: SidebarStrings;
}

export interface DecisionInput {
  planId: string;
  /** The revision the approver read; the backend refuses a decision on a newer one. */
  revision: number;
  decision: "approve" | "return";
  comment: string;
  /** Set to decide an adjustment request on the plan (the pending item's adjustmentId) instead of a plan revision. */
  adjustmentId?: string;
}

export interface DecisionOutcome {
  planId: string;
  status: PlanStatus;
  /** The backend's confirmation in the user's language. */
  message: string;
}

/**
 * What a value becomes after google.script.run's JSON-like transfer: functions
 * and undefined properties vanish, Dates are not allowed at all (typed as strings
 * here so a mistake shows up as a type error in the page).
 */
export type Jsonified<T> = T extends string | number | boolean | null
  ? T
  : T extends Date
    ? string
    : T extends (...args: never[]) => unknown
      ? never
      : T extends readonly (infer U)[]
        ? Jsonified<U>[]
        : T extends object
          ? { [K in keyof T as T[K] extends (...args: never[]) => unknown ? never : K]: Jsonified<T[K]> }
          : never;
