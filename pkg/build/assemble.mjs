// Assembles one flavour of the npm package (the full client, or the validate-only build) from
// wasm-bindgen's `--target web` output: one glue and one .wasm shared by every runtime's entry.
//
//   node pkg/build/assemble.mjs <bindgen-out-dir> <dest-dir> <name>
//
// <bindgen-out-dir> holds <name>.js, <name>.d.ts, <name>_bg.wasm (already optimised) and
// snippets/; <name> is `mangopay_wasm` (full client) or `mangopay_validate` (validate-only: a
// distinct file name, so bundlers and workerd configs that flatten paths never mix the two).
// <dest-dir> (pkg/dist or pkg/dist/validate) receives:
//   <name>.js             the glue, patched so that calls before `ready()` throw `not_ready`
//   <name>_bg.wasm, snippets/, not-ready.js
//   the client's JS layer (src/wasm/js: index.js for the full API, validate.js for the
//                         validate-only one, and what they import): it shapes the raw wasm
//                         exports into the public API
//   api.js                the public API every entry re-exports: the JS layer's module
//   <name>.cjs            api.js + the glue's initSync as one CommonJS file (for `require`)
//   web.js browser.js node.js node.cjs workerd.js deno.js   the per-runtime entry shims
//   entry.d.ts entry.d.cts ready.d.ts   the public types of every entry: the layer's + `ready()`
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const pkgDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const repoDir = resolve(pkgDir, "..");
const shimDir = join(pkgDir, "src");
const layerDir = join(repoDir, "src/wasm/js");
const esbuild = join(repoDir, "tools/node_modules/.bin/esbuild");
const shims = ["web.js", "browser.js", "node.js", "node.cjs", "workerd.js", "deno.js", "not-ready.js"];


function fail(message) {
  console.error(`assemble: ${message}`);
  process.exit(1);
}

/** Replaces `pattern` in `text`, insisting on `expected` matches so a bindgen change is loud. */
function replaceExactly(text, pattern, replacement, expected, what) {
  const found = text.match(new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : pattern.flags + "g"));
  const count = found ? found.length : 0;
  if (expected === "some" ? count === 0 : count !== expected) {
    fail(`patching the glue (${what}): expected ${expected} match(es) of ${pattern}, found ${count}`);
  }
  return text.replace(pattern, replacement);
}

/**
 * Until instantiation the glue's `wasm` is `undefined`, so an early call fails with "Cannot read
 * properties of undefined". Point it at `notReady` (every access throws a clear `not_ready`
 * error) and test readiness on `wasmInstance`, which only instantiation sets.
 */
function patchGlue(js) {
  js = replaceExactly(js, /^\/\* @ts-self-types=.*\*\/\n/m, "", 1, "drop the self-types pointer");
  js = `import { notReady } from "./not-ready.js";\n${js}`;
  js = replaceExactly(
    js,
    /^let wasmModule, wasmInstance, wasm;$/m,
    "let wasmModule, wasmInstance, wasm = notReady;",
    1,
    "start with the not-ready stand-in",
  );
  js = replaceExactly(js, /\bwasm !== undefined\b/g, "wasmInstance !== undefined", "some", "readiness test");
  if (/\bwasm [!=]== undefined\b/.test(js)) fail("the glue still compares `wasm` with undefined");
  return js;
}

/** The glue's declarations without the init plumbing (`InitInput`, `initSync`, default init). */
function glueTypes(dts) {
  const cut = dts.indexOf("\nexport type InitInput");
  if (cut < 0) fail("the glue's .d.ts has no `export type InitInput` section to cut");
  return dts.slice(0, cut);
}

/**
 * Public declarations: the layer's module, with pkg's `ready()` (ready.d.ts) re-exported by name,
 * which wins over a `ready` the layer's module may export too.
 */
