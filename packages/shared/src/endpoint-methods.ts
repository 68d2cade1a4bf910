/**
 * Every endpoint of the API by name, with its HTTP method: zod-free, so the add-on's
 * client and the backend's cold-start entry know the names without loading any schema.
 * `@planops/shared/api`'s ENDPOINTS declares each one's schemas and must match this list.
 */
export const ENDPOINT_METHODS = {
  submit: "POST",
  pendingApprovals: "GET",
  getPlan: "GET",
  decide: "POST",
  delegate: "POST",
  revokeDelegation: "POST",
  delegations: "GET",
  issuePlan: "POST",
  updateProgress: "POST",
  planProgress: "GET",
  referenceOptions: "GET",
  listOptions: "GET",
  completionRates: "GET",
  roster: "GET",
  rosterRecords: "GET",
  reviewAdjustments: "POST",
  planAdjustments: "GET",
  auditTrail: "GET",
  runRollup: "POST",
  rollupView: "GET",
  dashboard: "GET",
  refreshDashboard: "POST",
  operationsData: "GET",
  generateReport: "POST",
  publishReport: "POST",
} as const;

export type EndpointName = keyof typeof ENDPOINT_METHODS;
export const ENDPOINT_NAMES = Object.keys(ENDPOINT_METHODS) as EndpointName[];
