//! The matcher as the proxy's allowlist: what it accepts (and how it canonicalizes it) and
//! hostile paths, each refused with the right error.

use mangopay_wasm::api::{
    match_route, BankAccountType, Endpoint, MatchError, Method, MAX_PATH_LEN,
};

const C: &str = "/v2.01/my-client";

#[track_caller]
fn ok(method: &str, path: &str, endpoint: Endpoint, canonical: &str) {
    let m = match_route(method, path).unwrap_or_else(|e| panic!("{method} {path}: {e:?}"));
    assert_eq!(m.endpoint(), endpoint, "{method} {path}");
    assert_eq!(m.canonical_path(), canonical, "{method} {path}");
    // The canonical path is a fixed point.
    assert_eq!(match_route(method, canonical).as_ref(), Ok(&m));
}

// ---- Accepted, and canonicalized -------------------------------------------------------------

#[test]
fn sdk_and_docs_spellings_both_match_and_canonicalize_to_the_docs() {
    let kyc = format!("{C}/users/123/kyc/documents");
    ok(
        "GET",
        &format!("{C}/users/123/KYC/documents"),
        Endpoint::GetKycDocuments,
        &kyc,
    );
    ok("GET", &kyc, Endpoint::GetKycDocuments, &kyc);
    // The Node SDK posts with a trailing slash.
    ok(
        "POST",
        &format!("{C}/users/123/KYC/documents/"),
        Endpoint::CreateKycDocument,
        &kyc,
    );
    ok(
        "GET",
        &format!("{C}/users/123/Regulatory"),
        Endpoint::GetRegulatory,
        &format!("{C}/users/123/regulatory"),
    );
    ok(
        "GET",
        &format!("{C}/users/123/blockstatus"),
        Endpoint::GetBlockStatus,
        &format!("{C}/users/123/blockStatus"),
    );
    ok(
        "GET",
        &format!("{C}/USERS/123/KYC/DOCUMENTS/doc%201/"),
        Endpoint::GetKycDocument,
        &format!("{C}/users/123/kyc/documents/doc%201"),
    );
    ok(
        "PUT",
        &format!("{C}/SCA/Users/Natural/123/Category"),
        Endpoint::CategorizeNatural,
        &format!("{C}/sca/users/natural/123/category"),
    );
    // The API itself echoes `V2.01` in RequestURL.
    ok(
        "GET",
        "/V2.01/my-client/users",
        Endpoint::GetAll,
        &format!("{C}/users"),
    );
    ok(
        "GET",
        &format!("{C}/users/"),
        Endpoint::GetAll,
        &format!("{C}/users"),
    );
}

#[test]
fn parameters_are_decoded_and_re_encoded() {
    let m = match_route("GET", &format!("{C}/users/a%20b%3Fc/wallets")).unwrap();
    assert_eq!(m.user_id(), Some("a b?c"));
    assert_eq!(m.canonical_path(), format!("{C}/users/a%20b%3Fc/wallets"));
    // Sub-delimiters are legal raw in a path; they are forwarded encoded.
    let m = match_route("GET", &format!("{C}/users/a+b;c=d")).unwrap();
    assert_eq!(m.user_id(), Some("a+b;c=d"));
    assert_eq!(m.canonical_path(), format!("{C}/users/a%2Bb%3Bc%3Dd"));
    // Encoded unreserved characters in a literal are the literal (RFC 3986 §6.2.2.2).
    ok(
        "GET",
        &format!("{C}/users/1/%77allets"),
        Endpoint::GetWallets,
        &format!("{C}/users/1/wallets"),
    );
    // UTF-8, percent-encoded, is a valid ID.
    let m = match_route("GET", &format!("{C}/users/%C3%A9")).unwrap();
    assert_eq!(m.user_id(), Some("é"));
    // A literal `%2e` inside a longer ID is data, not a dot segment.
    let m = match_route("GET", &format!("{C}/users/a%252eb")).unwrap();
    assert_eq!(m.user_id(), Some("a%2eb"));
    assert_eq!(m.canonical_path(), format!("{C}/users/a%252eb"));
    let client = match_route("GET", "/v2.01/my%20client/users").unwrap();
    assert_eq!(client.client_id(), Some("my client"));
}

