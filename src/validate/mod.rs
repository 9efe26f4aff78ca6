//! Mangopay's request rules as validators over dynamic JSON.
//!
//! A validator takes a [`serde_json::Value`] (not only a typed struct) so that it can report
//! *every* issue in one pass — wrong types included — as a [`Report`] of [`Issue`]s. Internally
//! the rules read a flat, borrowed view of the JSON (a tape of nodes; see `tape.rs`), which the
//! `Value` is put on first and which the wasm package's JS layer writes directly, so that one
//! implementation of every rule serves the host, the proxy and JS. Each issue
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
mod tape;
mod user;

use serde_json::Value;

#[cfg(all(target_arch = "wasm32", feature = "js"))]
pub(crate) use tape::View;
pub(crate) use tape::{Json, Tape};

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
    validate(ValidatorKind::CreateNaturalSca, body)
}

/// `POST /sca/users/legal`: create a Legal Payer or Owner (SCA).
pub fn create_legal_sca(body: &Value) -> Report {
    validate(ValidatorKind::CreateLegalSca, body)
}

/// `POST /users/natural`: create a Natural User (legacy, deprecated by Mangopay).
pub fn create_natural(body: &Value) -> Report {
    validate(ValidatorKind::CreateNatural, body)
}

/// `POST /users/legal`: create a Legal User (legacy, deprecated by Mangopay).
pub fn create_legal(body: &Value) -> Report {
    validate(ValidatorKind::CreateLegal, body)
}

/// `PUT /sca/users/natural/{UserId}`: partial update of a natural user (SCA).
pub fn update_natural_sca(body: &Value) -> Report {
    validate(ValidatorKind::UpdateNaturalSca, body)
}

/// `PUT /sca/users/legal/{UserId}`: partial update of a legal user (SCA).
pub fn update_legal_sca(body: &Value) -> Report {
    validate(ValidatorKind::UpdateLegalSca, body)
}

/// `PUT /users/natural/{UserId}`: partial update of a natural user (legacy).
pub fn update_natural(body: &Value) -> Report {
    validate(ValidatorKind::UpdateNatural, body)
}

/// `PUT /users/legal/{UserId}`: partial update of a legal user (legacy).
pub fn update_legal(body: &Value) -> Report {
    validate(ValidatorKind::UpdateLegal, body)
}

/// `PUT /sca/users/natural/{UserId}/category`: categorize a Natural Payer as OWNER.
pub fn categorize_natural(body: &Value) -> Report {
    validate(ValidatorKind::CategorizeNatural, body)
}

/// `PUT /sca/users/legal/{UserId}/category`: categorize a Legal Payer as OWNER.
pub fn categorize_legal(body: &Value) -> Report {
    validate(ValidatorKind::CategorizeLegal, body)
}

/// `POST /users/{UserId}/kyc/documents`: the `Type` must be allowed for the user.
pub fn create_kyc_document(body: &Value, user: &KycUserContext) -> Report {
    on_tape(body, |body| create_kyc_document_json(body, user))
}

/// `POST /users/{UserId}/bankaccounts/{type}` with the type taken from the body's `Type`.
pub fn create_bank_account(body: &Value) -> Report {
    validate(ValidatorKind::CreateBankAccount, body)
}

/// `POST /users/{UserId}/bankaccounts/{type}` with the type taken from the endpoint; the body's
/// `Type`, if any, is ignored (the endpoint path decides, as on the server).
pub fn create_bank_account_of_type(body: &Value, kind: BankAccountType) -> Report {
    validate(ValidatorKind::CreateBankAccountOfType(kind), body)
}

/// `POST /users/data-formats/validation`: the company-number format check request.
pub fn validate_the_format_of_user_data(body: &Value) -> Report {
    validate(ValidatorKind::ValidateTheFormatOfUserData, body)
}

/// The JS-facing list options `{page, perPage, sort, ...filters}`.
pub fn list_options(options: &Value) -> Report {
    on_tape(options, list_options_json)
}

/// The request bodies a proxy or the sandbox can re-validate by endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ValidatorKind {
    /// [`create_natural_sca`]
    CreateNaturalSca,
    /// [`create_legal_sca`]
    CreateLegalSca,
    /// [`create_natural`]
    CreateNatural,
    /// [`create_legal`]
    CreateLegal,
    /// [`update_natural_sca`]
    UpdateNaturalSca,
    /// [`update_legal_sca`]
    UpdateLegalSca,
    /// [`update_natural`]
    UpdateNatural,
    /// [`update_legal`]
    UpdateLegal,
    /// [`categorize_natural`]
    CategorizeNatural,
    /// [`categorize_legal`]
    CategorizeLegal,
    /// A KYC document body without knowing the user: only the `Type` list and `Tag` are checked
    /// (use [`create_kyc_document`] when the user's type is known).
    CreateKycDocument,
    /// A KYC page body `{"File": "<base64>"}` for an unknown document type (1 KB minimum); a
    /// `data:` prefix is refused.
    CreateKycPage,
    /// [`create_bank_account`] (type from the body).
    CreateBankAccount,
    /// [`create_bank_account_of_type`]
    CreateBankAccountOfType(BankAccountType),
    /// [`validate_the_format_of_user_data`]
    ValidateTheFormatOfUserData,
}

