//! The models survive what Mangopay may send tomorrow: enum values this SDK does not know, fields
//! it does not know, integer or float error dates, odd rate-limit and pagination headers, and
//! plain junk — without losing data it knows and without panicking.

use std::path::Path;

use mangopay_wasm::model::*;
use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

fn fixture(path: &str) -> Value {
    let full = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path);
    let text = std::fs::read_to_string(&full).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Parses `value` as `T` and serializes it back.
fn through<T: DeserializeOwned + Serialize>(value: &Value) -> Value {
    let typed: T = serde_json::from_value(value.clone())
        .unwrap_or_else(|e| panic!("{} refused {value}: {e}", std::any::type_name::<T>()));
    serde_json::to_value(typed).unwrap()
}

/// Parses a JSON value as one model and serializes it back.
type RoundTrip = fn(&Value) -> Value;

/// Sets `value[pointer] = new`, where `pointer` is a JSON pointer such as `/0/Status`.
fn set(value: &mut Value, pointer: &str, new: Value) {
    *value
        .pointer_mut(pointer)
        .unwrap_or_else(|| panic!("no {pointer} in fixture")) = new;
}

#[test]
fn unknown_enum_values_survive_a_round_trip() {
    let cases: Vec<(&str, Vec<&str>, RoundTrip)> = vec![
        (
            "users/natural_sca_owner_pending.response.json",
            vec![
                "/UserStatus",
                "/UserCategory",
                "/KYCLevel",
                "/PersonType",
                "/Capacity",
            ],
            |v| through::<UserNaturalSca>(v),
        ),
        (
            "users/legal_sca_owner_pending.response.json",
            vec!["/LegalPersonType", "/UserStatus", "/KYCLevel"],
            |v| through::<UserLegalSca>(v),
        ),
        (
            "users/list_users_sca.response.json",
            vec!["/0/UserStatus", "/1/UserCategory"],
            |v| through::<Vec<UserListItem>>(v),
        ),
        (
            "kyc/document_created.response.json",
            vec!["/Type", "/Status", "/RefusedReasonType"],
            |v| through::<KycDocument>(v),
        ),
        (
            "sca/sca_status_active.response.json",
            vec!["/UserStatus", "/ConsentScope/Transfer"],
            |v| through::<ScaStatus>(v),
        ),
        (
            "transactions/list_user.response.json",
            vec!["/0/Type", "/0/Nature", "/0/Status"],
            |v| through::<Vec<Transaction>>(v),
        ),
        (
            "cards/list.response.json",
            vec!["/0/CardType", "/0/Validity"],
            |v| through::<Vec<Card>>(v),
        ),
        (
            "mandates/view.response.json",
            vec!["/Status", "/Scheme", "/ExecutionType"],
            |v| through::<Mandate>(v),
        ),
        (
            "preauthorizations/view_before_capture.response.json",
            vec!["/Status", "/PaymentStatus", "/SecureMode", "/ExecutionType"],
            |v| through::<PreAuthorization>(v),
        ),
        ("wallets/list.response.json", vec!["/0/FundsType"], |v| {
            through::<Vec<Wallet>>(v)
        }),
        ("errors/param_error_email.json", vec!["/Type"], |v| {
            through::<ApiErrorBody>(v)
        }),
    ];
    for (path, pointers, round_trip) in cases {
        let mut value = fixture(path);
        for (i, pointer) in pointers.iter().enumerate() {
            set(&mut value, pointer, json!(format!("NEW_VALUE_{i}_ñ")));
        }
        assert_eq!(round_trip(&value), value, "{path}");
    }
    // A bank account response also gains `null`s for the fields of other types.
    let mut account = fixture("bank_accounts/us.response.json");
    set(&mut account, "/Type", json!("SEPA_INSTANT"));
    set(&mut account, "/DepositAccountType", json!("BROKERAGE"));
    let out = through::<BankAccount>(&account);
    assert_eq!(out["Type"], json!("SEPA_INSTANT"));
    assert_eq!(out["DepositAccountType"], json!("BROKERAGE"));
}

