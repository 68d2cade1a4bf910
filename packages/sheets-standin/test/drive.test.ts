import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { auth, drive, type drive_v3 } from "@googleapis/drive";
import { afterAll, describe, expect, it } from "vitest";
import { type SheetsStandin, startSheetsStandin } from "../src/index.js";
import { clientFor, failure, useStandin } from "./support/client.js";

const s = useStandin();
const OWNER = "planops-functions@local";
const FULL = "permissions(id,type,role,emailAddress,domain)";

/** The real Drive client library, pointed at the stand-in like the Sheets one. */
function driveFor(standin: SheetsStandin): drive_v3.Drive {
  const token = new auth.OAuth2();
  token.setCredentials({ access_token: "local-test-token" });
  return drive({ version: "v3", rootUrl: standin.url, auth: token });
}
const api = () => driveFor(s.standin);

async function newSpreadsheet(standin = s.standin): Promise<string> {
  const created = await clientFor(standin).spreadsheets.create({ requestBody: { properties: { title: "仪表板 Dashboard" } } });
  return created.data.spreadsheetId as string;
}

const list = async (fileId: string, fields = FULL) => (await api().permissions.list({ fileId, fields })).data.permissions ?? [];
const share = (fileId: string, emailAddress: string, role: string) =>
  api().permissions.create({ fileId, sendNotificationEmail: false, fields: "id,type,role,emailAddress", requestBody: { type: "user", role, emailAddress } });

