import { period as parsePeriod } from "@planops/shared";
import { type Dashboard, DashboardSchema, type Member } from "@planops/shared/api";
import { type Call, type Deps, localTime, today } from "../platform/context.js";
import { sheetsApi } from "../platform/sheets-client.js";
import { activeMembers, loadRoster } from "../roster/roster.js";
import { readRollupView } from "../rollups/view.js";
import { COMPANY, dashboardFor } from "./access.js";
import { dashboardSpec } from "./layout.js";
import { shareDashboard } from "./readers.js";
import { DASHBOARD_SECTIONS } from "./sections.js";
import { rateTarget } from "./settings.js";
import { writeSpreadsheet } from "./spreadsheet.js";
import { DASHBOARDS, dashboardRef, loadDashboard } from "./store.js";
import { discardSpreadsheet } from "../sharing/discard-spreadsheet.js";
import { whileGoogleAnswers } from "../platform/google-apis.js";

/**
 * Dashboards are read as company management reads the roll-up: who may see a
 * dashboard is decided before (access.ts), and a shared dashboard must not depend
 * on who pressed refresh.
 */
const DASHBOARD_READER: Member = {
  email: "dashboards@planops.local",
  name: "仪表板 Dashboards",
  department: "",
  group: null,
  roles: ["management"],
  supervisor: null,
  actsFor: [],
  locale: "zh",
  active: true,
};

/** The last roll-up's figures for a month, cut to one department's plans (or, null, the whole company's). */
async function readView(deps: Deps, roster: readonly Member[], period: string, department: string | null) {
  return readRollupView(deps.db, roster, DASHBOARD_READER, period, department ?? undefined, today(deps));
}

/**
 * Writes one dashboard from the last roll-up: the current month as of that
 * roll-up, with the year's trend. The spreadsheet is made on the first refresh
 * and rewritten in place after that; the record remembers it. Then it is shared
 * with exactly its readers; a sharing that fails fails the refresh.
 */
export async function refreshDashboard(
  deps: Deps,
  target: { department: string | null; key: string },
  roster?: readonly Member[],
  opts: { onlyIfBehind?: boolean } = {},
): Promise<{ dashboard: Dashboard; written: boolean }> {
  const people = roster ?? (await loadRoster(deps.db));
  const month = today(deps).slice(0, 7);
  let view = await readView(deps, people, month, target.department);
  // "Current" is the roll-up's day, not the clock's: just after midnight on the 1st the last run is still last month's.
  const asOfMonth = view.asOf.slice(0, 7);
  if (view.computedAt !== null && asOfMonth !== month) view = await readView(deps, people, asOfMonth, target.department);

  const existing = await loadDashboard(deps.db, target.key);
  // A repeated scheduler trigger rewrites only what an earlier attempt left behind.
  if (opts.onlyIfBehind && existing && existing.generation === view.generation && existing.period === view.period) {
    // Still shared: the earlier attempt may have written it and then failed to share it.
    await shareDashboard(deps, existing.spreadsheetId, people, target);
    return { dashboard: existing, written: false };
  }
  const ctx = { period: parsePeriod(view.period), department: target.department };
  const [threshold, api, sections] = await Promise.all([
    rateTarget(deps.db, target.department),
    sheetsApi(deps.config),
    Promise.all(DASHBOARD_SECTIONS.filter((x) => x.shownOn(target.department)).map((x) => x.build(deps, ctx))),
  ]);
  const spec = dashboardSpec({
    view,
    target: threshold,
    computedAtLocal: view.computedAt === null ? null : localTime(deps, view.computedAt),
    sections,
  });
  const written = await writeSpreadsheet(api, existing?.spreadsheetId, spec);
  const record: Dashboard = {
    department: target.department,
    spreadsheetId: written.spreadsheetId,
    url: written.url,
    period: view.period,
    generation: view.generation,
    refreshedAt: deps.now().toISOString(),
  };
  // The record first: a sharing that fails is retried on this spreadsheet, not on a new one.
  const ref = dashboardRef(deps.db, target.key);
  const saved = await deps.db.runTransaction(async (tx) => {
    const current = await tx.get(ref);
    const other = current.exists ? DashboardSchema.parse(current.data()) : undefined;
    // Another refresh made the dashboard's spreadsheet meanwhile: that one is the dashboard, not ours.
    if (other && other.spreadsheetId !== existing?.spreadsheetId && other.spreadsheetId !== written.spreadsheetId) return other;
    tx.set(ref, record);
    return record;
  });
  if (written.created && saved.spreadsheetId !== written.spreadsheetId) await discardSpreadsheet(deps, written.spreadsheetId);
  await shareDashboard(deps, saved.spreadsheetId, people, target);
  return { dashboard: saved, written: true };
}

/** refreshDashboard: the caller's dashboard (or the one they name and may refresh), written now. */
export async function refreshDashboardNow({ deps, caller }: Call, input: { department?: string | undefined }): Promise<Dashboard> {
  return whileGoogleAnswers({ zh: "仪表板刷新", en: "the dashboard refresh" }, async () => {
    const roster = await loadRoster(deps.db);
    return (await refreshDashboard(deps, dashboardFor(caller, input.department, roster), roster)).dashboard;
  });
}

/**
 * After each scheduled roll-up: the company dashboard, and one per department that
 * plans (has a manager in the roster) or already has a dashboard. One failing
 * dashboard is logged and does not keep the others from being written.
 * `onlyIfBehind`: skip writing dashboards already showing the roll-up's generation (they are still shared).
 */
export async function refreshDashboards(deps: Deps, opts: { onlyIfBehind?: boolean } = {}): Promise<{ refreshed: string[]; failed: string[] }> {
  const [roster, existing] = await Promise.all([loadRoster(deps.db), deps.db.collection(DASHBOARDS).select().get()]);
  const departments = new Set([
    ...activeMembers(roster)
      .filter((m) => m.roles.includes("manager"))
      .map((m) => m.department),
    ...existing.docs.map((d) => d.id).filter((id) => id !== COMPANY),
  ]);
  const targets = [{ department: null, key: COMPANY }, ...[...departments].sort().map((d) => ({ department: d, key: d }))];
  const refreshed: string[] = [];
  const failed: string[] = [];
  // One at a time: each is a few Sheets API calls, and the API's per-minute quota is shared.
  for (const target of targets) {
    try {
      if ((await refreshDashboard(deps, target, roster, opts)).written) refreshed.push(target.key);
    } catch (err) {
      failed.push(target.key);
      console.error(JSON.stringify({ severity: "ERROR", message: "dashboard refresh failed", dashboard: target.key, error: String(err) }));
    }
  }
  return { refreshed, failed };
}
