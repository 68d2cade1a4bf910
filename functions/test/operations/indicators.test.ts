import { OPERATIONS_INDICATORS } from "@planops/shared";
import { beforeEach, describe, expect, it } from "vitest";
import { demoEmail } from "../../local/demo-org.js";
import { call } from "../support/call.js";
import { useStack } from "../support/stack.js";
import { clearOperations, dataSheet, indicatorSheet } from "./sheets.js";

const stack = useStack();

const analyst = demoEmail("周杰");
const planner = demoEmail("李明");
const operationsStaff = demoEmail("杨强");
const deputy = demoEmail("赵磊");
const hr = demoEmail("孙丽");
const management = demoEmail("刘洋");
const otherManager = demoEmail("郑浩");

const columnOf = (key: string) => OPERATIONS_INDICATORS.columns.findIndex((c) => c.key === key) + 1;

/** code, 名称, 英文名称, 类别, 单位, 月目标, 合理下限, 合理上限, 偏离阈值 %, 汇总方式, 方向 */
const REVENUE = ["revenue", "营业收入", "Revenue", "销售", "万元", 500, 0, null, 25, "合计", "越高越好"] as const;
const STOCK_DAYS = ["stock-days", "库存天数", "Stock days", "库存", "天", 30, 0, 365, null, "平均", "越低越好"] as const;
const NPS = ["nps", "净推荐值", "Net promoter score", "客户", "", null, -100, 100, 40, "期末值", null] as const;

beforeEach(async () => {
  await clearOperations(stack.db);
  stack.setNow(new Date("2026-12-05T02:00:00Z"));
});

describe("operations indicators (运营指标设置)", () => {
  it("when nothing is configured, then the documented default set applies", async () => {
    const r = await call(stack, analyst, "operationsData", { from: "2026-01", to: "2026-12" });
    expect(r.status).toBe(200);
    expect(r.body.indicators.map((i) => [i.code, i.name.zh, i.unit, i.aggregate, i.better])).toEqual([
      ["sales-revenue", "销售额", "万元", "sum", "higher"],
      ["orders", "订单量", "单", "sum", "higher"],
      ["output", "产量", "件", "sum", "higher"],
      ["inventory-days", "库存周转天数", "天", "mean", "lower"],
      ["new-customers", "新增客户数", "个", "sum", "higher"],
      ["satisfaction", "客户满意度", "%", "mean", "higher"],
    ]);
    expect(r.body.indicators.find((i) => i.code === "satisfaction")).toMatchObject({ min: 0, max: 100, threshold: 0.3 });
  });

  it("when the data-analysis group submits the sheet, then it becomes the set, with defaults for empty cells, and the data sheet follows it", async () => {
    const r = await call(stack, analyst, "submit", indicatorSheet([REVENUE, STOCK_DAYS, NPS]));
    expect(r.status).toBe(200);
    expect(r.body.message.zh).toBe("指标设置已更新：新增 3 项，修改 0 项，停用 0 项");
    const view = await call(stack, analyst, "operationsData", { from: "2026-12", to: "2026-12" });
    expect(view.body.indicators).toEqual([
      {
        code: "revenue",
        name: { zh: "营业收入", en: "Revenue" },
        category: "sales",
        unit: "万元",
        target: 500,
        min: 0,
        max: null,
        threshold: 0.25,
        aggregate: "sum",
        better: "higher",
      },
      {
        code: "stock-days",
        name: { zh: "库存天数", en: "Stock days" },
        category: "inventory",
        unit: "天",
        target: 30,
        min: 0,
        max: 365,
        threshold: 0.3,
        aggregate: "mean",
        better: "lower",
      },
      {
        code: "nps",
        name: { zh: "净推荐值", en: "Net promoter score" },
        category: "customer",
        unit: "",
        target: null,
        min: -100,
        max: 100,
        threshold: 0.4,
        aggregate: "last",
        better: "higher",
      },
    ]);

    const old = await call(stack, analyst, "submit", dataSheet("2026-11", [["sales-revenue", 1, ""]]));
    expect(old.status).toBe(422);
    expect(old.error?.cells?.[0]?.message.zh).toBe(
      "第 2 行“指标”列：“sales-revenue”不是启用的运营指标；可选：revenue（营业收入）、stock-days（库存天数）、nps（净推荐值）",
    );
    expect((await call(stack, analyst, "submit", dataSheet("2026-11", [["营业收入", 480, ""]]))).status).toBe(200);
  });

  it("when an indicator is left out of a later sheet, then it is deactivated: its data is kept but no longer listed or accepted", async () => {
    // An indicator of its own, so its audit trail is this test's alone.
    const TURNOVER = ["turnover", "周转天数", "Turnover days", ...STOCK_DAYS.slice(3)] as const;
    await call(stack, analyst, "submit", indicatorSheet([REVENUE, TURNOVER]));
    await call(
      stack,
      analyst,
      "submit",
      dataSheet("2026-11", [
        ["revenue", 480, ""],
        ["turnover", 28, ""],
      ]),
    );
    const r = await call(stack, deputy, "submit", indicatorSheet([REVENUE]));
    expect(r.body.message.zh).toBe("指标设置已更新：新增 0 项，修改 0 项，停用 1 项");
    const view = await call(stack, analyst, "operationsData", { from: "2026-11", to: "2026-11" });
    expect(view.body.indicators.map((i) => i.code)).toEqual(["revenue"]);
    expect(view.body.values.map((v) => [v.indicator, v.value])).toEqual([["revenue", 480]]);
    expect((await stack.db.collection("operationsValues").doc("2026-11~turnover").get()).get("value")).toBe(28);
    expect((await stack.db.collection("operationsIndicators").doc("turnover").get()).get("active")).toBe(false);

    const trail = await call(stack, management, "auditTrail", { type: "operations-indicator", id: "turnover" });
    expect(trail.body.entries.map((e) => [e.action, e.by.email])).toEqual([
      ["deactivated", deputy],
      ["added", analyst],
    ]);

    const same = await call(stack, analyst, "submit", indicatorSheet([REVENUE]));
    expect(same.body).toMatchObject({ unchanged: true, message: { zh: "指标设置未变化，无需重新提交" } });
  });

  it("when cells are wrong, then codes, duplicates and an inverted range are marked and nothing changes", async () => {
    const r = await call(
      stack,
      analyst,
      "submit",
      indicatorSheet([
        ["bad code", "甲", "A", "销售", "", null, null, null, null, null, null],
        ["dup", "乙", "B", "利润", "", null, 10, 5, null, null, null],
        ["dup", "丙", "C", "客户", "", null, null, null, 0, null, null],
      ]),
    );
    expect(r.status).toBe(422);
    expect(r.error?.cells?.map((c) => [c.row, c.column, c.code])).toEqual([
      [2, columnOf("code"), "BAD_CODE"],
      [3, columnOf("category"), "NOT_ALLOWED"],
      [3, columnOf("max"), "MIN_ABOVE_MAX"],
      [4, columnOf("threshold"), "OUT_OF_RANGE"],
    ]);
    expect((await stack.db.collection("operationsIndicators").get()).size).toBe(0);

    const dup = await call(
      stack,
      analyst,
      "submit",
      indicatorSheet([
        ["dup", "乙", "B", "销售", "", null, null, null, null, null, null],
        ["dup", "丙", "C", "客户", "", null, null, null, null, null, null],
      ]),
    );
    expect(dup.error?.cells?.map((c) => [c.row, c.code, c.message.zh])).toEqual([
      [2, "DUPLICATE_CODE", "第 2 行“指标编码”列：编码 dup 在第 2、3 行重复出现；每项指标只占一行"],
      [3, "DUPLICATE_CODE", "第 3 行“指标编码”列：编码 dup 在第 2、3 行重复出现；每项指标只占一行"],
    ]);
  });

  it("when a planning-group member submits the indicators, then it is refused", async () => {
    const r = await call(stack, planner, "submit", indicatorSheet([REVENUE]));
    expect(r.status).toBe(403);
    expect(r.error?.message.zh).toBe("只有数据分析组成员、部门经理、副经理或公司管理层可以提交运营指标设置");
  });
});

