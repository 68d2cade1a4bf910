// Runs UrlFetchApp's HTTP requests for a thread that blocks on Atomics.wait until the answer
// is posted (see url-fetch.ts). Plain JS because worker threads cannot load TypeScript.
import http from "node:http";
import https from "node:https";
import { workerData } from "node:worker_threads";

/**
 * @typedef {{ url: string, method: string, headers: Record<string, string>, payload: string | null,
 *   followRedirects: boolean, validateHttpsCertificates: boolean, timeoutMs: number }} WireRequest
 * @typedef {{ ok: true, status: number, rawHeaders: string[], body: string } | { ok: false, error: string }} WireResult
 */

/** @type {{ signal: SharedArrayBuffer, port: import("node:worker_threads").MessagePort }} */
const { signal, port } = workerData;
const flag = new Int32Array(signal);

/** @param {unknown} e */
const errorCode = (e) => String(/** @type {{ code?: string }} */ (e).code ?? (e instanceof Error ? e.message : e));

/**
 * One HTTP exchange; rawHeaders keeps the server's header-name casing as Apps Script does.
 * @param {WireRequest} req
 * @returns {Promise<WireResult>}
 */
function exchange(req, url = req.url, redirectsLeft = 10) {
  return new Promise((resolve) => {
    const target = new URL(url);
    const lib = target.protocol === "https:" ? https : http;
    const body = req.payload === null ? undefined : Buffer.from(req.payload, "utf8");
    /** @type {Record<string, string>} */
    const headers = { ...req.headers };
    if (body) headers["Content-Length"] = String(body.length);
    const r = lib.request(target, { method: req.method, headers, rejectUnauthorized: req.validateHttpsCertificates, timeout: req.timeoutMs }, (res) => {
      /** @type {Buffer[]} */
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => {
        const status = res.statusCode ?? 0;
        const location = res.headers.location;
        if (req.followRedirects && location && status >= 300 && status < 400 && redirectsLeft > 0) {
          const next = { ...req, ...(status === 303 ? { method: "GET", payload: null } : {}) };
          resolve(exchange(next, new URL(location, target).href, redirectsLeft - 1));
          return;
        }
        resolve({ ok: true, status, rawHeaders: res.rawHeaders, body: Buffer.concat(chunks).toString("base64") });
      });
      res.on("error", (e) => resolve({ ok: false, error: errorCode(e) }));
    });
    r.on("timeout", () => r.destroy(new Error("ETIMEDOUT")));
    r.on("error", (e) => resolve({ ok: false, error: errorCode(e) }));
    r.end(body);
  });
}

port.on("message", async (/** @type {{ id: number, requests: WireRequest[] }} */ { id, requests }) => {
  const results = await Promise.all(requests.map((req) => exchange(req)));
  port.postMessage({ id, results });
  Atomics.store(flag, 0, id);
  Atomics.notify(flag, 0);
});
