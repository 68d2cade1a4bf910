/**
 * Per-stand-in execution state shared by all services: who is running the script and in which
 * authorization mode (simple triggers run with LIMITED/NONE and may not call everything).
 */
import { type AuthModeName, GasException } from "./enums.js";

export interface User {
  email: string;
  /** As Session.getActiveUserLocale() reports it, e.g. "zh_CN". */
  locale: string;
}

/** Apps Script's User object. */
export class GasUser {
  constructor(private readonly email: string) {}
  getEmail(): string {
    return this.email;
  }
  toString(): string {
    return this.email;
  }
}

const RANK: Record<AuthModeName, number> = { NONE: 0, CUSTOM_FUNCTION: 1, LIMITED: 2, FULL: 3 };

export class Env {
  authMode: AuthModeName = "FULL";
  constructor(public user: User) {}

  /** Throws the error Apps Script gives when a trigger's auth mode does not allow `method`. */
  need(method: string, level: "LIMITED" | "FULL", scope: string): void {
    if (RANK[this.authMode] < RANK[level]) {
      throw new GasException(`You do not have permission to call ${method}. Required permissions: https://www.googleapis.com/auth/${scope}`);
    }
  }
}
