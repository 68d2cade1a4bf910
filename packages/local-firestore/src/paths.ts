import { invalidArgument } from "./errors.js";
import { compareUtf8 } from "./utf8.js";

/** A document or collection inside one database: its slash-separated segments. */
export type ResourcePath = readonly string[];

export interface DocumentKey {
  database: string;
  path: ResourcePath;
}

const DATABASE_NAME = /^projects\/([^/]+)\/databases\/([^/]+)$/;

export function parseDatabaseName(name: string): string {
  if (!DATABASE_NAME.test(name)) throw invalidArgument(`Invalid database name: ${name}`);
  return name;
}

/** Splits `projects/p/databases/d/documents/a/b/...` into database name and path below `documents`. */
export function parseResourceName(name: string): DocumentKey {
  const segments = name.split("/");
  if (segments.length < 5 || segments[0] !== "projects" || segments[2] !== "databases" || segments[4] !== "documents") {
    throw invalidArgument(`Invalid resource name: ${name}`);
  }
  const path = segments.slice(5);
  if (path.some((s) => s === "")) throw invalidArgument(`Invalid resource name: ${name}`);
  return { database: segments.slice(0, 4).join("/"), path };
}

export function parseDocumentName(name: string): DocumentKey {
  const key = parseResourceName(name);
  if (key.path.length === 0 || key.path.length % 2 !== 0) throw invalidArgument(`Invalid document name: ${name}`);
  return key;
}

/** A query or listing parent: the database root or a document. */
export function parseParentName(name: string): DocumentKey {
  const key = parseResourceName(name);
  if (key.path.length % 2 !== 0) throw invalidArgument(`Invalid parent name: ${name}`);
  return key;
}

export function documentName(database: string, path: ResourcePath): string {
  return path.length === 0 ? `${database}/documents` : `${database}/documents/${path.join("/")}`;
}

/** Rejects ids Firestore refuses to store. */
export function validateDocumentPath(name: string, path: ResourcePath): void {
  for (const segment of path) {
    if (segment === "." || segment === ".." || /^__.*__$/.test(segment)) {
      throw invalidArgument(`Resource id "${segment}" is invalid because it is reserved. (${name})`);
    }
    if (Buffer.byteLength(segment) > 1500) throw invalidArgument(`Resource id is longer than 1500 bytes. (${name})`);
  }
}

const NUMERIC_ID = /^__id(-?\d+)__$/;

/** Orders one path segment: numeric ids (`__id123__`) first by value, then strings by UTF-8 bytes. */
function compareSegments(a: string, b: string): number {
  const na = NUMERIC_ID.exec(a);
  const nb = NUMERIC_ID.exec(b);
  if (na && nb) {
    const x = BigInt(na[1] ?? "0");
    const y = BigInt(nb[1] ?? "0");
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (na) return -1;
  if (nb) return 1;
  return compareUtf8(a, b);
}

export function comparePaths(a: ResourcePath, b: ResourcePath): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareSegments(a[i] ?? "", b[i] ?? "");
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

export function isPrefix(prefix: ResourcePath, path: ResourcePath): boolean {
  if (prefix.length > path.length) return false;
  return prefix.every((s, i) => path[i] === s);
}

/** A field path: map keys from the document root down. */
export type FieldPath = readonly string[];

const SIMPLE_SEGMENT = /^[a-zA-Z_][a-zA-Z_0-9]*$/;

/** Parses Firestore's field path syntax: dot-separated, backtick-quoted segments with `\` escapes. */
export function parseFieldPath(text: string): FieldPath {
  const segments: string[] = [];
  let i = 0;
  while (i <= text.length) {
    let segment = "";
    if (text[i] === "`") {
      i++;
      for (;;) {
        const ch = text[i];
        if (ch === undefined) throw invalidArgument(`Invalid field path: ${text}`);
        if (ch === "`") break;
        if (ch === "\\") {
          const escaped = text[i + 1];
          if (escaped === undefined) throw invalidArgument(`Invalid field path: ${text}`);
          segment += escaped;
          i += 2;
        } else {
          segment += ch;
          i++;
        }
      }
      i++;
      if (segment === "") throw invalidArgument(`Invalid field path: ${text}`);
    } else {
      const end = text.indexOf(".", i);
      segment = text.slice(i, end === -1 ? text.length : end);
      if (!SIMPLE_SEGMENT.test(segment)) throw invalidArgument(`Invalid field path: ${text}`);
      i += segment.length;
    }
    segments.push(segment);
    if (i === text.length) return segments;
    if (text[i] !== ".") throw invalidArgument(`Invalid field path: ${text}`);
    i++;
  }
  throw invalidArgument(`Invalid field path: ${text}`);
}

export function formatFieldPath(path: FieldPath): string {
  return path.map((s) => (SIMPLE_SEGMENT.test(s) ? s : `\`${s.replace(/[\\`]/g, (c) => `\\${c}`)}\``)).join(".");
}

export function compareFieldPaths(a: FieldPath, b: FieldPath): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareUtf8(a[i] ?? "", b[i] ?? "");
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/** The document-id pseudo field used in filters, orders and cursors. */
export const NAME_FIELD = "__name__";

export function isNameField(path: FieldPath): boolean {
  return path.length === 1 && path[0] === NAME_FIELD;
}
