import { describe, expect, it } from "vitest";
import { demoEmail } from "../../local/demo-org.js";
import { call } from "../support/call.js";
import { useStack } from "../support/stack.js";

const stack = useStack();
const analyst = demoEmail("吴婷");

describe("which periods a report can be made for", () => {
  it("when a period has not begun, then it is refused naming the periods allowed, and nothing is recorded", async () => {
    stack.setNow(new Date("2026-12-05T02:00:00Z"));
    for (const period of ["2027-01", "2027-Q1", "2027", "2030"]) {
      const r = await call(stack, analyst, "generateReport", { period });
      expect(r.status, period).toBe(400);
      expect(r.error?.code).toBe("BAD_REQUEST");
      expect(r.error?.message.zh).toBe(`${period} 尚未开始，不能生成数据分析报告；可生成 2026-12 及以前的月份、季度或年度的报告`);
      expect(r.error?.message.en).toBe(`${period} has not begun; reports can be made for periods that began on or before 2026-12`);
      expect((await stack.db.collection("reports").doc(period).get()).exists).toBe(false);
    }
  });

  it("when the period is the current month, quarter or year, or a past month without data, then the report is made", async () => {
    stack.setNow(new Date("2026-12-05T02:00:00Z"));
    for (const period of ["2026-12", "2026-Q4", "2026", "2019-05"]) {
      const r = await call(stack, analyst, "generateReport", { period });
      expect(r.status, `${period} ${JSON.stringify(r.error)}`).toBe(200);
      expect(r.body).toMatchObject({ period, status: "draft" });
    }
  });
});
