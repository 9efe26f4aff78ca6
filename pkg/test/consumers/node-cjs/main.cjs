// Node CommonJS consumer: `require` resolves the `node` + `require` condition (dist/node.cjs).
const m = require("mangopay-wasm");
const v = require("mangopay-wasm/validate");

const env = JSON.parse(process.env.CONSUMER_ENV);
(async () => {
  try {
    const entry = require.resolve("mangopay-wasm");
    if (!entry.endsWith("/mangopay-wasm/dist/node.cjs")) throw new Error(`require resolved to ${entry}`);
    if (m.validate.createNaturalSca({}).ok !== false) throw new Error("not ready on require");
    const { runScenario, runValidateScenario } = await import("./scenario.mjs");
    const full = await runScenario(m, env);
    const slim = await runValidateScenario(v);
    console.log(`RESULT ${JSON.stringify({ checks: ["resolves dist/node.cjs", "ready on require", ...full.checks, ...slim.checks] })}`);
  } catch (error) {
    console.log(`RESULT ${JSON.stringify({ error: String(error && error.stack ? error.stack : error) })}`);
  }
})();
