import { ROSTER } from "@planops/shared";
import { MemberSchema } from "@planops/shared/api";
import { beforeEach, describe, expect, it } from "vitest";
import { DEMO_ROSTER, demoEmail, personCells, type RosterCells, rosterTable } from "../../local/demo-org.js";
import { seedRoster } from "../../local/seed.js";
import { call } from "../support/call.js";
import { useStack } from "../support/stack.js";

const stack = useStack();

const hr = demoEmail("孙丽");
const manager = demoEmail("张伟"); // 计划运营部
const staff = demoEmail("李明");

/** The demo organisation as sheet rows (row 2 = 张伟 … row 14 = 马晓明), to edit per test. */
const demoRows = (): RosterCells[] => DEMO_ROSTER.map((p) => personCells(p));
const rowOf = (name: string) => DEMO_ROSTER.findIndex((p) => p.name === name) + 2;
const edit = (rows: RosterCells[], name: string, over: RosterCells) => rows.map((r) => (r.name === name ? { ...r, ...over } : r));
const without = (rows: RosterCells[], name: string) => rows.filter((r) => r.name !== name);
const columnOf = (key: string) => ROSTER.columns.findIndex((c) => c.key === key) + 1;

/** The submit request the add-on sends for a roster sheet. */
function rosterSheet(rows: RosterCells[], opts: { lang?: "zh" | "en" } = {}) {
  return {
    ...rosterTable(rows, opts),
    template: { id: ROSTER.id, version: ROSTER.version },
    period: "",
    spreadsheet: { id: "sheet-roster", sheetId: 3, sheetName: "人员名册" },
  };
}

/** Every stored roster document with its last update time: equal snapshots mean nothing was written. */
async function storedRoster() {
  const snap = await stack.db.collection("roster").get();
  return Object.fromEntries(snap.docs.map((d) => [d.id, { data: d.data(), updated: d.updateTime.toMillis() }]));
}
const stored = async (email: string) => (await stack.db.collection("roster").doc(email).get()).data();

// Each test starts from the demo organisation, loaded through the same path as a submission.
beforeEach(async () => {
  await seedRoster(stack.db, DEMO_ROSTER);
});

