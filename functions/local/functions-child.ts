/**
 * The local stack's functions-framework process: functions-framework's own CLI
 * (same arguments), plus one thing — it ends when the stack process is gone. Its
 * stdin is a pipe from the stack; when the stack dies, even by `kill -9`, the pipe
 * closes and this process exits instead of holding the functions' port.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

process.stdin.on("end", () => process.exit(0));
process.stdin.resume();

// The package exports no subpath for its CLI; it sits beside the main entry.
const cli = join(dirname(createRequire(import.meta.url).resolve("@google-cloud/functions-framework")), "main.js");
await import(pathToFileURL(cli).href);
