//! Every JSON example collected in `tests/fixtures/` (see `tests/fixtures/INDEX.md` for sources)
//! parses into its typed model and serializes back to the same JSON.
//!
//! Comparison is exact (`serde_json::Value` equality, so `1690291065.0` ≠ `1690291065`) unless a
//! fixture is marked otherwise, for one documented reason each:
//!
//! - `ResponseNullForAbsent`: the example omits a field the model knows (an older docs page, or a
//!   list that returns fewer fields than the full object). Response models write `None` as
//!   `null`, so the output may carry extra `null` fields; every field of the example must come
//!   back unchanged.
//! - `RequestAbsentForNull`: the request example sends `"Field": null`. Request models leave
//!   `None` out (a `null` and an absent field mean the same to the API), so the output may lack
//!   fields that were `null`; every other field must come back unchanged.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use mangopay_wasm::model::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Compare {
    Exact,
    ResponseNullForAbsent,
    RequestAbsentForNull,
}

use Compare::{Exact, RequestAbsentForNull, ResponseNullForAbsent};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn read(path: &str) -> String {
    std::fs::read_to_string(fixtures_dir().join(path))
        .unwrap_or_else(|e| panic!("cannot read fixture {path}: {e}"))
}

/// Parses the fixture's text as `T`, serializes it back and compares with the fixture's JSON.
fn check<T: DeserializeOwned + Serialize>(path: &str, compare: Compare) -> Result<(), String> {
    let type_name = std::any::type_name::<T>();
    let text = read(path);
    let original: Value =
        serde_json::from_str(&text).map_err(|e| format!("{path} is not JSON: {e}"))?;
    let typed: T = serde_json::from_str(&text)
        .map_err(|e| format!("{path} does not parse as {type_name}: {e}"))?;
    let output = serde_json::to_value(&typed).map_err(|e| format!("{path}: {e}"))?;
    let mut differences = Vec::new();
    compare_values(&original, &output, compare, "$", &mut differences);
    if differences.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{path} as {type_name} does not round-trip:\n    {}",
            differences.join("\n    ")
        ))
    }
}

fn compare_values(
    original: &Value,
    output: &Value,
    compare: Compare,
    at: &str,
    differences: &mut Vec<String>,
) {
    match (original, output) {
        (Value::Object(a), Value::Object(b)) => {
            let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
            for key in keys {
                let here = format!("{at}.{key}");
                match (a.get(key), b.get(key)) {
                    (Some(x), Some(y)) => compare_values(x, y, compare, &here, differences),
                    (Some(Value::Null), None) if compare == RequestAbsentForNull => {}
                    (None, Some(Value::Null)) if compare == ResponseNullForAbsent => {}
                    (Some(x), None) => differences.push(format!("{here}: lost {x}")),
                    (None, Some(y)) => differences.push(format!("{here}: added {y}")),
                    (None, None) => {}
                }
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                compare_values(x, y, compare, &format!("{at}[{i}]"), differences);
            }
        }
        _ if original == output => {}
        _ => differences.push(format!("{at}: {original} became {output}")),
    }
}

type Check = fn(&str, Compare) -> Result<(), String>;

