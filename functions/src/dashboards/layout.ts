import type { RateRow, RollupView } from "@planops/shared/api";
import type { SectionContent } from "./section.js";
import { type BelowTargetRule, type Cell, type ChartSpec, integer, percent, type SheetSpec, type SpreadsheetSpec, type Table, text } from "./spreadsheet.js";

/**
 * The dashboard (仪表板) as a spreadsheet: what the last roll-up says for one
 * department or the company, in the department's language first. Sheet ids are
 * fixed so a refresh rewrites the same sheets (links to a tab keep working).
 */

export const SHEET = {
  summary: 1,
  trend: 2,
  groupTrend: 3,
  groups: 4,
  people: 5,
  departments: 6,
  overdueAges: 7,
  overdueTasks: 8,
  items: 9,
  charts: 10,
} as const;

const RATE_HEADERS = [
  "任务数 Tasks",
  "按时完成 Done on time",
  "已完成 Done",
  "逾期 Overdue",
  "按时完成率 On-time rate",
  "完成率 Completion rate",
  "加权按时完成率 Weighted on-time",
  "加权完成率 Weighted completion",
];
/** The rate columns of a rate table, after its leading `lead` columns. */
const rateColumns = (lead: number) => [lead + 4, lead + 5, lead + 6, lead + 7];

const rateCells = (r: RateRow): Cell[] => [
  integer(r.inScope),
  integer(r.doneOnTime),
  integer(r.doneByEnd),
  integer(r.overdue),
  percent(r.onTimeRate),
  percent(r.completionRate),
  percent(r.weightedOnTimeRate),
  percent(r.weightedCompletionRate),
];

const rateTable = (first: string[], rows: readonly RateRow[], lead: (r: RateRow) => Cell[]): Table => ({
  row: 0,
  col: 0,
  header: [...first, ...RATE_HEADERS],
  rows: rows.map((r) => [...lead(r), ...rateCells(r)]),
});

export interface DashboardInput {
  view: RollupView;
  /** Rates below this (0–1) are flagged. */
  target: number;
  /** "2026-12-01 09:30" in the department's time zone, or null before the first roll-up. */
  computedAtLocal: string | null;
  /** What the capabilities' sections add (dashboards/section.ts), in order. */
  sections: readonly SectionContent[];
}

const dashboardTitle = (department: string | null) => `${department ?? "全公司 Company"} 仪表板 Dashboard`;

