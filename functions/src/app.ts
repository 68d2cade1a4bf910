import { Firestore } from "@google-cloud/firestore";
import type { HttpFunction } from "@google-cloud/functions-framework";
import { DOCUMENT_KINDS } from "@planops/shared";
import { ENDPOINTS, type EndpointName } from "@planops/shared/api";
import { auditTrail } from "./audit/read-trail.js";
import { planAdjustments } from "./adjustments/plan-adjustments.js";
import { reviewAdjustments } from "./adjustments/review.js";
import { submitAdjustments } from "./adjustments/submit-adjustments.js";
import { decide } from "./approvals/decide.js";
import { refreshDashboardNow } from "./dashboards/refresh.js";
import { showDashboard } from "./dashboards/show-dashboard.js";
import { delegate, listDelegations, revokeDelegation } from "./approvals/delegations.js";
import { pendingApprovals } from "./approvals/pending-approvals.js";
import { smtpSender } from "./notifications/mailer.js";
import { deliverOutbox } from "./notifications/outbox.js";
import { generateReport } from "./reports/generate-report.js";
import { publishReport } from "./reports/publish-report.js";
import { submitIndicators } from "./operations/submit-indicators.js";
import { submitOperationsData } from "./operations/submit-data.js";
import { viewOperationsData } from "./operations/view-operations-data.js";
import { getPlan } from "./plans/get-plan.js";
import { issuePlan } from "./plans/issue-plan.js";
import { referenceOptionsFor } from "./plans/reference-options.js";
import { listOptions } from "./options/list-options.js";
import { submitSteps } from "./plans/submit-steps.js";
import { updateProgress } from "./plans/update-progress.js";
import type { Config } from "./platform/config.js";
import type { Deps } from "./platform/context.js";
import { installApiEdge } from "./platform/edge.js";
import { type EndpointRuntime, httpEndpoint, sendError } from "./platform/http.js";
import { apiRouter } from "./api-router.js";
import { createFrontDoor, type FrontDoor } from "./front-door.js";
import { runRemindersFunction } from "./reminders/http.js";
import { completionRates } from "./rollups/completion-rates.js";
import { planProgress } from "./rollups/plan-progress.js";
import { runRollupNow } from "./rollups/http.js";
import { runScheduledRollupFunction } from "./schedule/rollup-job.js";
import { rollupView } from "./rollups/view.js";
import { rosterRecords } from "./roster/roster-records.js";
import { submitRoster } from "./roster/submit-roster.js";
import { type RecordsHandler, submit } from "./submissions/submit.js";

export function createDeps(config: Config): Deps {
  return {
    db: new Firestore(config.projectId ? { projectId: config.projectId } : {}),
    config,
    now: () => new Date(),
    send: smtpSender(config.mail.smtpUrl, config.mail.from),
    kinds: DOCUMENT_KINDS,
  };
}

/** What each records kind's sheet does when submitted. */
const RECORD_HANDLERS: Readonly<Record<string, RecordsHandler>> = {
  roster: submitRoster,
  "task-steps": submitSteps,
  "plan-adjustment": submitAdjustments,
  "operations-data": submitOperationsData,
  "operations-indicators": submitIndicators,
};

/**
 * Every HTTP function of the product, built from one config; `front` (the sign-in
 * check, the roster reads) is shared with what index.ts answers before loading this.
 */
