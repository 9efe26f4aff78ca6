//! KYC documents: create (`CREATED`), add pages (checked, counted, never stored), submit
//! (`VALIDATION_ASKED`), then the outcome after a delay, chosen by the document's Tag as on
//! Mangopay's sandbox. A validated document sets the user's proof field and may make the user
//! `REGULAR`.

use std::time::Instant;

use mangopay_wasm::model::{KycDocument, RefusedReasonType};
use mangopay_wasm::validate::IssueCode;
use serde_json::{json, Value};

use crate::app::Call;
use crate::config::KycDefault;
use crate::lists;
use crate::reply::{api_error, not_found, param_error, Reply};
use crate::rules::{self, KycUser};
use crate::store::{ClientData, KycDoc, KycOutcome, Person, Store};
use crate::users::{check_report, closed_user, find};
use crate::util::{now_unix, ulid};

/// At most this many pages per document.
pub const MAX_PAGES: usize = 5;

/// Mangopay's sandbox Tag values (API release notes, 2025-09-30) and the refusal each gives.
const REFUSAL_TAGS: [(&str, &str); 9] = [
    (
        "refuse_no_user_data_match",
        "DOCUMENT_DO_NOT_MATCH_USER_DATA",
    ),
    ("refuse_specific_case", "SPECIFIC_CASE"),
    ("refuse_not_accepted", "DOCUMENT_NOT_ACCEPTED"),
    ("refuse_unreadable", "DOCUMENT_UNREADABLE"),
    ("refuse_incomplete", "DOCUMENT_INCOMPLETE"),
    ("refuse_falsified", "DOCUMENT_FALSIFIED"),
    ("refuse_underage", "UNDERAGE_PERSON"),
    ("refuse_expired", "DOCUMENT_HAS_EXPIRED"),
    ("refuse_missing", "DOCUMENT_MISSING"),
];

/// The outcome a Tag asks for: a `refuse_…` value (or a `RefusedReasonType` itself) refuses,
/// `accept` validates, anything else gets the run's default.
pub fn outcome_for_tag(tag: Option<&str>, default: KycDefault) -> KycOutcome {
    let tag = tag.unwrap_or("").trim();
    let lower = tag.to_ascii_lowercase();
    if let Some((_, reason)) = REFUSAL_TAGS.iter().find(|(t, _)| lower.contains(t)) {
        return KycOutcome::Refused((*reason).to_owned());
    }
    let upper = tag.to_ascii_uppercase();
    if let Some(reason) = RefusedReasonType::KNOWN
        .iter()
        .find(|r| upper.contains(**r))
    {
        return KycOutcome::Refused((*reason).to_owned());
    }
    if lower.contains("accept") {
        return KycOutcome::Validated;
    }
    match default {
        KycDefault::Pending => KycOutcome::Pending,
        KycDefault::Validated => KycOutcome::Validated,
        KycDefault::Refused => KycOutcome::Refused("DOCUMENT_UNREADABLE".into()),
    }
}

fn render_one(doc: &KycDoc) -> Result<String, String> {
    let value = json!({
        "Type": doc.doc_type,
        "UserId": doc.user_id,
        "Flags": doc.flags,
        "Id": doc.id,
        "Tag": doc.tag,
        "CreationDate": doc.creation_date,
        "ProcessedDate": doc.processed_date,
        "Status": doc.status,
        "RefusedReasonType": doc.refused_reason_type,
        "RefusedReasonMessage": doc.refused_reason_message,
    });
    let model: KycDocument = serde_json::from_value(value).map_err(|e| e.to_string())?;
    serde_json::to_string(&model).map_err(|e| e.to_string())
}

fn render(doc: &KycDoc) -> Reply {
    match render_one(doc) {
        Ok(text) => Reply::json_bytes(200, text.into_bytes()),
        Err(e) => crate::reply::internal(&e),
    }
}

