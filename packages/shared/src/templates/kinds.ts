import type { Text } from "../text.js";
import { ANNUAL_PLAN } from "./annual-plan.js";
import { MONTHLY_PLAN } from "./monthly-plan.js";
import { OPERATIONS_DATA } from "./operations-data.js";
import { OPERATIONS_INDICATORS } from "./operations-indicators.js";
import { PLAN_ADJUSTMENT } from "./plan-adjustment.js";
import { QUARTERLY_PLAN } from "./quarterly-plan.js";
import { ROSTER } from "./roster.js";
import { TASK_STEPS } from "./task-steps.js";
import type { ItemRoles, TemplateDef } from "./types.js";

/**
 * Who decides on a submitted document. Data, not code: the backend resolves a
 * policy against the roster (approvals/policies.ts).
 */
export const APPROVAL_POLICIES = {
  /** 部门经理, or a deputy whose roster entry says they act for that manager. */
  "department-manager": {
    label: { zh: "部门经理或其授权的副经理", en: "the department manager or a deputy acting for them" },
    short: { zh: "部门经理", en: "the department manager" },
  },
  /** 公司管理层. */
  "company-management": { label: { zh: "公司管理层", en: "company management" }, short: { zh: "公司管理层", en: "company management" } },
} as const satisfies Record<string, { label: Text; short: Text }>;
export type ApprovalPolicyId = keyof typeof APPROVAL_POLICIES;

interface KindBase {
  /** Also the template's id. */
  id: string;
  template: TemplateDef;
}

/**
 * A plan-like document: drafted per period and department, approved under a
 * policy, versioned, its items referenced by the level below.
 */
export interface PlanKind extends KindBase {
  flow: "plan";
  /** Short word in plan IDs and titles: monthly_2027-01_计划运营部. */
  slug: string;
  roles: ItemRoles;
  approval: ApprovalPolicyId;
  /** Monthly plans are issued (下发) to their owners once approved. */
  issuedAfterApproval: boolean;
}

/** A sheet of records that takes effect when submitted, through its own handler (roster, steps). */
export interface RecordsKind extends KindBase {
  flow: "records";
  /** A system enum column the add-on fills with each row's status after a call (the adjustment requests' 状态). */
  statusColumn?: string;
}

export type DocumentKind = PlanKind | RecordsKind;

const PLAN_ROLES = { title: "title", owner: "owner", department: "department", start: "start", due: "due", weight: "weight", progress: "progress" } as const;

export const ANNUAL_PLAN_KIND: PlanKind = {
  id: ANNUAL_PLAN.id,
  flow: "plan",
  slug: "annual",
  template: ANNUAL_PLAN,
  approval: "company-management",
  issuedAfterApproval: false,
  roles: PLAN_ROLES,
};

export const QUARTERLY_PLAN_KIND: PlanKind = {
  id: QUARTERLY_PLAN.id,
  flow: "plan",
  slug: "quarterly",
  template: QUARTERLY_PLAN,
  approval: "department-manager",
  issuedAfterApproval: false,
  roles: { ...PLAN_ROLES, parent: "annualItem" },
};

export const MONTHLY_PLAN_KIND: PlanKind = {
  id: MONTHLY_PLAN.id,
  flow: "plan",
  slug: "monthly",
  template: MONTHLY_PLAN,
  approval: "department-manager",
  issuedAfterApproval: true,
  roles: {
    title: "content",
    owner: "owner",
    department: "department",
    start: "start",
    due: "due",
    weight: "weight",
    parent: "quarterlyItem",
    status: "status",
    percent: "percent",
    actualFinish: "actualFinish",
    feedback: "feedback",
  },
};

export const ROSTER_KIND: RecordsKind = { id: ROSTER.id, flow: "records", template: ROSTER };
export const TASK_STEPS_KIND: RecordsKind = { id: TASK_STEPS.id, flow: "records", template: TASK_STEPS };
export const PLAN_ADJUSTMENT_KIND: RecordsKind = { id: PLAN_ADJUSTMENT.id, flow: "records", template: PLAN_ADJUSTMENT, statusColumn: "status" };
export const OPERATIONS_DATA_KIND: RecordsKind = { id: OPERATIONS_DATA.id, flow: "records", template: OPERATIONS_DATA };
export const OPERATIONS_INDICATORS_KIND: RecordsKind = { id: OPERATIONS_INDICATORS.id, flow: "records", template: OPERATIONS_INDICATORS };

/** Every document kind the product knows; the add-on's 新建模板 menu lists them in this order. */
export const DOCUMENT_KINDS: readonly DocumentKind[] = [
  ANNUAL_PLAN_KIND,
  QUARTERLY_PLAN_KIND,
  MONTHLY_PLAN_KIND,
  TASK_STEPS_KIND,
  PLAN_ADJUSTMENT_KIND,
  OPERATIONS_DATA_KIND,
  OPERATIONS_INDICATORS_KIND,
  ROSTER_KIND,
];

/** Looks a kind up in a registry (the product's, or a test's extended one). */
export function findKind(id: string, kinds: readonly DocumentKind[] = DOCUMENT_KINDS): DocumentKind | undefined {
  return kinds.find((k) => k.id === id);
}

export function findTemplate(id: string, kinds: readonly DocumentKind[] = DOCUMENT_KINDS): TemplateDef | undefined {
  return findKind(id, kinds)?.template;
}

/** The plan kind whose approved items a plan kind's parent column refers to. */
export function parentKindOf(kind: PlanKind, kinds: readonly DocumentKind[] = DOCUMENT_KINDS): PlanKind | undefined {
  const column = kind.roles.parent ? kind.template.columns.find((c) => c.key === kind.roles.parent) : undefined;
  const parent = column?.type === "reference" ? findKind(column.to, kinds) : undefined;
  return parent?.flow === "plan" ? parent : undefined;
}
