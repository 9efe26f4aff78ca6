use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::common::*;

#[tokio::test]
async fn malformed_json_and_wrong_content_types_get_mangopay_errors() {
    let sb = start().await;
    let auth = ("Authorization", format!("Bearer {}", sb.token));
    let malformed = sb
        .send(
            "POST",
            &path("/sca/users/natural"),
            &[auth.clone(), ("Content-Type", "application/json".into())],
            b"{\"FirstName\": ",
        )
        .await;
    let e = malformed.error(400, "param_error");
    assert!(
        e["errors"][""].as_str().unwrap().contains("not valid JSON"),
        "{e}"
    );
    let wrong_type = sb
        .send(
            "POST",
            &path("/sca/users/natural"),
            &[auth.clone(), ("Content-Type", "text/plain".into())],
            b"{}",
        )
        .await;
    wrong_type.error(415, "unsupported_media_type");
    let no_type = sb
        .send(
            "POST",
            &path("/sca/users/natural"),
            std::slice::from_ref(&auth),
            b"{}",
        )
        .await;
    no_type.error(415, "unsupported_media_type");
    let empty = sb
        .send(
            "POST",
            &path("/sca/users/natural"),
            std::slice::from_ref(&auth),
            b"",
        )
        .await;
    empty.error(400, "param_error");
    let array = sb.post("/sca/users/natural", &json!([1, 2])).await;
    array.error(400, "param_error");
    let with_charset = sb
        .send(
            "POST",
            &path("/sca/users/natural"),
            &[
                auth,
                ("Content-Type", "application/json; charset=utf-8".into()),
            ],
            serde_json::to_vec(&natural_payer()).unwrap().as_slice(),
        )
        .await;
    assert_eq!(with_charset.status, 200);
}

#[tokio::test]
async fn oversized_bodies_are_413() {
    let sb = start().await;
    let owner = sb.create("/sca/users/natural", &natural_owner()).await;
    let id = owner["Id"].as_str().unwrap();
    let doc = sb
        .post(
            &format!("/users/{id}/kyc/documents"),
            &json!({"Type": "IDENTITY_PROOF"}),
        )
        .await
        .json();
    let pages = format!(
        "/users/{id}/kyc/documents/{}/pages",
        doc["Id"].as_str().unwrap()
    );
    // 10 MiB + 4 of Base64: over the documented KYC limit, under the body limit.
    let big = "A".repeat(10 * 1024 * 1024 + 4);
    let r = sb.post(&pages, &json!({"File": big})).await;
    r.error(413, "request_entity_too_large");
    // Far over: refused from Content-Length without reading it all.
    let huge = vec![b'A'; 12 * 1024 * 1024];
    let r = sb
        .send(
            "POST",
            &path(&pages),
            &[
                ("Authorization", format!("Bearer {}", sb.token)),
                ("Content-Type", "application/json".into()),
            ],
            &huge,
        )
        .await;
    r.error(413, "request_entity_too_large");
    // Other endpoints take at most 1 MB.
    let mut body = natural_payer();
    body["Tag"] = json!("x".repeat(1_100_000));
    sb.post("/sca/users/natural", &body)
        .await
        .error(413, "request_entity_too_large");
}

#[tokio::test]
async fn unknown_paths_wrong_methods_and_hostile_paths() {
    let sb = start().await;
    let e = sb
        .get("/wallets/123/nothing")
        .await
        .error(404, "ressource_not_found");
    assert_eq!(e["Message"], "The ressource does not exist");
    sb.send("GET", "/", &[], b"")
        .await
        .error(404, "ressource_not_found");
    sb.send("GET", "/v2.00/x/users", &[], b"")
        .await
        .error(404, "ressource_not_found");

    let m = sb.call("PATCH", "/users", None).await;
    m.error(405, "method_not_allowed");
    assert_eq!(m.header("allow"), Some("GET"));
    let d = sb.call("DELETE", "/sca/users/natural", None).await;
    d.error(405, "method_not_allowed");
    assert!(d.header("allow").unwrap().contains("POST"));

    for hostile in [
        "/v2.01/demo-client/users/%2e%2e/%2e%2e/clients",
        "/v2.01/demo-client/users/a%2Fb",
        "/v2.01/demo-client/users/%00",
    ] {
        let r = sb.send("GET", hostile, &[], b"").await;
        assert!(
            r.status == 400 || r.status == 404,
            "{hostile}: {}",
            r.status
        );
        assert!(r.json()["Type"].is_string());
    }
    let long = format!("/v2.01/demo-client/users/{}", "a".repeat(9000));
    assert_eq!(sb.send("GET", &long, &[], b"").await.status, 414);
}

