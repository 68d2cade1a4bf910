import type { ResourcePath } from "./paths.js";
import type { Fields, Value } from "./types.js";
import { stringSize } from "./utf8.js";

/** Firestore's maximum document size: 1 MiB. */
export const MAX_DOCUMENT_BYTES = 1_048_576;

/** Storage size of a document name: each collection and document id as a string, plus 16 bytes. */
function documentNameSize(path: ResourcePath): number {
  return path.reduce((sum, segment) => sum + stringSize(segment), 16);
}

function referenceSize(name: string): number {
  const marker = name.indexOf("/documents/");
  return documentNameSize(marker === -1 ? [] : name.slice(marker + "/documents/".length).split("/"));
}

/** Storage size of a value per https://firebase.google.com/docs/firestore/storage-size. */
function valueSize(v: Value): number {
  if ("nullValue" in v || "booleanValue" in v) return 1;
  if ("integerValue" in v || "doubleValue" in v || "timestampValue" in v) return 8;
  if ("stringValue" in v) return stringSize(v.stringValue);
  if ("bytesValue" in v) return Buffer.byteLength(v.bytesValue, "base64");
  if ("referenceValue" in v) return referenceSize(v.referenceValue);
  if ("geoPointValue" in v) return 16;
  if ("arrayValue" in v) return v.arrayValue.values.reduce((sum, item) => sum + valueSize(item), 0);
  return fieldsSize(v.mapValue.fields);
}

function fieldsSize(fields: Fields): number {
  let sum = 0;
  for (const [key, value] of Object.entries(fields)) sum += stringSize(key) + valueSize(value);
  return sum;
}

/** Document size: name + fields + 32 bytes. */
export function documentSize(path: ResourcePath, fields: Fields): number {
  return documentNameSize(path) + fieldsSize(fields) + 32;
}
