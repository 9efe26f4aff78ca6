//! The proxy policy, natively: what is refused, what is forwarded, and what the session
//! remembers. Every refusal here is a request that must never reach upstream.

use mangopay_proxy::policy::{MAX_KYC_PAGE_BODY, SESSION_PATH};
use mangopay_proxy::{decide, Auth, Config, Forward, Incoming, Outcome, Session};
use serde_json::Value;

const SECRET: &str = "test-secret-0123456789abcdef-0123456789";
const SELF: &str = "http://127.0.0.1:8787";
const API: &str = "/api/mangopay/v2.01/demo-client";
const NOW: u64 = 1_800_000_000;
const ENTROPY: &[u8] = &[7; 16];

/// Fresh entropy per browser, so that every test session has its own id. It never equals the
/// fixed entropies tests use on purpose (`ENTROPY`, `[9; 16]`): with `[n; 16]` from a shared
/// counter, whichever test created the 9th browser (an order that varies with thread
/// scheduling) shared a session with `[9; 16]` and saw its CSRF token accepted.
fn entropy() -> &'static [u8] {
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let mut bytes = [0xa5; 16];
    bytes[..4].copy_from_slice(&n.to_le_bytes());
    Box::leak(Box::new(bytes))
}

/// A KYC page body: a PNG signature followed by padding, well over the 1 KB minimum.
fn png_page() -> String {
    let mut bytes = vec![0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];
    bytes.resize(4096, 0);
    format!(
        r#"{{"File":"{}"}}"#,
        mangopay_wasm::validate::base64_encode(&bytes)
    )
}

fn config() -> Config {
    Config::new("demo-client", SECRET, "http://127.0.0.1:5173", "", 0).unwrap()
}

fn fixture(path: &str) -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/");
    std::fs::read_to_string(format!("{dir}{path}")).unwrap()
}

/// A browser with a session cookie and its CSRF token.
struct Browser {
    cookie: String,
    csrf: String,
}

fn headers(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

fn request<'a>(
    method: &'a str,
    path: &'a str,
    query: &'a str,
    headers: &'a [(String, String)],
    body: &'a [u8],
) -> Incoming<'a> {
    Incoming {
        method,
        path,
        query,
        headers,
        body,
        self_origin: SELF,
        now: NOW,
        entropy: ENTROPY,
        auth: Auth::Cookie,
    }
}

fn respond(outcome: Outcome) -> (u16, Vec<(String, String)>, Value) {
    match outcome {
        Outcome::Respond(r) => {
            let body = if r.body.is_empty() {
                Value::Null
            } else {
                serde_json::from_str(&r.body).unwrap()
            };
            (r.status, r.headers, body)
        }
        Outcome::Forward(f) => panic!("forwarded: {} {}", f.method, f.path),
    }
}

fn header<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

fn cookie_value(set_cookie: &str) -> String {
    set_cookie.split(';').next().unwrap().to_string()
}

fn new_browser() -> Browser {
    let h = headers(&[]);
    let mut req = request("GET", SESSION_PATH, "", &h, b"");
    req.entropy = entropy();
    let (status, hs, body) = respond(decide(&config(), &req));
    assert_eq!(status, 200);
    let set_cookie = header(&hs, "set-cookie").unwrap();
    Browser {
        cookie: cookie_value(set_cookie),
        csrf: body["csrfToken"].as_str().unwrap().to_string(),
    }
}

impl Browser {
    fn headers(&self, extra: &[(&str, &str)]) -> Vec<(String, String)> {
        let mut h = headers(&[
            ("cookie", &self.cookie),
            ("x-csrf-token", &self.csrf),
            ("content-type", "application/json"),
        ]);
        h.extend(headers(extra));
        h
    }

    fn send(&self, method: &str, path: &str, body: &str, extra: &[(&str, &str)]) -> Outcome {
        let (path, query) = path.split_once('?').unwrap_or((path, ""));
        let h = self.headers(extra);
        decide(
            &config(),
            &request(method, path, query, &h, body.as_bytes()),
        )
    }

    /// Sends, expects a forward, and completes it with `status`/`response`.
    fn forward(&mut self, method: &str, path: &str, body: &str, response: &str) -> Box<Forward> {
        self.forward_with(method, path, body, &[], response)
    }

