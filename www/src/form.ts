/**
 * A form built from field definitions. It turns inputs into an API body, shows errors keyed by
 * API paths next to their fields, and marks required fields. Client validator errors and server
 * `param_error`s go through the same `showErrors`.
 */
import { append, h, replace } from "./dom";
import { countries } from "./countries";
import type { FieldDef, SectionDef } from "./fields";

/** Errors keyed by dotted API path, as both `validate.<kind>` and `MangopayError.errors` give them. */
export type FieldErrors = Record<string, string>;

/** Where shown errors came from (the UI marks server errors so the demo can tell them apart). */
export type ErrorSource = "browser" | "server";

interface FieldView {
  def: FieldDef;
  controls: HTMLInputElement[] | HTMLSelectElement[];
  label: HTMLElement;
  requiredMark: HTMLElement;
  error: HTMLElement;
}

/** Options of a form view. */
export interface FormOptions {
  id: string;
  sections: SectionDef[];
  submitLabel: string;
  /** Values sent with every body (e.g. `UserCategory: "OWNER"` on categorize). */
  fixed?: Record<string, unknown>;
  /** Called on submit with the body; the view stays busy until the promise settles. */
  onSubmit: (body: Record<string, unknown>) => Promise<void>;
  /** Called when any value changes (after the view updated itself). */
  onChange?: (path: string) => void;
}

let countryOptions: Array<[string, string]> | null = null;

function fieldId(formId: string, path: string): string {
  return `${formId}-${path.replace(/\./g, "-")}`;
}

function parentOf(path: string): string {
  const i = path.lastIndexOf(".");
  return i < 0 ? "" : path.slice(0, i);
}

function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf(".") + 1);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function setPath(body: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split(".");
  let node = body;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (typeof next !== "object" || next === null) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1] ?? path] = value;
}

/** A `yyyy-mm-dd` date as the API's Unix timestamp (midnight UTC). */
function dateToTimestamp(value: string): number | string {
  const ms = Date.parse(`${value}T00:00:00Z`);
  return Number.isNaN(ms) ? value : Math.floor(ms / 1000);
}

/** A rendered form. */
export class FormView {
  readonly element: HTMLFormElement;
  private readonly fields = new Map<string, FieldView>();
  private readonly groups = new Map<string, HTMLElement>();
  private readonly summary: HTMLElement;
  private readonly submit: HTMLButtonElement;
  private readonly touched = new Set<string>();
  private submitted = false;
  private serverErrors: FieldErrors = {};
  private browserErrors: FieldErrors = {};

