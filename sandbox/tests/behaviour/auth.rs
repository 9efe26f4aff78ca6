use std::time::Duration;

use mangopay_wasm::model::OAuthToken;

use crate::common::*;

fn form() -> (&'static str, String) {
    (
        "Content-Type",
        "application/x-www-form-urlencoded".to_owned(),
    )
}

#[tokio::test]
async fn oauth_issues_bearer_tokens_for_the_configured_credentials() {
    let sb = start().await;
    let ok = sb
        .send(
            "POST",
            "/v2.01/oauth/token",
            &[
                ("Authorization", basic(CLIENT, "demo-api-key-0f3c9a7e")),
                form(),
            ],
            b"grant_type=client_credentials",
        )
        .await;
    assert_eq!(ok.status, 200);
    let token: OAuthToken = serde_json::from_slice(&ok.body).unwrap();
    assert_eq!(token.token_type.as_deref(), Some("bearer"));
    assert_eq!(token.expires_in, Some(1200));
    assert_eq!(token.access_token.as_deref().map(str::len), Some(32));
    assert!(ok.header("x-ratelimit").is_some());

    // Wrong key, unknown client, no credentials: 401 invalid_credentials in Mangopay's shape.
    for auth in [
        basic(CLIENT, "wrong"),
        basic("other", "demo-api-key-0f3c9a7e"),
    ] {
        let r = sb
            .send(
                "POST",
                "/v2.01/oauth/token",
                &[("Authorization", auth), form()],
                b"grant_type=client_credentials",
            )
            .await;
        let e = r.error(401, "invalid_credentials");
        assert_eq!(e["Message"], "The authorization credentials are not valid");
    }
    let r = sb
        .send(
            "POST",
            "/v2.01/oauth/token",
            &[form()],
            b"grant_type=client_credentials",
        )
        .await;
    r.error(401, "invalid_credentials");

    // Bad grant type or content type: OAuth-style 400.
    let r = sb
        .send(
            "POST",
            "/v2.01/oauth/token",
            &[
                ("Authorization", basic(CLIENT, "demo-api-key-0f3c9a7e")),
                form(),
            ],
            b"grant_type=password",
        )
        .await;
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["error"], "unsupported_grant_type");
    let r = sb
        .send(
            "POST",
            "/v2.01/oauth/token",
            &[
                ("Authorization", basic(CLIENT, "demo-api-key-0f3c9a7e")),
                ("Content-Type", "application/json".into()),
            ],
            b"{\"grant_type\":\"client_credentials\"}",
        )
        .await;
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["error"], "invalid_request");
}

#[tokio::test]
async fn every_call_needs_a_valid_unexpired_token_for_the_paths_client() {
    let sb = start_with(|c| {
        c.credentials
            .push(("second-client".into(), "second-key".into()));
        c.token_ttl = Duration::from_secs(1);
    })
    .await;
    assert_eq!(sb.get("/users").await.status, 200);

    let bare = sb.send("GET", &path("/users"), &[], b"").await;
    bare.error(401, "invalid_credentials");
    let junk = sb
        .send(
            "GET",
            &path("/users"),
            &[("Authorization", "Bearer nope".into())],
            b"",
        )
        .await;
    junk.error(401, "invalid_credentials");
    let basic_on_api = sb
        .send(
            "GET",
            &path("/users"),
            &[("Authorization", basic(CLIENT, "demo-api-key-0f3c9a7e"))],
            b"",
        )
        .await;
    basic_on_api.error(401, "invalid_credentials");

    // A token of another client does not open this client's paths.
    let other = sb.token_for("second-client", "second-key").await;
    let cross = sb
        .send(
            "GET",
            &path("/users"),
            &[("Authorization", format!("Bearer {other}"))],
            b"",
        )
        .await;
    cross.error(401, "invalid_credentials");
    let own = sb
        .send(
            "GET",
            "/v2.01/second-client/users",
            &[("Authorization", format!("Bearer {other}"))],
            b"",
        )
        .await;
    assert_eq!(own.status, 200);

    // Expired.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let expired = sb.get("/users").await;
    let e = expired.error(401, "invalid_credentials");
    assert!(e["errors"].is_null());
}
