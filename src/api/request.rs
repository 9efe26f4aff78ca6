//! The request descriptor every endpoint function returns.

use serde_json::Value;

use super::endpoint::Endpoint;

/// The API version prefix of every path.
pub const API_VERSION: &str = "v2.01";

/// An HTTP method used by the Users API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `DELETE`
    Delete,
}

impl Method {
    /// The method as sent on the wire (`"GET"`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }

    /// Parses a method name, ignoring ASCII case.
    pub fn parse(name: &str) -> Option<Self> {
        [Method::Get, Method::Post, Method::Put, Method::Delete]
            .into_iter()
            .find(|m| m.as_str().eq_ignore_ascii_case(name))
    }
}

impl std::fmt::Display for Method {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A fully described API call, ready for a transport to execute.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// The endpoint this request calls; its metadata (name, `is_legacy`, …) is on [`Endpoint`].
    pub endpoint: Endpoint,
    /// The HTTP method.
    pub method: Method,
    /// The path, already percent-encoded. Relative to `/v2.01/{ClientId}` (e.g.
    /// `/sca/users/natural`) unless [`Request::client_scoped`] is false, in which case it is
    /// relative to `/v2.01` (e.g. `/oauth/token`).
    pub path: String,
    /// Query parameters in order, not yet encoded.
    pub query: Vec<(String, String)>,
    /// The body, if the endpoint takes one: JSON for every endpoint but `POST /oauth/token`,
    /// which is form-encoded (see [`Body`]).
    pub body: Option<Body>,
    /// True when the call may carry an `Idempotency-Key` (every POST) and so may be retried and
    /// replayed through `GET /responses/{key}`.
    pub idempotent: bool,
    /// True when the path lives under `/v2.01/{ClientId}`; false for `/v2.01/oauth/token`.
    pub client_scoped: bool,
}

impl Request {
    /// The absolute path of this request for the given client, e.g.
    /// `/v2.01/my-client/sca/users/natural`. The client id is percent-encoded.
    pub fn url_path(&self, client_id: &str) -> String {
        if self.client_scoped {
            format!("/{API_VERSION}/{}{}", encode_segment(client_id), self.path)
        } else {
            format!("/{API_VERSION}{}", self.path)
        }
    }

    /// Like [`Request::url_path`], but refuses a client id that could not be a path segment
    /// (same rules as every other ID, see [`path_param`](super::path_param)).
    pub fn try_url_path(&self, client_id: &str) -> Result<String, RequestError> {
        if self.client_scoped {
            super::params::path_param("ClientId", client_id)?;
        }
        Ok(self.url_path(client_id))
    }

    /// The JSON body, if the body is JSON.
    pub fn json_body(&self) -> Option<&Value> {
        match &self.body {
            Some(Body::Json(value)) => Some(value),
            _ => None,
        }
    }

    /// The encoded query string without the leading `?`, or an empty string.
    pub fn query_string(&self) -> String {
        self.query
            .iter()
            .map(|(k, v)| format!("{}={}", encode_component(k), encode_component(v)))
            .collect::<Vec<_>>()
            .join("&")
    }
}

/// A request body.
///
/// Every Users API endpoint takes JSON, except the OAuth token endpoint, which takes an
/// `application/x-www-form-urlencoded` form. A transport sends [`Body::content_type`] and
/// [`Body::encode`].
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// A JSON document (always an object for this API).
    Json(Value),
    /// Form fields in order, not yet encoded.
    Form(Vec<(String, String)>),
}

impl Body {
    /// The `Content-Type` header value for this body.
    pub fn content_type(&self) -> &'static str {
        match self {
            Body::Json(_) => "application/json",
            Body::Form(_) => "application/x-www-form-urlencoded",
        }
    }

    /// The body as sent on the wire: compact JSON, or `key=value&…` with both sides
    /// percent-encoded.
    pub fn encode(&self) -> String {
        match self {
            Body::Json(value) => value.to_string(),
            Body::Form(fields) => fields
                .iter()
                .map(|(k, v)| format!("{}={}", encode_component(k), encode_component(v)))
                .collect::<Vec<_>>()
                .join("&"),
        }
    }
}

