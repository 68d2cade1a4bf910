/**
 * The non-spreadsheet Apps Script services: Properties, Cache, Lock, Session, ScriptApp,
 * Utilities, Logger and console. UrlFetchApp and HtmlService live in their own modules.
 */
import { createHash, randomUUID } from "node:crypto";
import { AuthMode, Charset, DigestAlgorithm, type EnumValue, GasException } from "./enums.js";
import { type Env, GasUser } from "./env.js";
import { formatJavaDate } from "./time.js";

const MAX_PROPERTY_VALUE = 9 * 1024;

/** One property store (script-, user- or document-scoped); values are always strings. */
export class Properties {
  constructor(private readonly store: Map<string, string>) {}
  getProperty(key: string): string | null {
    return this.store.get(String(key)) ?? null;
  }
  setProperty(key: string, value: unknown): this {
    const text = String(value);
    if (Buffer.byteLength(text) > MAX_PROPERTY_VALUE) throw new GasException("Argument too large: value");
    this.store.set(String(key), text);
    return this;
  }
  setProperties(properties: Record<string, unknown>, deleteAllOthers = false): this {
    if (deleteAllOthers) this.store.clear();
    for (const [k, v] of Object.entries(properties)) this.setProperty(k, v);
    return this;
  }
  getProperties(): Record<string, string> {
    return Object.fromEntries(this.store);
  }
  getKeys(): string[] {
    return [...this.store.keys()];
  }
  deleteProperty(key: string): this {
    this.store.delete(String(key));
    return this;
  }
  deleteAllProperties(): this {
    this.store.clear();
    return this;
  }
}

export interface PropertyStores {
  script: Map<string, string>;
  document: Map<string, string>;
  user(email: string): Map<string, string>;
}

export class PropertiesService {
  constructor(
    private readonly env: Env,
    private readonly stores: PropertyStores,
  ) {}
  private open(method: string, store: Map<string, string>): Properties {
    this.env.need(`PropertiesService.${method}`, "LIMITED", "script.storage");
    return new Properties(store);
  }
  getScriptProperties(): Properties {
    return this.open("getScriptProperties", this.stores.script);
  }
  getDocumentProperties(): Properties {
    return this.open("getDocumentProperties", this.stores.document);
  }
  getUserProperties(): Properties {
    return this.open("getUserProperties", this.stores.user(this.env.user.email));
  }
}

interface CacheEntry {
  value: string;
  expires: number;
}

export class Cache {
  constructor(private readonly store: Map<string, CacheEntry>) {}
  get(key: string): string | null {
    const e = this.store.get(String(key));
    if (!e || e.expires <= Date.now()) return null;
    return e.value;
  }
  getAll(keys: string[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const k of keys) {
      const v = this.get(k);
      if (v !== null) out[k] = v;
    }
    return out;
  }
  /** Apps Script caps expiration at 6 hours (21600 s); the default is 10 minutes. */
  put(key: string, value: string, expirationInSeconds = 600): void {
    const ttl = Math.min(Math.max(expirationInSeconds, 1), 21_600);
    this.store.set(String(key), { value: String(value), expires: Date.now() + ttl * 1000 });
  }
  putAll(values: Record<string, string>, expirationInSeconds = 600): void {
    for (const [k, v] of Object.entries(values)) this.put(k, v, expirationInSeconds);
  }
  remove(key: string): void {
    this.store.delete(String(key));
  }
  removeAll(keys: string[]): void {
    keys.forEach((k) => this.store.delete(String(k)));
  }
}

export class CacheService {
  constructor(
    private readonly env: Env,
    private readonly stores: (scope: string) => Map<string, CacheEntry>,
  ) {}
  getScriptCache(): Cache {
    return new Cache(this.stores("script"));
  }
  getDocumentCache(): Cache {
    return new Cache(this.stores("document"));
  }
  getUserCache(): Cache {
    return new Cache(this.stores(`user:${this.env.user.email}`));
  }
}

/**
 * Lock holders by lock name. "self" = the running execution (released when it ends);
 * "other" = a concurrent execution a test simulates with StandIn.holdLock().
 */
export type LockTable = Map<string, "self" | "other">;

export class Lock {
  constructor(
    private readonly table: LockTable,
    private readonly name: string,
  ) {}
  tryLock(_timeoutInMillis?: number): boolean {
    if (this.table.get(this.name) === "other") return false;
    this.table.set(this.name, "self");
    return true;
  }
  waitLock(timeoutInMillis?: number): void {
    if (!this.tryLock(timeoutInMillis)) throw new GasException("Lock timeout: another process was holding the lock for too long.");
  }
  releaseLock(): void {
    if (this.table.get(this.name) === "self") this.table.delete(this.name);
  }
  hasLock(): boolean {
    return this.table.get(this.name) === "self";
  }
}

