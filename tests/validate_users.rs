//! User validators: natural and legal create (SCA and legacy), update, categorize, and the
//! company-number format check.
//! Each rule has a valid case and each way to break it.

mod validate_support;

use mangopay_wasm::validate::{
    categorize_legal, categorize_natural, create_legal, create_legal_sca, create_natural,
    create_natural_sca, update_legal, update_legal_sca, update_natural, update_natural_sca,
    validate_the_format_of_user_data, IssueCode as C, Report, EMAIL_PATTERN, PARAM_ERROR_MESSAGE,
};
use serde_json::{json, Value};
use validate_support::*;

fn natural_payer() -> Value {
    fixture("users/create_natural_sca_payer.request.json")
}

fn natural_owner() -> Value {
    json!({
        "FirstName": "Ruby",
        "LastName": "Ringer",
        "Birthday": 652117514,
        "Nationality": "FR",
        "CountryOfResidence": "FR",
        "Occupation": "Engineer",
        "IncomeRange": 3,
        "Email": "ruby.ringer@example.com",
        "PhoneNumber": "+33611111111",
        "PhoneNumberCountry": "FR",
        "Address": {
            "AddressLine1": "28136 Grimes Bridge",
            "AddressLine2": "Finn Shoals",
            "City": "Paris",
            "Region": "Ile-de-France",
            "PostalCode": "75001",
            "Country": "FR"
        },
        "TermsAndConditionsAccepted": true,
        "UserCategory": "OWNER",
        "ScaContext": "USER_PRESENT",
        "Tag": "owner"
    })
}

fn legal_payer() -> Value {
    fixture("users/create_legal_sca_payer.request.json")
}

fn legal_owner() -> Value {
    json!({
        "Name": "ACME Corporation",
        "LegalPersonType": "BUSINESS",
        "LegalRepresentative": {
            "FirstName": "Alex",
            "LastName": "Smith",
            "Birthday": 652117514,
            "Nationality": "FR",
            "CountryOfResidence": "FR",
            "Email": "alex.smith@example.com",
            "PhoneNumber": "0611111111",
            "PhoneNumberCountry": "FR"
        },
        "CompanyNumber": "123456789",
        "HeadquartersAddress": {
            "AddressLine1": "100 Rue de Rivoli",
            "AddressLine2": "Bâtiment B",
            "City": "Paris",
            "Region": "Île-de-France",
            "PostalCode": "75001",
            "Country": "FR"
        },
        "LegalRepresentativeAddress": {
            "AddressLine1": "3 rue de la Cité",
            "City": "Paris",
            "PostalCode": "75004",
            "Country": "FR"
        },
        "Tag": "Created using the Mangopay API Postman collection",
        "Email": "acme.corporation@example.com",
        "TermsAndConditionsAccepted": true,
        "UserCategory": "OWNER"
    })
}

fn legacy_legal_owner() -> Value {
    json!({
        "HeadquartersAddress": {
            "AddressLine1": "34 rue des Entreprises",
            "City": "Paris",
            "PostalCode": "75001",
            "Country": "FR"
        },
        "Name": "Best Business",
        "LegalPersonType": "BUSINESS",
        "LegalRepresentativeFirstName": "Alex",
        "LegalRepresentativeLastName": "Smith",
        "LegalRepresentativeBirthday": 652117514,
        "LegalRepresentativeNationality": "FR",
        "LegalRepresentativeCountryOfResidence": "FR",
        "CompanyNumber": "123456789",
        "Email": "best.business@example.com",
        "TermsAndConditionsAccepted": true,
        "UserCategory": "OWNER"
    })
}

// ---------------------------------------------------------------- create natural (SCA) ----

#[test]
fn seed_002_request_is_valid() {
    assert_ok(&create_natural_sca(&natural_payer()));
}

#[test]
fn a_complete_owner_is_valid() {
    assert_ok(&create_natural_sca(&natural_owner()));
}

#[test]
fn always_required_fields_are_required() {
    for field in [
        "FirstName",
        "LastName",
        "Email",
        "TermsAndConditionsAccepted",
        "UserCategory",
    ] {
        let body = without(&natural_payer(), field);
        assert_only(&create_natural_sca(&body), field, C::Required);
        let body = with(&natural_payer(), field, Value::Null);
        assert_only(&create_natural_sca(&body), field, C::Required);
    }
}

#[test]
fn blank_strings_are_missing() {
    for field in ["FirstName", "LastName", "Email"] {
        for blank in ["", "   "] {
            let body = with(&natural_payer(), field, json!(blank));
            assert_only(&create_natural_sca(&body), field, C::Required);
        }
    }
    let r = create_natural_sca(&with(&natural_payer(), "Email", json!("")));
    assert_eq!(r.errors()["Email"], "'Email' must not be empty.");
}

