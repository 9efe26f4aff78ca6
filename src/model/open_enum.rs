//! `open_enum!`: string enums that keep values they do not know.
//!
//! Mangopay adds values to its enums (a new `UserStatus`, a new refusal reason) without a new API
//! version. A closed Rust enum would turn every such addition into a parse failure of the whole
//! response, so every enum the API may extend is declared with [`open_enum!`]: the known values
//! become variants and anything else is kept verbatim in `Other(String)`, which serializes back
//! to exactly the same string.
//!
//! ```
//! use mangopay_wasm::model::UserStatus;
//!
//! let known: UserStatus = serde_json::from_str("\"ACTIVE\"").unwrap();
//! assert_eq!(known, UserStatus::Active);
//!
//! let new: UserStatus = serde_json::from_str("\"SUSPENDED\"").unwrap();
//! assert_eq!(new, UserStatus::Other("SUSPENDED".into()));
//! assert!(!new.is_known());
//! assert_eq!(serde_json::to_string(&new).unwrap(), "\"SUSPENDED\"");
//!
//! // The list a validator checks request values against:
//! assert_eq!(UserStatus::KNOWN, &["PENDING_USER_ACTION", "ACTIVE", "CLOSED"]);
//! ```

/// Declares an open string enum: the listed variants, each bound to its wire string, plus
/// `Other(String)` for any value not listed.
///
/// ```ignore
/// open_enum! {
///     /// The status of a user.
///     pub enum UserStatus {
///         /// The user must enroll in SCA.
///         PendingUserAction = "PENDING_USER_ACTION",
///         /// The user is active.
///         Active = "ACTIVE",
///     }
/// }
/// ```
///
/// The generated type has:
/// - `KNOWN: &[&str]`: the wire strings of the listed variants, in declaration order;
/// - `TS_TYPE: &str`: a TypeScript type for the boundary, e.g.
///   `"PENDING_USER_ACTION" | "ACTIVE" | (string & {})`;
/// - `as_str()`, `is_known()`, `Display`, `AsRef<str>`, `FromStr` (never fails), `From<&str>`,
///   `From<String>`;
/// - string `Serialize`/`Deserialize` that round-trip unknown values exactly;
/// - `PartialEq`/`Eq`/`Hash`/`Ord` on the wire string, so `Other("ACTIVE".into()) == Active`.
///
/// No listed variant may be named `Other`: that name holds the unknown values.
///
/// Parsing is exact (case-sensitive): `"Active"` is kept as `Other("Active")`, so a value is always
/// sent back the way it was received.
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $(
                $(#[$vmeta:meta])*
                $variant:ident = $value:literal
            ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone)]
        $vis enum $name {
            $(
                $(#[$vmeta])*
                $variant,
            )+
            /// A value this version of the SDK does not know, kept exactly as received.
            Other(::std::string::String),
        }

        #[cfg(all(target_arch = "wasm32", feature = "js"))]
        const _: () = {
            #[::wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
            const TS_DECL: &'static str = concat!(
                "export type ", stringify!($name), " = ",
                $("\"", $value, "\" | ",)+ "(string & {});"
            );
        };

        impl $name {
            /// Every value this version of the SDK knows, as spelled on the wire.
            pub const KNOWN: &'static [&'static str] = &[$($value),+];

            /// The TypeScript type of this enum at the JS boundary: the known literals, plus any
            /// other string.
            pub const TS_TYPE: &'static str = concat!($("\"", $value, "\" | ",)+ "(string & {})");

            /// The value as spelled on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $value, )+
                    $name::Other(value) => value.as_str(),
                }
            }

            /// True when the value is one of [`Self::KNOWN`].
            pub fn is_known(&self) -> bool {
                Self::KNOWN.contains(&self.as_str())
            }

            fn known(value: &str) -> ::std::option::Option<Self> {
                match value {
                    $( $value => ::std::option::Option::Some($name::$variant), )+
                    _ => ::std::option::Option::None,
                }
            }
        }

        impl ::std::convert::From<&str> for $name {
            fn from(value: &str) -> Self {
                Self::known(value).unwrap_or_else(|| $name::Other(value.to_owned()))
            }
        }

        impl ::std::convert::From<::std::string::String> for $name {
            fn from(value: ::std::string::String) -> Self {
                Self::known(&value).unwrap_or($name::Other(value))
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;

            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(Self::from(value))
            }
        }

        impl ::std::convert::AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::cmp::PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                self.as_str() == other.as_str()
            }
        }

        impl ::std::cmp::Eq for $name {}

        impl ::std::hash::Hash for $name {
            fn hash<H: ::std::hash::Hasher>(&self, state: &mut H) {
                self.as_str().hash(state)
            }
        }

        impl ::std::cmp::PartialOrd for $name {
            fn partial_cmp(&self, other: &Self) -> ::std::option::Option<::std::cmp::Ordering> {
                ::std::option::Option::Some(self.cmp(other))
            }
        }

        impl ::std::cmp::Ord for $name {
            fn cmp(&self, other: &Self) -> ::std::cmp::Ordering {
                self.as_str().cmp(other.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                struct WireString;

                impl ::serde::de::Visitor<'_> for WireString {
                    type Value = $name;

                    fn expecting(
                        &self,
                        f: &mut ::std::fmt::Formatter<'_>,
                    ) -> ::std::fmt::Result {
                        f.write_str(concat!("a ", stringify!($name), " string"))
                    }

                    fn visit_str<E: ::serde::de::Error>(
                        self,
                        value: &str,
                    ) -> ::std::result::Result<$name, E> {
                        ::std::result::Result::Ok($name::from(value))
                    }

                    fn visit_string<E: ::serde::de::Error>(
                        self,
                        value: ::std::string::String,
                    ) -> ::std::result::Result<$name, E> {
                        ::std::result::Result::Ok($name::from(value))
                    }
                }

                deserializer.deserialize_str(WireString)
            }
        }
    };
}

