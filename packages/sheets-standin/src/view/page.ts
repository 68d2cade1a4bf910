import { columnLetters } from "../a1.js";
import { formattedValue } from "../cell-values.js";
import { deepMerge } from "../field-mask.js";
import { cellAt, DEFAULT_COLUMN_PX, DEFAULT_ROW_PX } from "../grid.js";
import type { CellData, CellFormat, Permission, SheetState, SpreadsheetState } from "../model.js";
import { renderChart } from "./charts.js";
import { conditionalFormats } from "./conditional.js";
import { cssColor, escapeHtml, FONT_STACK } from "./html.js";

/** Past this, the page shows the first rows and says how many more there are: the page stays usable. */
const MAX_ROWS = 2000;
const MAX_COLUMNS = 100;
const HEADER_PX = 22;
const ROW_NUMBER_PX = 44;

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font-family:${FONT_STACK};font-size:13px;color:#202124;background:#f8f9fa}
header{position:sticky;top:0;z-index:5;background:#fff;border-bottom:1px solid #dadce0;padding:8px 16px}
header h1{margin:0 0 6px;font-size:18px;font-weight:600}
nav{display:flex;flex-wrap:wrap;gap:4px}
nav a{padding:3px 10px;border:1px solid #dadce0;border-bottom-width:3px;border-radius:4px 4px 0 0;text-decoration:none;color:#202124;background:#f1f3f4}
main{padding:8px 16px 32px}
section.sheet{margin:12px 0 28px}
section.sheet h2{font-size:15px;margin:0 0 8px;display:flex;align-items:center;gap:8px}
.hidden-note{font-weight:normal;color:#5f6368;font-size:12px}
p.shared{margin:0 0 6px;color:#5f6368;font-size:12px}
.sheet-body{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
.grid-wrap{max-width:100%;max-height:75vh;overflow:auto;border:1px solid #c0c0c0;background:#fff}
table.grid{border-collapse:separate;border-spacing:0;table-layout:fixed}
table.grid td,table.grid th{border-right:1px solid #e2e2e2;border-bottom:1px solid #e2e2e2;padding:2px 4px;white-space:nowrap;overflow:hidden;text-overflow:clip;vertical-align:bottom}
table.grid th{background:#f8f9fa;color:#5f6368;font-weight:normal;font-size:11px;text-align:center;position:sticky;top:0;z-index:2}
table.grid th.rownum{left:0;z-index:3}
table.grid td.rownum{position:sticky;left:0;z-index:1;background:#f8f9fa;color:#5f6368;font-size:11px;text-align:center}
table.grid td.frozen{position:sticky;z-index:1}
table.grid tr.frozen-last td{border-bottom:2px solid #9aa0a6}
table.grid td.wrap{white-space:pre-wrap}
.charts{display:flex;flex-wrap:wrap;gap:12px}
figure.chart{margin:0;background:#fff;border:1px solid #dadce0;border-radius:4px;max-width:100%;overflow:auto}
figure.chart svg{display:block;max-width:100%;height:auto}
.chart-unsupported{padding:12px}
.empty,.truncated{color:#5f6368;font-style:italic}
ul.list{list-style:none;padding:0}ul.list li{margin:6px 0}
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>${body}</body></html>`;
}

/** The list of spreadsheets at `/`. */
export function renderIndex(spreadsheets: SpreadsheetState[], viewUrl: (id: string) => string, notice?: string): string {
  const items = spreadsheets
    .map((s) => {
      const charts = s.sheets.reduce((n, sh) => n + sh.charts.length, 0);
      return `<li><a href="${escapeHtml(viewUrl(s.spreadsheetId))}">${escapeHtml(s.properties.title || "(无标题 untitled)")}</a> <span class="empty">— ${s.sheets.length} 个工作表 sheets, ${charts} 个图表 charts</span></li>`;
    })
    .join("");
  return page(
    "表格 Spreadsheets — Sheets stand-in",
    `<header><h1>表格 Spreadsheets</h1></header><main>${notice ? `<p class="empty">${escapeHtml(notice)}</p>` : ""}${
      items ? `<ul class="list">${items}</ul>` : `<p class="empty">还没有表格 / No spreadsheets yet.</p>`
    }</main>`,
  );
}

const BORDER_STYLES: Record<string, string> = {
  DOTTED: "1px dotted",
  DASHED: "1px dashed",
  SOLID: "1px solid",
  SOLID_MEDIUM: "2px solid",
  SOLID_THICK: "3px solid",
  DOUBLE: "3px double",
};

interface Border {
  style?: string;
  color?: CellFormat["backgroundColor"];
  colorStyle?: CellFormat["backgroundColorStyle"];
}

/** CSS for a cell's format (its own, under any conditional format that matched). */
function cellStyle(cell: CellData | null, conditional: CellFormat | undefined): { css: string; wrap: boolean } {
  const f: CellFormat = deepMerge((cell?.userEnteredFormat ?? {}) as Record<string, unknown>, conditional as Record<string, unknown> | undefined);
  const css: string[] = [];
  const bg = cssColor(f.backgroundColor, f.backgroundColorStyle);
  if (bg) css.push(`background:${bg}`);
  const t = f.textFormat;
  const fg = cssColor(t?.foregroundColor, t?.foregroundColorStyle);
  if (fg) css.push(`color:${fg}`);
  if (t?.bold) css.push("font-weight:bold");
  if (t?.italic) css.push("font-style:italic");
  const lines = [t?.underline ? "underline" : "", t?.strikethrough ? "line-through" : ""].filter(Boolean);
  if (lines.length) css.push(`text-decoration:${lines.join(" ")}`);
  if (t?.fontSize) css.push(`font-size:${Math.round((t.fontSize * 4) / 3)}px`);
  const v = cell?.userEnteredValue;
  const align =
    f.horizontalAlignment && f.horizontalAlignment !== "HORIZONTAL_ALIGN_UNSPECIFIED"
      ? f.horizontalAlignment
      : v?.numberValue !== undefined
        ? "RIGHT"
        : v?.boolValue !== undefined
          ? "CENTER"
          : undefined;
  if (align) css.push(`text-align:${align.toLowerCase()}`);
  if (f.verticalAlignment === "TOP") css.push("vertical-align:top");
  if (f.verticalAlignment === "MIDDLE") css.push("vertical-align:middle");
  const borders = (f as { borders?: Record<string, Border | undefined> }).borders;
  for (const side of ["top", "right", "bottom", "left"]) {
    const b = borders?.[side];
    const style = b?.style && BORDER_STYLES[b.style];
    if (style) css.push(`border-${side}:${style} ${cssColor(b.color, b.colorStyle) ?? "#000"}`);
  }
  return { css: css.join(";"), wrap: f.wrapStrategy === "WRAP" };
}

function renderGrid(sheet: SheetState): string {
  const grid = sheet.properties.gridProperties ?? {};
  const frozenRows = grid.frozenRowCount ?? 0;
  const frozenColumns = grid.frozenColumnCount ?? 0;
  let usedRows = Math.max(frozenRows, ...sheet.merges.map((m) => m.endRowIndex ?? 0));
  let usedColumns = Math.max(frozenColumns, ...sheet.merges.map((m) => m.endColumnIndex ?? 0));
  sheet.rows.forEach((cells, r) => {
    let last = cells.length - 1;
    while (last >= 0 && cells[last] === null) last--;
    if (last >= 0) {
      usedRows = Math.max(usedRows, r + 1);
      usedColumns = Math.max(usedColumns, last + 1);
    }
  });
  usedRows = Math.min(usedRows, grid.rowCount ?? 0);
  usedColumns = Math.min(usedColumns, grid.columnCount ?? 0);
  if (usedRows === 0 || usedColumns === 0) return `<p class="empty">空工作表 / Empty sheet</p>`;
  const rows = Math.min(usedRows, MAX_ROWS);
  const columns = Math.min(usedColumns, MAX_COLUMNS);
  const width = (c: number) => sheet.columnMetadata[c]?.pixelSize ?? DEFAULT_COLUMN_PX;
  const height = (r: number) => sheet.rowMetadata[r]?.pixelSize ?? DEFAULT_ROW_PX;
  const hiddenRow = (r: number) => sheet.rowMetadata[r]?.hiddenByUser === true;
  const hiddenColumn = (c: number) => sheet.columnMetadata[c]?.hiddenByUser === true;
  const visibleColumns = Array.from({ length: columns }, (_, c) => c).filter((c) => !hiddenColumn(c));
  const conditional = conditionalFormats(sheet, rows, columns);
  // Merged areas: the top-left cell spans them, the others are not drawn.
  const spans = new Map<string, { rows: number; columns: number }>();
  const covered = new Set<string>();
  for (const m of sheet.merges) {
    const r0 = m.startRowIndex ?? 0;
    const c0 = m.startColumnIndex ?? 0;
    const r1 = Math.min(m.endRowIndex ?? rows, rows);
    const c1 = Math.min(m.endColumnIndex ?? columns, columns);
    spans.set(`${r0}:${c0}`, { rows: r1 - r0, columns: visibleColumns.filter((c) => c >= c0 && c < c1).length });
    for (let r = r0; r < r1; r++) for (let c = c0; c < c1; c++) if (r !== r0 || c !== c0) covered.add(`${r}:${c}`);
  }
  // Frozen rows and columns stay in view while the grid scrolls, as in Sheets.
  const stickyTop: number[] = [];
  let top = HEADER_PX;
  for (let r = 0; r < frozenRows; r++) {
    stickyTop.push(top);
    top += hiddenRow(r) ? 0 : height(r);
  }
  const stickyLeft: number[] = [];
  let left = ROW_NUMBER_PX;
  for (let c = 0; c < frozenColumns; c++) {
    stickyLeft.push(left);
    left += hiddenColumn(c) ? 0 : width(c);
  }
  const cols = [`<col style="width:${ROW_NUMBER_PX}px">`, ...visibleColumns.map((c) => `<col style="width:${width(c)}px">`)].join("");
  const head = `<tr><th class="rownum"></th>${visibleColumns
    .map((c) => `<th${c < frozenColumns ? ` style="left:${stickyLeft[c]}px;z-index:3"` : ""}>${columnLetters(c)}</th>`)
    .join("")}</tr>`;
  const body: string[] = [];
  for (let r = 0; r < rows; r++) {
    if (hiddenRow(r)) continue;
    const frozen = r < frozenRows;
    const tds: string[] = [`<td class="rownum"${frozen ? ` style="top:${stickyTop[r]}px;z-index:3"` : ""}>${r + 1}</td>`];
    for (const c of visibleColumns) {
      const key = `${r}:${c}`;
      if (covered.has(key)) continue;
      const cell = cellAt(sheet, r, c);
      const { css, wrap } = cellStyle(cell, conditional.get(key));
      const sticky: string[] = [];
      if (frozen) sticky.push(`top:${stickyTop[r]}px`);
      if (c < frozenColumns) sticky.push(`left:${stickyLeft[c]}px`);
      if (sticky.length && !css.includes("background")) sticky.push("background:#fff");
      const span = spans.get(key);
      const attrs = [
        `data-cell="${columnLetters(c)}${r + 1}"`,
        frozen || c < frozenColumns || wrap ? `class="${[frozen || c < frozenColumns ? "frozen" : "", wrap ? "wrap" : ""].filter(Boolean).join(" ")}"` : "",
        css || sticky.length ? `style="${escapeHtml([css, ...sticky].filter(Boolean).join(";"))}"` : "",
        span && span.rows > 1 ? `rowspan="${span.rows}"` : "",
        span && span.columns > 1 ? `colspan="${span.columns}"` : "",
        cell?.note ? `title="${escapeHtml(cell.note)}"` : "",
      ].filter(Boolean);
      tds.push(`<td ${attrs.join(" ")}>${escapeHtml(formattedValue(cell) ?? "")}</td>`);
    }
    body.push(`<tr style="height:${height(r)}px"${r === frozenRows - 1 ? ` class="frozen-last"` : ""}>${tds.join("")}</tr>`);
  }
  const more =
    usedRows > rows || usedColumns > columns
      ? `<p class="truncated">只显示前 ${rows} 行、${columns} 列 / Showing the first ${rows} rows and ${columns} columns of ${usedRows} × ${usedColumns}.</p>`
      : "";
  // A fixed layout keeps each column at its width only when the table's width is set: long text is then cut, as in Sheets.
  const tableWidth = ROW_NUMBER_PX + visibleColumns.reduce((sum, c) => sum + width(c), 0);
  return `<div class="grid-wrap"><table class="grid" style="width:${tableWidth}px"><colgroup>${cols}</colgroup><thead>${head}</thead><tbody>${body.join("")}</tbody></table></div>${more}`;
}

const ROLE_NAMES: Record<Permission["role"], string> = {
  owner: "所有者 owner",
  writer: "编辑者 writer",
  commenter: "评论者 commenter",
  reader: "查看者 reader",
};

/** Who may open the spreadsheet (its Drive permissions): the owner first, then each grantee with their role. */
function renderSharing(permissions: readonly Permission[]): string {
  const grantee = (p: Permission) =>
    p.type === "anyone"
      ? "知道链接的任何人 anyone with the link"
      : p.type === "domain"
        ? `${p.domain ?? ""} 域内所有人 everyone at the domain`
        : (p.emailAddress ?? "");
  const items = permissions.map((p) => `<span data-permission="${escapeHtml(p.id)}">${escapeHtml(grantee(p))}（${ROLE_NAMES[p.role]}）</span>`);
  return `<p class="shared">共享给 Shared with: ${items.join("、")}</p>`;
}

const isEmpty = (sheet: SheetState) => sheet.rows.every((cells) => cells.every((c) => c === null));

/** A spreadsheet at `/view/<id>`: every sheet as a section (tabs link to them), its cells as a table and its charts drawn. */
export function renderSpreadsheet(state: SpreadsheetState): string {
  const title = state.properties.title || "(无标题 untitled)";
  const tabs = state.sheets
    .map((s) => {
      const color = cssColor(s.properties.tabColor, s.properties.tabColorStyle);
      return `<a href="#sheet-${s.properties.sheetId}"${color ? ` style="border-bottom-color:${color}"` : ""}>${escapeHtml(s.properties.title)}${s.properties.hidden ? " 🔒" : ""}</a>`;
    })
    .join("");
  const sections = state.sheets
    .map((s) => {
      const color = cssColor(s.properties.tabColor, s.properties.tabColorStyle);
      const swatch = color ? `<span style="display:inline-block;width:12px;height:12px;border-radius:2px;background:${color}"></span>` : "";
      const hidden = s.properties.hidden ? `<span class="hidden-note">（隐藏 hidden）</span>` : "";
      const charts = s.charts.length ? `<div class="charts">${s.charts.map((c) => renderChart(state, c)).join("")}</div>` : "";
      // A sheet holding only charts shows the charts, without an "empty sheet" note.
      const grid = s.properties.sheetType === "GRID" && !(s.charts.length && isEmpty(s)) ? renderGrid(s) : "";
      return `<section class="sheet" id="sheet-${s.properties.sheetId}" data-sheet-title="${escapeHtml(s.properties.title)}">
<h2>${swatch}${escapeHtml(s.properties.title)}${hidden}</h2><div class="sheet-body">${grid}${charts}</div></section>`;
    })
    .join("\n");
  return page(
    `${title} — Sheets stand-in`,
    `<header><h1>${escapeHtml(title)}</h1>${renderSharing(state.permissions)}<nav>${tabs}</nav></header><main>${sections}</main>`,
  );
}
