//! Country codes: the ISO 3166-1 alpha-2 codes Mangopay accepts, and the ones it blocks per field.

/// Accepted ISO 3166-1 alpha-2 codes, sorted.
///
/// Source: `Mangopay/docs` `api-reference/overview/data-formats.mdx` ("Accepted values are the
/// following: AD, AE, …, ZW", 249 codes), plus the four codes that
/// `guides/users/country-restrictions.mdx` names and the server therefore knows: AN, WL, YU
/// (blocked, see [`BLOCKED_FOR_USERS`]) and XK (Kosovo, "no restrictions"). Accepting them is the
/// lenient reading; the blocked ones are still reported as `country_blocked` where they apply.
const ACCEPTED: &[&str] = &[
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AN", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX",
    "AZ", "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR",
    "BS", "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM",
    "CN", "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC",
    "EE", "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE",
    "GF", "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK",
    "HM", "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE",
    "JM", "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB",
    "LC", "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH",
    "MK", "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ",
    "NA", "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF",
    "PG", "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU",
    "RW", "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR",
    "SS", "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN",
    "TO", "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG",
    "VI", "VN", "VU", "WF", "WL", "WS", "XK", "YE", "YT", "YU", "ZA", "ZM", "ZW",
];

/// Countries for which user creation is blocked ("All restrictions applied"), sorted.
///
/// Source: `Mangopay/docs` `guides/users/country-restrictions.mdx` (repository HEAD b5488f7, as
/// summarised in `shared/reference/mangopay-api.md` §1.5): CU, IR, KP, MM, SY plus AN, BV, GS,
/// HM, WL, YU. Older revisions of the guide also listed IQ and SS; the current one does not, so
/// they are accepted (a validator must never be stricter than the server).
///
/// Applies per field, as the guide lists them: natural `CountryOfResidence` and
/// `Address.Country`; legal `HeadquartersAddress.Country`, `LegalRepresentative.CountryOfResidence`
/// (legacy `LegalRepresentativeCountryOfResidence`) and `LegalRepresentativeAddress.Country`.
const BLOCKED_FOR_USERS: &[&str] = &[
    "AN", "BV", "CU", "GS", "HM", "IR", "KP", "MM", "SY", "WL", "YU",
];

/// Countries blocked as a nationality: "Restrictions on North Korea (KP) also apply to the
/// parameters `Nationality` (Natural User) and `LegalRepresentative.Nationality` (Legal User)".
///
/// Source: `guides/users/country-restrictions.mdx` (docs.mangopay.com, current version).
const BLOCKED_NATIONALITIES: &[&str] = &["KP"];

/// Countries whose addresses need a `Region`.
///
/// Source: `snippets/p-body/Region1.mdx` ("Required if `Country` is US, CA, or MX").
const REGION_REQUIRED: &[&str] = &["CA", "MX", "US"];

/// Countries whose addresses may omit the `PostalCode`, sorted.
///
/// Source: docs.mangopay.com `release-notes/api/2015-06-05-new-api-version-v201` (address
/// object: "PostalCode … not required if the Country is one of …"). The current snippets mark
/// `PostalCode` required without exceptions; honouring the documented exceptions is the lenient
/// reading.
const POSTAL_CODE_OPTIONAL: &[&str] = &[
    "AE", "AG", "AN", "AO", "AW", "BF", "BI", "BJ", "BS", "BW", "BZ", "CD", "CF", "CG", "CI", "CK",
    "CM", "DJ", "DM", "ER", "FJ", "GD", "GH", "GM", "GN", "GQ", "GY", "HK", "IE", "JM", "KE", "KI",
    "KM", "KN", "KP", "LC", "ML", "MO", "MR", "MS", "MU", "MW", "NR", "NU", "PA", "QA", "RW", "SA",
    "SB", "SC", "SL", "SO", "SR", "ST", "SY", "TF", "TK", "TL", "TO", "TT", "TV", "TZ", "UG", "VU",
    "YE", "ZA", "ZW",
];

/// Which blocking list applies to a country field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Blocked {
    /// The field is not subject to country restrictions (e.g. `PhoneNumberCountry`).
    Never,
    /// A residence or address country of a user: the full user-creation list.
    UserCountry,
    /// A nationality: only the countries the guide names for nationalities (KP).
    Nationality,
}

