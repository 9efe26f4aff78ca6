// validate.<kind>(value), schemas.<kind> (Standard Schema v1), scaRedirectUrl, ready().
import * as glue from "./mangopay_wasm.js";
import { MangopayError, argumentError } from "./error.js";
import { assertReady } from "./state.js";

export { ready } from "./state.js";

export { MangopayError, isMangopayError } from "./error.js";

// Numbered as in src/wasm/validate.rs (KINDS).
const KINDS = [
  "createNaturalSca", "createLegalSca", "createNatural", "createLegal",
  "updateNaturalSca", "updateLegalSca", "updateNatural", "updateLegal",
  "categorizeNatural", "categorizeLegal", "createKycDocument", "createBankAccount",
  "validateTheFormatOfUserData", "kycPage", "listOptions", "idempotencyKey", "scaReturnUrl",
];

function result(out) {
  if (out === undefined) return { ok: true, issues: [], errors: {} };
  const issues = JSON.parse(out);
  const errors = {};
  for (const issue of issues) if (!(issue.path in errors)) errors[issue.path] = issue.message;
  return { ok: false, issues, errors };
}

function failure(path, code, message) {
  return { ok: false, issues: [{ path, code, message }], errors: { [path]: message } };
}

function toJson(value) {
  let json;
  try {
    json = JSON.stringify(value);
  } catch (e) {
    return undefined;
  }
  return json === undefined ? "null" : json;
}

// The fast path: a plain value (plain objects, empty arrays, strings, numbers, booleans, null)
// is written as a tape straight into wasm memory (node words; strings concatenated and encoded
// once), which src/validate/tape.rs reads without parsing. Tags and node layout as there. The
// tape says exactly what JSON.stringify would send: own enumerable string keys in order, members
// whose value is undefined, a function or a symbol dropped, NaN and ±Infinity as null, numbers
// other than int32 as their JSON text (classified by the same parser as the JSON path). Anything
// else — toJSON, non-plain prototypes, arrays with elements, BigInt, `__proto__` keys, surrogate
// code units, nesting at the depth limit, a getter that throws, a validation started from inside
// one, a context argument — takes the JSON path, so results are the same either way (a getter may then be read twice).
const NULL = 0, FALSE = 1, TRUE = 2, INT = 3, STRING = 6, ARRAY = 7, OBJECT = 8, NUMBER_TEXT = 9;
const MAX_DEPTH = 16; // as tape.rs: deeper objects take the JSON path
const SURROGATE = /[\ud800-\udfff]/;
const encoder = new TextEncoder();
let memory, words = new Int32Array(0), bytes, textView;
let wordsAt = 0, wordsCap = 0, textAt = 0, textCap = 0;
let n = 0, text = "", numbers = false, written = 0, ascii = false, busy = false;

function views() {
  if (memory === undefined) memory = glue.tapeMemory();
  words = new Int32Array(memory.buffer);
  bytes = new Uint8Array(memory.buffer);
  textView = undefined;
}

// A new tape buffer from Rust (node words or text bytes), at a byte address.
function buffer(isText, len) {
  const at = glue.tapeBuffer(isText, len); // never 0: Rust is not running while JS writes
  views();
  return at;
}

function node(tag, a, b) {
  if (n + 4 > wordsCap) {
    // Detached: a getter's wasm call grew the memory and earlier writes were lost.
    if (words.length === 0) throw Error("memory grew");
    const old = words.slice(wordsAt, wordsAt + n);
    wordsCap = wordsCap * 2 + 1024;
    wordsAt = buffer(false, wordsCap) >> 2;
    words.set(old, wordsAt);
  }
  const at = wordsAt + n;
  words[at] = tag;
  words[at + 1] = a;
  words[at + 2] = b;
  n += 4;
}

function put(v, depth) {
  switch (typeof v) {
    case "string":
      node(STRING, text.length, v.length);
      text += v;
      return true;
    case "number":
      if ((v | 0) === v) node(INT, v, v < 0 ? -1 : 0);
      else if (v - v === 0) {
        const s = String(v);
        node(NUMBER_TEXT, text.length, s.length);
        text += s;
        numbers = true;
      } else node(NULL, 0, 0);
      return true;
    case "boolean":
      node(v ? TRUE : FALSE, 0, 0);
      return true;
    case "object":
      return v === null ? (node(NULL, 0, 0), true) : putObject(v, depth);
    default:
      return false;
  }
}

// An inherited toJSON is ruled out once per call (tape() checks the two prototypes); an own one
// is a key named toJSON.
function putObject(v, depth) {
  if (depth >= MAX_DEPTH) return false;
  const proto = Object.getPrototypeOf(v);
  if (Array.isArray(v)) {
    if (proto !== Array.prototype || v.length !== 0 || typeof v.toJSON === "function") return false;
    node(ARRAY, 0, 0);
    return true;
  }
  if (proto !== Object.prototype && proto !== null) return false;
  const at = n;
  let count = 0;
  node(OBJECT, 0, 0);
  // for-in visits the own enumerable string keys in Object.keys order (tape() makes sure the
  // prototype adds none), and V8 reads `v[key]` inside it straight from the object's layout.
  // Keys a getter deletes are skipped and keys it adds are not visited, as with the snapshot
  // JSON.stringify takes. (A Proxy whose `has` trap hides keys its `ownKeys` lists differs:
  // for-in asks `has`.)
  for (const key in v) {
    if (key === "__proto__" || key === "toJSON") return false;
    const x = v[key];
    const type = typeof x;
    if (type === "undefined" || type === "symbol") continue;
    if (type === "function") {
      if (typeof x.toJSON === "function") return false;
      continue;
    }
    // The key's hash as tape.rs computes it: length, first and last code unit.
    const k = n;
    node(STRING | (key.length & 255) << 8 | key.charCodeAt(0) << 16 | key.charCodeAt(key.length - 1) << 24, text.length, key.length);
    text += key;
    if (!put(x, depth + 1)) return false;
    words[wordsAt + k + 3] = n / 4; // the next key
    count++;
  }
  words[wordsAt + at + 1] = count;
  words[wordsAt + at + 2] = n / 4;
  return true;
}

