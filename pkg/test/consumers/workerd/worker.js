// A Cloudflare worker: the `workerd` condition (dist/workerd.js) imports the .wasm as a module and
// is ready on import. Bundled by esbuild with the .wasm files left as modules of the .capnp config.
import * as m from "mangopay-wasm";
import * as v from "mangopay-wasm/validate";
import { runScenario, runValidateScenario } from "./scenario.mjs";

export default {
  async fetch(request, env) {
    try {
      if (m.validate.createNaturalSca({}).ok !== false) throw new Error("not ready on import");
      const full = await runScenario(m, { baseUrl: env.SANDBOX_URL, clientId: "demo-client", apiKey: env.API_KEY });
      const slim = await runValidateScenario(v);
      return Response.json({ checks: ["ready on import", ...full.checks, ...slim.checks] });
    } catch (error) {
      return Response.json({ error: String(error && error.stack ? error.stack : error) });
    }
  },
};
