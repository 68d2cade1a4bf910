import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { demoEmail } from "../../local/demo-org.js";
import { useStack } from "../support/stack.js";
import { codeOf, envelopeProblem, type RawRequest, rawRequest } from "./envelope.js";

const stack = useStack();
const MB = 1024 * 1024;

/** A request to the stack with the planning clerk's valid token unless headers say otherwise. */
async function send(r: RawRequest, token = true) {
  const headers = { ...(token ? { authorization: `Bearer ${stack.mintToken(demoEmail("李明"))}` } : {}), ...r.headers };
  const answer = await rawRequest(stack.baseUrl, { ...r, headers });
  return { ...answer, problem: envelopeProblem(r.method, answer), code: codeOf(answer) };
}

/** A decide request for a plan that does not exist: once read, it is answered 404 NOT_FOUND, which proves the body was understood. */
const decideBody = JSON.stringify({ planId: "no-such-plan", revision: 1, decision: "approve" });
const json = { "content-type": "application/json" };

describe("request bodies at the edge", () => {
  it("when a well-formed body arrives plain, gzip, deflate or br, then it is read (the plan is simply not found)", async () => {
    for (const [encoding, body] of [
      [undefined, Buffer.from(decideBody)],
      ["gzip", gzipSync(decideBody)],
      ["deflate", deflateSync(decideBody)],
      ["br", brotliCompressSync(decideBody)],
    ] as const) {
      const r = await send({ method: "POST", path: "/decide", body, headers: { ...json, ...(encoding ? { "content-encoding": encoding } : {}) } });
      expect([r.status, r.code], `${encoding}: ${r.text}`).toEqual([404, "NOT_FOUND"]);
    }
  });

  it("when a chunked body (no Content-Length) passes 2 MB while it streams, then 413 PAYLOAD_TOO_LARGE", async () => {
    const r = await send({ method: "POST", path: "/decide", headers: json, chunked: true, body: Buffer.alloc(2 * MB + 1, 0x20) });
    expect(r.problem).toBeUndefined();
    expect([r.status, r.code]).toEqual([413, "PAYLOAD_TOO_LARGE"]);
  });

  it("when a chunked body of 2 MB exactly arrives, then it is read (and judged as JSON, not refused for its size)", async () => {
    const padded = Buffer.alloc(2 * MB, 0x20);
    padded.write(decideBody);
    const r = await send({ method: "POST", path: "/decide", headers: json, chunked: true, body: padded });
    expect([r.status, r.code], r.text).toEqual([404, "NOT_FOUND"]);
  });

  it("when Content-Length declares more than 2 MB, then 413 before anything is read, and the connection stays usable", async () => {
    const r = await send({ method: "POST", path: "/decide", headers: json, body: Buffer.alloc(3 * MB, 0x20) });
    expect([r.status, r.code]).toEqual([413, "PAYLOAD_TOO_LARGE"]);
    expect(r.problem).toBeUndefined();
  });

  it("when a small gzip body inflates past 2 MB (a zip bomb), then 413", async () => {
    const bomb = gzipSync(Buffer.alloc(50 * MB, 0x20));
    expect(bomb.length).toBeLessThan(100_000);
    const r = await send({ method: "POST", path: "/decide", headers: { ...json, "content-encoding": "gzip" }, body: bomb });
    expect([r.status, r.code]).toEqual([413, "PAYLOAD_TOO_LARGE"]);
  });

  it("when a body on a GET passes 2 MB, then 413 too: every body is held to the limit", async () => {
    const r = await send({ method: "GET", path: "/roster", chunked: true, body: Buffer.alloc(2 * MB + 100) });
    expect([r.status, r.code]).toEqual([413, "PAYLOAD_TOO_LARGE"]);
  });

  it.each<[string, Record<string, string>, string | Buffer, number, string]>([
    ["bad JSON", json, "{bad", 400, "BAD_REQUEST"],
    ["a bare JSON string", json, '"hello"', 400, "BAD_REQUEST"],
    ["a bare JSON number", json, "42", 400, "BAD_REQUEST"],
    ["a JSON array", json, "[1,2]", 400, "BAD_REQUEST"],
    ["JSON null", json, "null", 400, "BAD_REQUEST"],
    ["an empty body", json, "", 400, "BAD_REQUEST"],
    ["bytes that are not UTF-8", json, Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), 400, "BAD_REQUEST"],
    ["JSON nested 100,000 deep", json, `${"[".repeat(100_000)}${"]".repeat(100_000)}`, 400, "BAD_REQUEST"],
    ["charset latin1", { "content-type": "application/json; charset=latin1" }, decideBody, 415, "UNSUPPORTED_MEDIA_TYPE"],
    ["charset utf-16", { "content-type": "application/json; charset=utf-16" }, decideBody, 415, "UNSUPPORTED_MEDIA_TYPE"],
    ["two charsets", { "content-type": "application/json; charset=utf-8; charset=latin1" }, decideBody, 415, "UNSUPPORTED_MEDIA_TYPE"],
    ["text/plain", { "content-type": "text/plain" }, decideBody, 415, "UNSUPPORTED_MEDIA_TYPE"],
    ["a form", { "content-type": "application/x-www-form-urlencoded" }, "planId=x&revision=1", 415, "UNSUPPORTED_MEDIA_TYPE"],
    ["no content type", {}, decideBody, 415, "UNSUPPORTED_MEDIA_TYPE"],
    ["a garbled content type", { "content-type": ";;;=" }, decideBody, 415, "UNSUPPORTED_MEDIA_TYPE"],
    ["an unknown Content-Encoding", { ...json, "content-encoding": "zstd-ish" }, decideBody, 415, "UNSUPPORTED_MEDIA_TYPE"],
    ["two Content-Encodings", { ...json, "content-encoding": "gzip, br" }, gzipSync(decideBody), 415, "UNSUPPORTED_MEDIA_TYPE"],
    ["Content-Encoding __proto__", { ...json, "content-encoding": "__proto__" }, decideBody, 415, "UNSUPPORTED_MEDIA_TYPE"],
    ["gzip that is not gzip", { ...json, "content-encoding": "gzip" }, decideBody, 400, "BAD_REQUEST"],
  ])("when the body is %s, then the JSON envelope %i %s", async (_what, headers, body, status, code) => {
    const r = await send({ method: "POST", path: "/decide", headers, body });
    expect(r.problem, r.text).toBeUndefined();
    expect([r.status, r.code]).toEqual([status, code]);
  });

  it("when the charset is UTF-8 however it is spelled, then the body is read", async () => {
    for (const type of ["application/json; charset=utf-8", "application/json;charset=UTF-8", 'application/json; charset="utf-8"', "Application/JSON"]) {
      const r = await send({ method: "POST", path: "/decide", headers: { "content-type": type }, body: decideBody });
      expect([r.status, r.code], type).toEqual([404, "NOT_FOUND"]);
    }
  });
});

