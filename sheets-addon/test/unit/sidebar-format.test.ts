import { describe, expect, it } from "vitest";
import { messagesFor } from "../../src/i18n/messages.js";
import { parseFailure } from "../../src/sidebar/failure.js";
import {
  changeCounts,
  changeLines,
  dayRange,
  extraColumns,
  fieldLabel,
  fill,
  formatWeight,
  localTime,
  parentText,
  planTotals,
  shortDay,
  valueText,
} from "../../src/sidebar/format.js";

const zh = messagesFor("zh").sidebar;
const en = messagesFor("en").sidebar;
const person = (name: string, email = `${name}@demo.planops.cn`) => ({ name, email });

describe("sidebar: dates and times", () => {
  it("when a date lies in the plan's year, then it is shown as MM-DD; another year's stays whole", () => {
    expect(shortDay("2027-01-05", "2027-01")).toBe("01-05");
    expect(shortDay("2027-03-31", "2027-Q1")).toBe("03-31");
    expect(shortDay("2027-12-31", "2027")).toBe("12-31");
    expect(shortDay("2026-12-31", "2027-01")).toBe("2026-12-31");
    expect(shortDay("soon", "2027-01")).toBe("soon");
  });

  it("when an item has a start and a due date, then they read start → due; a missing end is left open", () => {
    expect(dayRange("2027-01-05", "2027-01-20", "2027-01", "—")).toBe("01-05 → 01-20");
    expect(dayRange(null, "2027-01-20", "2027-01", "—")).toBe("→ 01-20");
    expect(dayRange("2027-01-05", null, "2027-01", "—")).toBe("01-05 →");
    expect(dayRange(null, null, "2027-01", "—")).toBe("—");
  });

  it("when a time is shown, then it is YYYY-MM-DD HH:mm in the department's time zone, whatever the browser's", () => {
    expect(localTime("2026-12-31T16:30:00.000Z", "Asia/Shanghai")).toBe("2027-01-01 00:30");
    expect(localTime("2026-12-31T16:30:00.000Z", "Europe/London")).toBe("2026-12-31 16:30");
    expect(localTime("2026-12-31T16:30:00.000Z", "Not/AZone")).toBe("2026-12-31 16:30 UTC");
    expect(localTime("garbage", "Asia/Shanghai")).toBe("garbage");
  });
});

describe("sidebar: totals", () => {
  it("when a plan is shown, then it counts its items and weight, and per owner, the heaviest share first", () => {
    const items = [
      { owner: person("黄敏"), weight: 1 },
      { owner: person("杨强"), weight: 2.5 },
      { owner: person("黄敏"), weight: 3 },
      { owner: null, weight: 0.5 },
    ];
    const totals = planTotals(items, zh.noOwner);
    expect(totals).toMatchObject({ count: 4, weight: 7 });
    expect(totals.owners.map((o) => [o.name, o.count, o.weight])).toEqual([
      ["黄敏", 2, 4],
      ["杨强", 1, 2.5],
      ["未指定责任人", 1, 0.5],
    ]);
    expect(planTotals([], zh.noOwner)).toEqual({ count: 0, weight: 0, owners: [] });
  });

  it("when weights add up to float noise, then they are shown as people write them", () => {
    expect(formatWeight(0.1 + 0.2)).toBe("0.3");
    expect(formatWeight(2)).toBe("2");
    expect(formatWeight(1 / 3)).toBe("0.33");
  });

  it("when a string has placeholders, then they are filled, and an unknown one is left alone", () => {
    expect(fill(zh.totalsLine, { count: 30, weight: "45" })).toBe("30 项 · 总权重 45");
    expect(fill(en.totalsLine, { count: 30, weight: "45" })).toBe("30 items · total weight 45");
    expect(fill("{a} {b}", { a: 1 })).toBe("1 {b}");
  });
});

