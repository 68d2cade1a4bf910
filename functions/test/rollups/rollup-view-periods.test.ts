import { describe, expect, it } from "vitest";
import { demoEmail } from "../../local/demo-org.js";
import { call } from "../support/call.js";
import { useStack } from "../support/stack.js";

const stack = useStack();
const management = demoEmail("刘洋");

describe("rollupView's period", () => {
  it("when a month, a quarter or a year is asked for, then each is answered for that period", async () => {
    expect((await call(stack, management, "runRollup", {})).status).toBe(200);
    for (const period of ["2026-12", "2026-Q4", "2026", "2000-01", "2099"]) {
      const r = await call(stack, management, "rollupView", { period });
      expect(r.status, period).toBe(200);
      expect(r.body.period).toBe(period);
    }
  });

  it("when the year is outside 2000–2099 or the month or quarter does not exist, then 400 says which years and forms are allowed", async () => {
    for (const period of ["1999", "2100", "2026-13", "2026-00", "2026-Q5"]) {
      const r = await call(stack, management, "rollupView", { period });
      expect(r.status, period).toBe(400);
      expect(r.error?.code).toBe("BAD_REQUEST");
      expect(r.error?.message.en).toContain("a year from 2000 to 2099");
    }
  });
});

describe("rollupView's department", () => {
  it("when management asks for a department the roster does not have, then 404 names the departments there are (not empty figures)", async () => {
    const r = await call(stack, management, "rollupView", { period: "2026-12", department: "销售一部" });
    expect(r.status).toBe(404);
    expect(r.error?.code).toBe("NOT_FOUND");
    expect(r.error?.message.zh).toContain("销售一部");
    expect(r.error?.message.zh).toContain("计划运营部");
    const known = await call(stack, management, "rollupView", { period: "2026-12", department: "计划运营部" });
    expect(known.status).toBe(200);
  });
});
