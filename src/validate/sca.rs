//! The SCA session redirection: Mangopay's `RedirectUrl` plus the platform's `returnUrl`.
//!
//! Source: `Mangopay/docs` `guides/sca/session.mdx`, "3. Encode and add your returnUrl": append
//! the URL as the `returnUrl` query parameter (the name is case-sensitive), percent-encoded
//! (`https://sca.mangopay.com?token=…&returnUrl=https%3A%2F%2Fexample.com`); "the concatenation
//! of Mangopay's `RedirectUrl` and your encoded `returnUrl` must be less than 2,000 characters".
//!
//! | input | rule |
//! |---|---|
//! | RedirectUrl | required; an absolute `http(s)://` URL (it comes from `PendingUserAction.RedirectUrl`) |
//! | returnUrl | required; an absolute URL with a scheme (apps may use their own scheme) |
//! | both | the final URL is shorter than 2,000 characters |

use crate::api::encode_component;

use super::checks::{is_blank, shorten};
use super::report::{IssueCode, Report};

/// The final URL must be shorter than this many characters.
pub const SCA_URL_MAX_CHARS: usize = 2000;

const REDIRECT: &str = "RedirectUrl";
const RETURN: &str = "returnUrl";

/// Checks a `RedirectUrl` and a `returnUrl` before redirecting the user to the SCA session.
pub fn sca_return_url(redirect_url: &str, return_url: &str) -> Report {
    match build_sca_redirect_url(redirect_url, return_url) {
        Ok(_) => Report::new(),
        Err(report) => report,
    }
}

/// Appends the percent-encoded `returnUrl` query parameter to the `RedirectUrl` (with `&` when
/// it already has a query, before any `#fragment`) and checks the result is shorter than 2,000
/// characters.
pub fn build_sca_redirect_url(redirect_url: &str, return_url: &str) -> Result<String, Report> {
    let mut r = Report::new();
    check_url(
        &mut r,
        REDIRECT,
        redirect_url,
        has_http_scheme,
        "the absolute https:// URL returned in PendingUserAction",
    );
    check_url(
        &mut r,
        RETURN,
        return_url,
        has_scheme,
        "an absolute URL such as https://example.com/done",
    );
    if !r.is_ok() {
        return Err(r);
    }

    let (base, fragment) = match redirect_url.split_once('#') {
        Some((base, fragment)) => (base, Some(fragment)),
        None => (redirect_url, None),
    };
    let separator = if !base.contains('?') {
        "?"
    } else if base.ends_with('?') || base.ends_with('&') {
        ""
    } else {
        "&"
    };
    let mut url = format!(
        "{base}{separator}returnUrl={}",
        encode_component(return_url)
    );
    if let Some(fragment) = fragment {
        url.push('#');
        url.push_str(fragment);
    }

    let len = url.chars().count();
    if len >= SCA_URL_MAX_CHARS {
        let message = format!(
            "The RedirectUrl with the encoded returnUrl must be less than 2,000 characters (it would be {len})."
        );
        r.push(RETURN, IssueCode::TooLong, message);
        return Err(r);
    }
    Ok(url)
}

/// Records `required` for a blank URL and `invalid_format` when `well_formed` refuses it.
fn check_url(r: &mut Report, path: &str, url: &str, well_formed: fn(&str) -> bool, expected: &str) {
    if is_blank(url) {
        r.push(
            path,
            IssueCode::Required,
            format!("The {path} field is required."),
        );
    } else if !well_formed(url) {
        let message = format!("The {path} must be {expected} (got '{}').", shorten(url));
        r.push(path, IssueCode::InvalidFormat, message);
    }
}

/// `scheme ":"` with an RFC 3986 scheme (a letter, then letters, digits, `+`, `-`, `.`).
fn has_scheme(url: &str) -> bool {
    match url.split_once(':') {
        Some((scheme, rest)) => {
            let mut chars = scheme.chars();
            chars.next().is_some_and(|c| c.is_ascii_alphabetic())
                && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
                && !rest.is_empty()
        }
        None => false,
    }
}

fn has_http_scheme(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    (lower.starts_with("https://") && url.len() > 8)
        || (lower.starts_with("http://") && url.len() > 7)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_schemes() {
        assert!(has_scheme("https://example.com"));
        assert!(has_scheme("myapp://done"));
        assert!(has_scheme("com.example.app:/callback"));
        assert!(!has_scheme("example.com/done"));
        assert!(!has_scheme("/done"));
        assert!(!has_scheme("1abc://x"));
        assert!(!has_scheme("https:"));
        assert!(has_http_scheme("HTTPS://sca.mangopay.com"));
        assert!(!has_http_scheme("https://"));
        assert!(!has_http_scheme("ftp://x"));
    }
}
