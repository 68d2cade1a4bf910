import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import * as z from "zod";
import { BatchUpdateBodySchema, batchUpdate } from "./batch-update.js";
import {
  booleanParam,
  createPermission,
  DEFAULT_FILE_LIST_FIELDS,
  DEFAULT_LIST_FIELDS,
  DEFAULT_PERMISSION_FIELDS,
  deletePermission,
  getPermission,
  listFiles,
  listPermissions,
  parseCreateBody,
  parseUpdateBody,
  permissionOut,
  updatePermission,
} from "./drive.js";
import { ApiError, invalid, notFound } from "./errors.js";
import { selectFields } from "./field-mask.js";
import type { SpreadsheetState } from "./model.js";
import { CreateBodySchema, createSpreadsheet, spreadsheetOut } from "./spreadsheet.js";
import { SpreadsheetStore } from "./store.js";
import {
  AppendParamsSchema,
  appendValues,
  BatchUpdateValuesBodySchema,
  batchUpdateValues,
  clearValues,
  DateTimeRenderOptionSchema,
  type ReadOptions,
  readValues,
  UpdateParamsSchema,
  updateValues,
  ValueRangeSchema,
  ValueRenderOptionSchema,
} from "./values.js";
import { renderIndex, renderSpreadsheet } from "./view/page.js";

export interface SheetsStandinOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** A `node:sqlite` file keeping every spreadsheet across restarts; in memory when absent. */
  dataFile?: string;
}

export interface SheetsStandin {
  /** `http://host:port/`: the client's `rootUrl`, and the page listing the spreadsheets. */
  url: string;
  stop(): Promise<void>;
}

/** Request bodies beyond this are refused; a dashboard's batchUpdate is far smaller. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

type Json = Record<string, unknown>;

interface Call {
  method: string;
  /** Path segments after `/v4/spreadsheets/` (or `/drive/v3/files/`), still percent-encoded. */
  rest: string;
  query: URLSearchParams;
  body: unknown;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new ApiError(413, `Request payload is larger than ${MAX_BODY_BYTES} bytes.`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw invalid("Invalid JSON payload received.");
  }
}

function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw invalid(`Invalid ${what}${issue?.path.length ? ` at '${issue.path.join(".")}'` : ""}: ${issue?.message ?? "invalid value"}`);
}

const queryObject = (query: URLSearchParams): Json => Object.fromEntries([...query.keys()].map((k) => [k, query.get(k)]));

const ReadParamsSchema = z.object({
  valueRenderOption: ValueRenderOptionSchema.default("FORMATTED_VALUE"),
  dateTimeRenderOption: DateTimeRenderOptionSchema.default("SERIAL_NUMBER"),
  majorDimension: z.enum(["ROWS", "COLUMNS"]).default("ROWS"),
});

const readOptions = (query: URLSearchParams): ReadOptions => parse(ReadParamsSchema.loose(), queryObject(query), "query parameters");

const decodeRange = (encoded: string): string => {
  try {
    return decodeURIComponent(encoded);
  } catch {
    throw invalid(`Unable to parse range: ${encoded}`);
  }
};

