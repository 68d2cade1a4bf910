import * as z from "zod";
import { type BoundRange, boundGridRange, findSheet, gridSize } from "./a1.js";
import { ApiError, invalid } from "./errors.js";
import { applyMask, parseFieldMask } from "./field-mask.js";
import { cellAt, lastValueRow, setCell, spliceDimension, truncateGrid } from "./grid.js";
import {
  type CellData,
  CellDataSchema,
  ChartSpecSchema,
  ColorSchema,
  ColorStyleSchema,
  type ConditionalFormatRule,
  ConditionalFormatRuleSchema,
  DeveloperMetadataSchema,
  type DimensionRange,
  DimensionPropertiesSchema,
  DimensionRangeSchema,
  type EmbeddedChart,
  EmbeddedChartSchema,
  GridCoordinateSchema,
  type GridRange,
  GridRangeSchema,
  NamedRangeSchema,
  ProtectedRangeSchema,
  type RowData,
  RowDataSchema,
  type SheetState,
  SheetPropertiesSchema,
  SpreadsheetPropertiesSchema,
  type SpreadsheetState,
} from "./model.js";
import { addSheet, checkGridProperties, checkTitle, reindex } from "./sheets.js";

type Json = Record<string, unknown>;
type Reply = Json;

interface Handler<S extends z.ZodType> {
  schema: S;
  apply(state: SpreadsheetState, request: z.infer<S>): Reply | undefined;
}

const handler = <S extends z.ZodType>(schema: S, apply: Handler<S>["apply"]): Handler<S> => ({ schema, apply });

const nextId = (state: SpreadsheetState): number => state.nextObjectId++;

function dimensionRange(state: SpreadsheetState, range: DimensionRange): { sheet: SheetState; start: number; end: number } {
  const sheet = findSheet(state, range.sheetId);
  const size = range.dimension === "ROWS" ? gridSize(sheet).rows : gridSize(sheet).columns;
  const start = range.startIndex ?? 0;
  const end = range.endIndex ?? size;
  if (end < start) throw invalid(`the start index (${start}) must not be after the end index (${end}).`);
  if (end > size) throw invalid(`index ${end} is past the ${range.dimension === "ROWS" ? "rows" : "columns"} of sheet '${sheet.properties.title}' (${size}).`);
  return { sheet, start, end };
}

/** Writes `rows` from (startRow, startColumn) with the field mask; within `range`, masked fields of cells not covered are cleared. */
function writeCells(sheet: SheetState, rows: RowData[], top: number, left: number, paths: string[][], clearTo?: BoundRange): void {
  const bottom = clearTo ? clearTo.endRow : top + rows.length;
  for (let r = top; r < bottom; r++) {
    const values = rows[r - top]?.values ?? [];
    const right = clearTo ? clearTo.endColumn : left + values.length;
    for (let c = left; c < right; c++) {
      const source = (values[c - left] ?? {}) as Json;
      const target = structuredClone(cellAt(sheet, r, c) ?? {}) as Json;
      applyMask(target, source, paths);
      setCell(sheet, r, c, target as CellData);
    }
  }
}

function checkRowsFit(sheet: SheetState, rows: RowData[], top: number, left: number): void {
  const grid = gridSize(sheet);
  const width = Math.max(0, ...rows.map((r) => r.values?.length ?? 0));
  if (top + rows.length > grid.rows) {
    throw invalid(`GridCoordinate.rowIndex[${top + rows.length - 1}] is after last row in grid[${grid.rows - 1}]`);
  }
  if (left + width > grid.columns) {
    throw invalid(`GridCoordinate.columnIndex[${left + width - 1}] is after last column in grid[${grid.columns - 1}]`);
  }
}

/** Every GridRange stored in the spreadsheet (charts, rules, merges, protected and named ranges), to move with inserted or deleted rows and columns. */
function storedRanges(state: SpreadsheetState): GridRange[] {
  const found: GridRange[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) for (const v of value) walk(v);
    else if (value && typeof value === "object") {
      const obj = value as Json;
      if ("startRowIndex" in obj || "endRowIndex" in obj || "startColumnIndex" in obj || "endColumnIndex" in obj) found.push(obj as GridRange);
      for (const v of Object.values(obj)) walk(v);
    }
  };
  for (const sheet of state.sheets) walk([sheet.charts, sheet.conditionalFormats, sheet.merges, sheet.protectedRanges]);
  walk(state.namedRanges);
  return found;
}

