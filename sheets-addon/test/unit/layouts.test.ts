import { ANNUAL_PLAN, MARKER_KEYS, MONTHLY_PLAN, PRIORITIES, QUARTERLY_PLAN, ROSTER, TASK_STEPS, type TemplateDef } from "@planops/shared";
import { describe, expect, it } from "vitest";
import type { CompletionRatesResponse, RateRow } from "@planops/shared/api";
import { messagesFor } from "../../src/i18n/messages.js";
import { recordCells, templateLayout } from "../../src/plans/template-layout.js";
import { PERCENT_FORMAT, ratesLayout } from "../../src/rollups/rates-layout.js";
import { markerEntries, parseMarker } from "../../src/sheet/marker.js";

const roster = {
  departments: ["计划运营部", "销售部", "计划运营部"],
  people: [
    { email: "liming@example.com", name: "李明", department: "计划运营部", group: "计划组", label: "李明 <liming@example.com>" },
    { email: "wang@example.com", name: "王芳", department: "销售部", group: null, label: "王芳 <wang@example.com>" },
  ],
};
const columnOf = (template: TemplateDef) => (key: string) => template.columns.findIndex((c) => c.key === key) + 1;
const column = columnOf(MONTHLY_PLAN);
const zh = messagesFor("zh");
const en = messagesFor("en");

describe("templateLayout of the monthly plan", () => {
  const references = {
    columns: [
      {
        key: "quarterlyItem",
        parentPlanId: "quarterly_2026-Q4_计划运营部",
        parentStatus: "approved" as const,
        options: [
          { itemId: "2026-Q4-计划运营部-001", title: "客户回访", label: "2026-Q4-计划运营部-001 客户回访" },
          { itemId: "2026-Q4-计划运营部-002", title: "流程梳理", label: "2026-Q4-计划运营部-002 流程梳理" },
        ],
      },
    ],
  };
  const layout = templateLayout({ template: MONTHLY_PLAN, lang: "zh", period: "2026-12", roster, references, t: zh });

  it("when built for a Chinese user, then the sheet name, headers and notes come from the template in Chinese", () => {
    expect(layout.sheetName).toBe("月度计划 2026-12");
    expect(layout.headers).toEqual(MONTHLY_PLAN.columns.map((c) => c.header.zh));
    expect(layout.headerNotes[column("due") - 1]).toBe("计划月份内的日期");
    expect(layout.headerNotes[column("quarterlyItem") - 1]).toBe(MONTHLY_PLAN.columns[2].help.zh);
    expect(layout.widths).toEqual(MONTHLY_PLAN.columns.map((c) => c.width));
  });

  it("when built, then enum, department, owner and reference columns get dropdowns from the template, the roster and the options", () => {
    expect(layout.dropdowns).toEqual([
      {
        column: column("quarterlyItem"),
        values: ["2026-Q4-计划运营部-001 客户回访", "2026-Q4-计划运营部-002 流程梳理"],
        helpText: MONTHLY_PLAN.columns[2].help.zh,
      },
      { column: column("department"), values: ["计划运营部", "销售部"], helpText: "从下拉列表选择" },
      { column: column("owner"), values: ["李明 <liming@example.com>", "王芳 <wang@example.com>"], helpText: "人员名册中的姓名或邮箱" },
      { column: column("priority"), values: PRIORITIES.map((p) => p.label.zh), helpText: "高 / 中 / 低，默认中" },
      { column: column("status"), values: ["未开始", "进行中", "已完成", "受阻", "已取消"], helpText: expect.any(String) },
    ]);
    expect(layout.checkboxes).toEqual([]);
  });

  it("when built, then dates, % complete, plain-text columns and the protected ID column are identified", () => {
    expect(layout.dateColumns).toEqual([column("start"), column("due"), column("actualFinish")]);
    expect(layout.percentColumns).toEqual([column("percent")]);
    expect(layout.textColumns).toEqual([column("taskId"), column("content"), column("quarterlyItem"), column("deliverable"), column("feedback")]);
    expect(layout.protectedColumns).toEqual([{ column: 1, description: "计划运营：任务编号由系统填写，请勿修改" }]);
    expect(layout.rows).toEqual([]);
  });

  it("when built, then the marker round-trips to the template id, version and period", () => {
    expect(layout.marker.map(([k]) => k)).toEqual([MARKER_KEYS.template, MARKER_KEYS.version, MARKER_KEYS.period]);
    expect(parseMarker(layout.marker.map(([key, value]) => ({ key, value })))).toEqual({
      templateId: "monthly-plan",
      version: MONTHLY_PLAN.version,
      period: "2026-12",
    });
  });

  it("when the roster is empty and the quarter has no approved plan, then no dropdown is made that would refuse every value, and the reference note says to leave it empty", () => {
    const empty = templateLayout({
      template: MONTHLY_PLAN,
      lang: "en",
      period: "2027-01",
      roster: { departments: [], people: [] },
      references: { columns: [] },
      t: en,
    });
    expect(empty.sheetName).toBe("Monthly plan 2027-01");
    expect(empty.dropdowns.map((d) => d.column)).toEqual([column("priority"), column("status")]);
    expect(empty.dropdowns[0]?.values).toEqual(["High", "Medium", "Low"]);
    expect(empty.headerNotes[column("quarterlyItem") - 1]).toBe(`${MONTHLY_PLAN.columns[2].help.en}\n\n${en.referenceUnavailable("Quarterly plan", false)}`);
    expect(empty.headerNotes[column("quarterlyItem") - 1]).toContain("leave this column empty until the parent plan is approved");
    expect(empty.textColumns).toContain(column("quarterlyItem"));
  });
});

