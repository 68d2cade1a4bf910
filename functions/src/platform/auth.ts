import { OAuth2Client, type TokenPayload } from "google-auth-library";
import type { Config } from "./config.js";
import { AppError } from "./errors.js";

const GOOGLE_ISSUERS = ["accounts.google.com", "https://accounts.google.com"];
/** Kid of the local signing key; the local stack mints tokens Google-shaped so one code path verifies both. */
export const LOCAL_KEY_ID = "planops-local";
/** Google ID tokens are about 1 KB; anything far longer is not one (and is not worth parsing). */
const MAX_TOKEN_CHARS = 8192;

export interface VerifiedIdentity {
  email: string;
}

export type VerifyIdToken = (authorization: string | undefined) => Promise<VerifiedIdentity>;

/**
 * Why a token was refused, in plain words. The answer and the log name the reason
 * only: never the token, its payload or its email (google-auth-library's own error
 * texts carry both, so they are classified here and never passed on).
 */
export type TokenProblem =
  | "missing"
  | "malformed"
  | "bad-signature"
  | "unknown-key"
  | "expired"
  | "not-yet-valid"
  | "lifetime-too-long"
  | "wrong-audience"
  | "wrong-issuer"
  | "no-verified-email"
  | "wrong-domain"
  | "invalid";

const PROBLEM_TEXT: Record<Exclude<TokenProblem, "wrong-domain">, { en: string; zh: string }> = {
  missing: { en: "Missing 'Authorization: Bearer <Google ID token>' header", zh: "缺少身份令牌（Authorization: Bearer <Google ID token>）" },
  malformed: { en: "The identity token is malformed: it is not a signed Google ID token", zh: "身份令牌格式不正确：不是已签名的 Google 身份令牌" },
  "bad-signature": { en: "The identity token's signature is invalid", zh: "身份令牌的签名无效" },
  "unknown-key": { en: "The identity token is signed with an unknown key", zh: "身份令牌使用了未知的签名密钥" },
  expired: { en: "The identity token has expired; sign in again", zh: "身份令牌已过期，请重新登录" },
  "not-yet-valid": { en: "The identity token is not valid yet (issued in the future)", zh: "身份令牌尚未生效（签发时间在未来）" },
  "lifetime-too-long": { en: "The identity token's lifetime is longer than Google allows", zh: "身份令牌的有效期超出 Google 的上限" },
  "wrong-audience": { en: "The identity token was issued for another application (wrong audience)", zh: "身份令牌签发给了其他应用（受众不符）" },
  "wrong-issuer": { en: "The identity token was not issued by Google (wrong issuer)", zh: "身份令牌不是 Google 签发的（签发者不符）" },
  "no-verified-email": { en: "The identity token carries no verified email", zh: "身份令牌中没有已验证的邮箱" },
  invalid: { en: "The identity token is invalid", zh: "身份令牌无效" },
};

class TokenRefused extends Error {
  constructor(
    readonly problem: TokenProblem,
    readonly text: { en: string; zh: string },
  ) {
    super(problem);
  }
}

const refuse = (problem: Exclude<TokenProblem, "wrong-domain">) => new TokenRefused(problem, PROBLEM_TEXT[problem]);

