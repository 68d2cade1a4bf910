import { readFileSync } from "node:fs";
import { ROSTER } from "@planops/shared";
import { type AuditEntry, ENDPOINTS, type EndpointName } from "@planops/shared/api";
import { describe, expect, it } from "vitest";
import { DEMO_ROSTER, demoEmail, personCells, rosterTable } from "../../local/demo-org.js";
import { AUDIT, recordChange } from "../../src/audit/trail.js";
import { call } from "../support/call.js";
import { planTable, stepsTable, task, HEADERS_ZH as HEADERS, progressRow } from "../support/plan-sheet.js";
import { useStack } from "../support/stack.js";

const stack = useStack();

const clerk = demoEmail("李明");
const manager = demoEmail("张伟");
const owner = demoEmail("杨强");
const otherStaff = demoEmail("黄敏");
const hr = demoEmail("孙丽");

/** The functions' clock for each step: one hour apart, in order. */
const step = (hour: number) => stack.setNow(new Date(Date.UTC(2026, 11, 10, hour)));
const isoAt = (hour: number) => new Date(Date.UTC(2026, 11, 10, hour)).toISOString();

/** Every stored entry, comparable: id → its data with the commit time as milliseconds. */
async function snapshot(): Promise<Map<string, string>> {
  const snap = await stack.db.collection(AUDIT).get();
  return new Map(
    snap.docs.map((d) => {
      const { recordedAt, ...rest } = d.data();
      return [d.id, JSON.stringify({ ...rest, recordedAt: (recordedAt as { toMillis(): number }).toMillis() })];
    }),
  );
}

const trail = (as: string, type: string, id: string) => call(stack, as, "auditTrail", { type, id });
const brief = (e: AuditEntry) => ({ action: e.action, by: e.by.name, at: e.at, from: e.from, to: e.to, comment: e.comment });

