//! KYC document and KYC page validators.

mod validate_support;

use mangopay_wasm::validate::{
    base64_encode, create_kyc_document, kyc_page, kyc_page_base64, sniff_kyc_file, validate,
    IssueCode as C, KycFileKind, KycUserContext, LegalPersonType, PersonType, ValidatorKind,
    KYC_DOCUMENT_TYPES, KYC_MAX_BASE64_CHARS, KYC_MAX_BYTES, KYC_MIN_IDENTITY_PROOF_BYTES,
    KYC_MIN_OTHER_BYTES,
};
use serde_json::json;
use validate_support::*;

const PNG_MAGIC: &[u8] = b"\x89PNG\r\n\x1a\n";

/// A file of `len` bytes starting with `magic`.
fn file(magic: &[u8], len: usize) -> Vec<u8> {
    let mut bytes = magic.to_vec();
    bytes.resize(len.max(magic.len()), 0x42);
    bytes
}

fn pdf(len: usize) -> Vec<u8> {
    file(b"%PDF-1.7\n", len)
}

// ---------------------------------------------------------------------------- documents ----

#[test]
fn natural_users_may_send_identity_and_address_proofs_only() {
    let natural = KycUserContext::natural();
    for ok in ["IDENTITY_PROOF", "ADDRESS_PROOF", "identity_proof"] {
        assert_ok(&create_kyc_document(&json!({"Type": ok}), &natural));
    }
    for refused in [
        "REGISTRATION_PROOF",
        "ARTICLES_OF_ASSOCIATION",
        "SHAREHOLDER_DECLARATION",
    ] {
        let r = create_kyc_document(&json!({"Type": refused}), &natural);
        assert_only(&r, "Type", C::NotAllowed);
    }
}

#[test]
fn legal_users_may_not_send_address_proofs() {
    for lpt in [
        None,
        Some(LegalPersonType::Business),
        Some(LegalPersonType::Partnership),
        Some(LegalPersonType::Organization),
        Some(LegalPersonType::Soletrader),
    ] {
        let legal = KycUserContext::legal(lpt);
        let r = create_kyc_document(&json!({"Type": "ADDRESS_PROOF"}), &legal);
        assert_only(&r, "Type", C::NotAllowed);
        for ok in [
            "IDENTITY_PROOF",
            "REGISTRATION_PROOF",
            "SHAREHOLDER_DECLARATION",
        ] {
            assert_ok(&create_kyc_document(&json!({"Type": ok}), &legal));
        }
    }
}

#[test]
fn sole_traders_may_not_send_articles_of_association() {
    let body = json!({"Type": "ARTICLES_OF_ASSOCIATION"});
    let r = create_kyc_document(
        &body,
        &KycUserContext::legal(Some(LegalPersonType::Soletrader)),
    );
    assert_only(&r, "Type", C::NotAllowed);
    assert!(r.errors()["Type"].contains("SOLETRADER"));
    for lpt in [None, Some(LegalPersonType::Business)] {
        assert_ok(&create_kyc_document(&body, &KycUserContext::legal(lpt)));
    }
}

#[test]
fn document_type_is_required_and_enumerated_and_tag_is_short() {
    let natural = KycUserContext::natural();
    assert_only(
        &create_kyc_document(&json!({}), &natural),
        "Type",
        C::Required,
    );
    assert_only(
        &create_kyc_document(&json!({"Type": "PASSPORT"}), &natural),
        "Type",
        C::InvalidValue,
    );
    assert_only(
        &create_kyc_document(&json!({"Type": 1}), &natural),
        "Type",
        C::InvalidType,
    );
    let long_tag = json!({"Type": "IDENTITY_PROOF", "Tag": "t".repeat(256)});
    assert_only(&create_kyc_document(&long_tag, &natural), "Tag", C::TooLong);
    let accept = json!({"Type": "IDENTITY_PROOF", "Tag": "accept"});
    assert_ok(&create_kyc_document(&accept, &natural));
}

#[test]
fn contexts_parse_from_wire_values() {
    assert_eq!(
        KycUserContext::parse("natural", None),
        Some(KycUserContext::natural())
    );
    assert_eq!(
        KycUserContext::parse("LEGAL", Some("SOLETRADER")),
        Some(KycUserContext::legal(Some(LegalPersonType::Soletrader)))
    );
    assert_eq!(
        KycUserContext::parse("LEGAL", Some("???")),
        Some(KycUserContext::legal(None))
    );
    assert_eq!(KycUserContext::parse("ROBOT", None), None);
    assert_eq!(PersonType::parse("Legal"), Some(PersonType::Legal));
    assert_eq!(KYC_DOCUMENT_TYPES.len(), 5);
}

