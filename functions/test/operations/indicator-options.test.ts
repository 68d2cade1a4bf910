import { beforeEach, describe, expect, it } from "vitest";
import { demoEmail } from "../../local/demo-org.js";
import { call } from "../support/call.js";
import { useStack } from "../support/stack.js";
import { clearOperations, dataSheet, indicatorSheet } from "./sheets.js";

const stack = useStack();

const analyst = demoEmail("吴婷");
const planner = demoEmail("李明");

/** code, 名称, 英文名称, 类别, 单位, 月目标, 合理下限, 合理上限, 偏离阈值 %, 汇总方式, 方向 */
const REVENUE = ["revenue", "营业收入", "Revenue", "销售", "万元", 500, 0, null, 25, "合计", "越高越好"] as const;
const STOCK_DAYS = ["stock-days", "库存天数", "Stock days", "库存", "天", 30, 0, 365, null, "平均", "越低越好"] as const;

beforeEach(async () => {
  await clearOperations(stack.db);
  stack.setNow(new Date("2026-12-05T02:00:00Z"));
});

describe("listOptions operations-indicators: the 运营数据 sheet's 指标 dropdown", () => {
  it("when nothing is configured, then it offers the default set as “code name” in both languages", async () => {
    const r = await call(stack, analyst, "listOptions", { list: "operations-indicators" });
    expect(r.status).toBe(200);
    expect(r.body.list).toBe("operations-indicators");
    expect(r.body.options.map((o) => o.label.zh)).toEqual([
      "sales-revenue 销售额",
      "orders 订单量",
      "output 产量",
      "inventory-days 库存周转天数",
      "new-customers 新增客户数",
      "satisfaction 客户满意度",
    ]);
    expect(r.body.options[0]).toEqual({ value: "sales-revenue", label: { zh: "sales-revenue 销售额", en: "sales-revenue Sales revenue" } });
  });

  it("when an indicator was deactivated, then only the active ones are offered, in the settings sheet's order", async () => {
    expect((await call(stack, analyst, "submit", indicatorSheet([REVENUE, STOCK_DAYS]))).status).toBe(200);
    expect((await call(stack, analyst, "submit", indicatorSheet([STOCK_DAYS]))).status).toBe(200);
    const r = await call(stack, analyst, "listOptions", { list: "operations-indicators" });
    expect(r.body.options).toEqual([{ value: "stock-days", label: { zh: "stock-days 库存天数", en: "stock-days Stock days" } }]);
  });

  it("when a planning clerk asks, then the list is given (codes and names only) while submitting data stays refused", async () => {
    const r = await call(stack, planner, "listOptions", { list: "operations-indicators" });
    expect(r.status).toBe(200);
    expect(r.body.options).toHaveLength(6);
    const submitted = await call(stack, planner, "submit", dataSheet("2026-11", [["sales-revenue 销售额", 100, ""]]));
    expect(submitted.status).toBe(403);
    expect(submitted.error?.code).toBe("FORBIDDEN");
  });

  it("when the list is not one the backend keeps, then it is refused as a bad request naming the allowed list", async () => {
    const r = await call(stack, analyst, "listOptions", { list: "people" });
    expect(r.status).toBe(400);
    expect(r.error?.code).toBe("BAD_REQUEST");
    expect(JSON.stringify(r.error?.message)).toContain("operations-indicators");
  });
});
