import { invalidArgument } from "./errors.js";
import { comparePaths, type FieldPath, parseResourceName } from "./paths.js";
import type { Fields, MapValue, Timestamp, Value } from "./types.js";
import { compareUtf8 } from "./utf8.js";

export const NULL: Value = { nullValue: "NULL_VALUE" };

/** Firestore's cross-type order: null < bool < number < timestamp < string < bytes < reference < geo < array < vector < map. */
export enum TypeOrder {
  Null,
  Boolean,
  Number,
  Timestamp,
  String,
  Bytes,
  Reference,
  GeoPoint,
  Array,
  Vector,
  Map,
}

function isVector(value: MapValue): boolean {
  const type = value.fields.__type__;
  return type !== undefined && "stringValue" in type && type.stringValue === "__vector__";
}

export function typeOrder(v: Value): TypeOrder {
  if ("nullValue" in v) return TypeOrder.Null;
  if ("booleanValue" in v) return TypeOrder.Boolean;
  if ("integerValue" in v || "doubleValue" in v) return TypeOrder.Number;
  if ("timestampValue" in v) return TypeOrder.Timestamp;
  if ("stringValue" in v) return TypeOrder.String;
  if ("bytesValue" in v) return TypeOrder.Bytes;
  if ("referenceValue" in v) return TypeOrder.Reference;
  if ("geoPointValue" in v) return TypeOrder.GeoPoint;
  if ("arrayValue" in v) return TypeOrder.Array;
  return isVector(v.mapValue) ? TypeOrder.Vector : TypeOrder.Map;
}

const KNOWN_KINDS = new Set([
  "nullValue",
  "booleanValue",
  "integerValue",
  "doubleValue",
  "timestampValue",
  "stringValue",
  "bytesValue",
  "referenceValue",
  "geoPointValue",
  "arrayValue",
  "mapValue",
]);

/** Rejects values that set no kind, several, or one this server does not store (pipeline-only kinds). */
function checkKind(v: Value): void {
  const kinds = Object.keys(v);
  if (kinds.length !== 1 || !KNOWN_KINDS.has(kinds[0] as string)) {
    throw invalidArgument(`Unsupported value: ${kinds.join(", ") || "no kind set"}.`);
  }
  if ("referenceValue" in v) parseResourceName(v.referenceValue);
}

/** Checks a query operand or cursor value, nested values included. */
export function validateValueKinds(v: Value): void {
  checkKind(v);
  if ("arrayValue" in v) v.arrayValue.values.forEach(validateValueKinds);
  else if ("mapValue" in v) Object.values(v.mapValue.fields).forEach(validateValueKinds);
}

const RESERVED_FIELD_NAME = /^__.*__$/;
const MAX_DEPTH = 20;

/** Throws unless a document may hold these fields: Firestore's rules on names, arrays and depth. */
export function validateStorableFields(fields: Fields, depth = 0): void {
  if (depth > MAX_DEPTH) throw invalidArgument(`Maps and arrays nest deeper than Firestore's limit of ${MAX_DEPTH} levels.`);
  const vector = depth > 0 && isVector({ fields });
  for (const [key, value] of Object.entries(fields)) {
    if (key === "") throw invalidArgument("Field names must not be empty.");
    if (Buffer.byteLength(key) > 1500) throw invalidArgument("Field names must be at most 1500 bytes.");
    if (RESERVED_FIELD_NAME.test(key) && !(vector && key === "__type__")) {
      throw invalidArgument(`Field name "${key}" is reserved (names matching __.*__ are).`);
    }
    validateStorableValue(value, depth + 1);
  }
}

/** Firestore stores timestamps to the microsecond, rounding any finer precision down; so does this server, in place. */
export function roundTimestampsToMicros(fields: Fields): void {
  const round = (v: Value): void => {
    if ("timestampValue" in v) v.timestampValue = { ...v.timestampValue, nanos: (v.timestampValue.nanos ?? 0) - ((v.timestampValue.nanos ?? 0) % 1000) };
    else if ("mapValue" in v) Object.values(v.mapValue.fields).forEach(round);
    else if ("arrayValue" in v) v.arrayValue.values.forEach(round);
  };
  Object.values(fields).forEach(round);
}

function validateStorableValue(v: Value, depth: number): void {
  checkKind(v);
  if ("mapValue" in v) validateStorableFields(v.mapValue.fields, depth);
  else if ("arrayValue" in v) {
    if (depth > MAX_DEPTH) throw invalidArgument(`Maps and arrays nest deeper than Firestore's limit of ${MAX_DEPTH} levels.`);
    for (const item of v.arrayValue.values) {
      if ("arrayValue" in item) throw invalidArgument("An array cannot directly contain another array.");
      validateStorableValue(item, depth + 1);
    }
  }
}