#[test]
fn owner_data_is_required_for_owners_only() {
    for field in ["Birthday", "Nationality", "CountryOfResidence"] {
        let r = create_natural_sca(&without(&natural_owner(), field));
        assert_only(&r, field, C::Required);
    }
    // A PAYER does not need them.
    assert_ok(&create_natural_sca(&natural_payer()));
}

#[test]
fn names_are_1_to_100_chars() {
    let ok = with(&natural_payer(), "FirstName", json!("é".repeat(100)));
    assert_ok(&create_natural_sca(&ok));
    let long = with(&natural_payer(), "LastName", json!("a".repeat(101)));
    assert_only(&create_natural_sca(&long), "LastName", C::TooLong);
    let typed = with(&natural_payer(), "FirstName", json!(42));
    assert_only(&create_natural_sca(&typed), "FirstName", C::InvalidType);
}

#[test]
fn email_follows_the_server_pattern() {
    for ok in [
        "a@b.co",
        "john.doe+accept@example.com",
        "o'brien@example.ie",
    ] {
        assert_ok(&create_natural_sca(&with(
            &natural_payer(),
            "Email",
            json!(ok),
        )));
    }
    for bad in [
        "alex",
        "alex@localhost",
        "alex@exämple.com",
        "a..b@example.com",
    ] {
        let r = create_natural_sca(&with(&natural_payer(), "Email", json!(bad)));
        assert_only(&r, "Email", C::InvalidFormat);
        assert_eq!(
            r.errors()["Email"],
            format!("The field Email must match the regular expression '{EMAIL_PATTERN}'.")
        );
    }
    let r = create_natural_sca(&with(&natural_payer(), "Email", json!(["a@b.co"])));
    assert_only(&r, "Email", C::InvalidType);
}

#[test]
fn terms_must_be_true_for_owners() {
    let r = create_natural_sca(&with(
        &natural_owner(),
        "TermsAndConditionsAccepted",
        json!(false),
    ));
    assert_only(&r, "TermsAndConditionsAccepted", C::MustBeTrue);
    // false is fine for a payer; the seed sends it.
    assert_ok(&create_natural_sca(&natural_payer()));
    let r = create_natural_sca(&with(
        &natural_payer(),
        "TermsAndConditionsAccepted",
        json!("true"),
    ));
    assert_only(&r, "TermsAndConditionsAccepted", C::InvalidType);
}

#[test]
fn user_category_is_payer_or_owner_ignoring_case() {
    let r = create_natural_sca(&with(&natural_payer(), "UserCategory", json!("PLATFORM")));
    assert_only(&r, "UserCategory", C::InvalidValue);
    let r = create_natural_sca(&with(&natural_payer(), "UserCategory", json!(1)));
    assert_only(&r, "UserCategory", C::InvalidType);
    // Lower case is read as OWNER, so OWNER rules apply.
    let r = create_natural_sca(&with(&natural_payer(), "UserCategory", json!("owner")));
    assert_has(&r, "Birthday", C::Required);
    assert_has(&r, "TermsAndConditionsAccepted", C::MustBeTrue);
    assert_ok(&create_natural_sca(&with(
        &natural_owner(),
        "UserCategory",
        json!("Owner"),
    )));
}

#[test]
fn countries_are_iso_codes_blocked_per_field() {
    let owner = natural_owner();
    // Nationality: only KP is blocked.
    let r = create_natural_sca(&with(&owner, "Nationality", json!("KP")));
    assert_only(&r, "Nationality", C::CountryBlocked);
    assert_eq!(r.errors()["Nationality"], "The Nationality used is blocked");
    for allowed in ["IR", "CU", "SY", "RU", "fr"] {
        assert_ok(&create_natural_sca(&with(
            &owner,
            "Nationality",
            json!(allowed),
        )));
    }
    // CountryOfResidence and Address.Country: the whole user list.
    for blocked in [
        "IR", "KP", "CU", "SY", "MM", "AN", "BV", "GS", "HM", "WL", "YU", "ir",
    ] {
        let r = create_natural_sca(&with(&owner, "CountryOfResidence", json!(blocked)));
        assert_only(&r, "CountryOfResidence", C::CountryBlocked);
        let r = create_natural_sca(&with(&owner, "Address.Country", json!(blocked)));
        assert_only(&r, "Address.Country", C::CountryBlocked);
    }
    assert_eq!(
        create_natural_sca(&with(&owner, "CountryOfResidence", json!("IR"))).errors()
            ["CountryOfResidence"],
        "The CountryOfResidence used is blocked"
    );
    for not_blocked in ["RU", "IQ", "SS", "UA", "XK"] {
        assert_ok(&create_natural_sca(&with(
            &owner,
            "CountryOfResidence",
            json!(not_blocked),
        )));
    }
    for bad in ["ZZ", "FRA", "F", "É", "fR "] {
        let r = create_natural_sca(&with(&owner, "Nationality", json!(bad)));
        assert_only(&r, "Nationality", C::InvalidCountry);
    }
    let r = create_natural_sca(&with(&owner, "Nationality", json!(250)));
    assert_only(&r, "Nationality", C::InvalidType);
}