describe("submitting the roster sheet", () => {
  it("when HR submits the roster with a new person, then the records are stored as the sheet says and the new person may sign in", async () => {
    const newcomer = {
      name: "林晓",
      email: "LinXiao@Demo.Planops.cn",
      department: "计划运营部",
      group: "计划组",
      roles: "员工",
      supervisor: "王芳",
      language: "英文",
    };
    const r = await call(stack, hr, "submit", rosterSheet([...demoRows(), newcomer]));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ kind: "roster", documentId: "roster", revision: null, status: null, unchanged: false });
    expect(r.body.message.zh).toBe("名册已更新：新增 1 人，修改 0 人，停用 0 人");
    expect(r.body.message.en).toBe("Roster updated: 1 added, 0 changed, 0 deactivated");
    expect(r.body.rows).toHaveLength(DEMO_ROSTER.length + 1);
    expect(r.body.rows.at(-1)).toEqual({ row: DEMO_ROSTER.length + 2, itemId: "linxiao@demo.planops.cn", status: "active" });

    const record = await stored("linxiao@demo.planops.cn");
    expect(MemberSchema.parse(record)).toEqual(record);
    expect(record).toEqual({
      email: "linxiao@demo.planops.cn",
      name: "林晓",
      department: "计划运营部",
      group: "计划组",
      roles: ["staff"],
      supervisor: demoEmail("王芳"),
      actsFor: [],
      locale: "en",
      active: true,
    });
    expect(await stored(demoEmail("王芳"))).toMatchObject({ roles: ["deputy"], actsFor: [manager], supervisor: manager });
    expect((await call(stack, "linxiao@demo.planops.cn", "roster")).status).toBe(200);
  });

  it("when a person is removed from the sheet, then they are deactivated, their record is kept, and they can no longer call the API", async () => {
    const leaver = demoEmail("黄敏");
    expect((await call(stack, leaver, "roster")).status).toBe(200);
    const r = await call(stack, hr, "submit", rosterSheet(without(demoRows(), "黄敏")));
    expect(r.status).toBe(200);
    expect(r.body.message.zh).toBe("名册已更新：新增 0 人，修改 0 人，停用 1 人");
    expect(await stored(leaver)).toMatchObject({ email: leaver, name: "黄敏", group: "运营组", active: false });
    const refused = await call(stack, leaver, "roster");
    expect(refused.status).toBe(403);
    expect(refused.error?.code).toBe("NOT_IN_ROSTER");
    const records = await call(stack, hr, "rosterRecords");
    expect(records.body.rows.find((p) => p.email === leaver)).toMatchObject({ name: "黄敏", active: "inactive" });
  });

  it("when a row's status is 停用, then that person is deactivated and the row says so", async () => {
    const r = await call(stack, hr, "submit", rosterSheet(edit(demoRows(), "吴婷", { active: "停用" })));
    expect(r.status).toBe(200);
    expect(r.body.message.zh).toBe("名册已更新：新增 0 人，修改 0 人，停用 1 人");
    expect(r.body.rows.find((x) => x.row === rowOf("吴婷"))).toEqual({ row: rowOf("吴婷"), itemId: demoEmail("吴婷"), status: "inactive" });
    expect(await stored(demoEmail("吴婷"))).toMatchObject({ active: false });
  });

  it("when the same roster is submitted again, in either language, then nothing is written and the answer says unchanged", async () => {
    const before = await storedRoster();
    const r = await call(stack, hr, "submit", rosterSheet(demoRows()));
    expect(r.status).toBe(200);
    expect(r.body.unchanged).toBe(true);
    expect(r.body.message.zh).toBe("名册未变化，无需重新提交");
    expect(r.body.rows.every((x) => x.status === "active")).toBe(true);
    // English headers and labels; roles as their stored values (multi-word English role labels are not read yet: cells.ts splits lists on spaces).
    const english = await call(
      stack,
      hr,
      "submit",
      rosterSheet(
        DEMO_ROSTER.map((p) => ({ ...personCells(p, "en"), roles: p.roles.join(", ") })),
        { lang: "en" },
      ),
    );
    expect(english.status).toBe(200);
    expect(english.body.unchanged).toBe(true);
    expect(await storedRoster()).toEqual(before);
  });

  type Case = [what: string, rows: () => RosterCells[], marks: { row: number; key: string; code: string }[]];
  const cases: Case[] = [
    [
      "the same email on two rows",
      () => [...demoRows(), { name: "李明明", email: demoEmail("李明"), department: "计划运营部", roles: "员工" }],
      [
        { row: rowOf("李明"), key: "email", code: "DUPLICATE_EMAIL" },
        { row: DEMO_ROSTER.length + 2, key: "email", code: "DUPLICATE_EMAIL" },
      ],
    ],
    [
      "a supervisor who is not in the sheet",
      () => edit(demoRows(), "李明", { supervisor: "不存在的人" }),
      [{ row: rowOf("李明"), key: "supervisor", code: "UNKNOWN_PERSON" }],
    ],
    [
      "a supervisor named by a name two rows share",
      () =>
        [...demoRows(), { name: "王芳", email: "wangfang2@demo.planops.cn", department: "销售部", roles: "员工", supervisor: "郑浩" }].map((r) =>
          r.name === "李明" ? { ...r, supervisor: "王芳" } : r,
        ),
      [{ row: rowOf("李明"), key: "supervisor", code: "AMBIGUOUS_PERSON" }],
    ],
    [
      "a person who is their own supervisor",
      () => edit(demoRows(), "陈静", { supervisor: "陈静" }),
      [{ row: rowOf("陈静"), key: "supervisor", code: "SELF_SUPERVISOR" }],
    ],
    [
      "supervisors that form a cycle (张伟 → 李明 → 王芳 → 张伟)",
      () => edit(demoRows(), "张伟", { supervisor: "李明" }),
      ["张伟", "王芳", "李明"].map((n) => ({ row: rowOf(n), key: "supervisor", code: "SUPERVISOR_CYCLE" })),
    ],
    ["a role that does not exist", () => edit(demoRows(), "李明", { roles: "boss" }), [{ row: rowOf("李明"), key: "roles", code: "NOT_ALLOWED" }]],
    [
      "a deputy acting for someone who is not a manager",
      () => edit(demoRows(), "王芳", { actsFor: "李明" }),
      [{ row: rowOf("王芳"), key: "actsFor", code: "ACTS_FOR_NOT_MANAGER" }],
    ],
    [
      "acting-for on someone who is not a deputy",
      () => edit(demoRows(), "李明", { actsFor: "张伟" }),
      [{ row: rowOf("李明"), key: "actsFor", code: "ACTS_FOR_NOT_DEPUTY" }],
    ],
    [
      "acting for someone not in the sheet",
      () => edit(demoRows(), "赵磊", { actsFor: "nobody@demo.planops.cn" }),
      [{ row: rowOf("赵磊"), key: "actsFor", code: "UNKNOWN_PERSON" }],
    ],
    [
      "a department with a slash",
      () => edit(demoRows(), "马晓明", { department: "销售部/华东" }),
      [{ row: rowOf("马晓明"), key: "department", code: "BAD_DEPARTMENT" }],
    ],
    ...["..", "company", "__system__"].map(
      (department): Case => [
        `a department named ${department} (reserved: Firestore ids, the company dashboard)`,
        () => edit(demoRows(), "马晓明", { department }),
        [{ row: rowOf("马晓明"), key: "department", code: "BAD_DEPARTMENT" }],
      ],
    ),
    [
      "a supervisor who is deactivated in the sheet",
      () => edit(demoRows(), "赵磊", { active: "停用" }),
      ["杨强", "黄敏", "周杰", "吴婷"].map((n) => ({ row: rowOf(n), key: "supervisor", code: "SUPERVISOR_INACTIVE" })),
    ],
    ["the only HR person deactivated", () => edit(demoRows(), "孙丽", { active: "停用" }), [{ row: rowOf("孙丽"), key: "active", code: "NO_ACTIVE_HR" }]],
  ];
  it.each(cases)("when the sheet has %s, then the right cells are marked and nothing is written", async (_what, rows, marks) => {
    const before = await storedRoster();
    const r = await call(stack, hr, "submit", rosterSheet(rows()));
    expect(r.status).toBe(422);
    expect(r.error?.code).toBe("VALIDATION_FAILED");
    const cells = r.error?.cells ?? [];
    expect(cells.map((c) => ({ row: c.row, column: c.column, code: c.code })).sort((a, b) => a.row - b.row)).toEqual(
      marks.map((m) => ({ row: m.row, column: columnOf(m.key), code: m.code })).sort((a, b) => a.row - b.row),
    );
    for (const c of cells) {
      expect(c.header).toBe(ROSTER.columns[c.column - 1]?.header.zh);
      expect(c.message.zh).toContain(`第 ${c.row} 行`);
      expect(c.message.en).toContain(`Row ${c.row}`);
    }
    expect(await storedRoster()).toEqual(before);
  });

  it("when a duplicate email or a cycle is reported, then the message names both rows or the whole cycle", async () => {
    const dup = await call(
      stack,
      hr,
      "submit",
      rosterSheet([...demoRows(), { name: "李明明", email: demoEmail("李明"), department: "计划运营部", roles: "员工" }]),
    );
    expect(dup.error?.cells?.[0]?.message.zh).toContain(`第 ${rowOf("李明")}、${DEMO_ROSTER.length + 2} 行`);
    const cycle = await call(stack, hr, "submit", rosterSheet(edit(demoRows(), "张伟", { supervisor: "李明" })));
    const text = cycle.error?.cells?.[0]?.message.zh ?? "";
    expect(text).toMatch(/→/);
    for (const name of ["张伟", "李明", "王芳"]) expect(text).toContain(name);
  });

  it("when HR leaves themselves out of the sheet and no other HR remains, then the submission is refused and nobody is locked out", async () => {
    const before = await storedRoster();
    const r = await call(stack, hr, "submit", rosterSheet(without(demoRows(), "孙丽")));
    expect(r.status).toBe(422);
    expect(r.error?.message.zh).toContain("人力资源");
    expect(r.error?.message.en).toContain("HR");
    expect(await storedRoster()).toEqual(before);
    expect((await call(stack, hr, "rosterRecords")).status).toBe(200);
  });
});

