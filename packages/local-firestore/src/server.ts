import { createServer as createHttpServer } from "node:http";
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from "node:net";
import { Server as GrpcServer, ServerCredentials } from "@grpc/grpc-js";
import { grpcHandlers } from "./grpc-handlers.js";
import { DataFolder } from "./persistence.js";
import { firestoreService } from "./proto.js";
import { restHandler } from "./rest.js";
import { FirestoreService } from "./service.js";

export interface LocalFirestoreOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /**
   * Folder holding the data (created if missing); every commit is written there before it is
   * acknowledged. Null or undefined keeps data in memory only.
   */
  dataDir?: string | null;
}

export interface LocalFirestore {
  /** `host:port`, the value for FIRESTORE_EMULATOR_HOST. */
  host: string;
  port: number;
  /** Stops serving and, when persistent, closes the data folder (its WAL folded into the database file). */
  stop(): Promise<void>;
  /**
   * Every acknowledged commit is already on disk; this only folds the write-ahead log into the
   * database file (a checkpoint). No-op in memory.
   */
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

/** Starts a Firestore-protocol server (gRPC, plus the REST reads and the emulator's reset on the same port). */
export async function startLocalFirestore(options: LocalFirestoreOptions = {}): Promise<LocalFirestore> {
  const host = options.host ?? "127.0.0.1";
  const dataDir = options.dataDir ?? undefined;
  const service = new FirestoreService();
  const folder = dataDir ? DataFolder.open(dataDir) : undefined;
  try {
    if (folder) {
      folder.load(service.store, service.clock);
      service.store.sink = (database, changes) => folder.write(database, changes);
    }
    return await serve(service, folder, options.port ?? 0, host);
  } catch (error) {
    folder?.close();
    throw error;
  }
}

async function serve(service: FirestoreService, folder: DataFolder | undefined, requestedPort: number, host: string): Promise<LocalFirestore> {
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
  const port = await listen(tcp, requestedPort, host);

  const maintenance = setInterval(() => service.maintain(), MAINTENANCE_INTERVAL_MS).unref();

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      clearInterval(maintenance);
      service.shutdown();
      grpc.forceShutdown();
      injector.destroy();
      const closed = new Promise<void>((resolve) => tcp.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
      folder?.close();
    })();
    return stopped;
  };
  const save = async (): Promise<void> => {
    if (!stopped) folder?.checkpoint();
  };

  return { host: `${host}:${port}`, port, stop, save };
}
