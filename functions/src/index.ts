/** Registrations only: every HTTP function, built lazily from the environment on first request. */
import { http } from "@google-cloud/functions-framework";
import { ENDPOINTS, type EndpointName } from "@planops/shared/api";
import { createFunctions } from "./app.js";
import { parseConfig, redactConfig } from "./platform/config.js";

let built: ReturnType<typeof createFunctions> | undefined;
function fns(): ReturnType<typeof createFunctions> {
  if (!built) {
    const config = parseConfig(process.env);
    // One line per cold start, so a misconfigured deployment shows what it runs with (SMTP password masked).
    console.log(JSON.stringify({ severity: "INFO", message: "planops functions configured", config: redactConfig(config) }));
    built = createFunctions(config);
  }
  return built;
}

const names: (EndpointName | "api" | "dispatchOutbox")[] = ["api", "dispatchOutbox", ...(Object.keys(ENDPOINTS) as EndpointName[])];
for (const name of names) http(name, (req, res) => fns()[name](req, res));