    fn forward_with(
        &mut self,
        method: &str,
        path: &str,
        body: &str,
        extra: &[(&str, &str)],
        response: &str,
    ) -> Box<Forward> {
        match self.send(method, path, body, extra) {
            Outcome::Forward(mut f) => {
                let finish = f.finish(&config(), 200, response);
                if let Some(c) = header(&finish.headers, "set-cookie") {
                    self.cookie = cookie_value(c);
                }
                f
            }
            Outcome::Respond(r) => panic!("refused {method} {path}: {} {}", r.status, r.body),
        }
    }

    fn refused(&self, method: &str, path: &str, body: &str, extra: &[(&str, &str)]) -> u16 {
        let (status, _, body) = respond(self.send(method, path, body, extra));
        assert!(status >= 400, "{status}");
        assert!(body.is_null() || body["Type"].is_string(), "{body}");
        status
    }

    /// A browser that owns one natural user.
    fn with_user(id: &str) -> Browser {
        let mut b = new_browser();
        b.forward(
            "POST",
            &format!("{API}/sca/users/natural"),
            &fixture("users/create_natural_sca_payer.request.json"),
            &format!(r#"{{"Id":"{id}"}}"#),
        );
        b
    }
}

#[test]
fn session_endpoint_sets_a_strict_http_only_cookie_and_returns_a_csrf_token() {
    let h = headers(&[]);
    let (status, hs, body) = respond(decide(
        &config(),
        &request("GET", SESSION_PATH, "", &h, b""),
    ));
    assert_eq!(status, 200);
    let c = header(&hs, "set-cookie").unwrap();
    assert!(c.starts_with("mp_session=v1."), "{c}");
    assert!(c.contains("HttpOnly") && c.contains("SameSite=Strict") && c.contains("Path=/"));
    assert!(!c.contains("Secure"), "plain http: no Secure");
    assert_eq!(header(&hs, "cache-control"), Some("no-store"));
    assert_eq!(body["csrfToken"].as_str().unwrap().len(), 43);
}

#[test]
fn over_https_the_cookie_is_secure_and_host_prefixed() {
    let h = headers(&[]);
    let mut req = request("GET", SESSION_PATH, "", &h, b"");
    req.self_origin = "https://app.example";
    let (_, hs, _) = respond(decide(&config(), &req));
    let c = header(&hs, "set-cookie").unwrap();
    assert!(
        c.starts_with("__Host-mp_session=v1.") && c.contains("; Secure"),
        "{c}"
    );
}

#[test]
fn a_returning_browser_keeps_its_session_and_csrf_token() {
    let b = new_browser();
    let h = headers(&[("cookie", &b.cookie)]);
    let (_, _, body) = respond(decide(
        &config(),
        &request("GET", SESSION_PATH, "", &h, b""),
    ));
    assert_eq!(body["csrfToken"], b.csrf.as_str());
}

#[test]
fn the_owner_journey_is_forwarded_canonically() {
    let mut b = new_browser();
    let created = b.forward_with(
        "POST",
        &format!("{API}/sca/users/natural"),
        &fixture("users/create_natural_sca_owner.request.json"),
        &[("idempotency-key", "key-0123456789abcdef")],
        r#"{"Id":"user_m_1","PersonType":"NATURAL"}"#,
    );
    assert_eq!(created.method, "POST");
    assert_eq!(created.path, "/sca/users/natural");
    let sent: Value = serde_json::from_str(created.body.as_deref().unwrap()).unwrap();
    assert_eq!(sent["UserCategory"], "OWNER");
    let key = created.idempotency_key.clone().unwrap();
    assert_eq!(key.len(), 32);
    assert_ne!(key, "key-0123456789abcdef", "namespaced per session");
    assert_eq!(created.session().users, ["user_m_1"]);

    let read = b.forward("GET", &format!("{API}/sca/users/user_m_1/"), "", "{}");
    assert_eq!(read.path, "/sca/users/user_m_1");
    let kyc = b.forward(
        "POST",
        &format!("{API}/users/user_m_1/KYC/documents"),
        &fixture("kyc/create_document.request.json"),
        r#"{"Id":"kyc_1"}"#,
    );
    assert_eq!(kyc.path, "/users/user_m_1/kyc/documents");
    let page = b.forward(
        "POST",
        &format!("{API}/users/user_m_1/kyc/documents/kyc_1/pages"),
        &png_page(),
        "",
    );
    assert_eq!(page.path, "/users/user_m_1/kyc/documents/kyc_1/pages");
    let list = b.forward(
        "GET",
        &format!("{API}/users/user_m_1/kyc/documents?status=CREATED&per_page=5"),
        "",
        "[]",
    );
    assert_eq!(list.query, "per_page=5&Status=CREATED");
    b.forward(
        "POST",
        &format!("{API}/sca/users/user_m_1/enrollment"),
        "",
        "{}",
    );
    let replay = b.forward(
        "GET",
        &format!("{API}/responses/key-0123456789abcdef"),
        "",
        "{}",
    );
    assert_eq!(replay.path, format!("/responses/{key}"));
}

#[test]
fn paths_that_could_be_read_differently_never_match() {
    let b = Browser::with_user("user_m_1");
    for path in [
        format!("{API}/users/user_m_1/../user_m_2"),
        format!("{API}/users/user_m_1/%2e%2e/user_m_2"),
        format!("{API}/users/%2E%2E/%2e%2E/clients"),
        format!("{API}/users/user_m_1%2fkyc"),
        format!("{API}/users/user_m_1%2Fkyc"),
        format!("{API}/users//user_m_1"),
        format!("{API}/users\\user_m_1"),
        format!("{API}/users/user_m_1%5c..%5cx"),
        format!("{API}/sca/users/user_m_1%3Fx=1"),
        format!("{API}/sca/users/user_m_1%0d%0aX-Evil:%201"),
        format!("{API}/sca/users/user_m_1%00"),
        format!("{API}/sca/users/./user_m_1"),
        format!("{API}/sca/users/user_m_1%252e%252e"),
        "/api/mangopay/v2.02/demo-client/users/user_m_1".into(),
        "/api/mangopay/../v2.01/demo-client/users".into(),
        "/api/mangopay/x".into(),
        format!("{API}/wallets"),
        format!("{API}/clients"),
        format!("{API}/payins/card/direct"),
        format!("{API}/users/user_m_1/unknown"),
    ] {
        let status = b.refused("GET", &path, "", &[]);
        assert!(matches!(status, 403 | 404), "{path}: {status}");
    }
    let long = format!("{API}/sca/users/{}", "a".repeat(3000));
    assert_eq!(b.refused("GET", &long, "", &[]), 414);
}

#[test]
fn other_resources_clients_and_the_user_list_are_refused() {
    let b = Browser::with_user("user_m_1");
    for (method, path) in [
        ("GET", format!("{API}/users")),
        ("GET", format!("{API}/users/")),
        ("GET", format!("{API}/users?per_page=100")),
        (
            "GET",
            "/api/mangopay/v2.01/other-client/sca/users/user_m_1".into(),
        ),
        ("POST", "/api/mangopay/v2.01/oauth/token".into()),
        ("DELETE", format!("{API}/users/natural/user_m_1")),
        ("GET", format!("{API}/users/user_m_1/wallets")),
        ("GET", format!("{API}/users/user_m_1/transactions")),
        ("GET", format!("{API}/users/user_m_1/cards")),
        ("POST", format!("{API}/users/natural")),
        ("DELETE", format!("{API}/sca/users/user_m_1")),
        ("PATCH", format!("{API}/sca/users/user_m_1")),
    ] {
        let (path, query) = path.split_once('?').unwrap_or((&path, ""));
        let h = b.headers(&[]);
        let (status, _, body) = respond(decide(&config(), &request(method, path, query, &h, b"")));
        assert!(matches!(status, 403 | 404), "{method} {path}: {status}");
        assert!(body["Type"].is_string());
    }
}

#[test]
fn another_sessions_users_documents_accounts_and_keys_are_refused() {
    let mut a = Browser::with_user("user_m_a");
    a.forward(
        "POST",
        &format!("{API}/users/user_m_a/kyc/documents"),
        &fixture("kyc/create_document.request.json"),
        r#"{"Id":"kyc_a"}"#,
    );
    a.forward(
        "POST",
        &format!("{API}/users/user_m_a/bankaccounts/iban"),
        &fixture("bank_accounts/create_iban.request.json"),
        r#"{"Id":"bank_a"}"#,
    );
    a.forward_with(
        "POST",
        &format!("{API}/sca/users/user_m_a/enrollment"),
        "",
        &[("idempotency-key", "key-aaaaaaaaaaaaaaaa")],
        "{}",
    );
    let b = Browser::with_user("user_m_b");
    for (method, path) in [
        ("GET", format!("{API}/sca/users/user_m_a")),
        ("PUT", format!("{API}/sca/users/natural/user_m_a")),
        ("GET", format!("{API}/users/user_m_a/kyc/documents")),
        ("GET", format!("{API}/users/user_m_b/kyc/documents/kyc_a")),
        ("PUT", format!("{API}/users/user_m_b/kyc/documents/kyc_a")),
        ("GET", format!("{API}/users/user_m_b/bankaccounts/bank_a")),
        ("GET", format!("{API}/responses/key-aaaaaaaaaaaaaaaa")),
        ("POST", format!("{API}/sca/users/user_m_a/enrollment")),
    ] {
        assert_eq!(b.refused(method, &path, "{}", &[]), 403, "{method} {path}");
    }
    // And the owner still can.
    a.forward(
        "GET",
        &format!("{API}/users/user_m_a/bankaccounts/bank_a"),
        "",
        "{}",
    );
    a.forward(
        "GET",
        &format!("{API}/responses/key-aaaaaaaaaaaaaaaa"),
        "",
        "{}",
    );
}

#[test]
fn same_key_in_two_sessions_goes_upstream_as_two_keys() {
    let mut a = Browser::with_user("user_m_a");
    let mut b = Browser::with_user("user_m_b");
    let ka = a.forward_with(
        "POST",
        &format!("{API}/sca/users/user_m_a/enrollment"),
        "",
        &[("idempotency-key", "shared-key-0123456789")],
        "{}",
    );
    let kb = b.forward_with(
        "POST",
        &format!("{API}/sca/users/user_m_b/enrollment"),
        "",
        &[("idempotency-key", "shared-key-0123456789")],
        "{}",
    );
    assert_ne!(ka.idempotency_key, kb.idempotency_key);
}

#[test]
fn missing_forged_tampered_and_expired_sessions_are_refused() {
    let b = Browser::with_user("user_m_1");
    let path = format!("{API}/sca/users/user_m_1");
    let cases: Vec<String> = vec![
        String::new(),
        "mp_session=".into(),
        "mp_session=v1.e30.AAAA".into(),
        // A session signed with another secret, owning the user.
        {
            let mut s = Session::new("forged".into(), NOW + 100);
            s.add_user("user_m_1");
            format!(
                "mp_session={}",
                s.seal(b"not-the-secret-0123456789abcdef-xx")
            )
        },
        // The real cookie with one payload character changed.
        {
            let mut bytes = b.cookie.clone().into_bytes();
            let i = "mp_session=v1.".len() + 5;
            bytes[i] = if bytes[i] == b'A' { b'B' } else { b'A' };
            String::from_utf8(bytes).unwrap()
        },
        // A genuine but expired session.
        {
            let mut s = Session::new("old".into(), NOW - 1);
            s.add_user("user_m_1");
            format!("mp_session={}", s.seal(SECRET.as_bytes()))
        },
        // The cookie twice (cookie tossing).
        format!("{}; {}", b.cookie, b.cookie),
    ];
    for cookie in cases {
        let h = headers(&[("cookie", &cookie), ("x-csrf-token", &b.csrf)]);
        let (status, _, _) = respond(decide(&config(), &request("GET", &path, "", &h, b"")));
        assert_eq!(status, 403, "{cookie}");
    }
}

#[test]
fn csrf_token_origin_and_method_overrides_are_enforced() {
    let b = Browser::with_user("user_m_1");
    let other = new_browser_with_entropy(&[9; 16]);
    let path = format!("{API}/sca/users/user_m_1");
    let base = b.headers(&[]);
    let without_csrf: Vec<_> = base
        .iter()
        .filter(|(n, _)| n != "x-csrf-token")
        .cloned()
        .collect();
    let (status, _, _) = respond(decide(
        &config(),
        &request("GET", &path, "", &without_csrf, b""),
    ));
    assert_eq!(status, 403);
    for extra in [
        vec![("x-csrf-token", other.as_str())],
        vec![("origin", "https://evil.example")],
        vec![("origin", "null")],
        vec![("sec-fetch-site", "cross-site")],
        vec![("x-http-method-override", "DELETE")],
        vec![("x-method-override", "DELETE")],
        vec![("origin", SELF), ("origin", "https://evil.example")],
    ] {
        let mut h: Vec<_> = if extra[0].0 == "x-csrf-token" {
            without_csrf.clone()
        } else {
            base.clone()
        };
        h.extend(headers(&extra));
        let (status, hs, _) = respond(decide(&config(), &request("GET", &path, "", &h, b"")));
        assert_eq!(status, 403, "{extra:?}");
        assert!(header(&hs, "access-control-allow-origin").is_none());
    }
}

fn new_browser_with_entropy(entropy: &[u8]) -> String {
    let h = headers(&[]);
    let mut req = request("GET", SESSION_PATH, "", &h, b"");
    req.entropy = entropy;
    let (_, _, body) = respond(decide(&config(), &req));
    body["csrfToken"].as_str().unwrap().to_string()
}

#[test]
fn cors_is_granted_to_configured_origins_only() {
    let allowed = headers(&[("origin", "http://127.0.0.1:5173")]);
    let (status, hs, _) = respond(decide(
        &config(),
        &request(
            "OPTIONS",
            &format!("{API}/sca/users/natural"),
            "",
            &allowed,
            b"",
        ),
    ));
    assert_eq!(status, 204);
    assert_eq!(
        header(&hs, "access-control-allow-origin"),
        Some("http://127.0.0.1:5173")
    );
    assert_eq!(
        header(&hs, "access-control-allow-credentials"),
        Some("true")
    );
    let exposed = header(&hs, "access-control-expose-headers").unwrap();
    for name in [
        "WWW-Authenticate",
        "x-number-of-pages",
        "x-number-of-items",
        "Link",
        "X-RateLimit",
    ] {
        assert!(exposed.contains(name), "{name}");
    }
    let evil = headers(&[("origin", "http://127.0.0.1:5174")]);
    let (status, hs, _) = respond(decide(
        &config(),
        &request(
            "OPTIONS",
            &format!("{API}/sca/users/natural"),
            "",
            &evil,
            b"",
        ),
    ));
    assert_eq!(status, 403);
    assert!(header(&hs, "access-control-allow-origin").is_none());
}

#[test]
fn bodies_are_revalidated_with_the_core_and_refused_in_mangopay_shape() {
    let b = Browser::with_user("user_m_1");
    let (status, _, body) = respond(b.send(
        "POST",
        &format!("{API}/sca/users/natural"),
        r#"{"FirstName":"A","UserCategory":"PAYER","Email":"not-an-email"}"#,
        &[],
    ));
    assert_eq!(status, 400);
    assert_eq!(body["Type"], "param_error");
    assert!(body["errors"]["Email"].is_string(), "{body}");
    for bad in ["not json", "[1,2]", "\"s\"", ""] {
        let (status, _, body) =
            respond(b.send("POST", &format!("{API}/sca/users/natural"), bad, &[]));
        assert_eq!(status, 400, "{bad}");
        assert_eq!(body["Type"], "param_error");
    }
    // A page that is not a PDF/JPEG/PNG, and one in a data: URL.
    let (status, _, body) = respond(b.send(
        "POST",
        &format!("{API}/users/user_m_1/kyc/documents/kyc_x/pages"),
        r#"{"File":"aGVsbG8="}"#,
        &[],
    ));
    assert_eq!(status, 403, "document not owned comes first: {body}");
    let bad_key = b.refused(
        "POST",
        &format!("{API}/sca/users/user_m_1/enrollment"),
        "",
        &[("idempotency-key", "short")],
    );
    assert_eq!(bad_key, 400);
    let (status, _, _) = respond(b.send(
        "POST",
        &format!("{API}/sca/users/natural"),
        &fixture("users/create_natural_sca_payer.request.json"),
        &[("content-type", "text/plain")],
    ));
    assert_eq!(status, 415, "duplicate content-type");
}

#[test]
fn media_types_sizes_and_stray_bodies_are_checked() {
    let mut b = Browser::with_user("user_m_1");
    let h = headers(&[
        ("cookie", &b.cookie),
        ("x-csrf-token", &b.csrf),
        ("content-type", "text/plain"),
    ]);
    let body = fixture("users/create_natural_sca_payer.request.json");
    let (status, _, _) = respond(decide(
        &config(),
        &request(
            "POST",
            &format!("{API}/sca/users/natural"),
            "",
            &h,
            body.as_bytes(),
        ),
    ));
    assert_eq!(status, 415);
    let big = format!(r#"{{"FirstName":"{}"}}"#, "a".repeat(70_000));
    assert_eq!(
        b.refused(
            "PUT",
            &format!("{API}/sca/users/natural/user_m_1"),
            &big,
            &[]
        ),
        413
    );
    b.forward(
        "POST",
        &format!("{API}/users/user_m_1/kyc/documents"),
        &fixture("kyc/create_document.request.json"),
        r#"{"Id":"kyc_1"}"#,
    );
    let huge = format!(r#"{{"File":"{}"}}"#, "A".repeat(MAX_KYC_PAGE_BODY));
    assert_eq!(
        b.refused(
            "POST",
            &format!("{API}/users/user_m_1/kyc/documents/kyc_1/pages"),
            &huge,
            &[]
        ),
        413
    );
    assert_eq!(
        b.refused(
            "GET",
            &format!("{API}/sca/users/user_m_1"),
            r#"{"x":1}"#,
            &[]
        ),
        400
    );
    assert_eq!(
        b.refused(
            "GET",
            &format!("{API}/sca/users/user_m_1"),
            "",
            &[("idempotency-key", "key-0123456789abcdef")]
        ),
        400
    );
}

#[test]
fn queries_are_rebuilt_and_smuggling_refused() {
    let b = Browser::with_user("user_m_1");
    for query in [
        "Status=CREATED&Status=REFUSED",
        "status=CREATED&STATUS=REFUSED",
        "per_page=1000",
        "UserId=user_m_2",
        "a=1&&b=2",
        "Status=CREATED%26per_page%3D100x",
    ] {
        let path = format!("{API}/users/user_m_1/kyc/documents?{query}");
        assert_eq!(b.refused("GET", &path, "", &[]), 400, "{query}");
    }
    assert_eq!(
        b.refused("GET", &format!("{API}/sca/users/user_m_1?x=1"), "", &[]),
        400
    );
}

#[test]
fn a_session_creates_at_most_eight_users() {
    let mut b = new_browser();
    let body = fixture("users/create_natural_sca_payer.request.json");
    for i in 0..8 {
        b.forward(
            "POST",
            &format!("{API}/sca/users/natural"),
            &body,
            &format!(r#"{{"Id":"user_m_{i}"}}"#),
        );
    }
    assert_eq!(
        b.refused("POST", &format!("{API}/sca/users/natural"), &body, &[]),
        403
    );
}

#[test]
fn failed_creations_are_not_recorded() {
    let mut b = new_browser();
    let body = fixture("users/create_natural_sca_payer.request.json");
    let Outcome::Forward(mut f) = b.send("POST", &format!("{API}/sca/users/natural"), &body, &[])
    else {
        panic!("refused")
    };
    let finish = f.finish(&config(), 400, r#"{"Id":"user_m_x"}"#);
    assert!(header(&finish.headers, "set-cookie").is_none());
    assert!(f.session().users.is_empty());
    b.cookie = String::new();
}

#[test]
fn platform_auth_binds_the_session_to_the_subject() {
    let h = headers(&[]);
    let mut req = request("GET", SESSION_PATH, "", &h, b"");
    req.auth = Auth::Platform {
        subject: "alice",
        token: None,
    };
    let (status, hs, body) = respond(decide(&config(), &req));
    assert_eq!(status, 200);
    assert!(
        header(&hs, "set-cookie").is_none(),
        "no cookie with platform auth"
    );
    let token = header(&hs, "x-mangopay-proxy-session").unwrap().to_string();
    let csrf = body["csrfToken"].as_str().unwrap().to_string();
    let path = format!("{API}/sca/users/natural");
    let body = fixture("users/create_natural_sca_payer.request.json");
    let h = headers(&[
        ("x-csrf-token", &csrf),
        ("content-type", "application/json"),
    ]);
    let mut req = request("POST", &path, "", &h, body.as_bytes());
    req.auth = Auth::Platform {
        subject: "alice",
        token: Some(&token),
    };
    let Outcome::Forward(mut f) = decide(&config(), &req) else {
        panic!("refused")
    };
    let finish = f.finish(&config(), 200, r#"{"Id":"user_m_alice"}"#);
    let alice_token = finish.session_token.unwrap();
    // Bob presenting Alice's stored token gets a fresh session of his own, owning nothing.
    let read = format!("{API}/sca/users/user_m_alice");
    let mut req = request("GET", &read, "", &h, b"");
    req.auth = Auth::Platform {
        subject: "bob",
        token: Some(&alice_token),
    };
    assert_eq!(respond(decide(&config(), &req)).0, 403);
    req.auth = Auth::Platform {
        subject: "alice",
        token: Some(&alice_token),
    };
    assert!(matches!(decide(&config(), &req), Outcome::Forward(_)));
}

#[test]
fn a_replayed_creation_belongs_to_the_session() {
    let mut b = new_browser();
    let key = "demo-replay-key-0001";
    let body = fixture("users/create_natural_sca_payer.request.json");
    // The creation was processed upstream but its answer never arrived (dropped connection).
    let Outcome::Forward(mut f) = b.send(
        "POST",
        &format!("{API}/sca/users/natural"),
        &body,
        &[("idempotency-key", key)],
    ) else {
        panic!("refused")
    };
    let finish = f.finish(&config(), 502, "");
    b.cookie = cookie_value(header(&finish.headers, "set-cookie").unwrap());
    assert_eq!(
        b.refused("GET", &format!("{API}/sca/users/user_m_lost"), "", &[]),
        403
    );
    // A replay of a failed creation gives nothing.
    let failed = r#"{"StatusCode":"400","RequestURL":"http://127.0.0.1:8790/v2.01/demo-client/sca/users/natural","Resource":{"Id":"user_m_lost"}}"#;
    b.forward("GET", &format!("{API}/responses/{key}"), "", failed);
    let replay = |status: &str| {
        format!(
            r#"{{"StatusCode":"{status}","RequestURL":"http://127.0.0.1:8790/v2.01/demo-client/sca/users/natural","Resource":{{"Id":"user_m_lost","PersonType":"NATURAL"}}}}"#
        )
    };
    let Outcome::Forward(mut f) = b.send("GET", &format!("{API}/responses/{key}"), "", &[]) else {
        panic!("refused")
    };
    let finish = f.finish(&config(), 200, &replay("400"));
    assert!(header(&finish.headers, "set-cookie").is_none());
    // The replay of the successful creation hands the user to the session.
    b.forward("GET", &format!("{API}/responses/{key}"), "", &replay("200"));
    b.forward("GET", &format!("{API}/sca/users/user_m_lost"), "", "{}");
}

#[test]
fn a_platform_users_ownership_outlives_the_session_ttl() {
    let mut s = Session::new(String::new(), 1);
    // The subject's derived id, as the policy computes it: take it from a fresh session.
    let h = headers(&[]);
    let mut req = request("GET", SESSION_PATH, "", &h, b"");
    req.auth = Auth::Platform {
        subject: "carol",
        token: None,
    };
    let (_, hs, body) = respond(decide(&config(), &req));
    let fresh = header(&hs, "x-mangopay-proxy-session").unwrap();
    s.id = Session::open(fresh, SECRET.as_bytes(), 0).unwrap().id;
    s.add_user("user_m_carol");
    s.expires = NOW - 3600; // long expired
    let token = s.seal(SECRET.as_bytes());
    let csrf = body["csrfToken"].as_str().unwrap().to_string();
    let h = headers(&[("x-csrf-token", &csrf)]);
    let path = format!("{API}/sca/users/user_m_carol");
    let mut req = request("GET", &path, "", &h, b"");
    req.auth = Auth::Platform {
        subject: "carol",
        token: Some(&token),
    };
    assert!(matches!(decide(&config(), &req), Outcome::Forward(_)));
}

#[test]
fn only_creations_record_the_ids_they_return() {
    let mut b = Browser::with_user("user_m_1");
    let read = b.forward(
        "GET",
        &format!("{API}/sca/users/user_m_1"),
        "",
        r#"{"Id":"user_m_other"}"#,
    );
    assert!(!read.wants_response_body());
    assert_eq!(
        b.refused("GET", &format!("{API}/sca/users/user_m_other"), "", &[]),
        403
    );
}
