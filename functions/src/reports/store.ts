import type { Firestore } from "@google-cloud/firestore";
import { type Report, ReportSchema } from "@planops/shared/api";

/** reports/{period}: the data-analysis report of a month, quarter or year. */
const REPORTS = "reports";

export const reportRef = (db: Firestore, period: string) => db.collection(REPORTS).doc(period);

export const reportOf = (data: unknown): Report => ReportSchema.parse(data);
