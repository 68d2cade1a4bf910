import type { Firestore } from "@google-cloud/firestore";
import type { DocumentKind } from "@planops/shared";
import type { Member } from "@planops/shared/api";
import type { Config } from "./config.js";

/** The delivery channel for notifications (SMTP in production and locally). */
export type SendMail = (mail: { to: string; subject: string; text: string }) => Promise<void>;

/** What every capability needs, built once per process from the config. */
export interface Deps {
  db: Firestore;
  config: Config;
  now: () => Date;
  send: SendMail;
  /** The document kinds this deployment knows: the product's registry (tests may extend it). */
  kinds: readonly DocumentKind[];
}

/** An authenticated call: the caller is the roster's record, not anything the request claims. */
export interface Call<D = Deps> {
  deps: D;
  caller: Member;
}

/** A handler's answer plus the outbox messages its transaction enqueued, delivered after commit. */
export interface Outcome<T> {
  body: T;
  outbox?: string[];
}

/** Today's date ("YYYY-MM-DD") in the department's time zone. */
export function today(deps: Pick<Deps, "now" | "config">): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: deps.config.timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(deps.now());
}

/** An ISO instant as the department reads it: "YYYY-MM-DD HH:mm" in its time zone. */
export function localTime(deps: Pick<Deps, "config">, iso: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: deps.config.timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")} ${part("hour")}:${part("minute")}`;
}
