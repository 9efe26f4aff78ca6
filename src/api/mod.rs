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
