//! What every user shares: type, category, status and verification level; the list item of
//! `GET /users`; and [`User`] / [`UserSca`], a user of either person type read from one response.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use super::common::Timestamp;
use super::open_enum::open_enum;
use super::user_legal::{UserLegal, UserLegalSca};
use super::user_natural::{UserNatural, UserNaturalSca};

open_enum! {
    /// Whether a user is an individual or a legal entity; fixed by the endpoint that created it.
    pub enum PersonType {
        /// An individual (natural person).
        Natural = "NATURAL",
        /// A legal entity: company, non-profit, sole trader…
        Legal = "LEGAL",
    }
}

open_enum! {
    /// What a user may do on the platform.
    pub enum UserCategory {
        /// Can pay in and transfer; cannot receive transfers or be verified.
        Payer = "PAYER",
        /// Can also receive transfers, be verified (KYC/KYB) and request payouts.
        Owner = "OWNER",
        /// The platform's own user; assigned by Mangopay only.
        Platform = "PLATFORM",
    }
}

impl Default for UserCategory {
    /// `PAYER`, the category of a user created without asking for more.
    fn default() -> Self {
        UserCategory::Payer
    }
}

open_enum! {
    /// The lifecycle status of a user.
    pub enum UserStatus {
        /// The user must complete SCA enrollment before becoming active.
        PendingUserAction = "PENDING_USER_ACTION",
        /// The user can use Mangopay features.
        Active = "ACTIVE",
        /// The account is permanently closed.
        Closed = "CLOSED",
    }
}

open_enum! {
    /// The verification level of a user, set by Mangopay.
    pub enum KycLevel {
        /// Not verified (the default).
        Light = "LIGHT",
        /// Verified: documents validated; payouts allowed.
        Regular = "REGULAR",
    }
}

open_enum! {
    /// The kind of legal entity.
    pub enum LegalPersonType {
        /// A company.
        Business = "BUSINESS",
        /// A partnership.
        Partnership = "PARTNERSHIP",
        /// A non-profit organization.
        Organization = "ORGANIZATION",
        /// A sole trader (sole proprietor).
        Soletrader = "SOLETRADER",
    }
}

open_enum! {
    /// The deprecated capacity of a natural user.
    pub enum Capacity {
        /// A real customer (what the API returns).
        Normal = "NORMAL",
        /// A user created for declaration purposes only.
        Declarative = "DECLARATIVE",
    }
}

/// The SCA redirection a call triggered: send the user to `RedirectUrl` (with an encoded
/// `returnUrl` query parameter appended) to authenticate.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
#[serde(default)]
pub struct PendingUserAction {
    /// The SCA session link; valid for 10 minutes. Never hard-code its shape.
    #[serde(rename = "RedirectUrl")]
    pub redirect_url: Option<String>,
}

/// One item of `GET /users`: the key fields of a natural or legal user.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
#[serde(default)]
pub struct UserListItem {
    /// The user's identifier.
    #[serde(rename = "Id")]
    pub id: Option<String>,
    /// Custom data.
    #[serde(rename = "Tag")]
    pub tag: Option<String>,
    /// When the user was created.
    #[serde(rename = "CreationDate")]
    pub creation_date: Option<Timestamp>,
    /// Natural or legal.
    #[serde(rename = "PersonType")]
    pub person_type: Option<PersonType>,
    /// The user's email address.
    #[serde(rename = "Email")]
    pub email: Option<String>,
    /// The phone number of the natural user or of the legal representative (SCA responses).
    #[serde(rename = "PhoneNumber")]
    pub phone_number: Option<String>,
    /// The country of `PhoneNumber`, ISO 3166-1 alpha-2 (SCA responses).
    #[serde(rename = "PhoneNumberCountry")]
    pub phone_number_country: Option<String>,
    /// The verification level.
    #[serde(rename = "KYCLevel")]
    pub kyc_level: Option<KycLevel>,
    /// Whether the user accepted Mangopay's terms and conditions.
    #[serde(rename = "TermsAndConditionsAccepted")]
    pub terms_and_conditions_accepted: Option<bool>,
    /// When the terms and conditions were accepted.
    #[serde(rename = "TermsAndConditionsAcceptedDate")]
    pub terms_and_conditions_accepted_date: Option<Timestamp>,
    /// The user's category.
    #[serde(rename = "UserCategory")]
    pub user_category: Option<UserCategory>,
    /// The user's status.
    #[serde(rename = "UserStatus")]
    pub user_status: Option<UserStatus>,
}

/// A user read from a legacy endpoint that may return either person type
/// (`GET /users/{Id}`), told apart by `PersonType`.
///
/// On the wire it is the plain user object (no wrapper); the variants are boxed only to keep the
/// enum small.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum User {
    /// A natural user (`PersonType: NATURAL`).
    Natural(Box<UserNatural>),
    /// A legal user (`PersonType: LEGAL`).
    Legal(Box<UserLegal>),
    /// An object whose `PersonType` is missing or not known to this SDK, kept as received.
    Unknown(Value),
}

