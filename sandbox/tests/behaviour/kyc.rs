use std::time::Duration;

use mangopay_wasm::model::KycDocument;
use serde_json::json;

use crate::common::*;

async fn owner_with_doc(sb: &Sb, doc_type: &str, tag: &str) -> (String, String) {
    let mut body = natural_owner();
    body["Email"] = json!("kyc+accept@example.com");
    let id = sb.create("/sca/users/natural", &body).await["Id"]
        .as_str()
        .unwrap()
        .to_owned();
    let doc = sb
        .post(
            &format!("/users/{id}/kyc/documents"),
            &json!({"Type": doc_type, "Tag": tag}),
        )
        .await;
    assert_eq!(doc.status, 200, "{}", doc.text());
    (id, doc.json()["Id"].as_str().unwrap().to_owned())
}

#[tokio::test]
async fn kyc_pages_are_checked_counted_and_only_accepted_while_created() {
    let sb = start().await;
    let (id, doc) = owner_with_doc(&sb, "IDENTITY_PROOF", "accept").await;
    let pages = format!("/users/{id}/kyc/documents/{doc}/pages");

    let bad = sb.post(&pages, &json!({"File": "not base64!"})).await;
    assert!(bad.error(400, "param_error")["errors"]["File"].is_string());
    let small = sb.post(&pages, &json!({"File": png_b64(2_000)})).await;
    let e = small.error(400, "param_error");
    assert_eq!(e["errors"]["File"], "The file is too small to be readable");
    let prefixed = sb
        .post(
            &pages,
            &json!({"File": format!("data:image/png;base64,{}", png_b64(40_000))}),
        )
        .await;
    prefixed.error(400, "param_error");
    sb.post(&pages, &json!({})).await.error(400, "param_error");
    let text = b64(&[b'x'; 40_000]);
    let r = sb.post(&pages, &json!({ "File": text })).await;
    r.error(415, "unsupported_media_type");
    let odd = sb.post(&pages, &json!({"File": "QUJD="})).await;
    let e = odd.error(400, "param_error");
    assert_eq!(
        e["errors"]["File"],
        "Invalid length for a Base-64 char array or string."
    );

    for _ in 0..5 {
        let ok = sb.post(&pages, &json!({"File": png_b64(40_000)})).await;
        assert_eq!(ok.status, 204, "{}", ok.text());
        assert!(ok.body.is_empty());
    }
    let sixth = sb.post(&pages, &json!({"File": png_b64(40_000)})).await;
    let e = sixth.error(400, "max_page_number");
    assert_eq!(
        e["Message"],
        "Maximum number of pages exceeded. You can only add up to 5 pages to this document"
    );

    let submit = sb
        .put(
            &format!("/users/{id}/kyc/documents/{doc}"),
            &json!({"Status": "VALIDATION_ASKED"}),
        )
        .await;
    assert_eq!(submit.status, 200);
    // The outcome is already applied with --kyc-delay-ms 0; pages are closed either way.
    let late = sb
        .post(
            &format!("/users/{id}/kyc/documents/{doc}/pages"),
            &json!({"File": png_b64(40_000)}),
        )
        .await;
    late.error(400, "invalid_action");
}

#[tokio::test]
async fn kyc_submission_rules_and_refusals_driven_by_the_tag() {
    let sb = start().await;
    let (id, doc) = owner_with_doc(&sb, "ADDRESS_PROOF", "refuse_expired").await;
    let rel = format!("/users/{id}/kyc/documents/{doc}");
    sb.put(&rel, &json!({"Status": "VALIDATION_ASKED"}))
        .await
        .error(400, "invalid_action"); // no page
    sb.put(&rel, &json!({"Status": "VALIDATED"}))
        .await
        .error(400, "param_error");
    assert_eq!(
        sb.post(&format!("{rel}/pages"), &json!({"File": png_b64(1_500)}))
            .await
            .status,
        204
    );
    let asked = sb.put(&rel, &json!({"Status": "VALIDATION_ASKED"})).await;
    assert_eq!(asked.json()["Status"], "VALIDATION_ASKED");
    let doc: KycDocument = serde_json::from_slice(&sb.get(&rel).await.body).unwrap();
    assert_eq!(
        doc.status.map(|s| s.as_str().to_owned()).as_deref(),
        Some("REFUSED")
    );
    assert_eq!(
        doc.refused_reason_type
            .map(|s| s.as_str().to_owned())
            .as_deref(),
        Some("DOCUMENT_HAS_EXPIRED")
    );
    assert!(doc.processed_date.is_some());
    sb.put(&rel, &json!({"Status": "VALIDATION_ASKED"}))
        .await
        .error(400, "invalid_action");

    // Untagged: stays VALIDATION_ASKED, as on Mangopay's sandbox.
    let (id2, doc2) = owner_with_doc(&sb, "IDENTITY_PROOF", "my own tag").await;
    let rel2 = format!("/users/{id2}/kyc/documents/{doc2}");
    sb.post(&format!("{rel2}/pages"), &json!({"File": png_b64(33_000)}))
        .await;
    sb.put(&rel2, &json!({"Status": "VALIDATION_ASKED"})).await;
    assert_eq!(sb.get(&rel2).await.json()["Status"], "VALIDATION_ASKED");

    // Payers cannot submit.
    let payer = sb.create("/sca/users/natural", &natural_payer()).await["Id"]
        .as_str()
        .unwrap()
        .to_owned();
    let d = sb
        .post(
            &format!("/users/{payer}/kyc/documents"),
            &json!({"Type": "IDENTITY_PROOF"}),
        )
        .await
        .json();
    let prel = format!("/users/{payer}/kyc/documents/{}", d["Id"].as_str().unwrap());
    sb.post(&format!("{prel}/pages"), &json!({"File": png_b64(33_000)}))
        .await;
    sb.put(&prel, &json!({"Status": "VALIDATION_ASKED"}))
        .await
        .error(400, "not_allowed_for_user_category_payer");

    // Listing with filters.
    let list = sb
        .get(&format!(
            "/users/{id}/kyc/documents?Status=REFUSED,VALIDATED&Type=ADDRESS_PROOF"
        ))
        .await;
    assert_eq!(list.header("x-number-of-items"), Some("1"));
    sb.get(&format!("/users/{id}/KYC/documents/")).await; // the SDKs' spelling
    sb.get(&format!("/users/{id}/kyc/documents/kyc_nope"))
        .await
        .error(404, "ressource_not_found");
}

#[tokio::test]
async fn the_kyc_outcome_comes_after_the_configured_delay() {
    let sb = start_with(|c| c.kyc_delay = Duration::from_millis(400)).await;
    let (id, doc) = owner_with_doc(&sb, "IDENTITY_PROOF", "accept").await;
    let rel = format!("/users/{id}/kyc/documents/{doc}");
    sb.post(&format!("{rel}/pages"), &json!({"File": png_b64(33_000)}))
        .await;
    sb.put(&rel, &json!({"Status": "VALIDATION_ASKED"})).await;
    assert_eq!(sb.get(&rel).await.json()["Status"], "VALIDATION_ASKED");
    assert!(sb.get(&format!("/sca/users/{id}")).await.json()["ProofOfIdentity"].is_null());
    tokio::time::sleep(Duration::from_millis(450)).await;
    assert_eq!(sb.get(&rel).await.json()["Status"], "VALIDATED");
    assert_eq!(
        sb.get(&format!("/sca/users/{id}")).await.json()["ProofOfIdentity"],
        doc.as_str()
    );
}
