import type { ColumnDef } from "./types.js";

/**
 * Columns several plan templates share, declared once. Each is a plain
 * declaration; a template lists them among its own columns.
 */
export const itemIdColumn = (header: { zh: string; en: string }) =>
  ({
    key: "itemId",
    type: "id",
    section: "system",
    required: false,
    width: 150,
    header,
    help: { zh: "提交后由系统填写，请勿修改", en: "Filled in by the system after submission; do not edit" },
  }) as const satisfies ColumnDef;

export const DEPARTMENT_COLUMN = {
  key: "department",
  type: "department",
  section: "plan",
  required: true,
  width: 120,
  header: { zh: "责任部门", en: "Responsible department" },
  help: { zh: "从下拉列表选择", en: "Choose from the list" },
} as const satisfies ColumnDef;

export const OWNER_COLUMN = {
  key: "owner",
  type: "person",
  section: "plan",
  required: true,
  width: 110,
  header: { zh: "责任人", en: "Owner" },
  help: { zh: "人员名册中的姓名或邮箱", en: "A name or email from the roster" },
} as const satisfies ColumnDef;

export const START_COLUMN = {
  key: "start",
  type: "date",
  section: "plan",
  required: false,
  width: 100,
  header: { zh: "开始时间", en: "Start" },
  help: { zh: "日期，不晚于完成时间", en: "A date, not after the due date" },
} as const satisfies ColumnDef;

export const WEIGHT_COLUMN = {
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
} as const satisfies ColumnDef;

export const PROGRESS_COLUMN = {
  key: "progress",
  type: "percent",
  section: "system",
  required: false,
  width: 80,
  header: { zh: "进度", en: "Progress" },
  help: { zh: "由系统按下级计划的完成情况汇总填写（加权平均），请勿修改", en: "Rolled up by the system from the plans below (weighted mean); do not edit" },
} as const satisfies ColumnDef;
