import { invalidArgument } from "./errors.js";
import { fieldValue } from "./filters.js";
import { parseFieldPath } from "./paths.js";
import type { StoredDocument } from "./store.js";
import type { Aggregation, Value } from "./types.js";
import { NULL } from "./values.js";

const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

/** Numeric values of a field across documents; other types are skipped, as Firestore does. */
function numbers(docs: readonly StoredDocument[], fieldPath: string | undefined): Value[] {
  if (fieldPath === undefined) throw invalidArgument("sum() and avg() require a field.");
  const path = parseFieldPath(fieldPath);
  return docs.map((doc) => fieldValue(doc, path)).filter((v): v is Value => v !== undefined && ("integerValue" in v || "doubleValue" in v));
}

/** Integer while every input is an integer and the sum fits in int64; otherwise a double. */
function sum(values: readonly Value[]): Value {
  let integers = 0n;
  let doubles = 0;
  let sawDouble = false;
  for (const v of values) {
    if ("integerValue" in v) integers += BigInt(v.integerValue);
    else if ("doubleValue" in v) {
      doubles += v.doubleValue;
      sawDouble = true;
    }
  }
  if (!sawDouble && integers >= INT64_MIN && integers <= INT64_MAX) return { integerValue: integers.toString() };
  return { doubleValue: Number(integers) + doubles };
}

function average(values: readonly Value[]): Value {
  if (values.length === 0) return NULL;
  const total = values.reduce((acc, v) => acc + ("integerValue" in v ? Number(v.integerValue) : "doubleValue" in v ? v.doubleValue : 0), 0);
  return { doubleValue: total / values.length };
}

function aggregate(aggregation: Aggregation, docs: readonly StoredDocument[]): Value {
  if (aggregation.count) {
    const upTo = aggregation.count.upTo?.value;
    const count = upTo === undefined ? docs.length : Math.min(docs.length, Number(upTo));
    return { integerValue: String(count) };
  }
  if (aggregation.sum) return sum(numbers(docs, aggregation.sum.field?.fieldPath));
  if (aggregation.avg) return average(numbers(docs, aggregation.avg.field?.fieldPath));
  throw invalidArgument("An aggregation must be count, sum or avg.");
}

export function aggregateAll(aggregations: readonly Aggregation[], docs: readonly StoredDocument[]): Record<string, Value> {
  if (aggregations.length === 0) throw invalidArgument("An aggregation query requires at least one aggregation.");
  const result: Record<string, Value> = {};
  aggregations.forEach((aggregation, i) => {
    const alias = aggregation.alias || `field_${i + 1}`;
    if (alias in result) throw invalidArgument(`Duplicate aggregation alias: ${alias}`);
    result[alias] = aggregate(aggregation, docs);
  });
  return result;
}
