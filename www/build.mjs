// Builds the demo into www/dist/: the app bundled by esbuild (no inline script or style, so it
// runs under `script-src 'self' 'wasm-unsafe-eval'`), the page, the stylesheet, and the SDK's
// .wasm beside the bundle (the SDK's browser entry loads it relative to its own URL).
//
// The SDK comes from its packed npm tarball (target/npm/mangopay-wasm.tgz), unpacked into
// www/node_modules/mangopay-wasm exactly as `npm install <tarball>` would: the app imports the
// package's public entry through its exports map, never the crate's internals.
//
// Usage: node www/build.mjs [--tarball PATH]
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const www = dirname(fileURLToPath(import.meta.url));
const root = resolve(www, "..");
const args = process.argv.slice(2);
const tarballArg = args.indexOf("--tarball");
const tarball = resolve(tarballArg >= 0 ? args[tarballArg + 1] : join(root, "target/npm/mangopay-wasm.tgz"));
const dist = join(www, "dist");
const pkgDir = join(www, "node_modules/mangopay-wasm");

function installTarball() {
  if (!existsSync(tarball)) {
    throw new Error(`${tarball} is missing: run \`bash scripts/build-pkg.sh --pack\` first`);
  }
  const digest = createHash("sha256").update(readFileSync(tarball)).digest("hex");
  const stamp = join(pkgDir, ".installed-from");
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === digest) return;
  rmSync(pkgDir, { recursive: true, force: true });
  mkdirSync(pkgDir, { recursive: true });
  // npm tarballs hold one top folder, `package/`.
  execFileSync("tar", ["-xzf", tarball, "-C", pkgDir, "--strip-components=1"]);
  writeFileSync(stamp, digest);
}

function wasmFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...wasmFiles(path));
    else if (entry.name.endsWith(".wasm")) out.push(path);
  }
  return out;
}

installTarball();
const esbuild = await import(join(root, "tools/node_modules/esbuild/lib/main.js"));
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
const result = await esbuild.build({
  entryPoints: [join(www, "src/main.ts")],
  bundle: true,
  format: "esm",
  platform: "browser",
  target: ["chrome120", "firefox120", "safari17"],
  outfile: join(dist, "app.js"),
  minify: true,
  sourcemap: "linked",
  metafile: true,
  logLevel: "warning",
  absWorkingDir: www,
  nodePaths: [join(www, "node_modules")],
});
await esbuild.stop();
cpSync(join(www, "index.html"), join(dist, "index.html"));
cpSync(join(www, "app.css"), join(dist, "app.css"));
// The browser entry fetches `new URL("…_bg.wasm", import.meta.url)`: keep the file's name beside app.js.
const inputs = Object.keys(result.metafile.inputs).map((p) => resolve(www, p));
const used = new Set(inputs.filter((p) => p.startsWith(pkgDir)).map((p) => dirname(p)));
for (const file of wasmFiles(pkgDir)) {
  if (used.has(dirname(file))) cpSync(file, join(dist, file.slice(dirname(file).length + 1)));
}
const size = (p) => readFileSync(join(dist, p)).length;
const listed = readdirSync(dist).filter((f) => !f.endsWith(".map"));
console.log(`www/dist: ${listed.map((f) => `${f} ${size(f)} B`).join(", ")}`);
