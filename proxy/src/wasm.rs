//! The worker's boundary: the policy for JavaScript, through wasm-bindgen. Structured values
//! cross as JSON strings (header lists `[[name, value], …]`), which keeps the module small.

use wasm_bindgen::prelude::*;

use crate::config::Config;
use crate::http::{response_headers, Response};
use crate::policy::{decide, Auth, Forward, Incoming, Outcome, MAX_BODY_BYTES};
use crate::static_files::static_file;

/// The configured policy; one per worker isolate.
#[wasm_bindgen]
pub struct Policy {
    config: Config,
}

/// Header pairs from JSON; malformed input reads as no headers.
fn headers_from_json(json: &str) -> Vec<(String, String)> {
    serde_json::from_str(json).unwrap_or_default()
}

fn headers_to_json(headers: &[(String, String)]) -> String {
    serde_json::to_string(headers).unwrap_or_else(|_| "[]".into())
}

#[wasm_bindgen]
impl Policy {
    /// Checks the configuration (see `Config::new`); throws with the reason when it is unusable.
    #[wasm_bindgen(constructor)]
    pub fn new(
        client_id: &str,
        secret: &str,
        origins: &str,
        endpoints: &str,
        session_ttl: u32,
    ) -> Result<Policy, JsError> {
        Config::new(
            client_id,
            secret,
            origins,
            endpoints,
            u64::from(session_ttl),
        )
        .map(|config| Policy { config })
        .map_err(|e| JsError::new(&e.to_string()))
    }

    /// Decides one request under `/api/mangopay`. `headers` is a JSON list of `[name, value]`;
    /// `subject` is the platform hook's caller id (cookie sessions when absent) and `token` the
    /// session token its store holds.
    #[allow(clippy::too_many_arguments)]
    pub fn decide(
        &self,
        method: &str,
        path: &str,
        query: &str,
        headers: &str,
        body: &[u8],
        self_origin: &str,
        now_secs: f64,
        entropy: &[u8],
        subject: Option<String>,
        token: Option<String>,
    ) -> Decision {
        let headers = headers_from_json(headers);
        let auth = match &subject {
            Some(subject) => Auth::Platform {
                subject,
                token: token.as_deref(),
            },
            None => Auth::Cookie,
        };
        let req = Incoming {
            method,
            path,
            query,
            headers: &headers,
            body,
            self_origin,
            now: if now_secs.is_finite() && now_secs > 0.0 {
                now_secs as u64
            } else {
                0
            },
            entropy,
            auth,
        };
        match decide(&self.config, &req) {
            Outcome::Respond(response) => Decision {
                response: Some(response),
                forward: None,
            },
            Outcome::Forward(forward) => Decision {
                response: None,
                forward: Some(forward),
            },
        }
    }

    /// The ClientId requests are forwarded for.
    #[wasm_bindgen(getter, js_name = clientId)]
    pub fn client_id(&self) -> String {
        self.config.client_id.clone()
    }
}

/// The policy's answer: a response to send, or a request to forward.
#[wasm_bindgen]
pub struct Decision {
    response: Option<Response>,
    forward: Option<Box<Forward>>,
}

#[wasm_bindgen]
impl Decision {
    /// True when the request goes upstream (see `method`, `path`, `query`, `body`,
    /// `idempotencyKey`), false when `status`, `headers` and `responseBody` answer it.
    #[wasm_bindgen(getter)]
    pub fn forward(&self) -> bool {
        self.forward.is_some()
    }

    /// The status of the proxy's own response.
    #[wasm_bindgen(getter)]
    pub fn status(&self) -> u16 {
        self.response.as_ref().map_or(0, |r| r.status)
    }

    /// The headers of the proxy's own response, as JSON `[[name, value], …]`.
    #[wasm_bindgen(getter)]
    pub fn headers(&self) -> String {
        self.response
            .as_ref()
            .map_or_else(|| "[]".into(), |r| headers_to_json(&r.headers))
    }

    /// The body of the proxy's own response.
    #[wasm_bindgen(getter, js_name = responseBody)]
    pub fn response_body(&self) -> String {
        self.response
            .as_ref()
            .map(|r| r.body.clone())
            .unwrap_or_default()
    }

