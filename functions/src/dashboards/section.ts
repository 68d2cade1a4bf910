import type { Period } from "@planops/shared";
import type { Deps } from "../platform/context.js";
import type { BelowTargetRule, ChartSpec, SheetSpec } from "./spreadsheet.js";

/**
 * Figures a capability adds to the dashboard beside the roll-up's (operations data
 * now; the issue ledger, appraisal or training later), declared by that capability
 * and listed in DASHBOARD_SECTIONS (dashboards/sections.ts): the dashboard's core
 * does not change. A section's sheet ids come from its own range (`firstSheetId`
 * upwards, below the next section's), so a refresh rewrites the same tabs.
 */
export interface DashboardSection {
  id: string;
  firstSheetId: number;
  /** Whether this dashboard (a department's, or null: the company's) shows the section: its readers must be allowed to see the figures. */
  shownOn: (department: string | null) => boolean;
  /** The section's sheets, charts and rules for the dashboard's period; charts are placed by the dashboard. */
  build: (deps: Deps, ctx: SectionContext) => Promise<SectionContent>;
}

export interface SectionContext {
  period: Period;
  department: string | null;
}

export interface SectionContent {
  sheets: SheetSpec[];
  charts: Omit<ChartSpec, "anchor">[];
  rules: BelowTargetRule[];
}
