import { MONTHLY_PLAN } from "./monthly-plan.js";
import type { TemplateDef } from "./types.js";

/**
 * 实施步骤: an owner breaks their own monthly tasks into steps. When a task has
 * steps, its % complete can be derived from the steps done.
 */
export const TASK_STEPS = {
  id: "task-steps",
  version: 1,
  title: { zh: "实施步骤", en: "Implementation steps" },
  periodKind: "month",
  help: {
    zh: "为自己的任务填写实施步骤，每行一步。提交后，任务的步骤以本表为准；任务的完成百分比可按已完成的步骤计算。",
    en: "List the steps of your own tasks, one per row. On submission the sheet becomes each listed task's steps; its % complete can then be derived from the steps done.",
  },
  columns: [
    {
      key: "task",
      type: "reference",
      to: MONTHLY_PLAN.id,
      section: "plan",
      required: true,
      width: 220,
      header: { zh: "任务", en: "Task" },
      help: { zh: "从下拉列表选择你负责的任务", en: "Choose one of your tasks from the list" },
    },
    {
      key: "step",
      type: "text",
      section: "plan",
      required: true,
      width: 260,
      maxLength: 200,
      header: { zh: "步骤", en: "Step" },
      help: { zh: "步骤内容，最多 200 字", en: "The step, at most 200 characters" },
    },
    {
      key: "planned",
      type: "date",
      section: "plan",
      required: true,
      width: 100,
      header: { zh: "计划日期", en: "Planned date" },
      help: { zh: "计划完成该步骤的日期", en: "When the step is planned to be done" },
    },
    {
      key: "done",
      type: "boolean",
      section: "progress",
      required: false,
      width: 60,
      defaultValue: false,
      header: { zh: "已完成", en: "Done" },
      help: { zh: "完成后勾选", en: "Tick when done" },
    },
  ],
} as const satisfies TemplateDef;