export class LockService {
  constructor(
    private readonly env: Env,
    private readonly table: LockTable,
  ) {}
  getScriptLock(): Lock {
    return new Lock(this.table, "script");
  }
  getDocumentLock(): Lock {
    return new Lock(this.table, "document");
  }
  getUserLock(): Lock {
    return new Lock(this.table, `user:${this.env.user.email}`);
  }
}

export class Session {
  constructor(
    private readonly env: Env,
    private readonly scriptTimeZone: string,
  ) {}
  getActiveUser(): GasUser {
    return new GasUser(this.env.user.email);
  }
  /** Add-on menu items and sidebar calls run as the user who triggered them. */
  getEffectiveUser(): GasUser {
    return new GasUser(this.env.user.email);
  }
  getActiveUserLocale(): string {
    return this.env.user.locale;
  }
  getScriptTimeZone(): string {
    return this.scriptTimeZone;
  }
}

export class ScriptApp {
  constructor(
    private readonly env: Env,
    private readonly identityToken: (email: string) => string | null,
  ) {}
  get AuthMode() {
    return AuthMode;
  }
  /** String|null: null when the user has not granted the openid scope. */
  getIdentityToken(): string | null {
    this.env.need("ScriptApp.getIdentityToken", "FULL", "userinfo.email");
    return this.identityToken(this.env.user.email);
  }
  getOAuthToken(): string {
    this.env.need("ScriptApp.getOAuthToken", "FULL", "script.external_request");
    return `ya29.standin.${Buffer.from(this.env.user.email).toString("base64url")}`;
  }
}

const DIGESTS: Record<string, string> = { MD2: "md2", MD5: "md5", SHA_1: "sha1", SHA_256: "sha256", SHA_384: "sha384", SHA_512: "sha512" };
const signedBytes = (buf: Buffer) => Array.from(buf, (b) => (b > 127 ? b - 256 : b));

function toBuffer(data: string | number[]): Buffer {
  return typeof data === "string" ? Buffer.from(data, "utf8") : Buffer.from(data.map((b) => b & 0xff));
}

export class Utilities {
  get DigestAlgorithm() {
    return DigestAlgorithm;
  }
  get Charset() {
    return Charset;
  }
  formatDate(date: Date, timeZone: string, format: string): string {
    if (!(date instanceof Date)) throw new GasException("The parameters don't match the method signature for Utilities.formatDate.");
    return formatJavaDate(date.getTime(), String(timeZone), String(format));
  }
  /** Blocks for real, like the Apps Script call; keep test sleeps short. */
  sleep(milliseconds: number): void {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.min(milliseconds, 300_000));
  }
  getUuid(): string {
    return randomUUID();
  }
  computeDigest(algorithm: EnumValue, value: string | number[]): number[] {
    const name = DIGESTS[algorithm.name()];
    if (!name) throw new GasException(`Invalid argument: algorithm`);
    return signedBytes(createHash(name).update(toBuffer(value)).digest());
  }
  base64Encode(data: string | number[]): string {
    return toBuffer(data).toString("base64");
  }
  base64EncodeWebSafe(data: string | number[]): string {
    return toBuffer(data).toString("base64").replace(/\+/g, "-").replace(/\//g, "_");
  }
  base64Decode(encoded: string): number[] {
    return signedBytes(Buffer.from(String(encoded), "base64"));
  }
}

export interface LogEntry {
  source: "Logger" | "console";
  level: "log" | "info" | "warn" | "error" | "debug";
  message: string;
}

function render(values: unknown[]): string {
  return values.map((v) => (typeof v === "string" ? v : v instanceof Error ? `${v.name}: ${v.message}` : (JSON.stringify(v) ?? String(v)))).join(" ");
}

export class Logger {
  constructor(private readonly entries: LogEntry[]) {}
  /** Logger.log(format, ...values) substitutes %s placeholders in order. */
  log(data: unknown, ...values: unknown[]): this {
    let message = render([data]);
    if (typeof data === "string" && values.length) {
      let i = 0;
      message = data.replace(/%s/g, () => render([values[i++]]));
    }
    this.entries.push({ source: "Logger", level: "info", message });
    return this;
  }
  getLog(): string {
    return this.entries
      .filter((e) => e.source === "Logger")
      .map((e) => e.message)
      .join("\n");
  }
  clear(): void {
    for (let i = this.entries.length - 1; i >= 0; i--) if (this.entries[i]?.source === "Logger") this.entries.splice(i, 1);
  }
}

export class Console {
  constructor(private readonly entries: LogEntry[]) {}
  private add(level: LogEntry["level"], values: unknown[]): void {
    this.entries.push({ source: "console", level, message: render(values) });
  }
  log(...values: unknown[]): void {
    this.add("log", values);
  }
  info(...values: unknown[]): void {
    this.add("info", values);
  }
  warn(...values: unknown[]): void {
    this.add("warn", values);
  }
  error(...values: unknown[]): void {
    this.add("error", values);
  }
  debug(...values: unknown[]): void {
    this.add("debug", values);
  }
}
