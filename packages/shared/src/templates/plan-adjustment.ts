import type { EnumOption, TemplateDef } from "./types.js";

/** What an adjustment request does to a plan item (调整类型). */
export const ADJUSTMENT_TYPES = [
  { value: "add", label: { zh: "新增", en: "Add" } },
  { value: "change", label: { zh: "修改", en: "Change" } },
  { value: "cancel", label: { zh: "取消", en: "Cancel" } },
  { value: "move", label: { zh: "延期", en: "Move" } },
] as const satisfies readonly EnumOption[];
export type AdjustmentType = (typeof ADJUSTMENT_TYPES)[number]["value"];

/** Where a request stands (状态): filed → reviewed by the planning group → approved (and applied as a new plan version) or rejected. */
export const ADJUSTMENT_STATUSES = [
  { value: "submitted", label: { zh: "待审核", en: "Awaiting review" } },
  { value: "reviewed", label: { zh: "待审批", en: "Awaiting approval" } },
  { value: "applied", label: { zh: "已批准并生效", en: "Approved and applied" } },
  { value: "rejected", label: { zh: "已驳回", en: "Rejected" } },
] as const satisfies readonly EnumOption[];
export type AdjustmentStatus = (typeof ADJUSTMENT_STATUSES)[number]["value"];

/**
 * 调整申请: one row per request, each on one item of an approved plan (annual,
 * quarterly or monthly: the item ID says which). The sheet's marker holds a month:
 * a 新增 row with an empty 计划项 adds to that month's monthly plan of the
 * requester's department; a 新增 row naming an item adds to that item's plan.
 * 调整内容 names what changes as "列名 → 新值", one per line (e.g. "完成时间 → 2027-01-28");
 * for 延期 a date alone is enough; for 取消 it may stay empty.
 */
export const PLAN_ADJUSTMENT = {
  id: "plan-adjustment",
  version: 1,
  title: { zh: "调整申请", en: "Plan adjustment" },
  periodKind: "month",
  help: {
    zh: "每行一项调整申请。计划项填写已批准计划中的条目编号（可从计划表的编号列复制）；调整内容按“列名 → 新值”逐行填写，如“完成时间 → 2027-01-28”；延期可只填新的完成时间；新增需写明任务内容、责任人、完成时间。提交后由计划组填写“审核意见”并点“提交审核意见”，再由审批人审批；批准后生成计划的新版本并通知相关责任人。",
    en: "One adjustment request per row. Plan item: the ID of an item of an approved plan (copy it from the plan sheet's ID column). Change: one “column → new value” per line, e.g. “Due date → 2027-01-28”; a move needs only the new due date; an addition names the task, owner and due date. The planning group then writes its review opinion and uses “Submit review opinions”; the approver decides; an approved request makes a new version of the plan and tells the owners concerned.",
  },
  columns: [
    {
      key: "adjustmentId",
      type: "id",
      section: "system",
      required: false,
      width: 190,
      header: { zh: "申请编号", en: "Request ID" },
      help: { zh: "提交后由系统填写，请勿修改", en: "Filled in by the system after submission; do not edit" },
    },
    {
      key: "type",
      type: "enum",
      section: "plan",
      required: true,
      width: 80,
      options: ADJUSTMENT_TYPES,
      header: { zh: "调整类型", en: "Type" },
      help: { zh: "新增 / 修改 / 取消 / 延期", en: "Add / Change / Cancel / Move" },
    },
    {
      key: "item",
      type: "text",
      section: "plan",
      required: false,
      width: 190,
      maxLength: 200,
      header: { zh: "计划项", en: "Plan item" },
      help: {
        zh: "要调整的条目编号；新增时填写同一计划中任一条目的编号，或留空表示本月本部门的月度计划",
        en: "The ID of the item to adjust; for an addition, any item of the same plan, or empty for this month's monthly plan of your department",
      },
    },
    {
      key: "content",
      type: "text",
      section: "plan",
      required: false,
      width: 260,
      maxLength: 1000,
      header: { zh: "调整内容", en: "Change" },
      help: {
        zh: "按“列名 → 新值”逐行填写，如“完成时间 → 2027-01-28”；取消可留空",
        en: "One “column → new value” per line, e.g. “Due date → 2027-01-28”; empty for a cancellation",
      },
    },
    {
      key: "reason",
      type: "text",
      section: "plan",
      required: true,
      width: 200,
      maxLength: 1000,
      header: { zh: "调整原因", en: "Reason" },
      help: { zh: "为什么需要调整", en: "Why the plan must change" },
    },
    {
      key: "impact",
      type: "text",
      section: "plan",
      required: true,
      width: 200,
      maxLength: 1000,
      header: { zh: "影响", en: "Impact" },
      help: { zh: "对计划和公司目标的影响", en: "What it does to the plan and the company's goals" },
    },
    {
      key: "solution",
      type: "text",
      section: "plan",
      required: true,
      width: 200,
      maxLength: 1000,
      header: { zh: "解决方案", en: "Proposed solution" },
      help: { zh: "如何应对", en: "How it will be handled" },
    },
    {
      key: "opinion",
      type: "text",
      section: "progress",
      required: false,
      width: 200,
      maxLength: 1000,
      header: { zh: "审核意见", en: "Review opinion" },
      help: {
        zh: "由计划组填写，填好后点 扩展程序 › 计划运营 › 提交审核意见",
        en: "Written by the planning group; then use Extensions › 计划运营 › Submit review opinions",
      },
    },
    {
      key: "status",
      type: "enum",
      section: "system",
      required: false,
      width: 110,
      options: ADJUSTMENT_STATUSES,
      header: { zh: "状态", en: "Status" },
      help: { zh: "由系统填写，请勿修改", en: "Filled in by the system; do not edit" },
    },
  ],
} as const satisfies TemplateDef;