function moveRanges(state: SpreadsheetState, sheetId: number, dimension: "ROWS" | "COLUMNS", at: number, count: number): void {
  const [startKey, endKey] = dimension === "ROWS" ? (["startRowIndex", "endRowIndex"] as const) : (["startColumnIndex", "endColumnIndex"] as const);
  const move = (x: number, isEnd: boolean): number => {
    if (count > 0) return x > at || (x === at && !isEnd) ? x + count : x;
    return x <= at ? x : Math.max(at, x + count);
  };
  for (const range of storedRanges(state)) {
    if ((range.sheetId ?? 0) !== sheetId) continue;
    if (range[startKey] !== undefined) range[startKey] = move(range[startKey], false);
    if (range[endKey] !== undefined) range[endKey] = move(range[endKey], true);
  }
}

function checkChart(state: SpreadsheetState, chart: { spec: z.infer<typeof ChartSpecSchema> }): void {
  const spec = chart.spec;
  const data = [
    ...(spec.basicChart?.domains ?? []).map((d) => d.domain),
    ...(spec.basicChart?.series ?? []).map((s) => s.series),
    ...(spec.pieChart ? [spec.pieChart.domain, spec.pieChart.series] : []),
  ];
  for (const d of data) for (const source of d?.sourceRange?.sources ?? []) boundGridRange(state, source);
  if (spec.basicChart && !spec.basicChart.chartType) throw invalid(`basicChart.chartType is required.`);
}

const RULE_ARITY: Record<string, number> = {
  NUMBER_GREATER: 1,
  NUMBER_GREATER_THAN_EQ: 1,
  NUMBER_LESS: 1,
  NUMBER_LESS_THAN_EQ: 1,
  NUMBER_EQ: 1,
  NUMBER_NOT_EQ: 1,
  NUMBER_BETWEEN: 2,
  NUMBER_NOT_BETWEEN: 2,
  TEXT_CONTAINS: 1,
  TEXT_NOT_CONTAINS: 1,
  TEXT_STARTS_WITH: 1,
  TEXT_ENDS_WITH: 1,
  TEXT_EQ: 1,
  TEXT_IS_EMAIL: 0,
  TEXT_IS_URL: 0,
  DATE_EQ: 1,
  DATE_BEFORE: 1,
  DATE_AFTER: 1,
  BLANK: 0,
  NOT_BLANK: 0,
  CUSTOM_FORMULA: 1,
};

/** The sheet a rule belongs to: all its ranges must be on one existing sheet, inside the grid. */
function checkRule(state: SpreadsheetState, rule: ConditionalFormatRule): SheetState {
  const sheets = new Set(rule.ranges.map((r) => r.sheetId ?? 0));
  if (sheets.size !== 1) throw invalid(`all ranges of a conditional format rule must be on the same sheet.`);
  for (const range of rule.ranges) boundGridRange(state, range);
  if (!rule.booleanRule === !rule.gradientRule) throw invalid(`a rule needs exactly one of booleanRule or gradientRule.`);
  const condition = rule.booleanRule?.condition;
  if (condition) {
    const arity = RULE_ARITY[condition.type];
    if (arity === undefined) throw invalid(`condition type ${condition.type} is not valid for conditional formatting.`);
    const given = condition.values?.length ?? 0;
    if (given !== arity) throw invalid(`condition ${condition.type} takes ${arity} value(s), ${given} given.`);
  }
  return findSheet(state, rule.ranges[0]?.sheetId);
}

function ruleAt(state: SpreadsheetState, sheetId: number | undefined, index: number): { sheet: SheetState; rule: ConditionalFormatRule } {
  const sheet = findSheet(state, sheetId);
  const rule = sheet.conditionalFormats[index];
  if (!rule) throw invalid(`No conditional format on sheet: ${sheet.properties.sheetId} at index: ${index}`);
  return { sheet, rule };
}

