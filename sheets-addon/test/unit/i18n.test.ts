import { langOf } from "@planops/shared";
import { describe, expect, it } from "vitest";
import { messagesFor } from "../../src/i18n/messages.js";

/** Every key path of a message tree, with functions called with sample arguments. */
function shape(value: unknown, path = ""): string[] {
  if (typeof value === "function") return [`${path}()`];
  if (typeof value !== "object" || value === null) return [path];
  return Object.entries(value).flatMap(([k, v]) => shape(v, `${path}.${k}`));
}

describe("i18n", () => {
  it.each([
    ["zh_CN", "zh"],
    ["zh_TW", "zh"],
    ["ja", "zh"],
    ["", "zh"],
    ["en", "en"],
    ["en_US", "en"],
    ["en-GB", "en"],
  ] as const)("when the account locale is %j, then the add-on speaks %s", (locale, lang) => {
    expect(langOf(locale)).toBe(lang);
  });

  it("when comparing the two languages, then both have exactly the same messages", () => {
    expect(shape(messagesFor("en"))).toEqual(shape(messagesFor("zh")));
    expect(messagesFor("en").rates.columns).toHaveLength(messagesFor("zh").rates.columns.length);
  });

  it("when a message is parametrised, then both languages include the parameter", () => {
    for (const lang of ["zh", "en"] as const) {
      const t = messagesFor(lang);
      expect(t.notATemplateSheet("Sheet7")).toContain("Sheet7");
      expect(t.sheetExists("Sheet8", { relation: "next", kind: "quarter" }, true)).toContain("Sheet8");
      expect(t.onlyFor("X", "Sheet9", ["A", "B"])).toContain("Sheet9");
      expect(t.progressRefreshed(4)).toContain("4");
      expect(t.systemColumnProtection("编号")).toContain("编号");
      expect(t.cellsWrong(3)).toContain("3");
      expect(t.failure("msg", "ALREADY_DECIDED")).toContain("ALREADY_DECIDED");
    }
  });

  it("when the menu is shown in Chinese or English, then the captions are the department's words", () => {
    expect(messagesFor("zh").menu).toMatchObject({ newTemplate: "新建模板", submit: "提交", refreshProgress: "刷新进度", approvals: "审批" });
    expect(messagesFor("en").menu).toMatchObject({ newTemplate: "New template", submit: "Submit", refreshProgress: "Refresh progress" });
  });

  it("when a sheet already exists, then the message says which period's sheet it is", () => {
    const zh = messagesFor("zh");
    const en = messagesFor("en");
    expect(zh.sheetExists("月度计划 2027-01", { relation: "next", kind: "month" }, true)).toBe("下月的计划表「月度计划 2027-01」已存在，已为您切换到该表。");
    expect(zh.sheetExists("年度计划 2027", { relation: "next", kind: "year" }, true)).toMatch(/^明年的计划表/);
    expect(zh.sheetExists("实施步骤 2026-11", { relation: "current", kind: "month" }, false)).toMatch(/^本月的表格/);
    expect(zh.sheetExists("人员名册", null, false)).toBe("表格「人员名册」已存在，已为您切换到该表。");
    expect(en.sheetExists("Quarterly plan 2027-Q1", { relation: "next", kind: "quarter" }, true)).toBe(
      'Next quarter\'s plan sheet "Quarterly plan 2027-Q1" already exists; it is now the active sheet.',
    );
  });

  it("when a sidebar string has {placeholders}, then both languages have the same ones", () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const strings = (value: unknown, path = ""): [string, string][] =>
      typeof value === "string" ? [[path, value]] : Object.entries(value as object).flatMap(([k, v]) => strings(v, `${path}.${k}`));
    const en = new Map(strings(messagesFor("en").sidebar));
    for (const [path, zh] of strings(messagesFor("zh").sidebar)) expect(placeholders(en.get(path) ?? ""), path).toEqual(placeholders(zh));
  });

  it("when a Chinese user reads the sidebar, then no English word is in its strings, and no Chinese in the English ones", () => {
    const all = (value: unknown): string[] => (typeof value === "string" ? [value] : Object.values(value as object).flatMap(all));
    for (const text of all(messagesFor("zh").sidebar)) expect(text.replace(/\{\w+\}/g, "")).not.toMatch(/[A-Za-z]{2}/);
    for (const text of all(messagesFor("en").sidebar)) expect(text).not.toMatch(/[\u4e00-\u9fff]/);
  });
});
