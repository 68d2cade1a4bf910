import { expect, it } from "vitest";
import { ADDON_NAME, OWNER, nextMonthInShanghai, openWithAddon } from "./support/addon-session.js";
import type { ReceivedMail } from "./support/remote-stack.js";
import { useAddonAndStack } from "./support/use-addon-stack.js";

const env = useAddonAndStack();

const MANAGER = { email: "zhangwei@demo.planops.cn", locale: "zh_CN" };
const PLANNER = { email: OWNER, locale: "zh_CN" };
/** 运营组: owns row 5, neither plans nor approves. */
const OWNER_YANG = { email: "yangqiang@demo.planops.cn", locale: "zh_CN" };
const CHEN = "chenjing@demo.planops.cn";
const P = nextMonthInShanghai();
const day = (d: number) => `${P}-${String(d).padStart(2, "0")}`;
const ERROR_RED = "#f4cccc";
/** A1 addresses below the header row (whose cells keep their help notes). */
const dataCellsOf = (byA1: Record<string, string>) =>
  Object.keys(byA1)
    .filter((a1) => !/^[A-Z]+1$/.test(a1))
    .sort();
/** Mails whose subject starts with `subject`, and who they went to. */
const withSubject = (mails: readonly ReceivedMail[], subject: string) => mails.filter((m) => m.subject.startsWith(subject));
const recipients = (mails: readonly ReceivedMail[]) => mails.flatMap((m) => m.to).sort();

/**
 * One month of a monthly plan, through the built add-on and the real backend:
 * 新建模板 → submit with bad cells (the user's own notes and colours stay) → fix →
 * 提交 (the approvers are mailed) → returned in the sidebar with a comment →
 * revise and resubmit → approve → a later change is refused (adjustment needed) →
 * 下发 (owners mailed) → progress with % complete (a bad cell, then fixed) →
 * an owner's 问题反馈 reaches the planning group → 完成率.
 */
