//! `POST /users/data-formats/validation`: checks the format of a company number for a country
//! and returns the rules applied.

use serde::{Deserialize, Serialize};

/// The company number to check.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
pub struct CompanyNumberInput {
    /// The registration number; dashes and spaces are removed before the rules apply.
    #[serde(rename = "CompanyNumber")]
    pub company_number: String,
    /// The country of registration, ISO 3166-1 alpha-2.
    #[serde(rename = "CountryCode")]
    pub country_code: String,
}

/// The body of `POST /users/data-formats/validation`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
pub struct ValidateCompanyNumber {
    /// The company number to check.
    #[serde(rename = "CompanyNumber")]
    pub company_number: CompanyNumberInput,
}

impl ValidateCompanyNumber {
    /// A request to check `number` for `country_code`.
    pub fn new(number: impl Into<String>, country_code: impl Into<String>) -> Self {
        ValidateCompanyNumber {
            company_number: CompanyNumberInput {
                company_number: number.into(),
                country_code: country_code.into(),
            },
        }
    }
}

/// The verdict on a company number.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
#[serde(default)]
pub struct CompanyNumberDetails {
    /// The number that was checked.
    #[serde(rename = "CompanyNumber")]
    pub company_number: Option<String>,
    /// The country it was checked for.
    #[serde(rename = "CountryCode")]
    pub country_code: Option<String>,
    /// Whether the format is valid for the country.
    #[serde(rename = "IsValid")]
    pub is_valid: Option<bool>,
    /// The regular expressions the country's numbers must match.
    #[serde(rename = "ValidationRules")]
    pub validation_rules: Option<Vec<String>>,
}

/// The response of `POST /users/data-formats/validation`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
#[serde(default)]
pub struct CompanyNumberValidation {
    /// The verdict.
    #[serde(rename = "CompanyNumber")]
    pub company_number: Option<CompanyNumberDetails>,
}
