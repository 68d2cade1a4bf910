import { boundGridRange } from "../a1.js";
import { formatNumber, formattedValue, numericValue } from "../cell-values.js";
import { cellAt } from "../grid.js";
import type { BasicChartSpec, ChartData, EmbeddedChart, NumberFormat, SpreadsheetState } from "../model.js";
import { cssColor, escapeHtml, FONT_STACK } from "./html.js";

/** Google Sheets' default series colours. */
const PALETTE = ["#4285f4", "#ea4335", "#fbbc04", "#34a853", "#ff6d01", "#46bdc6", "#7baaf7", "#f07b72"];

interface Column {
  /** Texts of the header cells (headerCount of them). */
  header: string[];
  labels: string[];
  numbers: (number | null)[];
  /** The number format of the first number, for tick labels (percent series get percent ticks). */
  format: NumberFormat | undefined;
}

/** Reads a ChartData's cells in order: down a one-column source, across a one-row source. */
function readData(state: SpreadsheetState, data: ChartData | undefined, headerCount: number): Column {
  const labels: string[] = [];
  const numbers: (number | null)[] = [];
  let format: NumberFormat | undefined;
  for (const source of data?.sourceRange?.sources ?? []) {
    const range = boundGridRange(state, source);
    const vertical = range.endColumn - range.startColumn === 1 || range.endRow - range.startRow > 1;
    const count = vertical ? Math.min(range.endRow, range.sheet.rows.length) - range.startRow : range.endColumn - range.startColumn;
    for (let i = 0; i < count; i++) {
      const r = vertical ? range.startRow + i : range.startRow;
      const c = vertical ? range.startColumn : range.startColumn + i;
      const cell = cellAt(range.sheet, r, c);
      const n = numericValue(cell);
      labels.push(formattedValue(cell) ?? "");
      numbers.push(n ?? null);
      if (n !== undefined && !format && labels.length > headerCount) format = cell?.userEnteredFormat?.numberFormat;
    }
  }
  return { header: labels.slice(0, headerCount), labels: labels.slice(headerCount), numbers: numbers.slice(headerCount), format };
}

function niceScale(min: number, max: number, integers: boolean, ticks = 5): { lo: number; hi: number; step: number } {
  const lo0 = Math.min(0, min);
  const hi0 = Math.max(0, max);
  const span = hi0 - lo0 || 1;
  const raw = span / ticks;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const nice = ([1, 2, 2.5, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag;
  // Counts get whole-number ticks: 0, 1, 2 rather than 0, 0.2, 0.4.
  const step = integers ? Math.max(1, Math.ceil(nice)) : nice;
  return { lo: Math.floor(lo0 / step) * step, hi: Math.ceil(hi0 / step) * step || step, step };
}

/** Rough text width: CJK (and other wide) characters are about one em, Latin ones about 0.6 em. */
const textWidth = (text: string, fontSize: number) => [...text].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 1 : 0.6) * fontSize, 0);

/** Cuts text with an ellipsis to fit `maxPx` (labels never overlap their neighbours). */
function shorten(text: string, maxPx: number, fontSize = 11): string {
  if (textWidth(text, fontSize) <= maxPx) return text;
  const chars = [...text];
  while (chars.length > 1 && textWidth(`${chars.join("")}…`, fontSize) > maxPx) chars.pop();
  return `${chars.join("")}…`;
}
const num = (n: number) => Number(n.toFixed(2));

interface Frame {
  width: number;
  height: number;
  title?: string;
  subtitle?: string;
  legend: { name: string; color: string }[];
  legendPosition: string;
}

