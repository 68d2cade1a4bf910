import type { PlanKind, Text } from "@planops/shared";

/** The header of a changed column; a cancellation changes the status, named as such even where the template has no status column. */
export function headerOfChange(kind: PlanKind, key: string): Text {
  return kind.template.columns.find((c) => c.key === key)?.header ?? (key === "status" ? { zh: "状态", en: "Status" } : { zh: key, en: key });
}
