import { byTestId, h } from "./dom.js";
import { callServer, type ServerResult } from "./rpc.js";

type Info = ServerResult<"sidebarInfo">;
type Plan = ServerResult<"sidebarGetPlan">;
type Pending = ServerResult<"sidebarListPending">[number];

const app = byTestId<HTMLElement>(document, "app");
const status = byTestId<HTMLElement>(document, "status");

function showStatus(kind: "success" | "error" | "info", message: string): void {
  status.textContent = message;
  status.dataset.kind = kind;
  status.setAttribute("role", kind === "error" ? "alert" : "status");
}

function clearStatus(): void {
  status.textContent = "";
  delete status.dataset.kind;
}

/** Disables every control while a server call runs, so nothing is sent twice. */
async function whileBusy<T>(work: () => Promise<T>): Promise<T> {
  document.body.dataset.busy = "true";
  const controls = [...app.querySelectorAll<HTMLButtonElement | HTMLTextAreaElement>("button, textarea")];
  for (const c of controls) c.disabled = true;
  try {
    return await work();
  } finally {
    for (const c of controls) c.disabled = false;
    delete document.body.dataset.busy;
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function renderList(info: Info, items: readonly Pending[]): void {
  const s = info.strings;
  const list = h("ul", { "data-testid": "pending-list", class: "pending" });
  for (const item of items) {
    const button = h(
      "button",
      { type: "button", "data-testid": "pending-item", "data-plan-id": item.planId, class: "pending-item" },
      h("strong", {}, item.title[info.lang]),
      h("span", {}, `${item.department} · ${item.submittedBy.name} · ${item.itemCount} ${s.itemsCount}`),
    );
    button.addEventListener("click", () => void openPlan(info, item.planId));
    list.append(h("li", {}, button));
  }
  const refresh = h("button", { type: "button", "data-testid": "refresh" }, s.refresh);
  refresh.addEventListener("click", () => void showList(info));
  app.replaceChildren(
    h(
      "section",
      { "data-testid": "pending-view" },
      h("div", { class: "toolbar" }, h("h1", {}, s.heading), refresh),
      items.length ? list : h("p", { "data-testid": "pending-empty", class: "muted" }, s.empty),
    ),
  );
}

function renderPlan(info: Info, plan: Plan): void {
  const s = info.strings;
  const field = (label: string, testId: string, value: string) => h("div", { class: "field" }, h("dt", {}, label), h("dd", { "data-testid": testId }, value));
  const c = s.itemColumns;
  // Any kind's items (annual, quarterly, monthly): the parts every plan item has; the parent only when some item has one.
  const withParent = plan.items.some((item) => item.parentItem);
  const rows = plan.items.map((item) =>
    h(
      "tr",
      { "data-testid": "task-row", "data-item-id": item.itemId },
      h("td", {}, item.title),
      h("td", {}, item.owner?.name ?? s.none),
      h("td", {}, item.due ?? s.none),
      h("td", { class: "number" }, String(item.weight)),
      withParent && h("td", {}, item.parentItem ?? s.none),
    ),
  );
  const headers = [c.title, c.owner, c.due, c.weight, ...(withParent ? [c.parent] : [])];
  const table = h("table", { "data-testid": "plan-tasks" }, h("thead", {}, h("tr", {}, ...headers.map((x) => h("th", {}, x)))), h("tbody", {}, ...rows));

  const back = h("button", { type: "button", "data-testid": "back" }, s.back);
  back.addEventListener("click", () => void showList(info));
  const decidable = plan.status === "pending_approval";
  app.replaceChildren(
    h(
      "section",
      { "data-testid": "plan-detail", "data-plan-id": plan.planId },
      h("div", { class: "toolbar" }, back),
      h("h1", { "data-testid": "plan-title" }, plan.title[info.lang]),
      h(
        "dl",
        {},
        field(s.period, "plan-period", plan.period),
        field(s.department, "plan-department", plan.department),
        field(s.submitter, "plan-submitter", `${plan.submittedBy.name} <${plan.submittedBy.email}>`),
        field(s.approver, "plan-approver", plan.approver[info.lang]),
        field(s.revision, "plan-revision", String(plan.revision)),
        field(s.status, "plan-status", s.planStatus[plan.status]),
      ),
      h("div", { class: "table-wrap" }, table),
      decidable && decisionForm(info, plan),
    ),
  );
}

function decisionForm(info: Info, plan: Plan): HTMLElement {
  const s = info.strings;
  const comment = h("textarea", { "data-testid": "decision-comment", rows: "3", placeholder: s.commentPlaceholder });
  const approve = h("button", { type: "button", "data-testid": "approve", class: "primary" }, s.approve);
  const giveBack = h("button", { type: "button", "data-testid": "return" }, s.return);
  approve.addEventListener("click", () => void decide(info, plan, "approve", comment.value));
  giveBack.addEventListener("click", () => {
    // The backend refuses it too; refusing here saves a round trip and keeps the typed comment.
    if (!comment.value.trim()) {
      showStatus("error", s.returnNeedsComment);
      comment.focus();
      return;
    }
    void decide(info, plan, "return", comment.value);
  });
  return h("div", { class: "decision" }, h("label", {}, s.comment, comment), h("div", { class: "buttons" }, approve, giveBack));
}

/** Shows the refreshed list; `notice` is a success message to show once it is there. */
async function showList(info: Info, notice?: string): Promise<void> {
  clearStatus();
  try {
    const items = await whileBusy(() => callServer("sidebarListPending"));
    renderList(info, items);
    if (notice) showStatus("success", notice);
  } catch (error) {
    showStatus("error", errorText(error));
  }
}

async function openPlan(info: Info, planId: string): Promise<void> {
  clearStatus();
  try {
    renderPlan(info, await whileBusy(() => callServer("sidebarGetPlan", planId)));
  } catch (error) {
    showStatus("error", errorText(error));
  }
}

async function decide(info: Info, plan: Plan, decision: "approve" | "return", comment: string): Promise<void> {
  clearStatus();
  let message: string;
  try {
    const request = { planId: plan.planId, revision: plan.revision, decision, comment: comment.trim() };
    message = (await whileBusy(() => callServer("sidebarDecide", request))).message;
  } catch (error) {
    showStatus("error", errorText(error));
    // Someone else may have decided or revised it meanwhile: show the plan as it now stands.
    try {
      renderPlan(info, await whileBusy(() => callServer("sidebarGetPlan", plan.planId)));
    } catch {
      // The decision's refusal stays on screen: it is the message that matters here.
    }
    return;
  }
  await showList(info, message);
}

async function start(): Promise<void> {
  try {
    const info = await callServer("sidebarInfo");
    document.documentElement.lang = info.lang === "en" ? "en" : "zh-CN";
    await showList(info);
  } catch (error) {
    showStatus("error", errorText(error));
  }
}

void start();
