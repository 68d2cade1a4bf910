/**
 * Runs the lead's real backend stack (functions/test/support/stack.ts) in its own
 * process. The stand-in's UrlFetchApp blocks its thread while a request is in
 * flight, so a server on the test's own thread could never answer.
 * Protocol (IPC): → {type:"ready", baseUrl, tokens} ; ← {type:"setNow", at} → {type:"ok"} ;
 * ← {type:"mail"} → {type:"mail", messages} (every mail the local SMTP receiver got) ; ← {type:"stop"}.
 */
import { DEMO_ROSTER } from "../../../functions/local/demo-org.js";
import { startStack } from "../../../functions/test/support/stack.js";

/** Someone with a valid Google identity who is not in the roster. */
export const OUTSIDER = "outsider@example.com";

type Command = { type: "setNow"; at: string | null } | { type: "mail" } | { type: "stop" };

const reply = (message: object) => process.send?.(message);

const stack = await startStack();
const emails = [...DEMO_ROSTER.map((p) => p.email), OUTSIDER];
reply({ type: "ready", baseUrl: stack.baseUrl, tokens: Object.fromEntries(emails.map((e) => [e, stack.mintToken(e)])) });

let stopped: Promise<void> | undefined;
/** Stops the stack and lets go of the IPC channel: with no handle left, the process ends by itself. */
const stopOnce = () => {
  stopped ??= stack.stop().finally(() => {
    if (process.connected) process.disconnect();
  });
  return stopped;
};

process.on("message", (command: Command) => {
  if (command.type === "setNow") {
    stack.setNow(command.at === null ? undefined : new Date(command.at));
    reply({ type: "ok" });
  } else if (command.type === "mail") {
    reply({ type: "mail", messages: stack.mail.messages() });
  } else {
    void stopOnce();
  }
});
// The parent died without saying stop: do not linger.
process.on("disconnect", () => void stopOnce());
