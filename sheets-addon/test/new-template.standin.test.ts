import { MARKER_KEYS, MONTHLY_PLAN, OPERATIONS_DATA, OPERATIONS_INDICATORS, headerRow } from "@planops/shared";
import { describe, expect, it } from "vitest";
import { ADDON_NAME, OWNER, nextMonthInShanghai, openWithAddon } from "./support/addon-session.js";
import { useAddonAndStack } from "./support/use-addon-stack.js";

const env = useAddonAndStack();

const period = nextMonthInShanghai();
const col = (key: string) => MONTHLY_PLAN.columns.findIndex((c) => c.key === key) + 1;

describe("新建模板 › 月度计划 with the built bundle", () => {
  it("when the spreadsheet opens, then Extensions › 计划运营 lists the menu in Chinese", () => {
    const bundle = openWithAddon({ ...env, email: OWNER });
    expect(bundle.standIn.menuItems().map((m) => m.path.join(" › "))).toEqual([
      `${ADDON_NAME} › 新建模板 › 年度计划`,
      `${ADDON_NAME} › 新建模板 › 季度计划`,
      `${ADDON_NAME} › 新建模板 › 月度计划`,
      `${ADDON_NAME} › 新建模板 › 实施步骤`,
      `${ADDON_NAME} › 新建模板 › 调整申请`,
      `${ADDON_NAME} › 新建模板 › 运营数据`,
      `${ADDON_NAME} › 新建模板 › 运营指标设置`,
      `${ADDON_NAME} › 新建模板 › 人员名册`,
      `${ADDON_NAME} › 提交`,
      `${ADDON_NAME} › 更新进度`,
      `${ADDON_NAME} › 下发计划`,
      `${ADDON_NAME} › 刷新进度`,
      `${ADDON_NAME} › 提交审核意见`,
      `${ADDON_NAME} › 同步最新版本`,
      `${ADDON_NAME} › 审批`,
      `${ADDON_NAME} › 完成率`,
      `${ADDON_NAME} › 仪表板 › 汇总 / 仪表板`,
      `${ADDON_NAME} › 仪表板 › 打开仪表板`,
      `${ADDON_NAME} › 仪表板 › 刷新仪表板`,
      `${ADDON_NAME} › 仪表板 › 立即汇总`,
      `${ADDON_NAME} › 数据分析报告 › 生成报告`,
      `${ADDON_NAME} › 数据分析报告 › 发布报告`,
    ]);
  });

  it("when a Chinese user creates it, then next month's sheet has the template's header, notes, frozen row and marker", () => {
    const bundle = openWithAddon({ ...env, email: OWNER });
    bundle.clickMenu(ADDON_NAME, "新建模板", "月度计划");
    const name = `月度计划 ${period}`;
    const sheet = bundle.standIn.sheet(name);
    expect(bundle.standIn.doc.active.sheet).toBe(sheet);
    expect(bundle.standIn.values(name)[0]).toEqual(headerRow(MONTHLY_PLAN, "zh"));
    expect(bundle.standIn.notes(name)).toMatchObject({ A1: "提交后由系统填写，请勿修改", H1: "计划月份内的日期" });
    expect(sheet.frozenRows).toBe(1);
    expect(Object.fromEntries(sheet.metadata.map((m) => [m.key, m.value]))).toEqual({
      [MARKER_KEYS.template]: "monthly-plan",
      [MARKER_KEYS.version]: String(MONTHLY_PLAN.version),
      [MARKER_KEYS.period]: period,
    });
    expect(sheet.colWidths.get(col("content"))).toBe(280);
    expect(bundle.standIn.toasts.at(-1)?.message).toContain(name);
  });

  it("when created, then dropdowns refuse other values, dates show yyyy-mm-dd and text columns keep text", () => {
    const bundle = openWithAddon({ ...env, email: OWNER });
    bundle.clickMenu(ADDON_NAME, "新建模板", "月度计划");
    const sheet = bundle.standIn.sheet(`月度计划 ${period}`);
    const cell = (row: number, key: string) => sheet.cell(row, col(key));
    const rule = (key: string) => cell(2, key)?.validation?.rule;

    expect(rule("priority")).toMatchObject({ criteria: "VALUE_IN_LIST", values: [["高", "中", "低"], true], allowInvalid: false });
    expect(rule("status")?.values[0]).toEqual(["未开始", "进行中", "已完成", "受阻", "已取消"]);
    expect(rule("department")?.values[0]).toContain("计划运营部");
    expect(rule("owner")?.values[0]).toContain("李明");
    expect(sheet.cell(500, col("owner"))?.validation?.rule.allowInvalid).toBe(false);
    expect(cell(2, "due")?.format).toBe("yyyy-mm-dd");
    for (const key of ["taskId", "content", "quarterlyItem", "deliverable", "feedback"]) expect(cell(2, key)?.format).toBe("@");

    bundle.standIn.typeInto(sheet.name, "B2", "=SUM(1,2)");
    bundle.standIn.typeInto(sheet.name, "I2", "+8613800000000");
    bundle.standIn.typeInto(sheet.name, "N2", "-优化流程");
    expect(bundle.standIn.values(sheet.name)[1]?.filter((v) => v !== "")).toEqual(["=SUM(1,2)", "+8613800000000", "-优化流程"]);
    expect(() => bundle.standIn.typeInto(sheet.name, "F2", "特急")).toThrow();
  });

  it("when % complete is typed as 60%, 0.6 or 1, then it shows as a whole percentage and reads back as the fraction the backend takes", () => {
    const bundle = openWithAddon({ ...env, email: OWNER });
    bundle.clickMenu(ADDON_NAME, "新建模板", "月度计划");
    const name = `月度计划 ${period}`;
    const sheet = bundle.standIn.sheet(name);
    const percent = col("percent");
    expect(sheet.cell(2, percent)?.format).toBe("0%");
    expect(sheet.cell(500, percent)?.format).toBe("0%");
    expect(sheet.cell(2, col("weight"))?.format ?? null).toBeNull(); // the weight stays a plain number

    const L = String.fromCharCode(64 + percent);
    bundle.standIn.typeInto(name, `${L}2`, "60%");
    bundle.standIn.typeInto(name, `${L}3`, "0.6");
    bundle.standIn.typeInto(name, `${L}4`, "1");
    bundle.standIn.typeInto(name, `${L}5`, "0%");
    bundle.standIn.typeInto(name, `${L}6`, "100%");
    const shown = bundle.standIn
      .displayValues(name)
      .slice(1, 6)
      .map((r) => r[percent - 1]);
    const read = bundle.standIn
      .values(name)
      .slice(1, 6)
      .map((r) => r[percent - 1]);
    expect(shown).toEqual(["60%", "60%", "100%", "0%", "100%"]);
    expect(read).toEqual([0.6, 0.6, 1, 0, 1]);
  });

  it("when another editor edits, then the header is refused and the ID column only warns", () => {
    const bundle = openWithAddon({ ...env, email: OWNER });
    bundle.clickMenu(ADDON_NAME, "新建模板", "月度计划");
    const name = `月度计划 ${period}`;
    const protections = bundle.standIn.sheet(name).protections;
    expect(protections.map((p) => [p.description, p.warningOnly])).toEqual([
      ["计划运营：表头由系统维护，请勿修改", false],
      ["计划运营：任务编号由系统填写，请勿修改", true],
    ]);

    bundle.standIn.setUser({ email: "chenjing@demo.planops.cn", locale: "zh_CN" });
    expect(() => bundle.standIn.userEditProtected(name, "B1", "改表头")).toThrow(/protected/);
    expect(bundle.standIn.userEditProtected(name, "A2", "手填编号")).toEqual({ warned: true });
    bundle.standIn.setUser({ email: OWNER, locale: "zh_CN" });
    expect(bundle.standIn.userEditProtected(name, "B1", "任务内容")).toEqual({ warned: false });
  });

  it("when next month's sheet exists, then it is activated and the user is told, without a second sheet", () => {
    const bundle = openWithAddon({ ...env, email: OWNER });
    bundle.clickMenu(ADDON_NAME, "新建模板", "月度计划");
    bundle.standIn.doc.active.sheet = bundle.standIn.doc.sheets[0]!;
    bundle.clickMenu(ADDON_NAME, "新建模板", "月度计划");
    expect(bundle.standIn.doc.sheets.map((s) => s.name)).toEqual(["工作表1", `月度计划 ${period}`]);
    expect(bundle.standIn.doc.active.sheet.name).toBe(`月度计划 ${period}`);
    expect(bundle.standIn.ui.alerts.at(-1)?.prompt).toBe(`下月的计划表「月度计划 ${period}」已存在，已为您切换到该表。`);
  });

  it("when an English user creates it, then the menu, sheet name, headers and dropdown labels are English", () => {
    const bundle = openWithAddon({ ...env, email: "zhoujie@demo.planops.cn", locale: "en_US" });
    expect(bundle.standIn.menuItems()[2]?.path).toEqual([ADDON_NAME, "New template", "Monthly plan"]);
    bundle.clickMenu(ADDON_NAME, "New template", "Monthly plan");
    const name = `Monthly plan ${period}`;
    expect(bundle.standIn.values(name)[0]).toEqual(headerRow(MONTHLY_PLAN, "en"));
    expect(bundle.standIn.sheet(name).cell(2, col("priority"))?.validation?.rule.values[0]).toEqual(["High", "Medium", "Low"]);
  });

  it("when Apps Script gives no identity token, then no request is made and the user is asked, in their language, to reauthorise", () => {
    const zh = openWithAddon({ ...env, email: OWNER, identityToken: () => null });
    zh.clickMenu(ADDON_NAME, "新建模板", "月度计划");
    expect(zh.requests).toEqual([]);
    expect(zh.standIn.doc.sheets).toHaveLength(1);
    expect(zh.standIn.ui.alerts.at(-1)?.prompt).toMatch(/^无法确认您的身份.*重新授权.*（NO_IDENTITY_TOKEN）$/s);

    const en = openWithAddon({ ...env, email: "zhoujie@demo.planops.cn", locale: "en_US", identityToken: () => null });
    en.clickMenu(ADDON_NAME, "New template", "Monthly plan");
    expect(en.requests).toEqual([]);
    expect(en.standIn.ui.alerts.at(-1)?.prompt).toMatch(/^Your identity could not be confirmed.*reauthorise.*\(NO_IDENTITY_TOKEN\)$/s);
  });

  it("when someone outside the roster tries, then no sheet is created and the backend's refusal is shown", () => {
    const bundle = openWithAddon({ ...env, email: "outsider@example.com" });
    bundle.clickMenu(ADDON_NAME, "新建模板", "月度计划");
    expect(bundle.standIn.doc.sheets).toHaveLength(1);
    expect(bundle.standIn.ui.alerts.at(-1)?.prompt).toMatch(/（NOT_IN_ROSTER）$/);
  });
});

describe("新建模板 › 运营数据 / 运营指标设置 with the built bundle", () => {
  it.each([OPERATIONS_DATA, OPERATIONS_INDICATORS])(
    "when $title.zh is created, then its sheet has the template's header, frozen row and marker",
    (template) => {
      const bundle = openWithAddon({ ...env, email: "zhoujie@demo.planops.cn" });
      bundle.clickMenu(ADDON_NAME, "新建模板", template.title.zh);
      const sheet = bundle.standIn.doc.active.sheet;
      expect(sheet.name.startsWith(template.title.zh)).toBe(true);
      expect(bundle.standIn.values(sheet.name)[0]).toEqual(headerRow(template, "zh"));
      expect(sheet.frozenRows).toBe(1);
      expect(Object.fromEntries(sheet.metadata.map((m) => [m.key, m.value]))).toMatchObject({ [MARKER_KEYS.template]: template.id });
    },
  );
});
