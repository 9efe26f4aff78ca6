//! Block and regulatory status: whether Mangopay blocked a user's inflows or outflows.

use serde::{Deserialize, Serialize};

/// Which money movements are blocked for a user.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
#[serde(default)]
pub struct ScopeBlocked {
    /// Pay-ins and incoming transfers are blocked.
    #[serde(rename = "Inflows")]
    pub inflows: Option<bool>,
    /// Payouts and outgoing transfers are blocked.
    #[serde(rename = "Outflows")]
    pub outflows: Option<bool>,
}

/// The result of `GET /users/{Id}/blockStatus` and `GET /users/{Id}/regulatory`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
#[serde(default)]
pub struct UserBlockStatus {
    /// The code of the action that caused the block (e.g. `008701`).
    #[serde(rename = "ActionCode")]
    pub action_code: Option<String>,
    /// What is blocked.
    #[serde(rename = "ScopeBlocked")]
    pub scope_blocked: Option<ScopeBlocked>,
    /// The identifier of the user.
    #[serde(rename = "Id")]
    pub id: Option<String>,
}

/// The regulatory status of a user: the same shape as the block status.
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), tsify::declare)]
pub type UserRegulatoryStatus = UserBlockStatus;
