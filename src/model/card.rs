//! `GET /users/{Id}/cards`: the tokenized cards registered for a user.

use serde::{Deserialize, Serialize};

use super::common::Timestamp;
use super::open_enum::open_enum;

open_enum! {
    /// The card network family of a card.
    pub enum CardType {
        /// CB, Visa or Mastercard.
        CbVisaMastercard = "CB_VISA_MASTERCARD",
        /// Diners.
        Diners = "DINERS",
        /// Masterpass.
        Masterpass = "MASTERPASS",
        /// Maestro.
        Maestro = "MAESTRO",
        /// Przelewy24.
        P24 = "P24",
        /// iDEAL.
        Ideal = "IDEAL",
        /// Bancontact.
        Bcmc = "BCMC",
        /// Paylib.
        Paylib = "PAYLIB",
    }
}

open_enum! {
    /// Whether a card can be used.
    pub enum CardValidity {
        /// Not yet used successfully.
        Unknown = "UNKNOWN",
        /// Used successfully.
        Valid = "VALID",
        /// Not usable (failed, expired, or not validated within 24 hours).
        Invalid = "INVALID",
    }
}

/// A card: the tokenized version of a payment card.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
#[serde(default)]
pub struct Card {
    /// The expiry date, `MMYY`.
    #[serde(rename = "ExpirationDate")]
    pub expiration_date: Option<String>,
    /// The masked card number, e.g. `497010XXXXXX8183`.
    #[serde(rename = "Alias")]
    pub alias: Option<String>,
    /// The card type.
    #[serde(rename = "CardType")]
    pub card_type: Option<CardType>,
    /// The card network, e.g. `VISA`.
    #[serde(rename = "CardProvider")]
    pub card_provider: Option<String>,
    /// The issuing country, ISO 3166-1 alpha-3.
    #[serde(rename = "Country")]
    pub country: Option<String>,
    /// The card product code.
    #[serde(rename = "Product")]
    pub product: Option<String>,
    /// The issuing bank's code.
    #[serde(rename = "BankCode")]
    pub bank_code: Option<String>,
    /// Whether the card is active (deactivation is irreversible).
    #[serde(rename = "Active")]
    pub active: Option<bool>,
    /// The currency, ISO 4217.
    #[serde(rename = "Currency")]
    pub currency: Option<String>,
    /// Whether the card can be used.
    #[serde(rename = "Validity")]
    pub validity: Option<CardValidity>,
    /// The owner's identifier.
    #[serde(rename = "UserId")]
    pub user_id: Option<String>,
    /// The card's identifier.
    #[serde(rename = "Id")]
    pub id: Option<String>,
    /// Custom data.
    #[serde(rename = "Tag")]
    pub tag: Option<String>,
    /// When the card was registered.
    #[serde(rename = "CreationDate")]
    pub creation_date: Option<Timestamp>,
    /// The same for every registration of the same physical card.
    #[serde(rename = "Fingerprint")]
    pub fingerprint: Option<String>,
    /// The cardholder's name.
    #[serde(rename = "CardHolderName")]
    pub card_holder_name: Option<String>,
}
