//! Natural users (individuals): the SCA and legacy response shapes, and the create, update and
//! categorize bodies.

use serde::{Deserialize, Serialize};

use super::common::{lenient, Address, AddressInput, Timestamp};
use super::sca::ScaContext;
use super::user::{Capacity, KycLevel, PendingUserAction, PersonType, UserCategory, UserStatus};

/// A natural user as returned by the SCA endpoints (`/sca/users/natural…`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
#[serde(default)]
pub struct UserNaturalSca {
    /// The first name (1–100 characters).
    #[serde(rename = "FirstName")]
    pub first_name: Option<String>,
    /// The last name (1–100 characters).
    #[serde(rename = "LastName")]
    pub last_name: Option<String>,
    /// The date of birth (UTC); `null` for a PAYER.
    #[serde(rename = "Birthday")]
    pub birthday: Option<Timestamp>,
    /// The nationality, ISO 3166-1 alpha-2; `null` for a PAYER.
    #[serde(rename = "Nationality")]
    pub nationality: Option<String>,
    /// The country of residence, ISO 3166-1 alpha-2; `null` for a PAYER.
    #[serde(rename = "CountryOfResidence")]
    pub country_of_residence: Option<String>,
    /// The occupation; `null` for a PAYER.
    #[serde(rename = "Occupation")]
    pub occupation: Option<String>,
    /// The income bracket 1–6; `null` for a PAYER. Numeric strings (`"6"`) are accepted.
    #[serde(rename = "IncomeRange", deserialize_with = "lenient::option_int")]
    pub income_range: Option<i64>,
    /// The Id of the validated `IDENTITY_PROOF` KYC document, if any.
    #[serde(rename = "ProofOfIdentity")]
    pub proof_of_identity: Option<String>,
    /// The Id of the validated `ADDRESS_PROOF` KYC document, if any.
    #[serde(rename = "ProofOfAddress")]
    pub proof_of_address: Option<String>,
    /// Deprecated; `NORMAL`.
    #[serde(rename = "Capacity")]
    pub capacity: Option<Capacity>,
    /// The phone number, E.164 or local format.
    #[serde(rename = "PhoneNumber")]
    pub phone_number: Option<String>,
    /// The country of a local-format `PhoneNumber`, ISO 3166-1 alpha-2.
    #[serde(rename = "PhoneNumberCountry")]
    pub phone_number_country: Option<String>,
    /// The postal address.
    #[serde(rename = "Address")]
    pub address: Option<Address>,
    /// The SCA redirection this call triggered, if any.
    #[serde(rename = "PendingUserAction")]
    pub pending_user_action: Option<PendingUserAction>,
    /// The user's identifier.
    #[serde(rename = "Id")]
    pub id: Option<String>,
    /// Custom data.
    #[serde(rename = "Tag")]
    pub tag: Option<String>,
    /// When the user was created.
    #[serde(rename = "CreationDate")]
    pub creation_date: Option<Timestamp>,
    /// `NATURAL`.
    #[serde(rename = "PersonType")]
    pub person_type: Option<PersonType>,
    /// The email address.
    #[serde(rename = "Email")]
    pub email: Option<String>,
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

/// A natural user as returned by the legacy endpoints (`/users/natural…`): no phone number and no
/// SCA redirection.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
#[serde(default)]
pub struct UserNatural {
    /// The postal address.
    #[serde(rename = "Address")]
    pub address: Option<Address>,
    /// The first name.
    #[serde(rename = "FirstName")]
    pub first_name: Option<String>,
    /// The last name.
    #[serde(rename = "LastName")]
    pub last_name: Option<String>,
    /// The date of birth (UTC); `null` for a PAYER.
    #[serde(rename = "Birthday")]
    pub birthday: Option<Timestamp>,
    /// The nationality, ISO 3166-1 alpha-2.
    #[serde(rename = "Nationality")]
    pub nationality: Option<String>,
    /// The country of residence, ISO 3166-1 alpha-2.
    #[serde(rename = "CountryOfResidence")]
    pub country_of_residence: Option<String>,
    /// The occupation.
    #[serde(rename = "Occupation")]
    pub occupation: Option<String>,
    /// The income bracket 1–6. Numeric strings (`"6"`) are accepted.
    #[serde(rename = "IncomeRange", deserialize_with = "lenient::option_int")]
    pub income_range: Option<i64>,
    /// The Id of the validated `IDENTITY_PROOF` KYC document, if any.
    #[serde(rename = "ProofOfIdentity")]
    pub proof_of_identity: Option<String>,
    /// The Id of the validated `ADDRESS_PROOF` KYC document, if any.
    #[serde(rename = "ProofOfAddress")]
    pub proof_of_address: Option<String>,
    /// Deprecated; `NORMAL` or `DECLARATIVE`.
    #[serde(rename = "Capacity")]
    pub capacity: Option<Capacity>,
    /// The user's identifier.
    #[serde(rename = "Id")]
    pub id: Option<String>,
    /// Custom data.
    #[serde(rename = "Tag")]
    pub tag: Option<String>,
    /// When the user was created.
    #[serde(rename = "CreationDate")]
    pub creation_date: Option<Timestamp>,
    /// `NATURAL`.
    #[serde(rename = "PersonType")]
    pub person_type: Option<PersonType>,
    /// The email address.
    #[serde(rename = "Email")]
    pub email: Option<String>,
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

/// The body of `POST /sca/users/natural`: a natural PAYER or OWNER (OWNER triggers SCA
/// enrollment).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
pub struct CreateUserNaturalSca {
    /// The first name (1–100 characters).
    #[serde(rename = "FirstName")]
    pub first_name: String,
    /// The last name (1–100 characters).
    #[serde(rename = "LastName")]
    pub last_name: String,
    /// The email address.
    #[serde(rename = "Email")]
    pub email: String,
    /// `PAYER` or `OWNER`.
    #[serde(rename = "UserCategory")]
    pub user_category: UserCategory,
    /// Whether the user accepted the terms and conditions; must be `true` for an OWNER.
    #[serde(rename = "TermsAndConditionsAccepted")]
    pub terms_and_conditions_accepted: bool,
    /// The date of birth (UTC); required for an OWNER.
    #[serde(rename = "Birthday", skip_serializing_if = "Option::is_none")]
    pub birthday: Option<Timestamp>,
    /// The nationality; required for an OWNER.
    #[serde(rename = "Nationality", skip_serializing_if = "Option::is_none")]
    pub nationality: Option<String>,
    /// The country of residence; required for an OWNER.
    #[serde(rename = "CountryOfResidence", skip_serializing_if = "Option::is_none")]
    pub country_of_residence: Option<String>,
    /// The occupation (≤ 255 characters).
    #[serde(rename = "Occupation", skip_serializing_if = "Option::is_none")]
    pub occupation: Option<String>,
    /// The income bracket, 1–6.
    #[serde(
        rename = "IncomeRange",
        default,
        deserialize_with = "lenient::option_int",
        skip_serializing_if = "Option::is_none"
    )]
    pub income_range: Option<i64>,
    /// Custom data (≤ 255 characters).
    #[serde(rename = "Tag", skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// The phone number, E.164 or local format (with `PhoneNumberCountry`).
    #[serde(rename = "PhoneNumber", skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// The country of a local-format `PhoneNumber`.
    #[serde(rename = "PhoneNumberCountry", skip_serializing_if = "Option::is_none")]
    pub phone_number_country: Option<String>,
    /// The postal address.
    #[serde(rename = "Address", skip_serializing_if = "Option::is_none")]
    pub address: Option<AddressInput>,
    /// Whether the user is present; required when assigning OWNER. Not returned.
    #[serde(rename = "ScaContext", skip_serializing_if = "Option::is_none")]
    pub sca_context: Option<ScaContext>,
}

