//! Legal users (companies, organizations, sole traders): the SCA shape with a nested
//! `LegalRepresentative`, the legacy shape that flattens it into `LegalRepresentative*` fields, and
//! the create, update and categorize bodies.

use serde::{Deserialize, Serialize};

use super::common::{Address, AddressInput, Timestamp};
use super::sca::ScaContext;
use super::user::{
    KycLevel, LegalPersonType, PendingUserAction, PersonType, UserCategory, UserStatus,
};

/// The legal representative of a legal user, as the SCA endpoints return it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
#[serde(default)]
pub struct LegalRepresentative {
    /// The first name.
    #[serde(rename = "FirstName")]
    pub first_name: Option<String>,
    /// The last name.
    #[serde(rename = "LastName")]
    pub last_name: Option<String>,
    /// The Id of the representative's validated `IDENTITY_PROOF` KYC document, if any.
    #[serde(rename = "ProofOfIdentity")]
    pub proof_of_identity: Option<String>,
    /// The date of birth (UTC); `null` for a PAYER.
    #[serde(rename = "Birthday")]
    pub birthday: Option<Timestamp>,
    /// The nationality, ISO 3166-1 alpha-2; `null` for a PAYER.
    #[serde(rename = "Nationality")]
    pub nationality: Option<String>,
    /// The country of residence, ISO 3166-1 alpha-2; `null` for a PAYER.
    #[serde(rename = "CountryOfResidence")]
    pub country_of_residence: Option<String>,
    /// The representative's email address; `null` for a PAYER.
    #[serde(rename = "Email")]
    pub email: Option<String>,
    /// The representative's phone number.
    #[serde(rename = "PhoneNumber")]
    pub phone_number: Option<String>,
    /// The country of a local-format `PhoneNumber`.
    #[serde(rename = "PhoneNumberCountry")]
    pub phone_number_country: Option<String>,
}

/// The legal representative in a request body: absent fields are not sent (categorize sends only
/// the fields it adds).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
pub struct LegalRepresentativeInput {
    /// The first name (required on create).
    #[serde(rename = "FirstName", skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// The last name (required on create).
    #[serde(rename = "LastName", skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// The date of birth (UTC); required for an OWNER.
    #[serde(rename = "Birthday", skip_serializing_if = "Option::is_none")]
    pub birthday: Option<Timestamp>,
    /// The nationality; required for an OWNER.
    #[serde(rename = "Nationality", skip_serializing_if = "Option::is_none")]
    pub nationality: Option<String>,
    /// The country of residence; required for an OWNER.
    #[serde(rename = "CountryOfResidence", skip_serializing_if = "Option::is_none")]
    pub country_of_residence: Option<String>,
    /// The email address; required for an OWNER.
    #[serde(rename = "Email", skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The phone number, E.164 or local format.
    #[serde(rename = "PhoneNumber", skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// The country of a local-format `PhoneNumber`.
    #[serde(rename = "PhoneNumberCountry", skip_serializing_if = "Option::is_none")]
    pub phone_number_country: Option<String>,
}

