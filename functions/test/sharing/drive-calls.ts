import { auth, drive } from "@googleapis/drive";
import type { DriveApi } from "../../src/platform/drive-client.js";

export interface DriveCall {
  method: string;
  path: string;
  query: URLSearchParams;
}

/**
 * The real Drive client pointed at the stand-in, recording each HTTP request it sends (on the
 * client's own transport, so nothing is faked): how a test sees which writes a sync made.
 */
export function recordingDrive(rootUrl: string): { api: DriveApi; calls: DriveCall[] } {
  const calls: DriveCall[] = [];
  const token = new auth.OAuth2();
  token.setCredentials({ access_token: "local-test-token" });
  token.transporter.interceptors.request.add({
    resolved: async (options) => {
      const url = new URL(String(options.url));
      calls.push({ method: String(options.method ?? "GET"), path: url.pathname, query: url.searchParams });
      return options;
    },
  });
  return { api: drive({ version: "v3", rootUrl, auth: token }), calls };
}

/** Who a file is shared with, as Drive lists it: email (or grantee) → role. */
export async function sharedWith(api: DriveApi, fileId: string): Promise<Record<string, string>> {
  const { data } = await api.permissions.list({ fileId, fields: "permissions(type,role,emailAddress,domain)" });
  return Object.fromEntries((data.permissions ?? []).map((p) => [p.emailAddress ?? p.domain ?? p.type ?? "", p.role ?? ""]));
}
