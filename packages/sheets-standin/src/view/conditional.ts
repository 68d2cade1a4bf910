import { formattedValue, numericValue } from "../cell-values.js";
import { cellAt } from "../grid.js";
import type { BooleanCondition, CellData, CellFormat, SheetState } from "../model.js";

/**
 * Conditional formats as the page shows them. Applied: NUMBER_GREATER, NUMBER_GREATER_THAN_EQ,
 * NUMBER_LESS, NUMBER_LESS_THAN_EQ, NUMBER_EQ, NUMBER_NOT_EQ, NUMBER_BETWEEN, NUMBER_NOT_BETWEEN,
 * TEXT_CONTAINS, TEXT_NOT_CONTAINS, TEXT_STARTS_WITH, TEXT_ENDS_WITH, TEXT_EQ, BLANK, NOT_BLANK, with
 * literal values. Not applied (the cell keeps its own format): CUSTOM_FORMULA, date conditions,
 * condition values that are formulas, and gradient rules.
 */
function matches(condition: BooleanCondition, cell: CellData | null): boolean {
  const args = (condition.values ?? []).map((v) => v.userEnteredValue ?? "");
  if (args.some((a) => a.startsWith("="))) return false;
  const n = numericValue(cell);
  const nums = args.map(Number);
  const [a = Number.NaN, b = Number.NaN] = nums;
  const text = formattedValue(cell) ?? "";
  const arg = args[0] ?? "";
  switch (condition.type) {
    case "NUMBER_GREATER":
      return n !== undefined && n > a;
    case "NUMBER_GREATER_THAN_EQ":
      return n !== undefined && n >= a;
    case "NUMBER_LESS":
      return n !== undefined && n < a;
    case "NUMBER_LESS_THAN_EQ":
      return n !== undefined && n <= a;
    case "NUMBER_EQ":
      return n !== undefined && n === a;
    case "NUMBER_NOT_EQ":
      return n !== undefined && n !== a;
    case "NUMBER_BETWEEN":
      return n !== undefined && n >= Math.min(a, b) && n <= Math.max(a, b);
    case "NUMBER_NOT_BETWEEN":
      return n !== undefined && (n < Math.min(a, b) || n > Math.max(a, b));
    case "TEXT_CONTAINS":
      return text.toLowerCase().includes(arg.toLowerCase());
    case "TEXT_NOT_CONTAINS":
      return !text.toLowerCase().includes(arg.toLowerCase());
    case "TEXT_STARTS_WITH":
      return text.toLowerCase().startsWith(arg.toLowerCase());
    case "TEXT_ENDS_WITH":
      return text.toLowerCase().endsWith(arg.toLowerCase());
    case "TEXT_EQ":
      return text.toLowerCase() === arg.toLowerCase();
    case "BLANK":
      return text === "";
    case "NOT_BLANK":
      return text !== "";
    default:
      return false;
  }
}

/** For each cell a rule formats, the format of the first matching rule (rules earlier in the list win, as in Sheets). */
export function conditionalFormats(sheet: SheetState, lastRow: number, lastColumn: number): Map<string, CellFormat> {
  const out = new Map<string, CellFormat>();
  for (const rule of sheet.conditionalFormats) {
    const boolean = rule.booleanRule;
    if (!boolean) continue;
    for (const range of rule.ranges) {
      const rowEnd = Math.min(range.endRowIndex ?? lastRow, lastRow);
      const columnEnd = Math.min(range.endColumnIndex ?? lastColumn, lastColumn);
      for (let r = range.startRowIndex ?? 0; r < rowEnd; r++) {
        for (let c = range.startColumnIndex ?? 0; c < columnEnd; c++) {
          const key = `${r}:${c}`;
          if (!out.has(key) && matches(boolean.condition, cellAt(sheet, r, c))) out.set(key, boolean.format);
        }
      }
    }
  }
  return out;
}
