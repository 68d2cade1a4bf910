import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { MONTHLY_PLAN, QUARTERLY_PLAN } from "@planops/shared";
import { type LoadedBundle, startSidebarHarness, type SidebarHarness } from "@planops/gas-standin";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ADDON_NAME, OWNER, nextMonthInShanghai, openWithAddon } from "./support/addon-session.js";
import { launchChromium } from "./support/browser.js";
import { buildAddon, type BuiltAddon } from "./support/built-addon.js";
import { startRemoteStack, type RemoteStack } from "./support/remote-stack.js";
import { decideDirectly, monthAfter, type SheetRow, submitPlanDirectly, submitSheet } from "./support/submit-directly.js";

const MANAGER = "zhangwei@demo.planops.cn";
/** 王芳 acts for the manager, so she may decide the same plans. */
const DEPUTY = "wangfang@demo.planops.cn";
const P = nextMonthInShanghai();
const P2 = monthAfter(P);
/** A later year for the plans of the other scenarios, so they never share a period with P or P2. */
const Y = Number(P.slice(0, 4)) + 1;
/** Google's editor sidebar is 300 px wide. */
const SIDEBAR = { width: 300, height: 640 };
/** Screenshots of each state, to look at (gitignored). */
const ARTIFACTS = fileURLToPath(new URL("./artifacts/", import.meta.url));

let addon: BuiltAddon;
let stack: RemoteStack;
let browser: Browser;
const harnesses: SidebarHarness[] = [];
/** Uncaught errors in any page: a failed call must be shown, never thrown. */
const pageErrors: string[] = [];
let planA: string;
let planB: string;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  [addon, stack, browser] = await Promise.all([buildAddon(), startRemoteStack(), launchChromium()]);
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

interface Session {
  page: Page;
  bundle: LoadedBundle;
}

/** Opens the approvals sidebar as `email` (menu 审批 → the built Sidebar.html) in a fresh 300 px browser page. */
async function openSidebar(email: string, locale = "zh_CN"): Promise<Session> {
  const bundle = openWithAddon({ addon, stack, email, locale });
  bundle.clickMenu(ADDON_NAME, locale.startsWith("en") ? "Approvals" : "审批");
  const harness = await startSidebarHarness(bundle);
  harnesses.push(harness);
  const page = await browser.newPage({ viewport: SIDEBAR, deviceScaleFactor: 2, locale: locale.replace("_", "-") });
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await page.goto(harness.url);
  return { page, bundle };
}

const byId = (page: Page, id: string) => page.getByTestId(id);
const decisionsSent = (bundle: LoadedBundle) => bundle.requests.filter((r) => r.url.endsWith("/decide")).length;
const pendingIds = (page: Page) => byId(page, "pending-item").evaluateAll((els) => els.map((e) => e.getAttribute("data-plan-id")));
const statusKind = (page: Page) => byId(page, "status").getAttribute("data-kind");
const statusMessage = (page: Page) => byId(page, "status-message").innerText();

async function openPlanIn(page: Page, planId: string): Promise<void> {
  await page.locator(`[data-testid="pending-item"][data-plan-id="${planId}"]`).click();
  await page.locator(`[data-testid="plan-detail"][data-plan-id="${planId}"]`).waitFor();
}

