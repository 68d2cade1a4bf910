import { createServer as createHttpServer } from "node:http";
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from "node:net";
import { Server as GrpcServer, ServerCredentials } from "@grpc/grpc-js";
import { grpcHandlers } from "./grpc-handlers.js";
import { loadStore, saveStore } from "./persistence.js";
import { firestoreService } from "./proto.js";
import { restHandler } from "./rest.js";
import { FirestoreService } from "./service.js";

export interface LocalFirestoreOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Folder to load from and save to; null or undefined keeps data in memory only. */
  dataDir?: string | null;
  /** How often unsaved changes are written to `dataDir`; default 5000 ms. */
  saveIntervalMs?: number;
}

export interface LocalFirestore {
  /** `host:port`, the value for FIRESTORE_EMULATOR_HOST. */
  host: string;
  port: number;
  /** Stops serving; saves first when persistent. */
  stop(): Promise<void>;
  /** Saves now when persistent; no-op in memory. */
  save(): Promise<void>;
}

const MAINTENANCE_INTERVAL_MS = 5_000;
/** Above Firestore's 10 MiB request limit, so oversized requests get Firestore's own error. */
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
const HTTP2_PREFACE = "PRI";

function listen(server: TcpServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : port);
    });
  });
}

/** Starts a Firestore-protocol server (gRPC, plus the emulator's REST reset on the same port). */
export async function startLocalFirestore(options: LocalFirestoreOptions = {}): Promise<LocalFirestore> {
  const host = options.host ?? "127.0.0.1";
  const dataDir = options.dataDir ?? undefined;
  const service = new FirestoreService();
  if (dataDir) await loadStore(service.store, service.clock, dataDir);

  const grpc = new GrpcServer({
    "grpc.max_receive_message_length": MAX_MESSAGE_BYTES,
    "grpc.max_send_message_length": MAX_MESSAGE_BYTES,
  });
  grpc.addService(firestoreService(), grpcHandlers(service));
  const injector = grpc.createConnectionInjector(ServerCredentials.createInsecure());
  const http = createHttpServer(restHandler(service));

  // One port speaks both protocols: HTTP/2 connections (gRPC) open with the "PRI * HTTP/2.0" preface.
  const sockets = new Set<Socket>();
  const tcp = createTcpServer((socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
    // A client vanishing mid-connection must not take the server down with an unhandled 'error'.
    socket.on("error", () => socket.destroy());
    socket.once("data", (chunk: Buffer) => {
      socket.pause();
      socket.unshift(chunk);
      if (chunk.subarray(0, HTTP2_PREFACE.length).toString("latin1") === HTTP2_PREFACE) {
        injector.injectConnection(socket);
      } else {
        http.emit("connection", socket);
        socket.resume();
      }
    });
  });
  const port = await listen(tcp, options.port ?? 0, host);

  let savedGeneration = generation(service);
  let saving: Promise<void> = Promise.resolve();
  const save = (): Promise<void> => {
    if (!dataDir) return Promise.resolve();
    saving = saving.then(async () => {
      const current = generation(service);
      if (current === savedGeneration) return;
      await saveStore(service.store, dataDir);
      savedGeneration = current;
    });
    return saving;
  };

  const maintenance = setInterval(() => service.maintain(), MAINTENANCE_INTERVAL_MS).unref();
  const autosave = dataDir
    ? setInterval(() => {
        save().catch((error: unknown) => console.error("[local-firestore] autosave failed:", error));
      }, options.saveIntervalMs ?? 5_000).unref()
    : undefined;

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      clearInterval(maintenance);
      if (autosave) clearInterval(autosave);
      service.shutdown();
      grpc.forceShutdown();
      injector.destroy();
      const closed = new Promise<void>((resolve) => tcp.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
      await save();
    })();
    return stopped;
  };

  return { host: `${host}:${port}`, port, stop, save };
}

function generation(service: FirestoreService): number {
  let sum = 0;
  for (const database of service.store.all()) sum += database.generation;
  return sum;
}
