import type { Lang } from "@planops/shared";
import type { SidebarStrings } from "../i18n/messages.js";
import { dashboardPage } from "./dashboard-page.js";
import { byTestId, h } from "./dom.js";
import { delegationParts, loadDelegations } from "./delegations.js";
import { parseFailure } from "./failure.js";
import { fill, localTime, type Plan } from "./format.js";
import { callServer, type ServerResult } from "./rpc.js";
import { ADJUSTMENT_TEXT, type AdjustmentDetails, adjustmentView } from "./adjustment-view.js";
import { type BulkResult, listView, type Pending, planView, type ViewContext } from "./views.js";

type Info = ServerResult<"sidebarInfo">;
type Decision = "approve" | "return";

const app = byTestId<HTMLElement>(document, "app");
const bar = byTestId<HTMLElement>(document, "action-bar");
const status = byTestId<HTMLElement>(document, "status");
const actions = byTestId<HTMLElement>(document, "actions");

let view: ViewContext;
let s: SidebarStrings;
/** Comments typed per plan (or adjustment request, "adjustment:ID"): kept while the user moves between them, or when a decision cannot be sent. */
const drafts = new Map<string, string>();
/** Approval records (plans and adjustment requests) ticked in the list for a bulk decision, and the comment typed for them. */
const selected = new Set<string>();
let bulkComment = "";
/** Waiting for the page to be idle (no server call running): woken by whileBusy when its call ends. */
const idleWaiters: (() => void)[] = [];

// The bar is fixed at the bottom; the page keeps room under its last line so nothing hides behind it.
new ResizeObserver(() => {
  document.body.style.paddingBottom = `${bar.offsetHeight + 12}px`;
}).observe(bar);

function setStatus(
  kind: "busy" | "success" | "info" | "error",
  message: string,
  options: { code?: string | null; retry?: (() => void) | undefined } = {},
): void {
  const parts: Node[] = [];
  if (kind === "busy") parts.push(h("span", { class: "spinner", "aria-hidden": "true" }));
  parts.push(h("span", { "data-testid": "status-message", class: "status-message" }, message));
  if (options.retry) {
    const retry = h("button", { type: "button", "data-testid": "retry", class: "retry" }, s.retry);
    retry.addEventListener("click", options.retry);
    parts.push(retry);
  }
  if (options.code) parts.push(h("small", { "data-testid": "status-code", class: "status-code secondary" }, fill(s.errorCode, { code: options.code })));
  status.replaceChildren(...parts);
  status.dataset.kind = kind;
  status.setAttribute("role", kind === "error" ? "alert" : "status");
}

