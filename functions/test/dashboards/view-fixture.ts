import type { RateRow, RollupView, TrendPoint } from "@planops/shared/api";

const row = (key: string, name: string, inScope: number, doneOnTime: number, doneByEnd: number, overdue: number): RateRow => ({
  key,
  name,
  inScope,
  doneOnTime,
  doneByEnd,
  overdue,
  onTimeRate: inScope ? doneOnTime / inScope : null,
  completionRate: inScope ? doneByEnd / inScope : null,
  weightedOnTimeRate: inScope ? doneOnTime / inScope : null,
  weightedCompletionRate: inScope ? doneByEnd / inScope : null,
});

const point = (period: string, inScope: number, onTime: number, done: number): TrendPoint => ({
  period,
  inScope,
  onTimeRate: inScope ? onTime / inScope : null,
  completionRate: inScope ? done / inScope : null,
  weightedOnTimeRate: inScope ? onTime / inScope : null,
  weightedCompletionRate: inScope ? done / inScope : null,
});

const months = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, "0")}`);

/** A department's roll-up for December 2026, with task titles a hostile user could type. */
export function departmentView(overrides: Partial<RollupView> = {}): RollupView {
  return {
    period: "2026-12",
    department: "计划运营部",
    asOf: "2026-12-20",
    generation: 7,
    computedAt: "2026-12-20T01:30:00.000Z",
    summary: row("计划运营部", "计划运营部", 4, 1, 2, 1),
    people: [row("liming@demo.planops.cn", "李明", 3, 1, 2, 1), row("yangqiang@demo.planops.cn", "杨强", 1, 0, 0, 0)],
    groups: [row("计划组", "计划组", 3, 1, 2, 1), row("运营组", "运营组", 1, 0, 0, 0)],
    departments: [row("计划运营部", "计划运营部", 4, 1, 2, 1)],
    items: [{ ...row("Q-2026-4-1", "年底盘点", 4, 1, 2, 1), level: "quarterly", progress: 55 }],
    overdue: {
      count: 2,
      ages: [
        { label: { zh: "1–7 天", en: "1–7 days" }, minDays: 1, maxDays: 7, count: 1 },
        { label: { zh: "8–30 天", en: "8–30 days" }, minDays: 8, maxDays: 30, count: 1 },
        { label: { zh: "31–90 天", en: "31–90 days" }, minDays: 31, maxDays: 90, count: 0 },
        { label: { zh: "90 天以上", en: "over 90 days" }, minDays: 91, maxDays: null, count: 0 },
      ],
      tasks: [
        {
          itemId: "M-2026-12-1",
          planId: "p1",
          title: '=HYPERLINK("http://evil.example","点我")',
          owner: { email: "liming@demo.planops.cn", name: "李明" },
          department: "计划运营部",
          due: "2026-12-05",
          daysOverdue: 15,
        },
        { itemId: "M-2026-12-2", planId: "p1", title: "+1", owner: null, department: "计划运营部", due: "2026-12-15", daysOverdue: 5 },
      ],
    },
    trend: months.map((m, i) => point(m, 4, i % 3, i % 4)),
    trendByGroup: [
      { group: "计划组", points: months.map((m, i) => point(m, 3, i % 3, i % 3)) },
      { group: "运营组", points: months.map((m) => point(m, 1, 1, 1)) },
    ],
    ...overrides,
  };
}
