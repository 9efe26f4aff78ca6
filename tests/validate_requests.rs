//! List options, Idempotency-Key, SCA return URL, the dispatcher.

mod validate_support;

use mangopay_wasm::validate::{
    build_sca_redirect_url, idempotency_key, list_options, sca_return_url, validate,
    IssueCode as C, ValidatorKind, SCA_URL_MAX_CHARS,
};
use serde_json::json;
use validate_support::*;

// ------------------------------------------------------------------------- list options ----

#[test]
fn list_options_accept_the_documented_options() {
    assert_ok(&list_options(&json!({})));
    assert_ok(&list_options(&json!({
        "page": 2, "perPage": 100, "sort": "CreationDate:DESC",
        "Status": "CREATED,SUCCEEDED", "Type": "PAYIN", "Nature": "REGULAR",
        "ResultCode": "000000", "PaymentStatus": "WAITING",
        "BeforeDate": 1734339135, "AfterDate": -1, "Active": true, "ScaContext": "USER_PRESENT"
    })));
    assert_ok(&list_options(
        &json!({"page": null, "perPage": null, "sort": null}),
    ));
    assert_ok(&list_options(
        &json!({"sort": "creationdate:asc", "perPage": 1}),
    ));
}

#[test]
fn page_and_per_page_are_bounded_integers() {
    for (key, bad, code) in [
        ("page", json!(0), C::OutOfRange),
        ("page", json!(-3), C::OutOfRange),
        ("page", json!(1.5), C::InvalidType),
        ("page", json!("2"), C::InvalidType),
        ("perPage", json!(0), C::OutOfRange),
        ("perPage", json!(101), C::OutOfRange),
        ("perPage", json!(true), C::InvalidType),
    ] {
        let r = list_options(&json!({ key: bad }));
        assert_only(&r, key, code);
    }
}

#[test]
fn list_filters_are_type_checked() {
    for (key, bad, code) in [
        ("sort", json!("Name:ASC"), C::InvalidValue),
        ("sort", json!("CreationDate"), C::InvalidValue),
        ("BeforeDate", json!("yesterday"), C::InvalidType),
        ("AfterDate", json!(1.25), C::InvalidType),
        ("Active", json!("yes"), C::InvalidType),
        ("ScaContext", json!("MAYBE"), C::InvalidValue),
        ("Status", json!(["CREATED"]), C::InvalidType),
        ("Type", json!(1), C::InvalidType),
    ] {
        let r = list_options(&json!({ key: bad }));
        assert_only(&r, key, code);
    }
}

#[test]
fn unknown_list_options_are_not_allowed() {
    let r = list_options(&json!({"per_page": 10, "Sort": "CreationDate:ASC", "color": "red"}));
    assert_has(&r, "per_page", C::NotAllowed);
    assert_has(&r, "Sort", C::NotAllowed);
    assert_has(&r, "color", C::NotAllowed);
    assert!(r.errors()["per_page"].contains("Did you mean 'perPage'?"));
    assert!(r.errors()["Sort"].contains("Did you mean 'sort'?"));
    assert_only(&list_options(&json!([])), "", C::InvalidType);
}

// ---------------------------------------------------------------------- Idempotency-Key ----

#[test]
fn idempotency_keys_are_16_to_36_alphanumerics_or_dashes() {
    assert_ok(&idempotency_key("5b0b5aa9-0bd4-4a7e-a0f8-3b1f12c0e2b4"));
    assert_ok(&idempotency_key("ABCDEFGHIJKLMNOP"));
    assert_only(&idempotency_key(""), "Idempotency-Key", C::Required);
    assert_only(
        &idempotency_key("ABCDEFGHIJKLMNO"),
        "Idempotency-Key",
        C::TooShort,
    );
    assert_only(
        &idempotency_key(&"a".repeat(37)),
        "Idempotency-Key",
        C::TooLong,
    );
    assert_only(
        &idempotency_key("5b0b5aa9_0bd4_4a7e_a0f8"),
        "Idempotency-Key",
        C::InvalidFormat,
    );
    assert_only(
        &idempotency_key("clé-idempotente-123456"),
        "Idempotency-Key",
        C::InvalidFormat,
    );
}

// ---------------------------------------------------------------------- SCA return URL ----