export function createFunctions(config: Config, deps: Deps = createDeps(config), front: FrontDoor = createFrontDoor(config)) {
  // Before functions-framework builds its server: every answer, even to what no function sees, is the JSON envelope.
  installApiEdge();
  const runtime: EndpointRuntime<Deps> = {
    verify: front.verify,
    loadCaller: front.loadCaller,
    deps: () => deps,
    deliver: async (d, ids) => {
      await deliverOutbox(d.db, d.send, { now: d.now, maxAttempts: d.config.mail.maxAttempts, ids });
    },
  };
  const fns: Record<EndpointName, HttpFunction> = {
    submit: httpEndpoint(runtime, { ...ENDPOINTS.submit, handle: (call, input) => submit(call, input, RECORD_HANDLERS) }),
    pendingApprovals: httpEndpoint(runtime, { ...ENDPOINTS.pendingApprovals, handle: (call) => pendingApprovals(call) }),
    getPlan: httpEndpoint(runtime, { ...ENDPOINTS.getPlan, handle: getPlan }),
    decide: httpEndpoint(runtime, { ...ENDPOINTS.decide, handle: decide }),
    delegate: httpEndpoint(runtime, { ...ENDPOINTS.delegate, handle: delegate }),
    revokeDelegation: httpEndpoint(runtime, { ...ENDPOINTS.revokeDelegation, handle: revokeDelegation }),
    delegations: httpEndpoint(runtime, { ...ENDPOINTS.delegations, handle: (call) => listDelegations(call) }),
    issuePlan: httpEndpoint(runtime, { ...ENDPOINTS.issuePlan, handle: (call, input) => issuePlan(call, input.planId) }),
    updateProgress: httpEndpoint(runtime, { ...ENDPOINTS.updateProgress, handle: updateProgress }),
    planProgress: httpEndpoint(runtime, { ...ENDPOINTS.planProgress, handle: (call, input) => planProgress(call, input.planId) }),
    referenceOptions: httpEndpoint(runtime, { ...ENDPOINTS.referenceOptions, handle: referenceOptionsFor }),
    listOptions: httpEndpoint(runtime, { ...ENDPOINTS.listOptions, handle: listOptions }),
    completionRates: httpEndpoint(runtime, { ...ENDPOINTS.completionRates, handle: completionRates }),
    ...front.functions,
    reviewAdjustments: httpEndpoint(runtime, { ...ENDPOINTS.reviewAdjustments, handle: reviewAdjustments }),
    planAdjustments: httpEndpoint(runtime, { ...ENDPOINTS.planAdjustments, handle: planAdjustments }),
    rosterRecords: httpEndpoint(runtime, { ...ENDPOINTS.rosterRecords, handle: (call) => rosterRecords(call) }),
    auditTrail: httpEndpoint(runtime, { ...ENDPOINTS.auditTrail, handle: auditTrail }),
    runRollup: httpEndpoint(runtime, { ...ENDPOINTS.runRollup, handle: (call) => runRollupNow(call) }),
    rollupView: httpEndpoint(runtime, { ...ENDPOINTS.rollupView, handle: rollupView }),
    operationsData: httpEndpoint(runtime, { ...ENDPOINTS.operationsData, handle: viewOperationsData }),
    dashboard: httpEndpoint(runtime, { ...ENDPOINTS.dashboard, handle: showDashboard }),
    refreshDashboard: httpEndpoint(runtime, { ...ENDPOINTS.refreshDashboard, handle: refreshDashboardNow }),
    generateReport: httpEndpoint(runtime, { ...ENDPOINTS.generateReport, handle: generateReport }),
    publishReport: httpEndpoint(runtime, { ...ENDPOINTS.publishReport, handle: publishReport }),
  };
  /** Cloud Scheduler calls this every minute: delivers whatever the request path could not. */
  const dispatchOutbox: HttpFunction = async (_req, res) => {
    try {
      const result = await deliverOutbox(deps.db, deps.send, { now: deps.now, maxAttempts: config.mail.maxAttempts });
      res.status(200).json(result);
    } catch (err) {
      sendError(res, err);
    }
  };

  /** Cloud Scheduler calls this daily: due-date and overdue reminders, waiting approvals; it verifies the scheduler's OIDC token itself. */
  const runReminders = runRemindersFunction(config, deps);
  /** Cloud Scheduler calls this every few minutes: the incremental roll-up (汇总); it verifies the scheduler's OIDC token itself. */
  const runScheduledRollup = runScheduledRollupFunction(config, deps);

  // dispatchOutbox, runReminders and runScheduledRollup are not routed here: each is deployed on its own, invokable only by Cloud Scheduler's account.
  const api = apiRouter((name) => fns[name]);

  return { ...fns, api, dispatchOutbox, runReminders, runScheduledRollup };
}
