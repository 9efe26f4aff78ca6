//! Property tests: arbitrary strings never make the matcher, the query checker or any
//! ID-taking builder panic, and whatever a builder accepts matches back to itself.

use mangopay_wasm::api::*;
use proptest::prelude::*;
use serde_json::json;

/// Paths built segment by segment from the table's literals, plausible IDs and hostile
/// pieces, so that a good share is accepted and the rest fails deep inside the matcher.
fn pathish() -> impl Strategy<Value = String> {
    let segment = prop_oneof![
        6 => prop::sample::select(vec![
            "users", "USERS", "sca", "natural", "legal", "Natural", "KYC", "kyc", "documents",
            "pages", "bankaccounts", "iban", "GB", "other", "mandates", "wallets", "cards",
            "transactions", "preauthorizations", "emoney", "2024", "3", "12", "13", "category",
            "enrollment", "consent", "sca-status", "blockStatus", "Regulatory", "data-formats",
            "validation", "responses", "0123456789abcdef", "oauth", "token", "payins", "clients",
        ])
        .prop_map(str::to_owned),
        3 => "[a-zA-Z0-9_-]{1,12}",
        2 => prop::sample::select(vec![
            ".", "..", "%2e", "%2E%2e", ".%2e", "%252e", "%2F", "a%2fb", "%5C", "\\", "%", "%4",
            "%zz", "%C3%A9", "%C0%AE", "%00", "a%20b", "a+b;c=d", "?x=1", "#f", "\u{e9}", "\n",
            "", "a b",
        ])
        .prop_map(str::to_owned),
        1 => any::<String>(),
    ];
    let prefix = prop_oneof![
        8 => Just("/v2.01/c".to_owned()),
        2 => Just("/v2.01".to_owned()),
        1 => Just("/V2.01/my%20client".to_owned()),
        1 => any::<String>(),
    ];
    let trailing = prop_oneof![4 => Just(""), 1 => Just("/"), 1 => Just("//")];
    let free = (
        prefix,
        prop::collection::vec(segment, 0..7),
        trailing.clone(),
    )
        .prop_map(|(prefix, segs, trailing)| {
            let mut path = prefix;
            for s in segs {
                path.push('/');
                path.push_str(&s);
            }
            path + trailing
        });
    prop_oneof![1 => free, 3 => from_template(trailing)]
}

/// A real endpoint's path with its parameters replaced by raw (possibly hostile) text and its
/// literals in random case.
fn from_template(trailing: impl Strategy<Value = &'static str>) -> impl Strategy<Value = String> {
    let raw_param = prop_oneof![
        4 => "[a-zA-Z0-9_~.-]{1,16}",
        2 => "([a-zA-Z0-9]|%[0-9a-fA-F]{2}){1,8}",
        1 => "[0-9]{1,5}",
        1 => prop::sample::select(vec![
            "..", "%2e%2e", "%2F", "natural", "iban", "0123456789abcdef", "%", "%zz", "a/b",
        ])
        .prop_map(str::to_owned),
        1 => any::<String>(),
    ];
    (
        prop::sample::select(Endpoint::ALL.to_vec()),
        prop::collection::vec(raw_param, 4),
        any::<u64>(),
        "[a-zA-Z0-9%-]{1,10}",
        trailing,
    )
        .prop_map(|(e, params, flips, client, trailing)| {
            let mut params = params.into_iter().cycle();
            let mut path = if e.client_scoped() {
                format!("/v2.01/{client}")
            } else {
                "/v2.01".to_owned()
            };
            let template = e.path_template().replace("[/{Month}]", "/{Month}");
            for (i, seg) in template.split('/').skip(1).enumerate() {
                path.push('/');
                if seg.starts_with('{') {
                    path.push_str(&params.next().unwrap_or_default());
                } else if flips >> (i % 64) & 1 == 1 {
                    path.push_str(&seg.to_ascii_uppercase());
                } else {
                    path.push_str(seg);
                }
            }
            path + trailing
        })
}

fn method() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("GET".to_owned()),
        Just("POST".to_owned()),
        Just("PUT".to_owned()),
        Just("DELETE".to_owned()),
        Just("patch".to_owned()),
        any::<String>(),
    ]
}

