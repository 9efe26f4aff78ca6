/** The account card: the user's state, "Become an owner" (categorize + SCA) and the SCA return. */
import { scaRedirectUrl, validate, type CategorizeUserLegal, type CategorizeUserNatural, type Mangopay } from "mangopay-wasm";
import { announce, byId, h, replace } from "./dom";
import { legalCategorize, naturalCategorize } from "./fields";
import { FormView } from "./form";
import { perform } from "./perform";
import { requiredPaths } from "./signup";
import { save, type Saved, type User } from "./state";

/** The user's fields shown in the account card, with their labels. */
const SHOWN: Array<[string, string]> = [
  ["Id", "User id"],
  ["PersonType", "Type"],
  ["LegalPersonType", "Legal form"],
  ["UserCategory", "Category"],
  ["UserStatus", "Status"],
  ["KYCLevel", "KYC level"],
];

/** Fetches the user with the SCA getter of its type. */
export async function fetchUser(mp: Mangopay, id: string, personType: string): Promise<User> {
  const user = personType === "LEGAL" ? await mp.users.getLegalSca(id) : await mp.users.getNaturalSca(id);
  return user as User;
}

/** Where the SCA page sends the user back: this page, marked so the app knows why it reloads. */
function returnUrl(): string {
  const url = new URL(window.location.href);
  url.search = "?sca=return";
  url.hash = "";
  return url.href;
}

/** The account card's controller. */
export class Account {
  private user: User | null = null;
  private saved: Saved | null = null;
  private scaFailed = false;

  constructor(
    private readonly client: () => Promise<Mangopay>,
    private readonly onUserChanged: (user: User) => void,
  ) {}

  /** Shows `user`; `saved` carries what the owner form can prefill. */
  show(user: User, saved: Saved): void {
    this.user = user;
    this.saved = { ...saved, legalPersonType: user.LegalPersonType ?? saved.legalPersonType };
    save(this.saved);
    byId("account").hidden = false;
    this.renderDetails(user);
    this.renderNextStep(user);
    this.onUserChanged(user);
  }

  /** Reloads the user from the API and shows it. */
  async refresh(): Promise<User | null> {
    if (!this.saved) return null;
    const mp = await this.client();
    const user = await fetchUser(mp, this.saved.userId, this.saved.personType);
    this.show(user, this.saved);
    return user;
  }

  private renderDetails(user: User): void {
    const rows = SHOWN.filter(([key]) => user[key] !== undefined && user[key] !== null).flatMap(([key, label]) => [
      h("dt", {}, label),
      h("dd", { "data-field": key, class: key === "UserStatus" ? `pill ${String(user[key]).toLowerCase()}` : undefined }, String(user[key])),
    ]);
    const name =
      user.PersonType === "LEGAL" ? String(user.Name ?? "") : `${String(user.FirstName ?? "")} ${String(user.LastName ?? "")}`.trim();
    replace(byId("account-details"), h("dt", {}, "Name"), h("dd", {}, name), ...rows);
  }

  private renderNextStep(user: User): void {
    const host = byId("owner-host");
    const redirect = user.PendingUserAction?.RedirectUrl;
    if (user.UserCategory === "OWNER" && user.UserStatus === "PENDING_USER_ACTION") {
      // After a failed or abandoned session its link is spent: enroll again for a fresh one.
      const fresh = redirect && !this.scaFailed ? redirect : null;
      const button = h("button", { type: "button", class: "primary", id: "start-sca" }, fresh ? "Authenticate with Mangopay" : "Try the authentication again");
      button.addEventListener("click", () => void this.startSca(user, fresh));
      replace(
        host,
        h("h3", {}, "One last step: strong customer authentication"),
        h("p", {}, "To receive money you confirm your identity on Mangopay's secure page. You come back here afterwards."),
        h("p", { class: "actions" }, button),
      );
      return;
    }
    if (user.UserCategory === "PAYER") {
      replace(host, ...this.ownerForm(user));
      return;
    }
    replace(host);
  }

  /** Marks that the last SCA session came back without success (its link is spent). */
  markScaFailed(): void {
    this.scaFailed = true;
    if (this.user) this.renderNextStep(this.user);
  }

  /** Leaves for the SCA page with a `returnUrl` back here (the SDK appends it and checks the length). */
  private async startSca(user: User, redirectUrl: string | null): Promise<void> {
    await perform<string>({
      busy: "Opening Mangopay's authentication page…",
      send: async () => {
        const mp = await this.client();
        let url = redirectUrl;
        if (!url) {
          const enrollment = await mp.users.enroll(user.Id);
          url = enrollment.PendingUserAction?.RedirectUrl ?? null;
          if (!url) throw new Error("Mangopay did not return an authentication link.");
        }
        return scaRedirectUrl(url, returnUrl());
      },
      onSuccess: (target) => window.location.assign(target),
      onFieldErrors: () => undefined,
      onBusy: (busy) => {
        const button = document.getElementById("start-sca") as HTMLButtonElement | null;
        if (button) button.disabled = busy;
      },
    });
  }

  private ownerForm(user: User): HTMLElement[] {
    const legal = user.PersonType === "LEGAL";
    const business = (user.LegalPersonType ?? this.saved?.legalPersonType) === "BUSINESS";
    const sections = legal ? legalCategorize(business) : naturalCategorize;
    const validator = legal ? validate.categorizeLegal : validate.categorizeNatural;
    // The categorize validator only knows the legal form from the body; the store knows it too.
    const fixed: Record<string, unknown> = { UserCategory: "OWNER" };
    if (legal && user.LegalPersonType) fixed.LegalPersonType = user.LegalPersonType;
    const form: FormView = new FormView({
      id: "owner",
      sections,
      fixed,
      submitLabel: "Become an owner",
      onChange: () => form.showBrowserErrors(validator(form.body()).errors),
      onSubmit: async (body) => {
        const result = validator(body);
        if (!result.ok) {
          form.revealAll(result.errors);
          announce("Some fields need your attention; nothing was sent.");
          return;
        }
        await perform<User>({
          busy: "Upgrading your account…",
          send: async () => {
            const mp = await this.client();
            const updated = legal
              ? await mp.users.categorizeLegal(user.Id, body as unknown as CategorizeUserLegal)
              : await mp.users.categorizeNatural(user.Id, body as unknown as CategorizeUserNatural);
            return updated as User;
          },
          onSuccess: (updated) => {
            announce("You are now an owner. Authenticate to activate your account.");
            this.show(updated, this.saved ?? { userId: updated.Id, personType: updated.PersonType });
            byId("start-sca").focus();
          },
          onFieldErrors: (errors) => form.showServerErrors(errors),
          onBusy: (busy) => form.setBusy(busy, "Upgrading…"),
        });
      },
    });
    for (const [path, value] of Object.entries(this.saved?.prefill ?? {})) {
      if (form.has(path) && path !== "TermsAndConditionsAccepted") form.setValue(path, value);
    }
    const skeleton: Record<string, unknown> = { ...fixed, TermsAndConditionsAccepted: true };
    form.setRequired(requiredPaths(sections, skeleton, validator));
    return [
      h("h3", {}, "Become an owner"),
      h("p", {}, "Owners can receive money. Mangopay needs a few more details and a strong authentication."),
      form.element,
    ];
  }
}
