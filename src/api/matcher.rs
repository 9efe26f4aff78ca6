//! The matcher from `(method, raw path)` back to an [`Endpoint`]: the reference proxy's
//! allowlist and the sandbox's router. The rules are on [`match_route`].

use super::endpoint::Endpoint;
use super::params::{
    check_deep, check_id, check_idempotency_key, check_month, check_user_id, check_year, hex_value,
    percent_decode, render, segments, BankAccountType, ParamKind, Params, Problem, Seg,
};
use super::request::{encode_segment, Method, API_VERSION};

/// The longest raw path the matcher looks at, in bytes: 8 KiB, a common server limit. The
/// longest path a builder can produce is about 4.7 KB (a client, a user and a document ID of
/// 128 four-byte characters each, every byte encoded as `%XX`), so everything the builders
/// emit fits.
pub const MAX_PATH_LEN: usize = 8192;

/// Why a `(method, path)` was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum MatchError {
    /// The path is longer than [`MAX_PATH_LEN`] bytes.
    TooLong,
    /// A raw byte outside ASCII (send UTF-8 percent-encoded).
    NonAscii,
    /// A control character, raw or percent-encoded (`%00`, `%0A`, `%7F`…).
    ControlCharacter,
    /// A raw character that may not appear in a path (space, `"`, `<`, `>`, `` ` ``, `{`, `}`,
    /// `|`, `^`, `[`, `]`).
    InvalidCharacter,
    /// A `?` or `#` inside the path string: the query must be passed separately.
    QueryOrFragment,
    /// A raw `\` (URL parsers read it as `/`), or an encoded `/` or `\` (`%2F`, `%5C`, any case,
    /// also double-encoded inside a parameter).
    Separator,
    /// A `%` not followed by two hex digits, or escapes that do not decode to UTF-8.
    InvalidPercentEncoding,
    /// An empty segment (`//`), other than one trailing slash.
    EmptySegment,
    /// A `.` or `..` segment, raw or percent-encoded in any case (`%2e`, `.%2E`, `%252e%252e`).
    DotSegment,
    /// The path names an endpoint, but a parameter is refused (a reserved or over-long ID, a
    /// month 13, a malformed idempotency key…).
    InvalidParameter {
        /// The parameter's documented name (`UserId`, `Month`, `ClientId`…).
        name: &'static str,
        /// Why it was refused.
        reason: String,
    },
    /// No endpoint has this path (other resources, other API versions, unknown segments).
    NotFound,
    /// Endpoints have this path, but not with this method.
    MethodNotAllowed {
        /// The methods that are allowed on this path, in `GET`, `POST`, `PUT`, `DELETE` order.
        allowed: Vec<Method>,
    },
}

impl MatchError {
    /// The HTTP status a proxy or the sandbox should answer with: 404, 405, 414 (too long) or
    /// 400 (every malformed path).
    pub fn http_status(&self) -> u16 {
        match self {
            MatchError::NotFound => 404,
            MatchError::MethodNotAllowed { .. } => 405,
            MatchError::TooLong => 414,
            _ => 400,
        }
    }
}

impl std::fmt::Display for MatchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MatchError::TooLong => write!(f, "path longer than {MAX_PATH_LEN} bytes"),
            MatchError::NonAscii => f.write_str("raw non-ASCII byte in path"),
            MatchError::ControlCharacter => f.write_str("control character in path"),
            MatchError::InvalidCharacter => f.write_str("character not allowed in a path"),
            MatchError::QueryOrFragment => f.write_str("`?` or `#` inside the path"),
            MatchError::Separator => f.write_str("raw `\\` or encoded `/` or `\\` in path"),
            MatchError::InvalidPercentEncoding => f.write_str("invalid percent-encoding"),
            MatchError::EmptySegment => f.write_str("empty path segment"),
            MatchError::DotSegment => f.write_str("`.` or `..` path segment"),
            MatchError::InvalidParameter { name, reason } => write!(f, "invalid {name}: {reason}"),
            MatchError::NotFound => f.write_str("no such endpoint"),
            MatchError::MethodNotAllowed { allowed } => {
                let list: Vec<&str> = allowed.iter().map(|m| m.as_str()).collect();
                write!(f, "method not allowed; allowed: {}", list.join(", "))
            }
        }
    }
}

