//! The result of a validation: issues with API paths, stable codes and messages.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Map, Value};

/// The `Message` Mangopay sends with every `param_error`.
pub const PARAM_ERROR_MESSAGE: &str = "One or several required parameters are missing or incorrect. An incorrect resource ID also raises this kind of error.";

/// A stable, machine-readable reason for a validation issue.
///
/// Codes are part of the public contract (they cross into JS as strings such as `"required"`);
/// new codes may be added, existing ones never change meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum IssueCode {
    /// A required field is missing, `null` or an empty string.
    Required,
    /// The value has the wrong JSON type (e.g. a number where a string is expected).
    InvalidType,
    /// A string is shorter than its minimum length.
    TooShort,
    /// A string is longer than its maximum length.
    TooLong,
    /// A string does not have the documented format (email, phone, BIC, timestamp…).
    InvalidFormat,
    /// Not an accepted ISO 3166-1 alpha-2 country code.
    InvalidCountry,
    /// A valid country that Mangopay blocks for this field.
    CountryBlocked,
    /// The value must be `true` (e.g. `TermsAndConditionsAccepted` for an OWNER).
    MustBeTrue,
    /// The field or value is not allowed here (e.g. a category other than OWNER on categorize).
    NotAllowed,
    /// A value outside its allowed set (an unknown enum value).
    InvalidValue,
    /// A number outside its allowed range (e.g. `per_page` above 100).
    OutOfRange,
    /// A checksum failed (e.g. the IBAN mod-97 check).
    InvalidChecksum,
    /// A file is smaller than the minimum Mangopay accepts for its document type.
    FileTooSmall,
    /// A file is larger than Mangopay accepts.
    FileTooLarge,
    /// A file is not a PDF, JPEG or PNG (judged by its bytes, not its name).
    UnsupportedFileType,
}

impl IssueCode {
    /// The code as its stable wire string (`"required"`, `"too_long"`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            IssueCode::Required => "required",
            IssueCode::InvalidType => "invalid_type",
            IssueCode::TooShort => "too_short",
            IssueCode::TooLong => "too_long",
            IssueCode::InvalidFormat => "invalid_format",
            IssueCode::InvalidCountry => "invalid_country",
            IssueCode::CountryBlocked => "country_blocked",
            IssueCode::MustBeTrue => "must_be_true",
            IssueCode::NotAllowed => "not_allowed",
            IssueCode::InvalidValue => "invalid_value",
            IssueCode::OutOfRange => "out_of_range",
            IssueCode::InvalidChecksum => "invalid_checksum",
            IssueCode::FileTooSmall => "file_too_small",
            IssueCode::FileTooLarge => "file_too_large",
            IssueCode::UnsupportedFileType => "unsupported_file_type",
        }
    }
}

impl std::fmt::Display for IssueCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem found in a request: where, what kind, and an English explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issue {
    /// The field in the API's dotted notation, e.g. `Address.Country`; empty for the whole body.
    pub path: String,
    /// The stable machine code.
    pub code: IssueCode,
    /// A human-readable English message.
    pub message: String,
}

/// All the issues a validator found, in the order it found them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    issues: Vec<Issue>,
}

impl Report {
    /// An empty report.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records an issue.
    pub fn push(&mut self, path: impl Into<String>, code: IssueCode, message: impl Into<String>) {
        self.issues.push(Issue {
            path: path.into(),
            code,
            message: message.into(),
        });
    }

    /// Appends every issue of another report.
    pub fn extend(&mut self, other: Report) {
        self.issues.extend(other.issues);
    }

    /// True when no issue was found.
    pub fn is_ok(&self) -> bool {
        self.issues.is_empty()
    }

    /// The issues found.
    pub fn issues(&self) -> &[Issue] {
        &self.issues
    }

    /// Consumes the report, returning its issues.
    pub fn into_issues(self) -> Vec<Issue> {
        self.issues
    }

    /// True when some issue concerns `path`.
    pub fn has_path(&self, path: &str) -> bool {
        self.issues.iter().any(|i| i.path == path)
    }

    /// True when some issue concerns `path` with `code`.
    pub fn has(&self, path: &str, code: IssueCode) -> bool {
        self.issues.iter().any(|i| i.path == path && i.code == code)
    }

    /// The server's `errors` map: one message per field path (the first issue found for it).
    pub fn errors(&self) -> BTreeMap<String, String> {
        let mut map = BTreeMap::new();
        for issue in &self.issues {
            map.entry(issue.path.clone())
                .or_insert_with(|| issue.message.clone());
        }
        map
    }

    /// The report as Mangopay's error body:
    /// `{"Message": "...", "Type": "param_error", "errors": {field: message}}`.
    ///
    /// `errors` is `null` when the report is empty, as the API sends it.
    pub fn to_param_error(&self) -> Value {
        let mut body = Map::new();
        body.insert("Message".into(), Value::from(PARAM_ERROR_MESSAGE));
        body.insert("Type".into(), Value::from("param_error"));
        let errors = if self.issues.is_empty() {
            Value::Null
        } else {
            Value::Object(
                self.errors()
                    .into_iter()
                    .map(|(k, v)| (k, Value::String(v)))
                    .collect(),
            )
        };
        body.insert("errors".into(), errors);
        Value::Object(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_the_server_shape_with_one_message_per_field() {
        let mut report = Report::new();
        report.push("Email", IssueCode::Required, "The Email field is required.");
        report.push(
            "Email",
            IssueCode::InvalidFormat,
            "second message is dropped",
        );
        report.push("Address.Country", IssueCode::InvalidCountry, "bad country");
        assert!(!report.is_ok());
        let body = report.to_param_error();
        assert_eq!(body["Type"], "param_error");
        assert_eq!(body["Message"], PARAM_ERROR_MESSAGE);
        assert_eq!(body["errors"]["Email"], "The Email field is required.");
        assert_eq!(body["errors"]["Address.Country"], "bad country");
        assert_eq!(body["errors"].as_object().map(|m| m.len()), Some(2));
    }

    #[test]
    fn finds_issues_by_path_and_code() {
        let mut report = Report::new();
        report.push("Email", IssueCode::InvalidFormat, "bad");
        assert!(report.has("Email", IssueCode::InvalidFormat));
        assert!(!report.has("Email", IssueCode::Required));
        assert!(!report.has("Address.Email", IssueCode::InvalidFormat));
    }

    #[test]
    fn empty_report_has_null_errors() {
        let report = Report::new();
        assert!(report.is_ok());
        assert_eq!(report.to_param_error()["errors"], Value::Null);
    }

    #[test]
    fn codes_serialize_as_their_wire_strings() {
        for code in [
            IssueCode::Required,
            IssueCode::TooLong,
            IssueCode::CountryBlocked,
            IssueCode::UnsupportedFileType,
        ] {
            assert_eq!(
                serde_json::to_value(code).ok(),
                Some(Value::from(code.as_str()))
            );
        }
    }
}
