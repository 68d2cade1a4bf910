import type { FieldPath } from "./paths.js";
import { project } from "./query.js";
import type { StoredDocument } from "./store.js";
import { toTimestamp } from "./time.js";
import type { Document } from "./types.js";

/** The wire form of a stored document, optionally narrowed to a field mask. */
export function toDocument(doc: StoredDocument, mask?: readonly FieldPath[]): Document {
  return {
    name: doc.name,
    fields: project(doc.fields, mask),
    createTime: toTimestamp(doc.createTime),
    updateTime: toTimestamp(doc.updateTime),
  };
}
