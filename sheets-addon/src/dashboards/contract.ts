/**
 * The sidebar ↔ server boundary of the 汇总 / 仪表板 view: the RPC globals of
 * src/index.ts and what the page receives, already in the user's language and
 * the spreadsheet's time zone, trimmed to what a 300 px sidebar shows.
 */
export interface DashboardServer {
  /** The caller's figures for the current month from the last roll-up. */
  sidebarRollupSummary(): RollupSummary;
  /** The caller's dashboard; refused with NOT_FOUND while there is none. */
  sidebarDashboard(): DashboardCard;
  /** 刷新仪表板: writes it from the last roll-up now. */
  sidebarRefreshDashboard(): DashboardCard;
  /** 立即汇总: how many records changed and when it finished, in words. */
  sidebarRunRollup(): { message: string };
}

export interface RollupSummary {
  period: string;
  /** Whose figures: a department, the whole company (in the user's language), or, for staff, the caller. */
  scope: string;
  asOf: string;
  /** "YYYY-MM-DD HH:mm"; null before the first run. */
  computedAt: string | null;
  inScope: number;
  doneOnTime: number;
  doneByEnd: number;
  /** 0..1; null when no task is in scope. */
  onTimeRate: number | null;
  completionRate: number | null;
  overdue: {
    count: number;
    /** Age bands in the user's language ("1–7 天"), with their counts. */
    ages: { label: string; count: number }[];
    /** The few overdue longest, longest first. */
    oldest: OverdueLine[];
  };
}

export interface OverdueLine {
  itemId: string;
  title: string;
  owner: string | null;
  due: string;
  daysOverdue: number;
}

export interface DashboardCard {
  department: string | null;
  period: string;
  /** The dashboard spreadsheet's address; null when it is not a web address the page may link to. */
  url: string | null;
  /** "YYYY-MM-DD HH:mm". */
  refreshedAt: string;
}
