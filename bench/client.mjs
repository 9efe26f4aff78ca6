// Benchmark of the JS client (not a test: it prints numbers). Run after scripts/build-pkg.sh:
//   node bench/client.mjs
// Prints: (1) wasm + glue size of the browser (web) build, raw and gzipped; (2)
// validate.createNaturalSca calls per second from JS in Node; (3) the median latency of an SDK GET
// vs a raw fetch GET against a local server (tests/server/test-server.mjs in a child process),
// and, for context, vs a raw fetch that carries a timeout signal as the SDK's requests do.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { spawn, execFileSync } from "node:child_process";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "pkg/dist");
const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;
const kb = (n) => (n / 1024).toFixed(1) + " KB";
// What a browser app ships: the wasm, and the browser entry bundled + minified (wasm external).
for (const [label, entry, wasmFile] of [
  ["client (browser entry)", "browser.js", "mangopay_wasm_bg.wasm"],
  ["validate-only (browser entry)", "validate/browser.js", "validate/mangopay_validate_bg.wasm"],
]) {
  const wasm = readFileSync(join(dist, wasmFile));
  const js = execFileSync(join(root, "tools/node_modules/.bin/esbuild"), [
    join(dist, entry), "--bundle", "--minify", "--format=esm", "--platform=neutral",
    "--conditions=browser", "--external:*.wasm", "--log-level=error",
  ], { maxBuffer: 64 << 20 });
  console.log(`size ${label}: wasm ${kb(wasm.length)} raw / ${kb(gz(wasm))} gz + JS ${kb(js.length)} raw / ${kb(gz(js))} gz = ${kb(gz(wasm) + gz(js))} gz total`);
}

const { Mangopay, validate } = await import(join(dist, "node.js"));
const body = {
  FirstName: "Joe", LastName: "Bloggs", Email: "joe.bloggs@example.com", UserCategory: "OWNER",
  TermsAndConditionsAccepted: true, Birthday: 652117514, Nationality: "FR", CountryOfResidence: "FR",
  PhoneNumber: "+33611111111", PhoneNumberCountry: "FR", Tag: "bench",
  Address: { AddressLine1: "1 rue de la Paix", City: "Paris", PostalCode: "75001", Country: "FR" },
};
// A full OWNER body (address, phone: 380 bytes of JSON) and a minimal PAYER body (100 bytes).
const payer = { FirstName: "Joe", LastName: "Bloggs", Email: "joe@example.com", UserCategory: "PAYER", TermsAndConditionsAccepted: true };
for (const [label, value] of [["OWNER body", body], ["PAYER body", payer]]) {
  if (!validate.createNaturalSca(value).ok) throw new Error("the bench bodies must be valid");
  const rates = [];
  for (let round = 0; round < 5; round++) {
    let calls = 0;
    const start = performance.now();
    while (performance.now() - start < 1000) {
      for (let i = 0; i < 1000; i++) validate.createNaturalSca(value);
      calls += 1000;
    }
    rates.push(calls / ((performance.now() - start) / 1000));
  }
  rates.sort((a, b) => a - b);
  const fmt = (n) => Math.round(n).toLocaleString("en");
  console.log(`validate.createNaturalSca, ${label}: ${fmt(rates[2])} calls/s (median of 5 one-second rounds; min ${fmt(rates[0])}, max ${fmt(rates[4])})`);
}

const server = spawn(process.execPath, [join(root, "tests/server/test-server.mjs"), "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
try {
  const base = await new Promise((resolve, reject) => {
    server.stdout.on("data", (d) => {
      const m = String(d).match(/http:\/\/[0-9.:]+/);
      if (m) resolve(m[0]);
    });
    server.on("exit", () => reject(new Error("server exited")));
  });
  const mp = new Mangopay({ clientId: "bench", baseUrl: base });
  const url = `${base}/v2.01/bench/sca/users/user_m_01`;
  const headers = { Accept: "application/json" };
  const raw = async () => (await fetch(url, { headers })).json();
  // What a careful app writes without the SDK: the same GET with a timeout (the SDK's default
  // 30 s), which makes Node's fetch follow an AbortSignal as the SDK's requests do.
  const rawTimeout = async () => (await fetch(url, { headers, signal: AbortSignal.timeout(30_000) })).json();
  const sdk = () => mp.users.getSca("user_m_01");
  const runs = [["sdk", sdk], ["raw", raw], ["rawTimeout", rawTimeout]];
  for (let i = 0; i < 300; i++) for (const [, f] of runs) await f();
  const median = (a) => [...a].sort((x, y) => y < x ? 1 : -1)[a.length >> 1];
  // Five rounds of 1000 interleaved triples (the order rotates); each round gives its medians.
  const rounds = [];
  for (let round = 0; round < 5; round++) {
    const t = { sdk: [], raw: [], rawTimeout: [] };
    for (let i = 0; i < 1000; i++) {
      for (let j = 0; j < runs.length; j++) {
        const [k, f] = runs[(i + j) % runs.length];
        const s = performance.now();
        await f();
        t[k].push(performance.now() - s);
      }
    }
    rounds.push({ sdk: median(t.sdk), raw: median(t.raw), rawTimeout: median(t.rawTimeout) });
  }
  const byRatio = (key) => rounds.map((r) => r.sdk / r[key]).sort((a, b) => a - b);
  const us = (ms) => `${(ms * 1000).toFixed(0)} µs`;
  const mid = rounds.map((r) => r.sdk / r.raw).indexOf(median(rounds.map((r) => r.sdk / r.raw)));
  const r = rounds[mid];
  const [vsRaw, vsTimeout] = [byRatio("raw"), byRatio("rawTimeout")];
  console.log(`GET latency: SDK ${us(r.sdk)} vs raw fetch ${us(r.raw)} median = ${vsRaw[2].toFixed(2)}× (median of 5 rounds of 1000 interleaved calls each; rounds ${vsRaw[0].toFixed(2)}–${vsRaw[4].toFixed(2)}×)`);
  console.log(`GET latency: SDK vs raw fetch with a 30 s AbortSignal.timeout (${us(r.rawTimeout)}) = ${vsTimeout[2].toFixed(2)}× (rounds ${vsTimeout[0].toFixed(2)}–${vsTimeout[4].toFixed(2)}×)`);
} finally {
  server.kill();
}
