import { OPERATIONS_DATA } from "@planops/shared";
import { beforeEach, describe, expect, it } from "vitest";
import { demoEmail } from "../../local/demo-org.js";
import { call } from "../support/call.js";
import { useStack } from "../support/stack.js";
import { clearOperations, dataSheet } from "./sheets.js";

const stack = useStack();

const analyst = demoEmail("周杰");
const analyst2 = demoEmail("吴婷");
const planner = demoEmail("李明");
const manager = demoEmail("张伟");
const otherManager = demoEmail("郑浩");
const management = demoEmail("刘洋");

const columnOf = (key: string) => OPERATIONS_DATA.columns.findIndex((c) => c.key === key) + 1;

/** What is stored for a month, by indicator. */
async function storedMonth(month: string) {
  const snap = await stack.db.collection("operationsValues").where("period", "==", month).get();
  return Object.fromEntries(snap.docs.map((d) => [d.get("indicator") as string, { value: d.get("value"), note: d.get("note") }]));
}

/** The mails received since `before`, as [recipient, subject, text]. */
const mailsSince = (before: number) => stack.mail.messages().slice(before);

beforeEach(async () => {
  await clearOperations(stack.db);
  stack.setNow(new Date("2026-12-05T02:00:00Z"));
});

describe("submitting a month's operations data", () => {
  it("when the data-analysis group submits November, then each value is stored with its note and submitter, and the rows get their codes", async () => {
    const r = await call(
      stack,
      analyst,
      "submit",
      dataSheet("2026-11", [
        ["sales-revenue 销售额", "１２０", "含年末促销"],
        ["订单量", 340, ""],
        ["Customer satisfaction", 92.5, null],
      ]),
    );
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ kind: "operations-data", documentId: "operations-data_2026-11", unchanged: false });
    expect(r.body.rows).toEqual([
      { row: 2, itemId: "sales-revenue", status: null },
      { row: 3, itemId: "orders", status: null },
      { row: 4, itemId: "satisfaction", status: null },
    ]);
    expect(r.body.message.zh).toBe("已保存 2026-11 的运营数据（3 项指标）；未发现数据异常");
    expect(await storedMonth("2026-11")).toEqual({
      "sales-revenue": { value: 120, note: "含年末促销" },
      orders: { value: 340, note: "" },
      satisfaction: { value: 92.5, note: "" },
    });
    const doc = await stack.db.collection("operationsValues").doc("2026-11~orders").get();
    expect(doc.get("submittedBy")).toEqual({ email: analyst, name: "周杰" });
  });

  it("when cells are wrong, then each comes back with row, column and what is allowed, and nothing is stored", async () => {
    const r = await call(
      stack,
      analyst,
      "submit",
      dataSheet("2026-11", [
        ["sales-revenue", 120, ""],
        ["profit", 10, ""],
        ["orders", "很多", ""],
        ["销售额", 130, ""],
      ]),
    );
    expect(r.status).toBe(422);
    expect(r.error?.code).toBe("VALIDATION_FAILED");
    const cells = r.error?.cells ?? [];
    expect(cells.map((c) => [c.row, c.column, c.code])).toEqual([
      [2, columnOf("indicator"), "DUPLICATE_INDICATOR"],
      [3, columnOf("indicator"), "UNKNOWN_INDICATOR"],
      [4, columnOf("value"), "NOT_A_NUMBER"],
      [5, columnOf("indicator"), "DUPLICATE_INDICATOR"],
    ]);
    expect(cells[1]?.message.zh).toBe(
      "第 3 行“指标”列：“profit”不是启用的运营指标；可选：sales-revenue（销售额）、orders（订单量）、output（产量）、inventory-days（库存周转天数）、new-customers（新增客户数）、satisfaction（客户满意度）",
    );
    expect(cells[1]?.message.en).toContain("choose one of: sales-revenue (Sales revenue), orders (Orders)");
    expect(cells[0]?.message.zh).toBe("第 2 行“指标”列：指标 sales-revenue 在第 2、5 行重复出现；每项指标每月只填一行");
    expect(cells[0]?.header).toBe("指标");
    expect(await storedMonth("2026-11")).toEqual({});
  });

  it("when a planning-group member or another department's manager submits, then it is refused with who may; the department's manager and management may", async () => {
    const sheet = dataSheet("2026-11", [["orders", 300, ""]]);
    for (const who of [planner, otherManager]) {
      const r = await call(stack, who, "submit", sheet);
      expect(r.status).toBe(403);
      expect(r.error?.message.zh).toBe("只有数据分析组成员、部门经理、副经理或公司管理层可以提交运营数据");
    }
    expect(await storedMonth("2026-11")).toEqual({});
    expect((await call(stack, manager, "submit", sheet)).status).toBe(200);
    expect((await call(stack, management, "submit", dataSheet("2026-10", [["orders", 280, ""]]))).status).toBe(200);
  });

  it("when a month is resubmitted, then its values are replaced: changed ones updated, left-out ones removed, each change in the audit trail", async () => {
    // Months no other test of this file submits, so the month's audit trail is this test's alone.
    await call(
      stack,
      analyst,
      "submit",
      dataSheet("2026-08", [
        ["sales-revenue", 120, ""],
        ["orders", 340, ""],
        ["output", 5000, ""],
      ]),
    );
    await call(stack, analyst, "submit", dataSheet("2026-07", [["orders", 310, ""]]));
    const again = await call(
      stack,
      analyst2,
      "submit",
      dataSheet("2026-08", [
        ["sales-revenue", 125, "更正"],
        ["orders", 340, ""],
      ]),
    );
    expect(again.status).toBe(200);
    expect(await storedMonth("2026-08")).toEqual({ "sales-revenue": { value: 125, note: "更正" }, orders: { value: 340, note: "" } });
    expect(await storedMonth("2026-07")).toEqual({ orders: { value: 310, note: "" } });

    const trail = await call(stack, management, "auditTrail", { type: "operations-data", id: "2026-08" });
    expect(trail.status).toBe(200);
    const entries = trail.body.entries.map((e) => [e.action, e.by.email, e.from, e.to]);
    expect(entries).toHaveLength(5);
    expect(entries).toEqual(
      expect.arrayContaining([
        ["changed", analyst2, { value: 120, note: null }, { value: 125, note: "更正" }],
        ["removed", analyst2, { indicator: "output", value: 5000 }, { indicator: null, value: null }],
        ["added", analyst, { indicator: null, value: null }, { indicator: "output", value: 5000 }],
      ]),
    );

    const same = await call(
      stack,
      analyst2,
      "submit",
      dataSheet("2026-08", [
        ["orders", 340, ""],
        ["sales-revenue", 125, "更正"],
      ]),
    );
    expect(same.body).toMatchObject({ unchanged: true, message: { zh: "2026-08 的运营数据未变化，无需重新提交" } });
    expect((await call(stack, management, "auditTrail", { type: "operations-data", id: "2026-08" })).body.entries).toHaveLength(5);
  });

  it("when the sheet is for a month that has not begun, then it is refused naming the months allowed", async () => {
    const r = await call(stack, analyst, "submit", dataSheet("2027-01", [["orders", 1, ""]]));
    expect(r.status).toBe(400);
    expect(r.error?.message.zh).toBe("2027-01 尚未开始，不能提交该月的运营数据；可提交 2026-12 及以前的月份");
  });
});

