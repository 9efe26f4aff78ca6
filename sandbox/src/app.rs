//! The request pipeline, independent of the HTTP library: routing (with the core crate's
//! matcher), rate limits, authentication, body checks, idempotency, faults, then the endpoint.

use std::net::SocketAddr;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use mangopay_wasm::api::{match_route, Endpoint, MatchError, RouteMatch};
use mangopay_wasm::model::OAuthToken;
use serde_json::Value;

use crate::config::{Config, KycDefault};
use crate::faults::{Fault, FaultKind, Faults};
use crate::kyc;
use crate::lists::ordered_text;
use crate::ratelimit::{RateLimiter, RateStatus};
use crate::reply::{api_error, internal, not_found, param_error, param_errors, Reply};
use crate::reqlog::{Entry, RequestLog};
use crate::resources;
use crate::rules;
use crate::sca;
use crate::store::{IdempotentRecord, Person, Store};
use crate::users::{self, Flavor};
use crate::util::{base64_decode, form_value, http_date, now_millis, now_unix};

/// The admin API's path prefix; it can never collide with the API (`/v2.01/…`).
pub const ADMIN_PREFIX: &str = "/__sandbox/";
/// The largest JSON body accepted outside KYC pages.
pub const MAX_JSON_BODY: usize = 1024 * 1024;
/// The largest body of a KYC page upload: 10 MB of Base64 plus room for the JSON around it.
pub const MAX_PAGE_BODY: usize = rules::KYC_MAX_BASE64_CHARS + 64 * 1024;

/// The settings a handler reads.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The origin of links handed out, without a trailing slash.
    pub public_url: String,
    /// Accepted `(ClientId, API key)` pairs.
    pub credentials: Vec<(String, String)>,
    /// OAuth token lifetime.
    pub token_ttl: Duration,
    /// Delay before a submitted KYC document's outcome.
    pub kyc_delay: Duration,
    /// Outcome of untagged KYC documents.
    pub kyc_default: KycDefault,
    /// SCA session lifetime.
    pub sca_session_ttl: Duration,
    /// Idempotency key lifetime.
    pub idempotency_ttl: Duration,
    /// Whether the admin API is served.
    pub admin: bool,
    /// Whether request lines go to stderr.
    pub log_requests: bool,
}

/// Mutable state, behind one lock held for microseconds at a time.
#[derive(Debug)]
pub struct State {
    /// Users, documents, tokens, sessions, idempotency keys.
    pub store: Store,
    /// Rate-limit windows.
    pub rates: RateLimiter,
    /// Fault settings and script.
    pub faults: Faults,
    /// The request log.
    pub log: RequestLog,
}

/// The sandbox application.
#[derive(Debug)]
pub struct App {
    /// The settings.
    pub settings: Settings,
    state: Mutex<State>,
}

/// A request as the HTTP layer received it.
#[derive(Debug, Clone)]
pub struct Incoming {
    /// The method, as sent.
    pub method: String,
    /// The raw path, still percent-encoded.
    pub path: String,
    /// The raw query without `?`.
    pub query: String,
    /// Header names (lower case) and values.
    pub headers: Vec<(String, String)>,
    /// The body (empty when over the limit).
    pub body: Vec<u8>,
    /// True when the body was over the limit and not read.
    pub oversized: bool,
    /// The TCP peer.
    pub peer: SocketAddr,
}

impl Incoming {
    /// The first value of a header.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body size the HTTP layer may read for this path.
    pub fn body_limit(path: &str) -> usize {
        let p = path.trim_end_matches('/').to_ascii_lowercase();
        if p.starts_with("/v2.01/") && p.ends_with("/pages") {
            MAX_PAGE_BODY
        } else {
            MAX_JSON_BODY
        }
    }
}

/// What the HTTP layer does with the reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum After {
    /// Send it.
    Respond,
    /// Close the connection without sending anything.
    Drop,
    /// Send it after this many milliseconds.
    Delay(u64),
}

/// A handled request.
#[derive(Debug)]
pub struct Outcome {
    /// The answer.
    pub reply: Reply,
    /// How to deliver it.
    pub after: After,
}

