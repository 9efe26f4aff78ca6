// The bundler entry when the wasm is NOT next to the bundle: the import must still succeed, calls
// must explain the failure, ready() must reject clearly and then recover from an explicit URL.
import * as m from "mangopay-wasm";

const checks = [];
const check = (name, ok, detail) => {
  if (!ok) throw new Error(`check failed: ${name} — ${JSON.stringify(detail)}`);
  checks.push(name);
};
const caught = (f) => {
  try {
    f();
  } catch (e) {
    return e;
  }
  return null;
};

(async () => {
  try {
    const early = caught(() => m.validate.createNaturalSca({}));
    check("a failed load on import surfaces as a not_ready MangopayError that says why",
      early && m.isMangopayError(early) && early.type === "not_ready" && /failed/.test(early.message),
      early && { type: early.type, message: early.message });
    let failure = null;
    try {
      await m.ready();
    } catch (e) {
      failure = e;
    }
    check("ready() retries and rejects with wasm_load_failed",
      failure && m.isMangopayError(failure) && failure.type === "wasm_load_failed", failure && failure.message);
    await Promise.all([
      m.ready(new URL("/out/mangopay_wasm_bg.wasm", location.href)),
      m.ready(new URL("/out/mangopay_wasm_bg.wasm", location.href)),
    ]);
    check("ready(url) recovers from the wasm's real location", m.validate.createNaturalSca({}).ok === false);
    window.__result = { checks };
  } catch (error) {
    window.__result = { error: String(error && error.stack ? error.stack : error), checks };
  }
})();
