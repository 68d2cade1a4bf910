import type { HttpFunction } from "@google-cloud/functions-framework";
import { ENDPOINT_NAMES, type EndpointName } from "@planops/shared";
import { AppError } from "./platform/errors.js";
import { sendError } from "./platform/http.js";

const isEndpoint = (name: string): name is EndpointName => (ENDPOINT_NAMES as readonly string[]).includes(name);

/** Documents served beside the endpoints; the OpenAPI one is built from every schema, so it is loaded when asked for. */
const DOCUMENTS = new Map<string, () => Promise<unknown>>([
  ["openapi.json", async () => (await import("./api/openapi.js")).openApiDocument()],
  ["healthz", async () => ({ ok: true })],
]);

/**
 * `api`: routes `/<name>` to the function of that name, so the local stack (and a
 * single-function deployment) serves them all on one port; `/openapi.json`
 * describes them. `route` may load the function on first use.
 */
export function apiRouter(route: (name: EndpointName) => HttpFunction | Promise<HttpFunction>): HttpFunction {
  return async (req, res) => {
    try {
      const name = req.path.replace(/^\/+|\/+$/g, "");
      const document = DOCUMENTS.get(name);
      if (document) {
        if (req.method !== "GET") {
          res.set("Allow", "GET");
          throw new AppError("METHOD_NOT_ALLOWED", { zh: "请使用 GET 方法", en: "Use GET" });
        }
        res.status(200).json(await document());
        return;
      }
      if (!isEndpoint(name)) {
        // The path is the caller's text: quoted, but never at any length.
        const shown = name.length > 80 ? `${name.slice(0, 80)}…` : name;
        throw new AppError("NOT_FOUND", { zh: `没有接口 /${shown}`, en: `No endpoint /${shown}` });
      }
      await (await route(name))(req, res);
    } catch (err) {
      sendError(res, err);
    }
  };
}
