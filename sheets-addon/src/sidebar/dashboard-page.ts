/**
 * The 汇总 / 仪表板 view's calls: load the figures and the dashboard side by
 * side (either may fail on its own), 刷新仪表板 and 立即汇总. The page's own
 * plumbing (busy state, status line) is passed in by main.ts.
 */
import type { SidebarStrings } from "../i18n/messages.js";
import { type Card, dashboardActions, dashboardView, type Loaded, type Summary } from "./dashboard-view.js";
import { parseFailure } from "./failure.js";
import { callServer } from "./rpc.js";

export interface DashboardPlumbing {
  app: HTMLElement;
  actions: HTMLElement;
  whileBusy<T>(label: string, work: () => Promise<T>): Promise<T>;
  /** Shows a refusal or a failed call in the status line, its code in small print. */
  fail(error: unknown, retry: () => void): void;
  succeed(message: string): void;
}

const settle = <T>(call: Promise<T>): Promise<Loaded<T>> =>
  call.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, failure: parseFailure(error instanceof Error ? error.message : String(error)) }),
  );

export function dashboardPage(page: DashboardPlumbing, s: SidebarStrings): { start(): Promise<void> } {
  const render = (summary: Loaded<Summary>, dashboard: Loaded<Card>) => {
    page.app.replaceChildren(dashboardView(s, summary, dashboard, { reload: () => void load() }));
    page.actions.replaceChildren(dashboardActions(s, dashboard, { refresh: () => void refresh(summary), runRollup: () => void runRollup() }));
  };

  async function load(): Promise<void> {
    const [summary, dashboard] = await page.whileBusy(s.dashboard.busy.loading, () =>
      Promise.all([settle(callServer("sidebarRollupSummary")), settle(callServer("sidebarDashboard"))]),
    );
    render(summary, dashboard);
  }

  async function refresh(summary: Loaded<Summary>): Promise<void> {
    let card: Card;
    try {
      card = await page.whileBusy(s.dashboard.busy.refreshing, () => callServer("sidebarRefreshDashboard"));
    } catch (error) {
      page.fail(error, () => void refresh(summary));
      return;
    }
    render(summary, { ok: true, value: card });
    page.succeed(s.dashboard.refreshed);
  }

  async function runRollup(): Promise<void> {
    let message: string;
    try {
      message = (await page.whileBusy(s.dashboard.busy.rollingUp, () => callServer("sidebarRunRollup"))).message;
    } catch (error) {
      page.fail(error, () => void runRollup());
      return;
    }
    // The figures shown came from the run before: read them again, then say what the run did.
    await load();
    page.succeed(message);
  }

  return { start: load };
}
