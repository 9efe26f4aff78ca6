//! `POST /users/data-formats/validation`: the company-number format check.
//!
//! Source: `Mangopay/docs` `api-reference/user-data-format/validate-user-data-format.mdx` with
//! `snippets/p-body/CompanyNumber1.mdx` (object), `CompanyNumber2.mdx` and `CountryCode.mdx`:
//!
//! | field | rule |
//! |---|---|
//! | CompanyNumber | required object |
//! | CompanyNumber.CompanyNumber | required string; non-alphanumerics are stripped by the server, so any text is accepted |
//! | CompanyNumber.CountryCode | required ISO 3166-1 alpha-2 code ("The requested value is not an ISO 3166-1 alpha-2 code which is expected.") |
//!
//! Whether the number matches the country's format is the endpoint's *answer* (`IsValid`), not
//! a request error, so it is not checked here.

use super::checks::{with_root, Obj};
use super::country::Blocked;
use super::report::Report;
use super::tape::Json;

/// Validates the body of `POST /users/data-formats/validation`.
pub(crate) fn validate(body: Json<'_>) -> Report {
    with_root(body, |o, r| {
        if let Some(map) = o.object(r, "CompanyNumber", true) {
            let path = o.path("CompanyNumber");
            let c = Obj::nested(map, &path);
            c.string(r, "CompanyNumber", true);
            c.country(r, "CountryCode", true, Blocked::Never);
        }
    })
}
