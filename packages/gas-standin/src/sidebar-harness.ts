/**
 * Serves the add-on's sidebar over local HTTP with google.script.run wired to the loaded
 * bundle, so a headless browser can drive the real Sidebar.html against the stand-in.
 */
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { LoadedBundle } from "./load-bundle.js";
import { sidebarClientScript } from "./sidebar-client.js";

export interface SidebarHarnessOptions {
  /** Served when the add-on has not shown a sidebar yet (otherwise its HtmlOutput is served). */
  htmlFile?: string;
}

export interface SidebarHarness {
  url: string;
  /** google.script.host calls made by the page, in order ("close", "editor.focus", …). */
  readonly hostCalls: readonly string[];
  readonly closed: boolean;
  close(): Promise<void>;
}

export type RpcReply = { ok: true; result?: unknown } | { ok: false; error: { name: string; message: string } };

function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { "Content-Type": `${type}; charset=utf-8`, "Cache-Control": "no-store" });
  res.end(body);
}

/** Inserts the client script first thing in <head> so it precedes the page's own scripts. */
function inject(html: string, script: string): string {
  const head = /<head[^>]*>/i.exec(html);
  if (!head) return script + html;
  const at = head.index + head[0].length;
  return html.slice(0, at) + script + html.slice(at);
}

/** Apps Script reports server errors to the client as "<name>: <message>". */
function rpc(bundle: LoadedBundle, body: unknown): RpcReply {
  const { fn, args } = (body ?? {}) as { fn?: unknown; args?: unknown };
  try {
    if (typeof fn !== "string" || !Array.isArray(args)) throw new Error("Malformed google.script.run request");
    const result = bundle.callAsSidebar(fn, ...(args as unknown[]));
    return result === undefined ? { ok: true } : { ok: true, result };
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    return { ok: false, error: { name: err.name, message: `${err.name}: ${err.message}` } };
  }
}

export async function startSidebarHarness(bundle: LoadedBundle, opts: SidebarHarnessOptions = {}): Promise<SidebarHarness> {
  const hostCalls: string[] = [];

  const page = (): string | null => {
    const html = bundle.standIn.ui.sidebar?.html ?? (opts.htmlFile ? readFileSync(opts.htmlFile, "utf8") : null);
    return html === null ? null : inject(html, sidebarClientScript(bundle.sidebarCallable()));
  };

  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method === "GET" && path === "/") {
      const html = page();
      return html === null ? send(res, 404, "text/plain", "No sidebar shown and no htmlFile given") : send(res, 200, "text/html", html);
    }
    if (req.method === "POST" && (path === "/rpc" || path === "/host")) {
      readBody(req).then(
        (body) => {
          if (path === "/rpc") return send(res, 200, "application/json", JSON.stringify(rpc(bundle, body)));
          hostCalls.push(String((body as { action?: unknown } | null)?.action));
          return send(res, 204, "text/plain", "");
        },
        () => send(res, 400, "text/plain", "Body must be JSON"),
      );
      return;
    }
    send(res, 404, "text/plain", "Not found");
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    hostCalls,
    get closed() {
      return hostCalls.includes("close");
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
