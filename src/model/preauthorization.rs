//! `GET /users/{Id}/preauthorizations`: card preauthorizations (funds held on a card).

use serde::{Deserialize, Serialize};

use super::common::{Address, Money, Timestamp};
use super::mandate::ExecutionType;
use super::open_enum::open_enum;

open_enum! {
    /// The status of the authorization itself.
    pub enum PreAuthorizationStatus {
        /// Created, not yet authorized.
        Created = "CREATED",
        /// The funds are held.
        Succeeded = "SUCCEEDED",
        /// The authorization failed.
        Failed = "FAILED",
    }
}

open_enum! {
    /// The status of the payment that captures a preauthorization.
    pub enum PaymentStatus {
        /// Waiting for capture.
        Waiting = "WAITING",
        /// Cancelled by the platform.
        Canceled = "CANCELED",
        /// Expired without capture.
        Expired = "EXPIRED",
        /// Captured in full.
        Validated = "VALIDATED",
    }
}

open_enum! {
    /// The 3-D Secure mode requested.
    pub enum SecureMode {
        /// 3-D Secure when required.
        Default = "DEFAULT",
        /// Always 3-D Secure.
        Force = "FORCE",
        /// Frictionless where possible.
        NoChoice = "NO_CHOICE",
    }
}

/// The address verification result of a card payment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
#[serde(default)]
pub struct SecurityInfo {
    /// The AVS result, e.g. `NO_CHECK`.
    #[serde(rename = "AVSResult")]
    pub avs_result: Option<String>,
}

/// The browser data sent for 3-D Secure 2.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
#[serde(default)]
pub struct BrowserInfo {
    /// The browser's `Accept` header.
    #[serde(rename = "AcceptHeader")]
    pub accept_header: Option<String>,
    /// Whether Java is enabled.
    #[serde(rename = "JavaEnabled")]
    pub java_enabled: Option<bool>,
    /// The browser language.
    #[serde(rename = "Language")]
    pub language: Option<String>,
    /// The screen colour depth.
    #[serde(rename = "ColorDepth")]
    pub color_depth: Option<i64>,
    /// The screen height in pixels.
    #[serde(rename = "ScreenHeight")]
    pub screen_height: Option<i64>,
    /// The screen width in pixels.
    #[serde(rename = "ScreenWidth")]
    pub screen_width: Option<i64>,
    /// The offset from UTC in minutes.
    #[serde(rename = "TimeZoneOffset")]
    pub time_zone_offset: Option<i64>,
    /// The browser's user agent.
    #[serde(rename = "UserAgent")]
    pub user_agent: Option<String>,
    /// Whether JavaScript is enabled.
    #[serde(rename = "JavascriptEnabled")]
    pub javascript_enabled: Option<bool>,
}

/// A billing or shipping contact.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
#[serde(default)]
pub struct Contact {
    /// The first name.
    #[serde(rename = "FirstName")]
    pub first_name: Option<String>,
    /// The last name.
    #[serde(rename = "LastName")]
    pub last_name: Option<String>,
    /// The postal address.
    #[serde(rename = "Address")]
    pub address: Option<Address>,
}

/// What the card's BIN says about it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
#[serde(default)]
pub struct CardInfo {
    /// The first digits of the card number.
    #[serde(rename = "BIN")]
    pub bin: Option<String>,
    /// The issuing bank.
    #[serde(rename = "IssuingBank")]
    pub issuing_bank: Option<String>,
    /// The issuer's country, ISO 3166-1 alpha-2.
    #[serde(rename = "IssuerCountryCode")]
    pub issuer_country_code: Option<String>,
    /// `DEBIT`, `CREDIT` or `CHARGE CARD`.
    #[serde(rename = "Type")]
    pub card_info_type: Option<String>,
    /// The card brand, e.g. `VISA`.
    #[serde(rename = "Brand")]
    pub brand: Option<String>,
    /// The card sub-type.
    #[serde(rename = "SubType")]
    pub sub_type: Option<String>,
}

