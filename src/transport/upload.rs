//! `uploadKycDocument`: check every file first, then create the document, send the pages in
//! order with progress, and submit it. A failure midway says which document was created and
//! how many pages it already has, so the caller can resume.

use serde_json::Value;

use crate::api;
use crate::validate::{self, KycUserContext, Report};

use super::client::{CallOptions, Client};
use super::error::{ApiError, INVALID_RESPONSE};
use super::http::Transport;

/// The most pages a KYC document takes.
pub const MAX_PAGES: usize = 5;

/// What to upload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadInput {
    /// The document `Type` (`IDENTITY_PROOF`, …).
    pub doc_type: String,
    /// The document `Tag`.
    pub tag: Option<String>,
    /// The pages' bytes, in order.
    pub files: Vec<Vec<u8>>,
    /// The user's type when the caller knows it; else it is read with `GET /users/{UserId}`.
    pub user: Option<KycUserContext>,
}

/// One progress event: after the document is created (`pages_sent` 0) and after each page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// The document's `Id`.
    pub document_id: String,
    /// Pages sent so far.
    pub pages_sent: u32,
    /// Pages to send.
    pub total_pages: u32,
}

/// Checks the files and the document type (no request is sent).
pub fn check(input: &UploadInput, user: Option<&KycUserContext>) -> Result<(), ApiError> {
    let mut report = Report::new();
    let body = document_body(input);
    report.extend(match user {
        Some(user) => validate::create_kyc_document(&body, user),
        None => validate::validate(validate::ValidatorKind::CreateKycDocument, &body),
    });
    if input.files.is_empty() || input.files.len() > MAX_PAGES {
        report.push(
            "files",
            validate::IssueCode::OutOfRange,
            "A KYC document takes 1 to 5 pages.",
        );
    }
    for (i, file) in input.files.iter().enumerate() {
        for issue in validate::kyc_page(file, &input.doc_type).into_issues() {
            report.push(format!("files.{i}"), issue.code, issue.message);
        }
    }
    if report.is_ok() {
        Ok(())
    } else {
        Err(ApiError::from_report(report))
    }
}

/// The document's creation body `{Type, Tag?}`.
fn document_body(input: &UploadInput) -> Value {
    let mut body = serde_json::Map::new();
    body.insert("Type".into(), Value::String(input.doc_type.clone()));
    if let Some(tag) = &input.tag {
        body.insert("Tag".into(), Value::String(tag.clone()));
    }
    Value::Object(body)
}

/// Runs the upload; resolves to the submitted document's JSON text.
pub async fn upload_kyc_document<T: Transport>(
    client: &Client,
    t: &T,
    user_id: &str,
    input: &UploadInput,
    on_progress: &dyn Fn(&Progress),
) -> Result<String, ApiError> {
    let opts = CallOptions::default();
    let user = match &input.user {
        Some(user) => Some(*user),
        None => {
            let response = client.send(t, &api::get(user_id)?, &opts).await?;
            let value: Value = serde_json::from_str(&response.body).unwrap_or(Value::Null);
            let text = |k: &str| value.get(k).and_then(Value::as_str);
            text("PersonType").and_then(|p| KycUserContext::parse(p, text("LegalPersonType")))
        }
    };
    check(input, user.as_ref())?;
    let body = document_body(input);
    let created = client
        .send(t, &api::create_kyc_document(user_id, &body)?, &opts)
        .await?;
    let document_id = serde_json::from_str::<Value>(&created.body)
        .ok()
        .and_then(|v| v.get("Id").and_then(Value::as_str).map(str::to_owned))
        .ok_or_else(|| ApiError::client(INVALID_RESPONSE, "The created KYC document has no Id."))?;
    let total_pages = input.files.len() as u32;
    let mut progress = Progress {
        document_id: document_id.clone(),
        pages_sent: 0,
        total_pages,
    };
    on_progress(&progress);
    let fail = |error: ApiError, pages_sent: u32| ApiError {
        document_id: Some(document_id.clone()),
        pages_sent: Some(pages_sent),
        ..error
    };
    for file in &input.files {
        let page = api::create_kyc_page(user_id, &document_id, &validate::base64_encode(file))
            .map_err(|e| fail(e.into(), progress.pages_sent))?;
        client
            .send(t, &page, &opts)
            .await
            .map_err(|e| fail(e, progress.pages_sent))?;
        progress.pages_sent += 1;
        on_progress(&progress);
    }
    let submit = api::update_kyc_document(
        user_id,
        &document_id,
        serde_json::json!({"Status": "VALIDATION_ASKED"}),
    )
    .map_err(|e| fail(e.into(), total_pages))?;
    let submitted = client
        .send(t, &submit, &opts)
        .await
        .map_err(|e| fail(e, total_pages))?;
    Ok(submitted.body)
}