#[test]
fn birthday_is_an_integer_timestamp() {
    let owner = natural_owner();
    assert_ok(&create_natural_sca(&with(
        &owner,
        "Birthday",
        json!(-86400),
    )));
    assert_ok(&create_natural_sca(&with(
        &owner,
        "Birthday",
        json!(652117514.0),
    )));
    for bad in [json!(1.5), json!("652117514"), json!(true)] {
        let r = create_natural_sca(&with(&owner, "Birthday", bad));
        assert_only(&r, "Birthday", C::InvalidType);
    }
    let r = create_natural_sca(&with(&owner, "Birthday", json!(u64::MAX)));
    assert_only(&r, "Birthday", C::OutOfRange);
}

#[test]
fn income_range_is_1_to_6() {
    for ok in [json!(1), json!(6), Value::Null] {
        assert_ok(&create_natural_sca(&with(
            &natural_owner(),
            "IncomeRange",
            ok,
        )));
    }
    for bad in [0, 7, -1] {
        let r = create_natural_sca(&with(&natural_owner(), "IncomeRange", json!(bad)));
        assert_only(&r, "IncomeRange", C::OutOfRange);
    }
    let r = create_natural_sca(&with(&natural_owner(), "IncomeRange", json!("3")));
    assert_only(&r, "IncomeRange", C::InvalidType);
}

#[test]
fn occupation_and_tag_are_at_most_255_chars() {
    for field in ["Occupation", "Tag"] {
        assert_ok(&create_natural_sca(&with(
            &natural_owner(),
            field,
            json!("x".repeat(255)),
        )));
        let r = create_natural_sca(&with(&natural_owner(), field, json!("x".repeat(256))));
        assert_only(&r, field, C::TooLong);
    }
}

#[test]
fn local_phone_numbers_need_a_phone_number_country() {
    let local = without(&natural_payer(), "PhoneNumberCountry");
    let r = create_natural_sca(&local);
    assert_only(&r, "PhoneNumberCountry", C::Required);
    let empty = with(&natural_payer(), "PhoneNumberCountry", json!(""));
    assert_only(
        &create_natural_sca(&empty),
        "PhoneNumberCountry",
        C::Required,
    );
    let international = with(&local, "PhoneNumber", json!("+33611111111"));
    assert_ok(&create_natural_sca(&international));
    let r = create_natural_sca(&with(&natural_payer(), "PhoneNumberCountry", json!("ZZ")));
    assert_only(&r, "PhoneNumberCountry", C::InvalidCountry);
    // PhoneNumberCountry is not subject to country restrictions.
    assert_ok(&create_natural_sca(&with(
        &natural_payer(),
        "PhoneNumberCountry",
        json!("IR"),
    )));
    // Not required for an OWNER either.
    let owner = without(
        &without(&natural_owner(), "PhoneNumber"),
        "PhoneNumberCountry",
    );
    assert_ok(&create_natural_sca(&owner));
}

#[test]
fn address_fields_follow_the_address_rules() {
    let payer = natural_payer();
    for field in ["AddressLine1", "City", "PostalCode", "Country"] {
        let r = create_natural_sca(&without(&payer, &format!("Address.{field}")));
        assert_only(&r, &format!("Address.{field}"), C::Required);
    }
    // Optional parts.
    assert_ok(&create_natural_sca(&without(
        &payer,
        "Address.AddressLine2",
    )));
    assert_ok(&create_natural_sca(&without(&payer, "Address.Region")));
    // The whole address is optional, and an all-null address is no address.
    assert_ok(&create_natural_sca(&without(&payer, "Address")));
    let vacant = json!({"AddressLine1": null, "AddressLine2": null, "City": null,
                        "Region": null, "PostalCode": null, "Country": null});
    assert_ok(&create_natural_sca(&with(&payer, "Address", vacant)));
    assert_ok(&create_natural_sca(&with(&payer, "Address", json!({}))));
    let r = create_natural_sca(&with(&payer, "Address", json!("3 rue de la Cité, Paris")));
    assert_only(&r, "Address", C::InvalidType);
    // Lengths.
    let r = create_natural_sca(&with(&payer, "Address.City", json!("x".repeat(256))));
    assert_only(&r, "Address.City", C::TooLong);
}

