/** Build-time configuration of one environment (sheets-addon/config/<env>.json), validated by build.mjs. */
export interface BuildConfig {
  env: "dev" | "prod";
  /** Every HTTP function lives at `${apiBaseUrl}/${endpointName}`. */
  apiBaseUrl: string;
}

/** Script property that overrides the API base, e.g. a local server in tests or a staging stack. */
export const API_BASE_PROPERTY = "API_BASE_URL";

/**
 * The API base to call: the script property if it is set to an http(s) URL,
 * otherwise the one built in. Trailing slashes are dropped so paths join cleanly.
 */
export function resolveApiBase(override: string | null, built: BuildConfig): string {
  const candidate = override?.trim();
  const base = candidate && /^https?:\/\/[^\s/]+/i.test(candidate) ? candidate : built.apiBaseUrl;
  return base.replace(/\/+$/, "");
}
