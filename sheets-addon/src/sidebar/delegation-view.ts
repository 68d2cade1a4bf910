/**
 * 委托审批 in the sidebar, under the list: a manager picks a deputy of their
 * department and a range of days, and sees their current and upcoming
 * delegations with a revoke button; a deputy sees whom they decide for. Drawn
 * from plain data; main.ts makes the calls. Fits the 300 px sidebar.
 */
import type { DelegationStrings } from "../i18n/delegation-messages.js";
import { h } from "./dom.js";
import { fill, shortDay } from "./format.js";
import type { ServerResult } from "./rpc.js";

export type Delegations = ServerResult<"sidebarDelegations">;
export type DelegationForm = { deputy: string; from: string; to: string };

/** The furthest ahead a delegation may end (the backend's MAX_DELEGATION_DAYS_AHEAD; it is the judge). */
const MAX_DAYS_AHEAD = 90;

/** "YYYY-MM-DD" plus n days. */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** A day of this year as "MM-DD", another year's in full. */
const short = (day: string, today: string) => shortDay(day, today.slice(0, 4));

/** The deputy's side: one line per delegation to them ("你正在代理 张伟 审批（至 01-20）"); nothing when there is none. */
export function actingBanner(t: DelegationStrings, data: Delegations): HTMLElement | null {
  if (data.asDeputy.length === 0) return null;
  return h(
    "section",
    { "data-testid": "acting-for", class: "panel info" },
    ...data.asDeputy.map((d) =>
      h(
        "p",
        { "data-testid": "acting-for-line", "data-state": d.state },
        fill(d.state === "active" ? t.actingNow : t.actingLater, {
          name: d.manager.name,
          from: short(d.from, data.today),
          to: short(d.to, data.today),
        }),
      ),
    ),
  );
}

/** The manager's side: the form and their delegations; nothing for someone who may not delegate. */
export function delegationSection(
  t: DelegationStrings,
  data: Delegations,
  on: { delegate(form: DelegationForm, fields: HTMLElement[]): void; revoke(delegationId: string): void },
): HTMLElement | null {
  if (!data.canDelegate) return null;
  const deputy = h(
    "select",
    { "data-testid": "delegate-deputy", "aria-label": t.deputy },
    h("option", { value: "" }, t.chooseDeputy),
    ...data.deputies.map((d) => h("option", { value: d.email }, d.name)),
  );
  const dateField = (testId: string, label: string, value: string) => {
    const input = h("input", { type: "date", "data-testid": testId, min: data.today, max: addDays(data.today, MAX_DAYS_AHEAD), "aria-label": label });
    input.value = value;
    return h("label", { class: "date-field" }, h("span", { class: "gray" }, label), input);
  };
  const fromField = dateField("delegate-from", t.from, data.today);
  const toField = dateField("delegate-to", t.to, "");
  const submit = h("button", { type: "button", "data-testid": "delegate-submit", class: "action" }, t.submit);
  submit.addEventListener("click", () => {
    const from = fromField.querySelector("input");
    const to = toField.querySelector("input");
    if (!from || !to) return;
    const fields = [deputy, from, to].filter((f) => !f.value);
    for (const f of [deputy, from, to]) f.removeAttribute("aria-invalid");
    on.delegate({ deputy: deputy.value, from: from.value, to: to.value }, fields);
  });

  const entries = data.asManager.map((d) => {
    const revoke = h("button", { type: "button", "data-testid": "revoke-delegation", "data-delegation-id": d.id }, t.revoke);
    // Two clicks: the first asks, the second revokes (a dialog may not open inside the sidebar's frame).
    revoke.addEventListener("click", () => {
      if (revoke.dataset.confirm === "true") on.revoke(d.id);
      else {
        revoke.dataset.confirm = "true";
        revoke.textContent = t.confirmRevoke;
      }
    });
    return h(
      "li",
      { "data-testid": "delegation", "data-delegation-id": d.id, "data-state": d.state, class: "delegation" },
      h(
        "div",
        { class: "delegation-text" },
        h("span", { class: `chip ${d.state === "active" ? "ok" : "info"}` }, t.state[d.state]),
        " ",
        fill(t.entry, { name: d.deputy.name, from: short(d.from, data.today), to: short(d.to, data.today) }),
      ),
      revoke,
    );
  });

  return h(
    "section",
    { "data-testid": "delegation-section", class: "section delegations" },
    h("h2", {}, t.heading),
    entries.length
      ? h("ul", { "data-testid": "delegation-list", class: "plain" }, ...entries)
      : h("p", { "data-testid": "delegation-empty", class: "gray" }, t.empty),
    data.deputies.length
      ? h("div", { class: "delegate-form" }, deputy, h("div", { class: "date-range" }, fromField, toField), submit)
      : h("p", { "data-testid": "delegation-no-deputies", class: "gray" }, t.noDeputies),
  );
}
