//! The endpoint table: one pure function per Users API endpoint, returning a [`Request`], and
//! the matcher from `(method, path)` back to an [`Endpoint`].
//!
//! Requests are data. Nothing here performs I/O: a transport executes the descriptor, the
//! sandbox and the proxy reuse the same table to recognise what they receive.
//!
//! Paths are relative to `/v2.01/{ClientId}` (see [`Request::url_path`]), except the OAuth
//! token's; every ID is checked and percent-encoded (see [`path_param`]) so that it can never
//! leave its path segment.

mod endpoint;
mod list;
mod params;
mod request;

pub use endpoint::Endpoint;
pub use list::{canonical_query, parse_query, ListOptions, Sort, MAX_PER_PAGE, MAX_QUERY_LEN};
pub use params::{path_param, BankAccountType, MAX_ID_LEN};
pub use request::{
    encode_component, encode_segment, Body, Method, Request, RequestError, API_VERSION,
};
