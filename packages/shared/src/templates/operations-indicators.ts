import type { Text } from "../text.js";
import type { ColumnDef, EnumOption, TemplateDef } from "./types.js";

/** 类别: what part of the business an indicator measures (DOMAIN.md, Operations data). */
export const INDICATOR_CATEGORY_OPTIONS = [
  { value: "sales", label: { zh: "销售", en: "Sales" } },
  { value: "production", label: { zh: "生产", en: "Production" } },
  { value: "inventory", label: { zh: "库存", en: "Inventory" } },
  { value: "customer", label: { zh: "客户", en: "Customer" } },
] as const satisfies readonly EnumOption[];

/** 汇总方式: how the months of a quarter or year add up. */
export const INDICATOR_AGGREGATE_OPTIONS = [
  { value: "sum", label: { zh: "合计", en: "Sum" } },
  { value: "mean", label: { zh: "平均", en: "Mean" } },
  { value: "last", label: { zh: "期末值", en: "Last value" } },
] as const satisfies readonly EnumOption[];

/** Which side of the target is short. */
export const INDICATOR_BETTER_OPTIONS = [
  { value: "higher", label: { zh: "越高越好", en: "Higher is better" } },
  { value: "lower", label: { zh: "越低越好", en: "Lower is better" } },
] as const satisfies readonly EnumOption[];

/** Large enough for any figure the department tracks (万元, units, days, %), small enough to stay exact. */
export const INDICATOR_VALUE_LIMIT = 1e12;

/** A figure in an indicator's unit (a value, target or bound): any number a business could report. */
export const indicatorFigureColumn = <K extends string, R extends boolean>(key: K, required: R, width: number, header: Text, help: Text) => {
  const column: { key: K; type: "number"; section: "plan"; required: R; width: number; min: number; max: number; header: Text; help: Text } = {
    key,
    type: "number",
    section: "plan",
    required,
    width,
    min: -INDICATOR_VALUE_LIMIT,
    max: INDICATOR_VALUE_LIMIT,
    header,
    help,
  };
  return column satisfies ColumnDef;
};

/**
 * 运营指标设置: the indicators operations data is collected for. The sheet is the
 * whole set: an indicator removed from it is deactivated (its data is kept).
 */
export const OPERATIONS_INDICATORS = {
  id: "operations-indicators",
  version: 1,
  title: { zh: "运营指标设置", en: "Operations indicators" },
  periodKind: null,
  help: {
    zh: "每行一项指标。提交后本表即为全部指标：从表中删除的指标会停用（已有数据保留）。指标编码填入运营数据表的“指标”列。",
    en: "One indicator per row. On submission the sheet is the whole set: indicators removed from it are deactivated (their data is kept). The code is what the operations data sheet's Indicator column names.",
  },
  columns: [
    {
      key: "code",
      type: "text",
      section: "plan",
      required: true,
      width: 130,
      maxLength: 40,
      header: { zh: "指标编码", en: "Code" },
      help: { zh: "唯一编码，不含空格和“/”，例如 sales-revenue", en: "A unique code without spaces or “/”, e.g. sales-revenue" },
    },
    {
      key: "nameZh",
      type: "text",
      section: "plan",
      required: true,
      width: 130,
      maxLength: 50,
      header: { zh: "名称", en: "Name (Chinese)" },
      help: { zh: "中文名称，最多 50 字", en: "Chinese name, at most 50 characters" },
    },
    {
      key: "nameEn",
      type: "text",
      section: "plan",
      required: true,
      width: 160,
      maxLength: 80,
      header: { zh: "英文名称", en: "Name (English)" },
      help: { zh: "英文名称，最多 80 字", en: "English name, at most 80 characters" },
    },
    {
      key: "category",
      type: "enum",
      section: "plan",
      required: true,
      width: 80,
      options: INDICATOR_CATEGORY_OPTIONS,
      header: { zh: "类别", en: "Category" },
      help: { zh: "销售 / 生产 / 库存 / 客户", en: "Sales / Production / Inventory / Customer" },
    },
    {
      key: "unit",
      type: "text",
      section: "plan",
      required: false,
      width: 70,
      maxLength: 20,
      header: { zh: "单位", en: "Unit" },
      help: { zh: "例如 万元、单、天、%", en: "e.g. 万元, orders, days, %" },
    },
    indicatorFigureColumn(
      "target",
      false,
      90,
      { zh: "月目标", en: "Monthly target" },
      { zh: "每月目标值，可留空", en: "The target for one month; may be empty" },
    ),
    indicatorFigureColumn(
      "min",
      false,
      90,
      { zh: "合理下限", en: "Plausible minimum" },
      { zh: "低于此值视为数据异常，可留空", en: "A value below this is an anomaly; may be empty" },
    ),
    indicatorFigureColumn(
      "max",
      false,
      90,
      { zh: "合理上限", en: "Plausible maximum" },
      { zh: "高于此值视为数据异常，可留空", en: "A value above this is an anomaly; may be empty" },
    ),
    {
      key: "threshold",
      type: "number",
      section: "plan",
      required: false,
      width: 90,
      min: 1,
      max: 1000,
      defaultValue: 30,
      header: { zh: "偏离阈值 %", en: "Deviation threshold %" },
      help: {
        zh: "与趋势预期或去年同期相差超过此百分比视为数据异常，1–1000，默认 30",
        en: "Differing from the trend or the same month last year by more than this % is an anomaly; 1–1000, default 30",
      },
    },
    {
      key: "aggregate",
      type: "enum",
      section: "plan",
      required: false,
      width: 80,
      options: INDICATOR_AGGREGATE_OPTIONS,
      defaultValue: "sum",
      header: { zh: "汇总方式", en: "Aggregate" },
      help: { zh: "季度、年度数据由月度数据合计、平均或取期末值，默认合计", en: "A quarter or year is the sum, mean or last of its months; Sum if empty" },
    },
    {
      key: "better",
      type: "enum",
      section: "plan",
      required: false,
      width: 90,
      options: INDICATOR_BETTER_OPTIONS,
      defaultValue: "higher",
      header: { zh: "方向", en: "Better" },
      help: { zh: "越高越好 / 越低越好，默认越高越好", en: "Higher is better / Lower is better; Higher if empty" },
    },
  ],
} as const satisfies TemplateDef;
