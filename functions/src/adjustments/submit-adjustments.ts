import { createHash } from "node:crypto";
import {
  type AdjustmentType,
  ADJUSTMENT_TYPES,
  MONTHLY_PLAN_KIND,
  PLAN_ADJUSTMENT,
  type PlanKind,
  parsePeriod,
  period as parsePeriodId,
  referenceIdOf,
  type Text,
} from "@planops/shared";
import type { CellError, Member, SubmitRequest, SubmitResponse } from "@planops/shared/api";
import { recordAdjustmentFiled } from "../audit/changes.js";
import { enqueue } from "../notifications/outbox.js";
import type { Call, Outcome } from "../platform/context.js";
import { AppError } from "../platform/errors.js";
import { coordinatesPlan } from "../plans/access.js";
import { planKindOf } from "../plans/kinds.js";
import { isApproved, loadParentPlan, referenceResolver } from "../plans/references.js";
import { ITEMS, type ItemDoc, type PlanDoc, planIdOf, planRef, planTitle, sheetUrl } from "../plans/store.js";
import { activeMembers, isPlanningMember, loadRoster, overseesDepartment } from "../roster/roster.js";
import { readRecords } from "../sheets/read-records.js";
import { cellError, type ColumnMap, columnPosition } from "../sheets/table.js";
import { readContent } from "./content.js";
import { adjustmentFiled, type AdjustmentRef } from "./messages.js";
import { ADJUSTMENT_COUNTERS, type AdjustmentDoc, adjustmentRef, ADJUSTMENTS, OPEN_STATUSES } from "./store.js";

const failed = (cells: CellError[]) =>
  new AppError(
    "VALIDATION_FAILED",
    { zh: `有 ${cells.length} 处错误，已在表格中标出；没有提交任何调整申请`, en: `${cells.length} problem(s), marked in the sheet; no request was filed` },
    cells,
  );

const typeLabel = (t: AdjustmentType): Text => ADJUSTMENT_TYPES.find((x) => x.value === t)?.label ?? { zh: t, en: t };

/** "延期 2027-01-计划运营部-002 上线请假审批流程": how a request is named in mails and lists. */
export function adjustmentSummary(a: Pick<AdjustmentDoc, "type" | "itemId" | "title">): Text {
  const label = typeLabel(a.type);
  const what = `${a.itemId ?? ""} ${a.title}`.trim();
  return { zh: `${label.zh} ${what}`, en: `${label.en} ${what}` };
}

export function adjustmentRefOf(
  kind: PlanKind,
  id: string,
  a: Pick<AdjustmentDoc, "type" | "itemId" | "title" | "period" | "department" | "spreadsheet">,
): AdjustmentRef {
  return { adjustmentId: id, planTitle: planTitle(kind, a), summary: adjustmentSummary(a), sheetUrl: sheetUrl(a.spreadsheet) };
}

/** Who may file a request on an item: its owner, its responsible department's manager, deputies and planning group, and the plan's coordinators. */
function mayFileOn(kind: PlanKind, caller: Member, plan: PlanDoc, item: Pick<ItemDoc, "owner" | "department">, roster: readonly Member[]): boolean {
  return (
    item.owner?.email === caller.email ||
    (item.department !== null && overseesDepartment(caller, item.department)) ||
    coordinatesPlan(kind, caller, plan.department, roster)
  );
}

interface Filed {
  row: number;
  doc: AdjustmentDoc;
  kind: PlanKind;
}

/**
 * 调整申请, submitted: each new row becomes one request on one item of an
 * approved plan, checked against that plan's own template (调整内容); rows
 * already filed keep their request and report its status (an edited filed row
 * is refused: a new request is a new row). All or nothing; the planning group
 * of each plan's department is asked to review.
 */