pub(crate) use open_enum;

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    open_enum! {
        /// A test enum.
        pub enum Colour {
            /// Red.
            Red = "RED",
            /// Light blue.
            LightBlue = "LIGHT_BLUE",
        }
    }

    #[test]
    fn known_values_parse_to_variants_and_back() {
        for wire in Colour::KNOWN {
            let parsed: Colour = serde_json::from_value(serde_json::json!(wire)).unwrap();
            assert!(parsed.is_known());
            assert_eq!(parsed.as_str(), *wire);
            assert_eq!(
                serde_json::to_value(&parsed).unwrap(),
                serde_json::json!(wire)
            );
        }
        assert_eq!(Colour::from("LIGHT_BLUE"), Colour::LightBlue);
    }

    #[test]
    fn unknown_values_are_kept_verbatim() {
        let parsed: Colour = serde_json::from_str("\"Mauve \\u00e9\"").unwrap();
        assert_eq!(parsed, Colour::Other("Mauve é".into()));
        assert!(!parsed.is_known());
        assert_eq!(serde_json::to_string(&parsed).unwrap(), "\"Mauve é\"");
        // Case matters: a differently cased value is another value, sent back as received.
        assert_eq!(Colour::from("red"), Colour::Other("red".into()));
    }

    #[test]
    fn other_with_a_known_spelling_equals_the_variant() {
        let other = Colour::Other("RED".into());
        assert_eq!(other, Colour::Red);
        assert!(other.is_known());
        let set: HashSet<Colour> = [other, Colour::Red].into_iter().collect();
        assert_eq!(set.len(), 1);
    }

    #[test]
    fn non_strings_are_rejected_without_panicking() {
        assert!(serde_json::from_str::<Colour>("42").is_err());
        assert!(serde_json::from_str::<Colour>("null").is_err());
        assert!(serde_json::from_str::<Option<Colour>>("null")
            .unwrap()
            .is_none());
    }

    #[test]
    fn display_from_str_and_ts_type() {
        let c: Colour = "RED".parse().unwrap();
        assert_eq!(c.to_string(), "RED");
        assert_eq!(Colour::TS_TYPE, "\"RED\" | \"LIGHT_BLUE\" | (string & {})");
        // Ordered by wire string.
        assert!(Colour::LightBlue < Colour::Red);
    }
}
