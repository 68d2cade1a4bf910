/**
 * The sidebar's screens as DOM, drawn from plain data: the list of plans awaiting
 * the user, and one plan. They fit a 300 px sidebar: cards, not a table; dates
 * short and never wrapped; the actions live in the fixed bar (main.ts).
 */
import type { Lang } from "@planops/shared";
import type { SidebarStrings } from "../i18n/messages.js";
import { itemHistory } from "./audit-view.js";
import { h } from "./dom.js";
import {
  type ChangeLine,
  changeCounts,
  changeLines,
  dayRange,
  extraColumns,
  fill,
  formatWeight,
  type Item,
  localTime,
  type Plan,
  parentText,
  planTotals,
  valueText,
} from "./format.js";
import type { ServerResult } from "./rpc.js";

export type Pending = ServerResult<"sidebarListPending">[number];

export interface ViewContext {
  s: SidebarStrings;
  lang: Lang;
}

/** What became of one plan (or adjustment request) of a bulk decision. */
export interface BulkResult {
  approvalId: string;
  planId: string;
  title: string;
  outcome: "approved" | "returned" | "decided" | "failed";
  /** Why it failed, in the user's language. */
  message: string | null;
}

const colon = (lang: Lang) => (lang === "zh" ? "：" : ": ");

export function listView(
  { s, lang }: ViewContext,
  items: readonly Pending[],
  selected: ReadonlySet<string>,
  results: readonly BulkResult[],
  on: { open(item: Pending): void; toggle(approvalId: string, on: boolean): void; refresh(): void },
): HTMLElement {
  const refresh = h("button", { type: "button", "data-testid": "refresh" }, s.refresh);
  refresh.addEventListener("click", () => on.refresh());
  // Keyed by approval record: a plan revision and each adjustment request on the same plan are separate entries.
  const rows = items.map((item) => {
    const title = item.title[lang];
    const keys = {
      "data-approval-id": item.approvalId,
      "data-plan-id": item.planId,
      ...(item.adjustmentId ? { "data-adjustment-id": item.adjustmentId } : {}),
    };
    const box = h("input", { type: "checkbox", "data-testid": "select-plan", ...keys, "aria-label": fill(s.selectPlan, { title }) });
    box.checked = selected.has(item.approvalId);
    box.addEventListener("change", () => on.toggle(item.approvalId, box.checked));
    // An adjustment's title names it as one (调整申请 ADJ-…); it has no item count or plan revision of its own.
    const facts = item.adjustmentId
      ? `${item.department} · ${item.submittedBy.name}`
      : `${item.department} · ${item.submittedBy.name} · ${item.itemCount} ${s.itemsCount} · ${fill(s.revisionLabel, { revision: item.revision })}`;
    const open = h(
      "button",
      { type: "button", "data-testid": "pending-item", ...keys, class: "pending-item" },
      h("span", { class: "pending-title" }, title),
      h("span", { class: "gray" }, facts),
    );
    open.addEventListener("click", () => on.open(item));
    return h("li", { class: "pending-row" }, h("label", { class: "pick" }, box), open);
  });
  return h(
    "section",
    { "data-testid": "pending-view" },
    h("div", { class: "toolbar" }, h("h1", {}, s.heading), refresh),
    results.length > 0 && bulkResults({ s, lang }, results),
    items.length ? h("ul", { "data-testid": "pending-list", class: "pending" }, ...rows) : h("p", { "data-testid": "pending-empty", class: "gray" }, s.empty),
  );
}

function bulkResults({ s }: ViewContext, results: readonly BulkResult[]): HTMLElement {
  const done = results.filter((r) => r.outcome !== "failed").length;
  const tone = { approved: "ok", returned: "warn", decided: "info", failed: "bad" } as const;
  return h(
    "section",
    { "data-testid": "bulk-results", class: "panel" },
    h("p", { class: "panel-head" }, fill(s.bulkSummary, { done, total: results.length })),
    h(
      "ul",
      { class: "plain" },
      ...results.map((r) =>
        h(
          "li",
          { "data-testid": "bulk-result", "data-approval-id": r.approvalId, "data-plan-id": r.planId, "data-outcome": r.outcome },
          h("span", { class: `chip ${tone[r.outcome]}` }, s.bulkResult[r.outcome]),
          " ",
          r.title,
          r.message && h("div", { class: "error-text" }, r.message),
        ),
      ),
    ),
  );
}

