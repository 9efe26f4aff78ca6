// Plain browser ESM (no bundler), and any ESM runtime without a better condition.
// Nothing loads on import: `await ready()` fetches `mangopay_wasm_bg.wasm` next to this file
// (or from the URL / Response / bytes / WebAssembly.Module given) and instantiates it.
import init from "./mangopay_wasm.js";
import { mangopayLikeError, recordLoadFailure } from "./not-ready.js";

export * from "./api.js";

/**
 * Loads and instantiates the WebAssembly module. Idempotent and safe to call concurrently: every
 * call shares one load, later calls resolve at once; after a failure the next call retries.
 */
export async function ready(wasm) {
  try {
    await init(wasm === undefined ? undefined : { module_or_path: wasm });
    recordLoadFailure(undefined);
  } catch (cause) {
    const error = mangopayLikeError(
      "wasm_load_failed",
      `mangopay-wasm could not load its WebAssembly module: ${cause && cause.message ? cause.message : cause}. ` +
        "Serve mangopay_wasm_bg.wasm next to the module (or pass its URL to ready()), and if the page " +
        "has a Content-Security-Policy, allow 'wasm-unsafe-eval' in script-src.",
      cause,
    );
    recordLoadFailure(error);
    throw error;
  }
}
