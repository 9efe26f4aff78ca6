// A small real HTTP server for the client's tests (wasm-bindgen tests in Node and Chromium, and
// the JS tests of the built package). It answers like the Users API closely enough for the
// transport — JSON echoes, lists with pagination headers, OAuth tokens, idempotency keys with
// 409 conflicts and GET /responses/{key} — records every request, and plays scripted faults.
//
// Everything is scoped by the ClientId of the path (/v2.01/{clientId}/...), so that tests using
// distinct client ids never see each other's requests or scripts.
//
// Admin API (CORS-enabled like everything else):
//   GET  /__test/requests?client=ID    the recorded requests [{method, path, query, headers, body, bodyLength}]
//   POST /__test/script?client=ID      body [{match, method?, status?, headers?, body?, delayMs?, drop?, times?}]
//                                      a rule answers matching requests (path contains `match`)
//                                      `times` times (default 1) before the normal behaviour
//   POST /__test/reset?client=ID
// Usage: node tests/server/test-server.mjs [--port P]   prints "listening http://127.0.0.1:P"
import http from "node:http";
import { randomUUID } from "node:crypto";

const port = Number(process.argv[process.argv.indexOf("--port") + 1] || 0) || 0;
const state = new Map(); // client -> { requests, rules, keys: Map(key -> {status, body}), tokens }

function client(id) {
  if (!state.has(id)) state.set(id, { requests: [], rules: [], keys: new Map(), tokens: 0 });
  return state.get(id);
}

const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, PUT, DELETE, OPTIONS",
  "access-control-allow-headers": "*",
  "access-control-expose-headers": "*",
  "access-control-max-age": "600",
};

function send(res, status, body, headers = {}) {
  const text = body === undefined ? "" : typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, { ...CORS, "content-type": "application/json", ...headers });
  res.end(text);
}

const LISTS = /^\/users$|\/(wallets|transactions|cards|bankaccounts|kyc\/documents|mandates|preauthorizations)$/;

function answer(c, req, path, query, body) {
  const method = req.method;
  if (path === "/oauth/token") {
    c.tokens += 1;
    return [200, { access_token: `token-${c.tokens}`, token_type: "Bearer", expires_in: 3600 }];
  }
  const key = req.headers["idempotency-key"];
  if (method === "POST" && key) {
    const previous = c.keys.get(key);
    if (previous) return [409, { Message: "The idempotency key was already used.", Type: "idempotent_creation_conflict", Id: "conflict-1", Date: 1700000000 }];
  }
  const replay = path.match(/^\/responses\/(.+)$/);
  if (replay) {
    const original = c.keys.get(decodeURIComponent(replay[1]));
    if (!original) return [404, { Message: "Not found", Type: "ressource_not_found" }];
    return [200, { StatusCode: String(original.status), ContentLength: "0", ContentType: "application/json", Date: "Sun, 06 Dec 2026 00:00:00 GMT", RequestURL: original.url, Resource: original.body }];
  }
  if (method === "DELETE") return [204, undefined];
  if (method === "GET" && LISTS.test(path)) {
    const page = Number(query.get("page") || 1);
    const perPage = Number(query.get("per_page") || 10);
    const total = 25;
    const count = Math.max(0, Math.min(perPage, total - (page - 1) * perPage));
    const items = Array.from({ length: count }, (_, i) => ({ Id: `item-${(page - 1) * perPage + i + 1}` }));
    return [200, items, { "x-number-of-pages": String(Math.ceil(total / perPage)), "x-number-of-items": String(total) }];
  }
  let parsed = null;
  try {
    parsed = body ? JSON.parse(body) : null;
  } catch {
    parsed = null;
  }
  const resource = { Id: `res-${randomUUID().slice(0, 8)}`, ...(parsed && typeof parsed === "object" && !Array.isArray(parsed) ? parsed : {}), _method: method, _path: path };
  if (method === "POST" && key) c.keys.set(key, { status: 200, body: resource, url: req.url });
  return [200, resource];
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (d) => chunks.push(d));
  req.on("end", async () => {
    const url = new URL(req.url, "http://x");
    const body = Buffer.concat(chunks).toString("utf8");
    if (req.method === "OPTIONS") {
      // A wildcard does not cover Authorization: echo what the preflight asks for.
      return send(res, 204, undefined, { "access-control-allow-headers": req.headers["access-control-request-headers"] || "*" });
    }
    if (url.pathname.startsWith("/__test/")) {
      const c = client(url.searchParams.get("client") || "");
      if (url.pathname === "/__test/requests") return send(res, 200, c.requests);
      if (url.pathname === "/__test/script") {
        try {
          for (const rule of JSON.parse(body)) c.rules.push({ times: 1, ...rule });
        } catch {
          return send(res, 400, { error: "bad script" });
        }
        return send(res, 200, { ok: true });
      }
      if (url.pathname === "/__test/reset") {
        state.delete(url.searchParams.get("client") || "");
        return send(res, 200, { ok: true });
      }
      return send(res, 404, {});
    }
    const m = url.pathname.match(/^(?:\/[^/]+)*?\/v2\.01\/(oauth\/token)$/) || null;
    let clientId, path;
    if (m) {
      const auth = Buffer.from((req.headers.authorization || "").replace(/^Basic /, ""), "base64").toString();
      clientId = auth.split(":")[0];
      path = "/oauth/token";
    } else {
      const scoped = url.pathname.match(/\/v2\.01\/([^/]+)(\/.*)?$/);
      if (!scoped) return send(res, 404, { Message: "Not found", Type: "ressource_not_found" });
      clientId = decodeURIComponent(scoped[1]);
      path = scoped[2] || "/";
    }
    const c = client(clientId);
    c.requests.push({ method: req.method, path, query: url.search.slice(1), headers: req.headers, body: body.length > 4096 ? null : body, bodyLength: body.length });
    const rule = c.rules.find((r) => path.includes(r.match) && (!r.method || r.method === req.method));
    if (rule) {
      rule.times -= 1;
      if (rule.times <= 0) c.rules.splice(c.rules.indexOf(rule), 1);
      if (rule.delayMs) await new Promise((r) => setTimeout(r, rule.delayMs));
      if (rule.drop) return req.socket.destroy();
      if (rule.status) return send(res, rule.status, rule.body, rule.headers || {});
    }
    const [status, out, headers] = answer(c, req, path, url.searchParams, body);
    send(res, status, out, headers);
  });
});

server.listen(port, "127.0.0.1", () => {
  console.log(`listening http://127.0.0.1:${server.address().port}`);
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.close(() => process.exit(0)));