describe("the audit trail", () => {
  let planId = "";
  let ids: string[] = [];

  it("after submit → return → resubmit → approve → issue → progress, the plan's and an item's trails list each change in order", async () => {
    step(1);
    const first = await call(
      stack,
      clerk,
      "submit",
      planTable([
        task({ content: "A 月报", owner: "李明", due: "2026-12-10" }),
        task({ content: "B 流程检查", owner: "杨强", due: "2026-12-15" }),
        task({ content: "C 数据清洗", owner: "杨强", due: "2026-12-28" }),
      ]),
    );
    expect(first.status, JSON.stringify(first.error)).toBe(200);
    planId = first.body.documentId;
    ids = first.body.rows.map((r) => r.itemId!);

    step(2);
    expect((await call(stack, manager, "decide", { planId, revision: 1, decision: "return", comment: "B 的完成时间太紧" })).status).toBe(200);

    step(3);
    const second = await call(
      stack,
      clerk,
      "submit",
      planTable([
        task({ taskId: ids[0], content: "A 月报", owner: "李明", due: "2026-12-10" }),
        task({ taskId: ids[1], content: "B 流程检查", owner: "杨强", due: "2026-12-18" }),
        task({ content: "D 客户回访", owner: "杨强", due: "2026-12-20" }),
      ]),
    );
    expect(second.status, JSON.stringify(second.error)).toBe(200);
    const added = second.body.rows.find((r) => !ids.includes(r.itemId!))!.itemId!;

    step(4);
    expect((await call(stack, manager, "decide", { planId, revision: 2, decision: "approve", comment: "同意" })).status).toBe(200);
    step(5);
    expect((await call(stack, clerk, "issuePlan", { planId })).status).toBe(200);
    step(6);
    const progress = await call(stack, owner, "updateProgress", {
      planId,
      headers: HEADERS,
      rows: [progressRow(3, ids[1]!, { status: "进行中", percent: 40, feedback: "等销售部数据" })],
    });
    expect(progress.status, JSON.stringify(progress.error)).toBe(200);

    const plan = await trail(manager, "plan", planId);
    expect(plan.status).toBe(200);
    expect(plan.body.entries.map(brief)).toEqual([
      { action: "issued", by: "李明", at: isoAt(5), from: { status: "approved" }, to: { status: "issued", notifiedOwners: 2 }, comment: "" },
      { action: "approved", by: "张伟", at: isoAt(4), from: { status: "pending_approval" }, to: { status: "approved", approvedRevision: 2 }, comment: "同意" },
      {
        action: "resubmitted",
        by: "李明",
        at: isoAt(3),
        from: { status: "returned", revision: 1 },
        to: { status: "pending_approval", revision: 2 },
        comment: "",
      },
      { action: "returned", by: "张伟", at: isoAt(2), from: { status: "pending_approval" }, to: { status: "returned" }, comment: "B 的完成时间太紧" },
      { action: "submitted", by: "李明", at: isoAt(1), from: {}, to: { status: "pending_approval", revision: 1, items: 3 }, comment: "" },
    ]);

    const item = await trail(owner, "item", ids[1]!);
    expect(item.status).toBe(200);
    expect(item.body.entries.map(brief)).toEqual([
      {
        action: "progress",
        by: "杨强",
        at: isoAt(6),
        from: { status: "not_started", percent: 0, feedback: null },
        to: { status: "in_progress", percent: 40, feedback: "等销售部数据" },
        comment: "",
      },
      { action: "changed", by: "李明", at: isoAt(3), from: { due: "2026-12-15" }, to: { due: "2026-12-18" }, comment: "" },
      { action: "added", by: "李明", at: isoAt(1), from: {}, to: { title: "B 流程检查" }, comment: "" },
    ]);
    expect(item.body.entries.every((e) => e.planId === planId && e.subject.type === "item" && e.subject.id === ids[1])).toBe(true);
    expect(item.body.entries[1]?.revision).toBe(2);

    // C left the plan, D joined it; the approval record of revision 2 names its approver and comment.
    expect((await trail(manager, "item", ids[2]!)).body.entries.map((e) => [e.action, e.from, e.to])).toEqual([
      ["removed", { title: "C 数据清洗" }, {}],
      ["added", {}, { title: "C 数据清洗" }],
    ]);
    expect((await trail(manager, "item", added)).body.entries.map((e) => e.action)).toEqual(["added"]);
    const approval = await trail(manager, "approval", `${planId}~r2`);
    expect(approval.body.entries.map(brief)).toEqual([
      { action: "approved", by: "张伟", at: isoAt(4), from: { status: "pending" }, to: { status: "approved" }, comment: "同意" },
    ]);
  });

  it("when an owner asks for their own item, they get it; another staff member gets 403, and an owner cannot read the whole plan's", async () => {
    expect((await trail(owner, "item", ids[1]!)).status).toBe(200);
    const other = await trail(otherStaff, "item", ids[1]!);
    expect(other.status).toBe(403);
    expect(other.error?.code).toBe("FORBIDDEN");
    expect((await trail(otherStaff, "plan", planId)).status).toBe(403);
    expect((await trail(owner, "plan", planId)).status).toBe(403);
    expect((await trail(owner, "item", ids[0]!)).status).toBe(403); // 李明's task
    expect((await trail(hr, "plan", planId)).status).toBe(200);
    expect((await trail(demoEmail("郑浩"), "item", ids[1]!)).status).toBe(403); // another department's manager
  });

  it("when steps are saved and the roster changes, then each task and person gets its entry", async () => {
    step(7);
    const steps = await call(
      stack,
      owner,
      "submit",
      stepsTable([{ task: ids[1], step: "收集数据", planned: "2026-12-09", done: true }], { period: "2026-12" }),
    );
    expect(steps.status, JSON.stringify(steps.error)).toBe(200);
    const entries = (await trail(owner, "item", ids[1]!)).body.entries;
    expect(entries[0]).toMatchObject({ action: "steps", by: { email: owner }, at: isoAt(7), from: { steps: [] }, to: { steps: ["✓ 收集数据 2026-12-09"] } });

    const rows = DEMO_ROSTER.map((p) => personCells(p)).map((c) => (c.email === otherStaff ? { ...c, group: "计划组" } : c));
    const r = await call(stack, hr, "submit", {
      ...rosterTable(rows),
      template: { id: "roster", version: ROSTER.version },
      spreadsheet: { id: "r", sheetId: 1, sheetName: "名册" },
    });
    expect(r.status, JSON.stringify(r.error)).toBe(200);
    const person = await trail(hr, "roster", otherStaff);
    expect(person.body.entries[0]).toMatchObject({ action: "roster-changed", by: { email: hr }, from: { group: "运营组" }, to: { group: "计划组" } });
    expect((await trail(otherStaff, "roster", otherStaff)).status).toBe(200);
    expect((await trail(owner, "roster", otherStaff)).status).toBe(403);
  });

  it("when a change fails validation, no entry is written", async () => {
    const before = await snapshot();
    const bad = await call(stack, owner, "updateProgress", {
      planId,
      headers: HEADERS,
      rows: [progressRow(3, ids[1]!, { status: "已完成" })], // done without a finish date
    });
    expect(bad.status).toBe(422);
    const resubmit = await call(stack, clerk, "submit", planTable([task({ content: "X", due: "2027-02-01" })]));
    expect(resubmit.status).toBe(422);
    expect(await snapshot()).toEqual(before);
  });

  it("when a transaction is retried, its entry is written once; when it fails, not at all", async () => {
    const db = stack.db;
    const probe = db.collection(`probe-${Date.now()}`);
    let attempts = 0;
    await db.runTransaction(async (tx) => {
      attempts++;
      await tx.get(probe);
      recordChange(tx, db, { subject: { type: "probe", id: probe.id }, action: "changed", by: { email: "t@x", name: "t" }, at: isoAt(8), to: { n: attempts } });
      // A write the transaction's query would have seen: the commit is refused and the transaction runs again.
      if (attempts === 1) await probe.doc("intruder").set({ at: 1 });
    });
    const written = await db.collection(AUDIT).where("subject.id", "==", probe.id).get();
    expect(attempts).toBeGreaterThanOrEqual(2);
    expect(written.docs.map((d) => d.data().to)).toEqual([{ n: attempts }]);

    const failing = db.runTransaction(async (tx) => {
      recordChange(tx, db, { subject: { type: "probe", id: `${probe.id}-failed` }, action: "changed", by: { email: "t@x", name: "t" }, at: isoAt(8) });
      throw new Error("refused");
    });
    await expect(failing).rejects.toThrow("refused");
    expect((await db.collection(AUDIT).where("subject.id", "==", `${probe.id}-failed`).get()).size).toBe(0);
  });

  it("no endpoint changes or adds an entry, whatever it is sent; clients are denied by the security rules", async () => {
    const before = await snapshot();
    const [entryId] = [...before.keys()];
    const forged = {
      type: "item",
      id: entryId,
      planId,
      subject: { type: "plan", id: planId },
      action: "forged",
      by: { email: hr, name: "伪造" },
      at: isoAt(1),
      from: { status: "issued" },
      to: { status: "returned" },
      comment: "forged",
      revision: 2,
      decision: "approve",
      template: { id: "audit", version: 1 },
      period: "",
      headers: ["subject", "action"],
      rows: [{ row: 2, cells: ["plan", "forged"] }],
      spreadsheet: { id: "audit", sheetId: 1, sheetName: "audit" },
      collection: AUDIT,
      document: `${AUDIT}/${entryId}`,
    };
    for (const name of Object.keys(ENDPOINTS) as EndpointName[]) {
      for (const as of [hr, manager, clerk]) {
        const r = await call(stack, as, name, forged);
        expect(r.status, `${name} as ${as}`).not.toBe(500);
      }
    }
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      const res = await fetch(`${stack.baseUrl}/auditTrail`, {
        method,
        headers: { authorization: `Bearer ${stack.mintToken(hr)}`, "content-type": "application/json" },
        body: JSON.stringify(forged),
      });
      expect(res.status, method).toBe(405);
    }
    for (const path of [`/audit/${entryId}`, "/audit", "/recordChange"]) {
      const res = await fetch(`${stack.baseUrl}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
      expect(res.status, path).toBe(404);
    }
    expect(await snapshot()).toEqual(before);

    const rules = readFileSync(new URL("../../../firestore.rules", import.meta.url), "utf8");
    expect(rules).toMatch(/match \/\{document=\*\*\}\s*\{\s*allow read, write: if false;\s*\}/);
    expect(rules.match(/allow /g)).toHaveLength(1);
  });
});