function findChart(state: SpreadsheetState, chartId: number): { sheet: SheetState; chart: EmbeddedChart } {
  for (const sheet of state.sheets) {
    const chart = sheet.charts.find((c) => c.chartId === chartId);
    if (chart) return { sheet, chart };
  }
  throw invalid(`No chart with id: ${chartId}`);
}

const intersects = (a: BoundRange, b: BoundRange) =>
  a.sheet === b.sheet && a.startRow < b.endRow && b.startRow < a.endRow && a.startColumn < b.endColumn && b.startColumn < a.endColumn;
const contains = (outer: BoundRange, inner: BoundRange) =>
  outer.startRow <= inner.startRow && inner.endRow <= outer.endRow && outer.startColumn <= inner.startColumn && inner.endColumn <= outer.endColumn;

const toGridRange = (b: BoundRange): GridRange => ({
  sheetId: b.sheet.properties.sheetId,
  startRowIndex: b.startRow,
  endRowIndex: b.endRow,
  startColumnIndex: b.startColumn,
  endColumnIndex: b.endColumn,
});

const idField = z.number().int();
const BorderSchema = z.looseObject({
  style: z.enum(["STYLE_UNSPECIFIED", "DOTTED", "DASHED", "SOLID", "SOLID_MEDIUM", "SOLID_THICK", "NONE", "DOUBLE"]),
  width: z.number().int().optional(),
  color: ColorSchema.optional(),
  colorStyle: ColorStyleSchema.optional(),
});

