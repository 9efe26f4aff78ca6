//! The client: executes request descriptors over a [`Transport`] with authentication,
//! idempotency keys, retries, replay of conflicting creations and rate-limit tracking.

use std::cell::RefCell;

use serde_json::Value;

use crate::api::{self, Body, Method, Request, API_VERSION};
use crate::model::{parse_error_body, parse_rate_limits, RateLimit};
use crate::validate::{base64_encode, idempotency_key};

use super::auth::{Next, TokenCache};
use super::config::Config;
use super::error::{ApiError, IDEMPOTENT_CREATION_CONFLICT, INVALID_RESPONSE};
use super::http::{HttpRequest, HttpResponse, Transport, TransportError};
use super::retry::{delay_ms, is_retryable, Outcome};
use super::uuid::uuid_v4;

/// The SDK's identification, sent as `User-Agent` outside browsers.
pub const USER_AGENT: &str = concat!("mangopay-wasm/", env!("CARGO_PKG_VERSION"));

/// Per-call settings beyond the request itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CallOptions {
    /// The `Idempotency-Key` for a POST (a UUID v4 is generated when absent).
    pub idempotency_key: Option<String>,
    /// Headers added to this call only.
    pub headers: Vec<(String, String)>,
}

/// A call to execute: the request descriptor's wire parts.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    /// The method.
    pub method: Method,
    /// The path relative to `/v2.01/{ClientId}` (or to `/v2.01` when not `client_scoped`),
    /// with its encoded query string, if any.
    pub path_and_query: String,
    /// `(content type, text)` of the body.
    pub body: Option<(&'static str, String)>,
    /// True for a POST that carries an `Idempotency-Key`.
    pub idempotent: bool,
    /// True when a 409 `idempotent_creation_conflict` is replayed through `GET /responses/{key}`.
    pub replay: bool,
    /// False only for `/v2.01/oauth/token`.
    pub client_scoped: bool,
}

impl Call {
    /// The wire parts of an endpoint descriptor.
    pub fn from_request(request: &Request) -> Self {
        let query = request.query_string();
        let path_and_query = if query.is_empty() {
            request.path.clone()
        } else {
            format!("{}?{query}", request.path)
        };
        Call {
            method: request.method,
            path_and_query,
            body: request
                .body
                .as_ref()
                .map(|b| (b.content_type(), b.encode())),
            idempotent: request.idempotent,
            replay: request.idempotent,
            client_scoped: request.client_scoped,
        }
    }
}

/// A call whose first attempt its caller sends (the wasm client sends it from JS, so the common
/// case awaits no Rust future): what the later attempts need to know about the first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Started {
    /// The call's `Idempotency-Key`, if any.
    pub key: Option<String>,
    /// The bearer token the first attempt carries (direct mode).
    pub bearer: Option<String>,
}

/// A Mangopay client: configuration, the cached OAuth token and the last rate limits.
///
/// Shared by every call of one JS `Mangopay` instance; calls may run concurrently (state lives
/// in cells that are never borrowed across an `await`).
#[derive(Debug)]
pub struct Client {
    config: Config,
    /// `{base_url}/v2.01/{ClientId}`, the prefix of every client-scoped URL.
    client_url: String,
    /// The headers of every request, before the call's own.
    base_headers: Vec<(String, String)>,
    token: TokenCache,
    rate_limits: RefCell<Vec<RateLimit>>,
}

