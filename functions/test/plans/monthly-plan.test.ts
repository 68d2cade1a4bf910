import { MONTHLY_PLAN } from "@planops/shared";
import type { PlanView } from "@planops/shared/api";
import { describe, expect, it } from "vitest";
import { demoEmail } from "../../local/demo-org.js";
import { call } from "../support/call.js";
import { columnOf, planTable, quarterlyItem, quarterlyTable, type RowInput, task } from "../support/plan-sheet.js";
import { useStack } from "../support/stack.js";

const stack = useStack();

const planner = demoEmail("李明");
const manager = demoEmail("张伟");

const year = "2037";
const q1 = (n: number) => `${year}-Q1-计划运营部-00${n}`;
const q2 = (n: number) => `${year}-Q2-计划运营部-00${n}`;
const REF_COLUMN = columnOf(MONTHLY_PLAN, "quarterlyItem");
const OWNER_COLUMN = columnOf(MONTHLY_PLAN, "owner");
const cellsOf = (cells: { row: number; column: number; header: string; code: string }[] | undefined) => cells?.map((c) => [c.row, c.column, c.header, c.code]);
/** A task of month `P` ("2037-02"), due on the 20th. */
const t = (P: string, over: RowInput = {}) => task({ start: `${P}-01`, due: `${P}-20`, ...over });
const planExists = async (planId: string) => (await stack.db.collection("plans").doc(planId).get()).exists;

