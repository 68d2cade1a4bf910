/**
 * Wire shapes of the google.firestore.v1 messages this server reads and writes, as decoded by
 * proto-loader with the options in proto.ts: camelCase names, int64 as decimal strings, bytes as
 * base64 strings, enums as their names, absent scalars left undefined, repeated fields and maps
 * always present. Only the fields the server uses are listed.
 */

export interface Timestamp {
  seconds?: string;
  nanos?: number;
}

export interface LatLng {
  latitude?: number;
  longitude?: number;
}

export interface ArrayValue {
  values: Value[];
}

export interface MapValue {
  fields: Fields;
}

export type Value =
  | { nullValue: "NULL_VALUE" }
  | { booleanValue: boolean }
  | { integerValue: string }
  | { doubleValue: number }
  | { timestampValue: Timestamp }
  | { stringValue: string }
  | { bytesValue: string }
  | { referenceValue: string }
  | { geoPointValue: LatLng }
  | { arrayValue: ArrayValue }
  | { mapValue: MapValue };

export type Fields = Record<string, Value>;

export interface Document {
  name: string;
  fields: Fields;
  createTime?: Timestamp;
  updateTime?: Timestamp;
}

export interface DocumentMask {
  fieldPaths: string[];
}

export interface Precondition {
  exists?: boolean;
  updateTime?: Timestamp;
}

export interface FieldTransform {
  fieldPath: string;
  setToServerValue?: "SERVER_VALUE_UNSPECIFIED" | "REQUEST_TIME";
  increment?: Value;
  maximum?: Value;
  minimum?: Value;
  appendMissingElements?: ArrayValue;
  removeAllFromArray?: ArrayValue;
}

export interface Write {
  update?: Document;
  delete?: string;
  transform?: { document: string; fieldTransforms: FieldTransform[] };
  updateMask?: DocumentMask;
  updateTransforms: FieldTransform[];
  currentDocument?: Precondition;
}

export interface WriteResult {
  updateTime?: Timestamp;
  transformResults: Value[];
}

export interface FieldReference {
  fieldPath: string;
}

export type FieldFilterOp =
  | "OPERATOR_UNSPECIFIED"
  | "LESS_THAN"
  | "LESS_THAN_OR_EQUAL"
  | "GREATER_THAN"
  | "GREATER_THAN_OR_EQUAL"
  | "EQUAL"
  | "NOT_EQUAL"
  | "ARRAY_CONTAINS"
  | "IN"
  | "ARRAY_CONTAINS_ANY"
  | "NOT_IN";

export type UnaryFilterOp = "OPERATOR_UNSPECIFIED" | "IS_NAN" | "IS_NULL" | "IS_NOT_NAN" | "IS_NOT_NULL";

export interface Filter {
  compositeFilter?: { op: "OPERATOR_UNSPECIFIED" | "AND" | "OR"; filters: Filter[] };
  fieldFilter?: { field?: FieldReference; op: FieldFilterOp; value?: Value };
  unaryFilter?: { op: UnaryFilterOp; field?: FieldReference };
}

export type Direction = "DIRECTION_UNSPECIFIED" | "ASCENDING" | "DESCENDING";

export interface Order {
  field?: FieldReference;
  direction?: Direction;
}

export interface Cursor {
  values: Value[];
  before?: boolean;
}

export interface StructuredQuery {
  select?: { fields: FieldReference[] };
  from: { collectionId?: string; allDescendants?: boolean }[];
  where?: Filter;
  orderBy: Order[];
  startAt?: Cursor;
  endAt?: Cursor;
  offset?: number;
  limit?: { value?: number };
  findNearest?: object;
}

export interface Aggregation {
  count?: { upTo?: { value?: string } };
  sum?: { field?: FieldReference };
  avg?: { field?: FieldReference };
  alias?: string;
}

export interface TransactionOptions {
  readOnly?: { readTime?: Timestamp };
  readWrite?: { retryTransaction?: string };
}

/** The consistency selector shared by every read RPC. */
export interface ReadConsistency {
  transaction?: string;
  newTransaction?: TransactionOptions;
  readTime?: Timestamp;
}

export interface BatchGetDocumentsRequest extends ReadConsistency {
  database: string;
  documents: string[];
  mask?: DocumentMask;
}

export interface RunQueryRequest extends ReadConsistency {
  parent: string;
  structuredQuery?: StructuredQuery;
  explainOptions?: object;
}

export interface RunAggregationQueryRequest extends ReadConsistency {
  parent: string;
  structuredAggregationQuery?: { structuredQuery?: StructuredQuery; aggregations: Aggregation[] };
  explainOptions?: object;
}

export interface PartitionQueryRequest {
  parent: string;
  structuredQuery?: StructuredQuery;
}

export interface GetDocumentRequest {
  name: string;
  mask?: DocumentMask;
  transaction?: string;
  readTime?: Timestamp;
}

export interface ListDocumentsRequest {
  parent: string;
  collectionId?: string;
  pageSize?: number;
  pageToken?: string;
  orderBy?: string;
  mask?: DocumentMask;
  transaction?: string;
  readTime?: Timestamp;
  showMissing?: boolean;
}

export interface ListCollectionIdsRequest {
  parent: string;
  pageSize?: number;
  pageToken?: string;
  readTime?: Timestamp;
}

export interface BeginTransactionRequest {
  database: string;
  options?: TransactionOptions;
}

export interface CommitRequest {
  database: string;
  writes: Write[];
  transaction?: string;
}

export interface RollbackRequest {
  database: string;
  transaction?: string;
}

export interface BatchWriteRequest {
  database: string;
  writes: Write[];
}

export interface Status {
  code: number;
  message?: string;
}

export interface Target {
  query?: { parent: string; structuredQuery?: StructuredQuery };
  documents?: { documents: string[] };
  resumeToken?: string;
  readTime?: Timestamp;
  targetId?: number;
  once?: boolean;
}

export interface ListenRequest {
  database: string;
  addTarget?: Target;
  removeTarget?: number;
}

export type TargetChangeType = "NO_CHANGE" | "ADD" | "REMOVE" | "CURRENT" | "RESET";

export type ListenResponse =
  | {
      targetChange: {
        targetChangeType: TargetChangeType;
        targetIds: number[];
        cause?: Status;
        resumeToken?: string;
        readTime?: Timestamp;
      };
    }
  | { documentChange: { document: Document; targetIds: number[]; removedTargetIds: number[] } }
  | { documentDelete: { document: string; removedTargetIds: number[]; readTime: Timestamp } }
  | { documentRemove: { document: string; removedTargetIds: number[]; readTime: Timestamp } };
