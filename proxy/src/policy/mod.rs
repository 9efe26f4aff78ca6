//! The decision for one browser request: refuse it (with a Mangopay-shaped error), answer it
//! (the session endpoint, a preflight), or forward a canonical, validated request upstream.
//!
//! The order of checks: headers (duplicates, CR/LF, method overrides) → Origin → path
//! (`match_route`: traversal, encoded separators, empty segments…) → ClientId → allowlist →
//! session → CSRF token → query (`canonical_query`) → ownership → body (size, media type, JSON,
//! the core's validator) → idempotency key. Only a request that passes all of them is forwarded,
//! and what is forwarded is rebuilt from what was checked, never the raw input.

mod body;
mod refusal;
mod sessions;

use mangopay_wasm::api::{canonical_query, match_route, Endpoint, MatchError, RouteMatch};
use mangopay_wasm::validate::{self, IssueCode, KYC_MAX_BASE64_CHARS};
use serde_json::Value;

use crate::config::Config;
use crate::http::{cors_headers, preflight_headers, single, Response, METHOD_OVERRIDE_HEADERS};
use crate::session::Session;

use body::checked_body;
use refusal::{param_issue, Refusal};
use sessions::{load_session, secure, session_endpoint, set_cookie, CookieSpec};

/// Where the browser API lives on the proxy's origin (the SDK's `baseUrl`).
pub const API_PREFIX: &str = "/api/mangopay";
/// The path of the session endpoint: `GET` returns `{csrfToken}` and sets the cookie.
pub const SESSION_PATH: &str = "/api/mangopay/session";
/// The CSRF header the SDK sends (through its `headers` config).
pub const CSRF_HEADER: &str = "x-csrf-token";
/// The cookie name over plain HTTP (local development).
pub const COOKIE_NAME: &str = "mp_session";
/// The cookie name over HTTPS: the `__Host-` prefix pins it to this host, path `/`, Secure.
pub const SECURE_COOKIE_NAME: &str = "__Host-mp_session";
/// The longest path (prefix included) the proxy looks at.
pub const MAX_PATH_LEN: usize = 2048;
/// The largest JSON body of any endpoint but the KYC page.
pub const MAX_JSON_BODY: usize = 64 * 1024;
/// The largest KYC page body: 10 MB of Base64 (the KYC limit) plus room for `{"File": …}`.
pub const MAX_KYC_PAGE_BODY: usize = KYC_MAX_BASE64_CHARS + 16 * 1024;
/// The largest body the worker should read at all.
pub const MAX_BODY_BYTES: usize = MAX_KYC_PAGE_BODY;

/// How the caller is identified.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Auth<'a> {
    /// The signed session cookie (the default).
    Cookie,
    /// The platform's own authentication (the worker's `authenticate` hook): `subject` is the
    /// platform's user id, `token` the session token its store kept for that subject.
    Platform {
        /// The platform's id for the caller.
        subject: &'a str,
        /// The token stored for the subject, if any.
        token: Option<&'a str>,
    },
}

/// One browser request as the worker received it.
#[derive(Debug, Clone, Copy)]
pub struct Incoming<'a> {
    /// The method, as sent.
    pub method: &'a str,
    /// The raw, still percent-encoded path (without the query).
    pub path: &'a str,
    /// The raw query, without `?`.
    pub query: &'a str,
    /// Every request header, as sent.
    pub headers: &'a [(String, String)],
    /// The body.
    pub body: &'a [u8],
    /// The proxy's own origin, e.g. `https://app.example` (same-origin requests are allowed).
    pub self_origin: &'a str,
    /// Seconds since the Unix epoch.
    pub now: u64,
    /// At least 16 random bytes (a new session id, error ids).
    pub entropy: &'a [u8],
    /// Cookie or platform authentication.
    pub auth: Auth<'a>,
}

