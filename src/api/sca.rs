//! Strong Customer Authentication: categorize a Payer as Owner, enroll, manage proxy consent,
//! and view SCA status.

use serde::Serialize;

use super::build::{for_user, for_user_with};
use super::endpoint::Endpoint;
use super::request::{Request, RequestError};

/// `PUT /sca/users/natural/{UserId}/category`: turns a natural Payer into an Owner.
pub fn categorize_natural(user_id: &str, body: impl Serialize) -> Result<Request, RequestError> {
    for_user_with(Endpoint::CategorizeNatural, user_id, body)
}

/// `PUT /sca/users/legal/{UserId}/category`: turns a legal Payer into an Owner.
pub fn categorize_legal(user_id: &str, body: impl Serialize) -> Result<Request, RequestError> {
    for_user_with(Endpoint::CategorizeLegal, user_id, body)
}

/// `POST /sca/users/{UserId}/enrollment` (no body): a new SCA enrollment session for an Owner.
pub fn enroll(user_id: &str) -> Result<Request, RequestError> {
    for_user(Endpoint::Enroll, user_id)
}

/// `POST /sca/users/{UserId}/consent` (no body): a session to manage the user's proxy consent.
pub fn manage_consent(user_id: &str) -> Result<Request, RequestError> {
    for_user(Endpoint::ManageConsent, user_id)
}

/// `GET /sca/users/{UserId}/sca-status`: the user's SCA enrollment and consent scopes.
pub fn get_sca_status(user_id: &str) -> Result<Request, RequestError> {
    for_user(Endpoint::GetScaStatus, user_id)
}