/** The figure around a chart: SVG with title, subtitle and legend; `plot` draws into the box it is given. */
function frame(chart: EmbeddedChart, kind: string, f: Frame, plot: (box: { x: number; y: number; w: number; h: number }) => string): string {
  const parts: string[] = [];
  let top = 12;
  if (f.title) {
    parts.push(
      `<text class="chart-title" x="${f.width / 2}" y="${top + 16}" text-anchor="middle" font-size="16" font-weight="bold">${escapeHtml(f.title)}</text>`,
    );
    top += 26;
  }
  if (f.subtitle) {
    parts.push(`<text x="${f.width / 2}" y="${top + 12}" text-anchor="middle" font-size="12" fill="#5f6368">${escapeHtml(f.subtitle)}</text>`);
    top += 18;
  }
  const box = { x: 8, y: top + 6, w: f.width - 16, h: f.height - top - 14 };
  const position = f.legend.length ? f.legendPosition : "NO_LEGEND";
  const legendItems = f.legend.map((item, i) => ({ ...item, i, label: shorten(item.name || `Series ${i + 1}`, 160, 12) }));
  if (position === "RIGHT_LEGEND" || position === "LEFT_LEGEND") {
    const lw = Math.min(184, 24 + Math.max(...legendItems.map((l) => textWidth(l.label, 12))));
    const lx = position === "RIGHT_LEGEND" ? box.x + box.w - lw : box.x;
    legendItems.forEach((l) => {
      const y = box.y + 8 + l.i * 20;
      parts.push(
        `<g class="legend-item"><rect x="${lx}" y="${y}" width="12" height="12" fill="${l.color}"/><text x="${lx + 18}" y="${y + 11}" font-size="12">${escapeHtml(l.label)}</text></g>`,
      );
    });
    box.w -= lw + 8;
    if (position === "LEFT_LEGEND") box.x += lw + 8;
  } else if (position !== "NO_LEGEND") {
    const atTop = position === "TOP_LEGEND";
    const y = atTop ? box.y : box.y + box.h - 14;
    let x = box.x + 8;
    legendItems.forEach((l) => {
      parts.push(
        `<g class="legend-item"><rect x="${x}" y="${y}" width="12" height="12" fill="${l.color}"/><text x="${x + 18}" y="${y + 11}" font-size="12">${escapeHtml(l.label)}</text></g>`,
      );
      x += 34 + textWidth(l.label, 12);
    });
    box.h -= 24;
    if (atTop) box.y += 24;
  }
  parts.push(plot(box));
  const label = f.title ?? kind;
  return `<figure class="chart" data-chart-id="${chart.chartId}" data-chart-type="${escapeHtml(kind)}">
<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(label)}" width="${f.width}" height="${f.height}" viewBox="0 0 ${f.width} ${f.height}" font-family='${FONT_STACK}'>
<title>${escapeHtml(label)}</title><rect width="100%" height="100%" fill="#fff"/>
${parts.join("\n")}
</svg></figure>`;
}

function chartSize(chart: EmbeddedChart): { width: number; height: number } {
  const o = chart.position.overlayPosition;
  return { width: Math.min(Math.max(o?.widthPixels ?? 600, 360), 900), height: Math.min(Math.max(o?.heightPixels ?? 371, 260), 600) };
}

type SeriesType = "LINE" | "AREA" | "COLUMN" | "BAR" | "SCATTER" | "STEPPED_AREA";