#[test]
fn unknown_values_are_reported_as_unknown_but_known_ones_stay_typed() {
    let mut value = fixture("kyc/document_created.response.json");
    set(&mut value, "/Status", json!("PENDING_REVIEW"));
    set(&mut value, "/RefusedReasonType", json!("DOCUMENT_BLURRY"));
    let document: KycDocument = serde_json::from_value(value).unwrap();
    assert_eq!(document.document_type, Some(KycDocumentType::IdentityProof));
    assert_eq!(
        document.status,
        Some(KycDocumentStatus::Other("PENDING_REVIEW".into()))
    );
    assert!(!document.refused_reason_type.unwrap().is_known());
}

/// Adds unknown fields at the top level and inside every nested object (but not inside the
/// `errors` map of an error body, whose keys are data).
fn add_unknown_fields(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, nested) in map.iter_mut() {
                if key != "errors" {
                    add_unknown_fields(nested);
                }
            }
            map.insert(
                "AddedByMangopayLater".into(),
                json!({"Nested": [1, "two", null], "Flag": true}),
            );
        }
        Value::Array(items) => items.iter_mut().for_each(add_unknown_fields),
        _ => {}
    }
}

#[test]
fn unknown_fields_are_tolerated_everywhere() {
    let cases: Vec<(&str, RoundTrip)> = vec![
        ("users/natural_sca_owner_pending.response.json", |v| {
            through::<UserNaturalSca>(v)
        }),
        ("users/legal_sca_owner_pending.response.json", |v| {
            through::<UserLegalSca>(v)
        }),
        ("users/legal_owner_legacy.response.json", |v| {
            through::<UserLegal>(v)
        }),
        ("users/natural_owner_legacy.response.json", |v| {
            through::<UserNatural>(v)
        }),
        ("users/list_users_sca.response.json", |v| {
            through::<Vec<UserListItem>>(v)
        }),
        ("users/regulatory.response.json", |v| {
            through::<UserBlockStatus>(v)
        }),
        ("users/emoney.response.json", |v| through::<EMoney>(v)),
        ("users/company_number_validation.response.json", |v| {
            through::<CompanyNumberValidation>(v)
        }),
        ("sca/sca_status_active.response.json", |v| {
            through::<ScaStatus>(v)
        }),
        ("sca/enrollment.response.json", |v| {
            through::<UserEnrollmentResult>(v)
        }),
        ("kyc/list_documents.response.json", |v| {
            through::<Vec<KycDocument>>(v)
        }),
        ("wallets/list.response.json", |v| through::<Vec<Wallet>>(v)),
        ("transactions/list_user.response.json", |v| {
            through::<Vec<Transaction>>(v)
        }),
        ("cards/list.response.json", |v| through::<Vec<Card>>(v)),
        ("mandates/view.response.json", |v| through::<Mandate>(v)),
        ("preauthorizations/view_before_capture.response.json", |v| {
            through::<PreAuthorization>(v)
        }),
        ("misc/oauth_token.response.json", |v| {
            through::<OAuthToken>(v)
        }),
        ("errors/param_error_email.json", |v| {
            through::<ApiErrorBody>(v)
        }),
    ];
    for (path, round_trip) in cases {
        let original = fixture(path);
        let mut extended = original.clone();
        add_unknown_fields(&mut extended);
        assert_eq!(round_trip(&extended), original, "{path}");
    }
    // The raw resource of an idempotent replay is kept whole, unknown fields included.
    let mut replay = fixture("misc/api_response.response.json");
    if let Some(resource) = replay
        .pointer_mut("/Resource")
        .and_then(Value::as_object_mut)
    {
        resource.insert("Extra".into(), json!({"a": 1}));
    }
    assert_eq!(replay["Resource"]["Extra"], json!({"a": 1}));
    assert_eq!(through::<ApiResponse>(&replay), replay);
}

