//! # mangopay-wasm
//!
//! A Rust SDK for the Mangopay v2.01 **Users** API that compiles to WebAssembly.
//!
//! The crate is one core, compiled twice: natively (tests, the local sandbox, fuzzing) and to
//! `wasm32-unknown-unknown` (browsers, Node and edge workers). The core knows the API and nothing
//! about JavaScript:
//!
//! - [`model`]: serde types spelled exactly as the API spells them (`FirstName`, `KYCLevel`,
//!   `errors`), tolerant of unknown fields and of enum values Mangopay may add later.
//! - [`validate`]: the rules Mangopay's servers enforce, as validators over dynamic JSON that report
//!   every issue in one pass, in the server's own `param_error` shape.
//! - [`api`]: the endpoint table — pure request descriptors `{method, path, query, body,
//!   idempotent}` with no I/O — and the matcher from `(method, path)` back to an endpoint.
//!
//! Library code never panics: `unwrap`, `expect`, `panic!`, `todo!`, `unimplemented!` and
//! indexing that can panic are denied outside tests.
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

pub mod api;
pub mod encoding;
pub mod model;
mod search;
pub mod transport;
pub mod validate;
#[cfg(all(target_arch = "wasm32", feature = "js"))]
pub mod wasm;