function clearStatus(): void {
  status.replaceChildren();
  delete status.dataset.kind;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Shows a failed call in plain words, its code in small print, and a retry button where trying again can help. */
function showFailure(error: unknown, retry: () => void): void {
  const failure = parseFailure(errorText(error));
  setStatus("error", failure.message ?? s.connectionLost, { code: failure.code, retry: failure.kind === "retry" ? retry : undefined });
}

/** Says what is happening and disables every control while a server call runs, so nothing is sent twice. */
async function whileBusy<T>(label: string, work: (progress: (label: string) => void) => Promise<T>): Promise<T> {
  setStatus("busy", label);
  document.body.dataset.busy = "true";
  app.setAttribute("aria-busy", "true");
  const controls = [
    ...document.querySelectorAll<HTMLButtonElement | HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>("button, input, textarea, select"),
  ].filter((c) => !c.disabled);
  for (const c of controls) c.disabled = true;
  try {
    return await work((next) => setStatus("busy", next));
  } finally {
    for (const c of controls) c.disabled = false;
    delete document.body.dataset.busy;
    app.removeAttribute("aria-busy");
    if (status.dataset.kind === "busy") clearStatus();
    for (const wake of idleWaiters.splice(0)) wake();
  }
}

// ── the list ────────────────────────────────────────────────────────────────

type Notice = { kind: "success" | "info" | "error"; message: string; retry?: () => void };

async function showList(notice?: Notice, results: readonly BulkResult[] = []): Promise<void> {
  let items: Pending[];
  try {
    items = await whileBusy(s.busy.loading, () => callServer("sidebarListPending"));
  } catch (error) {
    showFailure(error, () => void showList(notice, results));
    return;
  }
  const pending = new Set(items.map((i) => i.approvalId));
  for (const id of [...selected]) if (!pending.has(id)) selected.delete(id);
  const redraw = () => {
    app.replaceChildren(
      listView(view, items, selected, results, {
        open: (item) => void (item.adjustmentId ? openAdjustment(item.planId, item.adjustmentId) : openPlan(item.planId)),
        toggle: (approvalId, on) => {
          if (on) selected.add(approvalId);
          else selected.delete(approvalId);
          bulkBar(items);
        },
        refresh: () => void showList(),
      }),
    );
    bulkBar(items);
  };
  redraw();
  if (notice) setStatus(notice.kind, notice.message, { retry: notice.retry });
  else clearStatus();
  const list = app.firstElementChild;
  if (list instanceof HTMLElement) void placeDelegations(list);
}

/**
 * The 委托审批 parts, loaded after the list is shown (the list never waits for
 * them) and placed once no call is running, so whileBusy's disabling covers them:
 * the deputy's banner under the heading, the manager's section under the list.
 */
async function placeDelegations(list: HTMLElement): Promise<void> {
  const data = await loadDelegations();
  while (document.body.dataset.busy) await new Promise<void>((resolve) => idleWaiters.push(resolve));
  if (!list.isConnected) return;
  const { banner, section } = delegationParts(delegationPlumbing, s.delegation, data);
  if (banner) list.querySelector(".toolbar")?.after(banner);
  if (section) list.after(section);
}

/** What the 委托审批 section needs of the page (sidebar/delegations.ts). */
const delegationPlumbing = {
  whileBusy: <T>(label: string, work: () => Promise<T>) => whileBusy(label, work),
  fail: showFailure,
  refuse: (message: string) => setStatus("error", message),
  reload: (message: string) => showList({ kind: "success", message }),
};

/** What the 汇总 / 仪表板 view needs of the page (sidebar/dashboard-page.ts). */
const dashboardPlumbing = {
  app,
  actions,
  whileBusy: <T>(label: string, work: () => Promise<T>) => whileBusy(label, work),
  fail: showFailure,
  succeed: (message: string) => setStatus("success", message),
};

/** The fixed bar under the list: with plans ticked, one comment and approve / return for all of them. */
function bulkBar(items: readonly Pending[]): void {
  const chosen = items.filter((i) => selected.has(i.approvalId));
  if (chosen.length === 0) {
    actions.replaceChildren(...(items.length > 1 ? [h("p", { class: "gray hint", "data-testid": "bulk-hint" }, s.bulkHint)] : []));
    return;
  }
  const comment = h("textarea", { "data-testid": "bulk-comment", rows: "2", placeholder: s.bulkCommentPlaceholder, "aria-label": s.comment });
  comment.value = bulkComment;
  comment.addEventListener("input", () => {
    bulkComment = comment.value;
    comment.removeAttribute("aria-invalid");
  });
  const approve = h("button", { type: "button", "data-testid": "bulk-approve", class: "action" }, s.approveSelected);
  const giveBack = h("button", { type: "button", "data-testid": "bulk-return" }, s.returnSelected);
  approve.addEventListener("click", () => void decideMany(items, "approve", comment));
  giveBack.addEventListener("click", () => void decideMany(items, "return", comment));
  actions.replaceChildren(
    h("p", { class: "bar-head", "data-testid": "selected-count" }, fill(s.selectedCount, { count: chosen.length })),
    comment,
    h("div", { class: "buttons" }, approve, giveBack),
  );
}

/** Bulk decision: one decide call per ticked plan, in turn; each plan's result is reported. */
async function decideMany(items: readonly Pending[], decision: Decision, field: HTMLTextAreaElement): Promise<void> {
  const chosen = items.filter((i) => selected.has(i.approvalId));
  const comment = bulkComment.trim();
  if (decision === "return" && !comment) return needComment(field);
  const results: BulkResult[] = [];
  let retryable = false;
  await whileBusy(fill(s.busy.bulk, { done: 1, total: chosen.length }), async (progress) => {
    for (const [i, item] of chosen.entries()) {
      progress(fill(s.busy.bulk, { done: i + 1, total: chosen.length }));
      const title = item.title[view.lang];
      try {
        const outcome = await callServer("sidebarDecide", {
          planId: item.planId,
          revision: item.revision,
          decision,
          comment,
          ...(item.adjustmentId ? { adjustmentId: item.adjustmentId } : {}),
        });
        // An adjustment leaves its plan in force (approved or issued) either way: its outcome is the decision sent.
        const approved = item.adjustmentId ? decision === "approve" : outcome.status === "approved";
        results.push({ ...keyOf(item), title, outcome: approved ? "approved" : "returned", message: null });
        selected.delete(item.approvalId);
      } catch (error) {
        const failure = parseFailure(errorText(error));
        if (failure.kind === "decided") {
          results.push({ ...keyOf(item), title, outcome: "decided", message: null });
          selected.delete(item.approvalId);
        } else {
          retryable ||= failure.kind === "retry";
          results.push({ ...keyOf(item), title, outcome: "failed", message: failure.message ?? s.connectionLost });
        }
      }
    }
  });
  const failed = results.filter((r) => r.outcome === "failed").length;
  // The comment stays for the plans still ticked; once every plan is decided it has served.
  if (failed === 0) bulkComment = "";
  const summary = fill(s.bulkSummary, { done: results.length - failed, total: results.length });
  await showList(
    failed === 0 ? { kind: "success", message: summary } : { kind: "error", message: summary, ...(retryable ? { retry: () => void retryMany(decision) } : {}) },
    results,
  );
}

const keyOf = (item: Pending) => ({ approvalId: item.approvalId, planId: item.planId });

/** Retries a bulk decision on the plans still ticked, against the list as it now stands. */
async function retryMany(decision: Decision): Promise<void> {
  let items: Pending[];
  try {
    items = await whileBusy(s.busy.loading, () => callServer("sidebarListPending"));
  } catch (error) {
    showFailure(error, () => void retryMany(decision));
    return;
  }
  const field = actions.querySelector<HTMLTextAreaElement>("textarea") ?? h("textarea");
  await decideMany(items, decision, field);
}

function needComment(field: HTMLTextAreaElement, message = s.returnNeedsComment): void {
  // The backend refuses it too; refusing here saves a round trip and keeps what was typed.
  setStatus("error", message);
  field.setAttribute("aria-invalid", "true");
  field.focus();
}

// ── one plan ────────────────────────────────────────────────────────────────

async function openPlan(planId: string): Promise<void> {
  let plan: Plan;
  try {
    plan = await whileBusy(s.busy.opening, () => callServer("sidebarGetPlan", planId));
  } catch (error) {
    showFailure(error, () => void openPlan(planId));
    return;
  }
  renderPlan(plan);
  clearStatus();
}

function renderPlan(plan: Plan, unsent?: string): void {
  app.replaceChildren(
    planView(
      view,
      plan,
      { unsent },
      {
        back: () => void showList(),
        reload: () => void openPlan(plan.planId),
        copy: (text, button) => void copyText(text, button),
      },
    ),
  );
  window.scrollTo(0, 0);
  if (plan.status === "pending_approval") decisionBar(plan);
  else actions.replaceChildren();
}

/** The fixed bar under a plan awaiting a decision: comment, approve, return. */
function decisionBar(plan: Plan): void {
  const comment = h("textarea", { "data-testid": "decision-comment", rows: "2", placeholder: s.commentPlaceholder, "aria-label": s.comment });
  comment.value = drafts.get(plan.planId) ?? "";
  comment.addEventListener("input", () => {
    drafts.set(plan.planId, comment.value);
    comment.removeAttribute("aria-invalid");
  });
  const approve = h("button", { type: "button", "data-testid": "approve", class: "action" }, s.approve);
  const giveBack = h("button", { type: "button", "data-testid": "return" }, s.return);
  approve.addEventListener("click", () => void decide(plan, "approve", comment));
  giveBack.addEventListener("click", () => void decide(plan, "return", comment));
  actions.replaceChildren(comment, h("div", { class: "buttons" }, approve, giveBack));
}

async function decide(plan: Plan, decision: Decision, field: HTMLTextAreaElement): Promise<void> {
  drafts.set(plan.planId, field.value);
  const comment = field.value.trim();
  if (decision === "return" && !comment) return needComment(field);
  let message: string;
  try {
    const request = { planId: plan.planId, revision: plan.revision, decision, comment };
    message = (await whileBusy(decision === "approve" ? s.busy.approving : s.busy.returning, () => callServer("sidebarDecide", request))).message;
  } catch (error) {
    const failure = parseFailure(errorText(error));
    if (failure.kind === "decided") return decidedMeanwhile(plan.planId);
    setStatus("error", failure.message ?? s.connectionLost, {
      code: failure.code,
      retry: failure.kind === "retry" ? () => void decide(plan, decision, field) : undefined,
    });
    return;
  }
  drafts.delete(plan.planId);
  await showList({ kind: "success", message });
}

/**
 * Someone else decided first, or the plan was resubmitted: not an error. The plan
 * is shown as it now stands, and the comment typed meanwhile stays — in the new
 * revision's comment box, or shown to copy when there is nothing left to decide.
 */
async function decidedMeanwhile(planId: string): Promise<void> {
  let plan: Plan;
  try {
    plan = await whileBusy(s.busy.loading, () => callServer("sidebarGetPlan", planId));
  } catch (error) {
    showFailure(error, () => void decidedMeanwhile(planId));
    return;
  }
  if (plan.status === "pending_approval") {
    renderPlan(plan);
    setStatus("info", fill(s.resubmitted, { revision: plan.revision }));
    return;
  }
  const typed = (drafts.get(planId) ?? "").trim();
  drafts.delete(planId);
  renderPlan(plan, typed || undefined);
  const last = plan.lastDecision;
  setStatus("info", last ? fill(s.decidedBy[last.decision], { name: last.by.name, time: localTime(last.at, plan.timeZone) }) : s.decidedElsewhere);
}

async function copyText(text: string, button: HTMLButtonElement): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // The sidebar's frame may not allow the clipboard API: copy the selection instead.
    const box = button.parentElement?.querySelector("textarea");
    box?.select();
    document.execCommand("copy");
  }
  button.textContent = s.copied;
}

