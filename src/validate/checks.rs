//! Shared field checks over dynamic JSON: presence, JSON type, length, codes, numbers.
//!
//! Conventions, used by every validator:
//! - A field that is missing or `null` is *absent*. An absent required field is `required`.
//! - A present value of the wrong JSON type is `invalid_type`, and nothing else is checked on it.
//! - A required string that is empty or whitespace-only is `required` (the server's `[Required]`
//!   and FluentValidation's `NotEmpty` both treat blank strings as missing).
//! - For codes (countries, enum values) and numbers, an empty string is absent: the server's JSON
//!   reader turns `""` into `null` for those types.
//! - Enum values and country codes are compared ignoring ASCII case, as the server's enum reader
//!   does (the docs' own PHP example sends `UserCategory = 'Payer'`).
//! - Lengths are counted in Unicode scalar values (`char`s). .NET counts UTF-16 code units, which
//!   is never fewer, so a `char` count is never stricter than the server; it only lets through the
//!   rare string of astral characters (emoji) that fits in chars but not in UTF-16 units.

use super::country::{self, Blocked};
use super::email;
use super::report::{IssueCode, Report};
pub(crate) use super::tape::Integral;
use super::tape::{Index, Json, Members};

/// The API's dotted path of `key` inside `prefix` (`Address` + `City` = `Address.City`).
pub(crate) fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_owned()
    } else {
        format!("{prefix}.{key}")
    }
}

/// The last segment of a dotted path, used in messages (`Address.City` → `City`).
pub(crate) fn leaf(path: &str) -> &str {
    path.rsplit('.').next().unwrap_or(path)
}

/// An English name for the JSON type of a value, for `invalid_type` messages.
pub(crate) fn json_type(value: Json<'_>) -> &'static str {
    match value {
        Json::Null => "null",
        Json::Bool(_) => "a boolean",
        Json::Number(_) => "a number",
        Json::String(_) => "a string",
        Json::Array => "an array",
        Json::Object(_) => "an object",
    }
}

/// True when a string is empty or only whitespace.
pub(crate) fn is_blank(s: &str) -> bool {
    // The same as `s.trim().is_empty()`, stopping at the first non-space; an ASCII first byte
    // that is not whitespace (the usual case) answers without decoding.
    match s.as_bytes().first() {
        None => true,
        Some(&b) if b.is_ascii() => {
            matches!(b, b'\t'..=b'\r' | b' ') && s.chars().all(char::is_whitespace)
        }
        Some(_) => s.chars().all(char::is_whitespace),
    }
}

/// True when the length of `s` in `char`s is within `min..=max`. A UTF-8 `char` takes 1 to 4
/// bytes, so the byte length alone usually decides without counting.
#[inline(always)]
fn length_within(s: &str, min: usize, max: usize) -> bool {
    let bytes = s.len();
    if bytes <= max && bytes.div_ceil(4) >= min {
        return true;
    }
    let len = s.chars().count();
    len >= min && len <= max
}

/// Records `required` for `path` with the server's DataAnnotations wording.
pub(crate) fn push_required(r: &mut Report, path: &str) {
    let message = format!("The {} field is required.", leaf(path));
    r.push(path, IssueCode::Required, message);
}

/// Records `invalid_type` for `path`: `expected` is an English type name (`a string`).
pub(crate) fn push_wrong_type(r: &mut Report, path: &str, expected: &str, got: Json<'_>) {
    let message = format!(
        "The {} field must be {expected}, not {}.",
        leaf(path),
        json_type(got)
    );
    r.push(path, IssueCode::InvalidType, message);
}

/// Checks a length range counted in `char`s (see the module docs); `min` 0 means no minimum.
pub(crate) fn check_length(r: &mut Report, path: &str, s: &str, min: usize, max: usize) {
    let len = s.chars().count();
    if len < min {
        let message = format!(
            "The field {} must be a string with a minimum length of {min}.",
            leaf(path)
        );
        r.push(path, IssueCode::TooShort, message);
    } else if len > max {
        let message = format!(
            "The field {} must be a string with a maximum length of {max}.",
            leaf(path)
        );
        r.push(path, IssueCode::TooLong, message);
    }
}

/// Runs `check` on a body that must be a JSON object and returns every issue found.
pub(crate) fn with_root(body: Json<'_>, check: impl FnOnce(&Obj<'_>, &mut Report)) -> Report {
    let mut r = Report::new();
    if let Some(o) = Obj::root(body, &mut r) {
        check(&o, &mut r);
    }
    r
}

