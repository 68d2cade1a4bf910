import { afterAll, beforeAll, expect, it } from "vitest";
import { ADDON_NAME, OWNER, nextMonthInShanghai, openWithAddon } from "./support/addon-session.js";
import { buildAddon, type BuiltAddon } from "./support/built-addon.js";
import { startRemoteStack, type RemoteStack } from "./support/remote-stack.js";

let addon: BuiltAddon;
let stack: RemoteStack;
beforeAll(async () => {
  [addon, stack] = await Promise.all([buildAddon(), startRemoteStack()]);
});
afterAll(async () => {
  await stack?.stop();
});

const MANAGER = { email: "zhangwei@demo.planops.cn", locale: "zh_CN" };
const PLANNER = { email: OWNER, locale: "zh_CN" };
const P = nextMonthInShanghai();
const day = (d: number) => `${P}-${String(d).padStart(2, "0")}`;
const ERROR_RED = "#f4cccc";
/** A1 addresses below the header row (whose cells keep their help notes). */
const dataCellsOf = (byA1: Record<string, string>) => Object.keys(byA1).filter((a1) => !/^[A-Z]+1$/.test(a1)).sort();

/**
 * One month of a monthly plan, through the built add-on and the real backend:
 * 新建模板 → submit with bad cells → fix → submit → approve in the sidebar →
 * 下发 → progress (with a bad cell, then fixed) → 完成率.
 */