function basicChart(state: SpreadsheetState, chart: EmbeddedChart, spec: BasicChartSpec): string {
  const chartType = spec.chartType ?? "COLUMN";
  const headerCount = spec.headerCount ?? 0;
  const domain = readData(state, spec.domains?.[0]?.domain, headerCount);
  const series = (spec.series ?? []).map((s, i) => {
    const data = readData(state, s.series, headerCount);
    const type = (chartType === "COMBO" ? (s.type ?? "COLUMN") : chartType) as SeriesType;
    return { ...data, type, color: cssColor(s.color, s.colorStyle) ?? (PALETTE[i % PALETTE.length] as string), name: data.header.join(" ") };
  });
  // Whole-column sources end at the last category or value written.
  let n = Math.max(domain.labels.length, ...series.map((s) => s.numbers.length));
  while (n > 0 && !domain.labels[n - 1] && series.every((s) => s.numbers[n - 1] === null || s.numbers[n - 1] === undefined)) n--;
  const categories = Array.from({ length: n }, (_, i) => domain.labels[i] ?? "");
  if (spec.domains?.[0]?.reversed) {
    categories.reverse();
    for (const s of series) s.numbers = s.numbers.slice(0, n).reverse();
  }
  const stacked = spec.stackedType === "STACKED" || spec.stackedType === "PERCENT_STACKED";
  const values = series.flatMap((s) => s.numbers.slice(0, n).filter((v): v is number => v !== null));
  let lo = Math.min(0, ...values);
  let hi = Math.max(0, ...values);
  if (stacked) {
    const sums = categories.map((_, i) => series.reduce((acc, s) => acc + Math.max(0, s.numbers[i] ?? 0), 0));
    hi = Math.max(hi, ...sums);
    lo = Math.min(lo, ...categories.map((_, i) => series.reduce((acc, s) => acc + Math.min(0, s.numbers[i] ?? 0), 0)));
  }
  const scale = niceScale(
    lo,
    hi,
    values.every((v) => Number.isInteger(v)),
  );
  const tickFormat = series.find((s) => s.format)?.format;
  const axisTitle = (position: string) => spec.axis?.find((a) => a.position === position)?.title;
  const horizontal = chartType === "BAR";
  const size = chartSize(chart);
  return frame(
    chart,
    chartType,
    {
      ...size,
      title: chart.spec.title,
      subtitle: chart.spec.subtitle,
      legend: series.map((s) => ({ name: s.name, color: s.color })),
      legendPosition: spec.legendPosition ?? "RIGHT_LEGEND",
    },
    (box) => {
      const out: string[] = [];
      const bottomTitle = axisTitle("BOTTOM_AXIS");
      const leftTitle = axisTitle("LEFT_AXIS");
      // Bars carry their category labels on the left, other charts their value ticks.
      const labelRoom = horizontal ? Math.min(Math.max(40, ...categories.map((c) => textWidth(c, 11))) + 10, box.w * 0.3) : 56;
      const plot = { x: box.x + (leftTitle ? 18 : 0) + labelRoom, y: box.y + 4, w: 0, h: 0 };
      plot.w = box.x + box.w - plot.x - 8;
      plot.h = box.y + box.h - plot.y - (bottomTitle ? 44 : 26);
      if (bottomTitle)
        out.push(
          `<text class="axis-title" x="${plot.x + plot.w / 2}" y="${box.y + box.h - 4}" text-anchor="middle" font-size="12">${escapeHtml(bottomTitle)}</text>`,
        );
      if (leftTitle) {
        const cy = plot.y + plot.h / 2;
        out.push(
          `<text class="axis-title" x="${box.x + 14}" y="${cy}" text-anchor="middle" font-size="12" transform="rotate(-90 ${box.x + 14} ${cy})">${escapeHtml(leftTitle)}</text>`,
        );
      }
      const valueLength = horizontal ? plot.w : plot.h;
      const pos = (v: number) => ((v - scale.lo) / (scale.hi - scale.lo)) * valueLength;
      // Grid lines and value ticks.
      for (let t = scale.lo; t <= scale.hi + scale.step / 2; t += scale.step) {
        const label = escapeHtml(tickFormat ? formatNumber(t, tickFormat) : String(num(t)));
        if (horizontal) {
          const x = num(plot.x + pos(t));
          out.push(`<line x1="${x}" y1="${plot.y}" x2="${x}" y2="${plot.y + plot.h}" stroke="#e0e0e0"/>`);
          out.push(`<text class="tick" x="${x}" y="${plot.y + plot.h + 16}" text-anchor="middle" font-size="11" fill="#5f6368">${label}</text>`);
        } else {
          const y = num(plot.y + plot.h - pos(t));
          out.push(`<line x1="${plot.x}" y1="${y}" x2="${plot.x + plot.w}" y2="${y}" stroke="#e0e0e0"/>`);
          out.push(`<text class="tick" x="${plot.x - 6}" y="${y + 4}" text-anchor="end" font-size="11" fill="#5f6368">${label}</text>`);
        }
      }
      const band = (horizontal ? plot.h : plot.w) / Math.max(1, n);
      const every = Math.max(1, Math.ceil(n / Math.max(1, Math.floor(horizontal ? plot.h / 18 : plot.w / 56))));
      categories.forEach((label, i) => {
        if (i % every !== 0) return;
        const text = escapeHtml(shorten(label, horizontal ? labelRoom - 10 : band * every - 4));
        if (horizontal)
          out.push(`<text class="category" x="${plot.x - 6}" y="${num(plot.y + band * (i + 0.5) + 4)}" text-anchor="end" font-size="11">${text}</text>`);
        else
          out.push(
            `<text class="category" x="${num(plot.x + band * (i + 0.5))}" y="${plot.y + plot.h + 16}" text-anchor="middle" font-size="11">${text}</text>`,
          );
      });
      const zero = horizontal ? num(plot.x + pos(0)) : num(plot.y + plot.h - pos(0));
      const bars = series.filter((s) => s.type === "COLUMN" || s.type === "BAR");
      const stackBase = categories.map(() => ({ pos: 0, neg: 0 }));
      series.forEach((s, si) => {
        const label = escapeHtml(s.name || `Series ${si + 1}`);
        const g: string[] = [];
        if (s.type === "COLUMN" || s.type === "BAR") {
          const bi = bars.indexOf(s);
          const width = stacked ? band * 0.6 : (band * 0.7) / bars.length;
          categories.forEach((cat, i) => {
            const v = s.numbers[i];
            if (v === null || v === undefined) return;
            const base = stacked ? ((v >= 0 ? stackBase[i]?.pos : stackBase[i]?.neg) ?? 0) : 0;
            if (stacked && stackBase[i]) stackBase[i][v >= 0 ? "pos" : "neg"] += v;
            const a = pos(base);
            const b = pos(base + v);
            const offset = band * i + (stacked ? band * 0.2 : band * 0.15 + width * bi);
            const tip = `<title>${escapeHtml(cat)}: ${escapeHtml(s.format ? formatNumber(v, s.format) : String(v))}</title>`;
            if (horizontal) {
              g.push(
                `<rect class="bar" data-value="${v}" x="${num(plot.x + Math.min(a, b))}" y="${num(plot.y + offset)}" width="${num(Math.abs(b - a))}" height="${num(width)}" fill="${s.color}">${tip}</rect>`,
              );
            } else {
              g.push(
                `<rect class="bar" data-value="${v}" x="${num(plot.x + offset)}" y="${num(plot.y + plot.h - Math.max(a, b))}" width="${num(width)}" height="${num(Math.abs(b - a))}" fill="${s.color}">${tip}</rect>`,
              );
            }
          });
        } else {
          const points = categories.map((cat, i) => {
            const v = s.numbers[i];
            return v === null || v === undefined ? null : { x: num(plot.x + band * (i + 0.5)), y: num(plot.y + plot.h - pos(v)), v, cat };
          });
          // A missing value breaks the line, as in Sheets.
          const runs: { x: number; y: number }[][] = [[]];
          for (const p of points) {
            if (p) runs[runs.length - 1]?.push(p);
            else if (runs[runs.length - 1]?.length) runs.push([]);
          }
          for (const run of runs.filter((r) => r.length)) {
            const d = run.map((p, k) => `${k ? "L" : "M"}${p.x} ${p.y}`).join(" ");
            if (s.type === "AREA" || s.type === "STEPPED_AREA") {
              const first = run[0] as { x: number };
              const last = run[run.length - 1] as { x: number };
              g.push(`<path class="area" d="${d} L${last.x} ${zero} L${first.x} ${zero} Z" fill="${s.color}" fill-opacity="0.3"/>`);
            }
            if (s.type !== "SCATTER") g.push(`<path class="line" d="${d}" fill="none" stroke="${s.color}" stroke-width="2"/>`);
          }
          for (const p of points) {
            if (!p) continue;
            g.push(
              `<circle class="point" data-value="${p.v}" cx="${p.x}" cy="${p.y}" r="${s.type === "SCATTER" ? 4 : 3}" fill="${s.color}"><title>${escapeHtml(p.cat)}: ${escapeHtml(s.format ? formatNumber(p.v, s.format) : String(p.v))}</title></circle>`,
            );
          }
        }
        out.push(`<g class="series" data-series="${label}" data-type="${s.type}">${g.join("")}</g>`);
      });
      if (horizontal) out.push(`<line x1="${zero}" y1="${plot.y}" x2="${zero}" y2="${plot.y + plot.h}" stroke="#5f6368"/>`);
      else out.push(`<line x1="${plot.x}" y1="${zero}" x2="${plot.x + plot.w}" y2="${zero}" stroke="#5f6368"/>`);
      return out.join("\n");
    },
  );
}

