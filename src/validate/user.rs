//! Rules shared by every user validator: category, terms, tag, phone, address, SCA context.

use super::checks::{is_blank, push_required, Obj};
use super::country::{self, Blocked};
use super::report::{IssueCode, Report};

/// Which kind of user request a validator checks; it decides what may be required.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// `POST` create: the documented required fields are required.
    Create,
    /// `PUT` update: partial, only the fields present are checked (the stored user is unknown).
    Update,
    /// `PUT …/category`: PAYER → OWNER with the fields the endpoint requires.
    Categorize,
}

/// `UserCategory` values a request may send.
///
/// Source: `snippets/p-body/UserCategory.mdx` ("Allowed values: PAYER, OWNER"; PLATFORM is
/// assigned by Mangopay only).
pub(crate) const USER_CATEGORIES: &[&str] = &["PAYER", "OWNER"];

/// `LegalPersonType` values. Source: `snippets/p-body/LegalPersonType.mdx`.
pub(crate) const LEGAL_PERSON_TYPES: &[&str] =
    &["BUSINESS", "PARTNERSHIP", "ORGANIZATION", "SOLETRADER"];

/// `ScaContext` values. Source: `snippets/p-body/ScaContext_User_Creation.mdx` (optional,
/// default `USER_PRESENT`).
pub(crate) const SCA_CONTEXTS: &[&str] = &["USER_PRESENT", "USER_NOT_PRESENT"];

/// The message of the server's 403 `user_hasnt_accepted_terms_and_conditions`.
const TERMS_MESSAGE: &str =
    "User must accept the terms and conditions before account creation or modification.";

/// The type of a user, as `PersonType` spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PersonType {
    /// `NATURAL`: an individual.
    Natural,
    /// `LEGAL`: a company, non-profit or sole trader.
    Legal,
}

impl PersonType {
    /// The wire value (`"NATURAL"`, `"LEGAL"`).
    pub fn as_str(self) -> &'static str {
        match self {
            PersonType::Natural => "NATURAL",
            PersonType::Legal => "LEGAL",
        }
    }

    /// Parses a wire value, ignoring ASCII case.
    pub fn parse(s: &str) -> Option<Self> {
        [PersonType::Natural, PersonType::Legal]
            .into_iter()
            .find(|t| t.as_str().eq_ignore_ascii_case(s))
    }
}

/// The type of a legal user, as `LegalPersonType` spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LegalPersonType {
    /// `BUSINESS`
    Business,
    /// `PARTNERSHIP`
    Partnership,
    /// `ORGANIZATION`
    Organization,
    /// `SOLETRADER`
    Soletrader,
}

impl LegalPersonType {
    /// The wire value (`"BUSINESS"`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            LegalPersonType::Business => "BUSINESS",
            LegalPersonType::Partnership => "PARTNERSHIP",
            LegalPersonType::Organization => "ORGANIZATION",
            LegalPersonType::Soletrader => "SOLETRADER",
        }
    }

    /// Parses a wire value, ignoring ASCII case.
    pub fn parse(s: &str) -> Option<Self> {
        [
            LegalPersonType::Business,
            LegalPersonType::Partnership,
            LegalPersonType::Organization,
            LegalPersonType::Soletrader,
        ]
        .into_iter()
        .find(|t| t.as_str().eq_ignore_ascii_case(s))
    }
}

/// Checks `UserCategory` and returns whether the request makes the user an OWNER.
///
/// Create: required, PAYER or OWNER. Update: optional, PAYER or OWNER. Categorize: required and
/// must be OWNER (`not_allowed` otherwise; source `snippets/p-body/UserCategory2.mdx`, "The new
/// category of the user, which must be `OWNER`"), so the result is always true there.
pub(crate) fn user_category(o: &Obj<'_>, r: &mut Report, mode: Mode) -> bool {
    match mode {
        Mode::Create => o.one_of(r, "UserCategory", true, USER_CATEGORIES) == Some("OWNER"),
        Mode::Update => o.one_of(r, "UserCategory", false, USER_CATEGORIES) == Some("OWNER"),
        Mode::Categorize => {
            if let Some(value) = o.code(r, "UserCategory", true) {
                if !value.eq_ignore_ascii_case("OWNER") {
                    r.push(
                        o.path("UserCategory"),
                        IssueCode::NotAllowed,
                        "The new category of the user must be OWNER.",
                    );
                }
            }
            true
        }
    }
}

/// Checks `TermsAndConditionsAccepted`: a required boolean on create and categorize, which must
/// be `true` for an OWNER (sources `snippets/p-body/TermsAndConditionsAccepted.mdx`, "Must be
/// `true` if `UserCategory` is `OWNER`"; `TermsAndConditionsAccepted1.mdx`, "Allowed values:
/// `true`" on categorize). On update only its type is checked: acceptance cannot be revoked
/// and is stored, and Mangopay's own update example (`snippets/code/rest-update-natural-user-sca.mdx`)
/// sends `false` together with `UserCategory: OWNER`, so refusing it would be stricter than the API.
pub(crate) fn terms(o: &Obj<'_>, r: &mut Report, mode: Mode, owner: bool) {
    let required = mode != Mode::Update;
    let value = o.boolean(r, "TermsAndConditionsAccepted", required);
    if mode != Mode::Update && value == Some(false) && owner {
        r.push(
            o.path("TermsAndConditionsAccepted"),
            IssueCode::MustBeTrue,
            TERMS_MESSAGE,
        );
    }
}

