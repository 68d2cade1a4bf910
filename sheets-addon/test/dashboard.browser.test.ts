import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startSidebarHarness, type SidebarHarness } from "@planops/gas-standin";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ADDON_NAME, openWithAddon } from "./support/addon-session.js";
import { launchChromium } from "./support/browser.js";
import { buildAddon, type BuiltAddon } from "./support/built-addon.js";
import { MANAGER, seedMarch, STAFF, TODAY } from "./support/dashboard-scenario.js";
import { startRemoteStack, type RemoteStack } from "./support/remote-stack.js";

/** Google's editor sidebar is 300 px wide. */
const SIDEBAR = { width: 300, height: 640 };
/** The modal dialog's size (src/gas/feedback.ts). */
const DIALOG = { width: 440, height: 300 };
const ARTIFACTS = fileURLToPath(new URL("./artifacts/", import.meta.url));

let addon: BuiltAddon;
let stack: RemoteStack;
let browser: Browser;
const harnesses: SidebarHarness[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  [addon, stack, browser] = await Promise.all([buildAddon(), startRemoteStack(), launchChromium()]);
  await seedMarch(stack);
});
afterEach(() => {
  expect(pageErrors).toEqual([]);
});
afterAll(async () => {
  await Promise.all(harnesses.map((h) => h.close()));
  await browser?.close();
  await stack?.stop();
});

/** Opens 仪表板 › 汇总 / 仪表板 as `email` on 2027-03-25, in a fresh 300 px page. */
async function openView(email: string, locale = "zh_CN", bundle = openWithAddon({ addon, stack, email, locale, now: () => TODAY })): Promise<Page> {
  const en = locale.startsWith("en");
  bundle.clickMenu(ADDON_NAME, en ? "Dashboard" : "仪表板", en ? "Roll-up / Dashboard" : "汇总 / 仪表板");
  expect(bundle.standIn.ui.sidebar?.title).toBe(en ? "Roll-up / Dashboard" : "汇总 / 仪表板");
  const harness = await startSidebarHarness(bundle);
  harnesses.push(harness);
  const page = await browser.newPage({ viewport: SIDEBAR, deviceScaleFactor: 2, locale: locale.replace("_", "-") });
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await page.goto(harness.url);
  await byId(page, "dashboard-view").waitFor();
  return page;
}

