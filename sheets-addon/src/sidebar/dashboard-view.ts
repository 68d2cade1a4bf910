/**
 * The sidebar's 汇总 / 仪表板 view as DOM, drawn from plain data: the caller's
 * key figures for the month (on-time and completion rates, overdue work by age,
 * the longest overdue tasks), and their dashboard. Fits 300 px: three figures
 * side by side, tasks as short cards.
 */
import type { SidebarStrings } from "../i18n/messages.js";
import { h } from "./dom.js";
import type { Failure } from "./failure.js";
import { fill, shortDay } from "./format.js";
import type { ServerResult } from "./rpc.js";

export type Summary = ServerResult<"sidebarRollupSummary">;
export type Card = ServerResult<"sidebarDashboard">;
/** A part of the view as loaded: its data, or why it could not be read. */
export type Loaded<T> = { ok: true; value: T } | { ok: false; failure: Failure };

/** A rate 0..1 as the sheets show it, "66.7%"; null (no task in scope) as the none mark, never 0 %. */
export function rateText(rate: number | null, none: string): string {
  return rate === null ? none : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

export function dashboardView(s: SidebarStrings, summary: Loaded<Summary>, dashboard: Loaded<Card>, on: { reload(): void }): HTMLElement {
  const d = s.dashboard;
  const reload = h("button", { type: "button", "data-testid": "reload" }, s.refresh);
  reload.addEventListener("click", () => on.reload());
  return h(
    "section",
    { "data-testid": "dashboard-view" },
    h("div", { class: "toolbar" }, h("h1", {}, d.heading), reload),
    summary.ok
      ? summaryView(s, summary.value)
      : failurePanel(s, "summary-error", `${d.summaryFailed}${summary.failure.message ?? s.connectionLost}`, summary.failure),
    dashboardSection(s, dashboard),
  );
}

function summaryView(s: SidebarStrings, summary: Summary): HTMLElement {
  const d = s.dashboard;
  const kpi = (id: string, value: string, label: string, detail: string | null) =>
    h(
      "div",
      { class: "kpi", "data-testid": id },
      h("div", { class: "kpi-value", "data-testid": "kpi-value" }, value),
      h("div", { class: "kpi-label" }, label),
      detail && h("div", { class: "kpi-detail gray" }, detail),
    );
  const noTasks = summary.inScope === 0;
  const ofTasks = (done: number) => (noTasks ? d.noTasks : fill(d.ofTasks, { done, total: summary.inScope }));
  return h(
    "div",
    { "data-testid": "rollup-summary" },
    h("p", { class: "gray", "data-testid": "rollup-scope" }, fill(d.scope, { period: summary.period, scope: summary.scope })),
    h("p", { class: "gray", "data-testid": "rollup-as-of" }, fill(d.asOf, { asOf: summary.asOf })),
    h(
      "p",
      { class: "gray as-of", "data-testid": "rollup-computed-at" },
      summary.computedAt ? fill(d.computedAt, { at: summary.computedAt }) : d.notComputedYet,
    ),
    h(
      "div",
      { class: "kpis" },
      kpi("kpi-on-time", rateText(summary.onTimeRate, s.none), d.onTimeRate, ofTasks(summary.doneOnTime)),
      kpi("kpi-completion", rateText(summary.completionRate, s.none), d.completionRate, ofTasks(summary.doneByEnd)),
      kpi("kpi-overdue", String(summary.overdue.count), d.overdue, null),
    ),
    overdueView(s, summary),
  );
}

function overdueView(s: SidebarStrings, summary: Summary): HTMLElement {
  const d = s.dashboard;
  const { overdue } = summary;
  if (overdue.count === 0) return h("section", { class: "section", "data-testid": "overdue" }, h("h2", {}, d.overdue), h("p", { class: "gray" }, d.noOverdue));
  const widest = Math.max(1, ...overdue.ages.map((a) => a.count));
  return h(
    "section",
    { class: "section", "data-testid": "overdue" },
    h("h2", {}, fill(d.overdueCount, { count: overdue.count })),
    h(
      "ul",
      { class: "plain ages" },
      ...overdue.ages.map((band) =>
        h(
          "li",
          { class: "age", "data-testid": "age-band" },
          h("span", { class: "age-label nowrap" }, band.label),
          h("span", { class: "age-track" }, h("span", { class: "age-bar", style: `width:${Math.round((band.count / widest) * 100)}%` })),
          h("span", { class: "age-count", "data-testid": "age-count" }, String(band.count)),
        ),
      ),
    ),
    overdue.oldest.length > 0 && h("h2", { class: "section" }, d.oldestOverdue),
    h(
      "ol",
      { class: "items" },
      ...overdue.oldest.map((task) =>
        h(
          "li",
          { class: "item", "data-testid": "overdue-task", "data-item-id": task.itemId },
          h(
            "div",
            { class: "item-head" },
            h("span", { class: "item-id" }, task.itemId),
            h("span", { class: "chip bad" }, fill(d.daysOverdue, { days: task.daysOverdue })),
          ),
          h("div", { class: "item-title" }, task.title),
          h(
            "div",
            { class: "item-meta" },
            h("span", {}, task.owner ?? d.noOwner),
            h("span", { class: "nowrap" }, fill(d.due, { due: shortDay(task.due, summary.period) })),
          ),
        ),
      ),
    ),
  );
}

function dashboardSection(s: SidebarStrings, dashboard: Loaded<Card>): HTMLElement {
  const d = s.dashboard;
  if (!dashboard.ok) {
    const { failure } = dashboard;
    const message = failure.message ?? s.connectionLost;
    // No dashboard yet: the backend says so; the page adds how to make one.
    return failurePanel(s, "dashboard-missing", message, failure, failure.code === "NOT_FOUND" ? d.noDashboard : null, d.dashboard);
  }
  const card = dashboard.value;
  return h(
    "section",
    { class: "section", "data-testid": "dashboard-card" },
    h("h2", {}, d.dashboard),
    h("p", { "data-testid": "dashboard-department" }, card.department ?? d.company),
    h("p", { class: "gray", "data-testid": "dashboard-line" }, fill(d.dashboardLine, { period: card.period, at: card.refreshedAt })),
  );
}

/** What could not be read, in plain words, with the code in small print. */
function failurePanel(
  s: SidebarStrings,
  id: string,
  message: string,
  failure: Failure,
  hint: string | null = null,
  heading: string | null = null,
): HTMLElement {
  return h(
    "section",
    { class: "section panel", "data-testid": id, ...(failure.code ? { "data-code": failure.code } : {}) },
    heading && h("h2", {}, heading),
    h("p", { "data-testid": "panel-message" }, message),
    hint && h("p", { class: "gray" }, hint),
    failure.code && h("small", { class: "secondary", "data-testid": "panel-code" }, fill(s.errorCode, { code: failure.code })),
  );
}

/** The fixed bar's buttons: 打开仪表板 (a link: it opens in a new tab on the click itself), 刷新仪表板, 立即汇总. */
export function dashboardActions(s: SidebarStrings, dashboard: Loaded<Card>, on: { refresh(): void; runRollup(): void }): HTMLElement {
  const d = s.dashboard;
  const url = dashboard.ok ? dashboard.value.url : null;
  const open = url
    ? h("a", { class: "button-link action", href: url, target: "_blank", rel: "noopener", "data-testid": "open-dashboard" }, `${d.openDashboard} ↗`)
    : null;
  const refresh = h("button", { type: "button", "data-testid": "refresh-dashboard", ...(url ? {} : { class: "action" }) }, d.refreshDashboard);
  const rollup = h("button", { type: "button", "data-testid": "run-rollup" }, d.runRollup);
  refresh.addEventListener("click", () => on.refresh());
  rollup.addEventListener("click", () => on.runRollup());
  return h("div", { class: "buttons wrap" }, open, refresh, rollup);
}
