// Bundlers (Vite, webpack, esbuild, Rollup) targeting browsers: the `browser` condition.
// The module is ready on import: a top-level await loads the wasm, which the bundler finds through
// `new URL("mangopay_wasm_bg.wasm", import.meta.url)` (Vite and webpack emit it as an asset;
// with esbuild, copy `mangopay-wasm/mangopay_wasm_bg.wasm` next to your bundle). If loading fails
// (missing file, CSP without 'wasm-unsafe-eval'), the import still succeeds: calls throw a
// MangopayError of type `not_ready` carrying the cause, and `await ready()` retries and reports.
import { ready } from "./web.js";

export * from "./web.js";

try {
  await ready();
} catch {
  // Recorded by ready(): the first call into the SDK explains it.
}