#[test]
fn the_dispatcher_checks_documents_without_a_user() {
    assert_ok(&validate(
        ValidatorKind::CreateKycDocument,
        &json!({"Type": "ADDRESS_PROOF"}),
    ));
    let r = validate(ValidatorKind::CreateKycDocument, &json!({"Type": "SELFIE"}));
    assert_only(&r, "Type", C::InvalidValue);
}

// -------------------------------------------------------------------------------- pages ----

#[test]
fn recognises_pdf_jpeg_and_png_by_content() {
    assert_eq!(sniff_kyc_file(&pdf(10)), Some(KycFileKind::Pdf));
    assert_eq!(
        sniff_kyc_file(b"\xFF\xD8\xFF\xE0rest"),
        Some(KycFileKind::Jpeg)
    );
    assert_eq!(sniff_kyc_file(PNG_MAGIC), Some(KycFileKind::Png));
    // A PDF header after some leading bytes (within the first 1,024) is still a PDF.
    let mut late = vec![b' '; 600];
    late.extend_from_slice(b"%PDF-1.4");
    assert_eq!(sniff_kyc_file(&late), Some(KycFileKind::Pdf));
    let mut too_late = vec![b' '; 1_100];
    too_late.extend_from_slice(b"%PDF-1.4");
    assert_eq!(sniff_kyc_file(&too_late), None);
    for other in [&b"GIF89a"[..], b"BM", b"II*\0", b"<html>", b"\x89PN", b""] {
        assert_eq!(sniff_kyc_file(other), None, "{other:?}");
    }
}

#[test]
fn page_sizes_depend_on_the_document_type() {
    assert_ok(&kyc_page(
        &pdf(KYC_MIN_IDENTITY_PROOF_BYTES),
        "IDENTITY_PROOF",
    ));
    let r = kyc_page(&pdf(KYC_MIN_IDENTITY_PROOF_BYTES - 1), "IDENTITY_PROOF");
    assert_only(&r, "File", C::FileTooSmall);
    assert!(r.errors()["File"].starts_with("The file is too small to be readable"));
    // 31,999 bytes is plenty for any other type.
    assert_ok(&kyc_page(
        &pdf(KYC_MIN_IDENTITY_PROOF_BYTES - 1),
        "ADDRESS_PROOF",
    ));
    assert_ok(&kyc_page(&pdf(KYC_MIN_OTHER_BYTES), "REGISTRATION_PROOF"));
    assert_only(
        &kyc_page(&pdf(KYC_MIN_OTHER_BYTES - 1), "REGISTRATION_PROOF"),
        "File",
        C::FileTooSmall,
    );
    assert_ok(&kyc_page(&pdf(KYC_MAX_BYTES), "IDENTITY_PROOF"));
    assert_only(
        &kyc_page(&pdf(KYC_MAX_BYTES + 1), "IDENTITY_PROOF"),
        "File",
        C::FileTooLarge,
    );
}

#[test]
fn pages_must_be_pdf_jpeg_or_png_whatever_their_name() {
    assert_ok(&kyc_page(&file(PNG_MAGIC, 40_000), "IDENTITY_PROOF"));
    assert_ok(&kyc_page(&file(b"\xFF\xD8\xFF", 40_000), "IDENTITY_PROOF"));
    let r = kyc_page(&file(b"GIF89a", 40_000), "IDENTITY_PROOF");
    assert_only(&r, "File", C::UnsupportedFileType);
    let empty = kyc_page(&[], "ADDRESS_PROOF");
    assert_has(&empty, "File", C::FileTooSmall);
    assert_has(&empty, "File", C::UnsupportedFileType);
}

