/**
 * What the add-on and the backend share, zod-free so the add-on's Apps Script
 * bundle stays small: bilingual text, periods, templates, error codes. The
 * endpoint schemas are `@planops/shared/api` (the add-on imports only their types).
 */
export * from "./text.js";
export * from "./period.js";
export * from "./templates/index.js";
export * from "./error-codes.js";
export * from "./endpoint-methods.js";
