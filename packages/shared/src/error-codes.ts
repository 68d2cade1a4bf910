/** Every error code of the API and its HTTP status: stable, for clients and logs. */
export const STATUS_BY_CODE = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 422,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_IN_ROSTER: 403,
  NOT_APPROVER: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  ALREADY_DECIDED: 409,
  STALE_REVISION: 409,
  PLAN_LOCKED: 409,
  NOT_APPROVED: 409,
  TEMPLATE_OUTDATED: 409,
  /** An adjustment request that no longer fits the plan (its item was cancelled meanwhile, …). */
  ADJUSTMENT_CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INTERNAL: 500,
  /** Google's Sheets, Drive or Firestore service could not be reached or is overloaded: nothing of ours is wrong; try again later. */
  UNAVAILABLE: 503,
} as const;
export type ErrorCode = keyof typeof STATUS_BY_CODE;
