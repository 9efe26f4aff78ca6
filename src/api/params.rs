//! Path parameters: the rules every ID obeys, shared by the builders and the matcher so that
//! whatever one produces the other accepts, and the path templates rendered from them.

use super::endpoint::Endpoint;
use super::request::{encode_into, encode_segment, RequestError};

/// The longest ID the API returns (docs, `overview/data-formats`).
pub const MAX_ID_LEN: usize = 128;

/// How many times an ID is percent-decoded when looking for a hidden `.`/`..`, `/` or `\`.
const DECODE_DEPTH: usize = 4;

/// Why a parameter value was refused, before it is turned into a builder's or the matcher's
/// error type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Problem {
    Empty,
    TooLong,
    Control,
    DotSegment,
    Separator,
    Reserved,
    Format(&'static str),
}

impl Problem {
    pub(crate) fn reason(&self) -> String {
        match self {
            Problem::Empty => "must not be empty".into(),
            Problem::TooLong => format!("must be at most {MAX_ID_LEN} characters"),
            Problem::Control => "must not contain control characters".into(),
            Problem::DotSegment => {
                "must not be `.` or `..`, nor percent-decode to them (URL parsers collapse dot \
                 segments)"
                    .into()
            }
            Problem::Separator => {
                "must not contain `/` or `\\`, nor percent-decode to them (servers split or \
                 reject encoded separators)"
                    .into()
            }
            Problem::Reserved => {
                "must not be `natural` or `legal`: `/users/natural/…` would name another \
                 endpoint"
                    .into()
            }
            Problem::Format(why) => (*why).into(),
        }
    }

    pub(crate) fn into_error(self, name: &'static str) -> RequestError {
        RequestError::InvalidParameter {
            name,
            reason: self.reason(),
        }
    }
}

/// Checks one ID and percent-encodes it as a single path segment.
///
/// An ID must be non-empty, at most 128 characters, free of control characters, and neither it
/// nor any of its percent-decodings may be `.`/`..` or contain `/` or `\`: a literal ID
/// `%2e%2e` would be sent as `%252e%252e`, which a URL parser keeps, but a server or proxy that
/// decodes twice would see `..`. Mangopay IDs never contain `%`, `/` or `\`. Everything outside
/// RFC 3986 unreserved characters is then percent-encoded, so `?`, `#`, `%` and spaces stay
/// inside the segment.
pub fn path_param(name: &'static str, value: &str) -> Result<String, RequestError> {
    check_id(value).map_err(|p| p.into_error(name))?;
    Ok(encode_segment(value))
}

/// The ID rules of [`path_param`], without encoding.
pub(crate) fn check_id(value: &str) -> Result<(), Problem> {
    if value.is_empty() {
        return Err(Problem::Empty);
    }
    if value.chars().count() > MAX_ID_LEN {
        return Err(Problem::TooLong);
    }
    check_deep(value)
}

/// Checks a value and each of its successive percent-decodings for control characters, a dot
/// segment, `/` and `\`.
pub(crate) fn check_deep(value: &str) -> Result<(), Problem> {
    if !value.contains('%') {
        // Nothing to decode (every ID the API returns): one level, no copy.
        return check_level(value);
    }
    let mut level = value.to_owned();
    for _ in 0..=DECODE_DEPTH {
        check_level(&level)?;
        match percent_decode(&level)
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
        {
            Some(next) if next != level => level = next,
            _ => break,
        }
    }
    Ok(())
}

fn check_level(value: &str) -> Result<(), Problem> {
    if value.chars().any(char::is_control) {
        return Err(Problem::Control);
    }
    if value == "." || value == ".." {
        return Err(Problem::DotSegment);
    }
    if value.contains(['/', '\\']) {
        return Err(Problem::Separator);
    }
    Ok(())
}