impl std::error::Error for MatchError {}

/// A recognized request: the endpoint and its decoded, checked parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteMatch {
    endpoint: Endpoint,
    client_id: Option<String>,
    params: Params,
}

impl RouteMatch {
    /// The endpoint.
    pub fn endpoint(&self) -> Endpoint {
        self.endpoint
    }

    /// The endpoint's method.
    pub fn method(&self) -> Method {
        self.endpoint.method()
    }

    /// The decoded `ClientId`; `None` for the OAuth token endpoint.
    pub fn client_id(&self) -> Option<&str> {
        self.client_id.as_deref()
    }

    /// The decoded `UserId`, if the path has one.
    pub fn user_id(&self) -> Option<&str> {
        self.params.user_id.as_deref()
    }

    /// The decoded `BankAccountId`, if the path has one.
    pub fn bank_account_id(&self) -> Option<&str> {
        self.params.bank_account_id.as_deref()
    }

    /// The decoded `KycDocumentId`, if the path has one.
    pub fn kyc_document_id(&self) -> Option<&str> {
        self.params.kyc_document_id.as_deref()
    }

    /// The `IdempotencyKey` of `GET /responses/{IdempotencyKey}`.
    pub fn idempotency_key(&self) -> Option<&str> {
        self.params.idempotency_key.as_deref()
    }

    /// The e-money year.
    pub fn year(&self) -> Option<u32> {
        self.params.year
    }

    /// The e-money month (1–12), when given.
    pub fn month(&self) -> Option<u32> {
        self.params.month
    }

    /// The bank account type of `create_bank_account`.
    pub fn bank_account_type(&self) -> Option<BankAccountType> {
        self.params.bank_account_type
    }

    /// The canonical path relative to `/v2.01/{ClientId}` (or `/v2.01` for OAuth), e.g.
    /// `/users/123/kyc/documents`: the docs' spelling, parameters re-encoded, no trailing slash.
    pub fn relative_path(&self) -> String {
        render(self.endpoint, &self.params)
    }

    /// The canonical absolute path a proxy forwards instead of the raw one, e.g.
    /// `/v2.01/my-client/users/123/kyc/documents`.
    pub fn canonical_path(&self) -> String {
        match &self.client_id {
            Some(client) => format!(
                "/{API_VERSION}/{}{}",
                encode_segment(client),
                self.relative_path()
            ),
            None => format!("/{API_VERSION}{}", self.relative_path()),
        }
    }
}

