// Deno (the `deno` condition): ready on import. The wasm is imported as a module source, which
// needs no --allow-read, and instantiated synchronously.
import source wasmModule from "./mangopay_wasm_bg.wasm";
import { initSync } from "./mangopay_wasm.js";

initSync({ module: wasmModule });

export * from "./api.js";

/** Already done on import here; kept so that `await ready()` works in every runtime. */
export async function ready() {}