/// A `UserId`: an ID that is also not one of the literal words that follow `/users/`.
pub(crate) fn check_user_id(value: &str) -> Result<(), Problem> {
    check_id(value)?;
    if value.eq_ignore_ascii_case("natural") || value.eq_ignore_ascii_case("legal") {
        return Err(Problem::Reserved);
    }
    Ok(())
}

/// An idempotency key: 16 to 36 characters among `A-Z`, `a-z`, `0-9` and `-` (docs,
/// `overview/idempotency`).
pub(crate) fn check_idempotency_key(value: &str) -> Result<(), Problem> {
    if !(16..=36).contains(&value.len()) {
        return Err(Problem::Format("must be 16 to 36 characters long"));
    }
    if !value
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        return Err(Problem::Format(
            "must contain only letters, digits and dashes",
        ));
    }
    Ok(())
}

/// A year: four digits, 1000–9999.
pub(crate) fn check_year(year: u32) -> Result<(), Problem> {
    if (1000..=9999).contains(&year) {
        Ok(())
    } else {
        Err(Problem::Format("must be a four-digit year"))
    }
}

/// A month: 1–12 (sent as two digits).
pub(crate) fn check_month(month: u32) -> Result<(), Problem> {
    if (1..=12).contains(&month) {
        Ok(())
    } else {
        Err(Problem::Format("must be a month from 1 to 12"))
    }
}

/// A percent-encoding that cannot be decoded: a `%` not followed by two hex digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct BadEscape;

/// Decodes `%XX` escapes (nothing else: `+` stays `+` in a path).
pub(crate) fn percent_decode(s: &str) -> Result<Vec<u8>, BadEscape> {
    let mut out = Vec::with_capacity(s.len());
    let mut bytes = s.bytes();
    while let Some(b) = bytes.next() {
        if b == b'%' {
            let hi = bytes.next().and_then(hex_value).ok_or(BadEscape)?;
            let lo = bytes.next().and_then(hex_value).ok_or(BadEscape)?;
            out.push(hi << 4 | lo);
        } else {
            out.push(b);
        }
    }
    Ok(out)
}

pub(crate) fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// The kind of a bank account, which names the path segment of its creation endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BankAccountType {
    /// `IBAN` → `/bankaccounts/iban`
    Iban,
    /// `GB` → `/bankaccounts/gb`
    Gb,
    /// `US` → `/bankaccounts/us`
    Us,
    /// `CA` → `/bankaccounts/ca`
    Ca,
    /// `OTHER` → `/bankaccounts/other`
    Other,
}

impl BankAccountType {
    /// Every bank account type.
    pub const ALL: [BankAccountType; 5] = [
        BankAccountType::Iban,
        BankAccountType::Gb,
        BankAccountType::Us,
        BankAccountType::Ca,
        BankAccountType::Other,
    ];

    /// The value of the body's `Type` field (`"IBAN"`, …).
    pub fn as_type(self) -> &'static str {
        match self {
            BankAccountType::Iban => "IBAN",
            BankAccountType::Gb => "GB",
            BankAccountType::Us => "US",
            BankAccountType::Ca => "CA",
            BankAccountType::Other => "OTHER",
        }
    }

    /// The path segment (`"iban"`, …).
    pub fn as_segment(self) -> &'static str {
        match self {
            BankAccountType::Iban => "iban",
            BankAccountType::Gb => "gb",
            BankAccountType::Us => "us",
            BankAccountType::Ca => "ca",
            BankAccountType::Other => "other",
        }
    }

    /// Parses a `Type` value or a path segment, ignoring ASCII case.
    pub fn parse(s: &str) -> Option<BankAccountType> {
        BankAccountType::ALL
            .into_iter()
            .find(|t| t.as_segment().eq_ignore_ascii_case(s))
    }
}

