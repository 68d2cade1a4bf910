import { createHash } from "node:crypto";
import type { DocumentReference } from "@google-cloud/firestore";
import { feedbackReported } from "../notifications/messages.js";
import { enqueue } from "../notifications/outbox.js";
import { type Call, type Outcome, today } from "../platform/context.js";
import { AppError, type CellError } from "../platform/errors.js";
import { coordinatesPlan, isPlanningMember, loadRoster } from "../roster/roster.js";
import { isBlank, type Parsed, type Raw, readDate, readEnum, readPercent, readText } from "../sheets/cells.js";
import { cellError, columnPosition, mapColumns, rawCell } from "../sheets/table.js";
import { MONTHLY_PLAN, type MonthlyPlanColumnKey, TASK_STATUSES, type TaskStatus, type Text } from "@planops/shared";
import type { UpdateProgressRequest, UpdateProgressResponseSchema } from "@planops/shared/api";
import { planRef, readPlanInTx, type TaskDoc } from "./store.js";
import type { z } from "zod";

type Response = z.infer<typeof UpdateProgressResponseSchema>;

/**
 * Owners update status, % complete, actual finish and problem feedback. Owners
 * send the whole shared sheet, so only their own rows are read (coordinators of
 * the plan read every row) and only changed rows are written. New feedback goes
 * to the planning group.
 */
export async function updateProgress({ deps, caller }: Call, req: UpdateProgressRequest): Promise<Outcome<Response>> {
  const map = mapColumns(MONTHLY_PLAN, req.headers, ["taskId", "status"]);
  if (map.errors.length > 0) throw failed(map.errors);
  const roster = await loadRoster(deps.db);
  const now = deps.now();
  const day = today(deps);

  return deps.db.runTransaction(async (tx) => {
    const { plan, tasks } = await readPlanInTx(tx, deps.db, req.planId);
    if (!plan) throw new AppError("NOT_FOUND", { zh: `找不到计划 ${req.planId}`, en: `No plan ${req.planId}` });
    if (plan.status !== "approved" && plan.status !== "issued") {
      throw new AppError("NOT_APPROVED", { zh: "计划尚未批准，暂不能更新进度", en: "The plan is not approved yet; progress cannot be updated" });
    }
    const coordinates = coordinatesPlan(caller, plan.department, roster);
    const byId = new Map(tasks.map((t) => [t.id, t]));
    const namesCaller = (raw: Raw) => typeof raw === "string" && [caller.name, caller.email, `${caller.name} (${caller.email})`].includes(raw.trim());
    const errors: CellError[] = [];
    const changes: { ref: DocumentReference; id: string; before: TaskDoc; after: Pick<TaskDoc, "status" | "percent" | "actualFinish" | "feedback"> }[] = [];
    const rows: Response["tasks"] = [];
    let unchanged = 0;
    let skippedNotYours = 0;

    for (const { row, cells } of req.rows) {
      const fail = (key: MonthlyPlanColumnKey, code: string, text: Text) => {
        const { column, header } = columnPosition(map, key);
        errors.push(cellError(row, column, header, code, text));
      };
      const rawId = rawCell(map, cells, "taskId");
      const task = typeof rawId === "string" ? byId.get(rawId.trim()) : undefined;
      if (!task) {
        if (!coordinates && !namesCaller(rawCell(map, cells, "owner"))) {
          skippedNotYours++;
          continue;
        }
        if (isBlank(rawId)) fail("content", "ROW_NOT_IN_PLAN", { zh: "该行不在已批准的计划中；新增任务请提交计划调整申请", en: "this row is not in the approved plan; add tasks through a plan adjustment request" });
        else fail("taskId", "UNKNOWN_TASK_ID", { zh: `任务编号 ${String(rawId)} 不属于本计划`, en: `task ID ${String(rawId)} is not in this plan` });
        continue;
      }
      const before = task.data;
      // One sheet is shared by every owner: someone else's row, edited or not, is theirs to send.
      if (before.owner.email !== caller.email && !coordinates) {
        skippedNotYours++;
        continue;
      }
      const take = <T>(key: MonthlyPlanColumnKey, read: (raw: Raw) => Parsed<T>, keep: T): T => {
        const raw = rawCell(map, cells, key);
        if (isBlank(raw)) return keep;
        const r = read(raw);
        if (r.ok) return r.value;
        fail(key, r.code, r.text);
        return keep;
      };
      const errorsBefore = errors.length;
      const status = take("status", (r) => readEnum(r, TASK_STATUSES), before.status) as TaskStatus;
      let percent = take("percent", readPercent, before.percent);
      const actualFinish = take<string | null>("actualFinish", readDate, null);
      const feedback = map.byKey.has("feedback") ? take("feedback", (r) => readText(r, 1000), "") : before.feedback;

      if (status === "done") {
        percent = 100;
        if (!actualFinish) fail("actualFinish", "REQUIRED", { zh: "状态为“已完成”时必须填写实际完成时间", en: "required when the status is Done" });
      } else if (actualFinish) {
        fail("actualFinish", "ONLY_WHEN_DONE", { zh: "状态不是“已完成”时请留空实际完成时间", en: "leave empty unless the status is Done" });
      }
      if (actualFinish && actualFinish > day) {
        fail("actualFinish", "FUTURE_DATE", { zh: `实际完成时间 ${actualFinish} 晚于今天 ${day}`, en: `actual finish ${actualFinish} is after today (${day})` });
      }
      const after = { status, percent, actualFinish, feedback };
      const changed = after.status !== before.status || after.percent !== before.percent || after.actualFinish !== before.actualFinish || after.feedback !== before.feedback;
      if (errors.length > errorsBefore) continue;
      rows.push({ row, taskId: task.id, status });
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
        tx.set(planRef(deps.db, req.planId).collection("feedback").doc(feedbackId), { taskId: c.id, text: c.after.feedback, by: { email: caller.email, name: caller.name }, at });
        messages.push(...planners.map((p) => feedbackReported({ taskId: c.id, content: c.before.content }, c.after.feedback, caller, p, feedbackId)));
        feedbackSent++;
      }
    }
    const outbox = enqueue(tx, deps.db, messages, now);
    return {
      body: {
        planId: req.planId,
        updated: changes.length,
        unchanged,
        skippedNotYours,
        feedbackSent,
        tasks: rows,
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
  new AppError("VALIDATION_FAILED", { zh: `有 ${cells.length} 处错误，已在表格中标出；没有保存任何进度`, en: `${cells.length} problem(s), marked in the sheet; no progress was saved` }, cells);
