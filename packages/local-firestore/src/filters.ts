import { invalidArgument } from "./errors.js";
import { type FieldPath, isNameField, parseFieldPath } from "./paths.js";
import type { Fields, Filter, FieldFilterOp, UnaryFilterOp, Value } from "./types.js";
import { compareValues, getField, isNaNValue, isNullValue, typeOrder, validateValueKinds, valuesEqual } from "./values.js";

/** What a filter looks at: a document's fields and its full name (for `__name__`). */
export interface Candidate {
  name: string;
  fields: Fields;
}

export type Predicate = (doc: Candidate) => boolean;

/** Reads a field, treating `__name__` as the document's reference. */
export function fieldValue(doc: Candidate, path: FieldPath): Value | undefined {
  return isNameField(path) ? { referenceValue: doc.name } : getField(doc.fields, path);
}

const MAX_DISJUNCTIONS = 30;
const INEQUALITY_OPS = new Set<FieldFilterOp | UnaryFilterOp>([
  "LESS_THAN",
  "LESS_THAN_OR_EQUAL",
  "GREATER_THAN",
  "GREATER_THAN_OR_EQUAL",
  "NOT_EQUAL",
  "NOT_IN",
  "IS_NOT_NAN",
  "IS_NOT_NULL",
]);

function listOperand(value: Value | undefined, op: FieldFilterOp): Value[] {
  if (!value || !("arrayValue" in value)) throw invalidArgument(`A ${op} filter requires an array value.`);
  const values = value.arrayValue.values;
  if (values.length === 0) throw invalidArgument(`A ${op} filter requires a non-empty array.`);
  const max = op === "NOT_IN" ? 10 : MAX_DISJUNCTIONS;
  if (values.length > max) throw invalidArgument(`A ${op} filter supports at most ${max} elements.`);
  return values;
}

function comparison(op: FieldFilterOp, operand: Value): (v: Value) => boolean {
  const compare = (v: Value) => compareValues(v, operand);
  switch (op) {
    case "LESS_THAN":
      return (v) => compare(v) < 0;
    case "LESS_THAN_OR_EQUAL":
      return (v) => compare(v) <= 0;
    case "GREATER_THAN":
      return (v) => compare(v) > 0;
    case "GREATER_THAN_OR_EQUAL":
      return (v) => compare(v) >= 0;
    default:
      return (v) => compare(v) === 0;
  }
}

function fieldFilter(path: FieldPath, op: FieldFilterOp, operand: Value | undefined): Predicate {
  if (operand) validateValueKinds(operand);
  const read = (doc: Candidate) => fieldValue(doc, path);
  switch (op) {
    case "EQUAL":
    case "LESS_THAN":
    case "LESS_THAN_OR_EQUAL":
    case "GREATER_THAN":
    case "GREATER_THAN_OR_EQUAL": {
      if (!operand) throw invalidArgument(`A ${op} filter requires a value.`);
      // Range and equality filters only match values of the operand's type (ints and doubles are one type).
      const type = typeOrder(operand);
      const test = comparison(op, operand);
      return (doc) => {
        const v = read(doc);
        return v !== undefined && typeOrder(v) === type && test(v);
      };
    }
    case "NOT_EQUAL": {
      if (!operand) throw invalidArgument("A NOT_EQUAL filter requires a value.");
      return (doc) => {
        const v = read(doc);
        return v !== undefined && !isNullValue(v) && !valuesEqual(v, operand);
      };
    }
    case "ARRAY_CONTAINS": {
      if (!operand) throw invalidArgument("An ARRAY_CONTAINS filter requires a value.");
      return (doc) => {
        const v = read(doc);
        return v !== undefined && "arrayValue" in v && v.arrayValue.values.some((e) => valuesEqual(e, operand));
      };
    }
    case "IN": {
      const values = listOperand(operand, op);
      return (doc) => {
        const v = read(doc);
        return v !== undefined && values.some((e) => valuesEqual(v, e));
      };
    }
    case "ARRAY_CONTAINS_ANY": {
      const values = listOperand(operand, op);
      return (doc) => {
        const v = read(doc);
        return v !== undefined && "arrayValue" in v && v.arrayValue.values.some((e) => values.some((x) => valuesEqual(e, x)));
      };
    }
    case "NOT_IN": {
      const values = listOperand(operand, op);
      // A null in the list excludes everything; null and missing fields never match.
      if (values.some(isNullValue)) return () => false;
      return (doc) => {
        const v = read(doc);
        return v !== undefined && !isNullValue(v) && !values.some((e) => valuesEqual(v, e));
      };
    }
    default:
      throw invalidArgument(`Unsupported field filter operator: ${op}`);
  }
}