/** google-auth-library throws plain Errors whose text embeds the token; only their fixed prefixes are read here. */
function classifyLibraryError(err: unknown): TokenRefused {
  const message = err instanceof Error ? err.message : "";
  const rules: [RegExp, Exclude<TokenProblem, "wrong-domain">][] = [
    [/^(Wrong number of segments|Can't parse token|No issue time|No expiration time|(iat|exp) field using invalid format)/, "malformed"],
    [/^No pem found/, "unknown-key"],
    [/^Invalid token signature/, "bad-signature"],
    [/^Expiration time too far in future/, "lifetime-too-long"],
    [/^Token used too early/, "not-yet-valid"],
    [/^Token used too late/, "expired"],
    [/^Invalid issuer/, "wrong-issuer"],
    [/^Wrong recipient/, "wrong-audience"],
  ];
  return refuse(rules.find(([re]) => re.test(message))?.[1] ?? "invalid");
}

const B64URL_SEGMENT = /^[A-Za-z0-9_-]+$/;

/** The unverified header and payload, decoded only to refuse what is not a JWT at all and to log safe fields. */
function decodeUnverified(token: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const segments = token.split(".");
  if (token.length > MAX_TOKEN_CHARS || segments.length !== 3 || !segments.every((s) => B64URL_SEGMENT.test(s))) throw refuse("malformed");
  const json = (segment: string): Record<string, unknown> => {
    let value: unknown;
    try {
      value = JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
    } catch {
      throw refuse("malformed");
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) throw refuse("malformed");
    return value as Record<string, unknown>;
  };
  const header = json(segments[0] ?? "");
  const payload = json(segments[1] ?? "");
  // Google signs ID tokens with RS256; anything else (none, HS256, ES256 with an RSA key …) is refused before any crypto.
  if (header.alg !== "RS256" || typeof header.kid !== "string") throw refuse("malformed");
  return { header, payload };
}

/**
 * An email as Google issues it, and usable as the roster's document id: one
 * address, no '/', no whitespace or control characters, an ASCII (punycode) domain.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what it refuses
const EMAIL = /^[^\s@/\\"<>()[\],;:\u0000-\u001f\u007f]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9-]{2,63}$/;

/** Safe to log: which key and audience a refused token named, never who it names or the token itself. */
function loggableClaims(decoded: ReturnType<typeof decodeUnverified> | undefined): Record<string, unknown> {
  if (!decoded) return {};
  const short = (v: unknown) => (typeof v === "string" ? v.slice(0, 200) : typeof v === "number" ? v : typeof v);
  return {
    alg: short(decoded.header.alg),
    kid: short(decoded.header.kid),
    iss: short(decoded.payload.iss),
    aud: short(decoded.payload.aud),
    iat: short(decoded.payload.iat),
    exp: short(decoded.payload.exp),
  };
}

/**
 * Verifies a Google ID token (signature, audience, issuer, expiry, optional hosted
 * domain, verified email). In local mode the certificate set is the local public key
 * instead of Google's published certs; everything else is the same code.
 * Every refusal is 401 UNAUTHENTICATED naming the reason, never the credential.
 */
export function idTokenVerifier(auth: Config["auth"]): VerifyIdToken {
  const client = new OAuth2Client();
  const certs = async (): Promise<Record<string, string>> => {
    if (auth.mode === "local") return { [LOCAL_KEY_ID]: auth.localPublicKeyPem ?? "" };
    const { certs: google } = await client.getFederatedSignonCertsAsync();
    return google as Record<string, string>;
  };
  const hostedDomain = auth.hostedDomain?.toLowerCase();

  const check = async (authorization: string | undefined, seen: { decoded?: ReturnType<typeof decodeUnverified> }): Promise<VerifiedIdentity> => {
    const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
    if (!m?.[1]) throw refuse("missing");
    const token = m[1];
    seen.decoded = decodeUnverified(token);
    // Fetching Google's certificates is outside the try: when it fails, that is our outage (500), not the caller's token.
    const known = await certs();
    let payload: TokenPayload | undefined;
    try {
      payload = (await client.verifySignedJwtWithCertsAsync(token, known, auth.audiences, GOOGLE_ISSUERS)).getPayload();
    } catch (err) {
      throw classifyLibraryError(err);
    }
    // The signature is good, but the claims are still data: each is checked for its type, not only its truthiness.
    const claims = (payload ?? {}) as Record<string, unknown>;
    const email = claims.email;
    if (typeof email !== "string" || email.length > 254 || !EMAIL.test(email) || claims.email_verified !== true) throw refuse("no-verified-email");
    if (hostedDomain !== undefined && (typeof claims.hd !== "string" || claims.hd.toLowerCase() !== hostedDomain)) {
      throw new TokenRefused("wrong-domain", { en: `Accounts of ${auth.hostedDomain} only`, zh: `仅限 ${auth.hostedDomain} 的账号` });
    }
    return { email: email.toLowerCase() };
  };

  return async (authorization) => {
    const seen: { decoded?: ReturnType<typeof decodeUnverified> } = {};
    try {
      return await check(authorization, seen);
    } catch (err) {
      if (!(err instanceof TokenRefused)) throw err;
      console.warn(JSON.stringify({ severity: "WARNING", message: "identity token refused", reason: err.problem, ...loggableClaims(seen.decoded) }));
      throw new AppError("UNAUTHENTICATED", { zh: err.text.zh, en: err.text.en });
    }
  };
}
