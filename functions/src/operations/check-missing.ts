import type { Anomaly } from "@planops/shared/api";
import { operationsDataMissing } from "../notifications/operations-messages.js";
import { deliverOutbox, enqueue } from "../notifications/outbox.js";
import { type Deps, today } from "../platform/context.js";
import { loadRoster } from "../roster/roster.js";
import { dataAnalysts } from "./access.js";
import { endedMoreThan, MISSING_GRACE_DAYS, missingAnomaly } from "./anomalies.js";
import { loadIndicators } from "./indicators.js";
import { addMonths, laterMonth, monthRange } from "./months.js";
import { ANOMALIES, type AnomalyDoc, anomalyId, loadAnomalies, loadValues, NOTICES, type NoticeDoc, VALUES } from "./store.js";

/** How far back a run looks: older gaps were flagged by earlier runs (or are history nobody will fill). */
const LOOKBACK_MONTHS = 12;

export interface MissingDataCheck {
  /** The day of the run in the department's time zone. */
  day: string;
  /** The latest month judged: the last one that ended more than the grace days before `day`. */
  through: string;
  /** Gaps flagged by this run (not flagged before). */
  flagged: Anomaly[];
  /** Outbox messages enqueued: one per data-analysis group member when something was flagged. */
  outbox: string[];
}

/**
 * 数据缺失: flags each active indicator without a value for a month that ended
 * more than `graceDays` days before `asOf` (from the month it was configured, or
 * the first month with any data while the default indicators apply), and tells
 * the data-analysis group of the gaps not flagged before, in one mail each.
 * Safe to run any number of times: a flagged gap is stored and never told twice.
 * Delivers what it enqueued right after (best effort; dispatchOutbox retries).
 */
export async function checkMissingOperationsData(deps: Deps, asOf: Date, opts: { graceDays?: number; deliver?: boolean } = {}): Promise<MissingDataCheck> {
  const graceDays = opts.graceDays ?? MISSING_GRACE_DAYS;
  const day = today({ now: () => asOf, config: deps.config });
  let through = addMonths(day.slice(0, 7), -1);
  while (!endedMoreThan(through, day, graceDays)) through = addMonths(through, -1);
  const from = addMonths(through, -(LOOKBACK_MONTHS - 1));
  const analysts = dataAnalysts(await loadRoster(deps.db));

  const result = await deps.db.runTransaction(async (tx) => {
    const noticeRef = deps.db.collection(NOTICES).doc("missing");
    const [{ active, stored }, values, standing, firstData, notices] = await Promise.all([
      loadIndicators(deps.db, tx),
      loadValues(deps.db, from, through, tx),
      loadAnomalies(deps.db, from, through, tx),
      tx.get(deps.db.collection(VALUES).orderBy("period").limit(1)),
      tx.get(noticeRef),
    ]);
    const firstMonth = (firstData.docs[0]?.data() as { period: string } | undefined)?.period;
    const since = new Map(stored.map((d) => [d.code, d.since]));
    const present = new Set(values.map((v) => `${v.period}~${v.indicator}`));
    const flagged = new Set(standing.filter((a) => a.rule === "missing").map(anomalyId));
    const fresh: Anomaly[] = [];
    for (const indicator of active) {
      const start = since.get(indicator.code) ?? firstMonth;
      if (start === undefined) continue;
      for (const month of monthRange(laterMonth(start, from), through)) {
        const gap = missingAnomaly(indicator, month, graceDays);
        if (present.has(`${month}~${indicator.code}`) || flagged.has(anomalyId(gap))) continue;
        fresh.push(gap);
      }
    }
    if (fresh.length === 0) return { flagged: fresh, outbox: [] };
    const at = deps.now();
    for (const a of fresh) tx.set(deps.db.collection(ANOMALIES).doc(anomalyId(a)), { ...a, detectedAt: at.toISOString() } satisfies AnomalyDoc);
    const notice = ((notices.data() as NoticeDoc | undefined)?.count ?? 0) + 1;
    tx.set(noticeRef, { count: notice } satisfies NoticeDoc);
    const outbox = enqueue(
      tx,
      deps.db,
      analysts.map((to) => operationsDataMissing(fresh, to, notice)),
      at,
    );
    return { flagged: fresh, outbox };
  });

  if (result.outbox.length > 0 && opts.deliver !== false) {
    await deliverOutbox(deps.db, deps.send, { now: deps.now, maxAttempts: deps.config.mail.maxAttempts, ids: result.outbox }).catch((err: unknown) => {
      console.error(JSON.stringify({ severity: "WARNING", message: "missing-data notice delivery deferred to dispatchOutbox", error: String(err) }));
    });
  }
  return { day, through, ...result };
}
