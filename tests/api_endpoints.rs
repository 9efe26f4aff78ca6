//! One descriptor test per endpoint of the table (method, exact path, query, body, idempotent),
//! the builders' refusals, and a round trip through the matcher for every endpoint.

use mangopay_wasm::api::{self, *};
use serde_json::{json, Value};

const U: &str = "user_m_01J82SPSKW53XZM936PDVN76W0";

/// Checks every field of a descriptor.
#[track_caller]
fn check(
    req: Result<Request, RequestError>,
    endpoint: Endpoint,
    method: Method,
    path: &str,
    query: &[(&str, &str)],
    body: Option<Value>,
) -> Request {
    let req = req.expect("builds");
    assert_eq!(req.endpoint, endpoint);
    assert_eq!(req.method, method);
    assert_eq!(req.method, endpoint.method());
    assert_eq!(req.path, path);
    let query: Vec<(String, String)> = query
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    assert_eq!(req.query, query);
    assert_eq!(req.body, body.map(Body::Json));
    assert_eq!(req.idempotent, method == Method::Post);
    assert_eq!(req.idempotent, endpoint.idempotent());
    assert!(req.client_scoped);
    assert_eq!(req.body.is_some(), endpoint.takes_body(), "{endpoint}");
    req
}

fn natural() -> Value {
    json!({"FirstName": "Jane", "LastName": "Doe", "Email": "jane@example.com",
           "UserCategory": "PAYER", "TermsAndConditionsAccepted": true})
}

// ---- Users: create ---------------------------------------------------------------------------

#[test]
fn create_natural_sca_posts_to_sca_users_natural() {
    check(
        create_natural_sca(natural()),
        Endpoint::CreateNaturalSca,
        Method::Post,
        "/sca/users/natural",
        &[],
        Some(natural()),
    );
}

#[test]
fn create_legal_sca_posts_to_sca_users_legal() {
    let body = json!({"Name": "Acme", "LegalPersonType": "BUSINESS"});
    check(
        create_legal_sca(&body),
        Endpoint::CreateLegalSca,
        Method::Post,
        "/sca/users/legal",
        &[],
        Some(body),
    );
}

#[test]
fn create_natural_and_legal_legacy() {
    let r = check(
        create_natural(natural()),
        Endpoint::CreateNatural,
        Method::Post,
        "/users/natural",
        &[],
        Some(natural()),
    );
    assert!(r.endpoint.is_legacy());
    let r = check(
        create_legal(json!({"Name": "Acme"})),
        Endpoint::CreateLegal,
        Method::Post,
        "/users/legal",
        &[],
        Some(json!({"Name": "Acme"})),
    );
    assert!(r.endpoint.is_legacy());
}

#[test]
fn create_accepts_typed_bodies() {
    #[derive(serde::Serialize)]
    #[serde(rename_all = "PascalCase")]
    struct Partial {
        first_name: &'static str,
    }
    let r = create_natural_sca(Partial { first_name: "Jane" }).unwrap();
    assert_eq!(r.json_body(), Some(&json!({"FirstName": "Jane"})));
}

// ---- Users: view -----------------------------------------------------------------------------

#[test]
fn get_and_get_sca() {
    let r = check(
        get(U),
        Endpoint::Get,
        Method::Get,
        &format!("/users/{U}"),
        &[],
        None,
    );
    assert!(r.endpoint.is_legacy());
    let r = check(
        get_sca(U),
        Endpoint::GetSca,
        Method::Get,
        &format!("/sca/users/{U}"),
        &[],
        None,
    );
    assert!(!r.endpoint.is_legacy());
}

#[test]
fn get_natural_and_get_natural_sca() {
    check(
        get_natural("123"),
        Endpoint::GetNatural,
        Method::Get,
        "/users/natural/123",
        &[],
        None,
    );
    check(
        get_natural_sca("123"),
        Endpoint::GetNaturalSca,
        Method::Get,
        "/sca/users/natural/123",
        &[],
        None,
    );
}

