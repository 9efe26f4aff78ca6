// Package tests: install the packed tarball (target/npm/mangopay-wasm.tgz, from
// `scripts/build-pkg.sh --pack`) into throwaway projects and run real code in every runtime
// against the real sandbox (target/release/mangopay-sandbox):
//   node-esm, node-cjs   Node 20, `import` and `require`
//   esbuild-app          an esbuild-bundled browser app in headless Chromium
//   vite-app             a Vite-built browser app, and the same app on Vite's dev server, in Chromium
//   plain-page           <script type="module"> + import map, no bundler, in headless Chromium;
//                        also under a CSP without and with 'wasm-unsafe-eval'
//   workerd              a worker on npm workerd with a raw .capnp config
//   deno                 npm deno
//   types                tsc --noEmit of a TypeScript consumer against the packed .d.ts
// Usage: node pkg/test/run.mjs [name ...]   (no name: every consumer except `types`)
// KEEP_CONSUMERS=1 keeps the temp projects for a look.
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, createReadStream, statSync } from "node:fs";
import { createServer, request as httpRequest } from "node:http";
import { createRequire } from "node:module";
import { createServer as createNetServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../..");
const bin = join(repo, "tools/node_modules/.bin");
const tarball = join(repo, "target/npm/mangopay-wasm.tgz");
const sandboxBin = join(repo, "target/release/mangopay-sandbox");
const consumersDir = join(here, "consumers");
const CLIENT_ID = "demo-client";
const API_KEY = "demo-api-key-0f3c9a7e";
const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

// ---------------------------------------------------------------- cleanup of what we start
const cleanups = [];
async function cleanup() {
  while (cleanups.length) {
    try {
      await cleanups.pop()();
    } catch {
      // best effort: keep cleaning the rest
    }
  }
}
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => cleanup().then(() => process.exit(130)));
}

// ---------------------------------------------------------------- processes
/** Runs a command to completion; rejects with its output on a non-zero exit or a timeout. */
function run(cmd, args, { cwd, env, timeoutMs = 120_000 } = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolvePromise(out);
      else reject(new Error(`${cmd} ${args.join(" ")} exited with ${code ?? signal}\n${out}`));
    });
  });
}

