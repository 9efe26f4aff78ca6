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