#[test]
fn get_legal_and_get_legal_sca() {
    check(
        get_legal("123"),
        Endpoint::GetLegal,
        Method::Get,
        "/users/legal/123",
        &[],
        None,
    );
    check(
        get_legal_sca("123"),
        Endpoint::GetLegalSca,
        Method::Get,
        "/sca/users/legal/123",
        &[],
        None,
    );
}

#[test]
fn get_all_paginates_and_sorts() {
    check(
        get_all(&ListOptions::new()),
        Endpoint::GetAll,
        Method::Get,
        "/users",
        &[],
        None,
    );
    let r = check(
        get_all(
            &ListOptions::new()
                .page(2)
                .per_page(50)
                .sort(Sort::CreationDateDesc),
        ),
        Endpoint::GetAll,
        Method::Get,
        "/users",
        &[
            ("page", "2"),
            ("per_page", "50"),
            ("Sort", "CreationDate:DESC"),
        ],
        None,
    );
    assert_eq!(
        r.query_string(),
        "page=2&per_page=50&Sort=CreationDate%3ADESC"
    );
    assert!(Endpoint::GetAll.allowed_filters().is_empty());
    assert!(matches!(
        get_all(&ListOptions::new().filter("Status", "ACTIVE")),
        Err(RequestError::UnknownQueryParameter { .. })
    ));
}

// ---- Users: update, categorize, close --------------------------------------------------------

#[test]
fn update_legacy() {
    let body = json!({"Tag": "t"});
    let r = check(
        update_natural("1", &body),
        Endpoint::UpdateNatural,
        Method::Put,
        "/users/natural/1",
        &[],
        Some(body.clone()),
    );
    assert!(r.endpoint.is_legacy());
    check(
        update_legal("1", &body),
        Endpoint::UpdateLegal,
        Method::Put,
        "/users/legal/1",
        &[],
        Some(body),
    );
}

#[test]
fn update_sca() {
    let body = json!({"Tag": "t"});
    check(
        update_natural_sca("1", &body),
        Endpoint::UpdateNaturalSca,
        Method::Put,
        "/sca/users/natural/1",
        &[],
        Some(body.clone()),
    );
    check(
        update_legal_sca("1", &body),
        Endpoint::UpdateLegalSca,
        Method::Put,
        "/sca/users/legal/1",
        &[],
        Some(body),
    );
}

#[test]
fn categorize() {
    let body = json!({"UserCategory": "OWNER", "TermsAndConditionsAccepted": true});
    check(
        categorize_natural("1", &body),
        Endpoint::CategorizeNatural,
        Method::Put,
        "/sca/users/natural/1/category",
        &[],
        Some(body.clone()),
    );
    check(
        categorize_legal("1", &body),
        Endpoint::CategorizeLegal,
        Method::Put,
        "/sca/users/legal/1/category",
        &[],
        Some(body),
    );
}

#[test]
fn close() {
    check(
        close_natural("1"),
        Endpoint::CloseNatural,
        Method::Delete,
        "/users/natural/1",
        &[],
        None,
    );
    check(
        close_legal("1"),
        Endpoint::CloseLegal,
        Method::Delete,
        "/users/legal/1",
        &[],
        None,
    );
}

// ---- SCA ---------------------------------------------------------------------------------------

#[test]
fn enroll_posts_without_body() {
    check(
        enroll("1"),
        Endpoint::Enroll,
        Method::Post,
        "/sca/users/1/enrollment",
        &[],
        None,
    );
}

#[test]
fn manage_consent_posts_without_body() {
    check(
        manage_consent("1"),
        Endpoint::ManageConsent,
        Method::Post,
        "/sca/users/1/consent",
        &[],
        None,
    );
}

#[test]
fn sca_status() {
    check(
        get_sca_status("1"),
        Endpoint::GetScaStatus,
        Method::Get,
        "/sca/users/1/sca-status",
        &[],
        None,
    );
}