#[test]
fn region_is_required_in_us_ca_and_mx() {
    let us = json!({"AddressLine1": "2795 Edgewood Road", "City": "Little Rock",
                    "PostalCode": "72212", "Country": "US"});
    let r = create_natural_sca(&with(&natural_payer(), "Address", us.clone()));
    assert_only(&r, "Address.Region", C::Required);
    let with_region = with(&us, "Region", json!("Arkansas"));
    assert_ok(&create_natural_sca(&with(
        &natural_payer(),
        "Address",
        with_region,
    )));
    for country in ["CA", "MX", "mx"] {
        let r = create_natural_sca(&with(
            &natural_payer(),
            "Address",
            with(&us, "Country", json!(country)),
        ));
        assert_only(&r, "Address.Region", C::Required);
    }
}

#[test]
fn postal_codes_use_the_documented_characters_and_exemptions() {
    let payer = natural_payer();
    for ok in ["75004", "SW1A 1AA", "1234-567", "A1B 2C3"] {
        assert_ok(&create_natural_sca(&with(
            &payer,
            "Address.PostalCode",
            json!(ok),
        )));
    }
    for bad in ["75004!", "75_004", "75.004"] {
        let r = create_natural_sca(&with(&payer, "Address.PostalCode", json!(bad)));
        assert_only(&r, "Address.PostalCode", C::InvalidFormat);
    }
    // Countries without postal codes (2015 address note) may omit it.
    for country in ["HK", "IE", "AE"] {
        let body = with(
            &without(&payer, "Address.PostalCode"),
            "Address.Country",
            json!(country),
        );
        assert_ok(&create_natural_sca(&body));
    }
}

#[test]
fn sca_context_is_optional_and_enumerated() {
    assert_ok(&create_natural_sca(&without(
        &natural_owner(),
        "ScaContext",
    )));
    assert_ok(&create_natural_sca(&with(
        &natural_owner(),
        "ScaContext",
        json!("USER_NOT_PRESENT"),
    )));
    let r = create_natural_sca(&with(&natural_owner(), "ScaContext", json!("SOMETIMES")));
    assert_only(&r, "ScaContext", C::InvalidValue);
}

#[test]
fn unknown_fields_are_ignored_and_bodies_must_be_objects() {
    assert_ok(&create_natural_sca(&with(
        &natural_payer(),
        "Whatever",
        json!([1, 2]),
    )));
    for body in [json!(null), json!([]), json!("user"), json!(3)] {
        assert_only(&create_natural_sca(&body), "", C::InvalidType);
    }
}

#[test]
fn every_issue_is_reported_in_one_pass() {
    let body = json!({
        "FirstName": 1,
        "Email": "nope",
        "Nationality": "KP",
        "Address": {"Country": "ZZ"},
        "UserCategory": "OWNER",
        "TermsAndConditionsAccepted": false
    });
    let r = create_natural_sca(&body);
    assert_has(&r, "FirstName", C::InvalidType);
    assert_has(&r, "LastName", C::Required);
    assert_has(&r, "Email", C::InvalidFormat);
    assert_has(&r, "Birthday", C::Required);
    assert_has(&r, "Nationality", C::CountryBlocked);
    assert_has(&r, "CountryOfResidence", C::Required);
    assert_has(&r, "Address.Country", C::InvalidCountry);
    assert_has(&r, "Address.AddressLine1", C::Required);
    assert_has(&r, "TermsAndConditionsAccepted", C::MustBeTrue);

    let body = r.to_param_error();
    assert_eq!(body["Message"], PARAM_ERROR_MESSAGE);
    assert_eq!(body["Type"], "param_error");
    assert_eq!(
        body["errors"]["Nationality"],
        "The Nationality used is blocked"
    );
    assert_eq!(
        body["errors"]["LastName"],
        "The LastName field is required."
    );
    assert_eq!(body.as_object().map(|m| m.len()), Some(3));
}

// --------------------------------------------------------------- create natural (legacy) --

