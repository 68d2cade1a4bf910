import { createHash } from "node:crypto";
import * as z from "zod";
import { ApiError, invalid } from "./errors.js";
import { PERMISSION_ROLES, type Permission, type SpreadsheetState } from "./model.js";

/**
 * Drive API v3 permissions on the spreadsheets' files (`/drive/v3/files/{fileId}/permissions…`):
 * who may open a spreadsheet. The file id is the spreadsheet id, as in Google.
 */

/** The account that creates every spreadsheet here and owns it, as the functions' service account does in Google. */
export const OWNER_EMAIL = "planops-functions@local";

/**
 * Google's permission ids are stable per grantee (a user's id is the same on every file); the stand-in
 * derives one from the grantee the same way for every file.
 */
function permissionId(type: Permission["type"], grantee: string): string {
  if (type === "anyone") return "anyoneWithLink";
  const digits = BigInt(`0x${createHash("sha256").update(`${type}:${grantee}`).digest("hex").slice(0, 16)}`).toString();
  return digits.padStart(20, "0");
}

export const ownerPermission = (): Permission => ({ id: permissionId("user", OWNER_EMAIL), type: "user", role: "owner", emailAddress: OWNER_EMAIL });

/** Drive answers only these fields of a Permission unless `fields` asks for more. */
export const DEFAULT_PERMISSION_FIELDS = "kind,id,type,role";
export const DEFAULT_LIST_FIELDS = `kind,nextPageToken,permissions(${DEFAULT_PERMISSION_FIELDS})`;

type Json = Record<string, unknown>;

export const permissionOut = (p: Permission): Json => ({ kind: "drive#permission", ...p });

const CreateBodySchema = z.looseObject({
  type: z.enum(["user", "group", "domain", "anyone"]),
  role: z.enum(["owner", "organizer", "fileOrganizer", "writer", "commenter", "reader"]),
  emailAddress: z.string().trim().min(1).optional(),
  domain: z.string().trim().min(1).optional(),
  allowFileDiscovery: z.boolean().optional(),
});
const UpdateBodySchema = z.looseObject({ role: CreateBodySchema.shape.role.optional() });

export const parseCreateBody = (body: unknown) => parseBody(CreateBodySchema, body);
export const parseUpdateBody = (body: unknown) => parseBody(UpdateBodySchema, body);

function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw invalid(`Invalid permission${issue?.path.length ? ` at '${issue.path.join(".")}'` : ""}: ${issue?.message ?? "invalid value"}`);
}

/** `true` / `false` query parameters, as Google reads them; absent is the default. */
export function booleanParam(query: URLSearchParams, name: string, fallback: boolean): boolean {
  const value = query.get(name);
  if (value === null) return fallback;
  if (value === "true" || value === "false") return value === "true";
  throw invalid(`Invalid value for boolean parameter ${name}: ${value}`);
}

/** The roles a file outside a shared drive can be given here; owner only by transferring ownership, which the stand-in does not do. */
function grantableRole(role: string): Exclude<Permission["role"], "owner"> {
  if (role === "owner") throw new ApiError(403, "The transferOwnership parameter must be enabled when the permission role is 'owner'.", "forbidden");
  const known = PERMISSION_ROLES.filter((r) => r !== "owner") as Exclude<Permission["role"], "owner">[];
  const found = known.find((r) => r === role);
  if (!found) throw invalid(`The role ${role} is only for shared drives; this file is not in one (allowed: ${known.join(", ")}).`);
  return found;
}

const permissionNotFound = (id: string) => new ApiError(404, `Permission not found: ${id}.`, "notFound");

export function getPermission(state: SpreadsheetState, id: string): Permission {
  const found = state.permissions.find((p) => p.id === id);
  if (!found) throw permissionNotFound(id);
  return found;
}

/**
 * permissions.create: a grantee that already has a permission gets the new role on the same
 * permission (its id is the grantee's), as in Google.
 */
