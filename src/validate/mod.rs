//! Mangopay's request rules as validators over dynamic JSON.
//!
//! A validator takes a [`serde_json::Value`] (not only a typed struct) so that it can report
//! *every* issue in one pass — wrong types included — as a [`Report`] of [`Issue`]s. Each issue
//! has a `path` in the API's notation (`Address.Country`, `LegalRepresentative.Email`), a stable
//! machine [`IssueCode`] and an English message. A report renders to exactly the server's
//! `param_error` body, so a form handles client- and server-side errors with one code path.
//!
//! Rules are the documented ones, no more: a client-side validator must never be stricter than
//! the server, because it cannot see the stored user. So updates are partial (only the fields
//! present are checked, `null` meaning "not sent"), categorize does not require what may already
//! be stored, unknown body fields are ignored (the server ignores them), enum values and country
//! codes ignore ASCII case (as the server's enum reader does), and lengths are counted in
//! characters (never more than .NET's UTF-16 units). Each module documents its rule table and the
//! `Mangopay/docs` files it comes from.
//!
//! | JS name | function |
//! |---|---|
//! | `createNaturalSca` | [`create_natural_sca`] |
//! | `createLegalSca` | [`create_legal_sca`] |
//! | `createNatural` | [`create_natural`] |
//! | `createLegal` | [`create_legal`] |
//! | `updateNaturalSca` | [`update_natural_sca`] |
//! | `updateLegalSca` | [`update_legal_sca`] |
//! | `updateNatural` | [`update_natural`] |
//! | `updateLegal` | [`update_legal`] |
//! | `categorizeNatural` | [`categorize_natural`] |
//! | `categorizeLegal` | [`categorize_legal`] |
//! | `createKycDocument` | [`create_kyc_document`] |
//! | `createBankAccount` | [`create_bank_account`] |
//! | `validateTheFormatOfUserData` | [`validate_the_format_of_user_data`] |
//! | `kycPage` | [`kyc_page`] (and [`kyc_page_base64`]) |
//! | `listOptions` | [`list_options`] |
//! | `idempotencyKey` | [`idempotency_key`] |
//! | `scaReturnUrl` | [`sca_return_url`] (and [`build_sca_redirect_url`]) |

mod bank_account;
mod checks;
mod country;
mod data_format;
mod email;
mod idempotency;
mod kyc;
mod legal;
mod list;
mod natural;
mod report;
mod sca;
mod user;

use serde_json::Value;

pub use bank_account::{is_valid_bic, is_valid_iban, BankAccountType, BIC_PATTERN};
pub use country::is_accepted_country;
pub use email::{is_valid_email, EMAIL_PATTERN};
pub use idempotency::idempotency_key;
pub use kyc::{
    base64_encode, kyc_min_bytes, kyc_page, kyc_page_base64, sniff_kyc_file, KycFileKind,
    KycUserContext, KYC_DOCUMENT_TYPES, KYC_MAX_BASE64_CHARS, KYC_MAX_BYTES,
    KYC_MIN_IDENTITY_PROOF_BYTES, KYC_MIN_OTHER_BYTES,
};
pub use report::{Issue, IssueCode, Report, PARAM_ERROR_MESSAGE};
pub use sca::{build_sca_redirect_url, sca_return_url, SCA_URL_MAX_CHARS};
pub use user::{LegalPersonType, PersonType};

use user::Mode;

/// `POST /sca/users/natural`: create a Natural Payer or Owner (SCA).
pub fn create_natural_sca(body: &Value) -> Report {
    natural::validate(body, Mode::Create, true)
}

/// `POST /sca/users/legal`: create a Legal Payer or Owner (SCA).
pub fn create_legal_sca(body: &Value) -> Report {
    legal::validate(body, Mode::Create, true)
}

/// `POST /users/natural`: create a Natural User (legacy, deprecated by Mangopay).
pub fn create_natural(body: &Value) -> Report {
    natural::validate(body, Mode::Create, false)
}

/// `POST /users/legal`: create a Legal User (legacy, deprecated by Mangopay).
pub fn create_legal(body: &Value) -> Report {
    legal::validate(body, Mode::Create, false)
}

/// `PUT /sca/users/natural/{UserId}`: partial update of a natural user (SCA).
pub fn update_natural_sca(body: &Value) -> Report {
    natural::validate(body, Mode::Update, true)
}

/// `PUT /sca/users/legal/{UserId}`: partial update of a legal user (SCA).
pub fn update_legal_sca(body: &Value) -> Report {
    legal::validate(body, Mode::Update, true)
}

/// `PUT /users/natural/{UserId}`: partial update of a natural user (legacy).
pub fn update_natural(body: &Value) -> Report {
    natural::validate(body, Mode::Update, false)
}

/// `PUT /users/legal/{UserId}`: partial update of a legal user (legacy).
pub fn update_legal(body: &Value) -> Report {
    legal::validate(body, Mode::Update, false)
}

/// `PUT /sca/users/natural/{UserId}/category`: categorize a Natural Payer as OWNER.
pub fn categorize_natural(body: &Value) -> Report {
    natural::validate(body, Mode::Categorize, true)
}

/// `PUT /sca/users/legal/{UserId}/category`: categorize a Legal Payer as OWNER.
pub fn categorize_legal(body: &Value) -> Report {
    legal::validate(body, Mode::Categorize, true)
}

/// `POST /users/{UserId}/kyc/documents`: the `Type` must be allowed for the user.
pub fn create_kyc_document(body: &Value, user: &KycUserContext) -> Report {
    kyc::document(body, Some(user))
}

/// `POST /users/{UserId}/bankaccounts/{type}` with the type taken from the body's `Type`.
pub fn create_bank_account(body: &Value) -> Report {
    bank_account::validate(body, None)
}

/// `POST /users/{UserId}/bankaccounts/{type}` with the type taken from the endpoint; the body's
/// `Type`, if any, is ignored (the endpoint path decides, as on the server).
pub fn create_bank_account_of_type(body: &Value, kind: BankAccountType) -> Report {
    bank_account::validate(body, Some(kind))
}

/// `POST /users/data-formats/validation`: the company-number format check request.
pub fn validate_the_format_of_user_data(body: &Value) -> Report {
    data_format::validate(body)
}

/// The JS-facing list options `{page, perPage, sort, ...filters}`.
pub fn list_options(options: &Value) -> Report {
    list::validate(options)
}
