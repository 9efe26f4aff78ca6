// The `require` side of the package types (index.d.cts).
import mangopay = require("mangopay-wasm");

const report = mangopay.validate.createNaturalSca({});
const ok: boolean = report.ok;
// @ts-expect-error ready() takes a wasm source, not null
mangopay.ready(null);

export = ok;
