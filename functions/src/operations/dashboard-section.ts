import type { DashboardSection } from "../dashboards/section.js";
import { decimal, percent, type Table, text } from "../dashboards/spreadsheet.js";
import { loadReportFigures } from "./report-data.js";

const SHEET_ID = 11;

/**
 * The month's operations figures against target on the dashboard: the company's
 * only, whose readers (management, HR) may see operations data; a department's
 * planning group may not.
 */
export const operationsSection: DashboardSection = {
  id: "operations",
  firstSheetId: SHEET_ID,
  shownOn: (department) => department === null,
  async build(deps, { period }) {
    const { indicators } = await loadReportFigures(deps.db, period);
    const figures: Table = {
      row: 0,
      col: 0,
      header: ["指标 Indicator", "本月 Value", "目标 Target", "达成率 Attainment", "单位 Unit"],
      rows: indicators.map((i) => [
        text(`${i.indicator.name.zh} ${i.indicator.name.en}`),
        decimal(i.value),
        decimal(i.target),
        percent(i.attainment),
        text(i.indicator.unit),
      ]),
    };
    return {
      sheets: [{ sheetId: SHEET_ID, title: "运营指标 Operations", tables: [figures], frozenRows: 1 }],
      charts: [
        {
          title: "运营指标与目标 Operations against target",
          type: "COLUMN",
          source: { sheetId: SHEET_ID, table: figures, series: [1, 2] },
          xTitle: "指标 Indicator",
          yTitle: "数值 Value",
        },
      ],
      // Short of target is an attainment under 100 %, whatever the rate target.
      rules: [{ sheetId: SHEET_ID, table: figures, columns: [3], below: 1 }],
    };
  },
};