function writeTypes(layerModule) {
  const ready = readFileSync(join(shimDir, "ready.d.ts"), "utf8").replaceAll("mangopay_wasm", glueName);
  writeFileSync(join(destDir, "ready.d.ts"), ready);
  const entry = `export * from "./${layerModule}.js";\nexport { ready, type WasmSource } from "./ready.js";\n`;
  writeFileSync(join(destDir, "entry.d.ts"), entry);
  writeFileSync(join(destDir, "entry.d.cts"), entry);
}

const [srcArg, destArg, glueName] = process.argv.slice(2);
if (!srcArg || !destArg || !/^mangopay_\w+$/.test(glueName || "")) {
  fail("usage: assemble.mjs <bindgen-out-dir> <dest-dir> <mangopay_name>");
}
const [srcDir, destDir] = [resolve(srcArg), resolve(destArg)];
for (const f of [`${glueName}.js`, `${glueName}.d.ts`, `${glueName}_bg.wasm`]) {
  if (!existsSync(join(srcDir, f))) fail(`missing ${join(srcDir, f)}`);
}

rmSync(destDir, { recursive: true, force: true });
mkdirSync(destDir, { recursive: true });

writeFileSync(join(destDir, `${glueName}.js`), patchGlue(readFileSync(join(srcDir, `${glueName}.js`), "utf8")));
cpSync(join(srcDir, `${glueName}_bg.wasm`), join(destDir, `${glueName}_bg.wasm`));
if (existsSync(join(srcDir, "snippets"))) cpSync(join(srcDir, "snippets"), join(destDir, "snippets"), { recursive: true });
// The shims are written for the full client's file names.
for (const shim of shims) {
  const text = readFileSync(join(shimDir, shim), "utf8");
  writeFileSync(join(destDir, shim), text.replaceAll("mangopay_wasm", glueName));
}

// The client's JS layer: index.js is the full API, validate.js the validate-only one. Copy the
// module with every file it imports relatively (.js and .d.ts), renaming the glue per flavour.
const glueDts = glueTypes(readFileSync(join(srcDir, `${glueName}.d.ts`), "utf8"));
const layerModule = glueName === "mangopay_wasm" ? "index" : "validate";
const pending = [`${layerModule}.js`, `${layerModule}.d.ts`];
const copied = new Set();
while (pending.length) {
  const file = pending.pop();
  if (copied.has(file) || file === `${glueName}.js` || file === "mangopay_wasm.js") continue;
  const from = join(layerDir, file);
  if (!existsSync(from)) fail(`the JS layer (src/wasm/js) has no ${file}`);
  copied.add(file);
  const text = readFileSync(from, "utf8");
  writeFileSync(join(destDir, file), text.replaceAll("mangopay_wasm", glueName));
  for (const [, dep] of text.matchAll(/(?:from|import)\s*["']\.\/([\w.-]+)["']/g)) {
    // Declarations import declarations (models.js may exist only as models.d.ts).
    pending.push(file.endsWith(".d.ts") ? dep.replace(/\.js$/, ".d.ts") : dep);
  }
}
writeFileSync(join(destDir, `${glueName}.d.ts`), glueDts);
writeFileSync(join(destDir, "api.js"), `export * from "./${layerModule}.js";\n`);
writeTypes(layerModule);

// CommonJS: api.js and the glue's initSync (with the snippets and not-ready.js) as one file,
// converted by esbuild. `import.meta.url` only serves the async default path, which the
// CommonJS entry never uses.
const cjsEntry = join(destDir, "cjs-entry.js");
writeFileSync(cjsEntry, `export * from "./api.js";\nexport { initSync } from "./${glueName}.js";\n`);
execFileSync(
  esbuild,
  [
    cjsEntry,
    "--bundle",
    "--format=cjs",
    "--platform=node",
    "--target=node18",
    "--log-level=warning",
    "--log-override:empty-import-meta=silent",
    `--outfile=${join(destDir, `${glueName}.cjs`)}`,
  ],
  { stdio: "inherit" },
);
rmSync(cjsEntry);
