import { Firestore } from "@google-cloud/firestore";
import type { HttpFunction } from "@google-cloud/functions-framework";
import { decide } from "./approvals/decide.js";
import { pendingApprovals } from "./approvals/pending-approvals.js";
import { ENDPOINTS, type EndpointName } from "@planops/shared/api";
import { openApiDocument } from "./api/openapi.js";
import { smtpSender } from "./notifications/mailer.js";
import { deliverOutbox } from "./notifications/outbox.js";
import { getPlan } from "./plans/get-plan.js";
import { issuePlan } from "./plans/issue-plan.js";
import { submitPlan } from "./plans/submit-plan.js";
import { updateProgress } from "./plans/update-progress.js";
import { idTokenVerifier } from "./platform/auth.js";
import type { Config } from "./platform/config.js";
import type { Deps } from "./platform/context.js";
import { AppError } from "./platform/errors.js";
import { httpEndpoint, sendError } from "./platform/http.js";
import { listRoster } from "./roster/list-roster.js";
import { completionRates } from "./rollups/completion-rates.js";

export function createDeps(config: Config): Deps {
  return {
    db: new Firestore(config.projectId ? { projectId: config.projectId } : {}),
    config,
    now: () => new Date(),
    send: smtpSender(config.mail.smtpUrl, config.mail.from),
  };
}

/**
 * Every HTTP function of the product, built from one config. `api` routes
 * `/<name>` to them so the local stack (and a single-function deployment) serves
 * them all on one port; `/openapi.json` describes them.
 */
export function createFunctions(config: Config, deps: Deps = createDeps(config)) {
  const verify = idTokenVerifier(config.auth);
  const d = () => deps;
  const v = () => verify;
  const fns: Record<EndpointName, HttpFunction> = {
    submitPlan: httpEndpoint(d, v, { method: ENDPOINTS.submitPlan.method, request: ENDPOINTS.submitPlan.request, handle: submitPlan }),
    pendingApprovals: httpEndpoint(d, v, { method: ENDPOINTS.pendingApprovals.method, request: ENDPOINTS.pendingApprovals.request, handle: (call) => pendingApprovals(call) }),
    getPlan: httpEndpoint(d, v, { method: ENDPOINTS.getPlan.method, request: ENDPOINTS.getPlan.request, handle: (call, input) => getPlan(call, input.planId) }),
    decide: httpEndpoint(d, v, { method: ENDPOINTS.decide.method, request: ENDPOINTS.decide.request, handle: decide }),
    issuePlan: httpEndpoint(d, v, { method: ENDPOINTS.issuePlan.method, request: ENDPOINTS.issuePlan.request, handle: (call, input) => issuePlan(call, input.planId) }),
    updateProgress: httpEndpoint(d, v, { method: ENDPOINTS.updateProgress.method, request: ENDPOINTS.updateProgress.request, handle: updateProgress }),
    completionRates: httpEndpoint(d, v, { method: ENDPOINTS.completionRates.method, request: ENDPOINTS.completionRates.request, handle: completionRates }),
    roster: httpEndpoint(d, v, { method: ENDPOINTS.roster.method, request: ENDPOINTS.roster.request, handle: ({ deps: x }) => listRoster(x.db) }),
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

  // dispatchOutbox is not routed here: it is deployed on its own, invokable only by Cloud Scheduler's account.
  const routes: Record<string, HttpFunction> = fns;
  const api: HttpFunction = async (req, res) => {
    const name = req.path.replace(/^\/+|\/+$/g, "");
    if (name === "openapi.json") {
      res.status(200).json(openApiDocument());
      return;
    }
    if (name === "healthz") {
      res.status(200).json({ ok: true });
      return;
    }
    const fn = Object.prototype.hasOwnProperty.call(routes, name) ? routes[name] : undefined;
    if (!fn) {
      sendError(res, new AppError("NOT_FOUND", { zh: `没有接口 /${name}`, en: `No endpoint /${name}` }));
      return;
    }
    await fn(req, res);
  };

  return { ...fns, api, dispatchOutbox };
}
