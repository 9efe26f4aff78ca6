// Whether the wasm module is instantiated, and ready() for builds that must load it (the web
// target). Internal: the public entries export `ready` only.
import * as glue from "./mangopay_wasm.js";
import { MangopayError } from "./error.js";

let readyPromise;
let isReady_ = false;

/** Resolves once the wasm module is instantiated. Idempotent and safe to call concurrently. */
export function ready(input) {
  if (isReady_) return Promise.resolve();
  if (!readyPromise) {
    const init = glue.default;
    readyPromise = (typeof init === "function" && !probe()
      ? Promise.resolve().then(() => init(input === undefined ? undefined : { module_or_path: input }))
      : Promise.resolve()
    ).then(
      () => {
        isReady_ = true;
      },
      (e) => {
        readyPromise = undefined;
        throw new MangopayError({ type: "not_ready", message: "The wasm module failed to load: " + (e && e.message ? e.message : e) });
      },
    );
  }
  return readyPromise;
}

let probeError;

function probe() {
  try {
    return glue.abi() === 1;
  } catch (e) {
    probeError = e;
    return false;
  }
}

/** True once the wasm module is instantiated (cheap after the first true). */
export function isReady() {
  if (!isReady_ && probe()) isReady_ = true;
  return isReady_;
}

/** Throws unless the wasm module is instantiated (browsers: `await ready()` first). */
export function assertReady() {
  if (isReady()) return;
  // The packaged glue throws a not_ready MangopayError that explains why (e.g. a failed load).
  if (probeError instanceof MangopayError && probeError.type === "not_ready") throw probeError;
  throw new MangopayError({ type: "not_ready", message: "The wasm module is not loaded yet: await ready() first." });
}