export function dashboardSpec({ view, target, computedAtLocal, sections }: DashboardInput): SpreadsheetSpec {
  const s = view.summary;
  const summary: Table = {
    row: 0,
    col: 0,
    header: ["项目 Item", "数值 Value"],
    rows: [
      [text("部门 Department"), text(view.department ?? "全公司 Company")],
      [text("期间 Period"), text(view.period)],
      [text("截至 As of"), text(view.asOf)],
      [text("汇总批次 Generation"), integer(view.generation)],
      [text("按时完成率 On-time rate"), percent(s.onTimeRate)],
      [text("完成率 Completion rate"), percent(s.completionRate)],
      [text("加权按时完成率 Weighted on-time rate"), percent(s.weightedOnTimeRate)],
      [text("加权完成率 Weighted completion rate"), percent(s.weightedCompletionRate)],
      [text("任务数 Tasks in scope"), integer(s.inScope)],
      [text("逾期任务 Overdue tasks"), integer(view.overdue.count)],
      [text("目标完成率 Target rate"), percent(target)],
      [text("计算时间 Computed at"), text(computedAtLocal ?? "—")],
    ],
  };
  const trend: Table = {
    row: 0,
    col: 0,
    header: [
      "月份 Month",
      "任务数 Tasks",
      "按时完成率 On-time rate",
      "完成率 Completion rate",
      "加权按时完成率 Weighted on-time",
      "加权完成率 Weighted completion",
    ],
    rows: view.trend.map((p) => [
      text(p.period),
      integer(p.inScope),
      percent(p.onTimeRate),
      percent(p.completionRate),
      percent(p.weightedOnTimeRate),
      percent(p.weightedCompletionRate),
    ]),
  };
  const groupNames = view.trendByGroup.map((g) => g.group);
  const groupTrend: Table = {
    row: 0,
    col: 0,
    header: ["月份 Month", ...groupNames.map((g) => `${g} 完成率`)],
    rows: view.trend.map((p) => [text(p.period), ...view.trendByGroup.map((g) => percent(g.points.find((q) => q.period === p.period)?.completionRate))]),
  };
  const groups = rateTable(["组 Group"], view.groups, (r) => [text(r.name)]);
  const people = rateTable(["姓名 Name", "邮箱 Email"], view.people, (r) => [text(r.name), text(r.key)]);
  const departments = rateTable(["部门 Department"], view.departments, (r) => [text(r.name)]);
  const ages: Table = {
    row: 0,
    col: 0,
    header: ["逾期时长 Overdue for", "任务数 Tasks"],
    rows: view.overdue.ages.map((a) => [text(`${a.label.zh} ${a.label.en}`), integer(a.count)]),
  };
  const overdueTasks: Table = {
    row: 0,
    col: 0,
    header: ["任务 Task", "编号 ID", "责任人 Owner", "责任部门 Department", "完成时间 Due", "逾期天数 Days overdue"],
    rows: view.overdue.tasks.map((t) => [text(t.title), text(t.itemId), text(t.owner?.name ?? null), text(t.department), text(t.due), integer(t.daysOverdue)]),
  };
  const items: Table = {
    row: 0,
    col: 0,
    header: ["层级 Level", "编号 ID", "计划项 Item", "进度 Progress", ...RATE_HEADERS],
    rows: view.items.map((i) => [
      text(i.level === "annual" ? "年度 Annual" : "季度 Quarterly"),
      text(i.key),
      text(i.name),
      // Progress is 0–100 in the roll-up; a fraction here so it reads as a percentage.
      percent(i.progress === null ? null : i.progress / 100),
      ...rateCells(i),
    ]),
  };

  const sheets: SheetSpec[] = [
    { sheetId: SHEET.summary, title: "汇总 Summary", tables: [summary], frozenRows: 1 },
    { sheetId: SHEET.trend, title: "月度趋势 Trend", tables: [trend], frozenRows: 1 },
    { sheetId: SHEET.groupTrend, title: "分组趋势 Trend by group", tables: [groupTrend], frozenRows: 1 },
    { sheetId: SHEET.groups, title: "分组 Groups", tables: [groups], frozenRows: 1 },
    { sheetId: SHEET.people, title: "人员 People", tables: [people], frozenRows: 1 },
    { sheetId: SHEET.departments, title: "责任部门 Departments", tables: [departments], frozenRows: 1 },
    { sheetId: SHEET.overdueAges, title: "逾期时长 Overdue by age", tables: [ages], frozenRows: 1 },
    { sheetId: SHEET.overdueTasks, title: "逾期任务 Overdue tasks", tables: [overdueTasks], frozenRows: 1 },
    { sheetId: SHEET.items, title: "计划项进度 Cascade progress", tables: [items], frozenRows: 1 },
    { sheetId: SHEET.charts, title: "图表 Charts", tables: [], minSize: { rows: 60, cols: 16 } },
  ];

  const charts: ChartSpec[] = [
    {
      title: "月度完成率趋势 Completion rate by month",
      type: "LINE",
      source: { sheetId: SHEET.trend, table: trend, series: [2, 3] },
      xTitle: "月份 Month",
      yTitle: "完成率 Rate",
      anchor: { sheetId: SHEET.charts, row: 0, col: 0 },
    },
    {
      title: "逾期时长分布 Overdue tasks by age",
      type: "COLUMN",
      source: { sheetId: SHEET.overdueAges, table: ages, series: [1] },
      xTitle: "逾期时长 Overdue for",
      yTitle: "任务数 Tasks",
      anchor: { sheetId: SHEET.charts, row: 0, col: 8 },
    },
  ];
  // Without groups there is nothing to draw per group; the chart would be an empty frame.
  if (groupNames.length > 0) {
    charts.push({
      title: "分组完成率趋势 Completion rate by group",
      type: "LINE",
      source: { sheetId: SHEET.groupTrend, table: groupTrend, series: groupNames.map((_, i) => i + 1) },
      xTitle: "月份 Month",
      yTitle: "完成率 Rate",
      anchor: { sheetId: SHEET.charts, row: 20, col: 0 },
    });
  }

  // The sections' tabs go before the charts tab; their charts continue the charts tab's two columns.
  sheets.splice(sheets.length - 1, 0, ...sections.flatMap((x) => x.sheets));
  for (const chart of sections.flatMap((x) => x.charts)) {
    const slot = charts.length;
    charts.push({ ...chart, anchor: { sheetId: SHEET.charts, row: 20 * Math.floor(slot / 2), col: 8 * (slot % 2) } });
  }

  const rules: BelowTargetRule[] = [
    { sheetId: SHEET.summary, table: { ...summary, rows: summary.rows.slice(4, 8), row: summary.row + 4 }, columns: [1], below: target },
    { sheetId: SHEET.trend, table: trend, columns: [2, 3, 4, 5], below: target },
    { sheetId: SHEET.groupTrend, table: groupTrend, columns: groupNames.map((_, i) => i + 1), below: target },
    { sheetId: SHEET.groups, table: groups, columns: rateColumns(1), below: target },
    { sheetId: SHEET.people, table: people, columns: rateColumns(2), below: target },
    { sheetId: SHEET.departments, table: departments, columns: rateColumns(1), below: target },
    { sheetId: SHEET.items, table: items, columns: rateColumns(4), below: target },
  ].filter((r) => r.columns.length > 0);
  rules.push(...sections.flatMap((x) => x.rules));

  return { title: dashboardTitle(view.department), sheets, charts, rules };
}
