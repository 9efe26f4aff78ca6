//! Mangopay's own published request examples must pass our validators.
//!
//! A client-side validator stricter than the server costs real sign-ups. The documented examples
//! (collected in `tests/fixtures/`, sources in `tests/fixtures/INDEX.md`) are requests Mangopay
//! accepts, so each one is run through the validator of its endpoint. A new `*.request.json`
//! fixture without an entry here fails `every_request_example_is_validated`.

mod validate_support;

use std::collections::BTreeSet;

use mangopay_wasm::validate::{self, BankAccountType, KycUserContext, Report};
use serde_json::Value;
use validate_support::{assert_ok, fixture};

type Check = fn(&Value) -> Report;

/// Every request example and the validator of the endpoint it is sent to.
const EXAMPLES: &[(&str, Check)] = &[
    (
        "users/create_natural_sca_payer.request.json",
        validate::create_natural_sca,
    ),
    (
        "users/create_natural_sca_owner.request.json",
        validate::create_natural_sca,
    ),
    (
        "users/create_legal_sca_payer.request.json",
        validate::create_legal_sca,
    ),
    (
        "users/create_legal_sca_owner.request.json",
        validate::create_legal_sca,
    ),
    (
        "users/create_natural_legacy.request.json",
        validate::create_natural,
    ),
    (
        "users/create_legal_legacy.request.json",
        validate::create_legal,
    ),
    (
        "users/update_natural_sca.request.json",
        validate::update_natural_sca,
    ),
    (
        "users/update_legal_sca.request.json",
        validate::update_legal_sca,
    ),
    (
        "users/update_legal_legacy.request.json",
        validate::update_legal,
    ),
    (
        "users/categorize_natural.request.json",
        validate::categorize_natural,
    ),
    (
        "users/categorize_legal.request.json",
        validate::categorize_legal,
    ),
    (
        "users/company_number_validation.request.json",
        validate::validate_the_format_of_user_data,
    ),
    ("bank_accounts/create_iban.request.json", |v| {
        validate::create_bank_account_of_type(v, BankAccountType::Iban)
    }),
    ("bank_accounts/create_gb.request.json", |v| {
        validate::create_bank_account_of_type(v, BankAccountType::Gb)
    }),
    ("bank_accounts/create_us.request.json", |v| {
        validate::create_bank_account_of_type(v, BankAccountType::Us)
    }),
    ("bank_accounts/create_ca.request.json", |v| {
        validate::create_bank_account_of_type(v, BankAccountType::Ca)
    }),
    ("bank_accounts/create_other.request.json", |v| {
        validate::create_bank_account_of_type(v, BankAccountType::Other)
    }),
    // A natural user may send an identity proof; the example's type must be allowed for one of
    // the user kinds the docs describe.
    ("kyc/create_document.request.json", |v| {
        let natural = validate::create_kyc_document(v, &KycUserContext::natural());
        if natural.is_ok() {
            natural
        } else {
            validate::create_kyc_document(v, &KycUserContext::legal(None))
        }
    }),
];

/// Request bodies that have no validator of their own, with the reason.
const NOT_VALIDATED: &[&str] = &[
    // `PUT …/bankaccounts/{Id}` only ever sends `{"Active": false}`; the endpoint table checks it.
    "bank_accounts/deactivate.request.json",
    // Pages are validated from their bytes (`kyc_page_base64`), which the docs' example truncates.
    "kyc/create_page.request.json",
    // `PUT …/kyc/documents/{Id}` only ever sends `{"Status": "VALIDATION_ASKED"}`.
    "kyc/submit_document.request.json",
];

#[test]
fn documented_request_examples_are_valid() {
    for (path, check) in EXAMPLES {
        let report = check(&fixture(path));
        assert!(report.is_ok(), "{path}: {:#?}", report.issues());
    }
}

#[test]
fn the_seed_request_is_valid_through_the_dispatcher_too() {
    let body = fixture("users/create_natural_sca_payer.request.json");
    assert_ok(&validate::validate(
        validate::ValidatorKind::CreateNaturalSca,
        &body,
    ));
}

#[test]
fn every_request_example_is_validated() {
    let dir = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let mut on_disk = BTreeSet::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let entry = entry.unwrap();
        if !entry.file_type().unwrap().is_dir() {
            continue;
        }
        for file in std::fs::read_dir(entry.path()).unwrap() {
            let name = file.unwrap().file_name().to_string_lossy().into_owned();
            if name.ends_with(".request.json") {
                on_disk.insert(format!("{}/{name}", entry.file_name().to_string_lossy()));
            }
        }
    }
    let covered: BTreeSet<String> = EXAMPLES
        .iter()
        .map(|(p, _)| p.to_string())
        .chain(NOT_VALIDATED.iter().map(|p| p.to_string()))
        .collect();
    let missing: Vec<_> = on_disk.difference(&covered).collect();
    let stale: Vec<_> = covered.difference(&on_disk).collect();
    assert!(
        missing.is_empty(),
        "request examples without a validator check: {missing:?}"
    );
    assert!(stale.is_empty(), "checks without a fixture: {stale:?}");
}
