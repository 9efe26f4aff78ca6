/** One client-side validation problem. `path` is the API's dotted field path (`Address.Country`). */
export interface Issue {
  path: string;
  code: string;
  message: string;
}

/** Every rejection of the SDK. */
export declare class MangopayError extends Error {
  name: "MangopayError";
  /** HTTP status; 0 when no response was received. */
  status: number;
  /** The API's `Type`, or `param_error`, `network_error`, `timeout`, `aborted`, `invalid_response`, `not_ready`. */
  type: string;
  /** `{field: message}` for validation errors (client- or server-side), else null. */
  errors: Record<string, string> | null;
  /** Client-side validation issues (empty for server errors). */
  issues: Issue[];
  id: string | null;
  /** Unix seconds. */
  date: number | null;
  /** The SCA session URL of a 401 `WWW-Authenticate: PendingUserAction RedirectUrl=…`. */
  redirectUrl: string | null;
  retryable: boolean;
  idempotencyKey: string | null;
  /** On a failed `uploadKycDocument`: the document created. */
  documentId?: string;
  /** On a failed `uploadKycDocument`: the pages already sent. */
  pagesSent?: number;
  /** On a 409 conflict whose original was not a success: the replay's status and body. */
  replay?: { status: number; body?: unknown; error?: string };
  constructor(fields?: Partial<Omit<MangopayError, "name">> & { message?: string });
}

/** True when `e` is a MangopayError. */
export declare function isMangopayError(e: unknown): e is MangopayError;
