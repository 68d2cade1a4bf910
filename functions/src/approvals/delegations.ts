import type { Firestore, Transaction } from "@google-cloud/firestore";
import { type DelegateRequest, type Delegation, type DelegationsResponse, MAX_DELEGATION_DAYS_AHEAD } from "@planops/shared/api";
import { type Call, type Outcome, today } from "../platform/context.js";
import { AppError } from "../platform/errors.js";
import { isDepartmentManager, loadRoster } from "../roster/roster.js";

export const DELEGATIONS = "delegations";

/**
 * delegations/{id}: a manager lets a deputy of their department decide for them
 * (委托审批) from `from` to `to` — days, both inclusive, in the department's time
 * zone. It is read by date: past `to`, or once revoked, it simply no longer counts
 * (no job ends it). The standing arrangement of the roster's actsFor stays as it is.
 */
export interface DelegationDoc {
  manager: string;
  deputy: string;
  department: string;
  from: string;
  to: string;
  createdAt: string;
  revokedAt: string | null;
}

/** A delegation as approval routing sees it (approvals/policies.ts). */
export type ActiveDelegation = Pick<DelegationDoc, "manager" | "deputy" | "department">;

const delegations = (db: Firestore) => db.collection(DELEGATIONS);

/** Whether a stored delegation counts on `day`. */
export const activeOn = (d: DelegationDoc, day: string): boolean => d.revokedAt === null && d.from <= day && day <= d.to;

/**
 * The delegations in force on `day` (the department's "today"): read once per
 * request that routes approvals. In a transaction, a revocation committed
 * meanwhile makes it retry, so a decision never rests on a revoked delegation.
 */
export async function loadActiveDelegations(db: Firestore, day: string, tx?: Transaction): Promise<ActiveDelegation[]> {
  const query = delegations(db).where("to", ">=", day);
  const snap = tx ? await tx.get(query) : await query.get();
  return snap.docs
    .map((d) => d.data() as DelegationDoc)
    .filter((d) => activeOn(d, day))
    .map(({ manager, deputy, department }) => ({ manager, deputy, department }));
}

/** "YYYY-MM-DD" plus n days (calendar arithmetic on the date itself, no time zone involved). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

type Names = ReadonlyMap<string, string>;

function view(id: string, d: DelegationDoc, day: string, names: Names): Delegation {
  return {
    id,
    manager: { email: d.manager, name: names.get(d.manager) ?? d.manager },
    deputy: { email: d.deputy, name: names.get(d.deputy) ?? d.deputy },
    department: d.department,
    from: d.from,
    to: d.to,
    createdAt: d.createdAt,
    revokedAt: d.revokedAt,
    state: d.from <= day ? "active" : "upcoming",
  };
}

const invalid = (zh: string, en: string) => new AppError("VALIDATION_FAILED", { zh, en });

/**
 * 委托审批: a department manager lets an active deputy of their own department
 * decide for them over a range of days, starting today at the earliest and ending
 * at most MAX_DELEGATION_DAYS_AHEAD days ahead.
 */
