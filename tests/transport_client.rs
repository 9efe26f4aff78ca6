//! The transport's behaviour against a scripted mock: URLs, headers, idempotency keys,
//! retries and backoff, replay of conflicts, OAuth caching and refresh, errors, rate limits,
//! the method dispatch and the KYC upload.

mod transport_support;

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;

use mangopay_wasm::api::{self, Method};
use mangopay_wasm::transport::dispatch::{prepare, prepare_kyc_page_bytes};
use mangopay_wasm::transport::upload::{upload_kyc_document, Progress, UploadInput};
use mangopay_wasm::transport::{
    ApiError, Call, CallOptions, Client, Config, HttpResponse, TransportError, USER_AGENT,
};
use serde_json::json;
use transport_support::{block_on, ok, resp, run_all, Mock};

const USER: &str = "user_m_01J82SPSKW53XZM936PDVN76W0";

fn proxy_client(max_retries: u32) -> Client {
    let mut config = Config::new("demo-client");
    config.base_url = "http://127.0.0.1:9/api/mangopay".into();
    config.max_retries = max_retries;
    Client::new(config)
}

fn direct_client() -> Client {
    let mut config = Config::new("demo-client");
    config.base_url = "http://127.0.0.1:9".into();
    config.api_key = Some("secret".into());
    Client::new(config)
}

fn token(expires_in: i64) -> transport_support::Answer {
    ok(
        200,
        &json!({"access_token": "tok1", "token_type": "Bearer", "expires_in": expires_in})
            .to_string(),
    )
}

fn natural_body() -> serde_json::Value {
    json!({
        "FirstName": "Joe", "LastName": "Bloggs", "Email": "joe@example.com",
        "UserCategory": "PAYER", "TermsAndConditionsAccepted": true
    })
}

