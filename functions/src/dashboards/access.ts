import type { Member } from "@planops/shared/api";
import { AppError } from "../platform/errors.js";
import { activeMembers, overseesDepartment, seesEveryDepartment } from "../roster/roster.js";

/** The Firestore key of a dashboard: a department's name, or this for the company-wide one. */
export const COMPANY = "company";

/**
 * Which dashboard a caller means and may use: management and HR the company's
 * (the default for them) or any department's of the roster; a department's
 * manager, deputies and planning group their own department's. Everyone else sees
 * only their own tasks, which no dashboard is cut to.
 */
export function dashboardFor(caller: Member, requested: string | undefined, roster: readonly Member[]): { department: string | null; key: string } {
  if (seesEveryDepartment(caller)) {
    if (requested === undefined) return { department: null, key: COMPANY };
    const departments = [...new Set(activeMembers(roster).map((m) => m.department))].sort();
    if (!departments.includes(requested)) {
      throw new AppError("NOT_FOUND", {
        zh: `人员名册中没有部门「${requested}」；可选：${departments.join("、")}`,
        en: `There is no department "${requested}" in the roster; choose one of: ${departments.join(", ")}`,
      });
    }
    return { department: requested, key: requested };
  }
  const department = requested ?? caller.department;
  if (overseesDepartment(caller, department)) return { department, key: department };
  throw new AppError("FORBIDDEN", {
    zh: `你不能查看或刷新「${department}」的仪表板：部门仪表板仅对该部门经理、副经理和计划组开放，全公司仪表板仅对公司管理层和人力资源部门开放`,
    en: `You may not see or refresh the dashboard of ${department}: a department's dashboard is for its manager, deputies and planning group; the company dashboard for management and HR`,
  });
}