export async function delegate(
  { deps, caller }: Call,
  req: DelegateRequest,
): Promise<Outcome<{ delegation: Delegation; message: { zh: string; en: string } }>> {
  const department = caller.department;
  if (!isDepartmentManager(caller, department)) {
    throw new AppError("FORBIDDEN", {
      zh: "只有部门经理可以委托审批",
      en: "Only a department manager may delegate approvals",
    });
  }
  const roster = await loadRoster(deps.db);
  const deputy = roster.find((m) => m.email === req.deputy);
  if (!deputy?.active || !deputy.roles.includes("deputy") || deputy.department !== department || deputy.email === caller.email) {
    throw invalid(
      `${deputy?.name ?? req.deputy} 不是${department}在职的副经理，不能接受委托`,
      `${deputy?.name ?? req.deputy} is not an active deputy manager of ${department}`,
    );
  }
  const day = today(deps);
  const last = addDays(day, MAX_DELEGATION_DAYS_AHEAD);
  if (req.from < day) throw invalid(`开始日期 ${req.from} 已过去（今天是 ${day}）`, `The start ${req.from} is in the past (today is ${day})`);
  if (req.from > req.to) throw invalid(`开始日期 ${req.from} 晚于结束日期 ${req.to}`, `The start ${req.from} is after the end ${req.to}`);
  if (req.to > last) {
    throw invalid(
      `结束日期最晚为 ${last}（${MAX_DELEGATION_DAYS_AHEAD} 天内）`,
      `The end may be ${last} at the latest (within ${MAX_DELEGATION_DAYS_AHEAD} days)`,
    );
  }
  const doc: DelegationDoc = {
    manager: caller.email,
    deputy: deputy.email,
    department,
    from: req.from,
    to: req.to,
    createdAt: deps.now().toISOString(),
    revokedAt: null,
  };
  const ref = delegations(deps.db).doc();
  await deps.db.runTransaction(async (tx) => {
    // The same deputy twice over overlapping days says nothing new and would need two revocations: refused.
    const mine = await tx.get(delegations(deps.db).where("manager", "==", caller.email));
    const overlap = mine.docs
      .map((d) => d.data() as DelegationDoc)
      .find((d) => d.revokedAt === null && d.deputy === deputy.email && d.to >= day && d.from <= req.to && req.from <= d.to);
    if (overlap) {
      throw invalid(
        `已委托${deputy.name}在 ${overlap.from} 至 ${overlap.to} 代理审批，日期重叠；如需调整请先撤销`,
        `${deputy.name} already acts for you from ${overlap.from} to ${overlap.to}; revoke that first to change it`,
      );
    }
    tx.create(ref, doc);
  });
  const names = new Map([
    [caller.email, caller.name],
    [deputy.email, deputy.name],
  ]);
  return {
    body: {
      delegation: view(ref.id, doc, day, names),
      message: {
        zh: `已委托${deputy.name}在 ${req.from} 至 ${req.to} 代理审批`,
        en: `${deputy.name} will decide for you from ${req.from} to ${req.to}`,
      },
    },
  };
}

/** 撤销委托: the manager who made a delegation ends it before its last day has passed. */
export async function revokeDelegation(
  { deps, caller }: Call,
  req: { delegationId: string },
): Promise<Outcome<{ delegationId: string; revokedAt: string; message: { zh: string; en: string } }>> {
  const ref = delegations(deps.db).doc(req.delegationId);
  const day = today(deps);
  const at = deps.now().toISOString();
  await deps.db.runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    const d = snap.data() as DelegationDoc | undefined;
    // Someone else's delegation is as unknown to the caller as one that does not exist.
    if (!d || d.manager !== caller.email)
      throw new AppError("NOT_FOUND", { zh: `找不到你的委托 ${req.delegationId}`, en: `You have no delegation ${req.delegationId}` });
    if (d.revokedAt !== null) throw invalid("该委托已撤销", "This delegation has already been revoked");
    if (d.to < day) throw invalid(`该委托已于 ${d.to} 结束`, `This delegation ended on ${d.to}`);
    tx.update(ref, { revokedAt: at });
  });
  return { body: { delegationId: req.delegationId, revokedAt: at, message: { zh: "已撤销委托", en: "Delegation revoked" } } };
}

/** 我的委托: the caller's current and upcoming delegations, as manager and as deputy, and whom a manager may choose. */
export async function listDelegations({ deps, caller }: Call): Promise<DelegationsResponse> {
  const day = today(deps);
  const [asManager, asDeputy, roster] = await Promise.all([
    delegations(deps.db).where("manager", "==", caller.email).get(),
    delegations(deps.db).where("deputy", "==", caller.email).get(),
    loadRoster(deps.db),
  ]);
  const names = new Map(roster.map((m) => [m.email, m.name]));
  const current = (snap: typeof asManager) =>
    snap.docs
      .map((s) => ({ id: s.id, d: s.data() as DelegationDoc }))
      .filter(({ d }) => d.revokedAt === null && d.to >= day)
      .sort((a, b) => a.d.from.localeCompare(b.d.from) || a.d.to.localeCompare(b.d.to))
      .map(({ id, d }) => view(id, d, day, names));
  const canDelegate = isDepartmentManager(caller, caller.department);
  const deputies = canDelegate
    ? roster
        .filter((m) => m.active && m.roles.includes("deputy") && m.department === caller.department && m.email !== caller.email)
        .map((m) => ({ email: m.email, name: m.name }))
    : [];
  return { today: day, canDelegate, deputies, asManager: current(asManager), asDeputy: current(asDeputy) };
}