/// The body of the legacy `POST /users/natural` (deprecated by Mangopay).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
pub struct CreateUserNatural {
    /// The first name.
    #[serde(rename = "FirstName")]
    pub first_name: String,
    /// The last name.
    #[serde(rename = "LastName")]
    pub last_name: String,
    /// The email address.
    #[serde(rename = "Email")]
    pub email: String,
    /// `PAYER` or `OWNER`.
    #[serde(rename = "UserCategory")]
    pub user_category: UserCategory,
    /// Whether the user accepted the terms and conditions; must be `true` for an OWNER.
    #[serde(rename = "TermsAndConditionsAccepted")]
    pub terms_and_conditions_accepted: bool,
    /// The date of birth (UTC); required for an OWNER.
    #[serde(rename = "Birthday", skip_serializing_if = "Option::is_none")]
    pub birthday: Option<Timestamp>,
    /// The nationality; required for an OWNER.
    #[serde(rename = "Nationality", skip_serializing_if = "Option::is_none")]
    pub nationality: Option<String>,
    /// The country of residence; required for an OWNER.
    #[serde(rename = "CountryOfResidence", skip_serializing_if = "Option::is_none")]
    pub country_of_residence: Option<String>,
    /// The occupation.
    #[serde(rename = "Occupation", skip_serializing_if = "Option::is_none")]
    pub occupation: Option<String>,
    /// The income bracket, 1–6.
    #[serde(
        rename = "IncomeRange",
        default,
        deserialize_with = "lenient::option_int",
        skip_serializing_if = "Option::is_none"
    )]
    pub income_range: Option<i64>,
    /// Deprecated capacity.
    #[serde(rename = "Capacity", skip_serializing_if = "Option::is_none")]
    pub capacity: Option<Capacity>,
    /// Custom data.
    #[serde(rename = "Tag", skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// The postal address.
    #[serde(rename = "Address", skip_serializing_if = "Option::is_none")]
    pub address: Option<AddressInput>,
}

