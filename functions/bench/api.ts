/**
 * API benchmark: the monthly-plan round trip over real HTTP on the local stack.
 * Prints figures; targets are judged by comparing runs on the same machine.
 */
import { demoEmail } from "../local/demo-org.js";
import { call } from "../test/support/call.js";
import { planTable, task } from "../test/support/plan-sheet.js";
import { startStack } from "../test/support/stack.js";

const ROWS = 200;
const stack = await startStack();
const clerk = demoEmail("李明");
const manager = demoEmail("张伟");
const owners = ["李明", "陈静", "杨强", "黄敏", "周杰", "吴婷"];

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, performance.now() - t0];
}

const rows = (P: string) =>
  Array.from({ length: ROWS }, (_, i) =>
    task({ content: `任务 ${i + 1}`, owner: owners[i % owners.length]!, start: `${P}-01`, due: `${P}-${String((i % 28) + 1).padStart(2, "0")}` }),
  );
const figures: [string, string][] = [];

for (const [i, P] of ["2027-01", "2027-02", "2027-03"].entries()) {
  const [first, tSubmit] = await timed(() => call(stack, clerk, "submit", planTable(rows(P), { period: P })));
  if (first.status !== 200) throw new Error(JSON.stringify(first.error));
  const withIds = planTable(
    rows(P).map((r, k) => ({ ...r, taskId: first.body.rows[k]!.itemId })),
    { period: P },
  );
  const [, tNoop] = await timed(() => call(stack, clerk, "submit", withIds));
  const [, tPending] = await timed(() => call(stack, manager, "pendingApprovals"));
  const [, tDecide] = await timed(() => call(stack, manager, "decide", { planId: first.body.documentId, revision: 1, decision: "approve" }));
  if (i === 2) {
    figures.push([`submit ${ROWS}-row plan (new)`, `${tSubmit.toFixed(0)} ms`]);
    figures.push([`resubmit identical ${ROWS}-row plan (no-op)`, `${tNoop.toFixed(0)} ms`]);
    figures.push(["list pending approvals", `${tPending.toFixed(0)} ms`]);
    figures.push([`approve (updates ${ROWS} tasks)`, `${tDecide.toFixed(0)} ms`]);
  }
}
const [, tRates] = await timed(() => call(stack, manager, "completionRates", { period: "2027-03" }));
figures.push([`completion rates over ${ROWS} tasks`, `${tRates.toFixed(0)} ms`]);
const [bad, tBad] = await timed(() =>
  call(
    stack,
    clerk,
    "submit",
    planTable(
      rows("2027-04").map((r) => ({ ...r, owner: "查无此人" })),
      { period: "2027-04" },
    ),
  ),
);
figures.push([`reject ${ROWS}-row plan, ${bad.error?.cells?.length ?? 0} bad cells`, `${tBad.toFixed(0)} ms`]);
figures.push(["RSS of the bench process", `${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`]);

console.log("\nAPI over HTTP (functions-framework + local Firestore), third (warm) run:");
for (const [k, v] of figures) console.log(`  ${k.padEnd(44)} ${v.padStart(10)}`);
await stack.stop();
