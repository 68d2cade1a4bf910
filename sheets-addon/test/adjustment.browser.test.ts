import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { headerRow, MONTHLY_PLAN, PLAN_ADJUSTMENT } from "@planops/shared";
import { startSidebarHarness, type SidebarHarness } from "@planops/gas-standin";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ADDON_NAME, nextMonthInShanghai, OWNER, openWithAddon } from "./support/addon-session.js";
import { launchChromium } from "./support/browser.js";
import { buildAddon, type BuiltAddon } from "./support/built-addon.js";
import { type RemoteStack, startRemoteStack } from "./support/remote-stack.js";
import { decideDirectly, type SheetRow, submitSheet } from "./support/submit-directly.js";

const MANAGER = "zhangwei@demo.planops.cn";
const YANG = "yangqiang@demo.planops.cn";
const P = nextMonthInShanghai();
/** Google's editor sidebar is 300 px wide. */
const SIDEBAR = { width: 300, height: 640 };
const ARTIFACTS = fileURLToPath(new URL("./artifacts/", import.meta.url));
const WHY = { 调整原因: "供应商接口延期交付，测试无法按期开始", 影响: "该任务延后 6 天，不影响月度目标", 解决方案: "先完成其余流程的梳理，接口到位后集中测试" };

let addon: BuiltAddon;
let stack: RemoteStack;
let browser: Browser;
const harnesses: SidebarHarness[] = [];
const pageErrors: string[] = [];
let planId: string;
let moveId: string;
let renameId: string;

async function post(email: string, endpoint: string, body: unknown): Promise<unknown> {
  const response = await fetch(`${stack.baseUrl}/${endpoint}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${stack.token(email)}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${endpoint} failed: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/** The adjustment sheet as the planning group submits its review opinions. */
function reviewTable(rows: readonly SheetRow[]) {
  const headers = headerRow(PLAN_ADJUSTMENT, "zh");
  return {
    template: { id: PLAN_ADJUSTMENT.id, version: PLAN_ADJUSTMENT.version },
    period: P,
    spreadsheet: { id: "adjustments-spreadsheet", sheetId: 1, sheetName: `调整申请 ${P}` },
    headers,
    rows: rows.map((cells, i) => ({ row: i + 2, cells: headers.map((h) => cells[h] ?? null) })),
  };
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  [addon, stack, browser] = await Promise.all([buildAddon(), startRemoteStack(), launchChromium()]);
  // An issued plan, then two requests of 杨强's on his task, both reviewed by the planning group (李明).
  const row = (content: string, owner: string, due: string) => ({ 任务内容: content, 责任部门: "计划运营部", 责任人: owner, 完成时间: due });
  const plan = await submitSheet(stack, OWNER, MONTHLY_PLAN, P, [row("季度客户回访", "黄敏", `${P}-12`), row("更新流程清单", "杨强", `${P}-20`)]);
  planId = plan.documentId;
  const task = plan.rows[1]?.itemId ?? "";
  await decideDirectly(stack, MANAGER, { planId, revision: 1, decision: "approve" });
  await post(OWNER, "issuePlan", { planId });
  const requests: SheetRow[] = [
    { 调整类型: "延期", 计划项: task, 调整内容: `完成时间 → ${P}-26`, ...WHY },
    { 调整类型: "修改", 计划项: task, 调整内容: "任务内容 → 更新流程清单并补充接口测试", ...WHY },
  ];
  const filed = await submitSheet(stack, YANG, PLAN_ADJUSTMENT, P, requests);
  [moveId = "", renameId = ""] = filed.rows.map((r) => r.itemId ?? "");
  const opinions = ["同意延期，接口到位后一周内完成", "同意修改"];
  await post(OWNER, "reviewAdjustments", reviewTable(requests.map((r, i) => ({ ...r, 申请编号: filed.rows[i]?.itemId ?? "", 审核意见: opinions[i] ?? "" }))));
});
afterEach(() => {
  expect(pageErrors).toEqual([]);
});
afterAll(async () => {
  await Promise.all(harnesses.map((h) => h.close()));
  await browser?.close();
  await stack?.stop();
});

async function openSidebar(email: string): Promise<Page> {
  const bundle = openWithAddon({ addon, stack, email, locale: "zh_CN" });
  bundle.clickMenu(ADDON_NAME, "审批");
  const harness = await startSidebarHarness(bundle);
  harnesses.push(harness);
  const page = await browser.newPage({ viewport: SIDEBAR, deviceScaleFactor: 2, locale: "zh-CN" });
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await page.goto(harness.url);
  return page;
}

const byId = (page: Page, id: string) => page.getByTestId(id);
const entry = (page: Page, adjustmentId: string) => page.locator(`[data-testid="pending-item"][data-adjustment-id="${adjustmentId}"]`);

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.full.png`), fullPage: true });
}