/// A legal user as returned by the SCA endpoints (`/sca/users/legal…`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
#[serde(default)]
pub struct UserLegalSca {
    /// The registered legal name (≤ 255 characters).
    #[serde(rename = "Name")]
    pub name: Option<String>,
    /// The kind of legal entity.
    #[serde(rename = "LegalPersonType")]
    pub legal_person_type: Option<LegalPersonType>,
    /// The legal representative.
    #[serde(rename = "LegalRepresentative")]
    pub legal_representative: Option<LegalRepresentative>,
    /// The Id of the validated `REGISTRATION_PROOF` KYC document, if any.
    #[serde(rename = "ProofOfRegistration")]
    pub proof_of_registration: Option<String>,
    /// The Id of the validated `SHAREHOLDER_DECLARATION` KYC document, if any.
    #[serde(rename = "ShareholderDeclaration")]
    pub shareholder_declaration: Option<String>,
    /// The Id of the validated `ARTICLES_OF_ASSOCIATION` KYC document, if any.
    #[serde(rename = "Statute")]
    pub statute: Option<String>,
    /// The registration number; `null` for a PAYER.
    #[serde(rename = "CompanyNumber")]
    pub company_number: Option<String>,
    /// The SCA redirection this call triggered, if any.
    #[serde(rename = "PendingUserAction")]
    pub pending_user_action: Option<PendingUserAction>,
    /// The registered address of the head office; sub-fields `null` for a PAYER.
    #[serde(rename = "HeadquartersAddress")]
    pub headquarters_address: Option<Address>,
    /// The legal representative's address.
    #[serde(rename = "LegalRepresentativeAddress")]
    pub legal_representative_address: Option<Address>,
    /// The user's identifier.
    #[serde(rename = "Id")]
    pub id: Option<String>,
    /// Custom data.
    #[serde(rename = "Tag")]
    pub tag: Option<String>,
    /// When the user was created.
    #[serde(rename = "CreationDate")]
    pub creation_date: Option<Timestamp>,
    /// `LEGAL`.
    #[serde(rename = "PersonType")]
    pub person_type: Option<PersonType>,
    /// The entity's email address.
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

/// A legal user as returned by the legacy endpoints (`/users/legal…`): the representative is
/// flattened into `LegalRepresentative*` fields.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
#[serde(default)]
pub struct UserLegal {
    /// The registered address of the head office.
    #[serde(rename = "HeadquartersAddress")]
    pub headquarters_address: Option<Address>,
    /// The legal representative's address.
    #[serde(rename = "LegalRepresentativeAddress")]
    pub legal_representative_address: Option<Address>,
    /// The registered legal name.
    #[serde(rename = "Name")]
    pub name: Option<String>,
    /// The kind of legal entity.
    #[serde(rename = "LegalPersonType")]
    pub legal_person_type: Option<LegalPersonType>,
    /// The representative's first name.
    #[serde(rename = "LegalRepresentativeFirstName")]
    pub legal_representative_first_name: Option<String>,
    /// The representative's last name.
    #[serde(rename = "LegalRepresentativeLastName")]
    pub legal_representative_last_name: Option<String>,
    /// The representative's email address.
    #[serde(rename = "LegalRepresentativeEmail")]
    pub legal_representative_email: Option<String>,
    /// The representative's date of birth (UTC).
    #[serde(rename = "LegalRepresentativeBirthday")]
    pub legal_representative_birthday: Option<Timestamp>,
    /// The representative's nationality.
    #[serde(rename = "LegalRepresentativeNationality")]
    pub legal_representative_nationality: Option<String>,
    /// The representative's country of residence.
    #[serde(rename = "LegalRepresentativeCountryOfResidence")]
    pub legal_representative_country_of_residence: Option<String>,
    /// The Id of the validated `REGISTRATION_PROOF` KYC document, if any.
    #[serde(rename = "ProofOfRegistration")]
    pub proof_of_registration: Option<String>,
    /// The Id of the validated `SHAREHOLDER_DECLARATION` KYC document, if any.
    #[serde(rename = "ShareholderDeclaration")]
    pub shareholder_declaration: Option<String>,
    /// The Id of the validated `ARTICLES_OF_ASSOCIATION` KYC document, if any.
    #[serde(rename = "Statute")]
    pub statute: Option<String>,
    /// The Id of the representative's validated `IDENTITY_PROOF` KYC document, if any.
    #[serde(rename = "LegalRepresentativeProofOfIdentity")]
    pub legal_representative_proof_of_identity: Option<String>,
    /// The registration number.
    #[serde(rename = "CompanyNumber")]
    pub company_number: Option<String>,
    /// The user's identifier.
    #[serde(rename = "Id")]
    pub id: Option<String>,
    /// Custom data.
    #[serde(rename = "Tag")]
    pub tag: Option<String>,
    /// When the user was created.
    #[serde(rename = "CreationDate")]
    pub creation_date: Option<Timestamp>,
    /// `LEGAL`.
    #[serde(rename = "PersonType")]
    pub person_type: Option<PersonType>,
    /// The entity's email address.
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

/// The body of `POST /sca/users/legal`: a legal PAYER or OWNER.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
pub struct CreateUserLegalSca {
    /// The registered legal name (≤ 255 characters).
    #[serde(rename = "Name")]
    pub name: String,
    /// The kind of legal entity.
    #[serde(rename = "LegalPersonType")]
    pub legal_person_type: LegalPersonType,
    /// The legal representative (first and last name required; more for an OWNER).
    #[serde(rename = "LegalRepresentative")]
    pub legal_representative: LegalRepresentativeInput,
    /// The entity's email address.
    #[serde(rename = "Email")]
    pub email: String,
    /// `PAYER` or `OWNER`.
    #[serde(rename = "UserCategory")]
    pub user_category: UserCategory,
    /// Whether the user accepted the terms and conditions; must be `true` for an OWNER.
    #[serde(rename = "TermsAndConditionsAccepted")]
    pub terms_and_conditions_accepted: bool,
    /// The registration number; required for an OWNER whose type is `BUSINESS`.
    #[serde(rename = "CompanyNumber", skip_serializing_if = "Option::is_none")]
    pub company_number: Option<String>,
    /// The head office address; required for an OWNER.
    #[serde(
        rename = "HeadquartersAddress",
        skip_serializing_if = "Option::is_none"
    )]
    pub headquarters_address: Option<AddressInput>,
    /// The legal representative's address.
    #[serde(
        rename = "LegalRepresentativeAddress",
        skip_serializing_if = "Option::is_none"
    )]
    pub legal_representative_address: Option<AddressInput>,
    /// Custom data.
    #[serde(rename = "Tag", skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// Whether the user is present; required when assigning OWNER. Not returned.
    #[serde(rename = "ScaContext", skip_serializing_if = "Option::is_none")]
    pub sca_context: Option<ScaContext>,
}

