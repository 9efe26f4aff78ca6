//! Bank account creation: `POST /users/{UserId}/bankaccounts/{iban|gb|us|ca|other}`.
//!
//! Sources (`Mangopay/docs`): `api-reference/bank-accounts/create-iban-bank-account.mdx`,
//! `create-gb-bank-account.mdx`, `create-us-bank-account.mdx`, `create-ca-bank-account.mdx`,
//! `create-other-bank-account.mdx`, their snippets (`OwnerName.mdx`, `OwnerAddress.mdx`,
//! `IBAN.mdx`, `BIC.mdx`, `BIC_required.mdx`, `AccountNumber4.mdx`, `Country2.mdx`) and the
//! rendered pages on docs.mangopay.com for the US and CA fields:
//!
//! | type | field | rule |
//! |---|---|---|
//! | all | OwnerName | required, ≤ 255 |
//! | all | OwnerAddress | required address (see [`super::user::address`]); no country restriction on it |
//! | all | Tag | ≤ 255 |
//! | IBAN | IBAN | required, ≤ 34; country code + check digits + BBAN, the registry length for its country, ISO 7064 mod-97 ("The value is not a valid IBAN") |
//! | IBAN | BIC | optional; server pattern `^[a-zA-Z]{6}\w{2}(\w{3})?$` |
//! | GB | AccountNumber | required, server pattern `\d{8}` |
//! | GB | SortCode | required, server pattern `\d{6}` |
//! | US | AccountNumber | required, digits only |
//! | US | ABA | required, 9 characters |
//! | US | DepositAccountType | CHECKING or SAVINGS |
//! | CA | AccountNumber | required, digits only, 7–35 |
//! | CA | InstitutionNumber | required, 3 digits (4 accepted: the Ruby SDK documents 3–4) |
//! | CA | BranchCode | required, 5 digits |
//! | CA | BankName | required, ≤ 50, letters and digits (spaces accepted: the docs' own example is "The Bank") |
//! | OTHER | AccountNumber | required, 5–35 letters and digits |
//! | OTHER | BIC | required; server pattern, or the 6-digit BSB the page asks for Australian accounts |
//! | OTHER | Country | required ISO 3166-1 alpha-2 |
//!
//! The server's `\d` and `\w` are Unicode-aware (.NET); digits and word characters are matched
//! at least as broadly here. IBANs are compared without spaces and ignoring case. The IBAN length
//! is checked only for countries in the SWIFT IBAN registry table below; other country codes get
//! the format and checksum checks only.

use super::checks::{check_length, with_root, Obj};
use super::country::Blocked;
use super::report::{IssueCode, Report};
use super::tape::Json;
use super::user::{self, Mode};

/// The type of a bank account, chosen by the endpoint (or by the body's `Type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BankAccountType {
    /// `IBAN`: countries that use IBAN (other than GB, US, CA accounts in local format).
    Iban,
    /// `GB`: United Kingdom account number and sort code.
    Gb,
    /// `US`: account number and ABA routing number.
    Us,
    /// `CA`: Canadian account, institution and branch numbers.
    Ca,
    /// `OTHER`: countries without IBAN.
    Other,
}

impl BankAccountType {
    const NAMES: &'static [&'static str] = &["IBAN", "GB", "US", "CA", "OTHER"];

    /// The wire value (`"IBAN"`, `"GB"`, `"US"`, `"CA"`, `"OTHER"`).
    pub fn as_str(self) -> &'static str {
        match self {
            BankAccountType::Iban => "IBAN",
            BankAccountType::Gb => "GB",
            BankAccountType::Us => "US",
            BankAccountType::Ca => "CA",
            BankAccountType::Other => "OTHER",
        }
    }

    /// Parses a wire value, ignoring ASCII case.
    pub fn parse(s: &str) -> Option<Self> {
        [
            BankAccountType::Iban,
            BankAccountType::Gb,
            BankAccountType::Us,
            BankAccountType::Ca,
            BankAccountType::Other,
        ]
        .into_iter()
        .find(|t| t.as_str().eq_ignore_ascii_case(s))
    }
}

/// The server's BIC pattern, quoted in its error message.
pub const BIC_PATTERN: &str = r"^[a-zA-Z]{6}\w{2}(\w{3})?$";

