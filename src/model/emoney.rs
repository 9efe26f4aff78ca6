//! `GET /users/{Id}/emoney/{Year}[/{Month}]`: the e-money credited to and debited from a user.

use serde::{Deserialize, Serialize};

use super::common::Money;

/// The e-money a user received and spent over a year, a month, or since creation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
#[serde(default)]
pub struct EMoney {
    /// The user's identifier.
    #[serde(rename = "UserId")]
    pub user_id: Option<String>,
    /// The total credited.
    #[serde(rename = "CreditedEMoney")]
    pub credited_e_money: Option<Money>,
    /// The total debited.
    #[serde(rename = "DebitedEMoney")]
    pub debited_e_money: Option<Money>,
}
