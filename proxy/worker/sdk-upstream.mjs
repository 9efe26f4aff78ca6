// Upstream calls through the SDK in direct mode: `mp.request` adds the OAuth bearer (client
// credentials, cached token, one refresh on a 401), never throws on an HTTP status, and with
// `maxRetries: 0` never retries (the browser's SDK decides about retries). `validate: false`:
// the proxy's policy has validated the body already.
//
// `./gen/sdk-entry.mjs` is written by run.mjs: it initializes the package's wasm from a
// compiled module (workerd forbids compiling from bytes) and re-exports `Mangopay`.
import { Mangopay } from "./gen/sdk-entry.mjs";

/** The upstream client of the worker (see `createProxy`'s `upstream` hook). */
export function createUpstream({ baseUrl, clientId, apiKey, timeoutMs = 30000 }) {
  const mp = new Mangopay({ clientId, baseUrl, apiKey, maxRetries: 0, validate: false, timeoutMs });
  return {
    request: ({ method, path, query, body, idempotencyKey }) =>
      mp.request({ method, path, query: query || undefined, body: body ?? undefined, idempotencyKey: idempotencyKey ?? undefined }),
  };
}