/// Validates a bank account body; the type comes from `forced` (the endpoint) or, if `None`,
/// from the body's required `Type`.
pub(crate) fn validate(body: Json<'_>, forced: Option<BankAccountType>) -> Report {
    with_root(body, |o, r| {
        let kind = match forced {
            Some(kind) => Some(kind),
            None => o
                .one_of(r, "Type", true, BankAccountType::NAMES)
                .and_then(BankAccountType::parse),
        };
        user::address(o, r, "OwnerAddress", true, Mode::Create, Blocked::Never);
        match kind {
            Some(BankAccountType::Iban) => iban(o, r),
            Some(BankAccountType::Gb) => gb(o, r),
            Some(BankAccountType::Us) => us(o, r),
            Some(BankAccountType::Ca) => ca(o, r),
            Some(BankAccountType::Other) => other(o, r),
            None => {}
        }
        o.text(r, "OwnerName", true, 0, 255);
        o.text(r, "Tag", false, 0, 255);
    })
}

fn iban(o: &Obj<'_>, r: &mut Report) {
    if let Some(value) = o.string(r, "IBAN", true) {
        let compact: String = value.chars().filter(|c| !c.is_whitespace()).collect();
        let path = o.path("IBAN");
        if compact.chars().count() > 34 {
            check_length(r, &path, &compact, 0, 34);
        } else if let Some(problem) = iban_problem(&compact) {
            let (code, detail) = match problem {
                IbanProblem::Format => (IssueCode::InvalidFormat, String::new()),
                IbanProblem::Length { country, expected } => (
                    IssueCode::InvalidFormat,
                    format!(" ({country} IBANs have {expected} characters)"),
                ),
                IbanProblem::Checksum => (
                    IssueCode::InvalidChecksum,
                    " (the check digits do not match)".to_owned(),
                ),
            };
            r.push(path, code, format!("The value is not a valid IBAN{detail}"));
        }
    }
    bic(o, r, false, false);
}

fn gb(o: &Obj<'_>, r: &mut Report) {
    digits_pattern(o, r, "AccountNumber", 8);
    digits_pattern(o, r, "SortCode", 6);
}

fn us(o: &Obj<'_>, r: &mut Report) {
    digits(o, r, "AccountNumber", 1, usize::MAX);
    if let Some(aba) = o.string(r, "ABA", true) {
        check_length(r, &o.path("ABA"), aba, 9, 9);
    }
    o.one_of(r, "DepositAccountType", false, &["CHECKING", "SAVINGS"]);
}

fn ca(o: &Obj<'_>, r: &mut Report) {
    digits(o, r, "AccountNumber", 7, 35);
    digits(o, r, "InstitutionNumber", 3, 4);
    digits(o, r, "BranchCode", 5, 5);
    if let Some(name) = o.text(r, "BankName", true, 0, 50) {
        if !name.chars().all(|c| c.is_alphanumeric() || c == ' ') {
            r.push(
                o.path("BankName"),
                IssueCode::InvalidFormat,
                "The BankName can contain letters and digits only.",
            );
        }
    }
}

fn other(o: &Obj<'_>, r: &mut Report) {
    if let Some(number) = o.text(r, "AccountNumber", true, 5, 35) {
        if !number.chars().all(char::is_alphanumeric) {
            r.push(
                o.path("AccountNumber"),
                IssueCode::InvalidFormat,
                "The AccountNumber can contain alphanumeric characters only.",
            );
        }
    }
    bic(o, r, true, true);
    o.country(r, "Country", true, Blocked::Never);
}

/// `BIC`, checked with the server's pattern; `allow_bsb` also accepts a 6-digit Australian BSB.
fn bic(o: &Obj<'_>, r: &mut Report, required: bool, allow_bsb: bool) {
    let Some(value) = o.string(r, "BIC", required) else {
        return;
    };
    if value.is_empty() {
        return;
    }
    let bsb = allow_bsb && value.chars().count() == 6 && value.chars().all(|c| c.is_numeric());
    if !bsb && !is_valid_bic(value) {
        let message = format!("The field BIC must match the regular expression '{BIC_PATTERN}'.");
        r.push(o.path("BIC"), IssueCode::InvalidFormat, message);
    }
}

