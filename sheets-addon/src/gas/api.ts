import { createApiClient, type ApiClient, type Transport } from "../api/client.js";
import { API_BASE_PROPERTY, resolveApiBase } from "../config.js";

/** UrlFetchApp with HTTP errors returned, not thrown: the client reads the error envelope itself. */
const urlFetchTransport: Transport = (request) => {
  const response = UrlFetchApp.fetch(request.url, {
    method: request.method === "GET" ? "get" : "post",
    headers: request.headers,
    muteHttpExceptions: true,
    followRedirects: false,
    ...(request.body === undefined ? {} : { contentType: "application/json; charset=utf-8", payload: request.body }),
  });
  return { status: response.getResponseCode(), body: response.getContentText("UTF-8") };
};

/** The backend client; the ID token proves who the user is, the backend's roster says what they may do. */
export function apiClient(): ApiClient {
  return createApiClient({
    baseUrl: resolveApiBase(PropertiesService.getScriptProperties().getProperty(API_BASE_PROPERTY), __PLANOPS_CONFIG__),
    // String|null in Apps Script (null without the openid scope), though @types says string.
    identityToken: (): string | null => ScriptApp.getIdentityToken(),
    transport: urlFetchTransport,
  });
}
