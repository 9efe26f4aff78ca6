use serde_json::json;

use crate::common::*;

#[tokio::test]
async fn the_admin_api_is_off_by_default() {
    let sb = start_with(|c| c.admin = false).await;
    sb.admin("GET", "requests", None)
        .await
        .error(404, "ressource_not_found");
    sb.admin(
        "POST",
        "faults/script",
        Some(&json!({"faults": [{"kind": "drop"}]})),
    )
    .await
    .error(404, "ressource_not_found");
    assert_eq!(sb.get("/users").await.status, 200);
}

#[tokio::test]
async fn the_request_log_shows_what_reached_the_sandbox() {
    let sb = start().await;
    sb.call_with(
        "POST",
        "/sca/users/natural",
        Some(&natural_payer()),
        &[("Idempotency-Key", "log-key-000000000001".into())],
    )
    .await;
    sb.send("GET", "/v2.01/demo-client/users/%2e%2e/x", &[], b"")
        .await;
    let log = sb.admin("GET", "requests", None).await.json();
    let entries = log["requests"].as_array().unwrap();
    assert_eq!(
        entries.len(),
        3,
        "token, create, hostile; admin calls are not logged: {log}"
    );
    let create = &entries[1];
    assert_eq!(create["method"], "POST");
    assert_eq!(create["path"], "/v2.01/demo-client/sca/users/natural");
    assert_eq!(
        create["canonical_path"],
        "/v2.01/demo-client/sca/users/natural"
    );
    assert_eq!(create["endpoint"], "create_natural_sca");
    assert_eq!(create["status"], 200);
    assert_eq!(create["idempotency_key"], "log-key-000000000001");
    assert!(create["time"].as_str().unwrap().ends_with('Z'));
    let hostile = &entries[2];
    assert_eq!(hostile["status"], 400);
    assert!(hostile["canonical_path"].is_null());
    let since = sb
        .admin("GET", &format!("requests?since={}", create["seq"]), None)
        .await
        .json();
    assert_eq!(since["requests"].as_array().unwrap().len(), 1);

    let counters = sb.admin("GET", "counters", None).await.json();
    assert_eq!(counters["total"], 3);
    assert_eq!(counters["by_status"]["200"], 2);
    assert_eq!(counters["by_endpoint"]["create_natural_sca"], 1);

    assert_eq!(sb.admin("POST", "reset", None).await.status, 204);
    assert_eq!(
        sb.get("/users").await.header("x-number-of-items"),
        Some("0"),
        "data forgotten, token kept"
    );
    assert_eq!(
        sb.admin("GET", "requests", None).await.json()["requests"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

/// The admin API answers loopback peers only: reach the sandbox on this machine's own
/// non-loopback address (skipped when the machine has none).
#[tokio::test]
async fn the_admin_api_refuses_non_loopback_peers() {
    let probe = std::net::UdpSocket::bind("0.0.0.0:0").unwrap();
    let local = match probe
        .connect("10.255.255.255:9")
        .and_then(|_| probe.local_addr())
    {
        Ok(a) if !a.ip().is_loopback() && !a.ip().is_unspecified() => a.ip(),
        _ => return,
    };
    let sb = start_with(|c| c.host = "0.0.0.0".parse().unwrap()).await;
    let remote = std::net::SocketAddr::new(local, sb.addr.port());
    let r = raw(remote, "GET", "/__sandbox/requests", &[], b"")
        .await
        .unwrap();
    r.error(403, "forbidden_ressource");
    let same = raw(remote, "POST", "/__sandbox/reset", &[], b"")
        .await
        .unwrap();
    assert_eq!(same.status, 403);
    // The API itself answers them.
    let api = raw(
        remote,
        "GET",
        &path("/users"),
        &[("Authorization", format!("Bearer {}", sb.token))],
        b"",
    )
    .await
    .unwrap();
    assert_eq!(api.status, 200);
}