export function planView(
  { s, lang }: ViewContext,
  plan: Plan,
  options: { unsent?: string | undefined },
  on: { back(): void; reload(): void; copy(text: string, button: HTMLButtonElement): void },
): HTMLElement {
  const back = h("button", { type: "button", "data-testid": "back" }, `‹ ${s.back}`);
  back.addEventListener("click", () => on.back());
  const reload = h("button", { type: "button", "data-testid": "reload" }, s.refresh);
  reload.addEventListener("click", () => on.reload());
  const lines = changeLines(plan, lang, s);
  const statusTone = { pending_approval: "info", returned: "warn", approved: "ok", issued: "ok" } as const;
  const fact = (label: string, ...value: (Node | string | false | null)[]) => [h("dt", {}, label), h("dd", {}, ...value)];
  const sheetLink =
    plan.spreadsheetUrl && /^https:\/\//.test(plan.spreadsheetUrl)
      ? h("a", { href: plan.spreadsheetUrl, target: "_blank", rel: "noopener", "data-testid": "plan-sheet" }, `${s.openSheet} ↗`)
      : null;
  return h(
    "section",
    { "data-testid": "plan-detail", "data-plan-id": plan.planId },
    h("div", { class: "toolbar" }, back, reload),
    h("h1", { "data-testid": "plan-title" }, plan.title[lang]),
    h(
      "div",
      { class: "plan-state" },
      h("span", { "data-testid": "plan-status", class: `chip ${statusTone[plan.status]}` }, s.planStatus[plan.status]),
      h("span", { "data-testid": "plan-revision" }, fill(s.revisionLabel, { revision: plan.revision })),
    ),
    h(
      "dl",
      { class: "facts" },
      ...fact(s.period, h("span", { "data-testid": "plan-period" }, plan.period)),
      ...fact(s.department, h("span", { "data-testid": "plan-department" }, plan.department)),
      ...fact(
        s.submitter,
        h("span", { "data-testid": "plan-submitter", title: plan.submittedBy.email }, plan.submittedBy.name),
        " · ",
        h("span", { "data-testid": "plan-submitted-at", class: "nowrap" }, localTime(plan.submittedAt, plan.timeZone)),
      ),
      ...fact(s.approver, h("span", { "data-testid": "plan-approver" }, plan.approver[lang])),
      ...(sheetLink ? fact(s.sheet, sheetLink) : []),
    ),
    options.unsent && unsentComment(s, options.unsent, on.copy),
    plan.history.length > 0 && historyView({ s, lang }, plan),
    plan.changesSince !== null && changesView({ s, lang }, plan, lines),
    totalsView(s, plan),
    itemsView({ s, lang }, plan, lines),
  );
}

/** A comment typed for a decision that was not sent (someone else decided first): kept, to copy. */
function unsentComment(s: SidebarStrings, text: string, copy: (text: string, button: HTMLButtonElement) => void): HTMLElement {
  const box = h("textarea", { "data-testid": "unsent-comment-text", rows: "2", readonly: "" });
  box.value = text;
  const button = h("button", { type: "button", "data-testid": "copy-comment" }, s.copy);
  button.addEventListener("click", () => copy(text, button));
  return h("section", { "data-testid": "unsent-comment", class: "panel info" }, h("p", { class: "panel-head" }, s.unsentComment), box, button);
}

function historyView({ s, lang }: ViewContext, plan: Plan): HTMLElement {
  return h(
    "section",
    { "data-testid": "history", class: "section" },
    h("h2", {}, s.history),
    h(
      "ol",
      { class: "timeline" },
      ...plan.history.map((d) =>
        h(
          "li",
          { "data-testid": "history-entry", "data-revision": String(d.revision), "data-decision": d.decision, class: `entry ${d.decision}` },
          h(
            "div",
            { class: "entry-head" },
            h("span", { class: `chip ${d.decision === "approve" ? "ok" : "warn"}` }, s.decided[d.decision]),
            h("span", {}, fill(s.revisionLabel, { revision: d.revision })),
          ),
          h(
            "div",
            { class: "gray", "data-testid": "history-by" },
            `${d.by.name}${d.actingForName ? fill(s.actingFor, { name: d.actingForName }) : ""} · `,
            h("span", { class: "nowrap" }, localTime(d.at, plan.timeZone)),
          ),
          d.comment && h("p", { class: "comment", "data-testid": "history-comment", lang: lang === "en" ? "en" : "zh-CN" }, d.comment),
        ),
      ),
    ),
  );
}

function fieldChange(lang: Lang, f: ChangeLine["fields"][number]): HTMLElement {
  return h(
    "div",
    { class: "field-change", "data-testid": "field-change", "data-key": f.key },
    h("span", { class: "gray" }, `${f.label}${colon(lang)}`),
    h("del", {}, f.from),
    " → ",
    h("ins", {}, f.to),
  );
}

