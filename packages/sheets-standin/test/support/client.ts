import { type sheets_v4, sheets } from "@googleapis/sheets";
import { OAuth2Client } from "google-auth-library";
import { afterAll, beforeAll } from "vitest";
import { type SheetsStandin, type SheetsStandinOptions, startSheetsStandin } from "../../src/index.js";

/** The real client library, pointed at the stand-in with `rootUrl`, authorised by any access token. */
export function clientFor(standin: SheetsStandin): sheets_v4.Sheets {
  const auth = new OAuth2Client();
  auth.setCredentials({ access_token: "local-test-token" });
  return sheets({ version: "v4", rootUrl: standin.url, auth });
}

export interface Session {
  standin: SheetsStandin;
  api: sheets_v4.Sheets;
}

/** A stand-in for the file's tests, started before them and stopped after. */
export function useStandin(options: SheetsStandinOptions = {}): Session {
  const session = {} as Session;
  beforeAll(async () => {
    session.standin = await startSheetsStandin(options);
    session.api = clientFor(session.standin);
  });
  afterAll(async () => {
    await session.standin?.stop();
  });
  return session;
}

export interface GoogleError {
  code: number;
  message: string;
  status: string;
  /** Drive's: the reason of each error. */
  errors?: { domain: string; reason: string; message: string }[];
}

/** The status and Google error body of a failed client call. */
export async function failure(call: Promise<unknown>): Promise<{ status: number; error: GoogleError }> {
  try {
    await call;
  } catch (error) {
    const e = error as { status?: number; response?: { status: number; data: { error: GoogleError } } };
    if (e.response) return { status: e.response.status, error: e.response.data.error };
    throw error;
  }
  throw new Error("expected the call to fail");
}
