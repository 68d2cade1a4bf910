/** Registrations only: every HTTP function, built lazily from the environment on first request. */
import { http } from "@google-cloud/functions-framework";
import { ENDPOINTS, type EndpointName } from "./api/endpoints.js";
import { createFunctions } from "./app.js";
import { parseConfig } from "./platform/config.js";

let built: ReturnType<typeof createFunctions> | undefined;
const fns = () => (built ??= createFunctions(parseConfig(process.env)));

const names: (EndpointName | "api" | "dispatchOutbox")[] = ["api", "dispatchOutbox", ...(Object.keys(ENDPOINTS) as EndpointName[])];
for (const name of names) http(name, (req, res) => fns()[name](req, res));
