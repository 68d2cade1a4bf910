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
});
