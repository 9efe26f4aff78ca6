//! KYC documents and pages: `POST/GET/PUT /users/{Id}/kyc/documents…` and
//! `POST …/documents/{Id}/pages`.

use serde::{Deserialize, Serialize};

use super::common::Timestamp;
use super::open_enum::open_enum;

open_enum! {
    /// The kind of verification document.
    pub enum KycDocumentType {
        /// An identity document (natural users; legal representatives).
        IdentityProof = "IDENTITY_PROOF",
        /// Proof of registration of a legal entity.
        RegistrationProof = "REGISTRATION_PROOF",
        /// Articles of association (not for sole traders).
        ArticlesOfAssociation = "ARTICLES_OF_ASSOCIATION",
        /// A shareholder declaration.
        ShareholderDeclaration = "SHAREHOLDER_DECLARATION",
        /// Proof of address (natural users).
        AddressProof = "ADDRESS_PROOF",
    }
}

open_enum! {
    /// The status of a KYC document.
    pub enum KycDocumentStatus {
        /// Created; pages can be added.
        Created = "CREATED",
        /// Submitted for review.
        ValidationAsked = "VALIDATION_ASKED",
        /// Accepted.
        Validated = "VALIDATED",
        /// Refused; see `RefusedReasonType`.
        Refused = "REFUSED",
        /// No longer valid (e.g. after a change of user data).
        OutOfDate = "OUT_OF_DATE",
    }
}

open_enum! {
    /// Why a KYC document was refused.
    pub enum RefusedReasonType {
        /// The document does not match the user's data.
        DocumentDoNotMatchUserData = "DOCUMENT_DO_NOT_MATCH_USER_DATA",
        /// The document does not match the account's data.
        DocumentDoNotMatchAccountData = "DOCUMENT_DO_NOT_MATCH_ACCOUNT_DATA",
        /// The document is falsified.
        DocumentFalsified = "DOCUMENT_FALSIFIED",
        /// The document has expired.
        DocumentHasExpired = "DOCUMENT_HAS_EXPIRED",
        /// The document is incomplete.
        DocumentIncomplete = "DOCUMENT_INCOMPLETE",
        /// The document is missing.
        DocumentMissing = "DOCUMENT_MISSING",
        /// The document is not accepted.
        DocumentNotAccepted = "DOCUMENT_NOT_ACCEPTED",
        /// The document cannot be read.
        DocumentUnreadable = "DOCUMENT_UNREADABLE",
        /// A specific case; see `RefusedReasonMessage`.
        SpecificCase = "SPECIFIC_CASE",
        /// The person is under age.
        UnderagePerson = "UNDERAGE_PERSON",
        /// A politically exposed person check was triggered.
        TriggerPeps = "TRIGGER_PEPS",
        /// A sanctions list check was triggered (spelled as the API spells it).
        TriggerSanactionLists = "TRIGGER_SANACTION_LISTS",
        /// An Interpol check was triggered.
        TriggerInterpol = "TRIGGER_INTERPOL",
    }
}

/// A KYC document: a container of pages submitted together for review.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
#[serde(default)]
pub struct KycDocument {
    /// The kind of document.
    #[serde(rename = "Type")]
    pub document_type: Option<KycDocumentType>,
    /// The owner's identifier.
    #[serde(rename = "UserId")]
    pub user_id: Option<String>,
    /// Codes giving more detail on a refusal (e.g. `009000` series).
    #[serde(rename = "Flags")]
    pub flags: Option<Vec<String>>,
    /// The document's identifier.
    #[serde(rename = "Id")]
    pub id: Option<String>,
    /// Custom data.
    #[serde(rename = "Tag")]
    pub tag: Option<String>,
    /// When the document was created.
    #[serde(rename = "CreationDate")]
    pub creation_date: Option<Timestamp>,
    /// When the review ended.
    #[serde(rename = "ProcessedDate")]
    pub processed_date: Option<Timestamp>,
    /// The status.
    #[serde(rename = "Status")]
    pub status: Option<KycDocumentStatus>,
    /// Why the document was refused; `null` unless `REFUSED`.
    #[serde(rename = "RefusedReasonType")]
    pub refused_reason_type: Option<RefusedReasonType>,
    /// The refusal explained (≤ 255 characters).
    #[serde(rename = "RefusedReasonMessage")]
    pub refused_reason_message: Option<String>,
}

/// The body of `POST /users/{Id}/kyc/documents`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
pub struct CreateKycDocument {
    /// The kind of document (which kinds a user may send depends on its type).
    #[serde(rename = "Type")]
    pub document_type: KycDocumentType,
    /// Custom data (≤ 255 characters).
    #[serde(rename = "Tag", skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
}

impl CreateKycDocument {
    /// A request for a document of the given kind.
    pub fn new(document_type: KycDocumentType) -> Self {
        CreateKycDocument {
            document_type,
            tag: None,
        }
    }
}

/// The body of `PUT /users/{Id}/kyc/documents/{Id}`: submits the document for review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
pub struct SubmitKycDocument {
    /// `VALIDATION_ASKED`, the only value the API accepts.
    #[serde(rename = "Status")]
    pub status: KycDocumentStatus,
    /// Custom data.
    #[serde(rename = "Tag", skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
}

impl Default for SubmitKycDocument {
    /// `{"Status": "VALIDATION_ASKED"}`.
    fn default() -> Self {
        SubmitKycDocument {
            status: KycDocumentStatus::ValidationAsked,
            tag: None,
        }
    }
}

/// The body of `POST /users/{Id}/kyc/documents/{Id}/pages` (answered by 204 No Content).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
pub struct CreateKycPage {
    /// The file (PDF, JPEG or PNG) in Base64, without a `data:…;base64,` prefix.
    #[serde(rename = "File")]
    pub file: String,
}

impl CreateKycPage {
    /// A page from already Base64-encoded content; a `data:` URL prefix, if any, is removed.
    pub fn from_base64(encoded: impl Into<String>) -> Self {
        let encoded = encoded.into();
        let file = match (
            encoded.starts_with("data:"),
            crate::search::find(&encoded, ";base64,"),
        ) {
            (true, Some(at)) => encoded
                .get(at + ";base64,".len()..)
                .unwrap_or_default()
                .to_owned(),
            _ => encoded,
        };
        CreateKycPage { file }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_strips_a_data_url_prefix_only() {
        assert_eq!(
            CreateKycPage::from_base64("data:image/png;base64,iVBORw0K").file,
            "iVBORw0K"
        );
        assert_eq!(CreateKycPage::from_base64("iVBORw0K").file, "iVBORw0K");
        assert_eq!(CreateKycPage::from_base64("data:;base64,").file, "");
    }

    #[test]
    fn submit_defaults_to_validation_asked() {
        assert_eq!(
            serde_json::to_value(SubmitKycDocument::default()).unwrap(),
            serde_json::json!({"Status": "VALIDATION_ASKED"})
        );
    }
}