impl Blocked {
    /// True when `code` (canonical, upper case) is blocked for this kind of field.
    pub(crate) fn blocks(self, code: &str) -> bool {
        match self {
            Blocked::Never => false,
            Blocked::UserCountry => contains(BLOCKED_FOR_USERS, code),
            Blocked::Nationality => contains(BLOCKED_NATIONALITIES, code),
        }
    }
}

fn contains(sorted: &[&'static str], code: &str) -> bool {
    find(sorted, code).is_some()
}

/// Binary search of a sorted table of two-letter codes, comparing codes as numbers (faster than
/// `str` comparison; every entry is two ASCII letters, so the orders agree).
fn find(sorted: &[&'static str], code: &str) -> Option<&'static str> {
    let key = code_number(code)?;
    let (mut low, mut high) = (0, sorted.len());
    while low < high {
        let mid = low + (high - low) / 2;
        let entry = *sorted.get(mid)?;
        match code_number(entry)?.cmp(&key) {
            std::cmp::Ordering::Less => low = mid + 1,
            std::cmp::Ordering::Greater => high = mid,
            std::cmp::Ordering::Equal => return Some(entry),
        }
    }
    None
}

/// A two-byte code as a number in the order of `str` comparison; `None` for other lengths.
#[inline(always)]
fn code_number(code: &str) -> Option<u16> {
    match *code.as_bytes() {
        [a, b] => Some(u16::from(a) << 8 | u16::from(b)),
        _ => None,
    }
}

/// The accepted code equal to `code` ignoring ASCII case (`"fr"` → `"FR"`), if any.
pub(crate) fn canonical(code: &str) -> Option<&'static str> {
    let [a, b] = <[u8; 2]>::try_from(code.as_bytes()).ok()?;
    let upper = [a.to_ascii_uppercase(), b.to_ascii_uppercase()];
    find(ACCEPTED, std::str::from_utf8(&upper).ok()?)
}

/// True when `code` is an ISO 3166-1 alpha-2 code Mangopay accepts (ASCII case ignored).
pub fn is_accepted_country(code: &str) -> bool {
    canonical(code).is_some()
}

/// True when an address in `country` (canonical) must carry a `Region`.
pub(crate) fn needs_region(country: &str) -> bool {
    contains(REGION_REQUIRED, country)
}

/// True when an address in `country` (canonical) must carry a `PostalCode`.
pub(crate) fn needs_postal_code(country: &str) -> bool {
    !contains(POSTAL_CODE_OPTIONAL, country)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted_for_binary_search() {
        for table in [
            ACCEPTED,
            BLOCKED_FOR_USERS,
            BLOCKED_NATIONALITIES,
            REGION_REQUIRED,
            POSTAL_CODE_OPTIONAL,
        ] {
            assert!(table.windows(2).all(|w| w[0] < w[1]), "{table:?}");
        }
        assert_eq!(ACCEPTED.len(), 253);
        for table in [
            ACCEPTED,
            BLOCKED_FOR_USERS,
            BLOCKED_NATIONALITIES,
            REGION_REQUIRED,
            POSTAL_CODE_OPTIONAL,
        ] {
            assert!(table
                .iter()
                .all(|c| c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase())));
        }
    }

    #[test]
    fn every_listed_country_is_accepted() {
        for code in BLOCKED_FOR_USERS
            .iter()
            .chain(BLOCKED_NATIONALITIES)
            .chain(REGION_REQUIRED)
            .chain(POSTAL_CODE_OPTIONAL)
        {
            assert!(is_accepted_country(code), "{code}");
        }
    }

    #[test]
    fn canonicalises_case_and_rejects_the_rest() {
        assert_eq!(canonical("fr"), Some("FR"));
        assert_eq!(canonical("Fr"), Some("FR"));
        assert_eq!(canonical("FRA"), None);
        assert_eq!(canonical("ZZ"), None);
        assert_eq!(canonical("É"), None);
        assert_eq!(canonical(""), None);
    }

    #[test]
    fn blocks_per_field() {
        assert!(Blocked::UserCountry.blocks("IR"));
        assert!(!Blocked::Nationality.blocks("IR"));
        assert!(Blocked::Nationality.blocks("KP"));
        assert!(!Blocked::Never.blocks("KP"));
        assert!(!Blocked::UserCountry.blocks("IQ"));
        assert!(!Blocked::UserCountry.blocks("RU"));
    }
}
