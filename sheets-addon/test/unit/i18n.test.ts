import { langOf } from "@planops/shared";
import { describe, expect, it } from "vitest";
import { bothLanguages, messagesFor, otherLang } from "../../src/i18n/messages.js";

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
      expect(t.notAPlanSheet("Sheet7")).toContain("Sheet7");
      expect(t.cellsWrong(3)).toContain("3");
      expect(t.failure("msg", "ALREADY_DECIDED")).toContain("ALREADY_DECIDED");
    }
  });

  it("when the menu is shown in Chinese or English, then the captions are the department's words", () => {
    expect(messagesFor("zh").menu).toMatchObject({ newTemplate: "新建模板", monthlyPlan: "月度计划", approvals: "审批" });
    expect(messagesFor("en").menu).toMatchObject({ newTemplate: "New template", submitPlan: "Submit plan" });
  });

  it("when a bilingual text is shown, then the user's language comes first and a duplicate is not repeated", () => {
    expect(bothLanguages({ zh: "已提交", en: "Submitted" }, "zh")).toBe("已提交\nSubmitted");
    expect(bothLanguages({ zh: "已提交", en: "Submitted" }, "en")).toBe("Submitted\n已提交");
    expect(bothLanguages({ zh: "OK", en: "OK" }, "en")).toBe("OK");
    expect(otherLang("zh")).toBe("en");
  });
});
