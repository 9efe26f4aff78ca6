// The reference proxy as a module worker (workerd / Cloudflare Workers).
//
// Every decision is taken by the Rust policy (proxy/src, compiled to wasm): this file only
// moves bytes. See the README's "Proxy" section for configuration and the security model.
//
//   import { createProxy } from "./proxy.mjs";
//   export default createProxy({
//     // Optional: the platform's own authentication instead of the session cookie.
//     async authenticate(request, env) { return { subject: "platform-user-42" } /* or null */ },
//     // Optional with `authenticate`: where each subject's ownership token lives.
//     store: { get: async (subject, env) => token | null, put: async (subject, token, env) => {} },
//   });

import wasmModule from "./gen/mangopay_proxy_bg.wasm";
import { initSync, Policy, responseHeaders, staticFile, maxBodyBytes } from "./gen/mangopay_proxy.js";
import { createUpstream } from "./sdk-upstream.mjs";

initSync({ module: wasmModule });

const API_PREFIX = "/api/mangopay";
const MAX_BODY = maxBodyBytes();
const SECURITY_HEADERS = [
  ["x-content-type-options", "nosniff"],
  ["referrer-policy", "no-referrer"],
];

/** Splits a request URL into origin, raw (still encoded, not normalized) path and raw query. */
export function rawTarget(url) {
  const afterScheme = url.indexOf("//") + 2;
  const slash = url.indexOf("/", afterScheme);
  const origin = slash < 0 ? url : url.slice(0, slash);
  let rest = slash < 0 ? "/" : url.slice(slash);
  const hash = rest.indexOf("#");
  if (hash >= 0) rest = rest.slice(0, hash);
  const q = rest.indexOf("?");
  return {
    origin: origin.toLowerCase(),
    path: q < 0 ? rest : rest.slice(0, q),
    query: q < 0 ? "" : rest.slice(q + 1),
  };
}

function errorResponse(status, type, message, extraHeaders = []) {
  return new Response(
    JSON.stringify({ Message: message, Type: type, Id: null, Date: Math.floor(Date.now() / 1000), errors: null }),
    {
      status,
      headers: [["content-type", "application/json; charset=utf-8"], ["cache-control", "no-store"], ...SECURITY_HEADERS, ...extraHeaders],
    },
  );
}

/** Reads at most `limit` bytes of the body; null when it is larger. */
async function readBody(request, limit) {
  if (!request.body) return new Uint8Array(0);
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) return null;
  const reader = request.body.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** An in-memory ownership store for the `authenticate` hook (one isolate; demo use only). */
export function memoryStore() {
  const map = new Map();
  return { get: async (s) => map.get(s) ?? null, put: async (s, t) => void map.set(s, t) };
}

/**
 * Creates the worker. `hooks.authenticate(request, env)` → `{subject}` | null replaces the
 * session cookie with the platform's own authentication (null → 401); `hooks.store` keeps each
 * subject's ownership token (default: in memory). `hooks.upstream(env)` may supply the upstream
 * client `{ request(req) → {status, headers, body} }` (default: the SDK in direct mode against
 * `MANGOPAY_UPSTREAM`).
 */
