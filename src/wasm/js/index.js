// The Mangopay client: a thin JS class over the wasm `Core` (src/wasm/client.rs).
import * as glue from "./mangopay_wasm.js";
import { MangopayError, argumentError, toError } from "./error.js";
import { scaRedirectUrl as scaRedirect } from "./validate.js";
import { ready, assertReady, isReady } from "./state.js";
import { exchange, flatHeaders, networkFailure, readHead } from "./fetch.js";

export { MangopayError, isMangopayError } from "./error.js";
export { validate, schemas, scaRedirectUrl, ready } from "./validate.js";

// mp.users.<name>: positional arguments before the optional call options (as in
// src/transport/dispatch.rs, METHODS).
const METHODS = {
  createNaturalSca: 1, createLegalSca: 1, createNatural: 1, createLegal: 1,
  get: 1, getSca: 1, getNatural: 1, getNaturalSca: 1, getLegal: 1, getLegalSca: 1, getAll: 1,
  updateNatural: 2, updateLegal: 2, updateNaturalSca: 2, updateLegalSca: 2,
  categorizeNatural: 2, categorizeLegal: 2, close: 1, closeNatural: 1, closeLegal: 1,
  enroll: 1, manageConsent: 1, getScaStatus: 1, getBlockStatus: 1, getRegulatory: 1,
  validateTheFormatOfUserData: 1, getEMoney: 3, createBankAccount: 2, getBankAccount: 2,
  getBankAccounts: 2, updateBankAccount: 3, getWallets: 2, getTransactions: 2, getCards: 2,
  createKycDocument: 2, getKycDocument: 2, getKycDocuments: 2, updateKycDocument: 3,
  submitKycDocument: 2, createKycPage: 3, getMandates: 2, getMandatesForBankAccount: 3,
  getPreAuthorizations: 2, getResponse: 1,
};

// List methods: the index of their list options.
const LISTS = {
  getAll: 0, getBankAccounts: 1, getWallets: 1, getTransactions: 1, getCards: 1,
  getKycDocuments: 1, getMandates: 1, getMandatesForBankAccount: 2, getPreAuthorizations: 1,
};

// The kinds of call #send ends: a method, a list method, the raw passthrough.
const CALL = 0;
const LIST = 1;
const RAW = 2;

/** A page or a browser worker (no `document` there, but a browser's `navigator` and scope). */
function inBrowser() {
  if (typeof window !== "undefined" && typeof window.document !== "undefined") return true;
  return (
    typeof WorkerGlobalScope !== "undefined" &&
    typeof navigator !== "undefined" &&
    /^Mozilla\//.test(String(navigator.userAgent))
  );
}

function json(value, what) {
  let text;
  try {
    text = JSON.stringify(value);
  } catch (e) {
    throw argumentError(`${what} cannot be read as JSON data: ${e && e.message ? e.message : e}`);
  }
  return text === undefined ? "null" : text;
}

/** Splits call options into JSON for Rust and the signal. */
function callOptions(opts) {
  if (opts === undefined || opts === null) return ["null", undefined];
  if (typeof opts !== "object" || Array.isArray(opts)) throw argumentError("The call options must be an object.");
  const { signal, onProgress, ...rest } = opts;
  if (signal !== undefined && signal !== null && !(typeof signal === "object" && typeof signal.addEventListener === "function" && "aborted" in signal)) {
    throw argumentError("signal must be an AbortSignal.");
  }
  return [json(rest, "The call options"), signal ?? undefined];
}

function parseBody(text) {
  if (text === "") return null;
  try {
    return JSON.parse(text);
  } catch {
    throw new MangopayError({ type: "invalid_response", message: "The response is not JSON." });
  }
}

function decode(out) {
  if (typeof out === "string") return parseBody(out);
  const data = parseBody(out[0]);
  return {
    data: Array.isArray(data) ? data : [],
    pagination: { page: out[1], perPage: out[2], totalItems: out[3], totalPages: out[4] },
  };
}

/** Headers flattened as `name\nvalue\n` as an object, names in lower case. */
function headersOf(flat) {
  const headers = {};
  const parts = flat.split("\n");
  for (let i = 0; i + 1 < parts.length; i += 2) headers[parts[i].toLowerCase()] = parts[i + 1];
  return headers;
}

async function bytesOf(file, what) {
  if (file instanceof Uint8Array) return file;
  if (file instanceof ArrayBuffer) return new Uint8Array(file);
  if (file && typeof file === "object" && typeof file.arrayBuffer === "function") {
    try {
      return new Uint8Array(await file.arrayBuffer());
    } catch (e) {
      throw argumentError(`${what} could not be read: ${e && e.message ? e.message : e}`);
    }
  }
  throw argumentError(`${what} must be a File, a Blob or bytes.`);
}

export class Mangopay {
  #core;
  #fetch;

