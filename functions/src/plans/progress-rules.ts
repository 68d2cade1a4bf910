import { TASK_STATUSES, type TaskStatus, type Text } from "@planops/shared";

/**
 * Who sends a progress row (更新进度): the task's owner, or a coordinator of the
 * plan (its planning group, or one of its approvers) updating any task.
 */
export type ProgressRole = "owner" | "coordinator";

/**
 * Who may set which task status through progress. The completion rate
 * (DOMAIN.md, 计划完成率) judges owners by their tasks' status, due date and actual
 * finish, so nothing that changes what is counted — cancelling a task (it leaves the
 * rate), bringing a cancelled one back, moving a due date — is a progress update:
 * it is a plan adjustment (计划调整: the owner files a request, the planning group
 * reviews it, the manager decides). Coordinators may not cancel through progress
 * either: DOMAIN.md gives cancelling to the adjustment workflow alone, whoever asks.
 */
export const STATUS_RULES: Readonly<Record<TaskStatus, { setBy: readonly ProgressRole[] }>> = {
  not_started: { setBy: ["owner", "coordinator"] },
  in_progress: { setBy: ["owner", "coordinator"] },
  done: { setBy: ["owner", "coordinator"] },
  blocked: { setBy: ["owner", "coordinator"] },
  cancelled: { setBy: [] },
};

export interface Problem {
  code: string;
  text: Text;
}

const ADJUSTMENT = {
  zh: "请提交计划调整申请（该功能即将上线，届时由部门经理审批）",
  en: "file a plan adjustment request (coming soon; the manager decides it)",
};
const label = (status: string) => TASK_STATUSES.find((s) => s.value === status)?.label ?? { zh: status, en: status };
const allowedBy = (role: ProgressRole) => TASK_STATUSES.filter((s) => STATUS_RULES[s.value].setBy.includes(role));

/** Whether `role` may change a task's status from `before` to `after` through progress; a problem naming what is allowed if not. */
export function statusProblem(before: string | null, after: string | null, role: ProgressRole): Problem | undefined {
  if (after === before || after === null) return undefined;
  const allowed = allowedBy(role);
  const options = { zh: allowed.map((s) => s.label.zh).join(" / "), en: allowed.map((s) => s.label.en).join(" / ") };
  if (before === "cancelled") {
    return {
      code: "TASK_CANCELLED",
      text: {
        zh: `该任务已取消，不能在进度中恢复为“${label(after).zh}”；恢复任务${ADJUSTMENT.zh}`,
        en: `this task is cancelled and cannot be set back to “${label(after).en}” here; to restore it, ${ADJUSTMENT.en}`,
      },
    };
  }
  if (STATUS_RULES[after as TaskStatus]?.setBy.includes(role)) return undefined;
  return {
    code: "STATUS_NEEDS_ADJUSTMENT",
    text: {
      zh: `不能在进度中把任务设为“${label(after).zh}”，可选：${options.zh}；取消任务${ADJUSTMENT.zh}`,
      en: `a task cannot be set to “${label(after).en}” through progress; choose ${options.en}. To cancel it, ${ADJUSTMENT.en}`,
    },
  };
}

/**
 * An actual finish date must lie between the day the task could start — its
 * planned start; without one, the day its plan was approved, or the first day of
 * the plan's period if that came first (a plan approved late) — and today (the
 * department's time zone): a date before that would make a task "on time" that
 * was not, a date after today has not happened.
 */
export function finishProblem(finish: string, earliest: { day: string; what: Text } | null, today: string): Problem | undefined {
  if (finish > today) {
    return {
      code: "FUTURE_DATE",
      text: {
        zh: `实际完成时间 ${finish} 晚于今天 ${today}；应为${earliest ? ` ${earliest.day} 至` : ""} ${today} 之间的日期`,
        en: `actual finish ${finish} is after today (${today}); enter a date${earliest ? ` from ${earliest.day}` : ""} up to ${today}`,
      },
    };
  }
  if (earliest && finish < earliest.day) {
    return {
      code: "FINISH_TOO_EARLY",
      text: {
        zh: `实际完成时间 ${finish} 早于${earliest.what.zh} ${earliest.day}；应为 ${earliest.day} 至 ${today} 之间的日期`,
        en: `actual finish ${finish} is before the ${earliest.what.en} (${earliest.day}); enter a date from ${earliest.day} to ${today}`,
      },
    };
  }
  return undefined;
}

/** A due date is the plan's, not the owner's: the progress sheet may show it, not move it. */
export function dueProblem(shown: string | null, stored: string | null): Problem | undefined {
  if (shown === stored) return undefined;
  return {
    code: "DUE_NEEDS_ADJUSTMENT",
    text: {
      zh: `完成时间不能在进度中修改（计划中为 ${stored ?? "空"}）；请改回原日期，调整完成时间${ADJUSTMENT.zh}`,
      en: `the due date cannot be changed through progress (the plan says ${stored ?? "none"}); put it back, and to move it, ${ADJUSTMENT.en}`,
    },
  };
}
