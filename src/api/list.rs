//! Pagination, sorting and filters of the list endpoints, built from [`ListOptions`] or parsed
//! from a raw query string (the proxy's query allowlist). Both go through the same checks.

use super::endpoint::Endpoint;
use super::params::percent_decode;
use super::request::{encode_component, RequestError};

/// The largest `per_page` the API accepts (docs, `p-query/per_page`).
pub const MAX_PER_PAGE: u32 = 100;

/// The longest filter value accepted (a comma-separated list of statuses fits easily).
const MAX_FILTER_VALUE_LEN: usize = 256;

/// The longest raw query string [`parse_query`] looks at.
pub const MAX_QUERY_LEN: usize = 2048;

/// The documented sort orders (`Sort=CreationDate:ASC|DESC`; docs, `p-query/Sort`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sort {
    /// `CreationDate:ASC`
    CreationDateAsc,
    /// `CreationDate:DESC`
    CreationDateDesc,
}

impl Sort {
    /// The value as sent (`"CreationDate:ASC"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Sort::CreationDateAsc => "CreationDate:ASC",
            Sort::CreationDateDesc => "CreationDate:DESC",
        }
    }

    /// Parses a `Sort` value, ignoring ASCII case.
    pub fn parse(s: &str) -> Option<Sort> {
        [Sort::CreationDateAsc, Sort::CreationDateDesc]
            .into_iter()
            .find(|v| v.as_str().eq_ignore_ascii_case(s))
    }
}

/// Pagination, sort and filters for a list endpoint.
///
/// Sent as `page`, `per_page`, `Sort`, then the filters in the given order. `page` starts at 1,
/// `per_page` is 1–100; filters must be among the endpoint's
/// [`allowed_filters`](Endpoint::allowed_filters) (names match ignoring ASCII case and are sent
/// in the docs' spelling), each at most once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListOptions {
    /// The page, from 1 (server default 1).
    pub page: Option<u32>,
    /// Items per page, 1–100 (server default 10).
    pub per_page: Option<u32>,
    /// The sort order.
    pub sort: Option<Sort>,
    /// Filters as `(name, value)`, e.g. `("Status", "CREATED,REFUSED")`.
    pub filters: Vec<(String, String)>,
}

impl ListOptions {
    /// No pagination, no sort, no filter: the server's defaults.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the page.
    pub fn page(mut self, page: u32) -> Self {
        self.page = Some(page);
        self
    }

    /// Sets the number of items per page.
    pub fn per_page(mut self, per_page: u32) -> Self {
        self.per_page = Some(per_page);
        self
    }

    /// Sets the sort order.
    pub fn sort(mut self, sort: Sort) -> Self {
        self.sort = Some(sort);
        self
    }

    /// Adds a filter.
    pub fn filter(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.filters.push((name.into(), value.into()));
        self
    }

    /// Checks these options against `endpoint` and returns the query in order, with names in
    /// the docs' spelling and values canonicalized (`Active=true`, `ScaContext=USER_PRESENT`).
    pub fn to_query(&self, endpoint: Endpoint) -> Result<Vec<(String, String)>, RequestError> {
        let mut query = Vec::new();
        if !endpoint.is_list() {
            let first = [
                self.page.map(|_| "page"),
                self.per_page.map(|_| "per_page"),
                self.sort.map(|_| "Sort"),
                self.filters.first().map(|(name, _)| name.as_str()),
            ]
            .into_iter()
            .flatten()
            .next();
            return match first {
                Some(name) => Err(unknown(endpoint, name)),
                None => Ok(query),
            };
        }
        if let Some(page) = self.page {
            check_page(page)?;
            query.push(("page".to_owned(), page.to_string()));
        }
        if let Some(per_page) = self.per_page {
            check_per_page(per_page)?;
            query.push(("per_page".to_owned(), per_page.to_string()));
        }
        if let Some(sort) = self.sort {
            query.push(("Sort".to_owned(), sort.as_str().to_owned()));
        }
        let mut seen: Vec<&'static str> = Vec::new();
        for (name, value) in &self.filters {
            let canonical = endpoint
                .allowed_filters()
                .iter()
                .copied()
                .find(|f| f.eq_ignore_ascii_case(name))
                .ok_or_else(|| unknown(endpoint, name))?;
            if seen.contains(&canonical) {
                return Err(invalid(canonical, "given more than once"));
            }
            seen.push(canonical);
            query.push((canonical.to_owned(), filter_value(canonical, value)?));
        }
        Ok(query)
    }
}

