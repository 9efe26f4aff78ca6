/** The sign-up card: natural and legal forms, live validation, required markers, creation. */
import { validate, type CreateUserLegalSca, type CreateUserNaturalSca, type Mangopay, type ValidationResult } from "mangopay-wasm";
import { announce, byId, replace } from "./dom";
import { ADDRESS_REQUIRED_INNER, legalCreate, naturalCreate, type PersonType, type SectionDef } from "./fields";
import { FormView, type FieldErrors } from "./form";
import { newIdempotencyKey, perform } from "./perform";
import type { User } from "./state";

/** A validator result as the SDK returns it. */
export type Checked = ValidationResult;

/**
 * The fields a body needs, as the SDK's validator says: validate a skeleton holding only the
 * choices (category, legal form) and collect the `required` issues; a required address or
 * representative object makes its own required parts required.
 */
export function requiredPaths(
  sections: SectionDef[],
  skeleton: Record<string, unknown>,
  validator: (body: unknown) => Checked,
): Set<string> {
  const groups = new Set(sections.map((s) => s.path).filter((p): p is string => Boolean(p)));
  const body: Record<string, unknown> = { ...skeleton };
  if (groups.has("LegalRepresentative")) body.LegalRepresentative = {};
  const out = new Set<string>();
  for (const issue of validator(body).issues) {
    if (issue.code !== "required") continue;
    out.add(issue.path);
    if (groups.has(issue.path) && issue.path !== "LegalRepresentative") {
      for (const inner of ADDRESS_REQUIRED_INNER) out.add(`${issue.path}.${inner}`);
    }
  }
  out.add("TermsAndConditionsAccepted");
  return out;
}

const validators: Record<PersonType, (body: unknown) => Checked> = {
  NATURAL: (body) => validate.createNaturalSca(body),
  LEGAL: (body) => validate.createLegalSca(body),
};

/** The sign-up card's controller. */
export class Signup {
  private readonly forms: Record<PersonType, FormView>;
  private current: PersonType = "NATURAL";
  private lastAttempt: { body: string; key: string } | null = null;

  constructor(
    private readonly client: () => Promise<Mangopay>,
    private readonly browserValidation: () => boolean,
    private readonly onCreated: (user: User, form: FormView) => void,
  ) {
    this.forms = {
      NATURAL: this.build("NATURAL", naturalCreate),
      LEGAL: this.build("LEGAL", legalCreate),
    };
    this.show("NATURAL");
  }

  /** Shows the form for `type` (each keeps its values when hidden). */
  show(type: PersonType): void {
    this.current = type;
    replace(byId("form-host"), this.forms[type].element);
    this.refreshRequired(type);
  }

  /** The visible form. */
  get form(): FormView {
    return this.forms[this.current];
  }

  /** Re-runs live validation after the browser-validation switch changed. */
  revalidate(): void {
    for (const type of ["NATURAL", "LEGAL"] as const) this.liveCheck(type);
  }

  private build(type: PersonType, sections: SectionDef[]): FormView {
    const form: FormView = new FormView({
      id: type === "NATURAL" ? "natural" : "legal",
      sections,
      submitLabel: type === "NATURAL" ? "Create my account" : "Create the company account",
      onSubmit: (body) => this.submit(type, body),
      onChange: (path) => {
        if (path === "UserCategory" || path === "LegalPersonType") this.refreshRequired(type);
        this.liveCheck(type);
      },
    });
    return form;
  }

  private refreshRequired(type: PersonType): void {
    const form = this.forms[type];
    const body = form.body();
    const skeleton: Record<string, unknown> = { UserCategory: body.UserCategory, TermsAndConditionsAccepted: true };
    if (body.LegalPersonType) skeleton.LegalPersonType = body.LegalPersonType;
    const sections = type === "NATURAL" ? naturalCreate : legalCreate;
    form.setRequired(requiredPaths(sections, skeleton, validators[type]));
  }

  private liveCheck(type: PersonType): void {
    const form = this.forms[type];
    form.showBrowserErrors(this.browserValidation() ? validators[type](form.body()).errors : {});
  }

  private async submit(type: PersonType, body: Record<string, unknown>): Promise<void> {
    const form = this.forms[type];
    if (this.browserValidation()) {
      const result = validators[type](body);
      if (!result.ok) {
        form.revealAll(result.errors);
        const n = Object.keys(result.errors).length;
        announce(`${n === 1 ? "1 field needs" : `${n} fields need`} your attention; nothing was sent.`);
        return;
      }
    }
    // The same body sent again (after a failure) keeps its idempotency key: never two users.
    const json = JSON.stringify(body);
    const key = this.lastAttempt?.body === json ? this.lastAttempt.key : newIdempotencyKey();
    this.lastAttempt = { body: json, key };
    await perform<User>(
      {
        busy: "Creating your account…",
        send: async (idempotencyKey) => {
          const mp = await this.client();
          const options = { idempotencyKey };
          // The body passed the same validators (or, with them off, the server will answer).
          const created =
            type === "NATURAL"
              ? await mp.users.createNaturalSca(body as unknown as CreateUserNaturalSca, options)
              : await mp.users.createLegalSca(body as unknown as CreateUserLegalSca, options);
          return created as User;
        },
        onSuccess: (user) => {
          this.lastAttempt = null;
          form.clearErrors();
          this.onCreated(user, form);
        },
        onFieldErrors: (errors) => form.showServerErrors(errors),
        onBusy: (busy) => form.setBusy(busy, "Creating…"),
      },
      key,
    );
  }
}