/// What a handler gets.
pub struct Call<'a> {
    /// The settings.
    pub settings: &'a Settings,
    /// The matched route.
    pub route: &'a RouteMatch,
    /// The authenticated ClientId.
    pub client: &'a str,
    /// The JSON body, if the endpoint takes one and one was sent.
    pub body: Option<&'a Value>,
    /// The raw query.
    pub query: &'a str,
}

/// What the log needs beyond the request and the reply.
#[derive(Default)]
struct Notes {
    endpoint: Option<String>,
    canonical_path: Option<String>,
    client_id: Option<String>,
    fault: Option<&'static str>,
}

impl App {
    /// A fresh application for `config`, whose links use `public_url`.
    pub fn new(config: &Config, public_url: String) -> App {
        App {
            settings: Settings {
                public_url,
                credentials: config.credentials.clone(),
                token_ttl: config.token_ttl,
                kyc_delay: config.kyc_delay,
                kyc_default: config.kyc_default,
                sca_session_ttl: config.sca_session_ttl,
                idempotency_ttl: config.idempotency_ttl,
                admin: config.admin,
                log_requests: config.log_requests,
            },
            state: Mutex::new(State {
                store: Store::default(),
                rates: RateLimiter::new(config.rate_limits),
                faults: Faults::new(config.faults.clone()),
                log: RequestLog::default(),
            }),
        }
    }

    /// The state, even if a previous holder panicked (it cannot: no code here panics).
    pub fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Handles one request; never panics.
    pub fn handle(&self, req: &Incoming) -> Outcome {
        let started = Instant::now();
        let time_ms = now_millis();
        let mut notes = Notes::default();
        let (reply, after) = if req.path.starts_with(ADMIN_PREFIX) || req.path == "/__sandbox" {
            notes.endpoint = Some("admin".into());
            (crate::admin::handle(self, req), After::Respond)
        } else if req.path == sca::SESSION_PATH || req.path == "/sca/session/" {
            notes.endpoint = Some("sca_page".into());
            (self.sca_page(req), After::Respond)
        } else {
            self.api(req, &mut notes)
        };
        let mut st = self.lock();
        let admin = notes.endpoint.as_deref() == Some("admin");
        let entry = Entry {
            // The admin API is the test harness talking, not traffic to the API: not recorded.
            seq: if admin { 0 } else { st.log.next_seq() },
            time_ms,
            method: req.method.clone(),
            path: req.path.clone(),
            query: req.query.clone(),
            canonical_path: notes.canonical_path,
            endpoint: notes.endpoint,
            client_id: notes.client_id,
            status: reply.status,
            idempotency_key: req.header("idempotency-key").map(str::to_owned),
            fault: notes.fault,
            duration_ms: started.elapsed().as_secs_f64() * 1000.0,
        };
        if self.settings.log_requests {
            eprintln!("{}", entry.line());
        }
        if !admin {
            st.log.record(entry);
        }
        Outcome { reply, after }
    }

    fn sca_page(&self, req: &Incoming) -> Reply {
        let mut st = self.lock();
        match req.method.as_str() {
            "GET" => sca::show_page(&mut st.store, &self.settings, &req.query),
            "POST" => sca::submit_page(&mut st.store, &self.settings, &req.body),
            _ => Reply::html(405, "Method not allowed\n".into()).with_header("Allow", "GET, POST"),
        }
    }

    /// The ClientId whose rate-limit bucket a request counts against. Only configured ClientIds
    /// get their own bucket, so junk client ids cannot grow memory.
    fn bucket(&self, req: &Incoming, route: &Result<RouteMatch, MatchError>) -> String {
        let candidate = match route {
            Ok(r) => r
                .client_id()
                .map(str::to_owned)
                .or_else(|| basic_credentials(req).map(|(id, _)| id)),
            Err(_) => req.path.split('/').nth(2).map(str::to_owned),
        };
        match candidate {
            Some(id) if self.settings.credentials.iter().any(|(c, _)| *c == id) => id,
            _ => "-".to_owned(),
        }
    }