/// The parameters of a path, all checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Params {
    pub(crate) user_id: Option<String>,
    pub(crate) bank_account_id: Option<String>,
    pub(crate) kyc_document_id: Option<String>,
    pub(crate) idempotency_key: Option<String>,
    pub(crate) year: Option<u32>,
    pub(crate) month: Option<u32>,
    pub(crate) bank_account_type: Option<BankAccountType>,
}

/// A path parameter's kind, named as in the templates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ParamKind {
    UserId,
    BankAccountId,
    KycDocumentId,
    IdempotencyKey,
    Year,
    Month,
    BankAccountType,
}

impl ParamKind {
    fn parse(name: &str) -> Option<ParamKind> {
        Some(match name {
            "UserId" => ParamKind::UserId,
            "BankAccountId" => ParamKind::BankAccountId,
            "KycDocumentId" => ParamKind::KycDocumentId,
            "IdempotencyKey" => ParamKind::IdempotencyKey,
            "Year" => ParamKind::Year,
            "Month" => ParamKind::Month,
            "BankAccountType" => ParamKind::BankAccountType,
            _ => return None,
        })
    }
}

/// One segment of a path template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Seg {
    /// A literal, in the docs' spelling.
    Lit(&'static str),
    /// A parameter; `optional` only for a trailing `[/{Month}]`.
    Param { kind: ParamKind, optional: bool },
    /// A `{Name}` this module does not know: never matches (a test proves there is none).
    Unknown,
}

/// The segments of a template such as `/users/{UserId}/emoney/{Year}[/{Month}]`.
pub(crate) fn segments(template: &'static str) -> impl Iterator<Item = Seg> {
    let (main, optional) = match template
        .strip_suffix(']')
        .and_then(|t| crate::search::rsplit_once(t, "[/"))
    {
        Some((main, opt)) => (main, Some(opt)),
        None => (template, None),
    };
    let parse = |piece: &'static str, optional: bool| match piece
        .strip_prefix('{')
        .and_then(|p| p.strip_suffix('}'))
    {
        Some(name) => ParamKind::parse(name)
            .map(|kind| Seg::Param { kind, optional })
            .unwrap_or(Seg::Unknown),
        None => Seg::Lit(piece),
    };
    main.split('/')
        .skip(1)
        .map(move |p| parse(p, false))
        .chain(optional.map(move |p| parse(p, true)))
}

/// The path of `endpoint` with `params` substituted and percent-encoded (the docs' spelling).
/// The caller has checked every parameter; a missing optional one is left out.
pub(crate) fn render(endpoint: Endpoint, params: &Params) -> String {
    let template = endpoint.path_template();
    let mut out = String::with_capacity(template.len() + 32);
    for seg in segments(template) {
        let start = out.len();
        out.push('/');
        match seg {
            Seg::Lit(lit) => out.push_str(lit),
            Seg::Param { kind, .. } => match kind {
                ParamKind::UserId => enc(&mut out, &params.user_id),
                ParamKind::BankAccountId => enc(&mut out, &params.bank_account_id),
                ParamKind::KycDocumentId => enc(&mut out, &params.kyc_document_id),
                ParamKind::IdempotencyKey => enc(&mut out, &params.idempotency_key),
                ParamKind::Year => digits(&mut out, params.year, 4),
                ParamKind::Month => digits(&mut out, params.month, 2),
                ParamKind::BankAccountType => {
                    if let Some(t) = params.bank_account_type {
                        out.push_str(t.as_segment());
                    }
                }
            },
            Seg::Unknown => {}
        }
        if out.len() == start + 1 {
            out.truncate(start);
        }
    }
    out
}

fn enc(out: &mut String, value: &Option<String>) {
    if let Some(value) = value {
        encode_into(out, value);
    }
}

