//! Mangopay's request rules as validators over dynamic JSON.
//!
//! A validator takes a [`serde_json::Value`] (not only a typed struct) so that it can report
//! *every* issue in one pass — wrong types included — as a [`Report`] of [`Issue`]s. Each issue
//! has a `path` in the API's notation (`Address.Country`, `LegalRepresentative.Email`), a stable
//! machine [`IssueCode`] and an English message. A report renders to exactly the server's
//! `param_error` body, so a form handles client- and server-side errors with one code path.
//!
//! Rules are the documented ones, no more: a client-side validator must never be stricter than
//! the server, because it cannot see the stored user.

mod report;

pub use report::{Issue, IssueCode, Report, PARAM_ERROR_MESSAGE};