/** Starts a long-running process, killed at cleanup; resolves once `pattern` shows in its output. */
function start(cmd, args, { cwd, env, pattern, timeoutMs = 30_000 } = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    cleanups.push(() => new Promise((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once("close", done);
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 3000).unref();
    }));
    let out = "";
    const timer = setTimeout(() => reject(new Error(`${cmd} did not start in ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const onData = (d) => {
      out += d;
      const match = pattern && out.match(pattern);
      if (match) {
        clearTimeout(timer);
        resolvePromise({ child, match, output: () => out });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      reject(new Error(`${cmd} exited with ${code} before it was ready:\n${out}`));
    });
    if (!pattern) {
      // Nothing to wait for in the output (workerd is silent): the caller polls instead.
      clearTimeout(timer);
      child.once("spawn", () => resolvePromise({ child, match: [], output: () => out }));
    }
  });
}

function freePort() {
  return new Promise((resolvePromise, reject) => {
    const server = createNetServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolvePromise(port));
    });
  });
}

// ---------------------------------------------------------------- servers
async function startSandbox() {
  if (!existsSync(sandboxBin)) throw new Error(`${sandboxBin} is missing: cargo build --release -p mangopay-sandbox`);
  const { match } = await start(sandboxBin, ["--port", "0", "--kyc-delay-ms", "0", "--quiet"], {
    pattern: /listening on (http:\/\/[\d.]+:\d+)/,
  });
  return match[1];
}

const MIME = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript",
  ".cjs": "text/javascript", ".wasm": "application/wasm", ".json": "application/json",
  ".css": "text/css", ".map": "application/json",
};

/**
 * A static file server for `root` that also forwards /v2.01/… to the sandbox (same origin, so no
 * CORS). `?csp=strict` or `?csp=wasm` on a page adds a Content-Security-Policy (nonce `pkgtest`),
 * without or with 'wasm-unsafe-eval'.
 */
async function startWebServer(root, upstream) {
  const up = new URL(upstream);
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://localhost");
    if (url.pathname.startsWith("/v2.01/")) {
      const forward = httpRequest(
        { host: up.hostname, port: up.port, method: req.method, path: req.url, headers: { ...req.headers, host: up.host } },
        (upRes) => {
          res.writeHead(upRes.statusCode, upRes.headers);
          upRes.pipe(res);
        },
      );
      forward.on("error", () => {
        res.writeHead(502);
        res.end();
      });
      req.pipe(forward);
      return;
    }
    let file = normalize(join(root, decodeURIComponent(url.pathname)));
    if (!file.startsWith(root + sep) && file !== root) {
      res.writeHead(403);
      return res.end();
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file)) {
      res.writeHead(404);
      return res.end("not found");
    }
    const headers = { "content-type": MIME[extname(file)] || "application/octet-stream", "cache-control": "no-store" };
    const csp = url.searchParams.get("csp");
    if (csp && extname(file) === ".html") {
      headers["content-security-policy"] =
        `default-src 'self'; script-src 'self' 'nonce-pkgtest'${csp === "wasm" ? " 'wasm-unsafe-eval'" : ""}`;
    }
    res.writeHead(200, headers);
    createReadStream(file).pipe(res);
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  cleanups.push(() => new Promise((done) => { server.closeAllConnections(); server.close(done); }));
  return `http://127.0.0.1:${server.address().port}`;
}

// ---------------------------------------------------------------- throwaway projects
/** A temp project with the tarball installed and the consumer's files (plus the scenario) copied. */
async function makeProject(name, { type = "module" } = {}) {
  const dir = mkdtempSync(join(tmpdir(), `mangopay-pkg-${name}-`));
  if (!process.env.KEEP_CONSUMERS) cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: `consumer-${name}`, private: true, type }, null, 2));
  await run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", tarball], {
    cwd: dir,
    env: { npm_config_update_notifier: "false" },
  });
  cpSync(join(consumersDir, name), dir, { recursive: true });
  cpSync(join(consumersDir, "scenario.mjs"), join(dir, "scenario.mjs"));
  return dir;
}

function parseResult(output) {
  const line = output.split("\n").find((l) => l.startsWith("RESULT "));
  if (!line) throw new Error(`no RESULT line in the output:\n${output}`);
  return JSON.parse(line.slice("RESULT ".length));
}

// ---------------------------------------------------------------- browser
let browserPromise;
function browser() {
  browserPromise ??= (async () => {
    const { chromium } = createRequire(join(repo, "tools/package.json"))("playwright-core");
    const b = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
    cleanups.push(() => b.close());
    return b;
  })();
  return browserPromise;
}

/** Opens `url` in a fresh page and returns the page's `window.__result`. */
async function resultOfPage(url) {
  const b = await browser();
  const page = await b.newPage();
  const logs = [];
  page.on("console", (msg) => logs.push(`[${msg.type()}] ${msg.text()}`));
  page.on("pageerror", (err) => logs.push(`[pageerror] ${err.message}`));
  try {
    await page.goto(url);
    await page.waitForFunction(() => window.__result !== undefined, null, { timeout: 60_000 });
    const result = await page.evaluate(() => window.__result);
    if (result.error) result.error += `\nbrowser console:\n${logs.join("\n")}`;
    return result;
  } catch (error) {
    throw new Error(`${error.message}\nbrowser console:\n${logs.join("\n")}`);
  } finally {
    await page.close();
  }
}

// ---------------------------------------------------------------- consumers
// Each returns one or more `{ label, result, expected }`: `expected` is the number of checks the
// consumer's scenario must report (14 full-client checks, 3 validate-only, plus its own).
const FULL = 14;
const SLIM = 3;

