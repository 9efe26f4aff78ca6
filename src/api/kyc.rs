//! KYC documents of a user and their pages.

use serde::Serialize;
use serde_json::json;

use super::build::{for_user_with, id, json, list_for_user, request, user};
use super::endpoint::Endpoint;
use super::list::ListOptions;
use super::params::Params;
use super::request::{Body, Request, RequestError};

/// `POST /users/{UserId}/kyc/documents`: creates a KYC document (`{"Type": …, "Tag"?: …}`).
pub fn create_kyc_document(user_id: &str, body: impl Serialize) -> Result<Request, RequestError> {
    for_user_with(Endpoint::CreateKycDocument, user_id, body)
}

/// `GET /users/{UserId}/kyc/documents/{KycDocumentId}`: views a KYC document.
pub fn get_kyc_document(user_id: &str, kyc_document_id: &str) -> Result<Request, RequestError> {
    let params = document(user_id, kyc_document_id)?;
    Ok(request(Endpoint::GetKycDocument, &params, Vec::new(), None))
}

/// `GET /users/{UserId}/kyc/documents`: lists a user's KYC documents (filters `Status`, `Type`,
/// `BeforeDate`, `AfterDate`).
pub fn get_kyc_documents(user_id: &str, options: &ListOptions) -> Result<Request, RequestError> {
    list_for_user(Endpoint::GetKycDocuments, user_id, options)
}

/// `PUT /users/{UserId}/kyc/documents/{KycDocumentId}`: updates a KYC document; submitting it
/// is `{"Status": "VALIDATION_ASKED"}`.
pub fn update_kyc_document(
    user_id: &str,
    kyc_document_id: &str,
    body: impl Serialize,
) -> Result<Request, RequestError> {
    let params = document(user_id, kyc_document_id)?;
    Ok(request(
        Endpoint::UpdateKycDocument,
        &params,
        Vec::new(),
        Some(json(body)?),
    ))
}

/// `POST /users/{UserId}/kyc/documents/{KycDocumentId}/pages`: adds a page, body
/// `{"File": "<base64>"}` (the base64 alone, without a `data:` prefix). An empty file is
/// refused; size and format rules belong to the validators.
pub fn create_kyc_page(
    user_id: &str,
    kyc_document_id: &str,
    file_base64: &str,
) -> Result<Request, RequestError> {
    if file_base64.is_empty() {
        return Err(RequestError::InvalidBody {
            reason: "the page's File is empty".into(),
        });
    }
    let params = document(user_id, kyc_document_id)?;
    Ok(request(
        Endpoint::CreateKycPage,
        &params,
        Vec::new(),
        Some(Body::Json(json!({ "File": file_base64 }))),
    ))
}

fn document(user_id: &str, kyc_document_id: &str) -> Result<Params, RequestError> {
    Ok(Params {
        kyc_document_id: Some(id("KycDocumentId", kyc_document_id)?),
        ..user(user_id)?
    })
}
