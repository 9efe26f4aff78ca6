//! `POST /v2.01/oauth/token`: the bearer token of the OAuth 2.0 client-credentials flow.

use serde::{Deserialize, Serialize};

/// The token response: `{access_token, token_type, expires_in}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
#[serde(default)]
pub struct OAuthToken {
    /// The token to send as `Authorization: Bearer <access_token>`.
    pub access_token: Option<String>,
    /// The token type: `bearer`.
    pub token_type: Option<String>,
    /// Seconds until the token expires (3600 in production, 1200 in sandbox by default; never
    /// rely on those defaults).
    pub expires_in: Option<i64>,
}

/// The body of the token request, `application/x-www-form-urlencoded`.
pub const TOKEN_REQUEST_BODY: &str = "grant_type=client_credentials";
