import { describe, expect, it } from "vitest";
import { createApiClient, endpointUrl, type HttpRequest, type HttpResponse } from "../../src/api/client.js";
import { messagesFor } from "../../src/i18n/messages.js";

function recordingClient(response: HttpResponse | (() => HttpResponse)) {
  const requests: HttpRequest[] = [];
  let tokens = 0;
  const client = createApiClient({
    baseUrl: "https://api.example.test/base/",
    identityToken: () => `token-${++tokens}`,
    transport: (request) => {
      requests.push(request);
      return typeof response === "function" ? response() : response;
    },
  });
  return { client, requests };
}

const envelope = (code: string, extra: object = {}) => JSON.stringify({ error: { code, message: { zh: "中文说明", en: "English text" }, ...extra } });

describe("api client", () => {
  it("when calling a POST endpoint, then it sends JSON to <base>/<name> with a fresh bearer token", () => {
    const { client, requests } = recordingClient({ status: 200, body: JSON.stringify({ planId: "p1" }) });
    client.call("issuePlan", { planId: "p1" });
    client.call("issuePlan", { planId: "p1" });
    expect(requests[0]).toEqual({
      method: "POST",
      url: "https://api.example.test/base/issuePlan",
      headers: { Authorization: "Bearer token-1" },
      body: JSON.stringify({ planId: "p1" }),
    });
    expect(requests[1]?.headers.Authorization).toBe("Bearer token-2");
  });

  it("when calling a GET endpoint, then the input goes into an encoded query string and there is no body", () => {
    const { client, requests } = recordingClient({ status: 200, body: "{}" });
    client.call("getPlan", { planId: "monthly/研发部 2026-12&x" });
    expect(requests[0]?.method).toBe("GET");
    expect(requests[0]?.body).toBeUndefined();
    expect(requests[0]?.url).toBe("https://api.example.test/base/getPlan?planId=monthly%2F%E7%A0%94%E5%8F%91%E9%83%A8%202026-12%26x");
  });

  it("when an optional query value is absent, then it is left out of the URL", () => {
    expect(endpointUrl("http://127.0.0.1:8080", "completionRates", { period: "2026-12", asOf: undefined })).toBe(
      "http://127.0.0.1:8080/completionRates?period=2026-12",
    );
    expect(endpointUrl("http://127.0.0.1:8080", "roster", {})).toBe("http://127.0.0.1:8080/roster");
  });

  it("when the backend answers 2xx with an object, then the value is returned", () => {
    const { client } = recordingClient({ status: 200, body: JSON.stringify({ departments: ["计划运营部"], people: [] }) });
    expect(client.call("roster", {})).toEqual({ ok: true, value: { departments: ["计划运营部"], people: [] } });
  });

  it("when the backend refuses cells, then the envelope's code, bilingual message and cells come back", () => {
    const cell = {
      row: 3,
      column: 8,
      header: "完成时间",
      code: "OUT_OF_PERIOD",
      message: { zh: "第 3 行：不在计划月份内", en: "Row 3: outside the month" },
      problem: { zh: "不在计划月份内", en: "Outside the month" },
    };
    const { client } = recordingClient({ status: 422, body: envelope("VALIDATION_FAILED", { cells: [cell, { row: "x" }] }) });
    const result = client.call("issuePlan", { planId: "p" });
    expect(result).toEqual({
      ok: false,
      failure: { status: 422, code: "VALIDATION_FAILED", message: { zh: "中文说明", en: "English text" }, cells: [cell] },
    });
  });

  it.each([
    [409, "ALREADY_DECIDED"],
    [403, "NOT_APPROVER"],
    [401, "UNAUTHENTICATED"],
  ])("when the backend answers %i %s, then that code and status are reported without cells", (status, code) => {
    const { client } = recordingClient({ status, body: envelope(code) });
    const result = client.call("issuePlan", { planId: "p" });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.failure).toMatchObject({ status, code, cells: [] });
  });

  it.each([
    ["an HTML error page", 502, "<html>Bad gateway</html>"],
    ["JSON without the envelope", 500, JSON.stringify({ oops: true })],
    ["a 2xx body that is not an object", 200, '"ok"'],
    ["an empty 2xx body", 204, ""],
  ])("when the backend sends %s, then it is a BAD_RESPONSE naming the status", (_what, status, body) => {
    const { client } = recordingClient({ status, body });
    const result = client.call("issuePlan", { planId: "p" });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.failure.code).toBe("BAD_RESPONSE");
      expect(result.failure.message.en).toContain(`HTTP ${status}`);
      expect(result.failure.message.zh).toContain(`HTTP ${status}`);
    }
  });

  it("when the transport throws (DNS, allowlist, timeout), then it is a NETWORK failure with the reason", () => {
    const { client } = recordingClient(() => {
      throw new Error("Address unavailable: https://api.example.test");
    });
    const result = client.call("roster", {});
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.failure.code).toBe("NETWORK");
      expect(result.failure.message.en).toContain("Address unavailable");
    }
  });

  it.each([
    ["null (openid scope not granted)", () => null],
    ["undefined", () => undefined],
    ["an empty string", () => ""],
    ["blank", () => "  "],
    [
      "a permission error",
      () => {
        throw new Error("You do not have permission to call ScriptApp.getIdentityToken");
      },
    ],
  ])("when the identity token is %s, then no request is made and the failure asks the user to reauthorise", (_what, identityToken) => {
    const requests: HttpRequest[] = [];
    const client = createApiClient({
      baseUrl: "https://api.example.test",
      identityToken,
      transport: (request) => {
        requests.push(request);
        return { status: 200, body: "{}" };
      },
    });
    expect(client.call("submit", {} as never)).toEqual({
      ok: false,
      failure: {
        status: 0,
        code: "NO_IDENTITY_TOKEN",
        message: { zh: messagesFor("zh").noIdentityToken, en: messagesFor("en").noIdentityToken },
        cells: [],
      },
    });
    expect(client.call("roster", {}).ok).toBe(false);
    expect(requests).toEqual([]);
  });

  it("when the reauthorise message is shown, then each language names reauthorising and says nothing was sent", () => {
    expect(messagesFor("zh").noIdentityToken).toMatch(/重新授权/);
    expect(messagesFor("zh").noIdentityToken).toMatch(/没有向服务器发送/);
    expect(messagesFor("en").noIdentityToken).toMatch(/reauthorise/i);
    expect(messagesFor("en").noIdentityToken).toMatch(/nothing was sent/);
  });
});
