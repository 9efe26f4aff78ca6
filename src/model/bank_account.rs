//! Bank accounts: the response object (one shape for every type), the create body per type
//! (`IBAN`, `GB`, `US`, `CA`, `OTHER`) and the deactivation body.

use serde::{Deserialize, Serialize};

use super::common::{Address, AddressInput, Timestamp};
use super::open_enum::open_enum;

open_enum! {
    /// The type of a bank account, which decides its fields and its create endpoint.
    pub enum BankAccountType {
        /// Accounts in countries that use IBAN (other than GB).
        Iban = "IBAN",
        /// Accounts in the United Kingdom.
        Gb = "GB",
        /// Accounts in the United States.
        Us = "US",
        /// Accounts in Canada.
        Ca = "CA",
        /// Accounts in other countries that do not use IBAN (`OTHER`; the variant name `Other` is
        /// taken by unknown values).
        OtherCountry = "OTHER",
    }
}

open_enum! {
    /// The kind of a US account.
    pub enum DepositAccountType {
        /// A checking account.
        Checking = "CHECKING",
        /// A savings account.
        Savings = "SAVINGS",
    }
}

/// A bank account as the API returns it. Only the fields of its `Type` are sent; the others
/// stay `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
#[serde(default)]
pub struct BankAccount {
    /// The holder's address.
    #[serde(rename = "OwnerAddress")]
    pub owner_address: Option<Address>,
    /// The holder's name.
    #[serde(rename = "OwnerName")]
    pub owner_name: Option<String>,
    /// The IBAN (`IBAN` type).
    #[serde(rename = "IBAN")]
    pub iban: Option<String>,
    /// The BIC (`IBAN` and `OTHER` types).
    #[serde(rename = "BIC")]
    pub bic: Option<String>,
    /// The account number (`GB`, `US`, `CA`, `OTHER` types).
    #[serde(rename = "AccountNumber")]
    pub account_number: Option<String>,
    /// The sort code (`GB` type).
    #[serde(rename = "SortCode")]
    pub sort_code: Option<String>,
    /// The ABA routing number (`US` type).
    #[serde(rename = "ABA")]
    pub aba: Option<String>,
    /// Checking or savings (`US` type).
    #[serde(rename = "DepositAccountType")]
    pub deposit_account_type: Option<DepositAccountType>,
    /// The institution number (`CA` type).
    #[serde(rename = "InstitutionNumber")]
    pub institution_number: Option<String>,
    /// The branch code (`CA` type).
    #[serde(rename = "BranchCode")]
    pub branch_code: Option<String>,
    /// The bank's name (`CA` type).
    #[serde(rename = "BankName")]
    pub bank_name: Option<String>,
    /// The country of the account, ISO 3166-1 alpha-2 (`OTHER` type).
    #[serde(rename = "Country")]
    pub country: Option<String>,
    /// The owner's identifier.
    #[serde(rename = "UserId")]
    pub user_id: Option<String>,
    /// The type.
    #[serde(rename = "Type")]
    pub bank_account_type: Option<BankAccountType>,
    /// The account's identifier.
    #[serde(rename = "Id")]
    pub id: Option<String>,
    /// Custom data.
    #[serde(rename = "Tag")]
    pub tag: Option<String>,
    /// When the account was created.
    #[serde(rename = "CreationDate")]
    pub creation_date: Option<Timestamp>,
    /// Whether the account can be used (deactivation is irreversible).
    #[serde(rename = "Active")]
    pub active: Option<bool>,
}

/// The body of `POST /users/{Id}/bankaccounts/iban`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
pub struct CreateIbanBankAccount {
    /// The holder's name.
    #[serde(rename = "OwnerName")]
    pub owner_name: String,
    /// The holder's address.
    #[serde(rename = "OwnerAddress")]
    pub owner_address: AddressInput,
    /// The IBAN.
    #[serde(rename = "IBAN")]
    pub iban: String,
    /// The BIC.
    #[serde(rename = "BIC", skip_serializing_if = "Option::is_none")]
    pub bic: Option<String>,
    /// Custom data.
    #[serde(rename = "Tag", skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
}

/// The body of `POST /users/{Id}/bankaccounts/gb`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
pub struct CreateGbBankAccount {
    /// The holder's name.
    #[serde(rename = "OwnerName")]
    pub owner_name: String,
    /// The holder's address.
    #[serde(rename = "OwnerAddress")]
    pub owner_address: AddressInput,
    /// The 8-digit account number.
    #[serde(rename = "AccountNumber")]
    pub account_number: String,
    /// The 6-digit sort code.
    #[serde(rename = "SortCode")]
    pub sort_code: String,
    /// Custom data.
    #[serde(rename = "Tag", skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
}

/// The body of `POST /users/{Id}/bankaccounts/us`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
pub struct CreateUsBankAccount {
    /// The holder's name.
    #[serde(rename = "OwnerName")]
    pub owner_name: String,
    /// The holder's address.
    #[serde(rename = "OwnerAddress")]
    pub owner_address: AddressInput,
    /// The account number.
    #[serde(rename = "AccountNumber")]
    pub account_number: String,
    /// The 9-digit ABA routing number.
    #[serde(rename = "ABA")]
    pub aba: String,
    /// Checking (the default) or savings.
    #[serde(rename = "DepositAccountType", skip_serializing_if = "Option::is_none")]
    pub deposit_account_type: Option<DepositAccountType>,
    /// Custom data.
    #[serde(rename = "Tag", skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
}