/// A required field that must match the server's `\d{n}` (full match).
fn digits_pattern(o: &Obj<'_>, r: &mut Report, key: &str, n: usize) {
    if let Some(value) = o.string(r, key, true) {
        if value.chars().count() != n || !value.chars().all(char::is_numeric) {
            let message =
                format!("The field {key} must match the regular expression '\\d{{{n}}}'.");
            r.push(o.path(key), IssueCode::InvalidFormat, message);
        }
    }
}

/// A required field of digits only with a length range.
fn digits(o: &Obj<'_>, r: &mut Report, key: &str, min: usize, max: usize) {
    if let Some(value) = o.string(r, key, true) {
        if !value.chars().all(char::is_numeric) {
            let message = format!("The {key} must contain digits only.");
            r.push(o.path(key), IssueCode::InvalidFormat, message);
        } else {
            check_length(r, &o.path(key), value, min, max);
        }
    }
}

/// True when `bic` fully matches the server's pattern `^[a-zA-Z]{6}\w{2}(\w{3})?$` (`\w` read
/// at least as broadly as .NET's Unicode word class).
pub fn is_valid_bic(bic: &str) -> bool {
    let chars: Vec<char> = bic.chars().collect();
    (chars.len() == 8 || chars.len() == 11)
        && chars.iter().take(6).all(char::is_ascii_alphabetic)
        && chars.iter().skip(6).all(|&c| is_word_char(c))
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_'
    } else {
        !c.is_whitespace() && !c.is_control()
    }
}

/// IBAN lengths per country, sorted. Source: SWIFT IBAN Registry (the standard the docs'
/// `IBAN.mdx` refers to with "CCDDBBAN … up to 34 characters").
const IBAN_LENGTHS: &[(&str, usize)] = &[
    ("AD", 24),
    ("AE", 23),
    ("AL", 28),
    ("AT", 20),
    ("AZ", 28),
    ("BA", 20),
    ("BE", 16),
    ("BG", 22),
    ("BH", 22),
    ("BI", 27),
    ("BR", 29),
    ("BY", 28),
    ("CH", 21),
    ("CR", 22),
    ("CY", 28),
    ("CZ", 24),
    ("DE", 22),
    ("DJ", 27),
    ("DK", 18),
    ("DO", 28),
    ("EE", 20),
    ("EG", 29),
    ("ES", 24),
    ("FI", 18),
    ("FK", 18),
    ("FO", 18),
    ("FR", 27),
    ("GB", 22),
    ("GE", 22),
    ("GI", 23),
    ("GL", 18),
    ("GR", 27),
    ("GT", 28),
    ("HN", 28),
    ("HR", 21),
    ("HU", 28),
    ("IE", 22),
    ("IL", 23),
    ("IQ", 23),
    ("IS", 26),
    ("IT", 27),
    ("JO", 30),
    ("KW", 30),
    ("KZ", 20),
    ("LB", 28),
    ("LC", 32),
    ("LI", 21),
    ("LT", 20),
    ("LU", 20),
    ("LV", 21),
    ("LY", 25),
    ("MC", 27),
    ("MD", 24),
    ("ME", 22),
    ("MK", 19),
    ("MN", 20),
    ("MR", 27),
    ("MT", 31),
    ("MU", 30),
    ("NI", 28),
    ("NL", 18),
    ("NO", 15),
    ("OM", 23),
    ("PK", 24),
    ("PL", 28),
    ("PS", 29),
    ("PT", 25),
    ("QA", 29),
    ("RO", 24),
    ("RS", 22),
    ("RU", 33),
    ("SA", 24),
    ("SC", 31),
    ("SD", 18),
    ("SE", 24),
    ("SI", 19),
    ("SK", 24),
    ("SM", 27),
    ("SO", 23),
    ("ST", 25),
    ("SV", 28),
    ("TL", 23),
    ("TN", 24),
    ("TR", 26),
    ("UA", 29),
    ("VA", 22),
    ("VG", 24),
    ("XK", 20),
    ("YE", 30),
];

/// Why an IBAN is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum IbanProblem {
    /// Not `CC` letters + 2 check digits + 1–30 letters/digits.
    Format,
    /// The registry length for the country differs.
    Length {
        country: &'static str,
        expected: usize,
    },
    /// The ISO 7064 mod-97 check fails.
    Checksum,
}

