import { beforeEach, describe, expect, it } from "vitest";
import { demoEmail } from "../../local/demo-org.js";
import { call } from "../support/call.js";
import { useStack } from "../support/stack.js";
import { clearOperations, dataSheet, indicatorSheet } from "./sheets.js";

const stack = useStack();
const analyst = demoEmail("周杰");

/** code, 名称, 英文名称, 类别, 单位, 月目标, 合理下限, 合理上限, 偏离阈值 %, 汇总方式, 方向 */
const indicator = (code: string, nameZh: string, nameEn: string) => [code, nameZh, nameEn, "销售", "万元", null, 0, null, null, "合计", "越高越好"];

beforeEach(async () => {
  await clearOperations(stack.db);
  stack.setNow(new Date("2026-12-05T02:00:00Z"));
});

describe("operations sheets with hostile content", () => {
  it("when 2,000 rows repeat two indicators, then each row's error names a few of the rows and how many there are, not all of them", async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => [i % 2 ? "orders" : "sales-revenue", i, ""]);
    const res = await fetch(`${stack.baseUrl}/submit`, {
      method: "POST",
      headers: { authorization: `Bearer ${stack.mintToken(analyst)}`, "content-type": "application/json" },
      body: JSON.stringify(dataSheet("2026-11", rows)),
    });
    expect(res.status).toBe(422);
    const text = await res.text();
    const cells = (JSON.parse(text) as { error: { cells: { row: number; code: string; message: { zh: string; en: string } }[] } }).error.cells;
    expect(cells).toHaveLength(2000);
    expect(cells.every((c) => c.code === "DUPLICATE_INDICATOR")).toBe(true);
    expect(cells[0]?.message.zh).toBe("第 2 行“指标”列：指标 sales-revenue 在第 2、4、6、8、10 等共 1000 行重复出现；每项指标每月只填一行");
    expect(cells[1]?.message.en).toBe(
      "Row 3, column “指标”: the indicator orders appears on rows 3, 5, 7, 9, 11 and 995 more; one row per indicator and month",
    );
    // Each of 2,000 notes listing 1,000 rows made a 40 MB answer.
    expect(text.length).toBeLessThan(1_000_000);
    expect((await stack.db.collection("operationsValues").get()).size).toBe(0);
  });

  it("when two indicator codes differ only in case, then it is a cell error: the data sheet reads codes in any case", async () => {
    const r = await call(stack, analyst, "submit", indicatorSheet([indicator("gmv", "成交额", "GMV"), indicator("GMV", "成交总额", "Gross value")]));
    expect(r.status).toBe(422);
    expect(r.error?.cells?.map((c) => [c.row, c.column, c.code])).toEqual([
      [2, 1, "DUPLICATE_CODE"],
      [3, 1, "DUPLICATE_CODE"],
    ]);
    expect((await stack.db.collection("operationsIndicators").get()).size).toBe(0);
  });

  it("when a code is retyped in another case, then it is the same indicator, its data kept, not a new one", async () => {
    expect((await call(stack, analyst, "submit", indicatorSheet([indicator("gmv", "成交额", "GMV")]))).status).toBe(200);
    expect((await call(stack, analyst, "submit", dataSheet("2026-11", [["gmv", 100, ""]]))).status).toBe(200);
    const again = await call(stack, analyst, "submit", indicatorSheet([indicator("GMV", "成交额", "GMV")]));
    expect(again.status, JSON.stringify(again.error)).toBe(200);
    expect(again.body.unchanged).toBe(true);
    const view = await call(stack, analyst, "operationsData", { from: "2026-11", to: "2026-11" });
    expect(view.body.indicators.map((i) => i.code)).toEqual(["gmv"]);
    expect(view.body.values.map((v) => [v.indicator, v.value])).toEqual([["gmv", 100]]);
  });

  it("when an indicator is typed by a name whose first word is another indicator's code, then the named indicator gets the value", async () => {
    const sheet = indicatorSheet([indicator("sales", "销售额", "Sales"), indicator("sales-online", "线上销售额", "Sales online")]);
    expect((await call(stack, analyst, "submit", sheet)).status).toBe(200);
    const r = await call(
      stack,
      analyst,
      "submit",
      dataSheet("2026-11", [
        ["Sales online", 40, ""],
        ["sales 销售额", 100, ""],
      ]),
    );
    expect(r.status, JSON.stringify(r.error)).toBe(200);
    expect(r.body.rows.map((x) => x.itemId)).toEqual(["sales-online", "sales"]);
  });

  it("when two indicators have the same name, then it is a cell error: a data row typed by that name could mean either", async () => {
    const r = await call(
      stack,
      analyst,
      "submit",
      indicatorSheet([indicator("gmv", "成交额", "GMV"), indicator("gmv-online", "成交额", "Online GMV"), indicator("orders", "订单量", "gmv")]),
    );
    expect(r.status).toBe(422);
    expect(r.error?.cells?.map((c) => [c.row, c.column, c.code, c.message.zh])).toEqual([
      [2, 2, "DUPLICATE_NAME", "第 2 行“名称”列：名称“成交额”在第 2、3 行重复出现；按名称填写的运营数据无法区分，请改用不同的名称"],
      [2, 3, "DUPLICATE_NAME", "第 2 行“英文名称”列：名称“GMV”在第 2、4 行重复出现；按名称填写的运营数据无法区分，请改用不同的名称"],
      [3, 2, "DUPLICATE_NAME", "第 3 行“名称”列：名称“成交额”在第 2、3 行重复出现；按名称填写的运营数据无法区分，请改用不同的名称"],
      [4, 3, "DUPLICATE_NAME", "第 4 行“英文名称”列：名称“GMV”在第 2、4 行重复出现；按名称填写的运营数据无法区分，请改用不同的名称"],
    ]);
    expect(r.error?.cells?.[0]?.message.en).toBe(
      "Row 2, column “名称”: the name “成交额” is on rows 2, 3; operations data typed by name could not tell them apart, so give each its own name",
    );
    expect((await stack.db.collection("operationsIndicators").get()).size).toBe(0);
  });
});
