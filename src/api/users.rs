//! Users: create, view, list, update and close, in the SCA family (`/sca/users/…`) and the
//! deprecated legacy family (`/users/…`).
//!
//! Bodies are anything [`Serialize`] that serializes to a JSON object: a
//! [`serde_json::Value`] or a model type.

use serde::Serialize;

use super::build::{for_user, for_user_with, json, request};
use super::endpoint::Endpoint;
use super::list::ListOptions;
use super::params::Params;
use super::request::{Request, RequestError};

/// `POST /sca/users/natural`: creates a natural user (Payer or Owner; an Owner is sent to SCA
/// enrollment).
pub fn create_natural_sca(body: impl Serialize) -> Result<Request, RequestError> {
    create(Endpoint::CreateNaturalSca, body)
}

/// `POST /sca/users/legal`: creates a legal user (Payer or Owner).
pub fn create_legal_sca(body: impl Serialize) -> Result<Request, RequestError> {
    create(Endpoint::CreateLegalSca, body)
}

/// `POST /users/natural`: creates a natural user (legacy, deprecated).
pub fn create_natural(body: impl Serialize) -> Result<Request, RequestError> {
    create(Endpoint::CreateNatural, body)
}

/// `POST /users/legal`: creates a legal user (legacy, deprecated).
pub fn create_legal(body: impl Serialize) -> Result<Request, RequestError> {
    create(Endpoint::CreateLegal, body)
}

fn create(endpoint: Endpoint, body: impl Serialize) -> Result<Request, RequestError> {
    Ok(request(
        endpoint,
        &Params::default(),
        Vec::new(),
        Some(json(body)?),
    ))
}

/// `GET /users/{UserId}`: views a natural or legal user (legacy shape).
pub fn get(user_id: &str) -> Result<Request, RequestError> {
    for_user(Endpoint::Get, user_id)
}

/// `GET /sca/users/{UserId}`: views a natural or legal user (SCA shape).
pub fn get_sca(user_id: &str) -> Result<Request, RequestError> {
    for_user(Endpoint::GetSca, user_id)
}

/// `GET /users/natural/{UserId}`: views a natural user (legacy shape).
pub fn get_natural(user_id: &str) -> Result<Request, RequestError> {
    for_user(Endpoint::GetNatural, user_id)
}

/// `GET /sca/users/natural/{UserId}`: views a natural user (SCA shape).
pub fn get_natural_sca(user_id: &str) -> Result<Request, RequestError> {
    for_user(Endpoint::GetNaturalSca, user_id)
}

/// `GET /users/legal/{UserId}`: views a legal user (legacy shape).
pub fn get_legal(user_id: &str) -> Result<Request, RequestError> {
    for_user(Endpoint::GetLegal, user_id)
}

/// `GET /sca/users/legal/{UserId}`: views a legal user (SCA shape).
pub fn get_legal_sca(user_id: &str) -> Result<Request, RequestError> {
    for_user(Endpoint::GetLegalSca, user_id)
}

/// `GET /users?page&per_page&Sort`: lists the platform's users (no filters).
pub fn get_all(options: &ListOptions) -> Result<Request, RequestError> {
    let endpoint = Endpoint::GetAll;
    Ok(request(
        endpoint,
        &Params::default(),
        options.to_query(endpoint)?,
        None,
    ))
}

/// `PUT /users/natural/{UserId}`: updates a natural user (legacy, deprecated).
pub fn update_natural(user_id: &str, body: impl Serialize) -> Result<Request, RequestError> {
    for_user_with(Endpoint::UpdateNatural, user_id, body)
}

/// `PUT /users/legal/{UserId}`: updates a legal user (legacy, deprecated).
pub fn update_legal(user_id: &str, body: impl Serialize) -> Result<Request, RequestError> {
    for_user_with(Endpoint::UpdateLegal, user_id, body)
}

/// `PUT /sca/users/natural/{UserId}`: updates a natural user (no category change).
pub fn update_natural_sca(user_id: &str, body: impl Serialize) -> Result<Request, RequestError> {
    for_user_with(Endpoint::UpdateNaturalSca, user_id, body)
}

/// `PUT /sca/users/legal/{UserId}`: updates a legal user (no category change).
pub fn update_legal_sca(user_id: &str, body: impl Serialize) -> Result<Request, RequestError> {
    for_user_with(Endpoint::UpdateLegalSca, user_id, body)
}

/// `DELETE /users/natural/{UserId}`: closes a natural user (irreversible).
pub fn close_natural(user_id: &str) -> Result<Request, RequestError> {
    for_user(Endpoint::CloseNatural, user_id)
}

/// `DELETE /users/legal/{UserId}`: closes a legal user (irreversible).
pub fn close_legal(user_id: &str) -> Result<Request, RequestError> {
    for_user(Endpoint::CloseLegal, user_id)
}
