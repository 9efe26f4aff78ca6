//! Bank account creation, per type.

mod validate_support;

use mangopay_wasm::validate::{
    create_bank_account, create_bank_account_of_type, is_valid_bic, is_valid_iban, validate,
    BankAccountType, IssueCode as C, ValidatorKind, BIC_PATTERN,
};
use serde_json::{json, Value};
use validate_support::*;

fn owner_address() -> Value {
    json!({
        "AddressLine1": "The Oasis",
        "AddressLine2": "Rue des plantes",
        "City": "Paris",
        "Region": "Ile de France",
        "PostalCode": "75001",
        "Country": "FR"
    })
}

fn iban() -> Value {
    json!({
        "Type": "IBAN",
        "OwnerAddress": owner_address(),
        "IBAN": "FR7630004000031234567890143",
        "BIC": "BNPAFRPP",
        "OwnerName": "John Doe",
        "Tag": "custom meta"
    })
}

fn gb() -> Value {
    json!({"Type": "GB", "OwnerAddress": owner_address(), "AccountNumber": "11696419",
           "SortCode": "010039", "OwnerName": "Joe Blogs"})
}

fn us() -> Value {
    json!({"Type": "US", "OwnerAddress": owner_address(), "AccountNumber": "11696419",
           "ABA": "071000288", "DepositAccountType": "CHECKING", "OwnerName": "John Doe"})
}

fn ca() -> Value {
    json!({"Type": "CA", "OwnerAddress": owner_address(), "AccountNumber": "11696419",
           "InstitutionNumber": "614", "BranchCode": "00152", "BankName": "The Bank",
           "OwnerName": "Joe Blogs"})
}

fn other() -> Value {
    json!({"Type": "OTHER", "OwnerAddress": owner_address(), "AccountNumber": "11696419",
           "BIC": "BNPAFRPP", "Country": "FR", "OwnerName": "Joe Blogs"})
}

#[test]
fn documented_examples_are_valid() {
    for body in [iban(), gb(), us(), ca(), other()] {
        assert_ok(&create_bank_account(&body));
    }
}

#[test]
fn type_picks_the_rules() {
    assert_only(
        &create_bank_account(&without(&iban(), "Type")),
        "Type",
        C::Required,
    );
    assert_only(
        &create_bank_account(&with(&iban(), "Type", json!("SEPA"))),
        "Type",
        C::InvalidValue,
    );
    assert_ok(&create_bank_account(&with(&iban(), "Type", json!("iban"))));
    // The endpoint's type wins over the body's (the docs' request examples send no Type).
    let body = without(&gb(), "Type");
    assert_ok(&create_bank_account_of_type(&body, BankAccountType::Gb));
    let r = create_bank_account_of_type(&body, BankAccountType::Iban);
    assert_only(&r, "IBAN", C::Required);
    assert_ok(&validate(
        ValidatorKind::CreateBankAccountOfType(BankAccountType::Us),
        &without(&us(), "Type"),
    ));
}

#[test]
fn owner_fields_are_required_for_every_type() {
    for body in [iban(), gb(), us(), ca(), other()] {
        assert_only(
            &create_bank_account(&without(&body, "OwnerName")),
            "OwnerName",
            C::Required,
        );
        assert_only(
            &create_bank_account(&without(&body, "OwnerAddress")),
            "OwnerAddress",
            C::Required,
        );
        for field in ["AddressLine1", "City", "PostalCode", "Country"] {
            let path = format!("OwnerAddress.{field}");
            assert_only(
                &create_bank_account(&without(&body, &path)),
                &path,
                C::Required,
            );
        }
        let r = create_bank_account(&with(&body, "OwnerName", json!("x".repeat(256))));
        assert_only(&r, "OwnerName", C::TooLong);
        let r = create_bank_account(&with(&body, "Tag", json!("x".repeat(256))));
        assert_only(&r, "Tag", C::TooLong);
        // The owner's address is not subject to user country restrictions.
        assert_ok(&create_bank_account(&with(
            &body,
            "OwnerAddress.Country",
            json!("IR"),
        )));
        let r = create_bank_account(&with(&body, "OwnerAddress.Country", json!("ZZ")));
        assert_only(&r, "OwnerAddress.Country", C::InvalidCountry);
        let us_owner = with(&body, "OwnerAddress.Country", json!("US"));
        let r = create_bank_account(&without(&us_owner, "OwnerAddress.Region"));
        assert_only(&r, "OwnerAddress.Region", C::Required);
    }
}

#[test]
fn ibans_are_checked_by_length_and_checksum() {
    for ok in [
        "FR76 3000 4000 0312 3456 7890 143",
        "fr7630004000031234567890143",
        "DE89370400440532013000",
        "GB29NWBK60161331926819",
    ] {
        assert_ok(&create_bank_account(&with(&iban(), "IBAN", json!(ok))));
    }
    let r = create_bank_account(&with(&iban(), "IBAN", json!("FR7630004000031234567890144")));
    assert_only(&r, "IBAN", C::InvalidChecksum);
    assert!(r.errors()["IBAN"].starts_with("The value is not a valid IBAN"));
    let r = create_bank_account(&with(&iban(), "IBAN", json!("FR76300040000312345678901")));
    assert_only(&r, "IBAN", C::InvalidFormat);
    for bad in [
        "30004000031234567890143",
        "FR-76",
        "FR76300040000312345678901é",
    ] {
        let r = create_bank_account(&with(&iban(), "IBAN", json!(bad)));
        assert_only(&r, "IBAN", C::InvalidFormat);
    }
    let r = create_bank_account(&with(&iban(), "IBAN", json!("FR".repeat(18))));
    assert_only(&r, "IBAN", C::TooLong);
    assert_only(
        &create_bank_account(&without(&iban(), "IBAN")),
        "IBAN",
        C::Required,
    );
    assert!(is_valid_iban("NL91ABNA0417164300"));
    assert!(!is_valid_iban("NL91ABNA0417164301"));
}

