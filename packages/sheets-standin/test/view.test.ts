import type { sheets_v4 } from "@googleapis/sheets";
import { describe, expect, it } from "vitest";
import { useStandin } from "./support/client.js";

const s = useStandin();

const str = (stringValue: string): sheets_v4.Schema$CellData => ({ userEnteredValue: { stringValue } });
const pct = (numberValue: number): sheets_v4.Schema$CellData => ({
  userEnteredValue: { numberValue },
  userEnteredFormat: { numberFormat: { type: "PERCENT", pattern: "0.0%" } },
});

async function spreadsheetWith(rows: sheets_v4.Schema$RowData[], requests: sheets_v4.Schema$Request[] = []): Promise<string> {
  const created = await s.api.spreadsheets.create({
    requestBody: {
      properties: { title: "页面 Page <b>" },
      sheets: [{ properties: { title: "汇总 Summary", gridProperties: { rowCount: 30, columnCount: 6, frozenRowCount: 1 } } }],
    },
  });
  const spreadsheetId = created.data.spreadsheetId as string;
  await s.api.spreadsheets.batchUpdate({
    spreadsheetId,
    requestBody: { requests: [{ updateCells: { rows, fields: "*", start: { sheetId: 0, rowIndex: 0, columnIndex: 0 } } }, ...requests] },
  });
  return spreadsheetId;
}

const page = async (id: string) => {
  const res = await fetch(`${s.standin.url}view/${id}`);
  expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
  return res.text();
};

const cellTag = (html: string, a1: string) => new RegExp(`<td data-cell="${a1}"[^>]*>[^<]*</td>`).exec(html)?.[0] ?? "";

describe("the rendered page", () => {
  it("when cells hold markup, then the page shows it as text", async () => {
    const id = await spreadsheetWith([{ values: [str("<script>alert(1)</script>"), str(`"><img src=x onerror=alert(2)>`)] }]);
    const html = await page(id);
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<img src=x");
    expect(cellTag(html, "A1")).toContain("&#60;script&#62;alert(1)&#60;/script&#62;");
    expect(html).toContain("<title>页面 Page &#60;b&#62; — Sheets stand-in</title>");
  });

  it("when cells have formats and rules, then percent values, bold, colours, rule colours and frozen rows are shown", async () => {
    const header: sheets_v4.Schema$CellData = {
      ...str("完成率"),
      userEnteredFormat: { textFormat: { bold: true }, backgroundColor: { red: 0.2, green: 0.4, blue: 0.6 } },
    };
    const rule = (type: string, values: string[], color: sheets_v4.Schema$Color): sheets_v4.Schema$Request => ({
      addConditionalFormatRule: {
        rule: {
          ranges: [{ sheetId: 0, startRowIndex: 1, endRowIndex: 5, startColumnIndex: 0, endColumnIndex: 1 }],
          booleanRule: { condition: { type, values: values.map((userEnteredValue) => ({ userEnteredValue })) }, format: { backgroundColor: color } },
        },
        index: 0,
      },
    });
    const id = await spreadsheetWith(
      [{ values: [header] }, { values: [pct(2 / 3)] }, { values: [pct(0.4)] }, { values: [pct(0.95)] }, { values: [pct(0.6)] }],
      [rule("NUMBER_GREATER", ["0.9"], { green: 1 }), rule("NUMBER_LESS", ["0.5"], { red: 1 }), rule("NUMBER_BETWEEN", ["0.6", "0.7"], { blue: 1 })],
    );
    const html = await page(id);
    expect(cellTag(html, "A1")).toContain("font-weight:bold");
    expect(cellTag(html, "A1")).toContain("background:#336699");
    expect(cellTag(html, "A1")).toContain("top:22px");
    expect(cellTag(html, "A2")).toMatch(/>66\.7%</);
    expect(cellTag(html, "A2")).toContain("background:#0000ff");
    expect(cellTag(html, "A3")).toContain("background:#ff0000");
    expect(cellTag(html, "A4")).toContain("background:#00ff00");
    expect(cellTag(html, "A5")).toContain("background:#0000ff");
  });

  it("when charts are area, stacked, combo or of a kind the stand-in does not draw, then each is drawn or says so", async () => {
    const col = (c: number): sheets_v4.Schema$ChartData => ({
      sourceRange: { sources: [{ sheetId: 0, startRowIndex: 0, endRowIndex: 4, startColumnIndex: c, endColumnIndex: c + 1 }] },
    });
    const basic = (title: string, chartType: string, extra: sheets_v4.Schema$BasicChartSpec = {}): sheets_v4.Schema$Request => ({
      addChart: {
        chart: {
          spec: {
            title,
            basicChart: { chartType, headerCount: 1, domains: [{ domain: col(0) }], series: [{ series: col(1) }, { series: col(2), type: "LINE" }], ...extra },
          },
          position: { overlayPosition: { anchorCell: { sheetId: 0, rowIndex: 0, columnIndex: 4 } } },
        },
      },
    });
    const id = await spreadsheetWith(
      [
        { values: [str("季度"), str("计划"), str("实际")] },
        { values: [str("Q1"), { userEnteredValue: { numberValue: 10 } }, { userEnteredValue: { numberValue: 8 } }] },
        { values: [str("Q2"), { userEnteredValue: { numberValue: 12 } }, { userEnteredValue: { numberValue: 13 } }] },
        { values: [str("Q3"), { userEnteredValue: { numberValue: 9 } }, { userEnteredValue: { numberValue: 11 } }] },
      ],
      [
        basic("面积 Area", "AREA"),
        basic("堆积 Stacked", "COLUMN", { stackedType: "STACKED" }),
        basic("组合 Combo", "COMBO"),
        {
          addChart: {
            chart: { spec: { title: "直方图 Histogram", histogramChart: { bucketSize: 1 } }, position: { overlayPosition: { anchorCell: { sheetId: 0 } } } },
          },
        },
      ],
    );
    const html = await page(id);
    const figure = (title: string) => {
      const at = html.indexOf(`<title>${title}</title>`);
      return at < 0 ? "" : html.slice(html.lastIndexOf("<figure", at), html.indexOf("</figure>", at));
    };
    const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;
    expect(count(figure("面积 Area"), /class="area"/g)).toBe(2);
    const stacked = figure("堆积 Stacked");
    expect(count(stacked, /class="bar"/g)).toBe(6);
    // Stacked: the second series' bars start where the first series' bars end.
    const bars = [...stacked.matchAll(/class="bar" data-value="(\d+)" x="([\d.]+)" y="([\d.]+)" width="[\d.]+" height="([\d.]+)"/g)].map((m) => ({
      x: Number(m[2]),
      y: Number(m[3]),
      h: Number(m[4]),
    }));
    expect(bars[3]?.x).toBe(bars[0]?.x);
    expect(bars[3]?.y).toBeCloseTo((bars[0]?.y ?? 0) - (bars[3]?.h ?? 0), 1);
    const combo = figure("组合 Combo");
    expect(count(combo, /class="bar"/g)).toBe(3);
    expect(count(combo, /class="point"/g)).toBe(3);
    expect(html).toMatch(/<figcaption>直方图 Histogram<\/figcaption><p>[^<]*does not draw histogramChart charts/);
  });

  it("when the list page is opened, then it links every spreadsheet's page", async () => {
    const id = await spreadsheetWith([{ values: [str("x")] }]);
    const html = await (await fetch(s.standin.url)).text();
    expect(html).toContain(`href="${s.standin.url}view/${id}"`);
    expect(html).toContain("页面 Page &#60;b&#62;");
  });
});
