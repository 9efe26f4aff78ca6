//! `GET /users/{Id}/wallets`: the wallets a user owns.

use serde::{Deserialize, Serialize};

use super::common::{Money, Timestamp};
use super::open_enum::open_enum;

open_enum! {
    /// The kind of funds a wallet holds.
    pub enum FundsType {
        /// A user's ordinary wallet.
        Default = "DEFAULT",
        /// A client fees wallet.
        Fees = "FEES",
        /// A client repudiation (credit) wallet.
        Credit = "CREDIT",
    }
}

/// A wallet.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
#[serde(default)]
pub struct Wallet {
    /// The description.
    #[serde(rename = "Description")]
    pub description: Option<String>,
    /// The owning users' identifiers (one user).
    #[serde(rename = "Owners")]
    pub owners: Option<Vec<String>>,
    /// The wallet's identifier.
    #[serde(rename = "Id")]
    pub id: Option<String>,
    /// The current balance.
    #[serde(rename = "Balance")]
    pub balance: Option<Money>,
    /// The wallet's currency, ISO 4217.
    #[serde(rename = "Currency")]
    pub currency: Option<String>,
    /// The kind of funds.
    #[serde(rename = "FundsType")]
    pub funds_type: Option<FundsType>,
    /// Custom data.
    #[serde(rename = "Tag")]
    pub tag: Option<String>,
    /// When the wallet was created.
    #[serde(rename = "CreationDate")]
    pub creation_date: Option<Timestamp>,
}
