import { operationsSection } from "../operations/dashboard-section.js";
import type { DashboardSection } from "./section.js";

/** The capabilities' own figures on the dashboard, in the order their tabs appear. */
export const DASHBOARD_SECTIONS: readonly DashboardSection[] = [operationsSection];
