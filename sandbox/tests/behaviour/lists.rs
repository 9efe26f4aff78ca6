use mangopay_wasm::model::{parse_count, parse_link_header};
use serde_json::json;

use crate::common::*;

#[tokio::test]
async fn lists_paginate_sort_and_link() {
    let sb = start().await;
    let mut ids = Vec::new();
    for i in 0..12 {
        let mut body = natural_payer();
        body["Tag"] = json!(format!("user {i}"));
        ids.push(
            sb.create("/sca/users/natural", &body).await["Id"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    let first = sb.get("/users").await;
    assert_eq!(
        first.json().as_array().unwrap().len(),
        10,
        "default per_page is 10"
    );
    assert_eq!(parse_count(first.header("x-number-of-items")), Some(12));
    assert_eq!(parse_count(first.header("x-number-of-pages")), Some(2));

    let page2 = sb
        .get("/users?page=2&per_page=5&Sort=CreationDate:ASC")
        .await;
    assert_eq!(page2.status, 200);
    let items = page2.json();
    let got: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["Id"].as_str().unwrap())
        .collect();
    assert_eq!(
        got,
        ids[5..10].iter().map(String::as_str).collect::<Vec<_>>()
    );
    assert_eq!(page2.header("x-number-of-pages"), Some("3"));
    let links = parse_link_header(page2.header("link").unwrap());
    let base = format!("{}/v2.01/{CLIENT}/users", sb.url);
    assert_eq!(
        links.first.as_deref(),
        Some(format!("{base}?page=1&per_page=5&Sort=CreationDate%3AASC").as_str())
    );
    assert_eq!(
        links.prev.as_deref(),
        Some(format!("{base}?page=1&per_page=5&Sort=CreationDate%3AASC").as_str())
    );
    assert_eq!(
        links.next.as_deref(),
        Some(format!("{base}?page=3&per_page=5&Sort=CreationDate%3AASC").as_str())
    );
    assert_eq!(
        links.last.as_deref(),
        Some(format!("{base}?page=3&per_page=5&Sort=CreationDate%3AASC").as_str())
    );
    // List items carry the key fields only, in the docs' order.
    assert!(page2.text().starts_with("[{\"Id\":"));
    assert_eq!(items[0].as_object().unwrap().len(), 10);

    let desc = sb
        .get("/users?per_page=3&Sort=CreationDate:DESC")
        .await
        .json();
    assert_eq!(desc[0]["Id"], ids[11].as_str());

    let beyond = sb.get("/users?page=9").await;
    assert_eq!(beyond.json(), json!([]));
    // Documented parameters are checked; unknown ones are ignored, as the API does.
    sb.get("/users?per_page=101")
        .await
        .error(400, "param_error");
    sb.get("/users?page=0").await.error(400, "param_error");
    sb.get("/users?Sort=Id:ASC").await.error(400, "param_error");
    assert_eq!(sb.get("/users?utm_source=x").await.status, 200);
}

#[tokio::test]
async fn wallets_transactions_cards_mandates_preauthorizations_are_empty_lists() {
    let sb = start().await;
    let id = sb.create("/sca/users/natural", &natural_payer()).await["Id"]
        .as_str()
        .unwrap()
        .to_owned();
    for list in [
        "wallets",
        "transactions",
        "cards",
        "mandates",
        "preauthorizations",
    ] {
        let r = sb.get(&format!("/users/{id}/{list}")).await;
        assert_eq!(r.status, 200, "{list}: {}", r.text());
        assert_eq!(r.json(), json!([]));
        assert_eq!(r.header("x-number-of-items"), Some("0"));
        assert_eq!(r.header("x-number-of-pages"), Some("0"));
        assert!(r.header("link").unwrap().contains("rel=\"first\""));
    }
    sb.get(&format!(
        "/users/{id}/transactions?Status=SUCCEEDED,FAILED&Type=PAYIN"
    ))
    .await;
    sb.get(&format!("/users/{id}/cards?Active=maybe"))
        .await
        .error(400, "param_error");
    sb.get("/users/user_m_missing/wallets")
        .await
        .error(404, "ressource_not_found");
    sb.get(&format!("/users/{id}/bankaccounts/nope/mandates"))
        .await
        .error(404, "ressource_not_found");
}

#[tokio::test]
async fn bank_accounts_are_created_listed_and_deactivated() {
    let sb = start().await;
    let id = sb.create("/sca/users/natural", &natural_payer()).await["Id"]
        .as_str()
        .unwrap()
        .to_owned();
    let address = json!({"AddressLine1": "1 Mangopay Street", "City": "Paris", "PostalCode": "75001", "Country": "FR"});
    let iban = sb
        .post(
            &format!("/users/{id}/bankaccounts/iban"),
            &json!({"OwnerName": "Alex Smith", "OwnerAddress": address, "IBAN": "FR7630004000031234567890143", "BIC": "BNPAFRPP", "Tag": "main"}),
        )
        .await;
    assert_eq!(iban.status, 200, "{}", iban.text());
    assert!(
        iban.text()
            .starts_with("{\"OwnerAddress\":{\"AddressLine1\""),
        "{}",
        iban.text()
    );
    let account: mangopay_wasm::model::BankAccount = serde_json::from_slice(&iban.body).unwrap();
    assert_eq!(account.active, Some(true));
    assert_eq!(
        account.bank_account_type.as_ref().map(|t| t.as_str()),
        Some("IBAN")
    );
    let account_id = account.id.unwrap();

    let gb = sb
        .post(
            &format!("/users/{id}/bankaccounts/gb"),
            &json!({"OwnerName": "Alex Smith", "OwnerAddress": address, "AccountNumber": "11696419", "SortCode": "010039"}),
        )
        .await;
    assert_eq!(gb.status, 200, "{}", gb.text());
    assert_eq!(gb.json()["Type"], "GB");

    let all = sb.get(&format!("/users/{id}/bankaccounts")).await;
    assert_eq!(all.header("x-number-of-items"), Some("2"));
    let rel = format!("/users/{id}/bankaccounts/{account_id}");
    assert_eq!(
        sb.get(&rel).await.json()["IBAN"],
        "FR7630004000031234567890143"
    );

    let off = sb.put(&rel, &json!({"Active": false})).await;
    assert_eq!(off.status, 200);
    assert_eq!(off.json()["Active"], false);
    sb.put(&rel, &json!({"Active": true}))
        .await
        .error(400, "param_error");
    let active = sb
        .get(&format!("/users/{id}/bankaccounts?Active=true"))
        .await;
    assert_eq!(active.json().as_array().unwrap().len(), 1);
    let mandates = sb.get(&format!("{rel}/mandates")).await;
    assert_eq!(mandates.json(), json!([]));
}

#[tokio::test]
async fn status_emoney_and_data_format_answer_in_their_documented_shapes() {
    let sb = start().await;
    let id = sb.create("/sca/users/natural", &natural_payer()).await["Id"]
        .as_str()
        .unwrap()
        .to_owned();
    for rel in ["blockStatus", "regulatory", "Regulatory"] {
        let r = sb.get(&format!("/users/{id}/{rel}")).await;
        assert_eq!(r.status, 200);
        let s: mangopay_wasm::model::UserBlockStatus = serde_json::from_slice(&r.body).unwrap();
        assert_eq!(s.scope_blocked.and_then(|b| b.inflows), Some(false));
    }
    let e = sb.get(&format!("/users/{id}/emoney/2026/03")).await;
    assert_eq!(e.status, 200);
    assert_eq!(
        e.json()["CreditedEMoney"],
        json!({"Currency": "EUR", "Amount": 0})
    );
    assert_eq!(e.json()["UserId"], id.as_str());
    assert_eq!(
        sb.get(&format!("/users/{id}/emoney/2026")).await.status,
        200
    );
    assert_eq!(
        sb.get(&format!("/users/{id}/emoney/2026/03?Currency=GBP"))
            .await
            .json()["DebitedEMoney"]["Currency"],
        "GBP"
    );
    assert_eq!(
        sb.get(&format!("/users/{id}/emoney/2026/13")).await.status,
        400
    );

    let v = sb
        .post(
            "/users/data-formats/validation",
            &json!({"CompanyNumber": {"CompanyNumber": "AB123456", "CountryCode": "IT"}}),
        )
        .await;
    assert_eq!(v.status, 200, "{}", v.text());
    assert_eq!(
        v.json(),
        json!({"CompanyNumber": {"CompanyNumber": "AB123456", "CountryCode": "IT", "IsValid": true,
            "ValidationRules": ["^[0-9]{11}$|^[a-z]{2}[0-9]{7}$|^[a-z]{2}[0-9]{6}$"]}})
    );
    let bad = sb
        .post(
            "/users/data-formats/validation",
            &json!({"CompanyNumber": {"CompanyNumber": "12", "CountryCode": "FR"}}),
        )
        .await;
    assert_eq!(bad.json()["CompanyNumber"]["IsValid"], false);
}
