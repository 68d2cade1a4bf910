import { idColumnOf, type TemplateDef } from "@planops/shared";
import type { ColumnRun, SheetTable } from "./types.js";
import { columnNumber, columnRuns } from "./write-back.js";

/** One item's rolled-up progress as the backend reports it: 0–100, or null while nothing is known. */
export interface ItemProgress {
  itemId: string;
  progress: number | null;
}

/**
 * What 刷新进度 writes: each row whose ID cell names an item of the plan gets
 * that item's progress in the progress column, as a plain fraction for the
 * sheet's "0%" format (45 → 0.45), or an empty cell while the backend knows
 * none; rows without an ID or with an ID the plan does not have are left alone.
 */
export function progressWriteBack(input: { template: TemplateDef; progressKey: string; table: SheetTable; items: readonly ItemProgress[] }): {
  runs: ColumnRun[];
  rows: number;
} {
  const { template, progressKey, table, items } = input;
  const idKey = idColumnOf(template)?.key;
  const idColumn = idKey ? columnNumber(template, table.headers, idKey) : undefined;
  const progressColumn = columnNumber(template, table.headers, progressKey);
  if (idColumn === undefined || progressColumn === undefined) return { runs: [], rows: 0 };

  const byId = new Map(items.map((item) => [item.itemId, item.progress]));
  const cells = table.rows.flatMap((row) => {
    const raw = row.cells[idColumn - 1];
    const id = raw === null || raw === undefined ? "" : String(raw).trim();
    if (!id || !byId.has(id)) return [];
    const progress = byId.get(id);
    return [{ row: row.row, value: typeof progress === "number" && Number.isFinite(progress) ? progress / 100 : "" }];
  });
  return { runs: columnRuns(progressColumn, cells), rows: cells.length };
}
