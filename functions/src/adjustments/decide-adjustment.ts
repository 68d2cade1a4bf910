import { type ColumnDef, enclosingPeriod, type FieldValue, type PlanKind, parentKindOf, period as parsePeriodId, type Text } from "@planops/shared";
import type { DecideRequest, DecideResponseSchema, Member } from "@planops/shared/api";
import type * as z from "zod";
import { deciderStanding } from "../approvals/policies.js";
import { approvalId, approvalRef } from "../approvals/records.js";
import { routingInTx } from "../approvals/routing.js";
import { recordAdjustmentDecision } from "../audit/changes.js";
import type { Message } from "../notifications/outbox.js";
import { enqueue } from "../notifications/outbox.js";
import { type Call, localTime, type Outcome } from "../platform/context.js";
import { AppError } from "../platform/errors.js";
import { planKindOf } from "../plans/kinds.js";
import { isApproved } from "../plans/references.js";
import { estimatedBytes, prepareRevision } from "../plans/revisions.js";
import { ITEMS, type DecisionDoc, type ItemDoc, itemView, planIdOf, planRef, readPlanInTx } from "../plans/store.js";
import { contentHash } from "../plans/submit-plan.js";
import { activeMembers, loadRoster } from "../roster/roster.js";
import { blankOf, datesProblem, rolesOf, sameValue, shownValue } from "./content.js";
import { adjustmentDecided, itemAdjusted } from "./messages.js";
import { ADJUSTMENTS, type AdjustmentDoc, adjustmentRef, type ChangeDoc } from "./store.js";
import { adjustmentRefOf } from "./submit-adjustments.js";
import { headerOfChange } from "./views.js";

type Response = z.infer<typeof DecideResponseSchema>;

const conflict = (zh: string, en: string) => new AppError("ADJUSTMENT_CONFLICT", { zh, en });

const headerOf = headerOfChange;
const columnOf = (kind: PlanKind, key: string): ColumnDef | undefined => kind.template.columns.find((c) => c.key === key);
const STATUS_WORDS: Record<string, Text> = { cancelled: { zh: "已取消", en: "cancelled" } };
function shown(kind: PlanKind, key: string, v: FieldValue): string {
  if (key === "status" && typeof v === "string") return STATUS_WORDS[v]?.zh ?? shownValue(v, columnOf(kind, "status"));
  return shownValue(v, columnOf(kind, key));
}

/** "完成时间 2027-01-20 → 2027-01-28" for each change. */
export function changeLines(kind: PlanKind, itemId: string, title: string, changes: readonly ChangeDoc[]): Text[] {
  return changes.map((c) => {
    const h = headerOf(kind, c.key);
    return {
      zh: `${itemId} ${title}：${h.zh} ${shown(kind, c.key, c.from)} → ${shown(kind, c.key, c.to)}`,
      en: `${itemId} ${title}: ${h.en} ${shown(kind, c.key, c.from)} → ${shown(kind, c.key, c.to)}`,
    };
  });
}

/**
 * Decides an adjustment request (审批) under the plan kind's approval policy, in
 * one transaction that re-reads the request, its approval record, the plan and its
 * items — so exactly one decision commits, and a request decided after another on
 * the same item sees that one's result: its "before" is re-read (and reported when
 * it moved), and a request on an item cancelled meanwhile is refused.
 *
 * Approved: the change is applied to the live items (an addition gets the plan's
 * next item ID; other IDs never change), the plan's next revision is stored whole
 * and becomes its approved revision (status approved or issued, as it was), and
 * the decision is recorded on that revision; owners concerned are told what
 * changed for them (重新下达) once the plan is in force. Returned: the request is
 * rejected and the plan is untouched.
 */
