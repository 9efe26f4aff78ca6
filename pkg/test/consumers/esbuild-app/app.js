// A browser app bundled by esbuild: the `browser` condition (dist/browser.js) is ready on import
// (top-level await); the page's server forwards /v2.01 to the sandbox on the same origin.
import * as m from "mangopay-wasm";
import { runScenario } from "./scenario.mjs";

(async () => {
  try {
    if (m.validate.createNaturalSca({}).ok !== false) throw new Error("not ready on import");
    const env = { baseUrl: location.origin, clientId: "demo-client", apiKey: "demo-api-key-0f3c9a7e", browser: true };
    const full = await runScenario(m, env);
    window.__result = { checks: ["ready on import", ...full.checks] };
  } catch (error) {
    window.__result = { error: String(error && error.stack ? error.stack : error) };
  }
})();
