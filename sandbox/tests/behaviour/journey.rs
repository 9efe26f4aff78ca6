use serde_json::json;

use crate::common::*;

/// The full owner journey: create OWNER → SCA page → ACTIVE → KYC document → pages → submit →
/// VALIDATED, with the user's proof and level updated — then a verification downgrade.
#[tokio::test]
async fn full_owner_journey() {
    let sb = start().await;
    let created = sb.create("/sca/users/natural", &natural_owner()).await;
    let id = created["Id"].as_str().unwrap().to_owned();
    assert_eq!(created["UserStatus"], "PENDING_USER_ACTION");
    let redirect = created["PendingUserAction"]["RedirectUrl"]
        .as_str()
        .unwrap();

    let back = sb
        .finish_sca(redirect, "https://platform.example/kyc", "complete")
        .await;
    assert_eq!(back, "https://platform.example/kyc?controlStatus=VALIDATED");
    let user = sb.get(&format!("/sca/users/natural/{id}")).await.json();
    assert_eq!(user["UserStatus"], "ACTIVE");
    assert_eq!(user["KYCLevel"], "LIGHT");

    let doc = sb
        .post(
            &format!("/users/{id}/KYC/documents/"),
            &json!({"Type": "IDENTITY_PROOF", "Tag": "accept"}),
        )
        .await;
    assert_eq!(doc.status, 200, "{}", doc.text());
    let doc = doc.json();
    let doc_id = doc["Id"].as_str().unwrap().to_owned();
    assert!(doc_id.starts_with("kyc_") && doc_id.len() == 30, "{doc_id}");
    assert_eq!(doc["Status"], "CREATED");
    assert_eq!(doc["UserId"], id.as_str());
    assert_eq!(doc["Flags"], json!([]));

    let rel = format!("/users/{id}/kyc/documents/{doc_id}");
    for size in [40_000, 36_000] {
        let page = sb
            .post(&format!("{rel}/pages"), &json!({"File": png_b64(size)}))
            .await;
        assert_eq!(page.status, 204, "{}", page.text());
    }
    let submitted = sb.put(&rel, &json!({"Status": "VALIDATION_ASKED"})).await;
    assert_eq!(submitted.status, 200);
    assert_eq!(submitted.json()["Status"], "VALIDATION_ASKED");

    let validated = sb.get(&rel).await.json();
    assert_eq!(validated["Status"], "VALIDATED");
    assert!(validated["ProcessedDate"].is_i64());
    assert!(validated["RefusedReasonType"].is_null());
    let user = sb.get(&format!("/sca/users/{id}")).await.json();
    assert_eq!(user["ProofOfIdentity"], doc_id.as_str());
    assert_eq!(user["KYCLevel"], "REGULAR");
    let listed = sb.get("/users").await.json();
    assert_eq!(listed[0]["KYCLevel"], "REGULAR");

    // Changing the name of a REGULAR user outdates the identity proof (verification downgrade).
    let renamed = sb
        .put(
            &format!("/sca/users/natural/{id}"),
            &json!({"LastName": "Smyth"}),
        )
        .await
        .json();
    assert_eq!(renamed["KYCLevel"], "LIGHT");
    assert!(renamed["ProofOfIdentity"].is_null());
    assert_eq!(sb.get(&rel).await.json()["Status"], "OUT_OF_DATE");
}