/// The body of `PUT /sca/users/natural/{Id}`: only the fields to change.
///
/// For an OWNER, changing `Email`, `PhoneNumber` or `PhoneNumberCountry` triggers SCA
/// re-enrollment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
pub struct UpdateUserNaturalSca {
    /// The first name.
    #[serde(rename = "FirstName", skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// The last name.
    #[serde(rename = "LastName", skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// The email address.
    #[serde(rename = "Email", skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The date of birth (UTC).
    #[serde(rename = "Birthday", skip_serializing_if = "Option::is_none")]
    pub birthday: Option<Timestamp>,
    /// The nationality.
    #[serde(rename = "Nationality", skip_serializing_if = "Option::is_none")]
    pub nationality: Option<String>,
    /// The country of residence.
    #[serde(rename = "CountryOfResidence", skip_serializing_if = "Option::is_none")]
    pub country_of_residence: Option<String>,
    /// The occupation.
    #[serde(rename = "Occupation", skip_serializing_if = "Option::is_none")]
    pub occupation: Option<String>,
    /// The income bracket, 1–6.
    #[serde(
        rename = "IncomeRange",
        default,
        deserialize_with = "lenient::option_int",
        skip_serializing_if = "Option::is_none"
    )]
    pub income_range: Option<i64>,
    /// Custom data.
    #[serde(rename = "Tag", skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// The phone number.
    #[serde(rename = "PhoneNumber", skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// The country of a local-format `PhoneNumber`.
    #[serde(rename = "PhoneNumberCountry", skip_serializing_if = "Option::is_none")]
    pub phone_number_country: Option<String>,
    /// The postal address.
    #[serde(rename = "Address", skip_serializing_if = "Option::is_none")]
    pub address: Option<AddressInput>,
    /// Whether the user accepted the terms and conditions (acceptance cannot be revoked).
    #[serde(
        rename = "TermsAndConditionsAccepted",
        skip_serializing_if = "Option::is_none"
    )]
    pub terms_and_conditions_accepted: Option<bool>,
    /// The category; this endpoint does not change it (use the categorize endpoint).
    #[serde(rename = "UserCategory", skip_serializing_if = "Option::is_none")]
    pub user_category: Option<UserCategory>,
    /// Whether the user is present.
    #[serde(rename = "ScaContext", skip_serializing_if = "Option::is_none")]
    pub sca_context: Option<ScaContext>,
}

