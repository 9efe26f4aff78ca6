//! Error bodies: Mangopay's `{Message, Type, Id, Date, errors}` and the OAuth-style
//! `{error, error_description}`, with one tolerant parser for both.

use std::collections::BTreeMap;

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::{Number, Value};

use super::common::lenient;
use super::open_enum::open_enum;

open_enum! {
    /// The `Type` of an API error.
    pub enum ApiErrorType {
        /// Missing or invalid parameters; see `errors`.
        ParamError = "param_error",
        /// Refused by the anti-fraud policy (e.g. fake names).
        FraudPolicy = "fraud_policy",
        /// An OWNER must accept the terms and conditions.
        UserHasntAcceptedTermsAndConditions = "user_hasnt_accepted_terms_and_conditions",
        /// The endpoint is not allowed for an OWNER (e.g. categorize).
        NotAllowedForUserCategoryOwner = "not_allowed_for_user_category_owner",
        /// The endpoint is not allowed for a PAYER (e.g. enroll).
        NotAllowedForUserCategoryPayer = "not_allowed_for_user_category_payer",
        /// The action is not allowed while the user is `PENDING_USER_ACTION`.
        NotAllowedForPendingUserActionStatus = "not_allowed_for_pending_user_action_status",
        /// `USER_NOT_PRESENT` without the user's proxy consent.
        ScaProxyMissing = "sca_proxy_missing",
        /// The action is not allowed (e.g. revoking accepted terms).
        InvalidAction = "invalid_action",
        /// The user cannot be closed while a wallet is not empty.
        UserClosureNotPossible = "user_closure_not_possible",
        /// Closing the user failed (e.g. already closed).
        UserClosureFailed = "user_closure_failed",
        /// The resource does not exist (spelled as the API spells it).
        RessourceNotFound = "ressource_not_found",
        /// The resource is not accessible (spelled as the API spells it).
        ForbiddenRessource = "forbidden_ressource",
        /// A KYC document already has 5 pages.
        MaxPageNumber = "max_page_number",
        /// The idempotency key was already used within 24 hours.
        IdempotentCreationConflict = "idempotent_creation_conflict",
        /// Too many requests.
        RateLimit = "rate_limit",
        /// The token is missing, expired or invalid.
        InvalidCredentials = "invalid_credentials",
        /// Bank account details were refused.
        BankaccountError = "bankaccount_error",
        /// An unauthorized request, e.g. SCA required.
        Unauthorized = "unauthorized",
    }
}

/// The usual Mangopay error body.
///
/// `Date` is kept as a JSON number because the API sends both `1750420020` and `1690291065.0`;
/// it is written back exactly as received.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
#[serde(default)]
pub struct ApiErrorBody {
    /// A human-readable message.
    #[serde(rename = "Message")]
    pub message: Option<String>,
    /// The error type, e.g. `param_error`.
    #[serde(rename = "Type")]
    pub error_type: Option<ApiErrorType>,
    /// The error's identifier, for Mangopay support (may end in `#<timestamp>`).
    #[serde(rename = "Id")]
    pub id: Option<String>,
    /// When the error occurred, in Unix seconds (integer or float).
    #[serde(rename = "Date")]
    pub date: Option<Number>,
    /// One message per field in error, keyed by the API's field path (`Address.Country`);
    /// `null` when the error is not about fields.
    #[serde(rename = "errors", deserialize_with = "error_map")]
    pub errors: Option<BTreeMap<String, String>>,
}

impl ApiErrorBody {
    /// `Date` in whole Unix seconds (a float date is truncated to its second).
    pub fn date_seconds(&self) -> Option<i64> {
        let date = self.date.as_ref()?;
        date.as_i64()
            .or_else(|| date.as_f64().and_then(|f| lenient::float_to_int(f.trunc())))
    }
}

/// The OAuth-style error body of the token endpoint, e.g. after repeated bad credentials.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
#[serde(default)]
pub struct OAuthErrorBody {
    /// The OAuth error code, e.g. `unauthorized_client`.
    pub error: Option<String>,
    /// A human-readable description.
    pub error_description: Option<String>,
}

/// An error body of either shape. On the wire it is the plain body; reading one applies
/// [`parse_error_value`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
#[serde(untagged)]
pub enum ErrorBody {
    /// `{Message, Type, Id, Date, errors}`.
    Api(ApiErrorBody),
    /// `{error, error_description}`.
    OAuth(OAuthErrorBody),
}

impl<'de> Deserialize<'de> for ErrorBody {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        parse_error_value(&value)
            .ok_or_else(|| serde::de::Error::custom("not a Mangopay or OAuth error body"))
    }
}

impl ErrorBody {
    /// The message: `Message`, or `error_description`, or the OAuth `error` code.
    pub fn message(&self) -> Option<&str> {
        match self {
            ErrorBody::Api(body) => body.message.as_deref(),
            ErrorBody::OAuth(body) => body.error_description.as_deref().or(body.error.as_deref()),
        }
    }

    /// The error type: `Type`, or the OAuth `error` code.
    pub fn error_type(&self) -> Option<&str> {
        match self {
            ErrorBody::Api(body) => body.error_type.as_ref().map(ApiErrorType::as_str),
            ErrorBody::OAuth(body) => body.error.as_deref(),
        }
    }

