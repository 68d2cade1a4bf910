import { DOCUMENT_KINDS } from "@planops/shared";
import { beforeEach, describe, expect, it } from "vitest";
import { demoEmail } from "../../local/demo-org.js";
import { smtpSender } from "../../src/notifications/mailer.js";
import { checkMissingOperationsData } from "../../src/operations/check-missing.js";
import { parseConfig } from "../../src/platform/config.js";
import type { Deps } from "../../src/platform/context.js";
import { call } from "../support/call.js";
import { useStack } from "../support/stack.js";
import { clearOperations, dataSheet, indicatorSheet } from "./sheets.js";

const stack = useStack();

const analyst = demoEmail("周杰");
const analyst2 = demoEmail("吴婷");

/** The deps the scheduled roll-up hands the check: the stack's Firestore, config and mail. */
function deps(): Deps {
  const config = parseConfig(stack.env);
  return { db: stack.db, config, now: () => new Date("2026-12-20T02:00:00Z"), send: smtpSender(config.mail.smtpUrl, config.mail.from), kinds: DOCUMENT_KINDS };
}

const ORDERS = ["orders", "订单量", "Orders", "销售", "单", null, 0, null, null, "合计", "越高越好"] as const;
const OUTPUT = ["output", "产量", "Production output", "生产", "件", null, 0, null, null, "合计", "越高越好"] as const;

const missingIds = async () => (await stack.db.collection("operationsAnomalies").where("rule", "==", "missing").get()).docs.map((d) => d.id).sort();

beforeEach(async () => {
  await clearOperations(stack.db);
});

describe("checking for missing operations data (checkMissingOperationsData)", () => {
  it("when November ended only ten days before, then it is not judged yet; eleven days after, its gaps are flagged and told once", async () => {
    stack.setNow(new Date("2026-11-03T02:00:00Z"));
    await call(stack, analyst, "submit", indicatorSheet([ORDERS, OUTPUT])); // configured in 2026-11
    await call(stack, analyst, "submit", dataSheet("2026-11", [["orders", 300, ""]]));

    const early = await checkMissingOperationsData(deps(), new Date("2026-12-10T02:00:00Z"));
    expect(early).toMatchObject({ day: "2026-12-10", through: "2026-10", flagged: [], outbox: [] });

    const before = stack.mail.messages().length;
    const run = await checkMissingOperationsData(deps(), new Date("2026-12-11T02:00:00Z"));
    expect(run.through).toBe("2026-11");
    expect(run.flagged.map((a) => [a.period, a.indicator, a.rule])).toEqual([["2026-11", "output", "missing"]]);
    expect(await missingIds()).toEqual(["2026-11~output~missing"]);

    const mails = stack.mail.messages().slice(before);
    expect(mails.map((m) => m.to[0]).sort()).toEqual([analyst2, analyst]);
    expect(mails[0]?.subject).toBe("运营数据缺失：2026-11");
    expect(mails[0]?.text).toContain("• 产量 2026-11 没有数据：该月已结束超过 10 天，请提交运营数据");

    const again = await checkMissingOperationsData(deps(), new Date("2026-12-12T02:00:00Z"));
    expect(again.flagged).toEqual([]);
    expect(stack.mail.messages().slice(before)).toHaveLength(2);

    const view = await call(stack, analyst, "operationsData", { from: "2026-11", to: "2026-11" });
    expect(view.body.anomalies.map((a) => [a.indicator, a.rule, a.value])).toEqual([["output", "missing", null]]);
  });

  it("when the missing value is submitted, then its flag goes; an indicator left out again is flagged anew by the next run", async () => {
    stack.setNow(new Date("2026-11-03T02:00:00Z"));
    await call(stack, analyst, "submit", indicatorSheet([ORDERS, OUTPUT]));
    stack.setNow(new Date("2026-12-15T02:00:00Z"));
    await call(stack, analyst, "submit", dataSheet("2026-11", [["orders", 300, ""]]));
    await checkMissingOperationsData(deps(), new Date("2026-12-15T02:00:00Z"));
    expect(await missingIds()).toEqual(["2026-11~output~missing"]);

    await call(
      stack,
      analyst,
      "submit",
      dataSheet("2026-11", [
        ["orders", 300, ""],
        ["output", 5000, ""],
      ]),
    );
    expect(await missingIds()).toEqual([]);

    await call(stack, analyst, "submit", dataSheet("2026-11", [["output", 5000, ""]]));
    const before = stack.mail.messages().length;
    const run = await checkMissingOperationsData(deps(), new Date("2026-12-16T02:00:00Z"));
    expect(run.flagged.map((a) => a.indicator)).toEqual(["orders"]);
    expect(stack.mail.messages().slice(before)).toHaveLength(2);
  });

  it("when the default indicators apply, then months before the first data are not flagged, and a shorter grace period judges sooner", async () => {
    stack.setNow(new Date("2026-12-02T02:00:00Z"));
    await call(stack, analyst, "submit", dataSheet("2026-10", [["orders", 300, ""]]));
    const run = await checkMissingOperationsData(deps(), new Date("2026-12-02T02:00:00Z"), { graceDays: 1 });
    expect(run.through).toBe("2026-11");
    expect(run.flagged.map((a) => `${a.period} ${a.indicator}`)).toEqual([
      "2026-10 sales-revenue",
      "2026-11 sales-revenue",
      "2026-11 orders",
      "2026-10 output",
      "2026-11 output",
      "2026-10 inventory-days",
      "2026-11 inventory-days",
      "2026-10 new-customers",
      "2026-11 new-customers",
      "2026-10 satisfaction",
      "2026-11 satisfaction",
    ]);
  });
});
