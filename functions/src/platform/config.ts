import { z } from "zod";

const csv = z
  .string()
  .optional()
  .transform((s) =>
    (s ?? "")
      .split(",")
      .map((x) => x.trim())
      .filter(Boolean),
  );

const EnvSchema = z
  .object({
    GOOGLE_CLOUD_PROJECT: z.string().optional(),
    GCLOUD_PROJECT: z.string().optional(),
    AUTH_MODE: z.enum(["google", "local"]).default("google"),
    AUTH_AUDIENCE: csv,
    AUTH_HOSTED_DOMAIN: z.string().optional(),
    AUTH_LOCAL_PUBLIC_KEY: z.string().optional(),
    SMTP_URL: z.string().optional(),
    MAIL_FROM: z.string().default("计划运营部 <planops@localhost>"),
    APP_TIME_ZONE: z.string().default("Asia/Shanghai"),
    OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(5),
  })
  .superRefine((env, ctx) => {
    if (env.AUTH_AUDIENCE.length === 0) {
      ctx.addIssue({ code: "custom", path: ["AUTH_AUDIENCE"], message: "required: the OAuth client id(s) ID tokens are issued for" });
    }
    if (env.AUTH_MODE === "local" && !env.AUTH_LOCAL_PUBLIC_KEY) {
      ctx.addIssue({ code: "custom", path: ["AUTH_LOCAL_PUBLIC_KEY"], message: "required when AUTH_MODE=local (PEM of the local signing key)" });
    }
  });

export interface Config {
  projectId: string | undefined;
  auth: {
    mode: "google" | "local";
    audiences: string[];
    hostedDomain: string | undefined;
    localPublicKeyPem: string | undefined;
  };
  mail: { smtpUrl: string | undefined; from: string; maxAttempts: number };
  timeZone: string;
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
    auth: {
      mode: e.AUTH_MODE,
      audiences: e.AUTH_AUDIENCE,
      hostedDomain: e.AUTH_HOSTED_DOMAIN,
      localPublicKeyPem: e.AUTH_LOCAL_PUBLIC_KEY,
    },
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM, maxAttempts: e.OUTBOX_MAX_ATTEMPTS },
    timeZone: e.APP_TIME_ZONE,
  };
}

/** For logs: the config with secrets (SMTP credentials) masked. */
export function redactConfig(config: Config): Config {
  const smtpUrl = config.mail.smtpUrl?.replace(/\/\/([^:@/]+):([^@/]+)@/, "//$1:***@");
  return { ...config, mail: { ...config.mail, smtpUrl } };
}
