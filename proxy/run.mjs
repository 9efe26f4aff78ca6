#!/usr/bin/env node
// Runs the reference proxy in workerd on 127.0.0.1.
//
//   node proxy/run.mjs --port 8787 --upstream http://127.0.0.1:8790 --client-id demo-client \
//     --api-key demo-api-key-0f3c9a7e [--session-secret S] [--origins URL,...] [--www DIR] \
//     [--endpoints default,closeNatural] [--session-ttl SECS] [--main worker.mjs]
//
// Builds the policy wasm when its sources changed (cargo + wasm-bindgen + wasm-opt) and the SDK
// package (scripts/build-pkg.sh, stamped) for the upstream calls, writes a
// raw workerd config (mode 0600: it holds the API key) with the modules embedded, starts
// `workerd serve`, prints `proxy listening on http://127.0.0.1:PORT` once it accepts
// connections, and on SIGINT/SIGTERM stops workerd and removes the config.
//
// `--main` runs your own worker module instead of worker/proxy.mjs (it imports "./proxy.mjs"
// and calls `createProxy(hooks)`, e.g. with the platform-auth hook).

import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..");
const gen = join(here, "worker", "gen");

function parseArgs(argv) {
  const opts = {
    port: "8787",
    upstream: "http://127.0.0.1:8790",
    "client-id": "demo-client",
    "api-key": process.env.MANGOPAY_API_KEY ?? "",
    "session-secret": process.env.SESSION_SECRET ?? "",
    origins: "",
    www: "",
    endpoints: "",
    "session-ttl": "0",
    main: "",
  };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].replace(/^--/, "");
    if (name === "help" || name === "h") {
      const lines = readFileSync(fileURLToPath(import.meta.url), "utf8").split("\n").slice(1);
      const header = lines.slice(0, lines.findIndex((l) => !l.startsWith("//")));
      console.log(header.join("\n").replace(/^\/\/ ?/gm, ""));
      process.exit(0);
    }
    if (!(name in opts) || i + 1 >= argv.length) fail(`unknown or incomplete option ${argv[i]} (see --help)`);
    opts[name] = argv[++i];
  }
  if (!opts["api-key"]) fail("--api-key (or MANGOPAY_API_KEY) is required");
  if (!/^\d+$/.test(opts.port)) fail("--port must be a number");
  // Without a configured secret, sessions last as long as this process.
  if (!opts["session-secret"]) opts["session-secret"] = randomBytes(32).toString("hex");
  if (Buffer.byteLength(opts["session-secret"]) < 32) fail("--session-secret must be at least 32 bytes");
  return opts;
}

function fail(message) {
  console.error(`proxy: ${message}`);
  process.exit(2);
}

/** Newest modification time under `paths` (files or folders, recursively). */
function newest(paths) {
  let t = 0;
  for (const p of paths) {
    if (!existsSync(p)) continue;
    const s = statSync(p);
    if (s.isDirectory()) t = Math.max(t, newest(readdirSync(p).map((n) => join(p, n))));
    else t = Math.max(t, s.mtimeMs);
  }
  return t;
}

function run(cmd, args, env = process.env) {
  const r = spawnSync(cmd, args, { cwd: root, env, stdio: ["ignore", 2, 2] });
  if (r.status !== 0) fail(`${cmd} ${args.join(" ")} failed`);
}

