import type { Document, Fields, LatLng, Timestamp, Value } from "./types.js";

/**
 * Firestore's REST answers: the proto3 JSON mapping of the google.firestore.v1 messages, printed
 * the way Google prints them (fields holding their default value left out, empty maps and lists
 * too, except inside a value's oneof where `{}` says which kind it is).
 */

export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

/** RFC 3339 in UTC with 0, 3, 6 or 9 fractional digits, as few as the value needs. */
export function timestampJson(timestamp: Timestamp): string {
  const seconds = Number(timestamp.seconds ?? "0");
  const nanos = timestamp.nanos ?? 0;
  const whole = new Date(seconds * 1000).toISOString().slice(0, "YYYY-MM-DDTHH:MM:SS".length);
  return `${whole}${fraction(nanos)}Z`;
}

function fraction(nanos: number): string {
  if (nanos === 0) return "";
  const digits = String(nanos).padStart(9, "0");
  if (nanos % 1_000_000 === 0) return `.${digits.slice(0, 3)}`;
  if (nanos % 1_000 === 0) return `.${digits.slice(0, 6)}`;
  return `.${digits}`;
}

/** JSON has no NaN or infinities; proto3 JSON spells them as strings. */
function doubleJson(value: number): number | string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Number.POSITIVE_INFINITY) return "Infinity";
  if (value === Number.NEGATIVE_INFINITY) return "-Infinity";
  return value;
}

function latLngJson(point: LatLng): JsonObject {
  const json: JsonObject = {};
  if (point.latitude) json.latitude = doubleJson(point.latitude);
  if (point.longitude) json.longitude = doubleJson(point.longitude);
  return json;
}

export function valueJson(value: Value): JsonObject {
  if ("nullValue" in value) return { nullValue: null };
  if ("booleanValue" in value) return { booleanValue: value.booleanValue };
  if ("integerValue" in value) return { integerValue: value.integerValue };
  if ("doubleValue" in value) return { doubleValue: doubleJson(value.doubleValue) };
  if ("timestampValue" in value) return { timestampValue: timestampJson(value.timestampValue) };
  if ("stringValue" in value) return { stringValue: value.stringValue };
  if ("bytesValue" in value) return { bytesValue: value.bytesValue };
  if ("referenceValue" in value) return { referenceValue: value.referenceValue };
  if ("geoPointValue" in value) return { geoPointValue: latLngJson(value.geoPointValue) };
  if ("arrayValue" in value) {
    const values = value.arrayValue.values;
    return { arrayValue: values.length > 0 ? { values: values.map(valueJson) } : {} };
  }
  const fields = value.mapValue.fields;
  return { mapValue: Object.keys(fields).length > 0 ? { fields: fieldsJson(fields) } : {} };
}

function fieldsJson(fields: Fields): JsonObject {
  const json: JsonObject = {};
  for (const [key, value] of Object.entries(fields)) json[key] = valueJson(value);
  return json;
}

/** A Document; a missing one listed with showMissing has only its name. */
export function documentJson(document: Document): JsonObject {
  const json: JsonObject = { name: document.name };
  if (Object.keys(document.fields).length > 0) json.fields = fieldsJson(document.fields);
  if (document.createTime) json.createTime = timestampJson(document.createTime);
  if (document.updateTime) json.updateTime = timestampJson(document.updateTime);
  return json;
}

/** A ListDocumentsResponse: `{}` when the page is empty and the listing complete. */
export function listJson(page: { documents: Document[]; nextPageToken: string }): JsonObject {
  const json: JsonObject = {};
  if (page.documents.length > 0) json.documents = page.documents.map(documentJson);
  if (page.nextPageToken) json.nextPageToken = page.nextPageToken;
  return json;
}

// Node 22 has JSON.rawJSON (TypeScript's ES2022 library does not declare it yet).
const rawJson = (JSON as unknown as { rawJSON(text: string): unknown }).rawJSON;

/**
 * JSON text as Google sends it: indented unless the caller asked for `prettyPrint=false`, and -0
 * kept as `-0` (JSON.stringify would print 0).
 */
export function jsonText(json: Json, pretty: boolean): string {
  return JSON.stringify(json, (_key, value: unknown) => (Object.is(value, -0) ? rawJson("-0") : value), pretty ? 2 : undefined);
}
