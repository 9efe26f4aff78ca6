//! KYC documents (type allowed for the user) and KYC pages (file type, size, Base64).
//!
//! Sources (`Mangopay/docs`):
//! - `api-reference/kyc-documents/create-kyc-document.mdx` with `snippets/p-body/Type2.mdx`:
//!   `Type` is required, one of IDENTITY_PROOF, REGISTRATION_PROOF, ARTICLES_OF_ASSOCIATION,
//!   SHAREHOLDER_DECLARATION, ADDRESS_PROOF; `Tag` ≤ 255.
//! - The `param_error` examples of the same page (as summarised in
//!   `shared/reference/mangopay-api.md` §1.6): Natural users may only create IDENTITY_PROOF and
//!   ADDRESS_PROOF; Legal users never ADDRESS_PROOF; SOLETRADER never ARTICLES_OF_ASSOCIATION.
//! - `guides/users/verification/documents/submission.mdx` ("File constraints"): PDF, JPEG, JPG,
//!   PNG; Base64; identity proof at least 32KB, other types at least 1KB; at most "about 7MB
//!   (10MB when Base64 encoded)".
//! - `api-reference/kyc-documents/create-kyc-document-page.mdx`: `File` is Base64; errors
//!   "Invalid length for a Base-64 char array or string." and "The file is too small to be
//!   readable".
//!
//! Lenient readings (never stricter than the server): "KB" is read as 1,000 bytes (32,000 and
//! 1,000), the maximum as 10 MiB of Base64 (10,485,760 chars, i.e. 7,864,320 raw bytes), a PDF as
//! `%PDF-` anywhere in its first 1,024 bytes (as PDF readers accept), and whitespace inside Base64
//! is ignored (as .NET's `Convert.FromBase64String` ignores it).

use crate::encoding::STANDARD;

use super::checks::{shorten, with_root};
use super::report::{IssueCode, Report};
use super::tape::Json;
use super::user::{LegalPersonType, PersonType};

/// The KYC document types. Source: `snippets/p-body/Type2.mdx`.
pub const KYC_DOCUMENT_TYPES: &[&str] = &[
    "IDENTITY_PROOF",
    "REGISTRATION_PROOF",
    "ARTICLES_OF_ASSOCIATION",
    "SHAREHOLDER_DECLARATION",
    "ADDRESS_PROOF",
];

/// The smallest IDENTITY_PROOF page accepted, in bytes ("Minimum size: 32KB").
pub const KYC_MIN_IDENTITY_PROOF_BYTES: usize = 32_000;
/// The smallest page of any other document type, in bytes ("Minimum size: 1KB").
pub const KYC_MIN_OTHER_BYTES: usize = 1_000;
/// The longest Base64 page accepted, in characters ("10MB when Base64 encoded").
pub const KYC_MAX_BASE64_CHARS: usize = 10 * 1024 * 1024;
/// The largest raw page accepted, in bytes: what fits in [`KYC_MAX_BASE64_CHARS`] ("about 7MB").
pub const KYC_MAX_BYTES: usize = KYC_MAX_BASE64_CHARS / 4 * 3;

/// How many leading bytes are searched for a PDF header.
const SNIFF_LEN: usize = 1024;
const FILE: &str = "File";
const BASE64_CHARS_MESSAGE: &str = "The input is not a valid Base-64 string as it contains a non-base 64 character, more than two padding characters, or an illegal character among the padding characters.";
const BASE64_LENGTH_MESSAGE: &str = "Invalid length for a Base-64 char array or string.";

/// What a KYC document validator knows about the user the document is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KycUserContext {
    /// `NATURAL` or `LEGAL`.
    pub person_type: PersonType,
    /// For a legal user, its `LegalPersonType` if known.
    pub legal_person_type: Option<LegalPersonType>,
}

impl KycUserContext {
    /// A natural user.
    pub fn natural() -> Self {
        KycUserContext {
            person_type: PersonType::Natural,
            legal_person_type: None,
        }
    }