/// What the proxy does with a request.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Answer without calling upstream.
    Respond(Response),
    /// Call upstream, then [`Forward::finish`] with its answer.
    Forward(Box<Forward>),
}

/// A checked request to send upstream, and what to remember once it succeeds.
#[derive(Debug, Clone, PartialEq)]
pub struct Forward {
    /// The endpoint.
    pub endpoint: Endpoint,
    /// `GET`, `POST`, `PUT` or `DELETE`.
    pub method: &'static str,
    /// The canonical path relative to `/v2.01/{ClientId}`, e.g. `/sca/users/natural`.
    pub path: String,
    /// The canonical query (no `?`), possibly empty.
    pub query: String,
    /// The re-serialized, validated JSON body, if any.
    pub body: Option<String>,
    /// The session-namespaced idempotency key to send upstream, if any.
    pub idempotency_key: Option<String>,
    session: Session,
    changed: bool,
    cookie: Option<CookieSpec>,
    cors_origin: Option<String>,
}

/// The endpoint and created `Id` of a successful creation replayed by `GET /responses/{key}`
/// (`{StatusCode, RequestURL, Resource, …}`; `StatusCode` is a string on Mangopay).
fn replayed_creation(body: &str) -> Option<(Endpoint, String)> {
    let v = serde_json::from_str::<Value>(body).ok()?;
    let status = match v.get("StatusCode")? {
        Value::String(s) => s.trim().parse::<u16>().ok()?,
        other => u16::try_from(other.as_u64()?).ok()?,
    };
    if !(200..300).contains(&status) {
        return None;
    }
    let url = v.get("RequestURL")?.as_str()?;
    let start = url.find("/v2.01/")?;
    let path = url.get(start..)?.split(['?', '#']).next()?;
    let endpoint = match_route("POST", path).ok()?.endpoint();
    let id = v.get("Resource")?.get("Id")?.as_str()?.to_owned();
    Some((endpoint, id))
}

/// What the worker adds to the upstream's response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finish {
    /// Headers to add (`set-cookie`, CORS).
    pub headers: Vec<(String, String)>,
    /// The new session token when the session changed (for a platform store).
    pub session_token: Option<String>,
}

impl Forward {
    /// Records what a successful response created (users, KYC documents, bank accounts) and
    /// returns the headers to add to the response.
    pub fn finish(&mut self, config: &Config, status: u16, body: &str) -> Finish {
        if (200..300).contains(&status) && self.wants_response_body() {
            let created = match self.endpoint {
                // A replay of this session's own creation (the key is checked as owned) returns
                // the created resource: it belongs to the session as if the creation had
                // answered, which it could not (dropped, timed out).
                Endpoint::GetResponse => replayed_creation(body),
                endpoint => serde_json::from_str::<Value>(body)
                    .ok()
                    .and_then(|v| v.get("Id").and_then(Value::as_str).map(str::to_owned))
                    .map(|id| (endpoint, id)),
            };
            if let Some((endpoint, id)) = created {
                let added = match endpoint {
                    Endpoint::CreateNaturalSca
                    | Endpoint::CreateLegalSca
                    | Endpoint::CreateNatural
                    | Endpoint::CreateLegal => Some(self.session.add_user(&id)),
                    Endpoint::CreateKycDocument => Some(self.session.add_kyc_document(&id)),
                    Endpoint::CreateBankAccount => Some(self.session.add_bank_account(&id)),
                    _ => None,
                };
                if added == Some(true) {
                    self.changed = true;
                }
            }
        }
        let mut headers = Vec::new();
        let mut session_token = None;
        if self.changed {
            let token = self.session.seal(&config.secret);
            if let Some(cookie) = &self.cookie {
                headers.push(("set-cookie".into(), set_cookie(&token, cookie)));
            }
            session_token = Some(token);
        }
        if let Some(origin) = &self.cors_origin {
            headers.extend(cors_headers(origin));
        }
        Finish {
            headers,
            session_token,
        }
    }

