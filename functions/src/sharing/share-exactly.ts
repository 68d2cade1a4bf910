import type { drive_v3 } from "@googleapis/drive";
import type { Member } from "@planops/shared/api";
import type { DriveApi } from "../platform/drive-client.js";
import { AppError } from "../platform/errors.js";

/** What a person may do with a shared spreadsheet (Drive's roles below owner). */
export type ShareRole = "reader" | "commenter" | "writer";

/** Who should be able to open a file, and how: lower-case email → role. */
export type Sharing = ReadonlyMap<string, ShareRole>;

const STRENGTH: Record<ShareRole, number> = { reader: 0, commenter: 1, writer: 2 };

/** The people of each grant with its role; someone in two grants gets the stronger role. */
export function sharingOf(...grants: { people: readonly Member[]; role: ShareRole }[]): Sharing {
  const out = new Map<string, ShareRole>();
  for (const { people, role } of grants) {
    for (const m of people) {
      const email = m.email.toLowerCase();
      const had = out.get(email);
      if (had === undefined || STRENGTH[role] > STRENGTH[had]) out.set(email, role);
    }
  }
  return out;
}

export interface SharingChanges {
  added: string[];
  changed: string[];
  removed: string[];
}

async function listPermissions(api: DriveApi, fileId: string): Promise<drive_v3.Schema$Permission[]> {
  const all: drive_v3.Schema$Permission[] = [];
  let pageToken: string | undefined;
  do {
    const { data } = await api.permissions.list({
      fileId,
      pageSize: 100,
      // Drive leaves emailAddress out unless asked for.
      fields: "nextPageToken,permissions(id,type,role,emailAddress)",
      ...(pageToken ? { pageToken } : {}),
    });
    all.push(...(data.permissions ?? []));
    pageToken = data.nextPageToken ?? undefined;
  } while (pageToken);
  return all;
}

/**
 * Makes a file shared with exactly `wanted`: people missing are added, roles that differ are
 * changed, other people are removed. The owner and permissions that are not a person's (a
 * domain, anyone with the link, a group) are left as they are, and nobody is e-mailed: the
 * product tells people itself. A second call with the same `wanted` only lists. One write at a
 * time: Drive limits how fast one file's sharing may change.
 */
export async function shareExactly(api: DriveApi, fileId: string, wanted: Sharing): Promise<SharingChanges> {
  const current = await listPermissions(api, fileId);
  const changes: SharingChanges = { added: [], changed: [], removed: [] };
  const present = new Set<string>();
  for (const p of current) {
    const email = p.emailAddress?.toLowerCase();
    if (p.role === "owner") {
      if (email) present.add(email);
      continue;
    }
    if (p.type !== "user") continue;
    const role = email === undefined ? undefined : wanted.get(email);
    if (role === undefined) {
      await api.permissions.delete({ fileId, permissionId: p.id as string });
      changes.removed.push(email ?? String(p.id));
      continue;
    }
    present.add(email as string);
    if (p.role !== role) {
      await api.permissions.update({ fileId, permissionId: p.id as string, fields: "id", requestBody: { role } });
      changes.changed.push(email as string);
    }
  }
  const refused: { email: string; reason: string }[] = [];
  for (const [email, role] of wanted) {
    if (present.has(email)) continue;
    try {
      await api.permissions.create({ fileId, sendNotificationEmail: false, fields: "id", requestBody: { type: "user", role, emailAddress: email } });
      changes.added.push(email);
    } catch (err) {
      if (!refusesAddress(err)) throw err;
      // Only this address is refused: the others still get theirs.
      refused.push({ email, reason: err instanceof Error ? err.message : String(err) });
    }
  }
  if (changes.added.length + changes.changed.length + changes.removed.length > 0) {
    console.log(JSON.stringify({ severity: "INFO", message: "sharing changed", fileId, ...changes }));
  }
  if (refused.length > 0) throw refusedError(refused);
  return changes;
}

/**
 * Drive refuses an address itself (400 invalidSharingRequest: no Google account, not an address;
 * 403 shareOutNotPermitted / shareInNotPermitted: the domain's sharing policy), as opposed to
 * failing (rate limits are 403 too, with other reasons; 5xx; the network).
 */
function refusesAddress(err: unknown): boolean {
  const e = err as { status?: number; response?: { data?: { error?: { errors?: { reason?: string }[] } } } };
  const reason = e.response?.data?.error?.errors?.[0]?.reason ?? "";
  return e.status === 400 || (e.status === 403 && /^share(Out|In)NotPermitted$/.test(reason));
}

function refusedError(refused: readonly { email: string; reason: string }[]): AppError {
  const list = (sep: string) => refused.map((r) => `${r.email} (${r.reason})`).join(sep);
  return new AppError("VALIDATION_FAILED", {
    zh: `表格已写入并共享给其他人，但 Google Drive 拒绝共享给：${list("；")}。请人力资源部门在人员名册中更正这些人的邮箱（须为本单位的 Google 账号），然后再试一次`,
    en: `The spreadsheet was written and shared with everyone else, but Google Drive refused to share it with: ${list("; ")}. HR should correct their email in the roster (it must be a Google account of the organisation), then try again`,
  });
}
