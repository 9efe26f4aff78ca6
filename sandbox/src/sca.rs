//! SCA: enrollment sessions and the sandbox's hosted SCA page (plain HTML forms, no script),
//! enroll, proxy consent, SCA status, and SCA on wallet access.

use std::time::Instant;

use mangopay_wasm::model::{
    ConsentScope, ConsentScopeStatus, PendingUserAction, ScaStatus, UserEnrollmentResult,
    UserStatus,
};
use serde_json::{json, Value};

use crate::app::{Call, Settings};
use crate::reply::{api_error, api_error_with, not_found, param_error, Reply};
use crate::store::{Person, SessionKind, Store, User};
use crate::users::{closed_user, find};
use crate::util::{form_value, html_escape, now_unix, parse_form};

/// The path of the hosted SCA page, under the public URL.
pub const SESSION_PATH: &str = "/sca/session";
/// How long a successful authentication exempts wallet access ("180 days").
const WALLET_EXEMPTION_SECS: i64 = 180 * 24 * 3600;
/// The longest `returnUrl` accepted (RedirectUrl plus returnUrl must stay under 2,000 chars).
const MAX_RETURN_URL: usize = 2000;

/// The `RedirectUrl` of a session token.
pub fn redirect_url(settings: &Settings, token: &str) -> String {
    format!("{}{SESSION_PATH}?token={token}", settings.public_url)
}

fn bypasses_sca(user: &User) -> bool {
    user.sca_email()
        .is_some_and(|e| e.to_ascii_lowercase().contains("accept"))
}

/// An OWNER was created, categorized, or changed its SCA contact details: the user becomes
/// `PENDING_USER_ACTION` and a session opens (its `RedirectUrl` is returned). An email
/// containing `accept` bypasses SCA as on Mangopay's sandbox: the user is `ACTIVE` at once.
pub fn trigger_enrollment(store: &mut Store, call: &Call<'_>, user_id: &str) -> Option<String> {
    let now = now_unix();
    let user = store.client(call.client).users.get_mut(user_id)?;
    user.sca.triggered = true;
    if bypasses_sca(user) {
        user.sca.enrolled = true;
        user.sca.last_enrollment = Some(now);
        user.sca.last_authentication = Some(now);
        user.data.insert("UserStatus".into(), json!("ACTIVE"));
        return None;
    }
    user.data
        .insert("UserStatus".into(), json!("PENDING_USER_ACTION"));
    let token = store.open_session(call.client, user_id, SessionKind::Enrollment);
    Some(redirect_url(call.settings, &token))
}

fn payer_refused() -> Reply {
    api_error(
        400,
        "not_allowed_for_user_category_payer",
        "This endpoint is not allowed for User categorized as PAYER",
    )
}

fn pending_action(url: String) -> Reply {
    Reply::json(
        200,
        &UserEnrollmentResult {
            pending_user_action: Some(PendingUserAction {
                redirect_url: Some(url),
            }),
        },
    )
}

/// `POST /sca/users/{id}/enrollment`: a new session for an OWNER; the status does not change.
pub fn enroll(store: &mut Store, call: &Call<'_>) -> Reply {
    let user = match find(store, call, None) {
        Ok(u) => u,
        Err(r) => return r,
    };
    if !user.is_owner() {
        return payer_refused();
    }
    if user.is_closed() {
        return closed_user();
    }
    if user.person == Person::Legal && user.rep_str("Email").is_none_or(str::is_empty) {
        return param_error("LegalRepresentative.Email", "The Email field is required.");
    }
    user.sca.triggered = true;
    let id = user.id.clone();
    let token = store.open_session(call.client, &id, SessionKind::Enrollment);
    pending_action(redirect_url(call.settings, &token))
}

/// `POST /sca/users/{id}/consent`: a session where the OWNER gives proxy consent.
pub fn consent(store: &mut Store, call: &Call<'_>) -> Reply {
    let user = match find(store, call, None) {
        Ok(u) => u,
        Err(r) => return r,
    };
    if !user.is_owner() {
        return payer_refused();
    }
    if user.is_closed() {
        return closed_user();
    }
    let id = user.id.clone();
    let token = store.open_session(call.client, &id, SessionKind::Consent);
    pending_action(redirect_url(call.settings, &token))
}

/// `GET /sca/users/{id}/sca-status`: 404 until an enrollment was triggered.
pub fn status(store: &mut Store, call: &Call<'_>) -> Reply {
    let user = match find(store, call, None) {
        Ok(u) => u,
        Err(r) => return r,
    };
    if !user.sca.triggered {
        return not_found("ScaStatus", &user.id);
    }
    let scope = if user.sca.last_consent.is_some() {
        ConsentScopeStatus::Active
    } else {
        ConsentScopeStatus::Inactive
    };
    Reply::json(
        200,
        &ScaStatus {
            user_status: user.str("UserStatus").map(UserStatus::from),
            is_enrolled: Some(user.sca.enrolled),
            last_enrollment_date: user.sca.last_enrollment,
            last_consent_collection_date: user.sca.last_consent,
            consent_scope: Some(ConsentScope {
                contact_information_update: Some(scope.clone()),
                recipient_registration: Some(scope.clone()),
                transfer: Some(scope.clone()),
                view_account_information: Some(scope),
            }),
        },
    )
}