/// Every fixture with the model(s) it must round-trip through. A path may appear several times.
/// `every_fixture_is_checked` keeps this table complete.
const TABLE: &[(&str, Compare, Check)] = &[
    // users: SCA, natural (seed 002 first)
    (
        "users/create_natural_sca_payer.request.json",
        Exact,
        check::<CreateUserNaturalSca>,
    ),
    (
        "users/natural_sca_payer.response.json",
        Exact,
        check::<UserNaturalSca>,
    ),
    (
        "users/natural_sca_payer.response.json",
        Exact,
        check::<UserSca>,
    ),
    (
        "users/create_legal_sca_payer.request.json",
        Exact,
        check::<CreateUserLegalSca>,
    ),
    (
        "users/create_natural_sca_owner.request.json",
        Exact,
        check::<CreateUserNaturalSca>,
    ),
    (
        "users/natural_sca_payer_docs.response.json",
        Exact,
        check::<UserNaturalSca>,
    ),
    (
        "users/natural_sca_payer_docs.response.json",
        Exact,
        check::<UserSca>,
    ),
    (
        "users/natural_sca_owner_pending.response.json",
        Exact,
        check::<UserNaturalSca>,
    ),
    (
        "users/natural_sca_owner_pending.response.json",
        Exact,
        check::<UserSca>,
    ),
    (
        "users/view_sca_natural_owner.response.json",
        Exact,
        check::<UserNaturalSca>,
    ),
    (
        "users/view_sca_natural_owner.response.json",
        Exact,
        check::<UserSca>,
    ),
    (
        "users/update_natural_sca.request.json",
        Exact,
        check::<UpdateUserNaturalSca>,
    ),
    (
        "users/categorize_natural.request.json",
        Exact,
        check::<CategorizeUserNatural>,
    ),
    (
        "users/categorize_natural.response.json",
        Exact,
        check::<UserNaturalSca>,
    ),
    (
        "users/categorize_natural.response.json",
        Exact,
        check::<UserSca>,
    ),
    // users: SCA, legal
    (
        "users/create_legal_sca_owner.request.json",
        Exact,
        check::<CreateUserLegalSca>,
    ),
    (
        "users/legal_sca_payer.response.json",
        Exact,
        check::<UserLegalSca>,
    ),
    (
        "users/legal_sca_payer.response.json",
        Exact,
        check::<UserSca>,
    ),
    (
        "users/legal_sca_owner_pending.response.json",
        Exact,
        check::<UserLegalSca>,
    ),
    (
        "users/legal_sca_owner_pending.response.json",
        Exact,
        check::<UserSca>,
    ),
    (
        "users/view_sca_legal_payer_soletrader.response.json",
        Exact,
        check::<UserLegalSca>,
    ),
    (
        "users/view_sca_legal_payer_soletrader.response.json",
        Exact,
        check::<UserSca>,
    ),
    (
        "users/view_sca_legal_owner_soletrader.response.json",
        Exact,
        check::<UserLegalSca>,
    ),
    (
        "users/view_sca_legal_owner_soletrader.response.json",
        Exact,
        check::<UserSca>,
    ),
    (
        "users/update_legal_sca.request.json",
        Exact,
        check::<UpdateUserLegalSca>,
    ),
    (
        "users/categorize_legal.request.json",
        Exact,
        check::<CategorizeUserLegal>,
    ),
    (
        "users/categorize_legal.response.json",
        Exact,
        check::<UserLegalSca>,
    ),
    (
        "users/categorize_legal.response.json",
        Exact,
        check::<UserSca>,
    ),
    // users: legacy
    (
        "users/create_natural_legacy.request.json",
        RequestAbsentForNull,
        check::<CreateUserNatural>,
    ),
    (
        "users/natural_payer_legacy.response.json",
        Exact,
        check::<UserNatural>,
    ),
    (
        "users/natural_payer_legacy.response.json",
        Exact,
        check::<User>,
    ),
    (
        "users/natural_owner_legacy.response.json",
        Exact,
        check::<UserNatural>,
    ),
    (
        "users/natural_owner_legacy.response.json",
        Exact,
        check::<User>,
    ),
    (
        "users/create_legal_legacy.request.json",
        Exact,
        check::<CreateUserLegal>,
    ),
    (
        "users/legal_payer_legacy.response.json",
        Exact,
        check::<UserLegal>,
    ),
    (
        "users/legal_payer_legacy.response.json",
        Exact,
        check::<User>,
    ),
    (
        "users/legal_owner_legacy.response.json",
        Exact,
        check::<UserLegal>,
    ),
    (
        "users/legal_owner_legacy.response.json",
        Exact,
        check::<User>,
    ),
    (
        "users/update_legal_legacy.request.json",
        Exact,
        check::<UpdateUserLegal>,
    ),
    // users: lists, status, e-money, company number
    (
        "users/list_users_sca.response.json",
        Exact,
        check::<Vec<UserListItem>>,
    ),
    // The legacy list example has no phone fields.
    (
        "users/list_users_legacy.response.json",
        ResponseNullForAbsent,
        check::<Vec<UserListItem>>,
    ),
    (
        "users/regulatory.response.json",
        Exact,
        check::<UserBlockStatus>,
    ),
    ("users/emoney.response.json", Exact, check::<EMoney>),
    (
        "users/company_number_validation.request.json",
        Exact,
        check::<ValidateCompanyNumber>,
    ),
    (
        "users/company_number_validation.response.json",
        Exact,
        check::<CompanyNumberValidation>,
    ),
    // SCA
    (
        "sca/enrollment.response.json",
        Exact,
        check::<UserEnrollmentResult>,
    ),
    ("sca/consent.response.json", Exact, check::<UserConsent>),
    (
        "sca/sca_status_active.response.json",
        Exact,
        check::<ScaStatus>,
    ),
    (
        "sca/sca_status_pending.response.json",
        Exact,
        check::<ScaStatus>,
    ),
    // KYC
    (
        "kyc/create_document.request.json",
        Exact,
        check::<CreateKycDocument>,
    ),
    (
        "kyc/document_created.response.json",
        Exact,
        check::<KycDocument>,
    ),
    (
        "kyc/submit_document.request.json",
        Exact,
        check::<SubmitKycDocument>,
    ),
    (
        "kyc/document_submitted.response.json",
        Exact,
        check::<KycDocument>,
    ),
    (
        "kyc/list_documents.response.json",
        Exact,
        check::<Vec<KycDocument>>,
    ),
    (
        "kyc/create_page.request.json",
        Exact,
        check::<CreateKycPage>,
    ),
    // bank accounts: create bodies, per type and through the any-type enum
    (
        "bank_accounts/create_iban.request.json",
        Exact,
        check::<CreateIbanBankAccount>,
    ),
    (
        "bank_accounts/create_gb.request.json",
        Exact,
        check::<CreateGbBankAccount>,
    ),
    (
        "bank_accounts/create_us.request.json",
        Exact,
        check::<CreateUsBankAccount>,
    ),
    (
        "bank_accounts/create_ca.request.json",
        Exact,
        check::<CreateCaBankAccount>,
    ),
    (
        "bank_accounts/create_other.request.json",
        Exact,
        check::<CreateOtherBankAccount>,
    ),
    (
        "bank_accounts/create_iban.request.json",
        Exact,
        check::<CreateBankAccount>,
    ),
    (
        "bank_accounts/create_gb.request.json",
        Exact,
        check::<CreateBankAccount>,
    ),
    (
        "bank_accounts/create_us.request.json",
        Exact,
        check::<CreateBankAccount>,
    ),
    (
        "bank_accounts/create_ca.request.json",
        Exact,
        check::<CreateBankAccount>,
    ),
    (
        "bank_accounts/create_other.request.json",
        Exact,
        check::<CreateBankAccount>,
    ),
    (
        "bank_accounts/deactivate.request.json",
        Exact,
        check::<DeactivateBankAccount>,
    ),
    // A response carries only the fields of its type; the one model has them all.
    (
        "bank_accounts/iban.response.json",
        ResponseNullForAbsent,
        check::<BankAccount>,
    ),
    (
        "bank_accounts/gb.response.json",
        ResponseNullForAbsent,
        check::<BankAccount>,
    ),
    (
        "bank_accounts/us.response.json",
        ResponseNullForAbsent,
        check::<BankAccount>,
    ),
    (
        "bank_accounts/ca.response.json",
        ResponseNullForAbsent,
        check::<BankAccount>,
    ),
    (
        "bank_accounts/other.response.json",
        ResponseNullForAbsent,
        check::<BankAccount>,
    ),
    (
        "bank_accounts/deactivated_iban.response.json",
        ResponseNullForAbsent,
        check::<BankAccount>,
    ),
    (
        "bank_accounts/list.response.json",
        ResponseNullForAbsent,
        check::<Vec<BankAccount>>,
    ),
    // user-scoped lists
    ("wallets/list.response.json", Exact, check::<Vec<Wallet>>),
    (
        "transactions/list_user.response.json",
        Exact,
        check::<Vec<Transaction>>,
    ),
    (
        "transactions/list_client_wallet.response.json",
        Exact,
        check::<Vec<Transaction>>,
    ),
    // The older docs example predates `DepositId`.
    (
        "transactions/list_user_legacy_docs.response.json",
        ResponseNullForAbsent,
        check::<Vec<Transaction>>,
    ),
    ("cards/list.response.json", Exact, check::<Vec<Card>>),
    // Lists return the core fields; the full object adds scheme, bank and URLs.
    (
        "mandates/list_user.response.json",
        ResponseNullForAbsent,
        check::<Vec<Mandate>>,
    ),
    ("mandates/view.response.json", Exact, check::<Mandate>),
    // The list example predates `PaymentCategory`.
    (
        "preauthorizations/list_user.response.json",
        ResponseNullForAbsent,
        check::<Vec<PreAuthorization>>,
    ),
    (
        "preauthorizations/view_before_capture.response.json",
        Exact,
        check::<PreAuthorization>,
    ),
    // helpers
    (
        "misc/api_response.response.json",
        Exact,
        check::<ApiResponse>,
    ),
    ("misc/oauth_token.response.json", Exact, check::<OAuthToken>),
];