#[test]
fn legacy_natural_create_follows_the_same_rules_without_phone_fields() {
    let legacy = json!({
        "Address": {"AddressLine1": "3 rue des Plantes", "City": "Paris",
                    "PostalCode": "75001", "Country": "FR"},
        "FirstName": "Hugo", "LastName": "Garnier", "Birthday": 652117514,
        "Nationality": "FR", "CountryOfResidence": "FR", "Occupation": null,
        "IncomeRange": null, "Email": "email@test.com",
        "TermsAndConditionsAccepted": false, "UserCategory": "PAYER"
    });
    assert_ok(&create_natural(&legacy));
    // Phone fields and ScaContext are not parameters of the legacy endpoint: ignored.
    let extra = with(
        &with(&legacy, "PhoneNumber", json!("0611")),
        "ScaContext",
        json!("?"),
    );
    assert_ok(&create_natural(&extra));
    assert_only(
        &create_natural(&without(&legacy, "Email")),
        "Email",
        C::Required,
    );
    let owner = with(&legacy, "UserCategory", json!("OWNER"));
    let r = create_natural(&without(&owner, "Birthday"));
    assert_has(&r, "Birthday", C::Required);
    assert_has(&r, "TermsAndConditionsAccepted", C::MustBeTrue);
    let r = create_natural(&with(&legacy, "CountryOfResidence", json!("IR")));
    assert_only(&r, "CountryOfResidence", C::CountryBlocked);
}

// ---------------------------------------------------------------------- update natural ----

#[test]
fn natural_updates_are_partial() {
    for update in [update_natural_sca, update_natural] {
        assert_ok(&update(&json!({})));
        assert_ok(&update(&json!({"Tag": "new tag"})));
        assert_ok(&update(
            &json!({"FirstName": null, "Email": null, "Address": null}),
        ));
        // Address parts are not required on update, and no Region is demanded.
        assert_ok(&update(&json!({"Address": {"City": "Lyon"}})));
        assert_ok(&update(&json!({"Address": {"Country": "US"}})));
        // Formats still apply to what is sent.
        assert_only(&update(&json!({"FirstName": ""})), "FirstName", C::TooShort);
        assert_only(
            &update(&json!({"Email": "nope"})),
            "Email",
            C::InvalidFormat,
        );
        assert_only(
            &update(&json!({"Nationality": "KP"})),
            "Nationality",
            C::CountryBlocked,
        );
        assert_only(
            &update(&json!({"Address": {"Country": "IR"}})),
            "Address.Country",
            C::CountryBlocked,
        );
        assert_only(
            &update(&json!({"IncomeRange": 9})),
            "IncomeRange",
            C::OutOfRange,
        );
        assert_only(
            &update(&json!({"UserCategory": "BOSS"})),
            "UserCategory",
            C::InvalidValue,
        );
        // Terms: acceptance is stored and cannot be revoked, and Mangopay's own update example
        // sends `false` with `OWNER`, so on update only the type is checked.
        assert_ok(&update(&json!({"TermsAndConditionsAccepted": false})));
        assert_ok(&update(
            &json!({"TermsAndConditionsAccepted": false, "UserCategory": "OWNER"}),
        ));
        assert_only(
            &update(&json!({"TermsAndConditionsAccepted": "yes"})),
            "TermsAndConditionsAccepted",
            C::InvalidType,
        );
    }
    // The stored PhoneNumberCountry may apply: a local number alone is fine on update.
    assert_ok(&update_natural_sca(&json!({"PhoneNumber": "0611111111"})));
    assert_only(
        &update_natural_sca(&json!({"PhoneNumberCountry": "XX"})),
        "PhoneNumberCountry",
        C::InvalidCountry,
    );
}

// ------------------------------------------------------------------ categorize natural ----

fn categorize_natural_body() -> Value {
    json!({
        "UserCategory": "OWNER",
        "TermsAndConditionsAccepted": true,
        "Birthday": 652117514,
        "Nationality": "FR",
        "CountryOfResidence": "FR"
    })
}

#[test]
fn categorize_natural_requires_the_owner_data() {
    let body = categorize_natural_body();
    assert_ok(&categorize_natural(&body));
    // Email and phone are optional ("Optionally, you can update the Email…"); a local number
    // may use the stored PhoneNumberCountry.
    assert_ok(&categorize_natural(&with(
        &body,
        "PhoneNumber",
        json!("0611111111"),
    )));
    assert_ok(&categorize_natural(&with(
        &body,
        "Email",
        json!("new@example.com"),
    )));
    assert_only(
        &categorize_natural(&with(&body, "Email", json!("new@"))),
        "Email",
        C::InvalidFormat,
    );
    for field in [
        "UserCategory",
        "TermsAndConditionsAccepted",
        "Birthday",
        "Nationality",
        "CountryOfResidence",
    ] {
        assert_only(
            &categorize_natural(&without(&body, field)),
            field,
            C::Required,
        );
    }
}

