import type { Jsonified, SidebarServer } from "../approvals/contract.js";
import type { DashboardServer } from "../dashboards/contract.js";

/** Every RPC global the page may call: the approvals sidebar's and the 汇总 / 仪表板 view's. */
type Server = SidebarServer & DashboardServer;
type Method = keyof Server;
export type ServerResult<M extends Method> = Jsonified<ReturnType<Server[M]>>;

/** google.script.run as the page sees it: handlers chain, then a server function is called by name. */
type ServerCall<M extends Method> = (...args: Parameters<Server[M]>) => void;
type ScriptRun = {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRun;
  withFailureHandler(handler: (error: unknown) => void): ScriptRun;
} & ServerFunctions;
type ServerFunctions = { [M in Method]: ServerCall<M> };

declare const google: { script: { run: ScriptRun } };

/**
 * Calls a server function of src/index.ts: resolves with its result as it
 * survives the transfer, rejects with an Error carrying the server's message
 * (already in the user's language).
 */
export function callServer<M extends Method>(method: M, ...args: Parameters<Server[M]>): Promise<ServerResult<M>> {
  return new Promise((resolve, reject) => {
    const run = google.script.run
      // The value is whatever the server function returned; its type is the contract's, minus what JSON drops.
      .withSuccessHandler((value) => resolve(value as ServerResult<M>))
      .withFailureHandler((error) => reject(new Error(failureText(error))));
    const functions: ServerFunctions = run;
    const call: ServerCall<M> = functions[method];
    // Called as a method: the runner keeps the handlers chained above on itself.
    call.apply(run, args);
  });
}

/** Apps Script may prefix the thrown message ("Exception: …", "Error: …"); the user needs only the message. */
function failureText(error: unknown): string {
  const message = typeof error === "object" && error !== null && "message" in error && typeof error.message === "string" ? error.message : String(error);
  return message.replace(/^(?:Exception|Error):\s*/, "");
}
