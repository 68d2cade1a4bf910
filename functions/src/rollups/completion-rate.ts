import { type Period, periodBounds } from "@planops/shared";
import type { RateRow } from "@planops/shared/api";

/** The task facts the completion rate is defined on (DOMAIN.md, 计划完成率). */
export interface RateTask {
  due: string;
  status: string;
  actualFinish: string | null;
  weight: number;
}

export interface Tally {
  inScope: number;
  doneOnTime: number;
  doneByEnd: number;
  overdue: number;
  weightInScope: number;
  weightOnTime: number;
  weightByEnd: number;
}

const ratio = (a: number, b: number) => (b === 0 ? null : a / b);

/**
 * Tallies tasks of approved plans due in the period: cancelled tasks are out of
 * scope; on time = done on or before its due date; completion = done by the end of
 * the period, late or not; overdue = due before asOf and not done on or before asOf.
 */
export function tally(tasks: readonly RateTask[], period: Period, asOf: string): Tally {
  const { first, last } = periodBounds(period);
  const t: Tally = { inScope: 0, doneOnTime: 0, doneByEnd: 0, overdue: 0, weightInScope: 0, weightOnTime: 0, weightByEnd: 0 };
  for (const task of tasks) {
    if (task.status === "cancelled" || task.due < first || task.due > last) continue;
    const w = task.weight > 0 ? task.weight : 1;
    t.inScope++;
    t.weightInScope += w;
    const done = task.status === "done" && task.actualFinish !== null;
    if (done && task.actualFinish! <= task.due) {
      t.doneOnTime++;
      t.weightOnTime += w;
    }
    if (done && task.actualFinish! <= last) {
      t.doneByEnd++;
      t.weightByEnd += w;
    }
    // Overdue on day D: due before D and not done on or before D (a task finished late was overdue until then).
    if (task.due < asOf && !(done && task.actualFinish! <= asOf)) t.overdue++;
  }
  return t;
}

export function rateRow(key: string, name: string, t: Tally): RateRow {
  return {
    key,
    name,
    inScope: t.inScope,
    doneOnTime: t.doneOnTime,
    doneByEnd: t.doneByEnd,
    overdue: t.overdue,
    onTimeRate: ratio(t.doneOnTime, t.inScope),
    completionRate: ratio(t.doneByEnd, t.inScope),
    weightedOnTimeRate: ratio(t.weightOnTime, t.weightInScope),
    weightedCompletionRate: ratio(t.weightByEnd, t.weightInScope),
  };
}
