import { execFileSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type OutgoingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { generateLocalKeyPair, type KeyPair, LOCAL_AUDIENCE, mintIdToken } from "../../local/auth-keys.js";
import { idTokenVerifier } from "../../src/platform/auth.js";
import { parseConfig } from "../../src/platform/config.js";
import { AppError } from "../../src/platform/errors.js";

/** Google's v1 endpoint answers with these; the verifier reads max-age. */
const GOOGLE_CACHE_CONTROL = "public, max-age=3600, must-revalidate, no-transform";
const KID = "google-kid-1";
const email = "liming@demo.planops.cn";

/**
 * A self-signed X.509 certificate for the key, as Google publishes its keys: node:crypto
 * cannot make certificates, openssl (on every machine image of this project) can.
 */
function certificateOf(keys: KeyPair): string {
  const dir = mkdtempSync(join(tmpdir(), "planops-cert-"));
  try {
    writeFileSync(join(dir, "key.pem"), keys.privateKeyPem, { mode: 0o600 });
    return execFileSync("openssl", ["req", "-x509", "-new", "-key", join(dir, "key.pem"), "-subj", "/CN=planops-test", "-days", "1"], { encoding: "utf8" });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Answer {
  status: number;
  headers: OutgoingHttpHeaders;
  body: string;
}

/** Google's certificates endpoint, served locally: answers with `answer`, counting the requests. */
interface CertsEndpoint {
  url: string;
  requests: number;
  answer: Answer;
  close(): Promise<void>;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
});

async function certsEndpoint(answer: Answer): Promise<CertsEndpoint> {
  const endpoint = { url: "", requests: 0, answer, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
  const server = createServer((_req, res) => {
    endpoint.requests++;
    res.writeHead(endpoint.answer.status, { "content-type": "application/json; charset=UTF-8", ...endpoint.answer.headers });
    res.end(endpoint.answer.body);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth2/v1/certs`;
  return endpoint;
}

const published = (certs: Record<string, string>, headers: OutgoingHttpHeaders = { "cache-control": GOOGLE_CACHE_CONTROL }): Answer => ({
  status: 200,
  headers,
  body: JSON.stringify(certs),
});

const googleAuth = parseConfig({ AUTH_MODE: "google", AUTH_AUDIENCE: LOCAL_AUDIENCE }).auth;

/** A clock the test moves: it drives both the tokens' validity and the certificates' cache. */
function clock(start = new Date()) {
  let at = start;
  return {
    now: () => at,
    advanceSeconds(s: number) {
      at = new Date(at.getTime() + s * 1000);
    },
  };
}

let google: KeyPair;
let googleCert: string;
let rotated: KeyPair;
let rotatedCert: string;
beforeAll(() => {
  google = generateLocalKeyPair();
  googleCert = certificateOf(google);
  rotated = generateLocalKeyPair();
  rotatedCert = certificateOf(rotated);
});

describe("verifying tokens against Google's published certificates", () => {
  it("when a token is signed by a key whose X.509 certificate the endpoint publishes, then its email comes back", async () => {
    expect(googleCert).toMatch(/^-----BEGIN CERTIFICATE-----/);
    const endpoint = await certsEndpoint(published({ [KID]: googleCert, "google-kid-2": rotatedCert }));
    const verify = idTokenVerifier(googleAuth, { googleCertsUrl: endpoint.url });
    await expect(verify(`Bearer ${mintIdToken(google.privateKeyPem, { email, keyId: KID })}`)).resolves.toEqual({ email });
    await expect(verify(`Bearer ${mintIdToken(rotated.privateKeyPem, { email, keyId: "google-kid-2" })}`)).resolves.toEqual({ email });
  });

  it("when a token names a kid the endpoint does not publish, or is signed by another key under a published kid, then 401 saying which", async () => {
    const endpoint = await certsEndpoint(published({ [KID]: googleCert }));
    const verify = idTokenVerifier(googleAuth, { googleCertsUrl: endpoint.url });
    await expect(verify(`Bearer ${mintIdToken(google.privateKeyPem, { email, keyId: "google-kid-9" })}`)).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
      text: { en: expect.stringMatching(/unknown key/) },
    });
    await expect(verify(`Bearer ${mintIdToken(rotated.privateKeyPem, { email, keyId: KID })}`)).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
      text: { en: expect.stringMatching(/signature/) },
    });
  });

  it("when the published key is not an RSA key, then a token naming it is refused (an RS256 header cannot smuggle another algorithm)", async () => {
    const { publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const endpoint = await certsEndpoint(published({ [KID]: publicKey.export({ type: "spki", format: "pem" }).toString() }));
    const verify = idTokenVerifier(googleAuth, { googleCertsUrl: endpoint.url });
    await expect(verify(`Bearer ${mintIdToken(google.privateKeyPem, { email, keyId: KID })}`)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });
});

describe("caching Google's certificates", () => {
  it("when many tokens are verified within max-age, then the endpoint is asked once; after it runs out, once more", async () => {
    const endpoint = await certsEndpoint(published({ [KID]: googleCert }));
    const time = clock();
    const verify = idTokenVerifier(googleAuth, { googleCertsUrl: endpoint.url, now: time.now });
    const token = () => `Bearer ${mintIdToken(google.privateKeyPem, { email, keyId: KID, now: time.now() })}`;

    for (let i = 0; i < 5; i++) await expect(verify(token())).resolves.toEqual({ email });
    time.advanceSeconds(3599);
    await expect(verify(token())).resolves.toEqual({ email });
    expect(endpoint.requests).toBe(1);

    time.advanceSeconds(2);
    await expect(verify(token())).resolves.toEqual({ email });
    await expect(verify(token())).resolves.toEqual({ email });
    expect(endpoint.requests).toBe(2);
  });

  it("when Google rotates its keys, then a token of the new key is refused until the cached set runs out, and accepted after", async () => {
    const endpoint = await certsEndpoint(published({ [KID]: googleCert }));
    const time = clock();
    const verify = idTokenVerifier(googleAuth, { googleCertsUrl: endpoint.url, now: time.now });
    const signed = (keys: KeyPair, keyId: string) => `Bearer ${mintIdToken(keys.privateKeyPem, { email, keyId, now: time.now() })}`;
    await expect(verify(signed(google, KID))).resolves.toEqual({ email });

    endpoint.answer = published({ "google-kid-2": rotatedCert });
    await expect(verify(signed(rotated, "google-kid-2"))).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    expect(endpoint.requests).toBe(1);

    time.advanceSeconds(3601);
    await expect(verify(signed(rotated, "google-kid-2"))).resolves.toEqual({ email });
    await expect(verify(signed(google, KID))).rejects.toMatchObject({ code: "UNAUTHENTICATED", text: { en: expect.stringMatching(/unknown key/) } });
    expect(endpoint.requests).toBe(2);
  });

  it("when the first requests arrive together, then they share one fetch", async () => {
    const endpoint = await certsEndpoint(published({ [KID]: googleCert }));
    const verify = idTokenVerifier(googleAuth, { googleCertsUrl: endpoint.url });
    const tokens = Array.from({ length: 8 }, () => `Bearer ${mintIdToken(google.privateKeyPem, { email, keyId: KID })}`);
    await expect(Promise.all(tokens.map((t) => verify(t)))).resolves.toEqual(tokens.map(() => ({ email })));
    expect(endpoint.requests).toBe(1);
  });

  it("when the answer has Expires instead of max-age, then it is kept until then", async () => {
    const time = clock(new Date("2027-03-01T08:00:00Z"));
    const endpoint = await certsEndpoint(published({ [KID]: googleCert }, { date: "Mon, 01 Mar 2027 08:00:00 GMT", expires: "Mon, 01 Mar 2027 08:10:00 GMT" }));
    const verify = idTokenVerifier(googleAuth, { googleCertsUrl: endpoint.url, now: time.now });
    const token = () => `Bearer ${mintIdToken(google.privateKeyPem, { email, keyId: KID, now: time.now() })}`;
    await verify(token());
    time.advanceSeconds(599);
    await verify(token());
    expect(endpoint.requests).toBe(1);
    time.advanceSeconds(2);
    await verify(token());
    expect(endpoint.requests).toBe(2);
  });

  it("when the answer says nothing of how long it stays valid, then each verification fetches anew (as google-auth-library did)", async () => {
    const endpoint = await certsEndpoint(published({ [KID]: googleCert }, {}));
    const verify = idTokenVerifier(googleAuth, { googleCertsUrl: endpoint.url });
    for (let i = 0; i < 3; i++) await expect(verify(`Bearer ${mintIdToken(google.privateKeyPem, { email, keyId: KID })}`)).resolves.toEqual({ email });
    expect(endpoint.requests).toBe(3);
  });
});

describe("when the certificates cannot be had, that is our outage (500), not the caller's token (401)", () => {
  /** A plain Error (answered 500 INTERNAL), naming the endpoint and never the token. */
  async function expectOutage(verify: ReturnType<typeof idTokenVerifier>, url: string): Promise<void> {
    const token = mintIdToken(google.privateKeyPem, { email, keyId: KID });
    const err = await verify(`Bearer ${token}`).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(AppError);
    const message = (err as Error).message;
    expect(message).toContain(url);
    expect(message).not.toContain(token.split(".")[1]?.slice(0, 16) ?? "");
    expect(message).not.toContain(email);
  }

  it("when nothing listens at the endpoint, then verification throws a plain Error", async () => {
    const endpoint = await certsEndpoint(published({ [KID]: googleCert }));
    await endpoint.close();
    await expectOutage(idTokenVerifier(googleAuth, { googleCertsUrl: endpoint.url }), endpoint.url);
  });

  it.each<[string, Answer]>([
    ["answers 503", { status: 503, headers: {}, body: "unavailable" }],
    ["answers something that is not JSON", { status: 200, headers: {}, body: "<html>" }],
    ["answers JSON that is not kid → PEM", { status: 200, headers: {}, body: JSON.stringify({ keys: [{ kid: KID }] }) }],
    ["publishes an unreadable certificate", published({ [KID]: "-----BEGIN CERTIFICATE-----\nnot a certificate\n-----END CERTIFICATE-----\n" })],
  ])("when the endpoint %s, then verification throws a plain Error; once it recovers, the next one succeeds", async (_what, answer) => {
    const endpoint = await certsEndpoint(answer);
    const verify = idTokenVerifier(googleAuth, { googleCertsUrl: endpoint.url });
    await expectOutage(verify, endpoint.url);

    endpoint.answer = published({ [KID]: googleCert });
    await expect(verify(`Bearer ${mintIdToken(google.privateKeyPem, { email, keyId: KID })}`)).resolves.toEqual({ email });
  });

  it("when the configured URL is not http(s), then the verifier refuses to start", () => {
    expect(() => idTokenVerifier(googleAuth, { googleCertsUrl: "file:///etc/certs.json" })).toThrow(/http: or https:/);
  });
});
