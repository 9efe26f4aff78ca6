// validate.* reads plain JS values through a tape written straight into wasm memory (fast path,
// src/wasm/js/validate.js) and everything else through JSON.stringify + validateJson (the path
// every value took before). This test runs a large generated corpus through validate.<kind> and
// through the JSON path — JSON.stringify, then the glue's validateJson, exactly as run() did
// before the tape — and asserts identical {ok, issues, errors}. Run by `scripts/test.sh wasm`.
//
// MANGOPAY_REFERENCE_PKG=<dir of an older pkg/dist> compares against that build's
// validate.<kind> instead (e.g. the package built from main before the tape).
import { test } from "node:test";
import assert from "node:assert/strict";
import { join, resolve } from "node:path";
import { validate } from "../../pkg/dist/node.js";
import * as glue from "../../pkg/dist/mangopay_wasm.js";

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
const failure = (path, code, message) => ({ ok: false, issues: [{ path, code, message }], errors: { [path]: message } });
function toJson(value) {
  let json;
  try {
    json = JSON.stringify(value);
  } catch {
    return undefined;
  }
  return json === undefined ? "null" : json;
}

// The JSON path, as validate.js's run() was before the tape.
function viaJson(name, value, context) {
  const json = toJson(value);
  if (json === undefined) return failure("", "invalid_type", "The value cannot be read as JSON data.");
  let ctx;
  if (context !== undefined && context !== null) {
    ctx = toJson(context);
    if (ctx === undefined) return failure("", "invalid_type", "The options cannot be read as JSON data.");
  }
  return result(glue.validateJson(KINDS.indexOf(name), json, ctx));
}

let reference = viaJson;
if (process.env.MANGOPAY_REFERENCE_PKG) {
  const old = await import(join(resolve(process.env.MANGOPAY_REFERENCE_PKG), "node.js"));
  reference = (name, value, context) => old.validate[name](value, context);
}

// Every JS type and the edge cases of JSON.stringify and of the tape.
const circular = { a: 1 };
circular.self = circular;
class Person {
  constructor() {
    this.FirstName = "Joe";
  }
}
const withGetter = { get FirstName() { return "Joe"; }, LastName: "Bloggs" };
const protoKey = JSON.parse('{"__proto__": "FR", "FirstName": "Joe"}');
const nullProto = Object.assign(Object.create(null), { FirstName: "Joe", Country: "FR" });
const frozen = Object.freeze({ AddressLine1: "1 rue", City: "Paris", PostalCode: "75001", Country: "fr" });
let deep = {};
for (let i = 0; i < 20; i++) deep = { x: deep, Country: "FR" };
let deeper = [];
for (let i = 0; i < 200; i++) deeper = [deeper];
let deepObject = {};
for (let i = 0; i < 200; i++) deepObject = { x: deepObject };
const fnWithToJson = Object.assign(() => 1, { toJSON: () => "FR" });
const sparse = [];
sparse[3] = 1;

