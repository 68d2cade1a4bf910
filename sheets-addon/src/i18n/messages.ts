import type { Lang, PeriodKind } from "@planops/shared";
import { DASHBOARD_MESSAGES, DASHBOARD_SIDEBAR_STRINGS, type DashboardMessages, type DashboardSidebarStrings } from "./dashboard-messages.js";
import { DELEGATION_STRINGS, type DelegationStrings } from "./delegation-messages.js";

/** Which sheet a "already exists" message speaks of: next period's plan, this period's sheet, or one without a period. */
export type SheetWhen = { relation: "next" | "current"; kind: PeriodKind } | null;

/**
 * Every string the add-on shows, in both languages. Parametrised messages are
 * functions; the `sidebar` part is plain strings only because it travels to the
 * sidebar page through google.script.run, which carries JSON-like values only.
 * Template titles, headers, notes and dropdown labels are not here: they come
 * from the template declarations in @planops/shared.
 */
export interface Messages {
  menu: {
    newTemplate: string;
    submit: string;
    updateProgress: string;
    issuePlan: string;
    refreshProgress: string;
    approvals: string;
    completionRates: string;
    reviewAdjustments: string;
    syncPlan: string;
    dashboard: string;
    dashboardView: string;
    openDashboard: string;
    refreshDashboard: string;
    runRollup: string;
    reports: string;
    generateReport: string;
    publishReport: string;
  };
  title: string;
  /** Joins several values in one cell or sentence: "、" / ", ". */
  listSeparator: string;
  notATemplateSheet: (sheetName: string) => string;
  /** A menu action used on a sheet of a template it does not apply to. */
  onlyFor: (action: string, sheetName: string, titles: readonly string[]) => string;
  busy: string;
  sheetExists: (sheetName: string, when: SheetWhen, isPlan: boolean) => string;
  outdatedSheetExists: (sheetName: string) => string;
  sheetNameTaken: (sheetName: string) => string;
  sheetCreated: (sheetName: string) => string;
  /** Shown once when a sheet is created: its name and the template's help. */
  templateHelp: (sheetName: string, help: string) => string;
  headerProtection: string;
  /** Description of the protection on a system column (ID, progress), by its header. */
  systemColumnProtection: (header: string) => string;
  /** Added to a reference column's header note when the parent plan offers nothing to choose yet. */
  referenceUnavailable: (targetTitle: string, required: boolean) => string;
  submitting: string;
  updatingProgress: string;
  issuing: string;
  reviewingAdjustments: string;
  syncingPlan: string;
  planSynced: (revision: number, changed: number, added: number) => string;
  refreshingProgress: string;
  loadingRates: string;
  progressRefreshed: (rows: number) => string;
  emptyTable: string;
  cellsWrong: (count: number) => string;
  cellLine: (row: number, header: string, message: string) => string;
  andMore: (count: number) => string;
  sheetChangedDuringCall: string;
  noPlanYet: string;
  failure: (message: string, code: string) => string;
  /** The server could not be reached (the transport's own reason, with its URL, stays out of the message). */
  unreachable: string;
  /** The server failed (5xx) or answered something unreadable: nothing the user did wrong; trying again may help. */
  serverTrouble: string;
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
    items: string;
    nameHeader: { people: string; groups: string; departments: string; items: string };
    columns: readonly string[];
    noTasks: string;
  };
  /** 仪表板 and 数据分析报告 (i18n/dashboard-messages.ts). */
  dashboards: DashboardMessages;
  sidebar: SidebarStrings;
}

/**
 * Strings of the approvals sidebar; sent to the page by `sidebarInfo`. A `{name}`
 * in a string is filled in by the page (src/sidebar/format.ts `fill`).
 */