function unaryFilter(path: FieldPath, op: UnaryFilterOp): Predicate {
  const read = (doc: Candidate) => fieldValue(doc, path);
  switch (op) {
    case "IS_NULL":
      return (doc) => isNullValue(read(doc));
    case "IS_NAN":
      return (doc) => isNaNValue(read(doc));
    case "IS_NOT_NULL":
      return (doc) => {
        const v = read(doc);
        return v !== undefined && !isNullValue(v);
      };
    case "IS_NOT_NAN":
      return (doc) => {
        const v = read(doc);
        return v !== undefined && !isNaNValue(v) && !isNullValue(v);
      };
    default:
      throw invalidArgument(`Unsupported unary filter operator: ${op}`);
  }
}

function fieldPathOf(ref: { fieldPath: string } | undefined): FieldPath {
  if (!ref) throw invalidArgument("A filter requires a field.");
  return parseFieldPath(ref.fieldPath);
}

/** Number of disjunctions in the filter's disjunctive normal form; Firestore caps it at 30. */
function disjunctions(filter: Filter): number {
  if (filter.compositeFilter) {
    const counts = filter.compositeFilter.filters.map(disjunctions);
    return filter.compositeFilter.op === "OR" ? counts.reduce((a, b) => a + b, 0) : counts.reduce((a, b) => a * b, 1);
  }
  const op = filter.fieldFilter?.op;
  if (op === "IN" || op === "ARRAY_CONTAINS_ANY") {
    const value = filter.fieldFilter?.value;
    return value && "arrayValue" in value ? Math.max(1, value.arrayValue.values.length) : 1;
  }
  return 1;
}

function compile(filter: Filter): Predicate {
  if (filter.compositeFilter) {
    const { op, filters } = filter.compositeFilter;
    const parts = filters.map(compile);
    if (op === "AND") return (doc) => parts.every((p) => p(doc));
    if (op === "OR") return (doc) => parts.some((p) => p(doc));
    throw invalidArgument("A composite filter requires AND or OR.");
  }
  if (filter.fieldFilter) {
    return fieldFilter(fieldPathOf(filter.fieldFilter.field), filter.fieldFilter.op, filter.fieldFilter.value);
  }
  if (filter.unaryFilter) return unaryFilter(fieldPathOf(filter.unaryFilter.field), filter.unaryFilter.op);
  throw invalidArgument("A filter must set a composite, field or unary filter.");
}

export function compileFilter(filter: Filter | undefined): Predicate {
  if (!filter) return () => true;
  if (disjunctions(filter) > MAX_DISJUNCTIONS) {
    throw invalidArgument(`The query contains more than ${MAX_DISJUNCTIONS} disjunctions after expansion to disjunctive normal form.`);
  }
  return compile(filter);
}

/** Fields under inequality filters; Firestore orders results by them implicitly. */
export function inequalityFields(filter: Filter | undefined): FieldPath[] {
  if (!filter) return [];
  if (filter.compositeFilter) return filter.compositeFilter.filters.flatMap(inequalityFields);
  const leaf = filter.fieldFilter ?? filter.unaryFilter;
  return leaf && INEQUALITY_OPS.has(leaf.op) ? [fieldPathOf(leaf.field)] : [];
}
