import { describe, expect, it } from "vitest";
import { parseConfig, redactConfig } from "../../src/platform/config.js";

describe("configuration", () => {
  it("when the config is logged, then the SMTP password is masked and nothing else changes", () => {
    const config = parseConfig({ AUTH_AUDIENCE: "client-1", SMTP_URL: "smtps://relay-user:s3cret@smtp-relay.gmail.com:465" });
    const shown = redactConfig(config);
    expect(shown.mail.smtpUrl).toBe("smtps://relay-user:***@smtp-relay.gmail.com:465");
    expect(JSON.stringify(shown)).not.toContain("s3cret");
    expect({ ...shown, mail: { ...shown.mail, smtpUrl: config.mail.smtpUrl } }).toEqual(config);
  });

  it("when optional variables are absent, then the documented defaults apply", () => {
    const config = parseConfig({ AUTH_AUDIENCE: "a, b" });
    expect(config).toMatchObject({
      auth: { mode: "google", audiences: ["a", "b"], hostedDomain: undefined },
      timeZone: "Asia/Shanghai",
      mail: { maxAttempts: 5 },
    });
  });

  it("when the reminder settings are absent, then the documented defaults apply and runReminders has no scheduler to trust", () => {
    const config = parseConfig({ AUTH_AUDIENCE: "a" });
    expect(config.reminders).toEqual({ leadDays: 2, overdueGraceDays: 2, approvalRemindDays: 2, approvalEscalateDays: 4, skipWeekends: true });
    expect(config.scheduler).toEqual({ serviceAccount: undefined, audience: undefined });
  });

  it("when the reminder settings are given, then they are read (yes/no in any spelling, the service account in lower case)", () => {
    const config = parseConfig({
      AUTH_AUDIENCE: "a",
      REMINDER_LEAD_DAYS: "3",
      REMINDER_OVERDUE_GRACE_DAYS: "0",
      REMINDER_APPROVAL_REMIND_DAYS: "1",
      REMINDER_APPROVAL_ESCALATE_DAYS: "5",
      REMINDER_SKIP_WEEKENDS: "False",
      SCHEDULER_SERVICE_ACCOUNT: " Scheduler@Proj.iam.gserviceaccount.com ",
      SCHEDULER_AUDIENCE: "https://region-proj.cloudfunctions.net/runReminders",
    });
    expect(config.reminders).toEqual({ leadDays: 3, overdueGraceDays: 0, approvalRemindDays: 1, approvalEscalateDays: 5, skipWeekends: false });
    expect(config.scheduler).toEqual({
      serviceAccount: "scheduler@proj.iam.gserviceaccount.com",
      audience: "https://region-proj.cloudfunctions.net/runReminders",
    });
    expect(parseConfig({ AUTH_AUDIENCE: "a", REMINDER_SKIP_WEEKENDS: "1" }).reminders.skipWeekends).toBe(true);
  });

  it.each<[string, Record<string, string>, RegExp]>([
    ["a yes/no that is neither", { REMINDER_SKIP_WEEKENDS: "sometimes" }, /REMINDER_SKIP_WEEKENDS/],
    ["a negative number of days", { REMINDER_LEAD_DAYS: "-1" }, /REMINDER_LEAD_DAYS/],
    ["a fraction of a day", { REMINDER_OVERDUE_GRACE_DAYS: "1.5" }, /REMINDER_OVERDUE_GRACE_DAYS/],
    ["escalation no later than the reminder", { REMINDER_APPROVAL_REMIND_DAYS: "3", REMINDER_APPROVAL_ESCALATE_DAYS: "3" }, /REMINDER_APPROVAL_ESCALATE_DAYS/],
    ["a service account without an audience", { SCHEDULER_SERVICE_ACCOUNT: "s@p.iam.gserviceaccount.com" }, /SCHEDULER_AUDIENCE/],
    ["an audience without a service account", { SCHEDULER_AUDIENCE: "https://x" }, /SCHEDULER_SERVICE_ACCOUNT/],
    ["a service account that is not an email", { SCHEDULER_SERVICE_ACCOUNT: "scheduler", SCHEDULER_AUDIENCE: "https://x" }, /SCHEDULER_SERVICE_ACCOUNT/],
    ["a time zone that does not exist", { APP_TIME_ZONE: "Asia/Beijing" }, /APP_TIME_ZONE/],
  ])("when the environment has %s, then the configuration is refused, naming the variable", (_what, env, variable) => {
    expect(() => parseConfig({ AUTH_AUDIENCE: "a", ...env })).toThrow(variable);
  });
});