it("when a planner drafts, fixes, submits, is returned, resubmits, gets approval, issues and tracks a plan, then every step lands in the sheet and the mailboxes", async () => {
  const doc = openWithAddon({ ...env, email: OWNER });
  const { standIn } = doc;
  const alerts = () => standIn.ui.alerts.map((a) => a.prompt);
  const lastAlert = () => alerts().at(-1) ?? "";
  const type = (a1: string, text: string) => standIn.typeInto(name, a1, text);
  const submitRequests = () => doc.requests.filter((r) => r.url.endsWith("/submit")).length;

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
  // The users' own notes and colours in the data area: the add-on must never wipe them.
  standIn.userSetNote(name, "B2", "参考上月报告格式");
  standIn.userSetBackground(name, "E2", "#fff2cc");
  standIn.userSetNote(name, "N4", "与财务部确认");

  // 提交 with bad cells: each is noted and tinted, nothing is written back.
  doc.clickMenu(ADDON_NAME, "提交");
  expect(submitRequests()).toBe(1);
  const noted = standIn.notes(name);
  expect(dataCellsOf(noted)).toEqual(["B2", "B5", "H4", "J4", "N4"]);
  // The note on a cell says what is wrong there, without repeating the cell's own row and column.
  expect(noted.B5).not.toContain("第 5 行");
  expect(noted.H4).not.toMatch(/\n|[A-Za-z]{3}/); // the user's language only
  const tinted = () =>
    Object.entries(standIn.backgrounds(name))
      .filter(([, color]) => color === ERROR_RED)
      .map(([a1]) => a1)
      .sort();
  expect(tinted()).toEqual(["B5", "H4", "J4"]);
  expect(lastAlert()).toContain("有 3 个单元格需要修改");
  expect(
    standIn
      .values(name)
      .slice(1)
      .map((r) => r[0]),
  ).toEqual(["", "", "", ""]);
  expect(noted.A1).toBe("提交后由系统填写，请勿修改");
  expect(await env.stack.mail()).toEqual([]);

  // Fix and resubmit: IDs and statuses come back into the same rows; only the add-on's marks go away.
  type("H4", day(20));
  type("J4", "1");
  type("B5", "整理客户回访记录");
  doc.clickMenu(ADDON_NAME, "提交");
  expect(lastAlert()).toBe("已提交第 1 版（3 项），等待部门经理审批");
  const afterSubmit = standIn.values(name);
  const ids = [2, 4, 5].map((r) => String(afterSubmit[r - 1]?.[0]));
  for (const id of ids) expect(id).toMatch(/^\d{4}-\d{2}-.+-\d{3,}$/);
  expect(new Set(ids).size).toBe(3);
  expect(afterSubmit[2]?.[0]).toBe("");
  expect([2, 4, 5].map((r) => afterSubmit[r - 1]?.[10])).toEqual(["未开始", "未开始", "未开始"]);
  expect(standIn.notes(name)).toMatchObject({ B2: "参考上月报告格式", N4: "与财务部确认" });
  expect(dataCellsOf(standIn.notes(name))).toEqual(["B2", "N4"]);
  expect(tinted()).toEqual([]);
  expect(standIn.backgrounds(name).E2).toBe("#fff2cc");
  const planId = standIn.properties.document.get(`planops.plan.${sheetId}`);
  expect(planId).toBeTruthy();

  // The department manager is told a plan awaits approval.
  const awaiting = (revision: number) => `待审批：计划运营部 ${P} 月度计划（第 ${revision} 版）`;
  const firstNotice = withSubject(await env.stack.mail(), awaiting(1));
  expect(recipients(firstNotice)).toContain(MANAGER.email);
  expect(firstNotice.find((m) => m.to.includes(MANAGER.email))?.text).toContain("李明 提交了");

  // Resubmitting unchanged content is safe: same IDs, nothing new to approve, nobody mailed again.
  doc.clickMenu(ADDON_NAME, "提交");
  expect(standIn.values(name).map((r) => r[0])).toEqual(afterSubmit.map((r) => r[0]));
  expect(lastAlert()).toContain("内容未变化");
  expect(withSubject(await env.stack.mail(), awaiting(1))).toHaveLength(firstNotice.length);

  // 审批 in the sidebar, as the department manager: returned with a comment.
  standIn.setUser(MANAGER);
  doc.clickMenu(ADDON_NAME, "审批");
  expect(standIn.ui.sidebar?.title).toBe("审批");
  expect((doc.callAsSidebar("sidebarListPending") as { planId: string }[]).map((p) => p.planId)).toContain(planId);
  const first = doc.callAsSidebar("sidebarGetPlan", planId) as { revision: number; items: unknown[]; submittedBy: { email: string } };
  expect(first).toMatchObject({ revision: 1, submittedBy: { email: OWNER } });
  expect(first.items).toHaveLength(3);
  const comment = "请补充第 2 行的交付成果";
  const returned = doc.callAsSidebar("sidebarDecide", { planId, revision: 1, decision: "return", comment });
  expect(returned).toMatchObject({ planId, status: "returned" });
  expect((doc.callAsSidebar("sidebarListPending") as { planId: string }[]).map((p) => p.planId)).not.toContain(planId);
  const returnNotice = withSubject(await env.stack.mail(), `已退回：计划运营部 ${P} 月度计划`);
  expect(recipients(returnNotice)).toEqual([OWNER]);
  expect(returnNotice[0]?.text).toContain(comment);

  // The planner resubmits: unchanged is refused as "same as returned"; revised, it is revision 2 with the same IDs.
  standIn.setUser(PLANNER);
  doc.clickMenu(ADDON_NAME, "提交");
  expect(lastAlert()).toContain("内容与被退回的版本相同");
  type("I2", "月度运营数据报告（PDF）");
  doc.clickMenu(ADDON_NAME, "提交");
  expect(lastAlert()).toContain("已提交第 2 版（3 项）");
  expect([2, 4, 5].map((r) => String(standIn.values(name)[r - 1]?.[0]))).toEqual(ids);
  expect(recipients(withSubject(await env.stack.mail(), awaiting(2)))).toContain(MANAGER.email);

  // Approved in the sidebar; a second decision on the same revision is refused.
  standIn.setUser(MANAGER);
  const second = doc.callAsSidebar("sidebarGetPlan", planId) as { revision: number };
  expect(second.revision).toBe(2);
  const decided = doc.callAsSidebar("sidebarDecide", { planId, revision: 2, decision: "approve", comment: "同意" });
  expect(decided).toMatchObject({ planId, status: "approved" });
  expect(() => doc.callAsSidebar("sidebarDecide", { planId, revision: 2, decision: "approve", comment: "" })).toThrow(/ALREADY_DECIDED/);

  // After approval, 提交 with changed content is refused with advice to file a plan adjustment; nothing is marked or rewritten.
  standIn.setUser(PLANNER);
  const beforeChange = standIn.values(name);
  const sentBefore = submitRequests();
  type("B4", "梳理采购与付款流程控制点");
  doc.clickMenu(ADDON_NAME, "提交");
  expect(submitRequests()).toBe(sentBefore + 1);
  expect(lastAlert()).toMatch(/^该计划已批准.*调整.*（PLAN_LOCKED）$/);
  expect(tinted()).toEqual([]);
  expect(standIn.values(name).map((r) => r[0])).toEqual(beforeChange.map((r) => r[0]));
  type("B4", "梳理采购流程控制点");

  // 下发计划, as the planner: every owner is mailed their own tasks.
  doc.clickMenu(ADDON_NAME, "下发计划");
  expect(doc.requests.at(-1)?.url).toMatch(/\/issuePlan$/);
  expect(lastAlert()).toBe("已下发，已通知 3 位责任人");
  const issued = withSubject(await env.stack.mail(), `任务下发：计划运营部 ${P} 月度计划`);
  expect(recipients(issued)).toEqual([CHEN, OWNER, OWNER_YANG.email].sort());
  const chenMail = issued.find((m) => m.to.includes(CHEN))?.text ?? "";
  expect(chenMail).toContain(ids[1]);
  expect(chenMail).toContain("梳理采购流程控制点");
  expect(chenMail).not.toContain(ids[0]);

  // 更新进度 in the middle of the month: % complete typed as a percentage; one finish date is not allowed yet, then fixed.
  await env.stack.setNow(new Date(`${day(20)}T12:00:00+08:00`));
  type("K2", "已完成");
  type("M2", day(5));
  type("K4", "进行中");
  type("L4", "50%");
  type("M5", day(25));
  doc.clickMenu(ADDON_NAME, "更新进度");
  expect(dataCellsOf(standIn.notes(name))).toEqual(["B2", "M5", "N4"]);
  expect(tinted()).toEqual(["M5"]);
  expect(lastAlert()).toContain("有 1 个单元格需要修改");
  type("M5", "");
  doc.clickMenu(ADDON_NAME, "更新进度");
  expect(dataCellsOf(standIn.notes(name))).toEqual(["B2", "N4"]);
  expect(tinted()).toEqual([]);
  expect([2, 4, 5].map((r) => standIn.values(name)[r - 1]?.[10])).toEqual(["已完成", "进行中", "未开始"]);
  expect(lastAlert()).toContain("已更新 2 项任务");
  // What the sheet shows is what the backend keeps: "50%" in the cell, 0.5 on the wire, 50 stored.
  expect(standIn.displayValues(name)[3]?.[11]).toBe("50%");
  const sent = JSON.parse(doc.requests.at(-1)?.payload ?? "{}") as { rows: { row: number; cells: unknown[] }[] };
  expect(sent.rows.find((r) => r.row === 4)?.cells[11]).toBe(0.5);
  standIn.setUser(MANAGER);
  const tracked = doc.callAsSidebar("sidebarGetPlan", planId) as { items: { itemId: string; percent: number; status: string }[] };
  expect(tracked.items.find((t) => t.itemId === ids[1])).toMatchObject({ status: "in_progress", percent: 50 });
  expect(tracked.items.find((t) => t.itemId === ids[0])).toMatchObject({ status: "done", percent: 100 });

  // An owner opens the shared sheet and reports a problem on their own row: it reaches the planning group.
  standIn.setUser(OWNER_YANG);
  const problem = "客户名单尚未更新，回访可能延期";
  type("N5", problem);
  doc.clickMenu(ADDON_NAME, "更新进度");
  expect(lastAlert()).toContain("1 条问题反馈已转计划组");
  expect(tinted()).toEqual([]);
  const feedback = withSubject(await env.stack.mail(), `问题反馈：${ids[2]}`);
  expect(recipients(feedback)).toEqual([CHEN, OWNER].sort());
  for (const mail of feedback) {
    expect(mail.text).toContain(problem);
    expect(mail.text).toContain("杨强");
  }

  // 完成率 for the plan's month, as the planner.
  standIn.setUser(PLANNER);
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