/// `Tag`: at most 255 characters. Source: `snippets/p-body/Tag3.mdx` (as rendered on every
/// user endpoint page: "Max. length: 255 characters").
pub(crate) fn tag(o: &Obj<'_>, r: &mut Report) {
    o.text(r, "Tag", false, 0, 255);
}

/// `ScaContext`: optional, `USER_PRESENT` or `USER_NOT_PRESENT`.
pub(crate) fn sca_context(o: &Obj<'_>, r: &mut Report) {
    o.one_of(r, "ScaContext", false, SCA_CONTEXTS);
}

/// `PhoneNumber` and `PhoneNumberCountry` (sources `snippets/p-body/PhoneNumber.mdx`,
/// `PhoneNumberCountry.mdx`): the number is E.164 (`+` then the country code) or local; a local
/// number requires `PhoneNumberCountry`, which is an ISO 3166-1 alpha-2 code not subject to
/// country restrictions. The local-format rule is checked only when `local_needs_country` (on
/// create): on update and categorize the stored `PhoneNumberCountry` may already apply.
///
/// Not checked: the digits themselves (the docs give no pattern for "local format"), and
/// "required if OWNER" which older snippet revisions carried — the current pages and the SCA FAQ
/// ("A phone number is mandatory for SCA but in the API it is optional") drop it.
pub(crate) fn phone(o: &Obj<'_>, r: &mut Report, local_needs_country: bool) {
    let number = o.string(r, "PhoneNumber", false);
    // An empty string is read as null by the server, so it does not count as a country.
    let has_country = o
        .get("PhoneNumberCountry")
        .is_some_and(|v| v.as_str() != Some(""));
    o.country(r, "PhoneNumberCountry", false, Blocked::Never);
    if let Some(number) = number {
        let local = !is_blank(number) && !number.trim_start().starts_with('+');
        if local_needs_country && local && !has_country {
            r.push(
                o.path("PhoneNumberCountry"),
                IssueCode::Required,
                "The PhoneNumberCountry field is required when PhoneNumber is in local format.",
            );
        }
    }
}

/// An address object at `key` (sources `snippets/p-body/Address3.mdx` and its parts
/// `AddressLine1.mdx`, `City.mdx`, `Region1.mdx`, `PostalCode1.mdx`, `Country1.mdx`):
///
/// | field | rule |
/// |---|---|
/// | AddressLine1 | required, ≤ 255 |
/// | AddressLine2 | ≤ 255 |
/// | City | required, ≤ 255 |
/// | Region | ≤ 255; required if Country is US, CA or MX |
/// | PostalCode | required (except the countries the 2015 address note exempts), ≤ 255, letters, digits, dashes and spaces |
/// | Country | required, ISO 3166-1 alpha-2, blocked per `blocked` |
///
/// "Required" applies inside an address that is sent: an address whose fields are all null or
/// blank (the shape the API returns for a PAYER) carries no data and counts as absent. On update
/// nothing inside is required (partial update); formats and lengths still apply.
pub(crate) fn address(
    o: &Obj<'_>,
    r: &mut Report,
    key: &str,
    required: bool,
    mode: Mode,
    blocked: Blocked,
) {
    let Some(map) = o.object(r, key, required) else {
        return;
    };
    let path = o.path(key);
    let a = Obj::nested(map, &path);
    if a.is_vacant() {
        if required {
            push_required(r, &path);
        }
        return;
    }
    let full = mode != Mode::Update;
    a.text(r, "AddressLine1", full, 0, 255);
    a.text(r, "AddressLine2", false, 0, 255);
    a.text(r, "City", full, 0, 255);
    let country = a.country(r, "Country", full, blocked);

    let region = a.text(r, "Region", false, 0, 255);
    if let Some(code) = country.filter(|c| full && country::needs_region(c)) {
        if region.is_none_or(is_blank) && !r.has(&a.path("Region"), IssueCode::InvalidType) {
            let message = format!("The Region field is required when Country is {code}.");
            r.push(a.path("Region"), IssueCode::Required, message);
        }
    }

    let postal_required = full && country.is_none_or(country::needs_postal_code);
    if let Some(postal) = a.text(r, "PostalCode", postal_required, 0, 255) {
        if !postal
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == ' ')
        {
            r.push(
                a.path("PostalCode"),
                IssueCode::InvalidFormat,
                "The postal code can contain the following characters: alphanumeric, dashes, and spaces.",
            );
        }
    }
}
