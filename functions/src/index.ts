/**
 * Registrations only. A cold start loads this and what answers before the Firestore
 * client is needed (front-door.ts: the sign-in check and the roster reads, over
 * Firestore's REST API); the rest of the product (app.ts, the Firestore client and
 * every feature) is a separate chunk of the bundle, loaded by the first request that
 * needs it. functions/bench/cold-start.ts measures both.
 */
import { type HttpFunction, http } from "@google-cloud/functions-framework";
import { ENDPOINT_NAMES } from "@planops/shared";
import type { createFunctions } from "./app.js";
import { apiRouter } from "./api-router.js";
import { createFrontDoor, type FrontDoor } from "./front-door.js";
import { type Config, parseConfig, redactConfig } from "./platform/config.js";
import { installApiEdge } from "./platform/edge.js";
import { sendError } from "./platform/http.js";

// At load, before functions-framework builds its server: the JSON envelope for what no function sees.
installApiEdge();

type Functions = ReturnType<typeof createFunctions>;
type FunctionName = keyof Functions;

let config: Config | undefined;
function configured(): Config {
  if (!config) {
    config = parseConfig(process.env);
    // One line per cold start, so a misconfigured deployment shows what it runs with (SMTP password masked, the key by fingerprint).
    console.log(JSON.stringify({ severity: "INFO", message: "planops functions configured", config: redactConfig(config) }));
  }
  return config;
}

let front: FrontDoor | undefined;
const frontDoor = (): FrontDoor => (front ??= createFrontDoor(configured()));

let everything: Promise<Functions> | undefined;
function loadEverything(): Promise<Functions> {
  everything ??= import("./app.js")
    .then(({ createFunctions }) => createFunctions(configured(), undefined, frontDoor()))
    .catch((err: unknown) => {
      everything = undefined; // a failed load (e.g. an invalid configuration) is tried again by the next request
      throw err;
    });
  return everything;
}

async function resolve(name: FunctionName): Promise<HttpFunction> {
  const served: Partial<Record<FunctionName, HttpFunction>> = frontDoor().functions;
  return served[name] ?? (await loadEverything())[name];
}

const api = apiRouter(resolve);
http("api", async (req, res) => {
  try {
    frontDoor(); // even /healthz fails while the configuration is invalid
    await api(req, res);
  } catch (err) {
    sendError(res, err);
  }
});
const names: FunctionName[] = ["dispatchOutbox", "runReminders", "runScheduledRollup", ...ENDPOINT_NAMES];
for (const name of names) {
  http(name, async (req, res) => {
    try {
      await (await resolve(name))(req, res);
    } catch (err) {
      // An invalid configuration (logged with the variable named) answers 500 INTERNAL, not the framework's crash text.
      sendError(res, err);
    }
  });
}
