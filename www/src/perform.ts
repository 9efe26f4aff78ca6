/**
 * Runs one API write with an idempotency key that survives retries: a failed attempt offers
 * "Retry", which sends the same request with the same key, so the server (or the SDK's replay of
 * `GET /responses/{key}`) returns the original result instead of creating a second one.
 */
import { announce } from "./dom";
import { describe } from "./errors";
import type { FieldErrors } from "./form";
import { clearNotice, showNotice } from "./notice";

/** One write and what to do with its outcome. */
export interface Write<T> {
  /** Said in the live region while the write runs. */
  busy: string;
  /** Sends the request with `idempotencyKey`. */
  send: (idempotencyKey: string) => Promise<T>;
  onSuccess: (result: T) => void;
  /** Field errors from a `param_error` (browser validation or server): shown on the form. */
  onFieldErrors: (errors: FieldErrors) => void;
  onBusy: (busy: boolean) => void;
}

/** A fresh idempotency key (a UUID v4: 36 characters, as the API accepts). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  // randomUUID exists only in secure contexts (https, localhost); getRandomValues everywhere.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Runs `write` with `key` (new by default), offering a same-key retry on transient failures. */
export async function perform<T>(write: Write<T>, key: string = newIdempotencyKey()): Promise<void> {
  clearNotice();
  write.onBusy(true);
  announce(write.busy);
  let result: T;
  try {
    result = await write.send(key);
  } catch (error) {
    write.onBusy(false);
    const failure = describe(error);
    if (failure.fields) {
      write.onFieldErrors(failure.fields);
      announce(failure.message);
      return;
    }
    // The notice is role=alert: it is announced, so the status line steps aside.
    announce("");
    showNotice(failure.message, failure.retry ? () => void perform(write, key) : undefined);
    return;
  }
  write.onBusy(false);
  write.onSuccess(result);
}
