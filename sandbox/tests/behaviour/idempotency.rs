use mangopay_wasm::model::ApiResponse;
use serde_json::json;

use crate::common::*;

fn key(k: &str) -> [(&'static str, String); 1] {
    [("Idempotency-Key", k.to_owned())]
}

#[tokio::test]
async fn a_repeated_key_is_409_and_the_first_answer_is_replayed() {
    let sb = start_with(|c| {
        c.credentials
            .push(("other-client".into(), "other-key".into()))
    })
    .await;
    let k = "8c1f6e2a-5d4b-4f7e-9a3c-1b2d3e4f5a6b";
    let first = sb
        .call_with(
            "POST",
            "/sca/users/natural",
            Some(&natural_payer()),
            &key(k),
        )
        .await;
    assert_eq!(first.status, 200);
    let again = sb
        .call_with(
            "POST",
            "/sca/users/natural",
            Some(&natural_payer()),
            &key(k),
        )
        .await;
    let e = again.error(409, "idempotent_creation_conflict");
    assert_eq!(
        e["Message"],
        "A resource has already been created with this Idempotency Key"
    );
    assert_eq!(
        sb.get("/users").await.header("x-number-of-items"),
        Some("1"),
        "processed once"
    );

    let replay = sb.get(&format!("/responses/{k}")).await;
    assert_eq!(replay.status, 200);
    let text = replay.text();
    assert!(
        text.starts_with("{\"StatusCode\":\"200\",\"ContentLength\":\""),
        "{text}"
    );
    let r: ApiResponse = serde_json::from_slice(&replay.body).unwrap();
    assert_eq!(r.status(), Some(200));
    assert_eq!(r.content_length, Some(first.body.len().to_string()));
    assert_eq!(
        r.content_type.as_deref(),
        Some("application/json; charset=utf-8")
    );
    let date = r.date.unwrap();
    assert!(
        date.ends_with(" GMT") && date.len() == 29 && date.as_bytes()[3] == b',',
        "{date}"
    );
    assert_eq!(
        r.request_url.as_deref(),
        Some(format!("{}/v2.01/{CLIENT}/sca/users/natural", sb.url).as_str())
    );
    assert_eq!(r.resource.unwrap(), first.json());

    // Scoped per ClientId.
    let other = sb.token_for("other-client", "other-key").await;
    let elsewhere = sb
        .send(
            "POST",
            "/v2.01/other-client/sca/users/natural",
            &[
                ("Authorization", format!("Bearer {other}")),
                ("Content-Type", "application/json".into()),
                ("Idempotency-Key", k.into()),
            ],
            serde_json::to_vec(&natural_payer()).unwrap().as_slice(),
        )
        .await;
    assert_eq!(elsewhere.status, 200);
    sb.get("/responses/0000000000000000-unknown")
        .await
        .error(404, "ressource_not_found");
}

#[tokio::test]
async fn the_409_applies_whatever_the_first_status_was() {
    let sb = start().await;
    let k = "failed-call-key-0001";
    let bad = sb
        .call_with(
            "POST",
            "/sca/users/natural",
            Some(&json!({"FirstName": "x"})),
            &key(k),
        )
        .await;
    bad.error(400, "param_error");
    let retry = sb
        .call_with(
            "POST",
            "/sca/users/natural",
            Some(&natural_payer()),
            &key(k),
        )
        .await;
    retry.error(409, "idempotent_creation_conflict");
    let replay = sb.get(&format!("/responses/{k}")).await.json();
    assert_eq!(replay["StatusCode"], "400");
    assert_eq!(replay["Resource"]["Type"], "param_error");

    // A body the API cannot read uses up its key too.
    let k2 = "malformed-body-key-01";
    let malformed = sb
        .send(
            "POST",
            &path("/sca/users/natural"),
            &[
                ("Authorization", format!("Bearer {}", sb.token)),
                ("Content-Type", "application/json".into()),
                ("Idempotency-Key", k2.into()),
            ],
            b"{oops",
        )
        .await;
    malformed.error(400, "param_error");
    let retry = sb
        .call_with(
            "POST",
            "/sca/users/natural",
            Some(&natural_payer()),
            &key(k2),
        )
        .await;
    retry.error(409, "idempotent_creation_conflict");

    // Keys are only for POSTs.
    let put = sb
        .call_with("PUT", "/sca/users/natural/nope", Some(&json!({})), &key(k))
        .await;
    put.error(404, "ressource_not_found");
    // Malformed keys are refused.
    let short = sb
        .call_with(
            "POST",
            "/sca/users/natural",
            Some(&natural_payer()),
            &key("short"),
        )
        .await;
    assert!(short.error(400, "param_error")["errors"]["Idempotency-Key"].is_string());
}
