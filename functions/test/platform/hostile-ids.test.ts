import { describe, expect, it } from "vitest";
import type { EndpointName } from "@planops/shared/api";
import { demoEmail } from "../../local/demo-org.js";
import { planTable, task } from "../support/plan-sheet.js";
import { useStack } from "../support/stack.js";
import { codeOf, envelopeProblem, rawRequest } from "./envelope.js";

const stack = useStack();
const manager = demoEmail("张伟");

/** Identifiers that must never reach Firestore as a document path. */
const HOSTILE_IDS = [
  "a/b",
  "x//y",
  "/leading",
  "trailing/",
  "..",
  ".",
  "plans/abc/revisions/1",
  "abc/revisions/1/chunks/0",
  "a\u0000b",
  "tab\there",
  "new\nline",
  "del\u007f",
  "__name__",
  "__proto__x__",
  "",
  "x".repeat(301),
];

async function get(name: EndpointName, query: string) {
  const a = await rawRequest(stack.baseUrl, { method: "GET", path: `/${name}?${query}`, headers: { authorization: `Bearer ${stack.mintToken(manager)}` } });
  return { ...a, problem: envelopeProblem("GET", a), code: codeOf(a) };
}

async function post(name: EndpointName, body: unknown) {
  const a = await rawRequest(stack.baseUrl, {
    method: "POST",
    path: `/${name}`,
    headers: { authorization: `Bearer ${stack.mintToken(manager)}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { ...a, problem: envelopeProblem("POST", a), code: codeOf(a) };
}

const q = (params: Record<string, string>) => new URLSearchParams(params).toString();

describe("identifiers at the edge: every endpoint taking a plan id refuses one that is not a single document id", () => {
  it.each(HOSTILE_IDS.map((id) => [JSON.stringify(id).slice(0, 40), id]))("planId %s → 400 BAD_REQUEST everywhere", async (_shown, id) => {
    const answers = {
      getPlan: await get("getPlan", q({ planId: id })),
      getPlanRevision: await get("getPlan", q({ planId: id, revision: "1" })),
      planProgress: await get("planProgress", q({ planId: id })),
      decide: await post("decide", { planId: id, revision: 1, decision: "approve" }),
      issuePlan: await post("issuePlan", { planId: id }),
      updateProgress: await post("updateProgress", { planId: id, headers: ["ID"], rows: [] }),
    };
    for (const [endpoint, a] of Object.entries(answers)) {
      expect(a.problem, `${endpoint}: ${a.text}`).toBeUndefined();
      expect([endpoint, a.status, a.code]).toEqual([endpoint, 400, "BAD_REQUEST"]);
    }
  });

  it("when planId is given twice, as an array or as an object, then 400 BAD_REQUEST", async () => {
    for (const query of ["planId=a&planId=b", "planId[]=a", "planId[x]=a", "planId=", "revision=1"]) {
      const a = await get("getPlan", query);
      expect([query, a.status, a.code]).toEqual([query, 400, "BAD_REQUEST"]);
    }
    for (const planId of [["a"], { path: "a/b" }, 42, null, true]) {
      const a = await post("decide", { planId, revision: 1, decision: "approve" });
      expect([JSON.stringify(planId), a.status, a.code]).toEqual([JSON.stringify(planId), 400, "BAD_REQUEST"]);
    }
  });

  it("when a revision is not a positive whole number, then 400 BAD_REQUEST", async () => {
    for (const revision of ["0", "-1", "1.5", "abc", "1e400", "Infinity", "NaN"]) {
      const a = await get("getPlan", q({ planId: "some-plan", revision }));
      expect([revision, a.status, a.code]).toEqual([revision, 400, "BAD_REQUEST"]);
    }
    for (const revision of [0, -1, 1.5, "1", null, 1e300]) {
      const a = await post("decide", { planId: "some-plan", revision, decision: "approve" });
      expect([String(revision), a.status, a.code]).toEqual([String(revision), 400, "BAD_REQUEST"]);
    }
  });

  it("when the id is well formed but unknown, then 404 NOT_FOUND (the refusals above are about the shape)", async () => {
    const a = await get("getPlan", q({ planId: "no-such-plan" }));
    expect([a.status, a.code]).toEqual([404, "NOT_FOUND"]);
  });
});

describe("dates and periods at the edge", () => {
  it.each(["2026-02-30", "9999-99-99", "2026-13-01", "2026-00-10", "2026-2-3", "2026-02-28T00:00", "20260228", " 2026-02-28", "2026-02-28/..", ""])(
    "completionRates asOf=%j → 400 BAD_REQUEST",
    async (asOf) => {
      const a = await get("completionRates", q({ period: "2026-02", asOf }));
      expect(a.problem, a.text).toBeUndefined();
      expect([a.status, a.code]).toEqual([400, "BAD_REQUEST"]);
    },
  );

  it.each(["2026-13", "2026-00", "2026-Q0", "2026-Q5", "1999", "2100", "2026-1", "26", "2026/01", "../2026", "2026-01-01", "", "2026-01\u0000"])(
    "completionRates and referenceOptions period=%j → 400 BAD_REQUEST",
    async (period) => {
      const rates = await get("completionRates", q({ period }));
      const options = await get("referenceOptions", q({ template: "monthly-plan", period }));
      for (const a of [rates, options]) {
        expect(a.problem, a.text).toBeUndefined();
        expect([a.status, a.code]).toEqual([400, "BAD_REQUEST"]);
      }
    },
  );

  it("when referenceOptions names a template that does not exist (or a path), then 400 BAD_REQUEST", async () => {
    for (const template of ["../plans", "plans/x", "__proto__", "constructor", ""]) {
      const a = await get("referenceOptions", q({ template, period: "2026-01" }));
      expect([template, a.status, a.code]).toEqual([template, 400, "BAD_REQUEST"]);
    }
  });

  it("when a submitted sheet's period marker or template is hostile, then 400 BAD_REQUEST and nothing is stored", async () => {
    const clerk = demoEmail("李明");
    const token = stack.mintToken(clerk);
    for (const change of [
      { period: "2026-13" },
      { period: "../2026-12" },
      { period: "2026-12/x" },
      { template: { id: "../roster", version: 1 } },
      { template: { id: "__proto__", version: 1 } },
    ]) {
      const a = await rawRequest(stack.baseUrl, {
        method: "POST",
        path: "/submit",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ ...planTable([task()]), ...change }),
      });
      expect(envelopeProblem("POST", a), a.text).toBeUndefined();
      expect([JSON.stringify(change), a.status, codeOf(a)]).toEqual([JSON.stringify(change), 400, "BAD_REQUEST"]);
    }
    const plans = await stack.db.collection("plans").get();
    expect(plans.size).toBe(0);
  });
});