describe("who may submit the roster", () => {
  it("when staff submit the roster, then they are refused with 403", async () => {
    const r = await call(stack, staff, "submit", rosterSheet(demoRows()));
    expect(r.status).toBe(403);
    expect(r.error?.code).toBe("FORBIDDEN");
    expect(r.error?.message.zh).toContain("人力资源");
    expect(r.error?.message.en).toContain("HR");
    expect((await call(stack, staff, "rosterRecords")).status).toBe(403);
  });

  it("when a department manager changes a person of another department, then that row is refused as HR's to change and nothing is written", async () => {
    const before = await storedRoster();
    const r = await call(stack, manager, "submit", rosterSheet(edit(demoRows(), "马晓明", { language: "英文" })));
    expect(r.status).toBe(422);
    expect(r.error?.cells?.map((c) => [c.row, c.column, c.code])).toEqual([[rowOf("马晓明"), columnOf("department"), "OTHER_DEPARTMENT"]]);
    expect(r.error?.cells?.[0]?.message.zh).toContain("只有人力资源部门");
    expect(await storedRoster()).toEqual(before);
  });

  it("when a department manager moves someone into their department or grants the HR role, then it is refused", async () => {
    const moved = await call(stack, manager, "submit", rosterSheet(edit(demoRows(), "马晓明", { department: "计划运营部" })));
    expect(moved.error?.cells?.map((c) => [c.row, c.code])).toEqual([[rowOf("马晓明"), "OTHER_DEPARTMENT"]]);
    const granted = await call(stack, manager, "submit", rosterSheet(edit(demoRows(), "李明", { roles: "员工、人力资源" })));
    expect(granted.error?.cells?.map((c) => [c.row, c.column, c.code])).toEqual([[rowOf("李明"), columnOf("roles"), "ROLE_NEEDS_HR"]]);
  });

  it("when a department manager submits only their department, then it changes and other departments are left untouched", async () => {
    const others = Object.fromEntries(Object.entries(await storedRoster()).filter(([, d]) => d.data.department !== "计划运营部"));
    const mine = demoRows().filter((r) => r.department === "计划运营部");
    const newcomer = { name: "高远", email: "gaoyuan@demo.planops.cn", department: "计划运营部", group: "数据分析组", roles: "员工", supervisor: "赵磊" };
    const r = await call(stack, manager, "submit", rosterSheet([...without(mine, "黄敏"), newcomer]));
    expect(r.status).toBe(200);
    expect(r.body.message.zh).toBe("名册已更新：新增 1 人，修改 0 人，停用 1 人");
    expect(await stored(demoEmail("黄敏"))).toMatchObject({ active: false });
    expect(await stored("gaoyuan@demo.planops.cn")).toMatchObject({ active: true, supervisor: demoEmail("赵磊") });
    // 张伟's supervisor 刘洋 is of another department: not in the sheet, yet named by email and kept.
    expect(await stored(manager)).toMatchObject({ supervisor: demoEmail("刘洋"), active: true });
    const after = await storedRoster();
    for (const [id, doc] of Object.entries(others)) expect(after[id]).toEqual(doc);
  });

  it("when a department manager reads the roster sheet, then they get their department only; HR gets everyone, sorted by department then name", async () => {
    expect((await call(stack, hr, "submit", rosterSheet(without(demoRows(), "黄敏")))).status).toBe(200);
    const mine = await call(stack, manager, "rosterRecords");
    expect(mine.status).toBe(200);
    expect(new Set(mine.body.rows.map((p) => p.department))).toEqual(new Set(["计划运营部"]));
    // everyone of the department, active or not
    const department = DEMO_ROSTER.filter((p) => p.department === "计划运营部").map((p) => p.email);
    expect(mine.body.rows.filter((p) => department.includes(p.email))).toHaveLength(department.length);
    expect(mine.body.rows.find((p) => p.name === "黄敏")?.active).toBe("inactive");
    expect(mine.body.rows.find((p) => p.name === "王芳")).toEqual({
      name: "王芳",
      email: demoEmail("王芳"),
      department: "计划运营部",
      group: null,
      roles: ["deputy"],
      supervisor: manager,
      actsFor: [manager],
      language: "zh",
      active: "active",
    });
    expect(mine.body.rows.find((p) => p.name === "周杰")?.language).toBe("en");
    const all = await call(stack, hr, "rosterRecords");
    expect(all.body.rows.filter((p) => p.active === "active")).toHaveLength(DEMO_ROSTER.length - 1);
    const order = all.body.rows.map((p) => [p.department, p.name] as const);
    const sorted = [...order].sort((a, b) => a[0].localeCompare(b[0], "zh") || a[1].localeCompare(b[1], "zh"));
    expect(order).toEqual(sorted);
  });
});