/// Matches a method and a raw, still percent-encoded path (beginning `/v2.01/`, query
/// excluded) to an endpoint; check the query separately with
/// [`parse_query`](super::parse_query).
///
/// Anything a URL parser, a CDN or the upstream server could read differently from us is
/// refused rather than normalized: dot segments (raw or encoded, any case), encoded `/` and `\`, raw `\`, empty
/// segments, bad escapes, raw control or non-ASCII bytes, `?` and `#`. What is accepted is
/// decoded, checked with the same rules as the builders, and re-encoded by
/// [`RouteMatch::canonical_path`], which is what a proxy forwards.
///
/// Literal segments match ignoring ASCII case (`/KYC/`, `/Regulatory`, `/blockstatus`), and a
/// single trailing slash is accepted (the Node SDK posts to `/users/{Id}/KYC/documents/`);
/// the canonical path uses the docs' spelling and has no trailing slash. When the same path
/// names two endpoints, literal segments win over parameters
/// (`GET /users/natural/wallets` is `get_natural` of user `wallets`), and the builders refuse
/// the user IDs `natural` and `legal`, so every path they build matches back to its endpoint.
///
/// A proxy using this as its allowlist still decides policy on top of it: that
/// [`RouteMatch::client_id`] is its own client, which endpoints it exposes at all (the OAuth
/// token endpoint, legacy endpoints, `close_*`…), and it forwards
/// [`RouteMatch::canonical_path`] and [`canonical_query`](super::canonical_query) rather than
/// what it received.
pub fn match_route(method: &str, path: &str) -> Result<RouteMatch, MatchError> {
    if path.len() > MAX_PATH_LEN {
        return Err(MatchError::TooLong);
    }
    scan(path)?;
    let rest = path.strip_prefix('/').ok_or(MatchError::NotFound)?;
    let mut raw: Vec<&str> = rest.split('/').collect();
    if raw.len() > 1 && raw.last() == Some(&"") {
        raw.pop();
    }
    if raw.iter().any(|s| s.is_empty()) {
        return Err(if rest.is_empty() {
            MatchError::NotFound
        } else {
            MatchError::EmptySegment
        });
    }
    let segs = raw
        .iter()
        .map(|s| decode_segment(s))
        .collect::<Result<Vec<_>, _>>()?;
    for seg in &segs {
        // Raw or encoded once (`%2e`), and hidden deeper (`%252e`) for double-decoding servers.
        check_deep(seg).map_err(|p| to_match_error("path", p))?;
    }
    let (version, segs) = segs.split_first().ok_or(MatchError::NotFound)?;
    if !version.eq_ignore_ascii_case(API_VERSION) {
        return Err(MatchError::NotFound);
    }

    let method = Method::parse(method);
    let mut allowed: Vec<Method> = Vec::new();
    let mut best: Option<Candidate> = None;
    for endpoint in Endpoint::ALL {
        let (client, rel) = if endpoint.client_scoped() {
            match segs.split_first() {
                Some((client, rel)) => (Some(client), rel),
                None => continue,
            }
        } else {
            (None, segs)
        };
        let Some((captures, specificity)) = match_template(endpoint, rel) else {
            continue;
        };
        if !allowed.contains(&endpoint.method()) {
            allowed.push(endpoint.method());
        }
        if method != Some(endpoint.method()) {
            continue;
        }
        if best.as_ref().is_none_or(|b| specificity > b.specificity) {
            best = Some(Candidate {
                endpoint,
                client: client.cloned(),
                captures,
                specificity,
            });
        }
    }
    let Some(best) = best else {
        if allowed.is_empty() {
            return Err(MatchError::NotFound);
        }
        allowed.sort_by_key(|m| method_rank(*m));
        return Err(MatchError::MethodNotAllowed { allowed });
    };
    best.check()
}

struct Candidate {
    endpoint: Endpoint,
    client: Option<String>,
    captures: Captures,
    specificity: Vec<bool>,
}

/// Parameters as captured from the path, before their checks.
#[derive(Default)]
struct Captures {
    user_id: Option<String>,
    bank_account_id: Option<String>,
    kyc_document_id: Option<String>,
    idempotency_key: Option<String>,
    year: Option<String>,
    month: Option<String>,
    bank_account_type: Option<BankAccountType>,
}

impl Candidate {
    fn check(self) -> Result<RouteMatch, MatchError> {
        let c = self.captures;
        if let Some(client) = &self.client {
            check_id(client).map_err(|p| to_match_error("ClientId", p))?;
        }
        let ids = [
            (&c.user_id, "UserId"),
            (&c.bank_account_id, "BankAccountId"),
            (&c.kyc_document_id, "KycDocumentId"),
        ];
        for (value, name) in ids {
            if let Some(value) = value {
                let checked = if name == "UserId" {
                    check_user_id(value)
                } else {
                    check_id(value)
                };
                checked.map_err(|p| to_match_error(name, p))?;
            }
        }
        if let Some(key) = &c.idempotency_key {
            check_idempotency_key(key).map_err(|p| to_match_error("IdempotencyKey", p))?;
        }
        let year = match &c.year {
            Some(y) => Some(parse_year(y).map_err(|p| to_match_error("Year", p))?),
            None => None,
        };
        let month = match &c.month {
            Some(m) => Some(parse_month(m).map_err(|p| to_match_error("Month", p))?),
            None => None,
        };
        Ok(RouteMatch {
            endpoint: self.endpoint,
            client_id: self.client,
            params: Params {
                user_id: c.user_id,
                bank_account_id: c.bank_account_id,
                kyc_document_id: c.kyc_document_id,
                idempotency_key: c.idempotency_key,
                year,
                month,
                bank_account_type: c.bank_account_type,
            },
        })
    }
}

