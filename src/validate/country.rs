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
            Blocked::UserCountry => BLOCKED_FOR_USERS_SET.contains(code),
            Blocked::Nationality => BLOCKED_NATIONALITIES_SET.contains(code),
        }
    }
}

/// Words of a [`CodeSet`]: one bit per pair of letters `AA`..`ZZ` (26 × 26 = 676 bits).
const SET_WORDS: usize = 26 * 26 / 32 + 1;

/// A set of two-letter codes as a bitmap, built at compile time from a sorted table: membership
/// is one bit test, and the rank of a bit (the set bits before it) is the code's index in the
/// table, so the table's own `&'static str` can be returned.
struct CodeSet {
    bits: [u32; SET_WORDS],
    /// Set bits in the words before each word.
    ranks: [u16; SET_WORDS],
}

impl CodeSet {
    /// The set of a sorted table of upper-case two-letter codes (checked by the tests).
    /// Evaluated at compile time only (the statics below), where indexing cannot fail at run time.
    #[allow(clippy::indexing_slicing)]
    const fn new(table: &[&str]) -> CodeSet {
        let mut bits = [0u32; SET_WORDS];
        let mut i = 0;
        while i < table.len() {
            let code = table[i].as_bytes();
            if code.len() == 2 && code[0].is_ascii_uppercase() && code[1].is_ascii_uppercase() {
                let bit = (code[0] - b'A') as usize * 26 + (code[1] - b'A') as usize;
                bits[bit / 32] |= 1 << (bit % 32);
            }
            i += 1;
        }
        let mut ranks = [0u16; SET_WORDS];
        let mut w = 1;
        while w < SET_WORDS {
            ranks[w] = ranks[w - 1] + bits[w - 1].count_ones() as u16;
            w += 1;
        }
        CodeSet { bits, ranks }
    }

    /// The bit of an upper-case two-letter code; `None` for anything else.
    #[inline(always)]
    fn bit(code: &[u8]) -> Option<usize> {
        match *code {
            [a @ b'A'..=b'Z', b @ b'A'..=b'Z'] => {
                Some(usize::from(a - b'A') * 26 + usize::from(b - b'A'))
            }
            _ => None,
        }
    }

    /// True when the set holds the bit.
    #[inline(always)]
    fn has(&self, bit: usize) -> bool {
        self.bits
            .get(bit / 32)
            .is_some_and(|w| w >> (bit % 32) & 1 == 1)
    }

    fn contains(&self, code: &str) -> bool {
        Self::bit(code.as_bytes()).is_some_and(|bit| self.has(bit))
    }

    /// The index in the set's table of a bit the set holds.
    fn rank(&self, bit: usize) -> Option<usize> {
        let word = self.bits.get(bit / 32)?;
        let below = word & ((1u32 << (bit % 32)) - 1);
        Some(usize::from(*self.ranks.get(bit / 32)?) + below.count_ones() as usize)
    }
}

static ACCEPTED_SET: CodeSet = CodeSet::new(ACCEPTED);
static BLOCKED_FOR_USERS_SET: CodeSet = CodeSet::new(BLOCKED_FOR_USERS);
static BLOCKED_NATIONALITIES_SET: CodeSet = CodeSet::new(BLOCKED_NATIONALITIES);
static REGION_REQUIRED_SET: CodeSet = CodeSet::new(REGION_REQUIRED);
static POSTAL_CODE_OPTIONAL_SET: CodeSet = CodeSet::new(POSTAL_CODE_OPTIONAL);

/// The accepted code equal to `code` ignoring ASCII case (`"fr"` → `"FR"`), if any.
pub(crate) fn canonical(code: &str) -> Option<&'static str> {
    let [a, b] = <[u8; 2]>::try_from(code.as_bytes()).ok()?;
    let bit = CodeSet::bit(&[a.to_ascii_uppercase(), b.to_ascii_uppercase()])?;
    if !ACCEPTED_SET.has(bit) {
        return None;
    }
    ACCEPTED.get(ACCEPTED_SET.rank(bit)?).copied()
}

/// True when `code` is an ISO 3166-1 alpha-2 code Mangopay accepts (ASCII case ignored).
pub fn is_accepted_country(code: &str) -> bool {
    canonical(code).is_some()
}

/// True when an address in `country` (canonical) must carry a `Region`.
pub(crate) fn needs_region(country: &str) -> bool {
    REGION_REQUIRED_SET.contains(country)
}

/// True when an address in `country` (canonical) must carry a `PostalCode`.
pub(crate) fn needs_postal_code(country: &str) -> bool {
    !POSTAL_CODE_OPTIONAL_SET.contains(country)
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
            assert!(table
                .iter()
                .all(|c| c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase())));
        }
        assert_eq!(ACCEPTED.len(), 253);
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
    fn code_sets_agree_with_their_tables() {
        for a in b'A'..=b'Z' {
            for b in b'A'..=b'Z' {
                let code = String::from_utf8(vec![a, b]).unwrap();
                let lower = code.to_ascii_lowercase();
                let listed = ACCEPTED.iter().copied().find(|c| *c == code);
                assert_eq!(canonical(&code), listed, "{code}");
                assert_eq!(canonical(&lower), listed, "{lower}");
                for (set, table) in [
                    (&BLOCKED_FOR_USERS_SET, BLOCKED_FOR_USERS),
                    (&BLOCKED_NATIONALITIES_SET, BLOCKED_NATIONALITIES),
                    (&REGION_REQUIRED_SET, REGION_REQUIRED),
                    (&POSTAL_CODE_OPTIONAL_SET, POSTAL_CODE_OPTIONAL),
                ] {
                    assert_eq!(
                        set.contains(&code),
                        table.contains(&code.as_str()),
                        "{code}"
                    );
                    assert!(!set.contains(&lower));
                }
            }
        }
        assert_eq!(canonical("a1"), None);
        assert_eq!(canonical("[A"), None);
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
