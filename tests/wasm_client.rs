//! The wasm client against a real HTTP server (tests/server/test-server.mjs), in Node and in
//! headless Chromium: every method on the wire, retries, idempotent replay, timeouts, aborts,
//! OAuth caching, SCA 401s, KYC pages and uploads from bytes, the raw passthrough, junk input.
//!
//! Run by `scripts/test.sh wasm`, which starts the server and passes its URL at compile time in
//! `MANGOPAY_TEST_SERVER`.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Function, Uint8Array};
use mangopay_wasm::wasm::client::Core;
use mangopay_wasm::wasm::validate::validate_json;
use serde_json::{json, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

const SERVER: &str = match option_env!("MANGOPAY_TEST_SERVER") {
    Some(url) => url,
    None => "http://127.0.0.1:9",
};
const USER: &str = "user_m_01";

#[wasm_bindgen(module = "/tests/wasm/helpers.js")]
extern "C" {
    #[wasm_bindgen(catch)]
    async fn script(base: &str, client: &str, rules: &str) -> Result<JsValue, JsValue>;
    async fn requests(base: &str, client: &str) -> JsValue;
    #[wasm_bindgen(js_name = abortAfter)]
    fn abort_after(ms: f64) -> JsValue;
    #[wasm_bindgen(js_name = isBrowser)]
    fn is_browser() -> bool;
    fn now() -> f64;
    fn file(size: u32, gif: bool) -> Uint8Array;
    #[wasm_bindgen(js_name = fileBytes)]
    async fn file_bytes(size: u32, gif: bool) -> JsValue;
    fn collector() -> Function;
    fn collected(f: &Function) -> String;
}

/// A client id unique to this test run (the server scopes records and scripts by it).
fn client_id(name: &str) -> String {
    format!(
        "{name}-{}-{}",
        if is_browser() { "b" } else { "n" },
        now() as u64
    )
}

fn global_fetch() -> Function {
    js_sys::Reflect::get(&js_sys::global(), &"fetch".into())
        .unwrap()
        .dyn_into()
        .unwrap()
}

fn core(client: &str, extra: Value) -> Core {
    let mut config = json!({"clientId": client, "baseUrl": SERVER, "maxRetries": 2});
    for (k, v) in extra.as_object().unwrap() {
        config[k] = v.clone();
    }
    Core::new(&config.to_string(), global_fetch(), false).unwrap()
}

async fn call(core: &Core, method: &str, args: Value, opts: Value) -> Result<JsValue, Value> {
    call_with(core, method, args, opts, JsValue::UNDEFINED).await
}

async fn call_with(
    core: &Core,
    method: &str,
    args: Value,
    opts: Value,
    signal: JsValue,
) -> Result<JsValue, Value> {
    let started = core.start(method, &args.to_string(), &opts.to_string());
    run(core, started, signal).await
}

/// Ends a started call wholly in Rust (the first attempt too), as when a token must be fetched
/// first: `Core::resume` with no outcome.
async fn run(
    core: &Core,
    started: Result<String, String>,
    signal: JsValue,
) -> Result<JsValue, Value> {
    let head = started.map_err(|e| error(JsValue::from(e)))?;
    JsFuture::from(resume(core, &head, signal))
        .await
        .map_err(error)
}

/// `Core::resume` of the call `head` (the text of a start) from its start.
fn resume(core: &Core, head: &str, signal: JsValue) -> js_sys::Promise {
    let id: u32 = head.split('\n').next().unwrap().parse().unwrap();
    core.resume(id, None, "", String::new(), None, signal)
}

async fn request(core: &Core, request: &Value) -> Result<JsValue, Value> {
    run(
        core,
        core.start_request(&request.to_string()),
        JsValue::UNDEFINED,
    )
    .await
}

fn error(reason: JsValue) -> Value {
    serde_json::from_str(&reason.as_string().expect("rejections are JSON text")).unwrap()
}

fn body(out: &JsValue) -> Value {
    let text = out.as_string().unwrap();
    if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap()
    }
}

async fn recorded(client: &str) -> Vec<Value> {
    let text = requests(SERVER, client).await.as_string().unwrap();
    serde_json::from_str(&text).unwrap()
}

