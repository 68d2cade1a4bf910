import { beforeEach, describe, expect, it } from "vitest";
import { demoEmail } from "../../local/demo-org.js";
import { call } from "../support/call.js";
import { HEADERS_ZH, planTable, type RowInput, task } from "../support/plan-sheet.js";
import { useStack } from "../support/stack.js";

const stack = useStack();

const clerk = demoEmail("李明");
const manager = demoEmail("张伟");
let period = 0;
/** Each test drafts its own month so plans don't collide. */
const nextPeriod = () => {
  const k = period++;
  return `${2030 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, "0")}`;
};
let P = "";
beforeEach(() => {
  P = nextPeriod();
});
const t = (over: RowInput = {}) => task({ start: `${P}-01`, due: `${P}-10`, ...over });

async function storedItems(planId: string) {
  const snap = await stack.db.collection("items").where("planId", "==", planId).get();
  return snap.docs.map((d) => ({ id: d.id, ...(d.data() as { title: string; owner: { email: string } }) }));
}
const outboxSize = async () => (await stack.db.collection("outbox").get()).size;

describe("submitting a monthly plan", () => {
  it("when the sheet is valid, then every row gets an ID and status and the manager is notified", async () => {
    const before = stack.mail.messages().length;
    const r = await call(stack, clerk, "submit", planTable([t(), t({ content: "流程梳理", owner: "杨强", due: `${P}-20` })], { period: P }));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ revision: 1, status: "pending_approval", unchanged: false });
    expect(r.body.rows.map((x) => x.row)).toEqual([2, 3]);
    expect(r.body.rows.map((x) => x.itemId)).toEqual([`${P}-计划运营部-001`, `${P}-计划运营部-002`]);
    expect(r.body.rows.every((x) => x.status === "not_started")).toBe(true);
    const mails = await stack.mail.waitFor(before + 2); // the manager and the deputy acting for them
    const toManager = mails.slice(before).find((m) => m.to.includes(manager));
    expect(toManager?.subject).toContain(`${P} 月度计划`);
    expect(toManager?.text).toContain("李明");
  });

  type Case = [string, RowInput, string, string];
  const cases: Case[] = [
    ["an empty required cell", { content: "" }, "任务内容", "REQUIRED"],
    ["an owner who is not in the roster", { owner: "不存在的人" }, "责任人", "UNKNOWN_PERSON"],
    ["an unknown department", { department: "火星部" }, "责任部门", "UNKNOWN_DEPARTMENT"],
    ["a due date outside the plan month", { due: "2099-01-03" }, "完成时间", "DUE_OUTSIDE_PERIOD"],
    ["a start after the due date", { start: "2099-01-01" }, "开始时间", "START_AFTER_DUE"],
    ["a date that is not a date", { due: "下周五" }, "完成时间", "NOT_A_DATE"],
    ["an impossible date", { due: "2027-02-30" }, "完成时间", "INVALID_DATE"],
    ["a weight that is text", { weight: "很重要" }, "权重", "NOT_A_NUMBER"],
    ["a weight out of range", { weight: 0 }, "权重", "OUT_OF_RANGE"],
    ["a priority not in the list", { priority: "紧急" }, "优先级", "NOT_ALLOWED"],
    ["a forged task ID", { taskId: "2020-01-别的部门-001" }, "任务编号", "UNKNOWN_ITEM_ID"],
    ["a task ID that is no ID at all", { taskId: "2020-01 别的部门/001" }, "任务编号", "BAD_ITEM_ID"],
  ];
  it.each(cases)("when a row has %s, then that cell is named with a bilingual message and nothing is saved", async (_what, over, header, code) => {
    const r = await call(stack, clerk, "submit", planTable([t({ content: "正常的一行" }), t(over)], { period: P }));
    expect(r.status).toBe(422);
    expect(r.error?.code).toBe("VALIDATION_FAILED");
    const cell = r.error?.cells?.find((c) => c.code === code);
    expect(cell, JSON.stringify(r.error?.cells)).toBeDefined();
    expect(cell).toMatchObject({ row: 3, column: HEADERS_ZH.indexOf(header) + 1, header });
    expect(cell!.message.zh).toContain(`第 3 行“${header}”列`);
    expect(cell!.message.en).toMatch(/^Row 3, column/);
    expect(await storedItems(`monthly_${P}_计划运营部`)).toEqual([]);
    expect((await stack.db.collection("plans").doc(`monthly_${P}_计划运营部`).get()).exists).toBe(false);
  });

  it("when numbers come as text, dates in Chinese or as serial numbers, then they are read as what they say", async () => {
    const serial = Math.round((Date.UTC(Number(P.slice(0, 4)), Number(P.slice(5)) - 1, 15) - Date.UTC(1899, 11, 30)) / 86_400_000);
    const cn = `${P.slice(0, 4)}年${Number(P.slice(5))}月20日`;
    const r = await call(stack, clerk, "submit", planTable([t({ weight: "2", due: cn }), t({ content: "B", due: serial, weight: "３" })], { period: P }));
    expect(r.status).toBe(200);
    const doc = (await stack.db.collection("items").doc(r.body.rows[1]!.itemId!).get()).data();
    expect(doc).toMatchObject({ due: `${P}-15`, weight: 3 });
    const first = (await stack.db.collection("items").doc(r.body.rows[0]!.itemId!).get()).data();
    expect(first).toMatchObject({ due: `${P}-20`, weight: 2 });
  });

  it("when text starts with = + - or @, then it is stored verbatim as text", async () => {
    const r = await call(stack, clerk, "submit", planTable([t({ content: '=HYPERLINK("http://x","点我")', deliverable: "+86 报告" })], { period: P }));
    expect(r.status).toBe(200);
    const doc = (await stack.db.collection("items").doc(r.body.rows[0]!.itemId!).get()).data();
    expect(doc).toMatchObject({ title: '=HYPERLINK("http://x","点我")', fields: { content: '=HYPERLINK("http://x","点我")', deliverable: "+86 报告" } });
  });

  it("when two rows are the same task, or a copied row repeats an ID, then both are refused naming the first row", async () => {
    const dup = await call(stack, clerk, "submit", planTable([t(), t({ content: "另一项" }), t()], { period: P }));
    expect(dup.status).toBe(422);
    expect(dup.error?.cells).toEqual([
      expect.objectContaining({ row: 4, code: "DUPLICATE_ROW", message: expect.objectContaining({ zh: expect.stringContaining("第 2 行") }) }),
    ]);

    const ok = await call(stack, clerk, "submit", planTable([t()], { period: P }));
    const id = ok.body.rows[0]!.itemId!;
    const copied = await call(stack, clerk, "submit", planTable([t({ taskId: id }), t({ taskId: id, content: "复制后改的" })], { period: P }));
    expect(copied.status).toBe(422);
    expect(copied.error?.cells?.[0]).toMatchObject({ row: 3, code: "DUPLICATE_ITEM_ID" });
  });

  it("when the same content is resubmitted, then it is a no-op: same revision, no new notification", async () => {
    const before = stack.mail.messages().length;
    const first = await call(stack, clerk, "submit", planTable([t(), t({ content: "B" })], { period: P }));
    await stack.mail.waitFor(before + 2); // the manager and the acting deputy
    const mailsBefore = stack.mail.messages().length;
    const outboxBefore = await outboxSize();
    const ids = first.body.rows.map((x) => x.itemId!);
    // the add-on wrote the IDs back; the user reordered the rows before resubmitting
    const again = await call(stack, clerk, "submit", planTable([t({ content: "B", taskId: ids[1]! }), t({ taskId: ids[0]! })], { period: P }));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ revision: 1, unchanged: true });
    expect(again.body.rows).toEqual([
      { row: 2, itemId: ids[1], status: "not_started" },
      { row: 3, itemId: ids[0], status: "not_started" },
    ]);
    // nothing was enqueued, so nothing can be sent later either
    expect(await outboxSize()).toBe(outboxBefore);
    expect(stack.mail.messages().length).toBe(mailsBefore);
  });

  it("when content changes before approval, then a new revision keeps IDs, adds new ones and drops deleted rows", async () => {
    const first = await call(stack, clerk, "submit", planTable([t({ content: "A" }), t({ content: "B" }), t({ content: "C" })], { period: P }));
    const [a, b, c] = first.body.rows.map((x) => x.itemId!);
    // B deleted, A's ID cell cleared by accident, C edited, D added
    const second = await call(stack, clerk, "submit", planTable([t({ content: "D" }), t({ content: "C 改", taskId: c! }), t({ content: "A" })], { period: P }));
    expect(second.status).toBe(200);
    expect(second.body.revision).toBe(2);
    expect(second.body.rows.map((x) => x.itemId)).toEqual([`${P}-计划运营部-004`, c, a]);
    const stored = await storedItems(first.body.documentId);
    expect(stored.map((s) => s.id).sort()).toEqual([a, c, `${P}-计划运营部-004`].sort());
    expect(stored.find((s) => s.id === b)).toBeUndefined();
    const revisions = await stack.db.collection("plans").doc(first.body.documentId).collection("revisions").get();
    expect(revisions.size).toBe(2);
  });

  it("when a row carries an ID that is not in this plan, then it is refused", async () => {
    await call(stack, clerk, "submit", planTable([t()], { period: P }));
    const r = await call(stack, clerk, "submit", planTable([t(), t({ content: "X", taskId: `${P}-计划运营部-077` })], { period: P }));
    expect(r.status).toBe(422);
    expect(r.error?.cells?.[0]).toMatchObject({ row: 3, code: "UNKNOWN_ITEM_ID", column: 1 });
  });

  it("when the plan is approved, then identical content is a no-op but changed content is refused with the adjustment advice", async () => {
    const first = await call(stack, clerk, "submit", planTable([t()], { period: P }));
    const approved = await call(stack, manager, "decide", { planId: first.body.documentId, revision: 1, decision: "approve" });
    expect(approved.status).toBe(200);
    const same = await call(stack, clerk, "submit", planTable([t({ taskId: first.body.rows[0]!.itemId })], { period: P }));
    expect(same.body).toMatchObject({ unchanged: true, status: "approved" });
    const changed = await call(stack, clerk, "submit", planTable([t({ content: "改了" })], { period: P }));
    expect(changed.status).toBe(409);
    expect(changed.error?.code).toBe("PLAN_LOCKED");
    expect(changed.error?.message.zh).toContain("调整申请");
    expect(changed.error?.message.en).toContain("adjustment");
  });

  it("when headers are in English or columns are moved, then cells are still read by header", async () => {
    const en = ["Task", "Owner", "Due date", "Responsible department", "Task ID", "备注"];
    const r = await call(
      stack,
      clerk,
      "submit",
      planTable([{ content: "英文表头", owner: "陈静", due: `${P}-05`, department: "计划运营部" }], { period: P, headers: en }),
    );
    expect(r.status).toBe(200);
    const missing = await call(stack, clerk, "submit", planTable([{ content: "x" }], { period: P, headers: ["任务内容"] }));
    expect(missing.status).toBe(422);
    expect(missing.error?.cells?.map((c) => c.code)).toEqual(["MISSING_COLUMN", "MISSING_COLUMN", "MISSING_COLUMN"]);
  });

  it("when the sheet has no tasks or the body is malformed, then a clear 4xx", async () => {
    const empty = await call(stack, clerk, "submit", planTable([], { period: P }));
    expect(empty.status).toBe(422);
    const malformed = await call(stack, clerk, "submit", { period: "December" });
    expect(malformed.status).toBe(400);
    expect(malformed.error?.code).toBe("BAD_REQUEST");
    expect(malformed.error?.message.en).toContain("headers");
    const badPeriod = await call(stack, clerk, "submit", planTable([t()], { period: "December" }));
    expect(badPeriod.status).toBe(400);
    expect(badPeriod.error?.code).toBe("BAD_REQUEST");
    expect(badPeriod.error?.message.zh).toContain("“December”");
    expect(badPeriod.error?.message.en).toContain("month marker");
  });

  it("when two rows carry the same sheet row number, then 422 DUPLICATE_ROW_NUMBER names that row and nothing is written", async () => {
    const outboxBefore = await outboxSize();
    const r = await call(
      stack,
      clerk,
      "submit",
      planTable([t({ content: "A" }), t({ content: "B" }), t({ content: "C" })], { period: P, rowNumbers: [2, 3, 3] }),
    );
    expect(r.status).toBe(422);
    expect(r.error?.code).toBe("VALIDATION_FAILED");
    expect(r.error?.cells).toEqual([expect.objectContaining({ row: 3, code: "DUPLICATE_ROW_NUMBER" })]);
    expect(r.error?.cells?.[0]?.message.en).toContain("sent twice");
    expect((await stack.db.collection("plans").doc(`monthly_${P}_计划运营部`).get()).exists).toBe(false);
    expect(await storedItems(`monthly_${P}_计划运营部`)).toEqual([]);
    expect((await stack.db.collection("approvals").where("subject.id", "==", `monthly_${P}_计划运营部`).get()).size).toBe(0);
    expect(await outboxSize()).toBe(outboxBefore);
  });
});
