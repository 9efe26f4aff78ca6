//! The `Idempotency-Key` header.
//!
//! Source: `Mangopay/docs` `api-reference/overview/idempotency.mdx`: "The idempotency key must
//! contain between 16 and 36 alphanumeric characters or dashes (-)." (also the path parameter of
//! `GET /responses/{IdempotencyKey}`: "Min. length: 16 characters; max. length: 36 characters;
//! only alphanumeric and dashes"). A header value is ASCII, so "alphanumeric" is `[A-Za-z0-9]`.

use super::checks::check_length;
use super::report::{IssueCode, Report};

/// The path issues about the key are reported under.
const PATH: &str = "Idempotency-Key";

/// Checks an `Idempotency-Key`: 16–36 characters of `[A-Za-z0-9-]`.
pub fn idempotency_key(key: &str) -> Report {
    let mut r = Report::new();
    if key.is_empty() {
        r.push(
            PATH,
            IssueCode::Required,
            "The Idempotency-Key must not be empty.",
        );
        return r;
    }
    if !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        r.push(
            PATH,
            IssueCode::InvalidFormat,
            "The Idempotency-Key can contain only alphanumeric characters (A-Z, a-z, 0-9) and dashes (-).",
        );
    }
    check_length(&mut r, PATH, key, 16, 36);
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_uuids_and_bounds() {
        assert!(idempotency_key("2774fac1-d33f-4c5a-8e21-88b772ec2943").is_ok());
        assert!(idempotency_key(&"a".repeat(16)).is_ok());
        assert!(idempotency_key(&"-".repeat(36)).is_ok());
    }

    #[test]
    fn reports_each_problem() {
        assert!(idempotency_key("").has(PATH, IssueCode::Required));
        assert!(idempotency_key(&"a".repeat(15)).has(PATH, IssueCode::TooShort));
        assert!(idempotency_key(&"a".repeat(37)).has(PATH, IssueCode::TooLong));
        assert!(idempotency_key("abcdefgh_ijklmnop").has(PATH, IssueCode::InvalidFormat));
        assert!(idempotency_key("abcdéfghijklmnopq").has(PATH, IssueCode::InvalidFormat));
        let both = idempotency_key("a b");
        assert!(both.has(PATH, IssueCode::InvalidFormat) && both.has(PATH, IssueCode::TooShort));
    }
}