/// A card preauthorization, with the fields the API documents for it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
#[serde(default)]
pub struct PreAuthorization {
    /// The preauthorization's identifier.
    #[serde(rename = "Id")]
    pub id: Option<String>,
    /// Custom data.
    #[serde(rename = "Tag")]
    pub tag: Option<String>,
    /// When it was created.
    #[serde(rename = "CreationDate")]
    pub creation_date: Option<Timestamp>,
    /// The user who owns the card.
    #[serde(rename = "AuthorId")]
    pub author_id: Option<String>,
    /// The amount held.
    #[serde(rename = "DebitedFunds")]
    pub debited_funds: Option<Money>,
    /// The amount still available for capture.
    #[serde(rename = "RemainingFunds")]
    pub remaining_funds: Option<Money>,
    /// When the funds were authorized.
    #[serde(rename = "AuthorizationDate")]
    pub authorization_date: Option<Timestamp>,
    /// The authorization status.
    #[serde(rename = "Status")]
    pub status: Option<PreAuthorizationStatus>,
    /// The capture status.
    #[serde(rename = "PaymentStatus")]
    pub payment_status: Option<PaymentStatus>,
    /// When the hold expires.
    #[serde(rename = "ExpirationDate")]
    pub expiration_date: Option<Timestamp>,
    /// The pay-in that captured it, if any.
    #[serde(rename = "PayInId")]
    pub pay_in_id: Option<String>,
    /// The result code.
    #[serde(rename = "ResultCode")]
    pub result_code: Option<String>,
    /// The result explained.
    #[serde(rename = "ResultMessage")]
    pub result_message: Option<String>,
    /// The 3-D Secure mode.
    #[serde(rename = "SecureMode")]
    pub secure_mode: Option<SecureMode>,
    /// The card held.
    #[serde(rename = "CardId")]
    pub card_id: Option<String>,
    /// Where the user returns after 3-D Secure.
    #[serde(rename = "SecureModeReturnURL")]
    pub secure_mode_return_url: Option<String>,
    /// Where to send the user for 3-D Secure.
    #[serde(rename = "SecureModeRedirectURL")]
    pub secure_mode_redirect_url: Option<String>,
    /// Whether 3-D Secure is needed.
    #[serde(rename = "SecureModeNeeded")]
    pub secure_mode_needed: Option<bool>,
    /// `CARD`.
    #[serde(rename = "PaymentType")]
    pub payment_type: Option<String>,
    /// `DIRECT`.
    #[serde(rename = "ExecutionType")]
    pub execution_type: Option<ExecutionType>,
    /// The text on the user's statement.
    #[serde(rename = "StatementDescriptor")]
    pub statement_descriptor: Option<String>,
    /// The language of the 3-D Secure page.
    #[serde(rename = "Culture")]
    pub culture: Option<String>,
    /// The address verification result.
    #[serde(rename = "SecurityInfo")]
    pub security_info: Option<SecurityInfo>,
    /// Whether several captures are allowed.
    #[serde(rename = "MultiCapture")]
    pub multi_capture: Option<bool>,
    /// The browser data for 3-D Secure 2.
    #[serde(rename = "BrowserInfo")]
    pub browser_info: Option<BrowserInfo>,
    /// The user's IP address.
    #[serde(rename = "IpAddress")]
    pub ip_address: Option<String>,
    /// The billing contact.
    #[serde(rename = "Billing")]
    pub billing: Option<Contact>,
    /// The shipping contact.
    #[serde(rename = "Shipping")]
    pub shipping: Option<Contact>,
    /// The 3-D Secure version requested.
    #[serde(rename = "Requested3DSVersion")]
    pub requested_3ds_version: Option<String>,
    /// The 3-D Secure version applied.
    #[serde(rename = "Applied3DSVersion")]
    pub applied_3ds_version: Option<String>,
    /// The network chosen for co-branded cards.
    #[serde(rename = "PreferredCardNetwork")]
    pub preferred_card_network: Option<String>,
    /// `ECommerce` or `TelephoneOrder`.
    #[serde(rename = "PaymentCategory")]
    pub payment_category: Option<String>,
    /// What the card's BIN says about it.
    #[serde(rename = "CardInfo")]
    pub card_info: Option<CardInfo>,
}
