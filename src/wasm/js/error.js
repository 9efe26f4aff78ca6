// MangopayError: every rejection of the SDK (a real Error subclass, with the API's fields).

const FIELDS = [
  "status", "type", "errors", "issues", "id", "date", "redirectUrl", "retryable",
  "idempotencyKey", "documentId", "pagesSent", "replay",
];

export class MangopayError extends Error {
  constructor(fields = {}) {
    super(typeof fields.message === "string" ? fields.message : "Mangopay request failed");
    this.name = "MangopayError";
    this.status = typeof fields.status === "number" ? fields.status : 0;
    this.type = typeof fields.type === "string" ? fields.type : "invalid_response";
    this.errors = fields.errors ?? null;
    this.issues = Array.isArray(fields.issues) ? fields.issues : [];
    this.id = fields.id ?? null;
    this.date = fields.date ?? null;
    this.redirectUrl = fields.redirectUrl ?? null;
    this.retryable = fields.retryable === true;
    this.idempotencyKey = fields.idempotencyKey ?? null;
    for (const key of ["documentId", "pagesSent", "replay"]) {
      if (fields[key] !== undefined && fields[key] !== null) this[key] = fields[key];
    }
  }

  toJSON() {
    const out = { name: this.name, message: this.message };
    for (const key of FIELDS) if (this[key] !== undefined) out[key] = this[key];
    return out;
  }
}

/** True when `e` is a MangopayError (also across package copies: checks the name and shape). */
export function isMangopayError(e) {
  return (
    e instanceof MangopayError ||
    (e instanceof Error && e.name === "MangopayError" && typeof e.type === "string" && typeof e.status === "number")
  );
}

/** A param_error for a bad argument. */
export function argumentError(message) {
  return new MangopayError({ type: "param_error", message });
}

/** Any rejection reason as a MangopayError: the wasm side rejects with the fields as JSON text. */
export function toError(reason) {
  if (reason instanceof MangopayError) return reason;
  if (typeof reason === "string" && reason.charCodeAt(0) === 123 /* { */) {
    try {
      return new MangopayError(JSON.parse(reason));
    } catch {
      /* fall through */
    }
  }
  const message = reason instanceof Error ? reason.message : String(reason);
  return new MangopayError({ type: "internal_error", message: "Unexpected failure: " + message });
}