    /// A legal user of the given type, if known.
    pub fn legal(legal_person_type: Option<LegalPersonType>) -> Self {
        KycUserContext {
            person_type: PersonType::Legal,
            legal_person_type,
        }
    }

    /// From the wire values (`"NATURAL"`/`"LEGAL"`, `"SOLETRADER"`…); `None` if `person_type`
    /// is unknown. An unknown legal person type is treated as unknown (`None`).
    pub fn parse(person_type: &str, legal_person_type: Option<&str>) -> Option<Self> {
        match PersonType::parse(person_type)? {
            PersonType::Natural => Some(Self::natural()),
            PersonType::Legal => Some(Self::legal(
                legal_person_type.and_then(LegalPersonType::parse),
            )),
        }
    }

    /// True when this user may create a KYC document of `doc_type` (canonical spelling).
    pub fn allows(&self, doc_type: &str) -> bool {
        match self.person_type {
            PersonType::Natural => matches!(doc_type, "IDENTITY_PROOF" | "ADDRESS_PROOF"),
            PersonType::Legal => match doc_type {
                "ADDRESS_PROOF" => false,
                "ARTICLES_OF_ASSOCIATION" => {
                    self.legal_person_type != Some(LegalPersonType::Soletrader)
                }
                other => KYC_DOCUMENT_TYPES.contains(&other),
            },
        }
    }

    fn describe(&self) -> &'static str {
        match (self.person_type, self.legal_person_type) {
            (PersonType::Natural, _) => "a NATURAL user",
            (PersonType::Legal, Some(LegalPersonType::Soletrader)) => "a SOLETRADER legal user",
            (PersonType::Legal, _) => "a LEGAL user",
        }
    }
}

/// Validates a KYC document body (`{Type, Tag}`); without a user only the type list is checked.
pub(crate) fn document(body: Json<'_>, user: Option<&KycUserContext>) -> Report {
    with_root(body, |o, r| {
        let doc_type = o.one_of(r, "Type", true, KYC_DOCUMENT_TYPES);
        if let (Some(doc_type), Some(user)) = (doc_type, user) {
            if !user.allows(doc_type) {
                let message = format!(
                    "The document type {doc_type} is not allowed for {}.",
                    user.describe()
                );
                r.push(o.path("Type"), IssueCode::NotAllowed, message);
            }
        }
        o.text(r, "Tag", false, 0, 255);
    })
}

/// Validates a KYC page body as the API receives it (`{"File": "<base64>"}`), for a document
/// type that is not known here (so the 1 KB minimum applies). A `data:` prefix is refused: it
/// must never reach the API.
pub(crate) fn page_body(body: Json<'_>) -> Report {
    with_root(body, |o, r| {
        let Some(file) = o.string(r, FILE, true) else {
            return;
        };
        if starts_with_data_url(file) {
            r.push(
                o.path(FILE),
                IssueCode::InvalidFormat,
                "The File must be the Base64 content only, without a data: URL prefix.",
            );
            return;
        }
        check_base64_page(r, file, "");
    })
}

/// The file formats Mangopay accepts for KYC pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KycFileKind {
    /// `%PDF-`
    Pdf,
    /// `FF D8 FF`
    Jpeg,
    /// `89 50 4E 47 0D 0A 1A 0A`
    Png,
}

/// The format of a file judged by its first bytes, if it is one Mangopay accepts.
pub fn sniff_kyc_file(bytes: &[u8]) -> Option<KycFileKind> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(KycFileKind::Jpeg)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(KycFileKind::Png)
    } else if bytes
        .get(..bytes.len().min(SNIFF_LEN))
        .unwrap_or_default()
        .windows(5)
        .any(|w| w == b"%PDF-")
    {
        Some(KycFileKind::Pdf)
    } else {
        None
    }
}

/// The smallest page for `doc_type` (ASCII case ignored; unknown types get the general minimum).
pub fn kyc_min_bytes(doc_type: &str) -> usize {
    if doc_type.trim().eq_ignore_ascii_case("IDENTITY_PROOF") {
        KYC_MIN_IDENTITY_PROOF_BYTES
    } else {
        KYC_MIN_OTHER_BYTES
    }
}