async fn set_script(client: &str, rules: Value) {
    script(SERVER, client, &rules.to_string()).await.unwrap();
}

fn natural() -> Value {
    json!({"FirstName": "Joe", "LastName": "Bloggs", "Email": "joe@example.com",
           "UserCategory": "PAYER", "TermsAndConditionsAccepted": true})
}

#[wasm_bindgen_test]
fn validators_answer_in_wasm() {
    assert_eq!(validate_json(0, &natural().to_string(), None), None);
    let issues = validate_json(0, r#"{"FirstName": 3}"#, None).unwrap();
    let issues: Value = serde_json::from_str(&issues).unwrap();
    assert!(issues
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["path"] == "FirstName" && i["code"] == "invalid_type"));
    assert!(validate_json(0, "not json", None).is_some());
    assert!(validate_json(999, "{}", None).is_some());
}

#[wasm_bindgen_test]
fn bad_configs_are_refused_at_construction() {
    for config in [
        "null",
        "[]",
        "{}",
        r#"{"clientId": ""}"#,
        r#"{"clientId": 1}"#,
        r#"{"clientId": "c", "baseUrl": "nope"}"#,
        r#"{"clientId": "c", "timeoutMs": 0}"#,
        r#"{"clientId": "c", "maxRetries": -1}"#,
        r#"{"clientId": "c", "maxRetries": 1.5}"#,
        r#"{"clientId": "c", "credentials": "x"}"#,
        r#"{"clientId": "c", "headers": "x"}"#,
        "junk",
    ] {
        let e = Core::new(config, global_fetch(), false)
            .err()
            .unwrap_or_else(|| panic!("{config} accepted"));
        let e: Value = serde_json::from_str(&e).unwrap();
        assert_eq!(e["type"], "param_error", "{config}");
    }
    let with_key = r#"{"clientId": "c", "apiKey": "k"}"#;
    assert!(Core::new(with_key, global_fetch(), true).is_err());
    let allowed = r#"{"clientId": "c", "apiKey": "k", "dangerouslyAllowBrowser": true}"#;
    assert!(Core::new(allowed, global_fetch(), true).is_ok());
}

