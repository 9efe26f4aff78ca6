//! HTTP pieces shared by the policy: Mangopay-shaped refusals, header lookup, CORS and the
//! response-header allowlist.

use serde_json::{json, Value};

use crate::crypto::hex;

/// A response the proxy writes itself (a refusal, the session endpoint, a preflight).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// The HTTP status.
    pub status: u16,
    /// Headers, names lowercase.
    pub headers: Vec<(String, String)>,
    /// The body (JSON, or empty).
    pub body: String,
}

impl Response {
    /// A JSON response that is never cached.
    pub fn json(status: u16, body: &Value) -> Response {
        Response {
            status,
            headers: vec![
                (
                    "content-type".into(),
                    "application/json; charset=utf-8".into(),
                ),
                ("cache-control".into(), "no-store".into()),
            ],
            body: body.to_string(),
        }
    }

    /// An error in Mangopay's shape: `{"Message", "Type", "Id", "Date", "errors"}`.
    pub fn error(status: u16, kind: &str, message: &str, id_seed: &[u8], now: u64) -> Response {
        Response::json(
            status,
            &json!({
                "Message": message,
                "Type": kind,
                "Id": format!("proxy-{}", hex(id_seed.get(..8).unwrap_or(id_seed))),
                "Date": now,
                "errors": Value::Null,
            }),
        )
    }
}

/// A header that must appear at most once appeared several times.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DuplicateHeader;

/// The value of header `name` (any case): `None` when absent, an error when repeated.
pub fn single<'h>(
    headers: &'h [(String, String)],
    name: &str,
) -> Result<Option<&'h str>, DuplicateHeader> {
    let mut found = None;
    for (n, v) in headers {
        if n.eq_ignore_ascii_case(name) {
            if found.is_some() {
                return Err(DuplicateHeader);
            }
            found = Some(v.as_str());
        }
    }
    Ok(found)
}

/// Request headers that ask a server to treat the request as another method; the proxy
/// refuses them rather than trusting that nothing downstream honours them.
pub const METHOD_OVERRIDE_HEADERS: &[&str] = &[
    "x-http-method-override",
    "x-http-method",
    "x-method-override",
];

/// Response headers a browser may read cross-origin.
pub const EXPOSED_HEADERS: &str = "WWW-Authenticate, x-number-of-pages, x-number-of-items, Link, X-RateLimit, X-RateLimit-Remaining, X-RateLimit-Reset, Retry-After";

/// Upstream response headers passed to the browser; everything else (cookies, server details,
/// hop-by-hop headers) is dropped.
pub const FORWARDED_RESPONSE_HEADERS: &[&str] = &[
    "content-type",
    "www-authenticate",
    "x-number-of-pages",
    "x-number-of-items",
    "link",
    "x-ratelimit",
    "x-ratelimit-remaining",
    "x-ratelimit-reset",
    "retry-after",
];

/// Keeps the upstream response headers a browser needs, rewriting `Link` URLs from the
/// upstream's base to the proxy's (`upstream_base` and `proxy_base` without trailing slash).
pub fn response_headers(
    upstream: &[(String, String)],
    upstream_base: &str,
    proxy_base: &str,
) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = upstream
        .iter()
        .filter(|(name, _)| {
            FORWARDED_RESPONSE_HEADERS
                .iter()
                .any(|a| a.eq_ignore_ascii_case(name))
        })
        .map(|(name, value)| {
            let name = name.to_ascii_lowercase();
            let value = if name == "link" && !upstream_base.is_empty() {
                value.replace(upstream_base, proxy_base)
            } else {
                value.clone()
            };
            (name, value)
        })
        .collect();
    out.push(("cache-control".into(), "no-store".into()));
    out
}

/// CORS headers for an allowed cross-origin `origin` (credentials included).
pub fn cors_headers(origin: &str) -> Vec<(String, String)> {
    vec![
        ("access-control-allow-origin".into(), origin.to_owned()),
        ("access-control-allow-credentials".into(), "true".into()),
        (
            "access-control-expose-headers".into(),
            EXPOSED_HEADERS.into(),
        ),
        ("vary".into(), "Origin".into()),
    ]
}

/// The headers of a successful preflight from an allowed `origin`.
pub fn preflight_headers(origin: &str) -> Vec<(String, String)> {
    let mut headers = cors_headers(origin);
    headers.push((
        "access-control-allow-methods".into(),
        "GET, POST, PUT, DELETE".into(),
    ));
    headers.push((
        "access-control-allow-headers".into(),
        "Content-Type, X-CSRF-Token, Idempotency-Key".into(),
    ));
    headers.push(("access-control-max-age".into(), "600".into()));
    headers
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn only_browser_relevant_response_headers_pass_and_links_point_at_the_proxy() {
        let out = response_headers(
            &h(&[
                ("Content-Type", "application/json"),
                ("Set-Cookie", "upstream=1"),
                ("Server", "sandbox"),
                ("Connection", "keep-alive"),
                ("X-RateLimit-Remaining", "10, 20"),
                (
                    "Link",
                    "<http://127.0.0.1:8790/v2.01/c/users/u/kyc/documents?page=2>; rel=next",
                ),
            ]),
            "http://127.0.0.1:8790",
            "https://app.example/api/mangopay",
        );
        let names: Vec<&str> = out.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "content-type",
                "x-ratelimit-remaining",
                "link",
                "cache-control"
            ]
        );
        assert_eq!(
            out[2].1,
            "<https://app.example/api/mangopay/v2.01/c/users/u/kyc/documents?page=2>; rel=next"
        );
    }

    #[test]
    fn duplicated_headers_are_detected() {
        let headers = h(&[("origin", "a"), ("Origin", "b"), ("x", "1")]);
        assert!(single(&headers, "origin").is_err());
        assert_eq!(single(&headers, "x"), Ok(Some("1")));
        assert_eq!(single(&headers, "y"), Ok(None));
    }

    #[test]
    fn errors_have_mangopay_shape() {
        let r = Response::error(403, "forbidden_ressource", "no", &[1, 2, 3], 7);
        let v: Value = serde_json::from_str(&r.body).unwrap();
        assert_eq!(v["Type"], "forbidden_ressource");
        assert_eq!(v["Message"], "no");
        assert_eq!(v["Date"], 7);
        assert_eq!(v["Id"], "proxy-010203");
        assert!(v["errors"].is_null());
    }
}