/// Checks a compact IBAN (no spaces); ASCII case is ignored.
fn iban_problem(iban: &str) -> Option<IbanProblem> {
    let upper = iban.to_ascii_uppercase();
    let b = upper.as_bytes();
    let well_formed = (5..=34).contains(&b.len())
        && b.iter().all(u8::is_ascii_alphanumeric)
        && b.iter().take(2).all(u8::is_ascii_alphabetic)
        && b.iter().skip(2).take(2).all(u8::is_ascii_digit);
    if !well_formed {
        return Some(IbanProblem::Format);
    }
    let country = upper.get(..2).unwrap_or_default();
    if let Ok(i) = IBAN_LENGTHS.binary_search_by(|(c, _)| (*c).cmp(country)) {
        if let Some(&(code, expected)) = IBAN_LENGTHS.get(i) {
            if b.len() != expected {
                return Some(IbanProblem::Length {
                    country: code,
                    expected,
                });
            }
        }
    }
    // Move the first four characters to the end, read letters as 10..35, reduce mod 97.
    let rearranged = b.iter().skip(4).chain(b.iter().take(4));
    let mut rem = 0u32;
    for &c in rearranged {
        let v = if c.is_ascii_digit() {
            u32::from(c - b'0')
        } else {
            u32::from(c - b'A') + 10
        };
        rem = if v < 10 {
            (rem * 10 + v) % 97
        } else {
            (rem * 100 + v) % 97
        };
    }
    (rem != 1).then_some(IbanProblem::Checksum)
}

/// True when `iban` (spaces allowed, case ignored) is a valid IBAN: at most 34 characters, the
/// registry length for its country, and a correct mod-97 checksum.
pub fn is_valid_iban(iban: &str) -> bool {
    let compact: String = iban.chars().filter(|c| !c.is_whitespace()).collect();
    iban_problem(&compact).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_length_table_is_sorted() {
        assert!(IBAN_LENGTHS.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn checks_ibans() {
        for ok in [
            "FR7630004000031234567890143",
            "FR76 3000 4000 0312 3456 7890 143",
            "fr7630004000031234567890143",
            "DE89370400440532013000",
            "GB29NWBK60161331926819",
            "NL91ABNA0417164300",
            "BE68539007547034",
            "NO9386011117947",
            "MT84MALT011000012345MTLCAST001S",
            "LC55HEMM000100010012001200023015",
        ] {
            assert!(is_valid_iban(ok), "{ok}");
        }
        assert_eq!(
            iban_problem("FR7630004000031234567890144"),
            Some(IbanProblem::Checksum)
        );
        assert_eq!(
            iban_problem("FR763000400003123456789014"),
            Some(IbanProblem::Length {
                country: "FR",
                expected: 27
            })
        );
        assert_eq!(
            iban_problem("7630004000031234567890143"),
            Some(IbanProblem::Format)
        );
        assert_eq!(
            iban_problem("FRAB30004000031234567890143"),
            Some(IbanProblem::Format)
        );
        assert_eq!(iban_problem("FR76-3000"), Some(IbanProblem::Format));
        assert_eq!(iban_problem(""), Some(IbanProblem::Format));
        assert_eq!(iban_problem("FRÉ6"), Some(IbanProblem::Format));
    }

    #[test]
    fn checks_bics_with_the_server_pattern() {
        for ok in [
            "BNPAFRPP",
            "BNPAFRPPXXX",
            "bnpafrpp",
            "DEUTDEFF500",
            "ABCDEF__",
        ] {
            assert!(is_valid_bic(ok), "{ok}");
        }
        for bad in [
            "BNPAFRP",
            "BNPAFRPPX",
            "BNPAFRPPXXXX",
            "1NPAFRPP",
            "BNPA FRPP",
            "BNPAFR-P",
            "",
        ] {
            assert!(!is_valid_bic(bad), "{bad}");
        }
    }

    #[test]
    fn parses_types_ignoring_case() {
        assert_eq!(BankAccountType::parse("iban"), Some(BankAccountType::Iban));
        assert_eq!(
            BankAccountType::parse("OTHER"),
            Some(BankAccountType::Other)
        );
        assert_eq!(BankAccountType::parse("FR"), None);
    }
}
