import { type LoadedBundle, startSidebarHarness, type SidebarHarness } from "@planops/gas-standin";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ADDON_NAME, nextMonthInShanghai, OWNER, openWithAddon } from "./support/addon-session.js";
import { launchChromium } from "./support/browser.js";
import { buildAddon, type BuiltAddon } from "./support/built-addon.js";
import { startRemoteStack, type RemoteStack } from "./support/remote-stack.js";
import { monthAfter, submitPlanDirectly } from "./support/submit-directly.js";

const MANAGER = "zhangwei@demo.planops.cn";
/** 赵磊: a deputy the roster names as acting for nobody. */
const DEPUTY = "zhaolei@demo.planops.cn";
const SIDEBAR = { width: 300, height: 640 };

let addon: BuiltAddon;
let stack: RemoteStack;
let browser: Browser;
const harnesses: SidebarHarness[] = [];
const pageErrors: string[] = [];

/** Today and a day two days later in Shanghai, as the backend counts days. */
const shanghaiDay = (offsetDays: number) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(
    new Date(Date.now() + offsetDays * 86_400_000),
  );

beforeAll(async () => {
  [addon, stack, browser] = await Promise.all([buildAddon(), startRemoteStack(), launchChromium()]);
});
afterEach(() => {
  expect(pageErrors).toEqual([]);
});
afterAll(async () => {
  await Promise.all(harnesses.map((h) => h.close()));
  await browser?.close();
  await stack?.stop();
});

async function openSidebar(email: string, locale = "zh_CN"): Promise<{ page: Page; bundle: LoadedBundle }> {
  const bundle = openWithAddon({ addon, stack, email, locale });
  bundle.clickMenu(ADDON_NAME, locale.startsWith("en") ? "Approvals" : "审批");
  const harness = await startSidebarHarness(bundle);
  harnesses.push(harness);
  const page = await browser.newPage({ viewport: SIDEBAR, locale: locale.replace("_", "-") });
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await page.goto(harness.url);
  return { page, bundle };
}

const byId = (page: Page, id: string) => page.getByTestId(id);
const statusKind = (page: Page) => byId(page, "status").getAttribute("data-kind");

describe("委托审批 in the sidebar", () => {
  it("when the manager delegates to 赵磊, then he sees whom he acts for and the plan; once revoked, neither", async () => {
    const to = shanghaiDay(2);
    const planId = await submitPlanDirectly(stack, OWNER, monthAfter(monthAfter(nextMonthInShanghai())));
    const manager = await openSidebar(MANAGER);
    await byId(manager.page, "delegation-section").waitFor();
    expect(await byId(manager.page, "delegation-empty").innerText()).toBe("目前没有委托。");

    // An incomplete form is refused by the page itself: nothing is sent.
    await byId(manager.page, "delegate-submit").click();
    expect(await byId(manager.page, "status-message").innerText()).toBe("请选择代理人，并填写开始和结束日期。");
    expect(manager.bundle.requests.filter((r) => r.url.endsWith("/delegate"))).toHaveLength(0);

    await byId(manager.page, "delegate-deputy").selectOption(DEPUTY);
    await byId(manager.page, "delegate-to").fill(to);
    await byId(manager.page, "delegate-submit").click();
    await expect.poll(() => statusKind(manager.page)).toBe("success");
    expect(await byId(manager.page, "status-message").innerText()).toContain("已委托赵磊");
    const entry = byId(manager.page, "delegation");
    await entry.waitFor();
    expect(await entry.getAttribute("data-state")).toBe("active");
    expect(await entry.innerText()).toContain("赵磊");
    expect(await manager.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(SIDEBAR.width);

    const deputy = await openSidebar(DEPUTY);
    const line = byId(deputy.page, "acting-for-line");
    await line.waitFor();
    const shown = to.slice(0, 4) === shanghaiDay(0).slice(0, 4) ? to.slice(5) : to;
    expect(await line.innerText()).toBe(`你正在代理 张伟 审批（至 ${shown}）`);
    expect(await byId(deputy.page, "pending-item").evaluateAll((els) => els.map((e) => e.getAttribute("data-plan-id")))).toContain(planId);
    expect(await byId(deputy.page, "delegation-section").count()).toBe(0);

    // Revoking takes two clicks: the first asks.
    const revoke = byId(manager.page, "revoke-delegation");
    await revoke.click();
    expect(await revoke.innerText()).toBe("确认撤销");
    await revoke.click();
    await expect.poll(() => byId(manager.page, "delegation-empty").count()).toBe(1);
    expect(await byId(manager.page, "status-message").innerText()).toBe("已撤销委托");

    const after = await openSidebar(DEPUTY);
    await byId(after.page, "pending-view").waitFor();
    await expect.poll(() => after.bundle.requests.filter((r) => r.url.includes("/delegations")).length).toBe(1);
    expect(await byId(after.page, "acting-for").count()).toBe(0);
    expect(await byId(after.page, "pending-item").evaluateAll((els) => els.map((e) => e.getAttribute("data-plan-id")))).not.toContain(planId);
  });

  it("when the manager reads English, then the section speaks English", async () => {
    const { page } = await openSidebar(MANAGER, "en_US");
    await byId(page, "delegation-section").waitFor();
    expect(await page.locator("h2").first().innerText()).toBe("Delegate approvals");
    expect(await byId(page, "delegate-submit").innerText()).toBe("Delegate");
  });
});