// True when Object.prototype has an enumerable key (for-in would visit it in every object).
function inherited() {
  for (const key in Object.prototype) return true;
  return false;
}

// Writes the tape of `value` (n words, `written` bytes of text); false if it needs the JSON path.
function tape(value) {
  if (words.length === 0) views(); // first call, or the memory grew (the old views detach)
  if (typeof Object.prototype.toJSON === "function" || typeof Array.prototype.toJSON === "function") return false;
  if (inherited()) return false;
  n = 0;
  text = "";
  numbers = false;
  const type = typeof value;
  if (type === "undefined" || type === "symbol" || (type === "function" && typeof value.toJSON !== "function")) node(NULL, 0, 0);
  else if (!put(value, 0)) return false;
  if (words.length === 0 || inherited()) return false; // see node(); a getter may have added one
  if (text.length * 3 > textCap) {
    textCap = text.length * 6 + 1024;
    textAt = buffer(true, textCap);
  }
  if (textView === undefined) textView = bytes.subarray(textAt, textAt + textCap);
  written = text.length && encoder.encodeInto(text, textView).written;
  // Only non-ASCII text can hold surrogates (JSON.stringify escapes lone ones; serde refuses them).
  const surrogates = written !== text.length && SURROGATE.test(text);
  ascii = written === text.length && !numbers;
  text = "";
  return !surrogates;
}

function run(kind, value, context) {
  assertReady();
  // The tape buffers are shared: a validation started from a getter takes the JSON path.
  const outer = !busy;
  busy = true;
  try {
    let fast = false;
    try {
      fast = outer && (context === undefined || context === null) && tape(value);
    } catch {
      // A getter threw: JSON.stringify will meet it again and report it.
    }
    const json = fast ? "" : toJson(value);
    if (json === undefined) return failure("", "invalid_type", "The value cannot be read as JSON data.");
    let ctx;
    if (context !== undefined && context !== null) {
      ctx = toJson(context);
      if (ctx === undefined) return failure("", "invalid_type", "The options cannot be read as JSON data.");
    }
    return result(fast ? glue.validateTape(kind, n / 4, written, ascii) : glue.validateJson(kind, json, ctx));
  } finally {
    if (outer) busy = false;
  }
}

function bytesOf(value) {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return undefined;
}

/** The validators: `validate.<kind>(value) → {ok, issues, errors}`. */
export const validate = {};
KINDS.forEach((name, kind) => {
  validate[name] = (value, context) => run(kind, value, context);
});
const kycPageKind = KINDS.indexOf("kycPage");
validate.kycPage = (value, context) => {
  const bytes = bytesOf(value);
  if (bytes === undefined) return run(kycPageKind, value, context);
  assertReady();
  const type = context && typeof context.Type === "string" ? context.Type : "";
  return result(glue.validateKycBytes(bytes, type));
};
Object.freeze(validate);

function standardIssues(issues) {
  return issues.map((i) => (i.path ? { message: i.message, path: i.path.split(".") } : { message: i.message }));
}

/** The same validators as Standard Schema v1 objects (vendor `mangopay-wasm`). */
export const schemas = {};
for (const name of KINDS) {
  schemas[name] = Object.freeze({
    "~standard": Object.freeze({
      version: 1,
      vendor: "mangopay-wasm",
      validate(value) {
        const r = validate[name](value);
        return r.ok ? { value } : { issues: standardIssues(r.issues) };
      },
    }),
  });
}
Object.freeze(schemas);

/**
 * The SCA session URL: Mangopay's RedirectUrl (a string, a PendingUserAction, or a user carrying
 * one) with the encoded returnUrl appended; throws a MangopayError when it would be invalid or
 * 2,000 characters or longer.
 */
export function scaRedirectUrl(pendingUserActionOrUrl, returnUrl) {
  assertReady();
  let redirect = pendingUserActionOrUrl;
  if (redirect && typeof redirect === "object") {
    redirect = redirect.PendingUserAction && typeof redirect.PendingUserAction === "object"
      ? redirect.PendingUserAction.RedirectUrl
      : redirect.RedirectUrl;
  }
  if (typeof redirect !== "string") throw argumentError("scaRedirectUrl takes a RedirectUrl string or a PendingUserAction.");
  if (typeof returnUrl !== "string") throw argumentError("returnUrl must be a string.");
  try {
    return glue.scaRedirectUrl(redirect, returnUrl);
  } catch (e) {
    const r = typeof e === "string" ? result(e) : failure("", "invalid_format", String(e));
    throw new MangopayError({ type: "param_error", message: r.issues[0].message, errors: r.errors, issues: r.issues });
  }
}