export interface SidebarStrings {
  heading: string;
  refresh: string;
  empty: string;
  /** After the item count in the list: "3 项" / "3 items". */
  itemsCount: string;
  back: string;
  period: string;
  department: string;
  submitter: string;
  approver: string;
  revision: string;
  status: string;
  sheet: string;
  /** "第 {revision} 版". */
  revisionLabel: string;
  openSheet: string;
  comment: string;
  commentPlaceholder: string;
  approve: string;
  return: string;
  returnNeedsComment: string;
  /** Shown for an empty value (no owner, no start date…). */
  none: string;
  planStatus: Record<"pending_approval" | "returned" | "approved" | "issued", string>;
  /** "Items ({count})". */
  items: string;
  /** "权重 {weight}" on an item. */
  weight: string;
  /** The sheet row an item was on: "第 {row} 行". */
  row: string;
  parent: string;
  totals: string;
  /** "{count} 项 · 总权重 {weight}". */
  totalsLine: string;
  /** One owner's share: "{count} 项 · 权重 {weight}". */
  ownerShare: string;
  noOwner: string;
  /** "与第 {revision} 版相比". */
  changesSince: string;
  /** "新增 {added} · 删除 {removed} · 修改 {changed}". */
  changesSummary: string;
  changeKind: Record<"added" | "removed" | "changed", string>;
  history: string;
  decided: Record<"approve" | "return", string>;
  /** After a deputy's name: "（代{name}）". */
  actingFor: string;
  busy: { loading: string; opening: string; approving: string; returning: string; bulk: string };
  retry: string;
  /** Small print under an error: "错误代码 {code}". */
  errorCode: string;
  /** google.script.run itself failed: the call may or may not have reached the server. */
  connectionLost: string;
  /** Someone else decided first: "{name} 已于 {time} 批准该计划…". */
  decidedBy: Record<"approve" | "return", string>;
  decidedElsewhere: string;
  /** The plan was resubmitted meanwhile: "计划已更新为第 {revision} 版…". */
  resubmitted: string;
  unsentComment: string;
  copy: string;
  copied: string;
  /** Accessible name of a plan's checkbox in the list: "选择 {title}". */
  selectPlan: string;
  selectedCount: string;
  bulkHint: string;
  bulkCommentPlaceholder: string;
  approveSelected: string;
  returnSelected: string;
  /** "已处理 {done}/{total} 份计划". */
  bulkSummary: string;
  bulkResult: Record<"approved" | "returned" | "decided" | "failed", string>;
  /** The 委托审批 section (i18n/delegation-messages.ts). */
  delegation: DelegationStrings;
  /** The 汇总 / 仪表板 view (i18n/dashboard-messages.ts). */
  dashboard: DashboardSidebarStrings;
}

const ZH_WHEN: Record<"next" | "current", Record<PeriodKind, string>> = {
  next: { year: "明年的", quarter: "下季度的", month: "下月的" },
  current: { year: "今年的", quarter: "本季度的", month: "本月的" },
};
const EN_WHEN: Record<"next" | "current", Record<PeriodKind, string>> = {
  next: { year: "Next year's", quarter: "Next quarter's", month: "Next month's" },
  current: { year: "This year's", quarter: "This quarter's", month: "This month's" },
};

