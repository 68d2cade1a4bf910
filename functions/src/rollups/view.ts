/**
 * The roll-up's view (汇总结果): the figures of a month, quarter or year read from
 * the last complete run — rates per person, group, department and plan item, a
 * summary row, overdue work by age, cascade progress and 12-month trends. The same
 * numbers `completionRates` gives for the same data (one definition: rateTables).
 */
import type { Firestore } from "@google-cloud/firestore";
import { monthPeriod, monthsOf, type Period, period as parsePeriodId, periodBounds, yearPeriod } from "@planops/shared";
import type { Member, RollupView, TrendPoint } from "@planops/shared/api";
import { type Call, today } from "../platform/context.js";
import { AppError } from "../platform/errors.js";
import { loadRoster, overseesDepartment, seesEveryDepartment } from "../roster/roster.js";
import { rateRow, tally } from "./completion-rate.js";
import { rateTables, type ScopedTask } from "./completion-rates.js";
import { type CascadeFact, readTaskFact } from "./plan-items-source.js";
import { type Node, rollUp } from "./plan-progress.js";
import { CountingReader } from "./reads.js";
import { entriesOf, readConsistent } from "./state.js";

interface Task extends ScopedTask {
  id: string;
  title: string;
  planId: string;
  planDepartment: string;
  percent: number | null;
  parentItem: string | null;
}

const AGE_BANDS = [
  { label: { zh: "逾期 1–7 天", en: "1–7 days overdue" }, minDays: 1, maxDays: 7 },
  { label: { zh: "逾期 8–30 天", en: "8–30 days overdue" }, minDays: 8, maxDays: 30 },
  { label: { zh: "逾期 31–90 天", en: "31–90 days overdue" }, minDays: 31, maxDays: 90 },
  { label: { zh: "逾期 90 天以上", en: "over 90 days overdue" }, minDays: 91, maxDays: null },
] as const;
const MAX_OVERDUE_LISTED = 200;

/** Partition keys are `<kind>~<month or year>~<plan department>` (the department may itself hold "~"). */
function splitKey(key: string): { kind: string; when: string; department: string } {
  const [kind = "", when = "", ...rest] = key.split("~");
  return { kind, when, department: rest.join("~") };
}

const dayNumber = (day: string) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / 86_400_000;

/** The 12 months up to the period's last month, oldest first. */
function trendMonths(p: Period): Period[] {
  const last = periodBounds(p).last;
  const end = Number(last.slice(0, 4)) * 12 + Number(last.slice(5, 7)) - 1;
  return Array.from({ length: 12 }, (_, i) => {
    const n = end - 11 + i;
    return monthPeriod(Math.floor(n / 12), (n % 12) + 1);
  });
}

function forbidden(department: string): AppError {
  return new AppError("FORBIDDEN", {
    zh: `你无权查看${department}的汇总结果：公司管理层和人力资源部门可查看所有部门，部门经理、副经理和计划组只能查看本部门`,
    en: `You may not view the roll-up of ${department}: management and HR see every department; a department's manager, deputies and planning group see their own`,
  });
}

/**
 * The figures of `periodId` as of the last complete run, for what `caller` may see:
 * management and HR every department; a department's manager, deputies and planning
 * group their department's plans (and their own tasks elsewhere); staff their own
 * tasks. `department` narrows to one department's plans (403 when not visible).
 * `fallbackAsOf` is the date shown before the first run.
 */
