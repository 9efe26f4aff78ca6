// Compiled with `tsc --noEmit` against the packed .d.ts: right uses must type-check, and every
// `@ts-expect-error` line must really be an error (tsc fails on an unused one).
import { Mangopay, isMangopayError, validate, schemas, ready } from "mangopay-wasm";
import type { MangopayError } from "mangopay-wasm";
import * as slim from "mangopay-wasm/validate";

await ready();
await ready(new URL("https://cdn.example.com/mangopay_wasm_bg.wasm"));
// @ts-expect-error ready() takes a wasm source, not null
await ready(null);
// @ts-expect-error ready() resolves to nothing
const nothing: number = await ready();

const mp = new Mangopay({ clientId: "demo-client", baseUrl: "/api/mangopay", timeoutMs: 10_000, maxRetries: 1 });
// @ts-expect-error clientId is required
new Mangopay({ baseUrl: "/api/mangopay" });
// @ts-expect-error timeoutMs is a number
new Mangopay({ clientId: "demo-client", timeoutMs: "30s" });

const user = await mp.users.createNaturalSca({
  UserCategory: "PAYER",
  TermsAndConditionsAccepted: true,
  FirstName: "Alex",
  LastName: "Smith",
  Email: "alex@example.com",
});
const userId: string = user.Id ?? ""; // the generated model declares Id optional
// @ts-expect-error the API's names: Email, not email
user.email;
// @ts-expect-error there is no such method
mp.users.createUnicorn();

const page = await mp.users.getAll({ page: 1, perPage: 20, sort: "CreationDate:DESC" });
const total: number | null = page.pagination.totalItems;
// @ts-expect-error sort is a documented literal
await mp.users.getAll({ sort: "Name:ASC" });

const report = validate.createNaturalSca({ FirstName: "Alex" });
const ok: boolean = report.ok;
const firstIssue: string = report.issues[0].code;
const emailMessage: string | undefined = report.errors["Email"];
const standard = await schemas.createNaturalSca["~standard"].validate({});
const vendor: string = schemas.createNaturalSca["~standard"].vendor;

try {
  await mp.users.getNaturalSca(userId);
} catch (error) {
  if (isMangopayError(error)) {
    const e: MangopayError = error;
    const status: number = e.status;
    const type: string = e.type;
    const fields: Record<string, string> | null = e.errors;
  }
}

const slimReport = slim.validate.createLegalSca({});
const slimOk: boolean = slimReport.ok;
await slim.ready();
// @ts-expect-error the validate-only entry has no client
new slim.Mangopay({ clientId: "demo-client" });

export { nothing, total, ok, firstIssue, emailMessage, standard, vendor, slimOk };
