// The built package's Node entry (pkg/dist/node.js) against tests/server: construction errors,
// MangopayError, junk arguments of every JS type to every export, pagination, File/Blob uploads,
// Standard Schema. Run by `scripts/test.sh wasm` (MANGOPAY_TEST_SERVER is the server's URL).
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  Mangopay, MangopayError, isMangopayError, validate, schemas, ready, scaRedirectUrl,
} from "../../pkg/dist/node.js";
import * as validateOnly from "../../pkg/dist/validate/node.js";

const SERVER = process.env.MANGOPAY_TEST_SERVER;
if (!SERVER) throw new Error("MANGOPAY_TEST_SERVER is not set (run scripts/test.sh wasm)");
let n = 0;
const clientId = (name) => `js-${name}-${process.pid}-${n++}`;
const recorded = async (client) => (await fetch(`${SERVER}/__test/requests?client=${client}`)).json();
const script = (client, rules) => fetch(`${SERVER}/__test/script?client=${client}`, { method: "POST", body: JSON.stringify(rules) });
const mp = (client, extra = {}) => new Mangopay({ clientId: client, baseUrl: SERVER, ...extra });
const natural = { FirstName: "Joe", LastName: "Bloggs", Email: "joe@example.com", UserCategory: "PAYER", TermsAndConditionsAccepted: true };
const USER = "user_m_01";

// Every JS type, and some nasty values.
const circular = {};
circular.self = circular;
const JUNK = [
  undefined, null, 0, -1, NaN, Infinity, 1.5, 10n, true, false, "", "x/../y", "a".repeat(100_000),
  Symbol("s"), () => 1, [], [1, [2]], {}, { a: { b: null } }, circular, new Date(0), /re/,
  new Map([[1, 2]]), new Set([1]), new Uint8Array(3), new ArrayBuffer(2), Promise.resolve(1),
  new Error("e"), Object.create(null),
];

function describe(value) {
  try {
    return JSON.stringify(value, (k, v) => (typeof v === "bigint" ? `${v}n` : v)) ?? typeof value;
  } catch {
    return typeof value;
  }
}

test("ready() is idempotent and concurrent-safe", async () => {
  await Promise.all([ready(), ready(), ready()]);
  await ready();
});

test("construction refuses every bad configuration with a MangopayError", () => {
  const bad = [
    undefined, null, 1, "x", [], () => 1, {}, { clientId: "" }, { clientId: 1 }, { clientId: "c", baseUrl: 1 },
    { clientId: "c", baseUrl: "not a url" }, { clientId: "c", timeoutMs: 0 }, { clientId: "c", timeoutMs: -5 },
    { clientId: "c", maxRetries: 1.5 }, { clientId: "c", maxRetries: -1 }, { clientId: "c", credentials: "always" },
    { clientId: "c", fetch: "nope" }, { clientId: "c", headers: "x" }, { clientId: "c", headers: { "Bad Name": "v" } },
    { clientId: "c", maxRetries: 10n }, circular,
  ];
  for (const config of bad) {
    assert.throws(() => new Mangopay(config), (e) => e instanceof MangopayError && isMangopayError(e) && e.type === "param_error", describe(config));
  }
  // An apiKey in a browser needs dangerouslyAllowBrowser.
  globalThis.window = { document: {} };
  try {
    assert.throws(() => new Mangopay({ clientId: "c", apiKey: "k" }), (e) => isMangopayError(e) && /browser/.test(e.message));
    new Mangopay({ clientId: "c", apiKey: "k", dangerouslyAllowBrowser: true });
  } finally {
    delete globalThis.window;
  }
});

test("MangopayError is a real Error with the API's fields", async () => {
  const client = clientId("error");
  await script(client, [{ match: "/sca/users/u1", status: 400, body: { Message: "bad", Type: "param_error", Id: "e1", Date: 1700000000, errors: { Email: "nope" } } }]);
  const e = await mp(client).users.getSca("u1").then(() => null, (e) => e);
  assert.ok(e instanceof Error && e instanceof MangopayError && isMangopayError(e));
  assert.equal(e.name, "MangopayError");
  assert.equal(typeof e.stack, "string");
  assert.deepEqual([e.status, e.type, e.message, e.id, e.date, e.retryable], [400, "param_error", "bad", "e1", 1700000000, false]);
  assert.deepEqual(e.errors, { Email: "nope" });
  assert.deepEqual(e.issues, []);
  assert.equal(isMangopayError(new Error("x")), false);
  assert.equal(isMangopayError(null), false);
  // Client-side validation has the same shape, plus issues.
  const v = await mp(client).users.createNaturalSca({ ...natural, Email: "nope" }).then(() => null, (e) => e);
  assert.equal(v.type, "param_error");
  assert.equal(typeof v.errors.Email, "string");
  assert.equal(v.issues[0].path, "Email");
  assert.equal(v.status, 0);
});