/// Checks raw page bytes for a document of `doc_type`: size limits and PDF/JPEG/PNG content.
pub fn kyc_page(bytes: &[u8], doc_type: &str) -> Report {
    let mut r = Report::new();
    check_size(&mut r, bytes.len(), doc_type);
    check_kind(&mut r, bytes);
    r
}

/// Checks a Base64 page for a document of `doc_type` and returns the Base64 to send.
///
/// A `data:<mime>;base64,` prefix is stripped (any other `data:` prefix is refused), whitespace
/// is dropped, the Base64 alphabet, padding and length are checked as the server checks them,
/// and just enough is decoded to judge the file type; sizes come from the length. The returned
/// string never carries a `data:` prefix.
pub fn kyc_page_base64(input: &str, doc_type: &str) -> Result<String, Report> {
    let mut r = Report::new();
    let payload = match strip_data_url(input) {
        Ok(payload) => payload,
        Err(message) => {
            r.push(FILE, IssueCode::InvalidFormat, message);
            return Err(r);
        }
    };
    match check_base64_page(&mut r, payload, doc_type) {
        Some(clean) if r.is_ok() => Ok(clean),
        _ => Err(r),
    }
}

fn starts_with_data_url(s: &str) -> bool {
    s.trim_start()
        .get(..5)
        .is_some_and(|p| p.eq_ignore_ascii_case("data:"))
}

/// Removes a `data:…;base64,` prefix; refuses a `data:` prefix that is not Base64 or has no
/// comma. Input without a prefix is returned unchanged.
fn strip_data_url(input: &str) -> Result<&str, String> {
    if !starts_with_data_url(input) {
        return Ok(input);
    }
    let s = input.trim_start();
    let Some((header, payload)) = s.split_once(',') else {
        return Err(
            "The data: URL prefix is malformed (no comma); send the Base64 content only.".into(),
        );
    };
    let is_base64 = header
        .len()
        .checked_sub(7)
        .and_then(|at| header.get(at..))
        .is_some_and(|tail| tail.eq_ignore_ascii_case(";base64"));
    if is_base64 {
        Ok(payload)
    } else {
        Err(format!(
            "Only a Base64 data: URL can be sent (got '{}'); send the Base64 content only.",
            shorten(header)
        ))
    }
}

/// Validates Base64 (alphabet, padding, length), sizes and file type; returns the Base64 with
/// whitespace removed, or `None` if it is not valid Base64.
fn check_base64_page(r: &mut Report, payload: &str, doc_type: &str) -> Option<String> {
    let clean = clean_base64(payload).map_err(|m| r.push(FILE, IssueCode::InvalidFormat, m));
    let clean = clean.ok()?;
    if clean.is_empty() {
        r.push(FILE, IssueCode::Required, "The File field is required.");
        return None;
    }
    let padding = clean.bytes().rev().take_while(|&b| b == b'=').count();
    check_size(r, clean.len() / 4 * 3 - padding, doc_type);
    let head_chars = (SNIFF_LEN.div_ceil(3) * 4).min(clean.len());
    let head = decode(clean.get(..head_chars).unwrap_or_default().as_bytes());
    check_kind(r, &head);
    Some(clean)
}

fn check_size(r: &mut Report, len: usize, doc_type: &str) {
    let min = kyc_min_bytes(doc_type);
    if len < min {
        let message = format!(
            "The file is too small to be readable ({len} bytes; the minimum is {min} bytes{}).",
            if min == KYC_MIN_IDENTITY_PROOF_BYTES {
                " for an IDENTITY_PROOF"
            } else {
                ""
            }
        );
        r.push(FILE, IssueCode::FileTooSmall, message);
    } else if len > KYC_MAX_BYTES {
        let message = format!(
            "The file is too large ({len} bytes; the maximum is {KYC_MAX_BYTES} bytes, 10 MB when Base64 encoded)."
        );
        r.push(FILE, IssueCode::FileTooLarge, message);
    }
}

fn check_kind(r: &mut Report, head: &[u8]) {
    if sniff_kyc_file(head).is_none() {
        r.push(
            FILE,
            IssueCode::UnsupportedFileType,
            "The file must be a PDF, JPEG or PNG (judged by its content, not its name).",
        );
    }
}

