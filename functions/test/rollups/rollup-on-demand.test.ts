import { describe, expect, it } from "vitest";
import { demoEmail } from "../../local/demo-org.js";
import { monthlyPlan } from "../reminders/harness.js";
import { call } from "../support/call.js";
import { useStack } from "../support/stack.js";

const stack = useStack();

describe("runRollup on demand: many people asking at once", () => {
  it("when 20 people ask for a run at the same moment, then all get 200 and the view shows the last generation with every task", async () => {
    const period = "2026-11";
    await monthlyPlan(
      stack,
      period,
      ["李明", "陈静", "杨强"].map((owner, i) => ({ content: `任务 ${i + 1}`, owner, due: `${period}-1${i}` })),
    );
    const askers = [demoEmail("张伟"), demoEmail("李明"), demoEmail("刘洋"), demoEmail("孙丽")];
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => call(stack, askers[i % askers.length]!, "runRollup", {})));
    for (const r of results) expect(r.status, JSON.stringify(r.error)).toBe(200);

    const last = Math.max(...results.map((r) => r.body.generation));
    const view = await call(stack, demoEmail("刘洋"), "rollupView", { period });
    expect(view.status).toBe(200);
    expect(view.body.generation).toBe(last);
    expect(view.body.summary.inScope).toBe(3);
  });
});
