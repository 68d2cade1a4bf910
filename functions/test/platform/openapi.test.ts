import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "../../src/api/openapi.js";
import { ENDPOINTS } from "@planops/shared/api";
import { useStack } from "../support/stack.js";

const stack = useStack({ seed: false });

describe("the OpenAPI document", () => {
  it("when generated from the zod schemas, then it equals the committed functions/openapi.json (run `npm run openapi` after changing a schema)", () => {
    const committed = JSON.parse(readFileSync(new URL("../../openapi.json", import.meta.url), "utf8"));
    expect(committed).toEqual(openApiDocument());
  });

  it("when served by the local stack, then every endpoint is described with its method and error codes", async () => {
    const res = await fetch(`${stack.baseUrl}/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    for (const [name, ep] of Object.entries(ENDPOINTS)) {
      const op = doc.paths[`/${name}`]?.[ep.method.toLowerCase()];
      expect(op, name).toBeDefined();
      expect(Object.keys(op!.responses)).toEqual(expect.arrayContaining(["200", "401", "403", "422"]));
    }
    const submit = doc.paths["/submit"]!.post as unknown as { requestBody: { content: { "application/json": { schema: { required: string[] } } } } };
    expect(submit.requestBody.content["application/json"].schema.required).toEqual(expect.arrayContaining(["template", "spreadsheet", "headers", "rows"]));
  });

  it("when an unknown path is asked for, then 404 with a stable code", async () => {
    const res = await fetch(`${stack.baseUrl}/nope`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("NOT_FOUND");
  });
});
