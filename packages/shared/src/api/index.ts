/** The API's zod schemas: request and response of every endpoint, the error envelope. */
export * from "./common.js";
export * from "./errors.js";
export * from "./plans.js";
export * from "./approvals.js";
export * from "./adjustments.js";
export * from "./delegations.js";
export * from "./roster.js";
export * from "./roster-records.js";
export * from "./rollups.js";
export * from "./dashboards.js";
export * from "./operations.js";
export * from "./options.js";
export * from "./audit.js";
export * from "./endpoints.js";
