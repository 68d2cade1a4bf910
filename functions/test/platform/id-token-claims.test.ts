import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { generateLocalKeyPair, mintIdToken } from "../../local/auth-keys.js";
import { demoEmail } from "../../local/demo-org.js";
import { useStack } from "../support/stack.js";
import { googleClaims, type OwnKeyServer, serveWithOwnKey } from "./own-key-server.js";

const stack = useStack();
const clerk = demoEmail("李明");
const DOMAIN = clerk.split("@")[1] ?? "";

let open: OwnKeyServer;
let workspace: OwnKeyServer;
beforeAll(async () => {
  open = await serveWithOwnKey(stack);
  workspace = await serveWithOwnKey(stack, { AUTH_HOSTED_DOMAIN: DOMAIN });
});
afterAll(async () => {
  await open?.stop();
  await workspace?.stop();
});

interface Answer {
  status: number;
  contentType: string | null;
  text: string;
  code: string | undefined;
}

async function roster(baseUrl: string, token: string): Promise<Answer> {
  const res = await fetch(`${baseUrl}/roster`, { headers: { authorization: `Bearer ${token}` } });
  const text = await res.text();
  let code: string | undefined;
  try {
    code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
  } catch {
    code = undefined;
  }
  return { status: res.status, contentType: res.headers.get("content-type"), text, code };
}

describe("a correctly signed token whose claims are malformed", () => {
  it("when the token is well formed, then both test servers accept it (the cases below differ in one claim only)", async () => {
    expect((await roster(open.baseUrl, open.sign(googleClaims(clerk)))).status).toBe(200);
    expect((await roster(workspace.baseUrl, workspace.sign(googleClaims(clerk, { hd: DOMAIN })))).status).toBe(200);
  });

  it.each<[string, Record<string, unknown>]>([
    ["email is a number", googleClaims(12345)],
    ["email is an object", googleClaims({ toLowerCase: "x", address: clerk })],
    ["email is an array", googleClaims([clerk])],
    ["email is null", googleClaims(null)],
    ["email is missing", googleClaims(undefined)],
    ["email is empty", googleClaims("")],
    ["email is a path into another collection", googleClaims(`a/b/${clerk}`)],
    ["email holds control characters", googleClaims(`li\u0000ming@${DOMAIN}`)],
    ["email is two addresses", googleClaims(`${clerk},${demoEmail("张伟")}`)],
    ["email_verified is false", googleClaims(clerk, { email_verified: false })],
    ["email_verified is the string 'true'", googleClaims(clerk, { email_verified: "true" })],
    ["email_verified is 1", googleClaims(clerk, { email_verified: 1 })],
    ["email_verified is missing", googleClaims(clerk, { email_verified: undefined })],
    ["aud is an array", googleClaims(clerk, { aud: [googleClaims(clerk).aud] })],
    ["iss is an object", googleClaims(clerk, { iss: { url: "https://accounts.google.com" } })],
    ["exp is a string of letters", googleClaims(clerk, { exp: "later" })],
    ["iat is missing", googleClaims(clerk, { iat: undefined })],
  ])("when the %s, then 401 UNAUTHENTICATED (never 500)", async (_what, claims) => {
    const r = await roster(open.baseUrl, open.sign(claims));
    expect(r.status, r.text).toBe(401);
    expect(r.code).toBe("UNAUTHENTICATED");
  });

  it.each<[string, () => string]>([
    ["the payload is a JSON array", () => open.sign([clerk] as unknown as Record<string, unknown>)],
    ["the payload is a JSON string", () => open.sign(clerk as unknown as Record<string, unknown>)],
    ["the header names no algorithm", () => open.sign(googleClaims(clerk), { kid: "planops-local" })],
    ["the header says alg none", () => open.sign(googleClaims(clerk), { alg: "none", kid: "planops-local" })],
    ["the header says HS256", () => open.sign(googleClaims(clerk), { alg: "HS256", kid: "planops-local" })],
    ["the kid is a number", () => open.sign(googleClaims(clerk), { alg: "RS256", kid: 1 })],
    ["the kid is __proto__", () => open.sign(googleClaims(clerk), { alg: "RS256", kid: "__proto__" })],
    ["the signature is cut off", () => open.sign(googleClaims(clerk)).replace(/\.[^.]+$/, ".")],
    ["it has four segments", () => `${open.sign(googleClaims(clerk))}.xyz`],
    ["it is 10 KB long (longer than any Google ID token)", () => open.sign(googleClaims(clerk, { pad: "x".repeat(7000) }))],
    ["a segment is not base64url", () => open.sign(googleClaims(clerk)).replace(".", ".%%")],
  ])("when %s, then 401 UNAUTHENTICATED", async (_what, token) => {
    const r = await roster(open.baseUrl, token());
    expect(r.status, r.text).toBe(401);
    expect(r.code).toBe("UNAUTHENTICATED");
  });

  it.each<[string, unknown]>([
    ["missing", undefined],
    ["another domain", "elsewhere.com"],
    ["an array holding the domain", [DOMAIN]],
    ["a number", 42],
    ["an object", { domain: DOMAIN }],
    ["empty", ""],
  ])("when a hosted domain is configured and the token's hd is %s, then 401 UNAUTHENTICATED", async (_what, hd) => {
    const r = await roster(workspace.baseUrl, workspace.sign(googleClaims(clerk, { hd })));
    expect(r.status, r.text).toBe(401);
    expect(r.code).toBe("UNAUTHENTICATED");
    expect(r.text).toContain(DOMAIN); // names the configured domain, which is configuration, not the credential
  });
});

