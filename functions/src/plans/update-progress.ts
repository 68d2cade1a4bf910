import { createHash } from "node:crypto";
import type { DocumentReference } from "@google-cloud/firestore";
import { period as parsePeriodId, periodBounds, type Text } from "@planops/shared";
import type { CellError, UpdateProgressRequest, UpdateProgressResponseSchema } from "@planops/shared/api";
import type * as z from "zod";
import { recordProgress } from "../audit/changes.js";
import { feedbackReported } from "../notifications/messages.js";
import { enqueue } from "../notifications/outbox.js";
import { type Call, localTime, type Outcome, today } from "../platform/context.js";
import { AppError } from "../platform/errors.js";
import { isPlanningMember, loadRoster } from "../roster/roster.js";
import { isBlank, type Raw, readDate, withoutControlChars } from "../sheets/cells.js";
import { rowReader } from "../sheets/read-records.js";
import { cellError, columnPosition, mapColumns, rawCell } from "../sheets/table.js";
import { coordinatesPlan } from "./access.js";
import { planKindOf } from "./kinds.js";
import { dueProblem, finishProblem, type ProgressRole, statusProblem } from "./progress-rules.js";
import { isApproved } from "./references.js";
import { stepsPercent } from "./steps.js";
import { type ItemDoc, planRef, readPlanInTx } from "./store.js";

type Response = z.infer<typeof UpdateProgressResponseSchema>;
type Progress = Pick<ItemDoc, "status" | "percent" | "actualFinish" | "feedback">;

/**
 * Owners update status, % complete, actual finish and problem feedback. Owners
 * send the whole shared sheet, so only their own rows are read (coordinators of
 * the plan read every row) and only changed rows are written. A blank % complete
 * on a task with implementation steps is derived from the steps done. New
 * feedback goes to the planning group. What progress may not do — cancel a task,
 * bring a cancelled one back, move a due date, claim a finish before the task
 * could start or after today — is declared in progress-rules.ts.
 */