describe("templateLayout of every other kind", () => {
  it("when the annual plan is built, then its ID and progress columns are protected, progress is a percentage, and the sheet is named by the year", () => {
    const col = columnOf(ANNUAL_PLAN);
    const layout = templateLayout({ template: ANNUAL_PLAN, lang: "zh", period: "2027", roster, t: zh });
    expect(layout.sheetName).toBe("年度计划 2027");
    expect(layout.protectedColumns).toEqual([
      { column: col("itemId"), description: "计划运营：编号由系统填写，请勿修改" },
      { column: col("progress"), description: "计划运营：进度由系统填写，请勿修改" },
    ]);
    expect(layout.percentColumns).toEqual([col("progress")]);
    expect(layout.dropdowns.map((d) => d.column)).toEqual([col("category"), col("department"), col("owner")]);
    expect(layout.textColumns).toEqual([col("itemId"), col("title"), col("indicator"), col("target")]);
    expect(layout.dateColumns).toEqual([col("start"), col("due")]);
    expect(layout.marker).toContainEqual([MARKER_KEYS.period, "2027"]);
  });

  it("when the quarterly plan is built with the year's approved items, then the annual item column is a dropdown of their labels", () => {
    const col = columnOf(QUARTERLY_PLAN);
    const references = {
      columns: [
        {
          key: "annualItem",
          parentPlanId: "annual_2027_计划运营部",
          parentStatus: "approved" as const,
          options: [{ itemId: "2027-计划运营部-001", title: "营收", label: "2027-计划运营部-001 营收" }],
        },
      ],
    };
    const layout = templateLayout({ template: QUARTERLY_PLAN, lang: "en", period: "2027-Q1", roster, references, t: en });
    expect(layout.sheetName).toBe("Quarterly plan 2027-Q1");
    expect(layout.dropdowns[0]).toEqual({ column: col("annualItem"), values: ["2027-计划运营部-001 营收"], helpText: QUARTERLY_PLAN.columns[1].help.en });
    expect(layout.headerNotes[col("annualItem") - 1]).toBe(QUARTERLY_PLAN.columns[1].help.en);
    expect(layout.protectedColumns.map((p) => p.column)).toEqual([col("itemId"), col("progress")]);
    expect(layout.protectedColumns[1]?.description).toBe("PlanOps: Progress is filled in by the system; do not edit");
    expect(layout.percentColumns).toEqual([col("progress")]);
  });

  it("when the quarterly plan's annual plan is not approved, then the annual item cell stays free and its note says so", () => {
    const references = { columns: [{ key: "annualItem", parentPlanId: "annual_2027_计划运营部", parentStatus: "pending_approval" as const, options: [] }] };
    const layout = templateLayout({ template: QUARTERLY_PLAN, lang: "zh", period: "2027-Q1", roster, references, t: zh });
    expect(layout.dropdowns.map((d) => d.column)).not.toContain(2);
    expect(layout.headerNotes[1]).toContain(zh.referenceUnavailable("年度计划", false));
    expect(layout.headerNotes[1]).toContain("上级计划批准前请留空此列");
  });

  it("when implementation steps are built, then the task is a dropdown of the caller's tasks and done is a checkbox", () => {
    const references = {
      columns: [{ key: "task", parentPlanId: null, parentStatus: null, options: [{ itemId: "T-1", title: "写周报", label: "T-1 写周报" }] }],
    };
    const layout = templateLayout({ template: TASK_STEPS, lang: "zh", period: "2026-11", references, t: zh });
    expect(layout.sheetName).toBe("实施步骤 2026-11");
    expect(layout.dropdowns).toEqual([{ column: 1, values: ["T-1 写周报"], helpText: "从下拉列表选择你负责的任务" }]);
    expect(layout.checkboxes).toEqual([{ column: 4, helpText: "完成后勾选" }]);
    expect(layout.dateColumns).toEqual([3]);
    expect(layout.textColumns).toEqual([1, 2]);
    expect(layout.protectedColumns).toEqual([]);
  });

  it("when implementation steps have no task to choose, then the required task column's note says it can be filled once the plan is approved", () => {
    const layout = templateLayout({ template: TASK_STEPS, lang: "zh", period: "2026-11", references: { columns: [] }, t: zh });
    expect(layout.dropdowns).toEqual([]);
    expect(layout.headerNotes[0]).toContain(zh.referenceUnavailable("月度计划", true));
  });

  it("when the roster is built, then it has no period, plain-text email and roles, a status dropdown and the stored rows in the sheet's language", () => {
    const col = columnOf(ROSTER);
    const records = [
      {
        name: "张伟",
        email: "zhangwei@x.cn",
        department: "计划运营部",
        group: null,
        roles: ["manager", "staff"],
        supervisor: null,
        actsFor: [],
        language: "zh",
        active: "active",
      },
      {
        name: "王芳",
        email: "wangfang@x.cn",
        department: "计划运营部",
        group: "计划组",
        roles: ["deputy"],
        supervisor: "zhangwei@x.cn",
        actsFor: ["zhangwei@x.cn", "x@x.cn"],
        language: "en",
        active: "inactive",
      },
      {
        name: '=HYPERLINK("x")',
        email: "odd@x.cn",
        department: "销售部",
        group: "外星组",
        roles: ["astronaut"],
        supervisor: null,
        actsFor: [],
        language: "zh",
        active: "active",
      },
    ];
    const layout = templateLayout({ template: ROSTER, lang: "zh", period: null, records, t: zh });
    expect(layout.sheetName).toBe("人员名册");
    expect(layout.marker).toEqual([
      [MARKER_KEYS.template, "roster"],
      [MARKER_KEYS.version, String(ROSTER.version)],
    ]);
    expect(layout.checkboxes).toEqual([]);
    expect(layout.textColumns).toEqual([col("name"), col("email"), col("department"), col("roles"), col("supervisor"), col("actsFor")]);
    expect(layout.dropdowns.map((d) => d.column)).toEqual([col("group"), col("language"), col("active")]);
    expect(layout.protectedColumns).toEqual([]);
    expect(layout.rows).toEqual([
      ["张伟", "zhangwei@x.cn", "计划运营部", "", "部门经理、员工", "", "", "中文", "在职"],
      ["王芳", "wangfang@x.cn", "计划运营部", "计划组", "副经理", "zhangwei@x.cn", "zhangwei@x.cn、x@x.cn", "英文", "停用"],
      ['=HYPERLINK("x")', "odd@x.cn", "销售部", "外星组", "astronaut", "", "", "中文", "在职"],
    ]);
  });

  it("when the roster is built for an English user, then labels are English and lists are comma-separated", () => {
    const record = {
      name: "Li",
      email: "li@x.cn",
      department: "Sales",
      group: "运营组",
      roles: ["staff", "hr"],
      supervisor: null,
      actsFor: [],
      language: "en",
      active: "active",
    };
    expect(recordCells(ROSTER, record, "en", en.listSeparator)).toEqual([
      "Li",
      "li@x.cn",
      "Sales",
      "Operations group",
      "Staff, HR",
      "",
      "",
      "English",
      "Active",
    ]);
    expect(templateLayout({ template: ROSTER, lang: "en", period: null, t: en }).sheetName).toBe("Roster");
  });

  it("when a boolean is missing from a record, then the column's default is used", () => {
    expect(recordCells(TASK_STEPS, { task: "T-1", step: "收集", planned: "2026-11-03" }, "zh", "、")).toEqual(["T-1", "收集", "2026-11-03", false]);
  });
});

