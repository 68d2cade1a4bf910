import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/platform/config.js";

const BASE = { AUTH_AUDIENCE: "client-id" };

describe("where the spreadsheets are shared (DRIVE_API_ROOT)", () => {
  it("when neither root is set, then both are Google's APIs", () => {
    const config = parseConfig(BASE);
    expect([config.sheets.apiRoot, config.drive.apiRoot]).toEqual([undefined, undefined]);
  });

  it("when both point at the stand-in, then both are used", () => {
    const config = parseConfig({ ...BASE, SHEETS_API_ROOT: "http://127.0.0.1:8082/", DRIVE_API_ROOT: "http://127.0.0.1:8082/" });
    expect(config.drive.apiRoot).toBe("http://127.0.0.1:8082/");
  });

  it("when only one is set, then the configuration is refused naming the other: the files Drive shares are the ones the Sheets API wrote", () => {
    expect(() => parseConfig({ ...BASE, SHEETS_API_ROOT: "http://127.0.0.1:8082/" })).toThrow(
      /DRIVE_API_ROOT: SHEETS_API_ROOT and DRIVE_API_ROOT are set together/,
    );
    expect(() => parseConfig({ ...BASE, DRIVE_API_ROOT: "http://127.0.0.1:8082/" })).toThrow(
      /SHEETS_API_ROOT: SHEETS_API_ROOT and DRIVE_API_ROOT are set together/,
    );
  });
});