    /// The per-field messages, when there are any.
    pub fn field_errors(&self) -> Option<&BTreeMap<String, String>> {
        match self {
            ErrorBody::Api(body) => body.errors.as_ref(),
            ErrorBody::OAuth(_) => None,
        }
    }
}

/// The `errors` map of an error body: `null` → `None`; values that are not strings are kept
/// as their JSON text so that one odd value never hides the whole error.
fn error_map<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<BTreeMap<String, String>>, D::Error> {
    struct V;

    impl<'de> Visitor<'de> for V {
        type Value = Option<BTreeMap<String, String>>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object of field messages or null")
        }

        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
            d.deserialize_any(self)
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some((key, value)) = map.next_entry::<String, Value>()? {
                out.insert(key, field_message(value));
            }
            Ok(Some(out))
        }
    }

    d.deserialize_option(V)
}

/// A field message as text: a string as is, any other JSON value as its JSON text.
fn field_message(value: Value) -> String {
    match value {
        Value::String(s) => s,
        other => other.to_string(),
    }
}

/// Reads an error response body of either shape.
///
/// Returns `None` for anything else — empty, not JSON, not an object, or an object with none of
/// `Message`, `Type`, `error` — so that the caller can fall back to the HTTP status. Fields with an
/// unexpected type are ignored rather than failing the whole body. Never panics.
pub fn parse_error_body(body: &[u8]) -> Option<ErrorBody> {
    // UTF-8 first, then `from_str`: the same answer as `from_slice` (invalid UTF-8 fails either
    // way), and one instantiation of serde_json's parser in the wasm instead of two (−3 KB gz).
    let value: Value = serde_json::from_str(std::str::from_utf8(body).ok()?).ok()?;
    parse_error_value(&value)
}

/// Like [`parse_error_body`], for a body already parsed as JSON.
pub fn parse_error_value(value: &Value) -> Option<ErrorBody> {
    let object = value.as_object()?;
    let text = |key: &str| object.get(key).and_then(Value::as_str).map(str::to_owned);
    if object.contains_key("Message") || object.contains_key("Type") {
        let errors = match object.get("errors") {
            Some(Value::Object(map)) => Some(
                map.iter()
                    .map(|(k, v)| (k.clone(), field_message(v.clone())))
                    .collect(),
            ),
            _ => None,
        };
        return Some(ErrorBody::Api(ApiErrorBody {
            message: text("Message"),
            error_type: text("Type").map(ApiErrorType::from),
            id: text("Id"),
            date: match object.get("Date") {
                Some(Value::Number(n)) => Some(n.clone()),
                _ => None,
            },
            errors,
        }));
    }
    if object.contains_key("error") {
        return Some(ErrorBody::OAuth(OAuthErrorBody {
            error: text("error"),
            error_description: text("error_description"),
        }));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_both_shapes() {
        let api = parse_error_body(br#"{"Message":"m","Type":"param_error","Id":"x","Date":1690291065.0,"errors":{"Email":"bad"}}"#).unwrap();
        assert_eq!(api.error_type(), Some("param_error"));
        assert_eq!(api.message(), Some("m"));
        assert_eq!(
            api.field_errors()
                .and_then(|e| e.get("Email"))
                .map(String::as_str),
            Some("bad")
        );
        let oauth =
            parse_error_body(br#"{"error":"unauthorized_client","error_description":"locked"}"#)
                .unwrap();
        assert_eq!(oauth.error_type(), Some("unauthorized_client"));
        assert_eq!(oauth.message(), Some("locked"));
        assert!(oauth.field_errors().is_none());
    }

    #[test]
    fn junk_gives_none_and_odd_fields_are_ignored() {
        for junk in [
            &b""[..],
            b"not json",
            b"[]",
            b"\"param_error\"",
            b"{}",
            b"{\"foo\": 1}",
            b"\xff\xfe",
            b"{\"Message\": ",
        ] {
            assert_eq!(parse_error_body(junk), None, "{junk:?}");
        }
        let odd = parse_error_value(&json!({"Message": 42, "Type": "rate_limit", "Date": "soon", "errors": {"A": 1, "B": null}})).unwrap();
        let ErrorBody::Api(body) = odd else {
            panic!("expected an API error body")
        };
        assert_eq!(body.message, None);
        assert_eq!(body.date, None);
        assert_eq!(body.error_type, Some(ApiErrorType::RateLimit));
        let errors = body.errors.unwrap();
        assert_eq!(errors.get("A").map(String::as_str), Some("1"));
        assert_eq!(errors.get("B").map(String::as_str), Some("null"));
    }

    #[test]
    fn date_is_kept_as_received_and_read_in_seconds() {
        for (raw, text, seconds) in [
            ("1690291065.0", "1690291065.0", 1_690_291_065),
            ("1750420020", "1750420020", 1_750_420_020),
            ("1690291065.7", "1690291065.7", 1_690_291_065),
        ] {
            let body: ApiErrorBody = serde_json::from_str(&format!("{{\"Date\": {raw}}}")).unwrap();
            assert_eq!(body.date_seconds(), Some(seconds));
            let out = serde_json::to_string(&body).unwrap();
            assert!(out.contains(&format!("\"Date\":{text}")), "{out}");
        }
    }
}
