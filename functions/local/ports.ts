/**
 * The local stack's ports, read from the environment and checked before anything
 * starts: a port that is taken, not allowed, not a number or given twice ends
 * `npm start` with one plain line naming the variable to change, not a stack trace.
 * Only node: modules here, so the check runs before the stack's heavy imports load.
 */
import { createServer } from "node:net";

export interface StackPort {
  /** The environment variable that sets it. */
  variable: "PORT" | "LOCAL_FIRESTORE_PORT" | "LOCAL_IDENTITY_PORT" | "LOCAL_SMTP_PORT" | "LOCAL_MAIL_WEB_PORT" | "LOCAL_SHEETS_PORT";
  /** What listens there, for the message: "the local Firestore". */
  what: string;
  port: number;
  /** The interface it binds; undefined: every interface (functions-framework's default). */
  host: string | undefined;
}

export interface StackPorts {
  functions: StackPort;
  /** Absent when FIRESTORE_EMULATOR_HOST names a Firestore elsewhere. */
  firestore: StackPort | undefined;
  identity: StackPort;
  smtp: StackPort;
  mailWeb: StackPort;
  /** The Sheets API stand-in the dashboards and reports are written to, and shown from. */
  sheets: StackPort;
}

const LOOPBACK = "127.0.0.1";

/** The ports from the environment (defaults as README "The local stack"), or the line explaining a bad value. */
export function stackPorts(env: NodeJS.ProcessEnv): StackPorts | { problem: string } {
  const problems: string[] = [];
  const read = (variable: StackPort["variable"], fallback: number, what: string, host: string | undefined): StackPort => {
    const raw = env[variable]?.trim() || String(fallback);
    const port = /^\d{1,5}$/.test(raw) ? Number(raw) : Number.NaN;
    if (!(port >= 0 && port <= 65535)) problems.push(`${variable}=${raw} is not a port number (0–65535). Set ${variable} to a port number.`);
    return { variable, what, port, host };
  };
  const ports: StackPorts = {
    functions: read("PORT", 8080, "the functions", undefined),
    firestore: env.FIRESTORE_EMULATOR_HOST ? undefined : read("LOCAL_FIRESTORE_PORT", 8081, "the local Firestore", LOOPBACK),
    identity: read("LOCAL_IDENTITY_PORT", 8090, "the local sign-in", LOOPBACK),
    smtp: read("LOCAL_SMTP_PORT", 2525, "the mail receiver's SMTP", LOOPBACK),
    mailWeb: read("LOCAL_MAIL_WEB_PORT", 8025, "the notification inbox", LOOPBACK),
    sheets: read("LOCAL_SHEETS_PORT", 8082, "the dashboards (Sheets stand-in)", LOOPBACK),
  };
  if (problems[0]) return { problem: problems[0] };
  const listed = allPorts(ports);
  for (const [i, a] of listed.entries()) {
    const b = listed.slice(i + 1).find((other) => other.port === a.port && a.port !== 0);
    if (b) return { problem: `Port ${a.port} is set for both ${a.what} (${a.variable}) and ${b.what} (${b.variable}). Give each its own port.` };
  }
  return ports;
}

export const allPorts = (ports: StackPorts): StackPort[] =>
  [ports.functions, ports.firestore, ports.identity, ports.smtp, ports.mailWeb, ports.sheets].filter((p) => p !== undefined);

/** The one line for a port that cannot be listened on (err from listen), or undefined for any other error. */
export function portProblem(p: StackPort, err: unknown): string | undefined {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === "EADDRINUSE") return `Port ${p.port} is in use (${p.what}). Set ${p.variable} to another port, or stop what uses it.`;
  if (code === "EACCES") return `Port ${p.port} is not allowed here (${p.what}); ports below 1024 need extra rights. Set ${p.variable} to another port.`;
  if (code === "EADDRNOTAVAIL") return `Port ${p.port} cannot be opened on ${p.host ?? "this machine"} (${p.what}). Set ${p.variable} to another port.`;
  return undefined;
}

/** An error of the stack's own listen calls (the race after the check) as the same line, when it is one. */
export function describeListenError(ports: StackPorts, err: unknown): string | undefined {
  const failed = (err as { port?: unknown } | undefined)?.port;
  const p = allPorts(ports).find((x) => x.port === failed);
  return p ? portProblem(p, err) : undefined;
}

function tryListen(p: StackPort): Promise<string | undefined> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", (err) =>
      resolve(portProblem(p, err) ?? `Port ${p.port} cannot be opened (${p.what}): ${err.message}. Set ${p.variable} to another port.`),
    );
    probe.listen({ port: p.port, host: p.host, exclusive: true }, () => probe.close(() => resolve(undefined)));
  });
}

/** Tries every port the way its service will listen; resolves the line for the first that cannot be used. */
export async function checkPorts(ports: StackPorts): Promise<string | undefined> {
  const results = await Promise.all(allPorts(ports).map((p) => (p.port === 0 ? undefined : tryListen(p))));
  return results.find((r) => r !== undefined);
}