// ---- Status and compliance ---------------------------------------------------------------------

#[test]
fn block_status_and_regulatory() {
    check(
        get_block_status("1"),
        Endpoint::GetBlockStatus,
        Method::Get,
        "/users/1/blockStatus",
        &[],
        None,
    );
    check(
        get_regulatory("1"),
        Endpoint::GetRegulatory,
        Method::Get,
        "/users/1/regulatory",
        &[],
        None,
    );
}

#[test]
fn validate_user_data_format() {
    let body = json!({"CompanyNumber": {"CompanyNumber": "AB123456", "CountryCode": "IT"}});
    check(
        validate_the_format_of_user_data(&body),
        Endpoint::ValidateTheFormatOfUserData,
        Method::Post,
        "/users/data-formats/validation",
        &[],
        Some(body),
    );
}

#[test]
fn emoney_year_and_month() {
    check(
        get_emoney("1", 2024, None),
        Endpoint::GetEMoney,
        Method::Get,
        "/users/1/emoney/2024",
        &[],
        None,
    );
    check(
        get_emoney("1", 2024, Some(3)),
        Endpoint::GetEMoney,
        Method::Get,
        "/users/1/emoney/2024/03",
        &[],
        None,
    );
    check(
        get_emoney("1", 1999, Some(12)),
        Endpoint::GetEMoney,
        Method::Get,
        "/users/1/emoney/1999/12",
        &[],
        None,
    );
    for (year, month) in [
        (2024, Some(0)),
        (2024, Some(13)),
        (999, None),
        (10000, None),
    ] {
        assert!(
            matches!(
                get_emoney("1", year, month),
                Err(RequestError::InvalidParameter { .. })
            ),
            "{year} {month:?}"
        );
    }
}

// ---- Bank accounts -------------------------------------------------------------------------------

#[test]
fn create_bank_account_picks_the_path_from_type() {
    for (kind, segment) in [
        ("IBAN", "iban"),
        ("GB", "gb"),
        ("US", "us"),
        ("CA", "ca"),
        ("OTHER", "other"),
    ] {
        let body = json!({"Type": kind, "OwnerName": "Jane Doe"});
        check(
            create_bank_account("1", &body),
            Endpoint::CreateBankAccount,
            Method::Post,
            &format!("/users/1/bankaccounts/{segment}"),
            &[],
            Some(body),
        );
    }
    for body in [
        json!({"OwnerName": "x"}),
        json!({"Type": "SWIFT"}),
        json!({"Type": 1}),
        json!({"Type": "iban/../../clients"}),
    ] {
        assert!(
            matches!(
                create_bank_account("1", &body),
                Err(RequestError::InvalidBody { .. })
            ),
            "{body}"
        );
    }
}

#[test]
fn get_update_and_list_bank_accounts() {
    check(
        get_bank_account("1", "ba 2"),
        Endpoint::GetBankAccount,
        Method::Get,
        "/users/1/bankaccounts/ba%202",
        &[],
        None,
    );
    check(
        get_bank_accounts("1", &ListOptions::new().filter("Active", "false").page(1)),
        Endpoint::GetBankAccounts,
        Method::Get,
        "/users/1/bankaccounts",
        &[("page", "1"), ("Active", "false")],
        None,
    );
    let body = json!({"Active": false});
    check(
        update_bank_account("1", "2", &body),
        Endpoint::UpdateBankAccount,
        Method::Put,
        "/users/1/bankaccounts/2",
        &[],
        Some(body),
    );
    assert_eq!(Endpoint::GetBankAccounts.allowed_filters(), &["Active"]);
}

// ---- Wallets, transactions, cards, mandates, pre-authorizations ----------------------------------

#[test]
fn wallets_filter_on_sca_context() {
    check(
        get_wallets(
            "1",
            &ListOptions::new().filter("ScaContext", "USER_PRESENT"),
        ),
        Endpoint::GetWallets,
        Method::Get,
        "/users/1/wallets",
        &[("ScaContext", "USER_PRESENT")],
        None,
    );
    assert!(get_wallets("1", &ListOptions::new().filter("Status", "X")).is_err());
}