describe("anomalies found on submission and who is told", () => {
  /** Six months of steady figures before November: sales 120, orders 300. */
  async function history() {
    for (const m of ["05", "06", "07", "08", "09", "10"]) {
      const r = await call(
        stack,
        analyst,
        "submit",
        dataSheet(`2026-${m}`, [
          ["sales-revenue", 120, ""],
          ["orders", 300, ""],
        ]),
      );
      expect(r.status).toBe(200);
    }
  }

  it("when November's sales fall to 80 against a trend of 120, then each data analyst gets one mail listing it, exactly once", async () => {
    await history();
    const before = stack.mail.messages().length;
    const sheet = dataSheet("2026-11", [
      ["sales-revenue", 80, ""],
      ["orders", 310, ""],
    ]);
    const r = await call(stack, analyst, "submit", sheet);
    expect(r.status).toBe(200);
    expect(r.body.message.zh).toBe("已保存 2026-11 的运营数据（2 项指标）；数据异常 1 项，其中新发现 1 项已通知数据分析组");

    const mails = mailsSince(before);
    expect(mails.map((m) => m.to[0]).sort()).toEqual([analyst2, analyst]);
    expect(mails[0]?.subject).toBe("运营数据异常：2026-11（1 项）");
    expect(mails[0]?.text).toContain("周杰 提交了 2026-11 的运营数据，发现以下数据异常：\n• 销售额 2026-11 为 80 万元，比趋势预期 120 万元低 33%（阈值 30%）");
    expect(mails[0]?.text).toContain("Sales revenue 2026-11 is 80 万元, 33% below the trend's expected 120 万元 (threshold 30%)");

    // The same values again, by the other analyst: nothing new, nobody told.
    const again = await call(stack, analyst2, "submit", sheet);
    expect(again.body.unchanged).toBe(true);
    expect(mailsSince(before)).toHaveLength(2);

    const view = await call(stack, analyst, "operationsData", { from: "2026-11", to: "2026-11" });
    expect(view.body.anomalies).toEqual([
      {
        period: "2026-11",
        indicator: "sales-revenue",
        rule: "trend",
        value: 80,
        expected: 120,
        deviation: -1 / 3,
        message: {
          zh: "销售额 2026-11 为 80 万元，比趋势预期 120 万元低 33%（阈值 30%）",
          en: "Sales revenue 2026-11 is 80 万元, 33% below the trend's expected 120 万元 (threshold 30%)",
        },
      },
    ]);
  });

  it("when a resubmission creates a new anomaly, then only it is told; when a value is corrected, then its anomaly goes and nobody is told", async () => {
    await history();
    await call(
      stack,
      analyst,
      "submit",
      dataSheet("2026-11", [
        ["sales-revenue", 80, ""],
        ["orders", 310, ""],
      ]),
    );
    const before = stack.mail.messages().length;
    const more = await call(
      stack,
      analyst,
      "submit",
      dataSheet("2026-11", [
        ["sales-revenue", 80, "已核实"],
        ["orders", 500, ""],
      ]),
    );
    expect(more.body.message.zh).toContain("数据异常 2 项，其中新发现 1 项已通知数据分析组");
    const mails = mailsSince(before);
    expect(mails).toHaveLength(2);
    expect(mails[0]?.subject).toBe("运营数据异常：2026-11（1 项）");
    expect(mails[0]?.text).toContain("• 订单量 2026-11 为 500 单，比趋势预期 300 单高 67%（阈值 30%）");
    expect(mails[0]?.text).not.toContain("销售额");

    const fixed = await call(
      stack,
      analyst,
      "submit",
      dataSheet("2026-11", [
        ["sales-revenue", 118, "已更正"],
        ["orders", 500, ""],
      ]),
    );
    expect(fixed.body.message.zh).toContain("数据异常 1 项，均已通知过");
    expect(mailsSince(before)).toHaveLength(2);
    const stored = await stack.db.collection("operationsAnomalies").where("period", "==", "2026-11").get();
    expect(stored.docs.map((d) => d.id)).toEqual(["2026-11~orders~trend"]);
  });
});