#[test]
fn emoney_bank_account_types_responses_and_oauth() {
    let m = match_route("GET", &format!("{C}/users/1/emoney/2024/3")).unwrap();
    assert_eq!((m.year(), m.month()), (Some(2024), Some(3)));
    assert_eq!(m.canonical_path(), format!("{C}/users/1/emoney/2024/03"));
    let m = match_route("GET", &format!("{C}/users/1/emoney/2024")).unwrap();
    assert_eq!(
        (m.endpoint(), m.year(), m.month()),
        (Endpoint::GetEMoney, Some(2024), None)
    );

    for t in BankAccountType::ALL {
        let path = format!("{C}/users/1/bankaccounts/{}", t.as_type());
        let m = match_route("POST", &path).unwrap();
        assert_eq!(m.endpoint(), Endpoint::CreateBankAccount);
        assert_eq!(m.bank_account_type(), Some(t));
        assert_eq!(
            m.canonical_path(),
            format!("{C}/users/1/bankaccounts/{}", t.as_segment())
        );
    }
    let m = match_route("GET", &format!("{C}/users/1/bankaccounts/2/mandates")).unwrap();
    assert_eq!(m.endpoint(), Endpoint::GetMandatesForBankAccount);
    assert_eq!(m.bank_account_id(), Some("2"));

    let m = match_route("GET", &format!("{C}/responses/0123456789abcdef")).unwrap();
    assert_eq!(m.idempotency_key(), Some("0123456789abcdef"));

    let m = match_route("post", "/v2.01/oauth/token").unwrap();
    assert_eq!(m.endpoint(), Endpoint::OauthToken);
    assert_eq!(m.client_id(), None);
    assert_eq!(m.canonical_path(), "/v2.01/oauth/token");
    // A client named `oauth` is still a client.
    let m = match_route("GET", "/v2.01/oauth/users").unwrap();
    assert_eq!(
        (m.endpoint(), m.client_id()),
        (Endpoint::GetAll, Some("oauth"))
    );
}

#[test]
fn every_endpoint_matches_its_own_template() {
    for e in Endpoint::ALL {
        let rel = e
            .path_template()
            .replace("[/{Month}]", "/{Month}")
            .replace("{UserId}", "u1")
            .replace("{BankAccountId}", "b2")
            .replace("{KycDocumentId}", "k3")
            .replace("{IdempotencyKey}", "0123456789abcdef")
            .replace("{Year}", "2024")
            .replace("{Month}", "05")
            .replace("{BankAccountType}", "us");
        let path = if e.client_scoped() {
            format!("{C}{rel}")
        } else {
            format!("/v2.01{rel}")
        };
        ok(e.method().as_str(), &path, e, &path);
        assert_eq!(
            match_route(e.method().as_str(), &path).unwrap().method(),
            e.method()
        );
    }
}

// ---- Refused -----------------------------------------------------------------------------------