const consumers = {
  async "node-esm"(sandbox) {
    const dir = await makeProject("node-esm");
    const out = await run(process.execPath, ["main.mjs"], { cwd: dir, env: { CONSUMER_ENV: JSON.stringify({ baseUrl: sandbox, clientId: CLIENT_ID, apiKey: API_KEY }) } });
    return [{ label: "Node ESM (import)", result: parseResult(out), expected: 2 + FULL + SLIM }];
  },

  async "node-cjs"(sandbox) {
    const dir = await makeProject("node-cjs", { type: "commonjs" });
    const out = await run(process.execPath, ["main.cjs"], { cwd: dir, env: { CONSUMER_ENV: JSON.stringify({ baseUrl: sandbox, clientId: CLIENT_ID, apiKey: API_KEY }) } });
    return [{ label: "Node CommonJS (require)", result: parseResult(out), expected: 2 + FULL + SLIM }];
  },

  async "esbuild-app"(sandbox) {
    const dir = await makeProject("esbuild-app");
    await run(join(bin, "esbuild"), ["app.js", "--bundle", "--format=esm", "--platform=browser", "--outdir=out", "--log-level=warning"], { cwd: dir });
    // esbuild leaves `new URL("…wasm", import.meta.url)` alone: the wasm goes next to the bundle,
    // taken from the package's public subpath (as the README tells esbuild users to do).
    const wasm = createRequire(join(dir, "package.json")).resolve("mangopay-wasm/mangopay_wasm_bg.wasm");
    cpSync(wasm, join(dir, "out/mangopay_wasm_bg.wasm"));
    // The same bundler entry with the wasm missing next to the bundle: a clear failure, then recovery.
    await run(join(bin, "esbuild"), ["missing.js", "--bundle", "--format=esm", "--platform=browser", "--outdir=out-missing", "--log-level=warning"], { cwd: dir });
    const origin = await startWebServer(dir, sandbox);
    return [
      { label: "esbuild bundle in Chromium", result: await resultOfPage(`${origin}/index.html`), expected: 1 + FULL },
      { label: "esbuild bundle, wasm not deployed: clear error, then ready(url)", result: await resultOfPage(`${origin}/missing.html`), expected: 3 },
    ];
  },

  async "vite-app"(sandbox) {
    const dir = await makeProject("vite-app");
    await run(join(bin, "vite"), ["build", "--logLevel", "warn"], { cwd: dir, env: { SANDBOX_URL: sandbox } });
    const origin = await startWebServer(join(dir, "dist"), sandbox);
    const built = await resultOfPage(`${origin}/index.html`);
    // The dev server too: it pre-bundles the package and must still find the wasm.
    const { match } = await start(join(bin, "vite"), ["--logLevel", "info"], {
      cwd: dir,
      env: { SANDBOX_URL: sandbox, NO_COLOR: "1" },
      pattern: /Local:\s+(http:\/\/[\d.]+:\d+)/,
    });
    return [
      { label: "Vite build in Chromium", result: built, expected: 1 + FULL },
      { label: "Vite dev server in Chromium", result: await resultOfPage(`${match[1]}/`), expected: 1 + FULL },
    ];
  },

  async "plain-page"(sandbox) {
    const dir = await makeProject("plain-page");
    const origin = await startWebServer(dir, sandbox);
    return [
      { label: "plain <script type=module> in Chromium", result: await resultOfPage(`${origin}/index.html`), expected: 3 + FULL + SLIM },
      { label: "plain page, CSP without 'wasm-unsafe-eval'", result: await resultOfPage(`${origin}/index.html?csp=strict`), expected: 4 },
      { label: "plain page, CSP with 'wasm-unsafe-eval'", result: await resultOfPage(`${origin}/index.html?csp=wasm`), expected: 3 + FULL + SLIM },
    ];
  },

  async workerd(sandbox) {
    const dir = await makeProject("workerd");
    await run(join(bin, "esbuild"), [
      "worker.js", "--bundle", "--format=esm", "--platform=neutral", "--conditions=workerd,worker,browser",
      "--main-fields=module,main", "--external:*.wasm", "--outfile=out/worker.js", "--log-level=warning",
    ], { cwd: dir });
    const need = createRequire(join(dir, "package.json"));
    cpSync(need.resolve("mangopay-wasm/mangopay_wasm_bg.wasm"), join(dir, "out/mangopay_wasm_bg.wasm"));
    cpSync(need.resolve("mangopay-wasm/mangopay_validate_bg.wasm"), join(dir, "out/mangopay_validate_bg.wasm"));
    const port = await freePort();
    const config = readFileSync(join(dir, "config.capnp.in"), "utf8").replaceAll("@PORT@", String(port)).replaceAll("@SANDBOX_URL@", sandbox);
    writeFileSync(join(dir, "config.capnp"), config);
    const { output } = await start(join(bin, "workerd"), ["serve", "config.capnp"], { cwd: dir, pattern: null });
    const url = `http://127.0.0.1:${port}/`;
    let response;
    for (let attempt = 0; attempt < 300 && !response; attempt++) {
      response = await fetch(url).catch(() => new Promise((ok) => setTimeout(() => ok(undefined), 100)));
    }
    if (!response) throw new Error(`workerd did not answer on ${url}:\n${output()}`);
    const text = await response.text();
    let result;
    try {
      result = JSON.parse(text);
    } catch {
      throw new Error(`workerd answered ${response.status} ${text}\n${output()}`);
    }
    if (result.error) result.error += `\nworkerd output:\n${output()}`;
    return [{ label: "workerd worker (raw .capnp)", result, expected: 1 + FULL + SLIM }];
  },

  async deno(sandbox) {
    const dir = await makeProject("deno");
    const out = await run(join(bin, "deno"), ["run", "--allow-net=127.0.0.1", "--allow-env=CONSUMER_ENV", "main.mjs"], {
      cwd: dir,
      env: {
        CONSUMER_ENV: JSON.stringify({ baseUrl: sandbox, clientId: CLIENT_ID, apiKey: API_KEY }),
        DENO_DIR: join(dir, ".deno"),
        DENO_NO_UPDATE_CHECK: "1",
        NO_COLOR: "1",
      },
    });
    return [{ label: "Deno", result: parseResult(out), expected: 2 + FULL + SLIM }];
  },

  async types() {
    const dir = await makeProject("types");
    await run(join(bin, "tsc"), ["-p", "."], { cwd: dir });
    await run(join(bin, "tsc"), ["-p", "tsconfig.bundler.json"], { cwd: dir });
    return [{
      label: "TypeScript consumer (tsc --noEmit, @ts-expect-error lines; nodenext ESM + CJS, bundler)",
      result: { checks: ["tsc nodenext", "tsc bundler"] },
      expected: 2,
    }];
  },
};