export async function readRollupView(
  db: Firestore,
  roster: readonly Member[],
  caller: Member,
  periodId: string,
  department?: string,
  fallbackAsOf: string = new Date().toISOString().slice(0, 10),
): Promise<RollupView> {
  const period = parsePeriodId(periodId);
  const everyone = seesEveryDepartment(caller);
  if (department !== undefined && !everyone && !overseesDepartment(caller, department)) throw forbidden(department);
  if (department !== undefined && everyone) {
    // A misspelt department would otherwise look like one with no plans (empty figures); people who left still count.
    const departments = [...new Set(roster.map((m) => m.department))].sort((a, b) => a.localeCompare(b, "zh"));
    if (!departments.includes(department)) {
      throw new AppError("NOT_FOUND", {
        zh: `人员名册中没有部门「${department}」；可选：${departments.join("、")}`,
        en: `There is no department "${department}" in the roster; choose one of: ${departments.join(", ")}`,
      });
    }
  }
  const ownDepartment = overseesDepartment(caller, caller.department);
  const seesAll = everyone || department !== undefined || ownDepartment;

  const trend = trendMonths(period);
  const months = new Set([...monthsOf(yearPeriod(period.year)), ...trend].map((m) => m.id));
  const wanted = (key: string) => {
    const k = splitKey(key);
    if (department !== undefined && k.department !== department) return false;
    return (k.kind === "tasks" && months.has(k.when)) || (k.kind === "items" && k.when === String(period.year));
  };
  const { state, parts } = await readConsistent(new CountingReader(db), (s) => Object.keys(s.parts).filter(wanted));
  const asOf = state.asOf ?? fallbackAsOf;

  const all: Task[] = [];
  const cascade = new Map<string, CascadeFact>();
  for (const [key, facts] of parts) {
    const k = splitKey(key);
    for (const [id, json] of entriesOf(facts)) {
      if (k.kind === "items") {
        cascade.set(id, JSON.parse(json) as CascadeFact);
        continue;
      }
      const f = readTaskFact(json);
      all.push({
        id,
        title: f.t,
        planId: f.pl,
        planDepartment: k.department,
        owner: f.o ? { email: f.o[0], name: f.o[1] } : null,
        department: f.d,
        due: f.u,
        status: f.s,
        percent: f.c,
        actualFinish: f.f,
        weight: f.w,
        parentItem: f.p,
      });
    }
  }
  all.sort((a, b) => a.id.localeCompare(b.id));
  const visible =
    everyone || department !== undefined
      ? all
      : all.filter((t) => t.owner?.email === caller.email || (ownDepartment && t.planDepartment === caller.department));
  const inPeriodMonths = new Set(monthsOf(period).map((m) => m.id));
  const tasks = visible.filter((t) => inPeriodMonths.has(t.due.slice(0, 7)));

  const ancestors = (t: Task) => {
    const q = t.parentItem ? cascade.get(t.parentItem) : undefined;
    const a = q?.p ? cascade.get(q.p) : undefined;
    return [...(q && t.parentItem ? [{ key: t.parentItem, name: q.t }] : []), ...(a && q?.p ? [{ key: q.p, name: a.t }] : [])];
  };
  const tables = rateTables(tasks, { period, asOf, seesAll, roster, ancestors });

  // Cascade progress over every task and item read (an item's progress counts all its children, whatever the period).
  const node = (id: string, f: { p: string | null; s: string | null; w: number; c: number | null }): Node => ({
    id,
    item: { parentItem: f.p, status: f.s, weight: f.w, percent: f.c },
  });
  const taskNodes = all.map((t) => node(t.id, { p: t.parentItem, s: t.status, w: t.weight, c: t.percent }));
  const cascadeNodes = (level: "q" | "a") => [...cascade].filter(([, f]) => f.l === level).map(([id, f]) => node(id, { p: f.p, s: null, w: f.w, c: f.c }));
  const quarterly = cascadeNodes("q");
  const progress = new Map([...rollUp(quarterly, [taskNodes]), ...rollUp(cascadeNodes("a"), [quarterly, taskNodes])]);

  const overdueTasks = tasks
    .filter((t) => t.status !== "cancelled" && t.due < asOf && !(t.status === "done" && t.actualFinish !== null && t.actualFinish <= asOf))
    .map((t) => ({ t, days: dayNumber(asOf) - dayNumber(t.due) }))
    .sort((a, b) => b.days - a.days || a.t.id.localeCompare(b.t.id));

  const point = (p: Period, ts: readonly Task[]): TrendPoint => {
    const r = rateRow(p.id, p.id, tally(ts, p, asOf));
    const { inScope, onTimeRate, completionRate, weightedOnTimeRate, weightedCompletionRate } = r;
    return { period: p.id, inScope, onTimeRate, completionRate, weightedOnTimeRate, weightedCompletionRate };
  };
  const byMonth = (ts: readonly Task[]) => trend.map((m) => point(m, ts));
  const groupOf = new Map(roster.map((m) => [m.email, m.group]));
  const trendTasks = visible.filter((t) => t.due >= periodBounds(trend[0]!).first && t.due <= periodBounds(trend[11]!).last);
  const groups = [...new Set(trendTasks.map((t) => (t.owner ? groupOf.get(t.owner.email) : null)).filter((g): g is NonNullable<typeof g> => !!g))].sort(
    (a, b) => a.localeCompare(b, "zh"),
  );

  const summaryKey = department ?? (everyone ? "company" : ownDepartment ? caller.department : caller.email);
  const summaryName = department ?? (everyone ? "全公司" : ownDepartment ? caller.department : caller.name);
  return {
    period: period.id,
    department: department ?? null,
    asOf,
    generation: state.generation,
    computedAt: state.computedAt,
    summary: rateRow(summaryKey, summaryName, tally(tasks, period, asOf)),
    ...tables,
    items: tables.items.map((row) => {
      const f = cascade.get(row.key);
      return { ...row, level: f?.l === "a" ? ("annual" as const) : ("quarterly" as const), progress: progress.get(row.key)?.progress ?? null };
    }),
    overdue: {
      count: overdueTasks.length,
      ages: AGE_BANDS.map((b) => ({
        ...b,
        label: { ...b.label },
        count: overdueTasks.filter(({ days }) => days >= b.minDays && (b.maxDays === null || days <= b.maxDays)).length,
      })),
      tasks: overdueTasks.slice(0, MAX_OVERDUE_LISTED).map(({ t, days }) => ({
        itemId: t.id,
        planId: t.planId,
        title: t.title,
        owner: t.owner,
        department: t.department,
        due: t.due,
        daysOverdue: days,
      })),
    },
    trend: byMonth(visible),
    trendByGroup: seesAll ? groups.map((g) => ({ group: g, points: byMonth(trendTasks.filter((t) => t.owner && groupOf.get(t.owner.email) === g)) })) : [],
  };
}

/** The rollupView endpoint: the caller's roster record decides what they see. */
export async function rollupView({ deps, caller }: Call, req: { period: string; department?: string | undefined }): Promise<RollupView> {
  return readRollupView(deps.db, await loadRoster(deps.db), caller, req.period, req.department, today(deps));
}