/// A user read from an SCA endpoint that may return either person type
/// (`GET /sca/users/{Id}`), told apart by `PersonType`.
///
/// On the wire it is the plain user object (no wrapper); the variants are boxed only to keep the
/// enum small.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum UserSca {
    /// A natural user (`PersonType: NATURAL`).
    Natural(Box<UserNaturalSca>),
    /// A legal user (`PersonType: LEGAL`).
    Legal(Box<UserLegalSca>),
    /// An object whose `PersonType` is missing or not known to this SDK, kept as received.
    Unknown(Value),
}

/// Parses a user object by its `PersonType`; refuses anything that is not a JSON object.
fn by_person_type<'de, D, N, L, T>(
    deserializer: D,
    natural: impl FnOnce(N) -> T,
    legal: impl FnOnce(L) -> T,
    unknown: impl FnOnce(Value) -> T,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    N: serde::de::DeserializeOwned,
    L: serde::de::DeserializeOwned,
{
    let value = Value::deserialize(deserializer)?;
    if !value.is_object() {
        return Err(D::Error::custom("expected a user object"));
    }
    let person_type = value
        .get("PersonType")
        .and_then(Value::as_str)
        .map(PersonType::from);
    match person_type {
        Some(PersonType::Natural) => serde_json::from_value(value)
            .map(natural)
            .map_err(D::Error::custom),
        Some(PersonType::Legal) => serde_json::from_value(value)
            .map(legal)
            .map_err(D::Error::custom),
        _ => Ok(unknown(value)),
    }
}

impl<'de> Deserialize<'de> for User {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        by_person_type(
            deserializer,
            |u| User::Natural(Box::new(u)),
            |u| User::Legal(Box::new(u)),
            User::Unknown,
        )
    }
}

impl<'de> Deserialize<'de> for UserSca {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        by_person_type(
            deserializer,
            |u| UserSca::Natural(Box::new(u)),
            |u| UserSca::Legal(Box::new(u)),
            UserSca::Unknown,
        )
    }
}

fn unknown_str<'a>(value: &'a Value, field: &str) -> Option<&'a str> {
    value.get(field).and_then(Value::as_str)
}

impl User {
    /// The user's `PersonType`, as received.
    pub fn person_type(&self) -> Option<PersonType> {
        match self {
            User::Natural(u) => u.person_type.clone(),
            User::Legal(u) => u.person_type.clone(),
            User::Unknown(v) => unknown_str(v, "PersonType").map(PersonType::from),
        }
    }

    /// The user's identifier.
    pub fn id(&self) -> Option<&str> {
        match self {
            User::Natural(u) => u.id.as_deref(),
            User::Legal(u) => u.id.as_deref(),
            User::Unknown(v) => unknown_str(v, "Id"),
        }
    }
}

impl UserSca {
    /// The user's `PersonType`, as received.
    pub fn person_type(&self) -> Option<PersonType> {
        match self {
            UserSca::Natural(u) => u.person_type.clone(),
            UserSca::Legal(u) => u.person_type.clone(),
            UserSca::Unknown(v) => unknown_str(v, "PersonType").map(PersonType::from),
        }
    }

    /// The user's identifier.
    pub fn id(&self) -> Option<&str> {
        match self {
            UserSca::Natural(u) => u.id.as_deref(),
            UserSca::Legal(u) => u.id.as_deref(),
            UserSca::Unknown(v) => unknown_str(v, "Id"),
        }
    }

    /// The SCA redirection the call triggered, if any.
    pub fn pending_user_action(&self) -> Option<&PendingUserAction> {
        match self {
            UserSca::Natural(u) => u.pending_user_action.as_ref(),
            UserSca::Legal(u) => u.pending_user_action.as_ref(),
            UserSca::Unknown(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn dispatches_on_person_type() {
        let natural: UserSca =
            serde_json::from_value(json!({"PersonType": "NATURAL", "Id": "u1"})).unwrap();
        assert!(matches!(natural, UserSca::Natural(_)));
        assert_eq!(natural.id(), Some("u1"));
        let legal: User =
            serde_json::from_value(json!({"PersonType": "LEGAL", "Name": "ACME"})).unwrap();
        assert!(matches!(legal, User::Legal(_)));
        assert_eq!(legal.person_type(), Some(PersonType::Legal));
    }

    #[test]
    fn keeps_unknown_person_types_and_refuses_non_objects() {
        let raw = json!({"PersonType": "ROBOT", "Id": "r2"});
        let user: UserSca = serde_json::from_value(raw.clone()).unwrap();
        assert_eq!(user, UserSca::Unknown(raw.clone()));
        assert_eq!(user.person_type(), Some(PersonType::Other("ROBOT".into())));
        assert_eq!(user.id(), Some("r2"));
        assert_eq!(serde_json::to_value(&user).unwrap(), raw);
        assert!(serde_json::from_value::<User>(json!("NATURAL")).is_err());
        assert!(serde_json::from_value::<User>(json!(null)).is_err());
    }

    #[test]
    fn a_bad_field_in_a_known_type_is_an_error_not_a_panic() {
        let bad = json!({"PersonType": "NATURAL", "CreationDate": "yesterday"});
        assert!(serde_json::from_value::<UserSca>(bad).is_err());
    }
}
