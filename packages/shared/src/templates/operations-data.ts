import { indicatorFigureColumn } from "./operations-indicators.js";
import type { TemplateDef } from "./types.js";

/**
 * 运营数据: one month's figures, one row per indicator. The indicators are
 * configuration (运营指标设置): the 指标 dropdown offers the active ones when the
 * sheet is made, and the backend checks the cell against the active set at
 * submission, listing the allowed codes when it is wrong. Resubmitting a month
 * replaces that month's figures.
 */
export const OPERATIONS_DATA = {
  id: "operations-data",
  version: 1,
  title: { zh: "运营数据", en: "Operations data" },
  periodKind: "month",
  help: {
    zh: "每行一项指标的本月数值。提交后本表即为该月的全部数据：表中没有的指标，该月数据将被删除。",
    en: "One row per indicator with this month's value. On submission the sheet is the month's whole data: an indicator missing from it has its value for the month removed.",
  },
  columns: [
    {
      key: "indicator",
      type: "configured",
      list: "operations-indicators",
      section: "plan",
      required: true,
      width: 200,
      maxLength: 100,
      header: { zh: "指标", en: "Indicator" },
      help: { zh: "指标编码（可带名称，如“sales-revenue 销售额”）或指标名称", en: "The indicator's code (optionally followed by its name) or its name" },
    },
    indicatorFigureColumn(
      "value",
      true,
      110,
      { zh: "数值", en: "Value" },
      { zh: "本月数值，按指标的单位填写", en: "This month's value, in the indicator's unit" },
    ),
    {
      key: "note",
      type: "text",
      section: "plan",
      required: false,
      width: 240,
      maxLength: 500,
      header: { zh: "备注", en: "Note" },
      help: { zh: "说明，可留空，最多 500 字", en: "Remarks; may be empty; at most 500 characters" },
    },
  ],
} as const satisfies TemplateDef;
