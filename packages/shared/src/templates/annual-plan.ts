import { DEPARTMENT_COLUMN, itemIdColumn, OWNER_COLUMN, PROGRESS_COLUMN, START_COLUMN, WEIGHT_COLUMN } from "./common-columns.js";
import type { EnumOption, TemplateDef } from "./types.js";

/** What an annual plan item is (年度计划应包括…): company goals, department goals, key projects, resource needs. */
export const ANNUAL_CATEGORIES = [
  { value: "company_goal", label: { zh: "公司目标", en: "Company goal" } },
  { value: "department_goal", label: { zh: "部门目标", en: "Department goal" } },
  { value: "key_project", label: { zh: "重点项目", en: "Key project" } },
  { value: "resource_need", label: { zh: "资源需求", en: "Resource need" } },
] as const satisfies readonly EnumOption[];

/** 年度计划: drafted by the planning group at year end for next year; approved by company management. */
export const ANNUAL_PLAN = {
  id: "annual-plan",
  version: 1,
  title: { zh: "年度计划", en: "Annual plan" },
  periodKind: "year",
  help: {
    zh: "每行一项：公司目标、部门目标、重点项目或资源需求，写明可衡量的指标和目标值。提交后由公司管理层审批。",
    en: "One item per row: a company goal, department goal, key project or resource need, with a measurable indicator and target. Company management approves it.",
  },
  columns: [
    itemIdColumn({ zh: "编号", en: "Item ID" }),
    {
      key: "category",
      type: "enum",
      section: "plan",
      required: true,
      width: 100,
      options: ANNUAL_CATEGORIES,
      header: { zh: "类别", en: "Category" },
      help: { zh: "公司目标 / 部门目标 / 重点项目 / 资源需求", en: "Company goal / Department goal / Key project / Resource need" },
    },
    {
      key: "title",
      type: "text",
      section: "plan",
      required: true,
      width: 260,
      maxLength: 300,
      header: { zh: "内容", en: "Item" },
      help: { zh: "目标、项目或资源需求的内容，最多 300 字", en: "The goal, project or resource need, at most 300 characters" },
    },
    {
      key: "indicator",
      type: "text",
      section: "plan",
      required: true,
      width: 160,
      maxLength: 100,
      header: { zh: "指标", en: "Indicator" },
      help: { zh: "衡量完成情况的指标，如“销售额”", en: "What measures it, e.g. “revenue”" },
    },
    {
      key: "target",
      type: "text",
      section: "plan",
      required: true,
      width: 120,
      maxLength: 100,
      header: { zh: "目标值", en: "Target" },
      help: { zh: "指标要达到的值，如“1.2 亿元”", en: "The value the indicator must reach, e.g. “120 million”" },
    },
    DEPARTMENT_COLUMN,
    OWNER_COLUMN,
    START_COLUMN,
    {
      key: "due",
      type: "date",
      section: "plan",
      required: true,
      width: 100,
      header: { zh: "完成时间", en: "Due date" },
      help: { zh: "计划年度内的日期", en: "A date within the plan year" },
    },
    WEIGHT_COLUMN,
    PROGRESS_COLUMN,
  ],
} as const satisfies TemplateDef;