    /// The upstream method.
    #[wasm_bindgen(getter)]
    pub fn method(&self) -> String {
        self.forward
            .as_ref()
            .map(|f| f.method.to_owned())
            .unwrap_or_default()
    }

    /// The canonical upstream path relative to `/v2.01/{ClientId}`.
    #[wasm_bindgen(getter)]
    pub fn path(&self) -> String {
        self.forward
            .as_ref()
            .map(|f| f.path.clone())
            .unwrap_or_default()
    }

    /// The canonical upstream query, without `?`.
    #[wasm_bindgen(getter)]
    pub fn query(&self) -> String {
        self.forward
            .as_ref()
            .map(|f| f.query.clone())
            .unwrap_or_default()
    }

    /// The validated JSON body to send, if any.
    #[wasm_bindgen(getter)]
    pub fn body(&self) -> Option<String> {
        self.forward.as_ref().and_then(|f| f.body.clone())
    }

    /// The session-namespaced idempotency key to send, if any.
    #[wasm_bindgen(getter, js_name = idempotencyKey)]
    pub fn idempotency_key(&self) -> Option<String> {
        self.forward
            .as_ref()
            .and_then(|f| f.idempotency_key.clone())
    }

    /// The endpoint's JS name, for logs.
    #[wasm_bindgen(getter)]
    pub fn endpoint(&self) -> String {
        self.forward
            .as_ref()
            .map(|f| f.endpoint.js_name().to_owned())
            .unwrap_or_default()
    }

    /// True when `finish` needs the upstream's response body (otherwise pass `""`).
    #[wasm_bindgen(getter, js_name = wantsResponseBody)]
    pub fn wants_response_body(&self) -> bool {
        self.forward
            .as_ref()
            .is_some_and(|f| f.wants_response_body())
    }

    /// After the upstream answered: records what it created and returns the headers to add
    /// (`set-cookie`, CORS) as JSON `[[name, value], …]`.
    pub fn finish(&mut self, policy: &Policy, status: u16, body: &str) -> FinishResult {
        match self.forward.as_mut() {
            Some(forward) => {
                let finish = forward.finish(&policy.config, status, body);
                FinishResult {
                    headers: headers_to_json(&finish.headers),
                    session_token: finish.session_token,
                }
            }
            None => FinishResult {
                headers: "[]".into(),
                session_token: None,
            },
        }
    }
}

/// What [`Decision::finish`] returns.
#[wasm_bindgen]
pub struct FinishResult {
    headers: String,
    session_token: Option<String>,
}

#[wasm_bindgen]
impl FinishResult {
    /// Headers to add, as JSON `[[name, value], …]`.
    #[wasm_bindgen(getter)]
    pub fn headers(&self) -> String {
        self.headers.clone()
    }

    /// The new session token when the session changed (for a platform store).
    #[wasm_bindgen(getter, js_name = sessionToken)]
    pub fn session_token(&self) -> Option<String> {
        self.session_token.clone()
    }
}

/// Filters upstream response headers (JSON `[[name, value], …]`) for the browser, rewriting
/// `Link` URLs from `upstream_base` to `proxy_base`.
#[wasm_bindgen(js_name = responseHeaders)]
pub fn response_headers_js(headers: &str, upstream_base: &str, proxy_base: &str) -> String {
    headers_to_json(&response_headers(
        &headers_from_json(headers),
        upstream_base,
        proxy_base,
    ))
}

/// The static file a path names, as JSON `{"file", "contentType"}`, or `undefined` (404).
#[wasm_bindgen(js_name = staticFile)]
pub fn static_file_js(path: &str) -> Option<String> {
    static_file(path)
        .map(|f| serde_json::json!({ "file": f.file, "contentType": f.content_type }).to_string())
}

/// The largest request body the worker should read, in bytes.
#[wasm_bindgen(js_name = maxBodyBytes)]
pub fn max_body_bytes() -> u32 {
    u32::try_from(MAX_BODY_BYTES).unwrap_or(u32::MAX)
}
