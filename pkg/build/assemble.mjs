// Assembles one flavour of the npm package (the full client, or the validate-only build) from
// wasm-bindgen's `--target web` output: one glue and one .wasm shared by every runtime's entry.
//
//   node pkg/build/assemble.mjs <bindgen-out-dir> <dest-dir>
//
// <bindgen-out-dir> holds mangopay_wasm.js, mangopay_wasm.d.ts, mangopay_wasm_bg.wasm (already
// optimised) and snippets/. <dest-dir> (pkg/dist or pkg/dist/validate) receives:
//   mangopay_wasm.js      the glue, patched so that calls before `ready()` throw `not_ready`
//   mangopay_wasm.cjs     the same glue as CommonJS (for `require`)
//   mangopay_wasm_bg.wasm, snippets/, not-ready.js
//   web.js browser.js node.js node.cjs workerd.js deno.js   the per-runtime entry shims
//   index.d.ts index.d.cts   the public types: the glue's declarations plus `ready()`
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const pkgDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const repoDir = resolve(pkgDir, "..");
const shimDir = join(pkgDir, "src");
const esbuild = join(repoDir, "tools/node_modules/.bin/esbuild");
const glueName = "mangopay_wasm";
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
function publicTypes(dts) {
  const cut = dts.indexOf("\nexport type InitInput");
  if (cut < 0) fail("the glue's .d.ts has no `export type InitInput` section to cut");
  return `${dts.slice(0, cut).trimEnd()}\n${readFileSync(join(shimDir, "ready.d.ts"), "utf8")}`;
}

const [srcDir, destDir] = process.argv.slice(2).map((p) => p && resolve(p));
if (!srcDir || !destDir) fail("usage: assemble.mjs <bindgen-out-dir> <dest-dir>");
for (const f of [`${glueName}.js`, `${glueName}.d.ts`, `${glueName}_bg.wasm`]) {
  if (!existsSync(join(srcDir, f))) fail(`missing ${join(srcDir, f)}`);
}

rmSync(destDir, { recursive: true, force: true });
mkdirSync(destDir, { recursive: true });

writeFileSync(join(destDir, `${glueName}.js`), patchGlue(readFileSync(join(srcDir, `${glueName}.js`), "utf8")));
cpSync(join(srcDir, `${glueName}_bg.wasm`), join(destDir, `${glueName}_bg.wasm`));
if (existsSync(join(srcDir, "snippets"))) cpSync(join(srcDir, "snippets"), join(destDir, "snippets"), { recursive: true });
for (const shim of shims) cpSync(join(shimDir, shim), join(destDir, shim));

const types = publicTypes(readFileSync(join(srcDir, `${glueName}.d.ts`), "utf8"));
writeFileSync(join(destDir, "index.d.ts"), types);
writeFileSync(join(destDir, "index.d.cts"), types);

// CommonJS: the same glue (with its snippets and not-ready.js inlined), converted by esbuild.
// `import.meta.url` only serves the async default path, which the CommonJS entry never uses.
execFileSync(
  esbuild,
  [
    join(destDir, `${glueName}.js`),
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
