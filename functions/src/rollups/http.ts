/**
 * `runRollup`, the roll-up on demand for the people who oversee plans (the moment is
 * now); the scheduled trigger is schedule/rollup-job.ts.
 */
import type { RunRollupResponse } from "@planops/shared/api";
import type { Call } from "../platform/context.js";
import { AppError } from "../platform/errors.js";
import { overseesDepartment, seesEveryDepartment } from "../roster/roster.js";
import { ROLLUP_SOURCES } from "./plan-items-source.js";
import { runRollup } from "./run-rollup.js";

/** The runRollup endpoint: management, HR, and a department's manager, deputies and planning group. */
export async function runRollupNow({ deps, caller }: Call): Promise<RunRollupResponse> {
  if (!seesEveryDepartment(caller) && !overseesDepartment(caller, caller.department)) {
    throw new AppError("FORBIDDEN", {
      zh: "只有公司管理层、人力资源部门、部门经理、副经理和计划组可以立即汇总",
      en: "Only management, HR, department managers, deputies and the planning group may run the roll-up",
    });
  }
  return runRollup(deps, deps.now(), ROLLUP_SOURCES);
}
