/** Turns SDK rejections into messages people can act on, and says whether a retry makes sense. */
import { isMangopayError } from "mangopay-wasm";
import { SessionUnreachable } from "./client";
import type { FieldErrors } from "./form";

/** What the UI does with a failure. */
export interface Failure {
  /** A sentence for the notice area. */
  message: string;
  /** Field errors (client validation or a server `param_error`), same shape either way. */
  fields: FieldErrors | null;
  /** Whether the same request may be sent again (same idempotency key). */
  retry: boolean;
}

/** Describes any rejection from the SDK (or elsewhere). */
export function describe(error: unknown): Failure {
  if (error instanceof SessionUnreachable || (error instanceof TypeError && /fetch/i.test(error.message))) {
    return {
      message: "We could not reach the server (network error). Check your connection, then retry: nothing will be created twice.",
      fields: null,
      retry: true,
    };
  }
  if (!isMangopayError(error)) {
    const message = error instanceof Error ? error.message : String(error);
    return { message: `Something went wrong: ${message}`, fields: null, retry: true };
  }
  const e = error;
  const fields = e.errors && Object.keys(e.errors).length > 0 ? (e.errors as FieldErrors) : null;
  switch (e.type) {
    case "network_error":
      return {
        message: "We could not reach the server (network error). Check your connection, then retry: nothing will be created twice.",
        fields: null,
        retry: true,
      };
    case "timeout":
      return {
        message: "The server took too long to answer. Retry when you are ready: the request keeps its idempotency key, so it cannot be created twice.",
        fields: null,
        retry: true,
      };
    case "aborted":
      return { message: "The request was cancelled.", fields: null, retry: true };
    case "rate_limit":
      return { message: "Too many requests right now (rate limit). Wait a few seconds, then retry.", fields: null, retry: true };
    case "idempotent_creation_conflict":
      // A retried creation was already processed, but its original answer could not be read back
      // (e.g. the replay timed out): the same key will fetch it.
      return {
        message: /timeout|timed out/i.test(JSON.stringify(e.replay ?? {}))
          ? "The server took too long to confirm your request. It was received: retry to get the result — nothing will be created twice."
          : "Your request was received, but its result could not be read back yet. Retry to get it — nothing will be created twice.",
        fields: null,
        retry: true,
      };
    case "param_error":
      return {
        message: fields ? "Some fields need your attention." : e.message || "The request was refused.",
        fields,
        retry: false,
      };
    default:
      break;
  }
  if (e.status === 429) {
    return { message: "Too many requests right now (rate limit). Wait a few seconds, then retry.", fields: null, retry: true };
  }
  if (e.status >= 500 || e.status === 0) {
    return {
      message: `The service is temporarily unavailable (${e.status ? `HTTP ${e.status}` : "no answer"}). Retry in a moment: nothing will be created twice.`,
      fields: null,
      retry: true,
    };
  }
  return { message: e.message || `The request failed (HTTP ${e.status}).`, fields, retry: Boolean(e.retryable) };
}
