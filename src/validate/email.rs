//! The server's email pattern, matched by hand (no `regex` crate in the browser bundle).
//!
//! Source: the `param_error` example of `api-reference/users/create-natural-user-sca.mdx` and
//! `create-legal-user-sca.mdx` (also `shared/seeds/002`): "The field Email must match the regular
//! expression '…'". The message comes from .NET's `RegularExpressionAttribute`, which accepts a
//! value only when the first match starts at index 0 and spans the whole string, and accepts the
//! empty string (emptiness is a separate `required` rule).
//!
//! The pattern is `LOCAL@DOMAIN` with
//! - `LOCAL` = `atext+ ( "." atext+ )*`, `atext` = ASCII letters, digits and
//!   ``!#$%&'*+/=?^_`{|}~-`` (no quoted strings, no leading/trailing/double dots);
//! - `DOMAIN` = `( label "." )+ label`, `label` = an ASCII letter or digit, optionally followed by
//!   letters, digits and hyphens ending with a letter or digit (so at least two labels, no hyphen
//!   at either end of a label, no length limits, numeric labels allowed).
//!
//! Why a full-string match of that grammar is exactly what .NET accepts: `atext` excludes `@` and
//! `.`, so the local part is forced to be everything before the first `@`; labels exclude `.`, so
//! the greedy `( label "." )+` takes every label but the last and the final greedy `label` runs to
//! the end of the string whenever a full match exists. No backtracking order can stop earlier.
//! Characters outside ASCII are in no class, so internationalised addresses are refused, as the
//! server refuses them.

/// The server's email regular expression, as quoted in its error messages.
pub const EMAIL_PATTERN: &str = r"([a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]+)*)@(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?\.)+[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?";

/// True when `s` is entirely matched by [`EMAIL_PATTERN`], as the server requires.
///
/// The empty string is *not* accepted here; callers decide whether an empty email is missing.
pub fn is_valid_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((local, domain)) => is_dot_atom(local) && is_domain(domain),
        None => false,
    }
}

fn is_atext(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+/=?^_`{|}~-".contains(&b)
}

fn is_dot_atom(s: &str) -> bool {
    s.split('.')
        .all(|atom| !atom.is_empty() && atom.bytes().all(is_atext))
}

fn is_domain(s: &str) -> bool {
    let mut labels = 0usize;
    for label in s.split('.') {
        if !is_label(label.as_bytes()) {
            return false;
        }
        labels += 1;
    }
    labels >= 2
}

fn is_label(label: &[u8]) -> bool {
    match (label.first(), label.last()) {
        (Some(first), Some(last)) => {
            first.is_ascii_alphanumeric()
                && last.is_ascii_alphanumeric()
                && label
                    .iter()
                    .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_what_the_pattern_accepts() {
        for ok in [
            "alex.smith@example.com",
            "john.doe+accept@example.com",
            "a@b.c",
            "A@B.CO",
            "x@1.2",
            "user_name@sub-domain.example.co.uk",
            "!#$%&'*+/=?^_`{|}~-@example.com",
            "o'brien@example.ie",
            "a.b.c.d@e-f.g-h.i",
            "very-long-label@aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com",
            "x@a--b.com",
            "123@456.789",
        ] {
            assert!(is_valid_email(ok), "{ok}");
        }
    }

    #[test]
    fn refuses_what_the_pattern_refuses() {
        for bad in [
            "",
            "plain",
            "@example.com",
            "alex@",
            "alex@localhost",
            "alex@@example.com",
            "a@b@example.com",
            ".alex@example.com",
            "alex.@example.com",
            "al..ex@example.com",
            "\"quoted\"@example.com",
            "al ex@example.com",
            "alex@exa mple.com",
            "alex@-example.com",
            "alex@example-.com",
            "alex@example.com-",
            "alex@example..com",
            "alex@.example.com",
            "alex@example.com.",
            "alex@exam_ple.com",
            "alex@[127.0.0.1]",
            "josé@example.com",
            "alex@exämple.com",
            "用户@例子.广告",
            "alex@example.com\n",
            " alex@example.com",
            "alex@example.com ",
            "alex(comment)@example.com",
        ] {
            assert!(!is_valid_email(bad), "{bad:?}");
        }
    }
}
