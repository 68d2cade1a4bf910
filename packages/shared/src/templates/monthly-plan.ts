import type { EnumOption, TemplateDef } from "./types.js";
import { QUARTERLY_PLAN } from "./quarterly-plan.js";

/** Task status (DOMAIN.md): overdue is derived, never a status. */
export const TASK_STATUSES = [
  { value: "not_started", label: { zh: "未开始", en: "Not started" } },
  { value: "in_progress", label: { zh: "进行中", en: "In progress" } },
  { value: "done", label: { zh: "已完成", en: "Done" } },
  { value: "blocked", label: { zh: "受阻", en: "Blocked" } },
  { value: "cancelled", label: { zh: "已取消", en: "Cancelled" } },
] as const satisfies readonly EnumOption[];
export type TaskStatus = (typeof TASK_STATUSES)[number]["value"];

export const PRIORITIES = [
  { value: "high", label: { zh: "高", en: "High" } },
  { value: "medium", label: { zh: "中", en: "Medium" } },
  { value: "low", label: { zh: "低", en: "Low" } },
] as const satisfies readonly EnumOption[];
export type Priority = (typeof PRIORITIES)[number]["value"];

/** 月度计划: one row per task; the plan month is kept in the sheet's hidden marker. */
export const MONTHLY_PLAN = {
  id: "monthly-plan",
  version: 2,
  title: { zh: "月度计划", en: "Monthly plan" },
  periodKind: "month",
  help: {
    zh: "每行一项任务。“所属季度项”从本季度已批准的季度计划中选择；本季度还没有已批准的季度计划时可留空。",
    en: "One task per row. Choose the quarterly item from this quarter's approved quarterly plan; leave it empty while the quarter has no approved quarterly plan.",
  },
  columns: [
    {
      key: "taskId",
      type: "id",
      section: "system",
      required: false,
      width: 110,
      header: { zh: "任务编号", en: "Task ID" },
      help: { zh: "提交后由系统填写，请勿修改", en: "Filled in by the system after submission; do not edit" },
    },
    {
      key: "content",
      type: "text",
      section: "plan",
      required: true,
      width: 280,
      maxLength: 500,
      header: { zh: "任务内容", en: "Task" },
      help: { zh: "具体工作内容，最多 500 字", en: "What is to be done, at most 500 characters" },
    },
    {
      key: "quarterlyItem",
      type: "reference",
      to: QUARTERLY_PLAN.id,
      section: "plan",
      required: false,
      width: 200,
      header: { zh: "所属季度项", en: "Quarterly item" },
      help: {
        zh: "从下拉列表选择本季度已批准的季度计划条目；本季度尚无已批准的季度计划时留空",
        en: "Choose an item of this quarter's approved quarterly plan; leave empty while the quarter has none",
      },
    },
    {
      key: "department",
      type: "department",
      section: "plan",
      required: true,
      width: 120,
      header: { zh: "责任部门", en: "Responsible department" },
      help: { zh: "从下拉列表选择", en: "Choose from the list" },
    },
    {
      key: "owner",
      type: "person",
      section: "plan",
      required: true,
      width: 110,
      header: { zh: "责任人", en: "Owner" },
      help: { zh: "人员名册中的姓名或邮箱", en: "A name or email from the roster" },
    },
    {
      key: "priority",
      type: "enum",
      section: "plan",
      required: false,
      width: 70,
      options: PRIORITIES,
      defaultValue: "medium",
      header: { zh: "优先级", en: "Priority" },
      help: { zh: "高 / 中 / 低，默认中", en: "High / Medium / Low; Medium if empty" },
    },
    {
      key: "start",
      type: "date",
      section: "plan",
      required: false,
      width: 100,
      header: { zh: "开始时间", en: "Start" },
      help: { zh: "日期，不晚于完成时间", en: "A date, not after the due date" },
    },
    {
      key: "due",
      type: "date",
      section: "plan",
      required: true,
      width: 100,
      header: { zh: "完成时间", en: "Due date" },
      help: { zh: "计划月份内的日期", en: "A date within the plan month" },
    },
    {
      key: "deliverable",
      type: "text",
      section: "plan",
      required: false,
      width: 160,
      maxLength: 200,
      header: { zh: "交付成果", en: "Deliverable" },
      help: { zh: "完成标志或交付物（可选）", en: "What shows the task is done (optional)" },
    },
    {
      key: "weight",
      type: "number",
      section: "plan",
      required: false,
      width: 60,
      min: 0.1,
      max: 100,
      defaultValue: 1,
      header: { zh: "权重", en: "Weight" },
      help: { zh: "0.1–100 的数字，默认 1", en: "A number from 0.1 to 100; 1 if empty" },
    },
    {
      key: "status",
      type: "enum",
      section: "progress",
      required: false,
      width: 80,
      options: TASK_STATUSES,
      defaultValue: "not_started",
      header: { zh: "状态", en: "Status" },
      help: { zh: "未开始 / 进行中 / 已完成 / 受阻 / 已取消", en: "Not started / In progress / Done / Blocked / Cancelled" },
    },
    {
      key: "percent",
      type: "percent",
      section: "progress",
      required: false,
      width: 90,
      header: { zh: "完成百分比", en: "% complete" },
      help: {
        zh: "带百分号填写，如 60%；已完成时为 100%；有实施步骤时可留空，按已完成的步骤计算",
        en: "type it with the percent sign, e.g. 60%; 100% when done; with implementation steps, leave it empty to derive it from the steps done",
      },
    },
    {
      key: "actualFinish",
      type: "date",
      section: "progress",
      required: false,
      width: 110,
      header: { zh: "实际完成时间", en: "Actual finish" },
      help: { zh: "状态为已完成时必填", en: "Required when the status is Done" },
    },
    {
      key: "feedback",
      type: "text",
      section: "progress",
      required: false,
      width: 200,
      maxLength: 1000,
      header: { zh: "问题反馈", en: "Problem feedback" },
      help: { zh: "遇到的问题或困难，将转给计划组", en: "Problems or difficulties; sent to the planning group" },
    },
  ],
} as const satisfies TemplateDef;

export type MonthlyPlanColumnKey = (typeof MONTHLY_PLAN.columns)[number]["key"];
