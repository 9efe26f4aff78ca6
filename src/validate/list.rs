//! The JS-facing list options `{page, perPage, sort, ...filters}`.
//!
//! Sources (`Mangopay/docs`): `snippets/p-query/page.mdx` ("Start value: 1"), `per_page.mdx`
//! ("Min. value: 1; max. value: 100"), `Sort.mdx` ("CreationDate:ASC, CreationDate:DESC"),
//! `BeforeDate.mdx`/`AfterDate.mdx` (Unix timestamps), `ScaContext.mdx` (USER_PRESENT,
//! USER_NOT_PRESENT), `Status.mdx`, `Type.mdx`, `Nature.mdx`, `ResultCode.mdx` (strings; several
//! values may be joined with commas), `Active` on the bank account and card lists (boolean),
//! `PaymentStatus` on the preauthorization list (string).
//!
//! | option | rule |
//! |---|---|
//! | page | integer ≥ 1 |
//! | perPage | integer 1–100 |
//! | sort | `CreationDate:ASC` or `CreationDate:DESC` |
//! | BeforeDate, AfterDate | integer Unix timestamp |
//! | Active | boolean |
//! | ScaContext | USER_PRESENT or USER_NOT_PRESENT |
//! | Status, Type, Nature, ResultCode, PaymentStatus | string (values differ per list, so they are not checked) |
//! | anything else | `not_allowed`: an unknown option is a client mistake the server would silently ignore |
//!
//! `null` means "not set".

use super::checks::{shorten, with_root, Obj};
use super::report::{IssueCode, Report};
use super::tape::Json;
use super::user::SCA_CONTEXTS;

/// The options a list call accepts.
const KNOWN: &[&str] = &[
    "page",
    "perPage",
    "sort",
    "Status",
    "Type",
    "BeforeDate",
    "AfterDate",
    "Active",
    "ScaContext",
    "Nature",
    "ResultCode",
    "PaymentStatus",
];

/// Sort values. Source: `snippets/p-query/Sort.mdx`.
const SORTS: &[&str] = &["CreationDate:ASC", "CreationDate:DESC"];

/// Validates list options.
pub(crate) fn validate(options: Json<'_>) -> Report {
    with_root(options, |o, r| {
        if o.integer(r, "page", false).is_some_and(|page| page < 1) {
            r.push("page", IssueCode::OutOfRange, "The page must be 1 or more.");
        }
        o.int_range(r, "perPage", false, 1, 100);
        o.one_of(r, "sort", false, SORTS);
        o.timestamp(r, "BeforeDate", false);
        o.timestamp(r, "AfterDate", false);
        o.boolean(r, "Active", false);
        o.one_of(r, "ScaContext", false, SCA_CONTEXTS);
        for key in ["Status", "Type", "Nature", "ResultCode", "PaymentStatus"] {
            o.string(r, key, false);
        }
        unknown_keys(o, r);
    })
}

fn unknown_keys(o: &Obj<'_>, r: &mut Report) {
    for key in o.keys().keys() {
        if KNOWN.contains(&key.as_str()) {
            continue;
        }
        let hint = KNOWN
            .iter()
            .find(|k| normalise(k) == normalise(key))
            .map(|k| format!(" Did you mean '{k}'?"))
            .unwrap_or_default();
        let message = format!("Unknown list option '{}'.{hint}", shorten(key));
        r.push(key.as_str(), IssueCode::NotAllowed, message);
    }
}

/// Lower case without `_`: `per_page`, `PerPage` and `perPage` compare equal.
fn normalise(key: &str) -> String {
    key.chars()
        .filter(|c| *c != '_')
        .flat_map(char::to_lowercase)
        .collect()
}