function pieChart(state: SpreadsheetState, chart: EmbeddedChart): string {
  const spec = chart.spec.pieChart ?? {};
  const domain = readData(state, spec.domain, 0);
  const values = readData(state, spec.series, 0);
  const slices = values.numbers
    .map((v, i) => ({ v: v ?? 0, label: domain.labels[i] ?? "", color: PALETTE[i % PALETTE.length] as string }))
    .filter((s) => s.v > 0);
  const total = slices.reduce((a, s) => a + s.v, 0);
  return frame(
    chart,
    "PIE",
    {
      ...chartSize(chart),
      title: chart.spec.title,
      subtitle: chart.spec.subtitle,
      legend: slices.map((s) => ({ name: s.label, color: s.color })),
      legendPosition: spec.legendPosition ?? "RIGHT_LEGEND",
    },
    (box) => {
      const r = Math.max(10, Math.min(box.w, box.h) / 2 - 8);
      const cx = box.x + box.w / 2;
      const cy = box.y + box.h / 2;
      let angle = -Math.PI / 2;
      const out = slices.map((s) => {
        const sweep = (s.v / total) * Math.PI * 2;
        const end = angle + sweep;
        const mid = angle + sweep / 2;
        const share = `${((s.v / total) * 100).toFixed(1)}%`;
        const shape =
          slices.length === 1
            ? `<circle class="slice" data-value="${s.v}" cx="${num(cx)}" cy="${num(cy)}" r="${num(r)}" fill="${s.color}">`
            : `<path class="slice" data-value="${s.v}" d="M${num(cx)} ${num(cy)} L${num(cx + r * Math.cos(angle))} ${num(cy + r * Math.sin(angle))} A${num(r)} ${num(r)} 0 ${sweep > Math.PI ? 1 : 0} 1 ${num(cx + r * Math.cos(end))} ${num(cy + r * Math.sin(end))} Z" fill="${s.color}" stroke="#fff">`;
        angle = end;
        const label =
          sweep > 0.3
            ? `<text x="${num(cx + r * 0.7 * Math.cos(mid))}" y="${num(cy + r * 0.7 * Math.sin(mid) + 4)}" text-anchor="middle" font-size="11" fill="#fff">${share}</text>`
            : "";
        return `${shape}<title>${escapeHtml(s.label)}: ${share}</title>${slices.length === 1 ? "</circle>" : "</path>"}${label}`;
      });
      if (spec.pieHole) out.push(`<circle cx="${num(cx)}" cy="${num(cy)}" r="${num(r * spec.pieHole)}" fill="#fff"/>`);
      return out.join("\n");
    },
  );
}

/** One chart as an SVG figure, drawn from its spec and the cells its ranges name. */
export function renderChart(state: SpreadsheetState, chart: EmbeddedChart): string {
  try {
    if (chart.spec.basicChart) return basicChart(state, chart, chart.spec.basicChart);
    if (chart.spec.pieChart) return pieChart(state, chart);
  } catch {
    // A range that no longer fits the sheet (rows deleted since) is shown as not drawable rather than failing the page.
  }
  const kind = Object.keys(chart.spec).find((k) => k.endsWith("Chart")) ?? "unknown";
  return `<figure class="chart chart-unsupported" data-chart-id="${chart.chartId}"><figcaption>${escapeHtml(chart.spec.title ?? "")}</figcaption><p>未绘制此类图表 / The stand-in does not draw ${escapeHtml(kind)} charts.</p></figure>`;
}
