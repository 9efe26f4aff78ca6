// Browser end-to-end tests of the demo: real Chromium → the real proxy in workerd (serving
// www/dist) → the real sandbox. Run by `bash scripts/test.sh e2e` (or `node --test www/e2e/`
// after building the package, the sandbox and www/dist).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, beforeEach, describe, test } from "node:test";
import { kycFiles } from "./files.mjs";
import { launchBrowser, screenshot, startProxy, startSandbox, stop } from "./harness.mjs";

let sandbox;
let proxy;
let browser;
let files;
let page;
let context;
const cspViolations = [];

before(async () => {
  sandbox = await startSandbox();
  proxy = await startProxy(sandbox.url);
  browser = await launchBrowser();
  const scratch = await browser.newPage();
  files = await kycFiles(scratch);
  await scratch.close();
});

after(async () => {
  await browser?.close();
  await stop(proxy?.child);
  await stop(sandbox?.child);
});

beforeEach(async () => {
  await sandbox.admin.clearFaults();
  await sandbox.admin.reset();
});

/** A fresh browser context on the app, with CSP violations and page errors recorded. */
async function openApp() {
  await context?.close();
  context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  page = await context.newPage();
  page.on("console", (msg) => {
    if (/Content Security Policy|Refused to/i.test(msg.text())) cspViolations.push(msg.text());
  });
  page.on("pageerror", (error) => cspViolations.push(`page error: ${error.message}`));
  await page.goto(`${proxy.url}/`);
  await page.locator("#natural").waitFor();
  return page;
}

const text = (selector) => page.locator(selector).innerText();

