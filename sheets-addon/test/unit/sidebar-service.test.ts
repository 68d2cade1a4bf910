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

  it.each([
    [
      "NETWORK",
      0,
      {
        zh: "无法连接服务器：Address unavailable: https://api.example.test/decide",
        en: "Could not reach the server: Address unavailable: https://api.example.test/decide",
      },
    ],
    ["BAD_RESPONSE", 502, { zh: "服务器返回了无法识别的响应（HTTP 502）", en: "The server sent a response that could not be understood (HTTP 502)" }],
  ])("when the call fails with %s, then the page gets plain words with the code, and no URL or HTTP status", (code, status, message) => {
    for (const lang of ["zh", "en"] as const) {
      const { rpc } = service(lang, () => ({ ok: false, failure: { status, code, message, cells: [] } }));
      let thrown = "";
      try {
        rpc.sidebarDecide({ planId: "p", revision: 1, decision: "approve", comment: "" });
      } catch (e) {
        thrown = (e as Error).message;
      }
      const t = messagesFor(lang);
      expect(thrown).toBe(t.failure(code === "NETWORK" ? t.unreachable : t.serverTrouble, code));
      expect(thrown).not.toMatch(/https?:|HTTP \d/);
    }
  });

  it("when an adjustment is opened, then its plan and the request come back; a request not on the plan is refused in the user's language", () => {
    const plan = {
      planId: "p",
      title: { zh: "计划运营部 2027-01 月度计划", en: "x" },
      kind: "monthly-plan",
      period: "2027-01",
      department: "计划运营部",
      revision: 1,
      status: "issued",
      timeZone: "Asia/Shanghai",
      approver: { zh: "部门经理", en: "Manager" },
      items: [],
    };
    const adjustment = { adjustmentId: "ADJ-2027-01-001", planId: "p", type: "move" };
    const { rpc, calls } = service("zh", (name) => ({ ok: true, value: name === "getPlan" ? plan : { planId: "p", adjustments: [adjustment] } }));
    const { items: _items, ...shown } = plan;
    expect(rpc.sidebarGetAdjustment("p", "ADJ-2027-01-001")).toEqual({ plan: shown, adjustment });
    expect(calls.map((c) => c.name)).toEqual(["getPlan", "planAdjustments"]);
    expect(() => rpc.sidebarGetAdjustment("p", "ADJ-2027-01-009")).toThrow("找不到调整申请 ADJ-2027-01-009（NOT_FOUND）");
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
    expect(info.strings.busy.approving).toBe("Approving…");
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
