//! The one error every failed call turns into; the JS boundary makes it a `MangopayError`.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use crate::api::RequestError;
use crate::model::{parse_error_body, ErrorBody};
use crate::validate::{Issue, Report, PARAM_ERROR_MESSAGE};

use super::http::{HttpResponse, TransportError};

/// `type` of a client-side validation error (the API's own `param_error`).
pub const PARAM_ERROR: &str = "param_error";
/// `type` when no response was received.
pub const NETWORK_ERROR: &str = "network_error";
/// `type` when the call timed out.
pub const TIMEOUT: &str = "timeout";
/// `type` when the caller aborted the call.
pub const ABORTED: &str = "aborted";
/// `type` when a response could not be understood.
pub const INVALID_RESPONSE: &str = "invalid_response";
/// The API's `type` for a reused idempotency key.
pub const IDEMPOTENT_CREATION_CONFLICT: &str = "idempotent_creation_conflict";

/// A failed call, with everything `MangopayError` exposes (names as in JS, camelCase).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiError {
    /// The HTTP status, 0 when no response was received.
    pub status: u16,
    /// The API's `Type`, or one of the client's own types (`param_error`, `network_error`,
    /// `timeout`, `aborted`, `invalid_response`).
    #[serde(rename = "type")]
    pub error_type: String,
    /// A human-readable message.
    pub message: String,
    /// `{field: message}` for validation errors (client- or server-side), else `None`.
    pub errors: Option<BTreeMap<String, String>>,
    /// The client-side validation issues (empty for server errors).
    pub issues: Vec<Issue>,
    /// The API's error `Id`.
    pub id: Option<String>,
    /// The API's error `Date` in Unix seconds.
    pub date: Option<f64>,
    /// The SCA session URL of a 401 `WWW-Authenticate: PendingUserAction RedirectUrl=…`.
    pub redirect_url: Option<String>,
    /// True when trying again later may succeed (network, timeout, 429, 5xx).
    pub retryable: bool,
    /// The `Idempotency-Key` the request carried.
    pub idempotency_key: Option<String>,
    /// The KYC document created by a failed upload.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document_id: Option<String>,
    /// The pages a failed upload had already sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pages_sent: Option<u32>,
    /// For a 409 `idempotent_creation_conflict` whose replay did not give a 2xx original: the
    /// replay's status and body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replay: Option<Value>,
}

impl ApiError {
    /// An error with no response, of `error_type`.
    pub fn client(error_type: &str, message: impl Into<String>) -> Self {
        ApiError {
            error_type: error_type.to_owned(),
            message: message.into(),
            ..ApiError::default()
        }
    }

    /// A client-side `param_error` from a validation report, in the server's shape.
    pub fn from_report(report: Report) -> Self {
        let errors = report.errors();
        ApiError {
            error_type: PARAM_ERROR.to_owned(),
            message: PARAM_ERROR_MESSAGE.to_owned(),
            errors: Some(errors),
            issues: report.into_issues(),
            ..ApiError::default()
        }
    }

    /// A `param_error` with one message (a bad argument that is not a body field).
    pub fn invalid_argument(message: impl Into<String>) -> Self {
        ApiError::client(PARAM_ERROR, message)
    }

    /// An error for a transport failure.
    pub fn from_transport(error: &TransportError) -> Self {
        match error {
            TransportError::Network(message) => ApiError {
                retryable: true,
                ..ApiError::client(NETWORK_ERROR, message.clone())
            },
            TransportError::Timeout => ApiError {
                retryable: true,
                ..ApiError::client(TIMEOUT, "The request timed out.")
            },
            TransportError::Aborted => ApiError::client(ABORTED, "The request was aborted."),
        }
    }

    /// An error for a non-2xx response: the body's fields when it is a Mangopay or OAuth error
    /// body, the status otherwise; `redirectUrl` from `WWW-Authenticate` on a 401.
    pub fn from_response(response: &HttpResponse) -> Self {
        let status = response.status;
        let mut error = ApiError {
            status,
            retryable: status == 429 || status >= 500,
            ..ApiError::client(
                status_type(status),
                format!("The API answered HTTP {status}."),
            )
        };
        match parse_error_body(response.body.as_bytes()) {
            Some(ErrorBody::Api(body)) => {
                if let Some(t) = body.error_type.as_ref() {
                    error.error_type = t.as_str().to_owned();
                }
                if let Some(m) = body.message.clone() {
                    error.message = m;
                }
                error.id = body.id.clone();
                error.date = body.date.as_ref().and_then(serde_json::Number::as_f64);
                error.errors = body.errors;
            }
            Some(ErrorBody::OAuth(body)) => {
                if let Some(t) = body.error.clone() {
                    error.error_type = t;
                }
                if let Some(m) = body.error_description.or(body.error) {
                    error.message = m;
                }
            }
            None => {}
        }
        if status == 401 {
            error.redirect_url = response
                .header("WWW-Authenticate")
                .and_then(parse_pending_user_action);
        }
        error
    }

