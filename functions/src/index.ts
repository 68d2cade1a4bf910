/** Registrations only: every HTTP function, built lazily from the environment on first request. */
import { http } from "@google-cloud/functions-framework";
import { ENDPOINTS, type EndpointName } from "@planops/shared/api";
import { createFunctions } from "./app.js";
import { parseConfig, redactConfig } from "./platform/config.js";
import { installApiEdge } from "./platform/edge.js";
import { sendError } from "./platform/http.js";

// At load, before functions-framework builds its server: the JSON envelope for what no function sees.
installApiEdge();

let built: ReturnType<typeof createFunctions> | undefined;
function fns(): ReturnType<typeof createFunctions> {
  if (!built) {
    const config = parseConfig(process.env);
    // One line per cold start, so a misconfigured deployment shows what it runs with (SMTP password masked, the key by fingerprint).
    console.log(JSON.stringify({ severity: "INFO", message: "planops functions configured", config: redactConfig(config) }));
    built = createFunctions(config);
  }
  return built;
}

const names: (EndpointName | "api" | "dispatchOutbox" | "runReminders" | "runScheduledRollup")[] = [
  "api",
  "dispatchOutbox",
  "runReminders",
  "runScheduledRollup",
  ...(Object.keys(ENDPOINTS) as EndpointName[]),
];
for (const name of names) {
  http(name, async (req, res) => {
    try {
      await fns()[name](req, res);
    } catch (err) {
      // An invalid configuration (logged with the variable named) answers 500 INTERNAL, not the framework's crash text.
      sendError(res, err);
    }
  });
}
