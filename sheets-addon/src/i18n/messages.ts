import type { Lang, Text } from "@planops/shared";

/**
 * Every string the add-on shows, in both languages. Parametrised messages are
 * functions; the `sidebar` part is plain strings only because it travels to the
 * sidebar page through google.script.run, which carries JSON-like values only.
 */
export interface Messages {
  menu: {
    newTemplate: string;
    monthlyPlan: string;
    submitPlan: string;
    updateProgress: string;
    issuePlan: string;
    approvals: string;
    completionRates: string;
  };
  title: string;
  notAPlanSheet: (sheetName: string) => string;
  busy: string;
  planSheetExists: (sheetName: string) => string;
  sheetNameTaken: (sheetName: string) => string;
  planSheetCreated: (sheetName: string) => string;
  headerProtection: string;
  idProtection: string;
  submitting: string;
  updatingProgress: string;
  issuing: string;
  loadingRates: string;
  emptyTable: string;
  cellsWrong: (count: number) => string;
  cellLine: (row: number, header: string, message: string) => string;
  andMore: (count: number) => string;
  sheetChangedDuringCall: string;
  noPlanYet: string;
  failure: (message: string, code: string) => string;
  /** ScriptApp.getIdentityToken() gave nothing: the add-on's permissions (openid) are missing. */
  noIdentityToken: string;
  unexpected: (message: string) => string;
  ratesWritten: (sheetName: string) => string;
  rates: {
    sheetName: (period: string) => string;
    title: (period: string, asOf: string) => string;
    people: string;
    groups: string;
    departments: string;
    nameHeader: { people: string; groups: string; departments: string };
    columns: readonly string[];
    noTasks: string;
  };
  sidebar: SidebarStrings;
}

/** Strings of the approvals sidebar; sent to the page by `sidebarInfo`. */
export interface SidebarStrings {
  heading: string;
  refresh: string;
  empty: string;
  tasksCount: string;
  back: string;
  period: string;
  department: string;
  submitter: string;
  revision: string;
  status: string;
  comment: string;
  commentPlaceholder: string;
  approve: string;
  return: string;
  returnNeedsComment: string;
  taskColumns: { content: string; owner: string; due: string; priority: string; weight: string };
  planStatus: Record<"pending_approval" | "returned" | "approved" | "issued", string>;
}

const ZH: Messages = {
  menu: {
    newTemplate: "新建模板",
    monthlyPlan: "月度计划",
    submitPlan: "提交计划",
    updateProgress: "更新进度",
    issuePlan: "下发计划",
    approvals: "审批",
    completionRates: "完成率",
  },
  title: "计划运营",
  notAPlanSheet: (name) => `工作表「${name}」不是计划模板。请先通过 扩展程序 › 计划运营 › 新建模板 创建计划表，再在其中操作。`,
  busy: "其他人正在提交本表格，请稍后再试。",
  planSheetExists: (name) => `下月的计划表「${name}」已存在，已为您切换到该表。`,
  sheetNameTaken: (name) => `已有名为「${name}」的工作表，但它不是计划模板。请先重命名该工作表。`,
  planSheetCreated: (name) => `已创建计划表「${name}」。`,
  headerProtection: "计划运营：表头由系统维护，请勿修改",
  idProtection: "计划运营：任务编号由系统填写，请勿修改",
  submitting: "正在提交计划…",
  updatingProgress: "正在更新进度…",
  issuing: "正在下发计划…",
  loadingRates: "正在计算完成率…",
  emptyTable: "表格中没有任务行，无需提交。",
  cellsWrong: (n) => `有 ${n} 个单元格需要修改，已标成浅红色并附批注。修改后请重新提交。`,
  cellLine: (row, header, message) => `第 ${row} 行「${header}」：${message}`,
  andMore: (n) => `……另有 ${n} 处`,
  sheetChangedDuringCall: "提交期间表格内容被修改或行顺序被调整，因此未写回结果。请重新提交（重复提交是安全的）。",
  noPlanYet: "本表尚未成功提交过计划，请先使用「提交计划」。",
  failure: (message, code) => `${message}（${code}）`,
  noIdentityToken:
    "无法确认您的身份：计划运营 未获得所需的授权，因此没有向服务器发送任何内容。请重新授权本插件：再次点击 扩展程序 › 计划运营 中的菜单，在 Google 授权窗口中勾选全部权限；若不再弹出授权窗口，请在 Google 账号 › 安全 › 第三方应用和服务 中移除“计划运营”的访问权限后重试。",
  unexpected: (message) => `出现意外错误：${message}`,
  ratesWritten: (name) => `已生成「${name}」。`,
  rates: {
    sheetName: (period) => `完成率 ${period}`,
    title: (period, asOf) => `计划完成率 ${period}（截至 ${asOf}）`,
    people: "人员",
    groups: "小组",
    departments: "部门",
    nameHeader: { people: "姓名", groups: "小组", departments: "部门" },
    columns: ["任务数", "按时完成", "期末前完成", "逾期", "按时完成率", "完成率", "加权按时完成率", "加权完成率"],
    noTasks: "—",
  },
  sidebar: {
    heading: "待我审批",
    refresh: "刷新",
    empty: "目前没有待审批的计划。",
    tasksCount: "项任务",
    back: "返回列表",
    period: "计划月份",
    department: "部门",
    submitter: "提交人",
    revision: "版本",
    status: "状态",
    comment: "审批意见",
    commentPlaceholder: "退回时必须填写意见",
    approve: "批准",
    return: "退回",
    returnNeedsComment: "退回计划时请填写审批意见。",
    taskColumns: { content: "任务内容", owner: "责任人", due: "完成时间", priority: "优先级", weight: "权重" },
    planStatus: { pending_approval: "待审批", returned: "已退回", approved: "已批准", issued: "已下发" },
  },
};

