import { OAuth2Client, type TokenPayload } from "google-auth-library";
import type { Config } from "./config.js";
import { AppError } from "./errors.js";

const GOOGLE_ISSUERS = ["accounts.google.com", "https://accounts.google.com"];
/** Kid of the local signing key; the local stack mints tokens Google-shaped so one code path verifies both. */
export const LOCAL_KEY_ID = "planops-local";

export interface VerifiedIdentity {
  email: string;
}

export type VerifyIdToken = (authorization: string | undefined) => Promise<VerifiedIdentity>;

const unauthenticated = (en: string, zh: string) => new AppError("UNAUTHENTICATED", { zh, en });

/**
 * Verifies a Google ID token (signature, audience, issuer, expiry, optional hosted
 * domain, verified email). In local mode the certificate set is the local public key
 * instead of Google's published certs; everything else is the same code.
 */
export function idTokenVerifier(auth: Config["auth"]): VerifyIdToken {
  const client = new OAuth2Client();
  const certs = async (): Promise<Record<string, string>> => {
    if (auth.mode === "local") return { [LOCAL_KEY_ID]: auth.localPublicKeyPem ?? "" };
    const { certs: google } = await client.getFederatedSignonCertsAsync();
    return google as Record<string, string>;
  };

  return async (authorization) => {
    const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
    if (!m?.[1]) throw unauthenticated("Missing 'Authorization: Bearer <Google ID token>' header", "缺少身份令牌（Authorization: Bearer <Google ID token>）");
    let payload: TokenPayload | undefined;
    try {
      const ticket = await client.verifySignedJwtWithCertsAsync(m[1], await certs(), auth.audiences, GOOGLE_ISSUERS);
      payload = ticket.getPayload();
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw unauthenticated(`Invalid identity token: ${reason}`, `身份令牌无效：${reason}`);
    }
    if (!payload?.email || payload.email_verified !== true) {
      throw unauthenticated("The identity token carries no verified email", "身份令牌中没有已验证的邮箱");
    }
    if (auth.hostedDomain && payload.hd !== auth.hostedDomain) {
      throw unauthenticated(`Accounts of ${auth.hostedDomain} only`, `仅限 ${auth.hostedDomain} 的账号`);
    }
    return { email: payload.email.toLowerCase() };
  };
}
