import type { ServerDuplexStream } from "@grpc/grpc-js";
import { aggregateAll } from "./aggregation.js";
import { commitWrites } from "./commit.js";
import { toDocument } from "./documents.js";
import { invalidArgument, notFound, RpcError, unimplemented } from "./errors.js";
import { ListenSession } from "./listen.js";
import { comparePaths, documentName, type FieldPath, parseDatabaseName, parseDocumentName, parseFieldPath, parseParentName } from "./paths.js";
import { type CompiledQuery, compileQuery, type QueryResult, runQuery } from "./query.js";
import { type Database, Store } from "./store.js";
import { Clock, fromTimestamp, type Micros, toIso, toTimestamp } from "./time.js";
import { type Transaction, Transactions } from "./transactions.js";
import type {
  BatchGetDocumentsRequest,
  BatchWriteRequest,
  BeginTransactionRequest,
  CommitRequest,
  Document,
  DocumentMask,
  GetDocumentRequest,
  ListCollectionIdsRequest,
  ListDocumentsRequest,
  ListenRequest,
  ListenResponse,
  PartitionQueryRequest,
  ReadConsistency,
  RollbackRequest,
  RunAggregationQueryRequest,
  RunQueryRequest,
  Status,
  Timestamp,
  TransactionOptions,
  WriteResult,
} from "./types.js";
import { compareUtf8 } from "./utf8.js";

/** How one read RPC sees the data: a transaction (maybe just begun) or a point in time. */
interface ReadSession {
  database: Database;
  txn: Transaction | undefined;
  /** Set when this read began the transaction; the first response must carry its id. */
  begun: string | undefined;
  explicitReadTime: Micros | undefined;
}

function maskPaths(mask: DocumentMask | undefined): FieldPath[] | undefined {
  return mask?.fieldPaths.map(parseFieldPath);
}

function fingerprint(result: QueryResult): string {
  return result.documents.map((d) => `${d.name}@${d.updateTime}`).join("\n");
}

/** Firestore serves reads at any time in the last hour. */
const HISTORY_MICROS = 3_600_000_000n;

/** The Firestore RPCs, over an in-memory multi-database store. */
export class FirestoreService {
  readonly store = new Store();
  readonly clock = new Clock();
  readonly transactions = new Transactions();
  private readonly listens = new Set<ListenSession>();
  /** Snapshot reads are exact from here on: server start, or the oldest history kept (one hour, as Firestore). */
  private historyStart = this.clock.readTime();

  private database(name: string): Database {
    return this.store.database(parseDatabaseName(name));
  }

  /** Refuses read times this server cannot answer exactly instead of answering from partial history. */
  private readTimeOf(timestamp: Timestamp): Micros {
    const at = fromTimestamp(timestamp);
    if (at > this.clock.readTime()) throw invalidArgument(`Read time ${toIso(at)} is in the future.`);
    if (at < this.historyStart) {
      throw invalidArgument(`Read time ${toIso(at)} is older than the history the local server keeps (since ${toIso(this.historyStart)}).`);
    }
    return at;
  }

  private begin(database: Database, options: TransactionOptions | undefined): Transaction {
    const readTime = options?.readOnly?.readTime;
    return this.transactions.begin(database, options, readTime ? this.readTimeOf(readTime) : this.clock.readTime());
  }

  private openRead(database: Database, request: ReadConsistency): ReadSession {
    if (request.transaction) {
      return { database, txn: this.transactions.get(database, request.transaction), begun: undefined, explicitReadTime: undefined };
    }
    if (request.newTransaction) {
      const txn = this.begin(database, request.newTransaction);
      return { database, txn, begun: txn.id, explicitReadTime: undefined };
    }
    const explicitReadTime = request.readTime ? this.readTimeOf(request.readTime) : undefined;
    return { database, txn: undefined, begun: undefined, explicitReadTime };
  }

  private readTime(session: ReadSession): Micros {
    return session.txn?.readOnlyAt ?? session.explicitReadTime ?? this.clock.readTime();
  }

  private writableTxn(session: ReadSession): Transaction | undefined {
    return session.txn && !session.txn.readOnly ? session.txn : undefined;
  }

  /** Runs a read; a transaction this read began is dropped again if the read fails. */
  private async withRead<T>(session: ReadSession, read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (error) {
      if (session.begun && session.txn) this.transactions.end(session.txn);
      throw error;
    }
  }

