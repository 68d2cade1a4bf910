import type { Lang } from "@planops/shared";
import type { PendingItem, PlanStatus, PlanView } from "@planops/shared/api";
import type { SidebarStrings } from "../i18n/messages.js";

/**
 * The sidebar ↔ server boundary: the RPC globals of src/index.ts and what the
 * page receives: plans of every kind (annual, quarterly, monthly), with their
 * generic items. Shared by both sides so a change breaks compilation, not users.
 */
export interface SidebarServer {
  sidebarInfo(): SidebarInfo;
  sidebarListPending(): PendingItem[];
  sidebarGetPlan(planId: string): PlanView;
  sidebarDecide(request: DecisionInput): DecisionOutcome;
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
