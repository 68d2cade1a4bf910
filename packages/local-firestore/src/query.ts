import { invalidArgument, unimplemented } from "./errors.js";
import { type Candidate, compileFilter, fieldValue, inequalityFields, type Predicate } from "./filters.js";
import {
  compareFieldPaths,
  comparePaths,
  type DocumentKey,
  type FieldPath,
  formatFieldPath,
  isNameField,
  NAME_FIELD,
  parseFieldPath,
  parseParentName,
} from "./paths.js";
import type { Database, Scope, StoredDocument } from "./store.js";
import type { Micros } from "./time.js";
import type { Cursor, Fields, StructuredQuery, Value } from "./types.js";
import { compareValues, getField, setField, validateValueKinds } from "./values.js";

interface Ordering {
  path: FieldPath;
  descending: boolean;
}

/** A validated query, ready to run against any snapshot of its database. */
export interface CompiledQuery {
  database: string;
  scope: Scope;
  filter: Predicate;
  orderBy: Ordering[];
  startAt: Cursor | undefined;
  endAt: Cursor | undefined;
  offset: number;
  limit: number | undefined;
  /** Field paths to return; undefined returns whole documents. */
  projection: FieldPath[] | undefined;
}

/** Explicit orders, then inequality fields not yet ordered (lexicographically), then `__name__`. */
function normalizeOrder(query: StructuredQuery): Ordering[] {
  const orderBy: Ordering[] = query.orderBy.map((o) => {
    if (!o.field) throw invalidArgument("An order requires a field.");
    return { path: parseFieldPath(o.field.fieldPath), descending: o.direction === "DESCENDING" };
  });
  const seen = new Set(orderBy.map((o) => formatFieldPath(o.path)));
  const lastDescending = orderBy[orderBy.length - 1]?.descending ?? false;
  for (const path of inequalityFields(query.where).sort(compareFieldPaths)) {
    const key = formatFieldPath(path);
    if (seen.has(key)) continue;
    seen.add(key);
    orderBy.push({ path, descending: lastDescending });
  }
  if (!seen.has(NAME_FIELD)) orderBy.push({ path: [NAME_FIELD], descending: lastDescending });
  return orderBy;
}

function validateCursor(cursor: Cursor | undefined, orderBy: Ordering[]): void {
  if (!cursor) return;
  if (cursor.values.length > orderBy.length) {
    throw invalidArgument("Too many cursor values specified. The specified values must match the orderBy() constraints of the query.");
  }
  cursor.values.forEach((value, i) => {
    validateValueKinds(value);
    if (isNameField(orderBy[i]?.path ?? []) && !("referenceValue" in value)) {
      throw invalidArgument("A cursor value for __name__ must be a document reference.");
    }
  });
}

export function compileQuery(parentName: string, query: StructuredQuery | undefined): CompiledQuery {
  if (!query) throw invalidArgument("A structured query is required.");
  if (query.findNearest) throw unimplemented("Vector search (findNearest)");
  const parent: DocumentKey = parseParentName(parentName);
  const [from, ...extra] = query.from;
  if (!from || extra.length > 0) throw invalidArgument("A query must select exactly one collection.");
  const collectionId = from.collectionId || undefined;
  if (collectionId === undefined && !from.allDescendants) throw invalidArgument("A collection id is required.");
  const orderBy = normalizeOrder(query);
  validateCursor(query.startAt, orderBy);
  validateCursor(query.endAt, orderBy);
  const offset = query.offset ?? 0;
  const limit = query.limit ? (query.limit.value ?? 0) : undefined;
  if (offset < 0 || (limit !== undefined && limit < 0)) throw invalidArgument("Offset and limit must not be negative.");
  return {
    database: parent.database,
    scope: { parent: parent.path, collectionId, allDescendants: from.allDescendants ?? false },
    filter: compileFilter(query.where),
    orderBy,
    startAt: query.startAt,
    endAt: query.endAt,
    offset,
    limit,
    projection: query.select?.fields.map((f) => parseFieldPath(f.fieldPath)),
  };
}

function compareDocs(orderBy: Ordering[], a: StoredDocument, b: StoredDocument): number {
  for (const { path, descending } of orderBy) {
    // Names compare as paths; skipping the reference-string round trip keeps big sorts fast.
    const c = isNameField(path) ? comparePaths(a.path, b.path) : compareValues(fieldValue(a, path) as Value, fieldValue(b, path) as Value);
    if (c !== 0) return descending ? -c : c;
  }
  return 0;
}

/** Sign of the document's position relative to the cursor position, in query order. */
function compareToCursor(orderBy: Ordering[], doc: Candidate, cursor: Cursor): number {
  for (let i = 0; i < cursor.values.length; i++) {
    const { path, descending } = orderBy[i] as Ordering;
    const c = compareValues(fieldValue(doc, path) as Value, cursor.values[i] as Value);
    if (c !== 0) return descending ? -c : c;
  }
  return 0;
}

function withinCursors(query: CompiledQuery, doc: Candidate): boolean {
  if (query.startAt) {
    const c = compareToCursor(query.orderBy, doc, query.startAt);
    if (query.startAt.before ? c < 0 : c <= 0) return false;
  }
  if (query.endAt) {
    const c = compareToCursor(query.orderBy, doc, query.endAt);
    if (query.endAt.before ? c >= 0 : c > 0) return false;
  }
  return true;
}

/** Matching documents in query order, before offset and limit. */
function matching(database: Database, query: CompiledQuery, at: Micros): StoredDocument[] {
  const docs: StoredDocument[] = [];
  for (const doc of database.scan(query.scope, at)) {
    // A document lacking any ordered field is not in the index the query reads.
    if (!query.orderBy.every((o) => fieldValue(doc, o.path) !== undefined)) continue;
    if (query.filter(doc) && withinCursors(query, doc)) docs.push(doc);
  }
  return docs.sort((a, b) => compareDocs(query.orderBy, a, b));
}

export interface QueryResult {
  documents: StoredDocument[];
  /** How many matches the offset skipped. */
  skipped: number;
}

export function runQuery(database: Database, query: CompiledQuery, at: Micros): QueryResult {
  const all = matching(database, query, at);
  const end = query.limit === undefined ? undefined : query.offset + query.limit;
  const documents = all.slice(query.offset, end);
  return { documents, skipped: Math.min(query.offset, all.length) };
}

/** Applies a projection (select or read mask); `__name__` alone selects no fields. */
export function project(fields: Fields, paths: readonly FieldPath[] | undefined): Fields {
  if (!paths) return fields;
  const projected: Fields = {};
  for (const path of paths) {
    if (isNameField(path)) continue;
    const value = getField(fields, path);
    if (value !== undefined) setField(projected, path, structuredClone(value));
  }
  return projected;
}