// ── one adjustment request ──────────────────────────────────────────────────

async function openAdjustment(planId: string, adjustmentId: string, notice?: Notice): Promise<void> {
  let details: AdjustmentDetails;
  try {
    details = await whileBusy(ADJUSTMENT_TEXT[view.lang].opening, () => callServer("sidebarGetAdjustment", planId, adjustmentId));
  } catch (error) {
    showFailure(error, () => void openAdjustment(planId, adjustmentId, notice));
    return;
  }
  app.replaceChildren(
    adjustmentView(view, details, {
      back: () => void showList(),
      reload: () => void openAdjustment(planId, adjustmentId),
    }),
  );
  window.scrollTo(0, 0);
  // Decided only once reviewed; a request already decided (or not yet reviewed) has nothing to decide here.
  if (details.adjustment.status === "reviewed") adjustmentBar(details);
  else actions.replaceChildren();
  if (notice) setStatus(notice.kind, notice.message);
  else clearStatus();
}

/** The fixed bar under an adjustment request awaiting a decision: comment (required to reject), approve, reject. */
function adjustmentBar(details: AdjustmentDetails): void {
  const t = ADJUSTMENT_TEXT[view.lang];
  const key = `adjustment:${details.adjustment.adjustmentId}`;
  const comment = h("textarea", { "data-testid": "decision-comment", rows: "2", placeholder: t.commentPlaceholder, "aria-label": s.comment });
  comment.value = drafts.get(key) ?? "";
  comment.addEventListener("input", () => {
    drafts.set(key, comment.value);
    comment.removeAttribute("aria-invalid");
  });
  const approve = h("button", { type: "button", "data-testid": "approve", class: "action" }, t.approve);
  const reject = h("button", { type: "button", "data-testid": "return" }, t.reject);
  approve.addEventListener("click", () => void decideAdjustment(details, "approve", comment));
  reject.addEventListener("click", () => void decideAdjustment(details, "return", comment));
  actions.replaceChildren(comment, h("div", { class: "buttons" }, approve, reject));
}