#[test]
fn categorize_natural_only_to_owner_with_terms_accepted() {
    let body = categorize_natural_body();
    for category in ["PAYER", "PLATFORM", "BOSS"] {
        let r = categorize_natural(&with(&body, "UserCategory", json!(category)));
        assert_only(&r, "UserCategory", C::NotAllowed);
    }
    let r = categorize_natural(&with(&body, "TermsAndConditionsAccepted", json!(false)));
    assert_only(&r, "TermsAndConditionsAccepted", C::MustBeTrue);
    let r = categorize_natural(&with(&body, "Nationality", json!("KP")));
    assert_only(&r, "Nationality", C::CountryBlocked);
    let r = categorize_natural(&with(&body, "CountryOfResidence", json!("SY")));
    assert_only(&r, "CountryOfResidence", C::CountryBlocked);
    assert_ok(&categorize_natural(&with(
        &body,
        "ScaContext",
        json!("USER_PRESENT"),
    )));
    // Fields of the user that are not parameters of this endpoint are ignored.
    assert_ok(&categorize_natural(&with(&body, "FirstName", json!(""))));
}

// ------------------------------------------------------------------ create legal (SCA) ----

#[test]
fn documented_legal_requests_are_valid() {
    assert_ok(&create_legal_sca(&legal_payer()));
    assert_ok(&create_legal_sca(&legal_owner()));
}

#[test]
fn legal_always_required_fields_are_required() {
    for field in [
        "Name",
        "LegalPersonType",
        "LegalRepresentative",
        "LegalRepresentative.FirstName",
        "LegalRepresentative.LastName",
        "Email",
        "TermsAndConditionsAccepted",
        "UserCategory",
    ] {
        let r = create_legal_sca(&without(&legal_payer(), field));
        assert_only(&r, field, C::Required);
    }
}

#[test]
fn legal_owners_need_representative_data_headquarters_and_company_number() {
    let owner = legal_owner();
    for field in [
        "LegalRepresentative.Birthday",
        "LegalRepresentative.Nationality",
        "LegalRepresentative.CountryOfResidence",
        "LegalRepresentative.Email",
        "HeadquartersAddress",
        "CompanyNumber",
    ] {
        let r = create_legal_sca(&without(&owner, field));
        assert_only(&r, field, C::Required);
    }
    let r = create_legal_sca(&without(&owner, "LegalRepresentative.Email"));
    assert_eq!(
        r.errors()["LegalRepresentative.Email"],
        "'Email' must not be empty."
    );
    // An all-null headquarters address (the PAYER response shape) is no address.
    let vacant = json!({"AddressLine1": null, "City": null, "PostalCode": null, "Country": null});
    let r = create_legal_sca(&with(&owner, "HeadquartersAddress", vacant));
    assert_only(&r, "HeadquartersAddress", C::Required);
    // CompanyNumber only for BUSINESS.
    for kind in ["PARTNERSHIP", "ORGANIZATION", "SOLETRADER"] {
        let body = with(
            &without(&owner, "CompanyNumber"),
            "LegalPersonType",
            json!(kind),
        );
        assert_ok(&create_legal_sca(&body));
    }
    // None of that for a PAYER (the payer fixture has no representative email either way).
    let payer = without(&legal_payer(), "LegalRepresentative.Email");
    assert_ok(&create_legal_sca(&with(
        &payer,
        "LegalPersonType",
        json!("BUSINESS"),
    )));
}

#[test]
fn legal_fields_have_their_formats() {
    let owner = legal_owner();
    let r = create_legal_sca(&with(&owner, "LegalPersonType", json!("COMPANY")));
    assert_only(&r, "LegalPersonType", C::InvalidValue);
    assert_ok(&create_legal_sca(&with(
        &owner,
        "LegalPersonType",
        json!("soletrader"),
    )));
    let r = create_legal_sca(&with(&owner, "Name", json!("n".repeat(256))));
    assert_only(&r, "Name", C::TooLong);
    let r = create_legal_sca(&with(
        &owner,
        "LegalRepresentative.FirstName",
        json!("f".repeat(101)),
    ));
    assert_only(&r, "LegalRepresentative.FirstName", C::TooLong);
    let r = create_legal_sca(&with(&owner, "LegalRepresentative.Email", json!("alex")));
    assert_only(&r, "LegalRepresentative.Email", C::InvalidFormat);
    let r = create_legal_sca(&with(&owner, "LegalRepresentative", json!("Alex Smith")));
    assert_only(&r, "LegalRepresentative", C::InvalidType);
    let r = create_legal_sca(&with(&owner, "CompanyNumber", json!(123456789)));
    assert_only(&r, "CompanyNumber", C::InvalidType);
    let r = create_legal_sca(&without(&owner, "LegalRepresentative.PhoneNumberCountry"));
    assert_only(&r, "LegalRepresentative.PhoneNumberCountry", C::Required);
}

