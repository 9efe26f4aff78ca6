use mangopay_wasm::model::{UserLegal, UserLegalSca, UserNatural, UserNaturalSca};
use serde_json::json;

use crate::common::*;

fn is_ulid_id(id: &str, prefix: &str) -> bool {
    id.strip_prefix(prefix).is_some_and(|rest| {
        rest.len() == 26
            && rest
                .bytes()
                .all(|b| b"0123456789ABCDEFGHJKMNPQRSTVWXYZ".contains(&b))
    })
}

#[tokio::test]
async fn payers_are_active_at_once_with_owner_only_fields_null() {
    let sb = start().await;
    let mut body = natural_payer();
    body["Birthday"] = json!(652117514);
    let r = sb.post("/sca/users/natural", &body).await;
    assert_eq!(r.status, 200);
    let text = r.text();
    assert!(
        text.starts_with("{\"FirstName\":\"Alex\",\"LastName\":\"Smith\",\"Birthday\":null"),
        "{text}"
    );
    let user: UserNaturalSca = serde_json::from_slice(&r.body).unwrap();
    let v = r.json();
    assert!(is_ulid_id(v["Id"].as_str().unwrap(), "user_m_"), "{v}");
    assert_eq!(v["UserStatus"], "ACTIVE");
    assert_eq!(v["UserCategory"], "PAYER");
    assert_eq!(v["PendingUserAction"], serde_json::Value::Null);
    assert_eq!(v["KYCLevel"], "LIGHT");
    assert_eq!(v["PersonType"], "NATURAL");
    assert_eq!(v["Capacity"], "NORMAL");
    assert_eq!(
        v["Birthday"],
        serde_json::Value::Null,
        "documented: null for a PAYER"
    );
    assert_eq!(v["TermsAndConditionsAcceptedDate"], serde_json::Value::Null);
    assert_eq!(v["Address"]["City"], "Paris");
    assert_eq!(user.phone_number.as_deref(), Some("0611111111"));

    // Every view of it.
    let id = v["Id"].as_str().unwrap();
    for rel in [
        format!("/sca/users/{id}"),
        format!("/sca/users/natural/{id}"),
    ] {
        let g = sb.get(&rel).await;
        assert_eq!(g.status, 200);
        let _: UserNaturalSca = serde_json::from_slice(&g.body).unwrap();
        assert_eq!(g.json()["PendingUserAction"], serde_json::Value::Null);
    }
    for rel in [format!("/users/{id}"), format!("/users/natural/{id}")] {
        let g = sb.get(&rel).await;
        assert_eq!(g.status, 200);
        let _: UserNatural = serde_json::from_slice(&g.body).unwrap();
        assert!(g.json().get("PendingUserAction").is_none(), "legacy shape");
    }
    // The wrong person type is a 404 in Mangopay's words.
    let wrong = sb.get(&format!("/users/legal/{id}")).await;
    let e = wrong.error(404, "ressource_not_found");
    assert_eq!(e["Message"], "The ressource does not exist");
    assert_eq!(
        e["errors"]["RessourceNotFound"],
        format!("Cannot found the ressource UserLegal with the id={id} ")
    );
    sb.get("/users/user_m_nope")
        .await
        .error(404, "ressource_not_found");
}