it("when a planner drafts, fixes, submits, gets approval, issues and tracks a plan, then every step lands in the sheet", async () => {
  const doc = openWithAddon({ addon, stack, email: OWNER });
  const { standIn } = doc;
  const alerts = () => standIn.ui.alerts.map((a) => a.prompt);
  const lastAlert = () => alerts().at(-1) ?? "";
  const type = (a1: string, text: string) => standIn.typeInto(name, a1, text);

  // 新建模板 › 月度计划
  doc.clickMenu(ADDON_NAME, "新建模板", "月度计划");
  const name = `月度计划 ${P}`;
  const sheetId = standIn.sheet(name).id;

  // Row 2 is fine; row 3 stays empty; row 4 has a due date outside the month and a bad weight; row 5 lacks its content.
  type("B2", "编制月度运营数据报告");
  type("D2", "计划运营部");
  type("E2", "李明");
  type("F2", "高");
  type("G2", day(1));
  type("H2", day(10));
  type("J2", "2");
  type("B4", "梳理采购流程控制点");
  type("D4", "计划运营部");
  type("E4", "陈静");
  type("H4", "2099-01-15");
  type("J4", "很多");
  type("D5", "计划运营部");
  type("E5", "杨强");
  type("H5", day(28));

  // 提交计划 with bad cells: each is noted and tinted, nothing is written back.
  doc.clickMenu(ADDON_NAME, "提交计划");
  expect(doc.requests.filter((r) => r.url.endsWith("/submitPlan"))).toHaveLength(1);
  const noted = standIn.notes(name);
  expect(dataCellsOf(noted)).toEqual(["B5", "H4", "J4"]);
  expect(noted.H4).toMatch(/\n/); // Chinese first, then English
  const tinted = Object.entries(standIn.backgrounds(name)).filter(([, color]) => color === ERROR_RED).map(([a1]) => a1);
  expect(tinted.sort()).toEqual(["B5", "H4", "J4"]);
  expect(lastAlert()).toContain("有 3 个单元格需要修改");
  expect(standIn.values(name).slice(1).map((r) => r[0])).toEqual(["", "", "", ""]);
  expect(noted.A1).toBe("提交后由系统填写，请勿修改");

  // Fix and resubmit: IDs and statuses come back into the same rows, the marks go away.
  type("H4", day(20));
  type("J4", "1");
  type("B5", "整理客户回访记录");
  doc.clickMenu(ADDON_NAME, "提交计划");
  expect(lastAlert()).toBe(
    "已提交第 1 版（3 项任务），等待部门经理审批\nRevision 1 submitted (3 tasks); awaiting the department manager's approval",
  );
  const afterSubmit = standIn.values(name);
  const ids = [2, 4, 5].map((r) => String(afterSubmit[r - 1]?.[0]));
  for (const id of ids) expect(id).toMatch(/^\d{4}-\d{2}-.+-\d{3,}$/);
  expect(new Set(ids).size).toBe(3);
  expect(afterSubmit[2]?.[0]).toBe("");
  expect([2, 4, 5].map((r) => afterSubmit[r - 1]?.[10])).toEqual(["未开始", "未开始", "未开始"]);
  expect(dataCellsOf(standIn.notes(name))).toEqual([]);
  expect(Object.values(standIn.backgrounds(name))).not.toContain(ERROR_RED);
  const planId = standIn.properties.document.get(`planops.plan.${sheetId}`);
  expect(planId).toBeTruthy();

  // Resubmitting unchanged content is safe: same IDs, nothing new to approve.
  doc.clickMenu(ADDON_NAME, "提交计划");
  expect(standIn.values(name).map((r) => r[0])).toEqual(afterSubmit.map((r) => r[0]));
  expect(lastAlert()).toContain("内容未变化");

  // 审批 in the sidebar, as the department manager.
  standIn.setUser(MANAGER);
  doc.clickMenu(ADDON_NAME, "审批");
  expect(standIn.ui.sidebar?.title).toBe("审批");
  const pending = doc.callAsSidebar("sidebarListPending") as { planId: string }[];
  expect(pending.map((p) => p.planId)).toContain(planId);
  const plan = doc.callAsSidebar("sidebarGetPlan", planId) as { revision: number; tasks: unknown[]; submittedBy: { email: string } };
  expect(plan.tasks).toHaveLength(3);
  expect(plan.submittedBy.email).toBe(OWNER);
  const decided = doc.callAsSidebar("sidebarDecide", { planId, revision: plan.revision, decision: "approve", comment: "同意" });
  expect(decided).toMatchObject({ planId, status: "approved" });
  expect(() => doc.callAsSidebar("sidebarDecide", { planId, revision: plan.revision, decision: "approve", comment: "" })).toThrow(
    /ALREADY_DECIDED/,
  );

  // 下发计划, as the planner.
  standIn.setUser(PLANNER);
  doc.clickMenu(ADDON_NAME, "下发计划");
  expect(doc.requests.at(-1)?.url).toMatch(/\/issuePlan$/);
  expect(lastAlert()).toMatch(/^已下发，已通知 \d+ 位责任人\nIssued; \d+ owner\(s\) notified$/);

  // 更新进度 in the middle of the month: one finish date is not allowed yet, then fixed.
  await stack.setNow(new Date(`${day(20)}T12:00:00+08:00`));
  type("K2", "已完成");
  type("M2", day(5));
  type("K4", "进行中");
  type("L4", "50");
  type("M5", day(25));
  doc.clickMenu(ADDON_NAME, "更新进度");
  expect(dataCellsOf(standIn.notes(name))).toEqual(["M5"]);
  expect(lastAlert()).toContain("有 1 个单元格需要修改");
  type("M5", "");
  doc.clickMenu(ADDON_NAME, "更新进度");
  expect(dataCellsOf(standIn.notes(name))).toEqual([]);
  expect([2, 4, 5].map((r) => standIn.values(name)[r - 1]?.[10])).toEqual(["已完成", "进行中", "未开始"]);
  expect(lastAlert()).toContain("已更新 2 项任务");

  // 完成率 for the plan's month.
  doc.clickMenu(ADDON_NAME, "完成率");
  const report = `完成率 ${P}`;
  const rows = standIn.displayValues(report);
  expect(rows[0]?.[0]).toBe(`计划完成率 ${P}（截至 ${day(20)}）`);
  const li = rows.find((r) => r[0] === "李明");
  expect(li?.slice(1, 7)).toEqual(["1", "1", "1", "0", "100.0%", "100.0%"]);
  const department = rows.find((r) => r[0] === "计划运营部" && r[1] !== "");
  expect(department?.slice(1, 7)).toEqual(["3", "1", "1", "0", "33.3%", "33.3%"]);
  expect(rows.some((r) => r[0] === "计划组")).toBe(true);
  expect(standIn.doc.active.sheet.name).toBe(report);
});
