import { createSign } from "node:crypto";
import { DOCUMENT_KINDS } from "@planops/shared";
import { generateLocalKeyPair, LOCAL_AUDIENCE } from "../../local/auth-keys.js";
import { createFunctions } from "../../src/app.js";
import { LOCAL_KEY_ID } from "../../src/platform/auth.js";
import { parseConfig } from "../../src/platform/config.js";
import type { Stack } from "../support/stack.js";
import { serveFunction } from "../support/serve.js";

/**
 * The stack's functions served a second time over real HTTP by functions-framework,
 * against the same Firestore and roster, but trusting a key this test holds: so it
 * can sign tokens whose claims `mintIdToken` cannot express (an email that is a
 * number, an object …). `env` adds configuration (e.g. AUTH_HOSTED_DOMAIN).
 */
export interface OwnKeyServer {
  baseUrl: string;
  /** A correctly signed token with exactly these claims (and this header). */
  sign(claims: Record<string, unknown>, header?: Record<string, unknown>): string;
  stop(): Promise<void>;
}

let counter = 0;

export async function serveWithOwnKey(stack: Stack, env: Record<string, string> = {}): Promise<OwnKeyServer> {
  const keys = generateLocalKeyPair();
  const config = parseConfig({ ...stack.env, ...env, AUTH_LOCAL_PUBLIC_KEY: keys.publicKeyPem });
  const name = `own_key_${process.pid}_${++counter}`;
  const served = await serveFunction(
    name,
    createFunctions(config, {
      db: stack.db,
      config,
      now: () => new Date(),
      send: async () => {},
      kinds: DOCUMENT_KINDS,
    }).api,
  );
  const b64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
  return {
    baseUrl: served.baseUrl,
    sign(claims, header = { alg: "RS256", typ: "JWT", kid: LOCAL_KEY_ID }) {
      const input = `${b64url(header)}.${b64url(claims)}`;
      return `${input}.${createSign("RSA-SHA256").update(input).sign(keys.privateKeyPem).toString("base64url")}`;
    },
    stop: () => served.close(),
  };
}

/** The claims of a valid Google ID token for `email`, overridden by `extra` (a claim set to undefined is left out). */
export function googleClaims(email: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: "https://accounts.google.com",
    aud: LOCAL_AUDIENCE,
    azp: LOCAL_AUDIENCE,
    sub: "1234567890",
    email,
    email_verified: true,
    iat: now,
    exp: now + 3600,
    ...extra,
  };
}