#[tokio::test]
async fn owners_wait_for_sca_with_a_redirect_to_the_sandboxs_page() {
    let sb = start().await;
    let v = sb.create("/sca/users/natural", &natural_owner()).await;
    assert_eq!(v["UserStatus"], "PENDING_USER_ACTION");
    assert_eq!(v["UserCategory"], "OWNER");
    assert_eq!(v["Birthday"], 652117514);
    assert!(v["TermsAndConditionsAcceptedDate"].is_i64());
    let url = v["PendingUserAction"]["RedirectUrl"].as_str().unwrap();
    assert!(
        url.starts_with(&format!("{}/sca/session?token=", sb.url)),
        "{url}"
    );

    let legal = sb.post("/sca/users/legal", &legal_owner()).await;
    assert_eq!(legal.status, 200, "{}", legal.text());
    let l: UserLegalSca = serde_json::from_slice(&legal.body).unwrap();
    assert_eq!(
        l.user_status.as_ref().map(|s| s.as_str()),
        Some("PENDING_USER_ACTION")
    );
    assert!(l.pending_user_action.and_then(|p| p.redirect_url).is_some());
    let id = l.id.unwrap();
    let legacy = sb.get(&format!("/users/legal/{id}")).await;
    let flat: UserLegal = serde_json::from_slice(&legacy.body).unwrap();
    assert_eq!(
        flat.legal_representative_first_name.as_deref(),
        Some("Gunner")
    );

    // Mangopay's sandbox bypass: `accept` in the (representative's) email skips SCA.
    let mut bypass = natural_owner();
    bypass["Email"] = json!("john.doe+accept@example.com");
    let b = sb.create("/sca/users/natural", &bypass).await;
    assert_eq!(b["UserStatus"], "ACTIVE");
    assert!(b["PendingUserAction"].is_null());
}

#[tokio::test]
async fn owners_must_accept_the_terms_403() {
    let sb = start().await;
    let mut body = natural_owner();
    body["TermsAndConditionsAccepted"] = json!(false);
    let r = sb.post("/sca/users/natural", &body).await;
    let e = r.error(403, "user_hasnt_accepted_terms_and_conditions");
    assert_eq!(
        e["Message"],
        "User must accept the terms and conditions before account creation or modification."
    );
    assert!(e["errors"].is_null());
}

#[tokio::test]
async fn field_errors_are_param_errors_with_the_errors_map() {
    let sb = start().await;
    let mut body = natural_payer();
    body.as_object_mut().unwrap().remove("FirstName");
    body.as_object_mut().unwrap().remove("Email");
    let r = sb.post("/sca/users/natural", &body).await;
    let e = r.error(400, "param_error");
    assert_eq!(
        e["Message"],
        "One or several required parameters are missing or incorrect. An incorrect resource ID also raises this kind of error."
    );
    assert!(e["errors"]["FirstName"].is_string(), "{e}");
    assert!(e["errors"]["Email"].is_string(), "{e}");
    assert!(e["Id"].as_str().unwrap().contains('#'));
}

#[tokio::test]
async fn categorize_checks_the_stored_user_and_refuses_owners() {
    let sb = start().await;
    let payer = sb.create("/sca/users/natural", &natural_payer()).await;
    let id = payer["Id"].as_str().unwrap();
    let rel = format!("/sca/users/natural/{id}/category");
    let body = json!({
        "UserCategory": "OWNER", "TermsAndConditionsAccepted": true,
        "Nationality": "FR", "CountryOfResidence": "FR"
    });
    // No Birthday in the body and none stored: only the server can see that.
    let r = sb.put(&rel, &body).await;
    let e = r.error(400, "param_error");
    assert_eq!(
        e["errors"]["Birthday"], "The Birthday field is required.",
        "{e}"
    );
    assert_eq!(e["errors"].as_object().unwrap().len(), 1, "{e}");

    let mut full = body.clone();
    full["Birthday"] = json!(652117514);
    let ok = sb.put(&rel, &full).await;
    assert_eq!(ok.status, 200, "{}", ok.text());
    let v = ok.json();
    assert_eq!(v["UserCategory"], "OWNER");
    assert_eq!(v["UserStatus"], "PENDING_USER_ACTION");
    assert_eq!(v["FirstName"], "Alex", "kept from the stored user");
    assert!(v["PendingUserAction"]["RedirectUrl"].is_string());

    let again = sb.put(&rel, &full).await;
    let e = again.error(400, "not_allowed_for_user_category_owner");
    assert_eq!(
        e["Message"],
        "This endpoint is not allowed for User categorized as OWNER"
    );
}