#[test]
fn missing_response_fields_read_as_none() {
    let user: UserNaturalSca = serde_json::from_str("{}").unwrap();
    assert_eq!(user, UserNaturalSca::default());
    let status: ScaStatus = serde_json::from_str(r#"{"UserStatus":"ACTIVE"}"#).unwrap();
    assert_eq!(status.last_enrollment_date, None);
    assert_eq!(status.user_status, Some(UserStatus::Active));
}

#[test]
fn error_date_keeps_its_integer_or_float_form() {
    for (body, seconds) in [
        (fixture("errors/param_error_email.json"), 1_690_291_065),
        (fixture("errors/fraud_policy.json"), 1_750_420_020),
    ] {
        let text = serde_json::to_vec(&body).unwrap();
        let parsed = parse_error_body(&text).unwrap();
        assert_eq!(serde_json::to_value(&parsed).unwrap(), body);
        let ErrorBody::Api(api) = parsed else {
            panic!("expected an API error")
        };
        assert_eq!(api.date_seconds(), Some(seconds));
    }
    let float = parse_error_body(br#"{"Type":"param_error","Date":1690291065.0}"#).unwrap();
    let int = parse_error_body(br#"{"Type":"param_error","Date":1690291065}"#).unwrap();
    assert_eq!(
        serde_json::to_string(&float).unwrap(),
        r#"{"Message":null,"Type":"param_error","Id":null,"Date":1690291065.0,"errors":null}"#
    );
    assert_eq!(
        serde_json::to_string(&int).unwrap(),
        r#"{"Message":null,"Type":"param_error","Id":null,"Date":1690291065,"errors":null}"#
    );
}

#[test]
fn expired_token_error_without_id_or_errors_still_parses() {
    let body =
        br#"{"Message":"The authorization credentials are not valid","Type":"invalid_credentials","Date":1700772361.0}"#;
    let parsed = parse_error_body(body).unwrap();
    assert_eq!(parsed.error_type(), Some("invalid_credentials"));
    assert!(parsed.field_errors().is_none());
}

#[test]
fn income_range_sent_as_a_string_is_read_as_a_number() {
    // The legacy Node SDK example sent `"IncomeRange": "6"`.
    let user: UserNatural = serde_json::from_value(json!({
        "PersonType": "NATURAL", "IncomeRange": "6"
    }))
    .unwrap();
    assert_eq!(user.income_range, Some(6));
    assert_eq!(
        serde_json::to_value(&user).unwrap()["IncomeRange"],
        json!(6)
    );
}

#[test]
fn rate_limits_with_three_four_five_values_and_junk() {
    // The documented example (rate-limiting.mdx), four buckets.
    let four = parse_rate_limits(
        Some("63015, 121914, 228534, 7103921"),
        Some("436985, 878086, 1771466, 40896079"),
        Some("1715241060, 1715241960, 1715243760, 1715326500"),
    );
    assert_eq!(
        four,
        vec![
            RateLimit {
                interval_minutes: Some(15),
                calls_made: 63015,
                calls_remaining: 436985,
                reset: 1_715_241_060
            },
            RateLimit {
                interval_minutes: Some(30),
                calls_made: 121914,
                calls_remaining: 878086,
                reset: 1_715_241_960
            },
            RateLimit {
                interval_minutes: Some(60),
                calls_made: 228534,
                calls_remaining: 1771466,
                reset: 1_715_243_760
            },
            RateLimit {
                interval_minutes: Some(1440),
                calls_made: 7103921,
                calls_remaining: 40896079,
                reset: 1_715_326_500
            },
        ]
    );
    // Three values, as logged in mangopay2-python-sdk issue #385.
    let three = parse_rate_limits(
        Some("6, 15, 100"),
        Some("2294, 4485, 8700"),
        Some("1600000900, 1600001800, 1600003600"),
    );
    assert_eq!(three.len(), 3);
    assert!(three.iter().all(|b| b.interval_minutes.is_none()));
    assert_eq!(
        three.first().and_then(|b| b.infer_interval(1_600_000_000)),
        Some(15)
    );
    assert_eq!(
        three.last().and_then(|b| b.infer_interval(1_600_000_000)),
        Some(60)
    );
    let five = parse_rate_limits(Some("1,2,3,4,5"), Some("5,4,3,2,1"), Some("9,9,9,9,9"));
    assert_eq!(five.len(), 5);
    for junk in [
        (Some("a,b"), Some("c"), Some("d")),
        (Some(""), None, Some("1")),
        (Some("1;2;3"), Some("1"), Some("1")),
        (Some("１,２"), Some("1,2"), Some("1,2")),
    ] {
        assert!(
            parse_rate_limits(junk.0, junk.1, junk.2).is_empty(),
            "{junk:?}"
        );
    }
}

#[test]
fn pagination_headers_with_junk() {
    let info = PageInfo::from_headers(1, 10, Some("3"), Some("25"));
    assert_eq!(
        (info.total_pages, info.total_items, info.has_next()),
        (Some(3), Some(25), Some(true))
    );
    for junk in ["", " ", "NaN", "-3", "3.0", "0x10", "3 items", "٣"] {
        let info = PageInfo::from_headers(1, 10, Some(junk), Some(junk));
        assert_eq!(
            (info.total_pages, info.total_items),
            (None, None),
            "{junk:?}"
        );
    }
    assert_eq!(
        PageInfo::from_headers(4, 10, Some("4"), None).has_next(),
        Some(false)
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn header_parsers_never_panic(a in "\\PC{0,40}", b in "[0-9, .x-]{0,40}", c in any::<String>()) {
        let _ = parse_rate_limits(Some(&a), Some(&b), Some(&c));
        let _ = parse_rate_limits(Some(&b), Some(&b), Some(&b));
        let _ = parse_link_header(&a);
        let _ = parse_link_header(&c);
        let _ = parse_count(Some(&c));
        let _ = pending_user_action_from_www_authenticate(&c);
        let _ = pending_user_action_from_www_authenticate(&format!("PendingUserAction RedirectUrl={a}"));
    }

    #[test]
    fn error_parser_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..200), text in "\\PC{0,80}") {
        let _ = parse_error_body(&bytes);
        let _ = parse_error_body(text.as_bytes());
        let quoted = serde_json::to_string(&text).unwrap();
        let wrapped = format!("{{\"Message\":{quoted},\"errors\":{{\"F\":{quoted}}}}}");
        let parsed = parse_error_body(wrapped.as_bytes());
        prop_assert!(parsed.is_some());
    }

    #[test]
    fn any_string_round_trips_through_an_open_enum(s in any::<String>()) {
        let status = UserStatus::from(s.as_str());
        prop_assert_eq!(status.as_str(), s.as_str());
        let json = serde_json::to_string(&status).unwrap();
        let back: UserStatus = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back.as_str(), s.as_str());
        prop_assert_eq!(back.is_known(), UserStatus::KNOWN.contains(&s.as_str()));
    }

    #[test]
    fn rate_limits_round_trip_whatever_the_count(values in proptest::collection::vec((0i64..1_000_000, 0i64..1_000_000, 0i64..2_000_000_000), 0..8)) {
        let join = |f: fn(&(i64, i64, i64)) -> i64| values.iter().map(|v| f(v).to_string()).collect::<Vec<_>>().join(", ");
        let parsed = parse_rate_limits(Some(&join(|v| v.0)), Some(&join(|v| v.1)), Some(&join(|v| v.2)));
        prop_assert_eq!(parsed.len(), values.len());
        for (bucket, (made, remaining, reset)) in parsed.iter().zip(&values) {
            prop_assert_eq!((bucket.calls_made, bucket.calls_remaining, bucket.reset), (*made, *remaining, *reset));
            prop_assert_eq!(bucket.interval_minutes.is_some(), values.len() == 4);
        }
    }
}
