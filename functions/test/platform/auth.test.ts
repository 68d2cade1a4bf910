import { describe, expect, it } from "vitest";
import { generateLocalKeyPair, mintIdToken } from "../../local/auth-keys.js";
import { demoEmail } from "../../local/demo-org.js";
import { call } from "../support/call.js";
import { planTable, task } from "../support/plan-sheet.js";
import { useStack } from "../support/stack.js";

const stack = useStack();

const clerk = demoEmail("李明");

describe("authentication and authorization", () => {
  it("when no token is sent, then 401 UNAUTHENTICATED", async () => {
    const r = await call(stack, null, "pendingApprovals");
    expect(r.status).toBe(401);
    expect(r.error?.code).toBe("UNAUTHENTICATED");
    expect(r.error?.message.zh).toMatch(/身份令牌/);
  });

  it.each([
    ["expired", () => stack.mintToken(clerk, { ttlSeconds: -3600 })],
    ["for another audience", () => stack.mintToken(clerk, { audience: "someone-else.apps.googleusercontent.com" })],
    ["from another issuer", () => stack.mintToken(clerk, { issuer: "https://evil.example.com" })],
    ["signed with another key (forged)", () => mintIdToken(generateLocalKeyPair().privateKeyPem, { email: clerk })],
    ["with an unknown key id", () => stack.mintToken(clerk, { keyId: "other-kid" })],
    ["without a verified email", () => stack.mintToken(clerk, { emailVerified: false })],
    ["that is not a JWT", () => "not-a-token"],
  ])("when the token is %s, then 401", async (_what, token) => {
    const r = await call(stack, null, "pendingApprovals", {}, token());
    expect(r.status).toBe(401);
    expect(r.error?.code).toBe("UNAUTHENTICATED");
  });

  it("when a valid token's email is not in the roster, then 403 NOT_IN_ROSTER", async () => {
    const r = await call(stack, "stranger@elsewhere.com", "pendingApprovals");
    expect(r.status).toBe(403);
    expect(r.error?.code).toBe("NOT_IN_ROSTER");
  });

  it("when a valid token is sent, then the roster decides who the caller is", async () => {
    const r = await call(stack, clerk, "roster");
    expect(r.status).toBe(200);
    expect(r.body.departments).toContain("计划运营部");
    expect(r.body.people.map((p) => p.name)).toContain("李明");
  });

  it("when staff (not the manager) try to decide on a plan, then 403 NOT_APPROVER and the plan stays pending", async () => {
    const submitted = await call(stack, clerk, "submit", planTable([task()]));
    expect(submitted.status).toBe(200);
    for (const who of ["李明", "杨强", "赵磊" /* a deputy who does not act for the manager */, "刘洋" /* management: approves annual plans only */]) {
      const r = await call(stack, demoEmail(who), "decide", { planId: submitted.body.documentId, revision: submitted.body.revision, decision: "approve" });
      expect(r.status, who).toBe(403);
      expect(r.error?.code).toBe("NOT_APPROVER");
    }
    const plan = await call(stack, clerk, "getPlan", { planId: submitted.body.documentId });
    expect(plan.body.status).toBe("pending_approval");
  });

  it("when staff outside the planning group submit a plan, then 403 FORBIDDEN", async () => {
    const r = await call(stack, demoEmail("杨强"), "submit", planTable([task()]));
    expect(r.status).toBe(403);
    expect(r.error?.code).toBe("FORBIDDEN");
  });

  it("when the request claims a role or another email in its body, then it is ignored: the token's roster entry decides", async () => {
    const r = await call(stack, demoEmail("杨强"), "submit", { ...planTable([task()]), roles: ["manager"], email: demoEmail("张伟") });
    expect(r.status).toBe(403);
  });

  it("when the wrong method or a non-JSON body is used, then 405 / 415 with stable codes", async () => {
    const token = stack.mintToken(clerk);
    const get = await fetch(`${stack.baseUrl}/submit`, { headers: { authorization: `Bearer ${token}` } });
    expect(get.status).toBe(405);
    expect(((await get.json()) as { error: { code: string } }).error.code).toBe("METHOD_NOT_ALLOWED");
    const text = await fetch(`${stack.baseUrl}/submit`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "text/plain" },
      body: "hi",
    });
    expect(text.status).toBe(415);
  });
});