fn id() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-zA-Z0-9%./\\\\ ?#_~-]{0,20}",
        Just(".".to_owned()),
        Just("..".to_owned()),
        Just("%2e%2e".to_owned()),
        Just("natural".to_owned()),
        "\\PC{120,140}",
        // The longest IDs by bytes: up to 128 four-byte characters.
        "[\u{10000}-\u{10FFFF}]{100,130}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn matcher_never_panics_and_canonical_paths_are_fixed_points(m in method(), p in pathish()) {
        for m in [m.as_str(), "GET", "POST", "PUT", "DELETE"] {
            if let Ok(found) = match_route(m, &p) {
                let canonical = found.canonical_path();
                let again = match_route(m, &canonical);
                prop_assert_eq!(again.as_ref(), Ok(&found));
                prop_assert!(!canonical.contains("//"));
                prop_assert!(canonical.is_ascii());
                prop_assert!(!canonical.contains(['?', '#', '\\']));
            }
        }
    }

    #[test]
    fn matcher_never_panics_on_any_string(m in any::<String>(), p in any::<String>()) {
        let _ = match_route(&m, &p);
        let _ = match_route("GET", &format!("/v2.01/c/users/{p}"));
        let _ = match_route("GET", &format!("/v2.01/c/users/1/emoney/{p}"));
    }

    #[test]
    fn query_checker_never_panics_and_is_stable(q in any::<String>(), q2 in "[a-zA-Z_=&%0-9,+;:#?]{0,40}") {
        for e in Endpoint::ALL {
            for raw in [&q, &q2] {
                if let Ok(opts) = parse_query(e, raw) {
                    let canonical = canonical_query(e, raw).unwrap();
                    let reparsed = parse_query(e, &canonical);
                    prop_assert_eq!(reparsed.as_ref(), Ok(&opts));
                }
            }
        }
    }

    #[test]
    fn builders_never_panic_and_what_they_build_matches_back(u in id(), o in id(), k in id()) {
        let b = json!({"Type": "IBAN"});
        let opts = ListOptions::new();
        let built: Vec<Result<Request, RequestError>> = vec![
            get(&u), get_sca(&u), get_natural(&u), get_natural_sca(&u), get_legal(&u),
            get_legal_sca(&u), update_natural(&u, &b), update_legal(&u, &b),
            update_natural_sca(&u, &b), update_legal_sca(&u, &b), categorize_natural(&u, &b),
            categorize_legal(&u, &b), close_natural(&u), close_legal(&u), enroll(&u),
            manage_consent(&u), get_sca_status(&u), get_block_status(&u), get_regulatory(&u),
            get_emoney(&u, 2024, None), create_bank_account(&u, &b), get_bank_account(&u, &o),
            get_bank_accounts(&u, &opts), update_bank_account(&u, &o, &b), get_wallets(&u, &opts),
            get_transactions(&u, &opts), get_cards(&u, &opts), create_kyc_document(&u, &b),
            get_kyc_document(&u, &o), get_kyc_documents(&u, &opts),
            update_kyc_document(&u, &o, &b), create_kyc_page(&u, &o, &k), get_mandates(&u, &opts),
            get_mandates_for_bank_account(&u, &o, &opts), get_pre_authorizations(&u, &opts),
            get_response(&k),
        ];
        for req in built.into_iter().flatten() {
            let path = req.url_path("client");
            let m = match_route(req.method.as_str(), &path);
            prop_assert!(m.is_ok(), "{:?} {} -> {:?}", req.endpoint, path, m);
            if let Ok(m) = m {
                prop_assert_eq!(m.endpoint(), req.endpoint);
                prop_assert_eq!(m.canonical_path(), path);
                if req.endpoint.path_template().contains("{UserId}") {
                    prop_assert_eq!(m.user_id(), Some(u.as_str()));
                }
                if req.endpoint.path_template().contains("{BankAccountId}") {
                    prop_assert_eq!(m.bank_account_id(), Some(o.as_str()));
                }
                if req.endpoint.path_template().contains("{KycDocumentId}") {
                    prop_assert_eq!(m.kyc_document_id(), Some(o.as_str()));
                }
                if req.endpoint == Endpoint::GetResponse {
                    prop_assert_eq!(m.idempotency_key(), Some(k.as_str()));
                }
            }
        }
    }

    #[test]
    fn numeric_and_option_inputs_never_panic(
        y in any::<u32>(),
        mo in proptest::option::of(any::<u32>()),
        page in any::<u32>(),
        per_page in any::<u32>(),
        name in any::<String>(),
        value in any::<String>(),
    ) {
        if let Ok(req) = get_emoney("1", y, mo) {
            let m = match_route("GET", &req.url_path("c")).unwrap();
            prop_assert_eq!((m.year(), m.month()), (Some(y), mo));
        }
        let opts = ListOptions::new().page(page).per_page(per_page).filter(name, value);
        for e in Endpoint::ALL {
            let _ = opts.to_query(e);
        }
        let _ = get_transactions("1", &opts);
        let _ = create_natural_sca(json!(page));
    }
}
