import { OPERATIONS_DATA, OPERATIONS_INDICATORS } from "@planops/shared";
import type { Firestore } from "@google-cloud/firestore";

type Cell = string | number | boolean | null;

/** The submit request the add-on sends for a 运营数据 sheet of a month: one row per [indicator, value, note]. */
export function dataSheet(month: string, rows: readonly (readonly Cell[])[]) {
  return {
    headers: OPERATIONS_DATA.columns.map((c) => c.header.zh),
    rows: rows.map((cells, i) => ({ row: i + 2, cells: [...cells] })),
    template: { id: OPERATIONS_DATA.id, version: OPERATIONS_DATA.version },
    period: month,
    spreadsheet: { id: `sheet-operations-${month}`, sheetId: 7, sheetName: `运营数据 ${month}` },
  };
}

/** The submit request of a 运营指标设置 sheet: rows in the template's column order. */
export function indicatorSheet(rows: readonly (readonly Cell[])[]) {
  return {
    headers: OPERATIONS_INDICATORS.columns.map((c) => c.header.zh),
    rows: rows.map((cells, i) => ({ row: i + 2, cells: [...cells] })),
    template: { id: OPERATIONS_INDICATORS.id, version: OPERATIONS_INDICATORS.version },
    period: "",
    spreadsheet: { id: "sheet-indicators", sheetId: 8, sheetName: "运营指标设置" },
  };
}

/** The operations collections, and the outbox: a test's notices are numbered from 1 again, so their ids come again. */
export const OPERATIONS_COLLECTIONS = ["operationsIndicators", "operationsValues", "operationsAnomalies", "operationsNotices", "outbox"];

/** Empties the operations collections, so each test starts with the default indicators, no data and no notices. */
export async function clearOperations(db: Firestore): Promise<void> {
  for (const name of OPERATIONS_COLLECTIONS) {
    const snap = await db.collection(name).get();
    const batch = db.batch();
    for (const d of snap.docs) batch.delete(d.ref);
    if (!snap.empty) await batch.commit();
  }
}
