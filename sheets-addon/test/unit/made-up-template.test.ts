import { itemIdColumn, MARKER_KEYS, type TemplateDef } from "@planops/shared";
import { describe, expect, it } from "vitest";
import { messagesFor } from "../../src/i18n/messages.js";
import { recordCells, templateLayout } from "../../src/plans/template-layout.js";

/**
 * A template the product does not have (培训计划), declared here and nothing else:
 * the add-on must build its sheet from the declaration alone. (Its validation,
 * submission and approval with no other code: functions/test/plans/custom-kind.test.ts.)
 */
const TRAINING_PLAN = {
  id: "training-plan",
  version: 1,
  title: { zh: "培训计划", en: "Training plan" },
  periodKind: "month",
  columns: [
    itemIdColumn({ zh: "编号", en: "Item ID" }),
    {
      key: "topic",
      type: "text",
      section: "plan",
      required: true,
      width: 200,
      maxLength: 50,
      header: { zh: "培训主题", en: "Topic" },
      help: { zh: "最多 50 字", en: "At most 50 characters" },
    },
    {
      key: "format",
      type: "enum",
      section: "plan",
      required: true,
      width: 90,
      options: [
        { value: "internal", label: { zh: "内部培训", en: "Internal" } },
        { value: "online", label: { zh: "线上课程", en: "Online" } },
      ],
      header: { zh: "形式", en: "Format" },
      help: { zh: "内部培训 / 线上课程", en: "Internal / Online" },
    },
    {
      key: "trainer",
      type: "person",
      section: "plan",
      required: true,
      width: 100,
      header: { zh: "讲师", en: "Trainer" },
      help: { zh: "名册中的人员", en: "Someone from the roster" },
    },
    {
      key: "due",
      type: "date",
      section: "plan",
      required: true,
      width: 100,
      header: { zh: "日期", en: "Date" },
      help: { zh: "培训日期", en: "Date of the session" },
    },
    {
      key: "passed",
      type: "boolean",
      section: "progress",
      required: false,
      width: 60,
      header: { zh: "已考核", en: "Assessed" },
      help: { zh: "考核后勾选", en: "Tick once assessed" },
    },
  ],
} as const satisfies TemplateDef;

const roster = { departments: ["计划运营部"], people: [{ email: "liming@x.cn", name: "李明", department: "计划运营部", group: "计划组", label: "李明" }] };

describe("a made-up template, from its declaration alone", () => {
  const layout = templateLayout({ template: TRAINING_PLAN, lang: "zh", period: "2027-03", roster, t: messagesFor("zh") });

  it("when its sheet is built, then name, headers, notes, dropdowns, checkbox, date and text formats, protection and marker all follow the declaration", () => {
    expect(layout.sheetName).toBe("培训计划 2027-03");
    expect(layout.headers).toEqual(["编号", "培训主题", "形式", "讲师", "日期", "已考核"]);
    expect(layout.headerNotes[1]).toBe("最多 50 字");
    expect(layout.dropdowns.map((d) => [d.column, d.values])).toEqual([
      [3, ["内部培训", "线上课程"]],
      [4, ["李明"]],
    ]);
    expect(layout.checkboxes.map((c) => c.column)).toEqual([6]);
    expect(layout.dateColumns).toEqual([5]);
    expect(layout.textColumns).toEqual([1, 2]);
    expect(layout.protectedColumns.map((p) => p.column)).toEqual([1]);
    expect(layout.marker).toEqual([
      [MARKER_KEYS.template, "training-plan"],
      [MARKER_KEYS.version, "1"],
      [MARKER_KEYS.period, "2027-03"],
    ]);
  });

  it("when a stored record is written into it in English, then enum labels and checkbox values follow the declaration", () => {
    const record = { itemId: "2027-03-计划运营部-001", topic: "Excel 进阶", format: "online", trainer: "李明", due: "2027-03-20", passed: true };
    expect(recordCells(TRAINING_PLAN, record, "en", ", ")).toEqual(["2027-03-计划运营部-001", "Excel 进阶", "Online", "李明", "2027-03-20", true]);
  });
});
