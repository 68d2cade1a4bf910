import type { Lang } from "@planops/shared";
import type { Dashboard, RollupView } from "@planops/shared/api";
import { isWebAddress } from "../dialogs/link-dialog.js";
import type { DashboardCard, RollupSummary } from "./contract.js";

/** How many overdue tasks the sidebar lists: the longest overdue; the dashboard has them all. */
export const OLDEST_SHOWN = 5;

/** The summary row's key when it covers every department (management, HR). */
const COMPANY_KEY = "company";

/**
 * A roll-up view as the sidebar shows it: whose figures, the summary row,
 * overdue work by age, the longest overdue. `company` names the company-wide scope.
 */
export function rollupSummary(view: RollupView, lang: Lang, company: string, formatTime: (iso: string) => string): RollupSummary {
  const { summary, overdue } = view;
  const oldest = [...overdue.tasks].sort((a, b) => b.daysOverdue - a.daysOverdue || a.due.localeCompare(b.due)).slice(0, OLDEST_SHOWN);
  return {
    period: view.period,
    scope: view.department ?? (summary.key === COMPANY_KEY ? company : summary.name),
    asOf: view.asOf,
    computedAt: view.computedAt === null ? null : formatTime(view.computedAt),
    inScope: summary.inScope,
    doneOnTime: summary.doneOnTime,
    doneByEnd: summary.doneByEnd,
    onTimeRate: summary.onTimeRate,
    completionRate: summary.completionRate,
    overdue: {
      count: overdue.count,
      ages: overdue.ages.map((band) => ({ label: band.label[lang], count: band.count })),
      oldest: oldest.map((task) => ({
        itemId: task.itemId,
        title: task.title,
        owner: task.owner?.name ?? null,
        due: task.due,
        daysOverdue: task.daysOverdue,
      })),
    },
  };
}

export function dashboardCard(dashboard: Dashboard, formatTime: (iso: string) => string): DashboardCard {
  return {
    department: dashboard.department,
    period: dashboard.period,
    url: isWebAddress(dashboard.url) ? dashboard.url : null,
    refreshedAt: formatTime(dashboard.refreshedAt),
  };
}