describe("who may read operations data (operationsData)", () => {
  it("when the data-analysis group, a deputy, management or HR asks, then they see it; planning, operations staff and another department's manager get 403", async () => {
    for (const who of [analyst, deputy, management, hr])
      expect((await call(stack, who, "operationsData", { from: "2026-01", to: "2026-12" })).status).toBe(200);
    for (const who of [planner, operationsStaff, otherManager]) {
      const r = await call(stack, who, "operationsData", { from: "2026-01", to: "2026-12" });
      expect(r.status).toBe(403);
      expect(r.error?.message.zh).toBe("只有数据分析组、部门经理、副经理、公司管理层和人力资源部门可以查看运营数据");
    }
  });

  it("when the range is longer than 36 months, reversed, or not months, then it is refused saying what is allowed", async () => {
    expect((await call(stack, analyst, "operationsData", { from: "2024-01", to: "2026-12" })).status).toBe(200);
    const long = await call(stack, analyst, "operationsData", { from: "2023-12", to: "2026-12" });
    expect(long.status).toBe(400);
    expect(long.error?.message.zh).toBe("月份范围应为 1–36 个月且 from 不晚于 to；收到 2023-12 至 2026-12");
    expect((await call(stack, analyst, "operationsData", { from: "2026-12", to: "2026-11" })).status).toBe(400);
    const quarter = await call(stack, analyst, "operationsData", { from: "2026-Q1", to: "2026-12" });
    expect(quarter.status).toBe(400);
    expect(quarter.error?.message.en).toBe("from and to must be months (e.g. 2026-01); got “2026-Q1” and “2026-12”");
  });

  it("when values span months, then only the asked months come back, in order, with who submitted them", async () => {
    for (const [month, value] of [
      ["2026-09", 300],
      ["2026-10", 310],
      ["2026-11", 320],
    ] as const)
      await call(stack, analyst, "submit", dataSheet(month, [["orders", value, ""]]));
    const r = await call(stack, hr, "operationsData", { from: "2026-10", to: "2026-11" });
    expect(r.body.values).toEqual([
      { period: "2026-10", indicator: "orders", value: 310, note: "", submittedBy: { email: analyst, name: "周杰" }, submittedAt: "2026-12-05T02:00:00.000Z" },
      { period: "2026-11", indicator: "orders", value: 320, note: "", submittedBy: { email: analyst, name: "周杰" }, submittedAt: "2026-12-05T02:00:00.000Z" },
    ]);
  });
});
