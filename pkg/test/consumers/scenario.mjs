// The one scenario every consumer runs against the installed package and the real sandbox, so
// each runtime proves the same behaviour: init, validation, Standard Schema, the client against
// the API (create, read, server and client errors, raw request), and a KYC page read from a Blob.
// Runtime-neutral (no Node APIs): Node, Chromium, workerd and Deno all load it.

const PAYER = {
  UserCategory: "PAYER",
  TermsAndConditionsAccepted: true,
  FirstName: "Alex",
  LastName: "Smith",
  Email: "alex.smith@example.com",
  Address: {
    AddressLine1: "3 rue de la Cité",
    City: "Paris",
    PostalCode: "75004",
    Country: "FR",
  },
};

/** A syntactically plausible PDF of `size` bytes (the sandbox checks magic bytes and size). */
function pdfBytes(size) {
  const bytes = new Uint8Array(size).fill(0x20);
  const head = new TextEncoder().encode("%PDF-1.4\n");
  const tail = new TextEncoder().encode("\n%%EOF\n");
  bytes.set(head, 0);
  bytes.set(tail, size - tail.length);
  return bytes;
}

async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection, got a result");
}

/**
 * Runs the scenario; resolves to `{ checks: [names] }` or throws on the first failed check.
 * `env`: `{ baseUrl, clientId, apiKey, browser }` — `browser` turns on dangerouslyAllowBrowser.
 */
export async function runScenario(m, env) {
  const checks = [];
  const check = (name, ok, detail) => {
    if (!ok) throw new Error(`check failed: ${name}${detail === undefined ? "" : ` — ${JSON.stringify(detail)}`}`);
    checks.push(name);
  };
  const unique = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

  await Promise.all([m.ready(), m.ready(), m.ready()]);
  await m.ready();
  check("ready() resolves, concurrently and repeatedly", true);

  const bad = m.validate.createNaturalSca({ ...PAYER, Email: "not-an-email", FirstName: "" });
  check("validate reports every bad field", bad.ok === false && "Email" in bad.errors && "FirstName" in bad.errors, bad);
  check("validate issues carry path and code", bad.issues.length >= 2 && bad.issues.every((i) => i.path !== undefined && i.code), bad.issues);
  const good = m.validate.createNaturalSca(PAYER);
  check("validate accepts a documented payer", good.ok === true && good.issues.length === 0, good);

  const standard = m.schemas.createNaturalSca["~standard"];
  check("schemas are Standard Schema v1", standard.version === 1 && standard.vendor === "mangopay-wasm", standard);
  const schemaResult = await standard.validate({ ...PAYER, Email: "nope" });
  check("a schema reports issues", Array.isArray(schemaResult.issues) && schemaResult.issues.length > 0, schemaResult);

  const mp = new m.Mangopay({
    clientId: env.clientId,
    baseUrl: env.baseUrl,
    apiKey: env.apiKey,
    dangerouslyAllowBrowser: env.browser === true,
    maxRetries: 0,
  });
  const email = `payer.${unique}@example.com`;
  const user = await mp.users.createNaturalSca({ ...PAYER, Email: email });
  check("createNaturalSca creates a user on the sandbox", typeof user.Id === "string" && user.Id.startsWith("user_m_") && user.Email === email, user);
  const read = await mp.users.getNaturalSca(user.Id);
  check("getNaturalSca reads it back", read.Id === user.Id && read.UserCategory === "PAYER", read);

  const notFound = await rejection(mp.users.getNaturalSca("user_m_01HZZZZZZZZZZZZZZZZZZZZZZZ"));
  check("a 404 rejects with a MangopayError", m.isMangopayError(notFound) && notFound instanceof Error && notFound.status === 404, { name: notFound.name, status: notFound.status, message: notFound.message });
  const invalid = await rejection(mp.users.createNaturalSca({ ...PAYER, Email: "nope" }));
  check("client-side validation rejects before sending", m.isMangopayError(invalid) && invalid.type === "param_error" && invalid.errors && "Email" in invalid.errors, { type: invalid.type, errors: invalid.errors });

  const raw = await mp.request({ method: "GET", path: `/users/${user.Id}` });
  check("request() passes a raw call through", raw.status === 200 && JSON.parse(raw.body).Id === user.Id, { status: raw.status });

  const doc = await mp.users.createKycDocument(user.Id, { Type: "IDENTITY_PROOF", Tag: `pkg-${unique}` });
  check("createKycDocument", typeof doc.Id === "string" && doc.Status === "CREATED", doc);
  const blob = new Blob([pdfBytes(40 * 1024)], { type: "application/pdf" });
  await mp.users.createKycPageFromFile(user.Id, doc.Id, blob);
  check("createKycPageFromFile uploads a page read from a Blob", true);
  const empty = await rejection(mp.users.createKycPageFromFile(user.Id, doc.Id, new Blob([])));
  check("an empty Blob is refused with a MangopayError", m.isMangopayError(empty), { name: empty.name, message: empty.message });

  return { checks };
}

/** The validate-only entry: validators and schemas, and no client in it. */
export async function runValidateScenario(v) {
  const checks = [];
  const check = (name, ok, detail) => {
    if (!ok) throw new Error(`check failed: ${name}${detail === undefined ? "" : ` — ${JSON.stringify(detail)}`}`);
    checks.push(name);
  };
  await Promise.all([v.ready(), v.ready()]);
  const bad = v.validate.createNaturalSca({ ...PAYER, Email: "nope" });
  check("validate-only: validate works", bad.ok === false && "Email" in bad.errors, bad);
  check("validate-only: schemas work", v.schemas.createNaturalSca["~standard"].vendor === "mangopay-wasm");
  check("validate-only: no client in it", !("Mangopay" in v));
  return { checks };
}