/// Why a request could not be built (or, for [`parse_query`](super::parse_query), accepted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequestError {
    /// A path parameter (an ID, a year…) is not acceptable.
    InvalidParameter {
        /// The parameter's name as the API documents it (`UserId`, `KycDocumentId`, …).
        name: &'static str,
        /// Why it was refused.
        reason: String,
    },
    /// A query parameter the endpoint does not document (a filter it does not take, or any
    /// query at all on an endpoint that is not a list).
    UnknownQueryParameter {
        /// The endpoint that was asked.
        endpoint: Endpoint,
        /// The parameter's name as given.
        name: String,
    },
    /// A documented query parameter with a bad value (`page=0`, `per_page=500`, `Sort=Id:ASC`,
    /// `Active=maybe`…), given twice, or a query string that is not well formed.
    InvalidQuery {
        /// The parameter's name (documented spelling when known, else as given).
        name: String,
        /// Why it was refused.
        reason: String,
    },
    /// The body cannot be sent: not a JSON object, not serializable, or missing what the path
    /// depends on (a bank account's `Type`).
    InvalidBody {
        /// Why it was refused.
        reason: String,
    },
}

impl std::fmt::Display for RequestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RequestError::InvalidParameter { name, reason } => {
                write!(f, "invalid {name}: {reason}")
            }
            RequestError::UnknownQueryParameter { endpoint, name } => {
                write!(
                    f,
                    "{} does not take the query parameter {name:?}",
                    endpoint.name()
                )
            }
            RequestError::InvalidQuery { name, reason } => {
                write!(f, "invalid query parameter {name}: {reason}")
            }
            RequestError::InvalidBody { reason } => write!(f, "invalid body: {reason}"),
        }
    }
}

impl std::error::Error for RequestError {}

/// Percent-encodes a path segment: everything but RFC 3986 unreserved characters.
pub fn encode_segment(s: &str) -> String {
    encode_component(s)
}

/// Percent-encodes a query component: everything but RFC 3986 unreserved characters.
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    encode_into(&mut out, s);
    out
}

/// Appends `s` percent-encoded as by [`encode_component`].
pub(crate) fn encode_into(out: &mut String, s: &str) {
    out.reserve(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(hex_digit(b >> 4));
            out.push(hex_digit(b & 0x0f));
        }
    }
}

fn hex_digit(n: u8) -> char {
    char::from(if n < 10 { b'0' + n } else { b'A' + n - 10 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_everything_outside_unreserved() {
        assert_eq!(
            encode_component("a/b?c#d%2F é"),
            "a%2Fb%3Fc%23d%252F%20%C3%A9"
        );
        assert_eq!(encode_component("user_m_01J-~."), "user_m_01J-~.");
    }

    #[test]
    fn builds_client_scoped_and_root_paths() {
        let mut req = Request {
            endpoint: Endpoint::Get,
            method: Method::Get,
            path: "/users/123".into(),
            query: vec![
                ("page".into(), "2".into()),
                ("Sort".into(), "CreationDate:DESC".into()),
            ],
            body: None,
            idempotent: false,
            client_scoped: true,
        };
        assert_eq!(req.url_path("my client"), "/v2.01/my%20client/users/123");
        assert_eq!(req.query_string(), "page=2&Sort=CreationDate%3ADESC");
        req.client_scoped = false;
        req.path = "/oauth/token".into();
        assert_eq!(req.url_path("ignored"), "/v2.01/oauth/token");
    }

    #[test]
    fn encodes_bodies() {
        let form = Body::Form(vec![("grant_type".into(), "client_credentials".into())]);
        assert_eq!(form.encode(), "grant_type=client_credentials");
        assert_eq!(form.content_type(), "application/x-www-form-urlencoded");
        let json = Body::Json(serde_json::json!({"File": "a+b/c="}));
        assert_eq!(json.encode(), r#"{"File":"a+b/c="}"#);
        assert_eq!(json.content_type(), "application/json");
    }

    #[test]
    fn parses_methods_case_insensitively() {
        assert_eq!(Method::parse("delete"), Some(Method::Delete));
        assert_eq!(Method::parse("PATCH"), None);
    }
}