#[wasm_bindgen_test]
async fn every_method_sends_its_method_path_query_and_body() {
    let client = client_id("methods");
    let mp = core(&client, json!({}));
    let u = USER;
    let bank = json!({"Type": "IBAN", "OwnerName": "Joe Bloggs", "IBAN": "FR7630004000031234567890143",
        "OwnerAddress": {"AddressLine1": "1 rue", "City": "Paris", "PostalCode": "75001", "Country": "FR"}});
    let legal = json!({"Name": "Acme", "LegalPersonType": "BUSINESS", "UserCategory": "PAYER",
        "Email": "a@acme.example", "TermsAndConditionsAccepted": true,
        "LegalRepresentative": {"FirstName": "Jo", "LastName": "Do", "Email": "jo@acme.example"}});
    let cases: Vec<(&str, Value, &str, String, &str)> = vec![
        (
            "createNaturalSca",
            json!([natural()]),
            "POST",
            "/sca/users/natural".into(),
            "",
        ),
        (
            "createLegalSca",
            json!([legal]),
            "POST",
            "/sca/users/legal".into(),
            "",
        ),
        (
            "createNatural",
            json!([natural()]),
            "POST",
            "/users/natural".into(),
            "",
        ),
        ("get", json!([u]), "GET", format!("/users/{u}"), ""),
        ("getSca", json!([u]), "GET", format!("/sca/users/{u}"), ""),
        (
            "getNatural",
            json!([u]),
            "GET",
            format!("/users/natural/{u}"),
            "",
        ),
        (
            "getNaturalSca",
            json!([u]),
            "GET",
            format!("/sca/users/natural/{u}"),
            "",
        ),
        (
            "getLegal",
            json!([u]),
            "GET",
            format!("/users/legal/{u}"),
            "",
        ),
        (
            "getLegalSca",
            json!([u]),
            "GET",
            format!("/sca/users/legal/{u}"),
            "",
        ),
        (
            "getAll",
            json!([{"page": 2, "perPage": 5, "sort": "CreationDate:ASC"}]),
            "GET",
            "/users".into(),
            "page=2&per_page=5&Sort=CreationDate%3AASC",
        ),
        (
            "updateNatural",
            json!([u, {"FirstName": "A"}]),
            "PUT",
            format!("/users/natural/{u}"),
            "",
        ),
        (
            "updateLegal",
            json!([u, {"Name": "B"}]),
            "PUT",
            format!("/users/legal/{u}"),
            "",
        ),
        (
            "updateNaturalSca",
            json!([u, {"FirstName": "A"}]),
            "PUT",
            format!("/sca/users/natural/{u}"),
            "",
        ),
        (
            "updateLegalSca",
            json!([u, {"Name": "B"}]),
            "PUT",
            format!("/sca/users/legal/{u}"),
            "",
        ),
        (
            "categorizeNatural",
            json!([u, {"UserCategory": "OWNER", "TermsAndConditionsAccepted": true, "Birthday": 0, "Nationality": "FR", "CountryOfResidence": "FR"}]),
            "PUT",
            format!("/sca/users/natural/{u}/category"),
            "",
        ),
        (
            "close",
            json!([{"Id": u, "PersonType": "NATURAL"}]),
            "DELETE",
            format!("/users/natural/{u}"),
            "",
        ),
        (
            "closeLegal",
            json!([u]),
            "DELETE",
            format!("/users/legal/{u}"),
            "",
        ),
        (
            "enroll",
            json!([u]),
            "POST",
            format!("/sca/users/{u}/enrollment"),
            "",
        ),
        (
            "manageConsent",
            json!([u]),
            "POST",
            format!("/sca/users/{u}/consent"),
            "",
        ),
        (
            "getScaStatus",
            json!([u]),
            "GET",
            format!("/sca/users/{u}/sca-status"),
            "",
        ),
        (
            "getBlockStatus",
            json!([u]),
            "GET",
            format!("/users/{u}/blockStatus"),
            "",
        ),
        (
            "getRegulatory",
            json!([u]),
            "GET",
            format!("/users/{u}/regulatory"),
            "",
        ),
        (
            "validateTheFormatOfUserData",
            json!([{"CompanyNumber": {"CompanyNumber": "AB123456", "CountryCode": "GB"}}]),
            "POST",
            "/users/data-formats/validation".into(),
            "",
        ),
        (
            "getEMoney",
            json!([u, 2024, 3]),
            "GET",
            format!("/users/{u}/emoney/2024/03"),
            "",
        ),
        (
            "createBankAccount",
            json!([u, bank]),
            "POST",
            format!("/users/{u}/bankaccounts/iban"),
            "",
        ),
        (
            "getBankAccount",
            json!([u, "ba_1"]),
            "GET",
            format!("/users/{u}/bankaccounts/ba_1"),
            "",
        ),
        (
            "getBankAccounts",
            json!([u, {"Active": true}]),
            "GET",
            format!("/users/{u}/bankaccounts"),
            "Active=true",
        ),
        (
            "updateBankAccount",
            json!([u, "ba_1", {"Active": false}]),
            "PUT",
            format!("/users/{u}/bankaccounts/ba_1"),
            "",
        ),
        (
            "getWallets",
            json!([u, {"ScaContext": "USER_PRESENT"}]),
            "GET",
            format!("/users/{u}/wallets"),
            "ScaContext=USER_PRESENT",
        ),
        (
            "getTransactions",
            json!([u, {"Status": "SUCCEEDED", "BeforeDate": 1700000000}]),
            "GET",
            format!("/users/{u}/transactions"),
            "BeforeDate=1700000000&Status=SUCCEEDED",
        ),
        (
            "getCards",
            json!([u]),
            "GET",
            format!("/users/{u}/cards"),
            "",
        ),
        (
            "createKycDocument",
            json!([u, {"Type": "IDENTITY_PROOF", "Tag": "t"}]),
            "POST",
            format!("/users/{u}/kyc/documents"),
            "",
        ),
        (
            "getKycDocument",
            json!([u, "doc_1"]),
            "GET",
            format!("/users/{u}/kyc/documents/doc_1"),
            "",
        ),
        (
            "getKycDocuments",
            json!([u, {"Type": "IDENTITY_PROOF"}]),
            "GET",
            format!("/users/{u}/kyc/documents"),
            "Type=IDENTITY_PROOF",
        ),
        (
            "updateKycDocument",
            json!([u, "doc_1", {"Status": "VALIDATION_ASKED"}]),
            "PUT",
            format!("/users/{u}/kyc/documents/doc_1"),
            "",
        ),
        (
            "submitKycDocument",
            json!([u, "doc_1"]),
            "PUT",
            format!("/users/{u}/kyc/documents/doc_1"),
            "",
        ),
        (
            "getMandates",
            json!([u]),
            "GET",
            format!("/users/{u}/mandates"),
            "",
        ),
        (
            "getMandatesForBankAccount",
            json!([u, "ba_1"]),
            "GET",
            format!("/users/{u}/bankaccounts/ba_1/mandates"),
            "",
        ),
        (
            "getPreAuthorizations",
            json!([u, {"PaymentStatus": "WAITING"}]),
            "GET",
            format!("/users/{u}/preauthorizations"),
            "PaymentStatus=WAITING",
        ),
        (
            "getResponse",
            json!(["0123456789abcdef0123"]),
            "GET",
            "/responses/0123456789abcdef0123".into(),
            "",
        ),
    ];
    for (name, args, _, _, _) in &cases {
        let result = call(&mp, name, args.clone(), Value::Null).await;
        if *name != "getResponse" {
            result.unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }
    let seen = recorded(&client).await;
    assert_eq!(seen.len(), cases.len());
    for ((name, args, method, path, query), req) in cases.iter().zip(&seen) {
        assert_eq!(req["method"], *method, "{name}");
        assert_eq!(req["path"], path.as_str(), "{name}");
        assert_eq!(req["query"], *query, "{name}");
        assert_eq!(req["headers"]["accept"], "application/json", "{name}");
        let sent_body = req["body"].as_str().unwrap();
        match (*method, *name) {
            ("POST", "enroll" | "manageConsent") | ("GET" | "DELETE", _) => {
                assert_eq!(sent_body, "", "{name}")
            }
            (_, "submitKycDocument") => assert_eq!(
                serde_json::from_str::<Value>(sent_body).unwrap(),
                json!({"Status": "VALIDATION_ASKED"})
            ),
            _ => {
                let last = args.as_array().unwrap().last().unwrap();
                assert_eq!(
                    &serde_json::from_str::<Value>(sent_body).unwrap(),
                    last,
                    "{name}"
                );
                assert_eq!(req["headers"]["content-type"], "application/json", "{name}");
            }
        }
        let key = req["headers"]["idempotency-key"].as_str();
        assert_eq!(key.is_some(), *method == "POST", "{name}");
    }
}

#[wasm_bindgen_test]
async fn posts_carry_a_uuid_key_and_config_headers() {
    let client = client_id("headers");
    let mp = core(&client, json!({"headers": {"X-CSRF-Token": "csrf-1"}}));
    call(
        &mp,
        "createNaturalSca",
        json!([natural()]),
        json!({"headers": {"X-Call": "c"}}),
    )
    .await
    .unwrap();
    call(
        &mp,
        "createNaturalSca",
        json!([natural()]),
        json!({"idempotencyKey": "my-key-0123456789ab"}),
    )
    .await
    .unwrap();
    let seen = recorded(&client).await;
    let key = seen[0]["headers"]["idempotency-key"].as_str().unwrap();
    assert_eq!(key.len(), 36);
    assert_eq!(&key[14..15], "4");
    assert_eq!(seen[0]["headers"]["x-csrf-token"], "csrf-1");
    assert_eq!(seen[0]["headers"]["x-call"], "c");
    assert_eq!(seen[1]["headers"]["idempotency-key"], "my-key-0123456789ab");
    assert_eq!(seen[1]["headers"]["x-call"], Value::Null);
}

#[wasm_bindgen_test]
async fn gets_and_posts_are_retried_after_503_and_dropped_connections() {
    let client = client_id("retry");
    let mp = core(&client, json!({}));
    set_script(
        &client,
        json!([
            {"match": "/sca/users/u1", "status": 503, "headers": {"Retry-After": "0"}},
            {"match": "/sca/users/u1", "drop": true},
        ]),
    )
    .await;
    let user = body(
        &call(&mp, "getSca", json!(["u1"]), Value::Null)
            .await
            .unwrap(),
    );
    assert_eq!(user["_path"], "/sca/users/u1");
    set_script(
        &client,
        json!([{"match": "/sca/users/natural", "drop": true}]),
    )
    .await;
    call(&mp, "createNaturalSca", json!([natural()]), Value::Null)
        .await
        .unwrap();
    let seen = recorded(&client).await;
    assert_eq!(seen.len(), 5);
    assert_eq!(
        seen[3]["headers"]["idempotency-key"],
        seen[4]["headers"]["idempotency-key"]
    );
}

#[wasm_bindgen_test]
async fn puts_are_not_retried_on_500_and_max_retries_0_disables_retries() {
    let client = client_id("noretry");
    let mp = core(&client, json!({}));
    set_script(&client, json!([{"match": "/sca/users/natural/u1", "status": 500, "body": {"Message": "boom", "Type": "internal"}}])).await;
    let e = call(
        &mp,
        "updateNaturalSca",
        json!(["u1", {"FirstName": "A"}]),
        Value::Null,
    )
    .await
    .unwrap_err();
    assert_eq!(
        (e["status"].as_u64(), e["retryable"].as_bool()),
        (Some(500), Some(true))
    );
    let mp0 = core(&client, json!({"maxRetries": 0}));
    set_script(&client, json!([{"match": "/sca/users/u2", "status": 503}])).await;
    assert_eq!(
        call(&mp0, "getSca", json!(["u2"]), Value::Null)
            .await
            .unwrap_err()["status"],
        503
    );
    assert_eq!(recorded(&client).await.len(), 2);
}

#[wasm_bindgen_test]
async fn a_reused_key_is_replayed_through_responses() {
    let client = client_id("replay");
    let mp = core(&client, json!({}));
    let opts = json!({"idempotencyKey": format!("replay-{}", now() as u64)});
    let first = body(
        &call(&mp, "createNaturalSca", json!([natural()]), opts.clone())
            .await
            .unwrap(),
    );
    let again = body(
        &call(&mp, "createNaturalSca", json!([natural()]), opts)
            .await
            .unwrap(),
    );
    assert_eq!(first["Id"], again["Id"]);
    let seen = recorded(&client).await;
    assert_eq!(seen.len(), 3);
    assert!(seen[2]["path"].as_str().unwrap().starts_with("/responses/"));
    // A conflict whose original is unknown rejects with the conflict and the replay.
    set_script(&client, json!([{"match": "/sca/users/legal", "status": 409, "body": {"Message": "dup", "Type": "idempotent_creation_conflict"}}])).await;
    let legal = json!({"Name": "Acme", "LegalPersonType": "BUSINESS", "UserCategory": "PAYER",
        "Email": "a@acme.example", "TermsAndConditionsAccepted": true,
        "LegalRepresentative": {"FirstName": "Jo", "LastName": "Do", "Email": "jo@acme.example"}});
    let e = call(&mp, "createLegalSca", json!([legal]), Value::Null)
        .await
        .unwrap_err();
    assert_eq!(e["type"], "idempotent_creation_conflict");
    assert_eq!(e["replay"]["status"], 404);
    assert_eq!(e["idempotencyKey"].as_str().unwrap().len(), 36);
}

#[wasm_bindgen_test]
async fn a_timeout_rejects_with_timeout() {
    let client = client_id("timeout");
    let mp = core(&client, json!({"maxRetries": 0, "timeoutMs": 150}));
    set_script(
        &client,
        json!([{"match": "/sca/users/slow", "delayMs": 5000, "status": 200, "body": {}}]),
    )
    .await;
    let started = now();
    let e = call(&mp, "getSca", json!(["slow"]), Value::Null)
        .await
        .unwrap_err();
    assert_eq!(
        (e["type"].as_str(), e["status"].as_u64()),
        (Some("timeout"), Some(0))
    );
    // Well before the server would have answered.
    assert!(now() - started < 4000.0);
    // The per-call timeout overrides the configuration.
    set_script(
        &client,
        json!([{"match": "/sca/users/slow2", "delayMs": 300, "status": 200, "body": {}}]),
    )
    .await;
    call(&mp, "getSca", json!(["slow2"]), json!({"timeoutMs": 5000}))
        .await
        .unwrap();
}

#[wasm_bindgen_test]
async fn an_abort_rejects_promptly_and_is_not_retried() {
    let client = client_id("abort");
    let mp = core(&client, json!({}));
    set_script(
        &client,
        json!([{"match": "/sca/users/slow", "delayMs": 5000, "status": 200, "body": {}}]),
    )
    .await;
    let started = now();
    let e = call_with(
        &mp,
        "getSca",
        json!(["slow"]),
        Value::Null,
        abort_after(50.0),
    )
    .await
    .unwrap_err();
    assert_eq!(e["type"], "aborted");
    // Well before the server would have answered.
    assert!(now() - started < 4000.0);
    assert_eq!(recorded(&client).await.len(), 1);
}

#[wasm_bindgen_test]
async fn oauth_token_is_shared_by_concurrent_calls_and_refreshed_once_on_401() {
    let client = client_id("oauth");
    let mp = core(&client, json!({"apiKey": "secret"}));
    let calls: Vec<_> = (0..3)
        .map(|i| {
            let head = mp
                .start("getSca", &json!([format!("u{i}")]).to_string(), "null")
                .unwrap();
            JsFuture::from(resume(&mp, &head, JsValue::UNDEFINED))
        })
        .collect();
    for c in calls {
        c.await.unwrap();
    }
    let seen = recorded(&client).await;
    let tokens: Vec<_> = seen
        .iter()
        .filter(|r| r["path"] == "/oauth/token")
        .collect();
    assert_eq!(tokens.len(), 1);
    assert!(tokens[0]["headers"]["authorization"]
        .as_str()
        .unwrap()
        .starts_with("Basic "));
    for r in seen.iter().filter(|r| r["path"] != "/oauth/token") {
        assert_eq!(r["headers"]["authorization"], "Bearer token-1");
    }
    set_script(&client, json!([{"match": "/sca/users/u9", "status": 401, "body": {"Message": "expired", "Type": "invalid_credentials"}}])).await;
    call(&mp, "getSca", json!(["u9"]), Value::Null)
        .await
        .unwrap();
    let seen = recorded(&client).await;
    let last = seen.last().unwrap();
    assert_eq!(last["headers"]["authorization"], "Bearer token-2");
}

#[wasm_bindgen_test]
async fn an_sca_401_carries_the_redirect_url() {
    let client = client_id("sca");
    let mp = core(&client, json!({}));
    set_script(&client, json!([{"match": "/enrollment", "status": 401,
        "headers": {"WWW-Authenticate": "PendingUserAction redirectUrl=https://sca.example/s?token=abc"},
        "body": {"Message": "SCA required", "Type": "unauthorized", "Id": "e1", "Date": 1700000000.5}}])).await;
    let e = call(&mp, "enroll", json!([USER]), Value::Null)
        .await
        .unwrap_err();
    assert_eq!(e["status"], 401);
    assert_eq!(e["redirectUrl"], "https://sca.example/s?token=abc");
    assert_eq!(e["date"], 1700000000.5);
    assert_eq!(e["id"], "e1");
}

async fn page_bytes(mp: &Core, bytes: &Uint8Array) -> Result<JsValue, Value> {
    let started = mp.start_page(&json!([USER, "doc_1"]).to_string(), &bytes.to_vec(), "null");
    run(mp, started, JsValue::UNDEFINED).await
}

#[wasm_bindgen_test]
async fn kyc_pages_from_files_are_checked_then_sent_as_base64() {
    let client = client_id("pages");
    let mp = core(&client, json!({}));
    // Real `File`s (0 bytes, a GIF, 7 MB), read as the client reads them: `Blob.arrayBuffer()`.
    let from_file = |size, gif| async move { Uint8Array::new(&file_bytes(size, gif).await) };
    let e = page_bytes(&mp, &from_file(0, false).await)
        .await
        .unwrap_err();
    assert_eq!(e["type"], "param_error");
    let e = page_bytes(&mp, &from_file(5000, true).await)
        .await
        .unwrap_err();
    assert!(e["issues"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["code"] == "unsupported_file_type"));
    assert!(recorded(&client).await.is_empty());
    page_bytes(&mp, &from_file(7 * 1024 * 1024, false).await)
        .await
        .unwrap();
    let seen = recorded(&client).await;
    assert_eq!(seen.len(), 1);
    assert_eq!(
        seen[0]["path"],
        format!("/users/{USER}/kyc/documents/doc_1/pages")
    );
    let expected = (7usize * 1024 * 1024).div_ceil(3) * 4 + r#"{"File":""}"#.len();
    assert_eq!(seen[0]["bodyLength"].as_u64(), Some(expected as u64));
}

#[wasm_bindgen_test]
async fn upload_creates_sends_pages_in_order_submits_and_reports_progress() {
    let client = client_id("upload");
    let mp = core(&client, json!({}));
    let files = Array::of2(&file(2000, false), &file(3000, false));
    let progress = collector();
    let meta = json!([USER, {"Type": "ADDRESS_PROOF", "Tag": "t", "PersonType": "NATURAL"}]);
    let out = JsFuture::from(mp.upload(
        &meta.to_string(),
        files.clone(),
        progress.clone(),
        "null",
        JsValue::UNDEFINED,
    ))
    .await
    .unwrap();
    assert_eq!(body(&out)["Status"], "VALIDATION_ASKED");
    let events: Value = serde_json::from_str(&collected(&progress)).unwrap();
    let sent: Vec<_> = events
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["pagesSent"].as_u64().unwrap())
        .collect();
    assert_eq!(sent, vec![0, 1, 2]);
    let seen = recorded(&client).await;
    let paths: Vec<_> = seen
        .iter()
        .map(|r| {
            format!(
                "{} {}",
                r["method"].as_str().unwrap(),
                r["path"].as_str().unwrap()
            )
        })
        .collect();
    let doc = events[0]["documentId"].as_str().unwrap();
    assert_eq!(
        paths,
        vec![
            format!("POST /users/{USER}/kyc/documents"),
            format!("POST /users/{USER}/kyc/documents/{doc}/pages"),
            format!("POST /users/{USER}/kyc/documents/{doc}/pages"),
            format!("PUT /users/{USER}/kyc/documents/{doc}"),
        ]
    );
    // A failure midway reports the document and the pages already sent.
    set_script(&client, json!([
        {"match": "/pages", "method": "POST", "status": 400, "body": {"Message": "too many", "Type": "max_page_number"}},
    ]))
    .await;
    let e = error(
        JsFuture::from(mp.upload(
            &meta.to_string(),
            files,
            collector(),
            "null",
            JsValue::UNDEFINED,
        ))
        .await
        .unwrap_err(),
    );
    assert_eq!(e["pagesSent"], 0);
    assert!(e["documentId"].as_str().unwrap().starts_with("res-"));
    assert_eq!(e["type"], "max_page_number");
}