/** Builds worker/gen/ (policy wasm + bindings) unless it is newer than every input. */
export function buildIfStale() {
  const stamp = join(gen, ".stamp");
  const inputs = [join(root, "src"), join(here, "src"), join(here, "Cargo.toml"), join(root, "Cargo.toml"), join(root, "Cargo.lock")];
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= newest(inputs)) return;
  console.error("proxy: building the policy wasm");
  // wasm-bindgen needs the custom sections that `strip = true` removes: build with the
  // workspace's `wasm-release` profile when it has one (shared with the package build), else
  // `release` without strip; wasm-opt strips names afterwards.
  const hasWasmProfile = /^\[profile\.wasm-release\]/m.test(readFileSync(join(root, "Cargo.toml"), "utf8"));
  const profile = hasWasmProfile ? "wasm-release" : "release";
  const env = hasWasmProfile ? process.env : { ...process.env, CARGO_PROFILE_RELEASE_STRIP: "false" };
  run("cargo", ["build", "-p", "mangopay-proxy", "--target", "wasm32-unknown-unknown", "--profile", profile, "--locked"], env);
  mkdirSync(gen, { recursive: true });
  // cargo writes where CARGO_TARGET_DIR says (relative to the workspace root), else ./target.
  const targetDir = resolve(root, process.env.CARGO_TARGET_DIR || "target");
  const wasm = join(targetDir, "wasm32-unknown-unknown", profile, "mangopay_proxy.wasm");
  run("wasm-bindgen", ["--target", "web", "--out-dir", gen, wasm]);
  const opt = join(root, "tools", "node_modules", ".bin", "wasm-opt");
  const bg = join(gen, "mangopay_proxy_bg.wasm");
  // The features wasm-bindgen's output uses, no more: `--all-features` would let wasm-opt emit
  // proposals (stringref, GC) that Node 20 and older runtimes refuse.
  const features = ["reference-types", "bulk-memory", "sign-ext", "nontrapping-float-to-int", "mutable-globals", "multivalue"];
  if (existsSync(opt)) {
    run(opt, ["-Oz", ...features.map((f) => `--enable-${f}`), "--strip-debug", "--strip-producers", bg, "-o", bg]);
  }
  writeFileSync(stamp, new Date().toISOString() + "\n");
}

/** Files under `dir` (relative paths), recursively. */
function files(dir, base = dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p, base) : [relative(base, p)];
  });
}

/**
 * Puts the SDK (the npm package's build, `bash scripts/build-pkg.sh`, stamped) into
 * worker/gen/sdk/ with an entry that initializes its wasm from a compiled module, for
 * worker/sdk-upstream.mjs. Returns the module names to embed.
 */
export function prepareSdk() {
  if (existsSync(join(root, "scripts", "build-pkg.sh"))) run("bash", ["scripts/build-pkg.sh"]);
  const dist = join(root, "pkg", "dist");
  let from;
  let entry;
  let roots;
  if (existsSync(join(dist, "workerd.js"))) {
    from = dist;
    roots = ["workerd.js"];
    entry = 'export { Mangopay } from "./sdk/workerd.js";\n';
  } else if (existsSync(join(dist, "web", "index.js"))) {
    from = join(dist, "web");
    roots = ["index.js", "mangopay_wasm.js", "mangopay_wasm_bg.wasm"];
    entry = [
      'import wasmModule from "./sdk/mangopay_wasm_bg.wasm";',
      'import { initSync } from "./sdk/mangopay_wasm.js";',
      'export { Mangopay } from "./sdk/index.js";',
      "initSync({ module: wasmModule });",
      "",
    ].join("\n");
  } else {
    fail("pkg/dist has no workerd or web build (run `bash scripts/build-pkg.sh`)");
  }
  // Copy the entry's relative-import closure only (other runtimes' entries stay out).
  const sdk = join(gen, "sdk");
  rmSync(sdk, { recursive: true, force: true });
  const modules = [];
  const todo = [...roots];
  while (todo.length) {
    const rel = todo.pop();
    if (modules.includes(`sdk/${rel}`)) continue;
    const src = join(from, rel);
    if (!existsSync(src) || relative(from, src).startsWith("..")) fail(`the SDK build lacks ${rel}`);
    mkdirSync(dirname(join(sdk, rel)), { recursive: true });
    copyFileSync(src, join(sdk, rel));
    modules.push(`sdk/${rel}`);
    if (rel.endsWith(".wasm")) continue;
    const text = readFileSync(src, "utf8");
    for (const m of text.matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)) {
      todo.push(relative(from, resolve(dirname(src), m[1])));
    }
  }
  writeFileSync(join(gen, "sdk-entry.mjs"), entry);
  return modules;
}

/** Fails fast on a configuration the worker would refuse (the same policy code, run in Node). */
async function checkConfig(opts) {
  const glue = await import(pathToFileURL(join(gen, "mangopay_proxy.js")).href);
  glue.initSync({ module: readFileSync(join(gen, "mangopay_proxy_bg.wasm")) });
  try {
    new glue.Policy(opts["client-id"], opts["session-secret"], opts.origins, opts.endpoints, Number(opts["session-ttl"]) || 0).free();
  } catch (err) {
    fail(err.message);
  }
}

const capnpString = (s) => JSON.stringify(String(s));

