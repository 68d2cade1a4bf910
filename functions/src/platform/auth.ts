// Verified with node:crypto, not google-auth-library: loading that library costs ~40 ms of a cold start, an RS256 verify here < 1 ms.
import { createPublicKey, type KeyObject, verify as verifySignature } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { Config } from "./config.js";
import { AppError } from "./errors.js";
import { type GotText, getText } from "./http-get.js";

/** Google's signing certificates as X.509 PEMs, a JSON object kid → PEM (node:https, not fetch: the first fetch loads undici, ~20 ms). */
const GOOGLE_CERTS_URL = "https://www.googleapis.com/oauth2/v1/certs";
/** google-auth-library's constants, kept so a token passes or fails exactly as it did there. */
const GOOGLE_ISSUERS: readonly string[] = ["accounts.google.com", "https://accounts.google.com"];
const MAX_TOKEN_LIFETIME_SECS = 86_400;
const CLOCK_SKEW_SECS = 300;
/** A certificates request hanging longer than this fails (500) rather than holding every sign-in. */
const CERTS_TIMEOUT_MS = 10_000;
/** Kid of the local signing key; the local stack mints tokens Google-shaped so one code path verifies both. */
export const LOCAL_KEY_ID = "planops-local";
/** Google ID tokens are about 1 KB; anything far longer is not one (and is not worth parsing). */
const MAX_TOKEN_CHARS = 8192;

export interface VerifiedIdentity {
  email: string;
}

export type VerifyIdToken = (authorization: string | undefined) => Promise<VerifiedIdentity>;

export interface VerifierOptions {
  /** Where Google's certificates are published (http: or https:); tests serve their own. */
  googleCertsUrl?: string;
  /** The clock for the tokens' times and the certificates' cache; tests move it. */
  now?: () => Date;
}

/**
 * Why a token was refused, in plain words. The answer and the log name the reason
 * only: never the token, its payload or its email.
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

const B64URL_SEGMENT = /^[A-Za-z0-9_-]+$/;

interface DecodedToken {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  kid: string;
  /** `header.payload` as sent: what the signature covers. */
  signed: Buffer;
  signature: Buffer;
}

/** The unverified header and payload, decoded only to refuse what is not a JWT at all and to log safe fields. */
function decodeUnverified(token: string): DecodedToken {
  const segments = token.split(".");
  if (token.length > MAX_TOKEN_CHARS || segments.length !== 3 || !segments.every((s) => B64URL_SEGMENT.test(s))) throw refuse("malformed");
  const [head = "", body = "", signature = ""] = segments;
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
  const header = json(head);
  const payload = json(body);
  // Google signs ID tokens with RS256; anything else (none, HS256, ES256 with an RSA key …) is refused before any crypto.
  if (header.alg !== "RS256" || typeof header.kid !== "string") throw refuse("malformed");
  return { header, payload, kid: header.kid, signed: Buffer.from(`${head}.${body}`), signature: Buffer.from(signature, "base64url") };
}

/** google-auth-library's checks of a token's signature, times, issuer and audience, in its order. */
function verifySignedJwt(token: DecodedToken, keys: ReadonlyMap<string, KeyObject>, audiences: readonly string[], nowMs: number): void {
  // A Map, not the parsed JSON object: a kid such as "__proto__" or "toString" finds nothing.
  const key = keys.get(token.kid);
  if (!key) throw refuse("unknown-key");
  // An RSA-SHA256 check against an EC key would accept an ES256 signature under an RS256 header.
  if (key.asymmetricKeyType !== "rsa") throw refuse("invalid");
  if (!verifySignature("RSA-SHA256", token.signed, key, token.signature)) throw refuse("bad-signature");
  const { iat, exp, iss, aud } = token.payload;
  if (typeof iat !== "number" || !Number.isFinite(iat) || typeof exp !== "number" || !Number.isFinite(exp)) throw refuse("malformed");
  const now = nowMs / 1000;
  if (exp >= now + MAX_TOKEN_LIFETIME_SECS) throw refuse("lifetime-too-long");
  if (now < iat - CLOCK_SKEW_SECS) throw refuse("not-yet-valid");
  if (now > exp + CLOCK_SKEW_SECS) throw refuse("expired");
  if (typeof iss !== "string" || !GOOGLE_ISSUERS.includes(iss)) throw refuse("wrong-issuer");
  // As google-auth-library with an array of audiences: one must match, so an empty list (config refuses one) accepts nothing.
  if (typeof aud !== "string" || !audiences.includes(aud)) throw refuse("wrong-audience");
}

/** Each PEM parsed once, when its set arrives, so a warm request parses none. */
function parseKeys(pems: Record<string, string>): ReadonlyMap<string, KeyObject> {
  return new Map(Object.entries(pems).map(([kid, pem]) => [kid, createPublicKey(pem)]));
}

