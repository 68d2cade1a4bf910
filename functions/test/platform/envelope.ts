import { request as httpRequest, type Agent } from "node:http";
import { STATUS_BY_CODE } from "@planops/shared";

/** What a raw HTTP exchange gave back. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export interface RawRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  /** Sent with Content-Length unless `chunked`. */
  body?: Buffer | string;
  /** Sends the body with Transfer-Encoding: chunked (no Content-Length), in pieces of 64 KB. */
  chunked?: boolean;
  agent?: Agent;
}

/**
 * One request over node:http, which (unlike fetch) sends any method, GET and HEAD
 * with bodies, and chunked bodies, and keeps reading when the server answers before
 * the body is sent. Rejects only when no answer arrives.
 */
export function rawRequest(baseUrl: string, r: RawRequest, timeoutMs = 15_000): Promise<RawAnswer> {
  const url = new URL(baseUrl);
  const body = typeof r.body === "string" ? Buffer.from(r.body) : r.body;
  const headers: Record<string, string> = { ...r.headers };
  if (body && !r.chunked) headers["content-length"] = String(body.length);
  if (body && r.chunked) headers["transfer-encoding"] = "chunked";
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = httpRequest(
      { host: url.hostname, port: url.port, method: r.method, path: r.path, headers, agent: r.agent ?? false, timeout: timeoutMs },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs} ms: ${r.method} ${r.path}`)));
    req.on("error", (err) => {
      // Writing can fail once the server has answered and closed; the answer is what counts.
      if (!answered) reject(err);
    });
    if (!body) {
      req.end();
      return;
    }
    let at = 0;
    const pump = () => {
      while (at < body.length) {
        const piece = body.subarray(at, at + 65_536);
        at += piece.length;
        if (!req.write(piece)) {
          req.once("drain", pump);
          return;
        }
      }
      req.end();
    };
    pump();
  });
}

const KNOWN_CODES = new Set(Object.keys(STATUS_BY_CODE));

/**
 * Why an answer is not the API's error envelope with a 4xx status, or undefined when
 * it is: JSON content type, `{error:{code,message:{zh,en}}}` with a known code whose
 * status is the one answered. A HEAD answer has no body by HTTP's rules: its status
 * and content type are checked.
 */
export function envelopeProblem(method: string, a: RawAnswer): string | undefined {
  if (a.status < 400 || a.status > 499) return `status ${a.status}`;
  const type = String(a.headers["content-type"] ?? "");
  if (!/^application\/json\b/.test(type)) return `content-type "${type}"`;
  if (method === "HEAD") return a.text === "" ? undefined : "a body on HEAD";
  let body: unknown;
  try {
    body = JSON.parse(a.text);
  } catch {
    return `not JSON: ${a.text.slice(0, 120)}`;
  }
  const error = (body as { error?: { code?: unknown; message?: { zh?: unknown; en?: unknown } } }).error;
  if (typeof error?.code !== "string" || !KNOWN_CODES.has(error.code)) return `unknown code in ${a.text.slice(0, 200)}`;
  if (STATUS_BY_CODE[error.code as keyof typeof STATUS_BY_CODE] !== a.status) return `code ${error.code} with status ${a.status}`;
  if (typeof error.message?.zh !== "string" || typeof error.message.en !== "string") return `no bilingual message in ${a.text.slice(0, 200)}`;
  return undefined;
}

/** The envelope's code (after envelopeProblem found none). */
export const codeOf = (a: RawAnswer): string | undefined => {
  try {
    return (JSON.parse(a.text) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
};