function config(opts, port, main, sdkModules) {
  const www = opts.www ? resolve(opts.www) : "";
  const text = (name, value) => `      (name = ${capnpString(name)}, text = ${capnpString(value)}),`;
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "proxy", worker = .proxyWorker),
    (name = "internet", network = (allow = ["public", "private", "local"])),
${www ? `    (name = "www", disk = (path = ${capnpString(www)}, writable = false)),\n` : ""}  ],
  sockets = [ (name = "http", address = ${capnpString(`127.0.0.1:${port}`)}, http = (), service = "proxy") ],
);

const proxyWorker :Workerd.Worker = (
  modules = [
${main ? `    (name = "main.mjs", esModule = embed ${capnpString(main)}),\n` : ""}    (name = "proxy.mjs", esModule = embed "../proxy.mjs"),
    (name = "sdk-upstream.mjs", esModule = embed "../sdk-upstream.mjs"),
    (name = "gen/sdk-entry.mjs", esModule = embed "sdk-entry.mjs"),
${sdkModules
  .map((m) => `    (name = ${capnpString(`gen/${m}`)}, ${m.endsWith(".wasm") ? "wasm" : "esModule"} = embed ${capnpString(m)}),`)
  .join("\n")}
    (name = "gen/mangopay_proxy.js", esModule = embed "mangopay_proxy.js"),
    (name = "gen/mangopay_proxy_bg.wasm", wasm = embed "mangopay_proxy_bg.wasm"),
  ],
  compatibilityDate = "2025-06-01",
  globalOutbound = "internet",
  bindings = [
${text("MANGOPAY_UPSTREAM", opts.upstream)}
${text("MANGOPAY_CLIENT_ID", opts["client-id"])}
${text("MANGOPAY_API_KEY", opts["api-key"])}
${text("SESSION_SECRET", opts["session-secret"])}
${text("ALLOWED_ORIGINS", opts.origins)}
${text("ALLOWED_ENDPOINTS", opts.endpoints)}
${text("SESSION_TTL", opts["session-ttl"])}
${www ? `      (name = "WWW", service = "www"),\n` : ""}  ],
);
`;
}

function waitForPort(port, child, timeoutMs = 15000) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolvePort, reject) => {
    const attempt = () => {
      if (child.exitCode !== null) return reject(new Error(`workerd exited with ${child.exitCode}`));
      const socket = connect({ host: "127.0.0.1", port }, () => {
        socket.destroy();
        resolvePort();
      });
      socket.on("error", () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error("workerd did not start listening"));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.www && !existsSync(opts.www)) fail(`--www ${opts.www} does not exist`);
  buildIfStale();
  await checkConfig(opts);
  const sdkModules = prepareSdk();
  const configFile = join(gen, `workerd-${process.pid}.capnp`);
  let main = "";
  if (opts.main) {
    if (!existsSync(opts.main)) fail(`--main ${opts.main} does not exist`);
    main = `main-${process.pid}.mjs`;
    writeFileSync(join(gen, main), readFileSync(opts.main));
  }
  writeFileSync(configFile, config(opts, opts.port, main, sdkModules), { mode: 0o600 });
  const workerd = join(root, "tools", "node_modules", ".bin", "workerd");
  if (!existsSync(workerd)) fail("workerd is missing: run `bash scripts/setup.sh node`");
  const child = spawn(workerd, ["serve", configFile], { stdio: ["ignore", "inherit", "inherit"] });
  let stopping = false;
  const cleanup = () => {
    rmSync(configFile, { force: true });
    if (main) rmSync(join(gen, main), { force: true });
  };
  const stop = () => {
    if (stopping) return;
    stopping = true;
    child.kill("SIGTERM");
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  process.on("SIGHUP", stop);
  // Never leave workerd behind, whatever ends this process.
  process.on("exit", () => {
    if (child.exitCode === null) child.kill("SIGKILL");
    cleanup();
  });
  process.stdout.on("error", stop);
  child.on("exit", (code, signal) => {
    cleanup();
    process.exit(stopping ? 0 : code ?? (signal ? 1 : 0));
  });
  try {
    await waitForPort(Number(opts.port), child);
  } catch (err) {
    stop();
    fail(err.message);
  }
  // The key is in workerd's memory now; do not leave it on disk longer than needed.
  rmSync(configFile, { force: true });
  console.log(`proxy listening on http://127.0.0.1:${opts.port}`);
}

main();
