import { OPERATIONS_DATA } from "@planops/shared";
import { describe, expect, it } from "vitest";
import { messagesFor } from "../../src/i18n/messages.js";
import { newTemplate } from "../../src/plans/new-template.js";
import { templateLayout } from "../../src/plans/template-layout.js";
import { FakeSheet, fakeContext } from "../support/fake-context.js";

const INDICATOR_HELP = OPERATIONS_DATA.columns[0].help;
const indicators = [
  { value: "sales-revenue", label: { zh: "sales-revenue 销售额", en: "sales-revenue Sales revenue" } },
  { value: "orders", label: { zh: "orders 订单量", en: "orders Orders" } },
];

describe("a configured column (运营数据's 指标) in the sheet's layout", () => {
  it("when the list has entries, then the column gets a dropdown of their labels in the user's language and stays plain text", () => {
    for (const lang of ["zh", "en"] as const) {
      const layout = templateLayout({
        template: OPERATIONS_DATA,
        lang,
        period: "2026-11",
        t: messagesFor(lang),
        lists: { "operations-indicators": indicators },
      });
      expect(layout.dropdowns).toEqual([{ column: 1, values: indicators.map((o) => o.label[lang]), helpText: INDICATOR_HELP[lang] }]);
      expect(layout.textColumns).toEqual([1, 3]);
    }
  });

  it("when the list is empty or was not fetched, then the column has no dropdown (which would refuse every value) and the backend still judges", () => {
    const t = messagesFor("zh");
    expect(templateLayout({ template: OPERATIONS_DATA, lang: "zh", period: "2026-11", t, lists: { "operations-indicators": [] } }).dropdowns).toEqual([]);
    expect(templateLayout({ template: OPERATIONS_DATA, lang: "zh", period: "2026-11", t }).dropdowns).toEqual([]);
  });
});

describe("新建模板 › 运营数据", () => {
  const sheets = () => [new FakeSheet(1, "Sheet1", null)];

  it("when the sheet is made, then the template's list is asked for once and its entries become the dropdown", () => {
    const f = fakeContext({
      sheets: sheets(),
      respond: (name) => (name === "listOptions" ? { ok: true, value: { list: "operations-indicators", options: indicators } } : { ok: true, value: {} }),
    });
    newTemplate(f.ctx, "operations-data");
    expect(f.calls).toEqual([{ name: "listOptions", input: { list: "operations-indicators" } }]);
    expect(f.created.map((l) => [l.sheetName, l.dropdowns[0]?.values])).toEqual([["运营数据 2026-11", ["sales-revenue 销售额", "orders 订单量"]]]);
  });

  it("when the list cannot be fetched, then no sheet is made and the backend's reason is shown", () => {
    const f = fakeContext({
      sheets: sheets(),
      respond: () => ({ ok: false, failure: { code: "UNAVAILABLE", message: { zh: "服务暂时不可用", en: "Service unavailable" }, cells: [], status: 503 } }),
    });
    newTemplate(f.ctx, "operations-data");
    expect(f.created).toEqual([]);
    expect(f.alerts.at(-1)).toContain("服务暂时不可用");
  });
});