/// Parses and checks a raw query string (as received, still percent-encoded, with or without
/// the leading `?`) against what `endpoint` documents.
///
/// Accepts `page`, `per_page`, `Sort` and the endpoint's filters, names ignoring ASCII case;
/// refuses unknown names, any name given twice (in any case: servers may merge them), names
/// without `=`, empty pairs (`a=1&&b=2`), bad values and invalid percent-encoding. `+` is a
/// space. An endpoint that is not a list accepts only an empty query. Rebuild the query the
/// proxy forwards with [`ListOptions::to_query`] (or [`canonical_query`]) rather than passing the
/// raw one through.
pub fn parse_query(endpoint: Endpoint, raw: &str) -> Result<ListOptions, RequestError> {
    let raw = raw.strip_prefix('?').unwrap_or(raw);
    let mut options = ListOptions::new();
    if raw.is_empty() {
        return Ok(options);
    }
    if raw.len() > MAX_QUERY_LEN {
        return Err(invalid("query", "too long"));
    }
    let mut seen: Vec<String> = Vec::new();
    for pair in raw.split('&') {
        let (raw_name, raw_value) = pair
            .split_once('=')
            .ok_or_else(|| invalid(pair, "expected name=value"))?;
        let name = decode_component(raw_name).map_err(|why| invalid(raw_name, why))?;
        let value = decode_component(raw_value).map_err(|why| invalid(&name, why))?;
        if name.is_empty() {
            return Err(invalid("query", "empty parameter name"));
        }
        let key = name.to_ascii_lowercase();
        if seen.contains(&key) {
            return Err(invalid(&name, "given more than once"));
        }
        seen.push(key);
        if !endpoint.is_list() {
            return Err(unknown(endpoint, &name));
        }
        if name.eq_ignore_ascii_case("page") {
            let page = parse_number(&value).ok_or_else(|| invalid("page", "not a number"))?;
            options.page = Some(page);
        } else if name.eq_ignore_ascii_case("per_page") {
            let per_page =
                parse_number(&value).ok_or_else(|| invalid("per_page", "not a number"))?;
            options.per_page = Some(per_page);
        } else if name.eq_ignore_ascii_case("Sort") {
            let sort = Sort::parse(&value)
                .ok_or_else(|| invalid("Sort", "must be CreationDate:ASC or CreationDate:DESC"))?;
            options.sort = Some(sort);
        } else {
            options.filters.push((name, value));
        }
    }
    // Range and filter checks, in one place with the builders.
    options.to_query(endpoint)?;
    Ok(options)
}

/// [`parse_query`], then re-encodes the accepted query in canonical form (documented names,
/// canonical values, percent-encoded), ready to forward. Empty when there is no query.
pub fn canonical_query(endpoint: Endpoint, raw: &str) -> Result<String, RequestError> {
    let query = parse_query(endpoint, raw)?.to_query(endpoint)?;
    Ok(query
        .iter()
        .map(|(k, v)| format!("{}={}", encode_component(k), encode_component(v)))
        .collect::<Vec<_>>()
        .join("&"))
}

fn check_page(page: u32) -> Result<(), RequestError> {
    if page == 0 {
        return Err(invalid("page", "starts at 1"));
    }
    Ok(())
}

fn check_per_page(per_page: u32) -> Result<(), RequestError> {
    if !(1..=MAX_PER_PAGE).contains(&per_page) {
        return Err(invalid("per_page", "must be from 1 to 100"));
    }
    Ok(())
}

/// A decimal number of at most 9 digits (no sign, no spaces).
fn parse_number(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 9 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Checks a filter value by the filter's kind and returns its canonical form.
fn filter_value(name: &'static str, value: &str) -> Result<String, RequestError> {
    match name {
        "Active" => match value.to_ascii_lowercase().as_str() {
            v @ ("true" | "false") => Ok(v.to_owned()),
            _ => Err(invalid(name, "must be true or false")),
        },
        "ScaContext" => match value.to_ascii_uppercase().as_str() {
            v @ ("USER_PRESENT" | "USER_NOT_PRESENT") => Ok(v.to_owned()),
            _ => Err(invalid(name, "must be USER_PRESENT or USER_NOT_PRESENT")),
        },
        "BeforeDate" | "AfterDate" => {
            if !value.is_empty() && value.len() <= 12 && value.bytes().all(|b| b.is_ascii_digit()) {
                Ok(value.to_owned())
            } else {
                Err(invalid(name, "must be a Unix timestamp in seconds"))
            }
        }
        // Status, Type, Nature, ResultCode, PaymentStatus: one value or a comma-separated list.
        _ => {
            let ok = !value.is_empty()
                && value.len() <= MAX_FILTER_VALUE_LEN
                && value.split(',').all(|v| {
                    !v.is_empty() && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
                });
            if ok {
                Ok(value.to_owned())
            } else {
                Err(invalid(
                    name,
                    "must be values of letters, digits and `_`, separated by commas",
                ))
            }
        }
    }
}

/// Decodes one query component: `+` is a space, `%XX` a byte; the result must be UTF-8 without
/// control characters, and the raw text plain ASCII without `#`.
fn decode_component(raw: &str) -> Result<String, &'static str> {
    if !raw.is_ascii() || raw.bytes().any(|b| b.is_ascii_control() || b == b'#') {
        return Err("contains a raw control, non-ASCII or `#` character");
    }
    let plus_as_space = raw.replace('+', " ");
    let bytes = percent_decode(&plus_as_space).map_err(|_| "invalid percent-encoding")?;
    let text = String::from_utf8(bytes).map_err(|_| "percent-encoding is not UTF-8")?;
    if text.chars().any(char::is_control) {
        return Err("contains a control character");
    }
    Ok(text)
}