#[test]
fn transactions_take_their_seven_filters() {
    let opts = ListOptions::new()
        .per_page(100)
        .filter("Status", "SUCCEEDED,FAILED")
        .filter("Type", "PAYIN")
        .filter("Nature", "REGULAR")
        .filter("ResultCode", "000000")
        .filter("ScaContext", "USER_NOT_PRESENT")
        .filter("BeforeDate", "1700000000")
        .filter("AfterDate", "1600000000");
    let r = check(
        get_transactions("1", &opts),
        Endpoint::GetTransactions,
        Method::Get,
        "/users/1/transactions",
        &[
            ("per_page", "100"),
            ("Status", "SUCCEEDED,FAILED"),
            ("Type", "PAYIN"),
            ("Nature", "REGULAR"),
            ("ResultCode", "000000"),
            ("ScaContext", "USER_NOT_PRESENT"),
            ("BeforeDate", "1700000000"),
            ("AfterDate", "1600000000"),
        ],
        None,
    );
    assert!(r.query_string().contains("Status=SUCCEEDED%2CFAILED"));
}

#[test]
fn cards_filter_on_active() {
    check(
        get_cards("1", &ListOptions::new().filter("Active", "true")),
        Endpoint::GetCards,
        Method::Get,
        "/users/1/cards",
        &[("Active", "true")],
        None,
    );
}

#[test]
fn mandates_for_user_and_bank_account() {
    check(
        get_mandates("1", &ListOptions::new().filter("Status", "ACTIVE")),
        Endpoint::GetMandates,
        Method::Get,
        "/users/1/mandates",
        &[("Status", "ACTIVE")],
        None,
    );
    check(
        get_mandates_for_bank_account("1", "2", &ListOptions::new().sort(Sort::CreationDateAsc)),
        Endpoint::GetMandatesForBankAccount,
        Method::Get,
        "/users/1/bankaccounts/2/mandates",
        &[("Sort", "CreationDate:ASC")],
        None,
    );
}

#[test]
fn pre_authorizations() {
    check(
        get_pre_authorizations(
            "1",
            &ListOptions::new()
                .filter("PaymentStatus", "WAITING")
                .filter("ResultCode", "000000"),
        ),
        Endpoint::GetPreAuthorizations,
        Method::Get,
        "/users/1/preauthorizations",
        &[("PaymentStatus", "WAITING"), ("ResultCode", "000000")],
        None,
    );
}

// ---- KYC -------------------------------------------------------------------------------------------

#[test]
fn kyc_documents() {
    let body = json!({"Type": "IDENTITY_PROOF"});
    check(
        create_kyc_document("1", &body),
        Endpoint::CreateKycDocument,
        Method::Post,
        "/users/1/kyc/documents",
        &[],
        Some(body),
    );
    check(
        get_kyc_document("1", "kyc_01JA5M2N33ENJHWVPQXVJ6Q51P"),
        Endpoint::GetKycDocument,
        Method::Get,
        "/users/1/kyc/documents/kyc_01JA5M2N33ENJHWVPQXVJ6Q51P",
        &[],
        None,
    );
    check(
        get_kyc_documents(
            "1",
            &ListOptions::new()
                .filter("Status", "CREATED,REFUSED")
                .filter("Type", "IDENTITY_PROOF"),
        ),
        Endpoint::GetKycDocuments,
        Method::Get,
        "/users/1/kyc/documents",
        &[("Status", "CREATED,REFUSED"), ("Type", "IDENTITY_PROOF")],
        None,
    );
    let submit = json!({"Status": "VALIDATION_ASKED"});
    check(
        update_kyc_document("1", "2", &submit),
        Endpoint::UpdateKycDocument,
        Method::Put,
        "/users/1/kyc/documents/2",
        &[],
        Some(submit),
    );
}

