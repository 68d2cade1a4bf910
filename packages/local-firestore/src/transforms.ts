import { invalidArgument } from "./errors.js";
import { parseFieldPath } from "./paths.js";
import { type Micros, toTimestamp } from "./time.js";
import type { FieldTransform, Fields, Value } from "./types.js";
import { compareNumbers, getField, NULL, setField, TypeOrder, typeOrder, validateValueKinds, valuesEqual } from "./values.js";

const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

function isNumber(v: Value | undefined): v is { integerValue: string } | { doubleValue: number } {
  return v !== undefined && typeOrder(v) === TypeOrder.Number;
}

function asDouble(v: { integerValue: string } | { doubleValue: number }): number {
  return "integerValue" in v ? Number(v.integerValue) : v.doubleValue;
}

function requireNumber(operand: Value | undefined, kind: string): { integerValue: string } | { doubleValue: number } {
  if (!isNumber(operand)) throw invalidArgument(`The ${kind} transform requires a numeric operand.`);
  return operand;
}

/** Integer overflow saturates at the int64 bounds, as Firestore documents for increment. */
function increment(current: Value | undefined, operand: { integerValue: string } | { doubleValue: number }): Value {
  if (!isNumber(current)) return operand;
  if ("integerValue" in current && "integerValue" in operand) {
    const sum = BigInt(current.integerValue) + BigInt(operand.integerValue);
    const clamped = sum > INT64_MAX ? INT64_MAX : sum < INT64_MIN ? INT64_MIN : sum;
    return { integerValue: clamped.toString() };
  }
  return { doubleValue: asDouble(current) + asDouble(operand) };
}

/** Keeps the stored value on ties (3 vs 3.0, 0 vs -0.0); NaN wins either way. */
function extremum(current: Value | undefined, operand: { integerValue: string } | { doubleValue: number }, wantLarger: boolean): Value {
  if (!isNumber(current)) return operand;
  if (Number.isNaN(asDouble(current)) || Number.isNaN(asDouble(operand))) return { doubleValue: NaN };
  const c = compareNumbers(operand, current);
  return (wantLarger ? c > 0 : c < 0) ? operand : current;
}

function arrayOf(current: Value | undefined): Value[] {
  return current && "arrayValue" in current ? [...current.arrayValue.values] : [];
}

/** Applies one field transform in place and returns its transform result. */
export function applyFieldTransform(fields: Fields, transform: FieldTransform, commitTime: Micros): Value {
  const path = parseFieldPath(transform.fieldPath);
  for (const operand of [transform.increment, transform.maximum, transform.minimum]) if (operand) validateValueKinds(operand);
  transform.appendMissingElements?.values.forEach(validateValueKinds);
  const current = getField(fields, path);
  let next: Value;
  let result: Value;
  if (transform.setToServerValue !== undefined) {
    if (transform.setToServerValue !== "REQUEST_TIME") throw invalidArgument("Unknown server value.");
    next = result = { timestampValue: toTimestamp(commitTime) };
  } else if (transform.increment !== undefined) {
    next = result = increment(current, requireNumber(transform.increment, "increment"));
  } else if (transform.maximum !== undefined) {
    next = result = extremum(current, requireNumber(transform.maximum, "maximum"), true);
  } else if (transform.minimum !== undefined) {
    next = result = extremum(current, requireNumber(transform.minimum, "minimum"), false);
  } else if (transform.appendMissingElements !== undefined) {
    const values = arrayOf(current);
    for (const element of transform.appendMissingElements.values) {
      if (!values.some((v) => valuesEqual(v, element))) values.push(element);
    }
    next = { arrayValue: { values } };
    result = NULL;
  } else if (transform.removeAllFromArray !== undefined) {
    const remove = transform.removeAllFromArray.values;
    remove.forEach(validateValueKinds);
    next = { arrayValue: { values: arrayOf(current).filter((v) => !remove.some((r) => valuesEqual(v, r))) } };
    result = NULL;
  } else {
    throw invalidArgument(`Field transform on ${transform.fieldPath} sets no transform.`);
  }
  setField(fields, path, next);
  return result;
}
