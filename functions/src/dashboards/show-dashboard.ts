import type { Dashboard } from "@planops/shared/api";
import type { Call } from "../platform/context.js";
import { AppError } from "../platform/errors.js";
import { loadRoster } from "../roster/roster.js";
import { dashboardFor } from "./access.js";
import { loadDashboard } from "./store.js";

/** The caller's dashboard (or the one they name and may see): where its spreadsheet is and what it last showed. */
export async function showDashboard({ deps, caller }: Call, input: { department?: string | undefined }): Promise<Dashboard> {
  const target = dashboardFor(caller, input.department, await loadRoster(deps.db));
  const found = await loadDashboard(deps.db, target.key);
  if (found) return found;
  const name = target.department ?? "全公司";
  throw new AppError("NOT_FOUND", {
    zh: `「${name}」的仪表板尚未生成：请先刷新仪表板（refreshDashboard），之后每次汇总后会自动更新`,
    en: `The dashboard of ${target.department ?? "the company"} has not been made yet: refresh it first (refreshDashboard); after that every roll-up updates it`,
  });
}
