//! What a transport exchanges: a concrete HTTP request, its response, and why it failed.

use crate::api::Method;

/// A concrete HTTP request: absolute URL, headers and text body, ready for `fetch`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// The method.
    pub method: Method,
    /// The URL: the configured base URL followed by the API path and query.
    pub url: String,
    /// Headers in order (names as sent).
    pub headers: Vec<(String, String)>,
    /// The body, if any (JSON or a form, see the `Content-Type` header).
    pub body: Option<String>,
}

impl HttpRequest {
    /// The value of the header `name` (ASCII case ignored).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }
}

/// A response as received: status, headers (names as the runtime reports them) and body text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HttpResponse {
    /// The HTTP status.
    pub status: u16,
    /// The headers.
    pub headers: Vec<(String, String)>,
    /// The body as text (empty when there is none).
    pub body: String,
}

impl HttpResponse {
    /// The value of the header `name` (ASCII case ignored).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }

    /// True for a 2xx status.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

fn find_header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Why no response was received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransportError {
    /// The request could not be sent or the response not read (DNS, refused, reset, CORS…).
    Network(String),
    /// No response within the configured time.
    Timeout,
    /// The caller's `AbortSignal` fired.
    Aborted,
}

/// The platform a [`Client`](super::Client) runs on: sends requests, sleeps, tells the time and
/// gives random bytes. The wasm build implements it over `fetch`, `setTimeout`, `Date.now` and
/// `crypto.getRandomValues`; host tests use a scripted mock.
///
/// A transport carries the per-call settings it needs (the caller's abort signal, the timeout):
/// the client takes one per call.
#[allow(async_fn_in_trait)]
pub trait Transport {
    /// Sends one request and reads the whole response.
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError>;
    /// Waits `ms` milliseconds (before a retry). Aborting the call may cut the wait short.
    async fn sleep(&self, ms: u64) -> Result<(), TransportError>;
    /// The current time in milliseconds since the Unix epoch.
    fn now_ms(&self) -> f64;
    /// Fills `buf` with cryptographically secure random bytes.
    fn random_bytes(&self, buf: &mut [u8]);
}
