import type { LoadedBundle } from "@planops/gas-standin";
import type { OperationsDataResponse } from "@planops/shared/api";
import { expect, it } from "vitest";
import { ADDON_NAME, OWNER, openWithAddon } from "./support/addon-session.js";
import type { ReceivedMail } from "./support/remote-stack.js";
import { useAddonAndStack } from "./support/use-addon-stack.js";

const env = useAddonAndStack();

/** 数据分析组 (functions/local/demo-org.ts): 吴婷 keeps the operations data; 周杰 is told of anomalies too. */
const ANALYST = "wuting@demo.planops.cn";
const OTHER_ANALYST = "zhoujie@demo.planops.cn";
/** 计划组: may make the sheet, not submit it. */
const CLERK = OWNER;

/** A month and, twelve months later, the same month of the next year; each read on its 25th (10:00 in Shanghai). */
const LAST_YEAR = "2026-10";
const MONTH = "2027-10";
const dayIn = (month: string) => new Date(`${month}-25T02:00:00Z`);

const ERROR_RED = "#f4cccc";
const INDICATORS_SHEET = "运营指标设置";
const dataSheet = (month: string) => `运营数据 ${month}`;

/** A1 addresses below the header row (whose cells keep their help notes). */
const dataCells = (byA1: Record<string, string>) =>
  Object.keys(byA1)
    .filter((a1) => !/^[A-Z]+1$/.test(a1))
    .sort();
const lastAlert = (doc: LoadedBundle) => doc.standIn.ui.alerts.at(-1)?.prompt ?? "";
/** Anomaly notices of a month, in the recipient's language (周杰's roster locale is English). */
const anomalyMails = (mails: readonly ReceivedMail[], month: string) =>
  mails.filter((m) => m.subject.startsWith(`运营数据异常：${month}`) || m.subject.startsWith(`Operations data anomalies: ${month}`));

/** Types one row of cells from column A on. */
function typeRow(doc: LoadedBundle, sheet: string, row: number, cells: readonly string[]): void {
  cells.forEach((text, i) => {
    if (text !== "") doc.standIn.typeInto(sheet, `${String.fromCharCode(65 + i)}${row}`, text);
  });
}

/** The stored figures of a month, as operationsData answers the analyst. */
async function storedValues(month: string): Promise<Record<string, number>> {
  const response = await fetch(`${env.stack.baseUrl}/operationsData?from=${month}&to=${month}`, {
    headers: { Authorization: `Bearer ${env.stack.token(ANALYST)}` },
  });
  const body = (await response.json()) as OperationsDataResponse;
  if (!response.ok) throw new Error(`operationsData ${response.status}: ${JSON.stringify(body)}`);
  return Object.fromEntries(body.values.map((v) => [v.indicator, v.value]));
}

/** A range of the report spreadsheet, read back from the Sheets stand-in whose address the report's link names. */
async function reportRange(reportUrl: string, range: string): Promise<unknown[][]> {
  const at = reportUrl.indexOf("view/");
  const address = `${reportUrl.slice(0, at)}v4/spreadsheets/${reportUrl.slice(at + "view/".length)}/values/${encodeURIComponent(range)}?valueRenderOption=UNFORMATTED_VALUE`;
  const response = await fetch(address, { headers: { Authorization: "Bearer analyst" } });
  const json = (await response.json()) as { values?: unknown[][] };
  if (!response.ok) throw new Error(`Sheets stand-in ${response.status}: ${JSON.stringify(json)}`);
  return json.values ?? [];
}

/**
 * Operations data through the built add-on and the real backend: the analyst
 * configures indicators, makes a month's sheet whose 指标 dropdown lists them,
 * submits; a stale dropdown entry (an indicator deactivated since) and a word
 * in 数值 are marked on their cells with nothing saved; a month far off the
 * same month last year is saved and the data-analysis group is mailed once; a
 * planning clerk is refused; 生成报告 shows the submitted figures.
 */