describe("Drive permissions of a spreadsheet's file", () => {
  it("when a spreadsheet is created, then its file has one permission: the owner, the service that created it", async () => {
    const fileId = await newSpreadsheet();
    expect(await list(fileId)).toEqual([{ id: expect.stringMatching(/^\d{20}$/), type: "user", role: "owner", emailAddress: OWNER }]);
  });

  it("when permissions are listed without fields, then each has only Drive's default fields (no emailAddress)", async () => {
    const fileId = await newSpreadsheet();
    const { data } = await api().permissions.list({ fileId });
    expect(data).toEqual({ kind: "drive#permissionList", permissions: [{ kind: "drive#permission", id: expect.any(String), type: "user", role: "owner" }] });
  });

  it("when a user is given a role, then the answer is the permission with its id, and a second create for them changes the role of the same permission", async () => {
    const fileId = await newSpreadsheet();
    const first = await share(fileId, "LiMing@demo.planops.cn", "reader");
    expect(first.status).toBe(200);
    expect(first.data).toEqual({ id: expect.stringMatching(/^\d{20}$/), type: "user", role: "reader", emailAddress: "liming@demo.planops.cn" });
    const again = await share(fileId, "liming@demo.planops.cn", "writer");
    expect(again.data.id).toBe(first.data.id);
    expect((await list(fileId)).map((p) => [p.emailAddress, p.role])).toEqual([
      [OWNER, "owner"],
      ["liming@demo.planops.cn", "writer"],
    ]);
    // A user's permission id is the same on every file, as Google's.
    const other = await newSpreadsheet();
    expect((await share(other, "liming@demo.planops.cn", "commenter")).data.id).toBe(first.data.id);
  });

  it("when a permission's role is updated, got and deleted, then each is read back; the delete answers 204 and a second delete 404", async () => {
    const fileId = await newSpreadsheet();
    const { id } = (await share(fileId, "chenjing@demo.planops.cn", "reader")).data;
    const permissionId = id as string;
    const updated = await api().permissions.update({ fileId, permissionId, fields: "id,role,emailAddress", requestBody: { role: "commenter" } });
    expect(updated.data).toEqual({ id, role: "commenter", emailAddress: "chenjing@demo.planops.cn" });
    expect((await api().permissions.get({ fileId, permissionId })).data).toEqual({ kind: "drive#permission", id, type: "user", role: "commenter" });
    const deleted = await api().permissions.delete({ fileId, permissionId });
    expect(deleted.status).toBe(204);
    expect((await list(fileId)).map((p) => p.emailAddress)).toEqual([OWNER]);
    const gone = await failure(api().permissions.delete({ fileId, permissionId }));
    expect(gone.status).toBe(404);
    expect(gone.error).toMatchObject({ code: 404, message: `Permission not found: ${id}.`, status: "NOT_FOUND" });
  });

  it("when the owner's permission is deleted, downgraded or someone is made owner, then 403 and the owner stays", async () => {
    const fileId = await newSpreadsheet();
    const owner = (await list(fileId))[0]?.id as string;
    const removed = await failure(api().permissions.delete({ fileId, permissionId: owner }));
    expect(removed.status).toBe(403);
    expect(removed.error).toMatchObject({ message: "The owner of a file cannot be removed.", status: "PERMISSION_DENIED" });
    expect((await failure(api().permissions.update({ fileId, permissionId: owner, requestBody: { role: "reader" } }))).status).toBe(403);
    expect((await failure(share(fileId, "liuyang@demo.planops.cn", "owner"))).error.message).toContain("transferOwnership");
    expect(await list(fileId)).toEqual([expect.objectContaining({ emailAddress: OWNER, role: "owner" })]);
  });

  it("when a domain and anyone-with-the-link are given roles, then they are listed with their kind of grantee", async () => {
    const fileId = await newSpreadsheet();
    await api().permissions.create({ fileId, requestBody: { type: "domain", role: "reader", domain: "demo.planops.cn" } });
    await api().permissions.create({ fileId, requestBody: { type: "anyone", role: "reader" } });
    expect((await list(fileId)).slice(1)).toEqual([
      { id: expect.any(String), type: "domain", role: "reader", domain: "demo.planops.cn" },
      { id: "anyoneWithLink", type: "anyone", role: "reader" },
    ]);
  });

  it("when the file is unknown, then every method answers 404 in Google's error format", async () => {
    const fileId = "no-such-file";
    const expected = {
      code: 404,
      message: "File not found: no-such-file.",
      status: "NOT_FOUND",
      errors: [{ domain: "global", reason: "notFound", message: "File not found: no-such-file." }],
    };
    for (const call of [
      api().permissions.list({ fileId }),
      share(fileId, "liming@demo.planops.cn", "reader"),
      api().permissions.update({ fileId, permissionId: "1", requestBody: { role: "reader" } }),
      api().permissions.delete({ fileId, permissionId: "1" }),
    ]) {
      const r = await failure(call);
      expect(r.status).toBe(404);
      expect(r.error).toEqual(expected);
    }
  });

  it("when a request is malformed, then 400 names what is wrong and nothing is stored", async () => {
    const fileId = await newSpreadsheet();
    const noEmail = await failure(api().permissions.create({ fileId, requestBody: { type: "user", role: "reader" } }));
    expect(noEmail).toMatchObject({ status: 400, error: { message: "The emailAddress field is required for a permission of type user." } });
    const notAnAddress = await failure(share(fileId, "liming at demo", "reader"));
    expect(notAnAddress.status).toBe(400);
    expect(notAnAddress.error.errors?.[0]?.reason).toBe("invalidSharingRequest");
    const sharedDriveRole = await failure(share(fileId, "liming@demo.planops.cn", "organizer"));
    expect(sharedDriveRole.error.message).toContain("only for shared drives");
    const badRole = await failure(share(fileId, "liming@demo.planops.cn", "boss"));
    expect(badRole).toMatchObject({ status: 400, error: { status: "INVALID_ARGUMENT" } });
    expect(badRole.error.message).toContain("'role'");
    const res = await fetch(`${s.standin.url}drive/v3/files/${fileId}/permissions?sendNotificationEmail=maybe`, {
      method: "POST",
      headers: { authorization: "Bearer x", "content-type": "application/json" },
      body: JSON.stringify({ type: "user", role: "reader", emailAddress: "liming@demo.planops.cn" }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe("Invalid value for boolean parameter sendNotificationEmail: maybe");
    expect(await list(fileId)).toHaveLength(1);
  });

  it("when there is no access token, then 401 as Google answers", async () => {
    const fileId = await newSpreadsheet();
    const res = await fetch(`${s.standin.url}drive/v3/files/${fileId}/permissions`);
    expect(res.status).toBe(401);
  });

  it("when more permissions than pageSize are listed, then pages follow nextPageToken to the end", async () => {
    const fileId = await newSpreadsheet();
    for (const name of ["a", "b", "c", "d"]) await share(fileId, `${name}@demo.planops.cn`, "reader");
    const emails: string[] = [];
    let pageToken: string | undefined;
    do {
      const { data } = await api().permissions.list({
        fileId,
        pageSize: 2,
        ...(pageToken ? { pageToken } : {}),
        fields: "nextPageToken,permissions(emailAddress)",
      });
      emails.push(...(data.permissions ?? []).map((p) => p.emailAddress as string));
      pageToken = data.nextPageToken ?? undefined;
    } while (pageToken);
    expect(emails).toEqual([OWNER, "a@demo.planops.cn", "b@demo.planops.cn", "c@demo.planops.cn", "d@demo.planops.cn"]);
  });

  it("when the page is opened, then it shows whom the spreadsheet is shared with and how, as text", async () => {
    const fileId = await newSpreadsheet();
    await share(fileId, "zhangwei@demo.planops.cn", "writer");
    await share(fileId, "<script>alert(1)</script>@x.cn", "reader");
    const html = await (await fetch(`${s.standin.url}view/${fileId}`)).text();
    const line = /<p class="shared">[^\n]*?<\/p>/.exec(html)?.[0] ?? "";
    expect(line).toContain("共享给 Shared with");
    expect(line).toContain(`${OWNER}（所有者 owner）`);
    expect(line).toContain("zhangwei@demo.planops.cn（编辑者 writer）");
    expect(line).toContain("&#60;script&#62;alert(1)&#60;/script&#62;@x.cn（查看者 reader）");
    expect(html).not.toContain("<script>alert");
  });
});

describe("Drive permissions kept on disk", () => {
  const dir = mkdtempSync(join(tmpdir(), "sheets-standin-drive-"));
  const dataFile = join(dir, "sheets.sqlite");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("when a file is deleted, then it answers 204, its spreadsheet and permissions are gone (404), a second delete is 404, and a restart does not bring it back", async () => {
    const first = await startSheetsStandin({ dataFile });
    const kept = await newSpreadsheet(first);
    const gone = await newSpreadsheet(first);
    expect((await driveFor(first).files.delete({ fileId: gone })).status).toBe(204);
    expect((await failure(clientFor(first).spreadsheets.get({ spreadsheetId: gone }))).status).toBe(404);
    expect((await failure(driveFor(first).permissions.list({ fileId: gone }))).status).toBe(404);
    expect((await failure(driveFor(first).files.delete({ fileId: gone }))).status).toBe(404);
    expect((await clientFor(first).spreadsheets.get({ spreadsheetId: kept })).status).toBe(200);
    await first.stop();
    const second = await startSheetsStandin({ dataFile });
    try {
      expect((await failure(clientFor(second).spreadsheets.get({ spreadsheetId: gone }))).status).toBe(404);
      expect((await clientFor(second).spreadsheets.get({ spreadsheetId: kept })).status).toBe(200);
    } finally {
      await second.stop();
    }
  });

  it("when files are listed, then every spreadsheet is a file named by its title, in pages that follow nextPageToken; a search query is refused, not ignored", async () => {
    const standin = await startSheetsStandin({});
    try {
      const ids = [];
      for (let i = 0; i < 5; i++) {
        const made = await clientFor(standin).spreadsheets.create({ requestBody: { properties: { title: `报告 ${i}` } } });
        ids.push(made.data.spreadsheetId as string);
      }
      const first = await driveFor(standin).files.list({ pageSize: 3 });
      expect(first.data.files).toEqual(
        ids.slice(0, 3).map((id, i) => ({ kind: "drive#file", id, name: `报告 ${i}`, mimeType: "application/vnd.google-apps.spreadsheet" })),
      );
      const rest = await driveFor(standin).files.list({ pageSize: 3, pageToken: first.data.nextPageToken ?? "", fields: "nextPageToken,files(id)" });
      expect(rest.data).toEqual({ files: ids.slice(3).map((id) => ({ id })) });
      expect((await failure(driveFor(standin).files.list({ q: "name contains '报告'" }))).status).toBe(400);
    } finally {
      await standin.stop();
    }
  });

  it("when the stand-in restarts on the same data file, then each file's permissions are as they were", async () => {
    const first = await startSheetsStandin({ dataFile });
    const fileId = await newSpreadsheet(first);
    await driveFor(first).permissions.create({ fileId, requestBody: { type: "user", role: "reader", emailAddress: "sunli@demo.planops.cn" } });
    await first.stop();
    const second = await startSheetsStandin({ dataFile });
    try {
      const { data } = await driveFor(second).permissions.list({ fileId, fields: "permissions(role,emailAddress)" });
      expect(data.permissions).toEqual([
        { role: "owner", emailAddress: OWNER },
        { role: "reader", emailAddress: "sunli@demo.planops.cn" },
      ]);
    } finally {
      await second.stop();
    }
  });
});
