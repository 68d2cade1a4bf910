/**
 * Runs the built add-on (dist/Code.js) in a fresh vm context whose globals are only the
 * Apps Script services plus ECMAScript built-ins — no fetch, setTimeout, process, require,
 * URL or TextEncoder, exactly as missing as in the Apps Script V8 runtime.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import vm from "node:vm";
import { AuthMode, type AuthModeName } from "./enums.js";
import { GasUser, type User } from "./env.js";
import type { SpreadsheetInit } from "./model.js";
import { Membrane } from "./realm.js";
import { spreadsheetFacade } from "./spreadsheet.js";
import { StandIn } from "./standin.js";
import type { RecordedRequest } from "./url-fetch.js";

export interface LoadBundleOptions {
  codePath: string;
  /** Holds Sidebar.html and appsscript.json (whose timeZone becomes the script time zone). */
  distDir: string;
  spreadsheet: SpreadsheetInit;
  user: User;
  identityToken: (email: string) => string | null;
  scriptProperties?: Record<string, string>;
  addonName?: string;
  fetchTimeoutMs?: number;
  /** The script's clock: `new Date()` and `Date.now()` inside the bundle read it (a test can fix "today"). */
  now?: () => Date;
}

export interface LoadedBundle {
  /** Calls a global function of the bundle as a menu click would (AuthMode.FULL). */
  call(fnName: string, ...args: unknown[]): unknown;
  /** Calls it as google.script.run would: JSON-only arguments and results. */
  callAsSidebar(fnName: string, ...args: unknown[]): unknown;
  /** Runs a simple trigger (onOpen, onInstall, onEdit…) with its event object and auth mode. */
  callTrigger(fnName: string, authMode: AuthModeName, extraEvent?: Record<string, unknown>): unknown;
  /** Clicks a menu item the bundle added, e.g. clickMenu("计划", "提交"). */
  clickMenu(...captions: string[]): unknown;
  /** Global functions a sidebar could call (private `name_` functions excluded). */
  sidebarCallable(): string[];
  standIn: StandIn;
  requests: RecordedRequest[];
}

/** google.script.run rejects these as arguments and cannot return them. */
function illegalPath(v: unknown, path: string): string | null {
  if (v instanceof Date || typeof v === "function" || typeof v === "symbol" || typeof v === "bigint") return path || "0";
  if (v !== null && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) {
      const found = illegalPath(x, path ? `${path}.${k}` : k);
      if (found) return found;
    }
  }
  return null;
}

const jsonClone = (v: unknown): unknown => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));

function scriptTimeZone(distDir: string): string | undefined {
  const manifest = join(distDir, "appsscript.json");
  if (!existsSync(manifest)) return undefined;
  const parsed: unknown = JSON.parse(readFileSync(manifest, "utf8"));
  const tz = (parsed as { timeZone?: unknown }).timeZone;
  return typeof tz === "string" ? tz : undefined;
}

/** Replaces the realm's Date with one whose "now" is the given clock; every other use of Date is unchanged. */
function installClock(context: vm.Context, now: () => Date): void {
  (context as Record<string, unknown>).__clock = () => now().getTime();
  vm.runInContext(
    `(() => {
      const Real = Date, clock = __clock;
      function ClockDate(...args) {
        if (!new.target) return new Real(clock()).toString();
        return Reflect.construct(Real, args.length === 0 ? [clock()] : args, new.target);
      }
      ClockDate.prototype = Real.prototype;
      Object.setPrototypeOf(ClockDate, Real);
      ClockDate.now = () => clock();
      globalThis.Date = ClockDate;
      delete globalThis.__clock;
    })()`,
    context,
  );
}

export function loadBundle(opts: LoadBundleOptions): LoadedBundle {
  const standIn = new StandIn({ ...opts, scriptTimeZone: scriptTimeZone(opts.distDir) });
  const context = vm.createContext({}, { name: "apps-script" });
  if (opts.now) installClock(context, opts.now);
  const membrane = new Membrane(context);
  const sandbox = context as Record<string, unknown>;
  for (const [name, service] of Object.entries(standIn.globals())) sandbox[name] = membrane.toRealm(service);
  vm.runInContext(readFileSync(opts.codePath, "utf8"), context, { filename: opts.codePath });

  const globalFn = (name: string): ((...a: unknown[]) => unknown) => {
    const fn = sandbox[name];
    if (typeof fn !== "function") throw new Error(`Script function not found: ${name}`);
    return fn as (...a: unknown[]) => unknown;
  };

  const run = (authMode: AuthModeName, fnName: string, args: unknown[]): unknown => {
    const fn = globalFn(fnName);
    return standIn.execute(authMode, () => {
      let result: unknown;
      try {
        result = fn(...args.map((a) => membrane.toRealm(a)));
      } catch (e) {
        throw membrane.errorToHost(e);
      }
      if (result !== null && typeof result === "object" && typeof (result as { then?: unknown }).then === "function") {
        throw new Error(`${fnName} returned a Promise; Apps Script hands callers the return value, not what it resolves to`);
      }
      return membrane.toHost(result);
    });
  };

  const call = (fnName: string, ...args: unknown[]) => run("FULL", fnName, args);

  const callTrigger = (fnName: string, authMode: AuthModeName, extraEvent: Record<string, unknown> = {}) => {
    const event: Record<string, unknown> = { authMode: AuthMode[authMode], user: new GasUser(standIn.user.email), ...extraEvent };
    if (authMode !== "NONE") event.source = spreadsheetFacade(standIn.doc);
    return run(authMode, fnName, [event]);
  };

  // Sheets runs onEdit after a user's edit; errors there never reach the user, only the log.
  standIn.editListener = (range, value, oldValue) => {
    if (typeof sandbox.onEdit !== "function") return;
    try {
      callTrigger("onEdit", "LIMITED", { range, value, ...(oldValue === undefined ? {} : { oldValue }) });
    } catch (e) {
      standIn.logs.push({ source: "console", level: "error", message: `onEdit failed: ${String(e)}` });
    }
  };

  return {
    call,
    callTrigger,
    callAsSidebar(fnName, ...args) {
      if (fnName.endsWith("_")) throw new Error(`Script function not found: ${fnName}`);
      args.forEach((a, i) => {
        const bad = illegalPath(a, String(i));
        if (bad) throw new TypeError(`Failed due to illegal value in property: ${bad}`);
      });
      const result = call(fnName, ...args.map(jsonClone));
      // A Date anywhere in the return value makes the client's success handler receive null.
      return illegalPath(result, "") === null ? jsonClone(result) : null;
    },
    clickMenu(...captions) {
      const item = standIn.menuItems().find((m) => m.path.join("\u0000") === captions.join("\u0000"));
      if (!item) throw new Error(`No menu item ${captions.join(" › ")}`);
      return call(item.functionName);
    },
    sidebarCallable: () => Object.keys(sandbox).filter((k) => typeof sandbox[k] === "function" && !k.endsWith("_")),
    standIn,
    requests: standIn.requests,
  };
}
