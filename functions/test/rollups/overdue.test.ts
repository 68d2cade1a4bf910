import { headerRow, MONTHLY_PLAN, period } from "@planops/shared";
import { describe, expect, it } from "vitest";
import { demoEmail } from "../../local/demo-org.js";
import { tally } from "../../src/rollups/completion-rate.js";
import { call } from "../support/call.js";
import { planTable, task } from "../support/plan-sheet.js";
import { useStack } from "../support/stack.js";

/** DOMAIN.md: overdue on day D = due before D and not done on or before D; a task finished late was overdue until the day it was finished. */
describe("overdue as of a day (tally)", () => {
  const late = { due: "2026-12-10", status: "done", actualFinish: "2026-12-20", weight: 1 };
  const onTime = { due: "2026-12-10", status: "done", actualFinish: "2026-12-08", weight: 1 };
  const open = { due: "2026-12-10", status: "in_progress", actualFinish: null, weight: 1 };
  const overdueOn = (t: typeof late | typeof open, day: string, p = "2026-12") => tally([t], period(p), day).overdue;

  it.each<[string, number, string]>([
    ["2026-12-09", 0, "before its due date"],
    ["2026-12-10", 0, "on its due date"],
    ["2026-12-11", 1, "the day after its due date"],
    ["2026-12-19", 1, "the day before it was finished"],
    ["2026-12-20", 0, "the day it was finished"],
    ["2027-03-01", 0, "long after"],
  ])("when a task due 12-10 and finished 12-20 is seen on %s, then overdue is %d (%s)", (day, expected) => {
    expect(overdueOn(late, day)).toBe(expected);
  });

  it("when a task finished on time is seen on any day, then it is never overdue", () => {
    for (const day of ["2026-12-01", "2026-12-10", "2026-12-11", "2026-12-31", "2027-06-30"]) expect(overdueOn(onTime, day)).toBe(0);
  });

  it("when a task is not done, then it is overdue from the day after its due date on, for good", () => {
    expect([overdueOn(open, "2026-12-10"), overdueOn(open, "2026-12-11"), overdueOn(open, "2027-12-31")]).toEqual([0, 1, 1]);
  });

  it("when a task due at the month's end is finished in the next month, then it is overdue in between, and the month's count follows the day", () => {
    const spill = { due: "2026-12-30", status: "done", actualFinish: "2027-01-03", weight: 1 };
    expect([overdueOn(spill, "2026-12-31"), overdueOn(spill, "2027-01-02"), overdueOn(spill, "2027-01-03")]).toEqual([1, 1, 0]);
    // together, as of each day
    const all = [late, onTime, open, spill];
    expect(tally(all, period("2026-12"), "2026-12-11").overdue).toBe(2); // late (not finished yet), open
    expect(tally(all, period("2026-12"), "2026-12-31").overdue).toBe(2); // open, spill (late was finished on 12-20)
  });

  it("when a cancelled task is past due and never done, then it is not overdue (it is out of scope)", () => {
    expect(tally([{ ...open, status: "cancelled" }], period("2026-12"), "2027-01-01").overdue).toBe(0);
  });
});

const stack = useStack();

describe("overdue as of a past day, through completionRates", () => {
  const planner = demoEmail("李明");
  const manager = demoEmail("张伟");
  const owner = demoEmail("杨强");
  const P = "2028-06";
  const HEADERS = headerRow(MONTHLY_PLAN, "zh");

  it("when X is finished late, Y on time and Z is still open, then the overdue count on each day follows DOMAIN.md", async () => {
    stack.setNow(new Date(`${P}-01T02:00:00Z`));
    const sub = await call(
      stack,
      planner,
      "submit",
      planTable(
        [
          task({ content: "X 采购流程检查", owner: "杨强", start: `${P}-01`, due: `${P}-10` }),
          task({ content: "Y 月度数据核对", owner: "杨强", start: `${P}-01`, due: `${P}-15` }),
          task({ content: "Z 客户回访汇总", owner: "杨强", start: `${P}-01`, due: `${P}-18` }),
        ],
        { period: P },
      ),
    );
    expect(sub.status, JSON.stringify(sub.error)).toBe(200);
    const planId = sub.body.documentId;
    const [X, Y, Z] = sub.body.rows.map((r) => r.itemId!);
    expect((await call(stack, manager, "decide", { planId, revision: 1, decision: "approve" })).status).toBe(200);

    stack.setNow(new Date(`${P}-25T04:00:00Z`));
    const cells = (id: string, status: string, finish: string | null) =>
      HEADERS.map((h) => ({ 任务编号: id, 状态: status, 实际完成时间: finish })[h as "任务编号"] ?? null);
    const progress = await call(stack, owner, "updateProgress", {
      planId,
      headers: HEADERS,
      rows: [
        { row: 2, cells: cells(X!, "已完成", `${P}-20`) },
        { row: 3, cells: cells(Y!, "已完成", `${P}-12`) },
        { row: 4, cells: cells(Z!, "进行中", null) },
      ],
    });
    expect(progress.status, JSON.stringify(progress.error)).toBe(200);

    const overdueOn = async (asOf: string) => {
      const r = await call(stack, manager, "completionRates", { period: P, asOf });
      expect(r.status, JSON.stringify(r.error)).toBe(200);
      expect(r.body.asOf).toBe(asOf);
      const person = r.body.people.find((p) => p.key === owner)!;
      const department = r.body.departments.find((d) => d.key === "计划运营部")!;
      expect(department.overdue).toBe(person.overdue);
      return person.overdue;
    };
    const expected: [string, number][] = [
      [`${P}-10`, 0], // X due today: not yet overdue
      [`${P}-11`, 1], // X
      [`${P}-16`, 1], // X (Y was done on the 12th, before its due date)
      [`${P}-19`, 2], // X and Z
      [`${P}-20`, 1], // X finished on the 20th: only Z
      [`${P}-30`, 1], // Z
    ];
    for (const [asOf, n] of expected) expect([asOf, await overdueOn(asOf)]).toEqual([asOf, n]);
    // without asOf: today in the department's time zone (the 25th), when only Z is overdue
    const today = await call(stack, manager, "completionRates", { period: P });
    expect(today.body.asOf).toBe(`${P}-25`);
    expect(today.body.people.find((p) => p.key === owner)).toMatchObject({ inScope: 3, doneOnTime: 1, doneByEnd: 2, overdue: 1 });
  });
});
