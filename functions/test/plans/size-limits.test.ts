import { MONTHLY_PLAN } from "@planops/shared";
import type { SubmitRequest } from "@planops/shared/api";
import { describe, expect, it } from "vitest";
import { DEMO_ROSTER, demoEmail } from "../../local/demo-org.js";
import { seedRoster } from "../../local/seed.js";
import { call } from "../support/call.js";
import { planTable, type RowInput } from "../support/plan-sheet.js";
import { useStack } from "../support/stack.js";

const stack = useStack();

const planner = demoEmail("李明");
const manager = demoEmail("张伟");

/** The API's request limit (functions/src/platform/http.ts): a larger body is refused with 413 before it is read. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;
/** The most rows one request may carry (SheetTableSchema). */
const MAX_ROWS = 2000;
const maxLength = (key: string) => {
  const c = MONTHLY_PLAN.columns.find((col) => col.key === key);
  if (c?.type !== "text") throw new Error(`${key} is not a text column`);
  return c.maxLength;
};
const CONTENT_MAX = maxLength("content");
const DELIVERABLE_MAX = maxLength("deliverable");
/**
 * A real Chinese character outside the BMP (𠮷, U+20BB7): four bytes in UTF-8, in the
 * request and in Firestore alike, and one character towards a cell's limit — the
 * most stored bytes a cell of a given length can hold.
 */
const WIDE = "𠮷";

/** `text` padded with WIDE to exactly `length` characters (code points, as the limits count). */
const padded = (text: string, length: number) => text + WIDE.repeat(length - [...text].length);
const bytes = (req: SubmitRequest) => Buffer.byteLength(JSON.stringify(req));