export async function startSheetsStandin(options: SheetsStandinOptions = {}): Promise<SheetsStandin> {
  const store = new SpreadsheetStore(options.dataFile);
  let url = "";
  const viewUrl = (id: string) => `${url}view/${encodeURIComponent(id)}`;

  const load = (encodedId: string): SpreadsheetState => {
    const state = store.get(decodeRange(encodedId));
    if (!state) throw notFound();
    return state;
  };

  /** Runs a write on a copy and stores the copy only when the whole call succeeded: nothing is half applied. */
  const mutate = (encodedId: string, write: (state: SpreadsheetState) => Json): Json => {
    const state = structuredClone(load(encodedId));
    const result = write(state);
    store.save(state);
    return result;
  };

  /**
   * Drive API v3 on the spreadsheets' files: files.list and files.delete, and each file's permissions. Without `fields` Drive answers only a few
   * fields of each permission (no emailAddress), so the answer names the default selection.
   */
  const drive = (call: Call): { status: 200; body: Json; defaultFields: string } | { status: 204 } => {
    const { method, rest, query, body } = call;
    if (rest === "" && method === "GET") return { status: 200, body: listFiles(store.list(), query), defaultFields: DEFAULT_FILE_LIST_FIELDS };
    const file = /^([^/]+)$/.exec(rest);
    if (file && method === "DELETE") {
      const fileId = decodeRange(file[1] as string);
      if (!store.get(fileId)) throw new ApiError(404, `File not found: ${fileId}.`, "notFound");
      store.delete(fileId);
      return { status: 204 };
    }
    const match = /^([^/]+)\/permissions(?:\/([^/]+))?$/.exec(rest);
    if (!match) {
      throw notFound(
        `The stand-in serves only Drive's files.list, files.delete and permissions (/drive/v3/files[/{fileId}[/permissions…]]); not ${method} /drive/v3/files/${rest}.`,
      );
    }
    const fileId = decodeRange(match[1] as string);
    const permissionId = match[2] === undefined ? undefined : decodeRange(match[2]);
    const current = store.get(fileId);
    if (!current) throw new ApiError(404, `File not found: ${fileId}.`, "notFound");
    const change = <T>(write: (state: SpreadsheetState) => T): T => {
      const state = structuredClone(current);
      const answer = write(state);
      store.save(state);
      return answer;
    };
    if (permissionId === undefined && method === "GET") return { status: 200, body: listPermissions(current, query), defaultFields: DEFAULT_LIST_FIELDS };
    if (permissionId === undefined && method === "POST") {
      // Google e-mails a new user or group by default; the stand-in sends no mail either way, but checks the parameter.
      booleanParam(query, "sendNotificationEmail", true);
      const request = parseCreateBody(body);
      return { status: 200, body: change((state) => permissionOut(createPermission(state, request))), defaultFields: DEFAULT_PERMISSION_FIELDS };
    }
    if (permissionId !== undefined && method === "GET")
      return { status: 200, body: permissionOut(getPermission(current, permissionId)), defaultFields: DEFAULT_PERMISSION_FIELDS };
    if (permissionId !== undefined && method === "PATCH") {
      const request = parseUpdateBody(body);
      return { status: 200, body: change((state) => permissionOut(updatePermission(state, permissionId, request))), defaultFields: DEFAULT_PERMISSION_FIELDS };
    }
    if (permissionId !== undefined && method === "DELETE") {
      change((state) => deletePermission(state, permissionId));
      return { status: 204 };
    }
    throw notFound(`The Sheets stand-in has no method ${method} /drive/v3/files/${rest}.`);
  };

  const api = (call: Call): Json => {
    const { method, rest, query, body } = call;
    if (rest === "" && method === "POST") {
      const state = createSpreadsheet(parse(CreateBodySchema, body, "spreadsheet"));
      store.save(state);
      return spreadsheetOut(state, viewUrl(state.spreadsheetId));
    }
    const batch = /^([^/:]+):batchUpdate$/.exec(rest);
    if (batch && method === "POST") {
      const id = batch[1] as string;
      const request = parse(BatchUpdateBodySchema, body, "batchUpdate request");
      const { state, replies } = batchUpdate(load(id), request.requests ?? []);
      store.save(state);
      const out: Json = { spreadsheetId: state.spreadsheetId, replies };
      if (request.includeSpreadsheetInResponse) {
        out.updatedSpreadsheet = spreadsheetOut(state, viewUrl(state.spreadsheetId), {
          ranges: request.responseRanges ?? [],
          includeGridData: request.responseIncludeGridData ?? false,
        });
      }
      return out;
    }
    const whole = /^([^/:]+)$/.exec(rest);
    if (whole && method === "GET") {
      const state = load(whole[1] as string);
      return spreadsheetOut(state, viewUrl(state.spreadsheetId), { ranges: query.getAll("ranges"), includeGridData: query.get("includeGridData") === "true" });
    }
    const valuesBatch = /^([^/:]+)\/values:(batchGet|batchUpdate|batchClear)$/.exec(rest);
    if (valuesBatch) {
      const id = valuesBatch[1] as string;
      const op = valuesBatch[2];
      if (op === "batchGet" && method === "GET") {
        const state = load(id);
        const options = readOptions(query);
        return { spreadsheetId: state.spreadsheetId, valueRanges: query.getAll("ranges").map((a1) => readValues(state, a1, options)) };
      }
      if (op === "batchUpdate" && method === "POST")
        return mutate(id, (state) => batchUpdateValues(state, parse(BatchUpdateValuesBodySchema, body, "values.batchUpdate request")));
      if (op === "batchClear" && method === "POST") {
        const { ranges } = parse(z.looseObject({ ranges: z.array(z.string()) }), body, "values.batchClear request");
        return mutate(id, (state) => ({ spreadsheetId: state.spreadsheetId, clearedRanges: ranges.map((a1) => clearValues(state, a1)) }));
      }
    }
    const values = /^([^/:]+)\/values\/(.+?)(:append|:clear)?$/.exec(rest);
    if (values) {
      const id = values[1] as string;
      const a1 = decodeRange(values[2] as string);
      const op = values[3];
      if (!op && method === "GET") return { ...readValues(load(id), a1, readOptions(query)) };
      if (!op && method === "PUT") {
        const params = parse(UpdateParamsSchema.loose(), queryObject(query), "query parameters");
        return mutate(id, (state) => updateValues(state, a1, parse(ValueRangeSchema, body, "ValueRange"), params));
      }
      if (op === ":append" && method === "POST") {
        const params = parse(AppendParamsSchema.loose(), queryObject(query), "query parameters");
        return mutate(id, (state) => appendValues(state, a1, parse(ValueRangeSchema, body, "ValueRange"), params));
      }
      if (op === ":clear" && method === "POST") return mutate(id, (state) => ({ spreadsheetId: state.spreadsheetId, clearedRange: clearValues(state, a1) }));
    }
    throw notFound(`The Sheets stand-in has no method ${method} /v4/spreadsheets/${rest}.`);
  };

  const send = (res: ServerResponse, status: number, type: string, text: string) => {
    res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(text) });
    res.end(text);
  };
  const sendJson = (res: ServerResponse, status: number, body: unknown) => send(res, status, "application/json; charset=UTF-8", JSON.stringify(body));

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const parsed = new URL(req.url ?? "/", "http://standin");
    const path = parsed.pathname;
    const method = req.method ?? "GET";
    try {
      if (method === "GET" && path === "/") return send(res, 200, "text/html; charset=utf-8", renderIndex(store.list(), viewUrl));
      const view = /^\/view\/([^/]+)$/.exec(path);
      if (method === "GET" && view) {
        const state = store.get(decodeRange(view[1] as string));
        if (!state) return send(res, 404, "text/html; charset=utf-8", renderIndex(store.list(), viewUrl, "No such spreadsheet / 没有这个表格"));
        return send(res, 200, "text/html; charset=utf-8", renderSpreadsheet(state));
      }
      const isDrive = path === "/drive/v3/files" || path.startsWith("/drive/v3/files/");
      if (!path.startsWith("/v4/spreadsheets") && !isDrive)
        throw notFound(`The Sheets stand-in serves /v4/spreadsheets…, /drive/v3/files[/{fileId}[/permissions…]], / and /view/<id>; not ${path}.`);
      // Any bearer token is accepted (and not recorded); none is refused, as Google refuses it.
      if (!/^Bearer \S+/i.test(req.headers.authorization ?? "")) {
        throw new ApiError(
          401,
          "Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential.",
        );
      }
      const body = method === "POST" || method === "PUT" || method === "PATCH" ? await readBody(req) : {};
      const fields = parsed.searchParams.get("fields");
      if (isDrive) {
        const answer = drive({ method, rest: path.slice("/drive/v3/files".length).replace(/^\//, ""), query: parsed.searchParams, body });
        if (answer.status === 204) {
          res.writeHead(204);
          res.end();
          return;
        }
        return sendJson(res, answer.status, selectFields(answer.body, fields ?? answer.defaultFields));
      }
      const rest = path.slice("/v4/spreadsheets".length).replace(/^\//, "");
      const answer = api({ method, rest, query: parsed.searchParams, body });
      sendJson(res, 200, fields ? selectFields(answer, fields) : answer);
    } catch (error) {
      if (error instanceof ApiError) return sendJson(res, error.code, error.toBody());
      console.error("sheets stand-in: internal error", error);
      sendJson(res, 500, new ApiError(500, "Internal error encountered.").toBody());
    }
  };

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host =
    address.address === "0.0.0.0" || address.address === "::" ? "127.0.0.1" : address.address.includes(":") ? `[${address.address}]` : address.address;
  url = `http://${host}:${address.port}/`;
  return {
    url,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      store.close();
    },
  };
}