const ZH: Messages = {
  menu: {
    newTemplate: "新建模板",
    submit: "提交",
    updateProgress: "更新进度",
    issuePlan: "下发计划",
    refreshProgress: "刷新进度",
    approvals: "审批",
    completionRates: "完成率",
    reviewAdjustments: "提交审核意见",
    syncPlan: "同步最新版本",
    dashboard: "仪表板",
    dashboardView: "汇总 / 仪表板",
    openDashboard: "打开仪表板",
    refreshDashboard: "刷新仪表板",
    runRollup: "立即汇总",
    reports: "数据分析报告",
    generateReport: "生成报告",
    publishReport: "发布报告",
  },
  title: "计划运营",
  listSeparator: "、",
  notATemplateSheet: (name) => `工作表「${name}」不是计划运营模板。请先通过 扩展程序 › 计划运营 › 新建模板 创建表格，再在其中操作。`,
  onlyFor: (action, name, titles) => `「${action}」只适用于${titles.join("、")}表格，工作表「${name}」不是。`,
  busy: "其他人正在提交本表格，请稍后再试。",
  sheetExists: (name, when, isPlan) => `${when ? ZH_WHEN[when.relation][when.kind] : ""}${isPlan ? "计划表" : "表格"}「${name}」已存在，已为您切换到该表。`,
  outdatedSheetExists: (name) => `已有名为「${name}」的旧版模板表格。请先重命名该工作表（其内容可复制到新表中），再新建。`,
  sheetNameTaken: (name) => `已有名为「${name}」的工作表，但它不是计划运营模板。请先重命名该工作表。`,
  sheetCreated: (name) => `已创建表格「${name}」。`,
  templateHelp: (name, help) => `已创建表格「${name}」。\n\n${help}`,
  headerProtection: "计划运营：表头由系统维护，请勿修改",
  systemColumnProtection: (header) => `计划运营：${header}由系统填写，请勿修改`,
  referenceUnavailable: (target, required) =>
    required ? `目前没有可选的已批准${target}条目：该计划批准后才能填写此列。` : `目前没有可选的已批准${target}条目：上级计划批准前请留空此列。`,
  submitting: "正在提交…",
  updatingProgress: "正在更新进度…",
  issuing: "正在下发计划…",
  reviewingAdjustments: "正在提交审核意见…",
  syncingPlan: "正在读取计划的最新版本…",
  planSynced: (revision, changed, added) => `已同步为第 ${revision} 版：更新 ${changed} 行，新增 ${added} 行。`,
  refreshingProgress: "正在刷新进度…",
  loadingRates: "正在计算完成率…",
  progressRefreshed: (n) => `已刷新 ${n} 行的进度。`,
  emptyTable: "表格中没有填写内容的行，无需提交。",
  cellsWrong: (n) => `有 ${n} 个单元格需要修改，已标成浅红色并附批注。修改后请重新提交。`,
  cellLine: (row, header, message) => `第 ${row} 行「${header}」：${message}`,
  andMore: (n) => `……另有 ${n} 处`,
  sheetChangedDuringCall: "提交期间表格内容被修改或行顺序被调整，因此未写回结果。请重新提交（重复提交是安全的）。",
  noPlanYet: "本表尚未成功提交过计划，请先使用「提交」。",
  failure: (message, code) => `${message}（${code}）`,
  unreachable: "暂时无法连接计划运营服务器，请检查网络后重试。",
  serverTrouble: "服务器暂时出现问题，请稍后重试。",
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
    items: "计划条目",
    nameHeader: { people: "姓名", groups: "小组", departments: "部门", items: "条目" },
    columns: ["任务数", "按时完成", "期末前完成", "逾期", "按时完成率", "完成率", "加权按时完成率", "加权完成率"],
    noTasks: "—",
  },
  dashboards: DASHBOARD_MESSAGES.zh,
  sidebar: {
    heading: "待我审批",
    refresh: "刷新",
    empty: "目前没有待审批的计划。",
    itemsCount: "项",
    back: "返回列表",
    period: "期间",
    department: "部门",
    submitter: "提交人",
    approver: "审批人",
    revision: "版本",
    status: "状态",
    sheet: "表格",
    revisionLabel: "第 {revision} 版",
    openSheet: "打开表格",
    comment: "审批意见",
    commentPlaceholder: "审批意见（退回时必填）",
    approve: "批准",
    return: "退回",
    returnNeedsComment: "退回计划时请填写审批意见。",
    none: "—",
    planStatus: { pending_approval: "待审批", returned: "已退回", approved: "已批准", issued: "已下发" },
    items: "条目（{count}）",
    weight: "权重 {weight}",
    row: "第 {row} 行",
    parent: "上级",
    totals: "合计",
    totalsLine: "{count} 项 · 总权重 {weight}",
    ownerShare: "{count} 项 · 权重 {weight}",
    noOwner: "未指定责任人",
    changesSince: "与第 {revision} 版相比",
    changesSummary: "新增 {added} · 删除 {removed} · 修改 {changed}",
    changeKind: { added: "新增", removed: "删除", changed: "修改" },
    history: "审批记录",
    decided: { approve: "已批准", return: "已退回" },
    actingFor: "（代{name}）",
    busy: { loading: "正在加载…", opening: "正在打开计划…", approving: "正在批准…", returning: "正在退回…", bulk: "正在处理第 {done}/{total} 份计划…" },
    retry: "重试",
    errorCode: "错误代码 {code}",
    connectionLost: "与服务器的通信出了问题，操作可能没有完成。请重试。",
    decidedBy: {
      approve: "{name} 已于 {time} 批准该计划，无需您再审批。已为您刷新。",
      return: "{name} 已于 {time} 退回该计划，无需您再审批。已为您刷新。",
    },
    decidedElsewhere: "该计划已由他人处理，无需您再审批。已为您刷新。",
    resubmitted: "计划已更新为第 {revision} 版，已为您显示新版本；请查看变化后再审批。",
    unsentComment: "您填写的意见没有发送：",
    copy: "复制",
    copied: "已复制",
    selectPlan: "选择 {title}",
    selectedCount: "已选 {count} 份",
    bulkHint: "勾选多份计划，可一并批准或退回。",
    bulkCommentPlaceholder: "审批意见（退回时必填，用于每份所选计划）",
    approveSelected: "批准所选",
    returnSelected: "退回所选",
    bulkSummary: "已处理 {done}/{total} 份计划。",
    bulkResult: { approved: "已批准", returned: "已退回", decided: "已由他人处理", failed: "未完成" },
    delegation: DELEGATION_STRINGS.zh,
    dashboard: DASHBOARD_SIDEBAR_STRINGS.zh,
  },
};

