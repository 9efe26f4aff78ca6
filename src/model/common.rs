//! Shapes shared by many resources: postal addresses, amounts of money, timestamps.
//!
//! ## Conventions of every model
//! - **Responses** (`User…`, `KycDocument`, `Wallet`, …) make every field `Option` and default a
//!   missing field to `None`, so a field Mangopay stops sending never breaks parsing; `None`
//!   serializes as `null`, exactly as the API writes it. Unknown fields are ignored.
//! - **Requests** (`Create…`, `Update…`, `Categorize…`, `Submit…`) omit `None` fields when
//!   serialized, so an update only sends what changed. Only the fields the API requires in every
//!   case are non-`Option`; conditional rules (e.g. "required if OWNER") belong to the validators.
//! - Dates are [`Timestamp`]s; amounts are [`Money`] in minor units. No field is `u64`/`usize`, so
//!   no value becomes a `BigInt` in JavaScript.

use serde::{Deserialize, Serialize};

/// A Unix timestamp in seconds, UTC. Negative for dates before 1970 (birthdays).
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), tsify::declare)]
pub type Timestamp = i64;

/// A postal address as the API returns it.
///
/// For a legal PAYER, `HeadquartersAddress` comes back with every sub-field `null`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
#[serde(default)]
pub struct Address {
    /// The first line of the address.
    #[serde(rename = "AddressLine1")]
    pub address_line1: Option<String>,
    /// The second line of the address.
    #[serde(rename = "AddressLine2")]
    pub address_line2: Option<String>,
    /// The city.
    #[serde(rename = "City")]
    pub city: Option<String>,
    /// The region, state or county (required by the API for US, CA and MX).
    #[serde(rename = "Region")]
    pub region: Option<String>,
    /// The postal code.
    #[serde(rename = "PostalCode")]
    pub postal_code: Option<String>,
    /// The country, ISO 3166-1 alpha-2.
    #[serde(rename = "Country")]
    pub country: Option<String>,
}

impl Address {
    /// True when every sub-field is absent (the API's "no address").
    pub fn is_empty(&self) -> bool {
        self.address_line1.is_none()
            && self.address_line2.is_none()
            && self.city.is_none()
            && self.region.is_none()
            && self.postal_code.is_none()
            && self.country.is_none()
    }
}

/// A postal address in a request body: absent sub-fields are not sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
pub struct AddressInput {
    /// The first line of the address (required inside an address).
    #[serde(rename = "AddressLine1", skip_serializing_if = "Option::is_none")]
    pub address_line1: Option<String>,
    /// The second line of the address.
    #[serde(rename = "AddressLine2", skip_serializing_if = "Option::is_none")]
    pub address_line2: Option<String>,
    /// The city (required inside an address).
    #[serde(rename = "City", skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// The region (required if `Country` is US, CA or MX).
    #[serde(rename = "Region", skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// The postal code (required inside an address).
    #[serde(rename = "PostalCode", skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    /// The country, ISO 3166-1 alpha-2 (required inside an address).
    #[serde(rename = "Country", skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

impl AddressInput {
    /// True when every sub-field is absent; such an address should not be sent at all.
    pub fn is_empty(&self) -> bool {
        self.address_line1.is_none()
            && self.address_line2.is_none()
            && self.city.is_none()
            && self.region.is_none()
            && self.postal_code.is_none()
            && self.country.is_none()
    }
}

impl From<Address> for AddressInput {
    fn from(a: Address) -> Self {
        AddressInput {
            address_line1: a.address_line1,
            address_line2: a.address_line2,
            city: a.city,
            region: a.region,
            postal_code: a.postal_code,
            country: a.country,
        }
    }
}

/// An amount of money: a currency and an amount in its minor unit (12.60 EUR is `1260`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
#[serde(default)]
pub struct Money {
    /// The currency, ISO 4217 (`EUR`, `GBP`, …).
    #[serde(rename = "Currency")]
    pub currency: Option<String>,
    /// The amount in the currency's minor unit.
    #[serde(rename = "Amount")]
    pub amount: Option<i64>,
}

/// Lenient readers for fields whose wire type has varied between API and SDK generations.
pub(crate) mod lenient {
    use std::fmt;