#[test]
fn hostile_paths_are_refused_with_the_right_error() {
    use MatchError::*;
    let long_id = "x".repeat(129);
    let too_long = format!("{C}/users/{}", "a".repeat(MAX_PATH_LEN));
    let cases: Vec<(&str, String, MatchError)> = vec![
        // Traversal, raw and encoded in any case, and double-encoded.
        ("GET", format!("{C}/users/123/../../clients"), DotSegment),
        (
            "GET",
            format!("{C}/users/123/%2e%2e/%2e%2e/clients"),
            DotSegment,
        ),
        ("GET", format!("{C}/users/%2E%2e/wallets"), DotSegment),
        ("GET", format!("{C}/users/.%2E/wallets"), DotSegment),
        ("GET", format!("{C}/users/%2e./wallets"), DotSegment),
        ("GET", format!("{C}/users/./wallets"), DotSegment),
        ("GET", format!("{C}/users/%2e"), DotSegment),
        ("GET", format!("{C}/users/%252e%252e/wallets"), DotSegment),
        ("GET", format!("{C}/users/123/wallets/.."), DotSegment),
        ("GET", format!("{C}/users/123/wallets/."), DotSegment),
        ("GET", "/v2.01/../v2.01/my-client/users".into(), DotSegment),
        ("GET", "/v2.01/%2e%2e/users".into(), DotSegment),
        ("GET", "/v2.01/./users".into(), DotSegment),
        // Encoded separators, raw backslash.
        (
            "GET",
            format!("{C}/users/123%2F..%2F..%2Fclients/wallets"),
            Separator,
        ),
        ("GET", format!("{C}/users/123%2fwallets"), Separator),
        ("GET", format!("{C}/users/123%5C..%5Cclients"), Separator),
        ("GET", format!("{C}/users/123%5c"), Separator),
        ("GET", format!("{C}/users\\123"), Separator),
        ("GET", format!("{C}/users/..\\..\\clients"), Separator),
        ("GET", format!("{C}/users/123%252F/wallets"), Separator),
        (
            "GET",
            "/v2.01/my-client%2F..%2Fother/users".into(),
            Separator,
        ),
        // Empty segments, double slashes, protocol-relative prefixes.
        ("GET", format!("{C}//users/123"), EmptySegment),
        ("GET", "/v2.01//my-client/users".into(), EmptySegment),
        ("GET", "//v2.01/my-client/users".into(), EmptySegment),
        ("GET", format!("{C}/users//"), EmptySegment),
        ("GET", format!("{C}/users/123//wallets"), EmptySegment),
        (
            "GET",
            "//evil.example/v2.01/my-client/users".into(),
            EmptySegment,
        ),
        // Invalid percent-encoding, including overlong UTF-8 for `.`.
        ("GET", format!("{C}/users/%zz"), InvalidPercentEncoding),
        ("GET", format!("{C}/users/%4"), InvalidPercentEncoding),
        ("GET", format!("{C}/users/abc%"), InvalidPercentEncoding),
        (
            "GET",
            format!("{C}/users/%4g/wallets"),
            InvalidPercentEncoding,
        ),
        (
            "GET",
            format!("{C}/users/%C0%AE%C0%AE/wallets"),
            InvalidPercentEncoding,
        ),
        ("GET", format!("{C}/users/%FF"), InvalidPercentEncoding),
        ("GET", format!("{C}/users/%E2%80"), InvalidPercentEncoding),
        // Control characters, raw and encoded (header injection attempts).
        ("GET", format!("{C}/users/1\n"), ControlCharacter),
        ("GET", format!("{C}/users/1\t/wallets"), ControlCharacter),
        ("GET", format!("{C}/users/1\u{0}"), ControlCharacter),
        ("GET", format!("{C}/users/1%00"), ControlCharacter),
        (
            "GET",
            format!("{C}/users/1%0d%0aHost:%20evil"),
            ControlCharacter,
        ),
        ("GET", format!("{C}/users/1%7F"), ControlCharacter),
        ("GET", format!("{C}/users/1%C2%85"), ControlCharacter),
        // Raw non-ASCII and unicode look-alikes.
        ("GET", format!("{C}/users/\u{e9}"), NonAscii),
        ("GET", format!("{C}/\u{ff55}sers/1"), NonAscii),
        ("GET", format!("{C}/users/1/wallet\u{17f}"), NonAscii),
        ("GET", format!("{C}/users/1/\u{212a}yc/documents"), NonAscii),
        // Characters that are never raw in a path.
        ("GET", format!("{C}/users/a b"), InvalidCharacter),
        ("GET", format!("{C}/users/<script>"), InvalidCharacter),
        ("GET", format!("{C}/users/{{id}}"), InvalidCharacter),
        ("GET", format!("{C}/users/a|b"), InvalidCharacter),
        ("GET", format!("{C}/users/\"1\""), InvalidCharacter),
        // Smuggled queries and fragments.
        ("GET", format!("{C}/users/123?x=1"), QueryOrFragment),
        ("GET", format!("{C}/users?page=1"), QueryOrFragment),
        (
            "GET",
            format!("{C}/users/123#/../../clients"),
            QueryOrFragment,
        ),
        (
            "GET",
            format!("{C}/users/123/wallets?/../../payins"),
            QueryOrFragment,
        ),
        // Other resources and unknown paths.
        ("GET", format!("{C}/payins/123"), NotFound),
        ("POST", format!("{C}/payins/card/direct"), NotFound),
        ("GET", format!("{C}/wallets/123"), NotFound),
        ("POST", format!("{C}/wallets"), NotFound),
        ("GET", format!("{C}/clients"), NotFound),
        ("PUT", format!("{C}/clients"), NotFound),
        ("GET", format!("{C}/hooks"), NotFound),
        ("POST", format!("{C}/transfers"), NotFound),
        ("GET", format!("{C}/KYC/documents"), NotFound),
        ("GET", format!("{C}/users/123/disputes"), NotFound),
        ("GET", format!("{C}/users/123/recipients"), NotFound),
        (
            "GET",
            format!("{C}/users/123/kyc/ubodeclarations"),
            NotFound,
        ),
        ("GET", format!("{C}/users/123/emoney"), NotFound),
        ("GET", format!("{C}/users/123/wallets/456"), NotFound),
        (
            "GET",
            format!("{C}/users/123/bankaccounts/2/transactions"),
            NotFound,
        ),
        ("GET", format!("{C}/users;jsessionid=x/123"), NotFound),
        ("GET", format!("{C}/users/123/wallets;x"), NotFound),
        ("GET", format!("{C}/users/123/wallet%C5%BF"), NotFound),
        ("GET", format!("{C}/users/123/WALLETS%20"), NotFound),
        ("POST", "/v2.01/oauth/token/extra".into(), NotFound),
        ("GET", "/v2.02/my-client/users".into(), NotFound),
        ("GET", "/v2/my-client/users".into(), NotFound),
        ("GET", "/my-client/users".into(), NotFound),
        ("GET", "/v2.01".into(), NotFound),
        ("GET", "/v2.01/".into(), NotFound),
        ("GET", "/".into(), NotFound),
        ("GET", "".into(), NotFound),
        ("GET", "users/123".into(), NotFound),
        (
            "GET",
            "https://api.mangopay.com/v2.01/my-client/users".into(),
            NotFound,
        ),
        // Known paths, wrong method.
        (
            "DELETE",
            format!("{C}/users/123"),
            MethodNotAllowed {
                allowed: vec![Method::Get],
            },
        ),
        (
            "PATCH",
            format!("{C}/users/natural/123"),
            MethodNotAllowed {
                allowed: vec![Method::Get, Method::Put, Method::Delete],
            },
        ),
        (
            "POST",
            format!("{C}/users/123/wallets"),
            MethodNotAllowed {
                allowed: vec![Method::Get],
            },
        ),
        (
            "GET",
            "/v2.01/oauth/token".into(),
            MethodNotAllowed {
                allowed: vec![Method::Post],
            },
        ),
        (
            "PUT",
            format!("{C}/users/123/kyc/documents"),
            MethodNotAllowed {
                allowed: vec![Method::Get, Method::Post],
            },
        ),
        (
            "POST",
            format!("{C}/users/123/bankaccounts/swift"),
            MethodNotAllowed {
                allowed: vec![Method::Get, Method::Put],
            },
        ),
        (
            "DELETE",
            format!("{C}/sca/users/natural/123"),
            MethodNotAllowed {
                allowed: vec![Method::Get, Method::Put],
            },
        ),
        (
            "HEAD",
            format!("{C}/users"),
            MethodNotAllowed {
                allowed: vec![Method::Get],
            },
        ),
        (
            "OPTIONS",
            format!("{C}/users"),
            MethodNotAllowed {
                allowed: vec![Method::Get],
            },
        ),
        (
            "TRACE",
            format!("{C}/users"),
            MethodNotAllowed {
                allowed: vec![Method::Get],
            },
        ),
        (
            "GET ",
            format!("{C}/users"),
            MethodNotAllowed {
                allowed: vec![Method::Get],
            },
        ),
        (
            "",
            format!("{C}/users"),
            MethodNotAllowed {
                allowed: vec![Method::Get],
            },
        ),
        // Known paths, refused parameters.
        (
            "GET",
            format!("{C}/users/123/emoney/2024/13"),
            param("Month"),
        ),
        (
            "GET",
            format!("{C}/users/123/emoney/2024/00"),
            param("Month"),
        ),
        (
            "GET",
            format!("{C}/users/123/emoney/2024/123"),
            param("Month"),
        ),
        ("GET", format!("{C}/users/123/emoney/24"), param("Year")),
        ("GET", format!("{C}/users/123/emoney/0999"), param("Year")),
        ("GET", format!("{C}/users/123/emoney/2O24"), param("Year")),
        (
            "GET",
            format!("{C}/responses/short"),
            param("IdempotencyKey"),
        ),
        (
            "GET",
            format!("{C}/responses/0123456789abcdef_"),
            param("IdempotencyKey"),
        ),
        (
            "GET",
            format!("{C}/users/{long_id}/wallets"),
            param("UserId"),
        ),
        (
            "GET",
            format!("{C}/users/1/bankaccounts/{long_id}"),
            param("BankAccountId"),
        ),
        (
            "GET",
            format!("{C}/users/1/kyc/documents/{long_id}"),
            param("KycDocumentId"),
        ),
        ("GET", format!("/v2.01/{long_id}/users"), param("ClientId")),
        ("GET", format!("{C}/sca/users/natural"), param("UserId")),
        ("GET", format!("{C}/users/LEGAL"), param("UserId")),
        // Too long to look at.
        ("GET", too_long, TooLong),
    ];
    assert!(cases.len() >= 40);
    for (method, path, want) in cases {
        let got = match_route(method, &path);
        match (&got, &want) {
            (
                Err(InvalidParameter { name, .. }),
                InvalidParameter {
                    name: want_name, ..
                },
            ) => {
                assert_eq!(name, want_name, "{method} {path:?}")
            }
            _ => assert_eq!(got, Err(want), "{method} {path:?}"),
        }
    }
}

