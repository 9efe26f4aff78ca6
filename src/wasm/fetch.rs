//! [`Transport`] over `fetch` (through the `js/fetch.js` snippet), `setTimeout`, `Date.now` and
//! `crypto.getRandomValues`.

use js_sys::{Array, Function, Promise};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use crate::transport::{HttpRequest, HttpResponse, Transport, TransportError};

#[wasm_bindgen(module = "/src/wasm/js/fetch.js")]
extern "C" {
    #[wasm_bindgen(js_name = sendRequest)]
    #[allow(clippy::too_many_arguments)]
    fn send_request(
        fetch: &Function,
        url: &str,
        method: &str,
        headers: &str,
        body: Option<String>,
        credentials: Option<String>,
        signal: &JsValue,
        timeout_ms: f64,
    ) -> Promise;

    #[wasm_bindgen(js_name = sleep)]
    fn sleep_ms(ms: f64, signal: &JsValue) -> Promise;

    #[wasm_bindgen(js_name = randomFill)]
    fn random_fill(buf: &mut [u8]);
}

/// One call's transport: the `fetch` to use, and the call's signal, timeout and credentials.
pub(crate) struct FetchTransport {
    pub(crate) fetch: Function,
    pub(crate) signal: JsValue,
    pub(crate) timeout_ms: f64,
    pub(crate) credentials: Option<&'static str>,
}

impl Transport for FetchTransport {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let mut headers = String::new();
        for (name, value) in &request.headers {
            headers.push_str(name);
            headers.push('\n');
            headers.push_str(value);
            headers.push('\n');
        }
        let promise = send_request(
            &self.fetch,
            &request.url,
            request.method.as_str(),
            &headers,
            request.body,
            self.credentials.map(str::to_owned),
            &self.signal,
            self.timeout_ms,
        );
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
