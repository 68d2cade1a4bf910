import type { CellError } from "../platform/errors.js";
import { type ColumnDef, columnForHeader, type TemplateDef, type Text } from "@planops/shared";
import type { Raw } from "./cells.js";

/** Where each template column sits in the submitted sheet (users may move or add columns). */
export interface ColumnMap {
  byKey: Map<string, { index: number; def: ColumnDef; header: string }>;
  errors: CellError[];
}

export function cellError(row: number, column: number, header: string, code: string, text: Text): CellError {
  return {
    row,
    column,
    header,
    code,
    message: { zh: `第 ${row} 行“${header}”列：${text.zh}`, en: `Row ${row}, column “${header}”: ${text.en}` },
    problem: text,
  };
}

/** Maps header cells to template columns; a repeated header or a missing required column is an error on row 1. */
export function mapColumns(template: TemplateDef, headers: readonly string[], neededKeys: readonly string[]): ColumnMap {
  const byKey: ColumnMap["byKey"] = new Map();
  const errors: CellError[] = [];
  headers.forEach((header, index) => {
    const def = columnForHeader(template, header);
    if (!def) return; // extra columns of the user's own are allowed and ignored
    if (byKey.has(def.key)) {
      errors.push(
        cellError(1, index + 1, header, "DUPLICATE_COLUMN", { zh: "该列重复出现，请删除多余的一列", en: "this column appears twice; delete one of them" }),
      );
      return;
    }
    byKey.set(def.key, { index, def, header });
  });
  for (const key of neededKeys) {
    const def = template.columns.find((c) => c.key === key);
    if (def && !byKey.has(key)) {
      errors.push(
        cellError(1, headers.length + 1, def.header.zh, "MISSING_COLUMN", {
          zh: `缺少“${def.header.zh}”列，请使用“新建模板”生成的表头`,
          en: `the column “${def.header.en}” is missing; use the header made by “New template”`,
        }),
      );
    }
  }
  return { byKey, errors };
}

/** The raw cell of a column in a row, or null when the column is absent or the row is short. */
export function rawCell(map: ColumnMap, cells: readonly Raw[], key: string): Raw {
  const at = map.byKey.get(key);
  return at === undefined ? null : (cells[at.index] ?? null);
}

export function columnPosition(map: ColumnMap, key: string): { column: number; header: string } {
  const at = map.byKey.get(key);
  return at ? { column: at.index + 1, header: at.header } : { column: 0, header: key };
}
