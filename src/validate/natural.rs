//! Natural users: create, update and categorize, SCA and legacy.
//!
//! Sources (`Mangopay/docs`): `api-reference/users/create-natural-user-sca.mdx`,
//! `update-natural-user-sca.mdx`, `categorize-natural-user.mdx`, `create-natural-user.mdx`,
//! `update-natural-user.mdx`, with the per-field snippets they import:
//!
//! | field | create | update | categorize | rule |
//! |---|---|---|---|---|
//! | FirstName, LastName | required | – | not a parameter | 1–100 chars (`FirstName1.mdx`, `LastName1.mdx`) |
//! | Birthday | required if OWNER | – | required (`Birthday3.mdx`) | integer Unix timestamp, may be negative |
//! | Nationality | required if OWNER | – | required (`Nationality3.mdx`) | ISO alpha-2; KP blocked |
//! | CountryOfResidence | required if OWNER | – | required (`CountryOfResidence1.mdx`) | ISO alpha-2; user-blocked list |
//! | Occupation | – | – | not a parameter | ≤ 255 (`Occupation.mdx`) |
//! | IncomeRange | – | – | not a parameter | integer 1–6 or null (`IncomeRange.mdx`) |
//! | Tag | – | – | not a parameter | ≤ 255 |
//! | Email | required (`Email4.mdx`) | – (`Email5.mdx`) | – (`Email5.mdx`) | server pattern |
//! | PhoneNumber, PhoneNumberCountry (SCA) | local needs country | – | – | see [`super::user::phone`] |
//! | Address | – | – | not a parameter | see [`super::user::address`]; Country user-blocked |
//! | TermsAndConditionsAccepted | required; true if OWNER | – | required, true | boolean |
//! | UserCategory | required, PAYER/OWNER | PAYER/OWNER | required, OWNER | |
//! | ScaContext (SCA) | – | – | – | USER_PRESENT / USER_NOT_PRESENT |
//!
//! "–" means optional. On update every field is optional and only the fields present are
//! checked. Fields an endpoint does not document (e.g. `Occupation` on categorize, `PhoneNumber`
//! on legacy endpoints) are ignored, as the server ignores them.

use super::checks::{with_root, Obj};
use super::country::Blocked;
use super::report::Report;
use super::tape::Json;
use super::user::{self, Mode};

/// Validates a natural-user body for `mode`; `sca` selects the `/sca/users/natural` family.
pub(crate) fn validate(body: Json<'_>, mode: Mode, sca: bool) -> Report {
    with_root(body, |o, r| check(o, r, mode, sca))
}

fn check(o: &Obj<'_>, r: &mut Report, mode: Mode, sca: bool) {
    let creating = mode == Mode::Create;
    let owner = user::user_category(o, r, mode);

    if mode != Mode::Categorize {
        o.text(r, "FirstName", creating, 1, 100);
        o.text(r, "LastName", creating, 1, 100);
    }

    let owner_data = (creating && owner) || mode == Mode::Categorize;
    o.timestamp(r, "Birthday", owner_data);
    o.country(r, "Nationality", owner_data, Blocked::Nationality);
    o.country(r, "CountryOfResidence", owner_data, Blocked::UserCountry);

    if mode != Mode::Categorize {
        o.text(r, "Occupation", false, 0, 255);
        o.int_range(r, "IncomeRange", false, 1, 6);
        user::tag(o, r);
    }

    o.email(r, "Email", creating);

    if sca {
        user::phone(o, r, creating);
    }

    if mode != Mode::Categorize {
        user::address(o, r, "Address", false, mode, Blocked::UserCountry);
    }

    user::terms(o, r, mode, owner);

    if sca {
        user::sca_context(o, r);
    }
}