describe("an adjustment request in the 审批 sidebar", () => {
  it("when two requests await on one plan, then each is its own entry; opened at 300 px it shows before → after, reasons and review, and approving applies it", async () => {
    const page = await openSidebar(MANAGER);
    await expect.poll(() => byId(page, "pending-item").count()).toBe(2);
    const approvals = await byId(page, "pending-item").evaluateAll((els) =>
      els.map((e) => [e.getAttribute("data-plan-id"), e.getAttribute("data-approval-id")]),
    );
    expect(approvals.map(([plan]) => plan)).toEqual([planId, planId]);
    expect(new Set(approvals.map(([, approval]) => approval)).size).toBe(2);
    expect(await entry(page, moveId).innerText()).toMatch(new RegExp(`^调整申请 ${moveId}：延期 .*更新流程清单\\s+计划运营部 · 杨强$`));

    // Ticking one request ticks that one only.
    await page.locator(`[data-testid="select-plan"][data-adjustment-id="${moveId}"]`).check();
    expect(await byId(page, "select-plan").evaluateAll((els) => els.map((e) => (e as HTMLInputElement).checked))).toEqual(
      approvals.map(([, approval]) => approval === `${moveId}~r1`),
    );
    expect(await byId(page, "selected-count").innerText()).toContain("1");
    await page.locator(`[data-testid="select-plan"][data-adjustment-id="${moveId}"]`).uncheck();

    await entry(page, moveId).click();
    await page.locator(`[data-testid="adjustment-detail"][data-adjustment-id="${moveId}"]`).waitFor();
    expect(await byId(page, "adjustment-type").innerText()).toBe("延期");
    expect(await byId(page, "adjustment-status").innerText()).toBe("待审批");
    expect(await byId(page, "adjustment-plan").innerText()).toBe(`计划运营部 ${P} 月度计划`);
    expect(await byId(page, "adjustment-item").innerText()).toMatch(/-002 更新流程清单$/);
    expect(await byId(page, "adjustment-change").allInnerTexts()).toEqual([`完成时间：${P.slice(5)}-20 → ${P.slice(5)}-26`]);
    expect(await page.locator('[data-testid="adjustment-change"] del').innerText()).toBe(`${P.slice(5)}-20`);
    expect(await page.locator('[data-testid="adjustment-change"] ins').innerText()).toBe(`${P.slice(5)}-26`);
    expect(await byId(page, "adjustment-reason").innerText()).toContain(WHY.调整原因);
    expect(await byId(page, "adjustment-impact").innerText()).toContain(WHY.影响);
    expect(await byId(page, "adjustment-solution").innerText()).toContain(WHY.解决方案);
    expect(await byId(page, "adjustment-opinion").innerText()).toBe("同意延期，接口到位后一周内完成");
    expect(await byId(page, "adjustment-review-by").innerText()).toMatch(/^李明 · \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(await byId(page, "adjustment-filed-by").innerText()).toBe("杨强");
    expect(await byId(page, "adjustment-filed-at").innerText()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    // Nothing wider than the sidebar; the user's language only.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(SIDEBAR.width);
    expect(await byId(page, "adjustment-detail").innerText()).not.toMatch(/Adjustment|Reason|Impact|Due date/);
    await screenshot(page, "14-adjustment");

    // Rejecting needs a comment: refused in the page, nothing sent.
    await byId(page, "return").click();
    await expect.poll(() => byId(page, "status").getAttribute("data-kind")).toBe("error");
    expect(await byId(page, "status-message").innerText()).toBe("驳回调整申请时请填写审批意见。");

    await byId(page, "decision-comment").fill("同意延期");
    await byId(page, "approve").click();
    await expect.poll(() => byId(page, "status").getAttribute("data-kind")).toBe("success");
    expect(await byId(page, "status-message").innerText()).toContain("第 2 版");
    expect(await byId(page, "pending-item").evaluateAll((els) => els.map((e) => e.getAttribute("data-adjustment-id")))).toEqual([renameId]);
    await screenshot(page, "15-adjustment-approved");

    const log = (await (
      await fetch(`${stack.baseUrl}/planAdjustments?planId=${encodeURIComponent(planId)}`, { headers: { Authorization: `Bearer ${stack.token(MANAGER)}` } })
    ).json()) as { adjustments: { adjustmentId: string; status: string; appliedRevision: number | null }[] };
    expect(log.adjustments.find((a) => a.adjustmentId === moveId)).toMatchObject({ status: "applied", appliedRevision: 2 });
    expect(log.adjustments.find((a) => a.adjustmentId === renameId)).toMatchObject({ status: "reviewed" });
  });
});