/// Matches decoded segments against an endpoint's template; returns the captures and, per
/// segment, whether it was fixed (a literal or a bank account type) for tie-breaking.
fn match_template(endpoint: Endpoint, segs: &[String]) -> Option<(Captures, Vec<bool>)> {
    let mut it = segs.iter();
    let mut captures = Captures::default();
    let mut specificity = Vec::with_capacity(segs.len());
    for seg in segments(endpoint.path_template()) {
        match seg {
            Seg::Lit(lit) => {
                if !it.next()?.eq_ignore_ascii_case(lit) {
                    return None;
                }
                specificity.push(true);
            }
            Seg::Param { kind, optional } => {
                let Some(value) = it.next() else {
                    if optional {
                        continue;
                    }
                    return None;
                };
                let value = value.clone();
                match kind {
                    ParamKind::UserId => captures.user_id = Some(value),
                    ParamKind::BankAccountId => captures.bank_account_id = Some(value),
                    ParamKind::KycDocumentId => captures.kyc_document_id = Some(value),
                    ParamKind::IdempotencyKey => captures.idempotency_key = Some(value),
                    ParamKind::Year => captures.year = Some(value),
                    ParamKind::Month => captures.month = Some(value),
                    ParamKind::BankAccountType => {
                        captures.bank_account_type = Some(BankAccountType::parse(&value)?)
                    }
                }
                specificity.push(kind == ParamKind::BankAccountType);
            }
            Seg::Unknown => return None,
        }
    }
    if it.next().is_some() {
        return None;
    }
    if endpoint.client_scoped() {
        specificity.insert(0, false);
    }
    Some((captures, specificity))
}

/// Refuses, in one left-to-right pass, the first raw byte that has no business in a path.
fn scan(path: &str) -> Result<(), MatchError> {
    let bytes = path.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            0x80..=0xff => return Err(MatchError::NonAscii),
            0x00..=0x1f | 0x7f => return Err(MatchError::ControlCharacter),
            b'?' | b'#' => return Err(MatchError::QueryOrFragment),
            b'\\' => return Err(MatchError::Separator),
            b'%' => {
                let hi = bytes.get(i + 1).copied().and_then(hex_value);
                let lo = bytes.get(i + 2).copied().and_then(hex_value);
                let (Some(hi), Some(lo)) = (hi, lo) else {
                    return Err(MatchError::InvalidPercentEncoding);
                };
                if matches!(hi << 4 | lo, b'/' | b'\\') {
                    return Err(MatchError::Separator);
                }
                i += 3;
                continue;
            }
            b'/' => {}
            b if is_pchar(b) => {}
            _ => return Err(MatchError::InvalidCharacter),
        }
        i += 1;
    }
    Ok(())
}

/// RFC 3986 `pchar` minus `%`: unreserved, sub-delims, `:` and `@`.
fn is_pchar(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b'-' | b'.'
                | b'_'
                | b'~'
                | b'!'
                | b'$'
                | b'&'
                | b'\''
                | b'('
                | b')'
                | b'*'
                | b'+'
                | b','
                | b';'
                | b'='
                | b':'
                | b'@'
        )
}

fn decode_segment(raw: &str) -> Result<String, MatchError> {
    let bytes = percent_decode(raw).map_err(|_| MatchError::InvalidPercentEncoding)?;
    let text = String::from_utf8(bytes).map_err(|_| MatchError::InvalidPercentEncoding)?;
    if text.chars().any(char::is_control) {
        return Err(MatchError::ControlCharacter);
    }
    Ok(text)
}

fn parse_year(s: &str) -> Result<u32, Problem> {
    if s.len() != 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Problem::Format("must be a four-digit year"));
    }
    let year = s
        .parse()
        .map_err(|_| Problem::Format("must be a four-digit year"))?;
    check_year(year)?;
    Ok(year)
}