#[test]
fn kyc_page_wraps_the_file() {
    check(
        create_kyc_page("1", "2", "iVBORw0KGgo="),
        Endpoint::CreateKycPage,
        Method::Post,
        "/users/1/kyc/documents/2/pages",
        &[],
        Some(json!({"File": "iVBORw0KGgo="})),
    );
    assert!(matches!(
        create_kyc_page("1", "2", ""),
        Err(RequestError::InvalidBody { .. })
    ));
}

// ---- Idempotency and OAuth ---------------------------------------------------------------------------

#[test]
fn get_response_checks_the_key() {
    let key = "8e2a7a6c-1d0b-4b5e-9a43-3f0e1c2d4b5a";
    check(
        get_response(key),
        Endpoint::GetResponse,
        Method::Get,
        &format!("/responses/{key}"),
        &[],
        None,
    );
    for bad in [
        "short",
        "0123456789abcdef0123456789abcdef01234",
        "0123456789abcdef/",
        "0123456789abcdef%2e",
    ] {
        assert!(get_response(bad).is_err(), "{bad}");
    }
}

#[test]
fn oauth_token_is_form_encoded_and_not_client_scoped() {
    let r = oauth_token().unwrap();
    assert_eq!(r.endpoint, Endpoint::OauthToken);
    assert_eq!(r.method, Method::Post);
    assert_eq!(r.path, "/oauth/token");
    assert!(!r.client_scoped);
    assert!(r.query.is_empty());
    assert!(!r.idempotent);
    let body = r.body.as_ref().unwrap();
    assert_eq!(body.content_type(), "application/x-www-form-urlencoded");
    assert_eq!(body.encode(), "grant_type=client_credentials");
    assert_eq!(r.url_path("ignored"), "/v2.01/oauth/token");
    assert_eq!(r.json_body(), None);
}

// ---- Refusals shared by every builder ----------------------------------------------------------------

/// Every ID-taking builder, with the ID under test in each ID position in turn.
type Builder = Box<dyn Fn(&str) -> Result<Request, RequestError>>;