impl CreateUserLegalSca {
    /// A body with the fields every legal user needs; the optional ones are left out.
    pub fn new(
        name: impl Into<String>,
        legal_person_type: LegalPersonType,
        legal_representative: LegalRepresentativeInput,
        email: impl Into<String>,
        user_category: UserCategory,
        terms_and_conditions_accepted: bool,
    ) -> Self {
        CreateUserLegalSca {
            name: name.into(),
            legal_person_type,
            legal_representative,
            email: email.into(),
            user_category,
            terms_and_conditions_accepted,
            company_number: None,
            headquarters_address: None,
            legal_representative_address: None,
            tag: None,
            sca_context: None,
        }
    }
}

/// The body of the legacy `POST /users/legal` (deprecated by Mangopay), with the representative
/// flattened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
pub struct CreateUserLegal {
    /// The registered legal name.
    #[serde(rename = "Name")]
    pub name: String,
    /// The kind of legal entity.
    #[serde(rename = "LegalPersonType")]
    pub legal_person_type: LegalPersonType,
    /// The representative's first name.
    #[serde(rename = "LegalRepresentativeFirstName")]
    pub legal_representative_first_name: String,
    /// The representative's last name.
    #[serde(rename = "LegalRepresentativeLastName")]
    pub legal_representative_last_name: String,
    /// The entity's email address.
    #[serde(rename = "Email")]
    pub email: String,
    /// `PAYER` or `OWNER`.
    #[serde(rename = "UserCategory")]
    pub user_category: UserCategory,
    /// Whether the user accepted the terms and conditions; must be `true` for an OWNER.
    #[serde(rename = "TermsAndConditionsAccepted")]
    pub terms_and_conditions_accepted: bool,
    /// The representative's email address; required for an OWNER.
    #[serde(
        rename = "LegalRepresentativeEmail",
        skip_serializing_if = "Option::is_none"
    )]
    pub legal_representative_email: Option<String>,
    /// The representative's date of birth (UTC); required for an OWNER.
    #[serde(
        rename = "LegalRepresentativeBirthday",
        skip_serializing_if = "Option::is_none"
    )]
    pub legal_representative_birthday: Option<Timestamp>,
    /// The representative's nationality; required for an OWNER.
    #[serde(
        rename = "LegalRepresentativeNationality",
        skip_serializing_if = "Option::is_none"
    )]
    pub legal_representative_nationality: Option<String>,
    /// The representative's country of residence; required for an OWNER.
    #[serde(
        rename = "LegalRepresentativeCountryOfResidence",
        skip_serializing_if = "Option::is_none"
    )]
    pub legal_representative_country_of_residence: Option<String>,
    /// The registration number; required for an OWNER whose type is `BUSINESS`.
    #[serde(rename = "CompanyNumber", skip_serializing_if = "Option::is_none")]
    pub company_number: Option<String>,
    /// The head office address; required for an OWNER.
    #[serde(
        rename = "HeadquartersAddress",
        skip_serializing_if = "Option::is_none"
    )]
    pub headquarters_address: Option<AddressInput>,
    /// The legal representative's address.
    #[serde(
        rename = "LegalRepresentativeAddress",
        skip_serializing_if = "Option::is_none"
    )]
    pub legal_representative_address: Option<AddressInput>,
    /// Custom data.
    #[serde(rename = "Tag", skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
}

/// The body of `PUT /sca/users/legal/{Id}`: only the fields to change.
///
/// For an OWNER, changing `LegalRepresentative.Email`, `.PhoneNumber` or `.PhoneNumberCountry`
/// triggers SCA re-enrollment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
pub struct UpdateUserLegalSca {
    /// The registered legal name.
    #[serde(rename = "Name", skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The kind of legal entity (a change may downgrade verification).
    #[serde(rename = "LegalPersonType", skip_serializing_if = "Option::is_none")]
    pub legal_person_type: Option<LegalPersonType>,
    /// The representative fields to change.
    #[serde(
        rename = "LegalRepresentative",
        skip_serializing_if = "Option::is_none"
    )]
    pub legal_representative: Option<LegalRepresentativeInput>,
    /// The registration number.
    #[serde(rename = "CompanyNumber", skip_serializing_if = "Option::is_none")]
    pub company_number: Option<String>,
    /// The head office address.
    #[serde(
        rename = "HeadquartersAddress",
        skip_serializing_if = "Option::is_none"
    )]
    pub headquarters_address: Option<AddressInput>,
    /// The legal representative's address.
    #[serde(
        rename = "LegalRepresentativeAddress",
        skip_serializing_if = "Option::is_none"
    )]
    pub legal_representative_address: Option<AddressInput>,
    /// Custom data.
    #[serde(rename = "Tag", skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// The entity's email address.
    #[serde(rename = "Email", skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Whether the user accepted the terms and conditions (acceptance cannot be revoked).
    #[serde(
        rename = "TermsAndConditionsAccepted",
        skip_serializing_if = "Option::is_none"
    )]
    pub terms_and_conditions_accepted: Option<bool>,
    /// Whether the user is present.
    #[serde(rename = "ScaContext", skip_serializing_if = "Option::is_none")]
    pub sca_context: Option<ScaContext>,
}

