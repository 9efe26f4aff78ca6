//! Property tests: arbitrary JSON, bytes and strings never make a validator panic, and the
//! hand-written matchers agree with the grammars they implement.

use mangopay_wasm::validate::{
    self, base64_encode, build_sca_redirect_url, idempotency_key, is_valid_bic, is_valid_email,
    is_valid_iban, kyc_page, kyc_page_base64, list_options, sca_return_url, sniff_kyc_file,
    IssueCode, KycUserContext, LegalPersonType, Report, ValidatorKind, EMAIL_PATTERN,
};
mod arb_json;

use arb_json::{json, key, string_value};
use proptest::prelude::*;
use serde_json::Value;

const MAGICS: &[&[u8]] = &[b"", b"%PDF-", b"\xFF\xD8\xFF", b"\x89PNG\r\n\x1a\n"];

/// Every issue has a known code and a message; the report renders to the server's shape.
fn check_report(report: &Report) {
    let body = report.to_param_error();
    assert_eq!(body["Type"], "param_error");
    assert_eq!(body["errors"].is_null(), report.is_ok());
    for issue in report.issues() {
        assert!(!issue.message.is_empty());
        assert!(!issue.code.as_str().is_empty());
    }
}

fn all_validators(body: &Value) -> Vec<Report> {
    let mut reports: Vec<Report> = ValidatorKind::ALL
        .iter()
        .map(|kind| validate::validate(*kind, body))
        .collect();
    for user in [
        KycUserContext::natural(),
        KycUserContext::legal(None),
        KycUserContext::legal(Some(LegalPersonType::Soletrader)),
    ] {
        reports.push(validate::create_kyc_document(body, &user));
    }
    reports.push(list_options(body));
    reports
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn no_validator_panics_on_arbitrary_json(body in json()) {
        for report in all_validators(&body) {
            check_report(&report);
        }
    }

    #[test]
    fn no_validator_panics_on_arbitrary_objects(
        pairs in prop::collection::vec((key(), json()), 0..30)
    ) {
        let body = Value::Object(pairs.into_iter().collect());
        for report in all_validators(&body) {
            check_report(&report);
        }
        // Deterministic.
        prop_assert_eq!(validate::create_legal_sca(&body), validate::create_legal_sca(&body));
    }

    #[test]
    fn kyc_page_never_panics(
        bytes in prop::collection::vec(any::<u8>(), 0..4_000),
        magic in prop::sample::select(MAGICS),
        doc_type in string_value(),
    ) {
        let mut file = magic.to_vec();
        file.extend_from_slice(&bytes);
        check_report(&kyc_page(&file, &doc_type));
        prop_assert_eq!(sniff_kyc_file(&file).is_some() || magic.is_empty(), true);
    }

    #[test]
    fn kyc_page_base64_never_panics_and_never_returns_a_prefix(
        input in string_value(),
        prefix in prop::sample::select(&["", "data:", "data:image/png;base64,", " DATA:x;BASE64,", "data:,"][..]),
        doc_type in string_value(),
    ) {
        let input = format!("{prefix}{input}");
        match kyc_page_base64(&input, &doc_type) {
            Ok(clean) => {
                prop_assert!(!clean.to_ascii_lowercase().contains("data:"));
                prop_assert_eq!(kyc_page_base64(&clean, &doc_type), Ok(clean.clone()));
            }
            Err(report) => {
                prop_assert!(!report.is_ok());
                check_report(&report);
            }
        }
    }

    #[test]
    fn encoded_pages_round_trip(
        body in prop::collection::vec(any::<u8>(), 1_000..3_000),
        prefix in prop::sample::select(&["", "data:image/png;base64,"][..]),
    ) {
        let mut file = b"\x89PNG\r\n\x1a\n".to_vec();
        file.extend_from_slice(&body);
        let encoded = base64_encode(&file);
        prop_assert_eq!(encoded.len(), file.len().div_ceil(3) * 4);
        prop_assert_eq!(kyc_page_base64(&format!("{prefix}{encoded}"), "ADDRESS_PROOF"), Ok(encoded));
    }

    #[test]
    fn string_validators_never_panic(a in string_value(), b in string_value()) {
        check_report(&idempotency_key(&a));
        check_report(&sca_return_url(&a, &b));
        if let Ok(url) = build_sca_redirect_url(&a, &b) {
            prop_assert!(url.chars().count() < 2000);
            prop_assert!(url.contains("returnUrl="));
        }
        let _ = (is_valid_email(&a), is_valid_iban(&a), is_valid_bic(&a));
    }

    #[test]
    fn every_string_of_the_email_grammar_is_accepted(
        email in proptest::string::string_regex(EMAIL_PATTERN).unwrap()
    ) {
        prop_assert!(is_valid_email(&email), "{email:?}");
    }

    #[test]
    fn emails_with_a_foreign_character_are_refused(
        email in proptest::string::string_regex(EMAIL_PATTERN).unwrap(),
        at in any::<prop::sample::Index>(),
        foreign in prop::sample::select(&[' ', '"', '(', ',', ';', '<', '\\', 'é', '\u{0}', '\n'][..]),
    ) {
        let mut chars: Vec<char> = email.chars().collect();
        chars.insert(at.index(chars.len() + 1), foreign);
        let mutated: String = chars.into_iter().collect();
        prop_assert!(!is_valid_email(&mutated), "{mutated:?}");
    }

    #[test]
    fn ibans_with_correct_check_digits_pass_and_single_digit_errors_fail(
        bban in "[0-9]{23}",
        at in 4usize..27,
        delta in 1u8..10,
    ) {
        let iban = with_check_digits("FR", &bban);
        prop_assert!(is_valid_iban(&iban), "{iban}");
        let mut bytes = iban.into_bytes();
        if let Some(b) = bytes.get_mut(at) {
            *b = b'0' + (*b - b'0' + delta) % 10;
        }
        let mutated = String::from_utf8(bytes).unwrap();
        prop_assert!(!is_valid_iban(&mutated), "{mutated}");
    }
}

/// Computes ISO 13616 check digits for `country` + `bban` (digits only).
fn with_check_digits(country: &str, bban: &str) -> String {
    let digits: String = format!("{bban}{country}00")
        .chars()
        .map(|c| {
            if c.is_ascii_digit() {
                c.to_string()
            } else {
                (c as u32 - 'A' as u32 + 10).to_string()
            }
        })
        .collect();
    let rem = digits
        .bytes()
        .fold(0u32, |acc, d| (acc * 10 + u32::from(d - b'0')) % 97);
    format!("{country}{:02}{bban}", 98 - rem)
}

#[test]
fn check_digit_helper_matches_a_known_iban() {
    assert_eq!(
        with_check_digits("FR", "30004000031234567890143"),
        "FR7630004000031234567890143"
    );
    assert!(!IssueCode::Required.as_str().is_empty());
}
