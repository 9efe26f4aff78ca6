//! Legal users: create, update and categorize, SCA (nested `LegalRepresentative`) and legacy
//! (flat `LegalRepresentative…` fields).
//!
//! Sources (`Mangopay/docs`): `api-reference/users/create-legal-user-sca.mdx`,
//! `update-legal-user-sca.mdx`, `categorize-legal-user.mdx`, `create-legal-user.mdx`,
//! `update-legal-user.mdx` and their snippets (`LegalRepresentative.mdx`,
//! `LegalRepresentative3.mdx`, `HeadquartersAddress2.mdx`, `CompanyNumber3.mdx`, `Email9.mdx`,
//! `Email5.mdx`), cross-checked with the rendered pages on docs.mangopay.com:
//!
//! | field (SCA / legacy) | create | categorize | rule |
//! |---|---|---|---|
//! | Name | required | not a parameter | ≤ 255 |
//! | LegalPersonType | required | not a parameter | BUSINESS, PARTNERSHIP, ORGANIZATION, SOLETRADER |
//! | LegalRepresentative (SCA object) | required | required | object |
//! | ….FirstName, ….LastName | required | not a parameter | 1–100 chars |
//! | ….Birthday | required if OWNER | required | integer Unix timestamp |
//! | ….Nationality | required if OWNER | required | ISO alpha-2; KP blocked |
//! | ….CountryOfResidence | required if OWNER | required | ISO alpha-2; user-blocked list |
//! | ….Email | SCA: required if OWNER (`Email9.mdx`); legacy: optional | optional (`Email5.mdx`, "optionally update") | server pattern |
//! | LegalRepresentative.PhoneNumber/-Country (SCA) | local needs country | – | see [`super::user::phone`] |
//! | HeadquartersAddress | required if OWNER | required | address; Country user-blocked |
//! | LegalRepresentativeAddress | – | not a parameter | address; Country user-blocked |
//! | CompanyNumber | required if OWNER and BUSINESS | required if the body says BUSINESS (the stored type is unknown) | string |
//! | Tag, Email, TermsAndConditionsAccepted, UserCategory, ScaContext (SCA) | as for natural users | | |
//!
//! On update every field is optional and only the fields present are checked.

use super::checks::{with_root, Obj};
use super::country::Blocked;
use super::report::Report;
use super::tape::Json;
use super::user::{self, Mode, LEGAL_PERSON_TYPES};

/// Validates a legal-user body for `mode`; `sca` selects the `/sca/users/legal` family.
pub(crate) fn validate(body: Json<'_>, mode: Mode, sca: bool) -> Report {
    with_root(body, |o, r| check(o, r, mode, sca))
}

fn check(o: &Obj<'_>, r: &mut Report, mode: Mode, sca: bool) {
    let creating = mode == Mode::Create;
    let categorizing = mode == Mode::Categorize;
    let owner = user::user_category(o, r, mode);
    let owner_data = (creating && owner) || categorizing;

    let person_type = if categorizing {
        o.peek_one_of("LegalPersonType", LEGAL_PERSON_TYPES)
    } else {
        o.text(r, "Name", creating, 0, 255);
        o.one_of(r, "LegalPersonType", creating, LEGAL_PERSON_TYPES)
    };

    let representative_email_required = sca && creating && owner;
    if sca {
        if let Some(map) = o.object(r, "LegalRepresentative", creating || categorizing) {
            let path = o.path("LegalRepresentative");
            let lr = Obj::nested(map, &path);
            representative(&lr, r, "", mode, owner, representative_email_required);
            user::phone(&lr, r, creating);
        }
    } else {
        representative(o, r, "LegalRepresentative", mode, owner, false);
    }

    user::address(
        o,
        r,
        "HeadquartersAddress",
        owner_data,
        mode,
        Blocked::UserCountry,
    );
    o.string(
        r,
        "CompanyNumber",
        owner_data && person_type == Some("BUSINESS"),
    );

    if !categorizing {
        user::address(
            o,
            r,
            "LegalRepresentativeAddress",
            false,
            mode,
            Blocked::UserCountry,
        );
        user::tag(o, r);
        o.email(r, "Email", creating);
    }

    user::terms(o, r, mode, owner);
    if sca {
        user::sca_context(o, r);
    }
}

/// The legal representative's fields, named `{prefix}FirstName` etc. in `o`: `o` is the nested
/// `LegalRepresentative` object with an empty prefix (SCA), or the body with the prefix
/// `LegalRepresentative` (legacy).
fn representative(
    o: &Obj<'_>,
    r: &mut Report,
    prefix: &str,
    mode: Mode,
    owner: bool,
    email_required: bool,
) {
    let key = |name: &str| format!("{prefix}{name}");
    let creating = mode == Mode::Create;
    if mode != Mode::Categorize {
        o.text(r, &key("FirstName"), creating, 1, 100);
        o.text(r, &key("LastName"), creating, 1, 100);
    }
    let owner_data = (creating && owner) || mode == Mode::Categorize;
    o.timestamp(r, &key("Birthday"), owner_data);
    o.country(r, &key("Nationality"), owner_data, Blocked::Nationality);
    o.country(
        r,
        &key("CountryOfResidence"),
        owner_data,
        Blocked::UserCountry,
    );
    o.email(r, &key("Email"), email_required);
}
