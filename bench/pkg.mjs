// Package benchmark (prints numbers; asserts nothing): the packed tarball size, the wasm + JS glue
// each entry ships (raw and gzip -9; JS as a minified esbuild bundle of the entry, which is what an
// app ships), and cold start — import + instantiate — in Node and in workerd.
//
//   bash scripts/build-pkg.sh --pack && node bench/pkg.mjs [--runs N]
//
// Budget (issue 5): the full client's wasm + glue ≤ 120 KB gzipped.
import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants as zlibConstants, gzipSync } from "node:zlib";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const bin = join(repo, "tools/node_modules/.bin");
const dist = join(repo, "pkg/dist");
const tarball = join(repo, "target/npm/mangopay-wasm.tgz");
const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 15;
const BUDGET = 120 * 1024;

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
// gzip -9 as Node's zlib does it (GNU gzip -9 comes out ~2% smaller on the wasm), and brotli
// quality 11 (what CDNs usually serve).
const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const br = (buf) => brotliCompressSync(buf, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** The JS an entry ships: the entry bundled and minified by esbuild, wasm left out. */
function bundledJs(entry, conditions) {
  return execFileSync(join(bin, "esbuild"), [
    entry, "--bundle", "--minify", "--format=esm", "--platform=neutral", `--conditions=${conditions}`,
    "--external:*.wasm", "--external:node:*", "--log-level=error",
  ], { maxBuffer: 64 << 20 });
}

function sizes() {
  console.log(`tarball  ${tarball.replace(repo + "/", "")}: ${statSync(tarball).size} B (${kb(statSync(tarball).size)})`);
  console.log("\nentry                              wasm raw / gzip     JS raw / gzip   total gzip  total brotli");
  const rows = [
    ["mangopay-wasm (browser)", "browser.js", "mangopay_wasm_bg.wasm"],
    ["mangopay-wasm (web)", "web.js", "mangopay_wasm_bg.wasm"],
    ["mangopay-wasm (workerd)", "workerd.js", "mangopay_wasm_bg.wasm"],
    ["mangopay-wasm (node)", "node.js", "mangopay_wasm_bg.wasm"],
    ["mangopay-wasm/validate (browser)", "validate/browser.js", "validate/mangopay_validate_bg.wasm"],
    ["mangopay-wasm/validate (web)", "validate/web.js", "validate/mangopay_validate_bg.wasm"],
  ];
  const totals = {};
  for (const [label, entry, wasmFile] of rows) {
    const wasm = readFileSync(join(dist, wasmFile));
    const js = bundledJs(join(dist, entry), "browser");
    const total = gz(wasm) + gz(js);
    totals[label] = total;
    console.log(
      `${label.padEnd(33)} ${String(wasm.length).padStart(7)} / ${String(gz(wasm)).padStart(6)}   ${String(js.length).padStart(6)} / ${String(gz(js)).padStart(5)}   ${kb(total).padStart(9)}   ${kb(br(wasm) + br(js)).padStart(9)}`,
    );
  }
  const full = totals["mangopay-wasm (browser)"];
  console.log(`\nfull client, browser entry: ${kb(full)} gzipped — budget ${kb(BUDGET)}: ${full <= BUDGET ? "within" : `OVER by ${kb(full - BUDGET)}`}`);
  const slim = totals["mangopay-wasm/validate (browser)"];
  console.log(`validate-only entry: ${kb(slim)} gzipped (${((1 - slim / full) * 100).toFixed(0)}% smaller)`);
}

function runNode(code) {
  return execFileSync(process.execPath, ["--input-type=module", "-e", code], { cwd: dist }).toString().trim();
}

function nodeColdStart() {
  console.log(`\ncold start in Node ${process.version} (fresh process each run, median of ${RUNS}):`);
  for (const [label, entry] of [["mangopay-wasm (node.js)", "./node.js"], ["mangopay-wasm/validate", "./validate/node.js"]]) {
    const times = [];
    for (let i = 0; i < RUNS; i++) {
      times.push(Number(runNode(`const t = performance.now(); await import(${JSON.stringify(entry)}); console.log(performance.now() - t);`)));
    }
    console.log(`  ${label.padEnd(26)} import + instantiate: ${median(times).toFixed(1)} ms (min ${Math.min(...times).toFixed(1)})`);
  }
  const compile = [];
  for (let i = 0; i < RUNS; i++) {
    compile.push(Number(runNode(
      `import { readFileSync } from "node:fs"; const b = readFileSync("./mangopay_wasm_bg.wasm"); const t = performance.now(); new WebAssembly.Module(b); console.log(performance.now() - t);`,
    )));
  }
  console.log(`  of which WebAssembly.Module compile of the full wasm: ${median(compile).toFixed(1)} ms`);
}

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

/** ms from spawning workerd to the first 200 from the worker (which touches the SDK). */
async function workerdFirstResponse(dir, config, port) {
  const started = performance.now();
  const child = spawn(join(bin, "workerd"), ["serve", config], { cwd: dir, stdio: "ignore" });
  try {
    for (;;) {
      const res = await fetch(`http://127.0.0.1:${port}/`).catch(() => null);
      if (res) {
        const text = await res.text();
        if (res.status !== 200) throw new Error(`worker answered ${res.status}: ${text}`);
        return performance.now() - started;
      }
      if (performance.now() - started > 20_000) throw new Error("workerd did not answer in 20 s");
      await new Promise((ok) => setTimeout(ok, 5));
    }
  } finally {
    child.kill("SIGKILL");
    await new Promise((ok) => child.once("close", ok));
  }
}

async function workerdColdStart() {
  const dir = mkdtempSync(join(tmpdir(), "mangopay-bench-workerd-"));
  try {
    cpSync(dist, join(dir, "node_modules/mangopay-wasm/dist"), { recursive: true });
    cpSync(join(repo, "pkg/package.json"), join(dir, "node_modules/mangopay-wasm/package.json"));
    writeFileSync(join(dir, "with-sdk.js"),
      `import { validate } from "mangopay-wasm";\nexport default { fetch() { return Response.json(validate.createNaturalSca({}).ok); } };\n`);
    writeFileSync(join(dir, "baseline.js"), `export default { fetch() { return Response.json(false); } };\n`);
    for (const name of ["with-sdk", "baseline"]) {
      execFileSync(join(bin, "esbuild"), [`${name}.js`, "--bundle", "--format=esm", "--platform=neutral",
        "--conditions=workerd,worker,browser", "--external:*.wasm", `--outfile=out/${name}.js`, "--log-level=error"], { cwd: dir });
    }
    cpSync(join(dist, "mangopay_wasm_bg.wasm"), join(dir, "out/mangopay_wasm_bg.wasm"));
    // One config per worker, runs interleaved so that machine load drifts hit both alike.
    const ports = {};
    for (const name of ["baseline", "with-sdk"]) {
      ports[name] = await freePort();
      const wasmModule = name === "with-sdk" ? `, (name = "mangopay_wasm_bg.wasm", wasm = embed "out/mangopay_wasm_bg.wasm")` : "";
      writeFileSync(join(dir, `${name}.capnp`), `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = (modules = [ (name = "worker.js", esModule = embed "out/${name}.js")${wasmModule} ], compatibilityDate = "2025-09-01")) ],
  sockets = [ (name = "http", address = "127.0.0.1:${ports[name]}", http = (), service = "main") ],
);
`);
    }
    const times = { baseline: [], "with-sdk": [] };
    const rounds = Math.min(RUNS, 9);
    for (let i = 0; i < rounds; i++) {
      for (const name of ["baseline", "with-sdk"]) times[name].push(await workerdFirstResponse(dir, `${name}.capnp`, ports[name]));
    }
    const results = { baseline: median(times.baseline), "with-sdk": median(times["with-sdk"]) };
    console.log(`\ncold start in workerd (spawn → first response, median of ${rounds}, interleaved):`);
    console.log(`  baseline worker (no SDK): ${results.baseline.toFixed(0)} ms`);
    console.log(`  worker importing mangopay-wasm and validating once: ${results["with-sdk"].toFixed(0)} ms` +
      ` (SDK import + instantiate ≈ ${(results["with-sdk"] - results.baseline).toFixed(0)} ms)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

sizes();
nodeColdStart();
await workerdColdStart();