fn id_builders() -> Vec<(&'static str, Builder)> {
    let o = || ListOptions::new();
    let b = || json!({"Tag": "t"});
    vec![
        ("get", Box::new(|id: &str| get(id))),
        ("get_sca", Box::new(|id: &str| get_sca(id))),
        ("get_natural", Box::new(|id: &str| get_natural(id))),
        ("get_natural_sca", Box::new(|id: &str| get_natural_sca(id))),
        ("get_legal", Box::new(|id: &str| get_legal(id))),
        ("get_legal_sca", Box::new(|id: &str| get_legal_sca(id))),
        (
            "update_natural",
            Box::new(move |id: &str| update_natural(id, b())),
        ),
        (
            "update_legal",
            Box::new(move |id: &str| update_legal(id, b())),
        ),
        (
            "update_natural_sca",
            Box::new(move |id: &str| update_natural_sca(id, b())),
        ),
        (
            "update_legal_sca",
            Box::new(move |id: &str| update_legal_sca(id, b())),
        ),
        (
            "categorize_natural",
            Box::new(move |id: &str| categorize_natural(id, b())),
        ),
        (
            "categorize_legal",
            Box::new(move |id: &str| categorize_legal(id, b())),
        ),
        ("close_natural", Box::new(|id: &str| close_natural(id))),
        ("close_legal", Box::new(|id: &str| close_legal(id))),
        ("enroll", Box::new(|id: &str| enroll(id))),
        ("manage_consent", Box::new(|id: &str| manage_consent(id))),
        ("get_sca_status", Box::new(|id: &str| get_sca_status(id))),
        (
            "get_block_status",
            Box::new(|id: &str| get_block_status(id)),
        ),
        ("get_regulatory", Box::new(|id: &str| get_regulatory(id))),
        (
            "get_emoney",
            Box::new(|id: &str| get_emoney(id, 2024, Some(1))),
        ),
        (
            "create_bank_account",
            Box::new(|id: &str| create_bank_account(id, json!({"Type": "IBAN"}))),
        ),
        (
            "get_bank_account(user)",
            Box::new(|id: &str| get_bank_account(id, "2")),
        ),
        (
            "get_bank_account(ba)",
            Box::new(|id: &str| get_bank_account("1", id)),
        ),
        (
            "get_bank_accounts",
            Box::new(move |id: &str| get_bank_accounts(id, &o())),
        ),
        (
            "update_bank_account(user)",
            Box::new(move |id: &str| update_bank_account(id, "2", b())),
        ),
        (
            "update_bank_account(ba)",
            Box::new(move |id: &str| update_bank_account("1", id, b())),
        ),
        (
            "get_wallets",
            Box::new(move |id: &str| get_wallets(id, &o())),
        ),
        (
            "get_transactions",
            Box::new(move |id: &str| get_transactions(id, &o())),
        ),
        ("get_cards", Box::new(move |id: &str| get_cards(id, &o()))),
        (
            "create_kyc_document",
            Box::new(move |id: &str| create_kyc_document(id, b())),
        ),
        (
            "get_kyc_document(user)",
            Box::new(|id: &str| get_kyc_document(id, "2")),
        ),
        (
            "get_kyc_document(doc)",
            Box::new(|id: &str| get_kyc_document("1", id)),
        ),
        (
            "get_kyc_documents",
            Box::new(move |id: &str| get_kyc_documents(id, &o())),
        ),
        (
            "update_kyc_document(user)",
            Box::new(move |id: &str| update_kyc_document(id, "2", b())),
        ),
        (
            "update_kyc_document(doc)",
            Box::new(move |id: &str| update_kyc_document("1", id, b())),
        ),
        (
            "create_kyc_page(user)",
            Box::new(|id: &str| create_kyc_page(id, "2", "AA==")),
        ),
        (
            "create_kyc_page(doc)",
            Box::new(|id: &str| create_kyc_page("1", id, "AA==")),
        ),
        (
            "get_mandates",
            Box::new(move |id: &str| get_mandates(id, &o())),
        ),
        (
            "get_mandates_for_bank_account(user)",
            Box::new(move |id: &str| get_mandates_for_bank_account(id, "2", &o())),
        ),
        (
            "get_mandates_for_bank_account(ba)",
            Box::new(move |id: &str| get_mandates_for_bank_account("1", id, &o())),
        ),
        (
            "get_pre_authorizations",
            Box::new(move |id: &str| get_pre_authorizations(id, &o())),
        ),
    ]
}

#[test]
fn every_builder_refuses_ids_that_could_leave_their_segment() {
    let long = "a".repeat(129);
    let bad = [
        "",
        ".",
        "..",
        "%2e",
        "%2E%2e",
        "%252e%252e",
        "a/b",
        "../../clients",
        "a\\b",
        "%2F",
        "%5c",
        "a\u{0}b",
        "a\r\nb",
        long.as_str(),
    ];
    for (name, build) in id_builders() {
        for id in bad {
            assert!(
                matches!(build(id), Err(RequestError::InvalidParameter { .. })),
                "{name}({id:?})"
            );
        }
        // Every ID position accepts (and encodes) what stays inside one segment.
        let req = build("a b?c#d%e").unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            req.path.contains("a%20b%3Fc%23d%25e"),
            "{name}: {}",
            req.path
        );
        assert!(!req.path.contains("//"), "{name}: {}", req.path);
    }
}

#[test]
fn user_ids_that_name_a_literal_are_refused() {
    for id in ["natural", "LEGAL", "Natural"] {
        assert!(get_wallets(id, &ListOptions::new()).is_err(), "{id}");
        assert!(get(id).is_err(), "{id}");
    }
    // Bank account and document IDs are not ambiguous.
    assert!(get_bank_account("1", "natural").is_ok());
}

