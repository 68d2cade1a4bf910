import { DOCUMENT_KINDS, TASK_STEPS_KIND } from "@planops/shared";
import { describe, expect, it } from "vitest";
import { resolveApiBase } from "../../src/config.js";
import { messagesFor } from "../../src/i18n/messages.js";
import * as globals from "../../src/index.js";
import { addonMenu, menuFunctionNames, newTemplateFunctionName, type MenuEntry } from "../../src/menu.js";

const built = { env: "prod", apiBaseUrl: "https://asia-east2-planops-prod.cloudfunctions.net" } as const;

describe("resolveApiBase", () => {
  it("when no script property is set, then the built-in base is used", () => {
    expect(resolveApiBase(null, built)).toBe(built.apiBaseUrl);
    expect(resolveApiBase("   ", built)).toBe(built.apiBaseUrl);
  });

  it("when API_BASE_URL is set to an http(s) URL, then it wins, without trailing slashes", () => {
    expect(resolveApiBase("http://127.0.0.1:8080/", built)).toBe("http://127.0.0.1:8080");
    expect(resolveApiBase(" https://staging.example.com/api// ", built)).toBe("https://staging.example.com/api");
  });

  it("when API_BASE_URL is not a URL, then it is ignored rather than breaking every call", () => {
    expect(resolveApiBase("localhost:8080", built)).toBe(built.apiBaseUrl);
  });
});

describe("addonMenu", () => {
  const captions = (entries: MenuEntry[]): unknown[] =>
    entries.map((e) => (e.kind === "item" ? e.caption : e.kind === "submenu" ? { [e.caption]: captions(e.items) } : "—"));
  const functions = (entries: MenuEntry[]): string[] =>
    entries.flatMap((e) => (e.kind === "item" ? [e.functionName] : e.kind === "submenu" ? functions(e.items) : []));

  it("when the user reads Chinese, then 新建模板 lists every kind, then 提交, 更新进度, 下发计划, 刷新进度, 提交审核意见, 同步最新版本, 审批, 完成率, 仪表板 and 数据分析报告", () => {
    expect(captions(addonMenu(messagesFor("zh"), "zh"))).toEqual([
      { 新建模板: ["年度计划", "季度计划", "月度计划", "实施步骤", "调整申请", "运营数据", "运营指标设置", "人员名册"] },
      "—",
      "提交",
      "更新进度",
      "下发计划",
      "刷新进度",
      "提交审核意见",
      "同步最新版本",
      "—",
      "审批",
      "完成率",
      { 仪表板: ["汇总 / 仪表板", "打开仪表板", "刷新仪表板", "立即汇总"] },
      { 数据分析报告: ["生成报告", "发布报告"] },
    ]);
  });

  it("when the user reads English, then the same items have English captions and the same functions", () => {
    expect(captions(addonMenu(messagesFor("en"), "en"))).toEqual([
      {
        "New template": [
          "Annual plan",
          "Quarterly plan",
          "Monthly plan",
          "Implementation steps",
          "Plan adjustment",
          "Operations data",
          "Operations indicators",
          "Roster",
        ],
      },
      "—",
      "Submit",
      "Update progress",
      "Issue plan",
      "Refresh progress",
      "Submit review opinions",
      "Sync to the latest version",
      "—",
      "Approvals",
      "Completion rates",
      { Dashboard: ["Roll-up / Dashboard", "Open dashboard", "Refresh dashboard", "Run roll-up now"] },
      { "Data-analysis report": ["Generate report", "Publish report"] },
    ]);
    expect(functions(addonMenu(messagesFor("en"), "en"))).toEqual(functions(addonMenu(messagesFor("zh"), "zh")));
  });

  it("when 新建模板 is built, then it has one entry per kind of the registry, in its order, each calling its own stable global", () => {
    const submenu = addonMenu(messagesFor("zh"), "zh")[0];
    expect(submenu?.kind === "submenu" && functions(submenu.items)).toEqual([
      "menuNewAnnualPlan",
      "menuNewQuarterlyPlan",
      "menuNewMonthlyPlan",
      "menuNewTaskSteps",
      "menuNewPlanAdjustment",
      "menuNewOperationsData",
      "menuNewOperationsIndicators",
      "menuNewRoster",
    ]);
    expect(DOCUMENT_KINDS.map((k) => newTemplateFunctionName(k.id))).toEqual(submenu?.kind === "submenu" ? functions(submenu.items) : []);
  });

  it("when a registry has another kind, then its entry appears under 新建模板 with a derived name", () => {
    const extra = {
      ...TASK_STEPS_KIND,
      id: "issue-ledger",
      template: { ...TASK_STEPS_KIND.template, id: "issue-ledger", title: { zh: "问题台账", en: "Issue ledger" } },
    };
    const submenu = addonMenu(messagesFor("zh"), "zh", [...DOCUMENT_KINDS, extra])[0];
    expect(submenu?.kind === "submenu" && submenu.items.at(-1)).toEqual({ kind: "item", caption: "问题台账", functionName: "menuNewIssueLedger" });
  });

  it("when the menu names a function, then src/index.ts exports it (every kind has its global)", () => {
    const names = functions(addonMenu(messagesFor("zh"), "zh"));
    expect(names).toEqual(expect.arrayContaining(menuFunctionNames()));
    expect(menuFunctionNames()).toEqual(expect.arrayContaining(names));
    const exported = globals as Record<string, unknown>;
    for (const name of names) expect({ name, type: typeof exported[name] }).toEqual({ name, type: "function" });
  });
});
