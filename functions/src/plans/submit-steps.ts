import { parsePeriod, TASK_STEPS } from "@planops/shared";
import type { CellError, Step, SubmitRequest, SubmitResponse } from "@planops/shared/api";
import { recordSteps } from "../audit/changes.js";
import type { Call, Outcome } from "../platform/context.js";
import { AppError } from "../platform/errors.js";
import { loadRoster } from "../roster/roster.js";
import { readRecords } from "../sheets/read-records.js";
import { isApproved } from "./references.js";
import { stepsPercent } from "./steps.js";
import { ITEMS, type ItemDoc } from "./store.js";

const failed = (cells: CellError[]) =>
  new AppError(
    "VALIDATION_FAILED",
    { zh: `有 ${cells.length} 处错误，已在表格中标出；没有保存任何步骤`, en: `${cells.length} problem(s), marked in the sheet; no step was saved` },
    cells,
  );

/**
 * 实施步骤: an owner breaks their own tasks of a month's approved plans into
 * steps. The sheet becomes each listed task's steps, in one transaction; a task
 * that is not done takes its % complete from the steps done.
 */
export async function submitSteps({ deps, caller }: Call, req: SubmitRequest): Promise<Outcome<SubmitResponse>> {
  const month = parsePeriod(req.period, "month");
  if (!month)
    throw new AppError("BAD_REQUEST", {
      zh: `表格的月份标记“${req.period}”无效；请用“新建模板”重新生成表格`,
      en: `The sheet's month marker “${req.period}” is invalid; create the sheet again with “New template”`,
    });
  const [roster, mine] = await Promise.all([
    loadRoster(deps.db),
    deps.db.collection(ITEMS).where("period", "==", month.id).where("owner.email", "==", caller.email).get(),
  ]);
  const tasks = new Map(mine.docs.map((d) => [d.id, d.data() as ItemDoc]));
  const { rows, errors } = readRecords(TASK_STEPS, req, {
    roster,
    reference: (_column, itemId) => {
      const task = tasks.get(itemId);
      if (!task)
        return {
          ok: false,
          code: "NOT_YOUR_TASK",
          text: {
            zh: `${itemId} 不是你在 ${month.id} 负责的任务；请从下拉列表选择`,
            en: `${itemId} is not one of your tasks of ${month.id}; choose from the list`,
          },
        };
      if (!isApproved({ status: task.planStatus }))
        return { ok: false, code: "REFERENCE_NOT_APPROVED", text: { zh: "该任务所在的计划尚未批准", en: "the plan of this task is not approved yet" } };
      if (task.status === null)
        return { ok: false, code: "NOT_A_TASK", text: { zh: "只有月度任务可以分解为实施步骤", en: "only monthly tasks are broken into steps" } };
      return { ok: true, value: itemId };
    },
  });
  if (errors.length > 0) throw failed(errors);
  if (rows.length === 0)
    throw new AppError("VALIDATION_FAILED", { zh: "表格中没有步骤，请至少填写一行", en: "The sheet has no steps; fill in at least one row" }, []);

  const byTask = new Map<string, Step[]>();
  for (const { values } of rows)
    byTask.set(values.task, [...(byTask.get(values.task) ?? []), { step: values.step, planned: values.planned, done: values.done }]);
  const at = deps.now().toISOString();
  const changed = await deps.db.runTransaction(async (tx) => {
    const refs = [...byTask.keys()].map((id) => deps.db.collection(ITEMS).doc(id));
    const snaps = await tx.getAll(...refs);
    let count = 0;
    for (const snap of snaps) {
      const task = snap.data() as ItemDoc | undefined;
      const steps = byTask.get(snap.id) ?? [];
      if (!task || task.owner?.email !== caller.email)
        throw new AppError("NOT_FOUND", { zh: `任务 ${snap.id} 已不存在，请刷新后重试`, en: `Task ${snap.id} no longer exists; reload and try again` });
      if (JSON.stringify(task.steps) === JSON.stringify(steps)) continue;
      const derived = task.status === "done" || task.status === "cancelled" ? {} : { percent: stepsPercent(steps) };
      tx.update(snap.ref, { steps, ...derived, updatedAt: at });
      recordSteps(tx, deps.db, { itemId: snap.id, planId: task.planId, by: caller, at, before: task, after: { steps, ...derived } });
      count++;
    }
    return count;
  });
  return {
    body: {
      kind: TASK_STEPS.id,
      documentId: `steps_${month.id}_${caller.email}`,
      revision: null,
      status: null,
      unchanged: changed === 0,
      rows: rows.map((r) => ({ row: r.row, itemId: r.values.task, status: null })),
      message:
        changed === 0
          ? { zh: "步骤未变化，无需重新提交", en: "Nothing changed; nothing was saved" }
          : {
              zh: `已保存 ${changed} 项任务的实施步骤；未完成任务的完成百分比已按步骤更新`,
              en: `Steps saved for ${changed} task(s); % complete of unfinished tasks now follows their steps`,
            },
    },
  };
}
