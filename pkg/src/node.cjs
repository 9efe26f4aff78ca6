// Node.js CommonJS (`require`): ready on require, the wasm is compiled synchronously from the file.
// `mangopay_wasm.cjs` is the same glue as the ESM builds, converted to CommonJS at build time.
"use strict";
const { readFileSync } = require("node:fs");
const { join } = require("node:path");
const glue = require("./mangopay_wasm.cjs");

glue.initSync({ module: readFileSync(join(__dirname, "mangopay_wasm_bg.wasm")) });

// The public API: the glue's exports minus its init plumbing, plus ready().
const { initSync: _initSync, default: _init, ...api } = glue;

module.exports = Object.assign(api, {
  /** Already done on require here; kept so that `await ready()` works in every runtime. */
  ready: async () => {},
});