#[test]
fn legal_countries_are_blocked_per_field() {
    let owner = legal_owner();
    for (path, code) in [
        ("HeadquartersAddress.Country", "IR"),
        ("LegalRepresentative.CountryOfResidence", "IR"),
        ("LegalRepresentativeAddress.Country", "SY"),
        ("LegalRepresentative.Nationality", "KP"),
    ] {
        let r = create_legal_sca(&with(&owner, path, json!(code)));
        assert_only(&r, path, C::CountryBlocked);
    }
    assert_ok(&create_legal_sca(&with(
        &owner,
        "LegalRepresentative.Nationality",
        json!("IR"),
    )));
    assert_ok(&create_legal_sca(&with(
        &owner,
        "LegalRepresentative.PhoneNumberCountry",
        json!("KP"),
    )));
}

// --------------------------------------------------------------- create legal (legacy) ----

#[test]
fn legacy_legal_uses_flat_representative_fields() {
    let owner = legacy_legal_owner();
    assert_ok(&create_legal(&owner));
    for field in [
        "LegalRepresentativeFirstName",
        "LegalRepresentativeLastName",
        "LegalRepresentativeBirthday",
        "LegalRepresentativeNationality",
        "LegalRepresentativeCountryOfResidence",
        "HeadquartersAddress",
        "CompanyNumber",
        "Name",
        "LegalPersonType",
        "Email",
    ] {
        assert_only(&create_legal(&without(&owner, field)), field, C::Required);
    }
    // The legacy representative email is optional, even for an owner, but checked if sent.
    assert_ok(&create_legal(&with(
        &owner,
        "LegalRepresentativeEmail",
        json!("a@b.co"),
    )));
    assert_only(
        &create_legal(&with(&owner, "LegalRepresentativeEmail", json!("a@b"))),
        "LegalRepresentativeEmail",
        C::InvalidFormat,
    );
    assert_only(
        &create_legal(&with(&owner, "LegalRepresentativeNationality", json!("KP"))),
        "LegalRepresentativeNationality",
        C::CountryBlocked,
    );
    assert_only(
        &create_legal(&with(
            &owner,
            "LegalRepresentativeCountryOfResidence",
            json!("CU"),
        )),
        "LegalRepresentativeCountryOfResidence",
        C::CountryBlocked,
    );
    // A PAYER needs neither the representative's data nor headquarters.
    let payer = json!({
        "Name": "Best Business", "LegalPersonType": "BUSINESS",
        "LegalRepresentativeFirstName": "Alex", "LegalRepresentativeLastName": "Smith",
        "Email": "best.business@example.com", "TermsAndConditionsAccepted": false,
        "UserCategory": "PAYER"
    });
    assert_ok(&create_legal(&payer));
    // The nested SCA object is not a legacy parameter: ignored.
    assert_ok(&create_legal(&with(
        &payer,
        "LegalRepresentative",
        json!(1),
    )));
}

// ------------------------------------------------------------------------ update legal ----

#[test]
fn legal_updates_are_partial() {
    for update in [update_legal_sca, update_legal] {
        assert_ok(&update(&json!({})));
        assert_ok(&update(&json!({"HeadquartersAddress": {"City": "Lyon"}})));
        assert_only(
            &update(&json!({"Name": "n".repeat(256)})),
            "Name",
            C::TooLong,
        );
        assert_only(
            &update(&json!({"LegalPersonType": "LLC"})),
            "LegalPersonType",
            C::InvalidValue,
        );
        assert_only(
            &update(&json!({"HeadquartersAddress": {"Country": "KP"}})),
            "HeadquartersAddress.Country",
            C::CountryBlocked,
        );
    }
    assert_ok(&update_legal_sca(
        &json!({"LegalRepresentative": {"Email": "new@example.com"}}),
    ));
    assert_ok(&update_legal_sca(
        &json!({"LegalRepresentative": {"PhoneNumber": "0611111111"}}),
    ));
    assert_only(
        &update_legal_sca(&json!({"LegalRepresentative": {"Nationality": "KP"}})),
        "LegalRepresentative.Nationality",
        C::CountryBlocked,
    );
    assert_only(
        &update_legal_sca(&json!({"LegalRepresentative": {"LastName": ""}})),
        "LegalRepresentative.LastName",
        C::TooShort,
    );
    assert_only(
        &update_legal(&json!({"LegalRepresentativeBirthday": "1990-01-01"})),
        "LegalRepresentativeBirthday",
        C::InvalidType,
    );
}