#[test]
fn bics_match_the_server_pattern() {
    // Optional on IBAN accounts.
    assert_ok(&create_bank_account(&without(&iban(), "BIC")));
    assert_ok(&create_bank_account(&with(
        &iban(),
        "BIC",
        json!("BNPAFRPPXXX"),
    )));
    for bad in ["BNPAFRP", "BNPA1RPP", "BNPAFRPPXX", "BNPA-FRPP"] {
        let r = create_bank_account(&with(&iban(), "BIC", json!(bad)));
        assert_only(&r, "BIC", C::InvalidFormat);
        assert_eq!(
            r.errors()["BIC"],
            format!("The field BIC must match the regular expression '{BIC_PATTERN}'.")
        );
    }
    assert!(is_valid_bic("DEUTDEFF"));
    assert!(!is_valid_bic("DEUTDEF"));
}

#[test]
fn gb_accounts_use_eight_and_six_digits() {
    for (field, bad) in [
        ("AccountNumber", "1169641"),
        ("AccountNumber", "116964190"),
        ("AccountNumber", "1169641A"),
        ("SortCode", "01-00-39"),
        ("SortCode", "01003"),
    ] {
        let r = create_bank_account(&with(&gb(), field, json!(bad)));
        assert_only(&r, field, C::InvalidFormat);
    }
    for field in ["AccountNumber", "SortCode"] {
        assert_only(
            &create_bank_account(&without(&gb(), field)),
            field,
            C::Required,
        );
        let r = create_bank_account(&with(&gb(), field, json!(11696419)));
        assert_only(&r, field, C::InvalidType);
    }
}

#[test]
fn us_accounts_need_digits_and_a_nine_character_aba() {
    for field in ["AccountNumber", "ABA"] {
        assert_only(
            &create_bank_account(&without(&us(), field)),
            field,
            C::Required,
        );
    }
    let r = create_bank_account(&with(&us(), "AccountNumber", json!("1169-6419")));
    assert_only(&r, "AccountNumber", C::InvalidFormat);
    let r = create_bank_account(&with(&us(), "ABA", json!("07100028")));
    assert_only(&r, "ABA", C::TooShort);
    let r = create_bank_account(&with(&us(), "ABA", json!("0710002888")));
    assert_only(&r, "ABA", C::TooLong);
    assert_ok(&create_bank_account(&without(&us(), "DepositAccountType")));
    assert_ok(&create_bank_account(&with(
        &us(),
        "DepositAccountType",
        json!("SAVINGS"),
    )));
    let r = create_bank_account(&with(&us(), "DepositAccountType", json!("CURRENT")));
    assert_only(&r, "DepositAccountType", C::InvalidValue);
}

#[test]
fn ca_accounts_follow_the_documented_lengths() {
    for field in [
        "AccountNumber",
        "InstitutionNumber",
        "BranchCode",
        "BankName",
    ] {
        assert_only(
            &create_bank_account(&without(&ca(), field)),
            field,
            C::Required,
        );
    }
    assert_ok(&create_bank_account(&with(
        &ca(),
        "InstitutionNumber",
        json!("0614"),
    )));
    for (field, bad, code) in [
        ("InstitutionNumber", "61", C::TooShort),
        ("InstitutionNumber", "61400", C::TooLong),
        ("InstitutionNumber", "6a4", C::InvalidFormat),
        ("BranchCode", "0015", C::TooShort),
        ("BranchCode", "001520", C::TooLong),
        ("AccountNumber", "116964", C::TooShort),
        ("AccountNumber", "1".repeat(36).as_str(), C::TooLong),
        ("BankName", "The Bank!", C::InvalidFormat),
        ("BankName", "b".repeat(51).as_str(), C::TooLong),
    ] {
        let r = create_bank_account(&with(&ca(), field, json!(bad)));
        assert_only(&r, field, code);
    }
}

#[test]
fn other_accounts_need_account_number_bic_and_country() {
    for field in ["AccountNumber", "BIC", "Country"] {
        assert_only(
            &create_bank_account(&without(&other(), field)),
            field,
            C::Required,
        );
    }
    // Australian accounts put their 6-digit BSB in BIC.
    assert_ok(&create_bank_account(&with(
        &other(),
        "BIC",
        json!("062000"),
    )));
    let r = create_bank_account(&with(&other(), "BIC", json!("06200")));
    assert_only(&r, "BIC", C::InvalidFormat);
    let r = create_bank_account(&with(&other(), "AccountNumber", json!("1234")));
    assert_only(&r, "AccountNumber", C::TooShort);
    let r = create_bank_account(&with(&other(), "AccountNumber", json!("1234-5678")));
    assert_only(&r, "AccountNumber", C::InvalidFormat);
    let r = create_bank_account(&with(&other(), "Country", json!("XX")));
    assert_only(&r, "Country", C::InvalidCountry);
}
