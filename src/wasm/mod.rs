//! The JavaScript boundary: the only module that touches `wasm_bindgen`, `js_sys` and the JS
//! snippets in `src/wasm/js/`.
//!
//! It is deliberately small: a handful of exports that move JSON *text* across the boundary
//! (the JS side uses the engine's native `JSON.stringify` / `JSON.parse`, far cheaper than
//! converting object graphs field by field), and a thin JS layer (`js/*.js`, copied into the
//! package by `scripts/build-pkg.sh`) that shapes them into the public API: the `Mangopay`
//! class, `validate`, `schemas`, `MangopayError`. The one exception is the validators' hot
//! path: `validate.js` writes a plain value straight into wasm memory as a tape of nodes (see
//! [`validate`](self::validate)), with no JSON text and no parse.
//!
//! - [`validate`](self::validate): `validateJson`, `validateKycBytes`, `scaRedirectUrl` — present
//!   whenever the `js` feature is on (the validation-only package is this and nothing else).
//! - `client` (feature `client`): the `Core` class behind `Mangopay`, executing
//!   [`transport`](crate::transport) calls over `fetch` (see `fetch`).
//!
//! Why not gloo-net: it always calls the global `fetch`, so the configuration's injected `fetch`
//! (an mTLS binding, a test double) could not be used, and it cannot be called with
//! `globalThis` as `this` (workerd throws "Illegal invocation" on a detached `fetch`). A
//! 40-line JS snippet (`js/fetch.js`) does the call, the timeout and the abort wiring instead.

#[cfg(feature = "client")]
pub mod client;
#[cfg(feature = "client")]
mod fetch;
pub mod validate;

/// The global allocator of the wasm build: TLSF (`rlsf`), in place of std's dlmalloc, for size:
/// ≈ 1.1 KB of code instead of ≈ 7.7 KB (−2.7 KB gzip), at ≈ 5 % of validation speed
/// (bench/README.md). The wasm is single-threaded, so it needs no lock; `new()` is safe, so the
/// crate's own code stays free of `unsafe`.
#[global_allocator]
static ALLOCATOR: rlsf::SmallGlobalTlsf = rlsf::SmallGlobalTlsf::new();