/// `n` in decimal, zero-padded to `width` digits.
fn digits(out: &mut String, n: Option<u32>, width: usize) {
    if let Some(n) = n {
        let text = n.to_string();
        for _ in text.len()..width {
            out.push('0');
        }
        out.push_str(&text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_is_well_formed() {
        for e in Endpoint::ALL {
            let t = e.path_template();
            assert!(t.starts_with('/'), "{t}");
            for seg in segments(t) {
                assert_ne!(seg, Seg::Unknown, "{t}");
                if let Seg::Lit(lit) = seg {
                    assert!(!lit.is_empty(), "{t}");
                    assert!(
                        lit.bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
                        "{t}"
                    );
                }
            }
        }
    }

    #[test]
    fn path_param_encodes_and_refuses() {
        assert_eq!(
            path_param("UserId", "user_m_01J-~.").unwrap(),
            "user_m_01J-~."
        );
        assert_eq!(path_param("UserId", "a b?c#d").unwrap(), "a%20b%3Fc%23d");
        assert_eq!(path_param("UserId", "100%").unwrap(), "100%25");
        assert_eq!(path_param("UserId", "%zz").unwrap(), "%25zz");
        assert_eq!(path_param("UserId", "é").unwrap(), "%C3%A9");
        assert_eq!(path_param("UserId", "...").unwrap(), "...");
        assert_eq!(path_param("UserId", &"a".repeat(128)).unwrap().len(), 128);
        for (bad, problem) in [
            ("", Problem::Empty),
            (".", Problem::DotSegment),
            ("..", Problem::DotSegment),
            ("%2e", Problem::DotSegment),
            ("%2E%2e", Problem::DotSegment),
            ("%252e%252E", Problem::DotSegment),
            (".%2e", Problem::DotSegment),
            ("a/b", Problem::Separator),
            ("a\\b", Problem::Separator),
            ("a%2Fb", Problem::Separator),
            ("a%5cb", Problem::Separator),
            ("a%252Fb", Problem::Separator),
            ("a\u{0}b", Problem::Control),
            ("a\nb", Problem::Control),
            ("a\u{7f}", Problem::Control),
            ("a\u{85}", Problem::Control),
            ("%0a", Problem::Control),
        ] {
            assert_eq!(check_id(bad), Err(problem), "{bad:?}");
            assert!(path_param("UserId", bad).is_err());
        }
        assert_eq!(check_id(&"a".repeat(129)), Err(Problem::TooLong));
        // 128 characters, more bytes: the limit counts characters.
        assert_eq!(check_id(&"é".repeat(128)), Ok(()));
        assert_eq!(check_user_id("NATURAL"), Err(Problem::Reserved));
        assert_eq!(check_user_id("legal"), Err(Problem::Reserved));
        assert_eq!(check_user_id("naturally"), Ok(()));
    }

    #[test]
    fn idempotency_keys_follow_the_docs() {
        assert!(check_idempotency_key("0123456789abcdef").is_ok());
        assert!(check_idempotency_key("8e2a7a6c-1d0b-4b5e-9a43-3f0e1c2d4b5a").is_ok());
        assert!(check_idempotency_key("0123456789abcde").is_err());
        assert!(check_idempotency_key(&"a".repeat(37)).is_err());
        assert!(check_idempotency_key("0123456789abcde_").is_err());
        assert!(check_idempotency_key("0123456789abcdé").is_err());
    }

    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(percent_decode("a%2fb%2F+").unwrap(), b"a/b/+");
        assert_eq!(percent_decode("%4"), Err(BadEscape));
        assert_eq!(percent_decode("%zz"), Err(BadEscape));
        assert_eq!(percent_decode("%"), Err(BadEscape));
    }

    #[test]
    fn renders_optional_month() {
        let mut p = Params {
            user_id: Some("u 1".into()),
            year: Some(2024),
            ..Params::default()
        };
        assert_eq!(render(Endpoint::GetEMoney, &p), "/users/u%201/emoney/2024");
        p.month = Some(3);
        assert_eq!(
            render(Endpoint::GetEMoney, &p),
            "/users/u%201/emoney/2024/03"
        );
    }
}
