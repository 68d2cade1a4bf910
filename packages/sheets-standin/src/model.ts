import * as z from "zod";

/**
 * The parts of the Sheets API v4 resources the stand-in interprets, as zod schemas: requests are
 * checked against them at the HTTP boundary. Objects are loose, so fields the stand-in does not
 * interpret (a chart's fonts, a border's style) are kept and read back as they were written.
 */

const int = z.number().int().min(0);

export const ColorSchema = z.looseObject({
  red: z.number().min(0).max(1).optional(),
  green: z.number().min(0).max(1).optional(),
  blue: z.number().min(0).max(1).optional(),
  alpha: z.number().min(0).max(1).optional(),
});
export type Color = z.infer<typeof ColorSchema>;

export const ColorStyleSchema = z.looseObject({ rgbColor: ColorSchema.optional(), themeColor: z.string().optional() });
export type ColorStyle = z.infer<typeof ColorStyleSchema>;

export const GridRangeSchema = z.looseObject({
  sheetId: z.number().int().optional(),
  startRowIndex: int.optional(),
  endRowIndex: int.optional(),
  startColumnIndex: int.optional(),
  endColumnIndex: int.optional(),
});
export type GridRange = z.infer<typeof GridRangeSchema>;

export const GridCoordinateSchema = z.looseObject({ sheetId: z.number().int().optional(), rowIndex: int.optional(), columnIndex: int.optional() });

export const DimensionSchema = z.enum(["ROWS", "COLUMNS"]);
export const DimensionRangeSchema = z.looseObject({
  sheetId: z.number().int().optional(),
  dimension: DimensionSchema,
  startIndex: int.optional(),
  endIndex: int.optional(),
});
export type DimensionRange = z.infer<typeof DimensionRangeSchema>;

export const ExtendedValueSchema = z.looseObject({
  stringValue: z.string().optional(),
  numberValue: z.number().optional(),
  boolValue: z.boolean().optional(),
  formulaValue: z.string().optional(),
  errorValue: z.looseObject({ type: z.string().optional(), message: z.string().optional() }).optional(),
});
export type ExtendedValue = z.infer<typeof ExtendedValueSchema>;

export const TextFormatSchema = z.looseObject({
  foregroundColor: ColorSchema.optional(),
  foregroundColorStyle: ColorStyleSchema.optional(),
  fontFamily: z.string().optional(),
  fontSize: z.number().int().optional(),
  bold: z.boolean().optional(),
  italic: z.boolean().optional(),
  strikethrough: z.boolean().optional(),
  underline: z.boolean().optional(),
});
export type TextFormat = z.infer<typeof TextFormatSchema>;

export const NumberFormatTypeSchema = z.enum([
  "NUMBER_FORMAT_TYPE_UNSPECIFIED",
  "TEXT",
  "NUMBER",
  "PERCENT",
  "CURRENCY",
  "DATE",
  "TIME",
  "DATE_TIME",
  "SCIENTIFIC",
]);
export const NumberFormatSchema = z.looseObject({ type: NumberFormatTypeSchema, pattern: z.string().optional() });
export type NumberFormat = z.infer<typeof NumberFormatSchema>;

export const CellFormatSchema = z.looseObject({
  numberFormat: NumberFormatSchema.optional(),
  backgroundColor: ColorSchema.optional(),
  backgroundColorStyle: ColorStyleSchema.optional(),
  horizontalAlignment: z.enum(["HORIZONTAL_ALIGN_UNSPECIFIED", "LEFT", "CENTER", "RIGHT"]).optional(),
  verticalAlignment: z.enum(["VERTICAL_ALIGN_UNSPECIFIED", "TOP", "MIDDLE", "BOTTOM"]).optional(),
  wrapStrategy: z.string().optional(),
  textFormat: TextFormatSchema.optional(),
});
export type CellFormat = z.infer<typeof CellFormatSchema>;

export const CellDataSchema = z.looseObject({
  userEnteredValue: ExtendedValueSchema.optional(),
  userEnteredFormat: CellFormatSchema.optional(),
  note: z.string().optional(),
});
/** A cell as stored: what the user entered (value, format, note); effective and formatted values are derived on read. */
export type CellData = z.infer<typeof CellDataSchema>;

