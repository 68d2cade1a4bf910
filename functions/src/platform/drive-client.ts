import type { drive_v3 } from "@googleapis/drive";
import type { Config } from "./config.js";

export type DriveApi = drive_v3.Drive;

/** drive.file: the service may share only the files it made (the dashboards and reports), nothing else in Drive. */
const SCOPES = ["https://www.googleapis.com/auth/drive.file"];

const clients = new Map<string, Promise<DriveApi>>();

async function build(apiRoot: string | undefined): Promise<DriveApi> {
  // Loaded on first use only, like the Sheets client: most calls never share a spreadsheet.
  const { drive, auth } = await import("@googleapis/drive");
  if (apiRoot === undefined) return drive({ version: "v3", auth: new auth.GoogleAuth({ scopes: SCOPES }) });
  // The local stand-in accepts any bearer token; a fixed one keeps the client from looking for credentials.
  const local = new auth.OAuth2();
  local.setCredentials({ access_token: "local-stand-in" });
  return drive({ version: "v3", auth: local, rootUrl: apiRoot.endsWith("/") ? apiRoot : `${apiRoot}/` });
}

/** The Drive API client for the configured root (one per process and root): Google's with ADC, or the local stand-in. */
export function driveApi(config: Pick<Config, "drive">): Promise<DriveApi> {
  const key = config.drive.apiRoot ?? "google";
  let client = clients.get(key);
  if (!client) {
    client = build(config.drive.apiRoot);
    clients.set(key, client);
    // A failed load is not remembered: the next call tries again.
    client.catch(() => clients.delete(key));
  }
  return client;
}