impl Client {
    /// A client for a checked configuration.
    pub fn new(config: Config) -> Self {
        let mut base_headers = vec![("Accept".to_owned(), "application/json".to_owned())];
        if !config.in_browser {
            base_headers.push(("User-Agent".into(), USER_AGENT.into()));
        }
        add_headers(&mut base_headers, &config.headers);
        let mut client_url = format!("{}/{API_VERSION}/", config.base_url);
        api::encode_into(&mut client_url, &config.client_id);
        Client {
            config,
            client_url,
            base_headers,
            token: TokenCache::default(),
            rate_limits: RefCell::new(Vec::new()),
        }
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The rate-limit buckets of the last response that carried them.
    pub fn rate_limits(&self) -> Vec<RateLimit> {
        self.rate_limits.borrow().clone()
    }

    /// Executes an endpoint descriptor: the 2xx response, or the error.
    pub async fn send<T: Transport>(
        &self,
        t: &T,
        request: &Request,
        options: &CallOptions,
    ) -> Result<HttpResponse, ApiError> {
        self.execute(t, &Call::from_request(request), options, false)
            .await
    }

    /// Executes a call. With `raw`, any HTTP status is returned as a response (only transport
    /// failures are errors) and nothing is replayed.
    pub async fn execute<T: Transport>(
        &self,
        t: &T,
        call: &Call,
        options: &CallOptions,
        raw: bool,
    ) -> Result<HttpResponse, ApiError> {
        let key = self.idempotency_key(t, call, options)?;
        let started = Started { key, bearer: None };
        self.resume(t, call, options, raw, started, None).await
    }

    /// Starts a call without awaiting anything: its first attempt's request, or `None` when a
    /// token must be fetched first (then [`Client::resume`] does everything).
    pub fn start<T: Transport>(
        &self,
        t: &T,
        call: &Call,
        options: &CallOptions,
    ) -> Result<(Started, Option<HttpRequest>), ApiError> {
        let key = self.idempotency_key(t, call, options)?;
        let bearer = match (&self.config.api_key, call.client_scoped) {
            (Some(_), true) => match self.token.cached(t.now_ms()) {
                Some(token) => Some(token),
                None => return Ok((Started { key, bearer: None }, None)),
            },
            _ => None,
        };
        let request = self.request(call, options, key.as_deref(), bearer.as_deref());
        Ok((Started { key, bearer }, Some(request)))
    }

    /// True when the first attempt's response (its status and rate-limit headers
    /// `X-RateLimit`, `-Remaining`, `-Reset`) ends the call as it is, which is what
    /// [`Client::resume`] would decide without reading the body: a 2xx, or for a `raw` call any
    /// status that is neither retried nor a 401 that may refresh the token. Records the rate
    /// limits then; otherwise the call goes on with [`Client::resume`].
    pub fn settles(
        &self,
        call: &Call,
        started: &Started,
        status: u16,
        rate_limits: [Option<&str>; 3],
        raw: bool,
    ) -> bool {
        let response = HttpResponse {
            status,
            ..HttpResponse::default()
        };
        let retried =
            self.config.max_retries > 0 && is_retryable(call.method, &Outcome::Response(&response));
        let done = response.is_success()
            || (raw && !retried && !(status == 401 && started.bearer.is_some()));
        if done {
            self.record_rate_limits_of(rate_limits);
        }
        done
    }

    /// Runs a call from [`Client::start`] to its end: `first` is the outcome of the first
    /// attempt when the caller sent it, `None` when it was not sent.
    pub async fn resume<T: Transport>(
        &self,
        t: &T,
        call: &Call,
        options: &CallOptions,
        raw: bool,
        started: Started,
        first: Option<Result<HttpResponse, TransportError>>,
    ) -> Result<HttpResponse, ApiError> {
        let Started { key, bearer } = started;
        let key = key.as_deref();
        let mut first = first.map(|outcome| (outcome, bearer));
        let mut retry = 0u32;
        let mut refreshed = false;
        loop {
            let attempt = match first.take() {
                Some(pair) => Ok(pair),
                None => self.attempt(t, call, options, key).await,
            };
            let (outcome, bearer) = match attempt {
                Ok(pair) => pair,
                Err(error) => {
                    // The token request failed.
                    if error.retryable && retry < self.config.max_retries {
                        self.pause(t, retry, None)
                            .await
                            .map_err(|e| e.with_key(key))?;
                        retry += 1;
                        continue;
                    }
                    return Err(error.with_key(key));
                }
            };
            let response = match outcome {
                Ok(response) => response,
                Err(failure) => {
                    if retry < self.config.max_retries
                        && is_retryable(call.method, &Outcome::Failed(&failure))
                    {
                        self.pause(t, retry, None)
                            .await
                            .map_err(|e| e.with_key(key))?;
                        retry += 1;
                        continue;
                    }
                    return Err(ApiError::from_transport(&failure).with_key(key));
                }
            };
            self.record_rate_limits(&response);
            if response.is_success() {
                return Ok(response);
            }
            if response.status == 401 && !refreshed && has_type(&response, "invalid_credentials") {
                if let Some(bearer) = bearer {
                    self.token.invalidate(&bearer);
                    refreshed = true;
                    continue;
                }
            }
            if retry < self.config.max_retries
                && is_retryable(call.method, &Outcome::Response(&response))
            {
                if let Some(ms) = delay_ms(retry, Some(&response), t.now_ms(), random_u32(t)) {
                    t.sleep(ms)
                        .await
                        .map_err(|e| ApiError::from_transport(&e).with_key(key))?;
                    retry += 1;
                    continue;
                }
            }
            if raw {
                return Ok(response);
            }
            let error = ApiError::from_response(&response).with_key(key);
            return match key {
                Some(key)
                    if call.replay
                        && response.status == 409
                        && error.error_type == IDEMPOTENT_CREATION_CONFLICT =>
                {
                    self.replay(t, key, error).await
                }
                _ => Err(error),
            };
        }
    }

    /// The key a call carries: the caller's (checked), else a fresh UUID v4 for a POST.
    fn idempotency_key<T: Transport>(
        &self,
        t: &T,
        call: &Call,
        options: &CallOptions,
    ) -> Result<Option<String>, ApiError> {
        match &options.idempotency_key {
            Some(key) => {
                let report = idempotency_key(key);
                if !report.is_ok() {
                    return Err(ApiError::from_report(report));
                }
                Ok(Some(key.clone()))
            }
            None if call.idempotent => {
                let mut bytes = [0u8; 16];
                t.random_bytes(&mut bytes);
                Ok(Some(uuid_v4(bytes)))
            }
            None => Ok(None),
        }
    }

    /// One attempt: the bearer (direct mode), then the request. The outer error is the token
    /// request's failure.
    async fn attempt<T: Transport>(
        &self,
        t: &T,
        call: &Call,
        options: &CallOptions,
        key: Option<&str>,
    ) -> Result<(Result<HttpResponse, TransportError>, Option<String>), ApiError> {
        let bearer = match (&self.config.api_key, call.client_scoped) {
            (Some(_), true) => Some(self.bearer(t).await?),
            _ => None,
        };
        let request = self.request(call, options, key, bearer.as_deref());
        Ok((t.send(request).await, bearer))
    }

    /// The HTTP request of one attempt.
    fn request(
        &self,
        call: &Call,
        options: &CallOptions,
        key: Option<&str>,
        bearer: Option<&str>,
    ) -> HttpRequest {
        let mut headers = self.base_headers(&options.headers);
        if let Some((content_type, _)) = &call.body {
            headers.push(("Content-Type".into(), (*content_type).into()));
        }
        if let Some(key) = key {
            headers.push(("Idempotency-Key".into(), key.into()));
        }
        if let Some(bearer) = bearer {
            headers.push(("Authorization".into(), format!("Bearer {bearer}")));
        }
        HttpRequest {
            method: call.method,
            url: self.url(call),
            headers,
            body: call.body.as_ref().map(|(_, text)| text.clone()),
        }
    }

    fn base_headers(&self, extra: &[(String, String)]) -> Vec<(String, String)> {
        let mut headers: Vec<(String, String)> =
            Vec::with_capacity(self.base_headers.len() + extra.len() + 3);
        headers.extend_from_slice(&self.base_headers);
        add_headers(&mut headers, extra);
        headers
    }

    /// The absolute URL of a call.
    pub fn url(&self, call: &Call) -> String {
        let prefix = if call.client_scoped {
            self.client_url.as_str()
        } else {
            // `{base_url}/v2.01`
            let end = self.config.base_url.len() + API_VERSION.len() + 1;
            self.client_url.get(..end).unwrap_or_default()
        };
        let mut url = String::with_capacity(prefix.len() + call.path_and_query.len());
        url.push_str(prefix);
        url.push_str(&call.path_and_query);
        url
    }

    /// Waits before retry number `retry`; fails only when the wait was aborted.
    async fn pause<T: Transport>(
        &self,
        t: &T,
        retry: u32,
        response: Option<&HttpResponse>,
    ) -> Result<(), ApiError> {
        let ms = delay_ms(retry, response, t.now_ms(), random_u32(t)).unwrap_or(0);
        t.sleep(ms).await.map_err(|e| ApiError::from_transport(&e))
    }

    fn record_rate_limits(&self, response: &HttpResponse) {
        self.record_rate_limits_of([
            response.header("X-RateLimit"),
            response.header("X-RateLimit-Remaining"),
            response.header("X-RateLimit-Reset"),
        ]);
    }

    fn record_rate_limits_of(&self, [limit, remaining, reset]: [Option<&str>; 3]) {
        let buckets = parse_rate_limits(limit, remaining, reset);
        if !buckets.is_empty() {
            *self.rate_limits.borrow_mut() = buckets;
        }
    }

    /// The bearer token: cached, or fetched once for every concurrent caller.
    async fn bearer<T: Transport>(&self, t: &T) -> Result<String, ApiError> {
        let mut waited_for = None;
        loop {
            match self.token.next(t.now_ms(), waited_for) {
                Next::Use(token) => return Ok(token),
                Next::Fail(error) => return Err(*error),
                Next::Wait(generation) => {
                    self.token.changed(generation).await;
                    waited_for = Some(generation);
                }
                Next::Lead(guard) => {
                    let result = self.fetch_token(t).await;
                    guard.finish(&result, t.now_ms());
                    return result.map(|(token, _)| token);
                }
            }
        }
    }

    /// `POST /v2.01/oauth/token` with Basic auth: the token and its lifetime in seconds.
    async fn fetch_token<T: Transport>(&self, t: &T) -> Result<(String, f64), ApiError> {
        let api_key = self.config.api_key.as_deref().unwrap_or_default();
        let request = api::oauth_token()?;
        let call = Call::from_request(&request);
        let mut headers = self.base_headers(&[]);
        headers.push((
            "Content-Type".into(),
            Body::Form(Vec::new()).content_type().into(),
        ));
        let credentials = format!("{}:{api_key}", self.config.client_id);
        headers.push((
            "Authorization".into(),
            format!("Basic {}", base64_encode(credentials.as_bytes())),
        ));
        let response = t
            .send(HttpRequest {
                method: call.method,
                url: self.url(&call),
                headers,
                body: call.body.map(|(_, text)| text),
            })
            .await
            .map_err(|e| ApiError::from_transport(&e))?;
        if !response.is_success() {
            return Err(ApiError::from_response(&response));
        }
        // Read through `Value` (already linked for the validators) rather than a derived
        // `Deserialize`, which would add its own parser code to the wasm.
        let token: Value = serde_json::from_str(&response.body).map_err(|_| {
            ApiError::client(INVALID_RESPONSE, "The token response is not readable JSON.")
        })?;
        let expires_in = token
            .get("expires_in")
            .and_then(Value::as_f64)
            .unwrap_or(0.0);
        match token.get("access_token").and_then(Value::as_str) {
            Some(access) if !access.is_empty() => Ok((access.to_owned(), expires_in.max(0.0))),
            _ => Err(ApiError::client(
                INVALID_RESPONSE,
                "The token response has no access_token.",
            )),
        }
    }

    /// After a 409 `idempotent_creation_conflict`: the original response through
    /// `GET /responses/{key}` — its `Resource` when it was a 2xx, else the conflict error with
    /// the replay attached.
    async fn replay<T: Transport>(
        &self,
        t: &T,
        key: &str,
        mut conflict: ApiError,
    ) -> Result<HttpResponse, ApiError> {
        let request = api::get_response(key)?;
        let call = Call::from_request(&request);
        let replay = match self.attempt(t, &call, &CallOptions::default(), None).await {
            Ok((Ok(response), _)) => response,
            Ok((Err(failure), _)) => {
                conflict.replay = Some(serde_json::json!({
                    "status": 0,
                    "error": ApiError::from_transport(&failure).message,
                }));
                return Err(conflict);
            }
            Err(error) => {
                conflict.replay = Some(serde_json::json!({"status": 0, "error": error.message}));
                return Err(conflict);
            }
        };
        // The `ApiResponse` shape, read through `Value` (see `fetch_token`).
        let body = serde_json::from_str::<Value>(&replay.body)
            .unwrap_or_else(|_| Value::String(replay.body.clone()));
        if replay.is_success() {
            let status = body
                .get("StatusCode")
                .and_then(|s| match s {
                    Value::String(text) => text.trim().parse::<u16>().ok(),
                    other => other.as_u64().and_then(|n| u16::try_from(n).ok()),
                })
                .filter(|s| (200..300).contains(s));
            if let (Some(status), Some(resource)) = (status, body.get("Resource")) {
                return Ok(HttpResponse {
                    status,
                    headers: replay.headers,
                    body: resource.to_string(),
                });
            }
        }
        conflict.replay = Some(serde_json::json!({"status": replay.status, "body": body}));
        Err(conflict)
    }
}

/// Adds `extra` to `headers`, each replacing any header of the same name (ASCII case ignored).
fn add_headers(headers: &mut Vec<(String, String)>, extra: &[(String, String)]) {
    for (name, value) in extra {
        headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        headers.push((name.clone(), value.clone()));
    }
}

fn random_u32<T: Transport>(t: &T) -> u32 {
    let mut bytes = [0u8; 4];
    t.random_bytes(&mut bytes);
    u32::from_le_bytes(bytes)
}

/// True when the error body's type is `wanted`.
fn has_type(response: &HttpResponse, wanted: &str) -> bool {
    parse_error_body(response.body.as_bytes()).is_some_and(|body| body.error_type() == Some(wanted))
}
