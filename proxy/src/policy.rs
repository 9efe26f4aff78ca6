//! The decision for one browser request: refuse it (with a Mangopay-shaped error), answer it
//! (the session endpoint, a preflight), or forward a canonical, validated request upstream.
//!
//! The order of checks: headers (duplicates, CR/LF, method overrides) → Origin → path
//! (`match_route`: traversal, encoded separators, empty segments…) → ClientId → allowlist →
//! session → CSRF token → query (`canonical_query`) → ownership → body (size, media type, JSON,
//! the core's validator) → idempotency key. Only a request that passes all of them is forwarded,
//! and what is forwarded is rebuilt from what was checked, never the raw input.

use mangopay_wasm::api::{self, canonical_query, match_route, Endpoint, MatchError, RouteMatch};
use mangopay_wasm::validate::{self, IssueCode, Report, ValidatorKind, KYC_MAX_BASE64_CHARS};
use serde_json::{json, Value};

use crate::config::Config;
use crate::crypto::{base64url_encode, hex, hmac_sha256};
use crate::http::{cors_headers, preflight_headers, single, Response, METHOD_OVERRIDE_HEADERS};
use crate::session::Session;

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

#[derive(Debug, Clone, PartialEq, Eq)]
struct CookieSpec {
    secure: bool,
    max_age: u64,
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
        if (200..300).contains(&status) {
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

/// Why a request is refused.
#[derive(Debug, Clone, PartialEq)]
enum Refusal {
    Forbidden(&'static str),
    NotFound,
    TooLong,
    TooLarge,
    MediaType,
    BadRequest(&'static str),
    Params(Report),
}

impl Refusal {
    fn into_response(self, config: &Config, req: &Incoming<'_>) -> Response {
        // Error ids come from the request's entropy, hashed so they reveal nothing of it.
        let seed = &hmac_sha256(b"error-id", &[req.entropy])[..];
        let now = req.now;
        let mut response = match self {
            Refusal::Forbidden(why) => Response::error(403, "forbidden_ressource", why, seed, now),
            Refusal::NotFound => Response::error(
                404,
                "ressource_not_found",
                "Cannot found the ressource",
                seed,
                now,
            ),
            Refusal::TooLong => Response::error(
                414,
                "request_uri_too_long",
                "Request URI too long",
                seed,
                now,
            ),
            Refusal::TooLarge => Response::error(
                413,
                "request_entity_too_large",
                "The request body is too large",
                seed,
                now,
            ),
            Refusal::MediaType => Response::error(
                415,
                "unsupported_media_type",
                "Send the body as application/json",
                seed,
                now,
            ),
            Refusal::BadRequest(why) => Response::error(400, "param_error", why, seed, now),
            Refusal::Params(report) => Response::json(400, &report.to_param_error()),
        };
        // Refusals still carry CORS headers for allowed origins, so a page can read the reason.
        if let Some(origin) = allowed_cross_origin_of(config, req) {
            response.headers.extend(cors_headers(&origin));
        }
        response
    }
}

fn param_issue(path: &str, code: IssueCode, message: impl Into<String>) -> Refusal {
    let mut report = Report::new();
    report.push(path, code, message);
    Refusal::Params(report)
}

/// The request's Origin when it is allowed and not the proxy's own (so CORS headers apply).
fn allowed_cross_origin_of(config: &Config, req: &Incoming<'_>) -> Option<String> {
    let origin = single(req.headers, "origin").ok().flatten()?;
    if origin.eq_ignore_ascii_case(req.self_origin) || !config.allows_origin(origin) {
        return None;
    }
    Some(origin.to_owned())
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

fn secure(req: &Incoming<'_>) -> bool {
    req.self_origin.starts_with("https://")
}

fn cookie_name(req: &Incoming<'_>) -> &'static str {
    if secure(req) {
        SECURE_COOKIE_NAME
    } else {
        COOKIE_NAME
    }
}

/// The session cookie's value; an error when the cookie is sent twice (cookie tossing).
fn session_cookie<'h>(req: &Incoming<'h>) -> Result<Option<&'h str>, Refusal> {
    let name = cookie_name(req);
    let mut found = None;
    for (n, header) in req.headers {
        if !n.eq_ignore_ascii_case("cookie") {
            continue;
        }
        for pair in header.split(';') {
            if let Some((k, v)) = pair.trim().split_once('=') {
                if k == name {
                    if found.is_some() {
                        return Err(Refusal::Forbidden("Session cookie sent twice"));
                    }
                    found = Some(v);
                }
            }
        }
    }
    Ok(found)
}

/// The platform subject's session id: derived, so it is stable across tokens.
fn subject_session_id(config: &Config, subject: &str) -> String {
    let tag = hmac_sha256(&config.secret, &[b"subject|", subject.as_bytes()]);
    format!("p-{}", hex(tag.get(..16).unwrap_or(&tag)))
}

/// The caller's valid session, if any.
fn load_session(config: &Config, req: &Incoming<'_>) -> Result<Option<Session>, Refusal> {
    match req.auth {
        Auth::Cookie => {
            Ok(session_cookie(req)?.and_then(|t| Session::open(t, &config.secret, req.now).ok()))
        }
        Auth::Platform { subject, token } => {
            let id = subject_session_id(config, subject);
            // The platform's login vouches for freshness, so a stored token does not expire:
            // a platform user keeps owning what it created. The signature and the subject
            // binding still hold.
            let stored = token
                .and_then(|t| Session::open(t, &config.secret, 0).ok())
                .filter(|s| s.id == id);
            // A platform caller is authenticated already: start its session on first use.
            Ok(Some(stored.unwrap_or_else(|| {
                Session::new(id, req.now.saturating_add(config.session_ttl))
            })))
        }
    }
}

fn set_cookie(token: &str, spec: &CookieSpec) -> String {
    let name = if spec.secure {
        SECURE_COOKIE_NAME
    } else {
        COOKIE_NAME
    };
    let secure = if spec.secure { "; Secure" } else { "" };
    format!(
        "{name}={token}; Path=/; Max-Age={}; HttpOnly; SameSite=Strict{secure}",
        spec.max_age
    )
}

/// `GET /api/mangopay/session`: keeps a valid session (renewing its expiry) or starts one, and
/// returns its CSRF token.
fn session_endpoint(
    config: &Config,
    req: &Incoming<'_>,
    cors_origin: Option<String>,
) -> Result<Outcome, Refusal> {
    if req.method != "GET" {
        return Err(Refusal::Forbidden("Use GET for the session endpoint"));
    }
    if !req.query.is_empty() || !req.body.is_empty() {
        return Err(Refusal::BadRequest(
            "The session endpoint takes no parameters",
        ));
    }
    let expires = req.now.saturating_add(config.session_ttl);
    let mut session = match load_session(config, req)? {
        Some(session) => session,
        None => {
            if req.entropy.len() < 16 {
                return Err(Refusal::BadRequest("Not enough entropy for a session"));
            }
            Session::new(
                base64url_encode(req.entropy.get(..16).unwrap_or(&[])),
                expires,
            )
        }
    };
    session.expires = expires;
    let token = session.seal(&config.secret);
    let mut response = Response::json(
        200,
        &json!({ "csrfToken": session.csrf_token(&config.secret) }),
    );
    match req.auth {
        Auth::Cookie => {
            let spec = CookieSpec {
                secure: secure(req),
                max_age: config.session_ttl,
            };
            response
                .headers
                .push(("set-cookie".into(), set_cookie(&token, &spec)));
        }
        Auth::Platform { .. } => response
            .headers
            .push(("x-mangopay-proxy-session".into(), token)),
    }
    if let Some(origin) = cors_origin {
        response.headers.extend(cors_headers(&origin));
    }
    Ok(Outcome::Respond(response))
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

/// The validator of an endpoint's body; `None` for bodies without one (checked as objects).
fn validator(route: &RouteMatch) -> Option<ValidatorKind> {
    Some(match route.endpoint() {
        Endpoint::CreateNaturalSca => ValidatorKind::CreateNaturalSca,
        Endpoint::CreateLegalSca => ValidatorKind::CreateLegalSca,
        Endpoint::CreateNatural => ValidatorKind::CreateNatural,
        Endpoint::CreateLegal => ValidatorKind::CreateLegal,
        Endpoint::UpdateNaturalSca => ValidatorKind::UpdateNaturalSca,
        Endpoint::UpdateLegalSca => ValidatorKind::UpdateLegalSca,
        Endpoint::UpdateNatural => ValidatorKind::UpdateNatural,
        Endpoint::UpdateLegal => ValidatorKind::UpdateLegal,
        Endpoint::CategorizeNatural => ValidatorKind::CategorizeNatural,
        Endpoint::CategorizeLegal => ValidatorKind::CategorizeLegal,
        Endpoint::CreateKycDocument => ValidatorKind::CreateKycDocument,
        Endpoint::CreateKycPage => ValidatorKind::CreateKycPage,
        Endpoint::CreateBankAccount => match route.bank_account_type() {
            Some(kind) => ValidatorKind::CreateBankAccountOfType(bank_account_kind(kind)),
            None => ValidatorKind::CreateBankAccount,
        },
        Endpoint::ValidateTheFormatOfUserData => ValidatorKind::ValidateTheFormatOfUserData,
        _ => return None,
    })
}

/// The validator's name for the path's bank account type.
fn bank_account_kind(kind: api::BankAccountType) -> validate::BankAccountType {
    match kind {
        api::BankAccountType::Iban => validate::BankAccountType::Iban,
        api::BankAccountType::Gb => validate::BankAccountType::Gb,
        api::BankAccountType::Us => validate::BankAccountType::Us,
        api::BankAccountType::Ca => validate::BankAccountType::Ca,
        api::BankAccountType::Other => validate::BankAccountType::Other,
    }
}

/// Checks the body against the endpoint and returns the JSON to forward.
fn checked_body(route: &RouteMatch, req: &Incoming<'_>) -> Result<Option<String>, Refusal> {
    let endpoint = route.endpoint();
    let limit = if endpoint == Endpoint::CreateKycPage {
        MAX_KYC_PAGE_BODY
    } else {
        MAX_JSON_BODY
    };
    if req.body.len() > limit {
        return Err(Refusal::TooLarge);
    }
    let blank = req.body.iter().all(u8::is_ascii_whitespace);
    if !endpoint.takes_body() {
        // Enroll, consent, reads: nothing, or an empty JSON object, is accepted and dropped.
        let empty_object = serde_json::from_slice::<Value>(req.body)
            .ok()
            .and_then(|v| v.as_object().map(|o| o.is_empty()))
            .unwrap_or(false);
        if blank || empty_object {
            return Ok(None);
        }
        return Err(Refusal::BadRequest("This endpoint takes no body"));
    }
    let content_type = single(req.headers, "content-type")
        .map_err(|_| Refusal::MediaType)?
        .unwrap_or("");
    let media = content_type.split(';').next().unwrap_or("").trim();
    if !media.eq_ignore_ascii_case("application/json") {
        return Err(Refusal::MediaType);
    }
    let body: Value = serde_json::from_slice(req.body).map_err(|_| {
        param_issue(
            "",
            IssueCode::InvalidType,
            "The body must be a JSON object.",
        )
    })?;
    if !body.is_object() {
        return Err(param_issue(
            "",
            IssueCode::InvalidType,
            "The body must be a JSON object.",
        ));
    }
    if let Some(kind) = validator(route) {
        let report = validate::validate(kind, &body);
        if !report.is_ok() {
            return Err(Refusal::Params(report));
        }
    }
    // What was validated is what is sent: re-serialized, so duplicate keys or odd spacing
    // cannot be read differently upstream.
    Ok(Some(body.to_string()))
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
