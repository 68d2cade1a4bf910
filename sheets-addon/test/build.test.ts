import { execFile } from "node:child_process";
import { createContext, runInContext } from "node:vm";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { MENU_ACTIONS } from "../src/menu.js";
import { buildAddon, type BuiltAddon } from "./support/built-addon.js";

const EXPECTED_GLOBALS = [
  "menuApprovals",
  "menuCompletionRates",
  "menuDashboardView",
  "menuGenerateReport",
  "menuIssuePlan",
  "menuNewAnnualPlan",
  "menuNewMonthlyPlan",
  "menuNewOperationsData",
  "menuNewOperationsIndicators",
  "menuNewPlanAdjustment",
  "menuNewQuarterlyPlan",
  "menuNewRoster",
  "menuNewTaskSteps",
  "menuOpenDashboard",
  "menuPublishReport",
  "menuRefreshDashboard",
  "menuRefreshProgress",
  "menuReviewAdjustments",
  "menuRunRollup",
  "menuSubmitPlan",
  "menuSyncPlan",
  "menuUpdateProgress",
  "onInstall",
  "onOpen",
  "sidebarAuditTrail",
  "sidebarDashboard",
  "sidebarDecide",
  "sidebarDelegate",
  "sidebarDelegations",
  "sidebarGetAdjustment",
  "sidebarGetPlan",
  "sidebarInfo",
  "sidebarListPending",
  "sidebarRefreshDashboard",
  "sidebarRevokeDelegation",
  "sidebarRollupSummary",
  "sidebarRunRollup",
];

let dev: BuiltAddon;
let prod: BuiltAddon;
beforeAll(async () => {
  [dev, prod] = await Promise.all([buildAddon("dev"), buildAddon("prod")]);
});

describe("dist/Code.js", () => {
  it("when evaluated in a bare V8 context (no fetch, timers, process), then it defines exactly the add-on's globals", () => {
    const context = createContext({});
    runInContext(dev.code, context);
    const functions = Object.keys(context)
      .filter((k) => typeof context[k] === "function")
      .sort();
    expect(functions).toEqual(EXPECTED_GLOBALS);
    expect(typeof context.PlanOps).toBe("object");
  });

  it("when the menu names a function, then that function is a global of the bundle", () => {
    for (const name of Object.values(MENU_ACTIONS)) expect(EXPECTED_GLOBALS).toContain(name);
  });

  it("when a stub is called, then it forwards its arguments to the bundle's export and returns its result", () => {
    const context = createContext({});
    runInContext(`${dev.code}\nvar PlanOps = { sidebarGetPlan: (...a) => ({ forwarded: a }) };`, context);
    expect(runInContext(`JSON.stringify(sidebarGetPlan("p-1", 2))`, context)).toBe(JSON.stringify({ forwarded: ["p-1", 2] }));
  });

  it("when scanned, then it uses nothing Apps Script V8 lacks", () => {
    const forbidden: [string, RegExp][] = [
      ["fetch()", /(?<![.\w$])fetch\s*\(/],
      ["timers", /\b(?:setTimeout|setInterval|setImmediate|queueMicrotask)\b/],
      ["URL", /\bnew\s+URL\b|\bURLSearchParams\b/],
      ["TextEncoder/Decoder", /\bText(?:En|De)coder\b/],
      ["#private fields", /this\.#|#[A-Za-z_$][\w$]*\s+in\s/],
      ["static class fields", /\bstatic\s+[A-Za-z_$#][\w$]*\s*[=;]/],
      ["node modules", /\brequire\s*\(|\bprocess\.|\bimport\s*\(/],
      ["zod", /\bzod\b|\bZodError\b/],
    ];
    for (const [what, pattern] of forbidden) expect({ what, found: pattern.exec(dev.code)?.[0] }).toEqual({ what, found: undefined });
  });

  it("when built for an environment, then that environment's API base is the built-in default", () => {
    expect(dev.code).toContain("https://asia-east2-planops-dev.cloudfunctions.net");
    expect(prod.code).toContain("https://asia-east2-planops-prod.cloudfunctions.net");
    expect(prod.code).not.toContain("planops-dev");
  });
});

describe("dist/appsscript.json", () => {
  it("when built, then it asks for exactly the least-privilege scopes, on V8 in Asia/Shanghai", () => {
    expect(dev.manifest).toEqual({
      timeZone: "Asia/Shanghai",
      runtimeVersion: "V8",
      exceptionLogging: "STACKDRIVER",
      oauthScopes: [
        "https://www.googleapis.com/auth/spreadsheets.currentonly",
        "https://www.googleapis.com/auth/script.container.ui",
        "https://www.googleapis.com/auth/script.external_request",
        "openid",
        "https://www.googleapis.com/auth/userinfo.email",
      ],
      urlFetchWhitelist: ["https://asia-east2-planops-dev.cloudfunctions.net/"],
    });
    expect(prod.manifest).toMatchObject({ urlFetchWhitelist: ["https://asia-east2-planops-prod.cloudfunctions.net/"] });
  });
});

describe("dist/Sidebar.html", () => {
  it("when built, then it is one self-contained page with the script and styles inline", () => {
    const html = dev.sidebarHtml;
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+stylesheet|@import/i);
    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(html.match(/<style>/g)).toHaveLength(1);
    expect(html).not.toContain("planops:");
    expect(html).toContain('data-testid="app"');
    expect(html).toContain("google.script.run");
    // The inlined script must not close its own element early.
    const script = html.slice(html.indexOf("<script>") + 8, html.lastIndexOf("</script>"));
    expect(script).not.toMatch(/<\/script/i);
  });
});

describe("build.mjs", () => {
  it("when given an unknown environment, then it fails with a clear message", async () => {
    const build = fileURLToPath(new URL("../build.mjs", import.meta.url));
    const run = promisify(execFile)(process.execPath, [build, "--env", "staging", "--out", "/tmp/planops-never"]);
    await expect(run).rejects.toMatchObject({ stderr: expect.stringContaining("--env must be dev or prod") });
  });
});
