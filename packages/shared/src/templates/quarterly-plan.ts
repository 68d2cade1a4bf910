import { ANNUAL_PLAN } from "./annual-plan.js";
import { DEPARTMENT_COLUMN, itemIdColumn, OWNER_COLUMN, PROGRESS_COLUMN, START_COLUMN, WEIGHT_COLUMN } from "./common-columns.js";
import type { TemplateDef } from "./types.js";

/** 季度计划: focus, tasks, owners and milestones for next quarter, each under an item of the year's approved annual plan. */
export const QUARTERLY_PLAN = {
  id: "quarterly-plan",
  version: 1,
  title: { zh: "季度计划", en: "Quarterly plan" },
  periodKind: "quarter",
  help: {
    zh: "每行一项任务，写明工作重点、责任人和时间节点；“所属年度项”从本年度已批准的年度计划中选择（尚无已批准的年度计划时留空）。",
    en: "One task per row with its focus, owner and milestone; choose the annual item from this year's approved annual plan (leave it empty while there is none).",
  },
  columns: [
    itemIdColumn({ zh: "编号", en: "Item ID" }),
    {
      key: "annualItem",
      type: "reference",
      to: ANNUAL_PLAN.id,
      section: "plan",
      required: false,
      width: 200,
      header: { zh: "所属年度项", en: "Annual item" },
      help: {
        zh: "从下拉列表选择本年度已批准的年度计划条目；本年度尚无已批准的年度计划时留空",
        en: "Choose an item of this year's approved annual plan; leave empty while the year has none",
      },
    },
    {
      key: "focus",
      type: "text",
      section: "plan",
      required: true,
      width: 160,
      maxLength: 200,
      header: { zh: "工作重点", en: "Focus" },
      help: { zh: "本季度的工作重点，最多 200 字", en: "The quarter's focus, at most 200 characters" },
    },
    {
      key: "title",
      type: "text",
      section: "plan",
      required: true,
      width: 260,
      maxLength: 500,
      header: { zh: "具体任务", en: "Task" },
      help: { zh: "具体工作任务，最多 500 字", en: "The task, at most 500 characters" },
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
      header: { zh: "时间节点", en: "Milestone" },
      help: { zh: "完成该任务的时间节点，计划季度内的日期", en: "When the task must be done: a date within the plan quarter" },
    },
    WEIGHT_COLUMN,
    PROGRESS_COLUMN,
  ],
} as const satisfies TemplateDef;