async function decideAdjustment(details: AdjustmentDetails, decision: Decision, field: HTMLTextAreaElement): Promise<void> {
  const { planId, revision } = details.plan;
  const { adjustmentId } = details.adjustment;
  const key = `adjustment:${adjustmentId}`;
  drafts.set(key, field.value);
  const comment = field.value.trim();
  const t = ADJUSTMENT_TEXT[view.lang];
  if (decision === "return" && !comment) return needComment(field, t.needComment);
  let message: string;
  try {
    // The revision is not checked for an adjustment (its approval record has one); the plan's is sent as read.
    const request = { planId, revision, decision, comment, adjustmentId };
    message = (await whileBusy(decision === "approve" ? s.busy.approving : t.rejecting, () => callServer("sidebarDecide", request))).message;
  } catch (error) {
    const failure = parseFailure(errorText(error));
    // Someone else decided first: the request is shown as it now stands, the comment typed kept in the drafts.
    if (failure.kind === "decided") return openAdjustment(planId, adjustmentId, { kind: "info", message: failure.message ?? s.decidedElsewhere });
    setStatus("error", failure.message ?? s.connectionLost, {
      code: failure.code,
      retry: failure.kind === "retry" ? () => void decideAdjustment(details, decision, field) : undefined,
    });
    return;
  }
  drafts.delete(key);
  await showList({ kind: "success", message });
}

