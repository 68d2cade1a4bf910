import type { Group } from "@planops/shared";
import type { Member } from "@planops/shared/api";
import { AppError } from "../platform/errors.js";

/** 数据分析组 owns operations data and reports (DOMAIN.md). */
export const DATA_ANALYSIS_GROUP: Group = "数据分析组";

export const isDataAnalyst = (m: Member) => m.active && m.group === DATA_ANALYSIS_GROUP;

/** The active data-analysis group: who is told of anomalies. */
export const dataAnalysts = (roster: readonly Member[]) => roster.filter(isDataAnalyst);

/** The departments that hold a data-analysis group: their managers and deputies oversee the operations data. */
const operationsDepartments = (roster: readonly Member[]) => new Set(dataAnalysts(roster).map((m) => m.department));

/** Who keeps the operations data and its indicators: the data-analysis group, its department's manager and deputies, company management. */
export function keepsOperationsData(m: Member, roster: readonly Member[]): boolean {
  if (isDataAnalyst(m) || m.roles.includes("management")) return true;
  return (m.roles.includes("manager") || m.roles.includes("deputy")) && operationsDepartments(roster).has(m.department);
}

/** Who may read it: those who keep it, and HR (read-only). */
export const seesOperationsData = (m: Member, roster: readonly Member[]): boolean => keepsOperationsData(m, roster) || m.roles.includes("hr");

export function assertKeepsOperationsData(m: Member, roster: readonly Member[], what: { zh: string; en: string }): void {
  if (keepsOperationsData(m, roster)) return;
  throw new AppError("FORBIDDEN", {
    zh: `只有数据分析组成员、部门经理、副经理或公司管理层可以提交${what.zh}`,
    en: `Only the data-analysis group, the department manager, deputies or company management may submit ${what.en}`,
  });
}