#[test]
fn every_example_round_trips() {
    let failures: Vec<String> = TABLE
        .iter()
        .filter_map(|(path, compare, check)| check(path, *compare).err())
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} checks failed:\n{}",
        failures.len(),
        TABLE.len(),
        failures.join("\n")
    );
}

#[test]
fn bank_account_bodies_map_to_their_endpoint() {
    for (path, segment) in [
        ("bank_accounts/create_iban.request.json", "iban"),
        ("bank_accounts/create_gb.request.json", "gb"),
        ("bank_accounts/create_us.request.json", "us"),
        ("bank_accounts/create_ca.request.json", "ca"),
        ("bank_accounts/create_other.request.json", "other"),
    ] {
        let parsed: CreateBankAccount = serde_json::from_str(&read(path)).unwrap();
        assert_eq!(parsed.path_segment(), segment, "{path}");
    }
}

#[test]
fn an_idempotent_replay_reads_as_the_original_resource() {
    // The recorded resource reads as the model of the endpoint that produced it.
    let replay: ApiResponse =
        serde_json::from_str(&read("misc/api_response.response.json")).unwrap();
    assert_eq!(replay.status(), Some(200));
    let user: UserNatural = replay.resource_as().unwrap().unwrap();
    assert_eq!(user.first_name.as_deref(), Some("Jane"));
    assert_eq!(user.user_status, None);
}