#[test]
fn a_get_goes_to_the_client_path_with_sdk_headers_and_no_key() {
    let mock = Mock::new(vec![ok(200, r#"{"Id":"1"}"#)]);
    let client = proxy_client(2);
    let req = api::get_natural_sca(USER).unwrap();
    let r = block_on(client.send(&mock, &req, &CallOptions::default())).unwrap();
    assert_eq!(r.body, r#"{"Id":"1"}"#);
    let sent = &mock.requests.borrow()[0];
    assert_eq!(sent.method, Method::Get);
    assert_eq!(
        sent.url,
        format!("http://127.0.0.1:9/api/mangopay/v2.01/demo-client/sca/users/natural/{USER}")
    );
    assert_eq!(sent.header("Accept"), Some("application/json"));
    assert_eq!(sent.header("User-Agent"), Some(USER_AGENT));
    assert_eq!(sent.header("Idempotency-Key"), None);
    assert_eq!(sent.header("Authorization"), None);
    assert_eq!(sent.body, None);
}

#[test]
fn browsers_get_no_user_agent_and_config_headers_win() {
    let mut config = Config::new("c");
    config.in_browser = true;
    config.headers = vec![("X-CSRF-Token".into(), "t1".into())];
    let client = Client::new(config);
    let mock = Mock::new(vec![]);
    let opts = CallOptions {
        headers: vec![("X-Extra".into(), "e".into())],
        ..CallOptions::default()
    };
    block_on(client.send(&mock, &api::get_sca(USER).unwrap(), &opts)).unwrap();
    let sent = &mock.requests.borrow()[0];
    assert_eq!(sent.header("User-Agent"), None);
    assert_eq!(sent.header("X-CSRF-Token"), Some("t1"));
    assert_eq!(sent.header("X-Extra"), Some("e"));
}

#[test]
fn a_post_carries_json_and_a_generated_uuid_key() {
    let mock = Mock::new(vec![ok(200, "{}")]);
    let client = proxy_client(2);
    let req = api::create_natural_sca(natural_body()).unwrap();
    block_on(client.send(&mock, &req, &CallOptions::default())).unwrap();
    let sent = &mock.requests.borrow()[0];
    let key = sent.header("Idempotency-Key").unwrap();
    assert_eq!(key.len(), 36);
    assert_eq!(key.as_bytes()[14], b'4');
    assert_eq!(sent.header("Content-Type"), Some("application/json"));
    let body: serde_json::Value = serde_json::from_str(sent.body.as_deref().unwrap()).unwrap();
    assert_eq!(body, natural_body());
}

#[test]
fn the_callers_key_is_used_and_checked() {
    let mock = Mock::new(vec![]);
    let client = proxy_client(2);
    let req = api::create_natural_sca(natural_body()).unwrap();
    let opts = CallOptions {
        idempotency_key: Some("key-0123456789abcdef".into()),
        ..CallOptions::default()
    };
    block_on(client.send(&mock, &req, &opts)).unwrap();
    assert_eq!(
        mock.requests.borrow()[0].header("Idempotency-Key"),
        Some("key-0123456789abcdef")
    );
    let bad = CallOptions {
        idempotency_key: Some("short".into()),
        ..CallOptions::default()
    };
    let e = block_on(client.send(&mock, &req, &bad)).unwrap_err();
    assert_eq!(e.error_type, "param_error");
    assert!(e.errors.unwrap().contains_key("Idempotency-Key"));
    assert_eq!(mock.requests.borrow().len(), 1);
}

#[test]
fn a_get_is_retried_on_5xx_with_growing_jittered_backoff() {
    let mock = Mock::new(vec![ok(500, ""), ok(502, ""), ok(200, r#"{"a":1}"#)]);
    let client = proxy_client(2);
    let r = block_on(client.send(&mock, &api::get_sca(USER).unwrap(), &CallOptions::default()));
    assert_eq!(r.unwrap().body, r#"{"a":1}"#);
    let sleeps = mock.sleeps.borrow().clone();
    assert_eq!(sleeps.len(), 2);
    assert!((250..=500).contains(&sleeps[0]), "{sleeps:?}");
    assert!((500..=1000).contains(&sleeps[1]), "{sleeps:?}");
}

#[test]
fn retries_stop_at_max_retries_and_report_retryable() {
    let mock = Mock::new(vec![ok(503, ""), ok(503, ""), ok(503, ""), ok(503, "")]);
    let e = block_on(proxy_client(2).send(
        &mock,
        &api::get_sca(USER).unwrap(),
        &CallOptions::default(),
    ))
    .unwrap_err();
    assert_eq!((e.status, e.retryable), (503, true));
    assert_eq!(mock.requests.borrow().len(), 3);
    let mock = Mock::new(vec![ok(503, "")]);
    block_on(proxy_client(0).send(&mock, &api::get_sca(USER).unwrap(), &CallOptions::default()))
        .unwrap_err();
    assert_eq!(mock.requests.borrow().len(), 1);
}

#[test]
fn retry_after_and_rate_limit_reset_set_the_wait() {
    let mock = Mock::new(vec![
        Ok(resp(429, "", &[("Retry-After", "2")])),
        Ok(resp(
            429,
            "",
            &[
                ("X-RateLimit", "10,10,10,10"),
                ("X-RateLimit-Remaining", "0,3,3,3"),
                (
                    "X-RateLimit-Reset",
                    "1700000005,1700009000,1700009000,1700090000",
                ),
            ],
        )),
        ok(200, "{}"),
    ]);
    let client = proxy_client(2);
    block_on(client.send(&mock, &api::get_sca(USER).unwrap(), &CallOptions::default())).unwrap();
    assert_eq!(mock.sleeps.borrow().clone(), vec![2000, 3000]);
    let limits = client.rate_limits();
    assert_eq!(limits.len(), 4);
    assert_eq!(limits[0].calls_remaining, 0);
    assert_eq!(limits[0].interval_minutes, Some(15));
}

#[test]
fn a_wait_longer_than_a_minute_is_not_waited() {
    let mock = Mock::new(vec![Ok(resp(429, "", &[("Retry-After", "86400")]))]);
    let e = block_on(proxy_client(2).send(
        &mock,
        &api::get_sca(USER).unwrap(),
        &CallOptions::default(),
    ))
    .unwrap_err();
    assert_eq!(e.status, 429);
    assert!(mock.sleeps.borrow().is_empty());
}

#[test]
fn put_and_delete_retry_only_429_and_503() {
    let client = proxy_client(2);
    let put = api::update_natural_sca(USER, json!({"FirstName": "A"})).unwrap();
    let mock = Mock::new(vec![ok(500, ""), ok(200, "{}")]);
    assert_eq!(
        block_on(client.send(&mock, &put, &CallOptions::default()))
            .unwrap_err()
            .status,
        500
    );
    let mock = Mock::new(vec![Err(TransportError::Network("reset".into()))]);
    let e = block_on(client.send(&mock, &put, &CallOptions::default())).unwrap_err();
    assert_eq!((e.error_type.as_str(), e.status), ("network_error", 0));
    let mock = Mock::new(vec![ok(503, ""), ok(429, ""), ok(200, "{}")]);
    let del = api::close_natural(USER).unwrap();
    block_on(client.send(&mock, &del, &CallOptions::default())).unwrap();
    assert_eq!(mock.requests.borrow().len(), 3);
}

#[test]
fn a_post_is_retried_on_network_errors_with_the_same_key() {
    let mock = Mock::new(vec![
        Err(TransportError::Network("refused".into())),
        Err(TransportError::Timeout),
        ok(200, "{}"),
    ]);
    let req = api::create_natural_sca(natural_body()).unwrap();
    block_on(proxy_client(2).send(&mock, &req, &CallOptions::default())).unwrap();
    let requests = mock.requests.borrow();
    let keys: Vec<_> = requests
        .iter()
        .map(|r| r.header("Idempotency-Key").unwrap().to_owned())
        .collect();
    assert_eq!(keys.len(), 3);
    assert!(keys.iter().all(|k| k == &keys[0]));
}

#[test]
fn timeouts_and_aborts_become_typed_errors() {
    let mock = Mock::new(vec![Err(TransportError::Timeout)]);
    let e = block_on(proxy_client(0).send(
        &mock,
        &api::get_sca(USER).unwrap(),
        &CallOptions::default(),
    ))
    .unwrap_err();
    assert_eq!((e.error_type.as_str(), e.retryable), ("timeout", true));
    let mock = Mock::new(vec![Err(TransportError::Aborted)]);
    let e = block_on(proxy_client(2).send(
        &mock,
        &api::get_sca(USER).unwrap(),
        &CallOptions::default(),
    ))
    .unwrap_err();
    assert_eq!((e.error_type.as_str(), e.retryable), ("aborted", false));
    assert_eq!(mock.requests.borrow().len(), 1);
    // Aborting during the backoff wait.
    let mock = Mock::new(vec![ok(503, "")]);
    mock.abort_sleep.set(true);
    let e = block_on(proxy_client(2).send(
        &mock,
        &api::get_sca(USER).unwrap(),
        &CallOptions::default(),
    ))
    .unwrap_err();
    assert_eq!(e.error_type, "aborted");
}

#[test]
fn a_conflict_is_replayed_through_responses() {
    let conflict = r#"{"Message":"dup","Type":"idempotent_creation_conflict","Id":"e1"}"#;
    let mock = Mock::new(vec![ok(503, ""), ok(409, conflict)]);
    mock.route(
        "/responses/",
        ok(
            200,
            r#"{"StatusCode":"200","ContentLength":"10","ContentType":"application/json","Date":"x","RequestURL":"u","Resource":{"Id":"user_1"}}"#,
        ),
    );
    let req = api::create_natural_sca(natural_body()).unwrap();
    let r = block_on(proxy_client(2).send(&mock, &req, &CallOptions::default())).unwrap();
    assert_eq!(r.body, r#"{"Id":"user_1"}"#);
    let requests = mock.requests.borrow();
    let key = requests[0].header("Idempotency-Key").unwrap();
    assert_eq!(
        requests[2].url,
        format!("http://127.0.0.1:9/api/mangopay/v2.01/demo-client/responses/{key}")
    );
    assert_eq!(requests[2].method, Method::Get);
}

#[test]
fn a_conflict_whose_original_failed_rejects_with_the_replay() {
    let conflict = r#"{"Message":"dup","Type":"idempotent_creation_conflict"}"#;
    let mock = Mock::new(vec![ok(409, conflict)]);
    mock.route(
        "/responses/",
        ok(
            200,
            r#"{"StatusCode":"400","Resource":{"Type":"param_error"}}"#,
        ),
    );
    let req = api::create_natural_sca(natural_body()).unwrap();
    let opts = CallOptions {
        idempotency_key: Some("0123456789abcdef-old".into()),
        ..CallOptions::default()
    };
    let e = block_on(proxy_client(2).send(&mock, &req, &opts)).unwrap_err();
    assert_eq!(
        (e.status, e.error_type.as_str()),
        (409, "idempotent_creation_conflict")
    );
    assert_eq!(e.idempotency_key.as_deref(), Some("0123456789abcdef-old"));
    let replay = e.replay.unwrap();
    assert_eq!(replay["status"], 200);
    assert_eq!(replay["body"]["StatusCode"], "400");
}

#[test]
fn oauth_token_is_fetched_once_for_concurrent_calls_with_basic_auth() {
    let mock = Mock::new(vec![token(3600)]);
    let client = direct_client();
    let req = api::get_sca(USER).unwrap();
    let opts = CallOptions::default();
    type Fut<'a> = Pin<Box<dyn Future<Output = Result<HttpResponse, ApiError>> + 'a>>;
    let futures: Vec<Fut> = (0..3)
        .map(|_| Box::pin(client.send(&mock, &req, &opts)) as Fut)
        .collect();
    for r in run_all(futures) {
        r.unwrap();
    }
    let requests = mock.requests.borrow();
    let tokens: Vec<_> = requests
        .iter()
        .filter(|r| r.url.ends_with("/oauth/token"))
        .collect();
    assert_eq!(tokens.len(), 1);
    assert_eq!(tokens[0].url, "http://127.0.0.1:9/v2.01/oauth/token");
    assert_eq!(tokens[0].method, Method::Post);
    assert_eq!(
        tokens[0].body.as_deref(),
        Some("grant_type=client_credentials")
    );
    // base64("demo-client:secret")
    assert_eq!(
        tokens[0].header("Authorization"),
        Some("Basic ZGVtby1jbGllbnQ6c2VjcmV0")
    );
    assert_eq!(tokens[0].header("Idempotency-Key"), None);
    for r in requests.iter().filter(|r| !r.url.ends_with("/oauth/token")) {
        assert_eq!(r.header("Authorization"), Some("Bearer tok1"));
    }
    assert_eq!(requests.len(), 4);
}

#[test]
fn the_token_is_refreshed_30_seconds_before_it_expires() {
    let mock = Mock::new(vec![token(100), ok(200, "{}"), ok(200, "{}"), token(100)]);
    let client = direct_client();
    let req = api::get_sca(USER).unwrap();
    block_on(client.send(&mock, &req, &CallOptions::default())).unwrap();
    mock.now.set(mock.now.get() + 69_000.0);
    block_on(client.send(&mock, &req, &CallOptions::default())).unwrap();
    assert_eq!(mock.requests.borrow().len(), 3);
    mock.now.set(mock.now.get() + 2_000.0);
    block_on(client.send(&mock, &req, &CallOptions::default())).unwrap();
    let urls = mock.urls();
    assert!(urls[3].ends_with("/oauth/token"), "{urls:?}");
}

#[test]
fn one_refresh_on_invalid_credentials_then_the_error() {
    let invalid = r#"{"Message":"expired","Type":"invalid_credentials"}"#;
    let mock = Mock::new(vec![
        token(3600),
        ok(401, invalid),
        token(3600),
        ok(200, "{}"),
    ]);
    let client = direct_client();
    let req = api::get_sca(USER).unwrap();
    block_on(client.send(&mock, &req, &CallOptions::default())).unwrap();
    assert_eq!(mock.requests.borrow().len(), 4);
    let mock = Mock::new(vec![
        token(3600),
        ok(401, invalid),
        token(3600),
        ok(401, invalid),
    ]);
    let client = direct_client();
    let e = block_on(client.send(&mock, &req, &CallOptions::default())).unwrap_err();
    assert_eq!(
        (e.status, e.error_type.as_str()),
        (401, "invalid_credentials")
    );
    assert_eq!(mock.requests.borrow().len(), 4);
}

#[test]
fn a_failed_token_request_fails_every_waiting_call_with_its_error() {
    let bad = r#"{"error":"invalid_client","error_description":"Bad credentials"}"#;
    let mock = Mock::new(vec![ok(401, bad)]);
    let client = direct_client();
    let req = api::get_sca(USER).unwrap();
    let opts = CallOptions::default();
    type Fut<'a> = Pin<Box<dyn Future<Output = Result<HttpResponse, ApiError>> + 'a>>;
    let futures: Vec<Fut> = (0..2)
        .map(|_| Box::pin(client.send(&mock, &req, &opts)) as Fut)
        .collect();
    for r in run_all(futures) {
        let e = r.unwrap_err();
        assert_eq!(
            (e.error_type.as_str(), e.message.as_str()),
            ("invalid_client", "Bad credentials")
        );
    }
    assert_eq!(mock.requests.borrow().len(), 1);
}

#[test]
fn a_pending_user_action_401_carries_the_redirect_url() {
    let mock = Mock::new(vec![Ok(resp(
        401,
        r#"{"Message":"SCA required","Type":"unauthorized"}"#,
        &[(
            "WWW-Authenticate",
            "PendingUserAction RedirectUrl=https://sca.example/s?t=1",
        )],
    ))]);
    let e =
        block_on(proxy_client(2).send(&mock, &api::enroll(USER).unwrap(), &CallOptions::default()))
            .unwrap_err();
    assert_eq!(e.redirect_url.as_deref(), Some("https://sca.example/s?t=1"));
    assert_eq!(e.status, 401);
}

#[test]
fn raw_calls_return_any_status_and_keep_retries() {
    let mock = Mock::new(vec![
        ok(503, ""),
        ok(404, r#"{"Type":"ressource_not_found"}"#),
    ]);
    let call = Call {
        method: Method::Get,
        path_and_query: "/users/1?page=2".into(),
        body: None,
        idempotent: false,
        replay: false,
        client_scoped: true,
    };
    let r = block_on(proxy_client(2).execute(&mock, &call, &CallOptions::default(), true)).unwrap();
    assert_eq!(r.status, 404);
    assert_eq!(
        mock.requests.borrow()[1].url,
        "http://127.0.0.1:9/api/mangopay/v2.01/demo-client/users/1?page=2"
    );
}

#[test]
fn dispatch_builds_every_method_and_validates_bodies() {
    let p = prepare(
        "getKycDocuments",
        &json!([USER, {"perPage": 20, "Status": "CREATED", "sort": "CreationDate:DESC"}]),
        true,
    )
    .unwrap();
    assert_eq!(p.list, Some((1, 20)));
    assert_eq!(
        p.request.query_string(),
        "per_page=20&Sort=CreationDate%3ADESC&Status=CREATED"
    );
    let p = prepare("getAll", &json!([]), true).unwrap();
    assert_eq!(p.list, Some((1, 10)));
    let p = prepare("getEMoney", &json!([USER, 2024, 3]), true).unwrap();
    assert_eq!(p.request.path, format!("/users/{USER}/emoney/2024/03"));
    let p = prepare("close", &json!([{"Id": USER, "PersonType": "LEGAL"}]), true).unwrap();
    assert_eq!(
        (p.request.method, p.request.path.as_str()),
        (Method::Delete, format!("/users/legal/{USER}").as_str())
    );
    let p = prepare("submitKycDocument", &json!([USER, "doc_1"]), true).unwrap();
    assert_eq!(
        p.request.json_body(),
        Some(&json!({"Status": "VALIDATION_ASKED"}))
    );
    let e = prepare("createNaturalSca", &json!([{"FirstName": 3}]), true).unwrap_err();
    assert_eq!(e.error_type, "param_error");
    assert!(e.errors.as_ref().unwrap().contains_key("FirstName"));
    assert!(!e.issues.is_empty());
    assert!(prepare("createNaturalSca", &json!([{"FirstName": 3}]), false).is_ok());
    for junk in [
        json!([]),
        json!([null]),
        json!([1]),
        json!(["a/../b"]),
        json!("x"),
    ] {
        assert_eq!(
            prepare("getSca", &junk, true).unwrap_err().error_type,
            "param_error"
        );
    }
    assert!(prepare("nope", &json!([]), true).is_err());
    assert!(prepare("getWallets", &json!([USER, {"bogus": 1}]), true).is_err());
    let e = prepare_kyc_page_bytes(USER, "doc", b"", "IDENTITY_PROOF").unwrap_err();
    assert_eq!(e.error_type, "param_error");
}

fn pdf(len: usize) -> Vec<u8> {
    let mut bytes = b"%PDF-1.4\n".to_vec();
    bytes.resize(len, b' ');
    bytes
}

#[test]
fn upload_checks_every_file_before_creating_anything() {
    let mock = Mock::new(vec![]);
    let input = UploadInput {
        doc_type: "IDENTITY_PROOF".into(),
        tag: None,
        files: vec![pdf(40_000), b"GIF89a not accepted".to_vec()],
        user: Some(mangopay_wasm::validate::KycUserContext::natural()),
    };
    let e = block_on(upload_kyc_document(
        &proxy_client(0),
        &mock,
        USER,
        &input,
        &|_| {},
    ))
    .unwrap_err();
    assert!(e.errors.unwrap().contains_key("files.1"));
    assert!(mock.requests.borrow().is_empty());
}

#[test]
fn upload_creates_sends_pages_in_order_and_submits_with_progress() {
    let mock = Mock::new(vec![
        ok(200, r#"{"Id":"doc_9","Status":"CREATED"}"#),
        ok(200, ""),
        ok(200, ""),
        ok(200, r#"{"Id":"doc_9","Status":"VALIDATION_ASKED"}"#),
    ]);
    let input = UploadInput {
        doc_type: "ADDRESS_PROOF".into(),
        tag: Some("t".into()),
        files: vec![pdf(2_000), pdf(3_000)],
        user: Some(mangopay_wasm::validate::KycUserContext::natural()),
    };
    let events = RefCell::new(Vec::<Progress>::new());
    let body = block_on(upload_kyc_document(
        &proxy_client(0),
        &mock,
        USER,
        &input,
        &|p| events.borrow_mut().push(p.clone()),
    ))
    .unwrap();
    assert!(body.contains("VALIDATION_ASKED"));
    let urls = mock.urls();
    assert!(urls[0].starts_with("POST ") && urls[0].ends_with("/kyc/documents"));
    assert!(urls[1].ends_with("/kyc/documents/doc_9/pages"));
    assert!(urls[3].starts_with("PUT ") && urls[3].ends_with("/kyc/documents/doc_9"));
    let sent: Vec<u32> = events.borrow().iter().map(|p| p.pages_sent).collect();
    assert_eq!(sent, vec![0, 1, 2]);
}

#[test]
fn upload_failing_midway_reports_the_document_and_pages_sent() {
    let mock = Mock::new(vec![
        ok(200, r#"{"PersonType":"NATURAL"}"#),
        ok(200, r#"{"Id":"doc_7"}"#),
        ok(200, ""),
        ok(400, r#"{"Type":"max_page_number","Message":"too many"}"#),
    ]);
    let input = UploadInput {
        doc_type: "ADDRESS_PROOF".into(),
        tag: None,
        files: vec![pdf(2_000), pdf(2_000), pdf(2_000)],
        user: None,
    };
    let e: ApiError = block_on(upload_kyc_document(
        &proxy_client(0),
        &mock,
        USER,
        &input,
        &|_| {},
    ))
    .unwrap_err();
    assert_eq!(e.document_id.as_deref(), Some("doc_7"));
    assert_eq!(e.pages_sent, Some(1));
    assert_eq!(e.error_type, "max_page_number");
    assert!(mock.urls()[0].ends_with(&format!("/users/{USER}")));
}

// The split path of the wasm client: the caller sends the first attempt (`Client::start`),
// `Client::settles` ends the common case, `Client::resume` runs everything else.

/// Runs a call as the JS client does: start, send the first attempt through the mock, settle
/// or resume. Returns the response and whether it settled without `resume`.
fn split(
    client: &Client,
    mock: &Mock,
    call: &Call,
    options: &CallOptions,
    raw: bool,
) -> (Result<HttpResponse, ApiError>, bool) {
    let (started, request) = client.start(mock, call, options).unwrap();
    let Some(request) = request else {
        return (
            block_on(client.resume(mock, call, options, raw, started, None)),
            false,
        );
    };
    let first = block_on(mangopay_wasm::transport::Transport::send(mock, request));
    if let Ok(response) = &first {
        let limits = [
            response.header("X-RateLimit"),
            response.header("X-RateLimit-Remaining"),
            response.header("X-RateLimit-Reset"),
        ];
        if client.settles(call, &started, response.status, limits, raw) {
            return (Ok(response.clone()), true);
        }
    }
    (
        block_on(client.resume(mock, call, options, raw, started, Some(first))),
        false,
    )
}

fn call_of(request: &api::Request) -> Call {
    Call::from_request(request)
}

#[test]
fn split_a_2xx_settles_at_once_with_the_same_request_and_its_rate_limits() {
    let limits = [
        ("X-RateLimit", "1,2,3,4"),
        ("X-RateLimit-Remaining", "9,8,7,6"),
        (
            "X-RateLimit-Reset",
            "1700000001,1700000002,1700000003,1700000004",
        ),
    ];
    let mock = Mock::new(vec![Ok(resp(200, r#"{"Id":"1"}"#, &limits))]);
    let client = proxy_client(2);
    let call = call_of(&api::get_sca(USER).unwrap());
    let (r, settled) = split(&client, &mock, &call, &CallOptions::default(), false);
    assert!(settled);
    assert_eq!(r.unwrap().body, r#"{"Id":"1"}"#);
    assert_eq!(client.rate_limits().len(), 4);
    // The same request as the all-Rust path sends.
    let other = Mock::new(vec![]);
    block_on(client.execute(&other, &call, &CallOptions::default(), false)).unwrap();
    assert_eq!(mock.requests.borrow()[0], other.requests.borrow()[0]);
}

#[test]
fn split_a_failed_first_attempt_is_retried_by_resume() {
    let mock = Mock::new(vec![ok(503, ""), ok(200, "{}")]);
    let client = proxy_client(2);
    let call = call_of(&api::get_sca(USER).unwrap());
    let (r, settled) = split(&client, &mock, &call, &CallOptions::default(), false);
    assert!(!settled);
    assert_eq!(r.unwrap().status, 200);
    assert_eq!(mock.requests.borrow().len(), 2);
    assert_eq!(mock.sleeps.borrow().len(), 1);
    let mock = Mock::new(vec![Err(TransportError::Timeout), ok(200, "{}")]);
    let (r, _) = split(&client, &mock, &call, &CallOptions::default(), false);
    assert_eq!(r.unwrap().status, 200);
    assert_eq!(mock.requests.borrow().len(), 2);
    let mock = Mock::new(vec![Err(TransportError::Aborted)]);
    let (r, _) = split(&client, &mock, &call, &CallOptions::default(), false);
    assert_eq!(r.unwrap_err().error_type, "aborted");
    let mock = Mock::new(vec![ok(
        404,
        r#"{"Type":"ressource_not_found","Message":"no"}"#,
    )]);
    let (r, settled) = split(&client, &mock, &call, &CallOptions::default(), false);
    assert!(!settled);
    assert_eq!(r.unwrap_err().status, 404);
}

#[test]
fn split_a_conflict_keeps_its_key_for_the_replay() {
    let conflict = r#"{"Message":"dup","Type":"idempotent_creation_conflict","Id":"e1"}"#;
    let mock = Mock::new(vec![ok(409, conflict)]);
    mock.route(
        "/responses/",
        ok(200, r#"{"StatusCode":"201","Resource":{"Id":"user_1"}}"#),
    );
    let client = proxy_client(2);
    let call = call_of(&api::create_natural_sca(natural_body()).unwrap());
    let (r, settled) = split(&client, &mock, &call, &CallOptions::default(), false);
    assert!(!settled);
    assert_eq!(r.unwrap().body, r#"{"Id":"user_1"}"#);
    let requests = mock.requests.borrow();
    let key = requests[0].header("Idempotency-Key").unwrap();
    assert!(requests[1].url.ends_with(&format!("/responses/{key}")));
}

#[test]
fn split_raw_calls_settle_on_final_statuses_only() {
    let client = proxy_client(2);
    let call = Call {
        method: Method::Get,
        path_and_query: "/users/x".into(),
        body: None,
        idempotent: false,
        replay: false,
        client_scoped: true,
    };
    let opts = CallOptions::default();
    let mock = Mock::new(vec![ok(404, "{}")]);
    let (r, settled) = split(&client, &mock, &call, &opts, true);
    assert!(settled);
    assert_eq!(r.unwrap().status, 404);
    let mock = Mock::new(vec![ok(503, ""), ok(200, "{}")]);
    let (r, settled) = split(&client, &mock, &call, &opts, true);
    assert!(!settled);
    assert_eq!(r.unwrap().status, 200);
    // Without retries left a 503 is the answer.
    let mock = Mock::new(vec![ok(503, "")]);
    let (r, settled) = split(&proxy_client(0), &mock, &call, &opts, true);
    assert!(settled);
    assert_eq!(r.unwrap().status, 503);
}

#[test]
fn split_direct_mode_fetches_the_token_in_resume_then_starts_with_it() {
    let invalid = r#"{"Message":"expired","Type":"invalid_credentials"}"#;
    let mock = Mock::new(vec![
        token(3600),
        ok(200, "{}"),
        ok(401, invalid),
        token(3600),
        ok(200, "{}"),
    ]);
    let client = direct_client();
    let call = call_of(&api::get_sca(USER).unwrap());
    let opts = CallOptions::default();
    // No token yet: nothing to send first, resume does it all.
    let (started, request) = client.start(&mock, &call, &opts).unwrap();
    assert!(request.is_none());
    block_on(client.resume(&mock, &call, &opts, false, started, None)).unwrap();
    // Cached now: the first attempt carries it; a 401 invalid_credentials refreshes it once.
    let (r, settled) = split(&client, &mock, &call, &opts, false);
    assert!(!settled);
    assert_eq!(r.unwrap().status, 200);
    let urls = mock.urls();
    assert_eq!(urls.len(), 5, "{urls:?}");
    assert!(urls[3].ends_with("/oauth/token"), "{urls:?}");
    assert_eq!(
        mock.requests.borrow()[2].header("Authorization"),
        Some("Bearer tok1")
    );
}
