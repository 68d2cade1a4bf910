import { Agent } from "node:http";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { ENDPOINTS, type EndpointName } from "@planops/shared/api";
import { demoEmail } from "../../local/demo-org.js";
import { useStack } from "../support/stack.js";
import { envelopeProblem, type RawRequest, rawRequest } from "./envelope.js";

/**
 * A few hundred generated hostile requests against the real stack: each one carries
 * at least one defect that must refuse it (no or a bad token, a wrong method, an
 * unknown path, a bad id, a bad or oversized body …) plus random other parts. Every
 * answer must be the JSON envelope with a known code and a 4xx status: never 5xx,
 * never HTML, never no answer. Deterministic per seed (PLANOPS_FUZZ_SEED to replay).
 */
const stack = useStack();
const SEED = Number(process.env.PLANOPS_FUZZ_SEED ?? 20_260_301);
const COUNT = 320;
const CONCURRENCY = 8;
const LIMIT = 2 * 1024 * 1024;

/** mulberry32: a small seeded generator, so a failure can be replayed. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => int(256)));
  const text = (n: number, alphabet = "abcXYZ019/._-~%!$&'()*+,;=:@") => Array.from({ length: n }, () => alphabet[int(alphabet.length)]).join("");
  return { next, int, pick, bytes, text };
}

const NAMES = Object.keys(ENDPOINTS) as EndpointName[];
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "PROPFIND", "MKCOL", "LOCK", "PURGE", "SEARCH"];
const HOSTILE_IDS = ["a/b", "x//y", "..", ".", "plans/x/revisions/1", "a%00b", "%2F", "__x__", "", "%E0%A4%A", "x".repeat(400), "%0d%0aSet-Cookie:x=1"];
const HOSTILE_DAYS = ["2026-02-30", "9999-99-99", "2026-13-01", "0000-00-00", "2026-02-28T00:00Z", "yesterday"];
const HOSTILE_PERIODS = ["2026-13", "2026-Q9", "1999", "2100", "2026-1", "../2026", "2026%00"];
const CONTENT_TYPES = [
  undefined,
  "application/json",
  "application/json; charset=latin1",
  "application/json; charset=utf-16le",
  "application/json; charset=utf-8; charset=latin1",
  "text/plain",
  "text/html",
  "multipart/form-data; boundary=x",
  "application/x-www-form-urlencoded",
  "application/cloudevents+json",
  "application/octet-stream",
  ";;;",
  "application/json;;;charset=",
];
const ENCODINGS = [undefined, "identity", "gzip", "deflate", "br", "x-gzip", "zstd", "gzip, br", "compress", "GZIP", "__proto__", "constructor", ""];

type Rng = ReturnType<typeof generator>;

const tamper = (token: string) => {
  const at = token.length - 10;
  return `${token.slice(0, at)}${token[at] === "A" ? "B" : "A"}${token.slice(at + 1)}`;
};

function hostileToken(rng: Rng): string | undefined {
  const clerk = demoEmail("李明");
  return rng.pick([
    () => undefined,
    () => "",
    () => "Bearer",
    () => "Bearer ",
    () => `Basic ${Buffer.from("user:pass").toString("base64")}`,
    () => `Bearer ${rng.text(rng.int(60), "abcdefABCDEF0123456789-_.")}`,
    // Expired beyond the 5 minutes of clock skew Google's verifier allows (an hour ago).
    () => `Bearer ${stack.mintToken(clerk, { ttlSeconds: -3600 })}`,
    () => `Bearer ${stack.mintToken(clerk, { audience: "other" })}`,
    () => `Bearer ${stack.mintToken(clerk, { emailVerified: false })}`,
    // A signature with one character changed well inside it (the last character carries padding bits a decoder may ignore).
    () => `Bearer ${tamper(stack.mintToken(clerk))}`,
    () => `Bearer ${"e30.".repeat(3)}`,
    () => `bearer   ${stack.mintToken("stranger@elsewhere.com")}`, // valid token, not in the roster: 403
    () => `Bearer ${rng.text(6000, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.")}`,
  ])();
}

function body(rng: Rng): Buffer | undefined {
  const json = (v: unknown) => Buffer.from(JSON.stringify(v));
  return rng.pick<() => Buffer | undefined>([
    () => undefined,
    () => Buffer.alloc(0),
    () => Buffer.from("{bad json"),
    () => json("a bare string"),
    () => json(rng.int(1000)),
    () => json(null),
    () => json([1, 2, 3]),
    () => json({ planId: rng.pick(HOSTILE_IDS), revision: rng.pick([1, 0, -1, "1", null]), decision: rng.pick(["approve", "return", "nuke"]) }),
    () => json({ headers: ["x"], rows: [{ row: 1, cells: [[[[]]]] }], template: { id: "__proto__", version: 1 }, __proto__: { admin: true } }),
    () => json({ constructor: { prototype: { polluted: true } } }),
    () => Buffer.from(`${"[".repeat(50_000)}${"]".repeat(50_000)}`),
    () => Buffer.from([0xff, 0xfe, 0x7b, 0x7d]),
    () => rng.bytes(rng.int(4096)),
    () => Buffer.alloc(LIMIT - 10 + rng.int(20), 0x20), // around the limit
    () => Buffer.alloc(LIMIT + 1 + rng.int(200_000), 0x7b), // a little over it
    () => gzipSync(Buffer.alloc(6 * 1024 * 1024, 0x20)), // inflates past it
  ])();
}

function encode(rng: Rng, raw: Buffer | undefined, encoding: string | undefined): Buffer | undefined {
  if (!raw) return raw;
  // Sometimes the bytes really are what the header says, sometimes not.
  if (rng.next() < 0.5) return raw;
  if (encoding === "gzip" || encoding === "x-gzip" || encoding === "GZIP") return gzipSync(raw);
  if (encoding === "deflate") return deflateSync(raw);
  if (encoding === "br") return brotliCompressSync(raw);
  return raw;
}

/** One request with at least one defect that must refuse it, and random everything else. */
function hostileRequest(rng: Rng): RawRequest & { defect: string } {
  const name = rng.pick(NAMES);
  const method = ENDPOINTS[name].method;
  const defect = rng.pick(["token", "method", "path", "id", "date", "body", "size", "encoding"] as const);
  const validToken = `Bearer ${stack.mintToken(demoEmail(rng.pick(["李明", "张伟", "孙丽", "杨强"])))}`;
  const headers: Record<string, string> = {};
  let reqMethod: string = method;
  let path = `/${name}`;
  let payload = body(rng);
  const encoding = rng.pick(ENCODINGS);
  const contentType = rng.pick(CONTENT_TYPES);

  const auth = defect === "token" ? hostileToken(rng) : rng.next() < 0.7 ? validToken : hostileToken(rng);
  if (auth !== undefined) headers.authorization = auth;

  switch (defect) {
    case "method":
      reqMethod = rng.pick(METHODS.filter((m) => m !== method));
      break;
    case "path":
      path = rng.pick([
        () => `/${rng.text(1 + rng.int(30))}`,
        () => `/${name}/${rng.text(5)}`,
        () => `//${name}//x`,
        () => `/${name}%2F..%2Froster`,
        () => "/favicon.ico",
        () => "/robots.txt",
        () => `/openapi.json${rng.pick(["", "/"])}`,
        () => "/healthz",
        () => `/%${rng.text(2, "0123456789ABCDEFXYZ")}${name}`,
        () => `/${"a".repeat(2000 + rng.int(4000))}`,
        () => `/${encodeURIComponent("计划运营部")}`,
        () => "/..%2F..%2Fetc%2Fpasswd",
      ])();
      // openapi.json and healthz answer GET without a token: only other methods are hostile there.
      if (/^\/(openapi\.json|healthz)\/?$/.test(path)) reqMethod = rng.pick(METHODS.filter((m) => m !== "GET"));
      break;
    case "id":
      if (method === "GET") {
        reqMethod = "GET";
        name === "completionRates" || name === "referenceOptions"
          ? (path = `/${name}?period=${rng.pick(HOSTILE_PERIODS)}&template=${encodeURIComponent(rng.pick(HOSTILE_IDS))}`)
          : (path = `/getPlan?planId=${rng.pick(HOSTILE_IDS)}&revision=${rng.pick(["1", "0", "x", "-5", ""])}`);
      } else {
        path = `/${rng.pick(["decide", "issuePlan", "updateProgress"])}`;
        headers["content-type"] = "application/json";
        payload = Buffer.from(JSON.stringify({ planId: rng.pick(HOSTILE_IDS), revision: 1, decision: "approve", headers: ["ID"], rows: [] }));
      }
      break;
    case "date":
      reqMethod = "GET";
      path = `/completionRates?period=${rng.pick([...HOSTILE_PERIODS, "2026-02"])}&asOf=${encodeURIComponent(rng.pick(HOSTILE_DAYS))}`;
      break;
    case "body":
      // Only POST endpoints read a body: one that is never a valid request.
      path = `/${rng.pick(["submit", "decide", "issuePlan", "updateProgress"])}`;
      reqMethod = "POST";
      payload = rng.pick([Buffer.from("{"), Buffer.from('"x"'), Buffer.from("[]"), Buffer.from("{}"), rng.bytes(1 + rng.int(2000)), Buffer.from("null")]);
      break;
    case "size":
      payload = Buffer.alloc(LIMIT + 1 + rng.int(300_000), 0x20);
      break;
    case "encoding":
      headers["content-encoding"] = rng.pick(["zstd", "gzip, br", "compress", "__proto__", "identity, gzip", "x-unknown"]);
      payload = payload ?? Buffer.from("{}");
      break;
  }
  if (!("content-type" in headers) && contentType !== undefined) headers["content-type"] = contentType;
  if (!("content-encoding" in headers) && encoding !== undefined && payload) headers["content-encoding"] = encoding;
  if (rng.next() < 0.3) headers["x-forwarded-for"] = rng.pick(["1.2.3.4", "::1, evil", "' OR 1=1"]);
  if (rng.next() < 0.2) headers["accept"] = rng.pick(["text/html", "*/*", "application/xml", ""]);
  if (rng.next() < 0.1) headers["expect"] = "100-continue";
  const sentBody = encode(rng, payload, headers["content-encoding"]);
  return { defect, method: reqMethod, path, headers, ...(sentBody ? { body: sentBody, chunked: rng.next() < 0.4 } : {}) };
}

