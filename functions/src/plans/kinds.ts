import type { DocumentKind, PlanKind } from "@planops/shared";
import { AppError } from "../platform/errors.js";

/** The plan kind of a stored plan; a plan of a kind this deployment does not know is a server fault. */
export function planKindOf(kinds: readonly DocumentKind[], id: string): PlanKind {
  const kind = kinds.find((k) => k.id === id);
  if (kind?.flow !== "plan") throw new Error(`unknown plan kind ${id}`);
  return kind;
}

/** The plan kind a request names; an unknown one is the caller's mistake. */
export function requestedPlanKind(kinds: readonly DocumentKind[], id: string): PlanKind {
  const kind = kinds.find((k) => k.id === id);
  if (kind?.flow !== "plan") throw new AppError("BAD_REQUEST", { zh: `没有计划模板“${id}”`, en: `No plan template “${id}”` });
  return kind;
}