const EN: Messages = {
  menu: {
    newTemplate: "New template",
    monthlyPlan: "Monthly plan",
    submitPlan: "Submit plan",
    updateProgress: "Update progress",
    issuePlan: "Issue plan",
    approvals: "Approvals",
    completionRates: "Completion rates",
  },
  title: "PlanOps",
  notAPlanSheet: (name) =>
    `The sheet "${name}" is not a plan template. Create one with Extensions › PlanOps › New template first and work in it.`,
  busy: "Someone else is submitting this spreadsheet; please try again in a moment.",
  planSheetExists: (name) => `Next month's plan sheet "${name}" already exists; it is now the active sheet.`,
  sheetNameTaken: (name) => `A sheet named "${name}" exists but is not a plan template. Rename it first.`,
  planSheetCreated: (name) => `Created the plan sheet "${name}".`,
  headerProtection: "PlanOps: the header row is maintained by the system; do not edit",
  idProtection: "PlanOps: task IDs are filled in by the system; do not edit",
  submitting: "Submitting the plan…",
  updatingProgress: "Updating progress…",
  issuing: "Issuing the plan…",
  loadingRates: "Computing completion rates…",
  emptyTable: "The table has no task rows; nothing to submit.",
  cellsWrong: (n) =>
    `${n} ${n === 1 ? "cell needs" : "cells need"} fixing; they are marked light red with a note. Fix them and submit again.`,
  cellLine: (row, header, message) => `Row ${row}, "${header}": ${message}`,
  andMore: (n) => `…and ${n} more`,
  sheetChangedDuringCall:
    "The table was edited or its rows were reordered during the submission, so no results were written back. Please submit again (resubmitting is safe).",
  noPlanYet: "This sheet has no successfully submitted plan yet; use Submit plan first.",
  failure: (message, code) => `${message} (${code})`,
  noIdentityToken:
    "Your identity could not be confirmed: PlanOps is missing a permission it needs, so nothing was sent to the server. Please reauthorise the add-on: click an item of Extensions › PlanOps again and allow every permission in Google's authorisation window; if no window appears, remove PlanOps's access under Google Account › Security › Third-party apps & services and try again.",
  unexpected: (message) => `Unexpected error: ${message}`,
  ratesWritten: (name) => `Wrote "${name}".`,
  rates: {
    sheetName: (period) => `Completion rates ${period}`,
    title: (period, asOf) => `Plan completion rates ${period} (as of ${asOf})`,
    people: "People",
    groups: "Groups",
    departments: "Departments",
    nameHeader: { people: "Name", groups: "Group", departments: "Department" },
    columns: [
      "Tasks",
      "Done on time",
      "Done by period end",
      "Overdue",
      "On-time rate",
      "Completion rate",
      "Weighted on-time rate",
      "Weighted completion rate",
    ],
    noTasks: "—",
  },
  sidebar: {
    heading: "Awaiting my approval",
    refresh: "Refresh",
    empty: "Nothing awaits your approval.",
    tasksCount: "tasks",
    back: "Back to the list",
    period: "Plan month",
    department: "Department",
    submitter: "Submitted by",
    revision: "Revision",
    status: "Status",
    comment: "Comment",
    commentPlaceholder: "Required when returning the plan",
    approve: "Approve",
    return: "Return",
    returnNeedsComment: "Please write a comment when returning a plan.",
    taskColumns: { content: "Task", owner: "Owner", due: "Due date", priority: "Priority", weight: "Weight" },
    planStatus: { pending_approval: "Pending approval", returned: "Returned", approved: "Approved", issued: "Issued" },
  },
};

export function messagesFor(lang: Lang): Messages {
  return lang === "en" ? EN : ZH;
}

export function otherLang(lang: Lang): Lang {
  return lang === "en" ? "zh" : "en";
}

/** A bilingual text for places that show both: the user's language first, then the other one. */
export function bothLanguages(text: Text, lang: Lang): string {
  const first = text[lang];
  const second = text[otherLang(lang)];
  return second && second !== first ? `${first}\n${second}` : first;
}