const VALUES = [
  undefined, null, true, false, 0, -0, 1, -1, 3, 6, 7, 100, 101, 2.5, -2.5, 0.1, 1e21, -1e21, 1e300, 1e-7,
  2 ** 31, 2 ** 31 - 1, -(2 ** 31), -(2 ** 31) - 1, 2 ** 32, 2 ** 53, 2 ** 53 + 2, 2 ** 60, 2 ** 63, -(2 ** 63),
  2 ** 64, 4503599627370495.5, 1.7976931348623157e308, -1.7976931348623157e308, 5e-324, NaN, Infinity,
  -Infinity, 652117514, -652117514,
  "", " ", " \t\n", "x", "FR", "fr", "Fr", "KP", "US", "us", "MX", "CA", "XK", "ZZ", "FRA", "é", "😀", "\ud800",
  "\udc00", "a\ud800b", "\ud83d\ude00", "\u0000", "\u2028", "\u00a0", "\u3000x", "é".repeat(100), "é".repeat(101),
  "😀".repeat(100), "😀".repeat(101), "a".repeat(255), "a".repeat(256), "+33611111111", " +33 6", "0611111111",
  "joe@example.com", "bad@", "a@b.c", "OWNER", "owner", "PAYER", "payer", "PLATFORM", "USER_PRESENT",
  "user_not_present", "BUSINESS", "soletrader", "IDENTITY_PROOF", "IBAN", "iban", "GB", "OTHER",
  "FR7630006000011234567890189", "BNPAFRPP", "12345678", "123456", "75001", "750 01", "75001!", "CreationDate:ASC",
  "https://example.com/return", "data:application/pdf;base64,AAAA", "JVBERi0xLjQK".repeat(200),
  10n, Symbol("s"), () => 1, fnWithToJson, [], [1], [undefined], [10n], [[[]]], sparse, [circular], {}, { a: 1 },
  { toJSON: () => "FR" }, { toJSON: "not a function", Country: "FR" }, new Date(0), new Date(NaN),
  new String("FR"), new Number(3), new Boolean(true), Object(10n), nullProto, new Person(), frozen, withGetter,
  protoKey, circular, deep, deeper, deepObject, new Map([[1, 2]]), new Set([1]), new Uint8Array(3),
  { [Symbol("k")]: 1, Country: "FR" }, { 1: "x", 0: "y", b: "z", a: "w" }, { "": "", "a.b": 1, "é": 2, "\ud800": 3 },
  { AddressLine1: "1 rue", City: "Paris", PostalCode: "75001", Country: "FR" },
  { AddressLine1: null, City: "", PostalCode: " ", Country: null },
  { AddressLine1: "1 Main St", City: "Austin", Country: "US", Region: "" },
  { FirstName: "Ann", LastName: "Lee", Email: "ann@example.com", Birthday: 1, Nationality: "KP", CountryOfResidence: "FR" },
  { CompanyNumber: "123", CountryCode: "fr" }, { CompanyNumber: 123, CountryCode: "" },
];

const natural = {
  FirstName: "Joe", LastName: "Bloggs", Email: "joe.bloggs@example.com", UserCategory: "OWNER",
  TermsAndConditionsAccepted: true, Birthday: 652117514, Nationality: "FR", CountryOfResidence: "FR",
  PhoneNumber: "+33611111111", PhoneNumberCountry: "FR", Tag: "bench", Occupation: "x", IncomeRange: 3,
  ScaContext: "USER_PRESENT",
  Address: { AddressLine1: "1 rue de la Paix", City: "Paris", PostalCode: "75001", Country: "FR" },
};
const legal = {
  Name: "ACME", LegalPersonType: "BUSINESS", Email: "acme@example.com", UserCategory: "OWNER",
  TermsAndConditionsAccepted: true, CompanyNumber: "123",
  HeadquartersAddress: { AddressLine1: "1 rue", City: "Paris", PostalCode: "75001", Country: "FR" },
  LegalRepresentative: {
    FirstName: "Joe", LastName: "Bloggs", Email: "joe@example.com", Birthday: 1, Nationality: "FR",
    CountryOfResidence: "FR", PhoneNumber: "0611111111", PhoneNumberCountry: "FR",
  },
  LegalRepresentativeFirstName: "Joe", LegalRepresentativeLastName: "Bloggs", LegalRepresentativeBirthday: 1,
  LegalRepresentativeNationality: "FR", LegalRepresentativeCountryOfResidence: "FR",
  LegalRepresentativeEmail: "joe@example.com",
  LegalRepresentativeAddress: { AddressLine1: "1 rue", City: "Paris", PostalCode: "75001", Country: "FR" },
};
const bank = {
  Type: "IBAN", OwnerName: "Joe", IBAN: "FR7630006000011234567890189", BIC: "BNPAFRPP", AccountNumber: "12345678",
  SortCode: "123456", ABA: "123456789", DepositAccountType: "CHECKING", BranchCode: "12345", InstitutionNumber: "123",
  BankName: "Bank", Country: "FR", Tag: "t",
  OwnerAddress: { AddressLine1: "1 rue", City: "Paris", PostalCode: "75001", Country: "FR" },
};
const other = {
  Type: "IDENTITY_PROOF", Tag: "t", File: "JVBERi0xLjQK".repeat(200), page: 1, perPage: 10, sort: "CreationDate:ASC",
  BeforeDate: 1, AfterDate: 2, Active: true, Status: "x", Nature: "x", ResultCode: "x", PaymentStatus: "x",
  CompanyNumber: { CompanyNumber: "123", CountryCode: "FR" }, RedirectUrl: "https://sca.mangopay.com/x",
  returnUrl: "https://example.com/", Unknown: 1, per_page: 2,
};
const BASES = [natural, legal, bank, other, { ...natural, ...legal, ...bank }];
const NESTED = ["Address", "HeadquartersAddress", "LegalRepresentative", "LegalRepresentativeAddress", "OwnerAddress", "CompanyNumber"];
const CONTEXTS = [
  undefined, null, { PersonType: "NATURAL" }, { PersonType: "legal", LegalPersonType: "SOLETRADER" },
  { PersonType: "LEGAL" }, { Type: "IDENTITY_PROOF" }, { Type: "ADDRESS_PROOF" }, "x", 10n, circular, new Date(0),
];

