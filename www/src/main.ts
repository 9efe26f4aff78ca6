/** The demo's entry: wires the sign-up, account and KYC cards, and handles the SCA return. */
import type { Mangopay } from "mangopay-wasm";
import { Account, fetchUser } from "./account";
import { connect } from "./client";
import { announce, byId } from "./dom";
import { describe } from "./errors";
import type { PersonType } from "./fields";
import { Kyc } from "./kyc";
import { showNotice } from "./notice";
import { Signup } from "./signup";
import { forget, loadSaved, type User } from "./state";

const validationSwitch = byId<HTMLInputElement>("client-validation");
const timeoutInput = byId<HTMLInputElement>("timeout-ms");
const clients = new Map<string, Promise<Mangopay>>();

// Developer options last for the tab's session (the SCA round trip reloads the page).
const DEV_KEY = "mangopay-demo.dev";
try {
  const saved = JSON.parse(sessionStorage.getItem(DEV_KEY) ?? "{}") as { validate?: boolean; timeoutMs?: string };
  if (typeof saved.validate === "boolean") validationSwitch.checked = saved.validate;
  if (typeof saved.timeoutMs === "string") timeoutInput.value = saved.timeoutMs;
} catch {
  sessionStorage.removeItem(DEV_KEY);
}
function saveDevOptions(): void {
  sessionStorage.setItem(DEV_KEY, JSON.stringify({ validate: validationSwitch.checked, timeoutMs: timeoutInput.value }));
}
timeoutInput.addEventListener("change", saveDevOptions);

function timeoutMs(): number {
  const value = Number(timeoutInput.value);
  return Number.isFinite(value) && value >= 100 ? Math.min(value, 60_000) : 8000;
}

/** A client for the current developer settings (created once per combination). */
function client(): Promise<Mangopay> {
  const validateInBrowser = validationSwitch.checked;
  const timeout = timeoutMs();
  const key = `${validateInBrowser}:${timeout}`;
  let mp = clients.get(key);
  if (!mp) {
    mp = connect(validateInBrowser, timeout);
    mp.catch(() => clients.delete(key));
    clients.set(key, mp);
  }
  return mp;
}

const kyc = new Kyc(client, () => void account.refresh());
const account = new Account(client, (user: User) => {
  byId("signup").hidden = true;
  kyc.show(user);
});
const signup = new Signup(
  client,
  () => validationSwitch.checked,
  (user, form) => {
    announce(`Account created: ${user.UserCategory ?? ""} ${user.UserStatus ?? ""}.`);
    account.show(user, {
      userId: user.Id,
      personType: user.PersonType,
      legalPersonType: user.LegalPersonType,
      prefill: form.values(),
    });
    byId("account-title").focus();
  },
);

for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="person-type"]')) {
  radio.addEventListener("change", () => {
    if (radio.checked) signup.show(radio.value as PersonType);
  });
}
validationSwitch.addEventListener("change", () => {
  saveDevOptions();
  signup.revalidate();
});

byId("start-over").addEventListener("click", () => {
  forget();
  byId("account").hidden = true;
  kyc.hide();
  byId("signup").hidden = false;
  byId("signup-title").focus();
});
byId("account-title").setAttribute("tabindex", "-1");
byId("signup-title").setAttribute("tabindex", "-1");

/** Coming back from the SCA page (or reloading): show the saved user as the API now sees it. */
async function resume(): Promise<void> {
  const saved = loadSaved();
  const params = new URLSearchParams(window.location.search);
  const control = params.get("controlStatus");
  if (params.has("sca") || control) window.history.replaceState(null, "", window.location.pathname);
  if (!saved) return;
  try {
    const mp = await client();
    const user = await fetchUser(mp, saved.userId, saved.personType);
    account.show(user, saved);
    if (control === "VALIDATED") {
      announce(`Strong authentication complete. Your account is ${user.UserStatus ?? "updated"}.`);
    } else if (control) {
      account.markScaFailed();
      announce(`Strong authentication did not complete (${control}). You can try again.`);
    }
    byId("account-title").focus();
  } catch (error) {
    showNotice(describe(error).message, () => void resume());
  }
}

void resume();