export const RowDataSchema = z.looseObject({ values: z.array(CellDataSchema).optional() });
export type RowData = z.infer<typeof RowDataSchema>;

export const GridPropertiesSchema = z.looseObject({
  rowCount: int.optional(),
  columnCount: int.optional(),
  frozenRowCount: int.optional(),
  frozenColumnCount: int.optional(),
  hideGridlines: z.boolean().optional(),
});

export const SheetPropertiesSchema = z.looseObject({
  sheetId: z.number().int().min(0).optional(),
  title: z.string().optional(),
  index: int.optional(),
  sheetType: z.enum(["GRID", "OBJECT"]).optional(),
  gridProperties: GridPropertiesSchema.optional(),
  hidden: z.boolean().optional(),
  tabColor: ColorSchema.optional(),
  tabColorStyle: ColorStyleSchema.optional(),
  rightToLeft: z.boolean().optional(),
});
export type SheetProperties = z.infer<typeof SheetPropertiesSchema>;

export const SpreadsheetPropertiesSchema = z.looseObject({
  title: z.string().optional(),
  locale: z.string().optional(),
  timeZone: z.string().optional(),
  autoRecalc: z.string().optional(),
});
export type SpreadsheetProperties = z.infer<typeof SpreadsheetPropertiesSchema>;

export const ChartSourceRangeSchema = z.looseObject({ sources: z.array(GridRangeSchema) });
export const ChartDataSchema = z.looseObject({ sourceRange: ChartSourceRangeSchema.optional() });
export type ChartData = z.infer<typeof ChartDataSchema>;

export const BasicChartTypeSchema = z.enum(["BASIC_CHART_TYPE_UNSPECIFIED", "BAR", "LINE", "AREA", "COLUMN", "SCATTER", "COMBO", "STEPPED_AREA"]);
export const BasicChartSpecSchema = z.looseObject({
  chartType: BasicChartTypeSchema.optional(),
  legendPosition: z.string().optional(),
  axis: z.array(z.looseObject({ position: z.string().optional(), title: z.string().optional() })).optional(),
  domains: z.array(z.looseObject({ domain: ChartDataSchema, reversed: z.boolean().optional() })).optional(),
  series: z
    .array(
      z.looseObject({
        series: ChartDataSchema,
        targetAxis: z.string().optional(),
        type: BasicChartTypeSchema.optional(),
        color: ColorSchema.optional(),
        colorStyle: ColorStyleSchema.optional(),
      }),
    )
    .optional(),
  headerCount: int.optional(),
  stackedType: z.string().optional(),
});
export type BasicChartSpec = z.infer<typeof BasicChartSpecSchema>;

export const PieChartSpecSchema = z.looseObject({
  legendPosition: z.string().optional(),
  domain: ChartDataSchema.optional(),
  series: ChartDataSchema.optional(),
  threeDimensional: z.boolean().optional(),
  pieHole: z.number().min(0).max(1).optional(),
});
export type PieChartSpec = z.infer<typeof PieChartSpecSchema>;

export const ChartSpecSchema = z.looseObject({
  title: z.string().optional(),
  subtitle: z.string().optional(),
  basicChart: BasicChartSpecSchema.optional(),
  pieChart: PieChartSpecSchema.optional(),
});
export type ChartSpec = z.infer<typeof ChartSpecSchema>;

export const EmbeddedObjectPositionSchema = z.looseObject({
  sheetId: z.number().int().optional(),
  newSheet: z.boolean().optional(),
  overlayPosition: z
    .looseObject({
      anchorCell: GridCoordinateSchema,
      offsetXPixels: z.number().int().optional(),
      offsetYPixels: z.number().int().optional(),
      widthPixels: z.number().int().optional(),
      heightPixels: z.number().int().optional(),
    })
    .optional(),
});
export type EmbeddedObjectPosition = z.infer<typeof EmbeddedObjectPositionSchema>;