impl ValidatorKind {
    /// Every kind that takes no parameter, plus one bank account kind per type.
    pub const ALL: &'static [ValidatorKind] = &[
        ValidatorKind::CreateNaturalSca,
        ValidatorKind::CreateLegalSca,
        ValidatorKind::CreateNatural,
        ValidatorKind::CreateLegal,
        ValidatorKind::UpdateNaturalSca,
        ValidatorKind::UpdateLegalSca,
        ValidatorKind::UpdateNatural,
        ValidatorKind::UpdateLegal,
        ValidatorKind::CategorizeNatural,
        ValidatorKind::CategorizeLegal,
        ValidatorKind::CreateKycDocument,
        ValidatorKind::CreateKycPage,
        ValidatorKind::CreateBankAccount,
        ValidatorKind::CreateBankAccountOfType(BankAccountType::Iban),
        ValidatorKind::CreateBankAccountOfType(BankAccountType::Gb),
        ValidatorKind::CreateBankAccountOfType(BankAccountType::Us),
        ValidatorKind::CreateBankAccountOfType(BankAccountType::Ca),
        ValidatorKind::CreateBankAccountOfType(BankAccountType::Other),
        ValidatorKind::ValidateTheFormatOfUserData,
    ];

    /// The camelCase name of the JS validator for this kind (`"createNaturalSca"`, …).
    pub fn js_name(self) -> &'static str {
        match self {
            ValidatorKind::CreateNaturalSca => "createNaturalSca",
            ValidatorKind::CreateLegalSca => "createLegalSca",
            ValidatorKind::CreateNatural => "createNatural",
            ValidatorKind::CreateLegal => "createLegal",
            ValidatorKind::UpdateNaturalSca => "updateNaturalSca",
            ValidatorKind::UpdateLegalSca => "updateLegalSca",
            ValidatorKind::UpdateNatural => "updateNatural",
            ValidatorKind::UpdateLegal => "updateLegal",
            ValidatorKind::CategorizeNatural => "categorizeNatural",
            ValidatorKind::CategorizeLegal => "categorizeLegal",
            ValidatorKind::CreateKycDocument => "createKycDocument",
            ValidatorKind::CreateKycPage => "kycPage",
            ValidatorKind::CreateBankAccount | ValidatorKind::CreateBankAccountOfType(_) => {
                "createBankAccount"
            }
            ValidatorKind::ValidateTheFormatOfUserData => "validateTheFormatOfUserData",
        }
    }
}

/// Validates a request body by kind (for the proxy and the sandbox, which know the endpoint).
pub fn validate(kind: ValidatorKind, body: &Value) -> Report {
    on_tape(body, |body| validate_json(kind, body))
}

/// Runs `check` on the tape of `body`.
fn on_tape(body: &Value, check: impl FnOnce(Json<'_>) -> Report) -> Report {
    let tape = Tape::from_value(body);
    check(tape.view().root())
}

/// [`validate`] over JSON data already on a tape (the wasm entry reads tapes written by JS).
pub(crate) fn validate_json(kind: ValidatorKind, body: Json<'_>) -> Report {
    use ValidatorKind as K;
    match kind {
        K::CreateNaturalSca => natural::validate(body, Mode::Create, true),
        K::CreateLegalSca => legal::validate(body, Mode::Create, true),
        K::CreateNatural => natural::validate(body, Mode::Create, false),
        K::CreateLegal => legal::validate(body, Mode::Create, false),
        K::UpdateNaturalSca => natural::validate(body, Mode::Update, true),
        K::UpdateLegalSca => legal::validate(body, Mode::Update, true),
        K::UpdateNatural => natural::validate(body, Mode::Update, false),
        K::UpdateLegal => legal::validate(body, Mode::Update, false),
        K::CategorizeNatural => natural::validate(body, Mode::Categorize, true),
        K::CategorizeLegal => legal::validate(body, Mode::Categorize, true),
        K::CreateKycDocument => kyc::document(body, None),
        K::CreateKycPage => kyc::page_body(body),
        K::CreateBankAccount => bank_account::validate(body, None),
        K::CreateBankAccountOfType(kind) => bank_account::validate(body, Some(kind)),
        K::ValidateTheFormatOfUserData => data_format::validate(body),
    }
}

/// [`create_kyc_document`] over a tape.
pub(crate) fn create_kyc_document_json(body: Json<'_>, user: &KycUserContext) -> Report {
    kyc::document(body, Some(user))
}

/// [`list_options`] over a tape.
pub(crate) fn list_options_json(options: Json<'_>) -> Report {
    list::validate(options)
}
