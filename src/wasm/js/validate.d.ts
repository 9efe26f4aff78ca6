import type { Issue } from "./error.js";
export { MangopayError, isMangopayError, Issue } from "./error.js";

/** The result of a validator. `errors` has one message per dotted field path. */
export interface ValidationResult {
  ok: boolean;
  issues: Issue[];
  errors: Record<string, string>;
}

/** The user a KYC document is for. */
export interface KycUserType {
  PersonType: "NATURAL" | "LEGAL";
  LegalPersonType?: "BUSINESS" | "PARTNERSHIP" | "ORGANIZATION" | "SOLETRADER";
}

export type Validator = (value: unknown) => ValidationResult;

export interface Validators {
  createNaturalSca: Validator;
  createLegalSca: Validator;
  createNatural: Validator;
  createLegal: Validator;
  updateNaturalSca: Validator;
  updateLegalSca: Validator;
  updateNatural: Validator;
  updateLegal: Validator;
  categorizeNatural: Validator;
  categorizeLegal: Validator;
  createKycDocument(body: unknown, user?: KycUserType): ValidationResult;
  createBankAccount: Validator;
  validateTheFormatOfUserData: Validator;
  kycPage(bytesOrBase64: Uint8Array | ArrayBuffer | string, options?: { Type?: string }): ValidationResult;
  listOptions: Validator;
  idempotencyKey: Validator;
  scaReturnUrl: Validator;
}

/** Standard Schema v1 (https://standardschema.dev). */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly "~standard": {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (
      value: unknown,
    ) =>
      | { readonly value: Output; readonly issues?: undefined }
      | { readonly issues: ReadonlyArray<{ readonly message: string; readonly path?: ReadonlyArray<PropertyKey> }> };
    readonly types?: { readonly input: Input; readonly output: Output } | undefined;
  };
}

export declare const validate: Readonly<Validators>;
export declare const schemas: Readonly<{ [K in keyof Validators]: StandardSchemaV1 }>;

/** Resolves once the wasm module is ready (needed once in browsers; a no-op elsewhere). */
export declare function ready(input?: unknown): Promise<void>;

/** Mangopay's SCA `RedirectUrl` with the encoded `returnUrl` appended (throws a MangopayError past 2,000 chars). */
export declare function scaRedirectUrl(
  pendingUserActionOrUrl: string | { RedirectUrl: string } | { PendingUserAction: { RedirectUrl: string } | null },
  returnUrl: string,
): string;
