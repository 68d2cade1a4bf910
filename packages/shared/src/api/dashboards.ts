import * as z from "zod";
import { BilingualSchema, DaySchema, PeriodIdSchema, PersonSchema } from "./common.js";
import { RateRowSchema } from "./rollups.js";

/**
 * The scheduled roll-up (汇总) and the dashboards written from it. The roll-up keeps
 * per-period partial results in Firestore; a view is read from the last complete run,
 * never from one in progress.
 */

/** A department name as the roster spells it. */
const DepartmentSchema = z.string().trim().min(1).max(50);

export const RunRollupResponseSchema = z.object({
  /** The moment the run is for (ISO): a scheduler's schedule time, or now for a run on demand. */
  runFor: z.string(),
  /** "done": this call did the work; "already-done": a run for the same moment, or one begun after it, had finished it. */
  status: z.enum(["done", "already-done"]),
  /** The results' generation after the run: a view names the generation it was read from. */
  generation: z.number().int(),
  /** Records (tasks, plan items, operations figures) read because they changed since the previous run. */
  changedRecords: z.number().int(),
  /** Firestore documents this run read, all kinds. */
  documentReads: z.number().int(),
  computedAt: z.string(),
});
export type RunRollupResponse = z.infer<typeof RunRollupResponseSchema>;

export const RollupViewRequestSchema = z.object({
  period: PeriodIdSchema.describe("a month, quarter or year: 2027-01, 2027-Q1, 2027"),
  department: DepartmentSchema.optional().describe("one department's plans; omitted: every department the caller may see"),
});

export const OverdueTaskSchema = z.object({
  itemId: z.string(),
  planId: z.string(),
  title: z.string(),
  owner: PersonSchema.nullable(),
  department: z.string().nullable(),
  due: DaySchema,
  daysOverdue: z.number().int().min(1),
});

/** Overdue tasks by how long they have been overdue (1–7, 8–30, 31–90, over 90 days). */
export const AgeBandSchema = z.object({ label: BilingualSchema, minDays: z.number().int(), maxDays: z.number().int().nullable(), count: z.number().int() });

export const TrendPointSchema = z.object({
  period: z.string(),
  inScope: z.number().int(),
  onTimeRate: z.number().nullable(),
  completionRate: z.number().nullable(),
  weightedOnTimeRate: z.number().nullable(),
  weightedCompletionRate: z.number().nullable(),
});
export type TrendPoint = z.infer<typeof TrendPointSchema>;

/** A quarterly or annual plan item: the rates of the monthly tasks under it and its rolled-up progress (0–100). */
export const ItemProgressRowSchema = RateRowSchema.extend({
  level: z.enum(["quarterly", "annual"]),
  progress: z.number().nullable(),
});

export const RollupViewSchema = z.object({
  period: z.string(),
  /** null: every department the caller may see (company-wide for management and HR). */
  department: z.string().nullable(),
  /** The day the figures are as of: the last run's date. */
  asOf: DaySchema,
  generation: z.number().int(),
  /** When the run the view was read from finished; null before the first run. */
  computedAt: z.string().nullable(),
  summary: RateRowSchema,
  people: z.array(RateRowSchema),
  groups: z.array(RateRowSchema),
  departments: z.array(RateRowSchema),
  items: z.array(ItemProgressRowSchema),
  overdue: z.object({
    count: z.number().int(),
    ages: z.array(AgeBandSchema),
    /** Oldest first, at most 200. */
    tasks: z.array(OverdueTaskSchema),
  }),
  /** The 12 months up to the period's last month, oldest first. */
  trend: z.array(TrendPointSchema),
  trendByGroup: z.array(z.object({ group: z.string(), points: z.array(TrendPointSchema) })),
});
export type RollupView = z.infer<typeof RollupViewSchema>;

export const DashboardRequestSchema = z.object({
  department: DepartmentSchema.optional().describe("omitted: the caller's own department, or the company dashboard for management and HR"),
});

export const DashboardSchema = z.object({
  /** null: the company-wide dashboard. */
  department: z.string().nullable(),
  spreadsheetId: z.string(),
  url: z.string(),
  /** The period the dashboard shows (the current month, quarter and year as of the run). */
  period: z.string(),
  generation: z.number().int(),
  refreshedAt: z.string(),
});
export type Dashboard = z.infer<typeof DashboardSchema>;
