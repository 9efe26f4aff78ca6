/**
 * The SDK, used only through its public npm entry. In a browser the client talks to the
 * platform's proxy: a session cookie plus a CSRF token from `GET {base}/session`; the API key
 * never reaches the page.
 */
import { Mangopay, ready } from "mangopay-wasm";

function meta(name: string, fallback: string): string {
  return document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content || fallback;
}

/** The proxy's root on this origin (the SDK's `baseUrl`). */
export const baseUrl = new URL(meta("mangopay-base-path", "/api/mangopay"), window.location.href).href.replace(/\/$/, "");
/** The platform's ClientId (public: it is part of every API path). */
export const clientId = meta("mangopay-client-id", "demo-client");

let csrfToken: Promise<string> | null = null;

async function fetchSession(): Promise<string> {
  let response: Response;
  try {
    response = await fetch(`${baseUrl}/session`, { credentials: "same-origin", cache: "no-store" });
  } catch {
    throw new SessionUnreachable();
  }
  if (!response.ok) throw new Error(`The proxy refused to open a session (HTTP ${response.status}).`);
  const data: unknown = await response.json();
  const token = (data as { csrfToken?: unknown }).csrfToken;
  if (typeof token !== "string" || token === "") throw new Error("The proxy's session answer has no csrfToken.");
  return token;
}

/** The proxy could not be reached to open a session (offline, server down). */
export class SessionUnreachable extends Error {
  constructor() {
    super("The proxy could not be reached to open a session.");
    this.name = "SessionUnreachable";
  }
}

/**
 * A client for the current session; `validateInBrowser: false` sends bodies unchecked (server
 * errors only); `timeoutMs` bounds each attempt (the SDK retries twice).
 */
export async function connect(validateInBrowser: boolean, timeoutMs: number): Promise<Mangopay> {
  await ready();
  csrfToken ??= fetchSession().catch((e: unknown) => {
    csrfToken = null;
    throw e;
  });
  const token = await csrfToken;
  return new Mangopay({
    clientId,
    baseUrl,
    headers: { "X-CSRF-Token": token },
    credentials: "same-origin",
    timeoutMs,
    maxRetries: 2,
    validate: validateInBrowser,
  });
}
