import type { Firestore, Transaction } from "@google-cloud/firestore";
import type { PersonRef } from "@planops/shared";
import type { Anomaly } from "@planops/shared/api";

/** operationsValues/{month}~{code}: one indicator's value for one month. */
export const VALUES = "operationsValues";
/** operationsAnomalies/{month}~{code}~{rule}: the anomalies standing now (a corrected value removes its anomaly). */
export const ANOMALIES = "operationsAnomalies";
/** operationsNotices/{month or "missing"}: how many anomaly notices went out, so each new notice has its own outbox id. */
export const NOTICES = "operationsNotices";

export interface ValueDoc {
  period: string;
  indicator: string;
  value: number;
  note: string;
  submittedBy: PersonRef;
  submittedAt: string;
}

export interface AnomalyDoc extends Anomaly {
  detectedAt: string;
}

export interface NoticeDoc {
  count: number;
}

export const valueId = (month: string, code: string) => `${month}~${code}`;
export const anomalyId = (a: Pick<Anomaly, "period" | "indicator" | "rule">) => `${a.period}~${a.indicator}~${a.rule}`;

type Reader = Pick<Transaction, "get"> | undefined;

async function inMonths<T>(db: Firestore, collection: string, from: string, to: string, tx: Reader): Promise<T[]> {
  const query = db.collection(collection).where("period", ">=", from).where("period", "<=", to);
  const snap = tx ? await tx.get(query) : await query.get();
  return snap.docs.map((d) => d.data() as T);
}

/** Every stored value of the months from..to (inclusive). */
export const loadValues = (db: Firestore, from: string, to: string, tx?: Transaction) => inMonths<ValueDoc>(db, VALUES, from, to, tx);

/** Every standing anomaly of the months from..to (inclusive). */
export const loadAnomalies = (db: Firestore, from: string, to: string, tx?: Transaction) => inMonths<AnomalyDoc>(db, ANOMALIES, from, to, tx);

/** The API's view of a stored anomaly. */
export const anomalyOf = ({ period, indicator, rule, value, expected, deviation, message }: AnomalyDoc): Anomaly => ({
  period,
  indicator,
  rule,
  value,
  expected,
  deviation,
  message,
});

/** One indicator's values by month. */
export function monthlyValues(values: readonly Pick<ValueDoc, "period" | "indicator" | "value">[], code: string): Map<string, number> {
  return new Map(values.filter((v) => v.indicator === code).map((v) => [v.period, v.value]));
}

/** Whether a freshly computed anomaly says what the stored one says (then nobody is told again). */
export const sameAnomaly = (a: Anomaly, b: Anomaly) => a.rule === b.rule && a.value === b.value && a.message.zh === b.message.zh;
