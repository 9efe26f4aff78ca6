// pkg's ready(): the one every entry of the package exports.
/** Where `ready()` may load the WebAssembly module from (plain browser ESM only). */
export type WasmSource =
  | string
  | URL
  | Request
  | Response
  | BufferSource
  | WebAssembly.Module
  | Promise<string | URL | Request | Response | BufferSource | WebAssembly.Module>;

/**
 * Resolves once the WebAssembly module is instantiated. Idempotent and safe to call concurrently.
 * In Node, bundlers, workerd and Deno the module is ready on import and this resolves at once; in
 * a plain browser page (`mangopay-wasm/dist/web.js`) it fetches `mangopay_wasm_bg.wasm` next to
 * the module, or `wasm` when given. Rejects with a MangopayError-shaped error of type
 * `wasm_load_failed` (for instance when a Content-Security-Policy lacks `'wasm-unsafe-eval'`).
 */
export function ready(wasm?: WasmSource): Promise<void>;
