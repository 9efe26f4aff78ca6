// End-to-end test of the reference proxy: the sandbox (--admin) and the proxy in workerd on
// free ports on 127.0.0.1, then
//   (a) the happy path through the proxy (raw fetch as a page would, then the packed SDK),
//   (b) an attack suite: every crafted request is refused AND the sandbox's request counter
//       does not move,
//   (c) nothing served to the browser contains the API key or a token,
//   (d) real Chromium (playwright-core): CORS preflight from an allowed vs another origin,
//       cookie flags.
// Usage: node proxy/tests/e2e.mjs   (exit code 1 on any failure)

import { createHmac } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";

import { API_KEY, CLIENT_ID, freePort, root, start } from "./harness.mjs";

const API = `/api/mangopay/v2.01/${CLIENT_ID}`;
const results = { passed: 0, failed: 0, skipped: 0 };
const served = []; // every body and header set the browser could see, for check (c)

function report(ok, name, detail = "") {
  if (ok) results.passed++;
  else results.failed++;
  console.log(`${ok ? "ok  " : "FAIL"} ${name}${detail ? ` — ${detail}` : ""}`);
}

async function check(name, fn) {
  try {
    await fn();
    report(true, name);
  } catch (err) {
    report(false, name, err && err.stack ? err.stack.split("\n").slice(0, 3).join(" | ") : String(err));
  }
}

function skip(name, why) {
  results.skipped++;
  console.log(`skip ${name} — ${why}`);
}

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

// ---------------------------------------------------------------------------------------------
// HTTP helpers: node:http sends the path byte for byte (no URL normalization).

let proxyUrl, sandboxUrl, secret;