const byId = (page: Page | Locator, id: string) => page.getByTestId(id);
const texts = (page: Page, id: string) => byId(page, id).allInnerTexts();
const statusKind = (page: Page) => byId(page, "status").getAttribute("data-kind");
const widest = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.full.png`), fullPage: true });
}

// In order: the first scenario runs the roll-up and writes the dashboard the others read.
describe("汇总 / 仪表板 in the sidebar", () => {
  it("when the manager runs the roll-up and refreshes the dashboard there, then the month's figures, the overdue work and the link appear", async () => {
    const page = await openView(MANAGER);
    const missing = byId(page, "dashboard-missing");
    await missing.waitFor();
    expect(await missing.getAttribute("data-code")).toBe("NOT_FOUND");
    expect(await byId(missing, "panel-code").innerText()).toBe("错误代码 NOT_FOUND");
    expect(await byId(page, "open-dashboard").count()).toBe(0);

    await byId(page, "run-rollup").click();
    await expect.poll(() => statusKind(page)).toBe("success");
    expect(await byId(page, "status-message").innerText()).toMatch(
      /^汇总完成：自上次汇总以来有 \d+ 条记录发生变化，已全部计入。完成时间 2027-03-25 \d\d:\d\d。$/,
    );
    expect(await byId(page, "rollup-scope").innerText()).toBe("2027-03 · 计划运营部");
    expect(await byId(page, "rollup-as-of").innerText()).toBe("数据截至 2027-03-25");
    expect(await byId(page, "rollup-computed-at").innerText()).toMatch(/^汇总于 2027-03-25 \d\d:\d\d$/);
    expect(await byId(byId(page, "kpi-on-time"), "kpi-value").innerText()).toBe("20.0%");
    expect(await byId(page, "kpi-on-time").innerText()).toContain("1/5 项");
    expect(await byId(byId(page, "kpi-completion"), "kpi-value").innerText()).toBe("20.0%");
    expect(await byId(byId(page, "kpi-overdue"), "kpi-value").innerText()).toBe("3");
    expect(await texts(page, "age-count")).toEqual(["1", "2", "0", "0"]);
    const tasks = await texts(page, "overdue-task");
    expect(tasks.map((t) => t.split("\n").find((line) => line.includes("逾期")))).toEqual(["逾期 23 天", "逾期 15 天", "逾期 5 天"]);
    expect(tasks[0]).toContain("整理二月运营数据");
    expect(tasks[0]).toContain("黄敏");
    expect(tasks[0]).toContain("到期 03-02");

    await byId(page, "refresh-dashboard").click();
    await expect.poll(() => statusKind(page)).toBe("success");
    expect(await byId(page, "status-message").innerText()).toBe("仪表板已刷新。");
    expect(await byId(page, "dashboard-department").innerText()).toBe("计划运营部");
    expect(await byId(page, "dashboard-line").innerText()).toMatch(/^2027-\S+ · 刷新于 2027-03-25 \d\d:\d\d$/);
    const link = byId(page, "open-dashboard");
    expect(await link.getAttribute("href")).toMatch(/^https?:\/\//);
    expect(await link.getAttribute("target")).toBe("_blank");
    expect(await widest(page)).toBeLessThanOrEqual(SIDEBAR.width);
    await screenshot(page, "20-dashboard");
  });

  it("when the manager reads English, then the view speaks English, and still fits", async () => {
    const page = await openView(MANAGER, "en_US");
    await byId(page, "dashboard-card").waitFor();
    expect(await page.locator("h1").innerText()).toBe("Roll-up / Dashboard");
    expect(await byId(page, "rollup-as-of").innerText()).toBe("As of 2027-03-25");
    expect(await byId(page, "kpi-on-time").innerText()).toContain("On-time rate");
    expect(await byId(page, "kpi-on-time").innerText()).toContain("1 of 5 tasks");
    expect(await texts(page, "overdue-task").then((t) => t[0])).toContain("23 days overdue");
    expect(await byId(page, "open-dashboard").innerText()).toBe("Open dashboard ↗");
    expect(await byId(page, "run-rollup").innerText()).toBe("Run roll-up now");
    // Only the data (department, titles, names) is Chinese: every label, heading and button is English.
    for (const text of await page.locator("h1, h2, .kpi-label, .age-label, button").allInnerTexts()) expect(text).not.toMatch(/[\u4e00-\u9fff]/);
    expect(await widest(page)).toBeLessThanOrEqual(SIDEBAR.width);
    await screenshot(page, "21-dashboard-english");
  });

  it("when the manager opens the dashboard from the menu, then the dialog shows its facts and the link, and fits the dialog", async () => {
    const bundle = openWithAddon({ addon, stack, email: MANAGER, now: () => TODAY });
    bundle.clickMenu(ADDON_NAME, "仪表板", "打开仪表板");
    const dialog = bundle.standIn.ui.dialogs.at(-1);
    expect(dialog?.kind).toBe("modal");
    const page = await browser.newPage({ viewport: DIALOG, deviceScaleFactor: 2, locale: "zh-CN" });
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.setContent(dialog?.html ?? "");
    expect(await page.locator("dt").allInnerTexts()).toEqual(["部门", "期间", "数据截至", "最近刷新"]);
    const link = byId(page, "dialog-link");
    expect(await link.innerText()).toBe("打开仪表板 ↗");
    expect(await link.getAttribute("target")).toBe("_blank");
    expect(await widest(page)).toBeLessThanOrEqual(DIALOG.width);
    await screenshot(page, "23-dashboard-dialog");
  });

  it("when the server cannot be reached, then both parts say so in plain words with the code, and 刷新 shows the figures once it can", async () => {
    const bundle = openWithAddon({ addon, stack, email: MANAGER, now: () => TODAY });
    const api = bundle.standIn.properties.script.get("API_BASE_URL") ?? "";
    // The add-on's server side can no longer reach the backend: nothing listens there.
    bundle.standIn.properties.script.set("API_BASE_URL", "http://127.0.0.1:9");
    const page = await openView(MANAGER, "zh_CN", bundle);
    const summary = byId(page, "summary-error");
    await summary.waitFor();
    expect(await byId(summary, "panel-message").innerText()).toBe("无法读取汇总结果：暂时无法连接计划运营服务器，请检查网络后重试。");
    expect(await byId(summary, "panel-code").innerText()).toBe("错误代码 NETWORK");
    expect(await byId(byId(page, "dashboard-missing"), "panel-code").innerText()).toBe("错误代码 NETWORK");
    expect(await page.locator("body").innerText()).not.toMatch(/127\.0\.0\.1|https?:/);
    expect(await widest(page)).toBeLessThanOrEqual(SIDEBAR.width);
    await screenshot(page, "24-dashboard-unreachable");

    bundle.standIn.properties.script.set("API_BASE_URL", api);
    await byId(page, "reload").click();
    await byId(page, "rollup-summary").waitFor();
    expect(await byId(page, "summary-error").count()).toBe(0);
    expect(await byId(page, "open-dashboard").count()).toBe(1);
  });

  it("when staff try to refresh the dashboard, then they read why not in plain words, the code in small print, and their own figures stay", async () => {
    const page = await openView(STAFF);
    await byId(page, "rollup-summary").waitFor();
    expect(await byId(byId(page, "kpi-overdue"), "kpi-value").innerText()).toBe("1");
    expect(await texts(page, "overdue-task").then((t) => t[0])).toContain("供应商满意度回访");
    await byId(page, "refresh-dashboard").click();
    await expect.poll(() => statusKind(page)).toBe("error");
    const message = await byId(page, "status-message").innerText();
    expect(message).toMatch(/[\u4e00-\u9fff]/);
    expect(message).not.toMatch(/[A-Za-z]{3}/);
    expect(await byId(page, "status-code").innerText()).toBe("错误代码 FORBIDDEN");
    expect(await byId(page, "rollup-summary").count()).toBe(1);
    expect(await widest(page)).toBeLessThanOrEqual(SIDEBAR.width);
    await screenshot(page, "22-dashboard-forbidden");
  });
});