// -------------------------------------------------------------------- categorize legal ----

fn categorize_legal_body() -> Value {
    json!({
        "UserCategory": "OWNER",
        "TermsAndConditionsAccepted": true,
        "LegalRepresentative": {
            "Birthday": 652117514,
            "Nationality": "FR",
            "CountryOfResidence": "FR"
        },
        "HeadquartersAddress": {
            "AddressLine1": "18014 Jermain Grove",
            "City": "Paris",
            "PostalCode": "75001",
            "Country": "FR"
        }
    })
}

#[test]
fn categorize_legal_requires_what_may_not_be_stored() {
    let body = categorize_legal_body();
    assert_ok(&categorize_legal(&body));
    for field in [
        "UserCategory",
        "TermsAndConditionsAccepted",
        "LegalRepresentative",
        "LegalRepresentative.Birthday",
        "LegalRepresentative.Nationality",
        "LegalRepresentative.CountryOfResidence",
        "HeadquartersAddress",
        "HeadquartersAddress.AddressLine1",
        "HeadquartersAddress.Country",
    ] {
        assert_only(
            &categorize_legal(&without(&body, field)),
            field,
            C::Required,
        );
    }
}

#[test]
fn categorize_legal_does_not_require_what_may_be_stored() {
    let body = categorize_legal_body();
    // "Optionally, you can update the LegalRepresentative.Email…": not required.
    let r = categorize_legal(&body);
    assert_clean(&r, "LegalRepresentative.Email");
    // CompanyNumber: required for BUSINESS, but the stored LegalPersonType is unknown.
    assert_clean(&r, "CompanyNumber");
    // …unless the body itself says BUSINESS.
    let r = categorize_legal(&with(&body, "LegalPersonType", json!("BUSINESS")));
    assert_only(&r, "CompanyNumber", C::Required);
    // The representative's names are stored; a local phone may use the stored country.
    assert_ok(&categorize_legal(&with(
        &body,
        "LegalRepresentative.PhoneNumber",
        json!("0611111111"),
    )));
    // Checked when sent.
    let r = categorize_legal(&with(&body, "LegalRepresentative.Email", json!("x@")));
    assert_only(&r, "LegalRepresentative.Email", C::InvalidFormat);
    let r = categorize_legal(&with(&body, "UserCategory", json!("PAYER")));
    assert_only(&r, "UserCategory", C::NotAllowed);
    let r = categorize_legal(&with(&body, "TermsAndConditionsAccepted", json!(false)));
    assert_only(&r, "TermsAndConditionsAccepted", C::MustBeTrue);
    let r = categorize_legal(&with(
        &body,
        "LegalRepresentative.CountryOfResidence",
        json!("IR"),
    ));
    assert_only(
        &r,
        "LegalRepresentative.CountryOfResidence",
        C::CountryBlocked,
    );
}

// ------------------------------------------------- validate the format of user data ----

#[test]
fn company_number_validation_needs_a_number_and_a_country() {
    let body = json!({"CompanyNumber": {"CompanyNumber": "AB123456", "CountryCode": "IT"}});
    assert_ok(&validate_the_format_of_user_data(&body));
    assert_ok(&validate_the_format_of_user_data(&with(
        &body,
        "CompanyNumber.CompanyNumber",
        json!("AB-123 456"),
    )));
    assert_only(
        &validate_the_format_of_user_data(&json!({})),
        "CompanyNumber",
        C::Required,
    );
    assert_only(
        &validate_the_format_of_user_data(&json!({"CompanyNumber": "AB123456"})),
        "CompanyNumber",
        C::InvalidType,
    );
    for field in ["CompanyNumber.CompanyNumber", "CompanyNumber.CountryCode"] {
        assert_only(
            &validate_the_format_of_user_data(&without(&body, field)),
            field,
            C::Required,
        );
    }
    let r =
        validate_the_format_of_user_data(&with(&body, "CompanyNumber.CountryCode", json!("ITA")));
    assert_only(&r, "CompanyNumber.CountryCode", C::InvalidCountry);
    assert_eq!(
        r.errors()["CompanyNumber.CountryCode"],
        "The requested value is not an ISO 3166-1 alpha-2 code which is expected."
    );
}

#[test]
fn reports_render_as_param_errors() {
    let r: Report = create_legal_sca(&json!({}));
    let body = r.to_param_error();
    assert_eq!(body["Type"], "param_error");
    let errors = body["errors"].as_object().unwrap();
    for field in [
        "Name",
        "LegalPersonType",
        "LegalRepresentative",
        "Email",
        "UserCategory",
    ] {
        assert!(errors.contains_key(field), "{field}: {errors:?}");
    }
}
