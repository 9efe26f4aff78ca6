/** The current user, kept in sessionStorage so the SCA round trip (a full page navigation) can come back to it. */

/** A user as the API returns it (only the fields the demo reads are named). */
export interface User {
  Id: string;
  PersonType: "NATURAL" | "LEGAL";
  UserCategory?: string;
  UserStatus?: string;
  KYCLevel?: string;
  LegalPersonType?: string;
  Email?: string;
  FirstName?: string;
  LastName?: string;
  Name?: string;
  PendingUserAction?: { RedirectUrl?: string } | null;
  [field: string]: unknown;
}

/** What survives the SCA page: the user and the values typed so far (for the owner form). */
export interface Saved {
  userId: string;
  personType: "NATURAL" | "LEGAL";
  legalPersonType?: string;
  prefill?: Record<string, string | boolean>;
}

const KEY = "mangopay-demo.user";

/** The saved user, if any. */
export function loadSaved(): Saved | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Saved;
    return typeof parsed.userId === "string" ? parsed : null;
  } catch {
    return null;
  }
}

/** Saves the current user. */
export function save(saved: Saved): void {
  sessionStorage.setItem(KEY, JSON.stringify(saved));
}

/** Forgets the current user. */
export function forget(): void {
  sessionStorage.removeItem(KEY);
}
