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

function run(kind, value, context) {
  assertReady();
  const json = toJson(value);
  if (json === undefined) return failure("", "invalid_type", "The value cannot be read as JSON data.");
  let ctx;
  if (context !== undefined && context !== null) {
    ctx = toJson(context);
    if (ctx === undefined) return failure("", "invalid_type", "The options cannot be read as JSON data.");
  }
  return result(glue.validateJson(kind, json, ctx));
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