test("validators return {ok, issues, errors} for any input and never throw", () => {
  assert.deepEqual(validate.createNaturalSca(natural), { ok: true, issues: [], errors: {} });
  const r = validate.createNaturalSca({ ...natural, Address: { Country: "XX" } });
  assert.equal(r.ok, false);
  assert.ok("Address.Country" in r.errors);
  for (const name of Object.keys(validate)) {
    for (const value of JUNK) {
      const out = validate[name](value, value);
      assert.equal(typeof out.ok, "boolean", name);
      assert.ok(Array.isArray(out.issues), name);
      const std = schemas[name]["~standard"].validate(value);
      assert.ok("value" in std || Array.isArray(std.issues), name);
    }
  }
  assert.equal(schemas.createNaturalSca["~standard"].vendor, "mangopay-wasm");
  assert.equal(schemas.createNaturalSca["~standard"].version, 1);
  const std = schemas.createNaturalSca["~standard"].validate({ ...natural, Address: { Country: "XX" } });
  assert.ok(std.issues.some((i) => i.path.join("/") === "Address/Country"));
  assert.deepEqual(validate.createKycDocument({ Type: "SHAREHOLDER_DECLARATION" }, { PersonType: "NATURAL" }).ok, false);
  assert.equal(validate.kycPage(new Uint8Array(10), { Type: "IDENTITY_PROOF" }).ok, false);
  assert.equal(validateOnly.validate.createNaturalSca(natural).ok, true);
});

test("scaRedirectUrl appends the encoded returnUrl and enforces 2,000 chars", () => {
  assert.equal(scaRedirectUrl("https://sca.example/s?token=a", "https://shop.example/back?x=1"), "https://sca.example/s?token=a&returnUrl=https%3A%2F%2Fshop.example%2Fback%3Fx%3D1");
  assert.equal(scaRedirectUrl({ PendingUserAction: { RedirectUrl: "https://sca.example/s" } }, "https://a.example"), "https://sca.example/s?returnUrl=https%3A%2F%2Fa.example");
  assert.throws(() => scaRedirectUrl("https://sca.example/s", "https://a.example/" + "x".repeat(2000)), (e) => isMangopayError(e) && e.type === "param_error");
  for (const a of JUNK) for (const b of [a, "https://a.example"]) {
    try {
      scaRedirectUrl(a, b);
    } catch (e) {
      assert.ok(isMangopayError(e));
    }
  }
});

test("junk arguments of every JS type to every method reject with MangopayError; the instance stays usable", async () => {
  const client = clientId("junk");
  const m = mp(client, { maxRetries: 0 });
  const names = Object.keys(m.users);
  assert.ok(names.length >= 46, String(names.length));
  for (const name of names) {
    for (const value of JUNK) {
      for (const args of [[value], [value, value], [USER, value, value, value], [USER, "doc", value, value]]) {
        let p;
        try {
          p = m.users[name](...args);
        } catch (e) {
          assert.fail(`${name} threw synchronously: ${e}`);
        }
        assert.ok(p instanceof Promise, name);
        await p.then(() => {}, (e) => assert.ok(isMangopayError(e), `${name}: ${e}`));
      }
    }
  }
  for (const value of JUNK) {
    await m.request(value).then(() => {}, (e) => assert.ok(isMangopayError(e), `request: ${e}`));
    try {
      for await (const _ of m.paginate(value)) break;
    } catch (e) {
      assert.ok(isMangopayError(e), `paginate: ${e}`);
    }
  }
  const user = await m.users.getSca(USER);
  assert.equal(user._path, `/sca/users/${USER}`);
});

test("list methods resolve to {data, pagination} and paginate walks every page", async () => {
  const client = clientId("pages");
  const m = mp(client);
  const first = await m.users.getKycDocuments(USER, { perPage: 10 });
  assert.deepEqual(first.pagination, { page: 1, perPage: 10, totalItems: 25, totalPages: 3 });
  assert.equal(first.data.length, 10);
  const defaults = await m.users.getAll();
  assert.deepEqual(defaults.pagination, { page: 1, perPage: 10, totalItems: 25, totalPages: 3 });
  const ids = [];
  for await (const item of m.paginate("getWallets", USER, { perPage: 10 })) ids.push(item.Id);
  assert.equal(ids.length, 25);
  assert.equal(new Set(ids).size, 25);
  const pages = (await recorded(client)).filter((r) => r.path.endsWith("/wallets")).map((r) => r.query);
  assert.deepEqual(pages, ["page=1&per_page=10", "page=2&per_page=10", "page=3&per_page=10"]);
});