/** Saves what the user sees (the 300 px viewport) and the whole page, as test artefacts. */
async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.full.png`), fullPage: true });
}

/** Records, from inside the page, each time a call started: whether every control was disabled, and what the page said. */
async function watchBusy(page: Page): Promise<() => Promise<{ disabled: boolean; label: string }[]>> {
  await page.evaluate(() => {
    const seen: { disabled: boolean; label: string }[] = [];
    (window as unknown as { busySeen: typeof seen }).busySeen = seen;
    const status = document.querySelector('[data-testid="status"]') as HTMLElement;
    new MutationObserver(() => {
      if (!document.body.dataset.busy) return;
      const label = status.dataset.kind === "busy" ? (status.textContent ?? "") : "";
      const disabled = [...document.querySelectorAll<HTMLButtonElement | HTMLTextAreaElement | HTMLInputElement>("button, textarea, input")].every(
        (c) => c.disabled,
      );
      seen.push({ disabled, label });
    }).observe(document.body, { attributes: true, subtree: true, childList: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { busySeen: { disabled: boolean; label: string }[] }).busySeen);
}

/** "YYYY-MM-DD HH:mm" in Shanghai, as the department reads it. */
function shanghai(iso: string): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", {
      timeZone: "Asia/Shanghai",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(new Date(iso))
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

describe("审批 sidebar in Chromium", () => {
  let manager: Session;

  it("when the manager opens it, then both plans awaiting approval are listed", async () => {
    manager = await openSidebar(MANAGER);
    const items = byId(manager.page, "pending-item");
    await expect.poll(() => items.count()).toBe(2);
    expect((await pendingIds(manager.page)).sort()).toEqual([planA, planB].sort());
    await expect.poll(() => byId(manager.page, "pending-list").innerText()).toContain(`计划运营部 ${P} 月度计划`);
    expect(await manager.page.locator(`[data-testid="pending-item"][data-plan-id="${planA}"]`).innerText()).toContain("李明 · 2 项 · 第 1 版");
    await screenshot(manager.page, "01-list");
  });

  it("when a plan is opened, then its period, department, submitter and time, revision, totals and items are shown", async () => {
    await openPlanIn(manager.page, planA);
    const plan = manager.bundle.callAsSidebar("sidebarGetPlan", planA) as { submittedAt: string; timeZone: string; spreadsheetUrl: string };
    expect(plan.timeZone).toBe("Asia/Shanghai");
    expect(await byId(manager.page, "plan-period").innerText()).toBe(P);
    expect(await byId(manager.page, "plan-department").innerText()).toBe("计划运营部");
    expect(await byId(manager.page, "plan-submitter").innerText()).toBe("李明");
    expect(await byId(manager.page, "plan-submitted-at").innerText()).toBe(shanghai(plan.submittedAt));
    expect(await byId(manager.page, "plan-sheet").getAttribute("href")).toBe(plan.spreadsheetUrl);
    expect(await byId(manager.page, "plan-revision").innerText()).toBe("第 1 版");
    expect(await byId(manager.page, "plan-status").innerText()).toBe("待审批");
    expect(await byId(manager.page, "task-row").allInnerTexts()).toEqual([expect.stringContaining("季度客户回访"), expect.stringContaining("更新流程清单")]);
    expect(await byId(manager.page, "item-dates").allInnerTexts()).toEqual([`→ ${P.slice(5)}-12`, `→ ${P.slice(5)}-20`]);
    expect(await byId(manager.page, "totals-line").innerText()).toBe("2 项 · 总权重 2");
    expect((await byId(manager.page, "owner-total").allInnerTexts()).map((t) => t.replace(/\s+/, " ")).sort()).toEqual(
      ["杨强 1 项 · 权重 1", "黄敏 1 项 · 权重 1"].sort(),
    );
    // A first revision has no earlier one to compare with, and no decisions yet.
    expect(await byId(manager.page, "plan-changes").count()).toBe(0);
    expect(await byId(manager.page, "history").count()).toBe(0);
    await screenshot(manager.page, "02-plan");
  });

  it("when the manager approves while the deputy has it open, then the manager sees success and the refreshed list, and the deputy is told it is already decided", async () => {
    const deputy = await openSidebar(DEPUTY);
    await openPlanIn(deputy.page, planA);
    await byId(deputy.page, "approve").waitFor();

    const busySeen = await watchBusy(manager.page);
    await byId(manager.page, "approve").click();
    await expect.poll(() => statusKind(manager.page)).toBe("success");
    expect(await statusMessage(manager.page)).toBe("已批准，计划组可以下发");
    expect(await pendingIds(manager.page)).toEqual([planB]);
    const seen = await busySeen();
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((s) => s.disabled)).toBe(true);
    expect(seen.map((s) => s.label)).toContain("正在批准…");

    await byId(deputy.page, "decision-comment").fill("同意，注意回访时间");
    const before = decisionsSent(deputy.bundle);
    await byId(deputy.page, "approve").click();
    await expect.poll(() => statusKind(deputy.page)).toBe("info");
    expect(decisionsSent(deputy.bundle)).toBe(before + 1);
    expect(await statusMessage(deputy.page)).toMatch(/^张伟 已于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 批准该计划，无需您再审批。已为您刷新。$/);
    expect(await byId(deputy.page, "status-code").count()).toBe(0);
    await expect.poll(() => byId(deputy.page, "plan-status").innerText()).toBe("已批准");
    expect(await byId(deputy.page, "approve").count()).toBe(0);
    // What she typed is not lost: it is shown, to copy.
    expect(await byId(deputy.page, "unsent-comment-text").inputValue()).toBe("同意，注意回访时间");
    expect(await byId(deputy.page, "history-entry").allInnerTexts()).toEqual([expect.stringMatching(/已批准\s+第 1 版[\s\S]*张伟 · /)]);
    await screenshot(deputy.page, "03-already-decided-approved-elsewhere");
  });

  it("when returning without a comment, then the page refuses it itself and nothing is sent", async () => {
    await byId(manager.page, "pending-item").click();
    await byId(manager.page, "return").waitFor();
    const before = decisionsSent(manager.bundle);
    await byId(manager.page, "decision-comment").fill("   ");
    await byId(manager.page, "return").click();
    expect(await statusKind(manager.page)).toBe("error");
    expect(await byId(manager.page, "status").innerText()).toBe("退回计划时请填写审批意见。");
    expect(await byId(manager.page, "decision-comment").getAttribute("aria-invalid")).toBe("true");
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
    expect(await statusKind(manager.page)).toBe("success");
    expect(await byId(manager.page, "pending-empty").innerText()).toBe("目前没有待审批的计划。");
    const plan = manager.bundle.callAsSidebar("sidebarGetPlan", planB) as { status: string; lastDecision: { decision: string; comment: string } };
    expect(plan).toMatchObject({ status: "returned", lastDecision: { decision: "return", comment: "请补充各任务的交付成果" } });
  });

  it("when the server refuses the caller, then the refusal is shown in plain words, its code in small print, without a retry", async () => {
    const outsider = await openSidebar("outsider@example.com");
    await expect.poll(() => statusKind(outsider.page)).toBe("error");
    expect(await statusMessage(outsider.page)).not.toContain("NOT_IN_ROSTER");
    expect(await byId(outsider.page, "status-code").innerText()).toBe("错误代码 NOT_IN_ROSTER");
    expect(await byId(outsider.page, "retry").count()).toBe(0);
  });

  it("when an English-speaking user opens it, then the page speaks English", async () => {
    const english = await openSidebar("zhoujie@demo.planops.cn", "en_US");
    await byId(english.page, "pending-empty").waitFor();
    expect(await english.page.locator("h1").innerText()).toBe("Awaiting my approval");
    expect(await byId(english.page, "pending-empty").innerText()).toBe("Nothing awaits your approval.");
    expect(await english.page.evaluate(() => document.documentElement.lang)).toBe("en");
    expect(await english.page.locator("body").innerText()).not.toMatch(/[\u4e00-\u9fff]/);
  });
});

describe("a 30-item plan at 300 px", () => {
  const Q = `${Y}-Q2`;
  const M = `${Y}-04`;
  let monthly: string;
  const people = ["黄敏", "杨强", "陈静", "周杰", "吴婷"];

  beforeAll(async () => {
    const quarterly = await submitSheet(
      stack,
      OWNER,
      QUARTERLY_PLAN,
      Q,
      ["客户满意度提升", "流程标准化", "数据平台建设"].map((title, i) => ({
        工作重点: "运营改进",
        具体任务: title,
        责任部门: "计划运营部",
        责任人: people[i] ?? "李明",
        时间节点: `${Y}-06-${20 + i}`,
        权重: 2,
      })),
    );
    await decideDirectly(stack, MANAGER, { planId: quarterly.documentId, revision: 1, decision: "approve" });
    const parents = quarterly.rows.map((r) => r.itemId ?? "");
    const rows: SheetRow[] = Array.from({ length: 30 }, (_, i) => ({
      任务内容: i % 4 === 0 ? `第 ${i + 1} 项：整理本月客户回访记录并形成问题清单，提交运营组复核` : `任务 ${i + 1}`,
      所属季度项: parents[i % parents.length] ?? null,
      责任部门: i === 29 ? "销售部" : "计划运营部",
      责任人: i === 29 ? "马晓明" : (people[i % people.length] ?? "李明"),
      优先级: i % 7 === 0 ? "高" : null,
      开始时间: `${M}-${String(1 + (i % 10)).padStart(2, "0")}`,
      完成时间: `${M}-${String(11 + (i % 19)).padStart(2, "0")}`,
      交付成果: i % 3 === 0 ? "问题清单与改进建议" : null,
      权重: 1 + (i % 3) * 0.5,
    }));
    monthly = (await submitSheet(stack, OWNER, MONTHLY_PLAN, M, rows)).documentId;
  });

  it("when the manager opens it, then it fits 300 px: cards, dates on one line, and the approve bar visible without scrolling", async () => {
    const { page } = await openSidebar(MANAGER);
    await openPlanIn(page, monthly);
    expect(await byId(page, "task-row").count()).toBe(30);
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeGreaterThan(SIDEBAR.height);
    // Nothing wider than the sidebar.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(SIDEBAR.width);
    // The bar with approve and return is on screen at the top of the page.
    for (const id of ["action-bar", "approve", "return", "decision-comment"]) {
      const box = await byId(page, id).boundingBox();
      expect(box, id).not.toBeNull();
      expect(box!.y, id).toBeGreaterThanOrEqual(0);
      expect(box!.y + box!.height, id).toBeLessThanOrEqual(SIDEBAR.height);
      expect(box!.x + box!.width, id).toBeLessThanOrEqual(SIDEBAR.width);
    }
    // Start → due never wraps.
    const lines = await byId(page, "item-dates").evaluateAll((els) => els.map((e) => e.getClientRects().length));
    expect(lines.every((n) => n === 1)).toBe(true);
    expect(await byId(page, "item-dates").first().innerText()).toBe("04-01 → 04-11");
    expect(await byId(page, "totals-line").innerText()).toBe("30 项 · 总权重 45");
    expect(await byId(page, "owner-total").count()).toBe(6);
    expect(await byId(page, "owner-total").last().innerText()).toMatch(/^马晓明\s+1 项 · 权重 2$/);
    const first = page.locator('[data-testid="task-row"]').first();
    // Each card names the sheet row it was submitted from, so the approver can find it in the sheet.
    expect(await byId(page, "item-row").count()).toBe(30);
    expect(await first.getByTestId("item-row").innerText()).toBe("第 2 行");
    expect(await first.getByTestId("item-parent").innerText()).toMatch(new RegExp(`^上级：${Q}-计划运营部-001 客户满意度提升$`));
    expect(await first.getByTestId("item-extra").innerText()).toBe("交付成果：问题清单与改进建议");
    // Options show only where they say something: 优先级 高, never the default 中 on every card.
    expect(await first.getByTestId("item-chip").innerText()).toBe("优先级 高");
    expect(await byId(page, "item-chip").count()).toBe(5);
    expect(await page.locator('[data-testid="task-row"]').last().getByTestId("item-owner").innerText()).toBe("马晓明（销售部）");
    await screenshot(page, "04-plan-30-items");

    // Scrolled to the end, the last item sits above the bar, not behind it.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const last = await page.locator('[data-testid="task-row"]').last().boundingBox();
    const bar = await byId(page, "action-bar").boundingBox();
    expect(last!.y + last!.height).toBeLessThanOrEqual(bar!.y);
    const approve = await byId(page, "approve").boundingBox();
    expect(approve!.y + approve!.height).toBeLessThanOrEqual(SIDEBAR.height);
    await screenshot(page, "05-plan-30-items-scrolled");
  });
  it("when the manager reads English, then the same plan is shown in English only (its content stays as written)", async () => {
    const { page } = await openSidebar(MANAGER, "en_US");
    await openPlanIn(page, monthly);
    expect(await byId(page, "plan-title").innerText()).toBe(`计划运营部 monthly plan ${Y}-04`);
    expect(await byId(page, "plan-status").innerText()).toBe("Pending approval");
    expect(await byId(page, "totals-line").innerText()).toBe("30 items · total weight 45");
    expect(await byId(page, "approve").innerText()).toBe("Approve");
    const first = page.locator('[data-testid="task-row"]').first();
    expect(await first.getByTestId("item-extra").innerText()).toBe("Deliverable: 问题清单与改进建议");
    expect(await first.getByTestId("item-chip").innerText()).toBe("Priority High");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(SIDEBAR.width);
    await screenshot(page, "13-plan-english");
  });
});

describe("bulk approval", () => {
  let first: string;
  let second: string;

  beforeAll(async () => {
    first = await submitPlanDirectly(stack, OWNER, `${Y}-07`);
    second = await submitPlanDirectly(stack, OWNER, `${Y}-08`);
  });

  it("when two plans are ticked and approved at once, then each is decided by its own call and each result is reported", async () => {
    const { page, bundle } = await openSidebar(MANAGER);
    await byId(page, "pending-list").waitFor();
    expect(await byId(page, "bulk-hint").innerText()).toBe("勾选多份计划，可一并批准或退回。");
    for (const id of [first, second]) await page.locator(`[data-testid="select-plan"][data-plan-id="${id}"]`).check();
    expect(await byId(page, "selected-count").innerText()).toBe("已选 2 份");
    const box = await byId(page, "bulk-approve").boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(SIDEBAR.height);
    await screenshot(page, "06-bulk-selected");

    // Returning still needs a comment, checked before anything is sent.
    const before = decisionsSent(bundle);
    await byId(page, "bulk-return").click();
    expect(await statusKind(page)).toBe("error");
    expect(await statusMessage(page)).toBe("退回计划时请填写审批意见。");
    expect(decisionsSent(bundle)).toBe(before);

    const busySeen = await watchBusy(page);
    await byId(page, "bulk-approve").click();
    await expect.poll(() => statusKind(page)).toBe("success");
    expect(decisionsSent(bundle)).toBe(before + 2);
    expect(await statusMessage(page)).toBe("已处理 2/2 份计划。");
    const results = await byId(page, "bulk-result").evaluateAll((els) => els.map((e) => [e.getAttribute("data-plan-id"), e.getAttribute("data-outcome")]));
    expect(results.sort()).toEqual(
      [
        [first, "approved"],
        [second, "approved"],
      ].sort(),
    );
    expect(await byId(page, "bulk-result").allInnerTexts()).toEqual([expect.stringContaining("已批准"), expect.stringContaining("已批准")]);
    expect(await pendingIds(page)).not.toContain(first);
    expect(await pendingIds(page)).not.toContain(second);
    const labels = (await busySeen()).map((s) => s.label);
    expect(labels).toContain("正在处理第 1/2 份计划…");
    expect(labels).toContain("正在处理第 2/2 份计划…");
    expect((await busySeen()).every((s) => s.disabled)).toBe(true);
    for (const id of [first, second]) expect(bundle.callAsSidebar("sidebarGetPlan", id)).toMatchObject({ status: "approved" });
    await screenshot(page, "07-bulk-results");
  });
});

describe("a resubmitted plan", () => {
  const M = `${Y}-10`;
  let planId: string;
  let ids: string[];

  beforeAll(async () => {
    const row = (content: string, owner: string, due: string, extra: SheetRow = {}): SheetRow => ({
      任务内容: content,
      责任部门: "计划运营部",
      责任人: owner,
      开始时间: `${M}-05`,
      完成时间: `${M}-${due}`,
      ...extra,
    });
    const first = await submitSheet(stack, OWNER, MONTHLY_PLAN, M, [
      row("季度客户回访", "黄敏", "12"),
      row("更新流程清单", "杨强", "20"),
      row("整理旧档案", "陈静", "25"),
      row("数据月报", "周杰", "28"),
    ]);
    planId = first.documentId;
    ids = first.rows.map((r) => r.itemId ?? "");
    await decideDirectly(stack, DEPUTY, { planId, revision: 1, decision: "return", comment: "请补充交付成果，并调整回访时间" });
    await submitSheet(stack, OWNER, MONTHLY_PLAN, M, [
      row("季度客户回访", "黄敏", "15", { 任务编号: ids[0] ?? null, 交付成果: "回访报告", 权重: 2 }),
      row("更新流程清单", "杨强", "20", { 任务编号: ids[1] ?? null }),
      row("数据月报", "周杰", "28", { 任务编号: ids[3] ?? null }),
      row("客户投诉复盘", "吴婷", "30"),
    ]);
  });

  it("when the manager opens revision 2, then what changed since revision 1 is highlighted and the earlier return is in the timeline", async () => {
    const { page } = await openSidebar(MANAGER);
    await openPlanIn(page, planId);
    expect(await byId(page, "plan-revision").innerText()).toBe("第 2 版");
    expect(await byId(page, "plan-changes").locator("h2").innerText()).toBe("与第 1 版相比");
    expect(await byId(page, "changes-summary").innerText()).toBe("新增 1 · 删除 1 · 修改 1");
    const changes = await byId(page, "change").evaluateAll((els) => els.map((e) => [e.getAttribute("data-kind"), e.getAttribute("data-item-id")]));
    expect(changes).toEqual([
      ["changed", ids[0]],
      ["removed", ids[2]],
      ["added", `${M}-计划运营部-005`],
    ]);
    const changed = page.locator(`[data-testid="change"][data-kind="changed"]`);
    expect(await changed.getByTestId("field-change").allInnerTexts()).toEqual(["完成时间：10-12 → 10-15", "交付成果：— → 回访报告", "权重：1 → 2"]);
    expect(await page.locator(`[data-testid="change"][data-kind="removed"] del`).innerText()).toBe("整理旧档案");
    // In the item list, the changed and the added item are marked.
    expect(await page.locator(`[data-testid="task-row"][data-item-id="${ids[0]}"]`).getAttribute("data-change")).toBe("changed");
    expect(await page.locator(`[data-testid="task-row"][data-item-id="${M}-计划运营部-005"]`).getAttribute("data-change")).toBe("added");
    expect(await page.locator(`[data-testid="task-row"][data-item-id="${ids[1]}"]`).getAttribute("data-change")).toBeNull();
    // The return of revision 1: who (acting for whom), when, why.
    const entry = byId(page, "history-entry");
    expect(await entry.count()).toBe(1);
    expect(await entry.getAttribute("data-decision")).toBe("return");
    expect(await entry.getByTestId("history-by").innerText()).toMatch(/^王芳（代张伟） · \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(await entry.getByTestId("history-comment").innerText()).toBe("请补充交付成果，并调整回访时间");
    await screenshot(page, "08-diff");
  });

  it("when the deputy returns it after the manager approved it in another session, then she is told so, her comment is kept, and the timeline shows the return then the approval", async () => {
    const deputy = await openSidebar(DEPUTY);
    await openPlanIn(deputy.page, planId);
    await byId(deputy.page, "decision-comment").fill("回访报告请附客户名单");

    const manager = await openSidebar(MANAGER);
    await openPlanIn(manager.page, planId);
    await byId(manager.page, "approve").click();
    await expect.poll(() => statusKind(manager.page)).toBe("success");

    await byId(deputy.page, "return").click();
    await expect.poll(() => statusKind(deputy.page)).toBe("info");
    expect(await statusMessage(deputy.page)).toMatch(/^张伟 已于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 批准该计划，无需您再审批。已为您刷新。$/);
    expect(await byId(deputy.page, "plan-status").innerText()).toBe("已批准");
    expect(await byId(deputy.page, "decision-comment").count()).toBe(0);
    expect(await byId(deputy.page, "unsent-comment-text").inputValue()).toBe("回访报告请附客户名单");
    await byId(deputy.page, "copy-comment").click();
    await expect.poll(() => byId(deputy.page, "copy-comment").innerText()).toBe("已复制");
    const timeline = await byId(deputy.page, "history-entry").evaluateAll((els) =>
      els.map((e) => [e.getAttribute("data-revision"), e.getAttribute("data-decision")]),
    );
    expect(timeline).toEqual([
      ["1", "return"],
      ["2", "approve"],
    ]);
    expect(await byId(deputy.page, "history-by").allInnerTexts()).toEqual([expect.stringMatching(/^王芳（代张伟） · /), expect.stringMatching(/^张伟 · /)]);
    await screenshot(deputy.page, "09-already-decided");
    await byId(deputy.page, "history").scrollIntoViewIfNeeded();
    await screenshot(deputy.page, "10-timeline");
  });
});

describe("when a call fails", () => {
  let planId: string;

  beforeAll(async () => {
    planId = await submitPlanDirectly(stack, OWNER, `${Y}-11`);
  });

  it("when the server stops answering, then the page says so in plain words with a retry, keeps the comment, and the retry goes through", async () => {
    const { page, bundle } = await openSidebar(MANAGER);
    await openPlanIn(page, planId);
    await byId(page, "decision-comment").fill("同意");
    // The add-on's server side can no longer reach the backend: nothing listens there.
    const api = bundle.standIn.properties.script.get("API_BASE_URL") ?? "";
    bundle.standIn.properties.script.set("API_BASE_URL", "http://127.0.0.1:9");
    await byId(page, "approve").click();
    await expect.poll(() => statusKind(page)).toBe("error");
    expect(await statusMessage(page)).toBe("暂时无法连接计划运营服务器，请检查网络后重试。");
    expect(await byId(page, "status").innerText()).not.toMatch(/https?:|127\.0\.0\.1/);
    expect(await byId(page, "status-code").innerText()).toBe("错误代码 NETWORK");
    expect(await byId(page, "retry").isEnabled()).toBe(true);
    expect(await byId(page, "approve").isEnabled()).toBe(true);
    expect(await byId(page, "decision-comment").inputValue()).toBe("同意");
    await screenshot(page, "11-error-retry");

    bundle.standIn.properties.script.set("API_BASE_URL", api);
    await byId(page, "retry").click();
    await expect.poll(() => statusKind(page)).toBe("success");
    expect(await pendingIds(page)).not.toContain(planId);
    expect(bundle.callAsSidebar("sidebarGetPlan", planId)).toMatchObject({ status: "approved", lastDecision: { comment: "同意" } });
  });

  it("when the connection to the add-on itself breaks, then the page offers to retry, and the retry opens the plan", async () => {
    const other = await submitPlanDirectly(stack, OWNER, `${Y}-12`);
    const { page } = await openSidebar(MANAGER);
    await byId(page, "pending-list").waitFor();
    await page.route("**/rpc", (route) => route.abort("connectionreset"), { times: 1 });
    await page.locator(`[data-testid="pending-item"][data-plan-id="${other}"]`).click();
    await expect.poll(() => statusKind(page)).toBe("error");
    expect(await statusMessage(page)).toBe("与服务器的通信出了问题，操作可能没有完成。请重试。");
    expect(await byId(page, "status-code").count()).toBe(0);
    await screenshot(page, "12-connection-lost");
    await byId(page, "retry").click();
    await page.locator(`[data-testid="plan-detail"][data-plan-id="${other}"]`).waitFor();
    expect(await byId(page, "status").innerText()).toBe("");
  });
});