#[wasm_bindgen_test]
async fn the_raw_passthrough_returns_any_status() {
    let client = client_id("raw");
    let mp = core(&client, json!({}));
    set_script(&client, json!([{"match": "/users/missing", "status": 404, "body": {"Type": "ressource_not_found"}, "headers": {"X-Custom": "1"}}])).await;
    let req = json!({"method": "GET", "path": "/users/missing", "query": {"page": 2}});
    // `[status, headers as name\nvalue\n, body]`
    let out = Array::from(&request(&mp, &req).await.unwrap());
    assert_eq!(out.get(0).as_f64(), Some(404.0));
    let headers = out.get(1).as_string().unwrap();
    assert!(
        headers
            .lines()
            .collect::<Vec<_>>()
            .windows(2)
            .any(|w| w[0].eq_ignore_ascii_case("x-custom") && w[1] == "1"),
        "{headers}"
    );
    assert!(out
        .get(2)
        .as_string()
        .unwrap()
        .contains("ressource_not_found"));
    let post = json!({"method": "POST", "path": "/sca/users/natural", "body": natural().to_string(), "idempotencyKey": "raw-key-0123456789abcd"});
    let out = Array::from(&request(&mp, &post).await.unwrap());
    assert_eq!(out.get(0).as_f64(), Some(200.0));
    let seen = recorded(&client).await;
    assert_eq!(seen[0]["query"], "page=2");
    assert_eq!(
        seen[1]["headers"]["idempotency-key"],
        "raw-key-0123456789abcd"
    );
    for bad in [
        json!({"method": "PATCH", "path": "/x"}),
        json!({"method": "GET", "path": "/../x"}),
        json!(3),
    ] {
        let e = request(&mp, &bad).await.unwrap_err();
        assert_eq!(e["type"], "param_error");
    }
}