// ---------------------------------------------------------------- main
async function main() {
  const names = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(consumers).filter((n) => n !== "types");
  for (const name of names) if (!consumers[name]) throw new Error(`unknown consumer ${name}; known: ${Object.keys(consumers).join(", ")}`);
  if (!existsSync(tarball)) throw new Error(`${tarball} is missing: bash scripts/build-pkg.sh --pack`);
  const sandbox = names.some((n) => n !== "types") ? await startSandbox() : null;

  let failed = 0;
  let passedChecks = 0;
  for (const name of names) {
    const started = Date.now();
    let outcomes;
    try {
      outcomes = await consumers[name](sandbox);
    } catch (error) {
      outcomes = [{ label: name, result: { error: error.stack || String(error) }, expected: 0 }];
    }
    for (const { label, result, expected } of outcomes) {
      const count = result.checks ? result.checks.length : 0;
      const ok = !result.error && count === expected;
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      if (ok) {
        passedChecks += count;
        console.log(`  ok   ${label}: ${count} checks (${seconds}s)`);
      } else {
        failed++;
        console.log(`  FAIL ${label}: ${result.error || `${count} checks, expected ${expected}: ${JSON.stringify(result.checks)}`}`);
      }
    }
  }
  console.log(failed ? `\n${failed} package test(s) failed` : `\nall package tests passed (${passedChecks} checks)`);
  return failed ? 1 : 0;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error(error.stack || String(error));
} finally {
  await cleanup();
}
process.exit(code);
