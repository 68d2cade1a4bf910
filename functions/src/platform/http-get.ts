import type { Agent, IncomingHttpHeaders } from "node:http";

/**
 * node:http and node:https for the GETs a cold start makes (Google's ID token
 * certificates, Firestore's REST reads). Not fetch: its first call loads undici (~20 ms
 * of a cold start). Taken with process.getBuiltinModule, not imported: an ES import of
 * node:http evaluates its lazy exports (WebSocket …), which loads undici too; and
 * node:https (with TLS) only when a URL needs it.
 */
const moduleFor = (protocol: string) => process.getBuiltinModule(protocol === "https:" ? "node:https" : "node:http");

/** A keep-alive agent for URLs of `protocol` ("http:" or "https:"). */
export const keepAliveAgent = (protocol: string): Agent => new (moduleFor(protocol).Agent)({ keepAlive: true });

export interface GotText {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/** One GET: status, headers and body as text. A network failure or the timeout rejects with an Error carrying a `code`. */
export function getText(url: URL, options: { timeoutMs: number; headers?: Record<string, string>; agent?: Agent }): Promise<GotText> {
  return new Promise((resolve, reject) => {
    const req = moduleFor(url.protocol).get(url, { headers: options.headers, agent: options.agent, timeout: options.timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("error", reject);
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("timeout", () => req.destroy(Object.assign(new Error(`no answer within ${options.timeoutMs} ms`), { code: "ETIMEDOUT" })));
    req.on("error", reject);
  });
}