/// The body of `POST /users/{Id}/bankaccounts/ca`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
pub struct CreateCaBankAccount {
    /// The holder's name.
    #[serde(rename = "OwnerName")]
    pub owner_name: String,
    /// The holder's address.
    #[serde(rename = "OwnerAddress")]
    pub owner_address: AddressInput,
    /// The account number.
    #[serde(rename = "AccountNumber")]
    pub account_number: String,
    /// The institution number.
    #[serde(rename = "InstitutionNumber")]
    pub institution_number: String,
    /// The branch code.
    #[serde(rename = "BranchCode")]
    pub branch_code: String,
    /// The bank's name.
    #[serde(rename = "BankName")]
    pub bank_name: String,
    /// Custom data.
    #[serde(rename = "Tag", skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
}

/// The body of `POST /users/{Id}/bankaccounts/other`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
pub struct CreateOtherBankAccount {
    /// The holder's name.
    #[serde(rename = "OwnerName")]
    pub owner_name: String,
    /// The holder's address.
    #[serde(rename = "OwnerAddress")]
    pub owner_address: AddressInput,
    /// The account number.
    #[serde(rename = "AccountNumber")]
    pub account_number: String,
    /// The BIC.
    #[serde(rename = "BIC")]
    pub bic: String,
    /// The country of the account, ISO 3166-1 alpha-2.
    #[serde(rename = "Country")]
    pub country: String,
    /// Extra account identifier some countries need (Australia: BSB + account number).
    #[serde(rename = "IBAN", skip_serializing_if = "Option::is_none")]
    pub iban: Option<String>,
    /// Custom data.
    #[serde(rename = "Tag", skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
}

/// A bank account to create, of any type. On the wire it is the plain body of its type.
///
/// Read back from JSON, the type is recognised by its required fields (`OTHER` first, as it may
/// also carry an `IBAN`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
#[serde(untagged)]
pub enum CreateBankAccount {
    /// An `OTHER` account.
    Other(CreateOtherBankAccount),
    /// An `IBAN` account.
    Iban(CreateIbanBankAccount),
    /// A `GB` account.
    Gb(CreateGbBankAccount),
    /// A `US` account.
    Us(CreateUsBankAccount),
    /// A `CA` account.
    Ca(CreateCaBankAccount),
}

impl CreateBankAccount {
    /// The type of the account.
    pub fn bank_account_type(&self) -> BankAccountType {
        match self {
            CreateBankAccount::Iban(_) => BankAccountType::Iban,
            CreateBankAccount::Gb(_) => BankAccountType::Gb,
            CreateBankAccount::Us(_) => BankAccountType::Us,
            CreateBankAccount::Ca(_) => BankAccountType::Ca,
            CreateBankAccount::Other(_) => BankAccountType::OtherCountry,
        }
    }

    /// The last path segment of the create endpoint: `iban`, `gb`, `us`, `ca` or `other`.
    pub fn path_segment(&self) -> &'static str {
        match self {
            CreateBankAccount::Iban(_) => "iban",
            CreateBankAccount::Gb(_) => "gb",
            CreateBankAccount::Us(_) => "us",
            CreateBankAccount::Ca(_) => "ca",
            CreateBankAccount::Other(_) => "other",
        }
    }
}

/// The body of `PUT /users/{Id}/bankaccounts/{Id}`: `{"Active": false}`, an irreversible
/// deactivation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
pub struct DeactivateBankAccount {
    /// `false`, the only value the API accepts.
    #[serde(rename = "Active")]
    pub active: bool,
}

impl Default for DeactivateBankAccount {
    /// `{"Active": false}`.
    fn default() -> Self {
        DeactivateBankAccount { active: false }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn create_bodies_are_recognised_by_their_fields() {
        let address =
            json!({"AddressLine1": "1 Rd", "City": "X", "PostalCode": "1", "Country": "FR"});
        let cases = [
            (
                json!({"OwnerName": "A", "OwnerAddress": address, "IBAN": "FR76", "BIC": "BNPAFRPP"}),
                "iban",
            ),
            (
                json!({"OwnerName": "A", "OwnerAddress": address, "AccountNumber": "1", "SortCode": "2"}),
                "gb",
            ),
            (
                json!({"OwnerName": "A", "OwnerAddress": address, "AccountNumber": "1", "ABA": "2"}),
                "us",
            ),
            (
                json!({"OwnerName": "A", "OwnerAddress": address, "AccountNumber": "1", "InstitutionNumber": "2", "BranchCode": "3", "BankName": "B"}),
                "ca",
            ),
            (
                json!({"OwnerName": "A", "OwnerAddress": address, "AccountNumber": "1", "BIC": "2", "Country": "AU", "IBAN": "062000 12345678"}),
                "other",
            ),
        ];
        for (body, segment) in cases {
            let parsed: CreateBankAccount = serde_json::from_value(body.clone()).unwrap();
            assert_eq!(parsed.path_segment(), segment);
            assert_eq!(
                parsed.bank_account_type().as_str().to_ascii_lowercase(),
                segment
            );
            assert_eq!(serde_json::to_value(&parsed).unwrap(), body);
        }
        assert!(serde_json::from_value::<CreateBankAccount>(json!({"OwnerName": "A"})).is_err());
    }

    #[test]
    fn deactivation_sends_active_false() {
        assert_eq!(
            serde_json::to_value(DeactivateBankAccount::default()).unwrap(),
            json!({"Active": false})
        );
    }
}