describe("a malformed roster record in the store", () => {
  const broken = "broken@demo.planops.cn";

  it("when a record with roles 'boss' is written directly, then it is skipped and every other request still answers", async () => {
    await stack.db.collection("roster").doc(broken).set({ email: broken, name: "坏记录", department: "计划运营部", roles: "boss", active: true });
    try {
      const roster = await call(stack, staff, "roster");
      expect(roster.status).toBe(200);
      expect(roster.body.people.map((p) => p.email)).not.toContain(broken);
      const records = await call(stack, hr, "rosterRecords");
      expect(records.status).toBe(200);
      expect(records.body.rows.map((p) => p.email)).not.toContain(broken);
      expect((await call(stack, manager, "pendingApprovals")).status).toBe(200);
      const refused = await call(stack, broken, "roster");
      expect(refused.status).toBe(403);
      expect(refused.error?.code).toBe("NOT_IN_ROSTER");

      // HR's submission is not blocked by it and leaves it alone; a row with its email repairs it.
      const same = await call(stack, hr, "submit", rosterSheet(demoRows()));
      expect(same.status).toBe(200);
      expect(same.body.unchanged).toBe(true);
      expect(await stored(broken)).toMatchObject({ roles: "boss" });
      const repaired = await call(
        stack,
        hr,
        "submit",
        rosterSheet([...demoRows(), { name: "坏记录", email: broken, department: "计划运营部", roles: "员工" }]),
      );
      expect(repaired.status).toBe(200);
      expect(MemberSchema.safeParse(await stored(broken)).success).toBe(true);
      expect((await call(stack, broken, "roster")).status).toBe(200);
    } finally {
      await stack.db.collection("roster").doc(broken).delete();
    }
  });
});