#[tokio::test]
async fn enroll_is_for_owners_and_keeps_the_status() {
    let sb = start().await;
    let payer = sb.create("/sca/users/natural", &natural_payer()).await;
    let r = sb
        .call(
            "POST",
            &format!("/sca/users/{}/enrollment", payer["Id"].as_str().unwrap()),
            None,
        )
        .await;
    let e = r.error(400, "not_allowed_for_user_category_payer");
    assert_eq!(
        e["Message"],
        "This endpoint is not allowed for User categorized as PAYER"
    );

    let owner = sb.create("/sca/users/natural", &natural_owner()).await;
    let id = owner["Id"].as_str().unwrap();
    let first = owner["PendingUserAction"]["RedirectUrl"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = sb
        .call("POST", &format!("/sca/users/{id}/enrollment"), None)
        .await;
    assert_eq!(r.status, 200);
    let again: mangopay_wasm::model::UserEnrollmentResult =
        serde_json::from_slice(&r.body).unwrap();
    let second = again.pending_user_action.unwrap().redirect_url.unwrap();
    assert_ne!(first, second, "a new session every time");
    assert_eq!(
        sb.get(&format!("/sca/users/{id}")).await.json()["UserStatus"],
        "PENDING_USER_ACTION"
    );
    // Both sessions are usable: completing the newer one activates the user.
    sb.finish_sca(&second, "https://example.com/back", "complete")
        .await;
    assert_eq!(
        sb.get(&format!("/sca/users/{id}")).await.json()["UserStatus"],
        "ACTIVE"
    );
}

#[tokio::test]
async fn close_answers_204_and_the_user_stays_closed() {
    let sb = start().await;
    let u = sb.create("/sca/users/natural", &natural_payer()).await;
    let id = u["Id"].as_str().unwrap();
    let r = sb
        .call("DELETE", &format!("/users/natural/{id}"), None)
        .await;
    assert_eq!(r.status, 204);
    assert!(r.body.is_empty());
    assert_eq!(
        sb.get(&format!("/users/{id}")).await.json()["UserStatus"],
        "CLOSED"
    );
    let again = sb
        .call("DELETE", &format!("/users/natural/{id}"), None)
        .await;
    again.error(400, "user_closure_failed");
    let upd = sb
        .put(&format!("/sca/users/natural/{id}"), &json!({"Tag": "x"}))
        .await;
    upd.error(400, "invalid_action");
    let wrong = sb.call("DELETE", &format!("/users/legal/{id}"), None).await;
    wrong.error(404, "ressource_not_found");
}

#[tokio::test]
async fn updates_merge_and_owner_contact_changes_trigger_reenrollment() {
    let sb = start().await;
    let owner = sb.create("/sca/users/natural", &natural_owner()).await;
    let id = owner["Id"].as_str().unwrap();
    let redirect = owner["PendingUserAction"]["RedirectUrl"].as_str().unwrap();
    sb.finish_sca(redirect, "https://platform.example/", "complete")
        .await;
    let rel = format!("/sca/users/natural/{id}");

    let tag = sb
        .put(&rel, &json!({"Tag": "updated", "Occupation": "Writer"}))
        .await;
    let v = tag.json();
    assert_eq!(v["Tag"], "updated");
    assert_eq!(v["FirstName"], "Alex");
    assert_eq!(v["UserStatus"], "ACTIVE");
    assert!(v["PendingUserAction"].is_null());

    let phone = sb.put(&rel, &json!({"PhoneNumber": "+33622222222"})).await;
    let v = phone.json();
    assert_eq!(v["UserStatus"], "PENDING_USER_ACTION", "{v}");
    assert!(v["PendingUserAction"]["RedirectUrl"].is_string());

    // T&Cs must stay accepted on every PUT of an OWNER; a PAYER cannot revoke them either.
    let revoke = sb
        .put(&rel, &json!({"TermsAndConditionsAccepted": false}))
        .await;
    revoke.error(403, "user_hasnt_accepted_terms_and_conditions");
    let mut payer = natural_payer();
    payer["TermsAndConditionsAccepted"] = json!(true);
    let pid = sb.create("/sca/users/natural", &payer).await["Id"]
        .as_str()
        .unwrap()
        .to_owned();
    let revoke = sb
        .put(
            &format!("/sca/users/natural/{pid}"),
            &json!({"TermsAndConditionsAccepted": false}),
        )
        .await;
    revoke.error(400, "invalid_action");
    let recategorize = sb.put(&rel, &json!({"UserCategory": "PAYER"})).await;
    recategorize.error(400, "param_error");
}

#[tokio::test]
async fn legacy_endpoints_keep_working() {
    let sb = start().await;
    let natural = sb
        .post(
            "/users/natural",
            &json!({
                "FirstName": "Jane", "LastName": "Doe", "Email": "jdoe@example.com",
                "Birthday": 652117514, "Nationality": "FR", "CountryOfResidence": "FR",
                "TermsAndConditionsAccepted": true, "UserCategory": "PAYER", "Capacity": "DECLARATIVE"
            }),
        )
        .await;
    assert_eq!(natural.status, 200, "{}", natural.text());
    let v = natural.json();
    assert!(v.get("PendingUserAction").is_none());
    assert_eq!(v["Birthday"], 652117514, "legacy keeps what it is sent");
    assert_eq!(v["Capacity"], "DECLARATIVE");
    let id = v["Id"].as_str().unwrap();
    // Legacy PUT may turn a PAYER into an OWNER, without SCA (Mangopay's caution).
    let up = sb
        .put(
            &format!("/users/natural/{id}"),
            &json!({"UserCategory": "OWNER"}),
        )
        .await;
    assert_eq!(up.status, 200, "{}", up.text());
    assert_eq!(up.json()["UserCategory"], "OWNER");
    assert_eq!(up.json()["UserStatus"], "ACTIVE");

    let legal = sb
        .post(
            "/users/legal",
            &json!({
                "Name": "Flat Ltd", "LegalPersonType": "BUSINESS", "Email": "flat@example.com",
                "LegalRepresentativeFirstName": "Ann", "LegalRepresentativeLastName": "Lee",
                "LegalRepresentativeEmail": "ann@example.com", "TermsAndConditionsAccepted": false,
                "UserCategory": "PAYER"
            }),
        )
        .await;
    assert_eq!(legal.status, 200, "{}", legal.text());
    let l = legal.json();
    assert_eq!(l["LegalRepresentativeFirstName"], "Ann");
    let sca_view = sb
        .get(&format!("/sca/users/{}", l["Id"].as_str().unwrap()))
        .await
        .json();
    assert_eq!(sca_view["LegalRepresentative"]["FirstName"], "Ann");
    assert_eq!(sca_view["LegalRepresentative"]["Email"], "ann@example.com");
}

#[tokio::test]
async fn the_server_enforces_the_documented_rules_itself() {
    let sb = start().await;
    // Email format, with the server's own message.
    let mut body = natural_payer();
    body["Email"] = json!("not-an-email");
    let e = sb
        .post("/sca/users/natural", &body)
        .await
        .error(400, "param_error");
    assert!(
        e["errors"]["Email"]
            .as_str()
            .unwrap()
            .starts_with("The field Email must match the regular expression"),
        "{e}"
    );

    // Blocked countries (country restrictions), and OWNER fields required on create.
    let mut body = natural_owner();
    body["CountryOfResidence"] = json!("KP");
    body["Address"]["Country"] = json!("IR");
    body.as_object_mut().unwrap().remove("Birthday");
    let e = sb
        .post("/sca/users/natural", &body)
        .await
        .error(400, "param_error");
    assert_eq!(
        e["errors"]["CountryOfResidence"], "The CountryOfResidence used is blocked",
        "{e}"
    );
    assert!(e["errors"]["Address.Country"].is_string(), "{e}");
    assert!(e["errors"]["Birthday"].is_string(), "{e}");

    // Legal owners: representative email and headquarters; KYC types per user type.
    let mut legal = legal_owner();
    legal["LegalRepresentative"]
        .as_object_mut()
        .unwrap()
        .remove("Email");
    let e = sb
        .post("/sca/users/legal", &legal)
        .await
        .error(400, "param_error");
    assert!(e["errors"]["LegalRepresentative.Email"].is_string(), "{e}");
    let id = sb.create("/sca/users/natural", &natural_payer()).await["Id"]
        .as_str()
        .unwrap()
        .to_owned();
    let e = sb
        .post(
            &format!("/users/{id}/kyc/documents"),
            &json!({"Type": "REGISTRATION_PROOF"}),
        )
        .await
        .error(400, "param_error");
    assert!(e["errors"]["Type"].is_string(), "{e}");

    // Bank accounts: the IBAN checksum.
    let e = sb
        .post(
            &format!("/users/{id}/bankaccounts/iban"),
            &json!({"OwnerName": "A", "IBAN": "FR7630004000031234567890144",
                "OwnerAddress": {"AddressLine1": "1 rue", "City": "Paris", "PostalCode": "75001", "Country": "FR"}}),
        )
        .await
        .error(400, "param_error");
    assert!(e["errors"]["IBAN"].is_string(), "{e}");
}

#[tokio::test]
async fn legal_categorize_and_updates_use_the_stored_user() {
    let sb = start().await;
    let payer = json!({
        "Name": "Payer Ltd", "LegalPersonType": "BUSINESS", "Email": "payer.ltd@example.com",
        "LegalRepresentative": {"FirstName": "Ann", "LastName": "Lee", "Email": "ann.lee@example.com"},
        "TermsAndConditionsAccepted": false, "UserCategory": "PAYER"
    });
    let created = sb.create("/sca/users/legal", &payer).await;
    assert_eq!(created["UserStatus"], "ACTIVE");
    let id = created["Id"].as_str().unwrap();
    let rel = format!("/sca/users/legal/{id}/category");
    let body = json!({
        "UserCategory": "OWNER", "TermsAndConditionsAccepted": true,
        "LegalRepresentative": {"Birthday": 652117514, "Nationality": "FR", "CountryOfResidence": "FR"},
        "HeadquartersAddress": {"AddressLine1": "1 rue", "City": "Paris", "PostalCode": "75001", "Country": "FR"}
    });
    // A BUSINESS owner needs a CompanyNumber: not in the body, not stored.
    let e = sb.put(&rel, &body).await.error(400, "param_error");
    assert!(e["errors"]["CompanyNumber"].is_string(), "{e}");
    let mut full = body.clone();
    full["CompanyNumber"] = json!("123456789");
    let ok = sb.put(&rel, &full).await;
    assert_eq!(ok.status, 200, "{}", ok.text());
    let v = ok.json();
    assert_eq!(
        v["LegalRepresentative"]["Email"], "ann.lee@example.com",
        "kept from the stored user"
    );
    assert_eq!(v["UserStatus"], "PENDING_USER_ACTION");
    let redirect = v["PendingUserAction"]["RedirectUrl"].as_str().unwrap();
    sb.finish_sca(redirect, "https://platform.example/", "complete")
        .await;

    // The representative's email is an SCA contact detail: changing it re-enrolls.
    let upd = sb
        .put(
            &format!("/sca/users/legal/{id}"),
            &json!({"LegalRepresentative": {"Email": "ann.new@example.com"}}),
        )
        .await
        .json();
    assert_eq!(upd["UserStatus"], "PENDING_USER_ACTION");
    assert_eq!(upd["LegalRepresentative"]["FirstName"], "Ann");
    assert!(upd["PendingUserAction"]["RedirectUrl"].is_string());
}
