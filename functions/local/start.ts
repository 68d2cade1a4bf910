/**
 * `npm start`: the embedded local stack (local-stack.ts). First its ports are checked,
 * with nothing but node: modules loaded, so a port in use ends the start at once with
 * one plain line naming the variable to change, and exit code 1.
 * Without the demo organisation: `PLANOPS_DEMO=0 npm start` or `npm start -- --no-demo`.
 */
import { checkPorts, stackPorts } from "./ports.js";

const ports = stackPorts(process.env);
const problem = "problem" in ports ? ports.problem : await checkPorts(ports);
if (problem !== undefined || "problem" in ports) {
  console.error(problem);
  process.exitCode = 1;
} else {
  const { runLocalStack } = await import("./local-stack.js");
  await runLocalStack(ports);
}
