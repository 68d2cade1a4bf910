/**
 * The hidden marker on a template sheet: developer metadata keys that tell the
 * add-on (and a human support engineer) which template, version and period a
 * sheet holds. A sheet that is not per period (the roster) has no period key.
 */
export const MARKER_KEYS = {
  template: "planops.template",
  version: "planops.version",
  period: "planops.period",
} as const;
