//! Arbitrary JSON for property tests: objects reach deep into the API's field names and values,
//! with hostile strings (huge, non-ASCII, NUL) and extreme numbers mixed in.
#![allow(dead_code)]

use proptest::prelude::*;
use serde_json::{Map, Value};

/// Field names the validators and models read, so that generated objects reach deep into the rules.
const KEYS: &[&str] = &[
    "FirstName",
    "LastName",
    "Birthday",
    "Nationality",
    "CountryOfResidence",
    "Occupation",
    "IncomeRange",
    "Tag",
    "Email",
    "PhoneNumber",
    "PhoneNumberCountry",
    "Address",
    "AddressLine1",
    "AddressLine2",
    "City",
    "Region",
    "PostalCode",
    "Country",
    "TermsAndConditionsAccepted",
    "UserCategory",
    "ScaContext",
    "Name",
    "LegalPersonType",
    "LegalRepresentative",
    "CompanyNumber",
    "HeadquartersAddress",
    "LegalRepresentativeAddress",
    "LegalRepresentativeFirstName",
    "LegalRepresentativeLastName",
    "LegalRepresentativeEmail",
    "LegalRepresentativeBirthday",
    "LegalRepresentativeNationality",
    "LegalRepresentativeCountryOfResidence",
    "Type",
    "File",
    "IBAN",
    "BIC",
    "OwnerName",
    "OwnerAddress",
    "AccountNumber",
    "SortCode",
    "ABA",
    "DepositAccountType",
    "InstitutionNumber",
    "BranchCode",
    "BankName",
    "CountryCode",
    "page",
    "perPage",
    "sort",
    "Status",
    "BeforeDate",
    "AfterDate",
    "Active",
    "Nature",
    "ResultCode",
    "PaymentStatus",
];

/// Values that switch rules on (categories, types, countries, prefixes).
const WORDS: &[&str] = &[
    "",
    " ",
    "OWNER",
    "owner",
    "PAYER",
    "PLATFORM",
    "BUSINESS",
    "SOLETRADER",
    "FR",
    "fr",
    "US",
    "CA",
    "MX",
    "KP",
    "IR",
    "HK",
    "ZZ",
    "IBAN",
    "GB",
    "OTHER",
    "IDENTITY_PROOF",
    "ADDRESS_PROOF",
    "USER_PRESENT",
    "CreationDate:ASC",
    "data:image/png;base64,",
    "data:",
    "+33611111111",
    "0611111111",
    "a@b.co",
    "a@b",
    "FR7630004000031234567890143",
    "BNPAFRPP",
    "062000",
    "%PDF-1.7",
    "iVBORw0KGgo=",
    "é",
    "🦀",
    "\u{0}",
    "75004",
    "-1",
];

pub fn string_value() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(WORDS).prop_map(str::to_owned),
        3 => any::<String>(),
        1 => "\\PC{0,300}",
        1 => (0usize..40_000, prop::sample::select(&["a", "é", "🦀", " "][..]))
            .prop_map(|(n, s)| s.repeat(n)),
    ]
}

pub fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        5 => prop::sample::select(KEYS).prop_map(str::to_owned),
        1 => any::<String>(),
    ]
}

pub fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (-10i64..10).prop_map(Value::from),
        any::<f64>().prop_filter_map("finite", |f| serde_json::Number::from_f64(f)
            .map(Value::Number)),
        string_value().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 96, 12, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..12)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect::<Map<_, _>>())),
        ]
    })
}