/** How long an answer may be reused: its Cache-Control max-age, else its Expires; without either, not at all (as google-auth-library). */
function freshForMs(headers: IncomingHttpHeaders, receivedAt: number): number {
  const maxAge = /max-age=(\d+)/.exec(headers["cache-control"] ?? "")?.[1];
  if (maxAge !== undefined) return Number(maxAge) * 1000;
  const expires = Date.parse(headers.expires ?? "");
  if (Number.isNaN(expires)) return 0;
  const date = Date.parse(headers.date ?? "");
  return Math.max(0, expires - (Number.isNaN(date) ? receivedAt : date));
}

interface CertSet {
  keys: ReadonlyMap<string, KeyObject>;
  freshUntil: number;
}

/** One GET of the certificates. Every failure is a plain Error naming the URL: our outage, never the caller's token. */
async function fetchCerts(url: URL, now: () => Date): Promise<CertSet> {
  const fail = (why: string) => new Error(`cannot read Google's ID token certificates from ${url.href}: ${why}`);
  let got: GotText;
  try {
    got = await getText(url, { timeoutMs: CERTS_TIMEOUT_MS });
  } catch (err) {
    throw fail(err instanceof Error ? err.message : String(err));
  }
  if (got.status !== 200) throw fail(`HTTP ${got.status}`);
  let body: unknown;
  try {
    body = JSON.parse(got.text);
  } catch {
    throw fail("the answer is not JSON");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body) || !Object.values(body).every((pem) => typeof pem === "string")) {
    throw fail("the answer is not an object of kid → PEM");
  }
  try {
    const receivedAt = now().getTime();
    return { keys: parseKeys(body as Record<string, string>), freshUntil: receivedAt + freshForMs(got.headers, receivedAt) };
  } catch (err) {
    throw fail(`a certificate is unreadable (${err instanceof Error ? err.message : String(err)})`);
  }
}

/** Google's certificates, cached while fresh; requests that find none fresh share one fetch. */
function googleCerts(urlText: string, now: () => Date): () => Promise<ReadonlyMap<string, KeyObject>> {
  const url = new URL(urlText);
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error(`the ID token certificates URL must be http: or https:, not ${url.protocol}`);
  let cached: CertSet | undefined;
  let pending: Promise<CertSet> | undefined;
  return async () => {
    if (cached && now().getTime() < cached.freshUntil) return cached.keys;
    pending ??= fetchCerts(url, now).finally(() => {
      pending = undefined;
    });
    cached = await pending;
    return cached.keys;
  };
}

/**
 * An email as Google issues it, and usable as the roster's document id: one
 * address, no '/', no whitespace or control characters, an ASCII (punycode) domain.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what it refuses
const EMAIL = /^[^\s@/\\"<>()[\],;:\u0000-\u001f\u007f]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9-]{2,63}$/;

/** Safe to log: which key and audience a refused token named, never who it names or the token itself. */
function loggableClaims(decoded: DecodedToken | undefined): Record<string, unknown> {
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
export function idTokenVerifier(auth: Config["auth"], options: VerifierOptions = {}): VerifyIdToken {
  const now = options.now ?? (() => new Date());
  let localKeys: ReadonlyMap<string, KeyObject> | undefined;
  const certs =
    auth.mode === "local"
      ? async () => {
          if (auth.localPublicKeyPem === undefined) throw new Error("AUTH_MODE=local needs AUTH_LOCAL_PUBLIC_KEY");
          localKeys ??= parseKeys({ [LOCAL_KEY_ID]: auth.localPublicKeyPem });
          return localKeys;
        }
      : googleCerts(options.googleCertsUrl ?? GOOGLE_CERTS_URL, now);
  const hostedDomain = auth.hostedDomain?.toLowerCase();

  const check = async (authorization: string | undefined, seen: { decoded?: DecodedToken }): Promise<VerifiedIdentity> => {
    const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
    if (!m?.[1]) throw refuse("missing");
    const decoded = decodeUnverified(m[1]);
    seen.decoded = decoded;
    // Fetching Google's certificates throws a plain Error when it fails: that is our outage (500), not the caller's token.
    verifySignedJwt(decoded, await certs(), auth.audiences, now().getTime());
    // The signature is good, but the claims are still data: each is checked for its type, not only its truthiness.
    const claims = decoded.payload;
    const email = claims.email;
    if (typeof email !== "string" || email.length > 254 || !EMAIL.test(email) || claims.email_verified !== true) throw refuse("no-verified-email");
    if (hostedDomain !== undefined && (typeof claims.hd !== "string" || claims.hd.toLowerCase() !== hostedDomain)) {
      throw new TokenRefused("wrong-domain", { en: `Accounts of ${auth.hostedDomain} only`, zh: `仅限 ${auth.hostedDomain} 的账号` });
    }
    return { email: email.toLowerCase() };
  };

  return async (authorization) => {
    const seen: { decoded?: DecodedToken } = {};
    try {
      return await check(authorization, seen);
    } catch (err) {
      if (!(err instanceof TokenRefused)) throw err;
      console.warn(JSON.stringify({ severity: "WARNING", message: "identity token refused", reason: err.problem, ...loggableClaims(seen.decoded) }));
      throw new AppError("UNAUTHENTICATED", { zh: err.text.zh, en: err.text.en });
    }
  };
}
