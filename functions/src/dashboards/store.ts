import type { Firestore } from "@google-cloud/firestore";
import { type Dashboard, DashboardSchema } from "@planops/shared/api";

/** dashboards/{department | "company"}: the spreadsheet written for it, and what it last showed. */
export const DASHBOARDS = "dashboards";

export const dashboardRef = (db: Firestore, key: string) => db.collection(DASHBOARDS).doc(key);

export async function loadDashboard(db: Firestore, key: string): Promise<Dashboard | undefined> {
  const snap = await dashboardRef(db, key).get();
  return snap.exists ? DashboardSchema.parse(snap.data()) : undefined;
}
