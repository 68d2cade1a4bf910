import { afterEach, describe, expect, it, vi } from "vitest";
import { generateLocalKeyPair } from "../../local/auth-keys.js";
import { keyFingerprint, parseConfig, redactConfig } from "../../src/platform/config.js";
import { envelopeProblem, rawRequest } from "./envelope.js";
import { serveRegistered } from "../support/serve.js";

const keys = generateLocalKeyPair();
/** The PEM's base64 body lines: none may be logged. */
const pemLines = keys.publicKeyPem.split("\n").filter((l) => l && !l.startsWith("-----"));

describe("what the cold-start config log shows", () => {
  it("when the local public key is set, then the log names it by fingerprint, never the PEM", () => {
    const shown = JSON.stringify(redactConfig(parseConfig({ AUTH_MODE: "local", AUTH_AUDIENCE: "a", AUTH_LOCAL_PUBLIC_KEY: keys.publicKeyPem })));
    expect(shown).not.toContain("BEGIN PUBLIC KEY");
    for (const line of pemLines) expect(shown).not.toContain(line.slice(0, 24));
    expect(shown).toContain(keyFingerprint(keys.publicKeyPem));
    expect(keyFingerprint(keys.publicKeyPem)).toMatch(/^sha256:[A-Za-z0-9+/]{43}=$/);
    expect(keyFingerprint(generateLocalKeyPair().publicKeyPem)).not.toBe(keyFingerprint(keys.publicKeyPem));
  });

  it("when the key is not a readable PEM, then the log says it is set, without showing it", () => {
    const shown = JSON.stringify(redactConfig(parseConfig({ AUTH_MODE: "local", AUTH_AUDIENCE: "a", AUTH_LOCAL_PUBLIC_KEY: "not-a-pem-but-secret-ish" })));
    expect(shown).not.toContain("secret-ish");
    expect(shown).toContain("set (not a readable public key)");
  });

  it.each([
    ["smtps://relay-user:s3cret@smtp-relay.gmail.com:465", "smtps://relay-user:***@smtp-relay.gmail.com:465", "s3cret"],
    ["smtps://relay-user:p@ss@smtp-relay.gmail.com:465", "smtps://relay-user:***@smtp-relay.gmail.com:465", "p@ss"],
    ["smtps://relay-user:pa/ss:word@smtp-relay.gmail.com:465", "set (not a URL)", "ss:word"],
    ["smtp://smtp.example.com:587?pass=t0psecret&pool=true", "smtp://smtp.example.com:587?pass=***&pool=***", "t0psecret"],
    ["smtp://127.0.0.1:2525", "smtp://127.0.0.1:2525", undefined],
    ["not a url s3cret", "set (not a URL)", "s3cret"],
  ])("when SMTP_URL is %s, then it is logged as %s", (url, logged, secret) => {
    const shown = redactConfig(parseConfig({ AUTH_AUDIENCE: "a", SMTP_URL: url }));
    expect(shown.mail.smtpUrl).toBe(logged);
    if (secret) expect(JSON.stringify(shown)).not.toContain(secret);
  });
});

describe("the deployed entry (index.ts) on its first request", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it("when the configuration is invalid, then 500 INTERNAL in the envelope; once valid, one config line without the PEM or the SMTP password", async () => {
    await import("../../src/index.js"); // registers every function, as functions-framework's loader does
    const { baseUrl, close } = await serveRegistered("api");
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      vi.stubEnv("AUTH_MODE", "local");
      vi.stubEnv("AUTH_AUDIENCE", "");
      const broken = await rawRequest(baseUrl, { method: "GET", path: "/healthz" });
      expect(broken.status).toBe(500);
      expect(broken.headers["content-type"]).toMatch(/^application\/json/);
      expect(JSON.parse(broken.text)).toMatchObject({ error: { code: "INTERNAL" } });
      expect(errors.mock.calls.join("\n")).toMatch(/AUTH_AUDIENCE/);

      vi.stubEnv("AUTH_AUDIENCE", "client-1");
      vi.stubEnv("AUTH_LOCAL_PUBLIC_KEY", keys.publicKeyPem);
      vi.stubEnv("SMTP_URL", "smtps://relay-user:s3cret@smtp-relay.example.com:465");
      const logs = vi.spyOn(console, "log").mockImplementation(() => {});
      expect((await rawRequest(baseUrl, { method: "GET", path: "/healthz" })).status).toBe(200);
      expect((await rawRequest(baseUrl, { method: "GET", path: "/healthz" })).status).toBe(200);
      const lines = logs.mock.calls.map((c) => c.map(String).join(" ")).filter((l) => l.includes("planops functions configured"));
      expect(lines).toHaveLength(1); // once per cold start
      const line = lines[0] ?? "";
      expect(line).not.toContain("BEGIN PUBLIC KEY");
      for (const l of pemLines) expect(line).not.toContain(l.slice(0, 24));
      expect(line).not.toContain("s3cret");
      expect(JSON.parse(line)).toMatchObject({
        config: { auth: { localPublicKey: keyFingerprint(keys.publicKeyPem) }, mail: { smtpUrl: "smtps://relay-user:***@smtp-relay.example.com:465" } },
      });
      // The deployed entry has the edge too: what no function sees is the envelope.
      const favicon = await rawRequest(baseUrl, { method: "GET", path: "/favicon.ico" });
      expect(envelopeProblem("GET", favicon)).toBeUndefined();
    } finally {
      await close();
    }
  });
});
