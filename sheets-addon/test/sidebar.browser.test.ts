import { type LoadedBundle, startSidebarHarness, type SidebarHarness } from "@planops/gas-standin";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ADDON_NAME, OWNER, nextMonthInShanghai, openWithAddon } from "./support/addon-session.js";
import { buildAddon, type BuiltAddon } from "./support/built-addon.js";
import { startRemoteStack, type RemoteStack } from "./support/remote-stack.js";
import { monthAfter, submitPlanDirectly } from "./support/submit-directly.js";

const MANAGER = "zhangwei@demo.planops.cn";
/** 王芳 acts for the manager, so she may decide the same plans. */
const DEPUTY = "wangfang@demo.planops.cn";
const P = nextMonthInShanghai();
const P2 = monthAfter(P);

let addon: BuiltAddon;
let stack: RemoteStack;
let browser: Browser;
const harnesses: SidebarHarness[] = [];
/** Uncaught errors in any page: a failed call must be shown, never thrown. */
const pageErrors: string[] = [];
let planA: string;
let planB: string;

beforeAll(async () => {
  [addon, stack, browser] = await Promise.all([
    buildAddon(),
    startRemoteStack(),
    chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    }),
  ]);
  planA = await submitPlanDirectly(stack, OWNER, P);
  planB = await submitPlanDirectly(stack, OWNER, P2);
});
afterEach(() => {
  expect(pageErrors).toEqual([]);
});
afterAll(async () => {
  await Promise.all(harnesses.map((h) => h.close()));
  await browser?.close();
  await stack?.stop();
});

/** Opens the approvals sidebar as `email` (menu 审批 → the built Sidebar.html) in a fresh browser page. */
async function openSidebar(email: string, locale = "zh_CN"): Promise<{ page: Page; bundle: LoadedBundle }> {
  const bundle = openWithAddon({ addon, stack, email, locale });
  bundle.clickMenu(ADDON_NAME, locale.startsWith("en") ? "Approvals" : "审批");
  const harness = await startSidebarHarness(bundle);
  harnesses.push(harness);
  const page = await browser.newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await page.goto(harness.url);
  return { page, bundle };
}

const byId = (page: Page, id: string) => page.getByTestId(id);
const decisionsSent = (bundle: LoadedBundle) => bundle.requests.filter((r) => r.url.endsWith("/decide")).length;

/** Records, from inside the page, whether every button was disabled each time a call started. */
async function watchBusy(page: Page): Promise<() => Promise<boolean[]>> {
  await page.evaluate(() => {
    const seen: boolean[] = [];
    (window as unknown as { busySeen: boolean[] }).busySeen = seen;
    new MutationObserver(() => {
      if (document.body.dataset.busy) seen.push([...document.querySelectorAll("button")].every((b) => b.disabled));
    }).observe(document.body, { attributes: true, attributeFilter: ["data-busy"] });
  });
  return () => page.evaluate(() => (window as unknown as { busySeen: boolean[] }).busySeen);
}