export async function decideAdjustment({ deps, caller }: Call, req: DecideRequest & { adjustmentId: string }): Promise<Outcome<Response>> {
  const comment = req.comment.trim();
  if (req.decision === "return" && !comment) {
    throw new AppError("VALIDATION_FAILED", { zh: "驳回时必须填写审批意见", en: "A comment is required to reject an adjustment request" });
  }
  const roster = await loadRoster(deps.db);
  const active = activeMembers(roster);
  const now = deps.now();
  const at = now.toISOString();
  const id = req.adjustmentId;
  return deps.db.runTransaction(async (tx) => {
    const snap = await tx.get(adjustmentRef(deps.db, id));
    if (!snap.exists) throw new AppError("NOT_FOUND", { zh: `找不到调整申请 ${id}`, en: `No adjustment request ${id}` });
    const a = snap.data() as AdjustmentDoc;
    if (a.planId !== req.planId)
      throw new AppError("BAD_REQUEST", { zh: `调整申请 ${id} 不属于计划 ${req.planId}`, en: `Request ${id} is not on plan ${req.planId}` });
    const { plan, items } = await readPlanInTx(tx, deps.db, a.planId);
    if (!plan) throw new AppError("NOT_FOUND", { zh: `找不到计划 ${a.planId}`, en: `No plan ${a.planId}` });
    const kind = planKindOf(deps.kinds, plan.kind);
    const { routing, delegations } = await routingInTx(tx, deps, { policy: kind.approval, department: a.department, submittedBy: a.requestedBy });
    const standing = deciderStanding(routing, caller, roster, delegations);
    if (!standing) {
      if (caller.email === a.requestedBy.email && !routing.submitterMayDecide)
        throw new AppError("NOT_APPROVER", {
          zh: "这是你提出的调整申请，不能由你审批（职责分离）",
          en: "You filed this request, so you may not decide on it (separation of duties)",
        });
      throw new AppError(
        "NOT_APPROVER",
        kind.approval === "company-management"
          ? {
              zh: `${kind.template.title.zh}的调整由公司管理层审批，你不能审批`,
              en: `Adjustments of a ${kind.template.title.en.toLowerCase()} are approved by company management; you cannot decide`,
            }
          : {
              zh: `只有${a.department}经理或其授权的副经理可以审批该调整申请`,
              en: `Only the manager of ${a.department} or a deputy acting for them may decide on this request`,
            },
      );
    }
    if (a.status === "submitted")
      throw new AppError("BAD_REQUEST", { zh: "计划组尚未审核该申请，审核后才能审批", en: "The planning group has not reviewed this request yet" });
    if (a.status !== "reviewed") {
      const by = a.decision ? `${a.decision.by.name}（${localTime(deps, a.decision.at)}）` : "";
      throw new AppError("ALREADY_DECIDED", {
        zh: `该调整申请已处理：${a.status === "applied" ? "已批准" : "已驳回"} ${by}，无需再次审批`,
        en: `This request has already been decided: ${a.status} ${by}`,
      });
    }
    const decision: DecisionDoc = {
      decision: req.decision,
      comment,
      by: { email: caller.email, name: caller.name },
      actingFor: standing.actingFor,
      at,
      revision: plan.revision,
    };
    const ref = adjustmentRefOf(kind, id, a);
    const requester = active.find((m) => m.email === a.requestedBy.email);
    const tellRequester = (approved: boolean, revision: number | null) =>
      requester ? [adjustmentDecided(ref, approved, comment, caller, revision, requester)] : [];

    if (req.decision === "return") {
      tx.update(adjustmentRef(deps.db, id), { status: "rejected", decision });
      tx.update(approvalRef(deps.db, id, 1), { status: "returned", decision });
      recordAdjustmentDecision(tx, deps.db, { adjustmentId: id, planId: a.planId, approval: approvalId(id, 1), decision, applied: null });
      const outbox = enqueue(tx, deps.db, tellRequester(false, null), now);
      return {
        body: {
          planId: a.planId,
          status: plan.status,
          decision,
          adjustmentId: id,
          adjustmentStatus: "rejected",
          message: { zh: "已驳回，计划保持不变", en: "Rejected; the plan stays as it was" },
        },
        outbox,
      };
    }

    // Approve: the request is checked against the plan as it stands now.
    if (!isApproved(plan)) throw conflict("计划当前不在已批准状态，不能应用调整", "The plan is not in force; the adjustment cannot be applied");
    const byId = new Map(items.map((t) => [t.id, t]));
    let changes: ChangeDoc[] = a.changes;
    let note: Text | null = null;
    const target = a.itemId ? byId.get(a.itemId) : undefined;
    let fields: Record<string, FieldValue> = {};
    let newItemId: string | null = null;
    const touched: { id: string; before: ItemDoc | undefined; after: ItemDoc }[] = [];

    if (a.type !== "add") {
      if (!target) throw conflict(`计划项 ${a.itemId} 已不在计划中，本申请不能批准；请驳回`, `Item ${a.itemId} is no longer in the plan; reject this request`);
      const live = target.data;
      if (live.status === "cancelled") {
        const by = await tx.get(deps.db.collection(ADJUSTMENTS).where("itemId", "==", a.itemId).where("status", "==", "applied"));
        const canceller = by.docs.find((d) => (d.data() as AdjustmentDoc).type === "cancel");
        throw conflict(
          `计划项 ${a.itemId} 已被取消${canceller ? `（调整申请 ${canceller.id}）` : ""}，本申请不能再批准；请驳回`,
          `Item ${a.itemId} has been cancelled${canceller ? ` (request ${canceller.id})` : ""}; this request can no longer be approved; reject it`,
        );
      }
      if (a.type === "cancel" && live.status === "done")
        throw conflict(`计划项 ${a.itemId} 已完成，不能取消；请驳回`, `Item ${a.itemId} is done and cannot be cancelled; reject it`);
      // The "before" as it is now: an earlier adjustment on the same item may have moved it.
      const current = (key: string): FieldValue => (key === "status" ? live.status : blankOf(live.fields[key]));
      const moved = changes.filter((c) => !sameValue(c.from, current(c.key)));
      changes = changes.map((c) => ({ ...c, from: current(c.key) }));
      if (moved.length > 0) {
        const list = (lang: "zh" | "en") =>
          moved
            .map((c) => `${headerOf(kind, c.key)[lang]} ${shown(kind, c.key, c.from)} → ${shown(kind, c.key, current(c.key))}`)
            .join(lang === "zh" ? "；" : "; ");
        note = {
          zh: `提交申请后该项已被调整（${list("zh")}），已按现值核对`,
          en: `The item changed after the request was filed (${list("en")}); checked against the current values`,
        };
      }
      changes = changes.filter((c) => !sameValue(c.from, c.to));
      if (changes.length === 0)
        throw conflict("该项已与申请的调整后内容一致，无需再调整；请驳回", "The item already reads as requested; nothing to apply; reject it");
      if (a.type === "cancel") {
        touched.push({ id: target.id, before: live, after: { ...live, status: "cancelled", updatedAt: at } });
      } else {
        fields = { ...live.fields, ...Object.fromEntries(changes.map((c) => [c.key, c.to])) };
        const dates = datesProblem(kind, plan.period, fields);
        if (dates)
          throw conflict(
            `按现有内容应用后不成立：${dates.text.zh}；请驳回或重新申请`,
            `Applied to the plan as it stands now this fails: ${dates.text.en}; reject it or file again`,
          );
        const roles = rolesOf(kind, fields);
        touched.push({
          id: target.id,
          before: live,
          after: { ...live, fields, ...roles, parentPlanId: parentPlanIdOf(kind, plan.period, plan.department, roles.parentItem, deps.kinds), updatedAt: at },
        });
      }
    } else {
      const n = a.newItem;
      if (!n) throw new Error(`adjustment ${id} adds no item`);
      const dates = datesProblem(kind, plan.period, n.fields);
      if (dates) throw conflict(dates.text.zh, dates.text.en);
      // The plan's next item ID, skipping any taken by another plan with the same prefix.
      let seq = plan.nextSeq;
      for (;;) {
        const candidate = `${plan.period}-${plan.department}-${String(seq).padStart(3, "0")}`;
        const taken = byId.has(candidate) || (await tx.get(deps.db.collection(ITEMS).doc(candidate))).exists;
        seq++;
        if (!taken) {
          newItemId = candidate;
          break;
        }
      }
      const after: ItemDoc = {
        planId: a.planId,
        kind: kind.id,
        period: plan.period,
        planDepartment: plan.department,
        planStatus: plan.status,
        fields: n.fields,
        title: n.title,
        owner: n.owner,
        department: n.department,
        start: n.start,
        due: n.due,
        weight: n.weight,
        parentItem: n.parentItem,
        parentPlanId: n.parentPlanId,
        status: kind.roles.status ? "not_started" : null,
        percent: kind.roles.percent ? 0 : null,
        actualFinish: null,
        feedback: "",
        steps: [],
        updatedAt: at,
      };
      touched.push({ id: newItemId, before: undefined, after });
      changes = [];
      plan.nextSeq = seq;
    }

    // The next revision, stored whole: every item as it is after the change.
    const revision = plan.revision + 1;
    const liveAfter = new Map(items.map((t) => [t.id, t.data]));
    for (const t of touched) liveAfter.set(t.id, t.after);
    const views = [...liveAfter].map(([itemId, doc]) => itemView(itemId, doc)).sort((x, y) => x.itemId.localeCompare(y.itemId));
    const hash = contentHash([...liveAfter.values()]);
    const otherBytes = touched.reduce((sum, t) => sum + estimatedBytes(deps.db.collection(ITEMS).doc(t.id), t.after), 0);
    const writeRevision = await prepareRevision(
      tx,
      deps.db,
      a.planId,
      { revision, contentHash: hash, submittedBy: a.requestedBy, submittedAt: at },
      views,
      otherBytes,
    );

    // Writes.
    for (const t of touched) {
      const itemRef = deps.db.collection(ITEMS).doc(t.id);
      if (t.before) tx.set(itemRef, t.after);
      else tx.create(itemRef, t.after);
    }
    writeRevision();
    const applied: DecisionDoc = { ...decision, revision };
    tx.create(planRef(deps.db, a.planId).collection("decisions").doc(String(revision)), { ...applied, adjustmentId: id });
    tx.update(planRef(deps.db, a.planId), { revision, contentHash: hash, itemCount: liveAfter.size, nextSeq: plan.nextSeq, approvedRevision: revision });
    tx.update(approvalRef(deps.db, id, 1), { status: "approved", decision: applied });
    const title = touched[0]?.after.title ?? a.title;
    recordAdjustmentDecision(tx, deps.db, {
      adjustmentId: id,
      planId: a.planId,
      approval: approvalId(id, 1),
      decision: applied,
      applied: { fromRevision: plan.revision, revision, items: touched },
    });
    tx.update(adjustmentRef(deps.db, id), {
      status: "applied",
      decision: applied,
      appliedRevision: revision,
      changes,
      note,
      ...(newItemId ? { itemId: newItemId } : {}),
      title,
    });

    // 重新下达: once the plan is in force with its owners (issued, or a kind that is never issued), each owner concerned hears what changed for them.
    const itemId = newItemId ?? a.itemId ?? "";
    const messages: Message[] = [...tellRequester(true, revision)];
    if (plan.status === "issued" || !kind.issuedAfterApproval) {
      const t = touched[0];
      const lines: Text[] = t?.before
        ? changeLines(kind, itemId, title, changes)
        : [{ zh: `新增 ${itemId} ${title}（完成时间 ${t?.after.due ?? "—"}）`, en: `added ${itemId} ${title} (due ${t?.after.due ?? "—"})` }];
      const owners = new Set([t?.before?.owner?.email, t?.after.owner?.email].filter((e): e is string => Boolean(e)));
      for (const email of owners) {
        const owner = active.find((m: Member) => m.email === email);
        if (owner) messages.push(itemAdjusted(ref, revision, lines, a.reason, caller, owner));
      }
    }
    const outbox = enqueue(tx, deps.db, messages, now);
    return {
      body: {
        planId: a.planId,
        status: plan.status,
        decision: applied,
        adjustmentId: id,
        adjustmentStatus: "applied",
        message: {
          zh: `已批准，计划已更新为第 ${revision} 版并重新下达${note ? `；${note.zh}` : ""}`,
          en: `Approved; the plan is now revision ${revision} and re-issued${note ? `; ${note.en}` : ""}`,
        },
      },
      outbox,
    };
  });
}

/** The plan of the parent item an item names: the parent kind's plan of the enclosing period, same department. */
function parentPlanIdOf(kind: PlanKind, period: string, department: string, parentItem: string | null, kinds: Call["deps"]["kinds"]): string | null {
  const parentKind = parentKindOf(kind, kinds);
  if (!parentItem || !parentKind?.template.periodKind) return null;
  return planIdOf(parentKind, enclosingPeriod(parsePeriodId(period), parentKind.template.periodKind).id, department);
}