describe("parseMarker", () => {
  const entries = (templateId: string, version: string, period?: string) => [
    { key: MARKER_KEYS.template, value: templateId },
    { key: MARKER_KEYS.version, value: version },
    ...(period === undefined ? [] : [{ key: MARKER_KEYS.period, value: period }]),
  ];

  it.each([
    ["a year for the annual plan", entries("annual-plan", "1", "2027"), { templateId: "annual-plan", version: 1, period: "2027" }],
    ["a quarter for the quarterly plan", entries("quarterly-plan", "1", "2027-Q1"), { templateId: "quarterly-plan", version: 1, period: "2027-Q1" }],
    ["a month for the monthly plan", entries("monthly-plan", "2", "2027-01"), { templateId: "monthly-plan", version: 2, period: "2027-01" }],
    ["a month for implementation steps", entries("task-steps", "1", "2026-11"), { templateId: "task-steps", version: 1, period: "2026-11" }],
    ["no period for the roster", entries("roster", "1"), { templateId: "roster", version: 1, period: null }],
    ["an older version", entries("monthly-plan", "1", "2026-12"), { templateId: "monthly-plan", version: 1, period: "2026-12" }],
  ])("when the marker has %s, then it is read", (_what, marker, expected) => {
    expect(parseMarker(marker)).toEqual(expected);
  });

  it.each([
    ["missing period on a plan", entries("monthly-plan", "2")],
    ["a period on the roster", entries("roster", "1", "2027")],
    ["a quarter on a monthly plan", entries("monthly-plan", "2", "2027-Q1")],
    ["a month on the annual plan", entries("annual-plan", "1", "2027-01")],
    ["a year on the quarterly plan", entries("quarterly-plan", "1", "2027")],
    ["bad month", entries("monthly-plan", "2", "2026-13")],
    ["bad quarter", entries("quarterly-plan", "1", "2027-Q5")],
    ["a year out of range", entries("annual-plan", "1", "1999")],
    ["bad version", entries("monthly-plan", "one", "2026-12")],
    ["an unknown template", entries("weekly-plan", "1", "2026-12")],
    ["no metadata", []],
  ])("when the marker has %s, then the sheet is not a template sheet", (_why, marker) => {
    expect(parseMarker(marker)).toBeNull();
  });

  it("when written and read back, then a marker without a period stays without one", () => {
    const marker = { templateId: "roster", version: 1, period: null };
    expect(markerEntries(marker)).toHaveLength(2);
    expect(parseMarker(markerEntries(marker).map(([key, value]) => ({ key, value })))).toEqual(marker);
  });
});

