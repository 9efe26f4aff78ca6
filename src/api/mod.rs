//! The endpoint table: one pure function per Users API endpoint, returning a [`Request`].
//!
//! Requests are data. Nothing here performs I/O: a transport executes the descriptor, the
//! sandbox and the proxy reuse the same table to recognise what they receive.
//!
//! Paths are relative to `/v2.01/{ClientId}` (see [`Request::url_path`]); every ID is checked and
//! percent-encoded so that it can never leave its path segment.

mod request;

pub use request::{encode_component, encode_segment, Method, Request, RequestError, API_VERSION};
