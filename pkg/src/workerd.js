// Cloudflare workerd / Workers (the `workerd` condition). workerd forbids compiling wasm from
// bytes, so the wasm is imported as a module (a compiled WebAssembly.Module, by wrangler's default
// rules or a `wasm = embed` module in a raw .capnp config) and instantiated synchronously.
import wasmModule from "./mangopay_wasm_bg.wasm";
import { initSync } from "./mangopay_wasm.js";

initSync({ module: wasmModule });

export * from "./api.js";

/** Already done on import here; kept so that `await ready()` works in every runtime. */
export async function ready() {}