fn parse_month(s: &str) -> Result<u32, Problem> {
    if s.is_empty() || s.len() > 2 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Problem::Format("must be a month from 1 to 12"));
    }
    let month = s
        .parse()
        .map_err(|_| Problem::Format("must be a month from 1 to 12"))?;
    check_month(month)?;
    Ok(month)
}

fn to_match_error(name: &'static str, problem: Problem) -> MatchError {
    match problem {
        Problem::DotSegment => MatchError::DotSegment,
        Problem::Separator => MatchError::Separator,
        Problem::Control => MatchError::ControlCharacter,
        other => MatchError::InvalidParameter {
            name,
            reason: other.reason(),
        },
    }
}

fn method_rank(m: Method) -> u8 {
    match m {
        Method::Get => 0,
        Method::Post => 1,
        Method::Put => 2,
        Method::Delete => 3,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_win_over_parameters() {
        let m = match_route("GET", "/v2.01/c/users/natural/wallets").unwrap();
        assert_eq!(m.endpoint(), Endpoint::GetNatural);
        assert_eq!(m.user_id(), Some("wallets"));
        let m = match_route("GET", "/v2.01/c/users/123/wallets").unwrap();
        assert_eq!(m.endpoint(), Endpoint::GetWallets);
        let m = match_route("POST", "/v2.01/c/users/123/bankaccounts/IBAN").unwrap();
        assert_eq!(m.endpoint(), Endpoint::CreateBankAccount);
        assert_eq!(m.relative_path(), "/users/123/bankaccounts/iban");
        let m = match_route("GET", "/v2.01/c/users/123/bankaccounts/iban").unwrap();
        assert_eq!(m.endpoint(), Endpoint::GetBankAccount);
        assert_eq!(m.bank_account_id(), Some("iban"));
    }

    #[test]
    fn no_two_endpoints_tie_on_a_path() {
        // Every template with each parameter set to a value that is also a literal somewhere:
        // the winner must be unique (strictly most specific) for each method.
        let words = [
            "natural", "legal", "iban", "mandates", "wallets", "category", "x",
        ];
        for e in Endpoint::ALL {
            for w in words {
                let path: String = segments(e.path_template())
                    .map(|s| match s {
                        Seg::Lit(l) => format!("/{l}"),
                        Seg::Param { kind, .. } => match kind {
                            ParamKind::Year => "/2024".into(),
                            ParamKind::Month => "/05".into(),
                            ParamKind::BankAccountType => "/gb".into(),
                            ParamKind::IdempotencyKey => "/0123456789abcdef".into(),
                            _ => format!("/{w}"),
                        },
                        Seg::Unknown => String::new(),
                    })
                    .collect();
                let full = if e.client_scoped() {
                    format!("/v2.01/c{path}")
                } else {
                    format!("/v2.01{path}")
                };
                let rest: Vec<String> = full
                    .trim_start_matches('/')
                    .split('/')
                    .skip(1)
                    .map(str::to_owned)
                    .collect();
                let mut tops: Vec<(Vec<bool>, Endpoint)> = Vec::new();
                for other in Endpoint::ALL {
                    if other.method() != e.method() {
                        continue;
                    }
                    let rel: &[String] = if other.client_scoped() {
                        rest.get(1..).unwrap_or(&[])
                    } else {
                        &rest
                    };
                    if let Some((_, spec)) = match_template(other, rel) {
                        tops.push((spec, other));
                    }
                }
                tops.sort();
                let n = tops.len();
                if n > 1 {
                    assert_ne!(tops[n - 1].0, tops[n - 2].0, "tie on {full}: {tops:?}");
                }
            }
        }
    }

    #[test]
    fn statuses() {
        assert_eq!(MatchError::NotFound.http_status(), 404);
        assert_eq!(
            MatchError::MethodNotAllowed { allowed: vec![] }.http_status(),
            405
        );
        assert_eq!(MatchError::TooLong.http_status(), 414);
        assert_eq!(MatchError::DotSegment.http_status(), 400);
    }
}
