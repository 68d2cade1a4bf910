/**
 * Reads documents through Firestore's REST API (v1, JSON over HTTP/1.1).
 *
 * Why not the Firestore client: loading @google-cloud/firestore (gRPC, protobufs,
 * google-gax) takes longer than a whole functions-framework hello world; the reads
 * every first request makes (the caller's roster record, the roster for dropdowns)
 * need only two REST calls and node:http, which the framework has already loaded.
 * Everything that writes or needs transactions and queries keeps the client.
 *
 * Against an emulator (FIRESTORE_EMULATOR_HOST) it speaks plain HTTP to the same
 * host:port as the client, with the emulator's administrator token; otherwise
 * https://firestore.googleapis.com with Application Default Credentials
 * (google-auth-library, loaded on the first read only in that case).
 */
import { AppError } from "./errors.js";
import { getText, keepAliveAgent } from "./http-get.js";

/** A stored document: its path below the database ("roster/li@x.cn") and its fields as plain values. */
export interface StoredDocument {
  path: string;
  data: Record<string, unknown>;
}

export interface DocumentReader {
  /** The document at `path`, or undefined when there is none. */
  get(path: string): Promise<StoredDocument | undefined>;
  /** Every document directly in the collection at `path`, in id order. */
  list(path: string): Promise<StoredDocument[]>;
}

export interface RestReaderOptions {
  projectId: string | undefined;
  /** host:port of an emulator; undefined for Google's service. */
  emulatorHost: string | undefined;
}

const GOOGLE_ROOT = "https://firestore.googleapis.com/v1/";
const SCOPE = "https://www.googleapis.com/auth/datastore";
const PAGE_SIZE = 500;
/** Attempts of one read: a reused keep-alive socket may have been closed by the server, and the service may ask to slow down. */
const ATTEMPTS = 3;
const TIMEOUT_MS = 20_000;

/** Firestore's REST (proto3 JSON) form of a value. */
type RestValue = Record<string, unknown>;

