/**
 * An item card's 历史 / History: a toggle that loads the item's audit trail (who,
 * when, what changed from → to, comment) through the sidebarAuditTrail RPC and
 * lists it, newest first, compact enough for a 300 px sidebar.
 */
import type { Lang } from "@planops/shared";
import type { SidebarStrings } from "../i18n/messages.js";
import { h } from "./dom.js";
import { parseFailure } from "./failure.js";
import { fieldLabel, localTime, type Plan, valueText } from "./format.js";
import { callServer, type ServerResult } from "./rpc.js";

export type Trail = ServerResult<"sidebarAuditTrail">;
type Entry = Trail["entries"][number];

const TEXT = {
  zh: {
    toggle: "历史",
    hide: "收起历史",
    loading: "正在读取历史…",
    empty: "暂无变更记录",
    failed: "无法读取历史",
    actingFor: "（代 {name}）",
    actions: {
      submitted: "提交",
      resubmitted: "重新提交",
      added: "新增",
      removed: "删除",
      changed: "修改",
      approved: "批准",
      returned: "退回",
      issued: "下发",
      progress: "更新进度",
      steps: "实施步骤",
      cancelled: "取消",
      moved: "调整",
      adjusted: "计划调整",
    } as Record<string, string>,
    fields: { title: "内容", steps: "步骤", revision: "版本", items: "条目数", approvedRevision: "批准版本", notifiedOwners: "通知人数" } as Record<
      string,
      string
    >,
  },
  en: {
    toggle: "History",
    hide: "Hide history",
    loading: "Loading history…",
    empty: "No changes recorded",
    failed: "The history could not be read",
    actingFor: " (for {name})",
    actions: {
      submitted: "Submitted",
      resubmitted: "Resubmitted",
      added: "Added",
      removed: "Removed",
      changed: "Changed",
      approved: "Approved",
      returned: "Returned",
      issued: "Issued",
      progress: "Progress",
      steps: "Steps",
      cancelled: "Cancelled",
      moved: "Moved",
      adjusted: "Adjusted",
    } as Record<string, string>,
    fields: {
      title: "Item",
      steps: "Steps",
      revision: "Revision",
      items: "Items",
      approvedRevision: "Approved revision",
      notifiedOwners: "Owners notified",
    } as Record<string, string>,
  },
} as const;

const colon = (lang: Lang) => (lang === "zh" ? "：" : ": ");

/** One entry's changed fields in words: the column's header, the values as the sheet reads them. */
export function entryLines(plan: Pick<Plan, "kind" | "period">, entry: Entry, lang: Lang, s: Pick<SidebarStrings, "none">) {
  const keys = [...new Set([...Object.keys(entry.from), ...Object.keys(entry.to)])];
  return keys.map((key) => {
    const text = (v: Entry["from"][string] | undefined) =>
      Array.isArray(v) ? (v.length ? v.join(lang === "zh" ? "；" : "; ") : s.none) : valueText(plan.kind, key, v, plan.period, lang, s);
    return { key, label: TEXT[lang].fields[key] ?? fieldLabel(plan.kind, key, lang), from: text(entry.from[key]), to: text(entry.to[key]) };
  });
}

function entryView(plan: Plan, entry: Entry, lang: Lang, s: SidebarStrings, timeZone: string): HTMLElement {
  const t = TEXT[lang];
  const actingFor = entry.by.actingFor ? t.actingFor.replace("{name}", entry.by.actingFor) : "";
  return h(
    "li",
    { "data-testid": "item-history-entry", "data-action": entry.action, class: "entry" },
    h(
      "div",
      { class: "gray" },
      h("span", { class: "chip plain" }, t.actions[entry.action] ?? entry.action),
      " ",
      h("span", { "data-testid": "item-history-by", title: entry.by.email }, entry.by.name + actingFor),
      " · ",
      h("span", { class: "nowrap" }, localTime(entry.at, timeZone)),
    ),
    ...entryLines(plan, entry, lang, s).map((f) =>
      h(
        "div",
        { class: "field-change", "data-testid": "item-history-change", "data-key": f.key },
        h("span", { class: "gray" }, `${f.label}${colon(lang)}`),
        h("del", {}, f.from),
        " → ",
        h("ins", {}, f.to),
      ),
    ),
    entry.comment && h("p", { class: "comment", "data-testid": "item-history-comment" }, entry.comment),
  );
}

/** The toggle and the (initially closed) list under an item card; the trail is loaded when first opened, again on each opening. */
export function itemHistory(plan: Plan, itemId: string, lang: Lang, s: SidebarStrings): HTMLElement {
  const t = TEXT[lang];
  const button = h("button", { type: "button", class: "link", "data-testid": "item-history-toggle", "aria-expanded": "false" }, t.toggle);
  const panel = h("div", { "data-testid": "item-history", class: "item-line", hidden: "" });
  let open = false;
  button.addEventListener("click", async () => {
    open = !open;
    button.setAttribute("aria-expanded", String(open));
    button.textContent = open ? t.hide : t.toggle;
    panel.hidden = !open;
    if (!open) return;
    panel.replaceChildren(h("span", { class: "gray" }, t.loading));
    try {
      const trail = await callServer("sidebarAuditTrail", itemId);
      panel.replaceChildren(
        trail.entries.length
          ? h("ol", { class: "timeline plain" }, ...trail.entries.map((e) => entryView(plan, e, lang, s, trail.timeZone)))
          : h("span", { class: "gray" }, t.empty),
      );
    } catch (error) {
      const failure = parseFailure(error instanceof Error ? error.message : String(error));
      panel.replaceChildren(h("span", { class: "error-text", "data-testid": "item-history-error" }, failure.message ?? t.failed));
    }
  });
  return h("div", { class: "item-history" }, button, panel);
}
