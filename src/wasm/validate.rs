//! The validators for JS: a kind, the value, and a context as JSON text in; `None` (valid) or
//! the issues as JSON text out.
//!
//! The value arrives one of two ways. The fast way: `validate.js` walks a plain JS value into a
//! tape (see `crate::validate`'s `tape` module) written straight into wasm memory, in buffers
//! that `tapeBuffer` reserves and keep from call to call, and calls `validateTape`:
//! no JSON text, no parse, no allocation on a valid value. Anything else (`toJSON`, class
//! instances, arrays with elements, lone surrogates, …) goes through `JSON.stringify` and
//! `validateJson`, whose `serde_json::Value` is put on a tape too: one set of validators.

use std::sync::Mutex;

use serde_json::Value;
use wasm_bindgen::prelude::{wasm_bindgen, JsValue};

use crate::validate::{
    self as v, IssueCode, Json, KycUserContext, Report, Tape, ValidatorKind, View,
};

/// The validators by number, as the JS side numbers them (`validate.js`, `KINDS`).
const KINDS: &[&str] = &[
    "createNaturalSca",
    "createLegalSca",
    "createNatural",
    "createLegal",
    "updateNaturalSca",
    "updateLegalSca",
    "updateNatural",
    "updateLegal",
    "categorizeNatural",
    "categorizeLegal",
    "createKycDocument",
    "createBankAccount",
    "validateTheFormatOfUserData",
    "kycPage",
    "listOptions",
    "idempotencyKey",
    "scaReturnUrl",
];

/// Answers 1 once the module is instantiated (the JS side probes readiness with it).
#[wasm_bindgen]
pub fn abi() -> u32 {
    1
}

/// Validates `value_json` with validator number `kind` (see `KINDS`); `context_json` is the
/// second argument of `createKycDocument` (`{PersonType, LegalPersonType?}`) and `kycPage`
/// (`{Type}`). Returns `undefined` when valid, else a JSON array of `{path, code, message}`.
#[wasm_bindgen(js_name = "validateJson")]
pub fn validate_json(kind: u32, value_json: &str, context_json: Option<String>) -> Option<String> {
    let kind = KINDS.get(kind as usize).copied().unwrap_or("");
    let context_json = context_json.as_deref().unwrap_or("null");
    let report = match serde_json::from_str::<Value>(value_json) {
        Ok(value) => run(kind, Tape::from_value(&value).view().root(), context_json),
        Err(_) => not_json(),
    };
    issues_json(&report)
}

/// The tape buffers JS writes into: node words and UTF-8 text, kept between calls. (The wasm is
/// single-threaded, so the lock is never contended; a `Mutex` is less code than `thread_local!`.)
static TAPE: Mutex<(Vec<u32>, Vec<u8>)> = Mutex::new((Vec::new(), Vec::new()));

/// The wasm memory, for `validate.js` to write tapes into.
#[wasm_bindgen(js_name = "tapeMemory")]
pub fn tape_memory() -> JsValue {
    wasm_bindgen::memory()
}

/// Replaces the tape's node buffer (`text` false; `len` words) or its text buffer (`text` true;
/// `len` bytes) with a zeroed one; returns its byte address in wasm memory (0 if unavailable).
/// JS copies what it had written over.
#[wasm_bindgen(js_name = "tapeBuffer")]
pub fn tape_buffer(text: bool, len: usize) -> usize {
    let Ok(mut tape) = TAPE.try_lock() else {
        return 0;
    };
    let (words, bytes) = &mut *tape;
    if text {
        *bytes = vec![0; len];
        bytes.as_mut_ptr() as usize
    } else {
        *words = vec![0; len];
        words.as_mut_ptr() as usize
    }
}

