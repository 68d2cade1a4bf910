import type { Firestore } from "@google-cloud/firestore";
import * as z from "zod";
import { DEPARTMENTS } from "../approvals/settings.js";

/**
 * The dashboard's target completion rate, a field of the department's settings
 * document beside its approval settings (approvals/settings.ts):
 *
 *   departments/{department}: { dashboard: { rateTarget: 0.9 } }
 *
 * Rates below it are flagged in the dashboard. Absent, or not a number in (0, 1],
 * the default applies; the company-wide dashboard always uses the default.
 */
const DEFAULT_RATE_TARGET = 0.9;

const DashboardSettingsSchema = z.object({ dashboard: z.object({ rateTarget: z.number().gt(0).max(1) }) });

export async function rateTarget(db: Firestore, department: string | null): Promise<number> {
  if (department === null) return DEFAULT_RATE_TARGET;
  const snap = await db.collection(DEPARTMENTS).doc(department).get();
  const parsed = DashboardSettingsSchema.safeParse(snap.data());
  if (!parsed.success && snap.data()?.dashboard !== undefined) {
    console.error(JSON.stringify({ severity: "ERROR", message: "malformed dashboard settings ignored; default target applies", document: snap.ref.path }));
  }
  return parsed.success ? parsed.data.dashboard.rateTarget : DEFAULT_RATE_TARGET;
}
