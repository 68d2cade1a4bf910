import type { Lang } from "@planops/shared";

/**
 * Strings of the sidebar's 委托审批 section (SidebarStrings.delegation): plain
 * strings, filled in by the page (`{name}`), as every sidebar string.
 */
export interface DelegationStrings {
  heading: string;
  deputy: string;
  chooseDeputy: string;
  from: string;
  to: string;
  submit: string;
  /** Shown when the form is sent without a deputy or a date. */
  incomplete: string;
  noDeputies: string;
  empty: string;
  /** One delegation of the manager's: "{name} · {from} 至 {to}". */
  entry: string;
  state: Record<"active" | "upcoming", string>;
  revoke: string;
  /** The revoke button after a first click: a second click revokes. */
  confirmRevoke: string;
  /** The deputy's banner while a delegation counts: "你正在代理 {name} 审批（至 {to}）". */
  actingNow: string;
  /** The deputy's banner for one that starts later. */
  actingLater: string;
  busy: { loading: string; delegating: string; revoking: string };
  /** The section could not be loaded; the list above still stands. */
  loadFailed: string;
}

export const DELEGATION_STRINGS: Record<Lang, DelegationStrings> = {
  zh: {
    heading: "委托审批",
    deputy: "代理人",
    chooseDeputy: "选择副经理",
    from: "开始日期",
    to: "结束日期",
    submit: "委托",
    incomplete: "请选择代理人，并填写开始和结束日期。",
    noDeputies: "本部门没有可委托的副经理。",
    empty: "目前没有委托。",
    entry: "{name} · {from} 至 {to}",
    state: { active: "进行中", upcoming: "未开始" },
    revoke: "撤销",
    confirmRevoke: "确认撤销",
    actingNow: "你正在代理 {name} 审批（至 {to}）",
    actingLater: "你将代理 {name} 审批（{from} 至 {to}）",
    busy: { loading: "正在加载委托…", delegating: "正在提交委托…", revoking: "正在撤销委托…" },
    loadFailed: "无法加载委托信息。",
  },
  en: {
    heading: "Delegate approvals",
    deputy: "Deputy",
    chooseDeputy: "Choose a deputy",
    from: "From",
    to: "To",
    submit: "Delegate",
    incomplete: "Choose a deputy and fill in both dates.",
    noDeputies: "Your department has no deputy to delegate to.",
    empty: "No current or upcoming delegations.",
    entry: "{name} · {from} to {to}",
    state: { active: "Active", upcoming: "Upcoming" },
    revoke: "Revoke",
    confirmRevoke: "Confirm revoke",
    actingNow: "You are deciding for {name} (until {to})",
    actingLater: "You will decide for {name} ({from} to {to})",
    busy: { loading: "Loading delegations…", delegating: "Delegating…", revoking: "Revoking…" },
    loadFailed: "Delegations could not be loaded.",
  },
};