/// Validates the tape JS wrote: `nodes` nodes (four words each) and `text_len` bytes of text,
/// final as written when `ascii` (see `View::load`). Otherwise as [`validate_json`] without a
/// context (values with a context take the JSON path).
#[wasm_bindgen(js_name = "validateTape")]
pub fn validate_tape(kind: u32, nodes: usize, text_len: usize, ascii: bool) -> Option<String> {
    let kind = KINDS.get(kind as usize).copied().unwrap_or("");
    let Ok(mut tape) = TAPE.try_lock() else {
        return issues_json(&not_json());
    };
    let (words, text) = &mut *tape;
    let loaded = match (
        words.get_mut(..nodes.saturating_mul(4)),
        text.get(..text_len),
    ) {
        (Some(words), Some(text)) => View::load(words, text, ascii),
        _ => None,
    };
    let report = match loaded {
        Some(view) => run(kind, view.root(), "null"),
        None => not_json(),
    };
    issues_json(&report)
}

/// Validates raw KYC page bytes for a document `Type` (size limits, PDF/JPEG/PNG by content).
#[wasm_bindgen(js_name = "validateKycBytes")]
pub fn validate_kyc_bytes(bytes: &[u8], doc_type: &str) -> Option<String> {
    issues_json(&v::kyc_page(bytes, doc_type))
}

/// Appends the encoded `returnUrl` to an SCA `RedirectUrl`; on failure throws the issues as
/// JSON text.
#[wasm_bindgen(js_name = "scaRedirectUrl")]
pub fn sca_redirect_url(redirect_url: &str, return_url: &str) -> Result<String, String> {
    v::build_sca_redirect_url(redirect_url, return_url)
        .map_err(|report| issues_json(&report).unwrap_or_default())
}

fn run(kind: &str, value: Json<'_>, context_json: &str) -> Report {
    use ValidatorKind as K;
    let context = || serde_json::from_str::<Value>(context_json).unwrap_or(Value::Null);
    let text = |context: &Value, k: &str| context.get(k).and_then(Value::as_str).map(str::to_owned);
    match kind {
        "createKycDocument" => {
            let context = context();
            let person = text(&context, "PersonType");
            let legal = text(&context, "LegalPersonType");
            match person.and_then(|p| KycUserContext::parse(&p, legal.as_deref())) {
                Some(user) => v::create_kyc_document_json(value, &user),
                None => v::validate_json(K::CreateKycDocument, value),
            }
        }
        "listOptions" => v::list_options_json(value),
        "idempotencyKey" => match value.as_str() {
            Some(key) => v::idempotency_key(key),
            None => one_issue(
                "Idempotency-Key",
                IssueCode::InvalidType,
                "The Idempotency-Key must be a string.",
            ),
        },
        "scaReturnUrl" => {
            let (redirect, ret) = match value {
                Json::String(ret) => ("https://sca.mangopay.com/", ret),
                Json::Object(_) => (
                    value
                        .get("RedirectUrl")
                        .and_then(Json::as_str)
                        .unwrap_or(""),
                    value.get("returnUrl").and_then(Json::as_str).unwrap_or(""),
                ),
                _ => ("", ""),
            };
            v::sca_return_url(redirect, ret)
        }
        "kycPage" => {
            let doc_type = text(&context(), "Type").unwrap_or_default();
            match value.as_str() {
                Some(base64) => v::kyc_page_base64(base64, &doc_type)
                    .err()
                    .unwrap_or_default(),
                None => one_issue(
                    "File",
                    IssueCode::InvalidType,
                    "The page must be bytes or a Base64 string.",
                ),
            }
        }
        // The body validators, by the JS name the core gives each kind.
        _ => match K::ALL.iter().find(|k| k.js_name() == kind) {
            Some(&kind) => v::validate_json(kind, value),
            None => one_issue("", IssueCode::NotAllowed, "Unknown validator."),
        },
    }
}

fn not_json() -> Report {
    one_issue("", IssueCode::InvalidType, "The value is not JSON data.")
}

fn one_issue(path: &str, code: IssueCode, message: &str) -> Report {
    let mut r = Report::new();
    r.push(path, code, message);
    r
}

fn issues_json(report: &Report) -> Option<String> {
    if report.is_ok() {
        None
    } else {
        Some(serde_json::to_string(report.issues()).unwrap_or_else(|_| "[]".to_owned()))
    }
}
