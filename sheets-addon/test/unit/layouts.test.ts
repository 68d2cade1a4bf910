import { MARKER_KEYS, MONTHLY_PLAN, PRIORITIES } from "@planops/shared";
import { describe, expect, it } from "vitest";
import type { CompletionRatesResponse, RateRow } from "@planops/shared/api";
import { messagesFor } from "../../src/i18n/messages.js";
import { templateLayout } from "../../src/plans/template-layout.js";
import { PERCENT_FORMAT, ratesLayout } from "../../src/rollups/rates-layout.js";
import { parseMarker } from "../../src/sheet/marker.js";

const roster = {
  departments: ["计划运营部", "销售部", "计划运营部"],
  people: [
    { email: "liming@example.com", name: "李明", department: "计划运营部", group: "计划组", label: "李明 <liming@example.com>" },
    { email: "wang@example.com", name: "王芳", department: "销售部", group: null, label: "王芳 <wang@example.com>" },
  ],
};
const column = (key: string) => MONTHLY_PLAN.columns.findIndex((c) => c.key === key) + 1;

describe("templateLayout", () => {
  const layout = templateLayout({ template: MONTHLY_PLAN, lang: "zh", period: "2026-12", roster, t: messagesFor("zh") });

  it("when built for a Chinese user, then the sheet name, headers and notes come from the template in Chinese", () => {
    expect(layout.sheetName).toBe("月度计划 2026-12");
    expect(layout.headers).toEqual(MONTHLY_PLAN.columns.map((c) => c.header.zh));
    expect(layout.headerNotes[column("due") - 1]).toBe("计划月份内的日期");
    expect(layout.widths).toEqual(MONTHLY_PLAN.columns.map((c) => c.width));
  });

  it("when built, then enum, department and owner columns get dropdowns from the template and the roster", () => {
    expect(layout.dropdowns).toEqual([
      { column: column("department"), values: ["计划运营部", "销售部"], helpText: "从下拉列表选择" },
      { column: column("owner"), values: ["李明 <liming@example.com>", "王芳 <wang@example.com>"], helpText: "人员名册中的姓名或邮箱" },
      { column: column("priority"), values: PRIORITIES.map((p) => p.label.zh), helpText: "高 / 中 / 低，默认中" },
      { column: column("status"), values: ["未开始", "进行中", "已完成", "受阻", "已取消"], helpText: expect.any(String) },
    ]);
  });

  it("when built, then dates, % complete, plain-text columns and the system ID column are identified", () => {
    expect(layout.dateColumns).toEqual([column("start"), column("due"), column("actualFinish")]);
    expect(layout.percentColumns).toEqual([column("percent")]);
    expect(layout.textColumns).toEqual([
      column("taskId"),
      column("content"),
      column("quarterlyItem"),
      column("deliverable"),
      column("feedback"),
    ]);
    expect(layout.idColumn).toBe(1);
  });

  it("when built, then the marker round-trips to the template id, version and period", () => {
    expect(layout.marker.map(([k]) => k)).toEqual([MARKER_KEYS.template, MARKER_KEYS.version, MARKER_KEYS.period]);
    expect(parseMarker(layout.marker.map(([key, value]) => ({ key, value })))).toEqual({
      templateId: "monthly-plan",
      version: MONTHLY_PLAN.version,
      period: "2026-12",
    });
  });

  it("when the roster is empty, then no dropdown is made that would refuse every value", () => {
    const empty = templateLayout({
      template: MONTHLY_PLAN,
      lang: "en",
      period: "2027-01",
      roster: { departments: [], people: [] },
      t: messagesFor("en"),
    });
    expect(empty.sheetName).toBe("Monthly plan 2027-01");
    expect(empty.dropdowns.map((d) => d.column)).toEqual([column("priority"), column("status")]);
    expect(empty.dropdowns[0]?.values).toEqual(["High", "Medium", "Low"]);
  });
});

describe("parseMarker", () => {
  it.each([
    ["missing period", [{ key: MARKER_KEYS.template, value: "monthly-plan" }, { key: MARKER_KEYS.version, value: "1" }]],
    ["bad period", [
      { key: MARKER_KEYS.template, value: "monthly-plan" },
      { key: MARKER_KEYS.version, value: "1" },
      { key: MARKER_KEYS.period, value: "2026-13" },
    ]],
    ["bad version", [
      { key: MARKER_KEYS.template, value: "monthly-plan" },
      { key: MARKER_KEYS.version, value: "one" },
      { key: MARKER_KEYS.period, value: "2026-12" },
    ]],
    ["no metadata", []],
  ])("when the marker has %s, then the sheet is not a plan sheet", (_why, entries) => {
    expect(parseMarker(entries)).toBeNull();
  });
});

describe("ratesLayout", () => {
  const rate = (name: string, inScope: number, onTime: number | null): RateRow => ({
    key: name,
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
    people: [rate("李明", 3, 1 / 3), rate("=HYPERLINK(\"x\")", 0, null)],
    groups: [rate("计划组", 3, 1 / 3)],
    departments: [rate("计划运营部", 3, 1 / 3)],
  };
  const layout = ratesLayout(rates, messagesFor("zh"));

  it("when written, then people, groups and departments tables follow a title, with headers in the user's language", () => {
    expect(layout.sheetName).toBe("完成率 2026-12");
    const firstColumn = layout.values.map((r) => r[0]);
    expect(firstColumn).toEqual([
      "计划完成率 2026-12（截至 2027-01-01）",
      "", "人员", "姓名", "李明", "=HYPERLINK(\"x\")",
      "", "小组", "小组", "计划组",
      "", "部门", "部门", "计划运营部",
    ]);
    expect(layout.values[3]).toEqual(["姓名", ...messagesFor("zh").rates.columns]);
    expect(layout.boldRows).toEqual([1, 3, 4, 8, 9, 12, 13]);
  });

  it("when a rate is known, then it is a fraction formatted 0.0%; names are plain text", () => {
    const li = layout.values[4];
    expect(li?.slice(1)).toEqual([3, 1, 2, 1, 1 / 3, 2 / 3, 1 / 3, 2 / 3]);
    expect(layout.formats[4]).toEqual(["@", "0", "0", "0", "0", PERCENT_FORMAT, PERCENT_FORMAT, PERCENT_FORMAT, PERCENT_FORMAT]);
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