/** A REST value as the Firestore Node client's `data()` gives it, except timestamps (Date here) and references (their path). */
function decodeValue(value: RestValue): unknown {
  if ("stringValue" in value) return value.stringValue;
  if ("booleanValue" in value) return value.booleanValue;
  if ("integerValue" in value) return Number(value.integerValue);
  if ("doubleValue" in value) return Number(value.doubleValue); // "NaN", "Infinity" and "-Infinity" arrive as strings
  if ("nullValue" in value) return null;
  if ("timestampValue" in value) return new Date(String(value.timestampValue));
  if ("bytesValue" in value) return new Uint8Array(Buffer.from(String(value.bytesValue), "base64"));
  if ("referenceValue" in value) return String(value.referenceValue).replace(/^projects\/[^/]+\/databases\/[^/]+\/documents\//, "");
  if ("geoPointValue" in value) {
    const point = value.geoPointValue as { latitude?: number; longitude?: number };
    return { latitude: point.latitude ?? 0, longitude: point.longitude ?? 0 };
  }
  if ("arrayValue" in value) return ((value.arrayValue as { values?: RestValue[] }).values ?? []).map(decodeValue);
  if ("mapValue" in value) return decodeFields((value.mapValue as { fields?: Record<string, RestValue> }).fields);
  throw new Error(`unknown Firestore value: ${Object.keys(value).join(",")}`);
}

/** Object.fromEntries defines own properties: whatever a field is called, it cannot reach the prototype. */
const decodeFields = (fields: Record<string, RestValue> | undefined): Record<string, unknown> =>
  Object.fromEntries(Object.entries(fields ?? {}).map(([k, v]) => [k, decodeValue(v)]));

interface RestDocument {
  name: string;
  fields?: Record<string, RestValue>;
}

const transient = (status: number) => status === 429 || status >= 500;

const unavailable = () =>
  new AppError("UNAVAILABLE", {
    zh: "暂时无法连接数据库，请稍后再试",
    en: "The database cannot be reached right now; please try again later",
  });

export function restDocumentReader(options: RestReaderOptions): DocumentReader {
  const emulator = options.emulatorHost !== undefined;
  const root = emulator ? `http://${options.emulatorHost}/v1/` : GOOGLE_ROOT;
  const agent = keepAliveAgent(emulator ? "http:" : "https:");

  // Google's service only: credentials and, when unset, the project come from Application Default Credentials.
  let googleAuth: Promise<{ token: () => Promise<string>; projectId: () => Promise<string> }> | undefined;
  const adc = () => {
    googleAuth ??= import("google-auth-library").then(({ GoogleAuth }) => {
      const auth = new GoogleAuth({ scopes: [SCOPE] });
      return {
        token: async () => (await auth.getAccessToken()) ?? "",
        projectId: () => auth.getProjectId(),
      };
    });
    return googleAuth;
  };
  const authorization = async () => `Bearer ${emulator ? "owner" : await (await adc()).token()}`;
  let documentsRoot: Promise<string> | undefined;
  const documents = () => {
    documentsRoot ??= (async () => {
      const project = options.projectId ?? (emulator ? undefined : await (await adc()).projectId());
      if (!project) throw new Error("the Firestore project is unknown: set GOOGLE_CLOUD_PROJECT");
      return `${root}projects/${encodeURIComponent(project)}/databases/(default)/documents/`;
    })();
    return documentsRoot;
  };

  /** One GET: its status and parsed JSON body; network failures reject. */
  const once = async (url: string): Promise<{ status: number; body: unknown }> => {
    const got = await getText(new URL(url), { timeoutMs: TIMEOUT_MS, agent, headers: { authorization: await authorization(), accept: "application/json" } });
    try {
      return { status: got.status, body: got.text ? JSON.parse(got.text) : {} };
    } catch {
      return { status: got.status, body: { error: { message: got.text.slice(0, 200) } } };
    }
  };

  /** A GET retried while the service is unreachable or overloaded; 404 is an answer, other failures are ours. */
  const read = async (url: string): Promise<{ status: number; body: unknown }> => {
    let lastProblem: unknown;
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        const answer = await once(url);
        if (!transient(answer.status)) {
          if (answer.status === 200 || answer.status === 404) return answer;
          throw new Error(`Firestore REST read answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`);
        }
        lastProblem = `status ${answer.status}`;
      } catch (err) {
        if (!(typeof err === "object" && err !== null && "code" in err)) throw err; // not a network error: a bug or a refusal
        lastProblem = err;
      }
      if (attempt < ATTEMPTS) await new Promise((r) => setTimeout(r, 100 * 4 ** (attempt - 1)));
    }
    console.warn(JSON.stringify({ severity: "WARNING", message: "Firestore unavailable", error: String(lastProblem) }));
    throw unavailable();
  };

  const segments = (path: string) => path.split("/").map(encodeURIComponent).join("/");
  const stored = (doc: RestDocument): StoredDocument => ({
    path: doc.name.slice(doc.name.indexOf("/documents/") + "/documents/".length),
    data: decodeFields(doc.fields),
  });

  return {
    async get(path) {
      const answer = await read(`${await documents()}${segments(path)}`);
      return answer.status === 404 ? undefined : stored(answer.body as RestDocument);
    },
    async list(path) {
      const found: StoredDocument[] = [];
      let pageToken = "";
      do {
        const query = `pageSize=${PAGE_SIZE}${pageToken ? `&pageToken=${encodeURIComponent(pageToken)}` : ""}`;
        const answer = await read(`${await documents()}${segments(path)}?${query}`);
        if (answer.status === 404) return found;
        const page = answer.body as { documents?: RestDocument[]; nextPageToken?: string };
        for (const doc of page.documents ?? []) found.push(stored(doc));
        pageToken = page.nextPageToken ?? "";
      } while (pageToken);
      return found;
    },
  };
}
