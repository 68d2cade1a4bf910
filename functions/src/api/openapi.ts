import * as z from "zod";
import { ENDPOINTS, ErrorBodySchema } from "@planops/shared/api";

type JsonSchema = Record<string, unknown>;

const ERROR_RESPONSES: Record<string, string> = {
  "400": "BAD_REQUEST: malformed request",
  "401": "UNAUTHENTICATED: missing, expired, forged or wrong-audience ID token",
  "403": "FORBIDDEN / NOT_IN_ROSTER / NOT_APPROVER: the roster does not allow this caller",
  "404": "NOT_FOUND",
  "409": "ALREADY_DECIDED / STALE_REVISION / PLAN_LOCKED / NOT_APPROVED",
  "422": "VALIDATION_FAILED: bad cells, each with row, column and a bilingual message",
};

/** Query parameters of a GET endpoint, from the top-level properties of its schema. */
function queryParameters(schema: JsonSchema): unknown[] {
  const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(props).map(([name, s]) => ({ name, in: "query", required: required.has(name), schema: s }));
}

/** The OpenAPI 3.1 document, generated from the same zod schemas that validate requests. */
export function openApiDocument(): JsonSchema {
  const errorSchema = z.toJSONSchema(ErrorBodySchema);
  const paths: Record<string, unknown> = {};
  for (const [name, ep] of Object.entries(ENDPOINTS)) {
    const request = z.toJSONSchema(ep.request, { io: "input", unrepresentable: "any" }) as JsonSchema;
    const response = z.toJSONSchema(ep.response, { io: "output", unrepresentable: "any" });
    const errors = Object.fromEntries(
      Object.entries(ERROR_RESPONSES).map(([code, description]) => [
        code,
        { description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
      ]),
    );
    paths[`/${name}`] = {
      [ep.method.toLowerCase()]: {
        operationId: name,
        summary: ep.summary,
        security: [{ googleIdToken: [] }],
        ...(ep.method === "GET"
          ? { parameters: queryParameters(request) }
          : { requestBody: { required: true, content: { "application/json": { schema: request } } } }),
        responses: { "200": { description: "OK", content: { "application/json": { schema: response } } }, ...errors },
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "计划运营部 Planning & Operations API",
      version: "1.0.0",
      description:
        "Called by the Google Sheets add-on with the user's Google ID token. Every rejection is a 4xx with a stable error code and a message in Chinese and English.",
    },
    paths,
    components: {
      securitySchemes: { googleIdToken: { type: "http", scheme: "bearer", bearerFormat: "Google ID token (JWT)" } },
      schemas: { Error: errorSchema },
    },
  };
}