describe("hostile requests (fuzz)", () => {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  afterAll(() => agent.destroy());

  it(`when ${COUNT} generated hostile requests arrive, then every answer is the JSON error envelope with a 4xx status`, { timeout: 120_000 }, async () => {
    const rng = generator(SEED);
    const requests = Array.from({ length: COUNT }, () => hostileRequest(rng));
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    const worker = async () => {
      while (next < requests.length) {
        const i = next++;
        const r = requests[i] as (typeof requests)[number];
        const shown = `#${i} [${r.defect}] ${r.method} ${r.path.slice(0, 80)} ${JSON.stringify({ ...r.headers, authorization: r.headers?.authorization?.slice(0, 20) })} body=${r.body?.length ?? "none"}${r.chunked ? " chunked" : ""}`;
        try {
          const answer = await rawRequest(stack.baseUrl, { ...r, agent }, 20_000);
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          const problem = envelopeProblem(r.method, answer);
          if (problem) failures.push(`${shown} → ${problem}`);
        } catch (err) {
          failures.push(`${shown} → no answer: ${String(err)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));

    expect(failures, `seed ${SEED}:\n${failures.slice(0, 20).join("\n")}`).toEqual([]);
    // The generator reaches the refusals it is meant to: auth, method, path, shape, size and format.
    for (const status of [400, 401, 404, 405, 413, 415]) expect(statuses.get(status) ?? 0, `status ${status} never answered`).toBeGreaterThan(0);
  });
});
