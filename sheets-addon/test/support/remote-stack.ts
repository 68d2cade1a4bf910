import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { ReceivedMail } from "../../../functions/local/mail-receiver.js";

export type { ReceivedMail };

export interface RemoteStack {
  baseUrl: string;
  /** A valid ID token for a demo-roster member (or the outsider), as ScriptApp.getIdentityToken would return. */
  token(email: string): string;
  /** Moves the backend's clock; null returns to real time. */
  setNow(at: Date | null): Promise<void>;
  /** Every mail the backend has sent so far (the local SMTP receiver's inbox), oldest first. */
  mail(): Promise<ReceivedMail[]>;
  stop(): Promise<void>;
}

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
const child = fileURLToPath(new URL("./stack-child.ts", import.meta.url));

/** Starts the real backend (functions-framework + local Firestore + demo roster) in a child process. */
export async function startRemoteStack(): Promise<RemoteStack> {
  const proc = fork(child, [], { cwd: repoRoot, execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const ready = await nextMessage<{ type: "ready"; baseUrl: string; tokens: Record<string, string> }>(proc, "ready");
  return {
    baseUrl: ready.baseUrl,
    token(email) {
      const token = ready.tokens[email];
      if (!token) throw new Error(`no token minted for ${email}`);
      return token;
    },
    async setNow(at) {
      const acknowledged = nextMessage(proc, "ok");
      proc.send({ type: "setNow", at: at?.toISOString() ?? null });
      await acknowledged;
    },
    async mail() {
      const answer = nextMessage<{ type: "mail"; messages: ReceivedMail[] }>(proc, "mail");
      proc.send({ type: "mail" });
      return (await answer).messages;
    },
    async stop() {
      if (proc.exitCode !== null) return;
      const exited = new Promise((resolve) => proc.once("exit", resolve));
      proc.send({ type: "stop" });
      await exited;
    },
  };
}

function nextMessage<T extends { type: string }>(proc: ChildProcess, type: T["type"]): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: unknown) => {
      if (typeof message === "object" && message !== null && (message as { type?: unknown }).type === type) {
        cleanup();
        resolve(message as T);
      }
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`backend stack process exited (${code}) before sending "${type}"`));
    };
    const cleanup = () => {
      proc.off("message", onMessage);
      proc.off("exit", onExit);
    };
    proc.on("message", onMessage);
    proc.once("exit", onExit);
  });
}