// ── start ───────────────────────────────────────────────────────────────────

/** Before the server has said which language the user reads: the browser's, for the one message that may need it. */
function startFailed(retry: () => void): void {
  const zh = !navigator.language.toLowerCase().startsWith("en");
  const button = h("button", { type: "button", "data-testid": "retry", class: "retry" }, zh ? "重试" : "Try again");
  button.addEventListener("click", retry);
  status.replaceChildren(
    h(
      "span",
      { "data-testid": "status-message", class: "status-message" },
      document.body.dataset.view === "dashboard"
        ? zh
          ? "无法打开汇总面板：与服务器的通信出了问题。"
          : "The roll-up panel could not open: something went wrong talking to the server."
        : zh
          ? "无法打开审批面板：与服务器的通信出了问题。"
          : "The approvals panel could not open: something went wrong talking to the server.",
    ),
    button,
  );
  status.dataset.kind = "error";
  status.setAttribute("role", "alert");
}

async function start(): Promise<void> {
  let info: Info;
  try {
    info = await callServer("sidebarInfo");
  } catch {
    startFailed(() => void start());
    return;
  }
  view = { s: info.strings, lang: info.lang as Lang };
  s = info.strings;
  document.documentElement.lang = info.lang === "en" ? "en" : "zh-CN";
  // The same page serves the 汇总 / 仪表板 view when the menu opened it so (src/gas/sidebar.ts).
  if (document.body.dataset.view === "dashboard") return dashboardPage(dashboardPlumbing, s).start();
  await showList();
}

void start();