export function createProxy(hooks = {}) {
  let configured = null;
  const store = hooks.authenticate ? hooks.store ?? memoryStore() : null;

  function setup(env) {
    if (configured) return configured;
    const upstreamBase = String(env.MANGOPAY_UPSTREAM ?? "").replace(/\/+$/, "");
    const policy = new Policy(
      String(env.MANGOPAY_CLIENT_ID ?? ""),
      String(env.SESSION_SECRET ?? ""),
      String(env.ALLOWED_ORIGINS ?? ""),
      String(env.ALLOWED_ENDPOINTS ?? ""),
      Number(env.SESSION_TTL ?? 0) || 0,
    );
    if (!upstreamBase || !env.MANGOPAY_API_KEY) throw new Error("MANGOPAY_UPSTREAM and MANGOPAY_API_KEY are required");
    const upstream = hooks.upstream
      ? hooks.upstream(env)
      : createUpstream({ baseUrl: upstreamBase, clientId: policy.clientId, apiKey: String(env.MANGOPAY_API_KEY) });
    configured = { policy, upstream, upstreamBase };
    return configured;
  }

  async function api(request, env, target) {
    const { policy, upstream, upstreamBase } = setup(env);
    let subject;
    let token;
    if (hooks.authenticate) {
      const who = await hooks.authenticate(request, env);
      if (!who || typeof who.subject !== "string" || !who.subject) {
        return errorResponse(401, "invalid_credentials", "Authentication required");
      }
      subject = who.subject;
      token = (await store.get(subject, env)) ?? undefined;
    }
    const body = await readBody(request, MAX_BODY);
    if (body === null) return errorResponse(413, "request_entity_too_large", "The request body is too large");
    const decision = policy.decide(
      request.method,
      target.path,
      target.query,
      JSON.stringify([...request.headers]),
      body,
      target.origin,
      Date.now() / 1000,
      crypto.getRandomValues(new Uint8Array(16)),
      subject,
      token,
    );
    try {
      if (!decision.forward) {
        const all = JSON.parse(decision.headers);
        // The session endpoint hands a platform session's token to the store, never to the browser.
        const stored = all.find(([name]) => name === "x-mangopay-proxy-session");
        if (stored && subject) await store.put(subject, stored[1], env);
        const headers = all.filter(([name]) => name !== "x-mangopay-proxy-session");
        const status = decision.status;
        return new Response(status === 204 ? null : decision.responseBody, {
          status,
          headers: [...headers, ...SECURITY_HEADERS],
        });
      }
      let answer;
      try {
        answer = await upstream.request({
          method: decision.method,
          path: decision.path,
          query: decision.query,
          body: decision.body,
          idempotencyKey: decision.idempotencyKey,
        });
      } catch {
        // The request may have been processed upstream: keep the session's record of its
        // idempotency key (Set-Cookie), so the browser can replay it with GET /responses/{key}.
        const finish = decision.finish(policy, 502, "");
        const extra = JSON.parse(finish.headers);
        if (subject && finish.sessionToken) await store.put(subject, finish.sessionToken, env);
        finish.free();
        return errorResponse(502, "bad_gateway", "The payment service could not be reached", extra);
      }
      // Only creations and replays are read (their Id joins the session): skip the copy otherwise.
      const finish = decision.finish(policy, answer.status, decision.wantsResponseBody ? answer.body : "");
      const headers = [
        ...JSON.parse(responseHeaders(JSON.stringify(Object.entries(answer.headers)), upstreamBase, target.origin + API_PREFIX)),
        ...JSON.parse(finish.headers),
        ...SECURITY_HEADERS,
      ];
      if (subject && finish.sessionToken) await store.put(subject, finish.sessionToken, env);
      finish.free();
      const empty = answer.status === 204 || answer.status === 304;
      return new Response(empty ? null : answer.body, { status: answer.status, headers });
    } finally {
      decision.free();
    }
  }

  async function assets(request, env, target) {
    if (!env.WWW) return new Response("Not found\n", { status: 404 });
    if (request.method !== "GET" && request.method !== "HEAD") {
      return new Response("Method not allowed\n", { status: 405, headers: [["allow", "GET, HEAD"]] });
    }
    const spec = staticFile(target.path);
    if (!spec) return new Response("Not found\n", { status: 404 });
    const { file, contentType } = JSON.parse(spec);
    const res = await env.WWW.fetch(new Request("http://www/" + file));
    if (!res.ok) return new Response("Not found\n", { status: 404 });
    return new Response(request.method === "HEAD" ? null : res.body, {
      status: 200,
      headers: [["content-type", contentType], ["cache-control", "no-cache"], ...SECURITY_HEADERS],
    });
  }

  return {
    async fetch(request, env) {
      const target = rawTarget(request.url);
      try {
        if (target.path === API_PREFIX || target.path.startsWith(API_PREFIX + "/")) {
          return await api(request, env, target);
        }
        return await assets(request, env, target);
      } catch (err) {
        console.error("proxy error:", err && err.message);
        return errorResponse(500, "internal_server_error", "The proxy failed");
      }
    },
  };
}

export default createProxy();