/** The requests the stand-in carries out, by name, each with its shape and what it does. */
const HANDLERS: Record<string, Handler<z.ZodType>> = {
  addSheet: handler(z.looseObject({ properties: SheetPropertiesSchema.optional() }), (state, req) => {
    const sheet = addSheet(state, req.properties);
    return { addSheet: { properties: structuredClone(sheet.properties) } };
  }),

  deleteSheet: handler(z.looseObject({ sheetId: idField }), (state, req) => {
    const sheet = findSheet(state, req.sheetId);
    if (state.sheets.length === 1) throw invalid("You can't remove all the sheets in a document.");
    state.sheets.splice(state.sheets.indexOf(sheet), 1);
    state.namedRanges = state.namedRanges.filter((n) => (n.range.sheetId ?? 0) !== req.sheetId);
    state.developerMetadata = state.developerMetadata.filter((m) => (m.location.sheetId ?? m.location.dimensionRange?.sheetId) !== req.sheetId);
    reindex(state);
    return undefined;
  }),

  updateSheetProperties: handler(z.looseObject({ properties: SheetPropertiesSchema, fields: z.string().optional() }), (state, req) => {
    const paths = parseFieldMask(req.fields).filter((p) => p[0] !== "sheetId" && p[0] !== "sheetType");
    const sheet = findSheet(state, req.properties.sheetId);
    const before = gridSize(sheet);
    const next = structuredClone(sheet.properties) as Json;
    applyMask(next, req.properties as Json, paths);
    const props = next as SheetState["properties"];
    props.sheetId = sheet.properties.sheetId;
    props.sheetType = sheet.properties.sheetType;
    if (props.title !== sheet.properties.title) checkTitle(state, props.title ?? "", sheet);
    if (sheet.properties.sheetType === "GRID") {
      const g = props.gridProperties ?? {};
      props.gridProperties = { ...g, rowCount: g.rowCount ?? before.rows, columnCount: g.columnCount ?? before.columns };
      checkGridProperties(props);
    }
    const index = Math.min(props.index ?? sheet.properties.index, state.sheets.length - 1);
    sheet.properties = props;
    // A smaller grid drops the cells outside it, as in Sheets.
    truncateGrid(sheet);
    state.sheets.splice(state.sheets.indexOf(sheet), 1);
    state.sheets.splice(index, 0, sheet);
    reindex(state);
    return undefined;
  }),

  updateSpreadsheetProperties: handler(z.looseObject({ properties: SpreadsheetPropertiesSchema, fields: z.string().optional() }), (state, req) => {
    const next = structuredClone(state.properties) as Json;
    applyMask(next, req.properties as Json, parseFieldMask(req.fields));
    if (typeof next.title !== "string") next.title = "";
    state.properties = next as SpreadsheetState["properties"];
    return undefined;
  }),

  updateCells: handler(
    z.looseObject({
      rows: z.array(RowDataSchema).optional(),
      fields: z.string().optional(),
      start: GridCoordinateSchema.optional(),
      range: GridRangeSchema.optional(),
    }),
    (state, req) => {
      const paths = parseFieldMask(req.fields);
      const rows = req.rows ?? [];
      if (!req.start === !req.range) throw invalid(`exactly one of start or range must be set.`);
      if (req.range) {
        const range = boundGridRange(state, req.range);
        writeCells(range.sheet, rows, range.startRow, range.startColumn, paths, range);
        return undefined;
      }
      const start = req.start as z.infer<typeof GridCoordinateSchema>;
      const sheet = findSheet(state, start.sheetId);
      const top = start.rowIndex ?? 0;
      const left = start.columnIndex ?? 0;
      checkRowsFit(sheet, rows, top, left);
      writeCells(sheet, rows, top, left, paths);
      return undefined;
    },
  ),

  repeatCell: handler(z.looseObject({ range: GridRangeSchema, cell: CellDataSchema.optional(), fields: z.string().optional() }), (state, req) => {
    const paths = parseFieldMask(req.fields);
    const range = boundGridRange(state, req.range);
    const row = { values: Array<CellData>(range.endColumn - range.startColumn).fill(req.cell ?? {}) };
    writeCells(range.sheet, Array<RowData>(range.endRow - range.startRow).fill(row), range.startRow, range.startColumn, paths);
    return undefined;
  }),

  appendCells: handler(z.looseObject({ sheetId: idField.optional(), rows: z.array(RowDataSchema), fields: z.string().optional() }), (state, req) => {
    const paths = parseFieldMask(req.fields);
    const sheet = findSheet(state, req.sheetId);
    const top = lastValueRow(sheet);
    const grid = gridSize(sheet);
    // Appending grows the grid when the rows do not fit, as in Sheets.
    const missingRows = top + req.rows.length - grid.rows;
    if (missingRows > 0) spliceDimension(sheet, "ROWS", grid.rows, missingRows);
    const width = Math.max(0, ...req.rows.map((r) => r.values?.length ?? 0));
    if (width > grid.columns) spliceDimension(sheet, "COLUMNS", grid.columns, width - grid.columns);
    writeCells(sheet, req.rows, top, 0, paths);
    return undefined;
  }),

  insertDimension: handler(z.looseObject({ range: DimensionRangeSchema, inheritFromBefore: z.boolean().optional() }), (state, req) => {
    // Rows or columns may be inserted anywhere up to the end of the grid; only the start has to exist.
    const { sheet, start } = dimensionRange(state, { ...req.range, endIndex: req.range.startIndex });
    const count = (req.range.endIndex ?? start) - start;
    if (count <= 0) throw invalid("endIndex must be greater than startIndex.");
    if (req.inheritFromBefore && start === 0) throw invalid("cannot inherit from before when inserting at index 0.");
    spliceDimension(sheet, req.range.dimension, start, count);
    moveRanges(state, sheet.properties.sheetId, req.range.dimension, start, count);
    return undefined;
  }),

  appendDimension: handler(z.looseObject({ sheetId: idField, dimension: z.enum(["ROWS", "COLUMNS"]), length: z.number().int().min(1) }), (state, req) => {
    const sheet = findSheet(state, req.sheetId);
    const grid = gridSize(sheet);
    spliceDimension(sheet, req.dimension, req.dimension === "ROWS" ? grid.rows : grid.columns, req.length);
    return undefined;
  }),

  deleteDimension: handler(z.looseObject({ range: DimensionRangeSchema }), (state, req) => {
    const { sheet, start, end } = dimensionRange(state, req.range);
    const grid = gridSize(sheet);
    const size = req.range.dimension === "ROWS" ? grid.rows : grid.columns;
    if (end - start >= size) throw invalid(`You can't delete all the ${req.range.dimension === "ROWS" ? "rows" : "columns"} on the sheet.`);
    spliceDimension(sheet, req.range.dimension, start, start - end);
    moveRanges(state, sheet.properties.sheetId, req.range.dimension, start, start - end);
    return undefined;
  }),

  updateDimensionProperties: handler(
    z.looseObject({ range: DimensionRangeSchema, properties: DimensionPropertiesSchema, fields: z.string().optional() }),
    (state, req) => {
      const paths = parseFieldMask(req.fields);
      const { sheet, start, end } = dimensionRange(state, req.range);
      const list = req.range.dimension === "ROWS" ? sheet.rowMetadata : sheet.columnMetadata;
      for (let i = start; i < end; i++) {
        while (list.length <= i) list.push(null);
        const next = structuredClone(list[i] ?? {}) as Json;
        applyMask(next, req.properties as Json, paths);
        list[i] = Object.keys(next).length ? next : null;
      }
      return undefined;
    },
  ),

  // Accepted and checked; the stand-in does not measure text, so sizes stay as they are.
  autoResizeDimensions: handler(z.looseObject({ dimensions: DimensionRangeSchema }), (state, req) => {
    dimensionRange(state, req.dimensions);
    return undefined;
  }),

  addChart: handler(z.looseObject({ chart: EmbeddedChartSchema }), (state, req) => {
    checkChart(state, req.chart);
    const chartId = req.chart.chartId ?? nextId(state);
    if (state.sheets.some((s) => s.charts.some((c) => c.chartId === chartId))) throw invalid(`an object with id ${chartId} already exists.`);
    const position = structuredClone(req.chart.position ?? { newSheet: true });
    let sheet: SheetState;
    if (position.overlayPosition) {
      sheet = findSheet(state, position.overlayPosition.anchorCell.sheetId);
      delete position.newSheet;
    } else if (position.sheetId !== undefined && !position.newSheet) {
      sheet = findSheet(state, position.sheetId);
    } else {
      // A chart on its own sheet: Google creates an OBJECT sheet for it.
      sheet = addSheet(state, { title: `Chart${state.sheets.filter((s) => s.properties.sheetType === "OBJECT").length + 1}` }, "OBJECT");
      delete position.newSheet;
      position.sheetId = sheet.properties.sheetId;
    }
    const chart: EmbeddedChart = { ...structuredClone(req.chart), chartId, position };
    sheet.charts.push(chart);
    return { addChart: { chart: structuredClone(chart) } };
  }),

  updateChartSpec: handler(z.looseObject({ chartId: idField, spec: ChartSpecSchema }), (state, req) => {
    const { chart } = findChart(state, req.chartId);
    checkChart(state, req);
    chart.spec = structuredClone(req.spec);
    return undefined;
  }),

  updateEmbeddedObjectPosition: handler(
    z.looseObject({ objectId: idField, newPosition: EmbeddedChartSchema.shape.position.unwrap(), fields: z.string().optional() }),
    (state, req) => {
      const { sheet, chart } = findChart(state, req.objectId);
      const anchor = req.newPosition.overlayPosition?.anchorCell.sheetId;
      const target = anchor !== undefined ? findSheet(state, anchor) : sheet;
      const next = structuredClone(chart.position) as Json;
      applyMask(next, req.newPosition as Json, parseFieldMask(req.fields ?? "*"));
      chart.position = next;
      if (target !== sheet) {
        sheet.charts.splice(sheet.charts.indexOf(chart), 1);
        target.charts.push(chart);
      }
      return { updateEmbeddedObjectPosition: { position: structuredClone(chart.position) } };
    },
  ),

  deleteEmbeddedObject: handler(z.looseObject({ objectId: idField }), (state, req) => {
    const { sheet, chart } = findChart(state, req.objectId);
    sheet.charts.splice(sheet.charts.indexOf(chart), 1);
    return undefined;
  }),

  addConditionalFormatRule: handler(z.looseObject({ rule: ConditionalFormatRuleSchema, index: z.number().int().min(0).optional() }), (state, req) => {
    const sheet = checkRule(state, req.rule);
    const index = req.index ?? 0;
    if (index > sheet.conditionalFormats.length) {
      throw invalid(`index ${index} is past the ${sheet.conditionalFormats.length} rule(s) of sheet '${sheet.properties.title}'.`);
    }
    sheet.conditionalFormats.splice(index, 0, structuredClone(req.rule));
    return undefined;
  }),

  updateConditionalFormatRule: handler(
    z.looseObject({
      index: z.number().int().min(0),
      sheetId: idField.optional(),
      rule: ConditionalFormatRuleSchema.optional(),
      newIndex: z.number().int().min(0).optional(),
    }),
    (state, req) => {
      if ((req.rule === undefined) === (req.newIndex === undefined)) throw invalid(`exactly one of rule or newIndex must be set.`);
      if (req.rule) {
        const sheet = checkRule(state, req.rule);
        const { rule: oldRule } = ruleAt(state, sheet.properties.sheetId, req.index);
        sheet.conditionalFormats[req.index] = structuredClone(req.rule);
        return { updateConditionalFormatRule: { newRule: structuredClone(req.rule), newIndex: req.index, oldRule, oldIndex: req.index } };
      }
      const newIndex = req.newIndex as number;
      const { sheet, rule } = ruleAt(state, req.sheetId, req.index);
      if (newIndex >= sheet.conditionalFormats.length) throw invalid(`newIndex ${newIndex} is past the rules of the sheet.`);
      sheet.conditionalFormats.splice(req.index, 1);
      sheet.conditionalFormats.splice(newIndex, 0, rule);
      return { updateConditionalFormatRule: { newRule: structuredClone(rule), newIndex, oldIndex: req.index } };
    },
  ),

  deleteConditionalFormatRule: handler(z.looseObject({ sheetId: idField, index: z.number().int().min(0) }), (state, req) => {
    const { sheet, rule } = ruleAt(state, req.sheetId, req.index);
    sheet.conditionalFormats.splice(req.index, 1);
    return { deleteConditionalFormatRule: { rule } };
  }),

  updateBorders: handler(
    z.looseObject({
      range: GridRangeSchema,
      top: BorderSchema.optional(),
      bottom: BorderSchema.optional(),
      left: BorderSchema.optional(),
      right: BorderSchema.optional(),
      innerHorizontal: BorderSchema.optional(),
      innerVertical: BorderSchema.optional(),
    }),
    (state, req) => {
      const range = boundGridRange(state, req.range);
      // Google keeps borders on the cells (userEnteredFormat.borders); a side not given is left as it is, NONE removes it.
      const set = (r: number, c: number, side: "top" | "bottom" | "left" | "right", border: z.infer<typeof BorderSchema> | undefined) => {
        if (!border) return;
        const cell = structuredClone(cellAt(range.sheet, r, c) ?? {});
        const format = (cell.userEnteredFormat ?? {}) as Json;
        const borders = { ...((format.borders as Json | undefined) ?? {}) };
        if (border.style === "NONE") delete borders[side];
        else borders[side] = structuredClone(border);
        if (Object.keys(borders).length) format.borders = borders;
        else delete format.borders;
        cell.userEnteredFormat = format;
        if (Object.keys(format).length === 0) delete cell.userEnteredFormat;
        setCell(range.sheet, r, c, cell);
      };
      for (let r = range.startRow; r < range.endRow; r++) {
        for (let c = range.startColumn; c < range.endColumn; c++) {
          set(r, c, "top", r === range.startRow ? req.top : req.innerHorizontal);
          set(r, c, "bottom", r === range.endRow - 1 ? req.bottom : req.innerHorizontal);
          set(r, c, "left", c === range.startColumn ? req.left : req.innerVertical);
          set(r, c, "right", c === range.endColumn - 1 ? req.right : req.innerVertical);
        }
      }
      return undefined;
    },
  ),

  setDataValidation: handler(
    z.looseObject({ range: GridRangeSchema, rule: z.looseObject({ condition: z.looseObject({ type: z.string() }) }).optional() }),
    (state, req) => {
      const range = boundGridRange(state, req.range);
      // Validation is not enforced by the stand-in: it is kept on the cells and read back, as Google stores it.
      for (let r = range.startRow; r < range.endRow; r++) {
        for (let c = range.startColumn; c < range.endColumn; c++) {
          const cell = structuredClone(cellAt(range.sheet, r, c) ?? {}) as Json;
          if (req.rule) cell.dataValidation = structuredClone(req.rule);
          else delete cell.dataValidation;
          setCell(range.sheet, r, c, cell as CellData);
        }
      }
      return undefined;
    },
  ),

  mergeCells: handler(z.looseObject({ range: GridRangeSchema, mergeType: z.enum(["MERGE_ALL", "MERGE_COLUMNS", "MERGE_ROWS"]).optional() }), (state, req) => {
    const range = boundGridRange(state, req.range);
    const merges: BoundRange[] = [];
    const type = req.mergeType ?? "MERGE_ALL";
    if (type === "MERGE_ALL") merges.push(range);
    else if (type === "MERGE_COLUMNS") for (let c = range.startColumn; c < range.endColumn; c++) merges.push({ ...range, startColumn: c, endColumn: c + 1 });
    else for (let r = range.startRow; r < range.endRow; r++) merges.push({ ...range, startRow: r, endRow: r + 1 });
    for (const merge of merges) {
      if ((merge.endRow - merge.startRow) * (merge.endColumn - merge.startColumn) < 2) continue;
      for (const existing of range.sheet.merges) {
        if (intersects(boundGridRange(state, existing), merge)) throw invalid(`You can't merge cells that intersect an existing merge.`);
      }
      // Merging keeps only the top-left value, as in Sheets.
      for (let r = merge.startRow; r < merge.endRow; r++) {
        for (let c = merge.startColumn; c < merge.endColumn; c++) {
          const cell = cellAt(range.sheet, r, c);
          if ((r !== merge.startRow || c !== merge.startColumn) && cell?.userEnteredValue) {
            const { userEnteredValue: _dropped, ...rest } = cell;
            setCell(range.sheet, r, c, rest);
          }
        }
      }
      range.sheet.merges.push(toGridRange(merge));
    }
    return undefined;
  }),

  unmergeCells: handler(z.looseObject({ range: GridRangeSchema }), (state, req) => {
    const range = boundGridRange(state, req.range);
    range.sheet.merges = range.sheet.merges.filter((m) => {
      const merge = boundGridRange(state, m);
      if (!intersects(merge, range)) return true;
      if (!contains(range, merge)) throw invalid(`the range partially covers a merge; unmerge its whole area.`);
      return false;
    });
    return undefined;
  }),

  addProtectedRange: handler(z.looseObject({ protectedRange: ProtectedRangeSchema }), (state, req) => {
    const given = req.protectedRange;
    let sheet: SheetState;
    if (given.range) sheet = boundGridRange(state, given.range).sheet;
    else {
      const named = state.namedRanges.find((n) => n.namedRangeId === given.namedRangeId);
      if (!named) throw invalid(`a protected range needs a range or an existing namedRangeId.`);
      sheet = findSheet(state, named.range.sheetId);
    }
    const protectedRange = { ...structuredClone(given), protectedRangeId: given.protectedRangeId ?? nextId(state) };
    sheet.protectedRanges.push(protectedRange);
    return { addProtectedRange: { protectedRange: structuredClone(protectedRange) } };
  }),

  deleteProtectedRange: handler(z.looseObject({ protectedRangeId: idField }), (state, req) => {
    const sheet = state.sheets.find((s) => s.protectedRanges.some((p) => p.protectedRangeId === req.protectedRangeId));
    if (!sheet) throw invalid(`No protected range with id: ${req.protectedRangeId}`);
    sheet.protectedRanges = sheet.protectedRanges.filter((p) => p.protectedRangeId !== req.protectedRangeId);
    return undefined;
  }),

  addNamedRange: handler(z.looseObject({ namedRange: NamedRangeSchema }), (state, req) => {
    const given = req.namedRange;
    // Letters (any script), digits, underscores and periods, not starting with a digit; not a cell reference.
    if (!/^[\p{L}_][\p{L}\p{N}_.]*$/u.test(given.name) || /^[A-Za-z]{1,3}\d+$/.test(given.name)) {
      throw invalid(
        `the named range name '${given.name}' is not valid: use letters, digits, underscores or periods, not starting with a digit and not a cell reference.`,
      );
    }
    if (state.namedRanges.some((n) => n.name.toLowerCase() === given.name.toLowerCase())) throw invalid(`a named range '${given.name}' already exists.`);
    boundGridRange(state, given.range);
    const namedRange = { ...structuredClone(given), namedRangeId: given.namedRangeId ?? `nr${nextId(state)}` };
    state.namedRanges.push(namedRange);
    return { addNamedRange: { namedRange: structuredClone(namedRange) } };
  }),

  deleteNamedRange: handler(z.looseObject({ namedRangeId: z.string() }), (state, req) => {
    if (!state.namedRanges.some((n) => n.namedRangeId === req.namedRangeId)) throw invalid(`No named range with id: ${req.namedRangeId}`);
    state.namedRanges = state.namedRanges.filter((n) => n.namedRangeId !== req.namedRangeId);
    return undefined;
  }),

  createDeveloperMetadata: handler(z.looseObject({ developerMetadata: DeveloperMetadataSchema }), (state, req) => {
    const given = req.developerMetadata;
    const location = given.location;
    let locationType: string;
    if (location.spreadsheet) locationType = "SPREADSHEET";
    else if (location.sheetId !== undefined) {
      findSheet(state, location.sheetId);
      locationType = "SHEET";
    } else if (location.dimensionRange) {
      dimensionRange(state, location.dimensionRange);
      locationType = location.dimensionRange.dimension === "ROWS" ? "ROW" : "COLUMN";
    } else throw invalid(`location must name the spreadsheet, a sheetId or a dimensionRange.`);
    const metadataId = given.metadataId ?? nextId(state);
    if (state.developerMetadata.some((m) => m.metadataId === metadataId)) throw invalid(`metadata id ${metadataId} already exists.`);
    const developerMetadata = { ...structuredClone(given), metadataId, location: { ...structuredClone(location), locationType } };
    state.developerMetadata.push(developerMetadata);
    return { createDeveloperMetadata: { developerMetadata: structuredClone(developerMetadata) } };
  }),
};