function sign(n: number | bigint): number {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

/** Compares an int64 with a double exactly (no rounding of large integers); NaN sorts first. */
function compareIntDouble(i: bigint, d: number): number {
  if (Number.isNaN(d)) return 1;
  if (d === Infinity) return -1;
  if (d === -Infinity) return 1;
  const whole = Math.trunc(d);
  const c = sign(i - BigInt(whole));
  if (c !== 0) return c;
  return -sign(d - whole);
}

export function compareNumbers(a: Value, b: Value): number {
  if ("integerValue" in a && "integerValue" in b) return sign(BigInt(a.integerValue) - BigInt(b.integerValue));
  if ("integerValue" in a && "doubleValue" in b) return compareIntDouble(BigInt(a.integerValue), b.doubleValue);
  if ("doubleValue" in a && "integerValue" in b) return -compareIntDouble(BigInt(b.integerValue), a.doubleValue);
  if ("doubleValue" in a && "doubleValue" in b) {
    const x = a.doubleValue;
    const y = b.doubleValue;
    if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : -1;
    if (Number.isNaN(y)) return 1;
    return sign(x - y) || 0;
  }
  throw new Error("compareNumbers called with non-numbers");
}

function compareTimestamps(a: Timestamp, b: Timestamp): number {
  return sign(BigInt(a.seconds ?? "0") - BigInt(b.seconds ?? "0")) || sign((a.nanos ?? 0) - (b.nanos ?? 0));
}

function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "base64"), Buffer.from(b, "base64"));
}

function compareReferences(a: string, b: string): number {
  return comparePaths(a.split("/"), b.split("/"));
}

function compareArrays(a: readonly Value[], b: readonly Value[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareValues(a[i] as Value, b[i] as Value);
    if (c !== 0) return c;
  }
  return sign(a.length - b.length);
}

function compareMaps(a: Fields, b: Fields): number {
  const ka = Object.keys(a).sort(compareUtf8);
  const kb = Object.keys(b).sort(compareUtf8);
  const n = Math.min(ka.length, kb.length);
  for (let i = 0; i < n; i++) {
    const x = ka[i] as string;
    const y = kb[i] as string;
    const c = compareUtf8(x, y) || compareValues(a[x] as Value, b[y] as Value);
    if (c !== 0) return c;
  }
  return sign(ka.length - kb.length);
}

function vectorElements(v: MapValue): Value[] {
  const value = v.fields.value;
  return value && "arrayValue" in value ? value.arrayValue.values : [];
}

/** Total order over values, as Firestore sorts them in indexes. */
export function compareValues(a: Value, b: Value): number {
  const ta = typeOrder(a);
  const tb = typeOrder(b);
  if (ta !== tb) return sign(ta - tb);
  if ("booleanValue" in a && "booleanValue" in b) return Number(a.booleanValue) - Number(b.booleanValue);
  if (ta === TypeOrder.Number) return compareNumbers(a, b);
  if ("timestampValue" in a && "timestampValue" in b) return compareTimestamps(a.timestampValue, b.timestampValue);
  if ("stringValue" in a && "stringValue" in b) return sign(compareUtf8(a.stringValue, b.stringValue));
  if ("bytesValue" in a && "bytesValue" in b) return sign(compareBytes(a.bytesValue, b.bytesValue));
  if ("referenceValue" in a && "referenceValue" in b) return sign(compareReferences(a.referenceValue, b.referenceValue));
  if ("geoPointValue" in a && "geoPointValue" in b) {
    return sign((a.geoPointValue.latitude ?? 0) - (b.geoPointValue.latitude ?? 0)) || sign((a.geoPointValue.longitude ?? 0) - (b.geoPointValue.longitude ?? 0));
  }
  if ("arrayValue" in a && "arrayValue" in b) return compareArrays(a.arrayValue.values, b.arrayValue.values);
  if ("mapValue" in a && "mapValue" in b) {
    if (ta === TypeOrder.Vector) {
      const x = vectorElements(a.mapValue);
      const y = vectorElements(b.mapValue);
      return sign(x.length - y.length) || compareArrays(x, y);
    }
    return compareMaps(a.mapValue.fields, b.mapValue.fields);
  }
  return 0;
}

/** Equality as queries use it: numbers compare by value across int/double, NaN equals NaN. */
export function valuesEqual(a: Value, b: Value): boolean {
  return compareValues(a, b) === 0;
}

export function isNaNValue(v: Value | undefined): boolean {
  return v !== undefined && "doubleValue" in v && Number.isNaN(v.doubleValue);
}

export function isNullValue(v: Value | undefined): boolean {
  return v !== undefined && "nullValue" in v;
}

export function getField(fields: Fields, path: FieldPath): Value | undefined {
  let current: Fields = fields;
  for (let i = 0; i < path.length - 1; i++) {
    const next = current[path[i] as string];
    if (!next || !("mapValue" in next)) return undefined;
    current = next.mapValue.fields;
  }
  return current[path[path.length - 1] as string];
}

/** Sets a (possibly nested) field, creating or replacing intermediate maps. Mutates `fields`. */
export function setField(fields: Fields, path: FieldPath, value: Value): void {
  let current = fields;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i] as string;
    let next = current[key];
    if (!next || !("mapValue" in next)) {
      next = { mapValue: { fields: {} } };
      current[key] = next;
    }
    current = next.mapValue.fields;
  }
  current[path[path.length - 1] as string] = value;
}

/** Removes a (possibly nested) field if present. Mutates `fields`. */
export function deleteField(fields: Fields, path: FieldPath): void {
  let current = fields;
  for (let i = 0; i < path.length - 1; i++) {
    const next = current[path[i] as string];
    if (!next || !("mapValue" in next)) return;
    current = next.mapValue.fields;
  }
  delete current[path[path.length - 1] as string];
}

/** Deep copy; stored documents are never shared with requests or responses that might mutate them. */
export function cloneFields(fields: Fields): Fields {
  return structuredClone(fields);
}
