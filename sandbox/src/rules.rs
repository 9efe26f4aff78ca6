//! The seam to the request validators. INTERIM: minimal required-field checks until
//! `mangopay_wasm::validate` lands on main; then every function here delegates to it.

use mangopay_wasm::validate::{IssueCode, Report};
use serde_json::Value;

use crate::store::Person;

/// What a KYC document rule needs to know about the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KycUser<'a> {
    /// Natural or legal.
    pub person: Person,
    /// The `LegalPersonType` of a legal user.
    pub legal_person_type: Option<&'a str>,
}

fn root(body: &Value, required: &[&str]) -> Report {
    let mut r = Report::new();
    let Some(o) = body.as_object() else {
        r.push(
            "",
            IssueCode::InvalidType,
            "The request body must be a JSON object.",
        );
        return r;
    };
    for key in required {
        let missing = match o.get(*key) {
            None | Some(Value::Null) => true,
            Some(Value::String(s)) => s.trim().is_empty(),
            _ => false,
        };
        if missing {
            r.push(
                *key,
                IssueCode::Required,
                format!("The {key} field is required."),
            );
        }
    }
    r
}

fn owner_terms(body: &Value, r: &mut Report) {
    let owner = body
        .get("UserCategory")
        .and_then(Value::as_str)
        .is_some_and(|c| c.eq_ignore_ascii_case("OWNER"));
    if owner && body.get("TermsAndConditionsAccepted") != Some(&Value::Bool(true)) {
        r.push(
            "TermsAndConditionsAccepted",
            IssueCode::MustBeTrue,
            "TermsAndConditionsAccepted must be true for an OWNER.",
        );
    }
}

/// `POST /sca/users/natural`.
pub fn create_natural_sca(body: &Value) -> Report {
    let mut r = root(
        body,
        &[
            "FirstName",
            "LastName",
            "Email",
            "TermsAndConditionsAccepted",
            "UserCategory",
        ],
    );
    owner_terms(body, &mut r);
    r
}

/// `POST /sca/users/legal`.
pub fn create_legal_sca(body: &Value) -> Report {
    let mut r = root(
        body,
        &[
            "Name",
            "LegalPersonType",
            "LegalRepresentative",
            "Email",
            "TermsAndConditionsAccepted",
            "UserCategory",
        ],
    );
    owner_terms(body, &mut r);
    r
}

/// `POST /users/natural` (legacy).
pub fn create_natural(body: &Value) -> Report {
    root(
        body,
        &[
            "FirstName",
            "LastName",
            "Email",
            "Birthday",
            "Nationality",
            "CountryOfResidence",
        ],
    )
}

/// `POST /users/legal` (legacy).
pub fn create_legal(body: &Value) -> Report {
    root(
        body,
        &[
            "Name",
            "LegalPersonType",
            "LegalRepresentativeFirstName",
            "LegalRepresentativeLastName",
            "Email",
        ],
    )
}

/// `PUT /sca/users/natural/{UserId}`.
pub fn update_natural_sca(body: &Value) -> Report {
    root(body, &[])
}

/// `PUT /sca/users/legal/{UserId}`.
pub fn update_legal_sca(body: &Value) -> Report {
    root(body, &[])
}

/// `PUT /users/natural/{UserId}` (legacy).
pub fn update_natural(body: &Value) -> Report {
    root(body, &[])
}

/// `PUT /users/legal/{UserId}` (legacy).
pub fn update_legal(body: &Value) -> Report {
    root(body, &[])
}

/// `PUT /sca/users/natural/{UserId}/category`.
pub fn categorize_natural(body: &Value) -> Report {
    let mut r = root(body, &["UserCategory", "TermsAndConditionsAccepted"]);
    owner_terms(body, &mut r);
    r
}

/// `PUT /sca/users/legal/{UserId}/category`.
pub fn categorize_legal(body: &Value) -> Report {
    let mut r = root(body, &["UserCategory", "TermsAndConditionsAccepted"]);
    owner_terms(body, &mut r);
    r
}

/// `POST /users/{UserId}/kyc/documents`.
pub fn create_kyc_document(body: &Value, _user: KycUser<'_>) -> Report {
    root(body, &["Type"])
}

/// A KYC page's Base64 `File` for a document of `doc_type`: `Ok` with the decoded size.
pub fn kyc_page(file: &str, doc_type: &str) -> Result<usize, Report> {
    let mut r = Report::new();
    let Some(bytes) = crate::util::base64_decode(file) else {
        r.push(
            "File",
            IssueCode::InvalidFormat,
            "Invalid length for a Base-64 char array or string.",
        );
        return Err(r);
    };
    let min = if doc_type == "IDENTITY_PROOF" {
        32_000
    } else {
        1_000
    };
    if bytes.len() < min {
        r.push(
            "File",
            IssueCode::FileTooSmall,
            "The file is too small to be readable",
        );
        return Err(r);
    }
    Ok(bytes.len())
}

/// The longest Base64 `File` accepted ("10MB when Base64 encoded").
pub const KYC_MAX_BASE64_CHARS: usize = 10 * 1024 * 1024;

/// `POST /users/{UserId}/bankaccounts/{type}`.
pub fn create_bank_account(body: &Value, account_type: &str) -> Report {
    let required: &[&str] = match account_type {
        "IBAN" => &["OwnerName", "OwnerAddress", "IBAN"],
        "GB" => &["OwnerName", "OwnerAddress", "AccountNumber", "SortCode"],
        "US" => &["OwnerName", "OwnerAddress", "AccountNumber", "ABA"],
        "CA" => &[
            "OwnerName",
            "OwnerAddress",
            "AccountNumber",
            "BranchCode",
            "InstitutionNumber",
            "BankName",
        ],
        _ => &[
            "OwnerName",
            "OwnerAddress",
            "AccountNumber",
            "BIC",
            "Country",
        ],
    };
    root(body, required)
}

/// `POST /users/data-formats/validation`.
pub fn validate_the_format_of_user_data(body: &Value) -> Report {
    root(body, &["CompanyNumber"])
}

/// An `Idempotency-Key` header: 16–36 characters of letters, digits and dashes.
pub fn idempotency_key(key: &str) -> Report {
    let mut r = Report::new();
    let ok = (16..=36).contains(&key.len())
        && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if !ok {
        r.push(
            "Idempotency-Key",
            IssueCode::InvalidFormat,
            "The idempotency key must contain between 16 and 36 alphanumeric characters or dashes (-).",
        );
    }
    r
}
