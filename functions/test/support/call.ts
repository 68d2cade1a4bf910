import { ENDPOINTS, type EndpointName, type ResponseOf } from "@planops/shared/api";
import type { ErrorBody } from "@planops/shared/api";
import type { Stack } from "./stack.js";

export interface ApiResult<N extends EndpointName> {
  status: number;
  /** The answer when status is 200 (check status first). */
  body: ResponseOf<N>;
  /** The error envelope when status is not 200. */
  error: ErrorBody["error"] | undefined;
}

/** Calls a function over HTTP as a person (a minted ID token for their email), as the add-on does. */
export async function call<N extends EndpointName>(
  stack: Stack,
  as: string | null,
  name: N,
  input: Record<string, unknown> = {},
  token?: string,
): Promise<ApiResult<N>> {
  const method = ENDPOINTS[name].method;
  const headers: Record<string, string> = {};
  const bearer = token ?? (as ? stack.mintToken(as) : undefined);
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  let url = `${stack.baseUrl}/${name}`;
  let body: string | undefined;
  if (method === "GET") url += `?${new URLSearchParams(Object.entries(input).map(([k, v]) => [k, String(v)]))}`;
  else {
    headers["content-type"] = "application/json";
    body = JSON.stringify(input);
  }
  const res = await fetch(url, { method, headers, ...(body !== undefined ? { body } : {}) });
  const json = (await res.json()) as ResponseOf<N> & Partial<ErrorBody>;
  return { status: res.status, body: json, error: json.error };
}