  constructor(private readonly options: FormOptions) {
    this.summary = h("div", { class: "summary", id: `${options.id}-summary`, tabindex: -1, hidden: true });
    this.submit = h("button", { type: "submit", class: "primary" }, options.submitLabel);
    this.element = h("form", { id: options.id, novalidate: true, "aria-describedby": `${options.id}-summary` });
    append(this.element, this.summary);
    for (const section of options.sections) this.element.appendChild(this.renderSection(section));
    append(this.element, h("p", { class: "actions" }, this.submit));
    this.element.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.handleSubmit();
    });
  }

  /** The API body from the current values: empty fields are left out, dates become timestamps. */
  body(): Record<string, unknown> {
    const body: Record<string, unknown> = {};
    for (const [path, view] of this.fields) {
      const value = this.rawValue(view);
      if (value === undefined) continue;
      setPath(body, path, value);
    }
    for (const [path, value] of Object.entries(this.options.fixed ?? {})) setPath(body, path, value);
    return body;
  }

  /** The current value of a field (for prefilling another form). */
  value(path: string): string | boolean | undefined {
    const view = this.fields.get(path);
    if (!view) return undefined;
    const first = view.controls[0];
    if (view.def.kind === "checkbox") return (first as HTMLInputElement | undefined)?.checked ?? false;
    if (view.def.kind === "radio") {
      return (view.controls as HTMLInputElement[]).find((c) => c.checked)?.value;
    }
    return first?.value;
  }

  /** Every field's current value by path (to prefill a later form). */
  values(): Record<string, string | boolean> {
    const out: Record<string, string | boolean> = {};
    for (const path of this.fields.keys()) {
      const value = this.value(path);
      if (value !== undefined && value !== "") out[path] = value;
    }
    return out;
  }

  /** Sets a field's value (prefill); does not mark it touched. */
  setValue(path: string, value: string | boolean): void {
    const view = this.fields.get(path);
    if (!view) return;
    if (view.def.kind === "checkbox") {
      (view.controls[0] as HTMLInputElement).checked = value === true;
    } else if (view.def.kind === "radio") {
      for (const c of view.controls as HTMLInputElement[]) c.checked = c.value === value;
    } else if (view.controls[0]) {
      view.controls[0].value = String(value);
    }
  }

  /** Whether `path` is a field of this form. */
  has(path: string): boolean {
    return this.fields.has(path);
  }

  /** Marks exactly `paths` as required (label text and `aria-required`). */
  setRequired(paths: Set<string>): void {
    for (const [path, view] of this.fields) {
      const required = paths.has(path);
      view.requiredMark.hidden = !required;
      for (const c of view.controls) {
        if (view.def.kind === "radio") continue;
        if (required) c.setAttribute("aria-required", "true");
        else c.removeAttribute("aria-required");
      }
    }
  }

  /** Shows the browser validator's errors for touched fields (all of them after a submit). */
  showBrowserErrors(errors: FieldErrors): void {
    this.browserErrors = errors;
    this.render();
  }

  /** Shows the server's `param_error` errors; each disappears when its field is edited. */
  showServerErrors(errors: FieldErrors): void {
    this.serverErrors = { ...errors };
    this.submitted = true;
    this.render();
    this.focusFirstError();
  }

  /** Forgets every error and the touched state. */
  clearErrors(): void {
    this.browserErrors = {};
    this.serverErrors = {};
    this.touched.clear();
    this.submitted = false;
    this.render();
  }

  /** Marks a submit attempt: every error shows, the summary lists them and focus moves to the first. */
  revealAll(errors: FieldErrors): void {
    this.submitted = true;
    this.browserErrors = errors;
    this.render();
    this.focusFirstError();
  }

  /** Puts keyboard focus on the first field with an error (in page order), else on the summary. */
  focusFirstError(): void {
    for (const view of this.fields.values()) {
      if (view.error.hidden) continue;
      view.controls[0]?.focus();
      return;
    }
    if (!this.summary.hidden) this.summary.focus();
  }

  /** Disables the submit button while work is in flight. */
  setBusy(busy: boolean, label?: string): void {
    this.submit.disabled = busy;
    this.submit.textContent = busy ? (label ?? "Sending…") : this.options.submitLabel;
    this.element.setAttribute("aria-busy", String(busy));
  }

  /** The label a path is shown with (used in the error summary and messages). */
  labelOf(path: string): string {
    const view = this.fields.get(path);
    if (view) {
      const group = this.groupLegend(parentOf(path));
      return group ? `${group} — ${view.def.label}` : view.def.label;
    }
    return this.groupLegend(path) ?? (path || "Form");
  }

  private groupLegend(path: string): string | null {
    if (!path) return null;
    const legend = this.groups.get(path)?.closest("fieldset")?.querySelector("legend");
    return legend?.textContent ?? null;
  }

  /** Replaces API field names in a message with the labels the user sees. */
  private humanize(path: string, message: string): string {
    const view = this.fields.get(path);
    // Mangopay states some formats as the server's regular expression: say it in words instead.
    if (view && /regular expression/i.test(message)) {
      return view.def.kind === "email"
        ? `Enter a valid email address in “${view.def.label}” (like name@example.com).`
        : `“${view.def.label}” is not in the expected format.`;
    }
    const parent = parentOf(path);
    const siblings = [...this.fields.values()]
      .filter((v) => parentOf(v.def.path) === parent)
      .sort((a, b) => lastSegment(b.def.path).length - lastSegment(a.def.path).length);
    let out = message;
    for (const v of siblings) {
      if (v.def.kind === "checkbox") continue;
      const re = new RegExp(`\\b${escapeRegExp(lastSegment(v.def.path))}\\b`, "g");
      out = out.replace(re, `“${v.def.label}”`);
    }
    return out;
  }

  private async handleSubmit(): Promise<void> {
    this.serverErrors = {};
    await this.options.onSubmit(this.body());
  }

  private visibleErrors(): Array<[string, string, ErrorSource]> {
    const out: Array<[string, string, ErrorSource]> = [];
    for (const [path, message] of Object.entries(this.serverErrors)) out.push([path, message, "server"]);
    for (const [path, message] of Object.entries(this.browserErrors)) {
      if (path in this.serverErrors) continue;
      if (this.submitted || this.touched.has(path) || this.touchedInside(path)) out.push([path, message, "browser"]);
    }
    return out;
  }

  private touchedInside(group: string): boolean {
    if (this.fields.has(group)) return false;
    for (const t of this.touched) if (t.startsWith(`${group}.`)) return true;
    return false;
  }

  /** Where an error for `path` is shown: its field, its group's legend, or the summary only. */
  private slotFor(path: string): { error: HTMLElement; controls: Array<HTMLInputElement | HTMLSelectElement> } | null {
    const view = this.fields.get(path);
    if (view) return { error: view.error, controls: [...view.controls] };
    const group = this.groups.get(path);
    if (group) return { error: group, controls: [] };
    return null;
  }

  private render(): void {
    for (const view of this.fields.values()) {
      view.error.hidden = true;
      view.error.textContent = "";
      for (const c of view.controls) c.removeAttribute("aria-invalid");
    }
    for (const group of this.groups.values()) {
      group.hidden = true;
      group.textContent = "";
    }
    const errors = this.visibleErrors();
    const orphans: Array<[string, string]> = [];
    for (const [path, message, source] of errors) {
      const slot = this.slotFor(path);
      const text = this.humanize(path, message);
      if (!slot) {
        orphans.push([path, text]);
        continue;
      }
      slot.error.hidden = false;
      slot.error.dataset.source = source;
      replace(slot.error, text, source === "server" ? h("span", { class: "badge" }, "server") : null);
      for (const c of slot.controls) c.setAttribute("aria-invalid", "true");
    }
    this.renderSummary(errors, orphans);
  }

  private renderSummary(errors: Array<[string, string, ErrorSource]>, orphans: Array<[string, string]>): void {
    if (!this.submitted || errors.length === 0) {
      this.summary.hidden = true;
      replace(this.summary);
      return;
    }
    const items = errors.map(([path, message]) => {
      const view = this.fields.get(path);
      const target = view?.controls[0]?.id;
      const human = this.humanize(path, message);
      const label = view?.def.label;
      // "The “First name” field is required." already names the field; other messages get the label.
      const group = this.groupLegend(parentOf(path));
      const named = label !== undefined && human.includes(`“${label}”`);
      const text = named ? (group ? `${group}: ${human}` : human) : `${this.labelOf(path)}: ${human}`;
      if (!target) return h("li", {}, text);
      const link = h("a", { href: `#${target}` }, text);
      link.addEventListener("click", (event) => {
        event.preventDefault();
        view?.controls[0]?.focus();
      });
      return h("li", {}, link);
    });
    const count = errors.length === 1 ? "1 problem" : `${errors.length} problems`;
    replace(
      this.summary,
      h("p", { class: "summary-title" }, `Please fix ${count} before continuing.`),
      h("ul", {}, ...items),
      orphans.length ? h("p", { class: "orphans" }, orphans.map(([, m]) => m).join(" ")) : null,
    );
    this.summary.hidden = false;
  }

  private rawValue(view: FieldView): unknown {
    const kind = view.def.kind;
    if (kind === "checkbox") return (view.controls[0] as HTMLInputElement).checked;
    if (kind === "radio") {
      return (view.controls as HTMLInputElement[]).find((c) => c.checked)?.value;
    }
    const raw = view.controls[0]?.value.trim() ?? "";
    if (raw === "") return undefined;
    if (kind === "date") return dateToTimestamp(raw);
    return raw;
  }

  private onEdit(path: string): void {
    this.touched.add(path);
    if (path in this.serverErrors) {
      delete this.serverErrors[path];
    }
    this.options.onChange?.(path);
  }

  private renderSection(section: SectionDef): HTMLElement {
    const fieldset = h("fieldset", { class: "section" }, h("legend", {}, section.legend));
    if (section.path) {
      const groupError = h("p", { class: "error group-error", id: fieldId(this.options.id, section.path) + "-error", hidden: true });
      this.groups.set(section.path, groupError);
      fieldset.appendChild(groupError);
      fieldset.setAttribute("aria-describedby", groupError.id);
    }
    const grid = h("div", { class: "grid" });
    for (const def of section.fields) grid.appendChild(this.renderField(def));
    fieldset.appendChild(grid);
    return fieldset;
  }

  private renderField(def: FieldDef): HTMLElement {
    const id = fieldId(this.options.id, def.path);
    const errorId = `${id}-error`;
    const hintId = def.hint ? `${id}-hint` : undefined;
    const describedBy = [hintId, errorId].filter(Boolean).join(" ");
    const requiredMark = h("span", { class: "required", hidden: true }, " (required)");
    const error = h("p", { class: "error", id: errorId, hidden: true });
    const hint = def.hint ? h("p", { class: "hint", id: hintId }, def.hint) : null;
    const listen = (el: HTMLElement): void => {
      el.addEventListener("input", () => this.onEdit(def.path));
      el.addEventListener("change", () => this.onEdit(def.path));
      el.addEventListener("blur", () => {
        if (this.touched.has(def.path)) return;
        if ((el as HTMLInputElement).value !== "") this.onEdit(def.path);
      });
    };

    if (def.kind === "radio") {
      const controls = (def.options ?? []).map(([value, text], i) => {
        const input = h("input", {
          type: "radio",
          name: id,
          id: i === 0 ? id : `${id}-${value}`,
          value,
          checked: i === 0,
          "aria-describedby": describedBy,
        });
        listen(input);
        return { input, label: h("label", { class: "choice" }, input, ` ${text}`) };
      });
      const legend = h("legend", {}, def.label, requiredMark);
      const group = h("fieldset", { class: "field radios", "data-path": def.path }, legend, ...controls.map((c) => c.label), hint, error);
      this.fields.set(def.path, { def, controls: controls.map((c) => c.input), label: legend, requiredMark, error });
      return group;
    }

    if (def.kind === "checkbox") {
      const input = h("input", { type: "checkbox", id, "aria-describedby": describedBy });
      listen(input);
      const label = h("label", { for: id, class: "choice" }, input, ` ${def.label}`, requiredMark);
      this.fields.set(def.path, { def, controls: [input], label, requiredMark, error });
      return h("div", { class: "field check", "data-path": def.path }, label, hint, error);
    }

    let control: HTMLInputElement | HTMLSelectElement;
    if (def.kind === "country" || def.kind === "select") {
      const options = def.kind === "country" ? (countryOptions ??= countries()) : (def.options ?? []);
      control = h(
        "select",
        { id, autocomplete: def.autocomplete, "aria-describedby": describedBy },
        h("option", { value: "" }, "— choose —"),
        ...options.map(([value, text]) => h("option", { value }, def.kind === "country" ? `${text} (${value})` : text)),
      );
    } else {
      const type = def.kind === "text" ? "text" : def.kind;
      control = h("input", { id, type, autocomplete: def.autocomplete ?? "off", "aria-describedby": describedBy });
    }
    listen(control);
    const label = h("label", { for: id }, def.label, requiredMark);
    this.fields.set(def.path, { def, controls: [control] as HTMLInputElement[] | HTMLSelectElement[], label, requiredMark, error });
    return h("div", { class: "field", "data-path": def.path }, label, control, hint, error);
  }
}
