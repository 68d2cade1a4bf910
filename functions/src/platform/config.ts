import { createHash, createPublicKey } from "node:crypto";
// zod/mini: the config is parsed on every cold start, and mini's tree-shakable functions load in half the time of
// the classic API (functions/bench/cold-start.ts); the parsing rules are the same.
import * as z from "zod/mini";

const csv = z.pipe(
  z.optional(z.string()),
  z.transform((s: string | undefined) =>
    (s ?? "")
      .split(",")
      .map((x) => x.trim())
      .filter(Boolean),
  ),
);

/** A yes/no setting: true/false (also 1/0, yes/no, any case); absent or empty is the default. */
const flag = (fallback: boolean) =>
  z.pipe(
    z.optional(z.string()),
    z.transform((s: string | undefined, ctx) => {
      const v = (s ?? "").trim().toLowerCase();
      if (v === "") return fallback;
      if (v === "true" || v === "1" || v === "yes") return true;
      if (v === "false" || v === "0" || v === "no") return false;
      ctx.issues.push({ code: "custom", message: "must be true or false", input: s });
      return z.NEVER;
    }),
  );
/** A number of days for the reminder job. */
const days = (fallback: number, min: number) => z._default(z.coerce.number().check(z.int(), z.minimum(min), z.maximum(365)), fallback);
/** A setting that is text when set. */
const text = () => z.optional(z.string());
const trimmed = () => z.string().check(z.trim());

/** ES2022's Intl.supportedValuesOf, typed here because the add-on's tests check this file against ES2020's library. */
const canonicalTimeZones = (): string[] => (Intl as unknown as { supportedValuesOf(key: "timeZone"): string[] }).supportedValuesOf("timeZone");

