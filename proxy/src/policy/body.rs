//! The request body: size, media type, JSON, and the core's validator for the endpoint.

use mangopay_wasm::api::{self, Endpoint, RouteMatch};
use mangopay_wasm::validate::{self, IssueCode, ValidatorKind};
use serde_json::Value;

use super::refusal::{param_issue, Refusal};
use super::{Incoming, MAX_JSON_BODY, MAX_KYC_PAGE_BODY};
use crate::http::single;

/// The validator of an endpoint's body; `None` for bodies without one (checked as objects).
fn validator(route: &RouteMatch) -> Option<ValidatorKind> {
    Some(match route.endpoint() {
        Endpoint::CreateNaturalSca => ValidatorKind::CreateNaturalSca,
        Endpoint::CreateLegalSca => ValidatorKind::CreateLegalSca,
        Endpoint::CreateNatural => ValidatorKind::CreateNatural,
        Endpoint::CreateLegal => ValidatorKind::CreateLegal,
        Endpoint::UpdateNaturalSca => ValidatorKind::UpdateNaturalSca,
        Endpoint::UpdateLegalSca => ValidatorKind::UpdateLegalSca,
        Endpoint::UpdateNatural => ValidatorKind::UpdateNatural,
        Endpoint::UpdateLegal => ValidatorKind::UpdateLegal,
        Endpoint::CategorizeNatural => ValidatorKind::CategorizeNatural,
        Endpoint::CategorizeLegal => ValidatorKind::CategorizeLegal,
        Endpoint::CreateKycDocument => ValidatorKind::CreateKycDocument,
        Endpoint::CreateKycPage => ValidatorKind::CreateKycPage,
        Endpoint::CreateBankAccount => match route.bank_account_type() {
            Some(kind) => ValidatorKind::CreateBankAccountOfType(bank_account_kind(kind)),
            None => ValidatorKind::CreateBankAccount,
        },
        Endpoint::ValidateTheFormatOfUserData => ValidatorKind::ValidateTheFormatOfUserData,
        _ => return None,
    })
}

/// The validator's name for the path's bank account type.
fn bank_account_kind(kind: api::BankAccountType) -> validate::BankAccountType {
    match kind {
        api::BankAccountType::Iban => validate::BankAccountType::Iban,
        api::BankAccountType::Gb => validate::BankAccountType::Gb,
        api::BankAccountType::Us => validate::BankAccountType::Us,
        api::BankAccountType::Ca => validate::BankAccountType::Ca,
        api::BankAccountType::Other => validate::BankAccountType::Other,
    }
}

/// Checks the body against the endpoint and returns the JSON to forward.
pub(super) fn checked_body(
    route: &RouteMatch,
    req: &Incoming<'_>,
) -> Result<Option<String>, Refusal> {
    let endpoint = route.endpoint();
    let limit = if endpoint == Endpoint::CreateKycPage {
        MAX_KYC_PAGE_BODY
    } else {
        MAX_JSON_BODY
    };
    if req.body.len() > limit {
        return Err(Refusal::TooLarge);
    }
    let blank = req.body.iter().all(u8::is_ascii_whitespace);
    if !endpoint.takes_body() {
        // Enroll, consent, reads: nothing, or an empty JSON object, is accepted and dropped.
        let empty_object = serde_json::from_slice::<Value>(req.body)
            .ok()
            .and_then(|v| v.as_object().map(|o| o.is_empty()))
            .unwrap_or(false);
        if blank || empty_object {
            return Ok(None);
        }
        return Err(Refusal::BadRequest("This endpoint takes no body"));
    }
    let content_type = single(req.headers, "content-type")
        .map_err(|_| Refusal::MediaType)?
        .unwrap_or("");
    let media = content_type.split(';').next().unwrap_or("").trim();
    if !media.eq_ignore_ascii_case("application/json") {
        return Err(Refusal::MediaType);
    }
    let body: Value = serde_json::from_slice(req.body).map_err(|_| {
        param_issue(
            "",
            IssueCode::InvalidType,
            "The body must be a JSON object.",
        )
    })?;
    if !body.is_object() {
        return Err(param_issue(
            "",
            IssueCode::InvalidType,
            "The body must be a JSON object.",
        ));
    }
    if let Some(kind) = validator(route) {
        let report = validate::validate(kind, &body);
        if !report.is_ok() {
            return Err(Refusal::Params(report));
        }
    }
    // What was validated is what is sent: re-serialized, so duplicate keys or odd spacing
    // cannot be read differently upstream.
    Ok(Some(body.to_string()))
}