fn error_fixtures() -> Vec<String> {
    let mut paths: Vec<String> = std::fs::read_dir(fixtures_dir().join("errors"))
        .unwrap()
        .map(|entry| format!("errors/{}", entry.unwrap().file_name().to_string_lossy()))
        .filter(|p| p.ends_with(".json"))
        .collect();
    paths.sort();
    paths
}

#[test]
fn error_bodies() {
    let fixtures = error_fixtures();
    assert!(
        fixtures.len() >= 20,
        "only {} error fixtures",
        fixtures.len()
    );
    for path in &fixtures {
        let typed = if path.contains("oauth_") {
            check::<OAuthErrorBody>(path, Exact)
        } else {
            check::<ApiErrorBody>(path, Exact)
        };
        typed
            .and_then(|()| check::<ErrorBody>(path, Exact))
            .unwrap();
        let body = parse_error_body(read(path).as_bytes())
            .unwrap_or_else(|| panic!("{path} not recognised as an error body"));
        assert!(body.error_type().is_some(), "{path}");
        assert!(body.message().is_some(), "{path}");
        if let ErrorBody::Api(api) = &body {
            assert!(
                api.error_type.as_ref().is_some_and(|t| t.is_known()),
                "{path}: {:?}",
                api.error_type
            );
            assert!(api.date_seconds().is_some(), "{path}");
        }
    }
}

/// Every fixture file is checked above, so a new example cannot be added and forgotten.
#[test]
fn every_fixture_is_checked() {
    let mut on_disk = BTreeSet::new();
    for dir in std::fs::read_dir(fixtures_dir()).unwrap() {
        let dir = dir.unwrap();
        if !dir.file_type().unwrap().is_dir() {
            continue;
        }
        for file in std::fs::read_dir(dir.path()).unwrap() {
            let name = file.unwrap().file_name().to_string_lossy().into_owned();
            if name.ends_with(".json") {
                on_disk.insert(format!("{}/{name}", dir.file_name().to_string_lossy()));
            }
        }
    }
    let mut listed: BTreeSet<String> = TABLE.iter().map(|(p, _, _)| p.to_string()).collect();
    listed.extend(error_fixtures());
    let missing: Vec<_> = on_disk.difference(&listed).collect();
    let stale: Vec<_> = listed.difference(&on_disk).collect();
    assert!(missing.is_empty(), "fixtures without a check: {missing:?}");
    assert!(stale.is_empty(), "checks without a fixture: {stale:?}");
    let index = read("INDEX.md");
    for path in &on_disk {
        assert!(
            index.contains(path.as_str()),
            "{path} has no source in INDEX.md"
        );
    }
}