/// Applies the outcome of every submitted document whose delay has passed.
pub fn settle(data: &mut ClientData) {
    if data.pending_kyc.is_empty() {
        return;
    }
    let now = Instant::now();
    let due: Vec<String> = data
        .pending_kyc
        .iter()
        .filter(|id| {
            data.kyc_docs
                .get(*id)
                .and_then(|d| d.decide_at)
                .is_none_or(|t| t <= now)
        })
        .cloned()
        .collect();
    if due.is_empty() {
        return;
    }
    data.pending_kyc.retain(|id| !due.contains(id));
    let processed = now_unix();
    for id in due {
        let Some(doc) = data.kyc_docs.get_mut(&id) else {
            continue;
        };
        if doc.status != "VALIDATION_ASKED" {
            continue;
        }
        doc.decide_at = None;
        match doc.outcome.clone() {
            KycOutcome::Pending => continue,
            KycOutcome::Validated => {
                doc.status = "VALIDATED".into();
                doc.processed_date = Some(processed);
            }
            KycOutcome::Refused(reason) => {
                doc.status = "REFUSED".into();
                doc.processed_date = Some(processed);
                doc.refused_reason_message = Some(format!(
                    "Refused by the Mangopay sandbox: {reason} (asked for by the document's Tag)"
                ));
                if reason == "DOCUMENT_FALSIFIED" {
                    doc.flags = vec!["009000".into()];
                }
                doc.refused_reason_type = Some(reason);
            }
        }
        let (user_id, doc_type, status) = (
            doc.user_id.clone(),
            doc.doc_type.clone(),
            doc.status.clone(),
        );
        if status == "VALIDATED" {
            set_proof(data, &user_id, &doc_type, Value::from(id.as_str()));
        }
    }
}

/// Where a validated document's Id goes on the user.
fn proof_field(person: Person, doc_type: &str) -> Option<(&'static str, Option<&'static str>)> {
    match (person, doc_type) {
        (Person::Natural, "IDENTITY_PROOF") => Some(("ProofOfIdentity", None)),
        (Person::Natural, "ADDRESS_PROOF") => Some(("ProofOfAddress", None)),
        (Person::Legal, "IDENTITY_PROOF") => Some(("LegalRepresentative", Some("ProofOfIdentity"))),
        (Person::Legal, "REGISTRATION_PROOF") => Some(("ProofOfRegistration", None)),
        (Person::Legal, "ARTICLES_OF_ASSOCIATION") => Some(("Statute", None)),
        (Person::Legal, "SHAREHOLDER_DECLARATION") => Some(("ShareholderDeclaration", None)),
        _ => None,
    }
}

fn set_proof(data: &mut ClientData, user_id: &str, doc_type: &str, value: Value) {
    let Some(user) = data.users.get_mut(user_id) else {
        return;
    };
    if let Some((field, sub)) = proof_field(user.person, doc_type) {
        match sub {
            None => {
                user.data.insert(field.into(), value);
            }
            Some(sub) => {
                if let Some(Value::Object(o)) = user.data.get_mut(field) {
                    o.insert(sub.into(), value);
                }
            }
        }
    }
    update_level(data, user_id);
}

/// The sandbox's KYC level rule: an OWNER is `REGULAR` when its identity proof is validated
/// (natural users), or its identity proof, registration proof and — unless `SOLETRADER` — its
/// articles of association are (legal users). Everyone else is `LIGHT`.
pub fn update_level(data: &mut ClientData, user_id: &str) {
    let validated = |t: &str| {
        data.kyc_docs
            .values()
            .any(|d| d.user_id == user_id && d.doc_type == t && d.status == "VALIDATED")
    };
    let Some(user) = data.users.get(user_id) else {
        return;
    };
    let regular = user.is_owner()
        && match user.person {
            Person::Natural => validated("IDENTITY_PROOF"),
            Person::Legal => {
                validated("IDENTITY_PROOF")
                    && validated("REGISTRATION_PROOF")
                    && (user.str("LegalPersonType") == Some("SOLETRADER")
                        || validated("ARTICLES_OF_ASSOCIATION"))
            }
        };
    if let Some(user) = data.users.get_mut(user_id) {
        let level = if regular { "REGULAR" } else { "LIGHT" };
        user.data.insert("KYCLevel".into(), Value::from(level));
    }
}