fn sextet(b: u8) -> Option<u8> {
    STANDARD.sextet(b)
}

fn is_base64_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// Drops whitespace and checks the alphabet, the padding (at most two `=`, only at the end) and
/// the length (a multiple of 4), as `Convert.FromBase64String` does.
fn clean_base64(payload: &str) -> Result<String, &'static str> {
    let mut clean = String::with_capacity(payload.len());
    let mut padding = 0usize;
    for b in payload.bytes() {
        if is_base64_space(b) {
            continue;
        }
        if b == b'=' {
            padding += 1;
        } else if padding > 0 || sextet(b).is_none() {
            return Err(BASE64_CHARS_MESSAGE);
        }
        clean.push(char::from(b));
    }
    if padding > 2 {
        return Err(BASE64_CHARS_MESSAGE);
    }
    if clean.len() % 4 != 0 {
        return Err(BASE64_LENGTH_MESSAGE);
    }
    Ok(clean)
}

/// Decodes Base64 already checked by [`clean_base64`].
fn decode(b64: &[u8]) -> Vec<u8> {
    std::str::from_utf8(b64)
        .ok()
        .and_then(|text| STANDARD.decode(text))
        .unwrap_or_default()
}

/// Encodes bytes as standard padded Base64 (what the `File` of a KYC page carries).
pub fn base64_encode(bytes: &[u8]) -> String {
    STANDARD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_the_rfc_4648_vectors() {
        for (raw, b64) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64_encode(raw.as_bytes()), b64);
            assert_eq!(decode(b64.as_bytes()), raw.as_bytes());
        }
    }

    #[test]
    fn round_trips_every_byte() {
        let bytes: Vec<u8> = (0..=255).collect();
        assert_eq!(decode(base64_encode(&bytes).as_bytes()), bytes);
    }

    #[test]
    fn cleans_and_checks_base64_like_dotnet() {
        assert_eq!(clean_base64("Zm9v\r\nYmFy").as_deref(), Ok("Zm9vYmFy"));
        assert_eq!(clean_base64(" Zg= = ").as_deref(), Ok("Zg=="));
        assert_eq!(clean_base64("Zm9"), Err(BASE64_LENGTH_MESSAGE));
        assert_eq!(clean_base64("Zg=a"), Err(BASE64_CHARS_MESSAGE));
        assert_eq!(clean_base64("Z==="), Err(BASE64_CHARS_MESSAGE));
        assert_eq!(clean_base64("Zm9-"), Err(BASE64_CHARS_MESSAGE));
        assert_eq!(clean_base64("Zm9_"), Err(BASE64_CHARS_MESSAGE));
        assert_eq!(clean_base64("Zm9é"), Err(BASE64_CHARS_MESSAGE));
    }

    #[test]
    fn strips_only_base64_data_urls() {
        assert_eq!(strip_data_url("Zm9v"), Ok("Zm9v"));
        assert_eq!(strip_data_url("data:image/png;base64,Zm9v"), Ok("Zm9v"));
        assert_eq!(
            strip_data_url("DATA:application/pdf;BASE64,Zm9v"),
            Ok("Zm9v")
        );
        assert_eq!(
            strip_data_url("data:image/png;name=id.png;base64,Zm9v"),
            Ok("Zm9v")
        );
        assert!(strip_data_url("data:image/png,Zm9v").is_err());
        assert!(strip_data_url("data:image/png;base64").is_err());
        assert!(strip_data_url("data:").is_err());
    }

    #[test]
    fn min_size_depends_on_the_document_type() {
        assert_eq!(kyc_min_bytes("IDENTITY_PROOF"), 32_000);
        assert_eq!(kyc_min_bytes("identity_proof"), 32_000);
        assert_eq!(kyc_min_bytes("ADDRESS_PROOF"), 1_000);
        assert_eq!(kyc_min_bytes(""), 1_000);
        assert_eq!(KYC_MAX_BYTES, 7_864_320);
    }
}
