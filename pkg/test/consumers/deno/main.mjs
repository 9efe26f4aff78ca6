// Deno consumer: npm resolution picks the `deno` condition (dist/deno.js), ready on import; the
// .wasm is imported as a module source, so no --allow-read is needed.
import * as m from "mangopay-wasm";
import * as v from "mangopay-wasm/validate";
import { runScenario, runValidateScenario } from "./scenario.mjs";

const env = JSON.parse(Deno.env.get("CONSUMER_ENV"));
try {
  const entry = import.meta.resolve("mangopay-wasm");
  if (!entry.endsWith("/mangopay-wasm/dist/deno.js")) throw new Error(`import resolved to ${entry}`);
  if (m.validate.createNaturalSca({}).ok !== false) throw new Error("not ready on import");
  const full = await runScenario(m, env);
  const slim = await runValidateScenario(v);
  console.log(`RESULT ${JSON.stringify({ checks: ["resolves dist/deno.js", "ready on import", ...full.checks, ...slim.checks] })}`);
} catch (error) {
  console.log(`RESULT ${JSON.stringify({ error: String(error && error.stack ? error.stack : error) })}`);
}