/// Verification downgrade: the user's validated identity proof becomes `OUT_OF_DATE`, its
/// proof field is cleared and the level recomputed.
pub fn downgrade(data: &mut ClientData, user_id: &str) {
    for doc in data.kyc_docs.values_mut() {
        if doc.user_id == user_id && doc.doc_type == "IDENTITY_PROOF" && doc.status == "VALIDATED" {
            doc.status = "OUT_OF_DATE".into();
        }
    }
    set_proof(data, user_id, "IDENTITY_PROOF", Value::Null);
}

fn find_doc<'a>(store: &'a mut Store, call: &Call<'_>) -> Result<&'a mut KycDoc, Reply> {
    find(store, call, None)?;
    let user_id = call.route.user_id().unwrap_or_default();
    let doc_id = call.route.kyc_document_id().unwrap_or_default();
    match store.client(call.client).kyc_docs.get_mut(doc_id) {
        Some(d) if d.user_id == user_id => Ok(d),
        _ => Err(not_found("KycDocument", doc_id)),
    }
}

/// `POST /users/{id}/kyc/documents`.
pub fn create(store: &mut Store, call: &Call<'_>) -> Reply {
    let user = match find(store, call, None) {
        Ok(u) => u.clone(),
        Err(r) => return r,
    };
    let body = call.body.unwrap_or(&Value::Null);
    let ctx = KycUser {
        person: user.person,
        legal_person_type: user.str("LegalPersonType"),
    };
    if let Err(r) = check_report(&rules::create_kyc_document(body, ctx)) {
        return r;
    }
    if user.is_closed() {
        return closed_user();
    }
    let doc_type = body
        .get("Type")
        .and_then(Value::as_str)
        .unwrap_or("")
        .trim()
        .to_ascii_uppercase();
    let tag = body.get("Tag").and_then(Value::as_str).map(str::to_owned);
    let data = store.client(call.client);
    let doc = KycDoc {
        id: format!("kyc_{}", ulid()),
        seq: data.next_seq(),
        user_id: user.id.clone(),
        doc_type,
        tag,
        creation_date: now_unix(),
        processed_date: None,
        status: "CREATED".into(),
        refused_reason_type: None,
        refused_reason_message: None,
        flags: Vec::new(),
        pages: Vec::new(),
        decide_at: None,
        outcome: KycOutcome::Pending,
    };
    let reply = render(&doc);
    data.kyc_docs.insert(doc.id.clone(), doc);
    reply
}

/// `GET /users/{id}/kyc/documents/{docId}`.
pub fn view(store: &mut Store, call: &Call<'_>) -> Reply {
    match find_doc(store, call) {
        Ok(d) => render(d),
        Err(r) => r,
    }
}

/// `GET /users/{id}/kyc/documents` with `Status`, `Type` (comma-separated), `BeforeDate`,
/// `AfterDate`.
pub fn list(store: &mut Store, call: &Call<'_>) -> Reply {
    if let Err(r) = find(store, call, None) {
        return r;
    }
    let options = match lists::options(call) {
        Ok(o) => o,
        Err(r) => return r,
    };
    let user_id = call.route.user_id().unwrap_or_default();
    let set = |name: &str| {
        lists::filter(&options, name).map(|v| {
            v.split(',')
                .map(|s| s.trim().to_ascii_uppercase())
                .collect::<Vec<_>>()
        })
    };
    let (statuses, types) = (set("Status"), set("Type"));
    let date = |name: &str| lists::filter(&options, name).and_then(|v| v.parse::<i64>().ok());
    let (before, after) = (date("BeforeDate"), date("AfterDate"));
    let docs: Vec<&KycDoc> = store
        .client(call.client)
        .kyc_docs
        .values()
        .filter(|d| d.user_id == user_id)
        .filter(|d| statuses.as_ref().is_none_or(|s| s.contains(&d.status)))
        .filter(|d| types.as_ref().is_none_or(|t| t.contains(&d.doc_type)))
        .filter(|d| before.is_none_or(|b| d.creation_date < b))
        .filter(|d| after.is_none_or(|a| d.creation_date > a))
        .collect();
    lists::respond(
        call,
        &options,
        docs,
        |d| (d.creation_date, d.seq),
        |d| render_one(d).unwrap_or_else(|_| "null".into()),
    )
}