#[test]
fn bodies_must_be_json_objects() {
    for body in [json!(null), json!([1]), json!("x"), json!(1)] {
        assert!(
            matches!(
                create_natural_sca(&body),
                Err(RequestError::InvalidBody { .. })
            ),
            "{body}"
        );
        assert!(update_kyc_document("1", "2", &body).is_err());
    }
    // A map with non-string keys cannot be JSON.
    let mut weird = std::collections::BTreeMap::new();
    weird.insert((1, 2), "x");
    assert!(matches!(
        create_natural_sca(&weird),
        Err(RequestError::InvalidBody { .. })
    ));
}

#[test]
fn lists_refuse_undocumented_filters_and_bad_pages() {
    let o = ListOptions::new;
    assert!(get_cards("1", &o().filter("ScaContext", "USER_PRESENT")).is_err());
    assert!(get_kyc_documents("1", &o().filter("Nature", "REGULAR")).is_err());
    assert!(get_pre_authorizations("1", &o().filter("BeforeDate", "1")).is_err());
    assert!(get_mandates("1", &o().filter("Type", "X")).is_err());
    assert!(get_bank_accounts("1", &o().page(0)).is_err());
    assert!(get_bank_accounts("1", &o().per_page(101)).is_err());
    assert!(get_bank_accounts("1", &o().filter("Active", "yes")).is_err());
    assert!(get_transactions("1", &o().filter("Status", "A&page=9")).is_err());
}

#[test]
fn try_url_path_checks_the_client_id() {
    let r = get("1").unwrap();
    assert_eq!(
        r.try_url_path("my-client").unwrap(),
        "/v2.01/my-client/users/1"
    );
    assert!(r.try_url_path("..").is_err());
    assert!(r.try_url_path("a/b").is_err());
    assert!(oauth_token().unwrap().try_url_path("..").is_ok());
}

// ---- Round trip through the matcher --------------------------------------------------------------------

/// Builds every endpoint with the given IDs.
fn build_every_endpoint(u: &str, other: &str, key: &str) -> Vec<Request> {
    let o = ListOptions::new();
    let b = json!({"Tag": "t"});
    let reqs = vec![
        create_natural_sca(&b),
        create_legal_sca(&b),
        create_natural(&b),
        create_legal(&b),
        get(u),
        get_sca(u),
        get_natural(u),
        get_natural_sca(u),
        get_legal(u),
        get_legal_sca(u),
        get_all(&o),
        update_natural(u, &b),
        update_legal(u, &b),
        update_natural_sca(u, &b),
        update_legal_sca(u, &b),
        categorize_natural(u, &b),
        categorize_legal(u, &b),
        close_natural(u),
        close_legal(u),
        enroll(u),
        manage_consent(u),
        get_sca_status(u),
        get_block_status(u),
        get_regulatory(u),
        validate_the_format_of_user_data(&b),
        get_emoney(u, 2024, Some(7)),
        create_bank_account(u, json!({"Type": "OTHER"})),
        get_bank_account(u, other),
        get_bank_accounts(u, &o),
        update_bank_account(u, other, &b),
        get_wallets(u, &o),
        get_transactions(u, &o),
        get_cards(u, &o),
        create_kyc_document(u, &b),
        get_kyc_document(u, other),
        get_kyc_documents(u, &o),
        update_kyc_document(u, other, &b),
        create_kyc_page(u, other, "AA=="),
        get_mandates(u, &o),
        get_mandates_for_bank_account(u, other, &o),
        get_pre_authorizations(u, &o),
        get_response(key),
        oauth_token(),
    ];
    reqs.into_iter()
        .map(|r| r.unwrap_or_else(|e| panic!("{u:?}/{other:?}: {e}")))
        .collect()
}

#[test]
fn every_endpoint_has_a_builder_in_the_round_trip() {
    let reqs = build_every_endpoint("1", "2", "0123456789abcdef");
    let endpoints: Vec<Endpoint> = reqs.iter().map(|r| r.endpoint).collect();
    assert_eq!(endpoints, Endpoint::ALL.to_vec());
}