  /** Checks the configuration; throws a MangopayError when it is not usable. */
  constructor(config) {
    if (config === null || typeof config !== "object" || Array.isArray(config)) {
      throw argumentError("The configuration must be an object.");
    }
    const { fetch: fetchFn, ...rest } = config;
    if (fetchFn !== undefined && typeof fetchFn !== "function") throw argumentError("fetch must be a function.");
    const f = fetchFn ?? globalThis.fetch;
    if (typeof f !== "function") throw argumentError("No fetch function is available: pass config.fetch.");
    const text = json(rest, "The configuration");
    assertReady();
    this.#fetch = f;
    try {
      this.#core = new glue.Core(text, f, inBrowser());
    } catch (e) {
      throw toError(e);
    }
    const users = {};
    for (const [name, arity] of Object.entries(METHODS)) {
      users[name] = (...args) => this.#call(name, arity, args);
    }
    users.createKycPageFromFile = (userId, documentId, file, opts) =>
      this.#guard(async () => {
        const [optsJson, signal] = callOptions(opts);
        const bytes = await bytesOf(file, "The file");
        return this.#send(this.#core.startPage(json([userId, documentId], "The arguments"), bytes, optsJson), signal, CALL);
      });
    users.uploadKycDocument = (userId, document, opts) =>
      this.#guard(async () => {
        if (document === null || typeof document !== "object") throw argumentError("The document must be an object {Type, Tag?, files}.");
        const { files, ...meta } = document;
        if (!Array.isArray(files)) throw argumentError("files must be an array of Files or Blobs.");
        const onProgress = opts && opts.onProgress;
        if (onProgress !== undefined && typeof onProgress !== "function") throw argumentError("onProgress must be a function.");
        const [optsJson, signal] = callOptions(opts);
        const pages = [];
        for (let i = 0; i < files.length; i++) pages.push(await bytesOf(files[i], `files[${i}]`));
        const progress = (text) => {
          if (onProgress) {
            try {
              onProgress(JSON.parse(text));
            } catch {
              /* a listener's failure does not stop the upload */
            }
          }
        };
        return this.#core.upload(json([userId, meta], "The arguments"), pages, progress, optsJson, signal).then(parseBody);
      });
    this.users = Object.freeze(users);
  }

  #guard(run) {
    return ready().then(run).catch((e) => {
      throw toError(e);
    });
  }

  #call(name, arity, args) {
    const run = () => {
      const [optsJson, signal] = callOptions(args[arity]);
      return this.#send(this.#core.start(name, json(args.slice(0, arity), "The arguments"), optsJson), signal, Object.hasOwn(LISTS, name) ? LIST : CALL);
    };
    if (!isReady()) return this.#guard(run);
    // Ready (always, after the first call): no extra promise hop before the request starts.
    try {
      return run();
    } catch (e) {
      return Promise.reject(toError(e));
    }
  }

  /**
   * Ends a started call (`head`: the text of `Core.start`). The first attempt is sent from here
   * and, when its response settles the call (a 2xx, the common case), its body never enters the
   * wasm; anything else (retries, a refused token, a conflict to replay, errors) goes on in Rust.
   */
  async #send(head, signal, kind) {
    const raw = kind === RAW;
    const core = this.#core;
    const { id, timeoutMs, url, init } = readHead(head);
    let status; // undefined: no response (not sent, or failed)
    let headers = "";
    let text = "";
    let failure;
    if (url !== undefined) {
      let res;
      let settled;
      try {
        [res, text] = await exchange(this.#fetch, url, init, signal, timeoutMs);
        status = res.status;
        const h = res.headers;
        const limit = h.get("x-ratelimit");
        settled = core.settle(
          id,
          status,
          limit === null ? null : `${limit}\n${h.get("x-ratelimit-remaining") ?? ""}\n${h.get("x-ratelimit-reset") ?? ""}`,
          kind === LIST ? `${h.get("x-number-of-pages") ?? ""}\n${h.get("x-number-of-items") ?? ""}` : null,
        );
        if (settled === undefined) headers = flatHeaders(h);
      } catch (reason) {
        failure = typeof reason === "string" ? reason : networkFailure(reason);
      }
      if (settled !== undefined) {
        if (raw) return { status, headers: Object.fromEntries(res.headers), body: text };
        return decode(settled === null ? text : [text, ...settled]);
      }
    }
    try {
      const out = await core.resume(id, status, headers, text, failure, signal);
      return raw ? { status: out[0], headers: headersOf(out[1]), body: out[2] } : decode(out);
    } catch (e) {
      throw toError(e);
    }
  }

  /** The rate-limit buckets of the last response that carried them. */
  get rateLimits() {
    return JSON.parse(this.#core.rateLimits());
  }

  /**
   * Every item of a list method, page after page: `for await (const u of mp.paginate("getAll"))`.
   * Arguments are the method's own (`paginate("getKycDocuments", userId, { perPage: 100 })`).
   */
  async *paginate(method, ...args) {
    if (typeof method !== "string" || !Object.hasOwn(LISTS, method)) {
      throw argumentError(`${typeof method === "string" ? method : typeof method} is not a list method.`);
    }
    const at = LISTS[method];
    const list = args[at] ?? {};
    if (typeof list !== "object") throw argumentError("The list options must be an object.");
    let page = list.page ?? 1;
    for (;;) {
      const callArgs = args.slice();
      callArgs[at] = { ...list, page };
      const { data, pagination } = await this.users[method](...callArgs);
      for (const item of data) yield item;
      const last = pagination.totalPages !== null ? page >= pagination.totalPages : data.length < pagination.perPage;
      if (data.length === 0 || last) return;
      page += 1;
    }
  }

  /**
   * The raw passthrough (used by proxies): `path` is relative to `/v2.01/{clientId}`. Resolves to
   * `{status, headers, body}` whatever the status; rejects only on network failure, timeout or abort.
   */
  request(req) {
    return this.#guard(() => {
      if (req === null || typeof req !== "object") throw argumentError("request() takes an object.");
      const { signal, body, ...rest } = req;
      const [, sig] = callOptions({ signal });
      if (body !== undefined && body !== null) rest.body = typeof body === "string" ? body : json(body, "The body");
      return this.#send(this.#core.startRequest(json(rest, "The request")), sig, RAW);
    });
  }

  /** See the exported `scaRedirectUrl`. */
  scaRedirectUrl(pendingUserActionOrUrl, returnUrl) {
    return scaRedirect(pendingUserActionOrUrl, returnUrl);
  }
}