#[wasm_bindgen_test]
async fn lists_resolve_with_pagination_and_rate_limits_are_kept() {
    let client = client_id("lists");
    let mp = core(&client, json!({}));
    let out = call(
        &mp,
        "getWallets",
        json!([USER, {"page": 3, "perPage": 10}]),
        Value::Null,
    )
    .await
    .unwrap();
    let parts = Array::from(&out);
    let data: Value = serde_json::from_str(&parts.get(0).as_string().unwrap()).unwrap();
    assert_eq!(data.as_array().unwrap().len(), 5);
    assert_eq!(parts.get(1).as_f64(), Some(3.0));
    assert_eq!(parts.get(2).as_f64(), Some(10.0));
    assert_eq!(parts.get(3).as_f64(), Some(25.0));
    assert_eq!(parts.get(4).as_f64(), Some(3.0));
    set_script(&client, json!([{"match": "/sca/users/u1", "status": 200, "body": {},
        "headers": {"X-RateLimit": "1, 2, 3, 4", "X-RateLimit-Remaining": "9, 8, 7, 6", "X-RateLimit-Reset": "1700000000, 1700000001, 1700000002, 1700000003"}}])).await;
    call(&mp, "getSca", json!(["u1"]), Value::Null)
        .await
        .unwrap();
    let limits: Value = serde_json::from_str(&mp.rate_limits()).unwrap();
    assert_eq!(
        limits[0],
        json!({"intervalMinutes": 15, "callsMade": 1, "callsRemaining": 9, "reset": 1700000000})
    );
}