/// What a page upload must know before its file is checked (outside the lock).
pub struct PageTarget {
    /// The document's type, which sets the minimum size.
    pub doc_type: String,
}

/// First half of `POST …/pages`: the document exists, is `CREATED` and has room.
pub fn page_precheck(store: &mut Store, call: &Call<'_>) -> Result<PageTarget, Reply> {
    let closed = find(store, call, None)?.is_closed();
    let doc = find_doc(store, call)?;
    if closed {
        return Err(closed_user());
    }
    if doc.status != "CREATED" {
        return Err(api_error(
            400,
            "invalid_action",
            &format!(
                "Pages can only be added to a KYC Document whose Status is CREATED (this one is {})",
                doc.status
            ),
        ));
    }
    if doc.pages.len() >= MAX_PAGES {
        return Err(max_pages());
    }
    Ok(PageTarget {
        doc_type: doc.doc_type.clone(),
    })
}

fn max_pages() -> Reply {
    api_error(
        400,
        "max_page_number",
        "Maximum number of pages exceeded. You can only add up to 5 pages to this document",
    )
}

/// The file check of `POST …/pages`, run without holding the store: `Ok` with the decoded
/// size, or the error to answer (413 above the documented 10 MB of Base64).
pub fn check_page(body: Option<&Value>, target: &PageTarget) -> Result<usize, Reply> {
    let file = match body.and_then(|b| b.get("File")) {
        Some(Value::String(s)) if !s.trim().is_empty() => s,
        Some(Value::String(_)) | Some(Value::Null) | None => {
            return Err(param_error("File", "The File field is required."))
        }
        Some(_) => {
            return Err(param_error(
                "File",
                "The File field must be a Base64 string.",
            ))
        }
    };
    if file
        .trim_start()
        .get(..5)
        .is_some_and(|p| p.eq_ignore_ascii_case("data:"))
    {
        return Err(param_error(
            "File",
            "Send the Base64 content only, without the data: URL prefix.",
        ));
    }
    if file.len() > rules::KYC_MAX_BASE64_CHARS {
        return Err(too_large());
    }
    rules::kyc_page(file, &target.doc_type).map_err(|report| {
        let has = |code| report.issues().iter().any(|i| i.code == code);
        if has(IssueCode::FileTooLarge) {
            too_large()
        } else if has(IssueCode::UnsupportedFileType) {
            // "415 – wrong file format for KYC document file" (docs, HTTP response codes).
            api_error(
                415,
                "unsupported_media_type",
                "The KYC document file must be a PDF, JPEG or PNG",
            )
        } else if has(IssueCode::FileTooSmall) {
            // The server's own words (docs, Create a KYC Document Page).
            param_error("File", "The file is too small to be readable")
        } else {
            match check_report(&report) {
                Err(r) => r,
                Ok(()) => param_error("File", "The file is not acceptable."),
            }
        }
    })
}

/// `413` for a page over the documented size.
pub fn too_large() -> Reply {
    api_error(
        413,
        "request_entity_too_large",
        "The KYC document file is too large: at most 10MB when Base64 encoded (about 7MB)",
    )
}

