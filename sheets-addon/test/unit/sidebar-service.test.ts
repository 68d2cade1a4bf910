import { describe, expect, it } from "vitest";
import type { ApiClient, ApiResult } from "../../src/api/client.js";
import { sidebarService } from "../../src/approvals/sidebar-service.js";
import { messagesFor } from "../../src/i18n/messages.js";

function service(lang: "zh" | "en", respond: (name: string, input: unknown) => ApiResult<unknown>) {
  const calls: { name: string; input: unknown }[] = [];
  const api: ApiClient = {
    call(name, input) {
      calls.push({ name, input });
      return respond(name, input) as never;
    },
  };
  return { rpc: sidebarService({ api, lang, t: messagesFor(lang) }), calls };
}

describe("sidebar service", () => {
  it("when the backend refuses a decision, then the RPC throws the message in the user's language with the code", () => {
    const { rpc } = service("zh", () => ({
      ok: false,
      failure: { status: 409, code: "ALREADY_DECIDED", message: { zh: "该计划已审批", en: "Already decided" }, cells: [] },
    }));
    expect(() => rpc.sidebarDecide({ planId: "p", revision: 1, decision: "approve", comment: "" })).toThrow("该计划已审批（ALREADY_DECIDED）");
  });

  it("when deciding, then only the four known fields are forwarded and the message comes back in the user's language", () => {
    const { rpc, calls } = service("en", () => ({
      ok: true,
      value: { planId: "p", status: "returned", decision: {}, message: { zh: "已退回", en: "Returned" } },
    }));
    const request = { planId: "p", revision: 2, decision: "return" as const, comment: "缺预算", role: "manager" };
    expect(rpc.sidebarDecide(request)).toEqual({ planId: "p", status: "returned", message: "Returned" });
    expect(calls).toEqual([{ name: "decide", input: { planId: "p", revision: 2, decision: "return", comment: "缺预算" } }]);
  });

  it("when the page starts, then it gets the language and its strings, plain data only", () => {
    const info = service("en", () => ({ ok: true, value: {} })).rpc.sidebarInfo();
    expect(info.lang).toBe("en");
    expect(info.strings.approve).toBe("Approve");
    expect(info.strings.approver).toBe("Approver");
    expect(info.strings.itemColumns).toEqual({ title: "Item", owner: "Owner", due: "Due date", weight: "Weight", parent: "Parent item" });
    expect(JSON.parse(JSON.stringify(info))).toEqual(info);
  });

  it("when a plan of any kind is opened, then the backend's view comes back as is, for the latest revision", () => {
    const plan = { planId: "annual_2027_计划运营部", kind: "annual-plan", approver: { zh: "公司管理层", en: "company management" }, items: [] };
    const { rpc, calls } = service("zh", () => ({ ok: true, value: plan }));
    expect(rpc.sidebarGetPlan("annual_2027_计划运营部")).toEqual(plan);
    expect(calls).toEqual([{ name: "getPlan", input: { planId: "annual_2027_计划运营部" } }]);
  });

  it("when listing, then the pending items are returned as they came", () => {
    const items = [{ planId: "p1" }];
    const { rpc, calls } = service("zh", () => ({ ok: true, value: { items } }));
    expect(rpc.sidebarListPending()).toEqual(items);
    expect(calls).toEqual([{ name: "pendingApprovals", input: {} }]);
  });
});