export async function submitAdjustments({ deps, caller }: Call, req: SubmitRequest): Promise<Outcome<SubmitResponse>> {
  const month = parsePeriod(req.period, "month");
  if (!month)
    throw new AppError("BAD_REQUEST", {
      zh: `表格的月份标记“${req.period}”无效；请用“新建模板”重新生成表格`,
      en: `The sheet's month marker “${req.period}” is invalid; create the sheet again with “New template”`,
    });
  const roster = await loadRoster(deps.db);
  const { rows, errors, map } = readRecords(PLAN_ADJUSTMENT, req, { roster }, { sections: ["plan"] });
  if (errors.length > 0) throw failed(errors);
  if (rows.length === 0)
    throw new AppError("VALIDATION_FAILED", { zh: "表格中没有调整申请，请至少填写一行", en: "The sheet has no requests; fill in at least one row" }, []);

  const cellErrors: CellError[] = [];
  const fail = (row: number, key: string, code: string, text: Text) => {
    const { column, header } = columnPosition(map as ColumnMap, key);
    cellErrors.push(cellError(row, column, header, code, text));
  };
  const hashOf = (v: (typeof rows)[number]["values"]) =>
    createHash("sha256")
      .update(JSON.stringify([v.type, referenceIdOf(v.item), v.content.trim(), v.reason, v.impact, v.solution]))
      .digest("hex");

  // Rows already filed: unchanged, they report their request's status.
  const filedIds = rows.map((r) => r.values.adjustmentId).filter((id): id is string => Boolean(id));
  const filedSnaps = filedIds.length ? await deps.db.getAll(...filedIds.map((id) => adjustmentRef(deps.db, id))) : [];
  const filed = new Map(filedSnaps.filter((s) => s.exists).map((s) => [s.id, s.data() as AdjustmentDoc]));
  const results: SubmitResponse["rows"] = [];
  const fresh: typeof rows = [];
  for (const r of rows) {
    const id = r.values.adjustmentId;
    if (!id) {
      fresh.push(r);
      continue;
    }
    const doc = filed.get(id);
    if (!doc)
      fail(r.row, "adjustmentId", "UNKNOWN_ADJUSTMENT_ID", {
        zh: `没有调整申请 ${id}；新的一行请清空编号`,
        en: `there is no request ${id}; clear the ID of a new row`,
      });
    else if (doc.rowHash !== hashOf(r.values))
      fail(r.row, "adjustmentId", "ADJUSTMENT_FILED", {
        zh: "该申请已提交，不能再修改；如需其他调整请新增一行",
        en: "this request was already filed and cannot be edited; add a new row for another adjustment",
      });
    else results.push({ row: r.row, itemId: id, status: doc.status });
  }

  // The items and plans the new rows name.
  const itemIds = [...new Set(fresh.map((r) => referenceIdOf(r.values.item)).filter(Boolean))];
  const itemSnaps = itemIds.length ? await deps.db.getAll(...itemIds.map((id) => deps.db.collection(ITEMS).doc(id))) : [];
  const items = new Map(itemSnaps.filter((s) => s.exists).map((s) => [s.id, s.data() as ItemDoc]));
  const defaultPlanId = planIdOf(MONTHLY_PLAN_KIND, month.id, caller.department);
  const planIds = [...new Set([...[...items.values()].map((t) => t.planId), defaultPlanId])];
  const planSnaps = await deps.db.getAll(...planIds.map((id) => planRef(deps.db, id)));
  const plans = new Map(planSnaps.filter((s) => s.exists).map((s) => [s.id, s.data() as PlanDoc]));
  const parents = new Map<string, Awaited<ReturnType<typeof loadParentPlan>>>();
  for (const [planId, plan] of plans) {
    const kind = planKindOf(deps.kinds, plan.kind);
    parents.set(planId, await loadParentPlan(deps.db, kind, parsePeriodId(plan.period), plan.department, deps.kinds));
  }
  const openOn = new Map<string, string[]>();
  for (const id of itemIds) {
    const snap = await deps.db
      .collection(ADJUSTMENTS)
      .where("itemId", "==", id)
      .where("status", "in", [...OPEN_STATUSES])
      .get();
    if (!snap.empty)
      openOn.set(
        id,
        snap.docs.map((d) => d.id),
      );
  }

  const at = deps.now().toISOString();
  const filings: Filed[] = [];
  for (const r of fresh) {
    const v = r.values;
    const type = v.type as AdjustmentType;
    const itemId = referenceIdOf(v.item);
    const item = itemId ? items.get(itemId) : undefined;
    if (itemId && !item) {
      fail(r.row, "item", "UNKNOWN_ITEM", {
        zh: `没有编号为 ${itemId} 的计划项；请从计划表的编号列复制`,
        en: `there is no plan item ${itemId}; copy the ID from the plan sheet`,
      });
      continue;
    }
    if (!item && type !== "add") {
      fail(r.row, "item", "REQUIRED", { zh: "必填：要调整的计划项编号", en: "required: the ID of the item to adjust" });
      continue;
    }
    const planId = item?.planId ?? defaultPlanId;
    const plan = plans.get(planId);
    if (!plan || !isApproved(plan)) {
      fail(r.row, "item", "PLAN_NOT_APPROVED", {
        zh: plan ? `计划 ${planId} 尚未批准，批准前请直接修改计划表` : `没有计划 ${planId}；新增时请填写目标计划中任一条目的编号`,
        en: plan
          ? `plan ${planId} is not approved yet; edit the plan sheet itself until it is`
          : `there is no plan ${planId}; for an addition name any item of the target plan`,
      });
      continue;
    }
    const kind = planKindOf(deps.kinds, plan.kind);
    if (item && type !== "add" && item.status === "cancelled") {
      fail(r.row, "item", "ITEM_CANCELLED", { zh: `${itemId} 已取消，不能再调整`, en: `${itemId} is cancelled and can no longer be adjusted` });
      continue;
    }
    if (item && type === "cancel" && item.status === "done") {
      fail(r.row, "item", "ITEM_DONE", { zh: `${itemId} 已完成，不能取消`, en: `${itemId} is done and cannot be cancelled` });
      continue;
    }
    if (item && type !== "add" && !mayFileOn(kind, caller, plan, item, roster)) {
      fail(r.row, "item", "NOT_YOUR_ITEM", {
        zh: `${itemId} 不是你负责的任务，也不属于你所在部门；只能由责任人、责任部门或计划组提出调整`,
        en: `${itemId} is neither yours nor your department's; only its owner, its responsible department or the planning group may file an adjustment`,
      });
      continue;
    }
    const parent = parents.get(planId);
    const read = readContent({
      type,
      content: v.content,
      kind,
      planPeriod: plan.period,
      item,
      roster,
      reference: parent ? referenceResolver(parent) : undefined,
      parentRequired: Boolean(parent && isApproved(parent.plan)),
    });
    if (!read.ok) {
      fail(r.row, "content", read.code, read.text);
      continue;
    }
    const newItem = read.value.newItem;
    if (newItem) {
      newItem.parentPlanId = newItem.parentItem && parent ? parent.planId : null;
      if (!(newItem.owner?.email === caller.email || mayFileOn(kind, caller, plan, { owner: null, department: newItem.department }, roster))) {
        fail(r.row, "content", "NOT_YOUR_ITEM", {
          zh: "只能为自己或本部门新增任务；其他部门的任务请由计划组提出",
          en: "you may add items only for yourself or your department; the planning group files the others",
        });
        continue;
      }
    }
    filings.push({
      row: r.row,
      kind,
      doc: {
        planId,
        planKind: kind.id,
        department: plan.department,
        period: plan.period,
        type,
        itemId: item && type !== "add" ? itemId : null,
        title: newItem?.title ?? item?.title ?? "",
        requestedBy: { email: caller.email, name: caller.name },
        requestedAt: at,
        reason: v.reason,
        impact: v.impact,
        solution: v.solution,
        content: v.content.trim(),
        rowHash: hashOf(v),
        changes: read.value.changes,
        newItem,
        status: "submitted",
        review: null,
        decision: null,
        appliedRevision: null,
        note: null,
        spreadsheet: req.spreadsheet,
        row: r.row,
      },
    });
  }
  if (cellErrors.length > 0) throw failed(cellErrors);

  const now = deps.now();
  const active = activeMembers(roster);
  return deps.db.runTransaction(async (tx) => {
    const counterRef = deps.db.collection(ADJUSTMENT_COUNTERS).doc(month.id);
    const counter = await tx.get(counterRef);
    let next = (counter.data() as { next?: number } | undefined)?.next ?? 1;
    const rowsOut = [...results];
    const messages = [];
    const concurrent: string[] = [];
    for (const f of filings) {
      const id = `ADJ-${month.id}-${String(next++).padStart(3, "0")}`;
      tx.create(adjustmentRef(deps.db, id), f.doc);
      recordAdjustmentFiled(tx, deps.db, { adjustmentId: id, adjustment: f.doc, at });
      rowsOut.push({ row: f.row, itemId: id, status: "submitted" });
      const others = f.doc.itemId ? openOn.get(f.doc.itemId) : undefined;
      if (others?.length) concurrent.push(`${f.doc.itemId}（${others.join("、")}）`);
      const ref = adjustmentRefOf(f.kind, id, f.doc);
      for (const planner of active.filter((m) => isPlanningMember(m, f.doc.department))) messages.push(adjustmentFiled(ref, caller, f.doc.reason, planner));
    }
    if (filings.length > 0) tx.set(counterRef, { next });
    const outbox = enqueue(tx, deps.db, messages, now);
    const also = concurrent.length
      ? {
          zh: `；注意：${concurrent.join("、")} 已有未处理的调整申请，审批时将按届时的计划内容重新核对`,
          en: `; note: ${concurrent.join(", ")} already have open requests; each is checked against the plan as it stands when decided`,
        }
      : { zh: "", en: "" };
    return {
      body: {
        kind: PLAN_ADJUSTMENT.id,
        documentId: `adjustments_${month.id}`,
        revision: null,
        status: null,
        unchanged: filings.length === 0,
        rows: rowsOut.sort((a, b) => a.row - b.row),
        message:
          filings.length === 0
            ? { zh: "没有新的调整申请；已刷新各申请的状态", en: "No new request; the requests' statuses were refreshed" }
            : {
                zh: `已提交 ${filings.length} 项调整申请，等待计划组审核${also.zh}`,
                en: `${filings.length} adjustment request(s) filed; awaiting the planning group's review${also.en}`,
              },
      },
      outbox,
    };
  });
}