    fn api(&self, req: &Incoming, notes: &mut Notes) -> (Reply, After) {
        let route = match_route(&req.method, &req.path);
        let bucket = self.bucket(req, &route);
        let rate = self.lock().rates.hit(&bucket, now_unix());
        if let Ok(r) = &route {
            notes.endpoint = Some(r.endpoint().name().to_owned());
            notes.canonical_path = Some(r.canonical_path());
            notes.client_id = r
                .client_id()
                .map(str::to_owned)
                .or_else(|| basic_credentials(req).map(|(id, _)| id));
        }
        let (reply, after) = self.api_inner(req, route, &rate, notes);
        let mut reply = reply;
        for (name, value) in rate.headers() {
            reply.headers.push((name.to_owned(), value));
        }
        (reply, after)
    }

    fn api_inner(
        &self,
        req: &Incoming,
        route: Result<RouteMatch, MatchError>,
        rate: &RateStatus,
        notes: &mut Notes,
    ) -> (Reply, After) {
        let respond = |r: Reply| (r, After::Respond);
        if !rate.allowed {
            return respond(api_error(
                429,
                "rate_limit",
                "Rate limit exceeded. Please contact support for more assistance",
            ));
        }
        let route = match route {
            Ok(r) => r,
            Err(e) => return respond(route_error(&e, req)),
        };
        let endpoint = route.endpoint();
        let fault_path = route.canonical_path();
        if endpoint == Endpoint::OauthToken {
            return self.with_faults(req, &fault_path, notes, None, |app| app.oauth(req));
        }
        let Some(client) = route.client_id() else {
            return respond(internal("no ClientId in a client-scoped route"));
        };
        if let Err(r) = self.authenticate(req, client) {
            return respond(r);
        }
        let key = match idempotency_key(req, endpoint) {
            Ok(k) => k,
            Err(r) => return respond(r),
        };
        if let Some(key) = &key {
            if let Err(r) = self.reserve_key(client, key) {
                return respond(r);
            }
        }
        let idem = key.as_deref().map(|k| (client, k));
        self.with_faults(req, &fault_path, notes, idem, |app| {
            // Inside the API: a body refused here still uses up its idempotency key.
            let body = match parse_body(req, endpoint) {
                Ok(b) => b,
                Err(r) => return r,
            };
            let call = Call {
                settings: &app.settings,
                route: &route,
                client,
                body: body.as_ref(),
                query: &req.query,
            };
            app.dispatch(&call)
        })
    }

    /// Applies the fault chosen for this request around `process`, and records the answer of an
    /// idempotent request.
    fn with_faults(
        &self,
        req: &Incoming,
        path: &str,
        notes: &mut Notes,
        idem: Option<(&str, &str)>,
        process: impl FnOnce(&App) -> Reply,
    ) -> (Reply, After) {
        let fault: Option<Fault> = self.lock().faults.choose(&req.method, path);
        notes.fault = fault.map(|f| f.kind.as_str());
        if let Some(f) = fault.filter(|f| f.kind.before_processing()) {
            let retry_after = self.lock().faults.settings().retry_after_secs;
            let reply = match f.kind {
                FaultKind::Error500 => api_error(
                    500,
                    "internal_server_error",
                    "An internal error occurred (injected by the sandbox)",
                ),
                FaultKind::Error503 => api_error(
                    503,
                    "service_unavailable",
                    "The service is temporarily unavailable (injected by the sandbox)",
                ),
                _ => api_error(
                    429,
                    "rate_limit",
                    "Rate limit exceeded. Please contact support for more assistance",
                )
                .with_header("Retry-After", retry_after.to_string()),
            }
            .with_header("X-Sandbox-Fault", f.kind.as_str());
            if let Some((client, key)) = idem {
                if f.kind == FaultKind::Error500 {
                    // Inside the API: the key is used, as by any failed call.
                    self.record_key(client, key, req, &reply);
                } else {
                    // In front of the API: the request never reached it.
                    self.release_key(client, key);
                }
            }
            return (reply, After::Respond);
        }
        let reply = process(self);
        if let Some((client, key)) = idem {
            self.record_key(client, key, req, &reply);
        }
        let after = match fault.map(|f| (f.kind, f.delay_ms)) {
            Some((FaultKind::Drop, _)) => After::Drop,
            Some((FaultKind::Delay, ms)) => After::Delay(ms),
            _ => After::Respond,
        };
        let reply = match fault {
            Some(f) => reply.with_header("X-Sandbox-Fault", f.kind.as_str()),
            None => reply,
        };
        (reply, after)
    }