function changesView({ s, lang }: ViewContext, plan: Plan, lines: readonly ChangeLine[]): HTMLElement {
  const tone = { added: "ok", removed: "bad", changed: "warn" } as const;
  return h(
    "section",
    { "data-testid": "plan-changes", class: "section panel changes" },
    h("h2", {}, fill(s.changesSince, { revision: plan.changesSince ?? "" })),
    h("p", { "data-testid": "changes-summary", class: "gray" }, fill(s.changesSummary, changeCounts(lines))),
    h(
      "ul",
      { class: "plain" },
      ...lines.map((line) =>
        h(
          "li",
          { "data-testid": "change", "data-kind": line.kind, "data-item-id": line.itemId, class: `change ${line.kind}` },
          h("div", {}, h("span", { class: `chip ${tone[line.kind]}` }, s.changeKind[line.kind]), " ", h("span", { class: "item-id" }, line.itemId)),
          h(line.kind === "removed" ? "del" : "div", { class: "change-title" }, line.title),
          ...line.fields.map((f) => fieldChange(lang, f)),
        ),
      ),
    ),
  );
}

function totalsView(s: SidebarStrings, plan: Plan): HTMLElement {
  const totals = planTotals(plan.items, s.noOwner);
  return h(
    "section",
    { "data-testid": "plan-totals", class: "section" },
    h("h2", {}, s.totals),
    h("p", { "data-testid": "totals-line" }, fill(s.totalsLine, { count: totals.count, weight: formatWeight(totals.weight) })),
    h(
      "table",
      { class: "owners" },
      h(
        "tbody",
        {},
        ...totals.owners.map((o) =>
          h(
            "tr",
            { "data-testid": "owner-total", "data-owner": o.email ?? "" },
            h("td", {}, o.name),
            h("td", { class: "num" }, fill(s.ownerShare, { count: o.count, weight: formatWeight(o.weight) })),
          ),
        ),
      ),
    ),
  );
}

function itemsView({ s, lang }: ViewContext, plan: Plan, lines: readonly ChangeLine[]): HTMLElement {
  const changes = new Map(lines.filter((l) => l.kind !== "removed").map((l) => [l.itemId, l]));
  const extra = extraColumns(plan.kind);
  const card = (item: Item) => {
    const change = changes.get(item.itemId);
    const value = (key: string) => item.fields[key];
    const owner = item.owner ? item.owner.name : s.none;
    const otherDepartment = item.department && item.department !== plan.department ? `（${item.department}）` : "";
    return h(
      "li",
      { "data-testid": "task-row", "data-item-id": item.itemId, class: `item ${change?.kind ?? ""}`, ...(change ? { "data-change": change.kind } : {}) },
      h(
        "div",
        { class: "item-head" },
        item.row !== null && item.row !== undefined && h("span", { class: "item-row", "data-testid": "item-row" }, s.row.replace("{row}", String(item.row))),
        h("span", { class: "item-id" }, item.itemId),
        change && h("span", { class: `chip ${change.kind === "added" ? "ok" : "warn"}` }, s.changeKind[change.kind]),
        // An option column: its value as a chip, unless it is the column's default (优先级 中 on every card says nothing).
        ...extra.chips.map((c) => {
          const v = value(c.key);
          const unremarkable = v === null || v === undefined || v === "" || ("defaultValue" in c && v === c.defaultValue);
          return unremarkable
            ? null
            : h(
                "span",
                { class: "chip plain", "data-testid": "item-chip", "data-key": c.key },
                `${c.header[lang]} ${valueText(plan.kind, c.key, v, plan.period, lang, s)}`,
              );
        }),
      ),
      h("div", { class: "item-title" }, item.title),
      h(
        "div",
        { class: "item-meta" },
        h("span", { "data-testid": "item-owner" }, owner + otherDepartment),
        h("span", { class: "nowrap", "data-testid": "item-dates" }, dayRange(item.start, item.due, plan.period, s.none)),
        h("span", { class: "nowrap", "data-testid": "item-weight" }, fill(s.weight, { weight: formatWeight(item.weight) })),
      ),
      item.parentItem &&
        h("div", { class: "item-line gray", "data-testid": "item-parent" }, `${s.parent}${colon(lang)}${parentText(item.parentItem, plan.parents)}`),
      ...extra.lines.map((c) => {
        const v = value(c.key);
        return v === null || v === undefined || v === ""
          ? null
          : h(
              "div",
              { class: "item-line", "data-testid": "item-extra", "data-key": c.key },
              h("span", { class: "gray" }, `${c.header[lang]}${colon(lang)}`),
              valueText(plan.kind, c.key, v, plan.period, lang, s),
            );
      }),
      change?.kind === "changed" && h("div", { class: "item-diff" }, ...change.fields.map((f) => fieldChange(lang, f))),
      itemHistory(plan, item.itemId, lang, s),
    );
  };
  return h(
    "section",
    { "data-testid": "plan-items", class: "section" },
    h("h2", {}, fill(s.items, { count: plan.items.length })),
    h("ol", { class: "items" }, ...plan.items.map(card)),
  );
}
