import { type ServerDuplexStream, status } from "@grpc/grpc-js";
import { invalidArgument, RpcError } from "./errors.js";
import { parseDatabaseName, parseDocumentName } from "./paths.js";
import { compileQuery, type CompiledQuery, runQuery } from "./query.js";
import { type Database, type DocumentChange, scopeCovers, type StoredDocument, type Store } from "./store.js";
import { toDocument } from "./documents.js";
import { type Clock, type Micros, toTimestamp } from "./time.js";
import type { Document, ListenRequest, ListenResponse, Target, TargetChangeType } from "./types.js";

type ListenCall = ServerDuplexStream<ListenRequest, ListenResponse>;

interface WatchTarget {
  id: number;
  /** Cheap test: could this change alter the target's result? */
  affectedBy(change: DocumentChange): boolean;
  results(at: Micros): StoredDocument[];
  /** Update time of each document the client currently has for this target. */
  sent: Map<string, Micros>;
}

function resumeToken(at: Micros): string {
  return Buffer.from(at.toString()).toString("base64");
}

function documentsTarget(database: Database, id: number, names: readonly string[]): WatchTarget {
  const paths = names.map((name) => {
    const key = parseDocumentName(name);
    if (key.database !== database.name) throw invalidArgument(`Document ${name} is not in database ${database.name}.`);
    return key.path;
  });
  const watched = new Set(names);
  return {
    id,
    affectedBy: (change) => watched.has(change.name),
    results: (at) => paths.flatMap((path) => database.get(path, at) ?? []),
    sent: new Map(),
  };
}

function queryTarget(database: Database, id: number, query: CompiledQuery): WatchTarget {
  if (query.database !== database.name) throw invalidArgument(`A query target must be in database ${database.name}.`);
  return {
    id,
    affectedBy: (change) => scopeCovers(query.scope, change.path.slice(0, -1)),
    results: (at) => runQuery(database, query, at).documents,
    sent: new Map(),
  };
}

/**
 * One Listen stream: the watch protocol as the Firestore clients expect it. Each target gets ADD,
 * its documents, CURRENT; every consistent point is a global NO_CHANGE carrying a read time. After
 * each commit that touches a target the result is recomputed and the difference sent.
 */
export class ListenSession {
  private readonly targets = new Map<number, WatchTarget>();
  private database: Database | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly call: ListenCall,
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  handle(request: ListenRequest): void {
    try {
      const database = this.bind(request.database);
      if (request.addTarget) this.add(database, request.addTarget);
      else if (request.removeTarget !== undefined) this.remove(request.removeTarget);
    } catch (error) {
      this.call.emit("error", error);
    }
  }

  close(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.targets.clear();
  }

  private bind(name: string): Database {
    const database = this.store.database(parseDatabaseName(name));
    if (this.database && this.database !== database) throw invalidArgument("A Listen stream serves a single database.");
    if (!this.database) {
      this.database = database;
      this.unsubscribe = database.onCommit((changes, commitTime) => this.onCommit(changes, commitTime));
    }
    return database;
  }

  private send(response: ListenResponse): void {
    this.call.write(response);
  }

  private targetChange(type: TargetChangeType, targetIds: number[], extra: { resumeToken?: string; readTime?: Micros } = {}): void {
    this.send({
      targetChange: {
        targetChangeType: type,
        targetIds,
        resumeToken: extra.resumeToken,
        readTime: extra.readTime === undefined ? undefined : toTimestamp(extra.readTime),
      },
    });
  }

  private add(database: Database, target: Target): void {
    const id = target.targetId ?? 0;
    let watch: WatchTarget;
    try {
      if (this.targets.has(id)) throw invalidArgument(`Target id ${id} is already in use on this stream.`);
      if (target.query) watch = queryTarget(database, id, compileQuery(target.query.parent, target.query.structuredQuery));
      else if (target.documents) watch = documentsTarget(database, id, target.documents.documents);
      else throw invalidArgument("A target must be a query or documents target.");
    } catch (error) {
      const cause = error instanceof RpcError ? { code: error.code, message: error.message } : { code: status.INTERNAL, message: String(error) };
      this.send({ targetChange: { targetChangeType: "REMOVE", targetIds: [id], cause } });
      return;
    }
    this.targets.set(id, watch);
    this.targetChange("ADD", [id]);
    // A resumed target gets everything again; RESET makes the client drop what it had.
    if (target.resumeToken || target.readTime) this.targetChange("RESET", [id]);
    const at = this.clock.readTime();
    for (const doc of watch.results(at)) {
      watch.sent.set(doc.name, doc.updateTime);
      this.sendDocument(toDocument(doc), id);
    }
    this.targetChange("CURRENT", [id], { resumeToken: resumeToken(at), readTime: at });
    this.targetChange("NO_CHANGE", [], { resumeToken: resumeToken(at), readTime: at });
    if (target.once) this.remove(id);
  }

  private remove(id: number): void {
    if (this.targets.delete(id)) this.targetChange("REMOVE", [id]);
  }

  private sendDocument(document: Document, targetId: number): void {
    this.send({ documentChange: { document, targetIds: [targetId], removedTargetIds: [] } });
  }

  /** Runs inside the commit; a failure here ends this stream and never the commit. */
  private onCommit(changes: readonly DocumentChange[], commitTime: Micros): void {
    try {
      this.sendChanges(changes, commitTime);
    } catch (error) {
      this.close();
      this.call.emit("error", error);
    }
  }

  private sendChanges(changes: readonly DocumentChange[], commitTime: Micros): void {
    let sentAny = false;
    for (const target of this.targets.values()) {
      if (!changes.some((c) => target.affectedBy(c))) continue;
      const now = new Map(target.results(commitTime).map((doc) => [doc.name, doc]));
      for (const name of [...target.sent.keys()]) {
        if (now.has(name)) continue;
        target.sent.delete(name);
        const deleted = changes.some((c) => c.name === name && c.after === null);
        const removal = { document: name, removedTargetIds: [target.id], readTime: toTimestamp(commitTime) };
        this.send(deleted ? { documentDelete: removal } : { documentRemove: removal });
        sentAny = true;
      }
      for (const doc of now.values()) {
        if (target.sent.get(doc.name) === doc.updateTime) continue;
        target.sent.set(doc.name, doc.updateTime);
        this.sendDocument(toDocument(doc), target.id);
        sentAny = true;
      }
    }
    if (sentAny) this.targetChange("NO_CHANGE", [], { resumeToken: resumeToken(commitTime), readTime: commitTime });
  }
}