/// A JSON object being validated, with its dotted path in the body (`""` for the body itself).
#[derive(Clone, Copy)]
pub(crate) struct Obj<'a> {
    map: Index<'a>,
    prefix: &'a str,
}

impl<'a> Obj<'a> {
    /// The body itself; a body that is not a JSON object is one `invalid_type` issue at `""`.
    pub(crate) fn root(body: Json<'a>, r: &mut Report) -> Option<Self> {
        match body {
            Json::Object(map) => Some(Obj::nested(map, "")),
            other => {
                let message = format!(
                    "The request body must be a JSON object, not {}.",
                    json_type(other)
                );
                r.push("", IssueCode::InvalidType, message);
                None
            }
        }
    }

    /// A nested object found at `prefix`.
    pub(crate) fn nested(map: Members<'a>, prefix: &'a str) -> Self {
        Obj {
            map: Index::new(map),
            prefix,
        }
    }

    /// The dotted path of `key` in this object.
    pub(crate) fn path(&self, key: &str) -> String {
        join(self.prefix, key)
    }

    /// The keys of this object, sorted by bytes, as the keys of a map (`serde_json::Map`'s order).
    pub(crate) fn keys(&self) -> serde_json::Map<String, serde_json::Value> {
        self.map.members().sorted_keys()
    }

