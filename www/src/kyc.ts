/**
 * The KYC card: pick a document type, add files (picker or drag and drop), see each file checked
 * by the SDK's validators before anything is sent, upload with a progress bar, then follow the
 * document's status until Mangopay's outcome.
 */
import { isMangopayError, validate, type KycDocument, type KycUserType, type Mangopay, type UploadProgress } from "mangopay-wasm";
import { announce, byId, formatBytes, h, replace } from "./dom";
import { describe } from "./errors";
import { clearNotice, showNotice } from "./notice";
import type { User } from "./state";

/** The most pages a KYC document may have. */
const MAX_PAGES = 5;

const TYPES: Array<[string, string]> = [
  ["IDENTITY_PROOF", "Identity document (passport, ID card)"],
  ["ADDRESS_PROOF", "Proof of address"],
  ["REGISTRATION_PROOF", "Company registration proof"],
  ["ARTICLES_OF_ASSOCIATION", "Articles of association"],
  ["SHAREHOLDER_DECLARATION", "Shareholder declaration"],
];

/** The sandbox decides a document's outcome from its Tag (as Mangopay's sandbox does). */
const OUTCOMES: Array<[string, string]> = [
  ["accept", "Validated (Tag “accept”)"],
  ["refuse_unreadable", "Refused: unreadable (Tag “refuse_unreadable”)"],
  ["refuse_expired", "Refused: expired (Tag “refuse_expired”)"],
];

const FINAL = new Set(["VALIDATED", "REFUSED", "OUT_OF_DATE"]);

interface Checked {
  file: File;
  problems: string[];
}

/** The KYC card's controller. */
export class Kyc {
  private user: User | null = null;
  private files: Checked[] = [];
  private readonly type: HTMLSelectElement;
  private readonly outcome: HTMLSelectElement;
  private readonly input: HTMLInputElement;
  private readonly list: HTMLElement;
  private readonly countError: HTMLElement;
  private readonly upload: HTMLButtonElement;
  private readonly progress: HTMLProgressElement;
  private readonly progressText: HTMLElement;
  private readonly docStatus: HTMLElement;
  private readonly chosen: HTMLElement;
  private checking: Promise<void> = Promise.resolve();

  constructor(
    private readonly client: () => Promise<Mangopay>,
    private readonly onDocumentDone: () => void,
  ) {
    this.type = h("select", { id: "kyc-type" });
    this.outcome = h("select", { id: "kyc-tag" }, ...OUTCOMES.map(([v, t]) => h("option", { value: v }, t)));
    this.input = h("input", {
      type: "file",
      id: "kyc-files",
      multiple: true,
      class: "visually-hidden",
      accept: ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png",
      "aria-describedby": "kyc-files-hint kyc-count-error",
    });
    this.chosen = h("span", { class: "chosen" });
    this.list = h("ul", { class: "files", id: "kyc-file-list", "aria-label": "Selected files" });
    this.countError = h("p", { class: "error", id: "kyc-count-error", hidden: true });
    this.upload = h("button", { type: "button", class: "primary", id: "kyc-upload", disabled: true }, "Upload and submit");
    this.progress = h("progress", { id: "kyc-progress", max: 1, value: 0, hidden: true, "aria-labelledby": "kyc-progress-text" });
    this.progressText = h("p", { id: "kyc-progress-text", class: "hint" });
    this.docStatus = h("div", { id: "kyc-status", class: "doc-status" });

    const drop = h(
      "label",
      { for: "kyc-files", class: "dropzone", id: "kyc-drop" },
      this.input,
      h("strong", {}, "Choose files"),
      " or drop them here",
      this.chosen,
    );
    drop.addEventListener("dragover", (event) => {
      event.preventDefault();
      drop.classList.add("over");
    });
    drop.addEventListener("dragleave", () => drop.classList.remove("over"));
    drop.addEventListener("drop", (event) => {
      event.preventDefault();
      drop.classList.remove("over");
      const dropped = event.dataTransfer?.files;
      if (dropped && dropped.length) this.setFiles([...dropped]);
    });
    this.input.addEventListener("change", () => this.setFiles([...(this.input.files ?? [])]));
    this.type.addEventListener("change", () => this.setFiles(this.files.map((c) => c.file)));
    this.upload.addEventListener("click", () => void this.send());

    replace(
      byId("kyc-host"),
      h("div", { class: "field" }, h("label", { for: "kyc-type" }, "Document type"), this.type),
      h("div", { class: "field" }, h("label", { for: "kyc-tag" }, "Sandbox outcome"), this.outcome),
      h(
        "div",
        { class: "field" },
        h("span", { class: "label" }, "Pages"),
        drop,
        h("p", { class: "hint", id: "kyc-files-hint" }, `PDF, JPEG or PNG; 1 to ${MAX_PAGES} files; identity documents at least 32 KB per page, at most about 7 MB.`),
        this.countError,
        this.list,
      ),
      h("p", { class: "actions" }, this.upload),
      this.progress,
      this.progressText,
      this.docStatus,
    );
  }

  /** Shows the card for `user` (only OWNERs can submit documents). */
  show(user: User): void {
    this.user = user;
    const card = byId("kyc");
    card.hidden = user.UserCategory !== "OWNER" || user.UserStatus === "PENDING_USER_ACTION";
    const allowed = TYPES.filter(([type]) => validate.createKycDocument({ Type: type }, this.userType(user)).ok);
    const previous = this.type.value;
    replace(this.type, ...allowed.map(([v, t]) => h("option", { value: v, selected: v === previous }, t)));
  }

