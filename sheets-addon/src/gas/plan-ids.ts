import type { PlanIdStore } from "../addon-context.js";

/** Document properties: shared by everyone who uses the add-on on this spreadsheet. */
export function planIdStore(): PlanIdStore {
  const key = (sheetId: number) => `planops.plan.${sheetId}`;
  return {
    get: (sheetId) => PropertiesService.getDocumentProperties().getProperty(key(sheetId)),
    set: (sheetId, planId) => {
      PropertiesService.getDocumentProperties().setProperty(key(sheetId), planId);
    },
  };
}
