import type { MangopayError } from "./error.js";
import type * as M from "./models.js";
export * from "./validate.js";
export type * from "./models.js";

/** `new Mangopay(config)`: checked at construction (a MangopayError when unusable). */
export interface MangopayConfig {
  /** Your Mangopay ClientId, part of every path. */
  clientId: string;
  /** The proxy's root in a browser (e.g. `/api/mangopay`) or the Mangopay host at the edge. Default: the sandbox host. */
  baseUrl?: string;
  /** Enables OAuth client credentials (direct mode). Refused in a browser unless `dangerouslyAllowBrowser`. */
  apiKey?: string;
  dangerouslyAllowBrowser?: boolean;
  /** Added to every request (e.g. `{"X-CSRF-Token": token}`). */
  headers?: Record<string, string>;
  credentials?: "omit" | "same-origin" | "include";
  /** Per-attempt timeout, default 30000. */
  timeoutMs?: number;
  /** Retries after the first attempt, default 2. */
  maxRetries?: number;
  /** Validate bodies before sending, default true. */
  validate?: boolean;
  /** The fetch to use instead of the global one. */
  fetch?: (input: string, init?: RequestInit) => Promise<Response>;
}

/** The last optional argument of every method. */
export interface CallOptions {
  idempotencyKey?: string;
  signal?: AbortSignal;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

export interface ListOptions {
  page?: number;
  perPage?: number;
  sort?: "CreationDate:ASC" | "CreationDate:DESC";
  BeforeDate?: number;
  AfterDate?: number;
}

export interface Page<T> {
  data: T[];
  pagination: { page: number; perPage: number; totalItems: number | null; totalPages: number | null };
}

export interface KycDocumentListOptions extends ListOptions {
  Status?: M.KycDocumentStatus | string;
  Type?: M.KycDocumentType | string;
}
export interface TransactionListOptions extends ListOptions {
  Status?: string;
  Type?: string;
  Nature?: string;
  ResultCode?: string;
}
export interface ActiveListOptions extends ListOptions {
  Active?: boolean;
}
export interface WalletListOptions extends ListOptions {
  ScaContext?: "USER_PRESENT" | "USER_NOT_PRESENT";
}
export interface MandateListOptions extends ListOptions {
  Status?: string;
}
export interface PreAuthorizationListOptions extends ListOptions {
  Status?: string;
  ResultCode?: string;
  PaymentStatus?: string;
}

export interface UploadProgress {
  documentId: string;
  pagesSent: number;
  totalPages: number;
}

export interface RateLimit {
  intervalMinutes: number | null;
  callsMade: number;
  callsRemaining: number;
  reset: number;
}

export interface RawRequest {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** Relative to `/v2.01/{clientId}`, e.g. `/users/123`. */
  path: string;
  query?: string | Record<string, string | number | boolean>;
  headers?: Record<string, string>;
  body?: string;
  idempotencyKey?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

type Id = string;

export interface Users {
  createNaturalSca(body: M.CreateUserNaturalSca, opts?: CallOptions): Promise<M.UserNaturalSca>;
  createLegalSca(body: M.CreateUserLegalSca, opts?: CallOptions): Promise<M.UserLegalSca>;
  /** @deprecated Mangopay retired legacy user creation for new integrations: use createNaturalSca. */
  createNatural(body: M.CreateUserNatural, opts?: CallOptions): Promise<M.UserNatural>;
  /** @deprecated Mangopay retired legacy user creation for new integrations: use createLegalSca. */
  createLegal(body: M.CreateUserLegal, opts?: CallOptions): Promise<M.UserLegal>;
  /** @deprecated Legacy shape: use getSca. */
  get(userId: Id, opts?: CallOptions): Promise<M.UserNatural | M.UserLegal>;
  getSca(userId: Id, opts?: CallOptions): Promise<M.UserNaturalSca | M.UserLegalSca>;
  /** @deprecated Legacy shape: use getNaturalSca. */
  getNatural(userId: Id, opts?: CallOptions): Promise<M.UserNatural>;
  getNaturalSca(userId: Id, opts?: CallOptions): Promise<M.UserNaturalSca>;
  /** @deprecated Legacy shape: use getLegalSca. */
  getLegal(userId: Id, opts?: CallOptions): Promise<M.UserLegal>;
  getLegalSca(userId: Id, opts?: CallOptions): Promise<M.UserLegalSca>;
  getAll(list?: ListOptions, opts?: CallOptions): Promise<Page<M.UserListItem>>;
  /** @deprecated Mangopay retired legacy user updates for new integrations: use updateNaturalSca. */
  updateNatural(userId: Id, body: M.UpdateUserNatural, opts?: CallOptions): Promise<M.UserNatural>;
  /** @deprecated Mangopay retired legacy user updates for new integrations: use updateLegalSca. */
  updateLegal(userId: Id, body: M.UpdateUserLegal, opts?: CallOptions): Promise<M.UserLegal>;
  updateNaturalSca(userId: Id, body: M.UpdateUserNaturalSca, opts?: CallOptions): Promise<M.UserNaturalSca>;
  updateLegalSca(userId: Id, body: M.UpdateUserLegalSca, opts?: CallOptions): Promise<M.UserLegalSca>;
  categorizeNatural(userId: Id, body: M.CategorizeUserNatural, opts?: CallOptions): Promise<M.UserNaturalSca>;
  categorizeLegal(userId: Id, body: M.CategorizeUserLegal, opts?: CallOptions): Promise<M.UserLegalSca>;
  /** Closes a user, dispatching on `user.PersonType`. */
  close(user: { Id: Id; PersonType: "NATURAL" | "LEGAL" | string }, opts?: CallOptions): Promise<null>;
  closeNatural(userId: Id, opts?: CallOptions): Promise<null>;
  closeLegal(userId: Id, opts?: CallOptions): Promise<null>;
  enroll(userId: Id, opts?: CallOptions): Promise<M.UserEnrollmentResult>;
  manageConsent(userId: Id, opts?: CallOptions): Promise<M.UserConsent>;
  getScaStatus(userId: Id, opts?: CallOptions): Promise<M.ScaStatus>;
  getBlockStatus(userId: Id, opts?: CallOptions): Promise<M.UserBlockStatus>;
  getRegulatory(userId: Id, opts?: CallOptions): Promise<M.UserRegulatoryStatus>;
  validateTheFormatOfUserData(body: M.ValidateCompanyNumber, opts?: CallOptions): Promise<M.CompanyNumberValidation>;
  getEMoney(userId: Id, year: number | string, month?: number | string | null, opts?: CallOptions): Promise<M.EMoney>;
  createBankAccount(userId: Id, body: M.CreateBankAccount, opts?: CallOptions): Promise<M.BankAccount>;
  getBankAccount(userId: Id, bankAccountId: Id, opts?: CallOptions): Promise<M.BankAccount>;
  getBankAccounts(userId: Id, list?: ActiveListOptions, opts?: CallOptions): Promise<Page<M.BankAccount>>;
  updateBankAccount(userId: Id, bankAccountId: Id, body: M.DeactivateBankAccount, opts?: CallOptions): Promise<M.BankAccount>;
  getWallets(userId: Id, list?: WalletListOptions, opts?: CallOptions): Promise<Page<M.Wallet>>;
  getTransactions(userId: Id, list?: TransactionListOptions, opts?: CallOptions): Promise<Page<M.Transaction>>;
  getCards(userId: Id, list?: ActiveListOptions, opts?: CallOptions): Promise<Page<M.Card>>;
  createKycDocument(userId: Id, body: M.CreateKycDocument, opts?: CallOptions): Promise<M.KycDocument>;
  getKycDocument(userId: Id, documentId: Id, opts?: CallOptions): Promise<M.KycDocument>;
  getKycDocuments(userId: Id, list?: KycDocumentListOptions, opts?: CallOptions): Promise<Page<M.KycDocument>>;
  updateKycDocument(userId: Id, documentId: Id, body: M.SubmitKycDocument, opts?: CallOptions): Promise<M.KycDocument>;
  /** Submits the document for validation (`Status: VALIDATION_ASKED`). */
  submitKycDocument(userId: Id, documentId: Id, opts?: CallOptions): Promise<M.KycDocument>;
  /** Adds a page from its Base64 content (a `data:` prefix is stripped). */
  createKycPage(userId: Id, documentId: Id, base64: string, opts?: CallOptions): Promise<null>;
  /** Adds a page from a browser `File` or any `Blob` (PDF, JPEG or PNG, checked by content). */
  createKycPageFromFile(userId: Id, documentId: Id, file: Blob | ArrayBuffer | Uint8Array, opts?: CallOptions): Promise<null>;
  /**
   * Checks every file, creates the document, sends the pages in order and submits it. On failure
   * the MangopayError carries `documentId` and `pagesSent` so the caller can resume.
   */
  uploadKycDocument(
    userId: Id,
    document: { Type: M.KycDocumentType | string; Tag?: string; files: Array<Blob | ArrayBuffer | Uint8Array> } & Partial<import("./validate.js").KycUserType>,
    opts?: CallOptions & { onProgress?: (progress: UploadProgress) => void },
  ): Promise<M.KycDocument>;
  getMandates(userId: Id, list?: MandateListOptions, opts?: CallOptions): Promise<Page<M.Mandate>>;
  getMandatesForBankAccount(userId: Id, bankAccountId: Id, list?: MandateListOptions, opts?: CallOptions): Promise<Page<M.Mandate>>;
  getPreAuthorizations(userId: Id, list?: PreAuthorizationListOptions, opts?: CallOptions): Promise<Page<M.PreAuthorization>>;
  getResponse(idempotencyKey: string, opts?: CallOptions): Promise<M.ApiResponse>;
}

type ListMethod = {
  [K in keyof Users]: Users[K] extends (...args: infer _A) => Promise<Page<infer _T>> ? K : never;
}[keyof Users];
type ItemOf<K extends ListMethod> = Users[K] extends (...args: infer _A) => Promise<Page<infer T>> ? T : never;

export declare class Mangopay {
  constructor(config: MangopayConfig);
  readonly users: Readonly<Users>;
  /** The rate-limit buckets of the last response that carried them. */
  readonly rateLimits: RateLimit[];
  /** Every item of a list method, page after page. */
  paginate<K extends ListMethod>(method: K, ...args: Parameters<Users[K]>): AsyncIterableIterator<ItemOf<K>>;
  /** The raw passthrough (proxies): never rejects on an HTTP status. */
  request(request: RawRequest): Promise<RawResponse>;
  scaRedirectUrl(
    pendingUserActionOrUrl: string | { RedirectUrl: string } | { PendingUserAction: { RedirectUrl: string } | null },
    returnUrl: string,
  ): string;
}

export type { MangopayError };