const isTimeZone = (tz: string): boolean => {
  // The canonical list answers for the usual names in ~1 ms; a first DateTimeFormat with a time zone loads ICU's zone data (~20 ms of a cold start). Aliases ("Asia/Chongqing") still pass through it.
  if (canonicalTimeZones().includes(tz)) return true;
  try {
    new Intl.DateTimeFormat("en-CA", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const EnvSchema = z
  .object({
    GOOGLE_CLOUD_PROJECT: text(),
    GCLOUD_PROJECT: text(),
    // The Firestore client reads it itself; the REST reads (platform/firestore-rest.ts) take it from here.
    FIRESTORE_EMULATOR_HOST: z.optional(trimmed().check(z.minLength(1))),
    AUTH_MODE: z._default(z.enum(["google", "local"]), "google"),
    AUTH_AUDIENCE: csv,
    AUTH_HOSTED_DOMAIN: text(),
    AUTH_LOCAL_PUBLIC_KEY: text(),
    SMTP_URL: text(),
    MAIL_FROM: z._default(z.string(), "计划运营部 <planops@localhost>"),
    APP_TIME_ZONE: z._default(z.string(), "Asia/Shanghai"),
    OUTBOX_MAX_ATTEMPTS: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(50)), 5),
    // Reminders and escalation (reminders/): who may trigger the job, and its rules.
    SCHEDULER_SERVICE_ACCOUNT: z.optional(trimmed().check(z.toLowerCase(), z.email())),
    SCHEDULER_AUDIENCE: z.optional(trimmed().check(z.minLength(1))),
    REMINDER_LEAD_DAYS: days(2, 0),
    REMINDER_OVERDUE_GRACE_DAYS: days(2, 0),
    REMINDER_APPROVAL_REMIND_DAYS: days(2, 1),
    REMINDER_APPROVAL_ESCALATE_DAYS: days(4, 1),
    REMINDER_SKIP_WEEKENDS: flag(true),
    // Dashboards and reports (platform/sheets-client.ts): unset, Google's Sheets API with Application Default Credentials.
    SHEETS_API_ROOT: z.optional(trimmed().check(z.url())),
    // Who may open them (platform/drive-client.ts): unset, Google's Drive API with Application Default Credentials.
    DRIVE_API_ROOT: z.optional(trimmed().check(z.url())),
  })
  .check(
    z.superRefine((env, ctx) => {
      if (env.AUTH_AUDIENCE.length === 0) {
        ctx.addIssue({ code: "custom", path: ["AUTH_AUDIENCE"], message: "required: the OAuth client id(s) ID tokens are issued for" });
      }
      if (env.AUTH_MODE === "local" && !env.AUTH_LOCAL_PUBLIC_KEY) {
        ctx.addIssue({ code: "custom", path: ["AUTH_LOCAL_PUBLIC_KEY"], message: "required when AUTH_MODE=local (PEM of the local signing key)" });
      }
      if (!isTimeZone(env.APP_TIME_ZONE)) {
        ctx.addIssue({ code: "custom", path: ["APP_TIME_ZONE"], message: "not an IANA time zone (e.g. Asia/Shanghai)" });
      }
      if ((env.SCHEDULER_SERVICE_ACCOUNT === undefined) !== (env.SCHEDULER_AUDIENCE === undefined)) {
        const missing = env.SCHEDULER_SERVICE_ACCOUNT === undefined ? "SCHEDULER_SERVICE_ACCOUNT" : "SCHEDULER_AUDIENCE";
        ctx.addIssue({
          code: "custom",
          path: [missing],
          message: "SCHEDULER_SERVICE_ACCOUNT and SCHEDULER_AUDIENCE are set together (runReminders verifies both)",
        });
      }
      if ((env.SHEETS_API_ROOT === undefined) !== (env.DRIVE_API_ROOT === undefined)) {
        const missing = env.SHEETS_API_ROOT === undefined ? "SHEETS_API_ROOT" : "DRIVE_API_ROOT";
        ctx.addIssue({
          code: "custom",
          path: [missing],
          message: "SHEETS_API_ROOT and DRIVE_API_ROOT are set together (the files Drive shares are the spreadsheets the Sheets API writes)",
        });
      }
      if (env.REMINDER_APPROVAL_ESCALATE_DAYS <= env.REMINDER_APPROVAL_REMIND_DAYS) {
        ctx.addIssue({ code: "custom", path: ["REMINDER_APPROVAL_ESCALATE_DAYS"], message: "must be more than REMINDER_APPROVAL_REMIND_DAYS" });
      }
    }),
  );

export interface Config {
  projectId: string | undefined;
  /** host:port of a Firestore emulator, or undefined for Google's service. */
  firestoreEmulatorHost: string | undefined;
  auth: {
    mode: "google" | "local";
    audiences: string[];
    hostedDomain: string | undefined;
    localPublicKeyPem: string | undefined;
  };
  mail: { smtpUrl: string | undefined; from: string; maxAttempts: number };
  timeZone: string;
  /** Who may trigger the scheduled jobs: Cloud Scheduler's OIDC token, its email and audience. Both unset: runReminders refuses to run. */
  scheduler: { serviceAccount: string | undefined; audience: string | undefined };
  /** The reminder job's rules (reminders/schedule.ts); days are calendar days in `timeZone`. */
  reminders: ReminderRules;
  /** Where dashboards and reports are written: a Sheets API stand-in's root URL, or undefined for Google's API. */
  sheets: { apiRoot: string | undefined };
  /** Where they are shared with their readers (Drive permissions): a stand-in's root URL, or undefined for Google's API. */
  drive: { apiRoot: string | undefined };
}

export interface ReminderRules {
  /** Remind a task's owner this many days before its due date. */
  leadDays: number;
  /** After the owner is told a task is overdue, tell their supervisor this many days later if it is still open. */
  overdueGraceDays: number;
  /** Remind the approvers when a revision has waited this many days. */
  approvalRemindDays: number;
  /** Escalate when it has waited this many days (more than approvalRemindDays). */
  approvalEscalateDays: number;
  /** Send nothing on Saturday and Sunday; what fell due then goes out on Monday. */
  skipWeekends: boolean;
}

/** Config is a validated function of the environment, parsed once; tests pass a literal env. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  return {
    projectId: e.GOOGLE_CLOUD_PROJECT ?? e.GCLOUD_PROJECT,
    firestoreEmulatorHost: e.FIRESTORE_EMULATOR_HOST,
    auth: {
      mode: e.AUTH_MODE,
      audiences: e.AUTH_AUDIENCE,
      hostedDomain: e.AUTH_HOSTED_DOMAIN,
      localPublicKeyPem: e.AUTH_LOCAL_PUBLIC_KEY,
    },
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM, maxAttempts: e.OUTBOX_MAX_ATTEMPTS },
    timeZone: e.APP_TIME_ZONE,
    scheduler: { serviceAccount: e.SCHEDULER_SERVICE_ACCOUNT, audience: e.SCHEDULER_AUDIENCE },
    reminders: {
      leadDays: e.REMINDER_LEAD_DAYS,
      overdueGraceDays: e.REMINDER_OVERDUE_GRACE_DAYS,
      approvalRemindDays: e.REMINDER_APPROVAL_REMIND_DAYS,
      approvalEscalateDays: e.REMINDER_APPROVAL_ESCALATE_DAYS,
      skipWeekends: e.REMINDER_SKIP_WEEKENDS,
    },
    sheets: { apiRoot: e.SHEETS_API_ROOT },
    drive: { apiRoot: e.DRIVE_API_ROOT },
  };
}

/** What the cold-start log shows of the config: secrets masked, the local public key as a fingerprint. */
export interface RedactedConfig extends Omit<Config, "auth"> {
  auth: Omit<Config["auth"], "localPublicKeyPem"> & { localPublicKey: string | undefined };
}

/** "sha256:<base64>" of the key's DER (SPKI) form: names the key in logs without printing it. */
export function keyFingerprint(pem: string): string {
  try {
    const der = createPublicKey(pem).export({ type: "spki", format: "der" });
    return `sha256:${createHash("sha256").update(der).digest("base64")}`;
  } catch {
    return "set (not a readable public key)";
  }
}

/**
 * The SMTP URL as the log shows it: scheme, user and host; the password masked and
 * the path dropped (an unencoded '/' in a password would otherwise spill its tail
 * into the path); query parameters by name only (they may carry credentials too).
 */
function maskSmtpUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "set (not a URL)";
  }
  const user = parsed.username ? `${parsed.username}${parsed.password ? ":***" : ""}@` : "";
  const query = [...new Set(parsed.searchParams.keys())].map((k) => `${k}=***`).join("&");
  return `${parsed.protocol}//${user}${parsed.host}${query ? `?${query}` : ""}`;
}

/** For logs: the config with secrets (SMTP credentials) masked and the local public key as a fingerprint. */
export function redactConfig(config: Config): RedactedConfig {
  const { localPublicKeyPem, ...auth } = config.auth;
  return {
    ...config,
    auth: { ...auth, localPublicKey: localPublicKeyPem === undefined ? undefined : keyFingerprint(localPublicKeyPem) },
    mail: { ...config.mail, smtpUrl: maskSmtpUrl(config.mail.smtpUrl) },
  };
}
