//! The request rules, from the core crate's validators (`mangopay_wasm::validate`): the same
//! code the SDK runs in the browser, so client and sandbox agree field by field. What only a
//! server can check (the stored user) lives next to each endpoint.

use mangopay_wasm::validate::{self, BankAccountType, KycUserContext, Report};
use serde_json::Value;

use crate::store::Person;

pub use mangopay_wasm::validate::{
    categorize_legal, categorize_natural, create_legal, create_legal_sca, create_natural,
    create_natural_sca, idempotency_key, update_legal, update_legal_sca, update_natural,
    update_natural_sca, validate_the_format_of_user_data, KYC_MAX_BASE64_CHARS,
};

/// What a KYC document rule needs to know about the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KycUser<'a> {
    /// Natural or legal.
    pub person: Person,
    /// The `LegalPersonType` of a legal user.
    pub legal_person_type: Option<&'a str>,
}

/// `POST /users/{UserId}/kyc/documents`: the `Type` must be allowed for this user.
pub fn create_kyc_document(body: &Value, user: KycUser<'_>) -> Report {
    match KycUserContext::parse(user.person.as_str(), user.legal_person_type) {
        Some(ctx) => validate::create_kyc_document(body, &ctx),
        None => validate::validate(validate::ValidatorKind::CreateKycDocument, body),
    }
}

/// A KYC page's Base64 `File` for a document of `doc_type`: `Ok` with the decoded size, or
/// the issues (Base64 shape, minimum size, PDF/JPEG/PNG content).
pub fn kyc_page(file: &str, doc_type: &str) -> Result<usize, Report> {
    let clean = validate::kyc_page_base64(file, doc_type)?;
    let padding = clean.bytes().rev().take_while(|b| *b == b'=').count();
    Ok((clean.len() / 4 * 3).saturating_sub(padding))
}

/// `POST /users/{UserId}/bankaccounts/{type}`: the path's type decides, as on the server.
pub fn create_bank_account(body: &Value, account_type: &str) -> Report {
    match BankAccountType::parse(account_type) {
        Some(kind) => validate::create_bank_account_of_type(body, kind),
        None => validate::create_bank_account(body),
    }
}