/// The body of the legacy `PUT /users/legal/{Id}`: only the fields to change, with the
/// representative flattened.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
pub struct UpdateUserLegal {
    /// The head office address.
    #[serde(
        rename = "HeadquartersAddress",
        skip_serializing_if = "Option::is_none"
    )]
    pub headquarters_address: Option<AddressInput>,
    /// The legal representative's address.
    #[serde(
        rename = "LegalRepresentativeAddress",
        skip_serializing_if = "Option::is_none"
    )]
    pub legal_representative_address: Option<AddressInput>,
    /// The registered legal name.
    #[serde(rename = "Name", skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The kind of legal entity.
    #[serde(rename = "LegalPersonType", skip_serializing_if = "Option::is_none")]
    pub legal_person_type: Option<LegalPersonType>,
    /// The representative's first name.
    #[serde(
        rename = "LegalRepresentativeFirstName",
        skip_serializing_if = "Option::is_none"
    )]
    pub legal_representative_first_name: Option<String>,
    /// The representative's last name.
    #[serde(
        rename = "LegalRepresentativeLastName",
        skip_serializing_if = "Option::is_none"
    )]
    pub legal_representative_last_name: Option<String>,
    /// The representative's email address.
    #[serde(
        rename = "LegalRepresentativeEmail",
        skip_serializing_if = "Option::is_none"
    )]
    pub legal_representative_email: Option<String>,
    /// The representative's date of birth (UTC).
    #[serde(
        rename = "LegalRepresentativeBirthday",
        skip_serializing_if = "Option::is_none"
    )]
    pub legal_representative_birthday: Option<Timestamp>,
    /// The representative's nationality.
    #[serde(
        rename = "LegalRepresentativeNationality",
        skip_serializing_if = "Option::is_none"
    )]
    pub legal_representative_nationality: Option<String>,
    /// The representative's country of residence.
    #[serde(
        rename = "LegalRepresentativeCountryOfResidence",
        skip_serializing_if = "Option::is_none"
    )]
    pub legal_representative_country_of_residence: Option<String>,
    /// The registration number.
    #[serde(rename = "CompanyNumber", skip_serializing_if = "Option::is_none")]
    pub company_number: Option<String>,
    /// Custom data.
    #[serde(rename = "Tag", skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// The entity's email address.
    #[serde(rename = "Email", skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
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

/// The body of `PUT /sca/users/legal/{Id}/category`: turns a PAYER into an OWNER and starts SCA
/// enrollment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
pub struct CategorizeUserLegal {
    /// Must be `OWNER`.
    #[serde(rename = "UserCategory")]
    pub user_category: UserCategory,
    /// Must be `true`.
    #[serde(rename = "TermsAndConditionsAccepted")]
    pub terms_and_conditions_accepted: bool,
    /// The representative fields an OWNER needs (birthday, nationality, residence, email) and
    /// optionally a phone number for the SCA session.
    #[serde(
        rename = "LegalRepresentative",
        skip_serializing_if = "Option::is_none"
    )]
    pub legal_representative: Option<LegalRepresentativeInput>,
    /// The head office address; required by the API on this endpoint.
    #[serde(
        rename = "HeadquartersAddress",
        skip_serializing_if = "Option::is_none"
    )]
    pub headquarters_address: Option<AddressInput>,
    /// The registration number; required if `LegalPersonType` is `BUSINESS`.
    #[serde(rename = "CompanyNumber", skip_serializing_if = "Option::is_none")]
    pub company_number: Option<String>,
    /// Whether the user is present.
    #[serde(rename = "ScaContext", skip_serializing_if = "Option::is_none")]
    pub sca_context: Option<ScaContext>,
}

impl Default for CategorizeUserLegal {
    /// `OWNER` with the terms and conditions accepted, the only values the endpoint allows.
    fn default() -> Self {
        CategorizeUserLegal {
            user_category: UserCategory::Owner,
            terms_and_conditions_accepted: true,
            legal_representative: None,
            headquarters_address: None,
            company_number: None,
            sca_context: None,
        }
    }
}
