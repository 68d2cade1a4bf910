/**
 * One adjustment request (调整申请) awaiting the approver: the plan and item it
 * is on, its type, what changes before → after (marked like a revision's diff),
 * why, its impact and proposed solution, the planning group's review opinion,
 * and who filed it when. Approve / reject live in the fixed bar (main.ts).
 * Its words are the page's own, in the user's language only.
 */
import { ADJUSTMENT_STATUSES, ADJUSTMENT_TYPES, type Lang } from "@planops/shared";
import type { SidebarStrings } from "../i18n/messages.js";
import { h } from "./dom.js";
import { localTime, valueText } from "./format.js";
import type { ServerResult } from "./rpc.js";

export type AdjustmentDetails = ServerResult<"sidebarGetAdjustment">;
type Change = AdjustmentDetails["adjustment"]["changes"][number];

export const ADJUSTMENT_TEXT = {
  zh: {
    heading: "调整申请",
    plan: "计划",
    item: "计划项",
    newItem: "新增计划项",
    filedBy: "申请人",
    changes: "调整内容",
    reason: "调整原因",
    impact: "影响分析",
    solution: "解决方案",
    review: "计划组审核意见",
    noReview: "计划组尚未审核",
    cancelled: "已取消",
    commentPlaceholder: "审批意见（驳回时必填）",
    approve: "批准调整",
    reject: "驳回",
    needComment: "驳回调整申请时请填写审批意见。",
    opening: "正在打开调整申请…",
    rejecting: "正在驳回…",
  },
  en: {
    heading: "Adjustment request",
    plan: "Plan",
    item: "Item",
    newItem: "New item",
    filedBy: "Filed by",
    changes: "Changes",
    reason: "Reason",
    impact: "Impact",
    solution: "Proposed solution",
    review: "Planning group's review",
    noReview: "Not reviewed by the planning group yet",
    cancelled: "cancelled",
    commentPlaceholder: "Comment (required to reject)",
    approve: "Approve adjustment",
    reject: "Reject",
    needComment: "Please write a comment when rejecting an adjustment request.",
    opening: "Opening the adjustment request…",
    rejecting: "Rejecting…",
  },
} as const;

const colon = (lang: Lang) => (lang === "zh" ? "：" : ": ");

/** A changed value in words: the plan column's own reading; a cancellation's status as such. */
function changeValue(d: AdjustmentDetails, c: Change, value: Change["from"], lang: Lang, s: Pick<SidebarStrings, "none">): string {
  if (c.key === "status" && value === "cancelled") return ADJUSTMENT_TEXT[lang].cancelled;
  return valueText(d.plan.kind, c.key, value, d.plan.period, lang, s);
}

export function adjustmentView({ s, lang }: { s: SidebarStrings; lang: Lang }, d: AdjustmentDetails, on: { back(): void; reload(): void }): HTMLElement {
  const t = ADJUSTMENT_TEXT[lang];
  const a = d.adjustment;
  const back = h("button", { type: "button", "data-testid": "back" }, `‹ ${s.back}`);
  back.addEventListener("click", () => on.back());
  const reload = h("button", { type: "button", "data-testid": "reload" }, s.refresh);
  reload.addEventListener("click", () => on.reload());
  const type = ADJUSTMENT_TYPES.find((x) => x.value === a.type)?.label[lang] ?? a.type;
  const status = ADJUSTMENT_STATUSES.find((x) => x.value === a.status)?.label[lang] ?? a.status;
  const tone = a.status === "applied" ? "ok" : a.status === "rejected" ? "warn" : "info";
  const fact = (label: string, ...value: (Node | string | false | null)[]) => [h("dt", {}, label), h("dd", {}, ...value)];
  const text = (testId: string, label: string, value: string) =>
    value.trim()
      ? h("section", { class: "section", "data-testid": testId }, h("h2", {}, label), h("p", { class: "comment", lang: lang === "en" ? "en" : "zh-CN" }, value))
      : null;
  const itemText = a.itemId ? `${a.itemId} ${a.title}` : a.title;
  return h(
    "section",
    { "data-testid": "adjustment-detail", "data-adjustment-id": a.adjustmentId, "data-plan-id": d.plan.planId },
    h("div", { class: "toolbar" }, back, reload),
    h("h1", { "data-testid": "adjustment-title" }, `${t.heading} ${a.adjustmentId}`),
    h(
      "div",
      { class: "plan-state" },
      h("span", { "data-testid": "adjustment-type", class: "chip warn" }, type),
      h("span", { "data-testid": "adjustment-status", class: `chip ${tone}` }, status),
    ),
    h(
      "dl",
      { class: "facts" },
      ...fact(t.plan, h("span", { "data-testid": "adjustment-plan" }, d.plan.title[lang])),
      ...fact(a.type === "add" ? t.newItem : t.item, h("span", { "data-testid": "adjustment-item" }, itemText)),
      ...fact(
        t.filedBy,
        h("span", { "data-testid": "adjustment-filed-by", title: a.requestedBy.email }, a.requestedBy.name),
        " · ",
        h("span", { "data-testid": "adjustment-filed-at", class: "nowrap" }, localTime(a.requestedAt, d.plan.timeZone)),
      ),
      ...fact(s.approver, h("span", {}, d.plan.approver[lang])),
    ),
    h(
      "section",
      { "data-testid": "adjustment-changes", class: "section panel changes" },
      h("h2", {}, t.changes),
      h(
        "ul",
        { class: "plain" },
        ...a.changes.map((c) =>
          h(
            "li",
            { class: "field-change adjustment-change", "data-testid": "adjustment-change", "data-key": c.key },
            h("span", { class: "gray" }, `${c.header[lang]}${colon(lang)}`),
            h("del", {}, changeValue(d, c, c.from, lang, s)),
            " → ",
            h("ins", {}, changeValue(d, c, c.to, lang, s)),
          ),
        ),
      ),
    ),
    a.note && h("p", { class: "panel info", "data-testid": "adjustment-note" }, a.note[lang]),
    text("adjustment-reason", t.reason, a.reason),
    text("adjustment-impact", t.impact, a.impact),
    text("adjustment-solution", t.solution, a.solution),
    h(
      "section",
      { class: "section", "data-testid": "adjustment-review" },
      h("h2", {}, t.review),
      ...(a.review
        ? [
            h(
              "div",
              { class: "gray", "data-testid": "adjustment-review-by" },
              `${a.review.by.name} · `,
              h("span", { class: "nowrap" }, localTime(a.review.at, d.plan.timeZone)),
            ),
            h("p", { class: "comment", "data-testid": "adjustment-opinion", lang: lang === "en" ? "en" : "zh-CN" }, a.review.opinion),
          ]
        : [h("p", { class: "gray" }, t.noReview)]),
    ),
  );
}
