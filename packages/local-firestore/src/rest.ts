import type { IncomingMessage, ServerResponse } from "node:http";
import type { FirestoreService } from "./service.js";

const RESET_PATH = /^\/emulator\/v1\/(projects\/[^/]+\/databases\/[^/]+)\/documents\/?$/;

/**
 * The HTTP/1.1 side of the port, as on the official emulator: `GET /` answers "Ok" (readiness) and
 * `DELETE /emulator/v1/projects/P/databases/D/documents` empties that database.
 */
export function restHandler(service: FirestoreService) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    const url = new URL(request.url ?? "/", "http://localhost");
    const reset = RESET_PATH.exec(decodeURIComponent(url.pathname));
    if (request.method === "DELETE" && reset) {
      service.clearDatabase(reset[1] as string);
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    } else if (request.method === "GET" && url.pathname === "/") {
      response.writeHead(200, { "content-type": "text/plain" }).end("Ok\n");
    } else {
      response.writeHead(404, { "content-type": "text/plain" }).end("Not found\n");
    }
  };
}
