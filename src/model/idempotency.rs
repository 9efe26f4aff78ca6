//! `GET /responses/{IdempotencyKey}`: the recorded response of an idempotent POST (kept 24 hours).

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A response the API recorded for an idempotency key.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
#[serde(default)]
pub struct ApiResponse {
    /// The HTTP status code of the recorded response, as a string (`"200"`).
    #[serde(rename = "StatusCode")]
    pub status_code: Option<String>,
    /// The size of the recorded body in bytes, as a string.
    #[serde(rename = "ContentLength")]
    pub content_length: Option<String>,
    /// The media type of the recorded body.
    #[serde(rename = "ContentType")]
    pub content_type: Option<String>,
    /// When the response was sent, as an HTTP date (`Tue, 19 Jul 2022 08:47:59 GMT`).
    #[serde(rename = "Date")]
    pub date: Option<String>,
    /// The URL of the recorded request.
    #[serde(rename = "RequestURL")]
    pub request_url: Option<String>,
    /// The recorded body: any resource (a user, a KYC document…) or an error body.
    #[serde(rename = "Resource")]
    #[cfg_attr(all(target_arch = "wasm32", feature = "js"), tsify(type = "unknown"))]
    pub resource: Option<Value>,
}

impl ApiResponse {
    /// The recorded HTTP status as a number, when it is one.
    pub fn status(&self) -> Option<u16> {
        self.status_code.as_deref()?.trim().parse().ok()
    }

    /// The recorded body read as `T` (e.g. `UserNaturalSca`); `None` if absent, `Err` if it does
    /// not fit.
    pub fn resource_as<T: DeserializeOwned>(&self) -> Option<Result<T, serde_json::Error>> {
        self.resource.clone().map(serde_json::from_value)
    }
}
