import { DOCUMENT_KINDS } from "@planops/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoEmail } from "../../local/demo-org.js";
import { createFunctions } from "../../src/app.js";
import { parseConfig } from "../../src/platform/config.js";
import { call } from "../support/call.js";
import { type ServedFunction, serveFunction } from "../support/serve.js";
import { type Stack, useStack } from "../support/stack.js";

const stack = useStack();
let served: ServedFunction | undefined;

// The whole API, as deployed, while Google's Sheets and Drive APIs cannot be reached (nothing listens on port 1).
beforeAll(async () => {
  const config = parseConfig({ ...stack.env, SHEETS_API_ROOT: "http://127.0.0.1:1/", DRIVE_API_ROOT: "http://127.0.0.1:1/" });
  served = await serveFunction(
    "api_googleDown",
    createFunctions(config, { db: stack.db, config, now: () => new Date(), send: async () => {}, kinds: DOCUMENT_KINDS }).api,
  );
});
afterAll(async () => served?.close());

describe("when Google's APIs cannot be reached", () => {
  it("when a manager refreshes the dashboard or an analyst generates a report, then 503 UNAVAILABLE says so in both languages, not an internal error", async () => {
    const down: Stack = new Proxy(stack, { get: (target, key) => (key === "baseUrl" ? served?.baseUrl : Reflect.get(target, key)) });
    const refresh = await call(down, demoEmail("张伟"), "refreshDashboard");
    expect(refresh.status).toBe(503);
    expect(refresh.error?.code).toBe("UNAVAILABLE");
    expect(refresh.error?.message.zh).toBe("暂时无法连接 Google 表格服务，仪表板刷新未完成，请稍后再试");
    expect(refresh.error?.message.en).toContain("try again later");

    const report = await call(down, demoEmail("吴婷"), "generateReport", { period: "2026-11" });
    expect(report.status).toBe(503);
    expect(report.error?.code).toBe("UNAVAILABLE");

    // The same request against reachable APIs works: the refusal was about Google, not the request.
    expect((await call(stack, demoEmail("张伟"), "refreshDashboard")).status).toBe(200);
  });
});
