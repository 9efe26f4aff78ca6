//! Arbitrary paths, queries and headers: the policy never panics, and whatever it forwards is
//! canonical and owned by the session.

use mangopay_proxy::policy::SESSION_PATH;
use mangopay_proxy::{decide, Auth, Config, Incoming, Outcome};
use proptest::prelude::*;

const SECRET: &str = "test-secret-0123456789abcdef-0123456789";
const SELF: &str = "http://127.0.0.1:8787";

fn config() -> Config {
    Config::new("demo-client", SECRET, "", "default, closeNatural", 0).unwrap()
}

/// A session owning `user_m_1` and the document `kyc_1`: its cookie and CSRF token.
fn session() -> (String, String) {
    let cfg = config();
    let mut s = mangopay_proxy::Session::new("sid".into(), u64::MAX / 2);
    s.add_user("user_m_1");
    s.add_kyc_document("kyc_1");
    (
        format!("mp_session={}", s.seal(&cfg.secret)),
        s.csrf_token(&cfg.secret),
    )
}

/// Path pieces that matter to parsers: separators, dots, escapes, ids, literal segments.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("/".to_string()),
        Just("//".to_string()),
        Just("\\".to_string()),
        Just(".".to_string()),
        Just("..".to_string()),
        Just("%2e".to_string()),
        Just("%2E%2e".to_string()),
        Just("%2f".to_string()),
        Just("%5C".to_string()),
        Just("%25".to_string()),
        Just("%00".to_string()),
        Just("%0d%0a".to_string()),
        Just("?".to_string()),
        Just("#".to_string()),
        Just(";".to_string()),
        Just("users".to_string()),
        Just("sca".to_string()),
        Just("natural".to_string()),
        Just("kyc".to_string()),
        Just("documents".to_string()),
        Just("responses".to_string()),
        Just("user_m_1".to_string()),
        Just("user_m_2".to_string()),
        Just("kyc_1".to_string()),
        Just("kyc_2".to_string()),
        "[a-zA-Z0-9_%.-]{0,6}",
    ]
}

/// Real endpoint paths naming owned and foreign ids, with parser-confusing pieces spliced in.
fn path() -> impl Strategy<Value = String> {
    let templates = prop_oneof![
        Just("sca/users/{U}"),
        Just("users/{U}"),
        Just("sca/users/natural/{U}"),
        Just("sca/users/natural/{U}/category"),
        Just("users/natural/{U}"),
        Just("sca/users/{U}/enrollment"),
        Just("users/{U}/kyc/documents"),
        Just("users/{U}/kyc/documents/{D}"),
        Just("users/{U}/kyc/documents/{D}/pages"),
        Just("users/{U}/bankaccounts/iban"),
        Just("users"),
        Just("responses/key-0123456789abcdef"),
    ];
    let user = prop_oneof![Just("user_m_1"), Just("user_m_2"), Just("natural")];
    let doc = prop_oneof![Just("kyc_1"), Just("kyc_2")];
    let splices = prop::collection::vec((any::<prop::sample::Index>(), piece()), 0..3);
    (templates, user, doc, splices).prop_map(|(t, u, d, splices)| {
        let mut tail = t.replace("{U}", u).replace("{D}", d);
        for (at, piece) in splices {
            let mut i = at.index(tail.len() + 1);
            while !tail.is_char_boundary(i) {
                i -= 1;
            }
            tail.insert_str(i, &piece);
        }
        format!("/api/mangopay/v2.01/demo-client/{tail}")
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn forwards_only_canonical_owned_paths(
        method in prop_oneof![Just("GET"), Just("POST"), Just("PUT"), Just("DELETE"), Just("PATCH")],
        path in path(),
        query in "[a-zA-Z_=&%0-9]{0,12}",
    ) {
        let (cookie, csrf) = session();
        let headers = vec![
            ("cookie".to_string(), cookie),
            ("x-csrf-token".to_string(), csrf),
            ("content-type".to_string(), "application/json".to_string()),
        ];
        let req = Incoming {
            method,
            path: &path,
            query: &query,
            headers: &headers,
            body: b"",
            self_origin: SELF,
            now: 1_800_000_000,
            entropy: &[1; 16],
            auth: Auth::Cookie,
        };
        match decide(&config(), &req) {
            Outcome::Forward(f) => {
                let p = &f.path;
                prop_assert!(p.starts_with('/') && !p.contains("//") && !p.contains('\\'), "{p}");
                for segment in p.split('/').skip(1) {
                    prop_assert!(segment != "." && segment != "..", "{p}");
                    prop_assert!(!segment.to_ascii_lowercase().contains("%2e%2e"), "{p}");
                }
                for id in ["user_m_", "kyc_"] {
                    for found in p.split('/').filter(|s| s.starts_with(id)) {
                        prop_assert!(found == "user_m_1" || found == "kyc_1", "{p} names {found}");
                    }
                }
                prop_assert!(!p.starts_with("/users?") && p != "/users", "{p}");
            }
            Outcome::Respond(r) => prop_assert!(r.status >= 400, "{} {}", r.status, path),
        }
    }

    #[test]
    fn arbitrary_headers_and_cookies_never_panic(
        names in prop::collection::vec("[a-zA-Z-]{1,12}", 0..6),
        values in prop::collection::vec(".{0,40}", 0..6),
    ) {
        let headers: Vec<(String, String)> = names.into_iter().zip(values).collect();
        for path in [SESSION_PATH, "/api/mangopay/v2.01/demo-client/sca/users/user_m_1"] {
            let req = Incoming {
                method: "GET",
                path,
                query: "",
                headers: &headers,
                body: b"",
                self_origin: SELF,
                now: 1,
                entropy: &[2; 16],
                auth: Auth::Cookie,
            };
            let _ = decide(&config(), &req);
        }
    }
}
