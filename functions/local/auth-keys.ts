import { createSign, generateKeyPairSync } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { LOCAL_KEY_ID } from "../src/platform/auth.js";

/** The audience local tokens are minted for: stands in for the add-on's OAuth client id. */
export const LOCAL_AUDIENCE = "planops-local-addon.apps.googleusercontent.com";

export interface KeyPair {
  privateKeyPem: string;
  publicKeyPem: string;
}

export function generateLocalKeyPair(): KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}

/** The local stack's signing key, kept with its data so tokens survive a restart. */
export function loadOrCreateKeyPair(dir: string): KeyPair {
  const priv = join(dir, "local-signing-key.pem");
  const pub = join(dir, "local-signing-key.pub.pem");
  if (existsSync(priv) && existsSync(pub)) return { privateKeyPem: readFileSync(priv, "utf8"), publicKeyPem: readFileSync(pub, "utf8") };
  mkdirSync(dir, { recursive: true });
  const pair = generateLocalKeyPair();
  writeFileSync(priv, pair.privateKeyPem, { mode: 0o600 });
  writeFileSync(pub, pair.publicKeyPem);
  return pair;
}

const b64url = (s: string | Buffer) => Buffer.from(s).toString("base64url");

export interface MintOptions {
  email: string;
  audience?: string;
  /** Seconds of validity; negative for an already expired token. */
  ttlSeconds?: number;
  now?: Date;
  hd?: string;
  emailVerified?: boolean;
  issuer?: string;
  keyId?: string;
}

/** Mints a Google-shaped ID token (RS256, kid, iss, aud, email) signed with the local key. */
export function mintIdToken(privateKeyPem: string, o: MintOptions): string {
  const iat = Math.floor((o.now ?? new Date()).getTime() / 1000);
  const ttl = o.ttlSeconds ?? 3600;
  const header = { alg: "RS256", typ: "JWT", kid: o.keyId ?? LOCAL_KEY_ID };
  const payload = {
    iss: o.issuer ?? "https://accounts.google.com",
    aud: o.audience ?? LOCAL_AUDIENCE,
    azp: o.audience ?? LOCAL_AUDIENCE,
    sub: `local-${Buffer.from(o.email).toString("hex").slice(0, 20)}`,
    email: o.email,
    email_verified: o.emailVerified ?? true,
    ...(o.hd ? { hd: o.hd } : {}),
    iat: ttl < 0 ? iat + ttl * 2 : iat,
    exp: iat + ttl,
  };
  const signingInput = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  const signature = createSign("RSA-SHA256").update(signingInput).sign(privateKeyPem);
  return `${signingInput}.${b64url(signature)}`;
}