    use serde::de::{self, Deserializer, Visitor};

    /// An optional integer sent as a number (`3`, `3.0`) or a numeric string (`"3"`), or `null`.
    /// Used for `IncomeRange`, which older payloads sent as a string.
    pub(crate) fn option_int<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
        struct V;

        impl<'de> Visitor<'de> for V {
            type Value = Option<i64>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an integer, a numeric string or null")
            }

            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }

            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }

            fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
                d.deserialize_any(self)
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(Some(v))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                i64::try_from(v)
                    .map(Some)
                    .map_err(|_| E::custom("integer out of range"))
            }

            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                float_to_int(v)
                    .map(Some)
                    .ok_or_else(|| E::custom("expected a whole number"))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                let t = v.trim();
                if t.is_empty() {
                    return Ok(None);
                }
                t.parse::<i64>()
                    .map(Some)
                    .map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
            }
        }

        d.deserialize_option(V)
    }

    /// A number written in decimal (Rust's float syntax: optional sign, digits with an optional
    /// fraction, optional exponent), read without floating point. Float parsing (`dec2flt`)
    /// would add ~7 KB to the wasm for the few headers that carry such numbers.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub(crate) struct Decimal {
        /// A minus sign was written (`-0` included).
        pub negative: bool,
        /// The integer part of the absolute value, saturated at `u64::MAX`.
        pub whole: u64,
        /// A non-zero fraction follows the integer part.
        pub fraction: bool,
    }

    impl Decimal {
        /// Reads `text` (no surrounding spaces); `None` when it is not a finite decimal number.
        pub(crate) fn parse(text: &str) -> Option<Decimal> {
            let bytes = text.as_bytes();
            let (negative, rest) = match bytes.split_first() {
                Some((b'-', rest)) => (true, rest),
                Some((b'+', rest)) => (false, rest),
                _ => (false, bytes),
            };
            let (mantissa, exponent) = match rest.iter().position(|b| matches!(b, b'e' | b'E')) {
                Some(i) => (rest.get(..i)?, Some(rest.get(i + 1..)?)),
                None => (rest, None),
            };
            let (int, frac) = match mantissa.iter().position(|&b| b == b'.') {
                Some(i) => (mantissa.get(..i)?, mantissa.get(i + 1..)?),
                None => (mantissa, &[][..]),
            };
            let digits = || int.iter().chain(frac);
            if int.is_empty() && frac.is_empty() || !digits().all(u8::is_ascii_digit) {
                return None;
            }
            let exponent = match exponent {
                None => 0,
                Some(e) => {
                    let (minus, e) = match e.split_first() {
                        Some((b'-', rest)) => (true, rest),
                        Some((b'+', rest)) => (false, rest),
                        _ => (false, e),
                    };
                    if e.is_empty() || !e.iter().all(u8::is_ascii_digit) {
                        return None;
                    }
                    let n = e.iter().fold(0i64, |n, d| {
                        n.saturating_mul(10).saturating_add(i64::from(d - b'0'))
                    });
                    if minus {
                        -n
                    } else {
                        n
                    }
                }
            };
            // The decimal point's position among the digits once the exponent is applied.
            let point = i64::try_from(int.len()).ok()?.saturating_add(exponent);
            let mut whole = 0u64;
            let mut fraction = false;
            let mut count = 0i64;
            for d in digits() {
                let d = u64::from(d - b'0');
                if count < point {
                    whole = whole.saturating_mul(10).saturating_add(d);
                } else if d != 0 {
                    fraction = true;
                }
                count += 1;
            }
            for _ in 0..point.saturating_sub(count).clamp(0, 40) {
                whole = whole.saturating_mul(10);
            }
            Some(Decimal {
                negative,
                whole,
                fraction,
            })
        }

        /// The value when it is whole and within ±2^53 (what [`float_to_int`] accepts).
        pub(crate) fn to_int(self) -> Option<i64> {
            const MAX_SAFE: u64 = 9_007_199_254_740_991;
            if self.fraction || self.whole > MAX_SAFE {
                return None;
            }
            let whole = i64::try_from(self.whole).ok()?;
            Some(if self.negative { -whole } else { whole })
        }
    }

    /// A whole `f64` within the exactly representable integer range, as `i64`.
    pub(crate) fn float_to_int(v: f64) -> Option<i64> {
        const MAX_SAFE: f64 = 9_007_199_254_740_991.0;
        if v.is_finite() && v.fract() == 0.0 && v.abs() <= MAX_SAFE {
            // Exact: `v` is whole and within ±2^53.
            Some(v as i64)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, Deserialize)]
    struct Income {
        #[serde(default, deserialize_with = "lenient::option_int")]
        v: Option<i64>,
    }

    #[test]
    fn lenient_int_accepts_numbers_numeric_strings_and_null() {
        for (input, expected) in [
            (json!({"v": 3}), Some(3)),
            (json!({"v": 3.0}), Some(3)),
            (json!({"v": "6"}), Some(6)),
            (json!({"v": " 2 "}), Some(2)),
            (json!({"v": ""}), None),
            (json!({"v": null}), None),
            (json!({}), None),
        ] {
            let parsed: Income = serde_json::from_value(input.clone()).unwrap();
            assert_eq!(parsed.v, expected, "{input}");
        }
        for bad in [json!({"v": "six"}), json!({"v": 2.5}), json!({"v": [1]})] {
            assert!(serde_json::from_value::<Income>(bad).is_err());
        }
    }

    #[test]
    fn decimals_read_without_floats() {
        use lenient::Decimal;
        let whole = |t: &str| Decimal::parse(t).and_then(Decimal::to_int);
        assert_eq!(whole("15"), Some(15));
        assert_eq!(whole("15.0"), Some(15));
        assert_eq!(whole("-3.000"), Some(-3));
        assert_eq!(whole("+7."), Some(7));
        assert_eq!(whole("1.5e1"), Some(15));
        assert_eq!(whole("15E-1"), None);
        assert_eq!(whole("2e3"), Some(2000));
        assert_eq!(whole("0.5"), None);
        assert_eq!(whole(".0"), Some(0));
        assert_eq!(whole("9007199254740991"), Some(9_007_199_254_740_991));
        assert_eq!(whole("9007199254740992.0"), None);
        assert_eq!(whole("1e300"), None);
        for bad in [
            "", ".", "-", "e3", "1e", "1e+", "1.2.3", "inf", "NaN", " 1", "1 ", "0x10",
        ] {
            assert_eq!(Decimal::parse(bad), None, "{bad:?}");
        }
        let d = Decimal::parse("3.25").unwrap();
        assert_eq!((d.negative, d.whole, d.fraction), (false, 3, true));
        let d = Decimal::parse("-0.0").unwrap();
        assert_eq!((d.negative, d.whole, d.fraction), (true, 0, false));
        assert_eq!(Decimal::parse("1e400").unwrap().whole, u64::MAX);
        assert!(Decimal::parse("1e-400").unwrap().fraction);
    }

    #[test]
    fn float_to_int_refuses_fractions_and_huge_values() {
        assert_eq!(lenient::float_to_int(1_690_291_065.0), Some(1_690_291_065));
        assert_eq!(lenient::float_to_int(-1.0), Some(-1));
        assert_eq!(lenient::float_to_int(0.5), None);
        assert_eq!(lenient::float_to_int(f64::NAN), None);
        assert_eq!(lenient::float_to_int(1e300), None);
    }

    #[test]
    fn address_input_omits_absent_fields_and_address_keeps_nulls() {
        let input = AddressInput {
            city: Some("Paris".into()),
            ..AddressInput::default()
        };
        assert_eq!(
            serde_json::to_value(&input).unwrap(),
            json!({"City": "Paris"})
        );
        assert!(AddressInput::default().is_empty());
        let response = Address {
            city: Some("Paris".into()),
            ..Address::default()
        };
        let v = serde_json::to_value(&response).unwrap();
        assert_eq!(v["City"], "Paris");
        assert_eq!(v["Country"], serde_json::Value::Null);
        assert_eq!(v.as_object().map(|m| m.len()), Some(6));
    }
}