    /// True when [`Forward::finish`] reads the response body (creations and replays, whose `Id`
    /// the session records); for other endpoints the worker may pass an empty body.
    pub fn wants_response_body(&self) -> bool {
        matches!(
            self.endpoint,
            Endpoint::CreateNaturalSca
                | Endpoint::CreateLegalSca
                | Endpoint::CreateNatural
                | Endpoint::CreateLegal
                | Endpoint::CreateKycDocument
                | Endpoint::CreateBankAccount
                | Endpoint::GetResponse
        )
    }

    /// The session as it stands (after [`Forward::finish`], with what was created).
    pub fn session(&self) -> &Session {
        &self.session
    }
}

/// Decides what to do with one browser request under `/api/mangopay`.
pub fn decide(config: &Config, req: &Incoming<'_>) -> Outcome {
    match decide_inner(config, req) {
        Ok(outcome) => outcome,
        Err(refusal) => Outcome::Respond(refusal.into_response(config, req)),
    }
}

fn decide_inner(config: &Config, req: &Incoming<'_>) -> Result<Outcome, Refusal> {
    check_headers(req.headers)?;
    let cors_origin = check_origin(config, req)?;
    if req.path.len() > MAX_PATH_LEN || req.query.len() > MAX_PATH_LEN {
        return Err(Refusal::TooLong);
    }
    if req.method == "OPTIONS" {
        return match &cors_origin {
            Some(origin) => Ok(Outcome::Respond(Response {
                status: 204,
                headers: preflight_headers(origin),
                body: String::new(),
            })),
            None => Err(Refusal::Forbidden(
                "Preflight from an origin that is not allowed",
            )),
        };
    }
    if req.path == SESSION_PATH {
        return session_endpoint(config, req, cors_origin);
    }
    let api_path = req
        .path
        .strip_prefix(API_PREFIX)
        .filter(|p| p.starts_with("/v2.01/"))
        .ok_or(Refusal::NotFound)?;
    let route = match match_route(req.method, api_path) {
        Ok(route) => route,
        Err(MatchError::TooLong) => return Err(Refusal::TooLong),
        Err(MatchError::MethodNotAllowed { .. }) => {
            return Err(Refusal::Forbidden("Method not allowed on this path"))
        }
        Err(_) => return Err(Refusal::NotFound),
    };
    if route.client_id() != Some(config.client_id.as_str()) {
        return Err(Refusal::Forbidden("Unknown ClientId"));
    }
    if !config.allows(route.endpoint()) {
        return Err(Refusal::Forbidden(
            "This endpoint is not available through the proxy",
        ));
    }
    let session = load_session(config, req)?.ok_or(Refusal::Forbidden(
        "No valid session: GET /api/mangopay/session first",
    ))?;
    let csrf = single(req.headers, CSRF_HEADER)
        .map_err(|_| Refusal::Forbidden("Duplicate X-CSRF-Token"))?
        .unwrap_or("");
    if !session.csrf_matches(&config.secret, csrf) {
        return Err(Refusal::Forbidden("Missing or wrong X-CSRF-Token"));
    }
    let query = canonical_query(route.endpoint(), req.query)
        .map_err(|e| param_issue("query", IssueCode::InvalidValue, e.to_string()))?;
    check_ownership(&route, &session)?;
    let body = checked_body(&route, req)?;
    forward(config, req, route, session, query, body, cors_origin)
}

fn check_headers(headers: &[(String, String)]) -> Result<(), Refusal> {
    for (name, value) in headers {
        if value.bytes().any(|b| b == b'\r' || b == b'\n' || b == 0)
            || name.bytes().any(|b| !b.is_ascii_graphic() || b == b':')
        {
            return Err(Refusal::BadRequest("Invalid header"));
        }
        if METHOD_OVERRIDE_HEADERS
            .iter()
            .any(|o| o.eq_ignore_ascii_case(name))
        {
            return Err(Refusal::Forbidden(
                "Method override headers are not accepted",
            ));
        }
    }
    Ok(())
}

