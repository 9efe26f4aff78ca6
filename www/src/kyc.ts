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

/**
 * An upload that stopped after its document was created: Retry sends only the pages it lacks
 * (the first of them with the failed request's idempotency key, in case the server got it) and
 * then submits, instead of creating a second document.
 */
interface Unfinished {
  userId: string;
  documentId: string;
  pagesSent: number;
  /** The files and type of the stopped upload: Retry resumes only if they are unchanged. */
  files: File[];
  type: string;
  /** The idempotency key of the page request that failed, if one did. */
  pageKey: string | null;
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
  private unfinished: Unfinished | null = null;

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
    this.unfinished = null;
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

  /** The stopped upload that matches what is selected now, if any. */
  private resumable(userId: string, type: string, files: File[]): Unfinished | null {
    const u = this.unfinished;
    const same = u !== null && u.userId === userId && u.type === type && u.files.length === files.length && u.files.every((f, i) => f === files[i]);
    return same ? u : null;
  }

  /** Sends the pages a stopped upload lacks, then submits its document. */
  private async resume(mp: Mangopay, u: Unfinished): Promise<KycDocument> {
    const total = u.files.length;
    const sent = (n: number): void => {
      u.pagesSent = n;
      this.progress.value = total ? n / total : 0;
      this.progressText.textContent = `Page ${n} of ${total} sent`;
    };
    sent(u.pagesSent);
    for (const file of u.files.slice(u.pagesSent)) {
      // The page whose request failed may have reached Mangopay: its key makes a resend safe.
      const opts = u.pageKey ? { idempotencyKey: u.pageKey } : undefined;
      try {
        await mp.users.createKycPageFromFile(u.userId, u.documentId, file, opts);
      } catch (error) {
        u.pageKey = isMangopayError(error) ? error.idempotencyKey : null;
        throw error;
      }
      u.pageKey = null;
      sent(u.pagesSent + 1);
    }
    return mp.users.submitKycDocument(u.userId, u.documentId);
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
    const files = this.files.map((c) => c.file);
    const unfinished = this.resumable(user.Id, type, files);
    try {
      const mp = await this.client();
      const doc = unfinished ? await this.resume(mp, unfinished) : await mp.users.uploadKycDocument(
        user.Id,
        { Type: type, Tag: this.outcome.value, ...this.userType(user), files },
        {
          onProgress: (progress: UploadProgress) => {
            // The first event comes once the document exists (0 pages sent), then one per page.
            if (progress.pagesSent === 0) this.setStatus({ Id: progress.documentId, Status: "CREATED" });
            this.progress.value = progress.totalPages ? progress.pagesSent / progress.totalPages : 0;
            this.progressText.textContent = `Page ${progress.pagesSent} of ${progress.totalPages} sent`;
          },
        },
      );
      this.unfinished = null;
      this.progress.value = 1;
      this.progressText.textContent = "All pages sent; the document is submitted for validation.";
      this.setStatus(doc);
      this.upload.textContent = "Submitted";
      if (doc.Id) await this.follow(mp, user.Id, doc.Id);
    } catch (error) {
      const failure = describe(error);
      const e = isMangopayError(error) ? error : null;
      if (!unfinished && e?.documentId) {
        // Sent pages are counted; the key is the failed page request's (none if submit failed).
        const pagesSent = e.pagesSent ?? 0;
        const pageKey = pagesSent < files.length ? e.idempotencyKey : null;
        this.unfinished = { userId: user.Id, documentId: e.documentId, pagesSent, files, type, pageKey };
      }
      const u = this.unfinished;
      const partial = u ? ` Document ${u.documentId} was created and ${u.pagesSent} of ${u.files.length} page(s) were sent; Retry sends the rest.` : "";
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
