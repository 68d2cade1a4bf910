import type { Member } from "@planops/shared/api";
import { keepsOperationsData } from "../operations/access.js";
import { AppError } from "../platform/errors.js";

/** Reports are the data-analysis group's work: they, their department's manager and deputies, and company management make and publish them. */
export function assertMakesReports(caller: Member, roster: readonly Member[], action: { zh: string; en: string }): void {
  if (keepsOperationsData(caller, roster)) return;
  throw new AppError("FORBIDDEN", {
    zh: `只有数据分析组成员、其部门经理和副经理或公司管理层可以${action.zh}数据分析报告`,
    en: `Only the data-analysis group, its department's manager and deputies, or company management may ${action.en} a data-analysis report`,
  });
}
