import { PLAN_ADJUSTMENT, type Text } from "@planops/shared";
import type { CellError, ReviewAdjustmentsResponseSchema, SheetTable } from "@planops/shared/api";
import type * as z from "zod";
import { loadActiveDelegations } from "../approvals/delegations.js";
import { decidersOf, type Routing } from "../approvals/policies.js";
import { approvalId, openApproval } from "../approvals/records.js";
import { recordAdjustmentReview } from "../audit/changes.js";
import { loadDepartmentSettings } from "../approvals/settings.js";
import { enqueue } from "../notifications/outbox.js";
import { type Call, type Outcome, today } from "../platform/context.js";
import { AppError } from "../platform/errors.js";
import { planKindOf } from "../plans/kinds.js";
import { activeMembers, isPlanningMember, loadRoster } from "../roster/roster.js";
import { isBlank, readText, withoutControlChars } from "../sheets/cells.js";
import { cellError, columnPosition, mapColumns, rawCell } from "../sheets/table.js";
import { adjustmentAwaitsApproval } from "./messages.js";
import { type AdjustmentDoc, adjustmentRef } from "./store.js";
import { adjustmentRefOf, adjustmentSummary } from "./submit-adjustments.js";

type Response = z.infer<typeof ReviewAdjustmentsResponseSchema>;

/**
 * 提交审核意见: the planning group of a request's plan department writes its
 * opinion (审核意见) on each filed request; the request then awaits the decision
 * of the plan kind's approver (an approval record under the kind's policy, so it
 * is listed and decided like a plan revision). Rows already reviewed or decided
 * keep their opinion and report their status; every listed request's status
 * comes back for the sheet.
 */
export async function reviewAdjustments({ deps, caller }: Call, req: SheetTable): Promise<Outcome<Response>> {
  const map = mapColumns(PLAN_ADJUSTMENT, req.headers, ["adjustmentId", "opinion"]);
  if (map.errors.length > 0)
    throw new AppError(
      "VALIDATION_FAILED",
      { zh: "表头不完整，请使用“新建模板”生成的表格", en: "The header is incomplete; use the sheet made by “New template”" },
      map.errors,
    );
  const errors: CellError[] = [];
  const wanted: { row: number; id: string; opinion: string | null }[] = [];
  for (const { row, cells } of req.rows) {
    const id = withoutControlChars(rawCell(map, cells, "adjustmentId"));
    if (isBlank(id)) continue;
    const raw = withoutControlChars(rawCell(map, cells, "opinion"));
    let opinion: string | null = null;
    if (!isBlank(raw)) {
      const text = readText(raw, 1000);
      if (!text.ok) {
        const { column, header } = columnPosition(map, "opinion");
        errors.push(cellError(row, column, header, text.code, text.text));
        continue;
      }
      opinion = text.value;
    }
    wanted.push({ row, id: String(id).trim(), opinion });
  }
  if (errors.length > 0)
    throw new AppError(
      "VALIDATION_FAILED",
      { zh: `有 ${errors.length} 处错误，已在表格中标出`, en: `${errors.length} problem(s), marked in the sheet` },
      errors,
    );
  if (wanted.length === 0) throw new AppError("VALIDATION_FAILED", { zh: "表格中没有已提交的调整申请", en: "The sheet has no filed request" }, []);

  const roster = await loadRoster(deps.db);
  const active = activeMembers(roster);
  const now = deps.now();
  const at = now.toISOString();
  return deps.db.runTransaction(async (tx) => {
    const snaps = await tx.getAll(...wanted.map((w) => adjustmentRef(deps.db, w.id)));
    const docs = new Map(snaps.filter((s) => s.exists).map((s) => [s.id, s.data() as AdjustmentDoc]));
    const toReview = wanted.filter((w) => w.opinion && docs.get(w.id)?.status === "submitted");
    const departments = [...new Set(toReview.map((w) => docs.get(w.id)?.department ?? ""))];
    const notMine = departments.filter((d) => !isPlanningMember(caller, d));
    if (notMine.length > 0)
      throw new AppError("FORBIDDEN", {
        zh: `只有${notMine.join("、")}的计划组可以审核这些调整申请`,
        en: `Only the planning group of ${notMine.join(", ")} may review these requests`,
      });
    const settings = new Map(await Promise.all(departments.map(async (d) => [d, await loadDepartmentSettings(deps.db, d, tx)] as const)));
    const delegations = toReview.length ? await loadActiveDelegations(deps.db, today(deps), tx) : [];

    const messages = [];
    for (const w of toReview) {
      const a = docs.get(w.id);
      if (!a || !w.opinion) continue;
      const kind = planKindOf(deps.kinds, a.planKind);
      const review = { opinion: w.opinion, by: { email: caller.email, name: caller.name }, at };
      tx.update(adjustmentRef(deps.db, w.id), { status: "reviewed", review });
      a.status = "reviewed";
      recordAdjustmentReview(tx, deps.db, { adjustmentId: w.id, planId: a.planId, by: review.by, at, opinion: w.opinion, approval: approvalId(w.id, 1) });
      const summary = adjustmentSummary(a);
      const title: Text = { zh: `调整申请 ${w.id}：${summary.zh}`, en: `Adjustment ${w.id}: ${summary.en}` };
      openApproval(
        tx,
        deps.db,
        {
          subject: { type: "adjustment", id: w.id, planId: a.planId },
          revision: 1,
          kind: kind.id,
          policy: kind.approval,
          department: a.department,
          period: a.period,
          title,
          status: "pending",
          submittedBy: a.requestedBy,
          submittedAt: at,
          itemCount: 1,
          decision: null,
        },
        undefined,
      );
      const routing: Routing = {
        policy: kind.approval,
        department: a.department,
        submittedBy: a.requestedBy,
        submitterMayDecide: settings.get(a.department)?.approvals.submitterMayDecide ?? false,
      };
      const ref = adjustmentRefOf(kind, w.id, a);
      for (const d of decidersOf(routing, active, delegations)) messages.push(adjustmentAwaitsApproval(ref, caller, w.opinion, d));
    }
    const outbox = enqueue(tx, deps.db, messages, now);
    return {
      body: {
        reviewed: toReview.length,
        rows: wanted.map((w) => ({ row: w.row, itemId: w.id, status: docs.get(w.id)?.status ?? null })),
        message:
          toReview.length === 0
            ? {
                zh: "没有需要审核的申请（待审核且已填写审核意见的行）；已刷新状态",
                en: "Nothing to review (rows awaiting review with an opinion); statuses refreshed",
              }
            : { zh: `已提交 ${toReview.length} 项审核意见，等待审批`, en: `${toReview.length} review opinion(s) submitted; awaiting approval` },
      },
      outbox,
    };
  });
}
