import { describe, expect, it } from "vitest";
import { resolveApiBase } from "../../src/config.js";
import { messagesFor } from "../../src/i18n/messages.js";
import { addonMenu, type MenuEntry } from "../../src/menu.js";

const built = { env: "prod", apiBaseUrl: "https://asia-east2-planops-prod.cloudfunctions.net" } as const;

describe("resolveApiBase", () => {
  it("when no script property is set, then the built-in base is used", () => {
    expect(resolveApiBase(null, built)).toBe(built.apiBaseUrl);
    expect(resolveApiBase("   ", built)).toBe(built.apiBaseUrl);
  });

  it("when API_BASE_URL is set to an http(s) URL, then it wins, without trailing slashes", () => {
    expect(resolveApiBase("http://127.0.0.1:8080/", built)).toBe("http://127.0.0.1:8080");
    expect(resolveApiBase(" https://staging.example.com/api// ", built)).toBe("https://staging.example.com/api");
  });

  it("when API_BASE_URL is not a URL, then it is ignored rather than breaking every call", () => {
    expect(resolveApiBase("localhost:8080", built)).toBe(built.apiBaseUrl);
  });
});

describe("addonMenu", () => {
  const captions = (entries: MenuEntry[]): unknown[] =>
    entries.map((e) => (e.kind === "item" ? e.caption : e.kind === "submenu" ? { [e.caption]: captions(e.items) } : "—"));

  it("when the user reads Chinese, then the menu is 新建模板 › 月度计划, 提交计划, 更新进度, 下发计划, 审批, 完成率", () => {
    expect(captions(addonMenu(messagesFor("zh")))).toEqual([
      { 新建模板: ["月度计划"] },
      "—",
      "提交计划",
      "更新进度",
      "下发计划",
      "—",
      "审批",
      "完成率",
    ]);
  });

  it("when the user reads English, then the same items have English captions and the same functions", () => {
    const functions = (entries: MenuEntry[]): string[] =>
      entries.flatMap((e) => (e.kind === "item" ? [e.functionName] : e.kind === "submenu" ? functions(e.items) : []));
    expect(captions(addonMenu(messagesFor("en")))[0]).toEqual({ "New template": ["Monthly plan"] });
    expect(functions(addonMenu(messagesFor("en")))).toEqual(functions(addonMenu(messagesFor("zh"))));
  });
});