fn param(name: &'static str) -> MatchError {
    MatchError::InvalidParameter {
        name,
        reason: String::new(),
    }
}

#[test]
fn literals_beat_parameters_on_ambiguous_paths() {
    // `natural` as a UserId is refused by the builders, so this can only be get_natural.
    let m = match_route("GET", &format!("{C}/users/natural/wallets")).unwrap();
    assert_eq!(
        (m.endpoint(), m.user_id()),
        (Endpoint::GetNatural, Some("wallets"))
    );
    let m = match_route("GET", &format!("{C}/sca/users/legal/sca-status")).unwrap();
    assert_eq!(
        (m.endpoint(), m.user_id()),
        (Endpoint::GetLegalSca, Some("sca-status"))
    );
    // A create path is not a user id for another method.
    assert_eq!(
        match_route("PUT", &format!("{C}/users/natural")),
        Err(MatchError::MethodNotAllowed {
            allowed: vec![Method::Get, Method::Post]
        })
    );
}

#[test]
fn errors_map_to_http_statuses() {
    assert_eq!(
        match_route("GET", "/v2.01/c/payins")
            .unwrap_err()
            .http_status(),
        404
    );
    assert_eq!(
        match_route("POST", "/v2.01/c/users")
            .unwrap_err()
            .http_status(),
        405
    );
    assert_eq!(
        match_route("GET", "/v2.01/c/users/..")
            .unwrap_err()
            .http_status(),
        400
    );
    let e = match_route("GET", "/v2.01/c/users/%zz").unwrap_err();
    assert!(!e.to_string().is_empty());
}