function check(name, value, context, what) {
  // kycPage reads bytes itself (validateKycBytes), before either path.
  if (name === "kycPage" && (ArrayBuffer.isView(value) || value instanceof ArrayBuffer)) return;
  const got = validate[name](value, context);
  const want = reference(name, value, context);
  assert.deepStrictEqual(got, want, `${name} ${what}`);
}

function* mutations(base) {
  yield ["base", base];
  for (const key of [...Object.keys(base), "Extra"]) {
    for (let i = 0; i < VALUES.length; i++) yield [`${key} = VALUES[${i}]`, { ...base, [key]: VALUES[i] }];
    const { [key]: _, ...without } = base;
    yield [`without ${key}`, without];
  }
  for (const outer of NESTED) {
    const inner = base[outer];
    if (!inner || typeof inner !== "object") continue;
    for (const key of [...Object.keys(inner), "Region", "Extra"]) {
      for (let i = 0; i < VALUES.length; i++) {
        yield [`${outer}.${key} = VALUES[${i}]`, { ...base, [outer]: { ...inner, [key]: VALUES[i] } }];
      }
    }
  }
}

test("every validator kind: each field set to every JS value, tape path = JSON path", () => {
  let runs = 0;
  for (const name of KINDS) {
    for (const value of VALUES) {
      check(name, value, undefined, "root value");
      runs++;
    }
    for (const base of BASES) {
      for (const [what, body] of mutations(base)) {
        check(name, body, undefined, what);
        runs++;
      }
    }
  }
  assert.ok(runs > 50_000, `${runs} runs`);
});

test("contexts of createKycDocument and kycPage", () => {
  for (const name of ["createKycDocument", "kycPage", "createNaturalSca"]) {
    for (const context of CONTEXTS) {
      for (const value of [other, { Type: "ADDRESS_PROOF" }, other.File, "AAAA", null, 10n, circular]) {
        check(name, value, context, "with a context");
      }
    }
  }
});

test("random combinations of fields, nested and not (seeded)", () => {
  let seed = 42;
  const random = (n) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const keys = [...new Set(BASES.flatMap((b) => Object.keys(b)))];
  for (let round = 0; round < 3000; round++) {
    const base = BASES[random(BASES.length)];
    const body = {};
    for (const key of Object.keys(base)) if (random(4) !== 0) body[key] = base[key];
    for (let k = random(6); k > 0; k--) body[keys[random(keys.length)]] = VALUES[random(VALUES.length)];
    for (const outer of NESTED) {
      if (body[outer] && typeof body[outer] === "object" && random(2) === 0) {
        const inner = { ...body[outer] };
        for (const key of Object.keys(inner)) if (random(3) === 0) inner[key] = VALUES[random(VALUES.length)];
        body[outer] = inner;
      }
    }
    check(KINDS[random(KINDS.length)], body, undefined, `random body ${round}`);
  }
});

