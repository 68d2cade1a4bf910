import { recordIssue } from "../audit/changes.js";
import { tasksIssued } from "../notifications/messages.js";
import { enqueue } from "../notifications/outbox.js";
import type { Call, Outcome } from "../platform/context.js";
import { AppError } from "../platform/errors.js";
import { activeMembers, loadRoster } from "../roster/roster.js";
import { coordinatesPlan } from "./access.js";
import { planKindOf } from "./kinds.js";
import { planRef, planTitle, readPlanInTx, sheetUrl } from "./store.js";

/** 下发: an approved plan of an issued kind (monthly) goes to every owner, each told of their own items, once. */
export async function issuePlan(
  { deps, caller }: Call,
  planId: string,
): Promise<Outcome<{ planId: string; status: "issued"; notifiedOwners: number; message: { zh: string; en: string } }>> {
  const roster = await loadRoster(deps.db);
  const now = deps.now();
  return deps.db.runTransaction(async (tx) => {
    const { plan, items } = await readPlanInTx(tx, deps.db, planId);
    if (!plan) throw new AppError("NOT_FOUND", { zh: `找不到计划 ${planId}`, en: `No plan ${planId}` });
    const kind = planKindOf(deps.kinds, plan.kind);
    if (!coordinatesPlan(kind, caller, plan.department, roster)) {
      throw new AppError("FORBIDDEN", {
        zh: "只有计划组、部门经理或代理经理的副经理可以下发计划",
        en: "Only the planning group, the manager or a deputy acting for the manager may issue a plan",
      });
    }
    if (!kind.issuedAfterApproval) {
      throw new AppError("BAD_REQUEST", {
        zh: `${kind.template.title.zh}批准后即生效，无需下发`,
        en: `A ${kind.template.title.en.toLowerCase()} takes effect when approved; it is not issued`,
      });
    }
    if (plan.status === "issued") {
      return {
        body: { planId, status: "issued", notifiedOwners: 0, message: { zh: "该计划已下发过，未重复通知", en: "Already issued; nobody was notified again" } },
      };
    }
    if (plan.status !== "approved") {
      throw new AppError("NOT_APPROVED", { zh: "计划尚未批准，不能下发", en: "The plan is not approved yet and cannot be issued" });
    }
    tx.update(planRef(deps.db, planId), { status: "issued", issuedAt: now.toISOString() });
    const byOwner = new Map<string, { taskId: string; content: string; due: string }[]>();
    for (const t of items) {
      tx.update(t.ref, { planStatus: "issued", updatedAt: now.toISOString() });
      if (t.data.status === "cancelled" || !t.data.owner) continue;
      const list = byOwner.get(t.data.owner.email) ?? [];
      list.push({ taskId: t.id, content: t.data.title, due: t.data.due ?? "" });
      byOwner.set(t.data.owner.email, list);
    }
    const ref = { planId, title: planTitle(kind, plan), revision: plan.revision, sheetUrl: sheetUrl(plan.spreadsheet) };
    const active = activeMembers(roster);
    const messages = [...byOwner].flatMap(([email, list]) => {
      const owner = active.find((m) => m.email === email);
      return owner
        ? [
            tasksIssued(
              ref,
              owner,
              list.sort((a, b) => a.taskId.localeCompare(b.taskId)),
            ),
          ]
        : [];
    });
    const outbox = enqueue(tx, deps.db, messages, now);
    recordIssue(tx, deps.db, { planId, by: caller, at: now.toISOString(), revision: plan.revision, owners: messages.length });
    return {
      body: {
        planId,
        status: "issued",
        notifiedOwners: messages.length,
        message: { zh: `已下发，已通知 ${messages.length} 位责任人`, en: `Issued; ${messages.length} owner(s) notified` },
      },
      outbox,
    };
  });
}