#[test]
fn every_endpoint_round_trips_through_the_matcher() {
    let tricky = [
        (
            "user_m_01J82SPSKW53XZM936PDVN76W0",
            "kyc_01JA5M2N33ENJHWVPQXVJ6Q51P",
        ),
        ("a b?c#d", "100%"),
        ("%zz", "%41"),
        ("...", ".a."),
        ("ünïcödé", "日本"),
        ("a;b=c&d", "@:+!$'()*,"),
        ("<script>", "\"q\" `x` {y} [z] |^"),
        ("naturally", "natural"),
        ("iban", "mandates"),
        ("KYC", "documents"),
        ("2024", "category"),
        ("u\u{2028}v", "~"),
    ];
    let long = "x".repeat(128);
    // The longest IDs there are: 128 four-byte characters, 1536 bytes once encoded.
    let wide = "\u{1D11E}".repeat(128);
    let cases: Vec<(&str, &str)> = tricky
        .iter()
        .copied()
        .chain([
            (long.as_str(), long.as_str()),
            (wide.as_str(), wide.as_str()),
        ])
        .collect();
    let key = "AbC-0123456789-xyz";
    for client in [
        "my-client",
        "client with space",
        "clïent",
        "oauth",
        wide.as_str(),
    ] {
        for (u, other) in &cases {
            for req in build_every_endpoint(u, other, key) {
                let e = req.endpoint;
                let path = req.url_path(client);
                let m = match_route(req.method.as_str(), &path)
                    .unwrap_or_else(|err| panic!("{e:?} {path}: {err}"));
                assert_eq!(m.endpoint(), e, "{path}");
                assert_eq!(m.canonical_path(), path, "{e:?}");
                assert_eq!(m.relative_path(), req.path, "{e:?}");
                let template = e.path_template();
                let expect = |p: &str, v: &str| template.contains(p).then(|| v.to_owned());
                assert_eq!(
                    m.user_id().map(str::to_owned),
                    expect("{UserId}", u),
                    "{e:?}"
                );
                assert_eq!(
                    m.bank_account_id().map(str::to_owned),
                    expect("{BankAccountId}", other),
                    "{e:?}"
                );
                assert_eq!(
                    m.kyc_document_id().map(str::to_owned),
                    expect("{KycDocumentId}", other),
                    "{e:?}"
                );
                assert_eq!(
                    m.idempotency_key().map(str::to_owned),
                    expect("{IdempotencyKey}", key),
                    "{e:?}"
                );
                if e.client_scoped() {
                    assert_eq!(m.client_id(), Some(client));
                } else {
                    assert_eq!(m.client_id(), None);
                }
                if e == Endpoint::GetEMoney {
                    assert_eq!((m.year(), m.month()), (Some(2024), Some(7)));
                } else {
                    assert_eq!((m.year(), m.month()), (None, None));
                }
                if e == Endpoint::CreateBankAccount {
                    assert_eq!(m.bank_account_type(), Some(BankAccountType::Other));
                } else {
                    assert_eq!(m.bank_account_type(), None);
                }
                // The (empty) query of the descriptor passes the query check as well.
                assert_eq!(
                    api::canonical_query(e, &req.query_string()).unwrap(),
                    req.query_string()
                );
            }
        }
    }
}

#[test]
fn list_queries_round_trip_through_parse_query() {
    let opts = ListOptions::new()
        .page(3)
        .per_page(20)
        .sort(Sort::CreationDateAsc)
        .filter("Status", "SUCCEEDED,FAILED")
        .filter("BeforeDate", "1700000000")
        .filter("ScaContext", "USER_PRESENT");
    let req = get_transactions("1", &opts).unwrap();
    let parsed = parse_query(Endpoint::GetTransactions, &req.query_string()).unwrap();
    assert_eq!(parsed, opts);
    assert_eq!(
        canonical_query(Endpoint::GetTransactions, &req.query_string()).unwrap(),
        req.query_string()
    );
}