const REDIRECT: &str = "https://sca.mangopay.com?token=0193d02f30df7a188c51cf890a191d21";

#[test]
fn builds_the_documented_redirection() {
    assert_eq!(
        build_sca_redirect_url(REDIRECT, "https://example.com").unwrap(),
        "https://sca.mangopay.com?token=0193d02f30df7a188c51cf890a191d21&returnUrl=https%3A%2F%2Fexample.com"
    );
    assert_ok(&sca_return_url(REDIRECT, "https://example.com"));
}

#[test]
fn respects_the_existing_query_and_fragment() {
    let url = |r: &str| build_sca_redirect_url(r, "https://x.io/é?a=1&b=2").unwrap();
    assert_eq!(
        url("https://sca.mangopay.com/"),
        "https://sca.mangopay.com/?returnUrl=https%3A%2F%2Fx.io%2F%C3%A9%3Fa%3D1%26b%3D2"
    );
    assert!(url("https://sca.mangopay.com/?").starts_with("https://sca.mangopay.com/?returnUrl="));
    assert!(url("https://sca.mangopay.com/?t=1&").contains("?t=1&returnUrl="));
    assert_eq!(
        build_sca_redirect_url("https://sca.mangopay.com/?t=1#step", "https://x.io").unwrap(),
        "https://sca.mangopay.com/?t=1&returnUrl=https%3A%2F%2Fx.io#step"
    );
    // Apps may return to their own scheme.
    assert_ok(&sca_return_url(REDIRECT, "myapp://sca-done"));
}

#[test]
fn the_final_url_must_stay_under_2000_characters() {
    let fixed = format!("{REDIRECT}&returnUrl=").len();
    let base = "https://example.com/";
    let fits = format!(
        "{base}{}",
        "a".repeat(SCA_URL_MAX_CHARS - 1 - fixed - "https%3A%2F%2Fexample.com%2F".len())
    );
    let url = build_sca_redirect_url(REDIRECT, &fits).unwrap();
    assert_eq!(url.len(), SCA_URL_MAX_CHARS - 1);
    let over = format!("{fits}a");
    let r = build_sca_redirect_url(REDIRECT, &over).unwrap_err();
    assert_only(&r, "returnUrl", C::TooLong);
    assert_only(&sca_return_url(REDIRECT, &over), "returnUrl", C::TooLong);
    // Encoding counts: 600 "é" are 3,600 encoded characters.
    let r = sca_return_url(REDIRECT, &format!("https://x.io/{}", "é".repeat(600)));
    assert_only(&r, "returnUrl", C::TooLong);
}

#[test]
fn both_urls_are_required_and_absolute() {
    assert_only(
        &sca_return_url("", "https://example.com"),
        "RedirectUrl",
        C::Required,
    );
    assert_only(&sca_return_url(REDIRECT, "  "), "returnUrl", C::Required);
    assert_only(
        &sca_return_url("sca.mangopay.com?token=1", "https://example.com"),
        "RedirectUrl",
        C::InvalidFormat,
    );
    assert_only(
        &sca_return_url(REDIRECT, "/done"),
        "returnUrl",
        C::InvalidFormat,
    );
    assert_only(
        &sca_return_url(REDIRECT, "example.com"),
        "returnUrl",
        C::InvalidFormat,
    );
}

// --------------------------------------------------------------------------- dispatcher ----

#[test]
fn the_dispatcher_routes_by_kind_and_names_the_js_validators() {
    let body = fixture("users/create_natural_sca_payer.request.json");
    assert_ok(&validate(ValidatorKind::CreateNaturalSca, &body));
    assert_has(
        &validate(ValidatorKind::CreateLegalSca, &body),
        "LegalPersonType",
        C::Required,
    );
    assert_ok(&validate(ValidatorKind::UpdateNatural, &json!({})));
    let mut names: Vec<&str> = ValidatorKind::ALL.iter().map(|k| k.js_name()).collect();
    names.dedup();
    assert_eq!(
        names,
        [
            "createNaturalSca",
            "createLegalSca",
            "createNatural",
            "createLegal",
            "updateNaturalSca",
            "updateLegalSca",
            "updateNatural",
            "updateLegal",
            "categorizeNatural",
            "categorizeLegal",
            "createKycDocument",
            "kycPage",
            "createBankAccount",
            "validateTheFormatOfUserData",
        ]
    );
}