test("getters that throw or validate while the tape is being written", () => {
  let inner;
  const reentrant = {
    FirstName: "Joe",
    get LastName() {
      inner = validate.createNaturalSca({ FirstName: "" });
      return "Bloggs";
    },
    Email: "joe@example.com",
    UserCategory: "PAYER",
    TermsAndConditionsAccepted: true,
  };
  check("createNaturalSca", reentrant, undefined, "a getter that validates");
  assert.equal(inner.ok, false);
  const throwing = { FirstName: "Joe", get LastName() { throw new Error("no"); } };
  check("createNaturalSca", throwing, undefined, "a getter that throws");
  const context = { get PersonType() { validate.createNaturalSca({}); return "NATURAL"; } };
  check("createKycDocument", { Type: "IDENTITY_PROOF" }, context, "a context getter that validates");
  // A getter whose wasm call grows the memory while the tape is being written.
  const growing = { ...natural, get Tag() { validate.kycPage(new Uint8Array(8 << 20), { Type: "IDENTITY_PROOF" }); return "t"; } };
  check("createNaturalSca", growing, undefined, "a getter that grows the wasm memory");
  check("createNaturalSca", natural, undefined, "after them");
});

test("a valid body is valid through the tape, and the result objects are fresh", () => {
  const a = validate.createNaturalSca(natural);
  const b = validate.createNaturalSca(natural);
  assert.deepStrictEqual(a, { ok: true, issues: [], errors: {} });
  assert.notStrictEqual(a, b);
  assert.notStrictEqual(a.issues, b.issues);
  // Large bodies grow the tape's buffers; later calls still read the right data.
  const big = { ...natural };
  for (let i = 0; i < 5000; i++) big[`k${i}`] = "é".repeat(i % 7);
  check("createNaturalSca", big, undefined, "a big body");
  check("createNaturalSca", { ...natural, FirstName: "" }, undefined, "after the big body");
  check("listOptions", { ...big, page: 0 }, undefined, "list options with many unknown keys");
});

// Both paths on a fresh value each (the getters below change what they are read from).
function checkFresh(name, make, what) {
  assert.deepStrictEqual(validate[name](make()), reference(name, make()), `${name} ${what}`);
}

test("keys added or removed while the tape is written, inherited keys, proxies", () => {
  const deleting = () => ({ FirstName: "Joe", get LastName() { delete this.Email; return "Bloggs"; }, Email: "joe@example.com" });
  checkFresh("createNaturalSca", deleting, "a getter that deletes a later key");
  const adding = () => ({ FirstName: "Joe", get LastName() { this.Email = "x"; return "Bloggs"; }, UserCategory: "PAYER" });
  checkFresh("createNaturalSca", adding, "a getter that adds a key");
  const moving = () => ({ get FirstName() { delete this.Email; this.Email = "joe@example.com"; return "Joe"; }, Email: "a", Tag: 1 });
  checkFresh("createNaturalSca", moving, "a getter that re-adds a later key");
  Object.prototype.Email = "inherited@example.com";
  try {
    checkFresh("createNaturalSca", () => ({ ...natural }), "an enumerable key on Object.prototype");
    checkFresh("createNaturalSca", () => ({ FirstName: "Joe" }), "an inherited key the body lacks");
  } finally {
    delete Object.prototype.Email;
  }
  const sneaky = () => ({ FirstName: "Joe", get LastName() { Object.prototype.Tag = 5; return "Bloggs"; } });
  try {
    const got = validate.createNaturalSca(sneaky());
    delete Object.prototype.Tag;
    const want = reference("createNaturalSca", sneaky());
    assert.deepStrictEqual(got, want, "a getter that adds a key to Object.prototype");
  } finally {
    delete Object.prototype.Tag;
  }
  checkFresh("createNaturalSca", () => new Proxy({ ...natural }, {}), "a proxy of a plain object");
  check("createNaturalSca", natural, undefined, "after them");
});