export const BatchUpdateBodySchema = z.looseObject({
  requests: z.array(z.record(z.string(), z.unknown())).optional(),
  includeSpreadsheetInResponse: z.boolean().optional(),
  responseIncludeGridData: z.boolean().optional(),
  responseRanges: z.array(z.string()).optional(),
});

/**
 * Applies every request to a copy of the spreadsheet and returns the copy with the replies in
 * request order; the first invalid request throws, so the stored spreadsheet is untouched (Google's
 * batchUpdate is all or nothing).
 */
export function batchUpdate(current: SpreadsheetState, requests: Record<string, unknown>[]): { state: SpreadsheetState; replies: Reply[] } {
  const state = structuredClone(current);
  const replies = requests.map((request, i) => {
    const kinds = Object.keys(request);
    if (kinds.length !== 1)
      throw invalid(`Invalid requests[${i}]: exactly one kind of request must be set, found ${kinds.length ? kinds.join(", ") : "none"}.`);
    const name = kinds[0] as string;
    const h = HANDLERS[name];
    if (!h) throw invalid(`Invalid requests[${i}]: '${name}' is not supported by the Sheets stand-in (supported: ${Object.keys(HANDLERS).join(", ")}).`);
    const parsed = h.schema.safeParse(request[name]);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw invalid(`Invalid requests[${i}].${name}${issue?.path.length ? `.${issue.path.join(".")}` : ""}: ${issue?.message ?? "invalid value"}`);
    }
    try {
      return h.apply(state, parsed.data) ?? {};
    } catch (error) {
      // Name the failing request and its position, as Google's messages do.
      if (error instanceof ApiError) throw invalid(`Invalid requests[${i}].${name}: ${error.message}`);
      throw error;
    }
  });
  return { state, replies };
}
