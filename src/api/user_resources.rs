//! Lists of a user's other resources: wallets, transactions, cards, mandates and
//! pre-authorizations. Each takes [`ListOptions`] with its documented filters.

use super::build::{id, list_for_user, request, user};
use super::endpoint::Endpoint;
use super::list::ListOptions;
use super::params::Params;
use super::request::{Request, RequestError};

/// `GET /users/{UserId}/wallets`: lists a user's wallets (filter `ScaContext`).
pub fn get_wallets(user_id: &str, options: &ListOptions) -> Result<Request, RequestError> {
    list_for_user(Endpoint::GetWallets, user_id, options)
}

/// `GET /users/{UserId}/transactions`: lists a user's transactions (filters `Status`, `Type`,
/// `Nature`, `ResultCode`, `ScaContext`, `BeforeDate`, `AfterDate`).
pub fn get_transactions(user_id: &str, options: &ListOptions) -> Result<Request, RequestError> {
    list_for_user(Endpoint::GetTransactions, user_id, options)
}

/// `GET /users/{UserId}/cards`: lists a user's cards (filter `Active`).
pub fn get_cards(user_id: &str, options: &ListOptions) -> Result<Request, RequestError> {
    list_for_user(Endpoint::GetCards, user_id, options)
}

/// `GET /users/{UserId}/mandates`: lists a user's mandates (filters `Status`, `BeforeDate`,
/// `AfterDate`).
pub fn get_mandates(user_id: &str, options: &ListOptions) -> Result<Request, RequestError> {
    list_for_user(Endpoint::GetMandates, user_id, options)
}

/// `GET /users/{UserId}/bankaccounts/{BankAccountId}/mandates`: lists the mandates of one bank
/// account (filters `Status`, `BeforeDate`, `AfterDate`).
pub fn get_mandates_for_bank_account(
    user_id: &str,
    bank_account_id: &str,
    options: &ListOptions,
) -> Result<Request, RequestError> {
    let endpoint = Endpoint::GetMandatesForBankAccount;
    let params = Params {
        bank_account_id: Some(id("BankAccountId", bank_account_id)?),
        ..user(user_id)?
    };
    Ok(request(
        endpoint,
        &params,
        options.to_query(endpoint)?,
        None,
    ))
}

/// `GET /users/{UserId}/preauthorizations`: lists a user's card pre-authorizations (filters
/// `ResultCode`, `Status`, `PaymentStatus`).
pub fn get_pre_authorizations(
    user_id: &str,
    options: &ListOptions,
) -> Result<Request, RequestError> {
    list_for_user(Endpoint::GetPreAuthorizations, user_id, options)
}