export async function updateProgress({ deps, caller }: Call, req: UpdateProgressRequest): Promise<Outcome<Response>> {
  const roster = await loadRoster(deps.db);
  const now = deps.now();
  const day = today(deps);

  return deps.db.runTransaction(async (tx) => {
    const { plan, items } = await readPlanInTx(tx, deps.db, req.planId);
    if (!plan) throw new AppError("NOT_FOUND", { zh: `找不到计划 ${req.planId}`, en: `No plan ${req.planId}` });
    const kind = planKindOf(deps.kinds, plan.kind);
    const { status: statusKey, percent: percentKey, actualFinish: finishKey, feedback: feedbackKey, owner: ownerKey, due: dueKey } = kind.roles;
    const idKey = kind.template.columns.find((c) => c.type === "id")?.key;
    if (!statusKey || !idKey) {
      throw new AppError("BAD_REQUEST", {
        zh: `${kind.template.title.zh}的进度由下级计划汇总，不在此更新`,
        en: `A ${kind.template.title.en.toLowerCase()}'s progress is rolled up from the plans below; it is not updated here`,
      });
    }
    const map = mapColumns(kind.template, req.headers, [idKey, statusKey]);
    if (map.errors.length > 0) throw failed(map.errors);
    if (!isApproved(plan)) {
      throw new AppError("NOT_APPROVED", { zh: "计划尚未批准，暂不能更新进度", en: "The plan is not approved yet; progress cannot be updated" });
    }
    const progressColumns = kind.template.columns.filter((c) => c.section === "progress" && map.byKey.has(c.key));
    const read = rowReader(map, { roster });
    const coordinates = coordinatesPlan(kind, caller, plan.department, roster);
    const byId = new Map(items.map((t) => [t.id, t]));
    // Without a planned start, a task could start once its plan was approved (or issued, for a plan approved before decisions
    // were kept) — or on the first day of its period, if the plan was approved late.
    const approvedAt = plan.lastDecision?.decision === "approve" ? plan.lastDecision.at : plan.issuedAt;
    const approvalDay = approvedAt ? localTime(deps, approvedAt).slice(0, 10) : null;
    const periodFirst = periodBounds(parsePeriodId(plan.period)).first;
    const planEarliest =
      approvalDay && approvalDay < periodFirst
        ? { day: approvalDay, what: { zh: "计划批准日期", en: "day the plan was approved" } }
        : { day: periodFirst, what: { zh: "计划期间首日", en: "first day of the plan period" } };
    const namesCaller = (raw: Raw) => typeof raw === "string" && [caller.name, caller.email, `${caller.name} (${caller.email})`].includes(raw.trim());
    const errors: CellError[] = [];
    const changes: { ref: DocumentReference; id: string; before: ItemDoc; after: Progress }[] = [];
    const rows: Response["rows"] = [];
    let unchanged = 0;
    let skippedNotYours = 0;
    const seenRows = new Set<number>();

    for (const { row, cells } of req.rows) {
      if (cells.every(isBlank)) continue;
      const fail = (key: string, code: string, text: Text) => {
        const { column, header } = columnPosition(map, key);
        errors.push(cellError(row, column, header, code, text));
      };
      // As in every submitted table: a row number sent twice is refused, all or nothing.
      if (seenRows.has(row)) {
        fail(idKey, "DUPLICATE_ROW_NUMBER", { zh: "同一行号出现了两次；请重新从表格提交", en: "this row number was sent twice; submit again from the sheet" });
        continue;
      }
      seenRows.add(row);
      const rawId = withoutControlChars(rawCell(map, cells, idKey));
      const task = typeof rawId === "string" ? byId.get(rawId.trim()) : undefined;
      if (!task) {
        if (!coordinates && !(ownerKey && namesCaller(rawCell(map, cells, ownerKey)))) {
          skippedNotYours++;
          continue;
        }
        if (isBlank(rawId))
          fail(kind.roles.title, "ROW_NOT_IN_PLAN", {
            zh: "该行不在已批准的计划中；新增任务请提交计划调整申请",
            en: "this row is not in the approved plan; add tasks through a plan adjustment request",
          });
        else fail(idKey, "UNKNOWN_ITEM_ID", { zh: `编号 ${String(rawId)} 不属于本计划`, en: `${String(rawId)} is not an item of this plan` });
        continue;
      }
      const before = task.data;
      // One sheet is shared by every owner: someone else's row, edited or not, is theirs to send.
      if (before.owner?.email !== caller.email && !coordinates) {
        skippedNotYours++;
        continue;
      }
      const errorsBefore = errors.length;
      const r = read(row, cells, progressColumns);
      errors.push(...r.errors);
      if (r.errors.length > 0) continue;
      const cell = (key: string | undefined) => (key && map.byKey.has(key) ? r.values[key] : undefined);
      const blank = (key: string | undefined) => !key || !map.byKey.has(key) || isBlank(rawCell(map, cells, key));
      const status = blank(statusKey) ? before.status : (cell(statusKey) as string);
      let percent = blank(percentKey) ? (before.steps.length > 0 ? stepsPercent(before.steps) : before.percent) : (cell(percentKey) as number);
      const actualFinish = blank(finishKey) ? null : (cell(finishKey) as string);
      const feedback = feedbackKey && map.byKey.has(feedbackKey) ? ((cell(feedbackKey) as string) ?? "") : before.feedback;

      const role: ProgressRole = before.owner?.email === caller.email ? "owner" : "coordinator";
      const problem = (key: string | undefined, p: { code: string; text: Text } | undefined) => {
        if (p) fail(key ?? statusKey, p.code, p.text);
      };
      problem(statusKey, statusProblem(before.status, status, role));
      if (dueKey && map.byKey.has(dueKey) && !blank(dueKey)) {
        const raw = withoutControlChars(rawCell(map, cells, dueKey));
        const shown = readDate(raw);
        problem(dueKey, dueProblem(shown.ok ? shown.value : String(raw), before.due));
      }
      if (status === "done") {
        percent = 100;
        if (!actualFinish) fail(finishKey ?? statusKey, "REQUIRED", { zh: "状态为“已完成”时必须填写实际完成时间", en: "required when the status is Done" });
      } else if (actualFinish) {
        fail(finishKey ?? statusKey, "ONLY_WHEN_DONE", { zh: "状态不是“已完成”时请留空实际完成时间", en: "leave empty unless the status is Done" });
      }
      // A finish date already stored is not judged again; a new or changed one must lie between the task's start and today.
      if (status === "done" && actualFinish && actualFinish !== before.actualFinish) {
        const earliest = before.start ? { day: before.start, what: { zh: "开始时间", en: "task's start" } } : planEarliest;
        problem(finishKey, finishProblem(actualFinish, earliest, day));
      }
      const after: Progress = { status, percent, actualFinish, feedback };
      if (errors.length > errorsBefore) continue;
      rows.push({ row, itemId: task.id, status });
      const changed =
        after.status !== before.status || after.percent !== before.percent || after.actualFinish !== before.actualFinish || after.feedback !== before.feedback;
      if (changed) changes.push({ ref: task.ref, id: task.id, before, after });
      else unchanged++;
    }
    if (errors.length > 0) throw failed(errors);

    const at = now.toISOString();
    const planners = roster.filter((m) => isPlanningMember(m, plan.department));
    const messages = [];
    let feedbackSent = 0;
    for (const c of changes) {
      tx.update(c.ref, { ...c.after, updatedAt: at });
      if (c.after.feedback && c.after.feedback !== c.before.feedback) {
        const feedbackId = createHash("sha256").update(`${c.id}\u0000${c.after.feedback}\u0000${at}`).digest("hex").slice(0, 24);
        tx.set(planRef(deps.db, req.planId).collection("feedback").doc(feedbackId), {
          taskId: c.id,
          text: c.after.feedback,
          by: { email: caller.email, name: caller.name },
          at,
        });
        messages.push(...planners.map((p) => feedbackReported({ taskId: c.id, content: c.before.title }, c.after.feedback, caller, p, feedbackId)));
        feedbackSent++;
      }
    }
    const outbox = enqueue(tx, deps.db, messages, now);
    recordProgress(tx, deps.db, { planId: req.planId, by: caller, at, changes });
    return {
      body: {
        planId: req.planId,
        updated: changes.length,
        unchanged,
        skippedNotYours,
        feedbackSent,
        rows,
        message: {
          zh: `已更新 ${changes.length} 项任务${feedbackSent ? `，${feedbackSent} 条问题反馈已转计划组` : ""}${skippedNotYours ? `；另有 ${skippedNotYours} 行是他人的任务，已跳过（由其责任人更新）` : ""}`,
          en: `${changes.length} task(s) updated${feedbackSent ? `; ${feedbackSent} feedback item(s) sent to the planning group` : ""}${skippedNotYours ? `; ${skippedNotYours} row(s) of other people's tasks skipped (their owners update them)` : ""}`,
        },
      },
      outbox,
    };
  });
}

const failed = (cells: CellError[]) =>
  new AppError(
    "VALIDATION_FAILED",
    { zh: `有 ${cells.length} 处错误，已在表格中标出；没有保存任何进度`, en: `${cells.length} problem(s), marked in the sheet; no progress was saved` },
    cells,
  );