/// Same-origin and configured origins pass; another Origin, a duplicated one, or a
/// cross-site fetch without an Origin are refused. Returns the origin that needs CORS headers.
fn check_origin(config: &Config, req: &Incoming<'_>) -> Result<Option<String>, Refusal> {
    let origin =
        single(req.headers, "origin").map_err(|_| Refusal::Forbidden("Duplicate Origin"))?;
    match origin {
        Some(o) if o.eq_ignore_ascii_case(req.self_origin) => Ok(None),
        Some(o) if config.allows_origin(o) => Ok(Some(o.to_owned())),
        Some(_) => Err(Refusal::Forbidden("Origin not allowed")),
        None => {
            let site = single(req.headers, "sec-fetch-site").ok().flatten();
            if site.is_some_and(|s| s.eq_ignore_ascii_case("cross-site")) {
                return Err(Refusal::Forbidden("Cross-site request without Origin"));
            }
            Ok(None)
        }
    }
}

fn check_ownership(route: &RouteMatch, session: &Session) -> Result<(), Refusal> {
    let not_yours = Refusal::Forbidden("This resource does not belong to your session");
    if let Some(user) = route.user_id() {
        if !session.owns_user(user) {
            return Err(not_yours);
        }
    }
    if let Some(doc) = route.kyc_document_id() {
        if !session.owns_kyc_document(doc) {
            return Err(not_yours);
        }
    }
    if let Some(account) = route.bank_account_id() {
        if !session.owns_bank_account(account) {
            return Err(not_yours);
        }
    }
    if let Some(key) = route.idempotency_key() {
        if !session.owns_idempotency_key(key) {
            return Err(not_yours);
        }
    }
    let creates_user = matches!(
        route.endpoint(),
        Endpoint::CreateNaturalSca
            | Endpoint::CreateLegalSca
            | Endpoint::CreateNatural
            | Endpoint::CreateLegal
    );
    if creates_user && !session.has_room_for_user() {
        return Err(Refusal::Forbidden("This session cannot create more users"));
    }
    Ok(())
}

fn forward(
    config: &Config,
    req: &Incoming<'_>,
    route: RouteMatch,
    mut session: Session,
    query: String,
    body: Option<String>,
    cors_origin: Option<String>,
) -> Result<Outcome, Refusal> {
    let endpoint = route.endpoint();
    let mut changed = matches!(req.auth, Auth::Platform { token: None, .. });
    let key = single(req.headers, "idempotency-key")
        .map_err(|_| Refusal::BadRequest("Duplicate Idempotency-Key"))?;
    let idempotency_key = match key {
        Some(key) if endpoint.idempotent() => {
            let report = validate::idempotency_key(key);
            if !report.is_ok() {
                return Err(Refusal::Params(report));
            }
            if !session.owns_idempotency_key(key) {
                session.add_idempotency_key(key);
                changed = true;
            }
            Some(session.upstream_idempotency_key(&config.secret, key))
        }
        Some(_) => {
            return Err(Refusal::BadRequest(
                "Idempotency-Key is only accepted on POST",
            ))
        }
        None => None,
    };
    let path = match route.idempotency_key() {
        Some(key) => format!(
            "/responses/{}",
            session.upstream_idempotency_key(&config.secret, key)
        ),
        None => route.relative_path(),
    };
    let cookie = match req.auth {
        Auth::Cookie => Some(CookieSpec {
            secure: secure(req),
            max_age: config.session_ttl,
        }),
        Auth::Platform { .. } => None,
    };
    Ok(Outcome::Forward(Box::new(Forward {
        endpoint,
        method: endpoint.method().as_str(),
        path,
        query,
        body,
        idempotency_key,
        session,
        changed,
        cookie,
        cors_origin,
    })))
}