  async batchGetDocuments(request: BatchGetDocumentsRequest, send: (response: object) => void): Promise<void> {
    const database = this.database(request.database);
    const session = this.openRead(database, request);
    const keys = request.documents.map((name) => {
      const key = parseDocumentName(name);
      if (key.database !== database.name) throw invalidArgument(`Document ${name} is not in database ${database.name}.`);
      return { name, path: key.path };
    });
    const mask = maskPaths(request.mask);
    await this.withRead(session, async () => {
      const txn = this.writableTxn(session);
      if (txn) await this.transactions.lock(txn, request.documents);
      const at = this.readTime(session);
      keys.forEach(({ name, path }, i) => {
        const state = database.get(path, at);
        if (txn) this.transactions.recordDocument(txn, name, path, state);
        const result = state ? { found: toDocument(state, mask) } : { missing: name };
        send({ ...result, readTime: toTimestamp(at), transaction: i === 0 ? session.begun : undefined });
      });
    });
  }

  private compile(parent: string, database: Database, query: RunQueryRequest["structuredQuery"]): CompiledQuery {
    const compiled = compileQuery(parent, query);
    if (compiled.database !== database.name) throw invalidArgument(`Parent ${parent} is not in the requested database.`);
    return compiled;
  }

  /** Runs a query for a read RPC; inside a read-write transaction the result is re-checked at commit. */
  private query(session: ReadSession, query: CompiledQuery): { result: QueryResult; at: Micros } {
    const at = this.readTime(session);
    const result = runQuery(session.database, query, at);
    const txn = this.writableTxn(session);
    if (txn) {
      const seen = fingerprint(result);
      this.transactions.recordQuery(txn, (now) => fingerprint(runQuery(session.database, query, now)) === seen);
    }
    return { result, at };
  }

  async runQuery(request: RunQueryRequest, send: (response: object) => void): Promise<void> {
    if (request.explainOptions) throw unimplemented("Query explain");
    const database = this.database(parentDatabase(request.parent));
    const compiled = this.compile(request.parent, database, request.structuredQuery);
    const session = this.openRead(database, request);
    await this.withRead(session, async () => {
      const { result, at } = this.query(session, compiled);
      const first = { transaction: session.begun, skippedResults: result.skipped || undefined };
      if (result.documents.length === 0) send({ ...first, readTime: toTimestamp(at) });
      result.documents.forEach((doc, i) => {
        send({ ...(i === 0 ? first : {}), document: toDocument(doc, compiled.projection), readTime: toTimestamp(at) });
      });
    });
  }

  async runAggregationQuery(request: RunAggregationQueryRequest, send: (response: object) => void): Promise<void> {
    if (request.explainOptions) throw unimplemented("Query explain");
    const aggregationQuery = request.structuredAggregationQuery;
    if (!aggregationQuery) throw invalidArgument("A structured aggregation query is required.");
    const database = this.database(parentDatabase(request.parent));
    const compiled = this.compile(request.parent, database, aggregationQuery.structuredQuery);
    const session = this.openRead(database, request);
    await this.withRead(session, async () => {
      const { result, at } = this.query(session, compiled);
      const aggregateFields = aggregateAll(aggregationQuery.aggregations, result.documents);
      send({ result: { aggregateFields }, readTime: toTimestamp(at), transaction: session.begun });
    });
  }

  async getDocument(request: GetDocumentRequest): Promise<Document> {
    const { database: databaseName, path } = parseDocumentName(request.name);
    const database = this.database(databaseName);
    const session = this.openRead(database, request);
    const txn = this.writableTxn(session);
    if (txn) await this.transactions.lock(txn, [request.name]);
    const state = database.get(path, this.readTime(session));
    if (txn) this.transactions.recordDocument(txn, request.name, path, state);
    if (!state) throw notFound(`Document not found: ${request.name}`);
    return toDocument(state, maskPaths(request.mask));
  }

  listDocuments(request: ListDocumentsRequest): { documents: Document[]; nextPageToken: string } {
    const parent = parseParentName(request.parent);
    const database = this.database(parent.database);
    if (!request.collectionId) throw invalidArgument("ListDocuments requires a collection id.");
    if (request.orderBy && request.orderBy.trim() !== "__name__") throw unimplemented(`ListDocuments order "${request.orderBy}"`);
    const at = request.readTime ? this.readTimeOf(request.readTime) : this.clock.readTime();
    const collection = [...parent.path, request.collectionId];
    const mask = maskPaths(request.mask);
    const documents: { path: readonly string[]; document: Document }[] = [];
    for (const doc of database.scan({ parent: parent.path, collectionId: request.collectionId, allDescendants: false }, at)) {
      documents.push({ path: doc.path, document: toDocument(doc, mask) });
    }
    if (request.showMissing) {
      for (const id of database.missingDocumentIds(collection, at)) {
        const path = [...collection, id];
        documents.push({ path, document: { name: documentName(database.name, path), fields: {} } });
      }
    }
    documents.sort((a, b) => comparePaths(a.path, b.path));
    const after = request.pageToken ? parseDocumentName(request.pageToken).path : undefined;
    const page = after ? documents.filter((d) => comparePaths(d.path, after) > 0) : documents;
    const size = request.pageSize || page.length;
    const last = page[size - 1];
    return {
      documents: page.slice(0, size).map((d) => d.document),
      nextPageToken: page.length > size && last ? last.document.name : "",
    };
  }

