import type { sheets_v4 } from "@googleapis/sheets";
import type { Config } from "./config.js";

export type SheetsApi = sheets_v4.Sheets;

/** What Google's API needs to create and write spreadsheets the service owns (drive.file: only files it made). */
const SCOPES = ["https://www.googleapis.com/auth/spreadsheets", "https://www.googleapis.com/auth/drive.file"];

const clients = new Map<string, Promise<SheetsApi>>();

async function build(apiRoot: string | undefined): Promise<SheetsApi> {
  // Loaded on first use only: the client library is large and most calls never write a spreadsheet.
  const { sheets, auth } = await import("@googleapis/sheets");
  if (apiRoot === undefined) return sheets({ version: "v4", auth: new auth.GoogleAuth({ scopes: SCOPES }) });
  // The local stand-in accepts any bearer token; a fixed one keeps the client from looking for credentials.
  const local = new auth.OAuth2();
  local.setCredentials({ access_token: "local-stand-in" });
  return sheets({ version: "v4", auth: local, rootUrl: apiRoot.endsWith("/") ? apiRoot : `${apiRoot}/` });
}

/** The Sheets API client for the configured root (one per process and root): Google's with ADC, or the local stand-in. */
export function sheetsApi(config: Pick<Config, "sheets">): Promise<SheetsApi> {
  const key = config.sheets.apiRoot ?? "google";
  let client = clients.get(key);
  if (!client) {
    client = build(config.sheets.apiRoot);
    clients.set(key, client);
    // A failed load is not remembered: the next call tries again.
    client.catch(() => clients.delete(key));
  }
  return client;
}
