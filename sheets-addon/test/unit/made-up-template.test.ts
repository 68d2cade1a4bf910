import { MARKER_KEYS } from "@planops/shared";
import { describe, expect, it } from "vitest";
import { TRAINING_PLAN } from "../../../functions/test/support/training-plan.js";
import { messagesFor } from "../../src/i18n/messages.js";
import { recordCells, templateLayout } from "../../src/plans/template-layout.js";

/**
 * A template the product does not have (培训计划), declared and nothing else: the
 * add-on builds its sheet from the declaration alone. The backend half — its
 * validation, submission and approval with no other code — is
 * functions/test/plans/custom-kind.test.ts.
 */
const roster = { departments: ["计划运营部"], people: [{ email: "zhoujie@x.cn", name: "周杰", department: "计划运营部", group: "数据分析组", label: "周杰" }] };

describe("a made-up template, from its declaration alone", () => {
  const layout = templateLayout({ template: TRAINING_PLAN, lang: "zh", period: "2027-03", roster, t: messagesFor("zh") });

  it("when its sheet is built, then name, headers, notes, dropdowns, checkbox, date and text formats, protection and marker all follow the declaration", () => {
    expect(layout.sheetName).toBe("培训计划 2027-03");
    expect(layout.headers).toEqual(["编号", "培训主题", "形式", "学时", "讲师", "培训日期", "已发证书"]);
    expect(layout.headerNotes[1]).toBe("最多 50 字");
    expect(layout.dropdowns.map((d) => [d.column, d.values])).toEqual([
      [3, ["内部培训", "外部培训", "线上课程"]],
      [5, ["周杰"]],
    ]);
    expect(layout.checkboxes.map((c) => c.column)).toEqual([7]);
    expect(layout.dateColumns).toEqual([6]);
    expect(layout.textColumns).toEqual([1, 2]);
    expect(layout.protectedColumns.map((p) => p.column)).toEqual([1]);
    expect(layout.marker).toEqual([
      [MARKER_KEYS.template, "training-plan"],
      [MARKER_KEYS.version, "1"],
      [MARKER_KEYS.period, "2027-03"],
    ]);
  });

  it("when a stored record is written into it in English, then enum labels and checkbox values follow the declaration", () => {
    const record = { itemId: "2027-03-计划运营部-001", topic: "Excel 进阶", format: "online", hours: 2, trainer: "周杰", date: "2027-03-20", certified: true };
    expect(recordCells(TRAINING_PLAN, record, "en", ", ")).toEqual(["2027-03-计划运营部-001", "Excel 进阶", "Online", 2, "周杰", "2027-03-20", true]);
  });
});