/// The body of the legacy `PUT /users/natural/{Id}`: only the fields to change.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
pub struct UpdateUserNatural {
    /// The first name.
    #[serde(rename = "FirstName", skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// The last name.
    #[serde(rename = "LastName", skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// The email address.
    #[serde(rename = "Email", skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The date of birth (UTC).
    #[serde(rename = "Birthday", skip_serializing_if = "Option::is_none")]
    pub birthday: Option<Timestamp>,
    /// The nationality.
    #[serde(rename = "Nationality", skip_serializing_if = "Option::is_none")]
    pub nationality: Option<String>,
    /// The country of residence.
    #[serde(rename = "CountryOfResidence", skip_serializing_if = "Option::is_none")]
    pub country_of_residence: Option<String>,
    /// The occupation.
    #[serde(rename = "Occupation", skip_serializing_if = "Option::is_none")]
    pub occupation: Option<String>,
    /// The income bracket, 1–6.
    #[serde(
        rename = "IncomeRange",
        default,
        deserialize_with = "lenient::option_int",
        skip_serializing_if = "Option::is_none"
    )]
    pub income_range: Option<i64>,
    /// Custom data.
    #[serde(rename = "Tag", skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// The postal address.
    #[serde(rename = "Address", skip_serializing_if = "Option::is_none")]
    pub address: Option<AddressInput>,
    /// Whether the user accepted the terms and conditions (acceptance cannot be revoked).
    #[serde(
        rename = "TermsAndConditionsAccepted",
        skip_serializing_if = "Option::is_none"
    )]
    pub terms_and_conditions_accepted: Option<bool>,
    /// The category (an OWNER cannot become a PAYER).
    #[serde(rename = "UserCategory", skip_serializing_if = "Option::is_none")]
    pub user_category: Option<UserCategory>,
}

/// The body of `PUT /sca/users/natural/{Id}/category`: turns a PAYER into an OWNER and starts
/// SCA enrollment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
pub struct CategorizeUserNatural {
    /// Must be `OWNER`.
    #[serde(rename = "UserCategory")]
    pub user_category: UserCategory,
    /// Must be `true`.
    #[serde(rename = "TermsAndConditionsAccepted")]
    pub terms_and_conditions_accepted: bool,
    /// The date of birth (UTC); required by the API on this endpoint.
    #[serde(rename = "Birthday", skip_serializing_if = "Option::is_none")]
    pub birthday: Option<Timestamp>,
    /// The nationality; required by the API on this endpoint.
    #[serde(rename = "Nationality", skip_serializing_if = "Option::is_none")]
    pub nationality: Option<String>,
    /// The country of residence; required by the API on this endpoint.
    #[serde(rename = "CountryOfResidence", skip_serializing_if = "Option::is_none")]
    pub country_of_residence: Option<String>,
    /// A new email address, to update before SCA redirection.
    #[serde(rename = "Email", skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// A phone number to pre-fill the SCA session.
    #[serde(rename = "PhoneNumber", skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// The country of a local-format `PhoneNumber`.
    #[serde(rename = "PhoneNumberCountry", skip_serializing_if = "Option::is_none")]
    pub phone_number_country: Option<String>,
    /// Whether the user is present.
    #[serde(rename = "ScaContext", skip_serializing_if = "Option::is_none")]
    pub sca_context: Option<ScaContext>,
}

impl Default for CategorizeUserNatural {
    /// `OWNER` with the terms and conditions accepted, the only values the endpoint allows.
    fn default() -> Self {
        CategorizeUserNatural {
            user_category: UserCategory::Owner,
            terms_and_conditions_accepted: true,
            birthday: None,
            nationality: None,
            country_of_residence: None,
            email: None,
            phone_number: None,
            phone_number_country: None,
            sca_context: None,
        }
    }
}
