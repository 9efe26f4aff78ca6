//! `GET /users/{Id}/mandates` and `GET /users/{Id}/bankaccounts/{Id}/mandates`: direct-debit
//! mandates.

use serde::{Deserialize, Serialize};

use super::common::Timestamp;
use super::open_enum::open_enum;

open_enum! {
    /// The status of a mandate.
    pub enum MandateStatus {
        /// Created; the user has not confirmed it yet.
        Created = "CREATED",
        /// Confirmed by the user, being set up with the bank.
        Submitted = "SUBMITTED",
        /// Usable for direct-debit pay-ins.
        Active = "ACTIVE",
        /// Failed or cancelled.
        Failed = "FAILED",
        /// Expired after 30 months without use.
        Expired = "EXPIRED",
    }
}

open_enum! {
    /// The direct-debit scheme of a mandate.
    pub enum MandateScheme {
        /// SEPA (EUR).
        Sepa = "SEPA",
        /// Bacs (GBP).
        Bacs = "BACS",
    }
}

open_enum! {
    /// How a payment object is executed.
    pub enum ExecutionType {
        /// Through a Mangopay-hosted page.
        Web = "WEB",
        /// Directly by API.
        Direct = "DIRECT",
    }
}

/// A mandate. List endpoints return the core fields; the scheme, bank and URL fields come with
/// `GET /mandates/{Id}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
#[serde(default)]
pub struct Mandate {
    /// The mandate's identifier.
    #[serde(rename = "Id")]
    pub id: Option<String>,
    /// When the mandate was created.
    #[serde(rename = "CreationDate")]
    pub creation_date: Option<Timestamp>,
    /// The status.
    #[serde(rename = "Status")]
    pub status: Option<MandateStatus>,
    /// The owner's identifier.
    #[serde(rename = "UserId")]
    pub user_id: Option<String>,
    /// How the mandate is confirmed (`WEB`).
    #[serde(rename = "ExecutionType")]
    pub execution_type: Option<ExecutionType>,
    /// The mandate type (`DIRECT_DEBIT`).
    #[serde(rename = "MandateType")]
    pub mandate_type: Option<String>,
    /// Custom data.
    #[serde(rename = "Tag")]
    pub tag: Option<String>,
    /// The result code.
    #[serde(rename = "ResultCode")]
    pub result_code: Option<String>,
    /// The result explained.
    #[serde(rename = "ResultMessage")]
    pub result_message: Option<String>,
    /// The scheme.
    #[serde(rename = "Scheme")]
    pub scheme: Option<MandateScheme>,
    /// The bank account debited.
    #[serde(rename = "BankAccountId")]
    pub bank_account_id: Option<String>,
    /// The reference on the user's bank statement.
    #[serde(rename = "BankReference")]
    pub bank_reference: Option<String>,
    /// The language of the confirmation page and document.
    #[serde(rename = "Culture")]
    pub culture: Option<String>,
    /// The mandate document.
    #[serde(rename = "DocumentURL")]
    pub document_url: Option<String>,
    /// Where the user returns after confirming.
    #[serde(rename = "ReturnURL")]
    pub return_url: Option<String>,
    /// Where to send the user to confirm.
    #[serde(rename = "RedirectURL")]
    pub redirect_url: Option<String>,
}
