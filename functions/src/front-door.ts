/**
 * What a freshly started process answers before it loads the Firestore client: the
 * sign-in check and the caller's roster record, asked of every request, and the
 * endpoints that only read the roster (the add-on's dropdowns). Both read over
 * Firestore's REST API (platform/firestore-rest.ts); everything else (app.ts) is
 * loaded on the first request that needs it (index.ts).
 */
import type { HttpFunction } from "@google-cloud/functions-framework";
import type { EndpointName } from "@planops/shared";
import { ROSTER_ENDPOINT } from "@planops/shared/api";
import { idTokenVerifier } from "./platform/auth.js";
import type { Config } from "./platform/config.js";
import { type DocumentReader, restDocumentReader } from "./platform/firestore-rest.js";
import { type CallerCheck, type EndpointRuntime, httpEndpoint } from "./platform/http.js";
import { listRoster } from "./roster/list-roster.js";
import { loadCaller } from "./roster/roster.js";

export interface FrontDoor extends CallerCheck {
  /** The endpoints served from here. */
  functions: Pick<Record<EndpointName, HttpFunction>, "roster">;
}

export function createFrontDoor(config: Config): FrontDoor {
  const reader = restDocumentReader({ projectId: config.projectId, emulatorHost: config.firestoreEmulatorHost });
  const check: CallerCheck = { verify: idTokenVerifier(config.auth), loadCaller: (email) => loadCaller(reader, email) };
  const runtime: EndpointRuntime<DocumentReader> = { ...check, deps: () => reader };
  return {
    ...check,
    functions: { roster: httpEndpoint(runtime, { ...ROSTER_ENDPOINT, handle: ({ deps }) => listRoster(deps) }) },
  };
}