    fn dispatch(&self, call: &Call<'_>) -> Reply {
        use Endpoint as E;
        let natural = Some(Person::Natural);
        let legal = Some(Person::Legal);
        let endpoint = call.route.endpoint();
        if endpoint == E::CreateKycPage {
            return self.kyc_page(call);
        }
        if endpoint == E::ValidateTheFormatOfUserData {
            return resources::validate_data_format(call);
        }
        let mut st = self.lock();
        let store = &mut st.store;
        match endpoint {
            E::CreateNaturalSca => users::create(store, call, Person::Natural, true),
            E::CreateLegalSca => users::create(store, call, Person::Legal, true),
            E::CreateNatural => users::create(store, call, Person::Natural, false),
            E::CreateLegal => users::create(store, call, Person::Legal, false),
            E::Get => users::view(
                store,
                call,
                Flavor {
                    person: None,
                    sca: false,
                },
            ),
            E::GetSca => users::view(
                store,
                call,
                Flavor {
                    person: None,
                    sca: true,
                },
            ),
            E::GetNatural => users::view(
                store,
                call,
                Flavor {
                    person: natural,
                    sca: false,
                },
            ),
            E::GetNaturalSca => users::view(
                store,
                call,
                Flavor {
                    person: natural,
                    sca: true,
                },
            ),
            E::GetLegal => users::view(
                store,
                call,
                Flavor {
                    person: legal,
                    sca: false,
                },
            ),
            E::GetLegalSca => users::view(
                store,
                call,
                Flavor {
                    person: legal,
                    sca: true,
                },
            ),
            E::GetAll => users::list(store, call),
            E::UpdateNatural => users::update(store, call, Person::Natural, false),
            E::UpdateLegal => users::update(store, call, Person::Legal, false),
            E::UpdateNaturalSca => users::update(store, call, Person::Natural, true),
            E::UpdateLegalSca => users::update(store, call, Person::Legal, true),
            E::CategorizeNatural => users::categorize(store, call, Person::Natural),
            E::CategorizeLegal => users::categorize(store, call, Person::Legal),
            E::CloseNatural => users::close(store, call, Person::Natural),
            E::CloseLegal => users::close(store, call, Person::Legal),
            E::Enroll => sca::enroll(store, call),
            E::ManageConsent => sca::consent(store, call),
            E::GetScaStatus => sca::status(store, call),
            E::GetBlockStatus | E::GetRegulatory => resources::block_status(store, call),
            E::GetEMoney => resources::emoney(store, call),
            E::CreateBankAccount => resources::create_bank_account(store, call),
            E::GetBankAccount => resources::view_bank_account(store, call),
            E::GetBankAccounts => resources::list_bank_accounts(store, call),
            E::UpdateBankAccount => resources::deactivate_bank_account(store, call),
            E::GetMandatesForBankAccount => resources::bank_account_mandates(store, call),
            E::GetWallets
            | E::GetTransactions
            | E::GetCards
            | E::GetMandates
            | E::GetPreAuthorizations => resources::empty_list(store, call),
            E::CreateKycDocument => kyc::create(store, call),
            E::GetKycDocument => kyc::view(store, call),
            E::GetKycDocuments => kyc::list(store, call),
            E::UpdateKycDocument => kyc::submit(store, call),
            E::GetResponse => replay(store, call, self.settings.idempotency_ttl),
            _ => not_found("Endpoint", endpoint.name()),
        }
    }

    /// `POST …/pages`: the file is checked without holding the lock (it may be 10 MB).
    fn kyc_page(&self, call: &Call<'_>) -> Reply {
        let target = match kyc::page_precheck(&mut self.lock().store, call) {
            Ok(t) => t,
            Err(r) => return r,
        };
        match kyc::check_page(call.body, &target) {
            Ok(size) => kyc::page_commit(&mut self.lock().store, call, size),
            Err(r) => r,
        }
    }

