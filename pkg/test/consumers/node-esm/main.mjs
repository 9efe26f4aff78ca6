// Node ESM consumer: `import` resolves the `node` + `import` condition (dist/node.js).
import * as m from "mangopay-wasm";
import * as v from "mangopay-wasm/validate";
import { runScenario, runValidateScenario } from "./scenario.mjs";

const env = JSON.parse(process.env.CONSUMER_ENV);
try {
  const entry = import.meta.resolve("mangopay-wasm");
  if (!entry.endsWith("/mangopay-wasm/dist/node.js")) throw new Error(`import resolved to ${entry}`);
  const onImport = m.validate.createNaturalSca({}).ok === false; // no ready() needed in Node
  if (!onImport) throw new Error("the module was not ready on import");
  const full = await runScenario(m, env);
  const slim = await runValidateScenario(v);
  console.log(`RESULT ${JSON.stringify({ checks: ["resolves dist/node.js", "ready on import", ...full.checks, ...slim.checks] })}`);
} catch (error) {
  console.log(`RESULT ${JSON.stringify({ error: String(error && error.stack ? error.stack : error) })}`);
}
