import { status } from "@grpc/grpc-js";

/** An error that reaches the client as a gRPC status, the way Firestore reports it. */
export class RpcError extends Error {
  constructor(
    readonly code: status,
    message: string,
  ) {
    super(message);
    this.name = "RpcError";
  }
}

export const invalidArgument = (message: string) => new RpcError(status.INVALID_ARGUMENT, message);
export const notFound = (message: string) => new RpcError(status.NOT_FOUND, message);
export const alreadyExists = (message: string) => new RpcError(status.ALREADY_EXISTS, message);
export const failedPrecondition = (message: string) => new RpcError(status.FAILED_PRECONDITION, message);
export const aborted = (message: string) => new RpcError(status.ABORTED, message);
export const unimplemented = (message: string) => new RpcError(status.UNIMPLEMENTED, `${message} is not supported by the local Firestore server.`);
