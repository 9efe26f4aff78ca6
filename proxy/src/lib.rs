//! # mangopay-proxy
//!
//! The policy of the reference proxy for `mangopay-wasm`: what a browser may ask the Mangopay
//! Users API through the platform's proxy, decided with the core crate's endpoint table and
//! validators. It is pure Rust (tested natively) and compiles to a small wasm module that the
//! workerd / Cloudflare module worker in `proxy/worker/` imports (see `wasm.rs`).
//!
//! - [`config`]: ClientId, session secret, allowed origins, the endpoint allowlist (safe default).
//! - [`policy`]: [`policy::decide`] refuses, answers or forwards one request.
//! - [`session`]: the signed session token (`v1.<payload>.<hmac>`) and what it owns.
//! - [`http`]: Mangopay-shaped refusals, CORS, the response-header allowlist.
//! - [`static_files`]: which `www/` file a path names.
//! - [`crypto`]: HMAC-SHA256, base64url.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::todo,
        clippy::unimplemented
    )
)]
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod config;
pub mod crypto;
pub mod http;
pub mod policy;
pub mod session;
pub mod static_files;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use config::{Config, ConfigError, DEFAULT_ENDPOINTS};
pub use policy::{decide, Auth, Finish, Forward, Incoming, Outcome};
pub use session::Session;
