import {
  type handleBidiStreamingCall,
  type handleServerStreamingCall,
  type handleUnaryCall,
  Metadata,
  type ServerErrorResponse,
  status,
  type UntypedHandleCall,
  type UntypedServiceImplementation,
} from "@grpc/grpc-js";
import type { EventEmitter } from "node:events";
import { invalidArgument, RpcError, unimplemented } from "./errors.js";
import { requestSize } from "./proto.js";
import type { FirestoreService } from "./service.js";
import type { ListenRequest, ListenResponse } from "./types.js";

/** Firestore refuses requests over 10 MiB. */
const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

function checkRequestSize(request: object): void {
  if (requestSize(request) > MAX_REQUEST_BYTES) {
    throw invalidArgument(`Request payload size exceeds the limit: ${MAX_REQUEST_BYTES} bytes.`);
  }
}

function toStatus(error: unknown): ServerErrorResponse {
  if (error instanceof RpcError) return Object.assign(new Error(error.message), { code: error.code, details: error.message });
  console.error("[local-firestore] internal error:", error);
  const message = error instanceof Error ? error.message : String(error);
  return Object.assign(new Error(message), { code: status.INTERNAL, details: `Internal error: ${message}` });
}

function unary<Req extends object>(handler: (request: Req) => object | Promise<object>): handleUnaryCall<Req, object> {
  return (call, callback) => {
    Promise.resolve(call.request)
      .then((request) => {
        checkRequestSize(request);
        return handler(request);
      })
      .then(
        (response) => callback(null, response),
        (error: unknown) => callback(toStatus(error)),
      );
  };
}

function streaming<Req extends object>(handler: (request: Req, send: (response: object) => void) => Promise<void>): handleServerStreamingCall<Req, object> {
  return (call) => {
    // Headers go out first so the client counts an error as a response, not as a failed connection
    // it should silently retry (which would repeat side effects such as beginning a transaction).
    call.sendMetadata(new Metadata());
    Promise.resolve(call.request)
      .then((request) => {
        checkRequestSize(request);
        return handler(request, (response) => call.write(response));
      })
      .then(
        () => call.end(),
        (error: unknown) => call.emit("error", toStatus(error)),
      );
  };
}

/** Fails any kind of call (unary or streaming) with UNIMPLEMENTED. */
function notSupported(what: string): UntypedHandleCall {
  return (call: EventEmitter, callback?: (error: ServerErrorResponse) => void) => {
    const error = toStatus(unimplemented(what));
    if (callback) callback(error);
    else call.emit("error", error);
  };
}

/** gRPC method table for the google.firestore.v1.Firestore service. */
export function grpcHandlers(service: FirestoreService): UntypedServiceImplementation {
  const listen: handleBidiStreamingCall<ListenRequest, ListenResponse> = (call) => service.listen(call);
  return {
    GetDocument: unary((r) => service.getDocument(r)),
    ListDocuments: unary((r) => service.listDocuments(r)),
    BatchGetDocuments: streaming((r, send) => service.batchGetDocuments(r, send)),
    BeginTransaction: unary((r) => service.beginTransaction(r)),
    Commit: unary((r) => service.commit(r)),
    Rollback: unary((r) => service.rollback(r)),
    RunQuery: streaming((r, send) => service.runQuery(r, send)),
    RunAggregationQuery: streaming((r, send) => service.runAggregationQuery(r, send)),
    ListCollectionIds: unary((r) => service.listCollectionIds(r)),
    BatchWrite: unary((r) => service.batchWrite(r)),
    Listen: listen as handleBidiStreamingCall<object, object>,
    CreateDocument: notSupported("CreateDocument (use Commit)"),
    UpdateDocument: notSupported("UpdateDocument (use Commit)"),
    DeleteDocument: notSupported("DeleteDocument (use Commit)"),
    PartitionQuery: unary((r) => service.partitionQuery(r)),
    ExecutePipeline: notSupported("ExecutePipeline (Firestore pipelines)"),
    Write: notSupported("The streaming Write RPC"),
  };
}