/** Starts recording every text the given elements show (to check sequences, not just end states). */
async function recordTexts(selectors) {
  await page.evaluate((selectors) => {
    window.__texts = {};
    for (const selector of selectors) {
      const el = document.querySelector(selector);
      window.__texts[selector] = [];
      new MutationObserver(() => window.__texts[selector].push(el.textContent)).observe(el, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    }
  }, selectors);
}
const recordedTexts = () => page.evaluate(() => window.__texts);
const field = (name) => page.locator(`#account-details dd[data-field="${name}"]`);

async function expectField(name, value, timeout = 15_000) {
  await page.locator(`#account-details dd[data-field="${name}"]`, { hasText: new RegExp(`^${value}$`) }).waitFor({ timeout });
}

/** API requests the sandbox received, without the proxy's token requests. */
async function apiRequests() {
  return (await sandbox.admin.requests()).filter((r) => !r.path.endsWith("/oauth/token"));
}

async function fillNatural({ email = "alex.martin@example.com", owner = false } = {}) {
  if (owner) await page.check("#natural-UserCategory-OWNER");
  await page.fill("#natural-FirstName", "Alex");
  await page.fill("#natural-LastName", "Martin");
  await page.fill("#natural-Email", email);
  await page.fill("#natural-Birthday", "1990-05-17");
  await page.selectOption("#natural-Nationality", "FR");
  await page.selectOption("#natural-CountryOfResidence", "FR");
  await page.selectOption("#natural-PhoneNumberCountry", "FR");
  await page.fill("#natural-PhoneNumber", "0612345678");
  await page.fill("#natural-Address-AddressLine1", "12 rue de la Paix");
  await page.fill("#natural-Address-City", "Paris");
  await page.fill("#natural-Address-PostalCode", "75002");
  await page.selectOption("#natural-Address-Country", "FR");
  await page.check("#natural-TermsAndConditionsAccepted");
}

/** Follows the SCA link to the sandbox's page, chooses `button`, and waits to be back in the app. */
async function authenticate(button, shot) {
  await page.click("#start-sca");
  await page.waitForURL(/\/sca\/session/);
  assert.match(page.url(), /returnUrl=/, "the RedirectUrl carries a returnUrl back to the app");
  if (shot) await screenshot(page, shot);
  await page.click(`button:text-is("${button}")`);
  await page.waitForURL((url) => url.href.startsWith(proxy.url));
  await page.locator("#account").waitFor();
}

async function uploadKyc(type, tag, paths) {
  await page.selectOption("#kyc-type", type);
  await page.selectOption("#kyc-tag", tag);
  await page.setInputFiles("#kyc-files", paths);
  await page.locator("#kyc-file-list li.good").nth(paths.length - 1).waitFor();
}

describe("demo onboarding app", () => {
  test("natural user: PAYER, live validation, become an owner through SCA, KYC validated", async () => {
    await openApp();
    await screenshot(page, "01-signup-natural");
    // Live validation: a bad email shows its error once the field was edited, before any submit.
    await page.fill("#natural-Email", "alex@");
    await page.locator("#natural-Email-error").waitFor();
    assert.equal(await page.getAttribute("#natural-Email", "aria-invalid"), "true");
    await fillNatural();
    assert.equal(await page.locator("#natural-Email-error").isHidden(), true, "a fixed field loses its error");
    await page.click("#natural button[type=submit]");
    await expectField("UserStatus", "ACTIVE");
    await expectField("UserCategory", "PAYER");
    await screenshot(page, "02-account-payer");

    // Become an owner: the form is prefilled from the sign-up values; only the terms are asked again.
    assert.equal(await page.inputValue("#owner-Birthday"), "1990-05-17");
    await page.check("#owner-TermsAndConditionsAccepted");
    await page.click("#owner button[type=submit]");
    await expectField("UserCategory", "OWNER");
    await expectField("UserStatus", "PENDING_USER_ACTION");
    await authenticate("Complete", "03-sca-page");
    await expectField("UserStatus", "ACTIVE");
    await page.locator("#status", { hasText: /Strong authentication complete/ }).waitFor();
    await screenshot(page, "04-account-owner-active");

    // KYC: one identity document with a page of each accepted type.
    await page.locator("#kyc").waitFor();
    await uploadKyc("IDENTITY_PROOF", "accept", [files.pdf, files.jpeg, files.png]);
    await screenshot(page, "05-kyc-files-checked");
    await recordTexts(["#kyc-progress-text", "#kyc-status"]);
    await page.click("#kyc-upload");
    await page.locator("#kyc-doc-status", { hasText: "VALIDATED" }).waitFor({ timeout: 20_000 });
    const seen = await recordedTexts();
    assert.deepEqual(
      seen["#kyc-progress-text"].filter((t) => t.startsWith("Page")),
      ["Page 0 of 3 sent", "Page 1 of 3 sent", "Page 2 of 3 sent", "Page 3 of 3 sent"],
      "the progress bar follows each page",
    );
    const statuses = seen["#kyc-status"].map((t) => t.match(/: (\w+)/)?.[1]).filter((v, i, a) => v && v !== a[i - 1]);
    assert.deepEqual(statuses, ["CREATED", "VALIDATION_ASKED", "VALIDATED"]);
    assert.equal(await page.locator("#kyc-progress").evaluate((p) => p.value), 1);
    await expectField("KYCLevel", "REGULAR");
    await screenshot(page, "06-kyc-validated");

    const log = await apiRequests();
    const kinds = log.map((r) => `${r.method} ${r.endpoint} ${r.status}`);
    assert.equal(log.filter((r) => r.method === "POST" && /kyc\/documents$/.test(r.canonical_path ?? r.path)).length, 1, kinds.join("\n"));
    assert.equal(log.filter((r) => r.method === "POST" && /pages$/.test(r.path)).length, 3, kinds.join("\n"));
    assert.equal((await sandbox.admin.users()).length, 1);
  });

  test("legal user: company PAYER, become an owner through SCA, KYC refused", async () => {
    await openApp();
    await page.check('input[name="person-type"][value="LEGAL"]');
    await page.locator("#legal").waitFor();
    await page.fill("#legal-Name", "Acme Widgets SARL");
    await page.selectOption("#legal-LegalPersonType", "BUSINESS");
    await page.fill("#legal-Email", "finance@acme.example");
    await page.fill("#legal-LegalRepresentative-FirstName", "Camille");
    await page.fill("#legal-LegalRepresentative-LastName", "Durand");
    await page.fill("#legal-LegalRepresentative-Email", "camille@acme.example");
    await page.fill("#legal-LegalRepresentative-Birthday", "1984-02-29");
    await page.selectOption("#legal-LegalRepresentative-Nationality", "FR");
    await page.selectOption("#legal-LegalRepresentative-CountryOfResidence", "FR");
    await page.fill("#legal-HeadquartersAddress-AddressLine1", "5 avenue Anatole France");
    await page.fill("#legal-HeadquartersAddress-City", "Paris");
    await page.fill("#legal-HeadquartersAddress-PostalCode", "75007");
    await page.selectOption("#legal-HeadquartersAddress-Country", "FR");
    await page.fill("#legal-CompanyNumber", "552100554");
    await page.check("#legal-TermsAndConditionsAccepted");
    await screenshot(page, "07-signup-legal");
    await page.click("#legal button[type=submit]");
    await expectField("UserCategory", "PAYER");
    await expectField("LegalPersonType", "BUSINESS");

    assert.equal(await page.inputValue("#owner-HeadquartersAddress-City"), "Paris");
    assert.equal(await page.inputValue("#owner-CompanyNumber"), "552100554");
    await page.check("#owner-TermsAndConditionsAccepted");
    await page.click("#owner button[type=submit]");
    await expectField("UserStatus", "PENDING_USER_ACTION");
    await authenticate("Complete");
    await expectField("UserStatus", "ACTIVE");
    await expectField("UserCategory", "OWNER");

    // A company never sends a proof of address; the SDK's rules hide it.
    const types = await page.locator("#kyc-type option").evaluateAll((os) => os.map((o) => o.value));
    assert.deepEqual(types.sort(), ["ARTICLES_OF_ASSOCIATION", "IDENTITY_PROOF", "REGISTRATION_PROOF", "SHAREHOLDER_DECLARATION"]);
    await uploadKyc("REGISTRATION_PROOF", "refuse_unreadable", [files.pdf]);
    await page.click("#kyc-upload");
    await page.locator("#kyc-doc-status", { hasText: "REFUSED" }).waitFor({ timeout: 20_000 });
    assert.match(await text("#kyc-status"), /DOCUMENT_UNREADABLE/);
    await screenshot(page, "08-legal-kyc-refused");
    assert.equal((await sandbox.admin.users()).length, 1);
  });

  test("invalid input shows the right field errors, focuses the first, and sends nothing", async () => {
    await openApp();
    // The category decides what is required, as the rules say.
    assert.equal(await page.locator("#natural-Birthday").getAttribute("aria-required"), null);
    await page.check("#natural-UserCategory-OWNER");
    assert.equal(await page.locator("#natural-Birthday").getAttribute("aria-required"), "true");
    assert.equal(await page.locator('[data-path="Birthday"] .required').isVisible(), true);

    await page.fill("#natural-LastName", "Martin");
    await page.fill("#natural-Email", "not-an-email");
    await page.selectOption("#natural-Nationality", "KP");
    await page.selectOption("#natural-Address-Country", "US");
    await page.fill("#natural-Address-PostalCode", "10001!");
    await page.click("#natural button[type=submit]");

    await page.locator("#natural-summary").waitFor();
    const focused = await page.evaluate(() => document.activeElement?.id);
    assert.equal(focused, "natural-FirstName", "focus goes to the first field in error");
    const errorOf = (id) => text(`#natural-${id}-error`);
    assert.match(await errorOf("FirstName"), /First name/);
    assert.match(await errorOf("Email"), /Email/);
    assert.match(await errorOf("Nationality"), /KP|blocked|not/i);
    assert.match(await errorOf("Birthday"), /required/i);
    assert.match(await errorOf("Address-Region"), /required/i);
    assert.match(await errorOf("Address-PostalCode"), /alphanumeric/);
    assert.match(await errorOf("TermsAndConditionsAccepted"), /./);
    assert.equal(await page.locator("#natural-LastName-error").isHidden(), true);
    // Labels are wired: the accessible name of the field in error is its label.
    assert.equal(await page.getByLabel("First name").getAttribute("aria-invalid"), "true");
    await screenshot(page, "09-invalid-input");
    // The README's picture (docs/demo.png is a copy): the form as it first meets the eye.
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, "00-readme", { fullPage: false });

    // Every control has an accessible name, and errors are announced through aria-describedby.
    const unnamed = await page.evaluate(() =>
      [...document.querySelectorAll("input, select, button")]
        .filter((el) => !el.closest("[hidden]"))
        .filter((el) => !(el.labels?.length || el.getAttribute("aria-label") || el.getAttribute("aria-labelledby") || (el.tagName === "BUTTON" && el.textContent.trim())))
        .map((el) => el.id || el.outerHTML),
    );
    assert.deepEqual(unnamed, []);
    const describedBy = await page.getAttribute("#natural-Email", "aria-describedby");
    assert.ok(describedBy.split(" ").includes("natural-Email-error"));

    // Keyboard only: fixing the first field and pressing Enter submits again, and focus moves on
    // to the next field in error.
    await page.keyboard.type("Alex");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.activeElement?.id === "natural-Email");

    // PAYER needs fewer fields: those errors go away.
    await page.check("#natural-UserCategory");
    assert.equal(await page.locator("#natural-Birthday-error").isHidden(), true);

    const sent = await apiRequests();
    assert.deepEqual(sent, [], "nothing reached the API");
  });

  test("a server-side param_error lands on its field (browser validation off)", async () => {
    await openApp();
    await page.click(".dev summary");
    await page.uncheck("#client-validation");
    await fillNatural({ owner: true });
    await page.selectOption("#natural-Nationality", "KP");
    assert.equal(await page.locator("#natural-Nationality-error").isHidden(), true, "no browser error when validation is off");
    await page.click("#natural button[type=submit]");
    const error = page.locator("#natural-Nationality-error");
    await error.waitFor();
    assert.equal(await error.getAttribute("data-source"), "server");
    assert.match(await error.innerText(), /server/i);
    assert.equal(await page.evaluate(() => document.activeElement?.id), "natural-Nationality");
    await screenshot(page, "10-server-error");
    // The proxy re-validates bodies with the same rules, so the refusal may come from it or from
    // the sandbox; either way nothing is created.
    const posts = (await apiRequests()).filter((r) => r.method === "POST");
    assert.ok(posts.every((r) => r.status === 400), JSON.stringify(posts));
    assert.equal((await sandbox.admin.users()).length, 0);
  });

  test("a rule only the server knows (the stored user) lands on its field of the owner form", async () => {
    await openApp();
    await page.check('input[name="person-type"][value="LEGAL"]');
    // A company PAYER without the representative's email: allowed for a PAYER…
    await page.fill("#legal-Name", "Bare Bones SAS");
    await page.selectOption("#legal-LegalPersonType", "PARTNERSHIP");
    await page.fill("#legal-Email", "hello@barebones.example");
    await page.fill("#legal-LegalRepresentative-FirstName", "Noor");
    await page.fill("#legal-LegalRepresentative-LastName", "Haddad");
    await page.check("#legal-TermsAndConditionsAccepted");
    await page.click("#legal button[type=submit]");
    await expectField("UserCategory", "PAYER");
    // …but an OWNER needs it. The categorize body's rules say it is optional, so only the server,
    // which merges the body with the stored user, can refuse.
    await page.fill("#owner-LegalRepresentative-Birthday", "1979-11-03");
    await page.selectOption("#owner-LegalRepresentative-Nationality", "BE");
    await page.selectOption("#owner-LegalRepresentative-CountryOfResidence", "BE");
    await page.fill("#owner-HeadquartersAddress-AddressLine1", "Rue Neuve 1");
    await page.fill("#owner-HeadquartersAddress-City", "Bruxelles");
    await page.fill("#owner-HeadquartersAddress-PostalCode", "1000");
    await page.selectOption("#owner-HeadquartersAddress-Country", "BE");
    await page.check("#owner-TermsAndConditionsAccepted");
    assert.equal(await page.locator("#owner-summary").isHidden(), true, "the browser's rules pass");
    await page.click("#owner button[type=submit]");
    const error = page.locator("#owner-LegalRepresentative-Email-error");
    await error.waitFor();
    assert.equal(await error.getAttribute("data-source"), "server");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "owner-LegalRepresentative-Email");
    const refused = (await apiRequests()).filter((r) => r.method === "PUT" && r.status === 400);
    assert.equal(refused.length, 1, "the sandbox itself refused the categorize call");
    await screenshot(page, "11-server-only-rule");
    // Fixing the field clears the server error and the upgrade goes through.
    await page.fill("#owner-LegalRepresentative-Email", "noor@barebones.example");
    assert.equal(await error.isHidden(), true);
    await page.click("#owner button[type=submit]");
    await expectField("UserStatus", "PENDING_USER_ACTION");
  });

  test("SCA round trip: a failed session comes back, a new one completes", async () => {
    await openApp();
    await fillNatural({ owner: true, email: "sam.owner@example.com" });
    await page.click("#natural button[type=submit]");
    await expectField("UserStatus", "PENDING_USER_ACTION");
    await authenticate("Fail");
    await page.locator("#status", { hasText: /did not complete \(FAILED\)/ }).waitFor();
    await expectField("UserStatus", "PENDING_USER_ACTION");
    assert.match(await text("#start-sca"), /again/);
    await authenticate("Complete");
    await expectField("UserStatus", "ACTIVE");
    assert.equal(new URL(page.url()).search, "", "the return parameters are cleaned from the address bar");
  });

  test("KYC: wrong type, too small and too many pages are refused before anything is sent", async () => {
    await openApp();
    // An email with "accept" skips SCA in the sandbox: an ACTIVE owner at once.
    await fillNatural({ owner: true, email: "kyc.accept@example.com" });
    await page.click("#natural button[type=submit]");
    await expectField("UserStatus", "ACTIVE");
    await page.selectOption("#kyc-type", "IDENTITY_PROOF");
    await page.setInputFiles("#kyc-files", [files.wrongType, files.tooSmall, files.jpeg]);
    await page.locator("#kyc-file-list li").nth(2).waitFor();
    assert.match(await text('#kyc-file-list li[data-file="scan.pdf"]'), /PDF|JPEG|PNG/);
    assert.match(await text('#kyc-file-list li[data-file="thumbnail.png"]'), /small|32/i);
    assert.equal(await page.locator('#kyc-file-list li[data-file="id-front.jpg"].good').count(), 1);
    assert.equal(await page.isDisabled("#kyc-upload"), true);
    await screenshot(page, "12-kyc-rejected-files");

    // Drag and drop goes through the same checks: a real PNG dropped on the zone is ready.
    const png = readFileSync(files.png).toString("base64");
    const dropped = await page.evaluateHandle((b64) => {
      const transfer = new DataTransfer();
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], "dropped-id.png", { type: "image/png" }));
      return transfer;
    }, png);
    await page.dispatchEvent("#kyc-drop", "drop", { dataTransfer: dropped });
    await page.locator('#kyc-file-list li.good[data-file="dropped-id.png"]').waitFor();
    assert.equal(await page.locator("#kyc-file-list li").count(), 1);
    assert.equal(await page.isEnabled("#kyc-upload"), true);

    await page.setInputFiles("#kyc-files", files.sixPages);
    await page.locator("#kyc-count-error").waitFor();
    assert.match(await text("#kyc-count-error"), /at most 5 pages/);
    assert.equal(await page.isDisabled("#kyc-upload"), true);

    const kycCalls = (await apiRequests()).filter((r) => /kyc/.test(r.path));
    assert.deepEqual(kycCalls, []);
  });

  test("KYC: an upload that stops after a page resumes on Retry, into the same document", async () => {
    await openApp();
    await fillNatural({ owner: true, email: "kyc.accept@example.com" });
    await page.click("#natural button[type=submit]");
    await expectField("UserStatus", "ACTIVE");
    await uploadKyc("IDENTITY_PROOF", "accept", [files.pdf, files.jpeg, files.png]);
    // The first page goes through; the second page's request and both SDK retries of it get a
    // 503 before reaching the proxy (so the key stays unused), and the upload stops.
    let pagePosts = 0;
    let failing = true;
    const keys = [];
    await page.route("**/pages", (route) => {
      if (route.request().method() !== "POST") return route.continue();
      keys.push(route.request().headers()["idempotency-key"]);
      if (++pagePosts === 1 || !failing) return route.continue();
      return route.fulfill({ status: 503, contentType: "application/json", body: '{"Message":"Service unavailable","Type":"service_unavailable"}' });
    });
    await page.click("#kyc-upload");
    await page.locator("#notice", { hasText: /1 of 3 page\(s\) were sent/ }).waitFor({ timeout: 30_000 });
    assert.equal(pagePosts, 4, "page 2 was tried three times (1 + 2 SDK retries)");
    const stopped = await text("#notice");
    const documentId = stopped.match(/Document (\S+) was created/)?.[1];
    assert.ok(documentId, stopped);
    await screenshot(page, "12b-kyc-stopped");

    // Retry: pages 2 and 3 go to the same document, which is then submitted and validated.
    failing = false;
    await page.click("#notice .retry");
    await page.locator("#kyc-doc-status", { hasText: "VALIDATED" }).waitFor({ timeout: 20_000 });
    assert.match(await text("#kyc-status"), new RegExp(documentId));

    const log = await apiRequests();
    const kinds = log.map((r) => `${r.method} ${r.path} ${r.status}`).join("\n");
    const created = log.filter((r) => r.method === "POST" && /kyc\/documents$/.test(r.canonical_path ?? r.path));
    assert.equal(created.length, 1, `one document: ${kinds}`);
    const pages = log.filter((r) => r.method === "POST" && /pages$/.test(r.path));
    assert.deepEqual(pages.map((r) => r.status), [204, 204, 204], kinds);
    assert.ok(pages.every((r) => r.path.includes(documentId)), kinds);
    // The SDK retried page 2 with one key, and the resumed upload resent page 2 with that key
    // (so a page the server did get cannot be added twice); page 3 has a key of its own.
    assert.equal(keys.length, 6, keys.join(" "));
    assert.deepEqual(keys.slice(1, 5), Array(4).fill(keys[1]), keys.join(" "));
    assert.equal(new Set(keys).size, 3, keys.join(" "));
    assert.equal(new Set(pages.map((r) => r.idempotency_key)).size, 3, kinds);
  });

  test("faults: 503s, rate limits and a dropped connection end with exactly one user", async () => {
    await openApp();
    await fillNatural();
    const create = { method: "POST", path: "/sca/users/natural" };
    // First click: 503 on every attempt the SDK makes (1 + 2 retries) → a clear message and Retry.
    await sandbox.admin.script([1, 2, 3].map(() => ({ kind: "503", ...create })));
    await page.click("#natural button[type=submit]");
    await page.locator("#notice", { hasText: /temporarily unavailable/i }).waitFor({ timeout: 30_000 });
    await screenshot(page, "13-fault-unavailable");
    // Retry (same idempotency key): rate-limited on every attempt → the rate-limit message.
    await sandbox.admin.script([1, 2, 3].map(() => ({ kind: "429", ...create })));
    await page.click("#notice .retry");
    await page.locator("#notice", { hasText: /rate limit/i }).waitFor({ timeout: 30_000 });
    // Retry again: the sandbox creates the user but drops the connection (the proxy answers 502);
    // the SDK's next attempt meets 409 idempotent_creation_conflict and replays the original.
    await sandbox.admin.script([{ kind: "drop", ...create }]);
    await page.click("#notice .retry");
    await expectField("UserStatus", "ACTIVE");
    await screenshot(page, "14-fault-recovered");

    const users = await sandbox.admin.users();
    assert.equal(users.length, 1, "exactly one user created");
    const posts = (await sandbox.admin.requests()).filter((r) => r.method === "POST" && r.path.endsWith("/sca/users/natural"));
    assert.deepEqual(
      posts.map((r) => r.fault ?? r.status),
      ["503", "503", "503", "429", "429", "429", "drop", 409],
    );
    assert.equal(new Set(posts.map((r) => r.idempotency_key)).size, 1, "every attempt used the same idempotency key");
    // The replayed user is this session's: the journey goes on (the proxy lets it be upgraded).
    await page.check("#owner-TermsAndConditionsAccepted");
    await page.click("#owner button[type=submit]");
    await expectField("UserStatus", "PENDING_USER_ACTION");
  });

  test("offline and timeouts: clear messages, and the retry still creates exactly one user", async () => {
    await openApp();
    await fillNatural();
    await page.click(".dev summary");
    await page.fill("#timeout-ms", "800");
    await page.locator("#timeout-ms").dispatchEvent("change");
    // Offline: the browser cannot reach the proxy at all.
    await context.setOffline(true);
    await page.click("#natural button[type=submit]");
    await page.locator("#notice", { hasText: /could not reach the server/i }).waitFor({ timeout: 20_000 });
    await screenshot(page, "15-fault-offline");
    await context.setOffline(false);
    // Back online, but slow: the creation is processed yet answered too late, and so is every
    // replay the SDK then asks for (GET /responses/{key}).
    const slow = (method, path) => ({ kind: "delay", delay_ms: 2000, method, path });
    await sandbox.admin.script([slow("POST", "/sca/users/natural"), ...[1, 2, 3].map(() => slow("GET", "/responses/"))]);
    await page.click("#notice .retry");
    await page.locator("#notice", { hasText: /took too long to confirm/i }).waitFor({ timeout: 30_000 });
    await screenshot(page, "16-fault-timeout");
    // The API is fast again. Retry: the key is known, the replay answers, the original user comes back.
    await sandbox.admin.clearFaults();
    await page.click("#notice .retry");
    await expectField("UserStatus", "ACTIVE");
    assert.equal((await sandbox.admin.users()).length, 1, "exactly one user created");

    // A reload while the API is slow: reading the user times out on every attempt → the
    // timeout message, and Retry shows the account.
    await sandbox.admin.script([1, 2, 3].map(() => slow("GET", "/users/")));
    await page.reload();
    await page.locator("#notice", { hasText: /took too long/i }).waitFor({ timeout: 30_000 });
    await sandbox.admin.clearFaults();
    await page.click("#notice .retry");
    await expectField("UserStatus", "ACTIVE");
    const posts = (await sandbox.admin.requests()).filter((r) => r.method === "POST" && r.path.endsWith("/sca/users/natural"));
    assert.equal(new Set(posts.map((r) => r.idempotency_key)).size, 1, "one idempotency key throughout");
  });

  test("the strict CSP is in force: the SDK's wasm runs, an injected inline script does not", async () => {
    const isolated = await browser.newContext({ viewport: { width: 390, height: 844 } });
    try {
      const phone = await isolated.newPage();
      await phone.goto(`${proxy.url}/`);
      await phone.locator("#natural").waitFor();
      // Live validation works, so the wasm module was compiled under 'wasm-unsafe-eval'.
      await phone.fill("#natural-Email", "nope");
      await phone.locator("#natural-Email-error").waitFor();
      const ran = await phone.evaluate(() => {
        const script = document.createElement("script");
        script.textContent = "window.__inlineRan = true";
        document.head.append(script);
        return window.__inlineRan === true;
      });
      assert.equal(ran, false, "inline scripts are refused by the page's policy");
      await screenshot(phone, "17-phone-width");
    } finally {
      await isolated.close();
    }
  });

  test("no Content-Security-Policy violation or page error in any run", () => {
    assert.deepEqual(cspViolations, []);
  });
});