describe("what a refused token's answer and log may say", () => {
  /** Every 12-character piece of the token: none may come back (the token, its payload, its signature, in part or whole). */
  const fragments = (token: string) => Array.from({ length: Math.max(0, token.length - 11) }, (_, i) => token.slice(i, i + 12));

  const secretEmail = "leak.probe.7731@demo.planops.cn";
  const cases: [string, RegExp, () => string][] = [
    ["expired", /expired/i, () => stack.mintToken(secretEmail, { ttlSeconds: -3600 })],
    ["for another audience", /audience/i, () => stack.mintToken(secretEmail, { audience: "someone-else.apps.googleusercontent.com" })],
    ["from another issuer", /issuer/i, () => stack.mintToken(secretEmail, { issuer: "https://evil.example.com" })],
    ["signed with another key", /signature/i, () => mintIdToken(generateLocalKeyPair().privateKeyPem, { email: secretEmail })],
    ["with an unknown key id", /unknown key/i, () => stack.mintToken(secretEmail, { keyId: "other-kid" })],
    ["issued in the future", /not valid yet/i, () => stack.mintToken(secretEmail, { now: new Date(Date.now() + 3_600_000) })],
    ["living 30 days", /lifetime/i, () => stack.mintToken(secretEmail, { ttlSeconds: 30 * 86_400 })],
    ["without a verified email", /verified email/i, () => stack.mintToken(secretEmail, { emailVerified: false })],
    ["with a tampered payload", /signature/i, () => tamper(stack.mintToken(secretEmail))],
    ["of four segments", /malformed/i, () => `${stack.mintToken(secretEmail)}.e30`],
  ];

  /** Swaps the payload for another one carrying the email, keeping header and signature. */
  function tamper(token: string): string {
    const [header, payload, signature] = token.split(".");
    const claims = JSON.parse(Buffer.from(payload ?? "", "base64url").toString()) as Record<string, unknown>;
    return `${header}.${Buffer.from(JSON.stringify({ ...claims, email_verified: true, email: secretEmail, role: "admin" })).toString("base64url")}.${signature}`;
  }

  it.each(cases)("when the token is %s, then the 401 says so in plain words and echoes no part of it", async (_what, says, makeToken) => {
    const warn = vi.spyOn(console, "warn");
    const token = makeToken();
    const r = await roster(stack.baseUrl, token);
    const logged = warn.mock.calls.map((c) => c.map(String).join(" ")).join("\n");
    warn.mockRestore();

    expect(r.status, r.text).toBe(401);
    expect(r.contentType).toMatch(/^application\/json/);
    expect(r.code).toBe("UNAUTHENTICATED");
    const { message } = (JSON.parse(r.text) as { error: { message: { en: string; zh: string } } }).error;
    expect(message.en).toMatch(says);
    expect(message.zh).toMatch(/身份令牌/);
    for (const shown of [r.text, logged]) {
      expect(shown).not.toContain(secretEmail);
      expect(shown).not.toContain("leak.probe");
      expect(shown).not.toContain(token.split(".")[1]?.slice(0, 16) ?? "");
      const leaked = fragments(token).find((f) => shown.includes(f));
      expect(leaked, `a piece of the token came back: ${leaked}`).toBeUndefined();
    }
    // The server still says why, for whoever reads the logs.
    expect(logged).toMatch(/identity token refused/);
  });
});
