import { join } from "node:path";
import type { TemplateDef } from "@planops/shared";
import { loadBundle, type LoadedBundle } from "@planops/gas-standin";
import type { BuiltAddon } from "./built-addon.js";
import type { RemoteStack } from "./remote-stack.js";

export const ADDON_NAME = "计划运营";
export const OWNER = "liming@demo.planops.cn";

/**
 * Opens a spreadsheet with the BUILT add-on installed, as `email`, pointed at
 * the local backend through the API_BASE_URL script property.
 */
export function openWithAddon(options: {
  addon: BuiltAddon;
  stack: RemoteStack;
  email: string;
  locale?: string;
  owner?: string;
  /** Overrides the stack's tokens, e.g. `() => null` as when the openid scope is not granted. */
  identityToken?: (email: string) => string | null;
  /** The script's clock, for scenarios pinned to a date. */
  now?: () => Date;
}): LoadedBundle {
  const bundle = loadBundle({
    codePath: join(options.addon.dir, "Code.js"),
    distDir: options.addon.dir,
    spreadsheet: { owner: options.owner ?? OWNER, timeZone: "Asia/Shanghai", name: "计划运营部 2026" },
    user: { email: options.email, locale: options.locale ?? "zh_CN" },
    identityToken: options.identityToken ?? ((email) => options.stack.token(email)),
    scriptProperties: { API_BASE_URL: options.stack.baseUrl },
    addonName: ADDON_NAME,
    ...(options.now ? { now: options.now } : {}),
  });
  bundle.callTrigger("onOpen", "NONE");
  return bundle;
}

/** "YYYY-MM" of the month after today in Asia/Shanghai, as the add-on computes it. */
export function nextMonthInShanghai(now = new Date()): string {
  const [year, month] = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit" }).format(now).split("-").map(Number);
  const y = month === 12 ? (year ?? 0) + 1 : (year ?? 0);
  const m = month === 12 ? 1 : (month ?? 0) + 1;
  return `${y}-${String(m).padStart(2, "0")}`;
}

/** The A1 column letter of a template column (the add-on builds sheets in template order). */
export const colOf = (template: TemplateDef, key: string) => String.fromCharCode(65 + template.columns.findIndex((c) => c.key === key));
