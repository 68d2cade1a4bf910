import { createRequire } from "node:module";
import path from "node:path";
import type { MethodDefinition, ServiceDefinition } from "@grpc/grpc-js";
import { loadSync } from "@grpc/proto-loader";

/** Byte size of each decoded request, for Firestore's 10 MiB request limit. */
const requestSizes = new WeakMap<object, number>();

export function requestSize(message: object): number {
  return requestSizes.get(message) ?? 0;
}

let service: ServiceDefinition | undefined;

/**
 * The google.firestore.v1.Firestore service, loaded from the protos shipped with
 * @google-cloud/firestore so server and client always speak the same protocol version.
 */
export function firestoreService(): ServiceDefinition {
  if (service) return service;
  const require = createRequire(import.meta.url);
  const protos = path.join(path.dirname(require.resolve("@google-cloud/firestore/package.json")), "build", "protos");
  const definition = loadSync("google/firestore/v1/firestore.proto", {
    includeDirs: [protos],
    longs: String,
    enums: String,
    bytes: String,
    defaults: false,
    arrays: true,
    objects: true,
    oneofs: false,
  });
  const methods = definition["google.firestore.v1.Firestore"] as ServiceDefinition;
  const measured: Record<string, MethodDefinition<object, object>> = {};
  for (const [name, method] of Object.entries(methods) as [string, MethodDefinition<object, object>][]) {
    measured[name] = {
      ...method,
      requestDeserialize: (bytes: Buffer) => {
        const message = method.requestDeserialize(bytes);
        requestSizes.set(message, bytes.length);
        return message;
      },
    };
  }
  service = measured;
  return service;
}