export const EmbeddedChartSchema = z.looseObject({
  chartId: z.number().int().min(0).optional(),
  spec: ChartSpecSchema,
  position: EmbeddedObjectPositionSchema.optional(),
});
export type EmbeddedChart = z.infer<typeof EmbeddedChartSchema> & { chartId: number; position: EmbeddedObjectPosition };

export const ConditionValueSchema = z.looseObject({ userEnteredValue: z.string().optional(), relativeDate: z.string().optional() });
export const BooleanConditionSchema = z.looseObject({ type: z.string(), values: z.array(ConditionValueSchema).optional() });
export type BooleanCondition = z.infer<typeof BooleanConditionSchema>;

export const ConditionalFormatRuleSchema = z.looseObject({
  ranges: z.array(GridRangeSchema).min(1),
  booleanRule: z.looseObject({ condition: BooleanConditionSchema, format: CellFormatSchema }).optional(),
  gradientRule: z.looseObject({}).optional(),
});
export type ConditionalFormatRule = z.infer<typeof ConditionalFormatRuleSchema>;

export const NamedRangeSchema = z.looseObject({ namedRangeId: z.string().optional(), name: z.string(), range: GridRangeSchema });
export type NamedRange = z.infer<typeof NamedRangeSchema> & { namedRangeId: string };

export const ProtectedRangeSchema = z.looseObject({
  protectedRangeId: z.number().int().optional(),
  range: GridRangeSchema.optional(),
  namedRangeId: z.string().optional(),
  description: z.string().optional(),
  warningOnly: z.boolean().optional(),
});
export type ProtectedRange = z.infer<typeof ProtectedRangeSchema> & { protectedRangeId: number };

export const DeveloperMetadataSchema = z.looseObject({
  metadataId: z.number().int().optional(),
  metadataKey: z.string().min(1),
  metadataValue: z.string().optional(),
  location: z.looseObject({
    spreadsheet: z.boolean().optional(),
    sheetId: z.number().int().optional(),
    dimensionRange: DimensionRangeSchema.optional(),
  }),
  visibility: z.enum(["DOCUMENT", "PROJECT"]),
});
export type DeveloperMetadata = z.infer<typeof DeveloperMetadataSchema> & { metadataId: number };

export const DimensionPropertiesSchema = z.looseObject({ pixelSize: int.optional(), hiddenByUser: z.boolean().optional() });
export type DimensionProperties = z.infer<typeof DimensionPropertiesSchema>;

/** One sheet as stored. `rows[r][c]` holds only touched cells; `rowMetadata`/`columnMetadata` only what a request set. */
export interface SheetState {
  properties: SheetProperties & { sheetId: number; title: string; index: number; sheetType: "GRID" | "OBJECT" };
  rows: (CellData | null)[][];
  rowMetadata: (DimensionProperties | null)[];
  columnMetadata: (DimensionProperties | null)[];
  charts: EmbeddedChart[];
  conditionalFormats: ConditionalFormatRule[];
  merges: GridRange[];
  protectedRanges: ProtectedRange[];
}

/** Drive's roles on a file outside shared drives, weakest first. */
export const PERMISSION_ROLES = ["reader", "commenter", "writer", "owner"] as const;
export type PermissionRole = (typeof PERMISSION_ROLES)[number];

/** A Drive permission on the spreadsheet's file (Drive API v3 Permission): who may open it, and how. */
export interface Permission {
  id: string;
  type: "user" | "group" | "domain" | "anyone";
  role: PermissionRole;
  /** user and group */
  emailAddress?: string;
  /** domain */
  domain?: string;
  allowFileDiscovery?: boolean;
}

/** A spreadsheet as stored (one JSON document per spreadsheet). */
export interface SpreadsheetState {
  spreadsheetId: string;
  /** Its file's Drive permissions; the first is the owner's (the service that created it). */
  permissions: Permission[];
  properties: SpreadsheetProperties & { title: string };
  sheets: SheetState[];
  namedRanges: NamedRange[];
  developerMetadata: DeveloperMetadata[];
  /** Sequence for chart, protected range and metadata ids, unique within the spreadsheet as Google's are. */
  nextObjectId: number;
}
