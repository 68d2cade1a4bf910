import { documentSize, MAX_DOCUMENT_BYTES } from "./document-size.js";
import { alreadyExists, failedPrecondition, invalidArgument, notFound } from "./errors.js";
import { type DocumentKey, parseDocumentName, parseFieldPath, validateDocumentPath } from "./paths.js";
import type { DocumentState } from "./store.js";
import { fromTimestamp, type Micros, toTimestamp } from "./time.js";
import { applyFieldTransform } from "./transforms.js";
import type { FieldTransform, Fields, Precondition, Value, Write, WriteResult } from "./types.js";
import { cloneFields, deleteField, getField, roundTimestampsToMicros, setField, validateStorableFields } from "./values.js";

/** The document a write targets, checked to belong to the request's database. */
export function writeTarget(write: Write, database: string): DocumentKey & { name: string } {
  const name = write.update?.name ?? write.delete ?? write.transform?.document;
  if (name === undefined) throw invalidArgument("A write must set update, delete or transform.");
  const key = parseDocumentName(name);
  if (key.database !== database) throw invalidArgument(`Document ${name} is not in database ${database}.`);
  validateDocumentPath(name, key.path);
  return { ...key, name };
}

function checkPrecondition(name: string, current: DocumentState | null, precondition: Precondition | undefined): void {
  if (!precondition) return;
  if (precondition.exists === true && !current) throw notFound(`No document to update: ${name}`);
  if (precondition.exists === false && current) throw alreadyExists(`Document already exists: ${name}`);
  if (precondition.updateTime !== undefined) {
    const required = fromTimestamp(precondition.updateTime);
    if (!current || current.updateTime !== required) {
      throw failedPrecondition(`The document ${name} was not last updated at the required update time.`);
    }
  }
}

/** Structural equality that, unlike query equality, tells 1 from 1.0: a write changing a type is a change. */
function sameValue(a: Value | undefined, b: Value | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if ("mapValue" in a && "mapValue" in b) return sameFields(a.mapValue.fields, b.mapValue.fields);
  if ("arrayValue" in a && "arrayValue" in b) {
    const x = a.arrayValue.values;
    const y = b.arrayValue.values;
    return x.length === y.length && x.every((v, i) => sameValue(v, y[i]));
  }
  if ("doubleValue" in a && "doubleValue" in b) return Object.is(a.doubleValue, b.doubleValue);
  return JSON.stringify(a) === JSON.stringify(b);
}

function sameFields(a: Fields, b: Fields): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => sameValue(a[k], b[k]));
}

export interface AppliedWrite {
  /** The document after the write; null when deleted. */
  after: DocumentState | null;
  /** False when the write left the document as it was (no new version, previous update time). */
  changed: boolean;
  result: WriteResult;
}

/** Applies one write to the current state of its document, per Firestore's Commit semantics. */
export function applyWrite(write: Write, name: string, current: DocumentState | null, commitTime: Micros): AppliedWrite {
  checkPrecondition(name, current, write.currentDocument);
  if (write.delete !== undefined) {
    return { after: null, changed: current !== null, result: { transformResults: [] } };
  }

  let fields: Fields;
  let transforms: FieldTransform[];
  if (write.update) {
    if (write.updateMask) {
      fields = current ? cloneFields(current.fields) : {};
      for (const text of write.updateMask.fieldPaths) {
        const path = parseFieldPath(text);
        const value = getField(write.update.fields, path);
        if (value === undefined) deleteField(fields, path);
        else setField(fields, path, structuredClone(value));
      }
    } else {
      fields = cloneFields(write.update.fields);
    }
    transforms = write.updateTransforms;
  } else {
    fields = current ? cloneFields(current.fields) : {};
    transforms = write.transform?.fieldTransforms ?? [];
  }

  const transformResults = transforms.map((t) => applyFieldTransform(fields, t, commitTime));
  validateStorableFields(fields);
  roundTimestampsToMicros(fields);
  const path = parseDocumentName(name).path;
  const size = documentSize(path, fields);
  if (size > MAX_DOCUMENT_BYTES) {
    throw invalidArgument(
      `Document '${name}' cannot be written because its size (${size.toLocaleString("en-US")} bytes) exceeds the maximum allowed size of 1,048,576 bytes.`,
    );
  }

  if (current && sameFields(current.fields, fields)) {
    return { after: current, changed: false, result: { updateTime: toTimestamp(current.updateTime), transformResults } };
  }
  const after = { fields, createTime: current?.createTime ?? commitTime, updateTime: commitTime };
  return { after, changed: true, result: { updateTime: toTimestamp(commitTime), transformResults } };
}