describe("paths and methods at the edge", () => {
  it.each<[string, string, number, string]>([
    ["GET", "/no-such-endpoint", 404, "NOT_FOUND"],
    ["GET", "/", 404, "NOT_FOUND"],
    ["GET", "/favicon.ico", 404, "NOT_FOUND"],
    ["GET", "/robots.txt", 404, "NOT_FOUND"],
    ["GET", "/Favicon.ico/x", 404, "NOT_FOUND"],
    ["GET", "/%", 400, "BAD_REQUEST"],
    ["GET", "/getPlan%zz", 400, "BAD_REQUEST"],
    ["GET", "/getPlan/../roster", 404, "NOT_FOUND"],
    ["GET", `/${"x".repeat(5000)}`, 404, "NOT_FOUND"],
    ["OPTIONS", "*", 404, "NOT_FOUND"],
    ["POST", "/roster", 405, "METHOD_NOT_ALLOWED"],
    ["GET", "/submit", 405, "METHOD_NOT_ALLOWED"],
    ["PUT", "/decide", 405, "METHOD_NOT_ALLOWED"],
    ["DELETE", "/getPlan", 405, "METHOD_NOT_ALLOWED"],
    ["PATCH", "/submit", 405, "METHOD_NOT_ALLOWED"],
    ["OPTIONS", "/submit", 405, "METHOD_NOT_ALLOWED"],
    ["PROPFIND", "/roster", 405, "METHOD_NOT_ALLOWED"],
    ["TRACE", "/roster", 405, "METHOD_NOT_ALLOWED"],
    ["POST", "/openapi.json", 405, "METHOD_NOT_ALLOWED"],
    ["DELETE", "/healthz", 405, "METHOD_NOT_ALLOWED"],
  ])("when %s %s, then the JSON envelope %i %s", async (method, path, status, code) => {
    const r = await send({ method, path });
    expect(r.problem, r.text).toBeUndefined();
    expect([r.status, r.code]).toEqual([status, code]);
    if (code === "NOT_FOUND") expect(r.text.length).toBeLessThan(400); // the path is quoted, not at any length
  });

  it("when HEAD or OPTIONS is sent to an endpoint, then 405 with Allow and the envelope's type (HEAD carries no body, by HTTP's rules)", async () => {
    for (const method of ["HEAD", "OPTIONS"]) {
      for (const [path, allow] of [
        ["/roster", "GET"],
        ["/submit", "POST"],
        ["/openapi.json", "GET"],
      ]) {
        const r = await send({ method, path: path ?? "" });
        expect(r.problem, `${method} ${path}: ${r.text}`).toBeUndefined();
        expect(r.status).toBe(405);
        expect(r.headers.allow).toBe(allow);
      }
    }
    const head = await send({ method: "HEAD", path: "/favicon.ico" });
    expect([head.status, head.problem]).toEqual([404, undefined]);
  });

  it("when the answer is an error, then it is not sniffable or cacheable", async () => {
    const r = await send({ method: "GET", path: "/robots.txt" });
    expect(r.headers["x-content-type-options"]).toBe("nosniff");
    expect(r.headers["cache-control"]).toBe("no-store");
  });
});
