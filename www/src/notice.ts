/** The page's alert area: failures with an optional Retry button, and a way to clear them. */
import { byId, h, replace } from "./dom";

/** Shows `message`; with `retry`, a "Retry" button that calls it (and gets focus, for keyboard users). */
export function showNotice(message: string, retry?: () => void): void {
  const notice = byId("notice");
  const button = retry ? h("button", { type: "button", class: "retry" }, "Retry") : null;
  if (button && retry) {
    button.addEventListener("click", () => {
      clearNotice();
      retry();
    });
  }
  replace(notice, h("p", {}, message), button);
  notice.hidden = false;
  button?.focus();
}

/** Hides the alert area. */
export function clearNotice(): void {
  const notice = byId("notice");
  replace(notice);
  notice.hidden = true;
}