/** The largest n in [1, hi] for which fits(n) holds, fits being monotone. */
function largest(hi: number, fits: (n: number) => boolean): number {
  let lo = 0;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The ID the first submission gives the i-th row (0-based) of a new plan of month P. */
const idOf = (P: string, i: number) => `${P}-计划运营部-${String(i + 1).padStart(3, "0")}`;

/**
 * Distinct tasks of month P at the given lengths: every stored text cell as long as
 * asked; `withIds`: as the sheet is resubmitted, its ID cells filled in.
 */
function rows(P: string, n: number, contentLength: number, deliverableLength: number, withIds = false): RowInput[] {
  return Array.from({ length: n }, (_, i) => ({
    ...(withIds ? { taskId: idOf(P, i) } : {}),
    content: padded(`任务${i + 1}：`, contentLength),
    department: "计划运营部",
    owner: i % 2 ? "陈静" : "李明",
    priority: "高",
    start: `${P}-01`,
    due: `${P}-${String((i % 28) + 1).padStart(2, "0")}`,
    deliverable: deliverableLength > 0 ? padded(`成果${i + 1}`, deliverableLength) : null,
    weight: 1,
  }));
}

/**
 * Submits the table (revision 1), resubmits it with one task changed (revision 2,
 * the same size), approves revision 2, and reads every revision and the live plan
 * back: each item exactly as sent. The sheet's headers may be a subset of the template's.
 */
async function roundTrip(P: string, table: RowInput[], headers?: string[]) {
  const sheet = (rows: RowInput[]) => planTable(rows, { period: P, ...(headers ? { headers } : {}) });
  const first = await call(stack, planner, "submit", sheet(table));
  expect(first.status, JSON.stringify(first.error)).toBe(200);
  expect(first.body.rows).toHaveLength(table.length);
  const planId = first.body.documentId;
  const ids = first.body.rows.map((r) => r.itemId!);
  expect(ids).toEqual(table.map((_, i) => idOf(P, i)));

  const changed = table.map((r, i) => ({ ...r, taskId: ids[i]!, ...(i === 0 ? { content: padded("改：", [...String(r.content)].length) } : {}) }));
  const second = await call(stack, planner, "submit", sheet(changed));
  expect(second.status, JSON.stringify(second.error)).toBe(200);
  expect(second.body).toMatchObject({ revision: 2, unchanged: false });

  const decided = await call(stack, manager, "decide", { planId, revision: 2, decision: "approve" });
  expect(decided.status, JSON.stringify(decided.error)).toBe(200);

  const expectItems = (items: { itemId: string; title: string; fields: Record<string, unknown> }[], sent: RowInput[]) => {
    expect(items).toHaveLength(sent.length);
    const byId = new Map(items.map((t) => [t.itemId, t]));
    const wrong = sent.filter((r, i) => {
      const item = byId.get(ids[i]!);
      return item?.title !== r.content || item?.fields.deliverable !== (r.deliverable ?? "");
    });
    expect(wrong).toEqual([]);
  };
  for (const [revision, sent] of [
    [1, table],
    [2, changed],
  ] as const) {
    const back = await call(stack, manager, "getPlan", { planId, revision });
    expect(back.status, JSON.stringify(back.error)).toBe(200);
    expect(back.body.revision).toBe(revision);
    expectItems(back.body.items, sent);
  }
  const live = await call(stack, manager, "getPlan", { planId });
  expect(live.body).toMatchObject({ status: "approved", approvedRevision: 2, latestRevision: 2 });
  expectItems(live.body.items, changed);
  return planId;
}

describe("a plan at the templates' size limits", () => {
  it("when every stored text cell is at its maximum length, then the most rows that fit in a request are accepted, versioned, approved and read back intact; one row more is 413", async () => {
    const P = "2031-03";
    // Sized as the sheet is resubmitted (with its IDs), the larger of its two requests.
    const n = largest(MAX_ROWS, (k) => bytes(planTable(rows(P, k, CONTENT_MAX, DELIVERABLE_MAX, true), { period: P })) <= MAX_BODY_BYTES);
    expect(n).toBeGreaterThan(100);
    expect(n).toBeLessThan(MAX_ROWS); // 2,000 such rows do not fit in one request
    const tooBig = await call(stack, planner, "submit", planTable(rows(P, n + 1, CONTENT_MAX, DELIVERABLE_MAX, true), { period: P }));
    expect(tooBig.status).toBe(413);
    expect(tooBig.error?.code).toBe("PAYLOAD_TOO_LARGE");
    await roundTrip(P, rows(P, n, CONTENT_MAX, DELIVERABLE_MAX));
  });

  it("when a plan has the most rows a sheet may send, each as long as fits, and stores far more than it sends (its owner named by email, stored with a long name), then it is accepted, versioned, approved and read back intact", async () => {
    const P = "2031-05";
    // A person whose roster name is as long as the roster allows, in four-byte characters; the sheet names them by a short email.
    const longName = { email: "w@demo.planops.cn", name: WIDE.repeat(50), department: "计划运营部", group: null, roles: ["staff" as const], supervisor: null };
    await seedRoster(stack.db, [...DEMO_ROSTER, longName]);
    const headers = ["任务编号", "任务内容", "责任部门", "责任人", "完成时间"];
    const table = (length: number, withIds: boolean): RowInput[] =>
      Array.from({ length: MAX_ROWS }, (_, i) => ({
        ...(withIds ? { taskId: idOf(P, i) } : {}),
        content: padded(`任务${i + 1}：`, length),
        department: "计划运营部",
        owner: longName.email,
        due: `${P}-${String((i % 28) + 1).padStart(2, "0")}`,
      }));
    const length = largest(CONTENT_MAX, (k) => bytes(planTable(table(Math.max(k, 10), true), { period: P, headers })) <= MAX_BODY_BYTES);
    expect(length).toBeGreaterThan(100);
    const planId = await roundTrip(P, table(length, false), headers);

    // What one revision stores — the live items and the revision's chunks, each item with its text twice and the long
    // name twice — is over Firestore's 10 MiB per commit: the chunks were written ahead of the submission's transaction.
    const items = await stack.db.collection("items").where("planId", "==", planId).get();
    const chunkIds = (await stack.db.collection("plans").doc(planId).collection("revisions").doc("2").get()).data()?.chunkIds as string[];
    const chunks = await stack.db.getAll(...chunkIds.map((id) => stack.db.collection("plans").doc(planId).collection("revisionChunks").doc(id)));
    const json = (x: unknown) => Buffer.byteLength(JSON.stringify(x));
    expect(items.docs.reduce((n, d) => n + json(d.data()), 0) + chunks.reduce((n, c) => n + json(c.data()), 0)).toBeGreaterThan(10 * 1024 * 1024);
    expect(items.docs.every((d) => d.data().owner.name === longName.name)).toBe(true);
  });
});
