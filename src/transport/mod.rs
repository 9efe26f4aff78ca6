//! The transport: executes [`api`](crate::api) descriptors over any [`Transport`] — `fetch` in
//! the wasm build, a scripted mock in host tests.
//!
//! - **Auth**: proxy mode sends no credentials (the proxy holds the key); direct mode (an
//!   `apiKey`) fetches an OAuth client-credentials token once for all concurrent calls, caches it
//!   until 30 s before it expires, and refreshes it once on a 401 `invalid_credentials`.
//! - **Idempotency**: every POST carries an `Idempotency-Key` (the caller's or a UUID v4); a
//!   409 `idempotent_creation_conflict` is replayed through `GET /responses/{key}`, so a creation
//!   is never lost and never done twice.
//! - **Retries**: network errors, timeouts and 5xx for GET and POST, 429 and 503 for every
//!   method, with exponential backoff and jitter, honouring `Retry-After` and
//!   `X-RateLimit-Reset`.
//! - **Errors**: every failure is one [`ApiError`] shape (the JS `MangopayError`).
//! - **Calls**: [`dispatch`] maps the JS methods' names and arguments to descriptors, list
//!   pagination and the KYC upload orchestration ([`upload`]).

// `ApiError` is one flat struct, the JS `MangopayError`'s fields; errors are the rare path and
// cross to JS once, so boxing it everywhere would only add noise.
#![allow(clippy::result_large_err)]

mod auth;
mod client;
mod config;
pub mod dispatch;
mod error;
mod http;
mod retry;
pub mod upload;
mod uuid;

pub use auth::{TokenCache, TOKEN_MARGIN_MS};
pub use client::{Call, CallOptions, Client, Started, USER_AGENT};
pub use config::{
    is_token, parse_base_url, Config, Credentials, DEFAULT_BASE_URL, DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT_MS,
};
pub use error::{
    parse_pending_user_action, ApiError, ABORTED, IDEMPOTENT_CREATION_CONFLICT, INVALID_RESPONSE,
    NETWORK_ERROR, PARAM_ERROR, TIMEOUT,
};
pub use http::{HttpRequest, HttpResponse, Transport, TransportError};
pub use retry::{delay_ms, is_retryable, Outcome, BASE_DELAY_MS, MAX_DELAY_MS};
pub use uuid::uuid_v4;
