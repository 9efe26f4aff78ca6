//! [`Transport`] over `fetch` (through the `js/fetch.js` snippet), `setTimeout`, `Date.now` and
//! `crypto.getRandomValues`.

use js_sys::{Array, Function, Promise};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use crate::transport::{Credentials, HttpRequest, HttpResponse, Transport, TransportError};

#[wasm_bindgen(module = "/src/wasm/js/fetch.js")]
extern "C" {
    #[wasm_bindgen(js_name = sendRequest)]
    fn send_request(fetch: &Function, request: &str, signal: &JsValue) -> Promise;

    #[wasm_bindgen(js_name = sleep)]
    fn sleep_ms(ms: f64, signal: &JsValue) -> Promise;

    #[wasm_bindgen(js_name = randomFill)]
    fn random_fill(buf: &mut [u8]);
}

/// One call's transport: the `fetch` to use, and the call's signal, timeout and credentials.
pub(crate) struct FetchTransport {
    pub(crate) fetch: Function,
    pub(crate) signal: JsValue,
    pub(crate) timeout_ms: u64,
    pub(crate) credentials: Option<Credentials>,
}

impl Transport for FetchTransport {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let text = request_text(0, self.timeout_ms, self.credentials, Some(&request));
        let promise = send_request(&self.fetch, &text, &self.signal);
        let result = JsFuture::from(promise).await.map_err(failure)?;
        let parts = Array::from(&result);
        let status = parts.get(0).as_f64().unwrap_or(0.0) as u16;
        let flat = parts.get(1).as_string().unwrap_or_default();
        let body = parts.get(2).as_string().unwrap_or_default();
        Ok(response(status, &flat, body))
    }

    async fn sleep(&self, ms: u64) -> Result<(), TransportError> {
        JsFuture::from(sleep_ms(ms as f64, &self.signal))
            .await
            .map(|_| ())
            .map_err(failure)
    }

    fn now_ms(&self) -> f64 {
        js_sys::Date::now()
    }

    fn random_bytes(&self, buf: &mut [u8]) {
        random_fill(buf);
    }
}

/// A response from the snippet's parts: status, headers flattened as `name\nvalue\n`, body.
pub(crate) fn response(status: u16, flat_headers: &str, body: String) -> HttpResponse {
    let mut lines = flat_headers.split('\n');
    let mut headers = Vec::new();
    while let (Some(name), Some(value)) = (lines.next(), lines.next()) {
        headers.push((name.to_owned(), value.to_owned()));
    }
    HttpResponse {
        status,
        headers,
        body,
    }
}

/// The snippet's rejection reason as a [`TransportError`].
fn failure(reason: JsValue) -> TransportError {
    reason
        .as_string()
        .map_or(TransportError::Network("fetch failed".to_owned()), |r| {
            failure_of(&r)
        })
}

/// A rejection reason of `js/fetch.js` (`"timeout"`, `"aborted"`, `"network:<message>"`) as a
/// [`TransportError`].
pub(crate) fn failure_of(reason: &str) -> TransportError {
    match reason {
        "timeout" => TransportError::Timeout,
        "aborted" => TransportError::Aborted,
        other => {
            TransportError::Network(other.strip_prefix("network:").unwrap_or(other).to_owned())
        }
    }
}

/// A request as text for `js/fetch.js`'s `readHead`, one field a line: the call's id, the
/// timeout in ms, then, when there is a request to send: the method, `credentials` (may be
/// empty), the URL, the number of headers, each header's name and value, and `b` followed by
/// the body when there is one.
pub(crate) fn request_text(
    id: u32,
    timeout_ms: u64,
    credentials: Option<Credentials>,
    request: Option<&HttpRequest>,
) -> String {
    let size = request.map_or(0, |r| {
        let headers: usize = r.headers.iter().map(|(k, v)| k.len() + v.len() + 2).sum();
        r.url.len() + headers + r.body.as_ref().map_or(0, String::len)
    });
    let mut out = String::with_capacity(size + 64);
    push_number(&mut out, u64::from(id));
    push_number(&mut out, timeout_ms);
    let Some(request) = request else {
        return out;
    };
    push_line(&mut out, request.method.as_str());
    push_line(&mut out, credentials.map_or("", |c| c.as_str()));
    push_line(&mut out, &request.url);
    push_number(&mut out, request.headers.len() as u64);
    for (name, value) in &request.headers {
        push_line(&mut out, name);
        push_line(&mut out, value);
    }
    if let Some(body) = &request.body {
        out.push('b');
        out.push_str(body);
    }
    out
}

fn push_line(out: &mut String, line: &str) {
    out.push_str(line);
    out.push('\n');
}

/// `n` in decimal and a line break (without `core::fmt`, which is slow in wasm).
fn push_number(out: &mut String, n: u64) {
    fn digits(out: &mut String, n: u64) {
        if n >= 10 {
            digits(out, n / 10);
        }
        out.push(char::from(b'0' + (n % 10) as u8));
    }
    digits(out, n);
    out.push('\n');
}
