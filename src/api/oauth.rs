//! The OAuth 2.0 client-credentials token, the only call outside `/v2.01/{ClientId}`.

use super::build::request;
use super::endpoint::Endpoint;
use super::params::Params;
use super::request::{Body, Request, RequestError};

/// `POST /v2.01/oauth/token`, body `grant_type=client_credentials` (form-encoded). The
/// transport adds `Authorization: Basic base64(ClientId:ApiKey)`; that is server-side only,
/// never in a browser. Never fails; returns a `Result` like every other endpoint function.
pub fn oauth_token() -> Result<Request, RequestError> {
    Ok(request(
        Endpoint::OauthToken,
        &Params::default(),
        Vec::new(),
        Some(Body::Form(vec![(
            "grant_type".to_owned(),
            "client_credentials".to_owned(),
        )])),
    ))
}