export function createPermission(state: SpreadsheetState, body: z.infer<typeof CreateBodySchema>): Permission {
  const role = grantableRole(body.role);
  let grantee = "";
  if (body.type === "user" || body.type === "group") {
    if (!body.emailAddress) throw invalid(`The emailAddress field is required for a permission of type ${body.type}.`);
    // Drive refuses to share with what cannot be an account's address.
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(body.emailAddress))
      throw new ApiError(400, `Bad Request. User message: "${body.emailAddress} is not a valid email address."`, "invalidSharingRequest");
    grantee = body.emailAddress.toLowerCase();
  } else if (body.type === "domain") {
    if (!body.domain) throw invalid("The domain field is required for a permission of type domain.");
    grantee = body.domain.toLowerCase();
  }
  const id = permissionId(body.type, grantee);
  const existing = state.permissions.find((p) => p.id === id);
  if (existing) {
    if (existing.role === "owner") throw new ApiError(403, "The owner's role on a file cannot be changed.", "cannotModifyOwner");
    existing.role = role;
    return existing;
  }
  const permission: Permission = { id, type: body.type, role };
  if (body.type === "user" || body.type === "group") permission.emailAddress = grantee;
  if (body.type === "domain") permission.domain = grantee;
  if (body.type === "domain" || body.type === "anyone") permission.allowFileDiscovery = body.allowFileDiscovery ?? false;
  state.permissions.push(permission);
  return permission;
}

/** permissions.update: the role only (what Drive lets an update change on a file outside shared drives). */
export function updatePermission(state: SpreadsheetState, id: string, body: z.infer<typeof UpdateBodySchema>): Permission {
  const permission = getPermission(state, id);
  if (body.role === undefined) return permission;
  if (permission.role === "owner") throw new ApiError(403, "The owner's role on a file cannot be changed.", "cannotModifyOwner");
  permission.role = grantableRole(body.role);
  return permission;
}

export function deletePermission(state: SpreadsheetState, id: string): void {
  const permission = getPermission(state, id);
  if (permission.role === "owner") throw new ApiError(403, "The owner of a file cannot be removed.", "cannotRemoveOwner");
  state.permissions = state.permissions.filter((p) => p !== permission);
}

/** permissions.list: pages of `pageSize` (default and most 100), continued by `pageToken` (the index of the next one). */
export function listPermissions(state: SpreadsheetState, query: URLSearchParams): Json {
  const size = query.has("pageSize") ? Number(query.get("pageSize")) : 100;
  if (!Number.isInteger(size) || size < 1 || size > 100) throw invalid(`Invalid value for pageSize: ${query.get("pageSize")} (1 to 100).`);
  const token = query.get("pageToken");
  const start = token === null ? 0 : Number(token);
  if (!Number.isInteger(start) || start < 0 || start > state.permissions.length) throw invalid(`Invalid pageToken: ${token}`);
  const page = state.permissions.slice(start, start + size);
  const next = start + size < state.permissions.length ? { nextPageToken: String(start + size) } : {};
  return { kind: "drive#permissionList", ...next, permissions: page.map(permissionOut) };
}

export const DEFAULT_FILE_LIST_FIELDS = "kind,incompleteSearch,nextPageToken,files(kind,id,name,mimeType)";

/**
 * files.list: every file of the stand-in (each is a spreadsheet the service made, all that the
 * drive.file scope lets it list), oldest first, in pages of `pageSize` (default 100, at most 1000)
 * continued by `pageToken`. Search queries (`q`) are not evaluated: refused rather than ignored.
 */
export function listFiles(states: readonly SpreadsheetState[], query: URLSearchParams): Json {
  if (query.has("q")) throw invalid("The Sheets stand-in lists every file; it does not evaluate search queries (q).");
  const size = query.has("pageSize") ? Number(query.get("pageSize")) : 100;
  if (!Number.isInteger(size) || size < 1 || size > 1000) throw invalid(`Invalid value for pageSize: ${query.get("pageSize")} (1 to 1000).`);
  const token = query.get("pageToken");
  const start = token === null ? 0 : Number(token);
  if (!Number.isInteger(start) || start < 0 || start > states.length) throw invalid(`Invalid pageToken: ${token}`);
  const page = states.slice(start, start + size);
  const next = start + size < states.length ? { nextPageToken: String(start + size) } : {};
  return {
    kind: "drive#fileList",
    incompleteSearch: false,
    ...next,
    files: page.map((s) => ({ kind: "drive#file", id: s.spreadsheetId, name: s.properties.title, mimeType: "application/vnd.google-apps.spreadsheet" })),
  };
}