/// SCA on wallet and transaction access, driven by the `ScaContext` filter: `USER_PRESENT`
/// for an OWNER who has not authenticated in 180 days → 401 with the session in
/// `WWW-Authenticate`; `USER_NOT_PRESENT` without proxy consent → 403 `sca_proxy_missing`.
pub fn wallet_access(
    store: &mut Store,
    call: &Call<'_>,
    sca_context: Option<&str>,
) -> Result<(), Reply> {
    let user = find(store, call, None)?;
    if !user.is_owner() || bypasses_sca(user) {
        return Ok(());
    }
    let now = now_unix();
    match sca_context {
        Some("USER_PRESENT") => {
            let recent = user
                .sca
                .last_authentication
                .is_some_and(|t| now - t < WALLET_EXEMPTION_SECS);
            if recent {
                return Ok(());
            }
            let id = user.id.clone();
            let token = store.open_session(call.client, &id, SessionKind::WalletAccess);
            let url = redirect_url(call.settings, &token);
            let mut errors = std::collections::BTreeMap::new();
            errors.insert("Sca".to_owned(), "SCA required to perform this action.".to_owned());
            Err(
                api_error_with(401, "unauthorized", "SCA required to perform this action.", errors)
                    .with_header("WWW-Authenticate", format!("PendingUserAction RedirectUrl={url}")),
            )
        }
        Some("USER_NOT_PRESENT") if user.sca.last_consent.is_none() => Err(api_error(
            403,
            "sca_proxy_missing",
            "You are not authorized to perform this action. The user has not provided consent to the requested proxy",
        )),
        _ => Ok(()),
    }
}

/// Checks a `returnUrl`: an absolute `http:` or `https:` URL with a host, no spaces or
/// control characters, at most 2,000 characters.
fn valid_return_url(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let rest = if let Some(r) = lower.strip_prefix("https://") {
        r
    } else if let Some(r) = lower.strip_prefix("http://") {
        r
    } else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    url.len() <= MAX_RETURN_URL
        && !host.is_empty()
        && !host.starts_with('@')
        && !url
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || c == '\\')
}

/// `returnUrl` with the indicative `controlStatus` appended (before any fragment).
fn with_control_status(url: &str, status: &str) -> String {
    let (base, fragment) = match url.split_once('#') {
        Some((b, f)) => (b, Some(f)),
        None => (url, None),
    };
    let sep = if base.contains('?') { '&' } else { '?' };
    let mut out = format!("{base}{sep}controlStatus={status}");
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    out
}

const PAGE_CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http: https:; frame-ancestors 'none'; base-uri 'none'";