test("KYC pages from File and Blob: 0 bytes and wrong types are refused, 7 MB is sent", async () => {
  const client = clientId("files");
  const m = mp(client);
  const pdf = (size) => {
    const bytes = new Uint8Array(size);
    bytes.set(new TextEncoder().encode("%PDF-1.4\n"));
    return bytes;
  };
  const empty = await m.users.createKycPageFromFile(USER, "doc_1", new File([], "empty.pdf")).then(() => null, (e) => e);
  assert.equal(empty.type, "param_error");
  const gif = await m.users.createKycPageFromFile(USER, "doc_1", new Blob([new TextEncoder().encode("GIF89a" + "x".repeat(2000))])).then(() => null, (e) => e);
  assert.ok(gif.issues.some((i) => i.code === "unsupported_file_type"));
  assert.equal((await recorded(client)).length, 0);
  await m.users.createKycPageFromFile(USER, "doc_1", new File([pdf(7 * 1024 * 1024)], "big.pdf", { type: "application/pdf" }));
  const [sent] = await recorded(client);
  assert.equal(sent.path, `/users/${USER}/kyc/documents/doc_1/pages`);
  assert.ok(sent.bodyLength > 9_000_000);
  const events = [];
  const doc = await m.users.uploadKycDocument(USER, { Type: "ADDRESS_PROOF", PersonType: "NATURAL", files: [new Blob([pdf(2000)]), new File([pdf(3000)], "b.pdf")] }, { onProgress: (p) => events.push(p) });
  assert.equal(doc.Status, "VALIDATION_ASKED");
  assert.deepEqual(events.map((e) => e.pagesSent), [0, 1, 2]);
  const tooMany = await m.users.uploadKycDocument(USER, { Type: "ADDRESS_PROOF", files: Array.from({ length: 6 }, () => new Blob([pdf(2000)])) }).then(() => null, (e) => e);
  assert.ok(isMangopayError(tooMany) && tooMany.type === "param_error");
});

test("the raw passthrough and per-call options", async () => {
  const client = clientId("raw");
  const m = mp(client, { headers: { "X-CSRF-Token": "t" } });
  const out = await m.request({ method: "GET", path: "/users/nope", query: { page: 1 } });
  assert.equal(out.status, 200);
  assert.equal(typeof out.body, "string");
  assert.equal(out.headers["content-type"], "application/json");
  const controller = new AbortController();
  await script(client, [{ match: "/slow", delayMs: 2000, status: 200, body: {} }]);
  setTimeout(() => controller.abort(), 30);
  const aborted = await m.users.getSca("slow", { signal: controller.signal }).then(() => null, (e) => e);
  assert.equal(aborted.type, "aborted");
  const [first] = await recorded(client);
  assert.equal(first.headers["x-csrf-token"], "t");
  assert.ok(Array.isArray(m.rateLimits));
});

test("the first attempt goes from JS: a 2xx records rate limits; errors, retries, replays and timeouts go on in Rust", async () => {
  const client = clientId("first");
  const m = mp(client, { maxRetries: 2 });
  const limits = { "X-RateLimit": "1,2,3,4", "X-RateLimit-Remaining": "9,8,7,6", "X-RateLimit-Reset": "1700000001,1700000002,1700000003,1700000004" };
  await script(client, [{ match: "/sca/users/u1", status: 200, body: { Id: "u1" }, headers: limits }]);
  assert.deepEqual(await m.users.getSca("u1"), { Id: "u1" });
  assert.deepEqual(m.rateLimits.map((b) => b.callsRemaining), [9, 8, 7, 6]);
  await script(client, [{ match: "/sca/users/u2", status: 503, body: {} }, { match: "/sca/users/u3", drop: true }]);
  assert.equal((await m.users.getSca("u2"))._path, "/sca/users/u2");
  assert.equal((await m.users.getSca("u3"))._path, "/sca/users/u3");
  await script(client, [{ match: "/sca/users/u4", status: 404, body: { Type: "ressource_not_found", Message: "No user" } }]);
  const missing = await m.users.getSca("u4").then(() => null, (e) => e);
  assert.ok(isMangopayError(missing) && missing.status === 404 && missing.type === "ressource_not_found", String(missing));
  const created = await m.users.createNaturalSca(natural, { idempotencyKey: "first-key-0123456789" });
  const replayed = await m.users.createNaturalSca(natural, { idempotencyKey: "first-key-0123456789" });
  assert.deepEqual(replayed, created);
  await script(client, [{ match: "/users/raw", status: 503, body: {} }]);
  const out = await m.request({ method: "GET", path: "/users/raw" });
  assert.equal(out.status, 200);
  assert.equal(out.headers["content-type"], "application/json");
  const once = mp(client, { maxRetries: 0 });
  await script(client, [{ match: "/sca/users/slow", delayMs: 1000, status: 200, body: {} }]);
  const late = await once.users.getSca("slow", { timeoutMs: 50 }).then(() => null, (e) => e);
  assert.equal(late.type, "timeout");
  const paths = (await recorded(client)).map((r) => r.path);
  assert.deepEqual(paths.filter((p) => p === "/sca/users/u2" || p === "/sca/users/u3"), ["/sca/users/u2", "/sca/users/u2", "/sca/users/u3", "/sca/users/u3"]);
  assert.ok(paths.some((p) => p.startsWith("/responses/")), paths.join(" "));
});

test("a response with status 0 from an injected fetch is an answer (an error), not a reason to send again", async () => {
  let calls = 0;
  const fake = async () => {
    calls += 1;
    return { status: 0, headers: new Headers(), text: async () => "" };
  };
  const m = new Mangopay({ clientId: clientId("zero"), baseUrl: SERVER, fetch: fake, maxRetries: 0 });
  const e = await m.users.getSca(USER).then(() => null, (err) => err);
  assert.ok(isMangopayError(e), String(e));
  assert.equal(calls, 1);
});