describe("a monthly plan (月度计划), each task under an item of the quarter's approved quarterly plan", () => {
  it("when the quarterly plans are set up (Q1 approved, Q2 pending), then both are stored", async () => {
    const first = await call(
      stack,
      planner,
      "submit",
      quarterlyTable([quarterlyItem(`${year}-Q1`, { title: "月报体系" }), quarterlyItem(`${year}-Q1`, { title: "流程梳理" })], { period: `${year}-Q1` }),
    );
    expect(first.status, JSON.stringify(first.error)).toBe(200);
    expect((await call(stack, manager, "decide", { planId: first.body.documentId, revision: 1, decision: "approve" })).status).toBe(200);
    const second = await call(stack, planner, "submit", quarterlyTable([quarterlyItem(`${year}-Q2`, { title: "数据治理" })], { period: `${year}-Q2` }));
    expect(second.status, JSON.stringify(second.error)).toBe(200);
  });

  it("when the quarterly plan is not approved yet, then an item of it, an unknown ID and an ID of another quarter are refused in their cells; empty is allowed", async () => {
    const P = `${year}-04`;
    const r = await call(
      stack,
      planner,
      "submit",
      planTable(
        [
          t(P, { content: "A", quarterlyItem: q2(1) }),
          t(P, { content: "B", quarterlyItem: `${year}-Q2-计划运营部-077` }),
          t(P, { content: "C", quarterlyItem: q1(1) }),
          t(P, { content: "D", quarterlyItem: null }),
        ],
        { period: P },
      ),
    );
    expect(r.status).toBe(422);
    expect(cellsOf(r.error?.cells)).toEqual([
      [2, REF_COLUMN, "所属季度项", "REFERENCE_NOT_APPROVED"],
      [3, REF_COLUMN, "所属季度项", "REFERENCE_UNKNOWN"],
      [4, REF_COLUMN, "所属季度项", "REFERENCE_OTHER_PERIOD"],
    ]);
    expect(await planExists(`monthly_${P}_计划运营部`)).toBe(false);
  });

  it("when the quarterly plan is approved, then an empty quarterly item is REFERENCE_REQUIRED, and unknown or other-period IDs are still refused", async () => {
    const P = `${year}-02`;
    const r = await call(
      stack,
      planner,
      "submit",
      planTable(
        [
          t(P, { content: "A", quarterlyItem: q1(1) }),
          t(P, { content: "B", quarterlyItem: null }),
          t(P, { content: "C", quarterlyItem: `${year}-Q1-计划运营部-009` }),
          t(P, { content: "D", quarterlyItem: q2(1) }),
        ],
        { period: P },
      ),
    );
    expect(r.status).toBe(422);
    expect(cellsOf(r.error?.cells)).toEqual([
      [3, REF_COLUMN, "所属季度项", "REFERENCE_REQUIRED"],
      [4, REF_COLUMN, "所属季度项", "REFERENCE_UNKNOWN"],
      [5, REF_COLUMN, "所属季度项", "REFERENCE_OTHER_PERIOD"],
    ]);
    const ok = await call(
      stack,
      planner,
      "submit",
      planTable([t(P, { content: "A", quarterlyItem: q1(1) }), t(P, { content: "B", quarterlyItem: `${q1(2)} 流程梳理` })], { period: P }),
    );
    expect(ok.status, JSON.stringify(ok.error)).toBe(200);
    const plan = await call(stack, planner, "getPlan", { planId: ok.body.documentId });
    expect(plan.body.items.map((i) => [i.title, i.parentItem])).toEqual([
      ["A", q1(1)],
      ["B", q1(2)],
    ]);
  });

  it("when a task's owner was deactivated in the roster, then the owner cell is PERSON_INACTIVE, by name or by email", async () => {
    const P = `${year}-01`;
    const huangmin = stack.db.collection("roster").doc(demoEmail("黄敏"));
    await huangmin.update({ active: false });
    try {
      const r = await call(
        stack,
        planner,
        "submit",
        planTable(
          [
            t(P, { content: "A", quarterlyItem: q1(1) }),
            t(P, { content: "B", owner: "黄敏", quarterlyItem: q1(1) }),
            t(P, { content: "C", owner: demoEmail("黄敏"), quarterlyItem: q1(2) }),
          ],
          { period: P },
        ),
      );
      expect(r.status).toBe(422);
      expect(cellsOf(r.error?.cells)).toEqual([
        [3, OWNER_COLUMN, "责任人", "PERSON_INACTIVE"],
        [4, OWNER_COLUMN, "责任人", "PERSON_INACTIVE"],
      ]);
      expect(r.error?.cells?.[0]?.message.zh).toContain("停用");
      expect(await planExists(`monthly_${P}_计划运营部`)).toBe(false);
    } finally {
      await huangmin.update({ active: true });
    }
  });

  it("when the sheet was made from an outdated template version, then 409 TEMPLATE_OUTDATED and nothing is written", async () => {
    const P = `${year}-01`;
    const r = await call(stack, planner, "submit", planTable([t(P, { quarterlyItem: q1(1) })], { period: P, version: MONTHLY_PLAN.version - 1 }));
    expect(r.status).toBe(409);
    expect(r.error?.code).toBe("TEMPLATE_OUTDATED");
    expect(r.error?.message.zh).toContain("新建模板");
    expect(r.error?.message.en).toContain(`version ${MONTHLY_PLAN.version - 1}`);
    expect(await planExists(`monthly_${P}_计划运营部`)).toBe(false);
  });

  describe("immutable revisions", () => {
    const P = `${year}-03`;
    const planId = `monthly_${P}_计划运营部`;
    let revision1: PlanView | undefined;
    let revision2: PlanView | undefined;

    it("when revision 1 is returned and revision 2 submitted and approved, then revision 1 reads back exactly as it was submitted", async () => {
      const r1 = await call(
        stack,
        planner,
        "submit",
        planTable([t(P, { content: "A", quarterlyItem: q1(1) }), t(P, { content: "B", owner: "杨强", quarterlyItem: q1(2) })], { period: P }),
      );
      expect(r1.status, JSON.stringify(r1.error)).toBe(200);
      revision1 = (await call(stack, planner, "getPlan", { planId, revision: 1 })).body;
      expect(revision1.items.map((i) => i.title)).toEqual(["A", "B"]);
      expect((await call(stack, manager, "decide", { planId, revision: 1, decision: "return", comment: "A 要写清楚交付成果" })).status).toBe(200);

      const [a] = r1.body.rows.map((x) => x.itemId!);
      const r2 = await call(
        stack,
        planner,
        "submit",
        planTable([t(P, { taskId: a!, content: "A 交付月报", quarterlyItem: q1(1) }), t(P, { content: "C", owner: "陈静", quarterlyItem: q1(2), weight: 2 })], {
          period: P,
        }),
      );
      expect(r2.status, JSON.stringify(r2.error)).toBe(200);
      expect(r2.body.revision).toBe(2);
      expect((await call(stack, manager, "decide", { planId, revision: 2, decision: "approve" })).status).toBe(200);

      const again = await call(stack, planner, "getPlan", { planId, revision: 1 });
      expect(again.status).toBe(200);
      expect(again.body.revision).toBe(1);
      expect(again.body.items).toEqual(revision1.items);
      revision2 = (await call(stack, planner, "getPlan", { planId, revision: 2 })).body;
      expect(revision2.items.map((i) => [i.itemId, i.title, i.owner?.name, i.weight])).toEqual([
        [a, "A 交付月报", "李明", 1],
        [`${P}-计划运营部-003`, "C", "陈静", 2],
      ]);
      const live = await call(stack, planner, "getPlan", { planId });
      expect(live.body).toMatchObject({ status: "approved", revision: 2, latestRevision: 2, approvedRevision: 2 });
      expect(live.body.items).toEqual(revision2.items);
      const approvals = await stack.db.collection("approvals").where("subject.id", "==", planId).get();
      expect(approvals.docs.map((d) => [d.data().revision, d.data().status]).sort()).toEqual([
        [1, "returned"],
        [2, "approved"],
      ]);
    });

    it("when progress is reported on the approved plan, then the live items change and the approved revision does not", async () => {
      const headers = planTable([]).headers;
      const cells = (o: Record<string, string | number>) => headers.map((h) => o[h] ?? null);
      const a = revision2!.items[0]!.itemId;
      const r = await call(stack, planner, "updateProgress", {
        planId,
        headers,
        rows: [{ row: 2, cells: cells({ 任务编号: a, 状态: "进行中", 完成百分比: "50%" }) }],
      });
      expect(r.status, JSON.stringify(r.error)).toBe(200);
      expect(r.body.updated).toBe(1);
      const live = await call(stack, planner, "getPlan", { planId });
      expect(live.body.items[0]).toMatchObject({ itemId: a, status: "in_progress", percent: 50 });
      const stored = await call(stack, planner, "getPlan", { planId, revision: 2 });
      expect(stored.body.items).toEqual(revision2!.items);
      expect(stored.body.items[0]).toMatchObject({ status: "not_started", percent: 0 });
      expect((await call(stack, planner, "getPlan", { planId, revision: 1 })).body.items).toEqual(revision1!.items);
    });
  });
});
