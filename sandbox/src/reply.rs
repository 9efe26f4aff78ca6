//! What a handler answers, independent of the HTTP library, and Mangopay's error bodies.

use std::collections::BTreeMap;

use mangopay_wasm::model::{ApiErrorBody, ApiErrorType};
use mangopay_wasm::validate::PARAM_ERROR_MESSAGE;
use serde::Serialize;

use crate::util::{now_unix, uuid};

/// The JSON media type Mangopay answers with.
pub const JSON: &str = "application/json; charset=utf-8";
/// The HTML media type of the SCA page.
pub const HTML: &str = "text/html; charset=utf-8";

/// An HTTP answer: status, extra headers, and a body with its media type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// The HTTP status code.
    pub status: u16,
    /// Headers besides `Content-Type` and `Content-Length`.
    pub headers: Vec<(String, String)>,
    /// The body (empty for 204 and redirects).
    pub body: Vec<u8>,
    /// The body's media type, if there is a body.
    pub content_type: Option<&'static str>,
}

impl Reply {
    /// A JSON answer from already-serialized bytes.
    pub fn json_bytes(status: u16, body: Vec<u8>) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body,
            content_type: Some(JSON),
        }
    }

    /// A JSON answer from any serializable value (a model type keeps its field order).
    pub fn json<T: Serialize>(status: u16, value: &T) -> Reply {
        match serde_json::to_vec(value) {
            Ok(body) => Reply::json_bytes(status, body),
            Err(e) => internal(&format!("could not serialize the response: {e}")),
        }
    }

    /// `204 No Content`.
    pub fn no_content() -> Reply {
        Reply {
            status: 204,
            headers: Vec::new(),
            body: Vec::new(),
            content_type: None,
        }
    }

    /// An HTML page.
    pub fn html(status: u16, page: String) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body: page.into_bytes(),
            content_type: Some(HTML),
        }
    }

    /// `303 See Other` to `location`.
    pub fn see_other(location: &str) -> Reply {
        Reply {
            status: 303,
            headers: vec![("Location".into(), location.to_owned())],
            body: Vec::new(),
            content_type: None,
        }
    }

    /// Adds a header.
    pub fn with_header(mut self, name: &str, value: impl Into<String>) -> Reply {
        self.headers.push((name.to_owned(), value.into()));
        self
    }
}

/// Mangopay's error body `{Message, Type, Id, Date, errors}` with a fresh `Id` and `Date`.
pub fn error_body(
    error_type: &str,
    message: &str,
    errors: Option<BTreeMap<String, String>>,
) -> ApiErrorBody {
    let now = now_unix();
    ApiErrorBody {
        message: Some(message.to_owned()),
        error_type: Some(ApiErrorType::from(error_type)),
        id: Some(format!("{}#{now}", uuid())),
        date: Some(now.into()),
        errors,
    }
}

/// An error answer in Mangopay's shape.
pub fn api_error(status: u16, error_type: &str, message: &str) -> Reply {
    Reply::json(status, &error_body(error_type, message, None))
}

/// An error answer in Mangopay's shape with an `errors` map.
pub fn api_error_with(
    status: u16,
    error_type: &str,
    message: &str,
    errors: BTreeMap<String, String>,
) -> Reply {
    Reply::json(status, &error_body(error_type, message, Some(errors)))
}

/// `400 param_error` with one message per field.
pub fn param_errors(errors: BTreeMap<String, String>) -> Reply {
    api_error_with(400, "param_error", PARAM_ERROR_MESSAGE, errors)
}

/// `400 param_error` for one field.
pub fn param_error(field: &str, message: &str) -> Reply {
    let mut errors = BTreeMap::new();
    errors.insert(field.to_owned(), message.to_owned());
    param_errors(errors)
}

/// `404 ressource_not_found` as Mangopay words it (its spelling, its trailing space).
pub fn not_found(resource: &str, id: &str) -> Reply {
    let mut errors = BTreeMap::new();
    errors.insert(
        "RessourceNotFound".to_owned(),
        format!("Cannot found the ressource {resource} with the id={id} "),
    );
    api_error_with(
        404,
        "ressource_not_found",
        "The ressource does not exist",
        errors,
    )
}

/// `500`: a bug in the sandbox, reported instead of panicking.
pub fn internal(detail: &str) -> Reply {
    let body = format!(
        "{{\"Message\":\"Internal sandbox error: {}\",\"Type\":\"internal_server_error\",\"Id\":null,\"Date\":{},\"errors\":null}}",
        detail.replace(['"', '\\'], "'"),
        now_unix()
    );
    Reply::json_bytes(500, body.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_have_mangopays_shape_and_field_order() {
        let r = param_error("Email", "The Email field is required.");
        let text = String::from_utf8(r.body).unwrap();
        assert!(text.starts_with("{\"Message\":\"One or several"), "{text}");
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["Type"], "param_error");
        assert_eq!(v["errors"]["Email"], "The Email field is required.");
        assert!(v["Id"].as_str().unwrap().contains('#'));
        assert!(v["Date"].as_i64().unwrap() > 1_600_000_000);

        let nf: serde_json::Value = serde_json::from_slice(&not_found("User", "42").body).unwrap();
        assert_eq!(nf["Type"], "ressource_not_found");
        assert_eq!(
            nf["errors"]["RessourceNotFound"],
            "Cannot found the ressource User with the id=42 "
        );
        let i: serde_json::Value = serde_json::from_slice(&internal("a \"b\"").body).unwrap();
        assert_eq!(i["Type"], "internal_server_error");
    }
}