#[wasm_bindgen_test]
async fn junk_arguments_are_rejected_and_the_instance_stays_usable() {
    let client = client_id("junk");
    let mp = core(&client, json!({}));
    let junk = [
        json!(null),
        json!(1),
        json!(true),
        json!("x/../y"),
        json!([]),
        json!({}),
        json!([[1]]),
        json!({"a": {"b": []}}),
        json!(-1.5),
        json!(""),
    ];
    for name in mangopay_wasm::transport::dispatch::METHODS
        .iter()
        .map(|(n, _)| *n)
        .chain(["nope", ""])
    {
        for a in &junk {
            for args in [json!([a]), json!([a, a, a, a]), a.clone()] {
                if let Err(e) = call(&mp, name, args.clone(), Value::Null).await {
                    assert!(e["type"].is_string(), "{name} {args}: {e}");
                }
            }
        }
        for opts in [
            json!(1),
            json!({"timeoutMs": -1}),
            json!({"idempotencyKey": 3}),
            json!({"headers": {"bad name": "v"}}),
        ] {
            let e = call(&mp, name, json!([USER]), opts.clone())
                .await
                .unwrap_err();
            assert_eq!(e["type"], "param_error", "{name} {opts}");
        }
    }
    let e = call(&mp, "getSca", json!([USER]), json!("x"))
        .await
        .unwrap_err();
    assert_eq!(e["type"], "param_error");
    let e = run(
        &mp,
        mp.start("getSca", "not json", "null"),
        JsValue::UNDEFINED,
    )
    .await
    .unwrap_err();
    assert_eq!(e["type"], "param_error");
    // Still usable.
    call(&mp, "getSca", json!([USER]), Value::Null)
        .await
        .unwrap();
}

#[wasm_bindgen_test]
async fn nothing_listening_is_a_network_error() {
    let mp = Core::new(
        r#"{"clientId": "c", "baseUrl": "http://127.0.0.1:9", "maxRetries": 0}"#,
        global_fetch(),
        false,
    )
    .unwrap();
    let e = call(&mp, "getSca", json!([USER]), Value::Null)
        .await
        .unwrap_err();
    assert_eq!(
        (
            e["type"].as_str(),
            e["status"].as_u64(),
            e["retryable"].as_bool()
        ),
        (Some("network_error"), Some(0), Some(true))
    );
}