it("when the analyst configures indicators, submits two Octobers a year apart and generates the report, then bad cells are marked, the anomaly is mailed once and the report holds the figures", async () => {
  await env.stack.setNow(dayIn(LAST_YEAR));
  const analyst = openWithAddon({ ...env, email: ANALYST, now: () => dayIn(LAST_YEAR) });
  const { standIn } = analyst;

  // 新建模板 › 运营指标设置: three indicators, with a target, plausible ranges and thresholds.
  analyst.clickMenu(ADDON_NAME, "新建模板", "运营指标设置");
  //                                            code           名称      英文名称               类别    单位   月目标 下限  上限     阈值  汇总   方向
  typeRow(analyst, INDICATORS_SHEET, 2, ["sales-revenue", "销售额", "Sales revenue", "销售", "万元", "120", "0", "1000", "20", "合计", "越高越好"]);
  typeRow(analyst, INDICATORS_SHEET, 3, ["orders", "订单量", "Orders", "销售", "单", "", "0", "5000", "", "合计", "越高越好"]);
  typeRow(analyst, INDICATORS_SHEET, 4, ["complaints", "客户投诉", "Customer complaints", "客户", "件", "", "0", "200", "50", "合计", "越低越好"]);
  analyst.clickMenu(ADDON_NAME, "提交");
  expect(lastAlert(analyst)).toBe("指标设置已更新：新增 3 项，修改 0 项，停用 0 项");

  // 新建模板 › 运营数据: this month's sheet; 指标 offers the configured indicators as "code name", and only those.
  analyst.clickMenu(ADDON_NAME, "新建模板", "运营数据");
  const past = dataSheet(LAST_YEAR);
  expect(standIn.doc.active.sheet).toBe(standIn.sheet(past));
  expect(standIn.sheet(past).cell(2, 1)?.validation?.rule).toMatchObject({
    criteria: "VALUE_IN_LIST",
    values: [["sales-revenue 销售额", "orders 订单量", "complaints 客户投诉"], true],
    allowInvalid: false,
  });
  expect(standIn.sheet(past).cell(2, 1)?.format).toBe("@");
  expect(() => standIn.typeInto(past, "A2", "销量")).toThrow();
  typeRow(analyst, past, 2, ["sales-revenue 销售额", "100"]);
  typeRow(analyst, past, 3, ["orders 订单量", "800"]);
  typeRow(analyst, past, 4, ["complaints 客户投诉", "12", "含两起重复投诉"]);
  analyst.clickMenu(ADDON_NAME, "提交");
  expect(lastAlert(analyst)).toBe(`已保存 ${LAST_YEAR} 的运营数据（3 项指标）；未发现数据异常`);
  expect(await storedValues(LAST_YEAR)).toEqual({ "sales-revenue": 100, orders: 800, complaints: 12 });

  // 客户投诉 is dropped from the settings: deactivated, while the month's sheet still offers it.
  standIn.doc.active.sheet = standIn.sheet(INDICATORS_SHEET);
  standIn.userDeleteRow(INDICATORS_SHEET, 4);
  analyst.clickMenu(ADDON_NAME, "提交");
  expect(lastAlert(analyst)).toBe("指标设置已更新：新增 0 项，修改 0 项，停用 1 项");

  // Resubmitted with that indicator and a word for a number: both cells marked, nothing saved.
  standIn.doc.active.sheet = standIn.sheet(past);
  standIn.typeInto(past, "B3", "八百左右");
  analyst.clickMenu(ADDON_NAME, "提交");
  expect(lastAlert(analyst)).toContain("有 2 个单元格需要修改");
  const notes = standIn.notes(past);
  expect(dataCells(notes)).toEqual(["A4", "B3"]);
  expect(notes.A4).toContain("不是启用的运营指标");
  expect(notes.A4).toContain("sales-revenue（销售额）、orders（订单量）");
  expect(notes.A4).not.toContain("complaints（");
  const tinted = Object.entries(standIn.backgrounds(past)).filter(([, color]) => color === ERROR_RED);
  expect(tinted.map(([a1]) => a1).sort()).toEqual(["A4", "B3"]);
  // operationsData lists active indicators only; 订单量 is still 800.
  expect(await storedValues(LAST_YEAR)).toEqual({ "sales-revenue": 100, orders: 800 });

  // Fixed: the marks go, the month holds exactly the sheet's rows.
  standIn.userDeleteRow(past, 4);
  standIn.typeInto(past, "B3", "820");
  analyst.clickMenu(ADDON_NAME, "提交");
  expect(lastAlert(analyst)).toBe(`已保存 ${LAST_YEAR} 的运营数据（2 项指标）；未发现数据异常`);
  expect(dataCells(standIn.notes(past))).toEqual([]);
  expect(await storedValues(LAST_YEAR)).toEqual({ "sales-revenue": 100, orders: 820 });
  expect(anomalyMails(await env.stack.mail(), LAST_YEAR)).toEqual([]);

  // A year later: 销售额 60 is 40 % below last October's 100 (threshold 20 %); 订单量 830 is close to 820.
  await env.stack.setNow(dayIn(MONTH));
  const later = openWithAddon({ ...env, email: ANALYST, now: () => dayIn(MONTH) });
  later.clickMenu(ADDON_NAME, "新建模板", "运营数据");
  const current = dataSheet(MONTH);
  expect(later.standIn.sheet(current).cell(2, 1)?.validation?.rule.values[0]).toEqual(["sales-revenue 销售额", "orders 订单量"]);
  // 周杰 works in English: the same indicators, labelled in English.
  const english = openWithAddon({ ...env, email: OTHER_ANALYST, locale: "en_US", now: () => dayIn(MONTH) });
  english.clickMenu(ADDON_NAME, "New template", "Operations data");
  expect(english.standIn.sheet(`Operations data ${MONTH}`).cell(2, 1)?.validation?.rule.values[0]).toEqual(["sales-revenue Sales revenue", "orders Orders"]);
  typeRow(later, current, 2, ["sales-revenue 销售额", "60", "大客户订单推迟到十一月"]);
  typeRow(later, current, 3, ["orders 订单量", "830"]);
  later.clickMenu(ADDON_NAME, "提交");
  expect(lastAlert(later)).toBe(`已保存 ${MONTH} 的运营数据（2 项指标）；数据异常 1 项，其中新发现 1 项已通知数据分析组`);
  const mailed = anomalyMails(await env.stack.mail(), MONTH);
  expect(mailed.flatMap((m) => m.to).sort()).toEqual([ANALYST, OTHER_ANALYST].sort());
  expect(mailed.find((m) => m.to.includes(ANALYST))?.text).toContain("销售额 2027-10 为 60");

  // The same figures again tell no one.
  later.clickMenu(ADDON_NAME, "提交");
  expect(lastAlert(later)).toBe(`${MONTH} 的运营数据未变化，无需重新提交`);
  expect(anomalyMails(await env.stack.mail(), MONTH)).toHaveLength(2);

  // A planning clerk may make the sheet but not submit it: the reason in plain words, nothing saved.
  const clerk = openWithAddon({ ...env, email: CLERK, now: () => dayIn(MONTH) });
  clerk.clickMenu(ADDON_NAME, "新建模板", "运营数据");
  typeRow(clerk, current, 2, ["sales-revenue 销售额", "999"]);
  clerk.clickMenu(ADDON_NAME, "提交");
  expect(lastAlert(clerk)).toBe("只有数据分析组成员、部门经理、副经理或公司管理层可以提交运营数据（FORBIDDEN）");
  expect(await storedValues(MONTH)).toEqual({ "sales-revenue": 60, orders: 830 });

  // 数据分析报告 › 生成报告 for the month: the comparison holds this October against the last.
  later.standIn.answerNextPrompts({ text: MONTH });
  later.clickMenu(ADDON_NAME, "数据分析报告", "生成报告");
  const dialog = later.standIn.ui.dialogs.at(-1)?.html ?? "";
  expect(dialog).toContain(`<h1>已生成 ${MONTH} 数据分析报告</h1>`);
  const reportUrl = /data-testid="dialog-link" href="([^"]+)"/.exec(dialog)?.[1]?.replace(/&amp;/g, "&") ?? "";
  const comparison = await reportRange(reportUrl, "'分析结果·对比 Comparison'!A1:K3");
  const row = (name: string) => comparison.find((r) => r[0] === name);
  // 指标, 单位, 本期, 目标, …, 去年同期 (column I)
  expect(row("销售额 Sales revenue")?.slice(0, 4)).toEqual(["销售额 Sales revenue", "万元", 60, 120]);
  expect(row("销售额 Sales revenue")?.[8]).toBe(100);
  expect(row("订单量 Orders")?.[2]).toBe(830);
  expect(row("订单量 Orders")?.[8]).toBe(820);
  const overview = await reportRange(reportUrl, "'数据概述 Overview'!A1:B6");
  expect(overview.find((r) => r[0] === "异常数 Anomalies")?.[1]).toBe(1);
});