function request({ method = "GET", path, headers = {}, body }) {
  const u = new URL(proxyUrl);
  return new Promise((res, rej) => {
    const req = http.request({ host: u.hostname, port: u.port, method, path, headers, agent: false }, (r) => {
      const chunks = [];
      r.on("data", (c) => chunks.push(c));
      r.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        served.push(JSON.stringify(r.headers) + "\n" + text);
        res({ status: r.statusCode, headers: r.headers, body: text });
      });
    });
    req.on("error", rej);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** Sends raw bytes and returns the status of the answer (0 if the connection just closed). */
function rawRequest(text) {
  const u = new URL(proxyUrl);
  return new Promise((res) => {
    const socket = net.connect({ host: u.hostname, port: Number(u.port) }, () => socket.end(text));
    let data = "";
    socket.on("data", (d) => (data += d));
    socket.on("close", () => {
      served.push(data);
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(data);
      res(m ? Number(m[1]) : 0);
    });
    socket.on("error", () => res(0));
  });
}

const json = (r) => JSON.parse(r.body);

async function counters() {
  const res = await fetch(`${sandboxUrl}/__sandbox/counters`);
  return (await res.json()).total;
}

/** A browser session: its cookie and CSRF token. */
async function newSession() {
  const r = await request({ path: "/api/mangopay/session" });
  assert(r.status === 200, `session: ${r.status}`);
  const setCookie = r.headers["set-cookie"][0];
  return { cookie: setCookie.split(";")[0], csrf: json(r).csrfToken, setCookie };
}

function sessionHeaders(s, extra = {}) {
  return { cookie: s.cookie, "x-csrf-token": s.csrf, "content-type": "application/json", ...extra };
}

/** Sends as session `s` and keeps its cookie up to date. */
async function call(s, method, path, body, extra = {}) {
  const r = await request({
    method,
    path,
    headers: sessionHeaders(s, extra),
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const set = r.headers["set-cookie"];
  if (set) s.cookie = set[0].split(";")[0];
  return r;
}

function fixture(path) {
  return JSON.parse(readFileSync(join(root, "tests", "fixtures", path), "utf8"));
}

/** Base64 of a PNG-signed file of `size` bytes (the sandbox judges the type by magic bytes). */
function pngBase64(size) {
  const bytes = Buffer.alloc(size);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes);
  return bytes.toString("base64");
}

/** A session token signed like the proxy's (`v1.<payload>.<hmac>`). */
function sign(session, key) {
  const signed = "v1." + Buffer.from(JSON.stringify(session)).toString("base64url");
  const tag = createHmac("sha256", key).update("session|").update(signed).digest("base64url");
  return `${signed}.${tag}`;
}

// ---------------------------------------------------------------------------------------------

async function happyPathRaw(state) {
  const a = await newSession();
  state.a = a;
  await check("happy (raw): create a natural payer with an idempotency key", async () => {
    const r = await call(a, "POST", `${API}/sca/users/natural`, fixture("users/create_natural_sca_payer.request.json"), {
      "idempotency-key": "happy-key-0123456789",
    });
    assert(r.status === 200, `${r.status} ${r.body}`);
    state.userA = json(r).Id;
    assert(/^user_m_/.test(state.userA), state.userA);
  });
  await check("happy (raw): read the user back, then categorize it as OWNER", async () => {
    let r = await call(a, "GET", `${API}/sca/users/${state.userA}`);
    assert(r.status === 200 && json(r).Id === state.userA, `${r.status} ${r.body}`);
    r = await call(a, "PUT", `${API}/sca/users/natural/${state.userA}/category`, fixture("users/categorize_natural.request.json"));
    assert(r.status === 200, `${r.status} ${r.body}`);
    assert(json(r).UserCategory === "OWNER", r.body);
  });
  await check("happy (raw): enroll in SCA", async () => {
    const r = await call(a, "POST", `${API}/sca/users/${state.userA}/enrollment`, undefined, { "idempotency-key": "enroll-key-0123456789" });
    assert(r.status === 200, `${r.status} ${r.body}`);
  });
  await check("happy (raw): KYC document, page, submission, outcome VALIDATED", async () => {
    let r = await call(a, "POST", `${API}/users/${state.userA}/kyc/documents`, { Type: "IDENTITY_PROOF", Tag: "accept" });
    assert(r.status === 200, `${r.status} ${r.body}`);
    state.docA = json(r).Id;
    r = await call(a, "POST", `${API}/users/${state.userA}/kyc/documents/${state.docA}/pages`, { File: pngBase64(40000) });
    assert(r.status === 204, `page: ${r.status} ${r.body}`);
    r = await call(a, "PUT", `${API}/users/${state.userA}/kyc/documents/${state.docA}`, { Status: "VALIDATION_ASKED" });
    assert(r.status === 200, `submit: ${r.status} ${r.body}`);
    r = await call(a, "GET", `${API}/users/${state.userA}/kyc/documents/${state.docA}`);
    assert(r.status === 200 && json(r).Status === "VALIDATED", `read: ${r.body}`);
    r = await call(a, "GET", `${API}/users/${state.userA}/kyc/documents?per_page=5&sort=CreationDate:DESC`);
    assert(r.status === 200 && r.headers["x-number-of-items"] === "1", `list: ${r.status} ${JSON.stringify(r.headers)}`);
    const log = await (await fetch(`${sandboxUrl}/__sandbox/requests?since=0`)).json();
    const seen = log.requests[log.requests.length - 1];
    assert(seen.query === "per_page=5&Sort=CreationDate%3ADESC", `upstream got the canonical query, not ${seen.query}`);
    const link = r.headers.link ?? "";
    assert(link.includes(`<${proxyUrl}/api/mangopay/v2.01/${CLIENT_ID}/users/`), `Link points at the proxy: ${link}`);
    assert(!link.includes(sandboxUrl), `Link leaks the upstream: ${link}`);
  });
  await check("happy (raw): bank account, and the replay of our own idempotency key", async () => {
    let r = await call(a, "POST", `${API}/users/${state.userA}/bankaccounts/iban`, fixture("bank_accounts/create_iban.request.json"));
    assert(r.status === 200, `${r.status} ${r.body}`);
    state.bankA = json(r).Id;
    r = await call(a, "GET", `${API}/users/${state.userA}/bankaccounts/${state.bankA}`);
    assert(r.status === 200, `${r.status} ${r.body}`);
    r = await call(a, "GET", `${API}/responses/happy-key-0123456789`);
    assert(r.status === 200, `replay: ${r.status} ${r.body}`);
  });
  await check("happy (raw): a creation whose answer was lost is recovered by replaying its key", async () => {
    const script = { faults: [{ kind: "drop", method: "POST", path: "/sca/users/natural" }] };
    const set = await fetch(`${sandboxUrl}/__sandbox/faults/script`, { method: "POST", body: JSON.stringify(script) });
    assert(set.ok, `fault script: ${set.status}`);
    const key = "lost-answer-key-0123";
    let r = await call(a, "POST", `${API}/sca/users/natural`, fixture("users/create_natural_sca_payer.request.json"), { "idempotency-key": key });
    assert(r.status === 502 && json(r).Type, `dropped create: ${r.status} ${r.body}`);
    r = await call(a, "GET", `${API}/responses/${key}`);
    assert(r.status === 200, `replay: ${r.status} ${r.body}`);
    const id = json(r).Resource.Id;
    r = await call(a, "GET", `${API}/sca/users/${id}`);
    assert(r.status === 200, `the recovered user is the session's: ${r.status}`);
  });
  await check("happy (raw): the browser's Authorization/Cookie never reach upstream as credentials", async () => {
    const r = await call(a, "GET", `${API}/sca/users/${state.userA}`, undefined, { authorization: "Basic ZXZpbDpldmls" });
    assert(r.status === 200, `${r.status}`);
  });
}

/** The SDK as a user gets it: the packed tarball installed into a throwaway project, else the
 * package's Node build in pkg/dist. Returns [module, cleanup] or null. */
async function loadSdk() {
  const tgz = join(root, "target", "npm", "mangopay-wasm.tgz");
  if (existsSync(tgz) && existsSync(join(root, "pkg", "package.json"))) {
    const dir = mkdtempSync(join(tmpdir(), "proxy-sdk-"));
    const { spawnSync } = await import("node:child_process");
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
    const r = spawnSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", tgz], { cwd: dir, stdio: "inherit" });
    if (r.status !== 0) throw new Error("npm install of the packed SDK failed");
    const sdk = await import(pathToFileURL(join(dir, "node_modules", "mangopay-wasm", readPkgMain(dir))).href);
    return [sdk, "the packed tarball", () => rmSync(dir, { recursive: true, force: true })];
  }
  const node = join(root, "pkg", "dist", "node", "index.js");
  if (existsSync(node)) return [await import(pathToFileURL(node).href), "pkg/dist/node", () => {}];
  return null;
}

async function happyPathSdk() {
  let loaded;
  try {
    loaded = await loadSdk();
  } catch (err) {
    report(false, "happy (SDK): install and load the packed SDK", String(err));
    return;
  }
  if (!loaded) {
    skip("happy (SDK): the SDK through the proxy", "no SDK build (run `bash scripts/build-pkg.sh --pack`)");
    return;
  }
  const [sdk, source, cleanup] = loaded;
  try {
    await sdk.ready?.();
    const s = await newSession();
    // Node's fetch has no cookie jar: a wrapping fetch (the SDK's `fetch` option) sends the
    // session cookie and keeps it up to date from each Set-Cookie, as a browser would.
    const jar = { cookie: s.cookie };
    const cookieFetch = async (input, init = {}) => {
      const headers = new Headers(init.headers ?? (input instanceof Request ? input.headers : undefined));
      headers.set("cookie", jar.cookie);
      const res = input instanceof Request ? await fetch(new Request(input, { ...init, headers })) : await fetch(input, { ...init, headers });
      const set = res.headers.get("set-cookie");
      if (set) jar.cookie = set.split(";")[0];
      if (process.env.DEBUG_SDK) console.log("sdk fetch", init.method ?? input.method, String(input.url ?? input), res.status);
      return res;
    };
    const mp = new sdk.Mangopay({
      clientId: CLIENT_ID,
      baseUrl: `${proxyUrl}/api/mangopay`,
      headers: { "X-CSRF-Token": s.csrf },
      fetch: cookieFetch,
      maxRetries: 0,
    });
    await check(`happy (SDK, ${source}): create, read, categorize, enroll, KYC upload through the proxy`, async () => {
      const user = await mp.users.createNaturalSca(fixture("users/create_natural_sca_payer.request.json"));
      assert(/^user_m_/.test(user.Id), JSON.stringify(user));
      const read = await mp.users.getSca(user.Id);
      assert(read.Id === user.Id, "read back");
      const owner = await mp.users.categorizeNatural(user.Id, fixture("users/categorize_natural.request.json"));
      assert(owner.UserCategory === "OWNER", "categorized");
      await mp.users.enroll(user.Id);
      const file = new Blob([Buffer.from(pngBase64(40000), "base64")], { type: "image/png" });
      const doc = await mp.users.uploadKycDocument(user.Id, { Type: "IDENTITY_PROOF", Tag: "accept", files: [file] });
      assert(doc.Id && doc.Status === "VALIDATION_ASKED", JSON.stringify(doc));
      const outcome = await mp.users.getKycDocument(user.Id, doc.Id);
      assert(outcome.Status === "VALIDATED", JSON.stringify(outcome));
    });
    await check(`happy (SDK, ${source}): the proxy's param_error reaches the SDK as a MangopayError`, async () => {
      const noValidate = new sdk.Mangopay({
        clientId: CLIENT_ID,
        baseUrl: `${proxyUrl}/api/mangopay`,
        headers: { "X-CSRF-Token": s.csrf },
        fetch: cookieFetch,
        maxRetries: 0,
        validate: false,
      });
      try {
        await noValidate.users.createNaturalSca({ FirstName: "A", UserCategory: "PAYER", Email: "not-an-email" });
        throw new Error("resolved");
      } catch (e) {
        assert(sdk.isMangopayError(e) && e.status === 400 && e.type === "param_error" && e.errors?.Email, String(e && e.stack));
      }
    });
  } finally {
    cleanup();
  }
}

function readPkgMain(dir) {
  const pkg = JSON.parse(readFileSync(join(dir, "node_modules", "mangopay-wasm", "package.json"), "utf8"));
  const exp = pkg.exports?.["."];
  const pick = (e) => (typeof e === "string" ? e : e?.node ?? e?.import ?? e?.default);
  let main = pick(exp);
  while (main && typeof main !== "string") main = pick(main);
  return (main ?? pkg.main ?? "index.js").replace(/^\.\//, "");
}

// ---------------------------------------------------------------------------------------------

async function attackSuite(state) {
  const { a } = state;
  const b = await newSession();
  const userBody = fixture("users/create_natural_sca_payer.request.json");
  let r = await call(b, "POST", `${API}/sca/users/natural`, userBody);
  const userB = json(r).Id;
  r = await call(b, "POST", `${API}/users/${userB}/kyc/documents`, { Type: "ADDRESS_PROOF" });
  const docB = json(r).Id;
  // A session that is full (8 users).
  const full = await newSession();
  for (let i = 0; i < 8; i++) await call(full, "POST", `${API}/sca/users/natural`, userBody);

  const { userA, docA, bankA } = state;
  const now = Math.floor(Date.now() / 1000);
  const sidA = JSON.parse(Buffer.from(a.cookie.split("=")[1].split(".")[1], "base64url")).s;
  const forged = sign({ s: sidA, e: now + 3600, u: [userA, "user_m_victim"], d: [], b: [], k: [] }, "wrong-secret-".repeat(4));
  const expired = sign({ s: sidA, e: now - 10, u: [userA], d: [], b: [], k: [] }, secret);
  const tampered = (() => {
    const [v, payload, tag] = a.cookie.split("=")[1].split(".");
    const obj = JSON.parse(Buffer.from(payload, "base64url"));
    obj.u.push(userB);
    return `mp_session=${v}.${Buffer.from(JSON.stringify(obj)).toString("base64url")}.${tag}`;
  })();
  const withA = (extra = {}) => sessionHeaders(a, extra);
  const noCsrf = { cookie: a.cookie, "content-type": "application/json" };
  const user = (p) => `${API}/sca/users/${p}`;
  const big = (n) => JSON.stringify({ FirstName: "x".repeat(n) });

  /** [name, () => status] — each must be refused without reaching the sandbox. */
  const attacks = [
    // Traversal and path tricks.
    ["raw .. traversal", () => request({ path: `${API}/users/${userA}/../${userB}`, headers: withA() })],
    ["raw .. that resolves to an owned user", () => request({ path: `${API}/sca/users/x/../${userA}`, headers: withA() })],
    ["encoded %2e%2e that resolves to an owned user", () => request({ path: `${API}/sca/users/x/%2e%2e/${userA}`, headers: withA() })],
    ["encoded %2e%2e traversal", () => request({ path: `${API}/users/${userA}/%2e%2e/${userB}`, headers: withA() })],
    ["upper-case %2E%2E to /clients", () => request({ path: `${API}/users/%2E%2E/%2E%2E/clients`, headers: withA() })],
    ["double-encoded %252e%252e", () => request({ path: `${API}/users/${userA}/%252e%252e/${userB}`, headers: withA() })],
    ["encoded slash %2f", () => request({ path: `${user(userA)}%2fkyc`, headers: withA() })],
    ["encoded slash %2F with ..", () => request({ path: `${user(userA)}%2F..%2F${userB}`, headers: withA() })],
    ["encoded backslash %5c", () => request({ path: `${user(userA)}%5c..%5c${userB}`, headers: withA() })],
    ["raw backslash", () => request({ path: `${API}/sca/users\\${userB}`, headers: withA() })],
    ["duplicate slashes", () => request({ path: `${API}/sca//users/${userA}`, headers: withA() })],
    ["dot segment", () => request({ path: `${API}/sca/users/./${userA}`, headers: withA() })],
    ["NUL byte", () => request({ path: `${user(userA)}%00`, headers: withA() })],
    ["encoded CRLF header injection in path", () => request({ path: `${user(userA)}%0d%0aAuthorization:%20Bearer%20x`, headers: withA() })],
    ["overlong path", () => request({ path: user("a".repeat(5000)), headers: withA() })],
    ["traversal above the API prefix", () => request({ path: `/api/mangopay/../v2.01/${CLIENT_ID}/users`, headers: withA() })],
    ["other API version", () => request({ path: `/api/mangopay/v2.02/${CLIENT_ID}/sca/users/${userA}`, headers: withA() })],
    ["unknown path under the prefix", () => request({ path: `/api/mangopay/admin`, headers: withA() })],
    // Query smuggling.
    ["repeated filter", () => request({ path: `${API}/users/${userA}/kyc/documents?Status=CREATED&Status=REFUSED`, headers: withA() })],
    ["repeated filter in another case", () => request({ path: `${API}/users/${userA}/kyc/documents?status=CREATED&STATUS=REFUSED`, headers: withA() })],
    ["repeated per_page", () => request({ path: `${API}/users/${userA}/kyc/documents?per_page=100&per_page=1`, headers: withA() })],
    ["unknown query parameter", () => request({ path: `${API}/users/${userA}/kyc/documents?UserId=${userB}`, headers: withA() })],
    ["query on a non-list endpoint", () => request({ path: `${user(userA)}?expand=all`, headers: withA() })],
    ["encoded & in a filter", () => request({ path: `${API}/users/${userA}/kyc/documents?Status=CREATED%26per_page%3D100`, headers: withA() })],
    // Other resources, endpoints, clients, methods.
    ["list all users", () => request({ path: `${API}/users`, headers: withA() })],
    ["list all users (trailing slash, paged)", () => request({ path: `${API}/users/?per_page=100`, headers: withA() })],
    ["OAuth token endpoint", () => request({ method: "POST", path: `/api/mangopay/v2.01/oauth/token`, headers: withA({ "content-type": "application/x-www-form-urlencoded" }), body: "grant_type=client_credentials" })],
    ["clients resource", () => request({ path: `${API}/clients`, headers: withA() })],
    ["wallets resource", () => request({ path: `${API}/wallets/123`, headers: withA() })],
    ["pay-ins resource", () => request({ method: "POST", path: `${API}/payins/card/direct`, headers: withA(), body: "{}" })],
    ["own user's wallets (not allowlisted)", () => request({ path: `${API}/users/${userA}/wallets`, headers: withA() })],
    ["own user's transactions", () => request({ path: `${API}/users/${userA}/transactions`, headers: withA() })],
    ["own user's cards", () => request({ path: `${API}/users/${userA}/cards`, headers: withA() })],
    ["close own user", () => request({ method: "DELETE", path: `${API}/users/natural/${userA}`, headers: withA() })],
    ["legacy user creation", () => request({ method: "POST", path: `${API}/users/natural`, headers: withA(), body: JSON.stringify(userBody) })],
    ["another ClientId", () => request({ path: `/api/mangopay/v2.01/other-client/sca/users/${userA}`, headers: withA() })],
    ["PATCH", () => request({ method: "PATCH", path: user(userA), headers: withA(), body: "{}" })],
    ["DELETE on a read endpoint", () => request({ method: "DELETE", path: user(userA), headers: withA() })],
    ["TRACE", () => request({ method: "TRACE", path: user(userA), headers: withA() })],
    // Ownership: session B against A's resources.
    ["read another session's user", () => call(b, "GET", user(userA))],
    ["update another session's user", () => call(b, "PUT", `${API}/sca/users/natural/${userA}`, { Tag: "mine" })],
    ["categorize another session's user", () => call(b, "PUT", `${API}/sca/users/natural/${userA}/category`, fixture("users/categorize_natural.request.json"))],
    ["enroll another session's user", () => call(b, "POST", `${API}/sca/users/${userA}/enrollment`)],
    ["list another session's KYC documents", () => call(b, "GET", `${API}/users/${userA}/kyc/documents`)],
    ["another session's KYC document under my user", () => call(b, "GET", `${API}/users/${userB}/kyc/documents/${docA}`)],
    ["add a page to another session's document", () => call(b, "POST", `${API}/users/${userB}/kyc/documents/${docA}/pages`, { File: pngBase64(2000) })],
    ["submit another session's document", () => call(b, "PUT", `${API}/users/${userB}/kyc/documents/${docA}`, { Status: "VALIDATION_ASKED" })],
    ["another session's bank account under my user", () => call(b, "GET", `${API}/users/${userB}/bankaccounts/${bankA}`)],
    ["replay another session's idempotency key", () => call(b, "GET", `${API}/responses/happy-key-0123456789`)],
    ["a ninth user in one session", () => call(full, "POST", `${API}/sca/users/natural`, userBody)],
    // Sessions.
    ["no session cookie", () => request({ path: user(userA), headers: { "x-csrf-token": a.csrf } })],
    ["forged session (another secret)", () => request({ path: user(userA), headers: { cookie: `mp_session=${forged}`, "x-csrf-token": a.csrf } })],
    ["tampered session (user added, old signature)", () => request({ path: user(userB), headers: { cookie: tampered, "x-csrf-token": a.csrf } })],
    ["expired session (correctly signed)", () => request({ path: user(userA), headers: { cookie: `mp_session=${expired}`, "x-csrf-token": a.csrf } })],
    ["garbage session", () => request({ path: user(userA), headers: { cookie: "mp_session=v1.e30.AAAA", "x-csrf-token": a.csrf } })],
    ["session cookie sent twice", () => request({ path: user(userA), headers: { cookie: `${b.cookie}; ${a.cookie}`, "x-csrf-token": a.csrf } })],
    ["session endpoint with POST", () => request({ method: "POST", path: "/api/mangopay/session", headers: withA(), body: "{}" })],
    // CSRF and Origin.
    ["missing X-CSRF-Token", () => request({ path: user(userA), headers: noCsrf })],
    ["wrong X-CSRF-Token", () => request({ path: user(userA), headers: { ...noCsrf, "x-csrf-token": "x".repeat(43) } })],
    ["another session's X-CSRF-Token", () => request({ path: user(userA), headers: { ...noCsrf, "x-csrf-token": b.csrf } })],
    ["foreign Origin", () => request({ method: "PUT", path: `${API}/sca/users/natural/${userA}`, headers: withA({ origin: "https://evil.example" }), body: "{}" })],
    ["Origin null", () => request({ path: user(userA), headers: withA({ origin: "null" }) })],
    ["cross-site fetch without Origin", () => request({ path: user(userA), headers: withA({ "sec-fetch-site": "cross-site" }) })],
    ["preflight from a foreign origin", () => request({ method: "OPTIONS", path: `${API}/sca/users/natural`, headers: { origin: "https://evil.example", "access-control-request-method": "POST" } })],
    // Headers.
    ["X-HTTP-Method-Override", () => request({ method: "POST", path: `${API}/sca/users/${userA}/enrollment`, headers: withA({ "x-http-method-override": "DELETE" }) })],
    ["X-Method-Override", () => request({ path: user(userA), headers: withA({ "x-method-override": "DELETE" }) })],
    ["malformed Idempotency-Key", () => call(a, "POST", `${API}/sca/users/${userA}/enrollment`, undefined, { "idempotency-key": "../../responses" })],
    ["Idempotency-Key on a GET", () => call(a, "GET", user(userA), undefined, { "idempotency-key": "get-key-0123456789ab" })],
    ["obs-fold header injection (raw)", () => rawRequest(`GET ${user(userA)} HTTP/1.1\r\nHost: x\r\nCookie: ${a.cookie}\r\nX-CSRF-Token: ${a.csrf}\r\n X-Evil: 1\r\nConnection: close\r\n\r\n`)],
    ["bare CR in a header (raw)", () => rawRequest(`GET ${user(userA)} HTTP/1.1\r\nHost: x\r\nCookie: ${a.cookie}\r\nX-CSRF-Token: ${a.csrf}\rX-Evil: 1\r\nConnection: close\r\n\r\n`)],
    ["raw CRLF in the request target", () => rawRequest(`GET ${API}/users\r\nX: /sca/users/${userA} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`)],
    // Bodies.
    ["oversize JSON body", () => call(a, "PUT", `${API}/sca/users/natural/${userA}`, big(70000))],
    ["oversize KYC page (Content-Length)", () => call(a, "POST", `${API}/users/${userA}/kyc/documents/${docA}/pages`, JSON.stringify({ File: "A".repeat(10 * 1024 * 1024 + 20000) }))],
    ["text/plain body", () => call(a, "PUT", `${API}/sca/users/natural/${userA}`, "{}", { "content-type": "text/plain" })],
    ["invalid JSON", () => call(a, "PUT", `${API}/sca/users/natural/${userA}`, "{not json")],
    ["JSON array body", () => call(a, "PUT", `${API}/sca/users/natural/${userA}`, "[]")],
    ["invalid user body (param_error)", () => call(a, "PUT", `${API}/sca/users/natural/${userA}`, { Email: "not-an-email" })],
    ["KYC page that is not a PDF/JPEG/PNG", () => call(b, "POST", `${API}/users/${userB}/kyc/documents/${docB}/pages`, { File: Buffer.alloc(4000, "hello").toString("base64") })],
    ["bank account with a bad IBAN", () => call(a, "POST", `${API}/users/${userA}/bankaccounts/iban`, { ...fixture("bank_accounts/create_iban.request.json"), IBAN: "FR7630004000031234567890144" })],
    ["categorize as PAYER", () => call(b, "PUT", `${API}/sca/users/natural/${userB}/category`, { UserCategory: "PAYER" })],
    ["body on enroll", () => call(a, "POST", `${API}/sca/users/${userA}/enrollment`, { UserCategory: "PAYER" })],
  ];

  for (const [name, send] of attacks) {
    await check(`attack: ${name}`, async () => {
      const before = await counters();
      const res = await send();
      const status = typeof res === "number" ? res : res.status;
      const after = await counters();
      assert(status === 0 || status >= 400, `answered ${status}`);
      assert(after === before, `the sandbox received ${after - before} request(s)`);
      if (typeof res !== "number" && status >= 400 && status < 500 && res.body.startsWith("{")) {
        const body = json(res);
        assert(typeof body.Type === "string" && typeof body.Message === "string", `not Mangopay's shape: ${res.body}`);
      }
    });
  }
  console.log(`attack suite: ${attacks.length} crafted requests`);

  await check("a client that skipped validation gets param_error in Mangopay's shape", async () => {
    const res = await call(a, "PUT", `${API}/sca/users/natural/${userA}`, { Email: "not-an-email" });
    const body = json(res);
    assert(res.status === 400 && body.Type === "param_error" && typeof body.errors.Email === "string", res.body);
  });
  await check("the owner still reaches its resources after the attacks", async () => {
    const res = await call(a, "GET", `${API}/users/${userA}/kyc/documents/${docA}`);
    assert(res.status === 200, `${res.status}`);
  });
}

// ---------------------------------------------------------------------------------------------

function walk(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

async function staticAndSecrets(www) {
  await check("static: files served with their content types, no listing, no traversal, no dotfiles", async () => {
    let r = await request({ path: "/t/" });
    assert(r.status === 200 && r.headers["content-type"].startsWith("text/html"), `index: ${r.status}`);
    r = await request({ path: "/t/app.js" });
    assert(r.status === 200 && r.headers["content-type"].startsWith("text/javascript"), `js: ${r.headers["content-type"]}`);
    assert(r.headers["x-content-type-options"] === "nosniff", "nosniff");
    r = await request({ path: "/t/sub/page.css" });
    assert(r.status === 200 && r.headers["content-type"].startsWith("text/css"), `css: ${r.headers["content-type"]}`);
    for (const p of ["/t/.env", "/t/sub", "/t/sub/", "/t/../t/.env", "/t/%2e%2e/t/.env", "/t/sub/..%2f.env", "//etc/passwd", "/run.capnp", "/t/sub\\..\\.env", "/t/missing.js"]) {
      r = await request({ path: p });
      assert(r.status === 404, `${p}: ${r.status}`);
      assert(!r.body.includes(API_KEY), `${p} leaked the key`);
    }
    r = await request({ method: "POST", path: "/t/index.html", body: "x" });
    assert(r.status === 405, `POST static: ${r.status}`);
  });
  await check("no file served to the browser contains the API key or a token", async () => {
    for (const file of walk(www)) {
      const rel = "/" + relative(www, file).split("\\").join("/");
      const r = await request({ path: rel });
      if (r.status !== 200) continue;
      assert(!r.body.includes(API_KEY), `${rel} contains the API key`);
    }
    const everything = served.join("\n");
    assert(!everything.includes(API_KEY), "a response contained the API key");
    // The SDK's code names the field; a token *value* must never appear.
    assert(!/"access_token"\s*:\s*"[^"]+"/i.test(everything), "a response contained an OAuth token");
    assert(!/bearer\s+[0-9a-f]{16,}/i.test(everything), "a response contained a bearer token");
    assert(served.length > 100, `too few responses inspected (${served.length})`);
  });
}

// ---------------------------------------------------------------------------------------------

async function chromium(allowedOrigin, allowedPort, otherPort) {
  const pw = join(root, "tools", "node_modules", "playwright-core", "index.mjs");
  if (!existsSync(pw) || !existsSync("/usr/bin/chromium")) {
    skip("chromium checks", "playwright-core or /usr/bin/chromium missing (run scripts/setup.sh)");
    return;
  }
  const { chromium } = await import(pathToFileURL(pw).href);
  // Two plain pages: one on the allowed origin, one on another origin.
  const page = "<!doctype html><title>origin</title>";
  const servers = [allowedPort, otherPort].map((port) => {
    const s = http.createServer((_, res) => res.writeHead(200, { "content-type": "text/html" }).end(page));
    s.listen(port, "127.0.0.1");
    return s;
  });
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const context = await browser.newContext();
    const tab = await context.newPage();
    const crossOriginCall = (base) =>
      tab.evaluate(async (base) => {
        try {
          const s = await fetch(`${base}/api/mangopay/session`, { credentials: "include" });
          const { csrfToken } = await s.json();
          // A JSON POST with a custom header: the browser sends a preflight first.
          const r = await fetch(`${base}/api/mangopay/v2.01/demo-client/users/data-formats/validation`, {
            method: "POST",
            credentials: "include",
            headers: { "content-type": "application/json", "x-csrf-token": csrfToken },
            body: JSON.stringify({ CompanyNumber: { CompanyNumber: "AB123456", CountryCode: "IT" } }),
          });
          return { ok: true, status: r.status, rateLimit: r.headers.get("x-ratelimit") };
        } catch (e) {
          return { ok: false, error: String(e) };
        }
      }, base);

    await check("chromium: an allowed origin passes the CORS preflight and reads exposed headers", async () => {
      await tab.goto(allowedOrigin);
      const r = await crossOriginCall(proxyUrl);
      assert(r.ok && r.status === 200, JSON.stringify(r));
      assert(r.rateLimit, "X-RateLimit is exposed");
    });
    await check("chromium: another origin is blocked by CORS and never reaches upstream", async () => {
      await tab.goto(`http://127.0.0.1:${otherPort}/`);
      const before = await counters();
      const r = await crossOriginCall(proxyUrl);
      assert(!r.ok && /TypeError|Failed to fetch/.test(r.error), JSON.stringify(r));
      assert((await counters()) === before, "the sandbox was reached");
    });
    await check("chromium: the session cookie is HttpOnly, SameSite=Strict and invisible to scripts", async () => {
      await tab.goto(`${proxyUrl}/t/`);
      const token = await tab.evaluate(async () => (await (await fetch("/api/mangopay/session")).json()).csrfToken);
      assert(typeof token === "string" && token.length > 20, "csrf token");
      const cookies = await context.cookies(proxyUrl);
      const c = cookies.find((x) => x.name === "mp_session");
      assert(c, JSON.stringify(cookies));
      assert(c.httpOnly === true && c.sameSite === "Strict" && c.path === "/", JSON.stringify(c));
      assert(c.secure === false, "plain http on 127.0.0.1: not Secure (Secure is set over https)");
      const visible = await tab.evaluate(() => document.cookie);
      assert(!visible.includes("mp_session"), "document.cookie shows the session");
      // Same-origin page: a call with the token goes through.
      const status = await tab.evaluate(async (t) => {
        const r = await fetch("/api/mangopay/v2.01/demo-client/users/data-formats/validation", {
          method: "POST",
          headers: { "content-type": "application/json", "x-csrf-token": t },
          body: JSON.stringify({ CompanyNumber: { CompanyNumber: "AB123456", CountryCode: "IT" } }),
        });
        return r.status;
      }, token);
      assert(status === 200, `same-origin call: ${status}`);
    });
  } finally {
    await browser.close();
    servers.forEach((s) => s.close());
  }
}

// ---------------------------------------------------------------------------------------------

/** The platform-auth hook, in a second worker (tests/hooked-worker.mjs) with its own sandbox. */
async function platformHook() {
  const servers = await start({ main: join(root, "proxy", "tests", "hooked-worker.mjs") });
  const saved = { proxyUrl, sandboxUrl };
  ({ proxyUrl, sandboxUrl } = servers);
  try {
    const as = async (who) => {
      const r = await request({ path: "/api/mangopay/session", headers: who ? { "x-test-user": who } : {} });
      return { r, csrf: r.status === 200 ? json(r).csrfToken : "" };
    };
    await check("hook: without the platform's authentication the proxy answers 401", async () => {
      const { r } = await as(null);
      assert(r.status === 401, `${r.status}`);
    });
    await check("hook: a platform user owns what it creates; another platform user does not", async () => {
      const alice = await as("alice");
      assert(alice.r.status === 200 && !alice.r.headers["set-cookie"], "no cookie with the hook");
      const h = (who, csrf) => ({ "x-test-user": who, "x-csrf-token": csrf, "content-type": "application/json" });
      let r = await request({
        method: "POST",
        path: `${API}/sca/users/natural`,
        headers: h("alice", alice.csrf),
        body: JSON.stringify(fixture("users/create_natural_sca_payer.request.json")),
      });
      assert(r.status === 200, `create: ${r.status} ${r.body}`);
      const id = json(r).Id;
      r = await request({ path: `${API}/sca/users/${id}`, headers: h("alice", alice.csrf) });
      assert(r.status === 200, `alice reads: ${r.status}`);
      const bob = await as("bob");
      const before = await counters();
      r = await request({ path: `${API}/sca/users/${id}`, headers: h("bob", bob.csrf) });
      assert(r.status === 403, `bob reads: ${r.status}`);
      r = await request({ path: `${API}/sca/users/${id}`, headers: h("bob", alice.csrf) });
      assert(r.status === 403, `bob with alice's CSRF token: ${r.status}`);
      assert((await counters()) === before, "bob reached the sandbox");
    });
  } finally {
    ({ proxyUrl, sandboxUrl } = saved);
    await servers.stop();
  }
}

// ---------------------------------------------------------------------------------------------

async function main() {
  // What the demo serves (www/dist, built by www/build.mjs, when present) plus test files under
  // /t/, served as scripts/demo.sh serves it.
  const www = mkdtempSync(join(tmpdir(), "proxy-www-"));
  const demoDist = join(root, "www", "dist");
  if (existsSync(demoDist)) cpSync(demoDist, www, { recursive: true });
  else console.log("note: www/dist is not built; the secret scan covers the test files only");
  const t = join(www, "t");
  mkdirSync(join(t, "sub"), { recursive: true });
  writeFileSync(join(t, "index.html"), "<!doctype html><title>proxy test</title><script src=/t/app.js></script>");
  writeFileSync(join(t, "app.js"), "console.log('app');\n");
  writeFileSync(join(t, "sub", "page.css"), "body{}\n");
  writeFileSync(join(t, ".env"), `MANGOPAY_API_KEY=${API_KEY}\n`);
  const allowedPort = await freePort();
  const otherPort = await freePort();
  const allowedOrigin = `http://127.0.0.1:${allowedPort}`;
  const servers = await start({ origins: allowedOrigin, www, sandboxArgs: ["--kyc-delay-ms", "0", "--kyc-default", "pending"] });
  ({ proxyUrl, sandboxUrl, secret } = servers);
  try {
    const state = {};
    await happyPathRaw(state);
    await happyPathSdk(state);
    await attackSuite(state);
    await staticAndSecrets(www);
    await chromium(allowedOrigin, allowedPort, otherPort);
  } finally {
    await servers.stop();
    rmSync(www, { recursive: true, force: true });
  }
  await check("run.mjs: SIGTERM stops workerd (the port is closed afterwards)", async () => {
    const port = Number(new URL(proxyUrl).port);
    const open = await new Promise((res) => {
      const socket = net.connect({ host: "127.0.0.1", port }, () => (socket.destroy(), res(true)));
      socket.on("error", () => res(false));
    });
    assert(!open, `something still listens on ${port}`);
  });
  await platformHook();
  console.log(`\nproxy e2e: ${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped`);
  process.exit(results.failed ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
