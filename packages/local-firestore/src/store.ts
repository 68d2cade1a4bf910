import { documentName, isPrefix, type ResourcePath } from "./paths.js";
import type { Micros } from "./time.js";
import type { Fields } from "./types.js";

/** One version of an existing document. */
export interface DocumentState {
  fields: Fields;
  createTime: Micros;
  updateTime: Micros;
}

/** A document as a read sees it. */
export interface StoredDocument extends DocumentState {
  name: string;
  path: ResourcePath;
}

/** A committed change to one document; `after` null means deleted. */
export interface DocumentChange {
  name: string;
  path: ResourcePath;
  after: DocumentState | null;
}

interface Version {
  time: Micros;
  /** Carries name and path so reads hand out versions without copying them. */
  state: StoredDocument | null;
}

interface DocumentRecord {
  name: string;
  path: ResourcePath;
  /** Oldest first. Older versions serve snapshot reads (read-only transactions, readTime). */
  versions: Version[];
}

/** Which documents a query or listing covers. */
export interface Scope {
  parent: ResourcePath;
  /** Undefined for kindless queries, which cover every collection. */
  collectionId: string | undefined;
  allDescendants: boolean;
}

/** Whether documents of `collection` (a collection path) fall in `scope`. */
export function scopeCovers(scope: Scope, collection: ResourcePath): boolean {
  const depth = collection.length - scope.parent.length;
  if (depth < 1 || !isPrefix(scope.parent, collection)) return false;
  if (!scope.allDescendants) return depth === 1 && collection[collection.length - 1] === scope.collectionId;
  return scope.collectionId === undefined || collection[collection.length - 1] === scope.collectionId;
}

type CommitListener = (changes: readonly DocumentChange[], commitTime: Micros) => void;

/** One commit's changes as `apply` receives them; `after` null means deleted. */
export interface Change {
  path: ResourcePath;
  after: DocumentState | null;
}

/**
 * Makes one commit durable (persistence). Called before the commit becomes visible; if it throws,
 * the commit does not happen.
 */
export type CommitSink = (database: string, changes: readonly Change[], commitTime: Micros) => void;

function stateAt(record: DocumentRecord, at: Micros): StoredDocument | null {
  for (let i = record.versions.length - 1; i >= 0; i--) {
    const version = record.versions[i] as Version;
    if (version.time <= at) return version.state;
  }
  return null;
}

/** The documents of one database (`projects/P/databases/D`), with their recent history. */
export class Database {
  private readonly records = new Map<string, DocumentRecord>();
  /** Records by collection path, so a query only scans the collections it covers. */
  private readonly collections = new Map<string, Map<string, DocumentRecord>>();
  private readonly listeners = new Set<CommitListener>();

  constructor(
    readonly name: string,
    private readonly store: Store,
  ) {}

  get(path: ResourcePath, at: Micros): StoredDocument | null {
    const record = this.records.get(path.join("/"));
    return record ? stateAt(record, at) : null;
  }

  /** Documents in scope as of `at`, in no particular order. */
  *scan(scope: Scope, at: Micros): Generator<StoredDocument> {
    for (const [collectionPath, records] of this.collections) {
      if (!scopeCovers(scope, collectionPath.split("/"))) continue;
      for (const record of records.values()) {
        const state = stateAt(record, at);
        if (state) yield state;
      }
    }
  }

  /** Ids of collections directly under `parent` that hold a document at any depth. */
  collectionIds(parent: ResourcePath, at: Micros): string[] {
    const ids = new Set<string>();
    for (const collectionPath of this.liveCollections(at)) {
      const collection = collectionPath.split("/");
      if (collection.length > parent.length && isPrefix(parent, collection)) ids.add(collection[parent.length] as string);
    }
    return [...ids];
  }

  /** Ids of documents directly in `collection` that do not exist but have descendants ("missing" documents). */
  missingDocumentIds(collection: ResourcePath, at: Micros): string[] {
    const ids = new Set<string>();
    for (const collectionPath of this.liveCollections(at)) {
      const path = collectionPath.split("/");
      if (path.length > collection.length + 1 && isPrefix(collection, path)) {
        const id = path[collection.length] as string;
        if (!this.get([...collection, id], at)) ids.add(id);
      }
    }
    return [...ids];
  }

  private *liveCollections(at: Micros): Generator<string> {
    for (const [collectionPath, records] of this.collections) {
      for (const record of records.values()) {
        if (stateAt(record, at)) {
          yield collectionPath;
          break;
        }
      }
    }
  }

  /**
   * Applies one commit's changes atomically and tells listeners. With persistence, the commit is on
   * disk before anything changes in memory, so whatever a client is told was committed survives a crash.
   */
  apply(changes: readonly Change[], commitTime: Micros): void {
    if (changes.length === 0) return;
    this.store.sink?.(this.name, changes, commitTime);
    const applied: DocumentChange[] = [];
    for (const { path, after } of changes) {
      const record = this.recordFor(path);
      applied.push({ name: record.name, path, after });
      record.versions.push({ time: commitTime, state: after && { ...after, name: record.name, path } });
    }
    for (const listener of this.listeners) listener(applied, commitTime);
  }

  private recordFor(path: ResourcePath): DocumentRecord {
    const key = path.join("/");
    let record = this.records.get(key);
    if (!record) {
      record = { name: documentName(this.name, path), path, versions: [] };
      this.records.set(key, record);
      const collectionKey = path.slice(0, -1).join("/");
      let collection = this.collections.get(collectionKey);
      if (!collection) {
        collection = new Map();
        this.collections.set(collectionKey, collection);
      }
      collection.set(key, record);
    }
    return record;
  }

  /** Drops history no read at or after `horizon` can see, and records deleted before it. */
  prune(horizon: Micros): void {
    for (const [key, record] of this.records) {
      let keepFrom = 0;
      while (keepFrom < record.versions.length - 1 && (record.versions[keepFrom + 1] as Version).time <= horizon) keepFrom++;
      if (keepFrom > 0) record.versions.splice(0, keepFrom);
      const only = record.versions[0];
      if (record.versions.length === 1 && only && only.state === null && only.time <= horizon) this.forget(key, record);
    }
  }

  private forget(key: string, record: DocumentRecord): void {
    this.records.delete(key);
    const collectionKey = record.path.slice(0, -1).join("/");
    const collection = this.collections.get(collectionKey);
    collection?.delete(key);
    if (collection?.size === 0) this.collections.delete(collectionKey);
  }

  /** Removes every document, as the emulator's reset endpoint does. */
  clear(commitTime: Micros): void {
    const changes = [...this.records.values()].filter((record) => stateAt(record, commitTime) !== null).map((record) => ({ path: record.path, after: null }));
    this.apply(changes, commitTime);
  }

  /** Loads a saved document as its only version. */
  restore(path: ResourcePath, state: DocumentState): void {
    const record = this.recordFor(path);
    record.versions = [{ time: state.updateTime, state: { ...state, name: record.name, path } }];
  }

  onCommit(listener: CommitListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** All databases of the server, isolated by project and database id. */
export class Store {
  private readonly databases = new Map<string, Database>();
  /** Where commits are made durable; undefined keeps data in memory only. */
  sink: CommitSink | undefined;

  database(name: string): Database {
    let database = this.databases.get(name);
    if (!database) {
      database = new Database(name, this);
      this.databases.set(name, database);
    }
    return database;
  }

  all(): IterableIterator<Database> {
    return this.databases.values();
  }
}