describe("ratesLayout", () => {
  const rate = (name: string, inScope: number, onTime: number | null, key = name): RateRow => ({
    key,
    name,
    inScope,
    doneOnTime: 1,
    doneByEnd: 2,
    overdue: 1,
    onTimeRate: onTime,
    completionRate: onTime === null ? null : 2 / 3,
    weightedOnTimeRate: onTime,
    weightedCompletionRate: onTime === null ? null : 2 / 3,
  });
  const rates: CompletionRatesResponse = {
    period: "2026-12",
    asOf: "2027-01-01",
    people: [rate("李明", 3, 1 / 3), rate('=HYPERLINK("x")', 0, null)],
    groups: [rate("计划组", 3, 1 / 3)],
    departments: [rate("计划运营部", 3, 1 / 3)],
    items: [rate("客户回访", 3, 1 / 3, "2026-Q4-计划运营部-001")],
  };
  const layout = ratesLayout(rates, zh);

  it("when written, then people, groups, departments and plan items tables follow a title, with headers in the user's language", () => {
    expect(layout.sheetName).toBe("完成率 2026-12");
    const firstColumn = layout.values.map((r) => r[0]);
    expect(firstColumn).toEqual([
      "计划完成率 2026-12（截至 2027-01-01）",
      "",
      "人员",
      "姓名",
      "李明",
      '=HYPERLINK("x")',
      "",
      "小组",
      "小组",
      "计划组",
      "",
      "部门",
      "部门",
      "计划运营部",
      "",
      "计划条目",
      "条目",
      "2026-Q4-计划运营部-001 客户回访",
    ]);
    expect(layout.values[3]).toEqual(["姓名", ...zh.rates.columns]);
    expect(layout.boldRows).toEqual([1, 3, 4, 8, 9, 12, 13, 16, 17]);
  });

  it("when a rate is known, then it is a fraction formatted 0.0%; names are plain text", () => {
    const li = layout.values[4];
    expect(li?.slice(1)).toEqual([3, 1, 2, 1, 1 / 3, 2 / 3, 1 / 3, 2 / 3]);
    expect(layout.formats[4]).toEqual(["@", "0", "0", "0", "0", PERCENT_FORMAT, PERCENT_FORMAT, PERCENT_FORMAT, PERCENT_FORMAT]);
  });

  it("when a quarter's rates are written, then the sheet and title name the quarter", () => {
    const quarter = ratesLayout({ ...rates, period: "2027-Q1" }, en);
    expect(quarter.sheetName).toBe("Completion rates 2027-Q1");
    expect(quarter.values[0]?.[0]).toBe("Plan completion rates 2027-Q1 (as of 2027-01-01)");
  });

  it("when nobody has tasks in scope, then the rate shows a dash, not 0%", () => {
    expect(layout.values[5]?.slice(5)).toEqual(["—", "—", "—", "—"]);
    expect(layout.formats[5]?.slice(5)).toEqual(["@", "@", "@", "@"]);
  });

  it("when written, then every row has the same width", () => {
    expect(new Set(layout.values.map((r) => r.length)).size).toBe(1);
    expect(layout.formats.map((r) => r.length)).toEqual(layout.values.map((r) => r.length));
  });
});
