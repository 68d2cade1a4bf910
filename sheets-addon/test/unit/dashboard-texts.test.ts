import { describe, expect, it } from "vitest";
import { isWebAddress, linkDialogHtml } from "../../src/dialogs/link-dialog.js";
import { messagesFor } from "../../src/i18n/messages.js";
import { readPeriodInput } from "../../src/reports/period-input.js";
import { rateText } from "../../src/sidebar/dashboard-view.js";

describe("the dashboards' and reports' words", () => {
  it("when a message is parametrised, then both languages include every parameter", () => {
    for (const lang of ["zh", "en"] as const) {
      const t = messagesFor(lang).dashboards;
      expect(t.rollupDone(12, "2026-12-02 09:00")).toMatch(/ 12 .*2026-12-02 09:00/s);
      expect(t.rollupAlreadyDone("2026-12-02 09:00")).toContain("2026-12-02 09:00");
      expect(t.askReportPeriod("generate", "2026-12")).toContain("2026-12");
      expect(t.askReportPeriod("publish", "2026-12")).toContain("2026-12");
      expect(t.badPeriod("下个月")).toContain("下个月");
      for (const form of ["2027-01", "2027-Q1", "2027"]) expect(t.badPeriod("x")).toContain(form);
      expect(t.confirmPublish("2027-Q1")).toContain("2027-Q1");
      expect(t.reportPublished("2027-Q1", "2027-04-03 11:30")).toContain("2027-Q1");
      expect(t.reportPublished("2027-Q1", "2027-04-03 11:30")).toContain("2027-04-03 11:30");
    }
  });

  it("when the user reads Chinese, then the 汇总 texts are Chinese only; English ones carry no Chinese", () => {
    const all = (value: unknown): string[] =>
      typeof value === "string" ? [value] : typeof value === "function" ? [] : Object.values(value as object).flatMap(all);
    for (const text of all(messagesFor("zh").dashboards)) expect(text).not.toMatch(/[A-Za-z]{2}/);
    for (const text of all(messagesFor("en").dashboards)) expect(text).not.toMatch(/[\u4e00-\u9fff]/);
    expect(messagesFor("zh").dashboards.confirmPublish("2027-Q1")).toContain("公司管理层会收到邮件通知");
    expect(messagesFor("en").dashboards.confirmPublish("2027-Q1")).toContain("company management is notified");
  });

  it("when the menu is shown, then the dashboard and report items use the department's words", () => {
    expect(messagesFor("zh").menu).toMatchObject({
      dashboard: "仪表板",
      openDashboard: "打开仪表板",
      refreshDashboard: "刷新仪表板",
      runRollup: "立即汇总",
      reports: "数据分析报告",
      generateReport: "生成报告",
      publishReport: "发布报告",
    });
  });
});

describe("reading a typed period", () => {
  it.each([
    ["2027-01", "2027-01"],
    ["2027-Q1", "2027-Q1"],
    ["2027", "2027"],
    ["2027/3", "2027-03"],
    ["2027.12", "2027-12"],
    ["2027 q4", "2027-Q4"],
    ["2027-Q1 ", "2027-Q1"],
    ["２０２７－０１", "2027-01"],
    ["2027年", "2027"],
    ["2027年12月", "2027-12"],
    ["2027年第4季度", "2027-Q4"],
  ])("when %j is typed, then it reads as %s", (typed, id) => {
    expect(readPeriodInput(typed)?.id).toBe(id);
  });

  it.each(["", "本月", "2027-13", "2027-Q5", "1999", "2100-01", "27-01", "2027-01-05", "=2027"])("when %j is typed, then it is no period", (typed) => {
    expect(readPeriodInput(typed)).toBeUndefined();
  });
});

describe("the link dialog", () => {
  const dialog = (href: string, heading = "仪表板") =>
    linkDialogHtml({
      lang: "zh",
      heading,
      facts: [["部门", "<b>计划运营部</b>"]],
      link: { href, text: "打开仪表板", hint: "在新标签页中打开" },
      notes: ['"注意" & 说明'],
      noLink: "链接无效",
      close: "关闭",
    });

  it("when texts hold markup, then they are shown as text", () => {
    const html = dialog("https://example.test/a?b=1&c=2", "<script>x</script>");
    expect(html).toContain("<h1>&lt;script&gt;x&lt;/script&gt;</h1>");
    expect(html).toContain("<dd>&lt;b&gt;计划运营部&lt;/b&gt;</dd>");
    expect(html).toContain("&quot;注意&quot; &amp; 说明");
    expect(html).toContain('href="https://example.test/a?b=1&amp;c=2" target="_blank" rel="noopener"');
    expect(html).toContain('<html lang="zh-CN">');
  });

  it.each(["javascript:alert(1)", "data:text/html,x", "//evil.test/x", 'https://x.test/"onmouseover=1', ""])(
    "when the address is %j, then no link is made",
    (href) => {
      expect(isWebAddress(href)).toBe(false);
      expect(dialog(href)).not.toContain("<a ");
      expect(dialog(href)).toContain("链接无效");
    },
  );

  it("when the address is http(s), then it is a link (the local stack serves http)", () => {
    expect(isWebAddress("http://127.0.0.1:8070/view/abc")).toBe(true);
    expect(isWebAddress("https://docs.google.com/spreadsheets/d/abc/edit")).toBe(true);
  });
});

describe("a rate in the sidebar", () => {
  it("when rates are shown, then they read as the sheets do, one decimal, and no tasks is the none mark, not 0 %", () => {
    expect(rateText(1 / 3, "—")).toBe("33.3%");
    expect(rateText(2 / 3, "—")).toBe("66.7%");
    expect(rateText(1, "—")).toBe("100.0%");
    expect(rateText(0, "—")).toBe("0.0%");
    expect(rateText(null, "—")).toBe("—");
  });
});