fn unknown(endpoint: Endpoint, name: &str) -> RequestError {
    RequestError::UnknownQueryParameter {
        endpoint,
        name: name.to_owned(),
    }
}

fn invalid(name: &str, reason: &str) -> RequestError {
    RequestError::InvalidQuery {
        name: name.to_owned(),
        reason: reason.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_in_order_with_canonical_names() {
        let q = ListOptions::new()
            .page(2)
            .per_page(100)
            .sort(Sort::CreationDateDesc)
            .filter("status", "CREATED,REFUSED")
            .filter("BeforeDate", "1700000000")
            .to_query(Endpoint::GetKycDocuments)
            .unwrap();
        let want: Vec<(String, String)> = [
            ("page", "2"),
            ("per_page", "100"),
            ("Sort", "CreationDate:DESC"),
            ("Status", "CREATED,REFUSED"),
            ("BeforeDate", "1700000000"),
        ]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        assert_eq!(q, want);
    }

    #[test]
    fn refuses_out_of_range_and_unknown() {
        let e = Endpoint::GetWallets;
        assert!(ListOptions::new().page(0).to_query(e).is_err());
        assert!(ListOptions::new().per_page(0).to_query(e).is_err());
        assert!(ListOptions::new().per_page(101).to_query(e).is_err());
        assert!(matches!(
            ListOptions::new().filter("Active", "true").to_query(e),
            Err(RequestError::UnknownQueryParameter { .. })
        ));
        assert!(ListOptions::new()
            .filter("ScaContext", "USER_PRESENT")
            .filter("scacontext", "USER_PRESENT")
            .to_query(e)
            .is_err());
        assert!(ListOptions::new()
            .page(1)
            .to_query(Endpoint::GetSca)
            .is_err());
        assert!(ListOptions::new()
            .to_query(Endpoint::GetSca)
            .unwrap()
            .is_empty());
    }

    #[test]
    fn checks_filter_values() {
        let e = Endpoint::GetTransactions;
        for (name, value) in [
            ("Status", "SUCCEEDED&x=1"),
            ("Status", ""),
            ("Status", "A,,B"),
            ("Type", "PAYIN OR 1"),
            ("BeforeDate", "-1"),
            ("AfterDate", "1e9"),
            ("ScaContext", "SOMETIMES"),
        ] {
            assert!(
                ListOptions::new().filter(name, value).to_query(e).is_err(),
                "{name}={value}"
            );
        }
        let q = ListOptions::new()
            .filter("scacontext", "user_present")
            .to_query(e)
            .unwrap();
        assert_eq!(q, vec![("ScaContext".into(), "USER_PRESENT".into())]);
        let q = ListOptions::new()
            .filter("Active", "TRUE")
            .to_query(Endpoint::GetCards)
            .unwrap();
        assert_eq!(q, vec![("Active".into(), "true".into())]);
    }

    #[test]
    fn parses_raw_queries() {
        let e = Endpoint::GetTransactions;
        let o = parse_query(
            e,
            "?page=3&PER_PAGE=20&Sort=creationdate%3Aasc&Status=SUCCEEDED%2CFAILED",
        )
        .unwrap();
        assert_eq!(o.page, Some(3));
        assert_eq!(o.per_page, Some(20));
        assert_eq!(o.sort, Some(Sort::CreationDateAsc));
        assert_eq!(
            canonical_query(e, "Status=SUCCEEDED,FAILED&page=3").unwrap(),
            "page=3&Status=SUCCEEDED%2CFAILED"
        );
        assert_eq!(canonical_query(e, "").unwrap(), "");
        assert_eq!(canonical_query(Endpoint::GetSca, "?").unwrap(), "");
        for bad in [
            "page=1&page=2",
            "page=1&Page=2",
            "Status=A&status=B",
            "page",
            "page=",
            "page=1&&per_page=2",
            "page=1&",
            "=1",
            "page=%zz",
            "page=%4",
            "page=1%00",
            "page=+1",
            "page=0",
            "per_page=101",
            "per_page=99999999999",
            "Sort=Id:ASC",
            "Active=true",
            "Status=A%26page%3D2",
            "Status=A;page=2",
            "Status=A#frag",
            "Status=\u{e9}",
            "Status=A%0d%0aX-Injected:1",
            "foo=bar",
        ] {
            assert!(parse_query(e, bad).is_err(), "{bad}");
        }
        assert!(matches!(
            parse_query(Endpoint::Get, "page=1"),
            Err(RequestError::UnknownQueryParameter { .. })
        ));
        assert!(matches!(
            parse_query(Endpoint::GetAll, "Status=CREATED"),
            Err(RequestError::UnknownQueryParameter { .. })
        ));
        assert!(parse_query(e, &"a".repeat(MAX_QUERY_LEN + 1)).is_err());
    }
}