#[tokio::test]
async fn garbage_never_stops_the_server() {
    let sb = start().await;
    for junk in [
        &b"\x00\x01\x02 garbage\r\n\r\n"[..],
        b"GET /v2.01/oauth/token HTTP/9.9\r\n\r\n",
        b"POST /v2.01/demo-client/sca/users/natural HTTP/1.1\r\nContent-Length: 999999\r\n\r\n{",
        b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
        b"GET /v2.01/demo-client/users?\xff\xfe HTTP/1.1\r\nHost: x\r\n\r\n",
    ] {
        let mut s = tokio::net::TcpStream::connect(sb.addr).await.unwrap();
        let _ = s.write_all(junk).await;
        let _ = s.shutdown().await;
        let mut buf = Vec::new();
        let _ =
            tokio::time::timeout(std::time::Duration::from_secs(2), s.read_to_end(&mut buf)).await;
    }
    let mut handles = Vec::new();
    for i in 0..20 {
        let body = natural_payer();
        let sb_addr = sb.addr;
        let token = sb.token.clone();
        handles.push(tokio::spawn(async move {
            let bytes = serde_json::to_vec(&body).unwrap();
            let headers = [
                ("Authorization", format!("Bearer {token}")),
                (
                    "Content-Type",
                    if i % 2 == 0 {
                        "application/json"
                    } else {
                        "text/xml"
                    }
                    .to_owned(),
                ),
            ];
            raw(
                sb_addr,
                "POST",
                &path("/sca/users/natural"),
                &headers,
                &bytes,
            )
            .await
            .unwrap()
            .status
        }));
    }
    let mut statuses = Vec::new();
    for h in handles {
        statuses.push(h.await.unwrap());
    }
    assert_eq!(statuses.iter().filter(|s| **s == 200).count(), 10);
    assert_eq!(statuses.iter().filter(|s| **s == 415).count(), 10);
    assert_eq!(sb.get("/users").await.status, 200);
}

/// Odd but JSON-valid values in every field of every body: answered 200/400/403/404/405/409/
/// 413/415, never a 500 (e.g. a value a validator lets through that the model cannot render).
#[tokio::test]
async fn odd_values_never_break_the_server() {
    let sb = start().await;
    let owner = sb.create("/sca/users/natural", &natural_owner()).await;
    let id = owner["Id"].as_str().unwrap().to_owned();
    let legal = sb.create("/sca/users/legal", &legal_owner()).await;
    let lid = legal["Id"].as_str().unwrap().to_owned();
    let doc = sb
        .post(
            &format!("/users/{id}/kyc/documents"),
            &json!({"Type": "IDENTITY_PROOF"}),
        )
        .await
        .json();
    let doc_id = doc["Id"].as_str().unwrap().to_owned();
    let odd = [
        json!(null),
        json!(true),
        json!(-1),
        json!(1.5),
        json!(1e300),
        json!(""),
        json!(" "),
        json!("7"),
        json!("é".repeat(300)),
        json!([]),
        json!({}),
        json!({"x": [1, {"y": null}]}),
        json!(i64::MAX),
        json!(u64::MAX),
    ];
    let targets: Vec<(&str, String, serde_json::Value)> = vec![
        ("POST", "/sca/users/natural".into(), natural_owner()),
        ("POST", "/sca/users/legal".into(), legal_owner()),
        ("POST", "/users/natural".into(), natural_owner()),
        ("PUT", format!("/sca/users/natural/{id}"), natural_owner()),
        ("PUT", format!("/users/natural/{id}"), natural_owner()),
        ("PUT", format!("/sca/users/legal/{lid}"), legal_owner()),
        (
            "PUT",
            format!("/sca/users/natural/{id}/category"),
            natural_owner(),
        ),
        (
            "POST",
            format!("/users/{id}/kyc/documents"),
            json!({"Type": "IDENTITY_PROOF", "Tag": "t"}),
        ),
        (
            "POST",
            format!("/users/{id}/kyc/documents/{doc_id}/pages"),
            json!({"File": png_b64(33_000)}),
        ),
        (
            "PUT",
            format!("/users/{id}/kyc/documents/{doc_id}"),
            json!({"Status": "VALIDATION_ASKED"}),
        ),
        (
            "POST",
            format!("/users/{id}/bankaccounts/iban"),
            json!({"OwnerName": "A", "IBAN": "FR7630004000031234567890143",
            "OwnerAddress": {"AddressLine1": "1 rue", "City": "Paris", "PostalCode": "75001", "Country": "FR"}}),
        ),
        (
            "POST",
            "/users/data-formats/validation".into(),
            json!({"CompanyNumber": {"CompanyNumber": "AB123456", "CountryCode": "IT"}}),
        ),
    ];
    let mut seen_statuses = std::collections::BTreeSet::new();
    for (method, rel, base) in &targets {
        for v in &odd {
            sb.call(method, rel, Some(v)).await; // the whole body
        }
        // Every field, and every field of the nested objects (Address, LegalRepresentative…).
        let mut paths: Vec<Vec<String>> = Vec::new();
        for (k, v) in base.as_object().unwrap() {
            paths.push(vec![k.clone()]);
            if let Some(inner) = v.as_object() {
                paths.extend(inner.keys().map(|i| vec![k.clone(), i.clone()]));
            }
        }
        for key_path in paths {
            let key = key_path.join(".");
            for v in &odd {
                let mut body = base.clone();
                let mut slot = &mut body;
                for k in &key_path {
                    slot = &mut slot[k.as_str()];
                }
                *slot = v.clone();
                let r = sb.call(method, rel, Some(&body)).await;
                seen_statuses.insert(r.status);
                assert!(
                    r.status < 500,
                    "{method} {rel} with {key} = {v}: {} {}",
                    r.status,
                    r.text()
                );
                if !r.body.is_empty() {
                    r.json();
                }
            }
        }
    }
    assert!(seen_statuses.contains(&400));
    assert_eq!(sb.get(&format!("/sca/users/{id}")).await.status, 200);
    assert_eq!(sb.get("/users?per_page=100").await.status, 200);
}
