//! `GET /users/{Id}/transactions`: the transactions a user authored.

use serde::{Deserialize, Serialize};

use super::common::{Money, Timestamp};
use super::open_enum::open_enum;

open_enum! {
    /// The status of a transaction.
    pub enum TransactionStatus {
        /// Created, not yet processed.
        Created = "CREATED",
        /// Processed successfully.
        Succeeded = "SUCCEEDED",
        /// Failed; see `ResultCode`.
        Failed = "FAILED",
    }
}

open_enum! {
    /// The type of a transaction.
    pub enum TransactionType {
        /// Money into a wallet.
        PayIn = "PAYIN",
        /// Money between wallets.
        Transfer = "TRANSFER",
        /// Money out to a bank account.
        PayOut = "PAYOUT",
        /// A currency conversion between wallets.
        Conversion = "CONVERSION",
    }
}

open_enum! {
    /// The nature of a transaction.
    pub enum TransactionNature {
        /// An ordinary transaction.
        Regular = "REGULAR",
        /// A refund of another transaction.
        Refund = "REFUND",
        /// A repudiation following a dispute.
        Repudiation = "REPUDIATION",
        /// A settlement following a dispute.
        Settlement = "SETTLEMENT",
    }
}

/// A transaction: pay-in, transfer, payout or conversion, in its common fields.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
#[serde(default)]
pub struct Transaction {
    /// The transaction's identifier.
    #[serde(rename = "Id")]
    pub id: Option<String>,
    /// Custom data.
    #[serde(rename = "Tag")]
    pub tag: Option<String>,
    /// When the transaction was created.
    #[serde(rename = "CreationDate")]
    pub creation_date: Option<Timestamp>,
    /// The user at the origin of the transaction.
    #[serde(rename = "AuthorId")]
    pub author_id: Option<String>,
    /// The user credited.
    #[serde(rename = "CreditedUserId")]
    pub credited_user_id: Option<String>,
    /// The amount debited (fees included).
    #[serde(rename = "DebitedFunds")]
    pub debited_funds: Option<Money>,
    /// The amount credited (`DebitedFunds` − `Fees`).
    #[serde(rename = "CreditedFunds")]
    pub credited_funds: Option<Money>,
    /// The platform fees.
    #[serde(rename = "Fees")]
    pub fees: Option<Money>,
    /// The status.
    #[serde(rename = "Status")]
    pub status: Option<TransactionStatus>,
    /// The result code (`000000` on success).
    #[serde(rename = "ResultCode")]
    pub result_code: Option<String>,
    /// The result explained.
    #[serde(rename = "ResultMessage")]
    pub result_message: Option<String>,
    /// When the transaction was executed.
    #[serde(rename = "ExecutionDate")]
    pub execution_date: Option<Timestamp>,
    /// The type.
    #[serde(rename = "Type")]
    pub transaction_type: Option<TransactionType>,
    /// The nature.
    #[serde(rename = "Nature")]
    pub nature: Option<TransactionNature>,
    /// The wallet credited.
    #[serde(rename = "CreditedWalletId")]
    pub credited_wallet_id: Option<String>,
    /// The wallet debited.
    #[serde(rename = "DebitedWalletId")]
    pub debited_wallet_id: Option<String>,
    /// The deposit preauthorization the transaction relates to, if any.
    #[serde(rename = "DepositId")]
    pub deposit_id: Option<String>,
}
