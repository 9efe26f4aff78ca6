//! The caller's session: the cookie (or the platform hook's stored token), and the session
//! endpoint that starts one and hands out its CSRF token.

use serde_json::json;

use super::refusal::Refusal;
use super::{Auth, Incoming, Outcome, COOKIE_NAME, SECURE_COOKIE_NAME};
use crate::config::Config;
use crate::crypto::{base64url_encode, hex, hmac_sha256};
use crate::http::{cors_headers, Response};
use crate::session::Session;

#[derive(Debug, Clone, PartialEq, Eq)]
/// How the session cookie is set.
pub(super) struct CookieSpec {
    pub(super) secure: bool,
    pub(super) max_age: u64,
}

/// True when the proxy is served over HTTPS (the cookie is then Secure and `__Host-`).
pub(super) fn secure(req: &Incoming<'_>) -> bool {
    req.self_origin.starts_with("https://")
}

/// The session cookie's name for this scheme.
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
pub(super) fn load_session(
    config: &Config,
    req: &Incoming<'_>,
) -> Result<Option<Session>, Refusal> {
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

/// The `Set-Cookie` value carrying `token`.
pub(super) fn set_cookie(token: &str, spec: &CookieSpec) -> String {
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
pub(super) fn session_endpoint(
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
