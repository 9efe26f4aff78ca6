//! The endpoint table: one pure function per Users API endpoint, returning a [`Request`], and
//! the matcher from `(method, path)` back to an [`Endpoint`].
//!
//! Requests are data. Nothing here performs I/O: a transport executes the descriptor, the
//! sandbox and the proxy reuse the same table (through [`match_route`] and [`parse_query`]) to
//! recognise what they receive.
//!
//! Paths are relative to `/v2.01/{ClientId}` (see [`Request::url_path`]), except the OAuth
//! token's; every ID is checked and percent-encoded (see [`path_param`]) so that it can never
//! leave its path segment, and whatever a builder produces, [`match_route`] maps back to the
//! same endpoint and parameters.
//!
//! ```
//! use mangopay_wasm::api::{self, Endpoint, ListOptions, Method, Sort};
//!
//! // Building: a descriptor, no I/O.
//! let req = api::get_kyc_documents(
//!     "user_m_01J82SPSKW53XZM936PDVN76W0",
//!     &ListOptions::new().per_page(20).sort(Sort::CreationDateDesc).filter("Status", "REFUSED"),
//! )?;
//! assert_eq!(req.method, Method::Get);
//! assert_eq!(
//!     req.url_path("my-client"),
//!     "/v2.01/my-client/users/user_m_01J82SPSKW53XZM936PDVN76W0/kyc/documents"
//! );
//! assert_eq!(req.query_string(), "per_page=20&Sort=CreationDate%3ADESC&Status=REFUSED");
//!
//! // Matching, as a proxy: the SDKs' `/KYC/` spelling and trailing slash are accepted, the
//! // canonical path and query are what gets forwarded; anything else is refused.
//! let m = api::match_route("GET", "/v2.01/my-client/users/123/KYC/documents/").unwrap();
//! assert_eq!(m.endpoint(), Endpoint::GetKycDocuments);
//! assert_eq!(m.canonical_path(), "/v2.01/my-client/users/123/kyc/documents");
//! assert_eq!(api::canonical_query(m.endpoint(), "status=REFUSED&page=2")?, "page=2&Status=REFUSED");
//! assert!(api::match_route("GET", "/v2.01/my-client/users/123/%2e%2e/%2e%2e/clients").is_err());
//! assert!(api::canonical_query(m.endpoint(), "Status=REFUSED&Status=CREATED").is_err());
//! # Ok::<(), api::RequestError>(())
//! ```

mod build;
mod endpoint;
mod list;
mod matcher;
mod params;
mod request;

pub mod bank_accounts;
pub mod idempotency;
pub mod kyc;
pub mod oauth;
pub mod sca;
pub mod status;
pub mod user_resources;
pub mod users;

pub use endpoint::Endpoint;
pub use list::{canonical_query, parse_query, ListOptions, Sort, MAX_PER_PAGE, MAX_QUERY_LEN};
pub use matcher::{match_route, MatchError, RouteMatch, MAX_PATH_LEN};
pub use params::{path_param, BankAccountType, MAX_ID_LEN};
pub(crate) use request::encode_into;
pub use request::{
    encode_component, encode_segment, Body, Method, Request, RequestError, API_VERSION,
};

pub use bank_accounts::{
    create_bank_account, get_bank_account, get_bank_accounts, update_bank_account,
};
pub use idempotency::get_response;
pub use kyc::{
    create_kyc_document, create_kyc_page, get_kyc_document, get_kyc_documents, update_kyc_document,
};
pub use oauth::oauth_token;
pub use sca::{categorize_legal, categorize_natural, enroll, get_sca_status, manage_consent};
pub use status::{get_block_status, get_emoney, get_regulatory, validate_the_format_of_user_data};
pub use user_resources::{
    get_cards, get_mandates, get_mandates_for_bank_account, get_pre_authorizations,
    get_transactions, get_wallets,
};
pub use users::{
    close_legal, close_natural, create_legal, create_legal_sca, create_natural, create_natural_sca,
    get, get_all, get_legal, get_legal_sca, get_natural, get_natural_sca, get_sca, update_legal,
    update_legal_sca, update_natural, update_natural_sca,
};