    /// Attaches the idempotency key the request carried.
    pub fn with_key(mut self, key: Option<&str>) -> Self {
        if self.idempotency_key.is_none() {
            self.idempotency_key = key.map(str::to_owned);
        }
        self
    }

    /// The error as JSON text (for the JS boundary).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| {
            r#"{"status":0,"type":"invalid_response","message":"unserializable error"}"#.to_owned()
        })
    }
}

impl From<RequestError> for ApiError {
    fn from(error: RequestError) -> Self {
        ApiError::invalid_argument(error.to_string())
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({}): {}", self.error_type, self.status, self.message)
    }
}

impl std::error::Error for ApiError {}

/// A type for a status whose body says nothing.
fn status_type(status: u16) -> &'static str {
    match status {
        400 => PARAM_ERROR,
        401 => "unauthorized",
        404 => "ressource_not_found",
        429 => "rate_limit",
        _ => "http_error",
    }
}

/// The `RedirectUrl` of `WWW-Authenticate: PendingUserAction RedirectUrl=<url>` (parameter name
/// matched ignoring ASCII case; the URL may be quoted).
pub fn parse_pending_user_action(header: &str) -> Option<String> {
    let lower = header.to_ascii_lowercase();
    let at = crate::search::find(&lower, "redirecturl=")? + "redirecturl=".len();
    let rest = header.get(at..)?.trim_start();
    let url = match rest.strip_prefix('"') {
        Some(quoted) => quoted.split('"').next().unwrap_or_default(),
        None => rest
            .split(|c: char| c == ',' || c.is_whitespace())
            .next()
            .unwrap_or_default(),
    };
    (!url.is_empty()).then(|| url.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(status: u16, body: &str) -> HttpResponse {
        HttpResponse {
            status,
            headers: Vec::new(),
            body: body.into(),
        }
    }

    #[test]
    fn reads_mangopay_error_bodies() {
        let e = ApiError::from_response(&response(
            400,
            r#"{"Message":"bad","Type":"param_error","Id":"abc","Date":1690291065.0,"errors":{"Email":"nope"}}"#,
        ));
        assert_eq!(e.status, 400);
        assert_eq!(e.error_type, "param_error");
        assert_eq!(e.message, "bad");
        assert_eq!(e.id.as_deref(), Some("abc"));
        assert_eq!(e.date, Some(1690291065.0));
        assert_eq!(
            e.errors
                .as_ref()
                .and_then(|m| m.get("Email"))
                .map(String::as_str),
            Some("nope")
        );
        assert!(!e.retryable);
    }

    #[test]
    fn reads_oauth_error_bodies_and_junk() {
        let e = ApiError::from_response(&response(
            401,
            r#"{"error":"invalid_client","error_description":"Bad key"}"#,
        ));
        assert_eq!(
            (e.error_type.as_str(), e.message.as_str()),
            ("invalid_client", "Bad key")
        );
        let e = ApiError::from_response(&response(503, "<html>"));
        assert_eq!(e.error_type, "http_error");
        assert!(e.retryable);
    }

    #[test]
    fn parses_the_sca_header_case_insensitively() {
        let url = "https://sca.example/session?token=a,b";
        assert_eq!(
            parse_pending_user_action(&format!("PendingUserAction RedirectUrl={url}")).as_deref(),
            Some("https://sca.example/session?token=a")
        );
        assert_eq!(
            parse_pending_user_action("PendingUserAction redirectUrl=\"https://x.example/?a=1\"")
                .as_deref(),
            Some("https://x.example/?a=1")
        );
        assert_eq!(parse_pending_user_action("Bearer"), None);
        let mut r = response(401, "");
        r.headers.push((
            "www-authenticate".into(),
            "PendingUserAction RedirectUrl=https://sca.example/s".into(),
        ));
        assert_eq!(
            ApiError::from_response(&r).redirect_url.as_deref(),
            Some("https://sca.example/s")
        );
    }
}
