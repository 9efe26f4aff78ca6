// Node.js ESM (`import`): ready on import, the wasm is compiled synchronously from the file.
import { readFileSync } from "node:fs";
import { initSync } from "./mangopay_wasm.js";

initSync({ module: readFileSync(new URL("./mangopay_wasm_bg.wasm", import.meta.url)) });

export * from "./api.js";

/** Already done on import here; kept so that `await ready()` works in every runtime. */
export async function ready() {}