/// Second half of `POST …/pages`: records the page (checked again: the store may have changed).
pub fn page_commit(store: &mut Store, call: &Call<'_>, size: usize) -> Reply {
    let doc = match find_doc(store, call) {
        Ok(d) => d,
        Err(r) => return r,
    };
    if doc.status != "CREATED" {
        return api_error(
            400,
            "invalid_action",
            "Pages can only be added to a KYC Document whose Status is CREATED",
        );
    }
    if doc.pages.len() >= MAX_PAGES {
        return max_pages();
    }
    doc.pages.push(size);
    Reply::no_content()
}

/// `PUT /users/{id}/kyc/documents/{docId}` with `{"Status": "VALIDATION_ASKED"}`.
pub fn submit(store: &mut Store, call: &Call<'_>) -> Reply {
    let user = match find(store, call, None) {
        Ok(u) => u.clone(),
        Err(r) => return r,
    };
    let body = call.body.unwrap_or(&Value::Null);
    if !body.is_object() {
        return param_error("", "The request body must be a JSON object.");
    }
    let status_ok = body
        .get("Status")
        .and_then(Value::as_str)
        .is_some_and(|s| s.trim().eq_ignore_ascii_case("VALIDATION_ASKED"));
    if !status_ok {
        return param_error(
            "Status",
            "The Status field is required and its only allowed value is VALIDATION_ASKED.",
        );
    }
    if let Some(tag) = body.get("Tag").filter(|t| !t.is_null()) {
        if !tag.is_string() || tag.as_str().is_some_and(|t| t.chars().count() > 255) {
            return param_error("Tag", "The Tag must be a string of at most 255 characters.");
        }
    }
    let default = call.settings.kyc_default;
    let delay = call.settings.kyc_delay;
    let doc = match find_doc(store, call) {
        Ok(d) => d,
        Err(r) => return r,
    };
    if user.is_closed() {
        return closed_user();
    }
    if doc.status != "CREATED" {
        return api_error(
            400,
            "invalid_action",
            &format!(
                "Only a KYC Document whose Status is CREATED can be submitted (this one is {})",
                doc.status
            ),
        );
    }
    if doc.pages.is_empty() {
        return api_error(
            400,
            "invalid_action",
            "A KYC Document must have at least one page before it is submitted",
        );
    }
    if !user.is_owner() {
        return api_error(
            400,
            "not_allowed_for_user_category_payer",
            "This endpoint is not allowed for User categorized as PAYER",
        );
    }
    if let Some(tag) = body.get("Tag").and_then(Value::as_str) {
        doc.tag = Some(tag.to_owned());
    }
    doc.status = "VALIDATION_ASKED".into();
    doc.outcome = outcome_for_tag(doc.tag.as_deref(), default);
    doc.decide_at = Some(Instant::now() + delay);
    let reply = render(doc);
    let id = doc.id.clone();
    store.client(call.client).pending_kyc.push(id);
    reply
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_choose_the_outcome() {
        let d = KycDefault::Pending;
        assert_eq!(outcome_for_tag(Some("accept"), d), KycOutcome::Validated);
        assert_eq!(
            outcome_for_tag(Some("demo ACCEPT"), d),
            KycOutcome::Validated
        );
        assert_eq!(
            outcome_for_tag(Some("refuse_not_accepted"), d),
            KycOutcome::Refused("DOCUMENT_NOT_ACCEPTED".into())
        );
        assert_eq!(
            outcome_for_tag(Some("refuse_expired"), d),
            KycOutcome::Refused("DOCUMENT_HAS_EXPIRED".into())
        );
        assert_eq!(
            outcome_for_tag(Some("DOCUMENT_FALSIFIED"), d),
            KycOutcome::Refused("DOCUMENT_FALSIFIED".into())
        );
        assert_eq!(outcome_for_tag(None, d), KycOutcome::Pending);
        assert_eq!(
            outcome_for_tag(Some("x"), KycDefault::Validated),
            KycOutcome::Validated
        );
    }
}