describe("sidebar: changes since the revision before", () => {
  const plan = {
    kind: "monthly-plan",
    period: "2027-01",
    changes: [
      {
        itemId: "2027-01-计划运营部-001",
        kind: "changed" as const,
        title: "季度客户回访",
        fields: [
          { key: "owner", from: person("黄敏"), to: person("杨强") },
          { key: "due", from: "2027-01-12", to: "2027-01-15" },
          { key: "weight", from: 1, to: 2 },
          { key: "priority", from: "medium", to: "high" },
          { key: "deliverable", from: "", to: "回访报告" },
        ],
      },
      { itemId: "2027-01-计划运营部-002", kind: "removed" as const, title: "更新流程清单", fields: [] },
      { itemId: "2027-01-计划运营部-003", kind: "added" as const, title: "新任务", fields: [] },
    ],
  };

  it("when a field changed, then it is named by the template's header and its values read as in the sheet", () => {
    const [changed] = changeLines(plan, "zh", zh);
    expect(changed?.fields).toEqual([
      { key: "owner", label: "责任人", from: "黄敏", to: "杨强" },
      { key: "due", label: "完成时间", from: "01-12", to: "01-15" },
      { key: "weight", label: "权重", from: "1", to: "2" },
      { key: "priority", label: "优先级", from: "中", to: "高" },
      { key: "deliverable", label: "交付成果", from: "—", to: "回访报告" },
    ]);
    expect(changeLines(plan, "en", en)[0]?.fields.map((f) => `${f.label}: ${f.from} → ${f.to}`)).toEqual([
      "Owner: 黄敏 → 杨强",
      "Due date: 01-12 → 01-15",
      "Weight: 1 → 2",
      "Priority: Medium → High",
      "Deliverable: — → 回访报告",
    ]);
    expect(changeCounts(changeLines(plan, "zh", zh))).toEqual({ added: 1, removed: 1, changed: 1 });
  });

  it("when a column is not one this add-on knows (a newer template), then its key and raw value are shown", () => {
    expect(fieldLabel("monthly-plan", "budget", "zh")).toBe("budget");
    expect(fieldLabel("no-such-kind", "due", "zh")).toBe("due");
    expect(valueText("monthly-plan", "tags", ["a", "b"], "2027-01", "zh", zh)).toBe("a、b");
    expect(valueText("monthly-plan", "done", true, "2027-01", "en", en)).toBe("✓");
    expect(valueText("monthly-plan", "percent", 60, "2027-01", "en", en)).toBe("60%");
  });

  it("when items are shown, then each kind's own columns appear: deliverable for monthly, indicator and target for annual", () => {
    expect(extraColumns("monthly-plan").lines.map((c) => c.key)).toEqual(["deliverable"]);
    expect(extraColumns("monthly-plan").chips.map((c) => c.key)).toEqual(["priority"]);
    expect(extraColumns("annual-plan").lines.map((c) => c.key)).toEqual(["indicator", "target"]);
    expect(extraColumns("annual-plan").chips.map((c) => c.key)).toEqual(["category"]);
    expect(extraColumns("quarterly-plan").lines.map((c) => c.key)).toEqual(["focus"]);
    expect(extraColumns("unknown")).toEqual({ lines: [], chips: [] });
  });

  it("when an item names its parent, then the parent's ID comes with its title where known", () => {
    const parents = [{ itemId: "2027-Q1-计划运营部-002", title: "客户满意度提升" }];
    expect(parentText("2027-Q1-计划运营部-002", parents)).toBe("2027-Q1-计划运营部-002 客户满意度提升");
    expect(parentText("2027-Q1-计划运营部-009", parents)).toBe("2027-Q1-计划运营部-009");
  });
});

describe("sidebar: failed calls", () => {
  it("when the server refuses, then the code is split off the message in either language", () => {
    const t = messagesFor("zh");
    expect(parseFailure(t.failure("你不在人员名册中", "NOT_IN_ROSTER"))).toEqual({ kind: "refused", message: "你不在人员名册中", code: "NOT_IN_ROSTER" });
    expect(parseFailure(messagesFor("en").failure("Not yours (see row 3)", "FORBIDDEN"))).toEqual({
      kind: "refused",
      message: "Not yours (see row 3)",
      code: "FORBIDDEN",
    });
  });

  it("when someone else decided first or the plan was resubmitted, then it is information, not an error", () => {
    expect(parseFailure("该计划已处理（ALREADY_DECIDED）").kind).toBe("decided");
    expect(parseFailure("The plan has a newer revision (STALE_REVISION)").kind).toBe("decided");
  });

  it("when the server was unreachable or failed, or the call broke before any answer, then retrying is offered", () => {
    expect(parseFailure("暂时无法连接（NETWORK）")).toMatchObject({ kind: "retry", code: "NETWORK" });
    expect(parseFailure("Server trouble (INTERNAL)")).toMatchObject({ kind: "retry", code: "INTERNAL" });
    expect(parseFailure("暂时无法连接 Google 表格服务，仪表板刷新未完成，请稍后再试（UNAVAILABLE）")).toMatchObject({ kind: "retry", code: "UNAVAILABLE" });
    expect(parseFailure("NetworkError: Connection failure due to HTTP 0")).toEqual({ kind: "retry", message: null, code: null });
  });
});