    /// The value of `key` unless it is missing or `null`.
    pub(crate) fn get(&self, key: &str) -> Option<Json<'a>> {
        match self.map.get(key) {
            Some(Json::Null) | None => None,
            found => found,
        }
    }

    /// True when every value is `null` or a blank string (an empty object included): the shape
    /// the API returns for an address it does not hold, which carries no data when sent back.
    pub(crate) fn is_vacant(&self) -> bool {
        self.map
            .members()
            .iter()
            .all(|(_, v)| v.is_null() || v.as_str().is_some_and(is_blank))
    }

    /// The value of `key` for a check: `None`, and `required` if `required`, when it is missing,
    /// `null`, or (with `empty_is_absent`) the empty string.
    #[inline(always)]
    fn value(
        &self,
        r: &mut Report,
        key: &str,
        required: bool,
        empty_is_absent: bool,
    ) -> Option<Json<'a>> {
        let value = match self.get(key) {
            Some(Json::String("")) if empty_is_absent => None,
            found => found,
        };
        if value.is_none() && required {
            push_required(r, &self.path(key));
        }
        value
    }

    /// A string field. Absent → `required` if `required`; not a string → `invalid_type`.
    /// A blank string is `required` when required, and returned as is otherwise (so that a
    /// minimum length can still apply to it).
    pub(crate) fn string(&self, r: &mut Report, key: &str, required: bool) -> Option<&'a str> {
        self.string_like(r, key, required, false)
    }

    fn string_like(
        &self,
        r: &mut Report,
        key: &str,
        required: bool,
        empty_is_absent: bool,
    ) -> Option<&'a str> {
        match self.value(r, key, required, empty_is_absent)? {
            Json::String(s) if required && is_blank(s) => {
                push_required(r, &self.path(key));
                None
            }
            Json::String(s) => Some(s),
            other => {
                push_wrong_type(r, &self.path(key), "a string", other);
                None
            }
        }
    }

    /// A string field with a length range in chars (`min` 0 = no minimum).
    pub(crate) fn text(
        &self,
        r: &mut Report,
        key: &str,
        required: bool,
        min: usize,
        max: usize,
    ) -> Option<&'a str> {
        let s = self.string(r, key, required)?;
        // Fast path: no allocation for a string within its limits.
        if !length_within(s, min, max) {
            check_length(r, &self.path(key), s, min, max);
        }
        Some(s)
    }

    /// A code-like string (enum value, country): like [`Obj::string`] but `""` is absent.
    pub(crate) fn code(&self, r: &mut Report, key: &str, required: bool) -> Option<&'a str> {
        self.string_like(r, key, required, true)
    }

    /// An enum value from `allowed` (ASCII case ignored); returns the canonical spelling.
    pub(crate) fn one_of(
        &self,
        r: &mut Report,
        key: &str,
        required: bool,
        allowed: &[&'static str],
    ) -> Option<&'static str> {
        let value = self.code(r, key, required)?;
        let found = canonical(value, allowed);
        if found.is_none() {
            let message = format!(
                "The value '{}' is not valid for {}. Allowed values: {}.",
                shorten(value),
                leaf(&self.path(key)),
                allowed.join(", ")
            );
            r.push(self.path(key), IssueCode::InvalidValue, message);
        }
        found
    }

    /// An ISO 3166-1 alpha-2 code from the accepted list, blocked or not for this field.
    pub(crate) fn country(
        &self,
        r: &mut Report,
        key: &str,
        required: bool,
        blocked: Blocked,
    ) -> Option<&'static str> {
        let value = self.code(r, key, required)?;
        match country::canonical(value) {
            Some(code) if !blocked.blocks(code) => Some(code),
            _ => check_country(r, &self.path(key), value, blocked),
        }
    }

    /// An email checked with the server's own pattern; blank emails are `required` when
    /// required and pass otherwise (the server's regex attribute accepts empty strings).
    pub(crate) fn email(&self, r: &mut Report, key: &str, required: bool) -> Option<&'a str> {
        let path = || self.path(key);
        match self.get(key) {
            None => {
                if required {
                    push_email_required(r, &path());
                }
                None
            }
            Some(Json::String(s)) if is_blank(s) => {
                if required {
                    push_email_required(r, &path());
                } else if !s.is_empty() {
                    push_email_format(r, &path());
                }
                None
            }
            Some(Json::String(s)) => {
                if !email::is_valid_email(s) {
                    push_email_format(r, &path());
                }
                Some(s)
            }
            Some(other) => {
                push_wrong_type(r, &path(), "a string", other);
                None
            }
        }
    }

    /// An integer (a JSON number without fraction). `""` is absent.
    pub(crate) fn integer(&self, r: &mut Report, key: &str, required: bool) -> Option<i64> {
        match self.value(r, key, required, true)? {
            Json::Number(n) => match n {
                Integral::Int(i) => Some(i),
                Integral::Huge => {
                    let path = self.path(key);
                    let message = format!("The {} value is out of range.", leaf(&path));
                    r.push(path, IssueCode::OutOfRange, message);
                    None
                }
                Integral::Fraction => {
                    let path = self.path(key);
                    push_wrong_type(r, &path, "an integer", Json::Number(n));
                    None
                }
            },
            other => {
                push_wrong_type(r, &self.path(key), "an integer", other);
                None
            }
        }
    }

    /// A Unix timestamp in seconds: any integer, negative ones included (birthdays before 1970).
    pub(crate) fn timestamp(&self, r: &mut Report, key: &str, required: bool) -> Option<i64> {
        self.integer(r, key, required)
    }

    /// An integer within `min..=max`.
    pub(crate) fn int_range(
        &self,
        r: &mut Report,
        key: &str,
        required: bool,
        min: i64,
        max: i64,
    ) -> Option<i64> {
        let value = self.integer(r, key, required)?;
        if value < min || value > max {
            let path = self.path(key);
            let message = format!("The {} must be between {min} and {max}.", leaf(&path));
            r.push(path, IssueCode::OutOfRange, message);
        }
        Some(value)
    }

    /// A boolean. `""` is absent.
    pub(crate) fn boolean(&self, r: &mut Report, key: &str, required: bool) -> Option<bool> {
        match self.value(r, key, required, true)? {
            Json::Bool(b) => Some(b),
            other => {
                push_wrong_type(r, &self.path(key), "a boolean", other);
                None
            }
        }
    }

    /// A nested object.
    pub(crate) fn object(&self, r: &mut Report, key: &str, required: bool) -> Option<Members<'a>> {
        match self.value(r, key, required, false)? {
            Json::Object(map) => Some(map),
            other => {
                push_wrong_type(r, &self.path(key), "an object", other);
                None
            }
        }
    }

    /// The canonical value of an enum field from `allowed`, without reporting anything.
    pub(crate) fn peek_one_of(&self, key: &str, allowed: &[&'static str]) -> Option<&'static str> {
        self.get(key)
            .and_then(Json::as_str)
            .and_then(|s| canonical(s, allowed))
    }
}

/// The entry of `allowed` equal to `value` ignoring ASCII case.
pub(crate) fn canonical(value: &str, allowed: &[&'static str]) -> Option<&'static str> {
    allowed
        .iter()
        .copied()
        .find(|a| a.eq_ignore_ascii_case(value))
}

/// Checks a country code string for `path`; returns the canonical code when accepted.
pub(crate) fn check_country(
    r: &mut Report,
    path: &str,
    value: &str,
    blocked: Blocked,
) -> Option<&'static str> {
    match country::canonical(value) {
        None => {
            r.push(
                path,
                IssueCode::InvalidCountry,
                "The requested value is not an ISO 3166-1 alpha-2 code which is expected.",
            );
            None
        }
        Some(code) => {
            if blocked.blocks(code) {
                let message = format!("The {} used is blocked", leaf(path));
                r.push(path, IssueCode::CountryBlocked, message);
            }
            Some(code)
        }
    }
}

fn push_email_required(r: &mut Report, path: &str) {
    let message = format!("'{}' must not be empty.", leaf(path));
    r.push(path, IssueCode::Required, message);
}

fn push_email_format(r: &mut Report, path: &str) {
    let message = format!(
        "The field {} must match the regular expression '{}'.",
        leaf(path),
        email::EMAIL_PATTERN
    );
    r.push(path, IssueCode::InvalidFormat, message);
}

/// A value quoted in a message, cut to 40 chars so that a huge input cannot bloat the report.
pub(crate) fn shorten(value: &str) -> String {
    const MAX: usize = 40;
    match value.char_indices().nth(MAX) {
        None => value.to_owned(),
        Some((cut, _)) => format!("{}…", value.get(..cut).unwrap_or_default()),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tape::{integral, Tape};
    use super::*;
    use serde_json::{json, Value};

    #[test]
    fn joins_and_splits_paths() {
        assert_eq!(join("", "Email"), "Email");
        assert_eq!(join("Address", "City"), "Address.City");
        assert_eq!(leaf("LegalRepresentative.Email"), "Email");
        assert_eq!(leaf("Email"), "Email");
    }

    #[test]
    fn classifies_numbers() {
        let n = |v: Value| match v {
            Value::Number(n) => integral(&n),
            _ => unreachable!(),
        };
        assert!(matches!(n(json!(-5)), Integral::Int(-5)));
        assert!(matches!(n(json!(2.0)), Integral::Int(2)));
        assert!(matches!(n(json!(2.5)), Integral::Fraction));
        assert!(matches!(n(json!(u64::MAX)), Integral::Huge));
        assert!(matches!(n(json!(1e300)), Integral::Huge));
    }

    #[test]
    fn counts_length_in_chars() {
        let mut r = Report::new();
        check_length(&mut r, "FirstName", &"é".repeat(100), 1, 100);
        assert!(r.is_ok());
        check_length(&mut r, "FirstName", &"é".repeat(101), 1, 100);
        assert!(r.has("FirstName", IssueCode::TooLong));
        let mut r = Report::new();
        check_length(&mut r, "FirstName", "", 1, 100);
        assert!(r.has("FirstName", IssueCode::TooShort));
    }

    #[test]
    fn shortens_long_values_on_char_boundaries() {
        assert_eq!(shorten("abc"), "abc");
        let long = "é".repeat(100);
        assert_eq!(shorten(&long).chars().count(), 41);
    }

    #[test]
    fn reads_fields_by_kind() {
        let body = json!({"s": "x", "blank": "  ", "empty": "", "n": 3, "f": 1.5, "b": true,
                          "o": {}, "null": null});
        let mut r = Report::new();
        let tape = Tape::from_value(&body);
        let o = Obj::root(tape.view().root(), &mut r).unwrap();
        assert_eq!(o.string(&mut r, "s", true), Some("x"));
        assert_eq!(o.string(&mut r, "blank", false), Some("  "));
        assert_eq!(o.code(&mut r, "empty", false), None);
        assert_eq!(o.integer(&mut r, "n", true), Some(3));
        assert_eq!(o.boolean(&mut r, "b", true), Some(true));
        assert!(o.object(&mut r, "o", true).is_some());
        assert!(o.get("null").is_none());
        assert!(r.is_ok());
        assert_eq!(o.string(&mut r, "blank", true), None);
        assert!(r.has("blank", IssueCode::Required));
        assert_eq!(o.integer(&mut r, "f", false), None);
        assert!(r.has("f", IssueCode::InvalidType));
        assert_eq!(o.string(&mut r, "n", false), None);
        assert!(r.has("n", IssueCode::InvalidType));
    }

    #[test]
    fn a_non_object_body_is_one_type_issue() {
        let mut r = Report::new();
        let tape = Tape::from_value(&json!([1]));
        assert!(Obj::root(tape.view().root(), &mut r).is_none());
        assert!(r.has("", IssueCode::InvalidType));
        assert_eq!(r.issues().len(), 1);
    }
}