  /** What the KYC rules need to know about the user. */
  private userType(user: User): KycUserType {
    const legalType = user.LegalPersonType as KycUserType["LegalPersonType"] | undefined;
    return legalType ? { PersonType: user.PersonType, LegalPersonType: legalType } : { PersonType: user.PersonType };
  }

  /** Hides the card and forgets the files. */
  hide(): void {
    byId("kyc").hidden = true;
    this.files = [];
    replace(this.list);
    replace(this.docStatus);
  }

  /** Checks every file with the SDK (type by its bytes, size for the document type) and the page count. */
  private setFiles(files: File[]): void {
    this.checking = (async () => {
      const type = this.type.value;
      this.files = await Promise.all(
        files.map(async (file) => {
          const bytes = new Uint8Array(await file.arrayBuffer());
          const result = validate.kycPage(bytes, { Type: type });
          return { file, problems: result.issues.map((i) => i.message) };
        }),
      );
      this.renderFiles();
    })();
  }

  private renderFiles(): void {
    const items = this.files.map(({ file, problems }, i) =>
      h(
        "li",
        { class: problems.length ? "bad" : "good", "data-file": file.name },
        h("span", { class: "name" }, file.name),
        h("span", { class: "size" }, formatBytes(file.size)),
        problems.length
          ? h("span", { class: "error", id: `kyc-file-${i}-error` }, problems.join(" "))
          : h("span", { class: "ok" }, "Ready"),
      ),
    );
    replace(this.list, ...items);
    const n = this.files.length;
    this.chosen.textContent = n ? ` — ${n} ${n === 1 ? "file" : "files"} chosen` : "";
    const tooMany = this.files.length > MAX_PAGES;
    this.countError.hidden = !tooMany;
    this.countError.textContent = tooMany
      ? `A document has at most ${MAX_PAGES} pages: you chose ${this.files.length}. Remove ${this.files.length - MAX_PAGES}.`
      : "";
    const bad = this.files.filter((f) => f.problems.length).length;
    this.upload.disabled = this.files.length === 0 || tooMany || bad > 0;
    if (this.files.length === 0) return;
    announce(
      tooMany
        ? this.countError.textContent
        : bad
          ? `${bad} of ${this.files.length} files cannot be sent.`
          : `${this.files.length} ${this.files.length === 1 ? "file is" : "files are"} ready to upload.`,
    );
  }

  private setStatus(doc: Pick<KycDocument, "Id" | "Status" | "RefusedReasonType">): void {
    const status = doc.Status ?? "UNKNOWN";
    const reason = doc.RefusedReasonType ? ` (${doc.RefusedReasonType})` : "";
    replace(
      this.docStatus,
      h("p", {}, "Document ", h("code", {}, doc.Id ?? "…"), ": ", h("span", { class: `pill ${status.toLowerCase()}`, id: "kyc-doc-status" }, status), reason),
    );
    announce(`Document status: ${status}${reason}.`);
  }

  private async send(): Promise<void> {
    await this.checking;
    const user = this.user;
    if (!user || this.upload.disabled) return;
    clearNotice();
    this.upload.disabled = true;
    this.progress.hidden = false;
    this.progress.value = 0;
    this.progressText.textContent = "Uploading…";
    const type = this.type.value;
    try {
      const mp = await this.client();
      const doc = await mp.users.uploadKycDocument(
        user.Id,
        { Type: type, Tag: this.outcome.value, ...this.userType(user), files: this.files.map((c) => c.file) },
        {
          onProgress: (progress: UploadProgress) => {
            // The first event comes once the document exists (0 pages sent), then one per page.
            if (progress.pagesSent === 0) this.setStatus({ Id: progress.documentId, Status: "CREATED" });
            this.progress.value = progress.totalPages ? progress.pagesSent / progress.totalPages : 0;
            this.progressText.textContent = `Page ${progress.pagesSent} of ${progress.totalPages} sent`;
          },
        },
      );
      this.progress.value = 1;
      this.progressText.textContent = "All pages sent; the document is submitted for validation.";
      this.setStatus(doc);
      this.upload.textContent = "Submitted";
      if (doc.Id) await this.follow(mp, user.Id, doc.Id);
    } catch (error) {
      const failure = describe(error);
      const e = isMangopayError(error) ? error : null;
      const partial = e?.documentId ? ` Document ${e.documentId} was created and ${e.pagesSent ?? 0} page(s) were sent.` : "";
      this.progressText.textContent = "Upload stopped.";
      showNotice(failure.message + partial, failure.retry ? () => void this.send() : undefined);
      this.upload.disabled = false;
    }
  }

  /** Refreshes the document until Mangopay's outcome (the sandbox decides after `--kyc-delay-ms`). */
  private async follow(mp: Mangopay, userId: string, docId: string): Promise<void> {
    const started = Date.now();
    for (;;) {
      await new Promise((resolve) => window.setTimeout(resolve, 700));
      const doc = await mp.users.getKycDocument(userId, docId);
      if (doc.Status !== this.docStatus.querySelector("#kyc-doc-status")?.textContent) this.setStatus(doc);
      if (FINAL.has(doc.Status ?? "") || Date.now() - started > 120_000) break;
    }
    this.onDocumentDone();
  }
}
