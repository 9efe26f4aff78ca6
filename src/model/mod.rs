//! Serde types for every request and response body of the Users API, spelled exactly as the API
//! spells them (`FirstName`, `KYCLevel`, `errors`).
//!
//! Response types tolerate unknown fields, and enums Mangopay may extend keep unknown values
//! instead of failing, so a new value on the server never breaks a deployed client.
//!
//! - Responses: every field is an `Option`, a missing field reads as `None` and `None` is written
//!   as `null`, as the API writes it.
//! - Requests (`Create…`, `Update…`, `Categorize…`, `Submit…`, `Validate…`, `Deactivate…`):
//!   `None` fields are left out, so a partial `PUT` sends only what changes. Only the fields the
//!   API always requires are non-`Option`; conditional rules live in [`crate::validate`].
//! - Enums are open: documented values are variants, any other value is kept in `Other(String)`
//!   and written back unchanged; each enum's `KNOWN` lists the documented values (for
//!   validators) and `TS_TYPE` gives its TypeScript type. They are declared with the
//!   crate-internal `open_enum!` macro (`src/model/open_enum.rs`).
//! - Shapes stay plain for the JS boundary: no `flatten`, no `HashMap`, no externally tagged
//!   enums, no `u64`/`usize`. The few enums whose variants are whole bodies ([`User`],
//!   [`UserSca`], [`CreateBankAccount`], [`ErrorBody`]) are untagged: on the wire they are the
//!   body itself.

mod open_enum;

mod bank_account;
mod card;
mod common;
mod company_number;
mod emoney;
mod error;
mod idempotency;
mod kyc;
mod mandate;
mod oauth;
mod pagination;
mod preauthorization;
mod rate_limit;
mod sca;
mod status;
mod transaction;
mod user;
mod user_legal;
mod user_natural;
mod wallet;

pub use bank_account::{
    BankAccount, BankAccountType, CreateBankAccount, CreateCaBankAccount, CreateGbBankAccount,
    CreateIbanBankAccount, CreateOtherBankAccount, CreateUsBankAccount, DeactivateBankAccount,
    DepositAccountType,
};
pub use card::{Card, CardType, CardValidity};
pub(crate) use common::lenient;
pub use common::{Address, AddressInput, Money, Timestamp};
pub use company_number::{
    CompanyNumberDetails, CompanyNumberInput, CompanyNumberValidation, ValidateCompanyNumber,
};
pub use emoney::EMoney;
pub use error::{
    parse_error_body, parse_error_value, ApiErrorBody, ApiErrorType, ErrorBody, OAuthErrorBody,
};
pub use idempotency::ApiResponse;
pub use kyc::{
    CreateKycDocument, CreateKycPage, KycDocument, KycDocumentStatus, KycDocumentType,
    RefusedReasonType, SubmitKycDocument,
};
pub use mandate::{ExecutionType, Mandate, MandateScheme, MandateStatus};
pub use oauth::{OAuthToken, TOKEN_REQUEST_BODY};
pub use pagination::{parse_count, parse_link_header, PageInfo, PageLinks};
pub use preauthorization::{
    BrowserInfo, CardInfo, Contact, PaymentStatus, PreAuthorization, PreAuthorizationStatus,
    SecureMode, SecurityInfo,
};
pub use rate_limit::{parse_rate_limits, RateLimit, BUCKET_MINUTES};
pub use sca::{
    pending_user_action_from_www_authenticate, ConsentScope, ConsentScopeStatus, ScaContext,
    ScaStatus, UserConsent, UserEnrollmentResult,
};
pub use status::{ScopeBlocked, UserBlockStatus, UserRegulatoryStatus};
pub use transaction::{Transaction, TransactionNature, TransactionStatus, TransactionType};
pub use user::{
    Capacity, KycLevel, LegalPersonType, PendingUserAction, PersonType, User, UserCategory,
    UserListItem, UserSca, UserStatus,
};
pub use user_legal::{
    CategorizeUserLegal, CreateUserLegal, CreateUserLegalSca, LegalRepresentative,
    LegalRepresentativeInput, UpdateUserLegal, UpdateUserLegalSca, UserLegal, UserLegalSca,
};
pub use user_natural::{
    CategorizeUserNatural, CreateUserNatural, CreateUserNaturalSca, UpdateUserNatural,
    UpdateUserNaturalSca, UserNatural, UserNaturalSca,
};
pub use wallet::{FundsType, Wallet};
