import { type SheetsStandin, startSheetsStandin } from "@planops/sheets-standin";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../src/platform/errors.js";
import { sheetsApi } from "../../src/platform/sheets-client.js";
import { type ShareRole, shareExactly } from "../../src/sharing/share-exactly.js";
import { type DriveCall, recordingDrive, sharedWith } from "./drive-calls.js";

const OWNER = "planops-functions@local";
let standin: SheetsStandin;
beforeAll(async () => {
  standin = await startSheetsStandin();
});
afterAll(async () => standin?.stop());

async function newFile(): Promise<string> {
  const sheets = await sheetsApi({ sheets: { apiRoot: standin.url } });
  return (await sheets.spreadsheets.create({ requestBody: { properties: { title: "共享 Sharing" } } })).data.spreadsheetId as string;
}

const wanted = (entries: Record<string, ShareRole>) => new Map(Object.entries(entries));
const writes = (calls: DriveCall[]) => calls.filter((c) => c.method !== "GET");

describe("sharing a file with exactly the wanted people", () => {
  it("when a new file is shared, then each wanted person gets their role, nobody is e-mailed, and the owner stays", async () => {
    const fileId = await newFile();
    const { api, calls } = recordingDrive(standin.url);
    const changes = await shareExactly(api, fileId, wanted({ "liming@demo.planops.cn": "reader", "zhangwei@demo.planops.cn": "writer" }));
    expect(changes).toEqual({ added: ["liming@demo.planops.cn", "zhangwei@demo.planops.cn"], changed: [], removed: [] });
    expect(await sharedWith(api, fileId)).toEqual({ [OWNER]: "owner", "liming@demo.planops.cn": "reader", "zhangwei@demo.planops.cn": "writer" });
    const creates = writes(calls);
    expect(creates.map((c) => c.method)).toEqual(["POST", "POST"]);
    expect(creates.map((c) => c.query.get("sendNotificationEmail"))).toEqual(["false", "false"]);
  });

  it("when the wanted set changes, then roles are changed and people no longer wanted removed; owner, domain and anyone permissions are untouched", async () => {
    const fileId = await newFile();
    const { api, calls } = recordingDrive(standin.url);
    await shareExactly(api, fileId, wanted({ "a@demo.planops.cn": "reader", "b@demo.planops.cn": "writer", "c@demo.planops.cn": "reader" }));
    // Shared by someone else, not person by person: not ours to undo.
    await api.permissions.create({ fileId, requestBody: { type: "domain", role: "reader", domain: "demo.planops.cn" } });
    await api.permissions.create({ fileId, requestBody: { type: "anyone", role: "reader" } });
    calls.length = 0;

    const changes = await shareExactly(api, fileId, wanted({ "a@demo.planops.cn": "writer", "c@demo.planops.cn": "reader", "d@demo.planops.cn": "commenter" }));
    expect(changes).toEqual({ added: ["d@demo.planops.cn"], changed: ["a@demo.planops.cn"], removed: ["b@demo.planops.cn"] });
    expect(await sharedWith(api, fileId)).toEqual({
      [OWNER]: "owner",
      "a@demo.planops.cn": "writer",
      "c@demo.planops.cn": "reader",
      "demo.planops.cn": "reader",
      anyone: "reader",
      "d@demo.planops.cn": "commenter",
    });
    expect(writes(calls).map((c) => c.method)).toEqual(["PATCH", "DELETE", "POST"]);
  });

  it("when nobody is wanted, then every person is removed and the owner stays", async () => {
    const fileId = await newFile();
    const { api } = recordingDrive(standin.url);
    await shareExactly(api, fileId, wanted({ "a@demo.planops.cn": "reader", "b@demo.planops.cn": "reader" }));
    expect(await shareExactly(api, fileId, new Map())).toEqual({ added: [], changed: [], removed: ["a@demo.planops.cn", "b@demo.planops.cn"] });
    expect(await sharedWith(api, fileId)).toEqual({ [OWNER]: "owner" });
  });

  it("when the same set is shared again, then the second sync only lists, page by page past Drive's 100 a page, and writes nothing", async () => {
    const fileId = await newFile();
    const { api, calls } = recordingDrive(standin.url);
    const many = wanted(Object.fromEntries(Array.from({ length: 105 }, (_, i) => [`p${i}@demo.planops.cn`, i % 2 ? "reader" : "writer"])));
    await shareExactly(api, fileId, many);
    calls.length = 0;
    expect(await shareExactly(api, fileId, many)).toEqual({ added: [], changed: [], removed: [] });
    expect(calls.map((c) => c.method)).toEqual(["GET", "GET"]);
    expect(calls[1]?.query.get("pageToken")).toBeTruthy();
  });

  it("when the owner is among the wanted, then no permission is made for them: they own the file already", async () => {
    const fileId = await newFile();
    const { api, calls } = recordingDrive(standin.url);
    expect(await shareExactly(api, fileId, wanted({ [OWNER]: "reader" }))).toEqual({ added: [], changed: [], removed: [] });
    expect(writes(calls)).toEqual([]);
    expect(await sharedWith(api, fileId)).toEqual({ [OWNER]: "owner" });
  });

  it("when Drive refuses one address, then everyone else is shared and removed as wanted, and the error names the address and what to do", async () => {
    const fileId = await newFile();
    const { api } = recordingDrive(standin.url);
    await shareExactly(api, fileId, wanted({ "gone@demo.planops.cn": "reader" }));
    const failed = await shareExactly(api, fileId, wanted({ "a@demo.planops.cn": "reader", "not-an-address": "reader", "b@demo.planops.cn": "writer" })).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(failed).toBeInstanceOf(AppError);
    const error = failed as AppError;
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.text.zh).toContain("Google Drive 拒绝共享给：not-an-address");
    expect(error.text.zh).toContain("请人力资源部门在人员名册中更正这些人的邮箱");
    expect(error.text.en).toContain("Google Drive refused to share it with: not-an-address (");
    expect(error.text.en).toContain("not-an-address is not a valid email address");
    expect(await sharedWith(api, fileId)).toEqual({ [OWNER]: "owner", "a@demo.planops.cn": "reader", "b@demo.planops.cn": "writer" });
  });

  it("when the file does not exist, then the sync fails with Drive's 404", async () => {
    const { api } = recordingDrive(standin.url);
    await expect(shareExactly(api, "no-such-file", wanted({ "a@demo.planops.cn": "reader" }))).rejects.toMatchObject({ status: 404 });
  });
});
