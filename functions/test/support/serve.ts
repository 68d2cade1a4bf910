import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type HttpFunction, http } from "@google-cloud/functions-framework";
import { getTestServer } from "@google-cloud/functions-framework/testing";

export interface ServedFunction {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  baseUrl: string;
  server: Server;
  close(): Promise<void>;
}

/** A function registered with functions-framework (by `http()` or by importing src/index.ts), served by the framework's own app on a free local port. */
export async function serveRegistered(name: string): Promise<ServedFunction> {
  const server = getTestServer(name);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Registers `fn` under `name` (unique per process) and serves it, as Cloud Functions would. */
export function serveFunction(name: string, fn: HttpFunction): Promise<ServedFunction> {
  http(name, fn);
  return serveRegistered(name);
}