fn page(status: u16, title: &str, content: &str) -> Reply {
    let html = format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{title}</title><style>body{{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1d1d1f}}\
h1{{font-size:1.3rem}}.note{{color:#666;font-size:.9rem}}form{{display:inline-block;margin:.5rem .5rem 0 0}}\
button{{font-size:1rem;padding:.6rem 1.2rem;border-radius:.4rem;border:1px solid #999;cursor:pointer}}\
button.ok{{background:#ff5a3c;color:#fff;border-color:#ff5a3c}}</style></head>\
<body><h1>{title}</h1>{content}<p class=\"note\">Mangopay sandbox (local): no code is sent and nothing leaves this machine.</p></body></html>\n",
        title = html_escape(title),
    );
    Reply::html(status, html)
        .with_header("Content-Security-Policy", PAGE_CSP)
        .with_header("Cache-Control", "no-store")
        .with_header("Referrer-Policy", "no-referrer")
        .with_header("X-Content-Type-Options", "nosniff")
}

fn error_page(status: u16, message: &str) -> Reply {
    page(
        status,
        "SCA session unavailable",
        &format!("<p>{}</p>", html_escape(message)),
    )
}

enum Session<'a> {
    Usable(&'a mut crate::store::ScaSession),
    Expired,
}

fn session<'a>(
    store: &'a mut Store,
    settings: &Settings,
    token: &str,
) -> Result<Session<'a>, Reply> {
    let s = store
        .sessions
        .get_mut(token)
        .ok_or_else(|| error_page(404, "This SCA session does not exist."))?;
    if s.used {
        return Err(error_page(
            410,
            "This SCA session was already used. Ask the platform for a new one.",
        ));
    }
    if Instant::now().duration_since(s.created) > settings.sca_session_ttl {
        s.used = true;
        return Ok(Session::Expired);
    }
    Ok(Session::Usable(s))
}

/// `GET /sca/session?token=…&returnUrl=…`: the page with "complete" and "fail" buttons.
pub fn show_page(store: &mut Store, settings: &Settings, query: &str) -> Reply {
    let token = form_value(query, "token").unwrap_or_default();
    let return_url = form_value(query, "returnUrl");
    let session = match session(store, settings, &token) {
        Ok(s) => s,
        Err(r) => return r,
    };
    let Some(return_url) = return_url.filter(|u| !u.is_empty()) else {
        return error_page(
            400,
            "The returnUrl query parameter is missing: the platform must add it to the RedirectUrl before redirecting you.",
        );
    };
    if !valid_return_url(&return_url) {
        return error_page(
            400,
            "The returnUrl must be an absolute http: or https: URL (at most 2,000 characters).",
        );
    }
    let s = match session {
        Session::Usable(s) => s.clone(),
        Session::Expired => return Reply::see_other(&with_control_status(&return_url, "FAILED")),
    };
    let user = store
        .clients
        .get(&s.client_id)
        .and_then(|c| c.users.get(&s.user_id));
    let email = user.and_then(User::sca_email).unwrap_or("(no email)");
    let phone = user
        .and_then(User::sca_phone)
        .unwrap_or("(entered during the session)");
    let (title, what) = match s.kind {
        SessionKind::Enrollment => ("Enroll in Strong Customer Authentication", "enrollment"),
        SessionKind::Consent => ("Give proxy consent", "consent"),
        SessionKind::WalletAccess => ("Authenticate to access your account", "authentication"),
    };
    let remaining = settings
        .sca_session_ttl
        .saturating_sub(Instant::now().duration_since(s.created))
        .as_secs();
    let form = |action: &str, label: &str, class: &str| {
        format!(
            "<form method=\"post\" action=\"{url}{SESSION_PATH}\">\
<input type=\"hidden\" name=\"token\" value=\"{token}\">\
<input type=\"hidden\" name=\"returnUrl\" value=\"{ret}\">\
<input type=\"hidden\" name=\"action\" value=\"{action}\">\
<button type=\"submit\" class=\"{class}\">{label}</button></form>",
            url = html_escape(&settings.public_url),
            token = html_escape(&token),
            ret = html_escape(&return_url),
        )
    };
    let content = format!(
        "<p>User <strong>{user_id}</strong><br>Email: {email}<br>Phone: {phone}</p>\
<p>Choose the outcome of this {what} session (it expires in {min} min {sec} s). You will then be \
returned to <code>{ret}</code>.</p>{complete}{fail}",
        user_id = html_escape(&s.user_id),
        email = html_escape(email),
        phone = html_escape(phone),
        min = remaining / 60,
        sec = remaining % 60,
        ret = html_escape(&return_url),
        complete = form("complete", "Complete", "ok"),
        fail = form("fail", "Fail", "ko"),
    );
    page(200, title, &content)
}

/// `POST /sca/session` (form: `token`, `returnUrl`, `action=complete|fail`): applies the
/// outcome and redirects to `returnUrl` with `controlStatus=VALIDATED|FAILED`.
pub fn submit_page(store: &mut Store, settings: &Settings, body: &[u8]) -> Reply {
    let form = parse_form(&String::from_utf8_lossy(body));
    let get = |name: &str| {
        form.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let (token, return_url, action) = (get("token"), get("returnUrl"), get("action"));
    if !valid_return_url(&return_url) {
        return error_page(
            400,
            "The returnUrl must be an absolute http: or https: URL (at most 2,000 characters).",
        );
    }
    let complete = match action.as_str() {
        "complete" => true,
        "fail" => false,
        _ => return error_page(400, "Unknown action: choose complete or fail."),
    };
    let s = match session(store, settings, &token) {
        Ok(Session::Usable(s)) => {
            s.used = true;
            s.clone()
        }
        Ok(Session::Expired) => {
            return Reply::see_other(&with_control_status(&return_url, "FAILED"));
        }
        Err(r) => return r,
    };
    if !complete {
        return Reply::see_other(&with_control_status(&return_url, "FAILED"));
    }
    let now = now_unix();
    if let Some(user) = store
        .clients
        .get_mut(&s.client_id)
        .and_then(|c| c.users.get_mut(&s.user_id))
    {
        match s.kind {
            SessionKind::Enrollment => {
                user.sca.enrolled = true;
                user.sca.last_enrollment = Some(now);
                user.sca.last_authentication = Some(now);
                if user.str("UserStatus") == Some("PENDING_USER_ACTION") {
                    user.data.insert("UserStatus".into(), Value::from("ACTIVE"));
                }
            }
            SessionKind::Consent => user.sca.last_consent = Some(now),
            SessionKind::WalletAccess => user.sca.last_authentication = Some(now),
        }
    }
    Reply::see_other(&with_control_status(&return_url, "VALIDATED"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn return_urls() {
        assert!(valid_return_url("https://example.com"));
        assert!(valid_return_url(
            "http://127.0.0.1:5173/onboarding?step=3#top"
        ));
        assert!(!valid_return_url("javascript:alert(1)"));
        assert!(!valid_return_url("//evil.example"));
        assert!(!valid_return_url("https://"));
        assert!(!valid_return_url("https://a b"));
        assert!(!valid_return_url("data:text/html,x"));
        assert_eq!(
            with_control_status("https://example.com", "VALIDATED"),
            "https://example.com?controlStatus=VALIDATED"
        );
        assert_eq!(
            with_control_status("https://e.com/p?a=1#frag", "FAILED"),
            "https://e.com/p?a=1&controlStatus=FAILED#frag"
        );
    }
}
