/**
 * UrlFetchApp with real HTTP. Apps Script's fetch is synchronous, so requests run on a worker
 * thread while this thread blocks in Atomics.wait; the reply is read with receiveMessageOnPort.
 * Consequence: a server living on the *calling* thread can never answer — run it elsewhere.
 */
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from "node:worker_threads";
import { GasException } from "./enums.js";
import type { Env } from "./env.js";

interface WireRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  payload: string | null;
  followRedirects: boolean;
  validateHttpsCertificates: boolean;
  timeoutMs: number;
}

type WireResult = { ok: true; status: number; rawHeaders: string[]; body: string } | { ok: false; error: string };

class SyncHttp {
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  private readonly port: MessagePort;
  private nextId = 1;

  constructor() {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const worker = new Worker(new URL("./fetch-worker.mjs", import.meta.url), {
      workerData: { signal: this.flag.buffer, port: port2 },
      transferList: [port2],
    });
    worker.unref(); // an idle fetch worker must not keep the test process alive
  }

  send(requests: WireRequest[], timeoutMs: number): WireResult[] {
    const id = this.nextId++;
    this.port.postMessage({ id, requests });
    const deadline = Date.now() + timeoutMs;
    for (let seen = Atomics.load(this.flag, 0); seen < id; seen = Atomics.load(this.flag, 0)) {
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new GasException(
          `Timeout: ${requests[0]?.url ?? ""} (the stand-in blocks this thread during UrlFetchApp.fetch, so the server must run in another process or worker)`,
        );
      }
      Atomics.wait(this.flag, 0, seen, left);
    }
    // Replies to requests that timed out earlier may still be queued; skip them.
    for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port)) {
      const reply = m.message as { id: number; results: WireResult[] };
      if (reply.id === id) return reply.results;
    }
    throw new Error("fetch worker signalled a reply that never arrived");
  }
}

let shared: SyncHttp | undefined;

export interface RecordedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  payload: string | null;
}

export interface FetchParams {
  method?: string;
  contentType?: string;
  payload?: unknown;
  headers?: Record<string, unknown>;
  muteHttpExceptions?: boolean;
  followRedirects?: boolean;
  validateHttpsCertificates?: boolean;
}

const toBytes = (buf: Buffer) => Array.from(buf, (b) => (b > 127 ? b - 256 : b));

export class HTTPResponse {
  constructor(
    private readonly status: number,
    private readonly rawHeaders: string[],
    private readonly body: Buffer,
  ) {}
  getResponseCode(): number {
    return this.status;
  }
  getContentText(charset = "UTF-8"): string {
    return this.body.toString(/^utf-?8$/i.test(charset) ? "utf8" : "latin1");
  }
  /** Java-style signed bytes, as Apps Script returns them. */
  getContent(): number[] {
    return toBytes(this.body);
  }
  /** A header sent several times keeps its first value here; getAllHeaders has them all. */
  getHeaders(): Record<string, string> {
    const out: Record<string, string> = {};
    for (let i = 0; i < this.rawHeaders.length; i += 2) out[this.rawHeaders[i] ?? ""] ??= this.rawHeaders[i + 1] ?? "";
    return out;
  }
  getAllHeaders(): Record<string, string | string[]> {
    const out: Record<string, string | string[]> = {};
    for (let i = 0; i < this.rawHeaders.length; i += 2) {
      const name = this.rawHeaders[i] ?? "";
      const value = this.rawHeaders[i + 1] ?? "";
      const prev = out[name];
      out[name] = prev === undefined ? value : [...(Array.isArray(prev) ? prev : [prev]), value];
    }
    return out;
  }
}

const METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE"]);
const USER_AGENT = "Mozilla/5.0 (compatible; Google-Apps-Script; beanserver; +https://script.google.com; id: UAEmdDd-standin)";
const TRUNCATE_AT = 100;

function encodeForm(payload: object): string {
  return Object.entries(payload)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join("&");
}

export class UrlFetchApp {
  constructor(
    private readonly env: Env,
    private readonly log: RecordedRequest[],
    private readonly timeoutMs: number,
  ) {}

  private prepare(url: string, params: FetchParams): WireRequest {
    let target: URL;
    try {
      target = new URL(String(url));
    } catch {
      throw new GasException(`Invalid argument: ${String(url)}`);
    }
    if (target.protocol !== "http:" && target.protocol !== "https:") throw new GasException(`Invalid argument: ${String(url)}`);
    const method = String(params.method ?? "get").toUpperCase();
    if (!METHODS.has(method)) throw new GasException(`Invalid argument: method`);
    const { payload } = params;
    const body = payload === undefined || payload === null ? null : typeof payload === "object" ? encodeForm(payload) : String(payload);
    const headers: Record<string, string> = { "User-Agent": USER_AGENT };
    for (const [k, v] of Object.entries(params.headers ?? {})) headers[k] = String(v);
    if (body !== null || params.contentType) headers["Content-Type"] = params.contentType ?? "application/x-www-form-urlencoded";
    this.log.push({ url: target.href, method, headers: { ...headers }, payload: body });
    return {
      url: target.href,
      method,
      headers,
      payload: body,
      followRedirects: params.followRedirects ?? true,
      validateHttpsCertificates: params.validateHttpsCertificates ?? true,
      timeoutMs: this.timeoutMs,
    };
  }

  private finish(req: WireRequest, result: WireResult, mute: boolean): HTTPResponse {
    if (!result.ok) {
      const kind = result.error === "ENOTFOUND" ? "DNS error" : result.error === "ETIMEDOUT" ? "Timeout" : "Address unavailable";
      throw new GasException(`${kind}: ${req.url}`);
    }
    const body = Buffer.from(result.body, "base64");
    if (result.status >= 400 && !mute) {
      const text = body.toString("utf8");
      const shown = text.length > TRUNCATE_AT ? `${text.slice(0, TRUNCATE_AT)}...` : text;
      throw new GasException(
        `Request failed for ${new URL(req.url).origin} returned code ${result.status}. Truncated server response: ${shown} (use muteHttpExceptions option to examine full response)`,
      );
    }
    return new HTTPResponse(result.status, result.rawHeaders, body);
  }

  fetch(url: string, params: FetchParams = {}): HTTPResponse {
    this.env.need("UrlFetchApp.fetch", "FULL", "script.external_request");
    const req = this.prepare(url, params);
    const [result] = (shared ??= new SyncHttp()).send([req], this.timeoutMs);
    return this.finish(req, result ?? { ok: false, error: "no reply" }, Boolean(params.muteHttpExceptions));
  }

  /** Requests run concurrently, as in Apps Script; results keep the input order. */
  fetchAll(requests: (string | (FetchParams & { url: string }))[]): HTTPResponse[] {
    this.env.need("UrlFetchApp.fetchAll", "FULL", "script.external_request");
    const specs = requests.map((r) => (typeof r === "string" ? { url: r } : r));
    const wire = specs.map((s) => this.prepare(s.url, s));
    const results = (shared ??= new SyncHttp()).send(wire, this.timeoutMs);
    return wire.map((req, i) => this.finish(req, results[i] ?? { ok: false, error: "no reply" }, Boolean(specs[i]?.muteHttpExceptions)));
  }
}