    fn authenticate(&self, req: &Incoming, client: &str) -> Result<(), Reply> {
        let invalid = || {
            api_error(
                401,
                "invalid_credentials",
                "The authorization credentials are not valid",
            )
        };
        let header = req.header("authorization").ok_or_else(invalid)?;
        let (scheme, token) = header.trim().split_once(' ').ok_or_else(invalid)?;
        if !scheme.eq_ignore_ascii_case("bearer") {
            return Err(invalid());
        }
        let st = self.lock();
        match st.store.tokens.get(token.trim()) {
            Some(t) if t.client_id == client && t.expires > Instant::now() => Ok(()),
            _ => Err(invalid()),
        }
    }

    /// `POST /v2.01/oauth/token`.
    fn oauth(&self, req: &Incoming) -> Reply {
        let invalid = api_error(
            401,
            "invalid_credentials",
            "The authorization credentials are not valid",
        );
        let Some((id, key)) = basic_credentials(req) else {
            return invalid;
        };
        let known = self
            .settings
            .credentials
            .iter()
            .any(|(i, k)| *i == id && *k == key);
        if !known {
            return invalid;
        }
        let form = req
            .header("content-type")
            .is_some_and(|c| media_type(c) == "application/x-www-form-urlencoded");
        if !form {
            return oauth_error(
                "invalid_request",
                "The Content-Type must be application/x-www-form-urlencoded.",
            );
        }
        let body = String::from_utf8_lossy(&req.body);
        if form_value(&body, "grant_type").as_deref() != Some("client_credentials") {
            return oauth_error(
                "unsupported_grant_type",
                "The grant_type must be client_credentials.",
            );
        }
        let ttl = self.settings.token_ttl;
        let token = self.lock().store.issue_token(&id, ttl);
        Reply::json(
            200,
            &OAuthToken {
                access_token: Some(token),
                token_type: Some("bearer".into()),
                expires_in: i64::try_from(ttl.as_secs()).ok(),
            },
        )
    }

    /// Reserves an idempotency key, or answers 409 if it was used within its lifetime.
    fn reserve_key(&self, client: &str, key: &str) -> Result<(), Reply> {
        let mut st = self.lock();
        let ttl = self.settings.idempotency_ttl;
        let now = Instant::now();
        let map = &mut st.store.idempotency;
        if map.len() > 50_000 {
            map.retain(|_, (at, _)| now.duration_since(*at) < ttl);
        }
        let slot = (client.to_owned(), key.to_owned());
        if let Some((at, _)) = map.get(&slot) {
            if now.duration_since(*at) < ttl {
                return Err(api_error(
                    409,
                    "idempotent_creation_conflict",
                    "A resource has already been created with this Idempotency Key",
                ));
            }
        }
        map.insert(slot, (now, IdempotentRecord::Pending));
        Ok(())
    }

    fn release_key(&self, client: &str, key: &str) {
        self.lock()
            .store
            .idempotency
            .remove(&(client.to_owned(), key.to_owned()));
    }

    /// Records the answer to an idempotent request as the API Response object.
    fn record_key(&self, client: &str, key: &str, req: &Incoming, reply: &Reply) {
        let resource = if reply.body.is_empty() {
            "null".to_owned()
        } else {
            String::from_utf8_lossy(&reply.body).into_owned()
        };
        let mut url = format!("{}{}", self.settings.public_url, req.path);
        if !req.query.is_empty() {
            url.push('?');
            url.push_str(&req.query);
        }
        let text = ordered_text([
            (
                "StatusCode",
                Value::from(reply.status.to_string()).to_string(),
            ),
            (
                "ContentLength",
                Value::from(reply.body.len().to_string()).to_string(),
            ),
            (
                "ContentType",
                reply
                    .content_type
                    .map_or(Value::Null, Value::from)
                    .to_string(),
            ),
            ("Date", Value::from(http_date(now_unix())).to_string()),
            ("RequestURL", Value::from(url).to_string()),
            ("Resource", resource),
        ]);
        let mut st = self.lock();
        let slot = (client.to_owned(), key.to_owned());
        let at = st
            .store
            .idempotency
            .get(&slot)
            .map_or_else(Instant::now, |(at, _)| *at);
        st.store
            .idempotency
            .insert(slot, (at, IdempotentRecord::Done(text)));
    }
}