describe("审批 sidebar in Chromium", () => {
  let manager: { page: Page; bundle: LoadedBundle };

  it("when the manager opens it, then both plans awaiting approval are listed", async () => {
    manager = await openSidebar(MANAGER);
    const items = byId(manager.page, "pending-item");
    await expect.poll(() => items.count()).toBe(2);
    expect(await items.evaluateAll((els) => els.map((e) => e.getAttribute("data-plan-id")).sort())).toEqual([planA, planB].sort());
    await expect.poll(() => byId(manager.page, "pending-list").innerText()).toContain(`计划运营部 ${P} 月度计划`);
    expect(await manager.page.locator(`[data-plan-id="${planA}"]`).innerText()).toContain("李明 · 2 项");
  });

  it("when a plan is opened, then its period, department, submitter, revision and tasks are shown", async () => {
    await manager.page.locator(`[data-testid="pending-item"][data-plan-id="${planA}"]`).click();
    await byId(manager.page, "plan-detail").waitFor();
    expect(await byId(manager.page, "plan-period").innerText()).toBe(P);
    expect(await byId(manager.page, "plan-department").innerText()).toBe("计划运营部");
    expect(await byId(manager.page, "plan-submitter").innerText()).toBe(`李明 <${OWNER}>`);
    expect(await byId(manager.page, "plan-revision").innerText()).toBe("1");
    expect(await byId(manager.page, "plan-status").innerText()).toBe("待审批");
    expect(await byId(manager.page, "task-row").allInnerTexts()).toEqual([expect.stringContaining("季度客户回访"), expect.stringContaining("更新流程清单")]);
  });

  it("when the manager approves while the deputy has it open, then the manager sees success and the refreshed list, and the deputy's approval is refused in the page", async () => {
    const deputy = await openSidebar(DEPUTY);
    await deputy.page.locator(`[data-testid="pending-item"][data-plan-id="${planA}"]`).click();
    await byId(deputy.page, "approve").waitFor();

    const busySeen = await watchBusy(manager.page);
    await byId(manager.page, "approve").click();
    await expect.poll(() => byId(manager.page, "status").getAttribute("data-kind")).toBe("success");
    expect(await byId(manager.page, "status").innerText()).not.toBe("");
    expect(await byId(manager.page, "pending-item").evaluateAll((els) => els.map((e) => e.getAttribute("data-plan-id")))).toEqual([planB]);
    const seen = await busySeen();
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every(Boolean)).toBe(true);

    await byId(deputy.page, "approve").click();
    await expect.poll(() => byId(deputy.page, "status").getAttribute("data-kind")).toBe("error");
    expect(await byId(deputy.page, "status").innerText()).toMatch(/（ALREADY_DECIDED）$/);
    await expect.poll(() => byId(deputy.page, "plan-status").innerText()).toBe("已批准");
    expect(await byId(deputy.page, "approve").count()).toBe(0);
  });

  it("when returning without a comment, then the page refuses it itself and nothing is sent", async () => {
    await byId(manager.page, "pending-item").click();
    await byId(manager.page, "return").waitFor();
    const before = decisionsSent(manager.bundle);
    await byId(manager.page, "decision-comment").fill("   ");
    await byId(manager.page, "return").click();
    expect(await byId(manager.page, "status").getAttribute("data-kind")).toBe("error");
    expect(await byId(manager.page, "status").innerText()).toBe("退回计划时请填写审批意见。");
    expect(decisionsSent(manager.bundle)).toBe(before);
    expect(await byId(manager.page, "plan-status").innerText()).toBe("待审批");
    // The backend is the judge all the same: an empty comment sent anyway is refused there too.
    expect(() => manager.bundle.callAsSidebar("sidebarDecide", { planId: planB, revision: 1, decision: "return", comment: "" })).toThrow(
      /退回时必须填写审批意见（VALIDATION_FAILED）/,
    );
  });

  it("when returning with a comment, then the plan is returned with it and the list empties", async () => {
    await byId(manager.page, "decision-comment").fill("请补充各任务的交付成果");
    await byId(manager.page, "return").click();
    await byId(manager.page, "pending-empty").waitFor();
    expect(await byId(manager.page, "status").getAttribute("data-kind")).toBe("success");
    expect(await byId(manager.page, "pending-empty").innerText()).toBe("目前没有待审批的计划。");
    const plan = manager.bundle.callAsSidebar("sidebarGetPlan", planB) as { status: string; lastDecision: { decision: string; comment: string } };
    expect(plan).toMatchObject({ status: "returned", lastDecision: { decision: "return", comment: "请补充各任务的交付成果" } });
  });

  it("when the server refuses the caller, then the refusal is shown in the page", async () => {
    const outsider = await openSidebar("outsider@example.com");
    await expect.poll(() => byId(outsider.page, "status").getAttribute("data-kind")).toBe("error");
    expect(await byId(outsider.page, "status").innerText()).toMatch(/（NOT_IN_ROSTER）$/);
  });

  it("when an English-speaking user opens it, then the page speaks English", async () => {
    const english = await openSidebar("zhoujie@demo.planops.cn", "en_US");
    await byId(english.page, "pending-empty").waitFor();
    expect(await english.page.locator("h1").innerText()).toBe("Awaiting my approval");
    expect(await byId(english.page, "pending-empty").innerText()).toBe("Nothing awaits your approval.");
    expect(await english.page.evaluate(() => document.documentElement.lang)).toBe("en");
  });
});