const EN: Messages = {
  menu: {
    newTemplate: "New template",
    submit: "Submit",
    updateProgress: "Update progress",
    issuePlan: "Issue plan",
    refreshProgress: "Refresh progress",
    approvals: "Approvals",
    completionRates: "Completion rates",
    reviewAdjustments: "Submit review opinions",
    syncPlan: "Sync to the latest version",
    dashboard: "Dashboard",
    dashboardView: "Roll-up / Dashboard",
    openDashboard: "Open dashboard",
    refreshDashboard: "Refresh dashboard",
    runRollup: "Run roll-up now",
    reports: "Data-analysis report",
    generateReport: "Generate report",
    publishReport: "Publish report",
  },
  title: "PlanOps",
  listSeparator: ", ",
  notATemplateSheet: (name) => `The sheet "${name}" is not a PlanOps template. Create one with Extensions › PlanOps › New template first and work in it.`,
  onlyFor: (action, name, titles) => `"${action}" applies only to ${titles.join(", ")} sheets; "${name}" is not one.`,
  busy: "Someone else is submitting this spreadsheet; please try again in a moment.",
  sheetExists: (name, when, isPlan) =>
    `${when ? `${EN_WHEN[when.relation][when.kind]} ${isPlan ? "plan sheet" : "sheet"}` : "The sheet"} "${name}" already exists; it is now the active sheet.`,
  outdatedSheetExists: (name) =>
    `A sheet named "${name}" uses an older version of the template. Rename it first (you can copy its rows into the new sheet), then create the template again.`,
  sheetNameTaken: (name) => `A sheet named "${name}" exists but is not a PlanOps template. Rename it first.`,
  sheetCreated: (name) => `Created the sheet "${name}".`,
  templateHelp: (name, help) => `Created the sheet "${name}".\n\n${help}`,
  headerProtection: "PlanOps: the header row is maintained by the system; do not edit",
  systemColumnProtection: (header) => `PlanOps: ${header} is filled in by the system; do not edit`,
  referenceUnavailable: (target, required) =>
    required
      ? `There is no approved ${target.toLowerCase()} item to choose yet: this column can be filled in once that plan is approved.`
      : `There is no approved ${target.toLowerCase()} item to choose yet: leave this column empty until the parent plan is approved.`,
  submitting: "Submitting…",
  updatingProgress: "Updating progress…",
  issuing: "Issuing the plan…",
  reviewingAdjustments: "Submitting review opinions…",
  syncingPlan: "Reading the latest version of the plan…",
  planSynced: (revision, changed, added) => `Synced to revision ${revision}: ${changed} row(s) updated, ${added} added.`,
  refreshingProgress: "Refreshing progress…",
  loadingRates: "Computing completion rates…",
  progressRefreshed: (n) => `Refreshed the progress of ${n} ${n === 1 ? "row" : "rows"}.`,
  emptyTable: "The table has no filled-in rows; nothing to submit.",
  cellsWrong: (n) => `${n} ${n === 1 ? "cell needs" : "cells need"} fixing; they are marked light red with a note. Fix them and submit again.`,
  cellLine: (row, header, message) => `Row ${row}, "${header}": ${message}`,
  andMore: (n) => `…and ${n} more`,
  sheetChangedDuringCall:
    "The table was edited or its rows were reordered during the submission, so no results were written back. Please submit again (resubmitting is safe).",
  noPlanYet: "This sheet has no successfully submitted plan yet; use Submit first.",
  failure: (message, code) => `${message} (${code})`,
  unreachable: "The PlanOps server cannot be reached right now; check the network and try again.",
  serverTrouble: "The server ran into a problem; please try again in a moment.",
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
    items: "Plan items",
    nameHeader: { people: "Name", groups: "Group", departments: "Department", items: "Plan item" },
    columns: ["Tasks", "Done on time", "Done by period end", "Overdue", "On-time rate", "Completion rate", "Weighted on-time rate", "Weighted completion rate"],
    noTasks: "—",
  },
  dashboards: DASHBOARD_MESSAGES.en,
  sidebar: {
    heading: "Awaiting my approval",
    refresh: "Refresh",
    empty: "Nothing awaits your approval.",
    itemsCount: "items",
    back: "Back to the list",
    period: "Period",
    department: "Department",
    submitter: "Submitted by",
    approver: "Approver",
    revision: "Revision",
    status: "Status",
    sheet: "Sheet",
    revisionLabel: "Revision {revision}",
    openSheet: "Open the sheet",
    comment: "Comment",
    commentPlaceholder: "Comment (required to return)",
    approve: "Approve",
    return: "Return",
    returnNeedsComment: "Please write a comment when returning a plan.",
    none: "—",
    planStatus: { pending_approval: "Pending approval", returned: "Returned", approved: "Approved", issued: "Issued" },
    items: "Items ({count})",
    weight: "weight {weight}",
    row: "row {row}",
    parent: "Parent",
    totals: "Totals",
    totalsLine: "{count} items · total weight {weight}",
    ownerShare: "{count} · weight {weight}",
    noOwner: "No owner",
    changesSince: "Changes since revision {revision}",
    changesSummary: "{added} added · {removed} removed · {changed} changed",
    changeKind: { added: "Added", removed: "Removed", changed: "Changed" },
    history: "Decisions so far",
    decided: { approve: "Approved", return: "Returned" },
    actingFor: " (for {name})",
    busy: { loading: "Loading…", opening: "Opening the plan…", approving: "Approving…", returning: "Returning…", bulk: "Deciding plan {done} of {total}…" },
    retry: "Try again",
    errorCode: "Error code {code}",
    connectionLost: "Something went wrong talking to the server; the action may not have gone through. Please try again.",
    decidedBy: {
      approve: "{name} approved this plan on {time}; it needs no decision from you. The plan has been refreshed.",
      return: "{name} returned this plan on {time}; it needs no decision from you. The plan has been refreshed.",
    },
    decidedElsewhere: "Someone else has already decided on this plan; it needs no decision from you. The plan has been refreshed.",
    resubmitted: "The plan has been resubmitted as revision {revision}, shown now; review the changes before deciding.",
    unsentComment: "Your comment was not sent:",
    copy: "Copy",
    copied: "Copied",
    selectPlan: "Select {title}",
    selectedCount: "{count} selected",
    bulkHint: "Tick several plans to approve or return them together.",
    bulkCommentPlaceholder: "Comment (required to return; used for every selected plan)",
    approveSelected: "Approve selected",
    returnSelected: "Return selected",
    bulkSummary: "{done} of {total} plans decided.",
    bulkResult: { approved: "Approved", returned: "Returned", decided: "Already decided by someone else", failed: "Not done" },
    delegation: DELEGATION_STRINGS.en,
    dashboard: DASHBOARD_SIDEBAR_STRINGS.en,
  },
};

export function messagesFor(lang: Lang): Messages {
  return lang === "en" ? EN : ZH;
}