#[test]
fn base64_pages_come_back_clean() {
    let bytes = file(PNG_MAGIC, 33_000);
    let b64 = base64_encode(&bytes);
    assert_eq!(kyc_page_base64(&b64, "IDENTITY_PROOF"), Ok(b64.clone()));
    // A data: URL prefix is stripped, never returned.
    for prefix in [
        "data:image/png;base64,",
        "DATA:image/png;BASE64,",
        "data:application/octet-stream;name=id.png;base64,",
        "  data:image/png;base64,",
    ] {
        let sent = kyc_page_base64(&format!("{prefix}{b64}"), "IDENTITY_PROOF");
        assert_eq!(sent.as_deref(), Ok(b64.as_str()), "{prefix}");
    }
    // Line breaks (MIME style) are dropped.
    let wrapped: String = b64
        .as_bytes()
        .chunks(76)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect::<Vec<_>>()
        .join("\r\n");
    assert_eq!(kyc_page_base64(&wrapped, "IDENTITY_PROOF"), Ok(b64));
}

#[test]
fn malformed_data_urls_are_refused() {
    let b64 = base64_encode(&pdf(2_000));
    for bad in [
        format!("data:application/pdf,{b64}"),
        format!("data:application/pdf;base64{b64}"),
        "data:".to_owned(),
    ] {
        let r = kyc_page_base64(&bad, "ADDRESS_PROOF").unwrap_err();
        assert_only(&r, "File", C::InvalidFormat);
    }
}

#[test]
fn base64_is_checked_as_the_server_checks_it() {
    let b64 = base64_encode(&pdf(2_000));
    let r = kyc_page_base64(&b64[1..], "ADDRESS_PROOF").unwrap_err();
    assert_only(&r, "File", C::InvalidFormat);
    assert_eq!(
        r.errors()["File"],
        "Invalid length for a Base-64 char array or string."
    );
    let urlsafe = b64.replace('+', "-").replace('/', "_");
    if urlsafe != b64 {
        let r = kyc_page_base64(&urlsafe, "ADDRESS_PROOF").unwrap_err();
        assert_only(&r, "File", C::InvalidFormat);
    }
    let r = kyc_page_base64("QUJD=QUJD", "ADDRESS_PROOF").unwrap_err();
    assert_only(&r, "File", C::InvalidFormat);
    let r = kyc_page_base64("", "ADDRESS_PROOF").unwrap_err();
    assert_only(&r, "File", C::Required);
    let r = kyc_page_base64("data:image/png;base64,", "ADDRESS_PROOF").unwrap_err();
    assert_only(&r, "File", C::Required);
}

#[test]
fn base64_pages_are_sized_from_their_length() {
    let small = base64_encode(&pdf(KYC_MIN_IDENTITY_PROOF_BYTES - 1));
    let r = kyc_page_base64(&small, "IDENTITY_PROOF").unwrap_err();
    assert_only(&r, "File", C::FileTooSmall);
    assert!(kyc_page_base64(&small, "ADDRESS_PROOF").is_ok());

    // The largest accepted page is exactly 10 MiB of Base64.
    let max = base64_encode(&pdf(KYC_MAX_BYTES));
    assert_eq!(max.len(), KYC_MAX_BASE64_CHARS);
    assert!(kyc_page_base64(&max, "IDENTITY_PROOF").is_ok());
    let over = base64_encode(&pdf(KYC_MAX_BYTES + 1));
    let r = kyc_page_base64(&over, "IDENTITY_PROOF").unwrap_err();
    assert_only(&r, "File", C::FileTooLarge);

    let gif = base64_encode(&file(b"GIF89a", 2_000));
    let r = kyc_page_base64(&gif, "ADDRESS_PROOF").unwrap_err();
    assert_only(&r, "File", C::UnsupportedFileType);
}

#[test]
fn the_dispatcher_checks_page_bodies_and_refuses_data_urls() {
    let b64 = base64_encode(&pdf(2_000));
    assert_ok(&validate(
        ValidatorKind::CreateKycPage,
        &json!({"File": b64}),
    ));
    let r = validate(
        ValidatorKind::CreateKycPage,
        &json!({"File": format!("data:application/pdf;base64,{b64}")}),
    );
    assert_only(&r, "File", C::InvalidFormat);
    assert_only(
        &validate(ValidatorKind::CreateKycPage, &json!({})),
        "File",
        C::Required,
    );
    assert_only(
        &validate(ValidatorKind::CreateKycPage, &json!({"File": 12})),
        "File",
        C::InvalidType,
    );
    let r = validate(ValidatorKind::CreateKycPage, &json!({"File": "Zm9v"}));
    assert_has(&r, "File", C::FileTooSmall);
}
