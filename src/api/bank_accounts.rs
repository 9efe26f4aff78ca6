//! Bank accounts of a user: create (the path depends on the account's `Type`), view, list and
//! deactivate.

use serde::Serialize;

use super::build::{id, json, list_for_user, request, user};
use super::endpoint::Endpoint;
use super::list::ListOptions;
use super::params::{BankAccountType, Params};
use super::request::{Body, Request, RequestError};

/// `POST /users/{UserId}/bankaccounts/{iban|gb|us|ca|other}`: creates a bank account. The path
/// segment is chosen from the body's `Type` (`IBAN`, `GB`, `US`, `CA`, `OTHER`); a missing or
/// unknown `Type` is refused.
pub fn create_bank_account(user_id: &str, body: impl Serialize) -> Result<Request, RequestError> {
    let body = json(body)?;
    let kind = match &body {
        Body::Json(value) => value.get("Type").and_then(|t| t.as_str()),
        Body::Form(_) => None,
    }
    .ok_or_else(|| RequestError::InvalidBody {
        reason: "a bank account needs a string `Type` (IBAN, GB, US, CA or OTHER)".into(),
    })?;
    let kind = BankAccountType::parse(kind).ok_or_else(|| RequestError::InvalidBody {
        reason: format!("unknown bank account Type {kind:?} (IBAN, GB, US, CA or OTHER)"),
    })?;
    let params = Params {
        bank_account_type: Some(kind),
        ..user(user_id)?
    };
    Ok(request(
        Endpoint::CreateBankAccount,
        &params,
        Vec::new(),
        Some(body),
    ))
}

/// `GET /users/{UserId}/bankaccounts/{BankAccountId}`: views a bank account.
pub fn get_bank_account(user_id: &str, bank_account_id: &str) -> Result<Request, RequestError> {
    let params = Params {
        bank_account_id: Some(id("BankAccountId", bank_account_id)?),
        ..user(user_id)?
    };
    Ok(request(Endpoint::GetBankAccount, &params, Vec::new(), None))
}

/// `GET /users/{UserId}/bankaccounts`: lists a user's bank accounts (filter `Active`).
pub fn get_bank_accounts(user_id: &str, options: &ListOptions) -> Result<Request, RequestError> {
    list_for_user(Endpoint::GetBankAccounts, user_id, options)
}

/// `PUT /users/{UserId}/bankaccounts/{BankAccountId}`: updates a bank account (deactivation,
/// `{"Active": false}`, is irreversible).
pub fn update_bank_account(
    user_id: &str,
    bank_account_id: &str,
    body: impl Serialize,
) -> Result<Request, RequestError> {
    let params = Params {
        bank_account_id: Some(id("BankAccountId", bank_account_id)?),
        ..user(user_id)?
    };
    Ok(request(
        Endpoint::UpdateBankAccount,
        &params,
        Vec::new(),
        Some(json(body)?),
    ))
}