  listCollectionIds(request: ListCollectionIdsRequest): { collectionIds: string[]; nextPageToken: string } {
    const parent = parseParentName(request.parent);
    const database = this.database(parent.database);
    const at = request.readTime ? this.readTimeOf(request.readTime) : this.clock.readTime();
    const ids = database
      .collectionIds(parent.path, at)
      .sort(compareUtf8)
      .filter((id) => !request.pageToken || compareUtf8(id, request.pageToken) > 0);
    const size = request.pageSize || ids.length;
    return { collectionIds: ids.slice(0, size), nextPageToken: ids.length > size ? (ids[size - 1] ?? "") : "" };
  }

  /**
   * Splitting a query into partitions is an optimisation; answering with no split points is valid
   * (the client then reads everything as one partition) and stays correct at local data sizes.
   */
  partitionQuery(request: PartitionQueryRequest): { partitions: never[]; nextPageToken: string } {
    const database = this.database(parentDatabase(request.parent));
    this.compile(request.parent, database, request.structuredQuery);
    return { partitions: [], nextPageToken: "" };
  }

  beginTransaction(request: BeginTransactionRequest): { transaction: string } {
    return { transaction: this.begin(this.database(request.database), request.options).id };
  }

  commit(request: CommitRequest): { writeResults: WriteResult[]; commitTime: Timestamp } {
    const database = this.database(request.database);
    const txn = request.transaction ? this.transactions.get(database, request.transaction) : undefined;
    try {
      if (txn?.readOnly && request.writes.length > 0) throw invalidArgument("Cannot modify entities in a read-only transaction.");
      const commitTime = this.clock.commitTime();
      if (txn) this.transactions.validate(txn, commitTime);
      const writeResults = commitWrites(database, request.writes, commitTime);
      return { writeResults, commitTime: toTimestamp(commitTime) };
    } finally {
      if (txn) this.transactions.end(txn);
    }
  }

  rollback(request: RollbackRequest): object {
    const database = this.database(request.database);
    if (!request.transaction) throw invalidArgument("Rollback requires a transaction.");
    try {
      this.transactions.end(this.transactions.get(database, request.transaction));
    } catch (error) {
      // Rolling back what already ended (expired, aborted, committed) leaves nothing to undo.
      if (!(error instanceof RpcError)) throw error;
    }
    return {};
  }

  /** Non-atomic: each write commits or fails on its own, as BulkWriter expects. */
  batchWrite(request: BatchWriteRequest): { writeResults: WriteResult[]; status: Status[] } {
    const database = this.database(request.database);
    const names = request.writes.map((w) => w.update?.name ?? w.delete ?? w.transform?.document);
    if (new Set(names).size !== names.length) throw invalidArgument("A BatchWrite request cannot write the same document twice.");
    const writeResults: WriteResult[] = [];
    const status: Status[] = [];
    for (const write of request.writes) {
      try {
        const [result] = commitWrites(database, [write], this.clock.commitTime());
        writeResults.push(result ?? { transformResults: [] });
        status.push({ code: 0 });
      } catch (error) {
        if (!(error instanceof RpcError)) throw error;
        writeResults.push({ transformResults: [] });
        status.push({ code: error.code, message: error.message });
      }
    }
    return { writeResults, status };
  }

  listen(call: ServerDuplexStream<ListenRequest, ListenResponse>): void {
    const session = new ListenSession(call, this.store, this.clock);
    this.listens.add(session);
    const close = () => {
      session.close();
      this.listens.delete(session);
    };
    call.on("data", (request: ListenRequest) => session.handle(request));
    call.on("end", () => {
      close();
      call.end();
    });
    call.on("cancelled", close);
    call.on("error", close);
  }

  /** Resets a database to empty, as the emulator's REST endpoint does. */
  clearDatabase(name: string): void {
    this.database(name).clear(this.clock.commitTime());
  }

  /** Periodic housekeeping: expire transactions, drop history older than any allowed read time. */
  maintain(): void {
    this.transactions.expire(Date.now());
    const horizon = this.clock.readTime() - HISTORY_MICROS;
    if (horizon > this.historyStart) this.historyStart = horizon;
    for (const database of this.store.all()) database.prune(horizon);
  }

  shutdown(): void {
    this.transactions.endAll();
    for (const session of this.listens) session.close();
    this.listens.clear();
  }
}

/** `projects/p/databases/d` of a parent name. */
function parentDatabase(parent: string): string {
  return parseParentName(parent).database;
}
