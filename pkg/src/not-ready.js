// Shared by the WebAssembly glue and the entry shims of one build (full client or validate-only).
// The build patches the glue so that, until the module is instantiated, its `wasm` handle is
// `notReady`: any call into the SDK then throws one clear, MangopayError-shaped error instead of
// "Cannot read properties of undefined".
import { MangopayError } from "./error.js";

/** The last failure of `ready()`, kept so that later calls explain why nothing works. */
let lastFailure;

/** Records (or, with `undefined`, clears) the reason the WebAssembly module failed to load. */
export function recordLoadFailure(error) {
  lastFailure = error;
}

/** A MangopayError (the client layer's class) with status 0 and the given type. */
export function mangopayLikeError(type, message, cause) {
  const error = new MangopayError({ type, message, status: 0, retryable: type === "wasm_load_failed" });
  if (cause !== undefined) error.cause = cause;
  return error;
}

function causeMessage(error) {
  const cause = error.cause;
  return cause && cause.message ? cause.message : error.message;
}

function notReadyError() {
  if (lastFailure !== undefined) {
    return mangopayLikeError(
      "not_ready",
      `mangopay-wasm is not ready: loading its WebAssembly module failed (${causeMessage(lastFailure)}). ` +
        "Call `await ready()` again to retry.",
      lastFailure,
    );
  }
  return mangopayLikeError(
    "not_ready",
    "mangopay-wasm is not ready: call `await ready()` once before using it " +
      "(in this runtime the WebAssembly module loads asynchronously).",
  );
}

/** Stands in for the wasm exports until instantiation: every access throws `not_ready`. */
export const notReady = new Proxy(Object.freeze({}), {
  get() {
    throw notReadyError();
  },
});