/// `GET /responses/{key}`: the recorded answer, for 24 hours.
fn replay(store: &mut Store, call: &Call<'_>, ttl: Duration) -> Reply {
    let key = call.route.idempotency_key().unwrap_or_default();
    match store
        .idempotency
        .get(&(call.client.to_owned(), key.to_owned()))
    {
        Some((at, IdempotentRecord::Done(text))) if at.elapsed() < ttl => {
            Reply::json_bytes(200, text.clone().into_bytes())
        }
        _ => not_found("ApiResponse", key),
    }
}

fn oauth_error(error: &str, description: &str) -> Reply {
    let body = serde_json::json!({"error": error, "error_description": description});
    Reply::json(400, &body)
}

/// `(ClientId, API key)` from `Authorization: Basic …`.
fn basic_credentials(req: &Incoming) -> Option<(String, String)> {
    let header = req.header("authorization")?;
    let (scheme, encoded) = header.trim().split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = String::from_utf8(base64_decode(encoded.trim())?).ok()?;
    let (id, key) = decoded.split_once(':')?;
    Some((id.to_owned(), key.to_owned()))
}

/// The media type of a `Content-Type`, lower case, without parameters.
fn media_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// The JSON body of an endpoint that takes one: 413 if over the limit, 415 for another media
/// type, 400 `param_error` for malformed JSON. Bodies of other endpoints are ignored.
fn parse_body(req: &Incoming, endpoint: Endpoint) -> Result<Option<Value>, Reply> {
    if !endpoint.takes_body() {
        return Ok(None);
    }
    if req.oversized {
        return Err(if endpoint == Endpoint::CreateKycPage {
            kyc::too_large()
        } else {
            api_error(
                413,
                "request_entity_too_large",
                "The request body is too large (at most 1 MB)",
            )
        });
    }
    if req.body.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    let media = req
        .header("content-type")
        .map(media_type)
        .unwrap_or_default();
    let json = media == "application/json"
        || (media.starts_with("application/") && media.ends_with("+json"));
    if !json {
        let shown = if media.is_empty() {
            "(none)".to_owned()
        } else {
            media
        };
        return Err(api_error(
            415,
            "unsupported_media_type",
            &format!(
                "The request entity's media type '{shown}' is not supported for this resource: send application/json."
            ),
        ));
    }
    serde_json::from_slice::<Value>(&req.body)
        .map(Some)
        .map_err(|e| {
            param_error(
                "",
                &format!(
                    "The request body is not valid JSON: {} (line {}, column {}).",
                    match e.classify() {
                        serde_json::error::Category::Eof => "unexpected end",
                        serde_json::error::Category::Syntax => "syntax error",
                        serde_json::error::Category::Data => "invalid data",
                        serde_json::error::Category::Io => "unreadable",
                    },
                    e.line(),
                    e.column()
                ),
            )
        })
}

/// The `Idempotency-Key` of a POST, checked (16–36 letters, digits or dashes).
fn idempotency_key(req: &Incoming, endpoint: Endpoint) -> Result<Option<String>, Reply> {
    if !endpoint.idempotent() {
        return Ok(None);
    }
    let Some(key) = req.header("idempotency-key") else {
        return Ok(None);
    };
    let report = rules::idempotency_key(key);
    if !report.is_ok() {
        return Err(param_errors(report.errors()));
    }
    Ok(Some(key.to_owned()))
}

/// The error for a path the matcher refused.
fn route_error(e: &MatchError, req: &Incoming) -> Reply {
    match e {
        MatchError::NotFound => not_found("path", &req.path),
        MatchError::MethodNotAllowed { allowed } => {
            let list: Vec<&str> = allowed.iter().map(|m| m.as_str()).collect();
            api_error(
                405,
                "method_not_allowed",
                &format!(
                    "The requested resource does not support http method '{}'.",
                    req.method
                ),
            )
            .with_header("Allow", list.join(", "))
        }
        MatchError::TooLong => {
            api_error(414, "request_uri_too_long", "The request URI is too long")
        }
        MatchError::InvalidParameter { name, reason } => param_error(name, reason),
        other => param_error("", &format!("The request path is not acceptable: {other}.")),
    }
}
